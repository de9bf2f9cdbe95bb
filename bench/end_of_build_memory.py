"""Peak memory of the end of a build — the most-cited list, ``ratings.jsonl`` and the agency
index, computed from the store after the extraction loop — for two trees in one run, without
building reports: a synthetic in-memory store (bench/agency_index.py's agencies, places and
rating tallies, each tally also of a report with a file name, documents cited by a count) of N
agencies, each step run alone in a fresh process per tree, alternated.

    python bench/end_of_build_memory.py --agencies 150000 OLD_TREE NEW_TREE

Prints per tree and step: the peak of the process's resident memory above what it held once the
store was loaded (a sampler thread, every 20 ms), the CPU seconds, and the output's sha256 (the
two trees must write the same bytes; the agency index: the sha256 of its rows).
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pyoxigraph as ox

STEPS = ("cited", "ratings", "agencies")


def _rss_mib() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def synthetic_store(agencies: int, folder: Path) -> Any:
    """bench/agency_index.py's store, its tallies made ratings of reports with a file (what the
    rating results read) and a third of its documents cited by a count."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from agency_index import MemoryStore, synthetic_quads  # the tree's own copy of the bench

    from kg.core.namespaces import ENTITIES_GRAPH, FZ, STATS_GRAPH, XSD
    node = ox.NamedNode
    quads = synthetic_quads(agencies)
    stats, entities = node(STATS_GRAPH), node(ENTITIES_GRAPH)
    base = "https://w3id.org/fazhi-kg/"
    for i in range(agencies // 5):
        report = f"{base}report/{i:016x}"
        quads += [ox.Quad(node(f"{report}#rating-0"), node(FZ + "tallyOf"), node(report), stats),
                  ox.Quad(node(f"{report}#rating-0"), node(FZ + "tallyScore"),
                          ox.Literal(str(60 + i % 40), datatype=node(XSD + "integer")), stats),
                  ox.Quad(node(f"{report}#tally"), node(FZ + "tallyFile"), ox.Literal(f"r{i}.txt"), stats)]
    quads += [ox.Quad(node(f"{base}doc/{i:016x}"), node(FZ + "citingReports"),
                      ox.Literal(str(1 + i % 50), datatype=node(XSD + "integer")), entities)
              for i in range(agencies // 3)]
    store = MemoryStore(folder)
    store.ox.bulk_extend(quads)
    return store


def run_step(step: str, agencies: int) -> dict[str, Any]:
    """One step on a fresh synthetic store, in this process (the tree on PYTHONPATH)."""
    import kg.build.corpus as corpus
    from kg.graph import aggregates
    with tempfile.TemporaryDirectory() as tmp:
        store = synthetic_store(agencies, Path(tmp))
        base, peak, done = _rss_mib(), [0.0], threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], _rss_mib())

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        cpu = time.process_time()
        out = Path(tmp) / "out"
        if step == "cited":
            out.write_text(json.dumps(aggregates.most_cited(store), ensure_ascii=False))
        elif step == "ratings":
            params = inspect.signature(corpus._write_ratings).parameters
            if "facts" in params:  # from the rating facts a generation keeps: filled here from the store
                from kg.graph.ratings import close_rating_facts, open_rating_facts
                facts = open_rating_facts(Path(tmp), None)
                facts.fill(store)
                corpus._write_ratings(out, close_rating_facts(facts, Path(tmp)), store)
            else:
                takes_store = "store" in params
                corpus._write_ratings(out, store if takes_store else aggregates.rating_results(store))
        else:  # in kg.build.apart since the index is written beside the ratings, kg.build.corpus before
            write_index = getattr(corpus, "_write_agency_index", None)
            if write_index is None:
                from kg.build.apart import write_agency_index as write_index
            write_index(out, store)
        cpu = time.process_time() - cpu
        done.set()
        sampler.join()
        peak[0] = max(peak[0], _rss_mib())
        if step == "agencies":
            with closing(sqlite3.connect(out)) as db:
                digest = hashlib.sha256()
                for table in ("agency_row", "member", "region_count"):
                    for row in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                        digest.update(repr(row).encode())
            sha = digest.hexdigest()
        else:
            sha = hashlib.sha256(out.read_bytes()).hexdigest()
        return {"step": step, "peak_above_store_mib": round(peak[0] - base, 1), "cpu_s": round(cpu, 2),
                "sha256": sha[:16], "bytes": out.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="*")
    parser.add_argument("--agencies", type=int, default=150_000)
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)  # one step, in this process
    args = parser.parse_args()
    if args.step:
        print(json.dumps(run_step(args.step, args.agencies)))
        return
    for step in STEPS:
        for tree in args.trees:  # alternated: one step of each tree, then the next step
            env = {**os.environ, "PYTHONPATH": tree}
            found = subprocess.run([sys.executable, __file__,
                                    "--agencies", str(args.agencies), "--step", step],
                                   env=env, capture_output=True, text=True, check=True)
            print(json.dumps({"tree": tree, **json.loads(found.stdout)}), flush=True)


if __name__ == "__main__":
    main()
