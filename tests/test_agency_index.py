"""The agency index (kg.graph.agency_index) against the RDF it is computed from: for every place,
its rows, pages and counts equal those of ``agencies-by-region.rq`` (row for row, in order), on
the sample store and on a store of the seeds and real reports; after an incremental build it
equals the index of a fresh build; and ``kg agencies`` prints the same with it and without it
(a store built before it existed, or holding one of another version, asks the query)."""
from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg.build.corpus as corpus_module
from kg.build.apart import SNAPSHOT_FOLDER, agency_index_beside
from kg.build.corpus import build
from kg.cli import app
from kg.core.namespaces import ENTITIES_GRAPH, FZ, PLACES_GRAPH, RDF, RDFS, SKOS, STATS_GRAPH, XSD
from kg.graph.agency_index import AGENCY_INDEX_FILE, fill
from kg.query.aggregates import agencies_page
from kg.query.saved import run_saved
from kg.store import KGStore
from kg.store.layout import current_generation
from tests.conftest import CORPUS

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
runner = CliRunner(env={"COLUMNS": "240"})


def _comparable(rows: list[dict]) -> list[dict]:
    """Rows with the categories as a set: GROUP_CONCAT promises no order within a group."""
    return [{**row, "category": frozenset((row["category"] or "").split())} for row in rows]


def _counts(rows: list[dict]) -> tuple[int, int, int]:
    return len(rows), len({r["agency"] for r in rows}), len({r["rating"] for r in rows if r["rating"]})


def assert_index_agrees(folder: Path) -> None:
    """Every place's rows, counts, pages and categories from the index equal the query's."""
    with KGStore(folder, read_only=True) as store:
        places = [row["place"] for row in run_saved(store, "place-names")]
        regions_with_agencies = 0
        for region in places:
            rows = run_saved(store, "agencies-by-region", region=ox.NamedNode(region))
            regions_with_agencies += bool(rows)
            page = agencies_page(store, [region])
            assert page is not None
            assert _comparable(page.rows) == _comparable(rows), region
            assert (page.total, page.agencies, page.ratings) == _counts(rows), region
            for offset, limit in ((0, 1), (1, 2), (len(rows) - 1, 5), (len(rows) + 3, 2)):
                paged = agencies_page(store, [region], offset=max(offset, 0), limit=limit)
                assert paged is not None
                assert _comparable(paged.rows) == _comparable(rows[max(offset, 0):max(offset, 0) + limit])
                assert paged.total == len(rows)
            for category in {c for row in rows for c in (row["category"] or "").split()}:
                kept = [row for row in rows if category in (row["category"] or "").split()]
                found = agencies_page(store, [region], category=category, offset=1, limit=3)
                assert found is not None
                assert _comparable(found.rows) == _comparable(kept[1:4])
                assert (found.total, found.agencies, found.ratings) == _counts(kept), (region, category)
        assert regions_with_agencies > 1
        # several places at once (a name several places contain): each one's rows in turn
        both = places[:2]
        rows = [row for region in both for row in run_saved(store, "agencies-by-region", region=ox.NamedNode(region))]
        page = agencies_page(store, both, offset=1)
        assert page is not None
        assert _comparable(page.rows) == _comparable(rows[1:])
        assert (page.total, page.agencies, page.ratings) == _counts(rows)


def index_tables(folder: Path, path: Path | None = None) -> dict[str, list[tuple]]:
    """The index's tables (of the store in ``folder``, or the file at ``path``), sorted."""
    if path is None:
        generation = current_generation(folder)
        assert generation is not None
        path = generation / AGENCY_INDEX_FILE
    with closing(sqlite3.connect(path)) as db:
        return {table: sorted(db.execute(f"SELECT * FROM {table}"), key=repr)
                for table in ("meta", "agency_row", "member", "region_count")}


def without_index(folder: Path, copy: Path) -> Path:
    """A copy of the store as a version before the index built it."""
    shutil.copytree(folder, copy, symlinks=True)
    generation = current_generation(copy)
    assert generation is not None
    (generation / AGENCY_INDEX_FILE).unlink()
    return copy


def _agency_commands(store: KGStore) -> Iterator[list[str]]:
    for row in run_saved(store, "place-names"):
        rows = run_saved(store, "agencies-by-region", region=ox.NamedNode(row["place"]))
        yield ["agencies", "--region", row["name"]]
        yield ["agencies", "--region", row["name"], "--limit", "2", "--offset", "1"]
        yield ["agencies", "--region", row["name"], "--limit", "0"]
        yield ["agencies", "--region", row["name"], "--offset", "999"]
        for category in sorted({c for r in rows for c in (r["category"] or "").split()}):
            yield ["agencies", "--region", row["name"], "--category", category, "--limit", "1"]
    yield ["agencies", "--region", "市"]  # several places contain it


def assert_same_agencies_output(folder: Path, old: Path) -> None:
    with KGStore(folder, read_only=True) as store:
        commands = list(_agency_commands(store))
    for args in commands:
        new_out = runner.invoke(app, [*args, "--store", str(folder)])
        old_out = runner.invoke(app, [*args, "--store", str(old)])
        assert new_out.exit_code == old_out.exit_code, (args, new_out.output[-500:], old_out.output[-500:])
        assert new_out.output == old_out.output, args


def test_the_index_agrees_with_the_query_on_the_sample(built_store):
    assert_index_agrees(built_store)


def test_agencies_prints_the_same_with_the_index_and_without_it(built_store, tmp_path):
    old = without_index(built_store, tmp_path / "old")
    with KGStore(old, read_only=True) as store:
        assert agencies_page(store, ["x"]) is None  # no index: the command runs the query
    assert_same_agencies_output(built_store, old)


def test_an_index_of_another_version_is_not_read_and_the_next_build_replaces_it(built_store, tmp_path):
    old = without_index(built_store, tmp_path / "old")
    generation = current_generation(old)
    assert generation is not None
    with closing(sqlite3.connect(generation / AGENCY_INDEX_FILE)) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value)")
        db.execute("INSERT INTO meta VALUES ('version', 0)")
        db.commit()
    with KGStore(old, read_only=True) as store:
        assert agencies_page(store, ["x"]) is None
    assert build([CORPUS], old, jobs=1).extracted == 0  # nothing changed, yet the index is written
    assert index_tables(old) == index_tables(built_store)


def test_an_unchanged_rebuild_links_the_index(built_store, tmp_path):
    store = tmp_path / "again"
    shutil.copytree(built_store, store, symlinks=True)
    before = current_generation(store)
    assert build([CORPUS], store, jobs=1).extracted == 0
    after = current_generation(store)
    assert before is not None and after is not None and before != after
    assert (after / AGENCY_INDEX_FILE).stat().st_ino == (before / AGENCY_INDEX_FILE).stat().st_ino


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/corpus/real not beside the checkout")
def test_the_index_follows_incremental_builds_on_real_reports(tmp_path):
    """Seeds and real reports: the index agrees with the query; a report added and one removed,
    it equals the index of a store built afresh from the same files, and still agrees."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(CORPUS.glob("*.txt"))
    real = [REAL / f"r{n:02d}.txt" for n in (1, 2, 5, 6)]
    for f in [*seeds[:4], *real[:3]]:
        shutil.copy(f, corpus / f.name)
    store = tmp_path / "store"
    build([corpus], store, jobs=2)
    assert_index_agrees(store)
    (corpus / seeds[0].name).unlink()
    shutil.copy(real[3], corpus / real[3].name)
    summary = build([corpus], store, jobs=2)
    assert (summary.extracted, summary.removed) == (1, 1)
    fresh = tmp_path / "fresh"
    build([corpus], fresh, jobs=2)
    assert index_tables(store) == index_tables(fresh)
    assert_index_agrees(store)
    assert_same_agencies_output(store, without_index(store, tmp_path / "old"))


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/corpus/real not beside the checkout")
def test_the_index_reads_the_ratings_from_the_rating_facts_as_from_the_stats_graph(tmp_path):
    """Two evaluation notices (28 results) and a report rating nobody: the index written from the
    generation's rating facts (as a build writes it) equals the one written from the store alone."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("r11.txt", "r22.txt", "r30.txt"):
        shutil.copy(REAL / name, corpus / name)
    store = tmp_path / "store"
    build([corpus], store, jobs=1)
    assert_index_agrees(store)
    scanned = tmp_path / "scanned.sqlite"
    with KGStore(store, read_only=True) as s, closing(sqlite3.connect(scanned)) as db:
        fill(db, s)
    tables = index_tables(store)
    assert tables == index_tables(store, scanned)
    assert sum(row[5] is not None for row in tables["agency_row"]) >= 20  # rows with a rating


def test_the_index_multiplies_and_groups_as_the_query_does(tmp_path):
    """The cases the reports rarely show, written as RDF: two names and two categories of one
    agency, two jurisdictions of one label under one region (one row), a place without a label
    (no row), a rating with two years, with an unnamed evaluator beside a named one, with none,
    a score of 80.0, and ratings tying on the order asked for."""
    n, lit = ox.NamedNode, ox.Literal
    fz, skos, rdfs = FZ, SKOS, RDFS
    entities, places, stats = n(ENTITIES_GRAPH), n(PLACES_GRAPH), n(STATS_GRAPH)
    place = {k: n(f"https://x/place/{k}") for k in ("prov", "a", "a2", "b", "nolabel")}
    quads = [ox.Quad(place[k], n(rdfs + "label"), lit(label, language="zh"), places)
             for k, label in (("prov", "甲省"), ("a", "乙市"), ("a2", "乙市"), ("b", "丙县"))]
    quads += [ox.Quad(place[k], n(fz + "withinJurisdiction"), place["prov"], places) for k in ("a", "a2", "nolabel")]
    quads.append(ox.Quad(place["b"], n(fz + "withinJurisdiction"), place["a"], places))

    def agency(key: str, where: list[str], names: list[str], categories: list[str]) -> ox.NamedNode:
        iri = n(f"https://x/agency/{key}")
        quads.extend(ox.Quad(iri, n(fz + "jurisdiction"), place[w], entities) for w in where)
        quads.extend(ox.Quad(iri, n(skos + "prefLabel"), lit(name), entities) for name in names)
        quads.extend(ox.Quad(iri, n(fz + "agencyCategory"), lit(c), entities) for c in categories)
        return iri

    both = agency("both", ["a", "a2"], ["乙市政府", "乙市人民政府"], ["government", "party"])
    agency("county", ["b"], ["丙县司法局"], ["department"])
    agency("nameless", ["b"], [], [])
    agency("lost", ["nolabel"], ["无名局"], ["department"])
    named = agency("evaluator", [], ["甲省人民政府"], [])
    unnamed = n("https://x/agency/unnamed")

    def rating(key: str, evaluated: ox.NamedNode, evaluators: list[ox.NamedNode], **values: list[ox.Literal]
               ) -> None:
        """In a report graph, and as its stats entry (kg.graph.stats) in the stats graph."""
        iri = n(f"https://x/report/r#rating-{key}")
        for graph, kind, prefix in ((n("https://x/report/r"), "Rating", ""), (stats, "RatingTally", "tally")):
            facts = {"evaluated": [evaluated], "evaluator": evaluators, **values}
            quads.append(ox.Quad(iri, n(RDF + "type"), n(fz + kind), graph))
            for fact, found in facts.items():
                prop = (prefix + fact[0].upper() + fact[1:]) if prefix else fact
                prop = "tallyRatingYear" if prefix and fact == "year" else prop
                quads.extend(ox.Quad(iri, n(fz + prop), v, graph) for v in found)

    year = n(XSD + "gYear")
    rating("1", both, [named, unnamed], year=[lit("2018", datatype=year), lit("2019", datatype=year)],
           grade=[lit("优秀", language="zh")], score=[lit("80.0", datatype=n(XSD + "decimal"))])
    rating("2", both, [], year=[lit("2019", datatype=year)], grade=[lit("良好", language="zh")])
    rating("3", both, [named], year=[lit("2019", datatype=year)], grade=[lit("合格", language="zh")])
    folder = tmp_path / "store"
    with KGStore(folder) as store:
        store.ox.bulk_extend(quads)
        with closing(sqlite3.connect(store.data_dir / AGENCY_INDEX_FILE)) as db:
            fill(db, store)
    with KGStore(folder, read_only=True) as store:
        # the agency of 乙市: 2 names × (rating 1: 2 years × 2 evaluator names, or none; 2 and 3: one
        # each) = 12 rows, once though both its jurisdictions are under 甲省; 丙县: two agencies
        for key, expected in (("prov", 14), ("a", 14), ("a2", 12), ("b", 2)):
            rows = run_saved(store, "agencies-by-region", region=place[key])
            assert len(rows) == expected, key
            page = agencies_page(store, [place[key].value])
            assert page is not None
            assert _comparable(page.rows) == _comparable(rows), key
            assert (page.total, page.agencies, page.ratings) == _counts(rows), key
            assert all(type(a["score"]) is type(b["score"]) for a, b in zip(page.rows, rows, strict=True))


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/corpus/real not beside the checkout")
def test_an_index_written_apart_from_a_snapshot_is_the_index_written_in_the_build(tmp_path, monkeypatch):
    """On a large store another process writes the index from a snapshot of the store while the
    build writes the ratings: the same tables as written in the build's own process, the same
    ratings, no snapshot left in the generation, fresh and after a report is added."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    real = [REAL / f"r{n:02d}.txt" for n in (1, 2, 5, 6, 9)]
    for f in [*sorted(CORPUS.glob("*.txt"))[:3], *real[:4]]:
        shutil.copy(f, corpus / f.name)
    here, apart = tmp_path / "here", tmp_path / "apart"
    build([corpus], here, jobs=1)
    snapshots: list[Path] = []
    taken = KGStore.snapshot
    monkeypatch.setattr(corpus_module, "INDEX_APART_FROM", 0)
    # (a build also starts its generation from a snapshot of the previous one: not counted)
    monkeypatch.setattr(KGStore, "snapshot", lambda self, folder: (
        folder.name == SNAPSHOT_FOLDER and snapshots.append(folder), taken(self, folder))[1])
    build([corpus], apart, jobs=1)
    shutil.copy(real[4], corpus / real[4].name)
    for step in ("fresh", "added"):
        if step == "added":
            build([corpus], apart, jobs=1)
            monkeypatch.undo()
            build([corpus], here, jobs=1)
        assert len(snapshots) == (1 if step == "fresh" else 2)  # written apart, from a snapshot
        assert index_tables(apart) == index_tables(here), step
        assert index_tables(apart)["agency_row"], step
        generations = [current_generation(apart), current_generation(here)]
        assert generations[0] is not None and generations[1] is not None
        assert (generations[0] / "ratings.jsonl").read_bytes() == (generations[1] / "ratings.jsonl").read_bytes()
        assert not (generations[0] / SNAPSHOT_FOLDER).exists()
        assert_index_agrees(apart)


def test_an_index_written_apart_reports_its_failure_and_leaves_no_snapshot(built_store, tmp_path):
    """The process writing the index fails (a folder stands where it goes): the build's process raises with
    its reason; the block fails instead: the writer is stopped. Either way the snapshot goes."""
    copy = tmp_path / "store"
    shutil.copytree(built_store, copy, symlinks=True)
    with KGStore(copy) as store:
        taken = tmp_path / "taken"  # a folder where the index should go: it cannot be renamed there
        (taken / "x").mkdir(parents=True)
        with pytest.raises(RuntimeError, match=r"taken: the agency index could not be written \(.*Error: "):
            with agency_index_beside(store, taken):
                pass
        assert not (store.data_dir / SNAPSHOT_FOLDER).exists()
        with pytest.raises(KeyError):
            with agency_index_beside(store, tmp_path / AGENCY_INDEX_FILE):
                raise KeyError("the ratings failed")
        assert not (store.data_dir / SNAPSHOT_FOLDER).exists()
        with agency_index_beside(store, tmp_path / AGENCY_INDEX_FILE):
            pass
        assert not (store.data_dir / SNAPSHOT_FOLDER).exists()
    with closing(sqlite3.connect(tmp_path / AGENCY_INDEX_FILE)) as db:
        assert db.execute("SELECT COUNT(*) FROM agency_row").fetchone()[0] > 0
