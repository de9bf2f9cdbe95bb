"""Pinyin annotations after characters, as some sites print them: ``自治區(qū)`` → ``自治區``.

Only bracketed, lower-case pinyin (one syllable, or several toned ones separated by spaces)
right after a CJK character is removed, so
``(2015-2020年)``, ``(试行)`` or ``(PDF)`` are never touched.
"""
from __future__ import annotations

import re
from functools import cache

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# One pinyin syllable: optional initial, a final; tone marks or a trailing tone digit allowed.
_SYLLABLE = (
    rf"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouv{_TONED}][a-z{_TONED}]{{0,4}}[1-5]?"
)
# Several syllables for a word (情況(qíng kuàng)): space-separated, and toned, so that an
# English word in brackets is never read as pinyin.
_WORD = rf"(?=[^)）]*[{_TONED}]){_SYLLABLE}(?: {_SYLLABLE})+"
# The bracket first, the character before it looked behind at from there: the scan skips to
# brackets instead of testing the look-behind at every character.
PINYIN_ANNOTATION = rf"[(（](?<=[\u3400-\u9fff][(（])({_WORD}|{_SYLLABLE}) ?[)）]"
BRACKETS = "(（"
# What every annotation opens with: a bracket, then a pinyin letter. A text holding neither pair
# holds none; searched for as one pattern a bracket, each opening with its literal (a class of
# both brackets, and the annotation pattern itself, are tried at every character, and most
# reports hold brackets — (一), (2015-2020年) — but no pinyin)
_OPENINGS = tuple(re.compile(re.escape(b) + f"[a-z{_TONED}]") for b in BRACKETS)


def may_hold_annotation(text: str) -> bool:
    """False when ``text`` holds no pinyin annotation: no bracket followed by a pinyin letter.

    >>> may_hold_annotation("区(qū)"), may_hold_annotation("(一)总体情况(2015-2020年)")
    (True, False)
    """
    return any(rx.search(text) for rx in _OPENINGS)


@cache
def pinyin_annotation() -> re.Pattern[str]:
    """:data:`PINYIN_ANNOTATION` compiled, on first use: compiling it is ≈ 19 ms, most of what
    importing normalization costs a command-line question, whose name seldom has a bracket."""
    return re.compile(PINYIN_ANNOTATION)
