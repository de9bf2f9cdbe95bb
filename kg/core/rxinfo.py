"""What a compiled regular expression can match, read from its parse tree: the characters a
match can start with, and whether every match must hold a character of some range.

Finders use these facts to skip work that cannot find anything — a cue that needs an agency
placeholder is not run over a sentence without one; a pattern is tried only where one of its
first characters stands — so the matches found are exactly those of a plain scan.

>>> sorted(first_chars(re.compile(r"(?<!普法)责任清单|权(责|力)清单")))
['权', '责']
>>> first_chars(re.compile(r"\\s*市")) is None, first_chars(re.compile(r"a?")) is None
(True, True)
>>> needs_char_in(re.compile("向[\\ue000-\\uf8ff]+报告"), "\\ue000", "\\uf8ff")
True
>>> needs_char_in(re.compile("向(?:[\\ue000-\\uf8ff]|全市)报告"), "\\ue000", "\\uf8ff")
False
"""
from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

_MAX_RANGE = 256  # a class wider than this (all of CJK) tells nothing worth a set
_ZERO_WIDTH = (C.ASSERT, C.ASSERT_NOT, C.AT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when that is not a
    small known set (a wide class, ``\\s``, ``.``, flags) or the pattern can match empty."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    chars, nullable = _first_of(P.parse(pattern.pattern, pattern.flags))
    return None if chars is None or nullable else frozenset(chars)


def _first_of(items) -> tuple[set[str] | None, bool]:
    """(first characters, can match empty) of a sequence of parse items."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_item(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av) -> tuple[set[str] | None, bool]:
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        chars = set()
        for o, a in av:
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE and a[1] - a[0] < _MAX_RANGE:
                chars.update(chr(c) for c in range(a[0], a[1] + 1))
            else:  # NEGATE, CATEGORY, a wide range
                return None, False
        return chars, False
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return (None, False) if add_flags or del_flags else _first_of(sub)
    if op is C.BRANCH:
        chars, nullable = set(), False
        for alt in av[1]:
            first, empty = _first_of(alt)
            if first is None:
                return None, False
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if op in _REPEATS:
        low, _, sub = av
        first, empty = _first_of(sub)
        return (None, False) if first is None else (first, empty or low == 0)
    if op in _ZERO_WIDTH:  # a look-around or an anchor: the next item starts the match
        return set(), True
    return None, False  # ANY, NOT_LITERAL, a group reference …


def first_char_guarded(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` behind a look-ahead on the characters its matches start with
    (:func:`first_chars`; unchanged when they are not known): the same matches, groups and
    group numbers. A pattern opening with optional groups (``(?:均|分别)?(?:被…)?评为…``) or a
    look-behind is otherwise tried in full at every character of the text; the guard costs
    one set test there.

    >>> rx = first_char_guarded(re.compile(r"(?:我(局|委))?(法治建设)领导小组"))
    >>> rx.pattern
    '(?=[我法])(?:(?:我(局|委))?(法治建设)领导小组)'
    >>> rx.search("加强我局法治建设领导小组").groups()
    ('局', '法治建设')
    """
    heads = first_chars(pattern)
    if not heads:
        return pattern
    guard = "[" + "".join(re.escape(ch) for ch in sorted(heads)) + "]"
    return re.compile(f"(?={guard})(?:{pattern.pattern})", pattern.flags)


def needs_char_in(pattern: re.Pattern, low: str, high: str) -> bool:
    """True when every match of ``pattern`` holds a character in ``[low, high]`` (a class
    made only of such characters, outside any optional part or look-around)."""
    if pattern.flags & re.IGNORECASE:
        return False
    return _seq_needs(P.parse(pattern.pattern, pattern.flags), ord(low), ord(high))


def _seq_needs(items, low: int, high: int) -> bool:
    return any(_item_needs(op, av, low, high) for op, av in items)


def _item_needs(op, av, low: int, high: int) -> bool:
    if op is C.LITERAL:
        return low <= av <= high
    if op is C.IN:
        return bool(av) and all(
            (o is C.LITERAL and low <= a <= high) or (o is C.RANGE and low <= a[0] and a[1] <= high) for o, a in av
        )
    if op is C.SUBPATTERN:
        return _seq_needs(av[3], low, high)
    if op is C.BRANCH:
        return all(_seq_needs(alt, low, high) for alt in av[1])
    if op in _REPEATS:
        return av[0] >= 1 and _seq_needs(av[2], low, high)
    return False


# (prefix, whole): the start of a match, and whether the items read so far are wholly spelt
# by it (so that what the next item spells follows it)
_Prefix = tuple[str, bool]


def _prefixes_of(items, k: int, limit: int) -> set[_Prefix] | None:
    out: set[_Prefix] = {("", True)}
    for op, av in items:
        if all(len(p) >= k or not whole for p, whole in out):
            break
        step = _prefixes_item(op, av, k, limit)
        if step is None:
            step = {("", False)}  # not known: what is read so far is the prefix
        grown: set[_Prefix] = set()
        for p, whole in out:
            if len(p) >= k or not whole:
                grown.add((p, False))
                continue
            for q, q_whole in step:
                grown.add(((p + q)[:k], whole and q_whole and len(p + q) <= k))
        if len(grown) > limit:
            return None
        out = grown
    return out


def _prefixes_item(op, av, k: int, limit: int) -> set[_Prefix] | None:
    if op is C.LITERAL:
        return {(chr(av), True)}
    if op is C.IN:
        chars, _ = _first_item(op, av)
        return None if chars is None or len(chars) > limit else {(c, True) for c in chars}
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _prefixes_of(sub, k, limit)
    if op is C.BRANCH:
        out: set[_Prefix] = set()
        for alt in av[1]:
            found = _prefixes_of(alt, k, limit)
            if found is None:
                return None
            out |= found
        return out if len(out) <= limit else None
    if op in _REPEATS:
        low, high, sub = av
        once = _prefixes_of(sub, k, limit)
        if once is None:
            return None
        # one repetition, then not known; or none at all when it may be left out
        found = {(p, whole and high == 1) for p, whole in once}
        return found | {("", True)} if low == 0 else found
    if op in _ZERO_WIDTH:
        return {("", True)}
    return None


# (string, shift): a match can start ``shift`` characters after where the string stands;
# ("", 0): at the start of the text
Anchor = tuple[str, int]


def anchors(pattern: re.Pattern, k: int = 2, limit: int = 512) -> frozenset[Anchor] | None:
    """Where a match of ``pattern`` can start, read per top-level alternative: the strings
    (each at most ``k`` characters, shorter where what follows is not known) every match of it
    starts with (shift 0); for one opening with a look-behind on a plain string
    (``(?<=规定》)…``), that string, shifted by its length; for one opening with ``^``, the
    text's start. None when an alternative is none of these. A pattern with such
    alternatives is then tried only where they can match, not at every character.

    >>> sorted(anchors(re.compile(r"重大(行政)?决策|行政决策(程序|机制)")))
    [('行政', 0), ('重大', 0)]
    >>> sorted(anchors(re.compile(r"决策[^。]{0,6}审|法(治|制)?讲座")))
    [('决策', 0), ('法制', 0), ('法治', 0), ('法讲', 0)]
    >>> sorted(anchors(re.compile(r"(?<!普法)责任清单|权[^。]")))
    [('权', 0), ('责任', 0)]
    >>> sorted(anchors(re.compile(r"(?<=规定》)[^。]{0,9}报告|年度报告|(?:^|(?<=\\n))\\s*政府:")))
    [('', 0), ('\\n', 1), ('年度', 0), ('规定》', 3)]
    >>> sorted(anchors(re.compile(r"(?<=[0-2])\\s*市")))
    [('0', 1), ('1', 1), ('2', 1)]
    >>> anchors(re.compile(r"年度|\\s*政府")) is None, anchors(re.compile(r"^x", re.M)) is None
    (True, True)
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE):
        return None
    out: set[Anchor] = set()
    for alt in _alternatives(P.parse(pattern.pattern, pattern.flags)):
        found = _prefixes_of(alt, k, limit)
        if found is not None and all(p for p, _ in found):
            out |= {(p, 0) for p, _ in found}
        elif (opening := _openers(alt)) is not None:
            out |= opening
        else:
            return None
    return frozenset(out)


def _alternatives(items) -> list:
    """The top-level alternatives of a parsed pattern (plain groups around them opened)."""
    if len(items) == 1:
        op, av = items[0]
        if op is C.BRANCH:
            return [a for alt in av[1] for a in _alternatives(alt)]
        if op is C.SUBPATTERN and not av[1] and not av[2]:
            return _alternatives(av[3])
    return [items]


def _openers(items) -> set[Anchor] | None:
    """Anchors of a sequence opening with ``^`` or a look-behind on a plain string (or a
    choice of these): the match starts at the text's start or right after the string."""
    if not items:
        return None
    op, av = items[0]
    if op is C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
        return {("", 0)}
    if op is C.ASSERT and av[0] == -1 and av[1] and all(o is C.LITERAL for o, _ in av[1]):
        behind = "".join(chr(a) for _, a in av[1])
        return {(behind, len(behind))}
    if op is C.ASSERT and av[0] == -1 and len(av[1]) == 1 and av[1][0][0] is C.IN:
        chars, _ = _first_item(*av[1][0])  # a look-behind on one character of a small class ((?<=[0-9]))
        return {(c, 1) for c in chars} if chars else None
    if op is C.SUBPATTERN and not av[1] and not av[2]:
        return _openers(av[3])
    if op is C.BRANCH:
        out: set[Anchor] = set()
        for alt in av[1]:
            found = _openers(alt)
            if found is None:
                return None
            out |= found
        return out
    return None


def required_chars(pattern: re.Pattern) -> frozenset[str]:
    """Characters every match of ``pattern`` holds (its literals outside optional parts and
    look-arounds; in an alternation, those of every branch): a text missing one has no match.

    >>> sorted(required_chars(re.compile(r"向(?P<a>x+)[^,]{0,16}?(?:报告|汇报)")))
    ['x', '向', '报']
    >>> sorted(required_chars(re.compile(r"(?:在|接受)[^。]*监督")))
    ['监', '督']
    """
    if pattern.flags & re.IGNORECASE:
        return frozenset()
    return frozenset(_seq_required(P.parse(pattern.pattern, pattern.flags)))


def _seq_required(items) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        out |= _item_required(op, av)
    return out


def _item_required(op, av) -> set[str]:
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.SUBPATTERN:
        return _seq_required(av[3])
    if op is C.BRANCH:
        alternatives = [_seq_required(alt) for alt in av[1]]
        return set.intersection(*alternatives) if alternatives else set()
    if op in _REPEATS and av[0] >= 1:
        return _seq_required(av[2])
    return set()


def required_choices(pattern: re.Pattern) -> tuple[frozenset[str], ...]:
    """Sets of characters every match of ``pattern`` holds one of each: an alternation's (a
    character of each branch, the one its match must hold) or a small class's, outside optional
    parts and look-arounds — where :func:`required_chars` finds nothing an alternation's
    branches share. Sets of one character are left to :func:`required_chars`.

    >>> [sorted(s) for s in required_choices(re.compile(r"(?=[报呈])(?:报|呈报)[^。]{0,8}(?:来到|深入)[甲乙]?"))]
    [['呈', '报'], ['来', '深']]
    >>> required_choices(re.compile(r"(?:报告|x?)"))
    ()
    """
    if pattern.flags & re.IGNORECASE:
        return ()
    found = _seq_choices(P.parse(pattern.pattern, pattern.flags))
    return tuple(s for s in dict.fromkeys(found) if len(s) > 1)


def _seq_choices(items) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    for op, av in items:
        out += _item_choices(op, av)
    return out


def _item_choices(op, av) -> list[frozenset[str]]:
    if op is C.LITERAL:
        return [frozenset(chr(av))]
    if op is C.IN:
        chars, _ = _first_item(op, av)  # a small class's characters, or None
        return [frozenset(chars)] if chars else []
    if op is C.SUBPATTERN:
        return _seq_choices(av[3])
    if op is C.BRANCH:
        picks: list[frozenset[str]] = []
        for alt in av[1]:
            held = _seq_choices(alt)
            if not held:
                return []  # a branch that needs nothing: the alternation needs nothing
            picks.append(min(held, key=len))  # the branch's narrowest need
        return [frozenset().union(*picks)]
    if op in _REPEATS and av[0] >= 1:
        return _seq_choices(av[2])
    return []
