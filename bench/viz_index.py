"""Is the index of ``kg viz`` usable with many reports? Writes an index of ``--reports`` report
rows made on demand (as ``kg viz`` beyond ``--scale-at`` lists them), prints the size of
``pages.js``, then opens it in headless Chromium and prints the time to load the page and to
search (a file name: one match; a common word: many), each the median of ``--runs``.

    .venv/bin/python bench/viz_index.py --reports 100000

Needs selenium, chromium and chromedriver (as tests/test_browser.py).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kg.views.page import INDEX_ROWS, PAGE_SCRIPT, render_index, safe_json
from kg.views.site import copy_lib

# typical rows: a report title, its file name (as bench/generate.py names them) and its id
TITLE = "{place}人民政府关于{year}年度法治政府建设工作情况的报告"
PLACES = ("清远市", "文山市", "阿尔山市", "内蒙古自治区", "广东省", "云南省", "兴安盟", "韶关市")

SEARCH = """
var box = document.getElementById('search'), t0 = performance.now();
box.value = arguments[0];
box.dispatchEvent(new Event('input'));
return [performance.now() - t0, document.getElementById('shown').textContent];
"""


def rows(n: int) -> list[dict[str, str]]:
    return [{"href": "", "title": f"{TITLE.format(place=PLACES[k % len(PLACES)], year=2015 + k % 10)} "
                                  f"(gen{k:06d}_s{k % 100:03d}.txt)",
             "kind": "report", "file": f"gen{k:06d}_s{k % 100:03d}.txt", "id": f"{k:016x}"} for k in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="kg-index-"))
    try:
        listed = rows(args.reports)
        copy_lib(out)
        (out / "index.html").write_text(render_index("fazhi-kg views", listed, []), "utf-8")
        (out / PAGE_SCRIPT).write_text(f"window.KG_PAGES = {safe_json(listed)};\n", "utf-8")
        size = (out / PAGE_SCRIPT).stat().st_size
        print(f"{args.reports} reports: pages.js {size / 2**20:.1f} MB ({size / args.reports:.0f} B a report), "
              f"index.html {(out / 'index.html').stat().st_size / 1024:.0f} kB ({INDEX_ROWS} rows)")
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ("--headless", "--no-sandbox", "--disable-gpu"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                                  options=options)
        try:
            loads, found = [], {}
            searches: dict[str, list[float]] = {}
            for _ in range(args.runs):
                start = time.perf_counter()
                driver.get((out / "index.html").as_uri())  # returns once the scripts have run
                loads.append(time.perf_counter() - start)
                for word in (f"gen{args.reports // 2:06d}", "清远市", "2019 清远"):
                    took, shown = driver.execute_script(SEARCH, word)
                    searches.setdefault(word, []).append(took / 1000)
                    found[word] = shown
            print(f"load (parse pages.js, first {INDEX_ROWS} rows): {statistics.median(loads):.2f} s")
            for word, times in searches.items():
                print(f"search {word!r}: {statistics.median(times) * 1000:.0f} ms ({found[word]})")
        finally:
            driver.quit()
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
