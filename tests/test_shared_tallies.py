"""The shared graphs kept in step by the tallies (kg.graph.tallies) against the full
recomputation (kg.graph.shared.refresh_shared_graphs' parts, kg.build.corpus._count): after a
first build, after builds that add, change and drop reports, on a store of the previous version
(no tallies) and when the build date moves on, each of the entities, places and time graphs
holds the same quads as the full recomputation gives on the same store, and the build counts
are the same."""
from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.build.apart as apart_module
import kg.graph.tallies as tallies
from kg.build.corpus import _count, build
from kg.core.sparql import saved_query
from kg.graph.shared import entity_quads, places_graph
from kg.graph.tallies import JSON_TALLY_FILE, TALLY_FILE, TALLY_VERSION
from kg.graph.terms import ENTITIES_GRAPH, PLACES_GRAPH, TIME_GRAPH
from kg.graph.timeline import time_quads, today
from kg.store import KGStore
from kg.store.layout import current_generation
from tests.conftest import CORPUS

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared/corpus/real not beside the checkout")


def _triples(quads) -> set[str]:
    return {f"{q.subject} {q.predicate} {q.object}" for q in quads}


def assert_shared_agree(folder: Path, build_date: str | None = None) -> dict:
    """Each shared graph of the store equals its full recomputation, and so do the counts."""
    with KGStore(folder, read_only=True) as store:
        def graph(name) -> set[str]:
            return _triples(store.iter_quads(str(name)))

        assert graph(ENTITIES_GRAPH) == _triples(entity_quads(store))
        names = {row["name"] for row in store.query(saved_query("jurisdiction-names"))}
        places = places_graph(names).serialize(format="nt", encoding="utf-8")
        assert graph(PLACES_GRAPH) == _triples(ox.parse(places, format=ox.RdfFormat.N_TRIPLES))
        assert graph(TIME_GRAPH) == _triples(time_quads(store, build_date or today()))
        manifest = store.manifest()
        assert manifest["counts"] == _count(store)
        assert (store.data_dir / TALLY_FILE).is_file()
        return manifest["counts"]


def _corpus(tmp_path: Path, files: list[Path]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in files:
        shutil.copy(f, corpus / f.name)
    return corpus


@needs_real
def test_incremental_builds_keep_the_shared_graphs_as_the_full_recomputation(tmp_path):
    sample = sorted(CORPUS.glob("*.txt"))
    real = [REAL / f"r{n:02d}.txt" for n in (1, 3, 5, 7, 9, 11)]
    corpus = _corpus(tmp_path, sample[:4] + real[:4])
    store = tmp_path / "store"
    build([corpus], store, jobs=1)
    first = assert_shared_agree(store)
    (corpus / sample[0].name).unlink()  # dropped
    (corpus / real[0].name).unlink()
    for f in (sample[4], real[4], real[5]):  # added
        shutil.copy(f, corpus / f.name)
    changed = corpus / real[1].name  # changed: its first paragraphs gone
    changed.write_text(changed.read_text("utf-8").split("\n", 4)[-1], "utf-8")
    summary = build([corpus], store, jobs=1)
    assert (summary.extracted, summary.removed) == (4, 3)
    second = assert_shared_agree(store)
    assert second != first
    # and the same as a store built from scratch over the same files
    fresh = tmp_path / "fresh"
    build([corpus], fresh, jobs=1)
    assert assert_shared_agree(fresh) == second
    with KGStore(store, read_only=True) as a, KGStore(fresh, read_only=True) as b:
        for name in (ENTITIES_GRAPH, PLACES_GRAPH, TIME_GRAPH):
            assert _triples(a.iter_quads(str(name))) == _triples(b.iter_quads(str(name))), name
    # dropping every report but one, then nothing changed: still in step
    for f in corpus.iterdir():
        if f.name != real[2].name:
            f.unlink()
    build([corpus], store, jobs=1)
    assert_shared_agree(store)
    build([corpus], store, jobs=1)
    assert_shared_agree(store)


def test_a_full_pass_written_in_chunks_is_the_same_graphs(tmp_path, monkeypatch, built_store):
    """A first build writes the entities and time graphs a chunk at a time (bounded memory):
    chunks of a few subjects and quads give the graphs and counts of one chunk."""
    monkeypatch.setattr(tallies, "SUBJECTS_A_CHUNK", 7)
    monkeypatch.setattr(tallies, "QUADS_A_CHUNK", 5)
    build([CORPUS], tmp_path / "store", jobs=1)
    counts = assert_shared_agree(tmp_path / "store")
    with KGStore(built_store, read_only=True) as whole:
        assert counts == whole.manifest()["counts"]


def test_a_store_of_the_previous_version_gets_its_tallies_from_one_full_pass(tmp_path):
    files = sorted(CORPUS.glob("*.txt"))
    corpus = _corpus(tmp_path, files[:3])
    store = tmp_path / "store"
    build([corpus], store, jobs=1)
    with KGStore(store, read_only=True) as s:
        (s.data_dir / TALLY_FILE).unlink()  # as the previous version left it
    shutil.copy(files[3], corpus / files[3].name)
    summary = build([corpus], store, jobs=1)
    assert summary.extracted == 1
    assert_shared_agree(store)
    with KGStore(store, read_only=True) as s:
        (s.data_dir / TALLY_FILE).unlink()
    build([corpus], store, jobs=1)  # nothing changed: the full pass all the same
    assert_shared_agree(store)
    (corpus / files[0].name).unlink()
    build([corpus], store, jobs=1)  # and the tallies it wrote serve the next build
    assert_shared_agree(store)


@needs_real
def test_a_later_build_date_turns_reports_dated_in_between_known(tmp_path, monkeypatch):
    """Built on a day before some reports' dates (their citations unknown), then updated on a
    later day: those citations get their status, as a full recomputation on that day says."""
    real = [REAL / f"r{n:02d}.txt" for n in (1, 3, 5, 7)]
    corpus = _corpus(tmp_path, real[:3])
    store = tmp_path / "store"
    monkeypatch.setattr(tallies, "today", lambda: "2021-01-01")
    build([corpus], store, jobs=1)
    assert_shared_agree(store, "2021-01-01")
    with KGStore(store, read_only=True) as s:
        unknown = s.query("SELECT (COUNT(*) AS ?n) { GRAPH fzg:time { ?c fz:validity 'unknown' } }")[0]["n"]
    monkeypatch.setattr(tallies, "today", lambda: "2025-06-30")
    shutil.copy(real[3], corpus / real[3].name)
    build([corpus], store, jobs=1)
    assert_shared_agree(store, "2025-06-30")
    with KGStore(store, read_only=True) as s:
        later = s.query("SELECT (COUNT(*) AS ?n) { GRAPH fzg:time { ?c fz:validity 'unknown' } }")[0]["n"]
    assert later < unknown  # the reports dated 2021-2024 are no longer unknown
    monkeypatch.setattr(tallies, "today", lambda: "2020-01-01")  # the clock went back: a full pass
    build([corpus], store, jobs=1)
    assert_shared_agree(store, "2020-01-01")


def test_source_date_epoch_is_the_build_date(tmp_path, monkeypatch):
    """Two builds of one corpus on different days are equal when ``SOURCE_DATE_EPOCH`` names
    the day (a CI run crossing midnight UTC once failed on the time graph's date)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13 UTC
    store = tmp_path / "store"
    build([_corpus(tmp_path, sorted(CORPUS.glob("*.txt"))[:2])], store, jobs=1)
    with KGStore(store, read_only=True) as s:
        dates = s.query("SELECT ?d { GRAPH fzg:time { fzg:time dcterms:modified ?d } }")
    assert [str(row["d"]) for row in dates] == ["2023-11-14"]
    assert_shared_agree(store, "2023-11-14")


def _as_previous_version_wrote_them(folder: Path) -> None:
    """Replace a generation's SQLite tallies with the JSON file the previous version wrote
    (its ``Tallies.to_json``: every counter as a dict, then the figures and what the last build
    wrote)."""
    db = sqlite3.connect(folder / TALLY_FILE)
    data: dict = {"version": TALLY_VERSION}
    for tab, name in enumerate(tallies.NESTED):
        nested: dict = {}
        for subject, value, n in db.execute("SELECT subject, value, n FROM nested WHERE tab = ?", (tab,)):
            nested.setdefault(subject, {})[value] = n
        data[name] = nested
    for tab, name in enumerate(tallies.FLAT):
        data[name] = dict(db.execute("SELECT value, n FROM flat WHERE tab = ?", (tab,)))
    meta = dict(db.execute("SELECT key, value FROM meta"))
    data.update(duty=int(meta["duty"]), stats=int(meta["stats"]), build_date=meta["build_date"],
                future=dict(db.execute("SELECT report, date FROM future")), sizes=json.loads(meta["sizes"]),
                docs={reg: json.loads(e) for reg, e in db.execute("SELECT reg, entry FROM docs")},
                events={a: json.loads(e) for a, e in db.execute("SELECT agency, entry FROM events")})
    db.close()
    assert data["labels"] and data["refs"] and data["docs"]  # something to convert
    (folder / TALLY_FILE).unlink()
    (folder / JSON_TALLY_FILE).write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8")))


def test_the_json_tallies_of_the_previous_version_are_converted_not_recomputed(tmp_path, monkeypatch):
    """A store whose tallies are the previous version's JSON file: the next build converts them
    (no full pass reading every kept report's graph) and gives what the full recomputation gives."""
    files = sorted(CORPUS.glob("*.txt"))
    corpus = _corpus(tmp_path, files[:4])
    store = tmp_path / "store"
    build([corpus], store, jobs=1)
    _as_previous_version_wrote_them(current_generation(store))
    read: list[str] = []
    stored = tallies.stored_contribution
    monkeypatch.setattr(tallies, "stored_contribution", lambda s, report: read.append(report) or stored(s, report))
    (corpus / files[0].name).unlink()
    shutil.copy(files[4], corpus / files[4].name)
    summary = build([corpus], store, jobs=1)
    assert (summary.extracted, summary.removed) == (1, 1)
    assert len(read) == 1  # the report dropped, not the 3 kept: no full pass
    counts = assert_shared_agree(store)
    generation = current_generation(store)
    assert not (generation / JSON_TALLY_FILE).exists()
    fresh = tmp_path / "fresh"
    build([corpus], fresh, jobs=1)
    assert assert_shared_agree(fresh) == counts


def test_changes_written_in_small_batches_give_the_same_tallies(tmp_path, monkeypatch):
    """The pending changes go to the file whenever there are FLUSH_AT of them (a build's memory
    for them is bounded): flushed after every report, adding, dropping and changing reports
    give the same shared graphs and counts as a fresh build."""
    monkeypatch.setattr(tallies, "FLUSH_AT", 1)
    files = sorted(CORPUS.glob("*.txt"))
    corpus = _corpus(tmp_path, files[:4])
    store = tmp_path / "store"
    build([corpus], store, jobs=1)
    assert_shared_agree(store)
    (corpus / files[0].name).unlink()  # dropped
    shutil.copy(files[4], corpus / files[4].name)  # added
    changed = corpus / files[1].name  # changed: its first paragraphs gone
    changed.write_text(changed.read_text("utf-8").split("\n", 4)[-1], "utf-8")
    summary = build([corpus], store, jobs=1)
    assert (summary.extracted, summary.removed) == (2, 2)
    counts = assert_shared_agree(store)
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    build([corpus], fresh, jobs=1)
    assert assert_shared_agree(fresh) == counts


def test_a_build_failing_midway_leaves_the_previous_tallies_untouched(tmp_path, monkeypatch):
    """The new generation edits its own copy of the tallies: a build that fails after updating
    them (or while adding) leaves the previous generation's file as it was, and the next build
    carries on from it."""
    files = sorted(CORPUS.glob("*.txt"))
    corpus = _corpus(tmp_path, files[:3])
    store = tmp_path / "store"
    build([corpus], store, jobs=1)
    generation = current_generation(store)
    before = hashlib.sha256((generation / TALLY_FILE).read_bytes()).hexdigest()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    shutil.copy(files[3], corpus / files[3].name)
    (corpus / files[0].name).unlink()
    # after the tallies were updated and renamed into the new generation
    monkeypatch.setattr(apart_module, "write_agency_index", fail)
    with pytest.raises(RuntimeError):
        build([corpus], store, jobs=1)
    monkeypatch.undo()
    monkeypatch.setattr(tallies.Tallies, "flush", fail)  # while writing the contributions
    with pytest.raises(RuntimeError):
        build([corpus], store, jobs=1)
    monkeypatch.undo()
    assert current_generation(store) == generation
    assert hashlib.sha256((generation / TALLY_FILE).read_bytes()).hexdigest() == before
    assert sorted(p.name for p in generation.iterdir() if "tallies" in p.name) == [TALLY_FILE]
    summary = build([corpus], store, jobs=1)
    assert (summary.extracted, summary.removed) == (1, 1)
    assert_shared_agree(store)
