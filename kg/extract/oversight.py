"""Oversight edges between agencies (first version: none found yet)."""
from __future__ import annotations

from kg.doc import Document
from kg.model import Agency, Metadata, Oversight, Rating


def find_oversight(doc: Document, agencies: list[Agency], metadata: Metadata, ratings: list[Rating] = ()) -> list[Oversight]:
    return []
