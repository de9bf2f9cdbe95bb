"""Stretches of text a finder has already taken, asked "is this inside one of them?" in
logarithmic time — a list scanned per question made long one-line texts quadratic.

>>> taken = Spans([(0, 5), (10, 20)])
>>> taken.covers(11, 15), taken.covers(4, 11), taken.covers(20, 21)
(True, False, False)
>>> taken.add(30, 40)
>>> taken.holds(35), taken.holds(40), len(taken)
(True, False, 3)
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache


class Spans:
    """Half-open ``[start, end)`` spans; :meth:`covers` asks whether one span holds a stretch."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._items: list[tuple[int, int]] = list(spans)
        self._starts: list[int] = []
        self._reach: list[int] = []  # the furthest end of the spans sorted up to here
        self._sorted = False

    def add(self, start: int, end: int) -> None:
        self._items.append((start, end))
        if self._sorted and (not self._starts or start >= self._starts[-1]):
            # finders mostly take spans left to right: keep the index without sorting again
            self._starts.append(start)
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)
        else:
            self._sorted = False

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def _index(self) -> None:
        ordered = sorted(self._items)
        self._starts = [s for s, _ in ordered]
        self._reach, furthest = [], -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self._reach.append(furthest)
        self._sorted = True

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds all of ``[start, end)``."""
        if not self._sorted:
            self._index()
        k = bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end

    def holds(self, i: int) -> bool:
        """Whether one span holds position ``i``."""
        return self.covers(i, i + 1)


class Breaks:
    """Positions of a set of characters in one text, asked "the nearest one before / from ``i``"
    by bisection: ``text.rfind("\\n", 0, i)`` per match is quadratic on one long line.

    >>> b = Breaks("ab\\ncd;e", "\\n;")
    >>> b.before(5), b.before(2), b.at_or_after(3), b.at_or_after(7)
    (2, -1, 5, -1)
    """

    def __init__(self, text: str, chars: str) -> None:
        self._at = [m.start() for m in _char_class(chars).finditer(text)]

    def before(self, i: int) -> int:
        """The last position < ``i`` (``max(text.rfind(c, 0, i) for c in chars)``), or -1."""
        k = bisect_left(self._at, i)
        return self._at[k - 1] if k else -1

    def at_or_after(self, i: int) -> int:
        """The first position >= ``i`` (``text.find(c, i)`` for one character), or -1."""
        k = bisect_left(self._at, i)
        return self._at[k] if k < len(self._at) else -1


@lru_cache(maxsize=16)
def _char_class(chars: str) -> re.Pattern:
    return re.compile("[" + re.escape(chars) + "]")
