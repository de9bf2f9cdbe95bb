"""What the time graph says of a cited document: its catalogue status, and its status on the
date of each report citing it — what ``kg cites`` and ``kg report`` print beside a citation.

Kept apart from :mod:`kg.query.timeline` (stale citations, lineages, comparisons) so that a
question loads only this.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.query.saved import run_saved
from kg.store import KGStore


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
    """Report IRI → the document's status on that report's date (``citation-status.rq``), for
    every report citing it or only for ``reports`` (one index lookup each: a page of ``kg cites``
    costs the same whether ten or ten thousand reports cite the document)."""
    if reports is None:
        return {r["report"]: r for r in run_saved(store, "citation-status", regulation=ox.NamedNode(regulation))}
    return {r["report"]: r for report in reports
            for r in run_saved(store, "citation-status", regulation=ox.NamedNode(regulation),
                               report=ox.NamedNode(report))}


def report_statuses(store: KGStore, report: str) -> dict[str, dict[str, Any]]:
    """Document IRI → its status on the report's date (``report-citation-status.rq``)."""
    return {r["regulation"]: r for r in run_saved(store, "report-citation-status", report=ox.NamedNode(report))}
