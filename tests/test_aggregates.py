"""The aggregates file (kg.graph.aggregates) against the RDF it summarizes: the duty counts
equal those of ``duty-matrix.rq`` over every report graph, the most cited those of
``most-cited.rq`` (and each count ``reports-citing-count.rq``), the rating results those of
``evaluation-results.rq`` — on the sample store, after incremental builds that add, change and
drop reports (``tests/test_stats.py`` calls :func:`assert_aggregates_agree` wherever it checks
the stats graph), on the real reports, and for a store built before the file existed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build.corpus import build
from kg.cli import app
from kg.commands.institutions import one_row_per_result
from kg.graph.agency_index import AGENCY_INDEX_FILE
from kg.graph.aggregates import (
    FILE,
    JURISDICTIONS_FILE,
    RATINGS_FILE,
    TOP_CITED,
    add_report,
    empty,
    matrix_row_of,
    most_cited,
)
from kg.graph.ratings import RATING_FACTS_FILE
from kg.query.aggregates import counts_from_matrix_rows, load_aggregates, rating_page
from kg.query.saved import count_reports_citing, run_saved
from kg.store import KGStore
from kg.store.layout import current_generation
from tests.conftest import CORPUS

runner = CliRunner(env={"COLUMNS": "240"})
REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


def expected_ratings(store: KGStore) -> list[dict]:
    """``kg ratings``' rows as the full query gives them (one per result, evaluators merged)."""
    keys = ("year", "evaluated", "evaluatedName", "grade", "score", "rank", "outOf", "report", "file")
    return [{**{k: row[k] for k in keys}, "evaluators": sorted(evaluators)}
            for row, evaluators in one_row_per_result(run_saved(store, "evaluation-results"))]


def assert_aggregates_agree(folder: Path) -> None:
    with KGStore(folder, read_only=True) as store:
        agg = load_aggregates(store, jurisdictions=True)
        assert agg is not None
        expected = counts_from_matrix_rows(run_saved(store, "duty-matrix"))
        assert agg["duties"] == {k: v for k, v in expected.items() if k != "places"}
        assert load_aggregates(store)["duties"]["places"] == expected["places"]
        cited = run_saved(store, "most-cited", limit=TOP_CITED)
        assert agg["most_cited"] == [[r["regulation"], r["reports"], r["title"], r["kindOf"]] for r in cited]
        for iri, n, _, _ in agg["most_cited"][:20]:
            assert count_reports_citing(store, iri) == n
        page = rating_page(store)
        assert page is not None
        total, rows = page
        expected = expected_ratings(store)
        assert total == len(expected) and rows == expected
        # a page is the same slice of the full list, and a filter the same subset
        assert rating_page(store, offset=2, limit=3) == (total, expected[2:5])
        for year in {str(r["year"]) for r in expected if r["year"] is not None}:
            assert rating_page(store, year=int(year)) == (
                sum(str(r["year"]) == year for r in expected), [r for r in expected if str(r["year"]) == year])


def without_aggregates(folder: Path) -> None:
    """The store as the previous version left it: no aggregates files (nor agency index)."""
    generation = current_generation(folder)
    assert generation is not None
    for name in (FILE, JURISDICTIONS_FILE, RATINGS_FILE, AGENCY_INDEX_FILE):
        (generation / name).unlink(missing_ok=True)


def test_aggregates_agree_with_the_report_graphs_on_the_sample(built_store):
    assert_aggregates_agree(built_store)
    with KGStore(built_store, read_only=True) as store:
        assert load_aggregates(store)["duties"]["reports"] == 5


def test_a_report_s_contribution_comes_back_off_exactly():
    row = {"files": ["a.txt", "b.txt"], "years": ["2020"], "places": [],
           "cells": [["https://x/duty/a", "gap", 3], ["https://x/duty/b", "done", 1]]}
    agg = empty()
    add_report(agg, row)
    assert set(agg["duties"]["jurisdictions"]) == {"a.txt", "b.txt"}  # no place: its files, as duty-matrix.rq
    add_report(agg, row, sign=-1)
    assert agg == empty()


def test_the_worker_s_stats_entry_gives_the_row_the_store_keeps(built_store):
    from kg.graph.aggregates import stored_matrix_row
    from kg.graph.stats import report_tally_nquads

    with KGStore(built_store, read_only=True) as store:
        report = run_saved(store, "reports")[0]["r"]
        assert matrix_row_of(report_tally_nquads(store, report)) == stored_matrix_row(store, report) is not None


def test_a_store_without_aggregates_answers_and_gets_them_at_its_next_build(built_store, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(built_store, old, symlinks=True)
    without_aggregates(old)
    with KGStore(old, read_only=True) as store:
        assert load_aggregates(store) is None and rating_page(store) is None
    for args in (["duties", "--by", "summary"], ["ratings"], ["regulations"]):
        new_out = runner.invoke(app, [*args, "--store", str(built_store)])
        old_out = runner.invoke(app, [*args, "--store", str(old)])
        assert new_out.exit_code == old_out.exit_code == 0, old_out.output
        assert new_out.output == old_out.output, args
    assert build([CORPUS], old, jobs=1).extracted == 0
    assert_aggregates_agree(old)


def test_an_unchanged_rebuild_keeps_the_aggregates(built_store, tmp_path):
    store = tmp_path / "again"
    shutil.copytree(built_store, store, symlinks=True)
    before = (current_generation(store) / FILE).read_text("utf-8")
    assert build([CORPUS], store, jobs=1).extracted == 0
    assert (current_generation(store) / FILE).read_text("utf-8") == before
    assert_aggregates_agree(store)


def test_duties_summary_counts_the_reports_of_each_status(built_store):
    result = runner.invoke(app, ["duties", "--by", "summary", "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("5 reports, 4 jurisdictions")
    with KGStore(built_store, read_only=True) as store:
        rows = run_saved(store, "duty-matrix")
    done = {r["report"] for r in rows if r["dutyId"] == "rule-of-law-evaluation" and r["status"] == "done"}
    line = next(line for line in result.output.splitlines() if line.startswith("rule-of-law-evaluation "))
    assert line.split()[2] == str(len(done))


def test_ratings_pages_are_slices_of_the_whole_list(built_store):
    every = runner.invoke(app, ["ratings", "--limit", "0", "--store", str(built_store)])
    page = runner.invoke(app, ["ratings", "--limit", "2", "--offset", "1", "--store", str(built_store)])
    assert every.exit_code == page.exit_code == 0
    total = int(every.output.rsplit("results", 1)[0].split()[-1])
    assert f"{total} results; 2–3 shown; next: --offset 3" in page.output


def test_regulations_reads_the_kept_list_up_to_its_length(built_store):
    with KGStore(built_store, read_only=True) as store:
        # the list holds every document of a small store
        assert len(load_aggregates(store)["most_cited"]) == len(run_saved(store, "most-cited"))


def test_the_most_cited_cut_anywhere_is_the_head_of_the_whole_list(built_store):
    """The list keeps ``top`` counts and rows at most (two scans, not every cited document):
    cut at any length, including inside a run of documents cited as often, it is the head of
    the whole list and the query's first rows."""
    with KGStore(built_store, read_only=True) as store:
        whole = most_cited(store)
        assert len(whole) > 20
        ties = [i for i in range(1, len(whole)) if whole[i][1] == whole[i - 1][1]]
        assert ties  # the sample cites many documents as often: the cut falls inside a run
        for top in (1, 2, 3, 5, 8, 13, ties[len(ties) // 2], len(whole) - 1, len(whole), len(whole) + 5):
            cut = most_cited(store, top=top)
            assert cut == whole[:top], top
            expected = run_saved(store, "most-cited", limit=top)
            assert [(r[1], r[2]) for r in cut] == [(r["reports"], r["title"]) for r in expected], top


def _ratings_text(folder: Path) -> str:
    generation = current_generation(folder)
    assert generation is not None
    return (generation / RATINGS_FILE).read_text("utf-8")


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/corpus/real not beside the checkout")
def test_rating_results_follow_added_and_dropped_reports(tmp_path):
    """The rating facts a generation keeps (kg.graph.ratings) follow the reports a build adds and
    drops; the results written from them equal the query's and those of a store built afresh,
    and a generation without the facts file (an older store's) has it filled from the graphs."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # two evaluation notices (23 and 5 results) and a report rating nobody
    for name in ("r22.txt", "r01.txt"):
        shutil.copy(REAL / name, corpus / name)
    store = tmp_path / "store"
    build([corpus], store, jobs=1)
    assert_aggregates_agree(store)
    assert 0 < len(_ratings_text(store).splitlines()) - 1 < 23
    shutil.copy(REAL / "r11.txt", corpus / "r11.txt")  # added
    (corpus / "r22.txt").unlink()  # dropped
    assert (build([corpus], store, jobs=1).extracted, len(_ratings_text(store).splitlines()) - 1) == (1, 23)
    assert_aggregates_agree(store)
    fresh = tmp_path / "fresh"
    build([corpus], fresh, jobs=1)
    assert _ratings_text(store) == _ratings_text(fresh)
    # an older store: no facts file in its generation; the next build that changes a report fills it
    (current_generation(store) / RATING_FACTS_FILE).unlink()
    shutil.copy(REAL / "r22.txt", corpus / "r22.txt")
    assert build([corpus], store, jobs=1).extracted == 1
    assert (current_generation(store) / RATING_FACTS_FILE).is_file()
    assert_aggregates_agree(store)
    build([corpus], fresh, jobs=1)
    assert _ratings_text(store) == _ratings_text(fresh)
