"""Time one `kg build` and its end-of-build phase (the shared graphs and the build counts), for
the tree on PYTHONPATH: before issue 16's tallies that phase is ``refresh_shared_graphs`` +
``_count``; after, ``SharedUpdate()`` (loads the tallies) + ``drop`` + ``finish`` (and ``add``, per report
in the loop, printed apart). Prints one JSON line.

    PYTHONPATH=TREE python bench/end_of_build.py STORE INPUT... [--jobs N]

bench/shared_update.py runs it for two trees in one run.
"""
from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

import kg.build.corpus as corpus

spent: dict[str, float] = {"end": 0.0, "add": 0.0}


def timed(fn: Callable[..., Any], key: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - start
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    shared = getattr(corpus, "SharedUpdate", None)
    if shared is not None:
        shared.__init__ = timed(shared.__init__, "end")  # loads the tallies
        shared.finish = timed(shared.finish, "end")
        shared.drop = timed(shared.drop, "end")
        shared.add = timed(shared.add, "add")
    else:  # before the tallies
        corpus.refresh_shared_graphs = timed(corpus.refresh_shared_graphs, "end")  # type: ignore[attr-defined]
        corpus._count = timed(corpus._count, "end")
    start = time.perf_counter()
    summary = corpus.build(args.inputs, args.store, jobs=args.jobs)
    total = time.perf_counter() - start
    print(json.dumps({"total_s": round(total, 2), "end_s": round(spent["end"], 2), "add_s": round(spent["add"], 2),
                      "reports": summary.reports, "extracted": summary.extracted, "removed": summary.removed,
                      "triples": summary.triples}))


if __name__ == "__main__":
    main()
