"""Past one machine (issue 16): what it costs to move a built store elsewhere, and to extract
on a Dask cluster instead of local processes.

On a store built beforehand (``kg build``), as the commands a user types, each a whole process:

1. ``kg export --format nq``: the whole dataset as N-Quads (seconds, MB, lines);
2. a real Oxigraph server (the ``oxigraph`` CLI, ``serve`` on 127.0.0.1, an empty folder),
   then ``kg push --endpoint …/store`` (one Graph Store ``PUT`` per named graph); the server's
   quad count is checked against the store's; beside it, ``oxigraph load`` of the exported
   file into another empty folder (the bulk path a server's owner would take);
3. with ``--corpus DIR --dask-sample N``: ``kg build --jobs 2`` and ``kg build --executor dask
   --jobs 2`` (a ``LocalCluster`` of 2 worker processes) over the same first N report files,
   each into a fresh store, alternated ``--rounds`` times; reports per second and their ratio.

    python bench/beyond.py --store /tmp/s100k --corpus /tmp/c100k --dask-sample 1000 \\
        --workdir /tmp/beyond --json /tmp/beyond.json

Prints a markdown table; raw figures go to ``--json``.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

KG = [sys.executable, "-m", "kg"]
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    seconds = time.perf_counter() - t
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return seconds, done


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def store_quads(store: Path) -> int:
    """Quads in the built store (as ``kg build`` counts them)."""
    from kg.store import KGStore

    with KGStore(store, read_only=True) as kg:
        return len(kg)


def server_quads(port: int) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    req = urllib.request.Request(f"http://127.0.0.1:{port}/query", data=query.encode(),
                                 headers={"Content-Type": "application/sparql-query",
                                          "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=600) as answer:
        return int(json.load(answer)["results"]["bindings"][0]["n"]["value"])


def wait_for(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            raise SystemExit(f"oxigraph serve ended ({proc.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("oxigraph serve did not start")


def export_and_push(store: Path, work: Path) -> dict:
    out: dict = {"store_quads": store_quads(store)}
    nq = work / "export.nq"
    seconds, _ = timed([*KG, "export", "--format", "nq", "--output", str(nq), "--store", str(store)])
    out["export"] = {"s": round(seconds, 1), "mb": round(nq.stat().st_size / 1e6, 1),
                     "lines": sum(1 for _ in nq.open("rb"))}

    served = work / "ox-server"
    shutil.rmtree(served, ignore_errors=True)
    port = free_port()
    server = subprocess.Popen([OXIGRAPH, "serve", "--location", str(served), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, server)
        seconds, done = timed([*KG, "push", "--endpoint", f"http://127.0.0.1:{port}/store", "--store", str(store),
                               "--timeout", "600"])
        out["push"] = {"s": round(seconds, 1), "said": done.stdout.strip().splitlines()[-1:],
                       "server_quads": server_quads(port)}
    finally:
        server.terminate()
        server.wait(30)
    shutil.rmtree(served, ignore_errors=True)

    loaded = work / "ox-load"
    shutil.rmtree(loaded, ignore_errors=True)
    seconds, _ = timed([OXIGRAPH, "load", "--location", str(loaded), "--file", str(nq)])
    out["oxigraph_load"] = {"s": round(seconds, 1)}
    shutil.rmtree(loaded, ignore_errors=True)
    nq.unlink()
    return out


def dask_vs_local(corpus: Path, sample: int, work: Path, rounds: int) -> dict:
    files = sorted(p for p in corpus.iterdir() if p.is_file())[:sample]
    inputs = work / f"sample-{len(files)}"
    if not inputs.exists():
        inputs.mkdir(parents=True)
        for f in files:
            os.link(f, inputs / f.name) if f.stat().st_dev == inputs.stat().st_dev else shutil.copy(f, inputs)
    runs: dict[str, list[float]] = {"local": [], "dask": []}
    for k in range(rounds):
        for name in (("local", "dask") if k % 2 == 0 else ("dask", "local")):
            target = work / f"store-{name}"
            shutil.rmtree(target, ignore_errors=True)
            extra = ["--executor", "dask"] if name == "dask" else []
            seconds, _ = timed([*KG, "build", str(inputs), "--store", str(target), "--jobs", "2", "--rebuild", *extra])
            runs[name].append(round(seconds, 1))
            shutil.rmtree(target, ignore_errors=True)
    best = {name: min(times) for name, times in runs.items()}
    return {"reports": len(files), "seconds": runs,
            "reports_per_s": {name: round(len(files) / s, 2) for name, s in best.items()},
            "dask_over_local": round(best["local"] / best["dask"], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, help="a built store (export and push)")
    ap.add_argument("--corpus", type=Path, help="report folder for the Dask comparison")
    ap.add_argument("--dask-sample", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=1, help="alternated local/dask builds")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kg-beyond"))
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    result: dict = {}
    if args.store:
        result["move"] = export_and_push(args.store, args.workdir)
        m = result["move"]
        print("| store quads | kg export nq s (MB) | kg push s | server quads | oxigraph load s |")
        print("|---|---|---|---|---|")
        print(f"| {m['store_quads']} | {m['export']['s']} ({m['export']['mb']}) | {m['push']['s']} | "
              f"{m['push']['server_quads']} | {m['oxigraph_load']['s']} |")
    if args.corpus:
        d = result["dask"] = dask_vs_local(args.corpus, args.dask_sample, args.workdir, args.rounds)
        print("\n| reports | local --jobs 2 (reports/s) | dask LocalCluster 2 workers (reports/s) | dask ÷ local |")
        print("|---|---|---|---|")
        print(f"| {d['reports']} | {d['reports_per_s']['local']} | {d['reports_per_s']['dask']} | "
              f"{d['dask_over_local']} |")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
