"""Traditional → simplified Chinese with OpenCC (t2s), loaded once per process."""
from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert to simplified script.

    >>> to_simplified("法治政府建設實施綱要")
    '法治政府建设实施纲要'
    """
    return _converter().convert(text)
