"""Where the shipped data, ontology and view templates live.

They sit at the top of the source tree (``data/``, ``ontology/``, ``viz/``) so the folder
layout shows the flow; a built wheel carries them inside the package as ``kg/_assets/`` (see
``setup.py``). ``FAZHI_KG_HOME`` overrides both: a folder holding ``data/``, ``ontology/``
and ``viz/``.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def _home() -> Path:
    """``FAZHI_KG_HOME``; else the assets of an installed wheel; else the source tree."""
    if os.environ.get("FAZHI_KG_HOME"):
        return Path(os.environ["FAZHI_KG_HOME"])
    installed = PACKAGE / "_assets"
    return installed if installed.is_dir() else PACKAGE.parent


HOME = _home()


def data_path(*parts: str) -> Path:
    return HOME.joinpath("data", *parts)


def ontology_path(*parts: str) -> Path:
    return HOME.joinpath("ontology", *parts)


def viz_path(*parts: str) -> Path:
    return HOME.joinpath("viz", *parts)


def data_rows(*parts: str) -> list[list[str]]:
    """The rows of a data table under ``data/``: blank and ``#`` comment lines skipped,
    fields split on tabs and stripped (a one-column list gives one-field rows).

    >>> data_rows("gazetteers", "ethnic_groups.txt")[0]
    ['汉']
    """
    rows = []
    for line in data_path(*parts).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([field.strip() for field in line.split("\t")])
    return rows


def sample_corpus() -> Path:
    return data_path("corpus")
