"""Shared fixtures: the bundled sample corpus and one store built from it per test session."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kg.core.resources import sample_corpus

CORPUS = sample_corpus()


def pytest_configure(config) -> None:
    # One build date for the whole run: stores built either side of midnight UTC (a session
    # fixture and a test's own build) would otherwise differ in the time graph's date.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))


def seed(prefix: str) -> Path:
    """The bundled seed report whose file name starts with ``prefix`` (e.g. "003")."""
    return next(CORPUS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """A store folder built once from the bundled corpus."""
    from kg.build.corpus import build

    folder = tmp_path_factory.mktemp("kg-data")
    summary = build([CORPUS], folder, jobs=2)
    assert summary.reports == 5 and not summary.failed
    return folder
