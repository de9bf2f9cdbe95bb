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
            continue
        data = open_page(browser, path)
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
