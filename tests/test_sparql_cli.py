"""`kg sparql` as a user types it: files, errors, output formats, duplicate rows, SERVICE."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rdflib.query import Result
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
LABELS = "SELECT ?a ?l WHERE { ?a rdfs:label ?l }"  # an agency named in several reports: once per graph
FILES = "SELECT ?file WHERE { ?r a fz:Report ; fz:fileName ?file } ORDER BY ?file"


def _run(built_store, *argv):
    return runner.invoke(app, ["sparql", *argv, "--store", str(built_store)])


def test_a_missing_rq_file_is_no_such_file(built_store, tmp_path):
    result = _run(built_store, str(tmp_path / "most-citd.rq"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr and "invalid query" not in result.stderr
    (tmp_path / "q.rq").write_text(FILES, "utf-8")  # an existing file is read and run
    assert _run(built_store, str(tmp_path / "q.rq"), "-f", "csv").stdout.count(".txt") == 5


def test_syntax_error_lines_count_the_users_lines(built_store):
    result = _run(built_store, "SELECT *\nWHERE {\n  ?s ?p ?o .\n  FILTER(\n}")
    assert result.exit_code == 2
    assert "error at 5:" in result.stderr, result.stderr  # the closing brace: the query's 5th line


@pytest.mark.parametrize("fmt", ["yaml", "XML", "ttl"])
def test_an_unknown_format_is_an_error(built_store, fmt):
    result = _run(built_store, FILES, "--format", fmt)
    assert result.exit_code == 2 and "unknown --format" in result.stderr and not result.stdout


def test_formats_csv_tsv_json_xml_give_the_same_rows(built_store):
    as_json = [r["file"] for r in json.loads(_run(built_store, FILES, "-f", "json").stdout)]
    assert len(as_json) == 5
    as_csv = [r["file"] for r in csv.DictReader(io.StringIO(_run(built_store, FILES, "-f", "csv").stdout))]
    tsv = _run(built_store, FILES, "-f", "tsv").stdout
    assert tsv.splitlines()[0] == "file"
    as_tsv = [r["file"] for r in csv.DictReader(io.StringIO(tsv), delimiter="\t")]
    xml = _run(built_store, FILES, "-f", "xml").stdout
    parsed = Result.parse(io.StringIO(xml), format="xml")  # SPARQL Query Results XML, as rdflib reads it
    as_xml = [str(row[0]) for row in parsed]
    assert as_json == as_csv == as_tsv == as_xml


def test_xml_keeps_term_kinds_and_ask(built_store):
    query = 'SELECT ?r ?n ?t WHERE { ?r a fz:Report . BIND(1 AS ?n) BIND("法"@zh AS ?t) } LIMIT 1'
    xml = _run(built_store, query, "-f", "xml").stdout
    row = next(iter(Result.parse(io.StringIO(xml), format="xml")))
    assert row[0].__class__.__name__ == "URIRef" and row[1].toPython() == 1 and row[2].language == "zh"
    ask = _run(built_store, "ASK { ?r a fz:Report }", "-f", "xml").stdout
    assert Result.parse(io.StringIO(ask), format="xml").askAnswer is True


def test_default_graph_duplicates_and_distinct(built_store):
    rows = list(csv.reader(io.StringIO(_run(built_store, LABELS, "-f", "csv").stdout)))[1:]
    distinct = list(csv.reader(io.StringIO(_run(built_store, LABELS, "-f", "csv", "--distinct").stdout)))[1:]
    assert len(rows) > len(set(map(tuple, rows)))  # the union of the report graphs repeats rows
    assert sorted(map(tuple, distinct)) == sorted(set(map(tuple, rows)))  # --distinct: each row once
    helped = runner.invoke(app, ["sparql", "--help"], env={"COLUMNS": "200"}).stdout
    assert "--distinct" in helped and "duplicate" in helped


SERVICE = "SELECT * WHERE {\n  SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }\n}"


@pytest.mark.parametrize("query", [
    SERVICE,
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    'SELECT * WHERE { ?s rdfs:label "x" . SERVICE ?where { ?s ?p ?o } VALUES ?where { <http://127.0.0.1:9/> } }',
])
def test_service_is_refused_without_allow_service(built_store, query):
    result = _run(built_store, query)
    assert result.exit_code == 2 and "--allow-service" in result.stderr and not result.stdout


@pytest.mark.parametrize("query", [
    'SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }" }',
    'SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label """a\nSERVICE""" }  # SERVICE <http://127.0.0.1:9/>',
    "SELECT ?service WHERE { ?service a fz:Report }",
])
def test_the_word_service_in_a_string_comment_or_name_is_allowed(built_store, query):
    result = _run(built_store, query, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_allow_service_runs_it(built_store):
    """Given --allow-service the query runs (here: a port Oxigraph refuses to fetch, an error, not a refusal)."""
    result = _run(built_store, SERVICE, "--allow-service")
    assert "--allow-service" not in result.stderr


def _cited_files(output: str) -> set[str]:
    return set(re.findall(r"^  (\S+\.txt)  ", output, re.M))


def test_cites_pages_reach_every_report(built_store):
    """With --limit 1, the four reports citing the 纲要 are reached page by page (--page or
    --offset), each once, and each footer says which range it shows and how to get the next."""
    def cites(*argv):
        result = runner.invoke(app, ["cites", "法治政府建设实施纲要(2015-2020年)", "--limit", "1", *argv,
                                     "--store", str(built_store)], env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.output
        return result.stdout
    every = _cited_files(cites("--limit", "0"))
    assert len(every) == 4
    pages = [cites("--page", str(k)) for k in range(1, 5)]
    assert [len(_cited_files(p)) for p in pages] == [1, 1, 1, 1]
    assert set().union(*map(_cited_files, pages)) == every
    assert "reports 1–1 of 4 shown; next: --offset 1 (or --page 2)" in pages[0]
    assert "reports 3–3 of 4 shown; next: --offset 3" in pages[2]
    assert "reports 4–4 of 4 shown (the last page)" in pages[3]
    assert _cited_files(cites("--offset", "2")) == _cited_files(pages[2])
    assert not _cited_files(cites("--offset", "4")) and "past the last of the 4 reports" in cites("--offset", "4")


def test_construct_prints_n_triples_that_read_back(built_store):
    """`kg sparql` of a CONSTRUCT (the saved evidence-web-annotation) prints N-Triples a
    standard reader parses, one selector per evidence span of the store."""
    import rdflib

    result = _run(built_store, "evidence-web-annotation")
    assert result.exit_code == 0, result.output
    g = rdflib.Graph().parse(data=result.stdout, format="nt")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    selectors = set(g.subjects(rdflib.RDF.type, oa.TextPositionSelector))
    (row,) = json.loads(_run(built_store, "SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE { ?x prov:wasDerivedFrom ?ev }",
                             "--format", "json").stdout)
    assert len(selectors) == row["n"] > 0
