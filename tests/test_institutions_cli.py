"""Institutions: oversight edges around an agency, agencies of a jurisdiction, ratings —
the saved queries on the bundled corpus and the commands as a user types them."""
from __future__ import annotations

import doctest

import pytest
from rdflib import URIRef
from typer.testing import CliRunner

import kg.commands.institutions as institutions
from kg.cli import app
from kg.commands.institutions import find_agencies, find_places, oversight_chains
from kg.core.model import OVERSIGHT_KINDS, Agency, Evidence, Extraction, Metadata, Oversight
from kg.graph.rdf import report_graph
from kg.graph.shared import refresh_shared_graphs
from kg.graph.terms import agency_iri
from kg.query.saved import query_params, run_saved
from kg.store import KGStore
from tests.conftest import CORPUS, seed

runner = CliRunner(env={"COLUMNS": "240"})  # wide enough that table cells never wrap


def _original(file: str) -> str:
    return (CORPUS / file).read_text("utf-8").lstrip("\ufeff")


def _place_iri(store: KGStore, name: str) -> URIRef:
    ((iri, found),) = find_places(store, name)
    assert found == name
    return URIRef(iri)


@pytest.fixture(scope="module")
def kg(built_store):
    with KGStore(built_store, read_only=True) as store:
        yield store


def test_saved_queries_declare_their_parameters():
    assert query_params("oversight-of-agency") == ["agency"]
    assert query_params("agencies-by-region") == ["region"]
    assert query_params("evaluation-results") == []


def test_oversight_rows_are_well_formed_and_quote_the_report(kg):
    edges = kg.query("""SELECT DISTINCT ?a WHERE { GRAPH ?g { ?st rdf:subject ?a ; rdf:predicate ?p }
                        FILTER(?p NOT IN (dcterms:references, fz:mentions)) }""")
    assert edges, "the corpus should give some oversight edges"
    for row in edges[:10]:
        rows = run_saved(kg, "oversight-of-agency", agency=URIRef(row["a"]))
        assert any(r["direction"] == "oversees" for r in rows)
        for r in rows:
            assert r["kind"] in OVERSIGHT_KINDS and r["direction"] in ("oversees", "overseen_by")
            assert r["sentence"] in _original(r["file"])
            # every edge is seen from the other end too, in the opposite direction
            back = run_saved(kg, "oversight-of-agency", agency=URIRef(r["other"]))
            assert any(b["other"] == row["a"] and b["kind"] == r["kind"] and b["direction"] != r["direction"]
                       for b in back)


def test_wenshan_government_is_supervised_by_the_standing_committee(kg):
    rows = run_saved(kg, "oversight-of-agency", agency=agency_iri("文山市人民政府"))
    supervisors = {r["otherName"] for r in rows if r["direction"] == "overseen_by" and r["kind"] == "supervises"}
    assert "文山市人民代表大会常务委员会" in supervisors
    quoted = [r for r in rows if r["otherName"] == "文山市人民代表大会常务委员会" and r["kind"] == "supervises"]
    assert all(r["file"] == seed("004").name and r["sentence"] in _original(r["file"]) for r in quoted)


def test_agencies_of_a_region_include_its_sub_jurisdictions(kg):
    inner_mongolia = run_saved(kg, "agencies-by-region", region=_place_iri(kg, "内蒙古自治区"))
    hinggan = run_saved(kg, "agencies-by-region", region=_place_iri(kg, "兴安盟"))
    arxan = run_saved(kg, "agencies-by-region", region=_place_iri(kg, "阿尔山市"))
    names = lambda rows: {r["name"] for r in rows}  # noqa: E731
    # a county-level city's agencies reach the province through its league (阿尔山市 → 兴安盟 → 内蒙古自治区)
    assert "阿尔山市人民政府" in names(arxan) <= names(hinggan) <= names(inner_mongolia)
    assert "兴安盟行政公署" in names(hinggan) - names(arxan)
    assert "内蒙古自治区人民政府" in names(inner_mongolia) - names(hinggan)
    assert not any(n.startswith(("清远", "文山", "广东")) for n in names(inner_mongolia))
    assert {r["place"] for r in arxan} == {"阿尔山市"}
    assert all(r["category"] for r in inner_mongolia)


def test_evaluation_results_name_both_sides(kg):
    rows = run_saved(kg, "evaluation-results")
    assert rows, "the 2017 evaluation notice rates 盟市 and departments"
    for r in rows:
        assert r["evaluatedName"] and r["file"]
        assert r["grade"] or r["score"] is not None or r["rank"] is not None
        if r["sentence"]:
            assert r["sentence"] in _original(r["file"])


def test_the_evaluation_notice_rates_league_governments(kg):
    rows = run_saved(kg, "evaluation-results")
    rated = {(r["evaluatedName"], str(r["year"]), r["file"]) for r in rows}
    assert ("兴安盟行政公署", "2017", seed("000").name) in rated


# -- commands ------------------------------------------------------------------


def test_oversight_command_names_the_supervisor_with_the_sentence(built_store):
    result = runner.invoke(app, ["oversight", "文山市人民政府", "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    text = result.output.replace("\n", "")
    assert "exact match" in text and "overseen by" in text
    assert "文山市人民代表大会常务委员会" in text and "supervises" in text
    assert seed("004").name in text and "市人大常委会组成调查组" in text


def test_oversight_command_matches_part_of_a_name_and_says_so(built_store):
    result = runner.invoke(app, ["oversight", "文山市人民", "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    assert "contains match" in result.output and "文山市人民政府" in result.output
    vague = runner.invoke(app, ["oversight", "人民政府", "--store", str(built_store)])
    assert vague.exit_code == 1 and "be more specific" in vague.output and "阿尔山市人民政府" in vague.output
    missing = runner.invoke(app, ["oversight", "不存在的机关", "--store", str(built_store)])
    assert missing.exit_code == 1 and "no agency matches" in missing.output


def test_oversight_depth_follows_chains_across_reports(built_store):
    one = runner.invoke(app, ["oversight", "阿尔山市人民政府", "--store", str(built_store)])
    two = runner.invoke(app, ["oversight", "阿尔山市人民政府", "--depth", "2", "--store", str(built_store)])
    assert "兴安盟行政公署" in one.output and "内蒙古自治区人民政府法制办公室" not in one.output
    assert "step 2, of 兴安盟行政公署" in two.output and "内蒙古自治区人民政府法制办公室" in two.output


def _cycle_store(folder) -> KGStore:
    """A store with one synthetic report where A supervises B, B supervises C, C supervises A."""
    text = "甲市人民政府监督乙局。乙局监督丙局。丙局监督甲市人民政府。"
    names = ["甲市人民政府", "乙局", "丙局"]
    ev = [Evidence("cycle.txt", 0, 11, text[:11]), Evidence("cycle.txt", 11, 18, text[11:18]),
          Evidence("cycle.txt", 18, 29, text[18:29])]
    extraction = Extraction(
        "cycle.txt", "ab" * 32, Metadata(title="循环", doc_type="other"),
        agencies=[Agency(n, evidence=[ev[0]]) for n in names],
        oversight=[Oversight(names[i], names[(i + 1) % 3], "supervises", ev[i]) for i in range(3)])
    store = KGStore(folder)
    store.replace_graph(report_graph(extraction))
    refresh_shared_graphs(store)
    return store


def test_oversight_chains_stop_at_cycles(tmp_path):
    with _cycle_store(tmp_path) as store:
        ((root, name),), how = find_agencies(store, "甲市人民政府")
        assert how == "exact"
        edges = oversight_chains(store, root, name, depth=10)
    up = [(e.depth, e.agency_name, e.other_name) for e in edges if e.direction == "overseen_by"]
    down = [(e.depth, e.agency_name, e.other_name) for e in edges if e.direction == "oversees"]
    assert up == [(1, "甲市人民政府", "丙局"), (2, "丙局", "乙局"), (3, "乙局", "甲市人民政府")]
    assert down == [(1, "甲市人民政府", "乙局"), (2, "乙局", "丙局"), (3, "丙局", "甲市人民政府")]


def test_agencies_command_lists_a_county_under_its_province(built_store):
    result = runner.invoke(app, ["agencies", "--region", "内蒙古", "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    text = result.output.replace("\n", "").replace("│", "").replace(" ", "")
    assert "agenciesunder内蒙古自治区" in text
    assert "阿尔山市人民政府" in text and "兴安盟行政公署" in text and "清远" not in text
    congress = runner.invoke(app, ["agencies", "--region", "内蒙古自治区", "--category", "court",
                                   "--store", str(built_store)])
    assert congress.exit_code == 0
    flat = congress.output.replace("\n", "").replace("│", "").replace(" ", "")
    assert "阿尔山市人民法院" in flat and "人民政府" not in flat
    nowhere = runner.invoke(app, ["agencies", "--region", "火星", "--store", str(built_store)])
    assert nowhere.exit_code == 1 and "no jurisdiction matches" in nowhere.output


def test_ratings_command_filters_by_year_and_evaluator(built_store):
    every = runner.invoke(app, ["ratings", "--store", str(built_store)])
    assert every.exit_code == 0, every.output
    total = int(every.output.rsplit("results", 1)[0].split()[-1])
    assert total > 0
    year = runner.invoke(app, ["ratings", "--year", "2017", "--evaluator", "内蒙古", "--store", str(built_store)])
    counted = int(year.output.rsplit("results", 1)[0].split()[-1])
    assert 0 < counted <= total and "兴安盟行政公署" in year.output.replace("\n", "").replace("│", "").replace(" ", "")
    none = runner.invoke(app, ["ratings", "--year", "1990", "--store", str(built_store)])
    assert none.exit_code == 0 and "0 results" in none.output


def test_module_doctests():
    assert doctest.testmod(institutions).failed == 0


def test_one_result_named_with_two_evaluators_is_one_row(built_store):
    from kg.query.saved import run_saved
    from kg.store import KGStore

    with KGStore(built_store, read_only=True) as kg:
        stored = [r for r in run_saved(kg, "evaluation-results") if str(r["year"]) == "2016"]
    assert len({r["evaluatorName"] for r in stored}) == 2  # the store keeps both evaluators
    result = CliRunner().invoke(app, ["ratings", "--year", "2016", "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("81.53") == 1 and "1 results" in result.stdout


# -- diagrams (kg oversight --graph) -------------------------------------------------


def _mermaid_edges(text: str) -> set[tuple[str, str, str]]:
    import re

    names = {i: n.replace("#quot;", '"') for i, n in re.findall(r'^\s+(n\d+)\["(.*)"\]$', text, re.M)}
    edges = re.findall(r'^\s+(n\d+) -->\|"\S+ (\w+)"\| (n\d+)$', text, re.M)
    assert text.startswith("graph TD\n") and len(edges) == text.count("-->")
    return {(names[u], names[v], kind) for u, kind, v in edges}


def _dot_edges(text: str) -> set[tuple[str, str, str]]:
    import re

    names = {i: n.replace('\\"', '"') for i, n in re.findall(r'^\s+(n\d+) \[label="(.*)"\];$', text, re.M)}
    edges = re.findall(r'^\s+(n\d+) -> (n\d+) \[label="\S+ (\w+)"\];$', text, re.M)
    assert text.startswith("digraph oversight {") and text.rstrip().endswith("}") and len(edges) == text.count("->")
    return {(names[u], names[v], kind) for u, v, kind in edges}


@pytest.mark.parametrize("agency", ["文山市人民政府", "阿尔山市人民政府", "清远市人民政府"])
def test_oversight_graph_text_has_exactly_the_edges_of_the_agency(built_store, kg, agency):
    import pyoxigraph as ox

    from kg.graph.terms import FZG, OVERSIGHT_KIND_TO_PROPERTY, SHARED_GRAPHS, SKOS

    # expected: the stored oversight triples touching the agency, read from the quads (no SPARQL)
    ((iri, _),) = find_agencies(kg, agency)[0]
    names = {q.subject.value: q.object.value
             for q in kg.ox.quads_for_pattern(None, ox.NamedNode(str(SKOS.prefLabel)), None,
                                              ox.NamedNode(str(FZG.entities)))}
    shared = {str(g) for g in SHARED_GRAPHS}
    want = {(names[q.subject.value], names[q.object.value], kind)
            for kind, prop in OVERSIGHT_KIND_TO_PROPERTY.items()
            for q in kg.ox.quads_for_pattern(None, ox.NamedNode(str(prop)), None, None)
            if q.graph_name.value not in shared and iri in (q.subject.value, q.object.value)}
    assert want
    for fmt, parse in (("mermaid", _mermaid_edges), ("dot", _dot_edges)):
        result = runner.invoke(app, ["oversight", agency, "--graph", fmt, "--store", str(built_store)])
        assert result.exit_code == 0, result.output
        assert parse(result.output) == want, fmt
        deeper = runner.invoke(app, ["oversight", agency, "--graph", fmt, "--depth", "2", "--store", str(built_store)])
        chains = institutions.diagram_edges(oversight_chains(kg, iri, agency, 2))
        assert parse(deeper.output) == set(chains) >= want and len(chains) == deeper.output.count("->")
    bad = runner.invoke(app, ["oversight", agency, "--graph", "svg", "--store", str(built_store)])
    assert bad.exit_code == 2 and "mermaid" in bad.output


def test_diagram_text_quotes_names_that_would_break_it():
    from kg.query.diagram import dot, mermaid

    edges = [('某"局]', "乙|局\\x", "supervises"), ("甲[局]", "乙|局\\x", "leads")]
    piped = "乙#124;局\\x"  # the pipe would end a Mermaid edge label: an entity code
    assert _mermaid_edges(mermaid(edges)) == {('某"局]', piped, "supervises"), ("甲[局]", piped, "leads")}
    assert _dot_edges(dot(edges)) == {('某"局]', "乙|局\\\\x", "supervises"), ("甲[局]", "乙|局\\\\x", "leads")}
