"""How long a question takes from the command line, as a ratio to starting Python with typer
and pyoxigraph (the least a ``kg`` command can cost), both measured in this one run.

    .venv/bin/python bench/startup.py                 # builds the sample corpus into a temporary store
    .venv/bin/python bench/startup.py --store kg-data --runs 21
    .venv/bin/python bench/startup.py --compare /path/to/older/checkout   # both trees, one run

Runs alternate (baseline, each command, baseline, …) so load on the machine falls on both
sides alike; each figure is the median wall time of ``--runs`` runs. Issue 14 asks for
``kg cites`` ≤ 2.5× the baseline (under 0.3 s).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = [sys.executable, "-c", "import typer, pyoxigraph"]
QUESTIONS = {
    "kg cites (simplified)": ["cites", "重大行政决策程序暂行条例"],
    "kg cites (traditional)": ["cites", "重大行政決策程序暫行條例"],
    "kg report": ["report", "003"],
    "kg regulations": ["regulations", "--top", "10"],
    "kg oversight": ["oversight", "文山市人民政府"],
    "kg sparql (saved)": ["sparql", "most-cited"],
}


def wall(cmd: list[str], env: dict[str, str], tree: Path = ROOT) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tree, text=True,
                          env={**env, "PYTHONPATH": str(tree)})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit {done.returncode}: {done.stderr.strip()[:300]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, default=None, help="a built store (default: build data/corpus)")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--compare", type=Path, default=None,
                    help="another checkout of fazhi-kg whose kg is timed in the same run (e.g. before a change)")
    args = ap.parse_args(argv)
    trees = {"": ROOT, **({f" [{args.compare.name}]": args.compare.resolve()} if args.compare else {})}
    kg = [sys.executable, "-m", "kg"]
    with tempfile.TemporaryDirectory() as tmp:
        # bytecode cached (outside the tree), as an installed package has it, whatever PYTHONDONTWRITEBYTECODE says
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            subprocess.run([*kg, "build", "data/corpus", "--store", str(store)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, env=env)
        for tree in trees.values():  # warm-up: bytecode written, files in the page cache
            for question in QUESTIONS.values():
                wall([*kg, *question, "--store", str(store)], env, tree)
        times: dict[str, list[float]] = {"baseline": []}
        for _ in range(args.runs):
            for name, question in QUESTIONS.items():
                for suffix, tree in trees.items():
                    times["baseline"].append(wall(BASELINE, env))
                    times.setdefault(name + suffix, []).append(wall([*kg, *question, "--store", str(store)], env, tree))
    base = statistics.median(times["baseline"])
    print(f"median of {args.runs} runs; baseline `python -c \"import typer, pyoxigraph\"`: {base * 1000:.0f} ms\n")
    print("| command | ms | × baseline |\n|---|---:|---:|")
    for name, runs in times.items():
        if name != "baseline":
            print(f"| {name} | {statistics.median(runs) * 1000:.0f} | {statistics.median(runs) / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
