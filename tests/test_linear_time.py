"""Extraction grows linearly with the length of a one-line text (issue 17: a 5 MB single-line
report took minutes). No timing here — ``bench/run.py`` prints the times; these tests count
the work whose growth made it quadratic: characters scanned by ``find``/``rfind`` per match,
and a span index sorted again for every question."""
from __future__ import annotations

import dataclasses

from kg.build.pipeline import analyse
from kg.core.doc import Document
from kg.core.resources import sample_corpus
from kg.core.spans import Spans
from kg.normalize import normalize_text
from kg.normalize.boilerplate import is_boilerplate


def one_line(n: int) -> str:
    """The sample reports' lines run together (page furniture left out), repeated to ``n``
    characters: one line, with the sentence ends the reports have."""
    lines = [
        line.strip()
        for path in sorted(sample_corpus().glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not is_boilerplate(line)
    ]
    block = "".join(lines)
    assert not is_boilerplate(block)
    return (block * (n // len(block) + 1))[:n]


class CountingStr(str):
    """A str that counts the characters its ``find``/``rfind`` calls pass over."""

    scanned = 0

    def _count(self, start: int | None, end: int | None, found: int, forward: bool, width: int) -> int:
        lo = 0 if start is None else (start if start >= 0 else max(0, len(self) + start))
        hi = len(self) if end is None else (min(end, len(self)) if end >= 0 else max(0, len(self) + end))
        if found < 0:
            CountingStr.scanned += max(0, hi - lo)
        else:
            CountingStr.scanned += (found - lo + width) if forward else (hi - found)
        return found

    def find(self, sub, start=None, end=None):  # type: ignore[override]
        return self._count(start, end, str.find(self, sub, start, end), True, len(sub))

    def rfind(self, sub, start=None, end=None):  # type: ignore[override]
        return self._count(start, end, str.rfind(self, sub, start, end), False, len(sub))


def counted_document(n: int) -> Document:
    doc = normalize_text(one_line(n), name="long.txt")
    assert "\n" not in doc.text
    return dataclasses.replace(doc, text=CountingStr(doc.text), original=CountingStr(doc.original))


def test_string_searches_pass_over_each_character_a_bounded_number_of_times():
    """``text.rfind("\\n", 0, i)`` for each clause and ``original.find("\\n", i)`` for each quote
    pass over the whole line each time when it has no line break."""
    doc = counted_document(40_000)
    CountingStr.scanned = 0
    a = analyse(doc)
    assert a.duties and a.agencies and a.regulations  # the line is read, not skipped
    # one pass for each needle a finder looks for before searching around it (等, 管, 领导小组),
    # and little more: a search per match passing over the line makes it hundreds
    assert CountingStr.scanned <= 4 * len(doc.text), CountingStr.scanned / len(doc.text)


def test_no_span_index_is_sorted_again_for_each_question(monkeypatch):
    """Spans taken by the citation finder were re-sorted before every question it asked."""
    sorts: dict[int, int] = {}
    seen: list[Spans] = []  # kept alive: a freed index's id() is reused by the next one
    index = Spans._index

    def counted(self: Spans) -> None:
        if id(self) not in sorts:
            seen.append(self)
        sorts[id(self)] = sorts.get(id(self), 0) + 1
        index(self)

    monkeypatch.setattr(Spans, "_index", counted)
    analyse(normalize_text(one_line(40_000), name="long.txt"))
    assert sorts and max(sorts.values()) <= 3
