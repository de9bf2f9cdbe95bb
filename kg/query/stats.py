"""Corpus-wide tables answered from the stats graph (:mod:`kg.graph.stats`) when the store has
a current one, from the report graphs otherwise (a store built by an older version): the same
rows either way (``tests/test_stats.py`` compares them on every store it builds).

>>> AGGREGATED["duty-matrix"]
'stats-duty-matrix'
"""
from __future__ import annotations

from typing import Any

from kg.graph.stats import has_current_stats
from kg.query.saved import run_saved
from kg.store import KGStore

# saved query over the report graphs → the one giving the same rows from the stats graph
AGGREGATED = {"duty-matrix": "stats-duty-matrix", "evaluation-results": "stats-evaluation-results",
              "agencies-by-region": "stats-agencies-by-region"}


def run_aggregated(store: KGStore, name: str, **bindings: Any) -> Any:
    """Run saved query ``name`` (a key of :data:`AGGREGATED`), from the stats graph when the
    store holds a current one."""
    return run_saved(store, AGGREGATED[name] if has_current_stats(store) else name, **bindings)
