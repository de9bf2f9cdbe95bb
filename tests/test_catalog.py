"""Linking cited titles to the national catalogue of laws and regulations."""
from __future__ import annotations

import pytest

from kg.core import catalog


@pytest.mark.parametrize("title, official, kind", [
    ("中华人民共和国行政复议法", "中华人民共和国行政复议法", "law"),
    ("行政复议法", "中华人民共和国行政复议法", "law"),
    ("《中华人民共和国 行政诉讼法》", "中华人民共和国行政诉讼法", "law"),
    ("行政复议法实施条例", "中华人民共和国行政复议法实施条例", "administrative_regulation"),
    ("重大行政决策程序暂行条例", "重大行政决策程序暂行条例", "administrative_regulation"),
    ("宪法", "中华人民共和国宪法", "constitution"),
])
def test_lookup(title, official, kind):
    row = catalog.lookup(title)
    assert row["title"] == official and row["kind"] == kind


@pytest.mark.parametrize("title", ["清远市规范性文件制定及管理办法", "法治政府建设实施纲要(2015-2020年)", "行政"])
def test_local_documents_do_not_link(title):
    assert catalog.lookup(title) is None and catalog.catalog_record(title) is None


def test_record_fields():
    record = catalog.catalog_record("行政诉讼法")
    assert set(record) == set(catalog.CATALOG_FIELDS)
    assert record["status"] in {"in_force", "expired"} and record["issuer"]


def test_gazetteer_names_are_national_and_in_force():
    names = catalog.catalogue_names()
    assert names["宪法"] == "中华人民共和国宪法"
    assert all(len(n) >= 2 for n in names)


def test_catalogue_is_loaded_once_per_process():
    """Lookups reuse the parsed catalogue (how fast that is, is the benchmark's business)."""
    catalog._rows.cache_clear()
    catalog._index.cache_clear()
    for _ in range(100):
        assert catalog.lookup("行政复议法")
    assert catalog._index.cache_info().misses == 1
    assert catalog._rows.cache_info().misses == 1
