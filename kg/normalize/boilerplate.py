"""Drop web-page furniture (navigation, share buttons, footers) line by line.

The patterns live in ``data/patterns/boilerplate.txt``; this module only applies them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.core.resources import data_path


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern, ...]:
    lines = data_path("patterns", "boilerplate.txt").read_text("utf-8").splitlines()
    return tuple(re.compile(line) for line in lines if line.strip() and not line.startswith("#"))


def is_boilerplate(line: str) -> bool:
    """Whether a line is web-page furniture.

    >>> is_boilerplate("您的位置: 首页 > 首页 > 通知公告")
    True
    >>> is_boilerplate("一、总体情况")
    False
    """
    stripped = line.strip()
    if not stripped:
        return False
    return any(p.search(stripped) for p in boilerplate_patterns())

