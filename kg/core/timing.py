"""Wall time by phase: where a long job (a build of 100,000 reports) spends its hour.

>>> times = PhaseTimes()
>>> with times.phase("read"):
...     pass
>>> with times.phase("read"):  # a phase entered again adds up
...     pass
>>> list(times), times["read"] >= 0
(['read'], True)
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class PhaseTimes(dict[str, float]):
    """Seconds of wall time by phase name, in the order the phases first ran."""

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the block as ``name`` (added to it if it ran before), whether it ends or raises."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - start

    def lines(self) -> list[str]:
        """One line a phase, ``seconds  name``, aligned, then the total."""
        total = sum(self.values())
        width = len(f"{total:.1f}")  # the widest figure
        return [f"{s:>{width}.1f} s  {name}" for name, s in [*self.items(), ("total", total)]]
