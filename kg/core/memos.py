"""Per-process memos of answers keyed by text that recurs across reports (titles, names, text
blocks), registered so a long-lived worker can empty them all at once.

A memo's answers are a pure function of its key and the fixed tables, so emptying one changes
no output, only the time the next reports take. It bounds a worker's memory: the memos fill
over a corpus (≈ 290 MB a worker at 10,000 reports, ≈ 410 MB at 100,000), and answers dropped
leave freed memory that the next ones fill instead of growing the process
(:func:`kg.build.corpus.extract_one` empties them every ``MEMO_CLEAR_EVERY`` reports).

>>> @memo(16)
... def shout(text: str) -> str:
...     return text.upper()
>>> shout("ok"), shout("ok"), shout.cache_info().currsize
('OK', 'OK', 1)
>>> clear_memos() >= 1, shout.cache_info().currsize
(True, 0)
"""
from __future__ import annotations

from collections.abc import Callable
from functools import _lru_cache_wrapper, lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_MEMOS: list[_lru_cache_wrapper[Any]] = []


def memo(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, registered with :func:`clear_memos`."""

    def register(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _MEMOS.append(cached)
        return cached  # type: ignore[return-value]

    return register


def clear_memos() -> int:
    """Empty every registered memo; returns how many answers were dropped."""
    dropped = 0
    for cached in _MEMOS:
        dropped += cached.cache_info().currsize
        cached.cache_clear()
    return dropped
