"""The duty matrix answered from the stats graph (:mod:`kg.graph.stats`) when the store has a
current one (its reports' ``fz:matrixRow`` literals: :func:`duty_matrix_rows`); the caller asks
the report graphs otherwise (a store built by an older version). :data:`AGGREGATED` pairs full
saved queries with their stats-graph forms, which give the same rows (``tests/test_stats.py``
compares them, and the matrix, on every store it builds).

>>> AGGREGATED["evaluation-results"]
'stats-evaluation-results'
"""
from __future__ import annotations

from typing import Any

from kg.graph.stats import matrix_rows
from kg.graph.terms import DUTY
from kg.store import KGStore

# saved query over the report graphs → the one giving the same rows from the stats graph
AGGREGATED = {"evaluation-results": "stats-evaluation-results",
              "agencies-by-region": "stats-agencies-by-region"}


def duty_matrix_rows(store: KGStore, labels: dict[str, str]) -> list[dict[str, Any]] | None:
    """The rows :func:`kg.query.matrix.load_matrix` reads, from the reports' ``fz:matrixRow``
    literals (one index scan, no join): one per (report, duty, status) with its sentences, one
    with no duty for a report naming none, in the order of ``duty-matrix.rq`` (jurisdiction,
    file, duty id, status). ``labels``: the duty scheme's labels by id. None: no stats graph."""
    found = matrix_rows(store)
    if found is None:
        return None
    rows = []
    for entry in found:
        for file in entry["files"]:
            for year in entry["years"] or [None]:
                for place in entry["places"] or [file]:
                    base = {"jurisdiction": place, "report": entry["report"], "file": file, "year": year}
                    if not entry["cells"]:
                        rows.append({**base, "duty": None, "dutyId": None, "dutyLabel": None, "status": None,
                                     "sentences": 0})
                    for duty, status, sentences in entry["cells"]:
                        duty_id = duty[len(str(DUTY)):] if duty.startswith(str(DUTY)) else ""
                        rows.append({**base, "duty": duty, "dutyId": duty_id, "dutyLabel": labels.get(duty_id),
                                     "status": status, "sentences": sentences})
    rows.sort(key=lambda r: (r["jurisdiction"], r["file"], r["dutyId"] or "", r["status"] or ""))
    return rows
