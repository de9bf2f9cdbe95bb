"""The stats graph (precomputed aggregates) against the report graphs it is computed from: every
table read from it equals the same table answered by joining the report graphs, on the sample
store, on the real reports, and after incremental builds that add, change and drop reports; and
the commands print the same with and without it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import URIRef
from typer.testing import CliRunner

from kg.build.corpus import build
from kg.cli import app
from kg.graph.aggregates import RATINGS_FILE
from kg.graph.stats import has_current_stats
from kg.graph.terms import STATS_GRAPH
from kg.query.aggregates import load_aggregates
from kg.query.matrix import DutyMatrix, duty_scheme, load_matrix
from kg.query.saved import run_saved
from kg.query.stats import AGGREGATED, duty_matrix_rows
from kg.store import KGStore
from tests.conftest import CORPUS
from tests.test_aggregates import assert_aggregates_agree, without_aggregates

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
runner = CliRunner(env={"COLUMNS": "240"})


def _regions(store: KGStore) -> list[str]:
    """Every place of the places graph: each region `kg agencies` can be asked about."""
    return [row["place"] for row in run_saved(store, "place-names")]


def assert_stats_agree(folder: Path) -> None:
    """Each aggregated table equals its full query, row for row and in the same order."""
    with KGStore(folder, read_only=True) as store:
        assert has_current_stats(store)
        for full, aggregated in AGGREGATED.items():
            if full == "agencies-by-region":
                for region in _regions(store):
                    assert run_saved(store, aggregated, region=URIRef(region)) == \
                        run_saved(store, full, region=URIRef(region)), region
            else:
                rows = run_saved(store, full)
                assert run_saved(store, aggregated) == rows, full
        # the matrix `kg duties` reads from the fz:matrixRow literals, as from the report graphs
        for by in ("report", "jurisdiction"):
            full_matrix = DutyMatrix.from_rows(run_saved(store, "duty-matrix"), duty_scheme(store), by=by)
            assert load_matrix(store, by=by) == full_matrix, by
    assert_aggregates_agree(folder)  # and the aggregates file kept beside the graphs


def _matrix_rows(store: KGStore) -> list[dict] | None:
    """The duty matrix's rows from the stats graph (None: it has none), as ``kg duties`` reads them."""
    return duty_matrix_rows(store, {d.id: d.label for d in duty_scheme(store)})


def without_stats(folder: Path, copy: Path) -> Path:
    """A copy of the store as an older version built it: no stats graph."""
    shutil.copytree(folder, copy, symlinks=True)
    without_aggregates(copy)  # nor the aggregates files
    with KGStore(copy) as store:
        store.remove_graph(str(STATS_GRAPH))
        assert not has_current_stats(store)
    return copy


def _commands(store: KGStore) -> list[list[str]]:
    regions = [row["name"] for row in run_saved(store, "place-names")]
    return [["duties"], ["duties", "--by", "jurisdiction"], ["ratings"], ["ratings", "--year", "2017"],
            ["regulations", "--top", "50"], *(["agencies", "--region", name] for name in regions)]


def assert_same_output(folder: Path, old: Path) -> None:
    with KGStore(folder, read_only=True) as store:
        commands = _commands(store)
    for args in commands:
        new_out = runner.invoke(app, [*args, "--store", str(folder)])
        old_out = runner.invoke(app, [*args, "--store", str(old)])
        assert new_out.exit_code == old_out.exit_code == 0, (args, new_out.output[-500:])
        assert new_out.output == old_out.output, args


def test_stats_tables_equal_the_full_queries_on_the_sample(built_store):
    assert_stats_agree(built_store)


def test_commands_print_the_same_from_the_stats_graph_and_without_it(built_store, tmp_path):
    old = without_stats(built_store, tmp_path / "old")
    assert_same_output(built_store, old)


def test_the_stats_graph_counts_what_the_report_graphs_say(built_store):
    """One cell read directly: the sentences of a (report, duty, status) in the report graph."""
    with KGStore(built_store, read_only=True) as store:
        rows = [r for r in _matrix_rows(store) or [] if r["status"]]
        assert rows and all(r["sentences"] >= 1 for r in rows)
        quotes = run_saved(store, "duty-evidence", duty=URIRef(rows[0]["duty"]))
    said = {q["sentence"] for q in quotes if q["report"] == rows[0]["report"] and q["status"] == rows[0]["status"]}
    assert len(said) <= rows[0]["sentences"]  # a sentence may back two statements of the cell
    assert said


def test_incremental_builds_keep_the_stats_in_step(tmp_path):
    """Add, change, drop reports: the stats graph answers as the report graphs do, and equals the
    stats graph of a store built from scratch over the same files."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(CORPUS.glob("*.txt"))
    for f in files[:3]:
        shutil.copy(f, corpus / f.name)
    store = tmp_path / "store"
    build([corpus], store, jobs=1)
    assert_stats_agree(store)
    (corpus / files[0].name).unlink()  # dropped
    shutil.copy(files[3], corpus / files[3].name)  # added
    changed = corpus / files[1].name  # changed: its first paragraph gone
    changed.write_text(changed.read_text("utf-8").split("\n", 2)[-1], "utf-8")
    summary = build([corpus], store, jobs=1)
    assert (summary.extracted, summary.removed, summary.unchanged) == (2, 2, 1)
    assert_stats_agree(store)
    fresh = tmp_path / "fresh"
    build([corpus], fresh, jobs=1)
    with KGStore(store, read_only=True) as a, KGStore(fresh, read_only=True) as b:
        def stats(s: KGStore) -> set[str]:
            return {str(q) for q in s.iter_quads(str(STATS_GRAPH))}
        assert stats(a) == stats(b)
        # the aggregates kept by adding and subtracting contributions equal those counted afresh
        assert load_aggregates(a, jurisdictions=True) == load_aggregates(b, jurisdictions=True)
        assert (a.data_dir / RATINGS_FILE).read_text("utf-8") == (b.data_dir / RATINGS_FILE).read_text("utf-8")


def test_a_store_without_stats_is_answered_from_the_reports_and_gets_them_next_build(built_store, tmp_path):
    old = without_stats(built_store, tmp_path / "old")
    with KGStore(old, read_only=True) as store:
        assert _matrix_rows(store) is None  # nothing there: the commands fell back
    summary = build([CORPUS], old, jobs=1)  # nothing changed, yet the stats graph is written
    assert summary.extracted == 0
    assert_stats_agree(old)


@pytest.mark.slow
@pytest.mark.skipif(not REAL.is_dir(), reason="shared/corpus/real not beside the checkout")
def test_stats_agree_on_the_real_reports(tmp_path):
    store = tmp_path / "real"
    summary = build([REAL], store, jobs=2)
    assert summary.reports == 40
    assert_stats_agree(store)
    assert_same_output(store, without_stats(store, tmp_path / "old"))
