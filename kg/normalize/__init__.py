"""Normalization: original text → normalized text + offset map, as one :class:`~kg.core.doc.Document`.

Steps, in order (each keeps offsets, see :mod:`kg.normalize.offsets`):

1. line breaks unified (``\\r\\n`` → ``\\n``);
2. web-page furniture dropped line by line (:mod:`kg.normalize.boilerplate`);
3. pinyin annotations removed (``區(qū)`` → ``區``, :mod:`kg.normalize.pinyin`);
4. traditional → simplified script (OpenCC t2s, :mod:`kg.core.script`), then words a
   simplified → Taiwan-usage conversion mangled restored (``data/patterns/script_artifacts.tsv``);
5. compatibility forms folded (NFKC per character: full-width ``，（）：１`` → ``,():1``);
6. white space tidied (line ends stripped, runs of spaces folded, blank-line runs folded).

>>> doc = normalize_text("  一、總體情況（qíng）\\r\\n分享到:", name="t.txt")
>>> doc.text
'一、总体情况'
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from kg.core.doc import Document, Span
from kg.core.memos import memo
from kg.core.resources import data_rows
from kg.core.script import to_simplified
from kg.io import read_text
from kg.normalize.boilerplate import is_boilerplate
from kg.normalize.offsets import OffsetText
from kg.normalize.pinyin import may_hold_annotation, pinyin_annotation

# why: a report republished through a Taiwan-usage converter reads 規範性檔 for 规范性文件
_ARTIFACTS = tuple((re.compile(rx), repl) for rx, repl in data_rows("patterns", "script_artifacts.tsv"))
_WHITE = " \t\u00a0\u3000\n"  # blanks and line breaks
# a run of them that white-space tidying changes, away from the text's ends: two characters or
# more (a bare "\n\n" is passed over), or one blank that is not a space
_EDITED_RUN = re.compile(r"[ \t\u00a0\u3000\n]{2,}|[\t\u00a0\u3000]")
_NOT_SPACE_BLANKS = "\t\u00a0\u3000"
_AS_SPACE = str.maketrans(dict.fromkeys(_NOT_SPACE_BLANKS, " "))
# NFKC would turn these into ASCII look-alikes that the annotation keeps distinct, or
# break Chinese quotation marks; they stay as they are.
_KEEP = set("《》〈〉〔〕【】“”‘’、。·—…")
SHORT_TEXT = 2000  # characters: below, folded character by character (see normalize_text)


@memo(1 << 16)  # asked for each distinct character of each report: the same few thousand
def _fold_char(ch: str) -> str:
    if ch in _KEEP or ch < "\u00a0":
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded if folded.strip() or ch.isspace() else ch


@lru_cache(maxsize=1)
def _unfolded_han() -> frozenset[str]:
    """The characters of the main Han block that :func:`_fold_char` leaves as they are (all of
    them, tested once): most of a report's distinct characters, not asked for each report."""
    return frozenset(ch for ch in map(chr, range(0x4E00, 0xA000)) if _fold_char(ch) == ch)


@lru_cache(maxsize=1)
def _unfolded() -> frozenset[str]:
    """Characters :func:`_fold_char` leaves as they are, known without asking: the main Han
    block's (:func:`_unfolded_han`), everything below U+00A0 and the kept punctuation. Without
    ASCII and 、。“”《》 in it, a report's runs of other characters were hundreds (one string
    each); now they are the few dozen full-width marks (，（）：) that do fold."""
    return _unfolded_han() | frozenset(map(chr, range(0xA0))) | frozenset(_KEEP)


def _white_space(t: OffsetText) -> OffsetText:
    """A run of blanks becomes one space (its first character's), blanks at line ends go, three
    or more line breaks become two, the text is trimmed — every rule a deletion, so the text is
    cut once from the runs that need one (four substitutions rebuilt the offsets up to four
    times), then the blanks left, each the first of its run, read as spaces."""
    text = t.text
    n = len(text)
    lead = n - len(text.lstrip(_WHITE))
    if lead == n:
        return t.delete([(0, n)] if n else [])
    trail = n - len(text.rstrip(_WHITE))
    cut = [(0, lead)] if lead else []
    # runs inside the trimmed text that change: a lone space and one or two bare line breaks stay
    for m in _EDITED_RUN.finditer(text, lead, n - trail):
        s, e = m.span()
        first = text.find("\n", s, e)
        if first < 0:  # blanks inside a line: the first stays
            if e - s > 1:
                cut.append((s + 1, e))
            continue
        # blanks next to line breaks go; the first two breaks stay
        if first > s:
            cut.append((s, first))
        second = text.find("\n", first + 1, e)
        if second < 0:
            second = first
        elif second > first + 1:
            cut.append((first + 1, second))
        if e > second + 1:
            cut.append((second + 1, e))
    if trail:
        cut.append((n - trail, n))
    t = t.delete(cut)
    if any(b in t.text for b in _NOT_SPACE_BLANKS):
        t = OffsetText(t.text.translate(_AS_SPACE), t.origin)
    return t


def _drop_furniture(t: OffsetText, removed: list[Span]) -> OffsetText:
    """``t`` without its lines of web-page furniture (their line breaks kept), each line's
    original span added to ``removed``. The lines are read from a split of the text, and the
    text is cut only when one goes (a substitution called back for every line cost more
    than the tests)."""
    cut: list[tuple[int, int]] = []
    start = 0
    for line in t.text.split("\n"):
        end = start + len(line)
        if line and is_boilerplate(line):
            cut.append((start, end))
            removed.append(Span(t.origin[start], t.origin[end - 1] + 1))
        start = end + 1
    return t.delete(cut)


def normalize_text(original: str, *, name: str, path: str = "", encoding: str = "utf-8", fmt: str = "txt",
                   drop_furniture: bool = True) -> Document:
    """Normalize decoded report text into a :class:`Document` (``drop_furniture=False``: keep
    every line, for a name typed by a user, which is never web-page furniture)."""
    if original.startswith("\ufeff"):
        original = original[1:]
    t = OffsetText.of(original)
    t = t.sub(r"\r\n?", "\n")
    removed: list[Span] = []
    if drop_furniture:
        t = _drop_furniture(t, removed)
    if may_hold_annotation(t.text):
        t = t.sub(pinyin_annotation(), "")
    t = t.map_same_length(to_simplified)
    for rx, repl in _ARTIFACTS:
        t = t.sub(rx, repl)
    # a name a user typed: its few characters asked directly (the table of the whole Han block
    # costs ~60 ms to make, a third of a short command's time)
    t = t.map_chars(_fold_char, _unfolded() if len(t.text) > SHORT_TEXT else frozenset())
    t = _white_space(t)
    sha = hashlib.sha256(original.encode("utf-8")).hexdigest()
    return Document(name=name, path=path, sha256=sha, original=original, text=t.text,
                    origin=t.origin, encoding=encoding, fmt=fmt, removed=removed)


def read_report(path: Path | str) -> Document:
    """Read and normalize one report file (raises :class:`kg.io.ReadError`).

    >>> from kg.core.resources import sample_corpus
    >>> doc = read_report(next(sample_corpus().glob("002_*.txt")))
    >>> "(qū)" in doc.original, "(qū)" in doc.text
    (True, False)
    """
    return read_report_with_notes(path)[0]


def read_report_with_notes(path: Path | str) -> tuple[Document, list[str]]:
    """Read and normalize one report file; also the notes on repairs made while decoding."""
    raw = read_text(path)
    doc = normalize_text(raw.text, name=readable_name(raw.path.name), path=readable_name(str(raw.path)),
                         encoding=raw.encoding, fmt=raw.fmt)
    return doc, raw.notes


def normalize_query(text: str) -> str:
    """A name a user typed, normalized as report text is (traditional script, full-width
    forms, pinyin annotations), so it matches the names the graph holds.

    >>> normalize_query("重大行政決策程序暫行條例"), normalize_query("《行政復議法》")
    ('重大行政决策程序暂行条例', '《行政复议法》')
    >>> normalize_query("文山市（shì）人民政府")
    '文山市人民政府'
    """
    return normalize_text(text, name="query", drop_furniture=False).text.strip() or text.strip()


def readable_name(name: str) -> str:
    """A file name as text: names that are not UTF-8 on disk (GBK names copied from Windows
    come as surrogate escapes) are read as GB18030, else shown with U+FFFD.

    >>> readable_name(os.fsdecode("报告.txt".encode("gbk")))
    '报告.txt'
    """
    raw = os.fsencode(name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")
