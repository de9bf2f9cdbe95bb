"""A build and the builds after it (issue 16): ``kg build`` of the first N reports of a
generated corpus into a fresh store, again over the unchanged corpus, with the next 10 reports
added, and with them removed again — each a whole process, wall time and peak memory of the
process tree (``run.timed_build``), with the summary ``kg build`` prints.

    python bench/generate.py 100000 /tmp/c100k --seed 0
    python bench/increments.py /tmp/c100k 10000 --workdir /tmp/f10k --json /tmp/f10k.json

The last build's counts equal the first's when the end of a build keeps the shared graphs in
step (``kg.graph.tallies``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import take_first, timed_build  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="a folder made by generate.py")
    ap.add_argument("size", type=int, help="reports in the first build")
    ap.add_argument("--step", type=int, default=10, help="reports added, then removed")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kg-increments"))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--table-files", type=int, help="kg build --table-files: the bound on the database's open "
                    "table files (the writer's memory flat as the store grows)")
    ap.add_argument("--no-fresh", action="store_true",
                    help="the corpus and store in --workdir are a previous run's: time only the builds after "
                         "(at 100,000 reports the fresh build takes 90 minutes)")
    args = ap.parse_args()
    corpus, store = args.workdir / f"corpus-{args.size}", args.workdir / f"store-{args.size}"
    if args.no_fresh:
        if not store.is_dir() or not corpus.is_dir():
            raise SystemExit(f"--no-fresh: no previous run in {args.workdir} ({corpus.name}, {store.name})")
        out: dict = {"size": args.size, "corpus": {"reports": sum(1 for p in corpus.iterdir() if p.is_file())}}
    else:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(store, ignore_errors=True)
        out = {"size": args.size, "corpus": take_first(args.source, args.size, corpus)}

    def build(name: str, rebuild: bool = False) -> None:
        extra = ["--table-files", str(args.table_files)] if args.table_files else []
        out[name] = timed_build(corpus, store, args.jobs, rebuild=rebuild, extra=extra)
        print(name, out[name], flush=True)

    if not args.no_fresh:
        build("fresh", rebuild=True)
    build("unchanged")
    extra = sorted(p for p in args.source.iterdir() if p.is_file())[args.size:args.size + args.step]
    for f in extra:
        os.link(f, corpus / f.name)
    build(f"add {len(extra)}")
    for f in extra:
        (corpus / f.name).unlink()
    build(f"remove {len(extra)}")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
