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

from bisect import bisect_right
from collections.abc import Iterable, Iterator


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
