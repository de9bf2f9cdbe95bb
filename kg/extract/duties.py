"""Duties of the controlled vocabulary and the status each report gives them (first version)."""
from __future__ import annotations

from kg.doc import Document
from kg.model import DutyFinding


def find_duties(doc: Document) -> list[DutyFinding]:
    return []
