"""The agency index (kg/graph/agency_index.py) at the scale of 100,000 reports without building
them: an in-memory store holding only what the index reads — N agencies (each a jurisdiction,
a name, a category; a third of them under one province, as the largest province of a generated
corpus), documents' names beside them, N/5 rating tallies among other stats entries — then the
time to compute and write the index, its size, and the time of a page and its counts.

    PYTHONPATH=. .venv/bin/python bench/agency_index.py --agencies 150000

Figures are of one run on whatever the machine is doing: compare them with the bare scan
printed beside them (one index scan of the entities graph, the same run), not across runs.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import ENTITIES_GRAPH, FZ, PLACES_GRAPH, RDF, RDFS, SKOS, STATS_GRAPH, XSD
from kg.graph import agency_index
from kg.query.aggregates import agencies_page

BASE = "https://w3id.org/fazhi-kg/"


class MemoryStore:
    """What the index reads of a :class:`kg.store.KGStore`: its Oxigraph store and data folder."""

    def __init__(self, data_dir: Path):
        self.ox = ox.Store()
        self.data_dir = data_dir


def synthetic_quads(agencies: int, seed: int = 0) -> list[ox.Quad]:
    """31 provinces, 300 prefectures (100 of them in the first province), 3,000 counties."""
    rng = random.Random(seed)
    node = ox.NamedNode
    entities, places, stats = node(ENTITIES_GRAPH), node(PLACES_GRAPH), node(STATS_GRAPH)
    provinces = [node(f"{BASE}place/{i:02d}0000") for i in range(31)]
    prefectures = [node(f"{BASE}place/{i:04d}00") for i in range(3100, 3400)]
    counties = [node(f"{BASE}place/{i:06d}") for i in range(500000, 503000)]
    quads = [ox.Quad(p, node(RDFS + "label"), ox.Literal(f"地{p.value[-6:]}", language="zh"), places)
             for p in provinces + prefectures + counties]
    quads += [ox.Quad(p, node(FZ + "withinJurisdiction"), provinces[0] if i < 100 else provinces[i % 31], places)
              for i, p in enumerate(prefectures)]
    quads += [ox.Quad(c, node(FZ + "withinJurisdiction"), prefectures[i % 300], places)
              for i, c in enumerate(counties)]
    every_place = provinces + prefectures + counties
    categories = ["government", "department", "party", "congress", "court", "group"]
    for i in range(agencies):
        agency = node(f"{BASE}agency/{i:016x}")
        quads += [ox.Quad(agency, node(FZ + "jurisdiction"), rng.choice(every_place), entities),
                  ox.Quad(agency, node(SKOS + "prefLabel"), ox.Literal(f"机构{i}"), entities),
                  ox.Quad(agency, node(FZ + "agencyCategory"), ox.Literal(rng.choice(categories)), entities)]
    quads += [ox.Quad(node(f"{BASE}doc/{i:016x}"), node(SKOS + "prefLabel"), ox.Literal(f"文件{i}"), entities)
              for i in range(agencies // 3)]
    for i in range(agencies // 5):
        rating = node(f"{BASE}report/{i:016x}#rating-0")
        quads += [ox.Quad(rating, node(RDF + "type"), node(FZ + "RatingTally"), stats),
                  ox.Quad(rating, node(FZ + "tallyEvaluated"), node(f"{BASE}agency/{rng.randrange(agencies):016x}"),
                          stats),
                  ox.Quad(rating, node(FZ + "tallyEvaluator"), node(f"{BASE}agency/{rng.randrange(agencies):016x}"),
                          stats),
                  ox.Quad(rating, node(FZ + "tallyRatingYear"),
                          ox.Literal(str(rng.randrange(2015, 2024)), datatype=node(XSD + "gYear")), stats),
                  ox.Quad(rating, node(FZ + "tallyGrade"), ox.Literal("优秀", language="zh"), stats)]
    quads += [ox.Quad(node(f"{BASE}report/{i:016x}#tally"), node(RDF + "type"), node(FZ + "ReportTally"), stats)
              for i in range(agencies)]
    return quads


def timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=150_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = MemoryStore(Path(tmp))
        store.ox.bulk_extend(synthetic_quads(args.agencies))
        scan, n = timed(lambda: sum(1 for _ in store.ox.quads_for_pattern(None, None, None,
                                                                            ox.NamedNode(ENTITIES_GRAPH))))
        print(f"{len(store.ox)} quads; a bare scan of the entities graph ({n} quads): {scan:.2f} s")
        path = Path(tmp) / agency_index.AGENCY_INDEX_FILE
        with closing(sqlite3.connect(path)) as db:
            seconds, _ = timed(lambda: agency_index.fill(db, store))
            rows = db.execute("SELECT COUNT(*) FROM agency_row").fetchone()[0]
        print(f"index written (scans, rows, order, members, counts): {seconds:.2f} s, {rows} rows, "
              f"{path.stat().st_size / 1e6:.1f} MB")
        reader: Any = store  # what agencies_page reads of a KGStore: data_dir
        largest = f"{BASE}place/000000"
        for label, regions, category, offset in (("largest province, first page", [largest], None, 0),
                                                 ("largest province, page at row 30,000", [largest], None, 30_000),
                                                 ("largest province, --category court", [largest], "court", 0),
                                                 ("two provinces", [largest, f"{BASE}place/010000"], None, 0)):
            start = time.perf_counter()
            page = agencies_page(reader, regions, category=category, offset=offset, limit=200)
            seconds = time.perf_counter() - start
            assert page is not None
            print(f"{label}: {seconds * 1000:.1f} ms ({page.total} rows, {page.agencies} agencies, "
                  f"{page.ratings} ratings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
