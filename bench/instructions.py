"""Instructions a tree executes to extract reports (issue 16): a figure that repeats to 0.01 %
run to run on a busy machine, where seconds vary by ±10 %, so that a change of 0.2 % can be
told from noise.

One process per tree runs under ``valgrind --tool=callgrind`` with instrumentation off; it
warms up (tables loaded, patterns compiled, one report extracted), settles as a build's worker
does (``kg.build.corpus.settle``, where the tree has it), then asks for instrumentation to be
switched on (``callgrind_control -i on``) and extracts reports ``--start`` to ``--stop`` of the
corpus, each once. ``PYTHONHASHSEED=0`` keeps set and dict orders, hence the count, the same.

    python bench/generate.py 2000 /tmp/gen --seed 0
    python bench/instructions.py /tmp/gen BEFORE_TREE AFTER_TREE --start 100 --stop 160

About 30 s a tree for 60 reports. Needs valgrind (Debian's package).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def worker(corpus: Path, start: int, stop: int, flag: Path) -> None:
    """Warm up, settle, say so, wait for the go, then extract the reports counted."""
    from kg.build.pipeline import extract_file
    from kg.core.memos import clear_memos

    files = sorted(corpus.glob("*.txt"))
    extract_file(files[-1])
    clear_memos()
    try:
        from kg.build.corpus import settle
    except ImportError:  # a tree from before settling
        pass
    else:
        settle()
    flag.with_suffix(".ready").touch()
    while not flag.with_suffix(".go").exists():
        time.sleep(0.05)
    for f in files[start:stop]:
        extract_file(f)


def count(tree: Path, corpus: Path, start: int, stop: int) -> int:
    """Instructions (callgrind's Ir) ``tree`` executes extracting reports start..stop."""
    with tempfile.TemporaryDirectory(prefix="kg-instructions-") as tmp:
        flag, out = Path(tmp) / "flag", Path(tmp) / "callgrind.out"
        env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
        proc = subprocess.Popen(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             sys.executable, __file__, str(corpus), "--worker", "--start", str(start), "--stop", str(stop),
             "--flag", str(flag)],
            env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while not flag.with_suffix(".ready").exists():
            if proc.poll() is not None:
                raise SystemExit(f"{tree}: the worker ended before it was ready:\n{proc.stderr.read()[-2000:]}")
            time.sleep(0.2)
        subprocess.run(["callgrind_control", "-i", "on", str(proc.pid)], check=True, stdout=subprocess.DEVNULL)
        flag.with_suffix(".go").touch()
        _, err = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"{tree}: the worker failed:\n{err[-2000:]}")
        found = re.search(r"^summary: (\d+)", out.read_text(), re.M)
        if found is None:
            raise SystemExit(f"{tree}: no summary line in {out}")
        return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("trees", type=Path, nargs="*")
    ap.add_argument("--start", type=int, default=100)
    ap.add_argument("--stop", type=int, default=160)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--flag", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.corpus, args.start, args.stop, args.flag)
        return
    first = None
    for tree in args.trees:
        n = count(tree.resolve(), args.corpus.resolve(), args.start, args.stop)
        first = first or n
        print(f"{tree}: {n:,} instructions ({n / (args.stop - args.start) / 1e6:.1f} M a report; "
              f"{(n - first) / first:+.2%} against the first tree)", flush=True)


if __name__ == "__main__":
    main()
