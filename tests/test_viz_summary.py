"""``kg viz`` beyond ``--scale-at`` reports: the overview and the oversight view drawn from
bounded aggregates (:mod:`kg.views.summary`), compared with the RDF of the real reports of the
sample corpus (the saved queries over the report graphs, and the whole projection), and the
index listing every report whose page is made on demand."""
from __future__ import annotations

import json
from collections import Counter, defaultdict

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.query.project import project
from kg.query.saved import run_saved
from kg.store import KGStore
from kg.views import write_site
from kg.views.oversight import oversight_view
from kg.views.selection import annotate
from kg.views.site import complete_nodes
from kg.views.summary import oversight_summary, summary_view


def _data_block(html: str) -> dict:
    return json.loads(html.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0])


@pytest.fixture(scope="module")
def overview(built_store):
    with KGStore(built_store, read_only=True) as store:
        yield summary_view(store, regulations=10_000, places=10_000, bodies=10_000)


def test_documents_of_the_overview_are_counted_as_the_report_graphs_cite_them(built_store, overview):
    with KGStore(built_store, read_only=True) as store:
        citing: dict[str, set[str]] = defaultdict(set)
        for row in run_saved(store, "projection-citations"):  # every report graph, one row per report and document
            citing[row["reg"]].add(row["r"])
        most_cited = {row["regulation"]: int(row["reports"]) for row in run_saved(store, "most-cited")}
    shown = {n: d["citations"] for n, d in overview.graph.nodes(data=True) if d["type"] == "regulation"}
    assert shown == most_cited == {reg: len(reports) for reg, reports in citing.items()}


def test_jurisdictions_of_the_overview_hold_their_number_of_reports(built_store, overview):
    with KGStore(built_store, read_only=True) as store:
        per_place = Counter(row["place"] for row in run_saved(store, "projection-reports") if row["place"])
    counts = {n: dict(d["counts"]) for n, d in overview.graph.nodes(data=True) if d["type"] == "jurisdiction"}
    assert {n: int(c["reports here"]) for n, c in counts.items() if c["reports here"] != "0"} == per_place
    # a place's count includes the places under it
    g = overview.graph
    for place, c in counts.items():
        below = [u for u, _, d in g.in_edges(place, data=True) if d["relation"] == "within"]
        assert int(c["reports here and below"]) >= int(c["reports here"]) + sum(
            int(counts[u]["reports here"]) for u in below)


def test_duty_coverage_of_the_overview_equals_the_duty_matrix_of_the_report_graphs(built_store, overview):
    with KGStore(built_store, read_only=True) as store:
        matrix = run_saved(store, "duty-matrix")  # joins every report graph, not the stats graph
    reports: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in matrix:
        if row["duty"]:  # a statement, with or without sentences
            reports[(row["duty"], row["status"])].add(row["report"])
    assert reports
    shown = {}
    for node, data in overview.graph.nodes(data=True):
        if data["type"] == "duty":
            for field, value in data["counts"]:
                if value != "0":
                    shown[(node, field.removeprefix("reports: "))] = int(value)
    assert shown == {key: len(found) for key, found in reports.items()}


def test_the_oversight_view_from_aggregates_is_that_of_the_whole_projection(built_store):
    """Uncapped, the bounded oversight view has the same bodies, levels and edges as the one
    projected from every report graph; capped, it keeps the most connected and says what it left."""
    with KGStore(built_store, read_only=True) as store:
        whole = oversight_view(annotate(complete_nodes(store, project(store)))).graph
        summary = oversight_summary(store, max_nodes=10_000)
        capped = oversight_summary(store, max_nodes=10)
    assert dict(summary.graph.nodes(data="tier")) == dict(whole.nodes(data="tier"))
    assert set(summary.graph.edges(keys=True)) == set(whole.edges(keys=True))
    assert 0 < capped.graph.number_of_nodes() <= 10
    degree = Counter(n for u, v in {(u, v) for u, v in whole.edges()} for n in (u, v))
    tenth = sorted(degree.values(), reverse=True)[9]  # bodies of the 10 most edges (those of no edge between them left)
    assert all(degree[n] >= tenth for n in capped.graph)
    assert any(f"of {whole.number_of_nodes()} (shown: the {capped.graph.number_of_nodes()} with an edge between "
               f"them); left out: {whole.number_of_nodes() - 10} bodies" in note
               for note in capped.notes)


def test_kg_viz_beyond_scale_at_writes_bounded_views_and_an_index_of_every_report(built_store, tmp_path):
    out = tmp_path / "views"
    result = CliRunner().invoke(app, ["viz", "--store", str(built_store), "--out", str(out), "--scale-at", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.html")) == ["graph.html", "index.html", "oversight.html"]
    with KGStore(built_store, read_only=True) as store:
        files = sorted(row["file"] for row in run_saved(store, "reports"))
    index = (out / "index.html").read_text("utf-8")
    assert all(f"kg viz --report {f}" in index for f in files)
    data = _data_block((out / "graph.html").read_text("utf-8"))
    regulation = next(n for n in data["nodes"] if n["kg"]["type"] == "regulation")
    assert any(f[0] == "cited by reports" for f in regulation["kg"]["facts"])
    # one report's page asked for later joins the folder; the index keeps listing the others
    result = CliRunner().invoke(app, ["viz", "--store", str(built_store), "--out", str(out), "--report", files[0]])
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text("utf-8")
    assert f"kg viz --report {files[0]}" not in index and all(f"kg viz --report {f}" in index for f in files[1:])
    assert 'href="report-' in index and 'href="graph.html"' in index


def test_pages_for_every_report_up_to_scale_at(built_store, tmp_path):
    with KGStore(built_store, read_only=True) as store:
        pages = write_site(store, tmp_path, scale_at=5)
    assert sum(p.kind == "report" for p in pages) == 5
    assert "whole graph" in (tmp_path / "graph.html").read_text("utf-8")


def test_a_report_named_exactly_is_found_by_index_as_by_reading_every_report(built_store):
    """`kg viz --report NAME`: a file name or report IRI is looked up in the indexes (reading and
    sorting every report took 20 s at 100,000); the rows equal those of the full query."""
    from kg.views.site import find_reports, reports_in

    with KGStore(built_store, read_only=True) as store:
        every = reports_in(store)
        assert every
        for row in every:
            for name in (row["file"], row["r"]):
                assert find_reports(store, name) == [r for r in every if name in (r["r"], r["file"])]
        part = every[0]["file"][:5]  # a part of a name still reads them all
        assert find_reports(store, part) == [r for r in every if part in r["file"] or part in (r["title"] or "")]
        assert find_reports(store, "no such report") == []
