"""Agency mentions → canonical :class:`~kg.model.Agency` per body."""
from __future__ import annotations

from kg.doc import Document
from kg.model import Agency, Evidence, Mention, Metadata


def resolve_agencies(doc: Document, mentions: list[Mention], metadata: Metadata) -> list[Agency]:
    by_name: dict[str, Agency] = {}
    for m in mentions:
        agency = by_name.setdefault(m.text, Agency(name=m.text, aliases=[m.text], jurisdiction=metadata.region))
        agency.evidence.append(Evidence.of(doc, m.start, m.end))
    return list(by_name.values())
