"""The generated pages in a real headless Chromium: they load without errors or network
requests, hold the expected graph, show details on click, draw something, and do not run
report text as code.

Skips (with the reason) where selenium, Chromium or chromedriver are missing; ``.ci/run``
installs them.
"""
from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest

from kg.build.corpus import build
from kg.store import KGStore
from kg.views import write_site
from tests.conftest import seed

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium") or "")
                 if p and Path(p).exists()), None)
CHROMEDRIVER = next((p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver") or "")
                     if p and Path(p).exists()), None)
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="no Chromium/chromedriver installed "
                                                                         "(apt-get install chromium chromium-driver)")]
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,860")
PAGE_TIMEOUT_S = 20
# Any attempt by a page to run injected code sets this flag (installed before any page script).
TRAP = ("window.__xss = []; ['alert', 'confirm', 'prompt'].forEach(function (f) { "
        "window[f] = function (m) { window.__xss.push(f + ':' + m); }; });")
XSS_REPORT = ("<script>alert(1)</script>市人民政府关于2020年度法治政府建设情况的报告\n\n"
              "2020年,我市认真贯彻《\"><img src=x onerror=alert(1)>条例》和《<script>alert(1)</script>管理办法》,"
              "落实《javascript:alert(1)实施方案》,严格执行《中华人民共和国行政复议法》。\n"
              "市人民政府向市人民代表大会常务委员会报告法治政府建设情况,接受人大监督。\n")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(PAGE_TIMEOUT_S)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(built_store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("views")
    with KGStore(built_store, read_only=True) as store:
        write_site(store, out)
    return out


def open_page(driver, path: Path) -> dict:
    """Load a page, wait for the graph to settle; return the page's JSON data."""
    driver.get_log("browser"), driver.get_log("performance")  # drop what earlier pages logged
    driver.get(path.as_uri())
    deadline = time.monotonic() + PAGE_TIMEOUT_S
    while not driver.execute_script("return !!(window.kgView && window.kgView.ready)"):
        assert time.monotonic() < deadline, f"{path.name}: the graph did not settle"
        time.sleep(0.1)
    return json.loads(driver.execute_script("return document.getElementById('kg-data').textContent"))


def assert_clean(driver, path: Path) -> None:
    """No console errors, no request to anything but file://, no injected code run."""
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert not errors, f"{path.name}: {errors}"
    requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    urls = {m["params"]["request"]["url"] for m in requests if m["method"] == "Network.requestWillBeSent"}
    urls |= set(driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"))
    assert urls and all(u.startswith("file://") for u in urls), f"{path.name}: {sorted(urls)}"
    assert driver.execute_script("return window.__xss") == []


def click_node(driver, node_id: str) -> str:
    """Click a node where it is drawn; return the details panel's text."""
    from selenium.webdriver.common.action_chains import ActionChains

    driver.execute_script("kgView.network.focus(arguments[0], {scale: 1.5, animation: false});", node_id)
    x, y = driver.execute_script("var p = kgView.network.canvasToDOM(kgView.network.getPosition(arguments[0]));"
                                 " return [p.x, p.y];", node_id)
    canvas = driver.find_element("css selector", "#kg-network canvas")
    width, height = canvas.size["width"], canvas.size["height"]
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - width / 2), int(y - height / 2)).click().perform()
    return driver.find_element("id", "kg-details").text


def test_every_page_loads_offline_with_the_whole_graph(browser, site):
    for path in sorted(site.glob("*.html")):
        if path.name == "index.html":
            browser.get(path.as_uri())
            links = browser.execute_script(
                "return Array.from(document.links).map(function (a) { return a.getAttribute('href'); })")
            assert len([link for link in links if link.startswith("report-")]) == 5
            assert "oversight.html" in links and "graph.html" in links
            continue
        data = open_page(browser, path)
        if data["clusters"]:  # the overview opens clustered: one node per group of two or more
            shown = browser.execute_script("return kgView.network.body.nodeIndices.length")
            grouped = sum(c["count"] for c in data["clusters"])
            assert shown == len(data["nodes"]) - grouped + len(data["clusters"]), path.name
        else:
            shown = browser.execute_script(
                "return [kgView.network.body.nodeIndices.length, kgView.network.body.edgeIndices.length]")
            assert shown == [len(data["nodes"]), len(data["edges"])] and shown[0] > 10, path.name
        assert_clean(browser, path)


def test_clicking_a_node_shows_its_name_aliases_and_evidence(browser, site):
    from kg.graph.terms import regulation_iri

    report_page = next(p for p in site.glob("report-*.html") if seed("004").name in p.read_text("utf-8"))
    open_page(browser, report_page)
    decree = str(regulation_iri("重大行政决策程序暂行条例"))
    text = click_node(browser, decree)
    assert "重大行政决策程序暂行条例" in text and "证据 evidence" in text
    assert browser.execute_script("return kgView.shown") == decree
    # the search box finds it too
    search = browser.find_element("id", "kg-search")
    search.send_keys("重大行政决策")
    assert "匹配" in browser.find_element("id", "kg-search-result").text


def test_screenshot_is_not_blank(browser, site, tmp_path):
    open_page(browser, site / "graph.html")
    shot = tmp_path / "graph.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 20_000  # a PNG of a drawn page
    # what is drawn: the share of the graph canvas that is not background, and how many colours
    inked, colours = browser.execute_script("""
        var c = document.querySelector('#kg-network canvas');
        var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        var inked = 0, seen = {};
        for (var i = 0; i < d.length; i += 4) {
          if (d[i + 3] > 0 && d[i] + d[i + 1] + d[i + 2] < 720) {
            inked++;
            seen[(d[i] >> 4) + ',' + (d[i + 1] >> 4) + ',' + (d[i + 2] >> 4)] = 1;
          }
        }
        return [inked / (c.width * c.height), Object.keys(seen).length];""")
    assert inked > 0.01 and colours > 20, f"the graph area is (nearly) blank: {inked:.4f} inked, {colours} colours"


def test_untrusted_report_text_is_shown_as_text_never_run(browser, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "xss.txt").write_text(XSS_REPORT, encoding="utf-8")
    build([corpus], tmp_path / "store", jobs=1)
    with KGStore(tmp_path / "store", read_only=True) as store:
        pages = write_site(store, tmp_path / "views")
    for page in pages:
        html = page.path.read_text("utf-8")
        assert "<script>alert" not in html and "<img" not in html, page.path.name
    report_page = next(p.path for p in pages if p.kind == "report")
    data = open_page(browser, report_page)
    names = [n["kg"]["name"] for n in data["nodes"]]
    payload = next(n for n in data["nodes"] if n["kg"]["name"] == "<script>alert(1)</script>管理办法")
    assert any("img src=x onerror" in name for name in names)  # the payloads did reach the page, as data
    text = click_node(browser, payload["id"])
    assert "<script>alert(1)</script>管理办法" in text  # shown literally
    assert re.search(r"onerror=alert\(1\)>条例", text)    # its evidence sentence too, as text
    counts = browser.execute_script("return [document.images.length, document.scripts.length,"
                                    " document.querySelectorAll('[onerror], a[href^=\"javascript\"]').length]")
    assert counts == [0, 3, 0]  # our data block, vis-network, view.js; nothing injected
    # hover tooltips are built from text nodes too
    tip = browser.execute_script(
        "var n = kgView.nodes.get(arguments[0]); return [n.title.nodeType, n.title.textContent];", payload["id"])
    assert tip[0] == 1 and "<script>alert(1)</script>" in tip[1]
    index = (tmp_path / "views" / "index.html")
    browser.get(index.as_uri())
    assert browser.execute_script("return document.images.length + document.scripts.length") == 0
    assert_clean(browser, report_page)


# -- the oversight network and the overview, as a reader sees them at 1600×900 ---------------


def _at_size(driver, width: int, height: int) -> None:
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])  # the viewport, not the window


def _visible_labels(driver) -> list[dict]:
    """Each drawn node: its label, on-screen label height (px) and label box in page pixels."""
    return driver.execute_script("""
        var net = kgView.network, scale = net.getScale(), rect = net.body.container.getBoundingClientRect();
        return net.body.nodeIndices.map(function (id) {
          var node = net.body.nodes[id], size = node.labelModule.fontOptions.size;
          var box = node.labelModule.size, p = net.canvasToDOM({x: box.left, y: box.top});
          var q = net.canvasToDOM({x: box.left + box.width, y: box.top + box.height});
          return {id: String(id), label: node.options.label || '', px: size * scale, cluster: net.isCluster(id),
                  left: rect.left + p.x, top: rect.top + p.y, right: rect.left + q.x, bottom: rect.top + q.y};
        });""")


def _boxes_overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def test_oversight_page_shows_edges_of_four_kinds_with_evidence_by_level(browser, site, tmp_path):
    _at_size(browser, 1600, 900)
    data = open_page(browser, site / "oversight.html")
    drawn = browser.execute_script("""
        return kgView.network.body.edgeIndices.map(function (id) {
          var e = kgView.edges.get(id), drawn = kgView.network.body.edges[id];
          return [e.kg.relation, drawn.options.label, drawn.options.color.color, e.title.textContent];
        });""")
    kinds = {relation for relation, *_ in drawn}
    assert len(kinds) >= 4 and len(drawn) == len(data["edges"]), kinds
    for relation, label, colour, tip in drawn:  # labelled and coloured by kind; the tooltip quotes and names
        row = next(r for r in data["legend"] if r["group"] == "relations" and r["key"] == relation)
        assert label and label in row["text"] and colour == row["color"]
        assert "报告 report: " in tip and ".txt" in tip and len(tip) > 30
    legend = browser.find_element("id", "kg-legend").text
    assert all(r["text"] in legend for r in data["legend"] if r["group"] == "relations" and r["key"] in kinds)
    # levels: every province-level agency drawn above every prefecture-level one, and those above counties
    ys = browser.execute_script("""
        var out = {}; kgView.nodes.get().forEach(function (n) {
          var y = kgView.network.getPosition(n.id).y; (out[n.level] = out[n.level] || []).push(y); });
        return out;""")
    levels = sorted(int(k) for k in ys)
    assert len(levels) >= 3
    for upper, lower in zip(levels, levels[1:], strict=False):
        assert max(ys[str(upper)]) < min(ys[str(lower)]), (upper, lower)
    browser.save_screenshot(str(tmp_path / "oversight.png"))
    assert_clean(browser, site / "oversight.html")


def test_overview_reads_at_first_sight_and_expands_on_double_click(browser, site, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    _at_size(browser, 1600, 900)
    data = open_page(browser, site / "graph.html")
    shot = tmp_path / "overview.png"
    browser.save_screenshot(str(shot))
    labels = _visible_labels(browser)
    assert len(labels) <= 30 and len(labels) * 5 < len(data["nodes"]), len(labels)  # clusters, not a hairball
    assert sum(1 for lab in labels if lab["cluster"]) >= 8
    small = [(lab["label"], round(lab["px"], 1)) for lab in labels if lab["px"] < 12]
    assert not small, small
    assert all(lab["right"] - lab["left"] > 10 and lab["bottom"] - lab["top"] >= 12 for lab in labels)  # measured
    clashes = [(a["label"], b["label"]) for k, a in enumerate(labels) for b in labels[k + 1:] if _boxes_overlap(a, b)]
    assert not clashes, clashes  # no label drawn over another
    # the legend stands clear of the graph: nothing drawn over it, no label reaching into it
    legend = browser.execute_script("var r = document.getElementById('kg-legend').getBoundingClientRect();"
                                    " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};")
    canvas = browser.execute_script("var r = document.querySelector('#kg-network').getBoundingClientRect();"
                                    " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};")
    assert not _boxes_overlap(legend, canvas)
    over_legend = browser.execute_script("""
        var box = document.getElementById('kg-legend'), rows = box.querySelectorAll('.legend-row'), bad = [];
        rows.forEach(function (row) { var r = row.getBoundingClientRect();
          if (r.bottom > window.innerHeight) return;  // below the fold: scrolled to, not covered
          var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          if (!box.contains(hit)) bad.push(row.textContent); });
        return bad;""")
    assert over_legend == []
    # double-click a cluster: its members are drawn instead
    cluster = max((lab for lab in labels if lab["cluster"]), key=lambda lab: lab["label"].count("("))
    before = len(labels)
    x, y = browser.execute_script("var p = kgView.network.canvasToDOM(kgView.network.getPosition(arguments[0]));"
                                  " return [p.x, p.y];", cluster["id"])
    canvas_el = browser.find_element("css selector", "#kg-network canvas")
    width, height = canvas_el.size["width"], canvas_el.size["height"]
    ActionChains(browser).move_to_element_with_offset(canvas_el, int(x - width / 2), int(y - height / 2)) \
        .double_click().perform()
    deadline = time.monotonic() + PAGE_TIMEOUT_S
    while browser.execute_script("return kgView.network.body.nodeIndices.length") <= before:
        assert time.monotonic() < deadline, f"double-clicking {cluster['label']} did not expand it"
        time.sleep(0.1)
    assert cluster["id"] not in browser.execute_script("return kgView.network.body.nodeIndices")
    assert_clean(browser, site / "graph.html")


REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"  # ../shared beside the checkout


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/corpus/real not beside the checkout")
def test_oversight_of_the_real_corpus_opens_with_readable_labels(browser, tmp_path_factory, tmp_path):
    """`kg viz --oversight` on the 40 real reports (about 100 agencies): at 1600×900 every label
    on screen is at least 12 px high, none over another, the national band at the top in view."""
    store, out = tmp_path_factory.mktemp("real-store"), tmp_path_factory.mktemp("real-views")
    build([REAL], store, jobs=2)
    with KGStore(store, read_only=True) as kg:
        write_site(kg, out, oversight=True)
    _at_size(browser, 1600, 900)
    data = open_page(browser, out / "oversight.html")
    assert len(data["nodes"]) >= 60
    canvas = browser.execute_script("var r = document.querySelector('#kg-network').getBoundingClientRect();"
                                    " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};")
    labels = _visible_labels(browser)
    on_screen = [lab for lab in labels if lab["left"] >= canvas["left"] and lab["right"] <= canvas["right"]
                 and lab["top"] >= canvas["top"] and lab["bottom"] <= canvas["bottom"]]
    assert len(on_screen) >= 30, len(on_screen)
    small = [(lab["label"], round(lab["px"], 1)) for lab in labels if lab["px"] < 12]
    assert not small, small[:5]
    assert all(lab["bottom"] - lab["top"] >= 12 for lab in on_screen)  # as measured on the canvas
    clashes = [(a["label"], b["label"]) for k, a in enumerate(on_screen) for b in on_screen[k + 1:]
               if _boxes_overlap(a, b)]
    assert not clashes, clashes[:5]
    national = {n["id"] for n in data["nodes"] if n["level"] == 0}
    assert {"国务院", "司法部"} <= {n["kg"]["name"] for n in data["nodes"] if n["id"] in national}
    assert national <= {lab["id"] for lab in on_screen}  # the top band is what the page opens on
    browser.save_screenshot(str(tmp_path / "oversight-real.png"))
    assert_clean(browser, out / "oversight.html")


def test_an_index_of_many_pages_searches_and_pages_offline(browser, built_store, tmp_path, monkeypatch):
    """Past INDEX_ROWS pages the index lists the first ones and lib/index.js searches and pages
    the whole list (pages.js), from file:// with no request elsewhere and text kept as text."""
    import kg.views.page
    import kg.views.site

    monkeypatch.setattr(kg.views.site, "INDEX_ROWS", 3)
    monkeypatch.setattr(kg.views.page, "INDEX_ROWS", 3)
    out = tmp_path / "views"
    with KGStore(built_store, read_only=True) as store:
        pages = write_site(store, out)
    index = out / "index.html"
    browser.get_log("browser"), browser.get_log("performance")
    browser.get(index.as_uri())

    def rows() -> list[str]:
        return browser.execute_script(
            "return Array.from(document.querySelectorAll('#pages tr a')).map(function (a) {"
            " return a.getAttribute('href'); })")

    assert len(rows()) == 3
    box = browser.find_element("id", "search")
    box.send_keys("report")
    reports = sorted(p.path.name for p in pages if p.kind == "report")
    assert rows() == [r for r in rows() if r.startswith("report-")] and len(rows()) == 3
    browser.find_element("id", "next").click()
    assert len(rows()) == len(reports) - 3 and all(r in reports for r in rows())
    assert "of 5" in browser.find_element("id", "shown").text
    box.clear()
    box.send_keys("oversight")
    assert rows() == ["oversight.html"]
    assert_clean(browser, index)


def test_the_index_of_reports_made_on_demand_finds_a_report_by_search(browser, built_store, tmp_path, monkeypatch):
    """Beyond --scale-at reports the index lists every report with no page written: a search by
    file name finds it, with the command that makes its page (from disk) or its link (served)."""
    import kg.views.page
    import kg.views.site

    monkeypatch.setattr(kg.views.site, "INDEX_ROWS", 3)
    monkeypatch.setattr(kg.views.page, "INDEX_ROWS", 3)
    with KGStore(built_store, read_only=True) as store:
        reports = {row["file"]: row["r"] for row in kg.views.site.reports_in(store)}
        for served in (False, True):
            write_site(store, tmp_path / str(served), scale_at=0, served=served)
    wanted = sorted(reports)[-1]  # past the first page of the list
    for served in (False, True):
        index = tmp_path / str(served) / "index.html"
        browser.get_log("browser"), browser.get_log("performance")
        browser.get(index.as_uri())
        assert "of 7" in browser.find_element("id", "shown").text  # two views and five reports
        browser.find_element("id", "search").send_keys(wanted.removesuffix(".txt"))
        cells = browser.execute_script("return Array.from(document.querySelectorAll('#pages tr td:first-child'))"
                                       ".map(function (td) { return td.textContent; })")
        links = browser.execute_script("return Array.from(document.querySelectorAll('#pages tr a'))"
                                       ".map(function (a) { return a.getAttribute('href'); })")
        assert len(cells) == 1 and wanted in cells[0]
        if served:
            assert links == ["view/report/" + reports[wanted].rsplit("/", 1)[-1]]
        else:
            assert links == [] and f"kg viz --report {wanted}" in cells[0]
        assert_clean(browser, index)
