"""`kg viz` over many reports: report pages projected in batches (one query of each kind per
batch) equal the one-report projection; an index of many pages is searched and paged."""
from __future__ import annotations

import json
from pathlib import Path

import kg.views.site as site
from kg.query.project import project, project_reports
from kg.store import KGStore
from kg.views.site import reports_in, write_site


def _as_data(g) -> tuple[dict, list]:
    nodes = {n: json.dumps(d, sort_keys=True, ensure_ascii=False, default=str) for n, d in g.nodes(data=True)}
    edges = sorted(json.dumps([u, v, k, d], sort_keys=True, ensure_ascii=False, default=str)
                   for u, v, k, d in g.edges(keys=True, data=True))
    return nodes, edges


def test_batched_projection_equals_the_projection_of_each_report(built_store):
    with KGStore(built_store, read_only=True) as store:
        reports = [row["r"] for row in reports_in(store)]
        batched = dict(project_reports(store, reports, batch=2))  # several batches, one uneven
        assert list(batched) == reports
        for report in reports:
            alone = project(store, report)
            assert alone.number_of_nodes() > 5
            assert _as_data(batched[report]) == _as_data(alone), report


def test_an_index_of_many_pages_is_searched_and_paged(built_store, tmp_path, monkeypatch):
    monkeypatch.setattr(site, "INDEX_ROWS", 3)
    monkeypatch.setattr("kg.views.page.INDEX_ROWS", 3)
    with KGStore(built_store, read_only=True) as store:
        pages = write_site(store, tmp_path)
    index = (tmp_path / "index.html").read_text("utf-8")
    listed = json.loads((tmp_path / "pages.js").read_text("utf-8").split("=", 1)[1].rstrip().rstrip(";"))
    assert len(listed) == len(pages) - 1 == 7  # graph, oversight, five reports
    assert index.count('<tr><td><a href=') == 3 and 'id="search"' in index
    assert '<script src="pages.js">' in index and (tmp_path / "lib" / "index.js").is_file()
    assert {p["href"] for p in listed} == {p.path.name for p in pages[1:]}
    # a few pages again: the whole list is in the index, the script is gone
    monkeypatch.setattr(site, "INDEX_ROWS", 200)
    monkeypatch.setattr("kg.views.page.INDEX_ROWS", 200)
    with KGStore(built_store, read_only=True) as store:
        write_site(store, tmp_path)
    assert not (tmp_path / "pages.js").exists()
    assert 'id="search"' not in Path(tmp_path / "index.html").read_text("utf-8")
