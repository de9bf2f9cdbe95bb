"""Word lists as regular expressions that stay fast at gazetteer size.

A plain alternation of thousands of names (``北京市|海淀区|…``) makes Python's regex engine
try every name at every position; the same words folded into a prefix tree
(``北京(?:市)?|海(?:淀区|南省)…``) cost a few character tests per position. The tree prefers
the longer word, so it matches exactly what an alternation sorted longest-first matches.

>>> rx = re.compile(words_pattern(["市", "市委", "市政府", "县"]))
>>> [m.group() for m in rx.finditer("市委和市政府及县")]
['市委', '市政府', '县']
>>> words_pattern(["a.b"])
'a\\\\.b'
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import ahocorasick_rs

_END = ""  # key marking that a word ends at this node

# Word lists up to this size are scanned by a DFA, the others by the crate's default NFA.
# Measured (one process, 160 generated reports): the DFAs of the department names (176),
# zone words (120), duty heads (491) and national bodies (67) take 0.3–1 MB each and scan
# 1.2–3.7× faster; those of the 1,407 catalogued names (now read by an :class:`EndingTrie`)
# and the 3,780 place forms take 15 and 11 MB, and the place forms' is no faster.
DFA_MAX_WORDS = 600


def _automaton(words: list[str], matchkind: ahocorasick_rs.MatchKind) -> ahocorasick_rs.AhoCorasick:
    if len(words) <= DFA_MAX_WORDS:
        return ahocorasick_rs.AhoCorasick(words, matchkind=matchkind, implementation=ahocorasick_rs.Implementation.DFA)
    return ahocorasick_rs.AhoCorasick(words, matchkind=matchkind)


def words_pattern(words: Iterable[str]) -> str:
    """A regex source matching any of ``words`` (longest first at a position); no groups."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = True
    if not trie:
        return "(?!)"
    # a look-ahead on the first characters lets a search skip most positions with one set test
    lookahead = f"(?={first_chars_class(trie)})" if len(trie) > 8 else ""
    return lookahead + _node_pattern(trie)


def first_chars_class(words: Iterable[str]) -> str:
    """A character class of the first characters of ``words``: put in a look-ahead before a
    pattern that cannot be searched for quickly (one that opens with an optional group).

    >>> first_chars_class(["市委", "县", "市"])
    '[县市]'
    """
    return "[" + "".join(re.escape(ch) for ch in sorted({w[0] for w in words if w})) + "]"


class WordScanner:
    """The matches of ``re.finditer(words_pattern(words), text)`` — leftmost, the longest word
    there, not overlapping — found by an Aho-Corasick automaton (``ahocorasick_rs``, leftmost-
    longest): one pass over the text whatever the number of words, where the regex tries
    the words' first characters at every position (seven times slower over place names).

    >>> WordScanner(["市", "市委", "市政府", "县"]).spans("市委和市政府及县")
    [(0, 2, '市委'), (3, 6, '市政府'), (7, 8, '县')]
    >>> WordScanner([]).spans("市")
    []
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted({w for w in words if w})
        self._automaton = _automaton(self.words, ahocorasick_rs.MatchKind.LeftmostLongest) if self.words else None

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, word)`` of each match, in text order."""
        if self._automaton is None:
            return []
        words = self.words
        return [(start, end, words[k]) for k, start, end in self._automaton.find_matches_as_indexes(text)]


BUCKET = 64  # branches per group under a wide node (measured: 16–128 all far better than none)


def _node_pattern(node: dict) -> str:
    chars = sorted(ch for ch in node if ch != _END)
    if not chars:
        return ""
    branches = [re.escape(ch) + _node_pattern(node[ch]) for ch in chars]
    if len(branches) > BUCKET:
        # The regex engine tries the branches of an alternation one by one; under a node with
        # hundreds of children (the first character of every place name) that is hundreds of
        # tests per position. Groups guarded by a character-class look-ahead cut it to a few.
        groups = []
        for k in range(0, len(branches), BUCKET):
            guard = "[" + "".join(map(re.escape, chars[k:k + BUCKET])) + "]"
            groups.append(f"(?={guard})(?:" + "|".join(branches[k:k + BUCKET]) + ")")
        branches = groups
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word may stop here: the greedy ``?`` tries the longer words first, then stops
    return "(?:" + body + ")?" if _END in node else body


class OverlapScanner:
    """Every occurrence of ``words``, overlapping ones too, found in one Aho-Corasick pass:
    where one starts (the positions where ``re.compile("|".join(words)).match`` succeeds), or
    the longest one ending at each position.

    ``positions(text)`` maps each word found to its starts in increasing order: several
    patterns that begin with known strings (each duty's, :func:`kg.core.rxinfo.prefixes`)
    share one scan of the text instead of one regex search per pattern.

    >>> OverlapScanner(["市", "市委", "委"]).positions("市委和市")
    {'市': [0, 3], '市委': [0], '委': [1]}
    >>> OverlapScanner([]).positions("市")
    {}
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted({w for w in words if w})
        self._automaton = _automaton(self.words, ahocorasick_rs.MatchKind.Standard) if self.words else None

    def starts(self, text: str) -> list[int]:
        """The positions where any of the words starts, increasing, each once.

        >>> OverlapScanner(["市", "市委", "委"]).starts("市委和市")
        [0, 1, 3]
        """
        if self._automaton is None:
            return []
        return sorted({start for _, start, _ in self._automaton.find_matches_as_indexes(text, overlapping=True)})

    def positions(self, text: str) -> dict[str, list[int]]:
        if self._automaton is None:
            return {}
        words = self.words
        by_index: defaultdict[int, list[int]] = defaultdict(list)  # no list made and dropped per match
        for k, start, _ in self._automaton.find_matches_as_indexes(text, overlapping=True):
            by_index[k].append(start)
        out = {words[k]: found for k, found in by_index.items()}
        for found in out.values():
            found.sort()  # reported by end: words of different lengths come out of start order
        return out


class EndingTrie:
    """The longest of ``words`` ending at an offset of a text, read backwards from there
    through a tree of the words' reversed characters: a few look-ups where one of them ends,
    one where none does. For a text asked at a few dozen offsets this is cheaper than an
    automaton's pass over all of it, and its small tables stay in the CPU's caches.

    >>> trie = EndingTrie(["法", "宪法", "行政复议法"])
    >>> text = "宪法和行政复议法及刑法"
    >>> trie.longest_at(text, 2), trie.longest_at(text, 8), trie.longest_at(text, 11), trie.longest_at(text, 3)
    ('宪法', '行政复议法', '法', None)
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._root: dict = {}
        for word in words:
            if not word:
                continue
            node = self._root
            for ch in reversed(word):
                node = node.setdefault(ch, {})
            node[_END] = word

    def longest_at(self, text: str, end: int) -> str | None:
        """The longest word that ``text[:end]`` ends with, or None."""
        node, best = self._root, None
        for i in range(end - 1, -1, -1):
            child = node.get(text[i])
            if child is None:
                break
            node = child
            best = node.get(_END, best)
        return best
