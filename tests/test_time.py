"""Time: a citation's status on the report's date, agencies across reforms, one jurisdiction
year by year — on the synthetic reports of tests/fixtures/time (see its README), each derived
output (CLI text, CSV) checked against the RDF of the time graph it comes from."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD
from typer.testing import CliRunner

from kg.cli import app
from kg.core.succession import chain, successor
from kg.core.validity import STATUSES, validity_at
from kg.graph.terms import ELI, FZ, ORG, TIME_GRAPH, agency_iri, regulation_iri
from kg.graph.timeline import time_quads
from kg.query.saved import find_regulations, query_params, reports_citing, run_saved
from kg.query.status import citation_statuses
from kg.store import KGStore

FIXTURES = Path(__file__).parent / "fixtures" / "time"
NOISE = "中华人民共和国环境噪声污染防治法"
runner = CliRunner(env={"COLUMNS": "400"})


# ---- the status of a catalogued document on a date (no store) ------------------------------------
@pytest.mark.parametrize(
    "title, on, status, detail",
    [
        (
            NOISE,
            "2024-01-20",
            "no_longer_in_force",
            {"end_date": "2022-06-05", "successor": "中华人民共和国噪声污染防治法"},
        ),
        (NOISE, "2022-06-05", "no_longer_in_force", {"end_date": "2022-06-05"}),  # the day the successor took effect
        (NOISE, "2022-06-04", "in_force", {"version": "2018-12-29"}),
        # before its one catalogued version (2018-12-29) but after its adoption (1996): amended since,
        # by a version the catalogue does not hold
        (NOISE, "2018-06-01", "amended_since", {"version": None, "latest_version": "2018-12-29"}),
        (
            "中华人民共和国行政复议法",
            "2018-02-07",
            "amended_since",
            {"version": "2017-09-01", "latest_version": "2023-09-01"},
        ),
        (
            "中华人民共和国行政复议法",
            "2023-12-01",
            "amended_since",
            {"version": "2017-09-01"},
        ),  # 2023 version effective 2024-01-01
        ("中华人民共和国行政复议法", "2024-01-20", "in_force", {"version": "2023-09-01"}),
        ("中华人民共和国行政复议法", "1998-01-01", "not_yet_in_force", {}),  # first adopted 1999-04-29
        ("重大行政决策程序暂行条例", "2019-06-01", "not_yet_in_force", {"entry_into_force": "2019-09-01"}),
        ("重大行政决策程序暂行条例", "2019-09-01", "in_force", {}),
        (
            "中华人民共和国契税暂行条例",
            "2022-01-01",
            "no_longer_in_force",
            {"end_date": "2021-09-01", "successor": "中华人民共和国契税法"},
        ),
        (
            "信访条例",
            "2023-01-01",
            "expired_date_unknown",
            {"end_date": None, "successor": None},
        ),  # no successor in the catalogue
        (NOISE, None, "unknown", {"end_date": None}),  # the report gives no date
        (NOISE, "2030-01-01", "unknown", {"end_date": None}),  # after the build date
    ],
)
def test_validity_on_a_date(title, on, status, detail):
    v = validity_at(title, on, today="2026-01-01")
    assert v.status == status, v
    for field, value in detail.items():
        assert getattr(v, field) == value, (field, v)


def test_a_title_outside_the_catalogue_has_no_status():
    assert validity_at("清远市规范性文件制定及管理办法", "2020-01-01", "2026-01-01") is None


def test_expired_catalogue_rows_never_get_a_guessed_end_date():
    """Every expired row is either ended on a date from the catalogue (its successor's first
    effective date, after its own last version) or 'expired, date unknown'."""
    from kg.core.catalog import _rows
    from kg.core.validity import row_validity, versions

    expired = [row for row in _rows() if row["status"] == "expired"]
    assert len(expired) > 80
    ended = 0
    for row in expired:
        v = row_validity(row, "2026-01-01", "2026-01-01")
        assert v.status in ("no_longer_in_force", "expired_date_unknown"), (row["title"], v)
        if v.status == "no_longer_in_force":
            ended += 1
            assert v.end_date >= versions(row)[-1] and v.successor
        else:
            assert v.end_date is None
    assert 1 <= ended < len(expired) // 4  # rules find a few successors, not a guess for each


# ---- succession rules (no store) ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, jurisdiction, new",
    [
        ("清远市法制局", None, "清远市司法局"),
        ("清远市人民政府法制办公室", None, "清远市司法局"),
        ("清远市法制办", None, "清远市司法局"),
        ("广东省人民政府法制办公室", None, "广东省司法厅"),  # a province: 厅
        ("内蒙古自治区法制办", None, "内蒙古自治区司法厅"),
        ("北京市法制办", None, "北京市司法局"),  # a municipality keeps 局
        ("阳山县工商局", None, "阳山县市场监督管理局"),
        ("清远市食品药品监督管理局", None, "清远市市场监督管理局"),
        ("清远市环保局", None, "清远市生态环境局"),
        ("广东省环境保护厅", None, "广东省生态环境厅"),
        ("县法制办", "阳山县", "阳山县司法局"),  # the jurisdiction from the graph when the name has none
        ("县法制办", None, None),  # nothing to say which county
        ("清远市司法局", None, None),
        ("清远市人大常委会法制工作委员会", None, None),
    ],
)
def test_succession_rules(name, jurisdiction, new):
    found = successor(name, jurisdiction)
    assert (found.new if found else None) == new


def test_succession_chain_ends():
    assert [s.new for s in chain("清远市法制局")] == ["清远市司法局"]
    assert chain("清远市司法局") == []


# ---- the store built from the synthetic reports ------------------------------------------------------
@pytest.fixture(scope="module")
def time_store(tmp_path_factory) -> Path:
    from kg.build.corpus import build

    folder = tmp_path_factory.mktemp("kg-time")
    summary = build([FIXTURES], folder, jobs=1)
    assert summary.reports == 7 and not summary.failed
    return folder


@pytest.fixture(scope="module")
def kg(time_store):
    with KGStore(time_store, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def time_graph(kg) -> rdflib.Graph:
    g = rdflib.Graph()
    for q in kg.iter_quads(str(TIME_GRAPH)):
        g.add(tuple(_rdflib(t) for t in (q.subject, q.predicate, q.object)))
    return g


def _rdflib(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return rdflib.BNode(term.value)


def _report(kg, file: str) -> URIRef:
    rows = kg.query("SELECT ?r ?f WHERE { ?r fz:fileName ?f }", {"f": Literal(file)})
    return URIRef(rows[0]["r"])


def _status(g: rdflib.Graph, report: URIRef, title: str):
    reg = regulation_iri(title)
    nodes = [n for n in g.subjects(FZ.report, report) if (n, FZ.regulation, reg) in g]
    assert len(nodes) == 1, (report, title, nodes)
    return nodes[0]


def _invoke(*args: str):
    result = runner.invoke(app, list(args))
    return result


def test_the_time_graph_says_what_each_citation_was_on_the_report_date(kg, time_graph):
    g = time_graph
    expected = {
        ("noise_2023.txt", NOISE): "no_longer_in_force",
        ("yangshan_2018.txt", NOISE): "in_force",
        ("undated_noise.txt", NOISE): "unknown",
        ("yingde_misdated_2099.txt", NOISE): "unknown",
        ("qingyuan_2017.txt", "中华人民共和国行政复议法"): "amended_since",
        ("qingyuan_2017.txt", "重大行政决策程序暂行条例"): "not_yet_in_force",
        ("yangshan_2019.txt", "重大行政决策程序暂行条例"): "in_force",
    }
    for (file, title), status in expected.items():
        node = _status(g, _report(kg, file), title)
        assert str(g.value(node, FZ.validity)) == status, (file, title)
        force = g.value(node, ELI.in_force)
        if status == "unknown":  # never a claim about a date it does not have
            assert force is None and g.value(node, ELI.date_no_longer_in_force) is None
        else:
            assert force == (
                ELI["InForce-notInForce"]
                if status in ("no_longer_in_force", "not_yet_in_force")
                else ELI["InForce-inForce"]
            )
    repealed = regulation_iri(NOISE)
    assert g.value(repealed, ELI.date_no_longer_in_force) == Literal("2022-06-05", datatype=XSD.date)
    assert g.value(repealed, ELI.repealed_by) == regulation_iri("中华人民共和国噪声污染防治法")
    versions = {
        str(g.value(v, ELI.version_date))
        for v in g.objects(regulation_iri("中华人民共和国行政复议法"), ELI.is_realized_by)
    }
    assert versions == {"2017-09-01", "2023-09-01"}
    assert {str(o) for o in g.objects(None, FZ.validity)} <= set(STATUSES)


def test_a_date_after_the_build_date_is_unknown_never_repealed(kg):
    """The same store judged as if built on 2020-06-01: every report dated later is unknown."""
    quads = time_quads(kg, build_date="2020-06-01")
    validity = {}
    dates = {}
    for q in quads:
        if q.predicate.value == str(FZ.validity):
            validity[q.subject] = q.object.value
        if q.predicate.value == str(DCTERMS.date):
            dates[q.subject] = q.object.value
    assert validity
    for node, status in validity.items():
        if node in dates and dates[node] > "2020-06-01":
            assert status == "unknown"
    assert "no_longer_in_force" not in validity.values()  # the noise law was in force on every earlier date


def test_kg_stale_lists_the_2023_citation_and_its_csv_is_the_graph(kg, time_graph, tmp_path):
    out = tmp_path / "stale.csv"
    result = _invoke("stale", "--store", str(kg.folder), "--csv", str(out))
    assert result.exit_code == 0, result.output
    assert f"noise_2023.txt  2024-01-20  《{NOISE}》: no longer in force since 2022-06-05" in result.output
    assert "undated_noise.txt" not in result.output and "yingde" not in result.output
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    noise = [r for r in rows if r["document"] == NOISE]
    assert {r["report"] for r in noise} == {"noise_2023.txt"}  # 2018's citation was in force then
    assert {r["end_date"] for r in noise} == {"2022-06-05"} and len(noise) == 2  # two citing sentences
    # every CSV row is a stale fz:CitationStatus of the time graph, with its date and end date
    g = time_graph
    for r in rows:
        node = _status(g, _report(kg, r["report"]), r["document"])
        assert (
            str(g.value(node, FZ.validity))
            == r["status"]
            in ("no_longer_in_force", "expired_date_unknown", "amended_since")
        )
        assert str(g.value(node, DCTERMS.date) or "") == r["date"]
        end = g.value(node, ELI.date_no_longer_in_force)
        assert r["end_date"] == (str(end) if end else ("" if r["status"] == "amended_since" else "unknown"))
    stale_nodes = {
        n
        for n, s in g.subject_objects(FZ.validity)
        if str(s) in ("no_longer_in_force", "expired_date_unknown", "amended_since")
    }
    assert len({(r["report"], r["document"]) for r in rows}) == len(stale_nodes)


@pytest.mark.parametrize(
    "args, files",
    [
        (("--year", "2023"), {"noise_2023.txt"}),
        (("--region", "阳山县"), {"noise_2023.txt", "yangshan_2018.txt", "yangshan_2019.txt"}),
        (("--region", "清远市", "--expired"), {"noise_2023.txt"}),  # 阳山县 is in 清远市; amended_since left out
        (("--year", "2017"), {"qingyuan_2017.txt"}),
    ],
)
def test_kg_stale_filters(kg, tmp_path, args, files):
    out = tmp_path / "s.csv"
    result = _invoke("stale", "--store", str(kg.folder), "--csv", str(out), *args)
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8") as fh:
        assert {r["report"] for r in csv.DictReader(fh)} == files


def test_saved_stale_query_needs_no_parameter(kg):
    assert query_params("stale-citations") == []
    assert query_params("citation-status") == ["report", "regulation"]  # ?report optional: one page
    assert query_params("compare-duties") == ["region"]


def test_kg_cites_and_report_show_the_status_on_the_report_date(kg):
    result = _invoke("cites", "环境噪声污染防治法", "--store", str(kg.folder))
    assert result.exit_code == 0, result.output
    assert (
        "catalogue: expired — no longer in force since 2022-06-05, replaced by 中华人民共和国噪声污染防治法"
        in result.output
    )
    assert "undated_noise.txt  (no date): status unknown (the report gives no date)" in result.output
    assert "yangshan_2018.txt  (2019-01-15): in force" in result.output
    assert "repealed" not in result.output and "no longer in force since 2022-06-05 (replaced" in result.output
    report = _invoke("report", "noise_2023", "--store", str(kg.folder))
    assert report.exit_code == 0, report.output
    assert "⚠ no longer in force since 2022-06-05" in report.output and "⚠ 1 documents" in report.output
    undated = _invoke("report", "undated_noise", "--store", str(kg.folder))
    assert "status unknown" in undated.output and "⚠" not in undated.output
    future = _invoke("report", "yingde", "--store", str(kg.folder))
    assert "status unknown (report date 2099-01-20 is after the build date" in future.output


def test_a_page_of_citation_statuses_read_from_the_status_nodes_is_what_the_query_gives(kg):
    # kg cites reads the statuses of the page it prints from each report's status node, not with
    # the saved query: for every document and report of the store the rows must be the query's
    regulations = {row["regulation"] for row in run_saved(kg, "citation-status")}
    assert len(regulations) >= 3
    compared = 0
    for iri in regulations:
        page = [row["report"] for row in reports_citing(kg, iri)]
        queried = {report: row for report in page for row in run_saved(
            kg, "citation-status", regulation=URIRef(iri), report=URIRef(report))}
        assert citation_statuses(kg, iri, page) == queried == citation_statuses(kg, iri)
        compared += len(queried)
    assert compared >= 8
    # an undated report's row has no date; a report not citing the document has no row
    ((noise, _, _),) = find_regulations(kg, "环境噪声污染防治法")
    rows = citation_statuses(kg, noise, [row["report"] for row in reports_citing(kg, noise)])
    assert any(row["date"] is None for row in rows.values()) and any(row["endDate"] for row in rows.values())
    other = next(iri for iri in regulations if iri != noise)
    stranger = next(r for r in (row["report"] for row in reports_citing(kg, other)) if r not in rows)
    assert citation_statuses(kg, noise, [stranger]) == {} and citation_statuses(kg, noise, []) == {}


def test_change_events_are_org_terms_and_kg_lineage_prints_the_chain(kg, time_graph):
    g = time_graph
    old, new = agency_iri("清远市法制局"), agency_iri("清远市司法局")
    (event,) = set(g.objects(old, ORG.changedBy))
    assert (event, RDF.type, ORG.ChangeEvent) in g
    assert (
        event,
        ORG.originalOrganization,
        agency_iri("清远市人民政府法制办公室"),
    ) in g  # 市法制办 joins the same event
    assert (event, ORG.resultingOrganization, new) in g and (new, ORG.resultedFrom, event) in g
    assert str(g.value(event, rdflib.URIRef("http://www.w3.org/ns/prov#startedAtTime"))).startswith("2018-")
    assert not set(g.objects(new, ORG.changedBy))  # the 司法局 is where the chain ends
    result = _invoke("lineage", "清远市法制局", "--store", str(kg.folder))
    assert result.exit_code == 0, result.output
    assert "now 清远市司法局" in result.output
    assert "清远市法制局 → 清远市司法局   2018–2019 机构改革" in result.output
    # each line of the chain is an event row of the saved query
    for row in run_saved(kg, "agency-lineage"):
        assert f"{row['originalName']} → {row['resultingName']}" in result.output
    assert "清远市法制局: qingyuan_2017.txt (2017)" in result.output
    assert "清远市司法局: qingyuan_2020.txt (2020)" in result.output
    back = _invoke("lineage", "清远市司法局", "--store", str(kg.folder))
    assert "清远市法制局 → 清远市司法局" in back.output


def test_kg_lineage_of_a_name_no_report_uses(kg):
    result = _invoke("lineage", "广州市环保局", "--store", str(kg.folder))
    assert result.exit_code == 0 and "广州市环保局 → 广州市生态环境局" in result.output
    assert _invoke("lineage", "某某委员会", "--store", str(kg.folder)).exit_code == 1
    none = _invoke("lineage", "阳山县人民政府", "--store", str(kg.folder))
    assert none.exit_code == 0 and "no reform recorded" in none.output


def test_follow_lineage_treats_old_and_new_names_as_one_body(kg):
    plain = _invoke("--lang", "en", "oversight", "阳山县人民政府", "--store", str(kg.folder))
    assert "guides           清远市法制局" in plain.output and "guides           清远市司法局" in plain.output
    followed = _invoke("--lang", "en", "oversight", "阳山县人民政府", "--follow-lineage", "--store", str(kg.folder))
    assert followed.exit_code == 0, followed.output
    assert "guides           清远市法制局" not in followed.output
    assert followed.output.count("guides           清远市司法局") == 1
    assert "(清远市司法局 as 清远市法制局)" in followed.output
    body = _invoke("oversight", "清远市法制局", "--follow-lineage", "--store", str(kg.folder))
    assert "one body across reforms" in body.output
    assert "(as 清远市法制局)" in body.output and "(as 清远市司法局)" in body.output
    agencies = _invoke("agencies", "--region", "清远市", "--follow-lineage", "--store", str(kg.folder))
    assert agencies.exit_code == 0, agencies.output
    assert "清远市法制局: qingyuan_2017.txt (2017)" in agencies.output
    assert "清远市司法局: qingyuan_2020.txt (2020)" in agencies.output
    assert "bodies across reforms" in agencies.output


def test_kg_compare_shows_the_changed_statuses_and_its_csv_is_the_graph(kg, tmp_path):
    out, page = tmp_path / "c.csv", tmp_path / "c.html"
    result = _invoke("compare", "阳山县", "--store", str(kg.folder), "--csv", str(out), "--html", str(page))
    assert result.exit_code == 0, result.output
    assert "2018→2019  重大行政决策法定程序: gap → done (gap → done)" in result.output
    assert "2018→2019  行政执法三项制度: planned → done (planned → done)" in result.output
    assert f"2018→2019  《{NOISE}》 dropped" in result.output
    assert "2018→2019  《重大行政决策程序暂行条例》 appeared" in result.output
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    years = [c for c in rows[0] if c.isdigit()]
    assert years == ["2018", "2019", "2023"]
    # each duty cell is the union of the statuses the saved query gives for that year
    place = URIRef(next(iri for iri, name in _places(kg) if name == "阳山县"))
    from_rdf: dict = {}
    for r in run_saved(kg, "compare-duties", region=place):
        if r["dutyId"]:
            from_rdf.setdefault((r["dutyId"], r["year"]), set()).add(r["status"])
    for row in (r for r in rows if r["kind"] == "duty"):
        for year in years:
            expected = (
                "+".join(s for s in ("done", "gap", "planned") if s in from_rdf.get((row["id"], year), set())) or "—"
            )
            assert row[year] == expected, (row["id"], year)
    cited = {(r["regulation"], r["year"]) for r in run_saved(kg, "compare-citations", region=place)}
    for row in (r for r in rows if r["kind"] == "document"):
        for year in years:
            assert (row[year] != "—") == ((row["id"], year) in cited)
    noise = next(r for r in rows if r["label"] == NOISE)
    assert noise["2023"] == "cited (no_longer_in_force)" and "2018→2019: dropped" in noise["changes"]
    html = page.read_text("utf-8")
    assert 'class="changed"' in html and "gap → done" in html
    window = _invoke("compare", "阳山县", "--from", "2019", "--to", "2023", "--store", str(kg.folder))
    assert "2018" not in window.output.split("changes:")[0] and "2019→2023" in window.output
    assert _invoke("compare", "英德市", "--to", "2000", "--store", str(kg.folder)).exit_code == 1


def _places(kg):
    from kg.commands.institutions import find_places

    return find_places(kg, "阳山县")


def test_the_time_graph_conforms_to_the_shacl_shapes_and_the_shapes_can_fail(kg):
    import pyshacl

    from kg.core.resources import ontology_path

    union = rdflib.Graph()
    for quad in kg.rdflib_dataset().quads((None, None, None, None)):
        union.add(quad[:3])
    shapes = rdflib.Graph().parse(ontology_path("shapes.ttl"))
    conforms, _, text = pyshacl.validate(union, shacl_graph=shapes, inference="none")
    assert conforms, text[:3000]
    unknown = next(s for s, o in union.subject_objects(FZ.validity) if str(o) == "unknown")
    union.add((unknown, ELI.in_force, ELI["InForce-notInForce"]))  # a claim without a date
    event = next(union.subjects(RDF.type, ORG.ChangeEvent))
    union.remove((event, ORG.resultingOrganization, None))
    conforms, _, text = pyshacl.validate(union, shacl_graph=shapes, inference="none")
    assert not conforms
    assert str(unknown) in text  # the claim without a date is caught
    assert "resultingOrganization" in text
