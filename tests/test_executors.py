"""Extraction executors: local processes and a real local Dask cluster give the same store."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from kg.build.corpus import build
from kg.build.executors import dask_extraction, extract_bytes, local_extraction, make_executor
from kg.store import KGStore

from .conftest import CORPUS, seed


def _store_shape(folder: Path) -> tuple[list[str], int, dict[str, int]]:
    with KGStore(folder, read_only=True) as store:
        per_graph = {g: sum(1 for _ in store.iter_quads(g)) for g in store.graph_names()}
        return store.graph_names(), len(store), per_graph


def test_local_extraction_keeps_input_order_and_reports_bad_files(tmp_path):
    missing = str(tmp_path / "missing.txt")
    paths = [str(seed("004")), missing, str(seed("000"))]
    results = list(local_extraction(paths, 2))
    assert [r.path for r in results] == paths
    assert not results[1].sha256 and "no such file" in results[1].error
    assert results[0].doc == seed("004").name and results[0].nquads and results[0].record


def test_extract_bytes_keeps_name_and_caller_path():
    path = seed("002")
    result = extract_bytes(path.name, path.read_bytes(), str(path))
    local = list(local_extraction([str(path)], 1))[0]
    assert result.path == str(path) and result.sha256 == local.sha256
    assert (result.record, result.nquads, result.stats, result.shared) == (
        local.record, local.nquads, local.stats, local.shared)


@pytest.mark.parametrize("name, scheduler, message", [
    ("spark", None, "unknown executor"),
    ("local", "tcp://127.0.0.1:8786", "--executor dask only"),
])
def test_make_executor_rejects_bad_options(name, scheduler, message):
    with pytest.raises(ValueError, match=message):
        make_executor(name, scheduler=scheduler)


@pytest.mark.slow
def test_dask_cluster_build_equals_local_build(tmp_path, built_store):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        # window=2 forces the bounded-window refill path over the five reports
        extractor = functools.partial(dask_extraction, scheduler=cluster.scheduler_address, window=2, timeout=30)
        summary = build([CORPUS], tmp_path / "dask-store", jobs=2, extractor=extractor)
    assert summary.reports == 5 and summary.extracted == 5 and not summary.failed
    dask_graphs, dask_triples, dask_per_graph = _store_shape(tmp_path / "dask-store")
    local_graphs, local_triples, local_per_graph = _store_shape(built_store)
    assert dask_graphs == local_graphs
    assert dask_triples == local_triples
    assert dask_per_graph == local_per_graph


def test_emptying_the_memos_between_reports_changes_no_output(monkeypatch):
    """A worker empties its memos every MEMO_CLEAR_EVERY reports (its memory stops growing);
    what it extracts after an emptying is what it would have extracted with them full."""
    import kg.build.corpus as corpus
    from kg.core.memos import clear_memos
    from kg.core.titles import title_key

    paths = [str(p) for p in sorted(CORPUS.glob("*.txt"))] * 2
    monkeypatch.setattr(corpus, "MEMO_CLEAR_EVERY", 10**9)
    monkeypatch.setattr(corpus, "_extracted_here", 0)
    full = [corpus.extract_one(p) for p in paths]
    emptied_at: list[int] = []  # title_key's memo size each time the memos are emptied

    def counting_clear() -> int:
        emptied_at.append(title_key.cache_info().currsize)  # type: ignore[attr-defined]
        return clear_memos()

    monkeypatch.setattr(corpus, "clear_memos", counting_clear)
    monkeypatch.setattr(corpus, "MEMO_CLEAR_EVERY", 2)
    monkeypatch.setattr(corpus, "_extracted_here", 0)
    emptied = [corpus.extract_one(p) for p in paths]
    assert len(emptied_at) == 4 and all(emptied_at)  # before reports 3, 5, 7 and 9: full memos
    assert [(r.nquads, r.record, r.stats, r.shared) for r in emptied] == \
        [(r.nquads, r.record, r.stats, r.shared) for r in full]


def _worker_settles() -> bool:
    import kg.build.corpus as corpus

    return corpus._settling


def test_pool_workers_settle_what_they_hold_and_let_it_go_when_the_memos_empty(monkeypatch):
    """A worker of the build's pool freezes what it holds after its first report and every
    SETTLE_EVERY (the collector then stops walking the tables and memos), and unfreezes it
    when it empties its memos, so nothing frozen outlives an emptying; the output is the same."""
    import gc
    from concurrent.futures import ProcessPoolExecutor

    import kg.build.corpus as corpus

    with ProcessPoolExecutor(max_workers=1, initializer=corpus._start_worker) as pool:
        assert pool.submit(_worker_settles).result()
    assert not corpus._settling  # the build's own process never freezes its objects

    paths = [str(p) for p in sorted(CORPUS.glob("*.txt"))]
    monkeypatch.setattr(corpus, "_extracted_here", 0)
    plain = [corpus.extract_one(p) for p in paths]
    frozen: list[int] = []  # objects frozen after each report
    monkeypatch.setattr(corpus, "_settling", True)
    monkeypatch.setattr(corpus, "SETTLE_EVERY", 2)
    monkeypatch.setattr(corpus, "MEMO_CLEAR_EVERY", 4)
    monkeypatch.setattr(corpus, "_extracted_here", 0)
    try:
        settled = []
        for p in paths:
            settled.append(corpus.extract_one(p))
            frozen.append(gc.get_freeze_count())
    finally:
        gc.unfreeze()
    # settled before reports 2 and 4; emptied (and unfrozen) before report 5
    assert frozen[0] == 0 and frozen[1] > 0 and frozen[3] >= frozen[1] and frozen[4] == 0
    assert [(r.nquads, r.record, r.stats, r.shared) for r in settled] == \
        [(r.nquads, r.record, r.stats, r.shared) for r in plain]
