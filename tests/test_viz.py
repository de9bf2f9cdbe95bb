"""HTML views without a browser: selection, escaping, offline assets, index, CLI."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.terms import regulation_iri
from kg.query.project import project
from kg.store import KGStore
from kg.views import ViewGraph, find_nodes, focus_view, limit_view, render_page, safe_json, type_view, write_site
from kg.views.page import LAYOUT_THRESHOLD, page_data
from kg.views.selection import annotate
from tests.conftest import seed

DECREE = str(regulation_iri("重大行政决策程序暂行条例"))


def _data_block(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


@pytest.fixture(scope="module")
def whole(built_store) -> ViewGraph:
    with KGStore(built_store, read_only=True) as store:
        return ViewGraph(annotate(project(store)), "whole")


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
                                  "a\u2028b\u2029c", "x & y <!-- z", "javascript:alert(1)"])
def test_safe_json_cannot_end_the_script_block_and_round_trips(text):
    encoded = safe_json({"label": text})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == {"label": text}


@pytest.mark.parametrize("name,expected", [
    ("重大行政决策程序暂行条例", [DECREE]),                 # label
    (DECREE, [DECREE]),                                    # IRI
    ("行政复议法", [str(regulation_iri("行政复议法"))]),    # short form held as an alias / label
])
def test_find_nodes_by_label_iri_or_alias(whole, name, expected):
    assert find_nodes(whole.graph, name) == expected


def test_focus_view_holds_the_entity_and_its_neighbours_only(whole):
    view = focus_view(whole, "重大行政决策程序暂行条例", depth=1)
    g = view.graph
    assert DECREE in g and view.centres == (DECREE,)
    assert {d["file"] for _, d in g.nodes(data=True) if d["type"] == "report"} >= {seed("004").name}
    assert all(n == DECREE or whole.graph.has_edge(n, DECREE) or whole.graph.has_edge(DECREE, n) for n in g)
    deeper = focus_view(whole, "重大行政决策程序暂行条例", depth=2).graph
    assert set(g) < set(deeper)
    with pytest.raises(LookupError):
        focus_view(whole, "没有这个机构", depth=1)


def test_type_view_and_limit_view_say_what_was_left_out(whole):
    only = type_view(whole, {"report", "regulation"})
    assert {d["type"] for _, d in only.graph.nodes(data=True)} == {"report", "regulation"}
    assert "hidden" in only.notes[-1]
    small = limit_view(whole, 40)
    assert small.graph.number_of_nodes() == 40
    assert re.search(r"of \d+ nodes; left out: \d+ nodes", small.notes[-1])
    with pytest.raises(ValueError):
        type_view(whole, {"person"})


def test_page_styles_nodes_by_type_and_edges_by_relation(whole):
    data = page_data(whole)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[DECREE]["shape"] == "diamond" and nodes[DECREE]["kg"]["name"] == "重大行政决策程序暂行条例"
    assert {n["shape"] for n in data["nodes"] if n["kg"]["type"] == "report"} == {"box"}
    assert len({n["color"] for n in data["nodes"] if n["kg"]["type"] == "agency"}) > 1  # by category
    cites = [e for e in data["edges"] if e["kg"]["relation"] == "cites"]
    assert cites and {e["label"] for e in cites} == {"引用"}
    assert {row["group"] for row in data["legend"]} == {"type", "regulation_kinds", "agency_categories", "relations"}
    assert data["options"]["physics"]["enabled"] is True and not data["precomputedLayout"]


@pytest.mark.slow
def test_large_graphs_get_a_precomputed_layout_with_physics_off():
    g = nx.MultiDiGraph()
    n = LAYOUT_THRESHOLD + 10
    for k in range(n):
        g.add_node(f"a{k}", type="agency", label=f"机构{k}", category="department")
        if k:
            g.add_edge(f"a{k}", f"a{k // 2}", relation="supervises", evidence=[])
    data = page_data(ViewGraph(g, "big"))
    assert data["precomputedLayout"] and data["options"]["physics"] == {"enabled": False}
    assert all("x" in node and "y" in node for node in data["nodes"])


def test_site_is_offline_and_the_index_links_every_report(built_store, tmp_path):
    with KGStore(built_store, read_only=True) as store:
        pages = write_site(store, tmp_path)
    index = (tmp_path / "index.html").read_text("utf-8")
    reports = [p for p in pages if p.kind == "report"]
    assert len(reports) == 5 and all(f'href="{p.path.name}"' in index for p in reports)
    assert (tmp_path / "lib" / "vis-network.min.js").stat().st_size > 100_000
    for page in pages:
        html = page.path.read_text("utf-8")
        # every script and stylesheet is a relative file next to the page; nothing from a CDN
        assert not re.search(r'(src|href)="(https?:)?//', html), page.path
        assert "cdn" not in html.lower()
    graph_page = (tmp_path / "graph.html").read_text("utf-8")
    assert "清远市人民政府关于2017年度法治政府建设的情况报告" in graph_page  # Chinese kept as is, not mangled


def test_report_text_never_reaches_the_page_as_markup(tmp_path):
    view_graph = nx.MultiDiGraph()
    evil = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]
    for k, text in enumerate(evil):
        view_graph.add_node(f"n{k}", type="regulation", label=text, kind="rule", aliases=[text + "别名"],
                            evidence=[f"贯彻《{text}》。"], citations=1)
    html = render_page(ViewGraph(view_graph, evil[0], notes=[evil[1]]))
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # title and notes: HTML-escaped text
    assert [n["kg"]["name"] for n in _data_block(html)["nodes"]] == evil  # the data: intact, as text


def test_kg_viz_command_writes_views_for_report_focus_and_types(built_store, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["viz", "--store", str(built_store), "--out", str(tmp_path / "a"),
                                 "--report", seed("004").name])
    assert result.exit_code == 0, result.output
    (page,) = (tmp_path / "a").glob("report-*.html")
    assert any(n["id"] == DECREE for n in _data_block(page.read_text("utf-8"))["nodes"])
    result = runner.invoke(app, ["viz", "--store", str(built_store), "--out", str(tmp_path / "b"),
                                 "--focus", "重大行政决策程序暂行条例", "--depth", "1", "--types", "report,regulation"])
    assert result.exit_code == 0, result.output
    (page,) = (tmp_path / "b").glob("focus-*.html")
    data = _data_block(page.read_text("utf-8"))
    assert {n["kg"]["type"] for n in data["nodes"]} == {"report", "regulation"}
    assert runner.invoke(app, ["viz", "--store", str(built_store), "--out", str(tmp_path / "c"),
                               "--types", "people"]).exit_code == 2
    assert runner.invoke(app, ["viz", "--store", str(built_store), "--out", str(tmp_path / "d"),
                               "--focus", "没有这个机构"]).exit_code == 1


def test_every_node_of_a_report_view_has_a_type_and_a_name(built_store, tmp_path):
    with KGStore(built_store, read_only=True) as store:
        pages = write_site(store, tmp_path)
    for page in pages[1:]:
        for node in _data_block(page.path.read_text("utf-8"))["nodes"]:
            assert node["kg"]["type"] in ("report", "regulation", "agency", "jurisdiction", "duty")
            assert not node["kg"]["name"].startswith("http"), (page.path.name, node["id"])


def test_a_focus_page_joins_the_index_instead_of_replacing_it(built_store, tmp_path):
    runner = CliRunner()
    out = tmp_path / "views"
    assert runner.invoke(app, ["viz", "--store", str(built_store), "--out", str(out)]).exit_code == 0
    whole = {p.name for p in out.glob("*.html")} - {"index.html"}
    assert "graph.html" in whole and any(n.startswith("report-") for n in whole)
    result = runner.invoke(app, ["viz", "--store", str(built_store), "--out", str(out),
                                 "--focus", "重大行政决策程序暂行条例"])
    assert result.exit_code == 0, result.output
    (focus,) = out.glob("focus-*.html")
    index = (out / "index.html").read_text("utf-8")
    for name in whole | {focus.name}:
        assert f'href="{name}"' in index, name


# -- the level of an agency named without a place (data/gazetteers/agency_levels.tsv) ----------
def test_every_central_body_of_the_gazetteer_is_national_and_local_bodies_are_not():
    from kg.core.gazetteers import level_by_name, national_agencies
    from kg.core.resources import data_rows

    central = set(national_agencies().values()) - {"新疆生产建设兵团", "中共新疆生产建设兵团委员会"}
    assert {name: level_by_name(name) for name in central} == dict.fromkeys(central, "national")
    # the 兵团 is named without a place too, but is a provincial-level unit
    assert level_by_name("新疆生产建设兵团") == level_by_name("中共新疆生产建设兵团委员会") == "province"
    for level, pattern, example in data_rows("gazetteers", "agency_levels.tsv"):
        assert level_by_name(example) == level, (pattern, example)
    for local in ("清远市司法局", "清远市委宣传部", "宣传部", "国家税务总局清远市税务局", "产业集聚区管理委员会",
                  "国家级经济技术开发区管理委员会", "市场监督管理局", "某某乡武装部"):
        assert level_by_name(local) != "national", local


def test_national_bodies_are_drawn_in_the_top_band_of_the_oversight_view(tmp_path):
    """国务院 and 中共中央, named without a place, lead a provincial government: national
    level, the band above the province's; the page's legend and node facts say so."""
    from kg.build.corpus import build
    from kg.views.oversight import UNKNOWN_TIER, oversight_view

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hunan.txt").write_text(
        "湖南省人民政府关于2021年度法治政府建设情况的报告\n"
        "2021年,在党中央、国务院的坚强领导下,在省人大及其常委会的法律监督和省政协的民主监督下,"
        "省政府全面推进依法行政。\n湖南省人民政府\n2022年2月1日\n", "utf-8")
    build([corpus], tmp_path / "store", jobs=1)
    with KGStore(tmp_path / "store", read_only=True) as store:
        whole = annotate(project(store))
    view = oversight_view(whole)
    tiers = {d["label"]: d["tier"] for _, d in view.graph.nodes(data=True)}
    assert tiers["国务院"] == tiers["中共中央"] == 0 and tiers["湖南省人民政府"] == 1, tiers
    assert UNKNOWN_TIER not in tiers.values()
    levels = {d["label"]: d["level"] for _, d in whole.nodes(data=True) if d.get("type") == "agency"}
    assert levels["国务院"] == levels["中共中央"] == "national" and levels["湖南省人民政府"] == "province"
    data = page_data(view)
    state = next(n for n in data["nodes"] if n["kg"]["name"] == "国务院")
    assert state["level"] == 0 and ["level", "国家级 national"] in state["kg"]["facts"]
