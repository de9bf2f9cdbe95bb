"""Oversight edges between agencies (first version: none found yet)."""
from __future__ import annotations

from kg.doc import Document
from kg.model import Agency, Metadata, Oversight


def find_oversight(doc: Document, agencies: list[Agency], metadata: Metadata) -> list[Oversight]:
    return []
