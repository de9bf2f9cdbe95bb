"""Regulation mentions → one :class:`~kg.model.Regulation` per distinct document in a report."""
from __future__ import annotations

import re
import unicodedata

from kg.doc import Document
from kg.model import Evidence, Mention, Regulation

_DASHES = re.compile(r"[\u2014\u2013\uff0d\u2500~\uff5e\u2012\u2015]")


def title_key(title: str) -> str:
    """A matching key: variants of one title share it.

    >>> title_key("《中华人民共和国行政复议法》") == title_key("行政复议法")
    True
    >>> title_key("纲要(2015—2020年)") == title_key("纲要(2015-2020)")
    True
    """
    s = unicodedata.normalize("NFKC", title)
    s = _DASHES.sub("-", s)
    s = re.sub(r"[\s《》〈〉<>\"“”]", "", s)
    s = re.sub(r"^中华人民共和国", "", s)
    s = re.sub(r"(\d{4})年\)", r"\1)", s)
    return s


def resolve_regulations(doc: Document, mentions: list[Mention]) -> list[Regulation]:
    by_key: dict[str, Regulation] = {}
    for m in mentions:
        if m.kind != "regulation":
            continue
        key = title_key(m.text)
        reg = by_key.get(key)
        if reg is None:
            reg = by_key[key] = Regulation(title=m.text)
        elif m.text != reg.title and m.text not in reg.aliases:
            reg.aliases.append(m.text)
        if m.attrs.get("doc_number") and not reg.doc_number:
            reg.doc_number = m.attrs["doc_number"]
        reg.evidence.append(Evidence.of(doc, m.start, m.end))
    return list(by_key.values())
