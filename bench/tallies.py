"""The shared tallies' cost, held in memory (the JSON file's Counters, before) and in SQLite
(after), in one run, from the contributions of a built store's reports.

    PYTHONPATH=TREE python bench/tallies.py STORE --old /work/main/kg/graph/tallies.py [--copies 50]

``--old`` is the module holding the Counter tallies (loaded under another name). For each form,
alternated: the CPU seconds of applying every report's contribution (per report), and the
memory the tallies hold once applied (tracemalloc: Python objects; the SQLite form's pages are
its file plus a cache bounded by its ``cache_size``). Then ``--copies`` copies of every
contribution, each copy's subjects and values renamed (a corpus ``--copies`` times larger with
nothing shared between the copies, so more rows than a real corpus of that size): the SQLite
file's rows and bytes, the seconds a new generation's copy of it takes, and the seconds the
Counter form took to read and write its gzipped JSON file of the same tallies (what every build
did before), and the seconds converting that JSON file into the SQLite file takes (once, on
a store of the previous version). Prints one JSON line.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import kg.graph.tallies as new
from kg.store import KGStore


def renamed(c: dict[str, Any], k: int) -> dict[str, Any]:
    """A contribution whose subjects and values are those of ``c`` with ``k`` appended: the same
    shape, counted apart."""
    def term(t: str) -> str:
        return f"{t[:-1]}-{k}>" if t.startswith("<") else f'"{k}{t[1:]}'

    out = dict(c)
    for name in ("types", "labels", "aliases", "kinds", "jur", "cat"):
        out[name] = {term(s): [term(v) if name in ("labels", "aliases") else v for v in vs]
                     for s, vs in c[name].items()}
    out["catalogued"] = {term(s): vs for s, vs in c["catalogued"].items()}
    for name in ("refs", "mentions", "pairs"):
        out[name] = [term(v) for v in c[name]]
    out["places"] = [f"{v}{k}" for v in c["places"]]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--old", required=True, help="the module file of the Counter tallies")
    parser.add_argument("--copies", type=int, default=50)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("old_tallies", args.old)
    assert spec and spec.loader
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    with KGStore(args.store, read_only=True) as store:
        reports = [info["graph"] for info in store.manifest()["reports"].values()]
        contributions = [new.stored_contribution(store, r) for r in reports]
    out: dict[str, Any] = {"reports": len(reports)}
    with tempfile.TemporaryDirectory(dir=Path(args.store).parent) as tmp:
        folder = Path(tmp)
        for round_ in (0, 1, "mem"):  # alternated: old, new, old, new; then traced (slower)
            for form in ("old", "new"):
                if round_ == "mem":
                    tracemalloc.start()
                start = time.process_time()
                if form == "old":
                    t: Any = old.Tallies()
                else:
                    (folder / new.TALLY_FILE).unlink(missing_ok=True)
                    t, _ = new.open_tallies(folder, None, not_after="9999")
                t.track = False
                for c in contributions:
                    t.apply(c, 1)
                if form == "new":
                    t.save()
                cpu = time.process_time() - start
                if round_ == "mem":
                    out[f"{form}_held_MB"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 2)
                    tracemalloc.stop()
                else:
                    out[f"{form}_apply_us_per_report_{round_}"] = round(cpu / len(contributions) * 1e6)
                if form == "new":
                    new.close_tallies(t, folder)
                del t
        # a corpus --copies times larger
        big_old = old.Tallies()
        big_old.track = False
        (folder / new.TALLY_FILE).unlink()
        big_new, _ = new.open_tallies(folder, None, not_after="9999")
        big_new.track = False
        for k in range(args.copies):
            for c in contributions:
                c = renamed(c, k)
                big_old.apply(c, 1)
                big_new.apply(c, 1)
        big_new.flush()
        rows = sum(big_new.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("nested", "flat"))
        new.close_tallies(big_new, folder)
        path = folder / new.TALLY_FILE
        start = time.perf_counter()
        shutil.copyfile(path, folder / "copy.sqlite")
        out["big_reports"] = len(contributions) * args.copies
        out["big_rows"] = rows
        out["big_sqlite_MB"] = round(path.stat().st_size / 2**20, 1)
        out["big_copy_s"] = round(time.perf_counter() - start, 2)
        previous = folder / "previous"  # a generation of the previous version: its JSON file only
        previous.mkdir()
        start = time.perf_counter()
        old._write_json(previous / old.TALLY_FILE, big_old.to_json())
        out["big_json_write_s"] = round(time.perf_counter() - start, 2)
        out["big_json_gz_MB"] = round((previous / old.TALLY_FILE).stat().st_size / 2**20, 1)
        del big_old
        start = time.perf_counter()
        loaded = old.load_tallies(previous)
        out["big_json_load_s"] = round(time.perf_counter() - start, 2)
        del loaded
        tracemalloc.start()
        loaded = old.load_tallies(previous)
        out["big_json_held_MB"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 1)
        tracemalloc.stop()
        del loaded
        converted = folder / "converted"
        converted.mkdir()
        start = time.perf_counter()
        t, carried = new.open_tallies(converted, previous, not_after="9999")
        new.close_tallies(t, converted)
        assert carried
        out["big_convert_s"] = round(time.perf_counter() - start, 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
