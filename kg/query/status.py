"""What the time graph says of a cited document: its catalogue status, and its status on the
date of each report citing it — what ``kg cites`` and ``kg report`` print beside a citation.

Kept apart from :mod:`kg.query.timeline` (stale citations, lineages, comparisons) so that a
question loads only this.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.core.iris import citation_status_id
from kg.core.namespaces import DCTERMS, ELI, FZ, RDFS, TIME_GRAPH
from kg.core.sparql import from_ox_term
from kg.query.saved import run_saved
from kg.store import KGStore

# citation-status.rq's columns → the property of the status node each is read from
STATUS_COLUMNS = {"validity": FZ + "validity", "note": RDFS + "comment", "date": DCTERMS + "date",
                  "endDate": ELI + "date_no_longer_in_force"}
TIME = ox.NamedNode(TIME_GRAPH)


def document_status(store: KGStore, regulation: str) -> dict[str, Any] | None:
    """The catalogue facts of a document (``regulation-status.rq``), or None when it is not catalogued."""
    rows = run_saved(store, "regulation-status", regulation=ox.NamedNode(regulation))
    return rows[0] if rows else None


def document_status_line(status: dict[str, Any]) -> str:
    """One line: ``catalogue: expired — no longer in force since 2022-06-05, replaced by …``."""
    versions = [v for v in (status.get("versions") or "").split(";") if v]
    if status["catalogStatus"] == "expired":
        line = "catalogue: expired — no longer in force since " + (
            str(status["endDate"]) if status.get("endDate") else "an unknown date"
        )
        if status.get("successorTitle"):
            line += f", replaced by {status['successorTitle']}"
    else:
        line = "catalogue: in force"
        if status.get("firstInForce"):
            line += f" since {status['firstInForce']}"
    if versions:
        line += f"; versions {', '.join(versions)}" if len(versions) > 1 else f"; version of {versions[0]}"
    return line


def citation_statuses(store: KGStore, regulation: str, reports: Iterable[str] | None = None,
                      ) -> dict[str, dict[str, Any]]:
    """Report IRI → the document's status on that report's date, the row of
    ``citation-status.rq``, for every report citing it or only for ``reports`` (a page of ``kg
    cites``, read from each report's status node: it costs the same whether ten or ten thousand
    reports cite the document)."""
    if reports is None:
        return {r["report"]: r for r in run_saved(store, "citation-status", regulation=ox.NamedNode(regulation))}
    return {report: row for report in reports if (row := _status_row(store, regulation, report)) is not None}


def _status_row(store: KGStore, regulation: str, report: str) -> dict[str, Any] | None:
    """``citation-status.rq``'s row for one report, from the status node named by the report and
    the document (:func:`kg.core.iris.citation_status_id`): one index lookup, where the query
    bound to the report took ≈ 1.4 ms to plan and run — 70 ms of a fifty-report page at 100,000
    reports. A status node holds one value of each (``tests/test_time.py`` compares the two)."""
    node = ox.NamedNode(citation_status_id(report, regulation))
    facts = {q.predicate.value: q.object for q in store.ox.quads_for_pattern(node, None, None, TIME)}
    if (facts.get(FZ + "report") != ox.NamedNode(report) or facts.get(FZ + "regulation") != ox.NamedNode(regulation)
            or STATUS_COLUMNS["validity"] not in facts or STATUS_COLUMNS["note"] not in facts):
        return None  # as the query: no status without the report, the document, a validity and a note
    return {"regulation": regulation, "report": report,
            **{column: from_ox_term(facts.get(prop)) for column, prop in STATUS_COLUMNS.items()}}


def report_statuses(store: KGStore, report: str) -> dict[str, dict[str, Any]]:
    """Document IRI → its status on the report's date (``report-citation-status.rq``)."""
    return {r["regulation"]: r for r in run_saved(store, "report-citation-status", report=ox.NamedNode(report))}
