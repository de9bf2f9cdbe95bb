"""Word boundaries by jieba, computed only where a finder asks for them.

jieba cuts a text block by block — a block is a run of Chinese characters, letters and
digits (``jieba.re_han_default``); every other character is a token of its own. So the
boundaries inside one block do not depend on the rest of the text, and a block need only be
segmented when a finder asks about a position in it. Agency finders ask about roughly a third
of a report's text (the blocks holding a place or level word), so most of it is never
segmented; segmentations are cached by block text, since the same lines are searched again by
later stages (metadata, ratings).

>>> starts, ends = token_bounds("市场监管局和市政府")
>>> 0 in starts, 2 in starts, 5 in ends, 9 in ends
(True, True, True, True)
>>> 1 in starts, 1 in ends
(False, False)
"""
from __future__ import annotations

import bisect
import logging
import math
from functools import lru_cache

from kg.core.memos import memo


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def _block_rx():
    return _jieba().re_han_default  # the same blocks jieba itself cuts


@memo(1 << 16)
def _block_bounds(block: str) -> tuple[frozenset[int], frozenset[int]]:
    """(starts, ends) of the tokens of one block, relative to the block: the tokens of
    ``jieba.tokenize(block, HMM=False)``, computed by :func:`_words`."""
    starts, ends = set(), set()
    pos = 0
    for width in _words(block):
        starts.add(pos)
        pos += width
        ends.add(pos)
    return frozenset(starts), frozenset(ends)


_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # jieba.re_eng


# A fragment's entry in :data:`_FRAGMENTS`: not in jieba's dictionary (the word graph stops
# there), a prefix of words only (frequency 0), or a word's log-probability (finite, ≤ 0).
_ABSENT = -math.inf
_PREFIX_ONLY = 1.0
_FRAGMENTS_MAX = 1 << 16  # entries; emptied when full (a memo's bound)


def _words(block: str) -> list[int]:
    """The widths of jieba's words of one block without HMM — its ``__cut_DAG_NO_HMM`` step for
    step (the word graph, the most probable route, single letters and digits joined) without
    its generators, and with each fragment's entry read from :data:`_FRAGMENTS`."""
    known = _FRAGMENTS
    if len(known) > _FRAGMENTS_MAX:
        known.clear()
    n = len(block)
    # jieba's get_DAG, keeping each word's log-probability with its end (no slicing again)
    dag: list[list[tuple[int, float]]] = []
    for k in range(n):
        ends: list[tuple[int, float]] = []
        i, frag = k, block[k]
        while i < n:
            lp = known.get(frag)
            if lp is None:
                lp = _fragment(frag)
            if lp == _ABSENT:
                break
            if lp != _PREFIX_ONLY:
                ends.append((i, lp))
            i += 1
            frag = block[k : i + 1]
        if not ends:
            word = block[k]
            ends.append((k, math.log(_jieba().dt.FREQ.get(word) or 1) - _log_total()))
        dag.append(ends)
    # jieba's calc: the most probable route, ties to the longer word (tuple order of (value, end))
    value = [0.0] * (n + 1)
    end_of = [0] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best_v, best_x = 0.0, -1
        for x, lp in dag[idx]:
            v = lp + value[x + 1]
            if best_x < 0 or v > best_v or (v == best_v and x > best_x):
                best_v, best_x = v, x
        value[idx], end_of[idx] = best_v, best_x
    widths: list[int] = []
    x, buf = 0, 0
    while x < n:
        y = end_of[x] + 1
        if y - x == 1 and block[x] in _ENG:
            buf += 1
        else:
            if buf:
                widths.append(buf)
                buf = 0
            widths.append(y - x)
        x = y
    if buf:
        widths.append(buf)
    return widths


# jieba's dictionary entries of the fragments looked up so far: the dictionary (500,000 keys,
# its hash table alone 15 MB) is read at random and falls out of the CPU's caches between
# blocks, so in the pipeline its look-ups cost 3–4× what they do in a loop; this small table
# of the fragments reports read (≈ 13,000 after 600 reports) stays in them
_FRAGMENTS: dict[str, float] = {}


def _fragment(frag: str) -> float:
    """``frag``'s entry, read from jieba's dictionary and kept in :data:`_FRAGMENTS`."""
    f = _jieba().dt.FREQ.get(frag)
    lp = _FRAGMENTS[frag] = _ABSENT if f is None else math.log(f) - _log_total() if f else _PREFIX_ONLY
    return lp


@lru_cache(maxsize=1)
def _log_total() -> float:
    return math.log(_jieba().dt.total)


class _Boundaries:
    """Token boundaries of one text, segmenting a block on first use."""

    def __init__(self, text: str):
        self.text = text
        spans = [m.span() for m in _block_rx().finditer(text)]
        self._block_starts = [s for s, _ in spans]
        self._spans = spans
        self._segmented: dict[int, tuple[frozenset[int], frozenset[int]]] = {}  # block index -> bounds

    def _block_at(self, i: int) -> int | None:
        """The index of the block holding character ``i``, or None (a character that is a token by itself)."""
        k = bisect.bisect_right(self._block_starts, i) - 1
        if k >= 0 and i < self._spans[k][1]:
            return k
        return None

    def _bounds(self, k: int) -> tuple[frozenset[int], frozenset[int]]:
        found = self._segmented.get(k)
        if found is None:  # asked again and again by one finder: no slicing and hashing of the block each time
            start, end = self._spans[k]
            found = self._segmented[k] = _block_bounds(self.text[start:end])
        return found

    def is_start(self, i: int) -> bool:
        if not 0 <= i < len(self.text):
            return False
        k = self._block_at(i)
        if k is None or i == self._block_starts[k]:
            return True
        return i - self._block_starts[k] in self._bounds(k)[0]

    def is_end(self, i: int) -> bool:
        if not 0 < i <= len(self.text):
            return False
        k = self._block_at(i - 1)
        if k is None or i == self._spans[k][1]:
            return True
        return i - self._block_starts[k] in self._bounds(k)[1]


class _Starts:
    """``i in starts``: :meth:`_Boundaries.is_start` in one call (finders ask it for most
    candidate names, and each nested call showed in the profile)."""

    __slots__ = ("_b",)

    def __init__(self, bounds: _Boundaries):
        self._b = bounds

    def __contains__(self, i: object) -> bool:
        b = self._b
        if not isinstance(i, int) or not 0 <= i < len(b.text):
            return False
        k = bisect.bisect_right(b._block_starts, i) - 1
        if k < 0 or i >= b._spans[k][1]:
            return True  # a character outside every block is a token by itself
        first = b._block_starts[k]
        if i == first:
            return True
        found = b._segmented.get(k)
        return i - first in (found if found is not None else b._bounds(k))[0]


class TokenEnds:
    """``i in ends``: :meth:`_Boundaries.is_end` in one call."""

    __slots__ = ("_b",)

    def __init__(self, bounds: _Boundaries):
        self._b = bounds

    def __contains__(self, i: object) -> bool:
        b = self._b
        if not isinstance(i, int) or not 0 < i <= len(b.text):
            return False
        k = bisect.bisect_right(b._block_starts, i - 1) - 1
        if k < 0 or i - 1 >= b._spans[k][1] or i == b._spans[k][1]:
            return True
        found = b._segmented.get(k)
        return i - b._block_starts[k] in (found if found is not None else b._bounds(k))[1]

    def first(self, p: int, stop: int) -> int | None:
        """The first ``e`` in ``range(p, stop)`` with ``e in self`` (None: none): the block
        holding ``p - 1`` looked up once, where a test per position looked it up each time."""
        b = self._b
        if 0 < p <= len(b.text):
            k = bisect.bisect_right(b._block_starts, p - 1) - 1
            if k >= 0 and p - 1 < b._spans[k][1]:  # inside block k: its ends, then the block's end
                first, last = b._spans[k]
                if p == last:
                    return p if p < stop else None
                found = b._segmented.get(k)
                block_ends = (found if found is not None else b._bounds(k))[1]
                for e in range(p, min(stop, last)):
                    if e - first in block_ends:
                        return e
                return last if last < stop else None
        return next((e for e in range(p, stop) if e in self), None)


def token_bounds(text: str) -> tuple[_Starts, TokenEnds]:
    """(token starts, token ends) of ``text`` by jieba, as containers for ``in`` tests; the
    same answers as collecting ``jieba.tokenize(text, HMM=False)``, computed on demand."""
    bounds = _Boundaries(text)
    return _Starts(bounds), TokenEnds(bounds)
