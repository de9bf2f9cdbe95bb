"""Extraction executors: where the per-report extraction of ``kg build`` runs.

An executor is a callable ``(paths, jobs) -> Iterator[ExtractResult]`` handed to
:func:`kg.build.corpus.build` as ``extractor=``. Every report is extracted independently
(:func:`kg.build.corpus.extract_one`), so any pool of workers will do:

* :func:`local_extraction` — processes on this machine (the default; results in input order);
* :func:`dask_extraction` — a Dask ``distributed`` cluster: a scheduler address
  (``tcp://host:8786``) or, without one, a ``LocalCluster`` of ``jobs`` worker processes.
  Results stream back as they complete, with at most ``window`` reports in flight, so the
  memory of the build stays bounded however large the corpus.

>>> results = list(local_extraction([], 2))
>>> results
[]
>>> make_executor("local") is local_extraction
True
"""
from __future__ import annotations

import dataclasses
import functools
import os
import tempfile
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

from kg.build.corpus import ExtractResult, extract_one, run_extraction

Executor = Callable[[list[str], int], Iterator[ExtractResult]]
EXECUTORS = ("local", "dask")


# Processes on this machine, in input order: the build's own default executor.
local_extraction = run_extraction


def extract_bytes(name: str, data: bytes, original_path: str) -> ExtractResult:
    """Extract a report sent as bytes (for workers that do not share the file system).

    The file is written under its own name in a temporary folder, so the report keeps its
    name and format; paths in the result are the caller's.
    """
    with tempfile.TemporaryDirectory(prefix="kg-extract-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(data)
        result = extract_one(str(local))
    error = result.error.replace(str(local), original_path) if result.error else None
    return dataclasses.replace(result, path=original_path, error=error)


def dask_extraction(paths: list[str], jobs: int, *, scheduler: str | None = None,
                    window: int | None = None, ship_bytes: bool = False,
                    timeout: float = 60.0) -> Iterator[ExtractResult]:
    """Extract on a Dask cluster, yielding results as they complete (not in input order).

    ``scheduler``: address of a running scheduler; None starts a ``LocalCluster`` with
    ``jobs`` single-threaded worker processes (closed at the end). ``window``: reports in
    flight at once (default 8 per worker thread, at least 16). ``ship_bytes``: send file
    contents to the workers instead of paths (when workers do not see this file system).
    """
    if not paths:
        return
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as err:  # an optional extra
        raise RuntimeError("the dask executor needs `pip install 'fazhi-kg[dask]'`") from err

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout=timeout)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster, timeout=timeout)
    try:
        threads = sum(client.nthreads().values()) or max(1, jobs)
        in_flight = window or max(16, 8 * threads)

        def submit(path: str):
            if ship_bytes:
                return client.submit(extract_bytes, Path(path).name, Path(path).read_bytes(), path, pure=False)
            return client.submit(extract_one, path, pure=False)

        pending = iter(paths)
        path_of = {}
        first = [submit(p) for p in islice(pending, in_flight)]
        for future, path in zip(first, paths, strict=False):  # first: the first in_flight paths
            path_of[future.key] = path
        queue = as_completed(first)
        for future in queue:
            path = path_of.pop(future.key)
            try:
                result = future.result()
            except Exception as err:  # a worker died or the task could not run
                result = ExtractResult(path, "", f"{path}: extraction failed on the cluster "
                                                        f"({err.__class__.__name__}: {err})")
            future.release()
            following = next(pending, None)
            if following is not None:
                nxt = submit(following)
                path_of[nxt.key] = following
                queue.add(nxt)
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def make_executor(name: str = "local", *, scheduler: str | None = None) -> Executor:
    """The executor called ``name`` (``local`` or ``dask``), bound to its options."""
    if name == "local":
        if scheduler:
            raise ValueError("--scheduler applies to --executor dask only")
        return local_extraction
    if name == "dask":
        return functools.partial(dask_extraction, scheduler=scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS"))
    raise ValueError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")
