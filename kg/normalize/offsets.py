"""Text with an offset map: every edit keeps, for each character, where it came from.

>>> t = OffsetText.of("ab(x)c")
>>> t = t.sub(r"\\(x\\)", "")
>>> t.text, list(t.origin)
('abc', [0, 1, 5, 6])
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class OffsetText:
    text: str
    # len(text) + 1 entries; the last is the end of the original. A range until an edit, then
    # an array of machine integers: an edit copies slices of it as memory (a tuple of every
    # offset was one integer object per character, made again by every edit: 13 µs a report
    # for each edit, 48 µs for the first, from the range)
    origin: array[int] | range

    @classmethod
    def of(cls, original: str) -> OffsetText:
        return cls(original, range(len(original) + 1))

    def sub(self, pattern: str | re.Pattern, repl: str | Callable[[re.Match], str]) -> OffsetText:
        """``re.sub`` that keeps offsets. Replacement characters map to the matched span,
        one for one while both last, then to its last character."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        pieces: list[str] = []
        origin = array("q")
        source = _offsets(self.origin)
        pos = 0
        literal = repl if isinstance(repl, str) and "\\" not in repl else None  # no template to expand
        for m in rx.finditer(self.text):
            new = literal if literal is not None else repl(m) if callable(repl) else m.expand(repl)
            if new == m.group():
                continue  # no edit (a line that is kept): copied with the text around it
            pieces.append(self.text[pos:m.start()])
            origin.extend(source[pos:m.start()])
            if len(new) == m.end() - m.start():  # one for one (often the match itself): a slice
                origin.extend(source[m.start():m.end()])
                pieces.append(new)
            elif new:
                width = max(m.end() - m.start(), 1)
                base = m.start()
                origin.extend(source[min(base + min(k, width - 1), len(self.text) - 1)] for k in range(len(new)))
                pieces.append(new)
            pos = m.end()
        if pos == 0 and not pieces:
            return self
        pieces.append(self.text[pos:])
        origin.extend(source[pos:])
        return OffsetText("".join(pieces), origin)

    def delete(self, spans: list[tuple[int, int]]) -> OffsetText:
        """The text without ``spans`` (increasing, not overlapping), offsets kept.

        >>> t = OffsetText.of("a  b\\n\\n\\nc").delete([(1, 2), (6, 7)])
        >>> t.text, list(t.origin)
        ('a b\\n\\nc', [0, 2, 3, 4, 5, 7, 8])
        """
        if not spans:
            return self
        pieces: list[str] = []
        origin = array("q")
        source = _offsets(self.origin)
        pos = 0
        for start, end in spans:
            pieces.append(self.text[pos:start])
            origin.extend(source[pos:start])
            pos = end
        pieces.append(self.text[pos:])
        origin.extend(source[pos:])
        return OffsetText("".join(pieces), origin)

    def map_chars(self, convert: Callable[[str], str], unchanged: frozenset[str] = frozenset()) -> OffsetText:
        """Apply a per-character conversion (which may change a character's length);
        ``unchanged``: characters ``convert`` is known to leave as they are (not asked)."""
        # convert each distinct character once; most texts need no per-character rebuild.
        # The characters outside ``unchanged`` are collected from their runs: a set of the
        # whole text made a new string for every character outside Latin-1.
        others = set("".join(_runs_outside(unchanged).findall(self.text))) if unchanged else set(self.text)
        changed = {ch: new for ch in others if (new := convert(ch)) != ch}
        if not changed:
            return self
        if all(len(new) == 1 for new in changed.values()):
            text = self.text
            if any(new in changed for new in changed.values()):  # a chain: translate replaces once
                table: dict[str, str | int | None] = dict(changed)
                return OffsetText(text.translate(str.maketrans(table)), self.origin)
            for ch, new in changed.items():  # a few characters: a replace each is faster than translate
                text = text.replace(ch, new)
            return OffsetText(text, self.origin)
        pieces: list[str] = []
        origin = array("q")
        for i, ch in enumerate(self.text):
            new = changed.get(ch, ch)
            pieces.append(new)
            origin.extend([self.origin[i]] * len(new))
        origin.append(self.origin[-1])
        return OffsetText("".join(pieces), origin)

    def map_same_length(self, convert: Callable[[str], str]) -> OffsetText:
        """Apply a whole-text conversion that keeps length (e.g. script conversion).
        Lines whose length changes are converted character by character instead."""
        converted = convert(self.text)
        if len(converted) == len(self.text):
            return OffsetText(converted, self.origin)
        lines = self.text.split("\n")
        out_lines = []
        for line in lines:
            new = convert(line)
            if len(new) != len(line):
                new = "".join(c if len(c := convert(ch)) == 1 else ch for ch in line)
            out_lines.append(new)
        return OffsetText("\n".join(out_lines), self.origin)


@lru_cache(maxsize=8)
def _runs_outside(chars: frozenset[str]) -> re.Pattern:
    """A run of characters none of which is in ``chars`` (a class of their code-point ranges)."""
    ranges: list[list[int]] = []
    for c in sorted(map(ord, chars)):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile("[^" + "".join(parts) + "]+")


_IDENTITY = array("q")  # 0, 1, 2 …: an unedited text's offsets, sliced as memory
_IDENTITY_MAX = 1 << 20  # entries kept (8 MB); a longer text's offsets are made for it alone


def _offsets(origin: Sequence[int]) -> array[int]:
    """``origin`` as an array: an unedited text's range (0 … n) copied from :data:`_IDENTITY`,
    grown to the longest text seen (making it from the range is an integer object each)."""
    if isinstance(origin, array):
        return origin
    n = len(origin)
    if not isinstance(origin, range) or origin.start != 0 or origin.step != 1 or n > _IDENTITY_MAX:
        return array("q", origin)
    if n > len(_IDENTITY):
        _IDENTITY.extend(range(len(_IDENTITY), min(max(n, 2 * len(_IDENTITY)), _IDENTITY_MAX)))
    return _IDENTITY[:n]
