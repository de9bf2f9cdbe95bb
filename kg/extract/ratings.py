"""Evaluation results (grades, scores, ranks) of rated bodies (first version: none)."""
from __future__ import annotations

from kg.doc import Document
from kg.model import Agency, Metadata, Rating


def find_ratings(doc: Document, agencies: list[Agency], metadata: Metadata) -> list[Rating]:
    return []
