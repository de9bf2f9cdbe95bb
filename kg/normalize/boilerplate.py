"""Drop web-page furniture (navigation, share buttons, footers) line by line.

The patterns live in ``data/patterns/boilerplate.txt``; this module only applies them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.core.resources import data_path


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern, ...]:
    lines = data_path("patterns", "boilerplate.txt").read_text("utf-8").splitlines()
    return tuple(re.compile(line) for line in lines if line.strip() and not line.startswith("#"))


# what joining patterns would change the meaning of: a back-reference or a named group (the
# numbers and names are the joined pattern's), a conditional
_UNJOINABLE = re.compile(r"\\[1-9]|\(\?P|\(\?\(")


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) of ``pattern``'s characters outside escapes and character
    classes, depth counting the groups open around it (a group's own parentheses at the outer
    depth)."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1  # the escaped character
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += pattern[i + 1:i + 2] == "^"
            i += pattern[i + 1:i + 2] == "]"  # a leading ] is a member
        else:
            if ch == ")":
                depth -= 1
            yield i, ch, depth
            if ch == "(":
                depth += 1
        i += 1


def _anchored(pattern: str) -> bool:
    """Whether the whole of ``pattern`` is anchored at the start (``^a|b`` is not)."""
    return pattern.startswith("^") and not any(ch == "|" and d == 0 for _, ch, d in _structure(pattern))


def _one_group(pattern: str) -> bool:
    """Whether ``pattern`` is one plain group, ``(…)``, from its first character to its last."""
    if not pattern.startswith("(") or pattern.startswith("(?"):
        return False
    return next(i for i, ch, d in _structure(pattern) if ch == ")" and d == 0) == len(pattern) - 1


@lru_cache(maxsize=1)
def _searches() -> tuple[re.Pattern, ...]:
    """The patterns as a few searches finding a match where one of them does (a search a pattern
    for every line of every report): those anchored at the line's start as one ``^(?:…|…)``, tried
    at the start only; those that are one group of alternatives as one alternation of all the
    alternatives (which the engine scans for by their first characters: alternatives nested in
    groups it tries one by one at every position, 3× slower than a search each); any other, or
    with flags or groups joining would change, alone.

    >>> len(_searches()) < len(boilerplate_patterns())
    True
    """
    anchored: list[str] = []
    alternatives: list[str] = []
    alone: list[re.Pattern] = []
    for p in boilerplate_patterns():
        source = p.pattern
        if p.flags != re.UNICODE or _UNJOINABLE.search(source):
            alone.append(p)
        elif _anchored(source):
            anchored.append(f"(?:{source[1:]})")
        elif _one_group(source):
            alternatives.append(source[1:-1])
        else:
            alone.append(p)
    joined = [f"^(?:{'|'.join(anchored)})"] if anchored else []
    joined += ["|".join(alternatives)] if alternatives else []
    return tuple(re.compile(rx) for rx in joined) + tuple(alone)


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
    for p in _searches():  # a loop, not any() over a generator: asked of every line of every report
        if p.search(stripped):
            return True
    return False

