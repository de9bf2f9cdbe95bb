"""Cited documents: titles in 《…》 (with nested 〈…〉/<…>) and the 文号 printed beside them.

Returns ``regulation`` mentions (``attrs``: ``nested_in`` for an inner title, ``doc_number``
when a 文号 follows) — resolution into documents is :mod:`kg.resolve.regulations`.
"""
from __future__ import annotations

import re

from kg.doc import Document
from kg.model import Mention

# 《…》 may hold inner 〈…〉 or <…> titles and may be broken across a line.
BRACKETED_TITLE = re.compile(r"《([^《》]{2,120}?)》")
INNER_TITLE = re.compile(r"[〈<]([^〈〉<>]{2,100})[〉>]")
# 文号: issuer abbreviation, year in any bracket, serial number: 粤发〔2016〕24号, 清府[2013]5号
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[【(（﹝]\s*(?:19|20)\d{2}\s*[〕\]】)）﹞]\s*第?\d{1,5}\s*号")
DOC_NUMBER_AFTER = re.compile(r"^\s*[(（]\s*(" + DOC_NUMBER.pattern + r")\s*[)）]")


def find_citations(doc: Document) -> list[Mention]:
    """Regulation mentions in ``doc``, in text order."""
    text = doc.text
    out: list[Mention] = []
    for m in BRACKETED_TITLE.finditer(text):
        title = re.sub(r"\s*\n\s*", "", m.group(1)).strip()
        attrs: dict = {}
        number = DOC_NUMBER_AFTER.match(text[m.end():m.end() + 40])
        if number:
            attrs["doc_number"] = re.sub(r"\s+", "", number.group(1))
        out.append(Mention("regulation", title, m.start(), m.end(), attrs))
        for inner in INNER_TITLE.finditer(title):
            out.append(Mention("regulation", inner.group(1), m.start(1) + inner.start(),
                               m.start(1) + inner.end(), {"nested_in": title}))
    return out
