"""The one object every stage reads: a report's text, normalized, with offsets to the original.

A :class:`Document` carries the original text (as decoded from the file), the normalized
text that extractors read, and for every normalized character the offset of the original
character it came from. Extractors work in normalized offsets; everything that leaves the
pipeline (evidence, RDF selectors) is in original offsets, so a user can always find the
words in the file they gave us.

>>> from kg.normalize import normalize_text
>>> doc = normalize_text("自治區(qū)政府", name="x.txt")
>>> doc.text
'自治区政府'
>>> doc.original[doc.to_original(3)]
'政'
"""
from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# Sentence ends: Chinese and ASCII full stops, question/exclamation marks, and line breaks
# (headings and list items in these reports are lines without a full stop).
SENTENCE_END = re.compile(r"[。！？!?\n]+")
_LINE_BREAK = re.compile("\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in the ORIGINAL text of a report."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence in normalized offsets, with the heading path of the section it sits in."""

    start: int
    end: int
    section: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the normalized range it governs (up to the next heading of its level or higher)."""

    heading: str
    level: int
    start: int
    end: int
    path: tuple[str, ...]
    role: str = "other"  # achievements | problems | plans | other (set by kg.extract.sections)


@dataclass
class Document:
    """A report after reading and normalization.

    ``origin[i]`` is the offset in ``original`` of normalized character ``i``;
    ``origin[len(text)]`` is ``len(original)`` so that end offsets map too.
    """

    name: str
    path: str
    sha256: str
    original: str
    text: str
    origin: Sequence[int]
    encoding: str = "utf-8"
    fmt: str = "txt"
    removed: list[Span] = field(default_factory=list)  # boilerplate dropped from `text`
    sentences: list[Sentence] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.origin) != len(self.text) + 1:
            raise ValueError(f"{self.name}: offset map has {len(self.origin)} entries for {len(self.text)} characters")
        self._own_split: list[Sentence] | None = None  # the sentences split from `text` here, if so
        if not self.sentences:
            self.sentences = self._own_split = split_sentences(self.text)
        self._sentence_starts = [s.start for s in self.sentences]
        self._original_breaks: list[int] | None = None  # "\n" offsets of `original`, on first quote
        self._quotes: dict[tuple[int, int], str] = {}  # (first, last sentence start) -> quote

    def _original_line_end(self, i: int) -> int:
        """Offset of the first "\n" of ``original`` at or after ``i``, or -1 — by bisection over
        the line breaks, as ``original.find`` per quote made long one-line texts quadratic."""
        if self._original_breaks is None:
            self._original_breaks = [m.start() for m in _LINE_BREAK.finditer(self.original)]
        k = bisect.bisect_left(self._original_breaks, i)
        return self._original_breaks[k] if k < len(self._original_breaks) else -1

    def plain_sentences(self) -> list[Sentence]:
        """``split_sentences(self.text)``: the split made when the document was built, if it was."""
        return self._own_split if self._own_split is not None else split_sentences(self.text)

    # -- offsets ---------------------------------------------------------------
    def to_original(self, i: int) -> int:
        """Original offset of normalized offset ``i`` (``i == len(text)`` maps to the end)."""
        return self.origin[max(0, min(i, len(self.text)))]

    def span(self, start: int, end: int) -> Span:
        """The original span covering normalized ``[start, end)``."""
        if end <= start:
            o = self.to_original(start)
            return Span(o, o)
        return Span(self.to_original(start), self.origin[end - 1] + 1)

    # -- sentences ---------------------------------------------------------------
    def sentence_at(self, i: int) -> Sentence:
        """The sentence containing normalized offset ``i``."""
        k = bisect.bisect_right(self._sentence_starts, i) - 1
        return self.sentences[max(k, 0)] if self.sentences else Sentence(0, len(self.text))

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def quote(self, start: int, end: int) -> str:
        """The ORIGINAL text of the sentence(s) around normalized ``[start, end)``: the evidence a user reads."""
        first, last = self.sentence_at(start), self.sentence_at(max(start, end - 1))
        key = (first.start, last.start)  # every finder quotes the same sentences again and again
        if (found := self._quotes.get(key)) is None:
            found = self._quotes[key] = self._quote(first, last)
        return found

    def evidence_at(self, start: int, end: int) -> tuple[int, int, str, tuple[str, ...]]:
        """``(*span(start, end), quote(start, end), section_path(start))`` with one look-up of
        the first sentence: what every piece of evidence holds, asked for every finding."""
        n = len(self.text)
        first_char = self.origin[max(0, min(start, n))]
        span_end = first_char if end <= start else self.origin[end - 1] + 1
        starts = self._sentence_starts
        if self.sentences:
            first = self.sentences[max(bisect.bisect_right(starts, start) - 1, 0)]
            last = first if end - 1 <= start else self.sentences[max(bisect.bisect_right(starts, end - 1) - 1, 0)]
        else:
            first = last = Sentence(0, n)
        key = (first.start, last.start)
        if (found := self._quotes.get(key)) is None:
            found = self._quotes[key] = self._quote(first, last)
        return first_char, span_end, found, first.section

    def _quote(self, first: Sentence, last: Sentence) -> str:
        begin = self.to_original(first.start)
        # Up to where the next normalized character starts, so characters dropped at the
        # sentence end (a pinyin annotation) stay in the quote — but never past a line end.
        last_char = self.origin[max(last.end - 1, first.start)]
        finish = self.to_original(last.end)
        line_end = self._original_line_end(last_char)
        if line_end != -1:
            finish = min(finish, line_end)
        return self.original[begin:max(finish, last_char + 1)].strip()

    def section_path(self, i: int) -> tuple[str, ...]:
        return self.sentence_at(i).section


def split_sentences(text: str, sections: Sequence[Section] = ()) -> list[Sentence]:
    """Split normalized text at sentence ends, keeping the terminator inside the sentence."""
    out: list[Sentence] = []
    pos = 0
    for m in SENTENCE_END.finditer(text):
        end = m.end()
        stripped_end = m.start() + (1 if text[m.start()] != "\n" else 0)
        if text[pos:stripped_end].strip():
            out.append(Sentence(pos, stripped_end))
        pos = end
    if text[pos:].strip():
        out.append(Sentence(pos, len(text)))
    return with_section_paths(out, sections) if sections else out


def with_section_paths(sentences: Sequence[Sentence], sections: Sequence[Section]) -> list[Sentence]:
    """``sentences`` (as split from the text) each carrying its section path."""
    paths = _paths_at(sections, [s.start for s in sentences])
    return [Sentence(s.start, s.end, path) for s, path in zip(sentences, paths, strict=True)]


def _paths_at(sections: Sequence[Section], positions: Sequence[int]) -> list[tuple[str, ...]]:
    """:func:`_path_at` of each of ``positions`` (increasing) in one sweep: the sections
    opened so far on a heap, deepest (then latest listed) first, those ended dropped as they
    surface — asking every section for every sentence made a long report quadratic."""
    order = sorted(range(len(sections)), key=lambda k: sections[k].start)
    heap: list[tuple[int, int]] = []  # (-depth, -index)
    out: list[tuple[str, ...]] = []
    j = 0
    for i in positions:
        while j < len(order) and sections[order[j]].start <= i:
            k = order[j]
            heapq.heappush(heap, (-len(sections[k].path), -k))
            j += 1
        while heap and sections[-heap[0][1]].end <= i:
            heapq.heappop(heap)  # ended before i: before every later position too
        out.append(sections[-heap[0][1]].path if heap else ())
    return out


def _path_at(sections: Sequence[Section], i: int) -> tuple[str, ...]:
    path: tuple[str, ...] = ()
    for sec in sections:
        if sec.start <= i < sec.end and len(sec.path) >= len(path):
            path = sec.path
    return path
