"""Where the shipped data, ontology and view templates live.

They sit at the top of the source tree (``data/``, ``ontology/``, ``viz/``) so the folder
layout shows the flow; ``FAZHI_KG_HOME`` points elsewhere when the package is installed
without its tree.
"""
from __future__ import annotations

import os
from pathlib import Path

HOME = Path(os.environ.get("FAZHI_KG_HOME", Path(__file__).resolve().parents[1]))


def data_path(*parts: str) -> Path:
    return HOME.joinpath("data", *parts)


def ontology_path(*parts: str) -> Path:
    return HOME.joinpath("ontology", *parts)


def viz_path(*parts: str) -> Path:
    return HOME.joinpath("viz", *parts)


def sample_corpus() -> Path:
    return data_path("corpus")
