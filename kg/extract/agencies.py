"""Agency mentions: names of specific public bodies.

A name is found in one of these general shapes (all vocabulary lives in ``data/gazetteers``):

* **anchored** — a jurisdiction (a place name from :mod:`kg.core.places`, or a bare level
  word 省/市/县/区/州/盟/自治区, optionally after 中共) then a body ending in an agency
  suffix (``agency_suffixes.tsv``): ``清远市法制局``, ``市委组织部``, ``自治区政府法制办``;
* **national** — central bodies named without a place (``national_agencies.tsv``);
* **bare department** — a standard department name with no jurisdiction (``公安局``); in a list
  right after an anchored name it inherits that name's jurisdiction
  (``自治区人社厅,食药监局,商务厅`` → every item is 自治区's);
* **distributed** — places coordinated before one suffix (``呼和浩特、包头等四个仲裁委``) or
  before a class of divisions (``呼和浩特市等4个盟市``, a government each);
* **place list** — a line that is only a list of place names (rating lists): each place
  stands for its government.

Word boundaries come from jieba (loaded once per process): a name must start and end on a
token boundary, so ``市场`` never opens a name and ``局长`` never closes one.

The finder only reports surface forms and their parts (:class:`~kg.core.mentions.AgencyMention`:
``prefix``, ``body``, ``party``, ``shape``); canonical names are :mod:`kg.resolve.agencies`' job.

>>> from kg.normalize import normalize_text
>>> doc = normalize_text("经市政府同意,市法制局对自治区人社厅,食药监局开展检查。", name="t")
>>> [(m.text, m.prefix, m.body) for m in find_agencies(doc)]  # doctest: +NORMALIZE_WHITESPACE
[('市政府', '市', '政府'), ('市法制局', '市', '法制局'), ('自治区人社厅', '自治区', '人社厅'),
 ('食药监局', '自治区', '食药监局')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterator
from dataclasses import replace
from functools import lru_cache

from kg.core.doc import Document
from kg.core.gazetteers import (
    breaker_words,
    department_names,
    false_endings,
    generic_names,
    left_blockers,
    lines,
    national_agencies,
    suffixes,
    suffixes_longest_first,
)
from kg.core.lexicon import OverlapScanner, WordScanner, first_chars_class, words_pattern
from kg.core.mentions import AgencyMention, AgencyShape
from kg.core.places import (
    TOWNSHIP,
    WHOLE_LEVEL_FORM,
    canonical_place,
    kind_of,
    may_lie_in,
    place_form_spans,
    place_forms,
    place_forms_pattern,
    short_stems,
)
from kg.core.rxinfo import first_char_guarded
from kg.core.spans import Breaks, Spans
from kg.core.zones import find_zone, zone_forms, zone_forms_pattern, zone_kinds, zone_pattern_kinds
from kg.extract.tokens import TokenEnds, token_bounds

MAX_BODY = 30
# Characters that never occur inside a body name: function words and punctuation.
STOP_CHARS = set("的对向在将由及与并已等为从把被是各了我本该其按,、,。;:()《》〈〉“”?!\n 于以至到就")
COORDINATORS = set("和")
# last characters of a complete body's name (公安局, 财政厅, 纪委, 政府办, 法院): a list may go on after them
NAME_ENDINGS = ("局", "厅", "委", "办", "院")
# a township's level word opening its body's name (县政府和镇党委: two bodies, not one)
TOWNSHIP_BODY_HEAD = re.compile(r"(?:镇|乡|街道|苏木)(?:人民政府|政府|党委|党工委|办事处|人大)")
PARTY_PREFIXES = ("中共", "中国共产党")
LEVEL_WORDS = ("自治区", "自治州", "自治县", "地区", "林区", "省", "市", "县", "区", "州", "盟", "旗")
# A bare level word opens a name only as its own token or fused with one of these (jieba
# fuses 市委, 市政府) or with a department's standard name (县公安局): so 市场, 区域, 县域
# never start a name.
LEVEL_FUSIONS = (
    "委",
    "党委",
    "政府",
    "人民政府",
    "人大",
    "人大常委会",
    "政协",
    "法院",
    "人民法院",
    "检察院",
    "人民检察院",
    "常委会",
    "委员会",
    "府办",  # 市府办: the government's general office
)
DIVISION_CLASSES = re.compile(
    r"(?:盟市|地市|市县|县市区|县市|县区|旗县市区|旗县区|旗县|市州|州市|区县|县\(市、区\)|个市)"
)
# Generic body words that name one specific body after a level word (县法院 is the county's court).
LEVEL_SPECIFIC_BODIES = ("人民政府", "政府", "人大", "党委", "委", "常委会", "法院", "人民法院", "检察院", "人民检察院")
# Words for a member of a body, fused by jieba to the body's name (政协委员, 人大代表, 中心组成员).
MEMBER_WORDS = ("委员", "会议", "常委", "成员")
NUMBER = r"(?:[0-9]+|[一二三四五六七八九十两]+)"


@lru_cache(maxsize=1)
def _suffix_rx() -> re.Pattern:
    return re.compile("(?=(" + words_pattern(suffixes()) + "))")


@lru_cache(maxsize=1)
def _anchor_rx() -> re.Pattern:
    places = place_forms_pattern().pattern
    levels = "|".join(LEVEL_WORDS)
    # the look-ahead lets the search skip most characters with one set test
    opening = first_chars_class(place_forms() + LEVEL_WORDS + PARTY_PREFIXES)
    party = "|".join(PARTY_PREFIXES)
    return re.compile(rf"(?={opening})({party})?(?:({places})|({levels}))")


@lru_cache(maxsize=1)
def _national_words() -> WordScanner:
    return WordScanner(national_agencies())


@lru_cache(maxsize=1)
def _department_words() -> WordScanner:
    return WordScanner(department_names())


@lru_cache(maxsize=1)
def _breaker_rx() -> re.Pattern:
    words = sorted(lines("agency_name_breakers.txt"), key=len, reverse=True)
    # a number of years or items ends a name too (2020年度…, 8个综合执法局), and 级 (市县两级) but
    # not in 中级/高级人民法院
    counts = "两几多一二三四五六七八九十"
    # behind a look-ahead on the characters a match opens with (a digit, or one of these): the
    # search tried the whole alternation at every character of a run (2× slower)
    heads = "".join(sorted({w[0] for w in words} | set(counts) | {"级"}))
    # a name that holds a breaker word (推进依法行政工作领导小组) is not cut there
    inside = lines("agency_name_phrases.txt")

    def word(w: str) -> str:
        rests = sorted({p[len(w):] for p in inside if p.startswith(w) and len(p) > len(w)}, key=len, reverse=True)
        return re.escape(w) + (f"(?!{'|'.join(map(re.escape, rests))})" if rests else "")

    return re.compile(
        rf"(?=[{re.escape(heads)}]|\d)(?:"
        + "|".join(map(word, words))
        + rf"|\d+(?:年|个|次)|[{counts}]+个|(?<![中高])级)"
    )


@lru_cache(maxsize=1)
def _anchor_word_scanner() -> OverlapScanner:
    return OverlapScanner(place_forms() + LEVEL_WORDS)


def _anchor_starts(text: str) -> list[int]:
    """Every position where :func:`_anchor_rx` matches, increasing: where a place form or a
    level word starts, or a party prefix right before one. Found by one automaton pass —
    the regex search tried its place-name tree at every character a name could open with."""
    words = _anchor_word_scanner().starts(text)
    found = set(words)
    for party in PARTY_PREFIXES:
        k = len(party)
        found.update(i - k for i in words if i >= k and text.startswith(party, i - k))
    return sorted(found) if len(found) > len(words) else words


_RUN = re.compile(rf"[\u4e00-\u9fff0-9]{{0,{MAX_BODY}}}")
_STOP = re.compile("[" + "".join(map(re.escape, sorted(STOP_CHARS))) + "]")


@lru_cache(maxsize=1)
def _department_head_rx() -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(department_names(), key=len, reverse=True))))


def _opens_next_name(text: str, i: int) -> bool:
    """Whether a body's name opens at ``i`` (after 和): a place or level word, a township's
    body, or — after a complete name (公安局和财政局, not 文化广电和旅游局) — a department's
    standard name."""
    return bool(
        _anchor_rx().match(text, i)
        or TOWNSHIP_BODY_HEAD.match(text, i)
        or text[i - 2 : i - 1] in NAME_ENDINGS and _department_head_rx().match(text, i)
    )


def _body_run_end(text: str, start: int) -> int:
    """End of the stretch after ``start`` that a body name could cover: :func:`_body_run_end_plain`
    by searches (the run of Han characters and digits, the first stop character or coordinator
    before an anchor in it) instead of a test per character."""
    end = _RUN.match(text, start).end()  # type: ignore[union-attr]  # (matches the empty string)
    if end < len(text) and end - start < MAX_BODY and text[end].isdigit():
        return _body_run_end_plain(text, start)  # a digit outside 0-9 (①, ²): the loop reads it
    stop = _STOP.search(text, start, end)
    i = stop.start() if stop else end
    for coordinator in COORDINATORS:
        j = text.find(coordinator, start, i)
        while j != -1:
            if _opens_next_name(text, j + 1):  # 市委和市政府, 县政府和镇党委, 县公安局和财政局
                i = j
                break
            j = text.find(coordinator, j + 1, i)
    breaker = _breaker_rx().search(text, start, i)
    return breaker.start() if breaker else i


def _body_run_end_plain(text: str, start: int) -> int:
    i = start
    while i < len(text) and i - start < MAX_BODY:
        ch = text[i]
        if ch in STOP_CHARS or not ("\u4e00" <= ch <= "\u9fff" or ch.isdigit()):
            break
        if ch in COORDINATORS and _opens_next_name(text, i + 1):
            break  # 市委和市政府, 县政府和镇党委, 县公安局和财政局
        i += 1
    breaker = _breaker_rx().search(text, start, i)
    return breaker.start() if breaker else i


def _valid_body(name: str, body: str, prefix_is_level: bool) -> bool:
    if name.endswith(false_endings()):
        return False
    if body.endswith("政府") and body not in ("政府", "人民政府"):
        return False  # 党委政府, 12345政府 (a hotline) …
    if prefix_is_level and body[:1] in "省市县区旗盟州乡镇" and not body.startswith("市场"):
        return False  # 市县政府, 旗县政府: several levels at once
    return True


def _after_breaker(text: str, start: int) -> bool:
    """Whether a predicate word ends right before ``start`` (会同住建厅, 联合公安局)."""
    return text[max(0, start - 5) : start].endswith(breaker_words())


# words ending in 全 that are no "whole" before a name (健全市政府党组理论学习中心组学法制度)
WORDS_ENDING_IN_WHOLE = ("健全", "完全", "安全", "齐全", "周全", "保全")


def _blocked_left(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start]
    if before.endswith(WORDS_ENDING_IN_WHOLE):
        before = ""
    blockers = _left_blocker_set()  # each ending of the four characters looked up, not each blocker tried
    return any(before[k:] in blockers for k in range(len(before) + 1))


@lru_cache(maxsize=1)
def _left_blocker_set() -> frozenset[str]:
    return frozenset(left_blockers())


def _category_list_follows(text: str, end: int) -> bool:
    """``自治区委、办、厅、局``: single suffix characters listed, a class of bodies."""
    return bool(re.match(r"[、,][委办厅局]([、,]|$)", text[end : end + 3]))


def _anchored(
    text: str, starts: Container[int], ends: TokenEnds, skip_bodiless: bool = True
) -> list[AgencyMention]:
    """Names opening with a place form or a level word (``skip_bodiless=False``: every
    candidate read through, for the test of the skip)."""
    out: list[AgencyMention] = []
    n = len(text)
    i = 0
    anchor = _anchor_rx()
    suffix = _suffix_rx()
    candidates = _anchor_starts(text)  # positions between them cannot open a name
    c = 0
    while i < n:
        c = bisect.bisect_left(candidates, i, c)
        if c == len(candidates):
            break
        i = candidates[c]
        m = anchor.match(text, i)  # what anchor.search(text, i) finds: the match at the next candidate
        if m is None:  # (never: every candidate is a match's start)
            i += 1
            continue
        run_end = None
        if skip_bodiless and m.end() == i + 1 and m.group(3):
            # a one-character level word (市, 县) with no body ending in the run after it: every
            # test below ends in i + 1 and nothing found (no body; and m.end() is i + 1), so
            # the word segmentation the token tests ask for is not needed — half the candidates
            run_end = _body_run_end(text, i + 1)
            if suffix.search(text, i + 1, run_end) is None:
                i += 1
                continue
        if not ((i > 0 and text[i - 1] in STOP_CHARS) or i in starts):  # the cheap test first: no segmenting
            i += 1
            continue
        place_form, level = m.group(2), m.group(3)
        if place_form and len(place_form) == 2 and (place_form[0] in STOP_CHARS or place_form[0] in COORDINATORS):
            i += 1  # 和县, 对县: a function word before a level word, not the place 和县
            continue
        if level and i > 0 and text[i - 1] in "省市县区旗盟州乡镇" and not m.group(1):
            i += 1  # 市县政府, 旗县: several levels at once
            continue
        if level:
            token_end = e if (e := ends.first(m.end(), m.end() + 7)) is not None else m.end()
            fused = text[m.end() : token_end]
            if (fused and not any(f.startswith(fused) or fused.startswith(f) for f in LEVEL_FUSIONS)
                    and fused not in department_names()):  # 县公安局 is one word to jieba
                i += 1
                continue
        place_end, parent_form = m.end(), None
        if place_form:  # 嘉兴市秀洲区, 四川省达州市宣汉县: the name keeps the whole chain
            place_end, parent_form, place_form = _place_chain(text, m.end(), place_form)
        body_start = place_end
        best = _body_end(text, m.start(), body_start, ends, bool(level), run_end if body_start == i + 1 else None)
        if best is None or _blocked_left(text, m.start()) or _category_list_follows(text, best):
            i = m.end() if best is None else best
            continue
        body = text[body_start:best]
        again = body.find(level, 1) if level else -1
        if (again > 1 and body[:again].endswith((*NAME_ENDINGS, "会"))
                and body[again + len(level) : again + len(level) + 1] not in ("场", "域", "级", "")):
            best = body_start + again  # 州纪委州监委, 县人大常委会县政协: the level word again opens a second body
            body = body[:again]
        if not (level and body in generic_names() and body not in LEVEL_SPECIFIC_BODIES):
            out.append(
                AgencyMention(
                    text[m.start() : best],
                    m.start(),
                    best,
                    prefix=place_form or level,
                    body=body,
                    party=bool(m.group(1)),
                    shape="anchored",
                    parent_prefix=parent_form,
                )
            )
        i = best
    return out


def _body_end(
    text: str, name_start: int, body_start: int, ends: Container[int], prefix_is_level: bool, run_end: int | None = None
) -> int | None:
    """Where the longest body name opening at ``body_start`` ends (None: no body there);
    ``run_end``: :func:`_body_run_end` at ``body_start`` when the caller has it."""
    if run_end is None:
        run_end = _body_run_end(text, body_start)
    # the last ending that qualifies, looked for from the last one: the test that asks for
    # the word segmentation comes last, and is not asked at all when a later ending qualifies
    # without it (the run's end, 政府, a member word)
    for s in reversed(list(_suffix_rx().finditer(text, body_start, run_end))):
        end = s.start() + len(s.group(1))
        if end > run_end or not _valid_body(text[name_start:end], text[body_start:end], prefix_is_level):
            continue
        # a token end; or a joint 党委政府 that jieba keeps as one token; or a member word
        # fused to the body (区政协委员, 县人大代表 name the body they belong to)
        if end == run_end or text.startswith("政府", end) or text.startswith(MEMBER_WORDS, end) or end in ends:
            return end
    return None


def _place_chain(text: str, end: int, place_form: str) -> tuple[int, str | None, str]:
    """Extend a place form by the places under it written right after (嘉兴市 + 秀洲区):
    (end of the chain, first place form or None, last place form).

    >>> _place_chain("嘉兴市秀洲区人民政府", 3, "嘉兴市")
    (6, '嘉兴市', '秀洲区')
    >>> _place_chain("清远市清远市", 3, "清远市")
    (3, None, '清远市')
    """
    first, last = place_form, place_form
    forms = place_forms_pattern()
    while (nxt := forms.match(text, end)) is not None:
        child = canonical_place(nxt.group(), near=canonical_place(last))
        above = canonical_place(last)
        if not child or not above or child == above or not may_lie_in(child, above):
            break
        last, end = nxt.group(), nxt.end()
    return end, (first if last != first else None), last


def _national(
    text: str, taken: Spans, starts: Container[int] = (), ends: Container[int] = ()
) -> list[AgencyMention]:
    out = []
    for start, end, word in _national_words().spans(text):
        if len(word) <= 2 and not (text[end : end + 1] in "、,和《与" and start in starts and end in ends):
            continue  # 中办、国办《…》 but not 集中办理, 国办发
        if text.startswith("门", end):
            continue  # 司法部门, 公安部门: a class of departments, not the ministry
        if taken.covers(start, end):
            continue
        if organ := NATIONAL_PARTY_ORGAN.match(text, end):  # 司法部党组: the ministry's Party group
            out.append(AgencyMention(word + organ.group(), start, organ.end(), prefix=None, party=True,
                                     body=organ.group(), shape="national", central=word))
            continue
        out.append(AgencyMention(word, start, end, prefix=None, party=False, body=word, shape="national"))
    return out


NATIONAL_PARTY_ORGAN = re.compile(r"(?:党组|党委)(?:理论学习中心组)?")


# an internal unit of a central ministry written after it: 司法部法治督察局, 自然资源部法规司,
# 司法部行政复议与应诉局 (a 司 or 局 of 2–10 characters; 与 may join two fields)
MINISTRY_UNIT = re.compile(r"([\u4e00-\u9fff]{1,6}(?:与[\u4e00-\u9fff]{1,4})?(?:司|局)"
                           r"|[\u4e00-\u9fff]{2,14}?(?:工作)?领导小组(?:办公室)?)")  # …部法治政府部门建设领导小组
MINISTRY = re.compile(r"(?:部|总局|署|委员会)$")


def _ministry_units(text: str, found: list[AgencyMention], ends: Container[int]) -> list[AgencyMention]:
    by_start = {m.start for m in found}
    out = []
    for m in found:
        if m.shape != "national" or not MINISTRY.search(m.text):
            out.append(m)
            continue
        unit = MINISTRY_UNIT.match(text, m.end)
        if (
            unit
            and unit.end() in ends
            and m.end not in by_start  # 国家税务总局郑州市税务局: a local branch, see _vertical
            and not any(c in STOP_CHARS - {"与"} for c in unit.group())
        ):
            out.append(replace(m, text=m.text + unit.group(), end=unit.end(), body=unit.group(), central=m.body))
        else:
            out.append(m)
    return out


def _vertical(found: list[AgencyMention]) -> list[AgencyMention]:
    """A central body's local branch: ``国家税务总局郑州市税务局`` is one body."""
    by_start = {m.start: m for m in found}
    out, skip = [], set()
    for m in sorted(found, key=lambda m: m.start):
        if id(m) in skip:
            continue
        nxt = by_start.get(m.end)
        if m.shape == "national" and nxt is not None and nxt.shape == "anchored":
            skip.add(id(nxt))
            out.append(replace(nxt, text=m.text + nxt.text, start=m.start, shape="vertical", central=m.body))
            continue
        out.append(m)
    return out


def _bare_departments(
    text: str, starts: Container[int], ends: Container[int], found: list[AgencyMention]
) -> list[AgencyMention]:
    words = _department_words().spans(text)
    if not words:
        return []  # (the index of what was found is built only when there is something to test)
    spans = Spans((m.start, m.end) for m in found)
    by_end = {m.end: m for m in found}
    out: list[AgencyMention] = []
    for start, end, word in words:
        if spans.covers(start, end) or _blocked_left(text, start) or (
            start > 0
            and "\u4e00" <= text[start - 1] <= "\u9fff"
            and text[start - 1] not in STOP_CHARS
            and not (text[start - 1] in COORDINATORS and text[start - 2 : start - 1] in NAME_ENDINGS)  # 公安局和财政局
            and not _after_breaker(text, start)
        ):
            continue
        if start not in starts or end not in ends:  # asked last: it may segment a block
            continue
        # inherit the jurisdiction of the previous item of a list (X厅,Y局、Z委; 区法院、司法局及信访办)
        k = start
        while k > 0 and text[k - 1] in ",、 ":
            k -= 1
        if k == start and k > 0 and text[k - 1] in "及和与":
            k -= 1
        prev = by_end.get(k) if k < start else None
        mention = AgencyMention(
            word,
            start,
            end,
            prefix=prev.prefix if prev else None,
            body=word,
            shape="list" if prev else "bare",
        )
        out.append(mention)
        by_end[end] = mention
    return out


@lru_cache(maxsize=1)
def _distributed_rx() -> re.Pattern:
    stem = r"[\u4e00-\u9fff]{2,10}?"
    return re.compile(rf"((?:{stem}[、,和])*{stem})等(?:{NUMBER}个)?([\u4e00-\u9fff]{{2,4}})")


# Every character :func:`_distributed_rx` can match: a match lies inside one run of them.
DISTRIBUTED_RUN = re.compile(r"[\u4e00-\u9fff、,0-9]+")


def _finditer_in_runs(
    rx: re.Pattern, text: str, runs: re.Pattern, needle: str, reach: re.Pattern | None = None
) -> Iterator[re.Match]:
    """``rx.finditer(text)`` for a pattern whose matches lie inside one match of ``runs`` (every
    character they can hold is one ``runs`` spans; no look-around) and hold ``needle``: run only
    over the stretches holding it. Lazy name stems tried at every character made such scans
    of a whole report the finder's costliest.

    The runs holding the needle are found from the needle's occurrences (``needle[0]`` is a
    character ``runs`` spans): each extends right by ``runs.match`` and left by the same match
    over the reversed text — the other runs, most of a report, are never visited.

    ``reach``: a pattern that, matched over the reversed text from the character before the
    run's first needle, spans every character a match holding that needle (or a later one)
    can start at or after: the search then starts where it ends instead of at the run's start."""
    n = len(text)
    rev = ""
    q = text.find(needle)
    while q >= 0:
        rev = rev or text[::-1]
        left, right = runs.match(rev, n - 1 - q), runs.match(text, q)
        if left is None or right is None:  # (never: the needle's first character is a run character)
            raise ValueError(f"{needle!r} does not open a run of {runs.pattern!r}")
        start, end = q + 1 - (left.end() - left.start()), right.end()
        if q + len(needle) > end:  # a needle crossing the run's end is not in it
            q = text.find(needle, q + 1)
            continue
        if reach is not None:
            start = max(start, q - reach.match(rev, n - q).end() + (n - q))  # type: ignore[union-attr]
        yield from rx.finditer(text, start, end)
        q = text.find(needle, end)


# How far left of a 等 a distributed list can start: its names (two to ten Han characters, no
# digits) are joined by 、 , or 和, so no stretch of more than ten characters between joiners
# (和 counted as one, which may only widen the reach) and no digit; matched over the reversed text.
DISTRIBUTED_REACH = re.compile(r"(?:[\u4e00-\u548b\u548d-\u9fff]{0,10}[、,和])*[\u4e00-\u548b\u548d-\u9fff]{0,10}")


def _distributed_matches(text: str) -> Iterator[re.Match]:
    """``_distributed_rx().finditer(text)``: every match holds 等."""
    return _finditer_in_runs(_distributed_rx(), text, DISTRIBUTED_RUN, "等", DISTRIBUTED_REACH)


def _distributed(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``呼和浩特、包头等四个仲裁委`` → 呼和浩特仲裁委, 包头仲裁委; ``X市等4个盟市`` → X市 (a government)."""
    if "等" not in text:
        return []  # every match holds it (the short texts other stages ask about mostly do not)
    spans = Spans((m.start, m.end) for m in found)
    stems = short_stems()
    out: list[AgencyMention] = []
    for m in _distributed_matches(text):
        head, tail = m.group(1), m.group(2)
        items = re.split(r"[、,]", head)
        # keep the trailing items that are places; the first may carry leading words (指导呼和浩特)
        k = len(items)
        while k > 0 and items[k - 1] in stems:
            k -= 1
        if k > 0:
            lead = next((items[k - 1][j:] for j in range(len(items[k - 1])) if items[k - 1][j:] in stems), None)
            if lead:
                items[k - 1] = lead
                k -= 1
        items = items[k:]
        if not items:
            continue
        first = items[0]
        suffix = next(
            (s for s in suffixes_longest_first() if tail.startswith(s) or tail.endswith(s)), None
        )
        shape: AgencyShape
        if DIVISION_CLASSES.match(tail):
            body, shape = None, "place"
        elif (
            suffix
            and tail.endswith(suffix)
            and suffixes()[suffix] in ("institution", "department", "court", "procuratorate")
        ):
            body, shape = tail, "distributed"
        else:
            continue
        pos = m.start(1) + len(m.group(1)) - len(head)
        pos = m.start(1) + m.group(1).index(first)
        for it in items:
            start = text.index(it, pos)
            end = start + len(it)
            pos = end
            if spans.covers(start, end):
                continue
            out.append(AgencyMention(it, start, end, prefix=it, party=False, body=body, shape=shape))
    return out


# (a list wrapped over lines ends a line with its separator: 西湖区、萧山区、 / 象山县、)
PLACE_LAST_LINE = re.compile(r"^[\u4e00-\u9fff]{2,12}[。;]?$")
PLACE_LIST_LINE = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:(?:[,、][\u4e00-\u9fff]{2,12})+[。;,、]?|[,、])$")


SHARED_BODY_JOINERS = "、和及"


def _shared_bodies(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """Places listed before one body's name share it: ``永昌县、金川区人民政府`` names 永昌县人民政府
    too, ``金山区和崇明区市场监管局`` 金山区's, ``省、市政府`` the province's."""
    stems = short_stems()
    out: list[AgencyMention] = []
    for m in found:
        if m.shape != "anchored" or not m.prefix or not m.body or m.party or not text.startswith(m.prefix, m.start):
            continue
        level = m.prefix in LEVEL_WORDS
        end = m.start
        while end > 0 and text[end - 1] in SHARED_BODY_JOINERS:
            # the place (or, before a level word, the level word) ending at the joiner, longest first
            item = next((text[k : end - 1] for k in range(max(0, end - 12), end - 1)
                         if (text[k : end - 1] in LEVEL_WORDS if level else text[k : end - 1] in stems)), None)
            if item is None:
                break
            start = end - 1 - len(item)
            if (start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" and text[start - 1] not in STOP_CHARS
                    and text[start - 1] not in COORDINATORS):
                break  # inside a longer word: 指导永昌县、… (not 领导和省、市教育局)
            out.append(AgencyMention(item, start, end - 1, prefix=item, party=False, body=m.body, shape="distributed"))
            end = start
    return out


# a congress's or CPPCC's committee by its full or short name (人大常委会内务司法工作委员会, 政协提案委), and
# the next one listed after it, which shares its standing committee or CPPCC
CONGRESS_COMMITTEE_BODY = re.compile(r"^(人大常委会|人大|政协)[\u4e00-\u9fff]{1,10}?(?:委员会|委)$")
NEXT_COMMITTEE = re.compile(r"[、和及]([\u4e00-\u9fff]{2,8}?(?:工作)?委员会|[\u4e00-\u9fff]{1,4}?委(?!员))")


def _congress_committees_listed(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``市人大常委会内务司法工作委员会、科教文卫工作委员会``, ``市政协提案委、社法委``: the second is
    the same standing committee's or CPPCC's (named 人大常委会科教文卫工作委员会 at the first one's place)."""
    if "人大" not in text and "政协" not in text:
        return []
    spans = Spans((m.start, m.end) for m in found)
    out: list[AgencyMention] = []
    for m in found:
        if m.shape != "anchored" or not m.body or not (head := CONGRESS_COMMITTEE_BODY.match(m.body)):
            continue
        end = m.end
        while (nxt := NEXT_COMMITTEE.match(text, end)) and not spans.covers(nxt.start(1), nxt.end(1)) \
                and not place_forms_pattern().match(nxt.group(1)) and nxt.group(1)[0] not in LEVEL_WORDS:
            out.append(AgencyMention(nxt.group(1), nxt.start(1), nxt.end(1), prefix=m.prefix, party=False,
                                     body=head.group(1) + nxt.group(1), shape="list", parent_prefix=m.parent_prefix))
            end = nxt.end()
    return out


# the head of a place's government named by office (雨城区代理区长陈建伟): the government speaks
HEAD_OF_GOVERNMENT = re.compile(r"(?:代理|代|常务副|副)?(省长|市长|县长|区长|州长|旗长|盟长)")


def _heads_of_government(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``雨城区代理区长``, ``汉源县县长``: the place's government, whose head speaks for it (a report
    made, a question answered), when the place written before the office is of its level."""
    if "长" not in text:
        return []
    spans = Spans((m.start, m.end) for m in found)
    out = []
    for m in HEAD_OF_GOVERNMENT.finditer(text):
        head = text[max(0, m.start() - 12):m.start()]
        place = next((p for p in place_forms_pattern().finditer(head) if p.end() == len(head)), None)
        if place is None or not place.group().endswith(m.group(1)[0]):
            continue  # (the office must be the place's own: 区长 of a 区)
        start = m.start() - len(head) + place.start()
        if not spans.covers(start, m.end()) and canonical_place(place.group()):
            out.append(AgencyMention(text[start:m.end()], start, m.end(), prefix=place.group(), party=False,
                                     body=None, shape="official"))
    return out


# what follows a Party committee in a pair sharing its place: 自治区党委、政府, 地委和行署
# (乡党委政府中心工作: written without the comma too; not the government's office or departments)
PAIRED_GOVERNMENT = re.compile(r"[、和及]?\s*(人民政府|政府|行署|行政公署)(?!办|部门|机构|工作报告|各)")


def _paired_governments(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """A Party committee and its government under one place: ``自治区党委、政府`` (西藏, 新疆 and
    other reports write the government bare after the committee) names the region's government."""
    out = []
    # the places listed before the committee share the pair (省、州、县党委政府: each level's government)
    shared_by_end = {d.end: d for d in found if d.shape == "distributed" and d.body in ("党委", "委")}
    for m in found:
        if m.body not in ("党委", "委") or not m.prefix or m.shape != "anchored":
            continue
        if (g := PAIRED_GOVERNMENT.match(text, m.end)) is not None:
            out.append(AgencyMention(g.group(1), g.start(1), g.end(1), prefix=m.prefix, party=False,
                                     body=g.group(1), shape="distributed"))
            end = m.start
            while (d := shared_by_end.get(end - 1)) is not None and d.body == m.body:
                out.append(AgencyMention(d.text, d.start, d.end, prefix=d.prefix, party=False,
                                         body=g.group(1), shape="distributed"))
                end = d.start
    return out


# a prefecture (地区)'s Party committee, short (阿里地委, 地委): its stem, if written, is group 1
PREFECTURE_COMMITTEE = re.compile(r"([\u4e00-\u9fff]{2,4}?)?地委(?![员会])")


def _prefecture_committees(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``地委`` and ``阿里地委``: the committee of the 地区 (西藏, 新疆), which the level word
    地区 resolves like 地区党委; written with its stem, the 地区 that stem names."""
    if "地委" not in text:
        return []
    spans = Spans((m.start, m.end) for m in found)
    out = []
    for m in PREFECTURE_COMMITTEE.finditer(text):
        stem = m.group(1)
        place = canonical_place(stem) if stem else None
        if stem and (place is None or kind_of(place) != "地区"):
            stem, place = None, None  # (a word before it: 在地委 — the bare form)
        start = m.start() if stem else m.end() - 2
        if spans.covers(start, m.end()) or (start > 0 and text[start - 1] in "各"):
            continue
        out.append(AgencyMention(text[start:m.end()], start, m.end(), prefix=place or "地区", party=False,
                                 body="委", shape="anchored"))
    return out


# a visiting group named again by its kind alone (市人大常委会调研组…。调研组先后到…)
GROUP_AGAIN = re.compile(r"(?:(?<=[,。;:、\n])|^)\s*(调研组|视察组|检查组|督查组|督导组|考核组|考评组|验收组)", re.M)


def _groups_named_again(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """A group a report names once in full and then by its kind alone (``调研组先后到东溪镇``):
    the same group, so that what it does there is its own."""
    if "组" not in text:
        return []
    groups = sorted((m for m in found if m.body and m.body.endswith("组")), key=lambda m: m.start)
    spans = Spans((m.start, m.end) for m in found)
    out = []
    for g in GROUP_AGAIN.finditer(text) if groups else ():
        start, end, kind = g.start(1), g.end(1), g.group(1)
        named = [m for m in groups if m.end <= start and m.text.endswith(kind)]
        if named and not spans.covers(start, end):
            out.append(replace(named[-1], start=start, end=end))  # (its text the full name's: one name)
    return out


def _place_lists(text: str) -> list[AgencyMention]:
    """Lines that are nothing but place names (``呼伦贝尔市,阿拉善盟,包头市。``), and runs of
    three or more lines each naming one place under its province and city (a roster printed one
    entry a line: ``北京市西城区`` / ``河北省保定市唐县`` / …)."""
    stems = short_stems()
    out = _one_place_a_line(text)
    if "、" not in text and "," not in text:
        return out  # a list line holds a separator
    pos = 0
    wrapped = False  # the last list line ended with its separator: the list goes on (…萧山区、 / 桐庐县)
    for line in text.split("\n"):
        if not line.strip():
            pos += len(line) + 1
            continue
        head = COUNTED_CAPTION.match(line)  # (一)县(市、区)政府(16个):石家庄市鹿泉区、高邑县…
        listed_part = line[head.end() :] if head else line
        listed = PLACE_LIST_LINE.match(listed_part) or (wrapped and PLACE_LAST_LINE.match(listed_part))
        wrapped = False
        if listed:
            items = re.split(r"[,、]", listed_part.rstrip("。;、,"))  # (a list wrapped over lines: 西湖区、萧山区、)
            placed = [p for it in items if (p := _listed_place(it, stems)) is not None]
            if len(placed) == len(items):
                wrapped = line.endswith(("、", ","))
                k = pos + (head.end() if head else 0)
                for it, (parent, place) in zip(items, placed, strict=True):
                    start = text.index(it, k)
                    out.append(AgencyMention(it, start, start + len(it), prefix=place, party=False, body=None,
                                             shape="place", parent_prefix=parent))
                    k = start + len(it)
        pos += len(line) + 1
    return out


# a caption that counts the list after its colon
COUNTED_CAPTION = re.compile(r"^[^:。;]{0,30}\((?:共)?\d+个\)\s*:")


def _listed_place(item: str, stems: frozenset[str]) -> tuple[str | None, str] | None:
    """(parent, place) of a list's item: a place (鹿泉区), or a place under its city (石家庄市鹿泉区)."""
    if item in stems:
        return None, item
    if (first := place_forms_pattern().match(item)) and item[first.end() :] in stems:
        return first.group(), item[first.end() :]
    return None


def _chained_place(item: str) -> tuple[str | None, str] | None:
    """(parent, place) of a place written under its province and city (河北省保定市唐县, 北京市西城区):
    two or three full place names, nothing else."""
    chain, k = [], 0
    while k < len(item) and (m := place_forms_pattern().match(item, k)) is not None:
        chain.append(m.group())
        k = m.end()
    if k != len(item) or not 2 <= len(chain) <= 3:
        return None
    if canonical_place(chain[-1], near=canonical_place(chain[-2])) is None:
        return None
    return chain[-2], chain[-1]


def _one_place_a_line(text: str) -> list[AgencyMention]:
    out: list[AgencyMention] = []
    run: list[tuple[int, str, tuple[str | None, str]]] = []
    pos = 0
    for line in [*text.split("\n"), ""]:
        item = line.strip()
        placed = _chained_place(item) if 5 <= len(item) <= 20 else None
        if placed is not None:
            run.append((pos + line.index(item), item, placed))
        else:
            if len(run) >= 3:  # (a place on a line of its own, or two, is a signature or a heading)
                out += [AgencyMention(it, at, at + len(it), prefix=place, party=False, body=None, shape="place",
                                      parent_prefix=parent) for at, it, (parent, place) in run]
            run = []
        pos += len(line) + 1
    return out


def _zone_bodies(text: str, starts: Container[int], ends: Container[int]) -> list[AgencyMention]:
    """Bodies of a development zone (``data/gazetteers/development_zones.tsv``): ``高新区综治局``,
    ``成都高新区管委会``, ``经开区党工委``, ``珠海市高新区管委会`` (the city written before it)."""
    out: list[AgencyMention] = []
    rx = zone_forms_pattern()
    last_end = -1
    for start in _zone_starts(text):
        if start < last_end:
            continue
        m = rx.match(text, start)
        if m is None or not (start == 0 or start in starts or text[start - 1] in STOP_CHARS):
            continue
        form = m.group()
        # the longest zone form opening here whose name is known (a listed form, <city><kind>,
        # or a bare kind word)
        while form and not (form in zone_kinds() or find_zone(form) is not None):
            m2 = rx.fullmatch(form[:-1]) if len(form) > 2 else None
            form = m2.group() if m2 else ""
        if not form:
            continue
        city = _city_before(text, start)
        name_start = start - len(city) if city else start
        best = _body_end(text, name_start, start + len(form), ends, False)
        if best is None:
            continue
        body_start = start + len(form)
        joint = text.find("和", body_start, best)
        if joint > body_start and ZONE_LIST_ITEM.match(text, joint + 1):
            best = joint  # 经开区党工委和管委会: two bodies
        zone = (city or "") + form
        out.append(AgencyMention(text[name_start:best], name_start, best, prefix=None, party=False,
                                 body=text[start + len(form):best], shape="zone", zone=zone))
        # the zone's other bodies listed after it: 兰州新区党工委、管委会; 经开区工委(管委会)
        while best < len(text) - 1 and text[best] in "、和(" and (item := ZONE_LIST_ITEM.match(text, best + 1)):
            out.append(AgencyMention(item.group(), item.start(), item.end(), prefix=None, party=False,
                                     body=item.group(), shape="zone", zone=zone))
            best = item.end()
        last_end = best
    return out


@lru_cache(maxsize=1)
def _zone_word_scanner() -> tuple[OverlapScanner, frozenset[str]]:
    kinds = zone_pattern_kinds()
    return OverlapScanner([*zone_forms(), *kinds]), frozenset(kinds)


def _zone_starts(text: str) -> list[int]:
    """Every position where :func:`zone_forms_pattern` matches, increasing. Candidates from one
    automaton pass — where a listed form or a kind word starts, and two to six characters
    before a kind word (``<city stem><kind>``) — each confirmed by the pattern, which a
    look-ahead search tried at every character of the text."""
    scanner, kinds = _zone_word_scanner()
    candidates: set[int] = set()
    for word, found in scanner.positions(text).items():
        candidates.update(found)
        if word in kinds:
            for q in found:
                candidates.update(range(max(0, q - 6), q - 1))
    rx = zone_forms_pattern()
    return [s for s in sorted(candidates) if rx.match(text, s)]


# a zone's committee listed after its other body, as a word of its own (before a verb)
ZONE_LIST_ITEM = re.compile(r"(?:管委会|管理委员会|党工委)(?:(?![\u4e00-\u9fff])|(?=[主认坚全积深在严扎和的]))")


def _city_before(text: str, start: int) -> str | None:
    """A city's name written right before ``start`` (珠海市 of 珠海市高新区)."""
    head = text[max(0, start - 8) : start]
    for m in place_forms_pattern().finditer(head):
        if m.end() == len(head) and m.group().endswith(("市", "州", "盟")):
            return m.group()
    return None


HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
ZONE = re.compile(r"([\u4e00-\u9fff]{2,14}?(?:区|园))(管委会|管理委员会)")


def _zone_committees(text: str, starts: Container[int], found: list[AgencyMention]) -> list[AgencyMention]:
    """``绵竹高新区管委会``, ``德阿产业园管委会``: the committee running a development zone,
    named by the zone (``zone``), with or without a place in front."""
    if "管" not in text:
        return []  # every match holds 管(理)委员会
    spans = Spans((m.start, m.end) for m in found)
    out = []
    for m in _finditer_in_runs(ZONE, text, HAN_RUN, "管"):  # every match holds 管(理)委员会
        start = m.start()
        # the zone's name opens at a token start after punctuation or a function word
        while start < m.start(2) - 4 and (
            text[start] in STOP_CHARS or not (start in starts and (start == 0 or text[start - 1] in STOP_CHARS))
        ):
            start += 1
        # a named zone: 开发区管委会 alone (各开发区管委会) is a class of bodies
        if (
            start > m.start(2) - 4
            or text[start] in STOP_CHARS
            or spans.covers(start, m.end())
            or _blocked_left(text, start)
        ):
            continue
        out.append(
            AgencyMention(
                text[start : m.end()],
                start,
                m.end(),
                prefix=None,
                party=False,
                body=m.group(2),
                shape="zone",
                zone=text[start : m.start(2)],
            )
        )
    return out


RULE_OF_LAW_COMMITTEE = first_char_guarded(re.compile(
    r"(?<![委省市县区旗州盟部])(?:全面)?依法治(省|市|县|区|旗|州|盟)(委员会办公室|委员会|办)(?![发函〔]|[\u4e00-\u9fff]{0,1}(?:主任|副主任))"
))  # not in a 文号 (内依法治区办发〔2020〕4号)


PLACE_GROUP = re.compile(r"法治([\u4e00-\u9fff]{2,8}?)建设(?:工作)?(?:领导小组|委员会)(?:办公室)?")


def _rule_of_law_place_groups(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``法治石家庄建设领导小组办公室``, ``法治广东建设领导小组``: a group named after the
    rule-of-law campaign of its place, named as written (not 石家庄市建设领导小组办公室)."""
    if "法治" not in text:
        return found
    stems = short_stems()
    groups = [AgencyMention(m.group(), m.start(), m.end(), prefix=m.group(1), party=False, body=None,
                            shape="written") for m in PLACE_GROUP.finditer(text) if m.group(1) in stems]
    if not groups:
        return found
    return [m for m in found if not any(g.start <= m.start < g.end for g in groups)] + groups


def _rule_of_law_committees(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``全面依法治市委员会``, ``依法治旗委员会``, ``依法治市办`` named without 市委: the Party
    committee's organ at that level (resolved like ``市委全面依法治市委员会``)."""
    if "依法治" not in text:
        return []  # every match holds it
    spans = Spans((m.start, m.end) for m in found)
    out = []
    for m in RULE_OF_LAW_COMMITTEE.finditer(text):
        if spans.covers(m.start() - 1, m.end()) or spans.covers(m.start(), m.end() + 1):
            continue  # inside a longer name (市委全面依法治市委员会办公室); one of its span is replaced
        organ = "全面依法治" + m.group(1) + ("委员会办公室" if m.group(2) == "办" else m.group(2))
        out.append(
            AgencyMention(
                m.group(), m.start(), m.end(), prefix=m.group(1), party=True, body="委" + organ, shape="organ"
            )
        )
    return out


def _acting_places(text: str, starts: Container[int], found: list[AgencyMention]) -> list[AgencyMention]:
    """A city, county or district named alone as the subject of a clause that acts
    (``铜川市成立考评验收组``, ``城中区坚持…``): its government."""
    spans: Spans | None = None  # built at the first candidate (most short texts have none)
    out = []
    for start, end, name in place_form_spans(text):
        if name[-1] not in "市县区旗" or start not in starts:
            continue
        if spans is None:
            spans = Spans((m.start, m.end) for m in found)
        if spans.covers(start, end):
            continue
        before = text[start - 1] if start else "\n"
        if not (before in "\n,;:。" or (before == " " and start > 1 and text[start - 2] in ",。")):
            continue
        if not TOWNSHIP_VERBS.match(text, end) or text.startswith(("、", ","), end):
            continue
        out.append(AgencyMention(name, start, end, prefix=name, party=False, body=None, shape="place"))
    return out


# a bare township name is its government when it acts (永嘉镇积极开展…) or is listed
# (or its leadership acts: 中都街道领导班子始终以…; three characters are read after the name)
TOWNSHIP_VERBS = re.compile(
    r"[、,]|积极|坚持|严格|依次|深入|认真|全面|扎实|开展|成立|建立|推进|加强|制定|落实|分别|就|领导班|班子")
# verbs a bare 镇党委 or 乡政府 follows (坚持镇党委的领导, 主持召开镇党委会议): not a township's name
VERBS_BEFORE_TOWNSHIP = ("坚持", "召开", "主持", "发挥", "支持", "配合", "参加", "组织", "听取", "按照", "根据", "通过",
                         "加强", "落实", "推进", "开展", "完善", "健全", "协调", "督促", "指导", "报请", "提请",
                         "围绕", "结合", "服务", "依托", "对照", "紧扣", "聚焦", "纳入", "列入", "明确",
                         # 立足街道、社区: the level, not a name
                         "立足", "面向", "深入", "走进", "覆盖", "下沉", "扎根", "延伸")
# (a quantity of townships is no name: 建成一批乡、村便民服务中心, 12个乡镇)
# (和 joins two bodies, 县委和永兴镇, 街道工委和街道办事处, unless it ends the name: 共和乡, 太和镇)
NOT_TOWNSHIP_STEM = re.compile(r"示范|试点|所在|乡|依法|法治|[各全该本每年及]|和(?!$)|[委府局办院厅处组]和$|"
                               r"一批|一些|若干|部分|个别|所有|多个|\d|个$|" + "|".join(VERBS_BEFORE_TOWNSHIP))


def _ends_with_place(text: str, end: int) -> bool:
    head = text[max(0, end - 10) : end]
    return any(m.end() == len(head) and m.group()[-1] in "县区市旗" for m in place_forms_pattern().finditer(head))


TOWNSHIP_LEVEL_WORD = re.compile("镇|乡|街道|苏木")  # none ends with another's start: finditer finds every one


def _township_starts(text: str) -> list[int]:
    """Every position where ``(?=[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道|苏木))`` matches, increasing:
    two to four Han characters before a level word (six before an ethnic township's 族乡), read
    back from each level word (the look-ahead was tried at every character of the text)."""
    found: set[int] = set()
    for m in TOWNSHIP_LEVEL_WORD.finditer(text):
        q = p = m.start()
        reach = 6 if text.startswith("族", q - 1) else 4  # 桐木漯瑶族乡: an ethnic township's longer name
        while p > max(0, q - reach) and "\u4e00" <= text[p - 1] <= "\u9fff":
            p -= 1
            if q - p >= 2:
                found.add(p)
    return sorted(found)


def _townships(text: str, starts: Container[int], found: list[AgencyMention]) -> list[AgencyMention]:
    """``永嘉镇人民政府``, ``方高坪镇综合执法中心``, ``宜阳街道办``, and a bare township that
    acts or is listed (``县司法局、团风镇依次汇报``, ``对耀州区庙湾镇、…``): its government.
    Townships are below the gazetteer of places, so the name is the township's own."""
    candidates = _township_starts(text)
    if not candidates:
        return []
    # a county's or district's name the township cannot start inside (眉山市彭山区公义镇: not 山区公义镇)
    county_spans = [(s, e) for s, e, form in place_form_spans(text) if form[-1] in "县区市旗"]
    county_starts = [s for s, _ in county_spans]
    spans = Spans((m.start, m.end) for m in found)
    span_ends = {e for _, e in spans}
    out: list[AgencyMention] = []
    out_reach = -1  # the furthest end of ``out``: its names open in text order, so one a start is inside reaches it
    for at in candidates:  # overlapping: 区庙湾镇 → 庙湾镇
        m = TOWNSHIP.match(text, at)
        if m is None:
            continue
        start, stem, level, body = m.start(), m.group(1), m.group(2), m.group(3)
        if start not in starts or NOT_TOWNSHIP_STEM.search(stem) or any(ch in STOP_CHARS for ch in stem):
            continue
        county = place_forms_pattern().match(stem)
        if county and county.group()[-1] in "县区市旗" and len(stem) - county.end() >= 2:
            continue  # 渠县有庆镇: the county's name, then the township's (found from its own start)
        i = bisect.bisect_left(county_starts, start) - 1
        if i >= 0 and county_spans[i][1] > start:
            continue  # (its right start is after the county's name)
        if body == "办" and level != "街道":
            continue
        after = text[m.end() : m.end() + 3]
        # 耀州区庙湾镇: right after its county's name
        placed = start in span_ends or _ends_with_place(text, start)
        before = text[start - 1] if start else "\n"
        if body is None and not (TOWNSHIP_VERBS.match(after) and (before in STOP_CHARS or before in "\n、," or placed)):
            continue
        if spans.covers(start, m.end()) or _blocked_left(text, start) or start < out_reach:
            continue
        out.append(
            AgencyMention(
                m.group(),
                start,
                m.end(),
                prefix=None,
                party=body in ("党委", "党工委"),
                body=body,
                shape="township",
                township=stem + level,
            )
        )
        out_reach = max(out_reach, m.end())
        # the same township's other body listed right after (共和乡党委、政府; 永兴镇政府、党委)
        if body in ("党委", "党工委", "人民政府", "政府") and (
                listed := _listed_after(text, m.end(), body, level, None, stem + level)) is not None:
            out.append(listed)
            out_reach = max(out_reach, listed.end)
    return out


DEICTIC = re.compile(r"(本级|同级|上一级)(人民政府|政府|人大常委会|人大|党委|政协)")  # 上级党委 is generic


GENERAL_NORM_SUBJECT = re.compile(r"各级|县级以上|以上地方")  # a rule for every government, not the report's
CLASS_SUBJECT = re.compile(
    r"(?:[(（]?[0-9一二三四五六七八九十]+[)）.、]?)?(?:全[省市县区州盟旗])?(?:各|[省市县区旗州]直(?:各|有关))"
)


def _deictic(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``本级人大``, ``同级党委``, ``上一级政府``: the report's own (or parent) bodies. They are
    resolved but are not names (shape ``deictic``), so they never become aliases."""
    if "级" not in text:
        return []  # every match holds 本级, 同级 or 上一级
    spans = Spans((m.start, m.end) for m in found)
    out = []
    breaks: Breaks | None = None  # sentence and clause ends, found on the first match
    for m in DEICTIC.finditer(text):
        if (m.start() > 0 and text[m.start() - 1] in "各") or re.match(
            r"有关|相关|各|部门|所属", text[m.end() : m.end() + 2]
        ):
            continue  # 上一级政府有关部门: a collective
        breaks = breaks or Breaks(text, "。;\n")
        opening = breaks.before(m.start()) + 1
        if CLASS_SUBJECT.match(text, opening) or GENERAL_NORM_SUBJECT.search(text, opening, m.start()):
            continue  # 各县区、市直各部门…向本级党委报告; 县级以上地方各级政府应当向同级党委…: each one's own
        if not spans.covers(m.start(), m.end()):
            out.append(
                AgencyMention(
                    m.group(), m.start(), m.end(), prefix=m.group(1), party=False, body=m.group(2), shape="deictic"
                )
            )
    return out


# (the self character first, the one before it read by the look-behind from there: a pattern
# opening with a character class lets the search skip to the next such character, where a
# look-ahead or look-behind opening it is tried at every character of the text, 3× slower)
OWN_ORGAN = re.compile(
    r"([厅局委办部])(?<![厅局委办府省市县区旗州盟镇乡院各该其级党部][厅局委办部])(党组|党委)((?:理论学习)?中心组)?"
)
# a department's report naming its own Party group without the department (党组中心组, 中心组)
OWN_BARE_ORGAN = re.compile(
    # the look-ahead skips the positions where nothing can match (both parts are optional)
    r"(?=政府党组|党组|党委|理论学习中心组|中心组)(?<![厅局委办府省市县区旗州盟镇乡院各该其级党部])"
    r"(政府党组|党组|党委(?=(?:理论学习)?中心组))?((?:理论学习)?中心组)?"
    r"(?!书记|成员|副书记|政府|和政府|、政府|\(党组\)|(党组))"
)


# 省局, 市局 standing alone (在省局优化企业开办…, 为省局闯入全国复赛贡献): a bureau's counterpart at
# that level in a bureau's report (not 市局级, 市局长, 市局党组, which other finders read)
COUNTERPART_BUREAU = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[在为由向照据对经和及与、]))"
                                r"([省市州县区])局(?![长级属党内机领直])")


def _counterpart_bureaus(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``省局`` in a county market regulation bureau's report: the province's bureau of the same
    kind (resolved against the issuer; the issuer itself at its own level)."""
    if "局" not in text:
        return []
    spans = Spans((m.start, m.end) for m in found)
    return [AgencyMention(m.group(), m.start(), m.end(), prefix=m.group(1), body="局",
                          shape="counterpart")
            for m in COUNTERPART_BUREAU.finditer(text) if not spans.covers(m.start(), m.end())]


def _own_organs(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``厅党组``, ``局党委`` in a department's report: the Party group of the issuing body
    (resolved against the issuer; ``own`` is the issuer's last character).

    >>> [(m.text, m.own) for m in _own_organs("2020年,厅党组深入学习。", [])]
    [('厅党组', '厅')]
    >>> [(m.text, m.own) for m in _own_organs("部党组认真履行职责。", [])]
    [('部党组', '部')]
    """
    if "党" not in text and "中心组" not in text:
        return []  # every match of the first holds 党(组|委), of the second 党组 or 中心组
    spans = Spans((m.start, m.end) for m in found)
    out = [
        AgencyMention(
            m.group(),
            m.start(),
            m.end(),
            party=True,
            body=m.group(2) + ("理论学习中心组" if m.group(3) else ""),
            shape="own",
            own=m.group(1),
        )
        for m in OWN_ORGAN.finditer(text)
        if not spans.covers(m.start(), m.end())
    ]
    taken = Spans([*spans, *((m.start, m.end) for m in out)])
    for m in OWN_BARE_ORGAN.finditer(text):
        if (
            m.group()
            and not taken.covers(m.start(), m.end())
            and not (m.start() > 0 and text[m.start() - 1] in "各该")
        ):
            body = (m.group(1) or "") + ("理论学习中心组" if m.group(2) else "")
            if body.startswith("政府党组"):  # the report's government's Party group
                out.append(
                    AgencyMention(m.group(), m.start(), m.end(), prefix="本级", party=True, body=body, shape="anchored")
                )
                continue
            # a 中心组 listed right after a Party committee (自治区党委常委会会议、理论学习中心组) is its own
            committee = None if m.group(1) else _listed_after_committee(text, m.start(), found)
            if committee is not None:
                out.append(AgencyMention(m.group(), m.start(), m.end(), prefix=committee.prefix, party=True,
                                         body=committee_body(committee.body or "") + "理论学习中心组",
                                         shape="anchored", parent_prefix=committee.parent_prefix))
                continue
            # a 中心组 alone belongs to the Party organ the report names for itself (委党委 → 党委)
            if not body.startswith(("党组", "党委")):
                body = next((o.body[:2] for o in out if o.body and o.body[:2] in ("党组", "党委")), "党组") + body
            out.append(
                AgencyMention(m.group(), m.start(), m.end(), prefix=None, party=True, body=body, shape="own", own=None)
            )
    return out


# a department's own section named after its one-character self (局政策法规科, 厅法规处), and a
# rule-of-law leading group named without its body (我局法治建设工作领导小组, 成立了法治政府建设工作领导小组)
# (the self character first, as in OWN_ORGAN)
# 局政策法规科, 厅法规处, 部法制司 (a ministry's own department)
# (no verb opens a unit's name: 全厅形成法规处牵头… is the whole department forming a pattern)
OWN_UNIT = re.compile(r"([局厅委部])(?<![省市县区州旗盟镇乡各该本][局厅委部])"
                      r"(?!形成|建立|成立|组织|开展|制定|印发|召开|落实|推进|加强|健全|完善)([\u4e00-\u9fff]{2,6}?(?:科|处|司|股))")
# a leading group's office placed in a section named bare (办公室设在政策法规股): the report's own
HOSTING_UNIT = re.compile(r"(?<=设在)([\u4e00-\u9fff]{2,8}?(?:科|股))(?![\u4e00-\u9fff])")
OWN_GROUP = first_char_guarded(re.compile(
    r"(?:我(局|委|厅|办|市|县|区|镇|乡|旗|州|省|街道))?"
    r"((?:全面)?(?:法治政府建设|法治建设|依法行政|依法治(?:省|市|县|区|旗|州|镇|乡))(?:工作)?领导小组(?:办公室)?)"
))


def _own_units(
    text: str, starts: Container[int], ends: Container[int], found: list[AgencyMention]
) -> list[AgencyMention]:
    """Sections and leading groups of the report's own body (resolved against the issuer, or a
    government's or township's report's region: ``own`` is the self word's character)."""
    if "科" not in text and "处" not in text and "司" not in text and "股" not in text and "领导小组" not in text:
        return []  # every match of the first ends in 科, 处, 司 or 股, of the second holds 领导小组
    spans = Spans((m.start, m.end) for m in found)
    out = []
    for m in OWN_UNIT.finditer(text):
        if m.group(1) == "部" and not m.group(2).endswith("司"):
            continue  # a ministry's units are 司 (部署落到实处 is no unit)
        if m.start() in starts and m.end() in ends and not spans.covers(m.start(), m.end()):
            out.append(AgencyMention(m.group(), m.start(), m.end(), party=False, body=m.group(2), shape="own",
                                     own=m.group(1)))
    for m in HOSTING_UNIT.finditer(text) if "设在" in text else ():
        if not spans.covers(m.start(), m.end()) and not OWN_UNIT.match(text, m.start()):
            out.append(AgencyMention(m.group(), m.start(), m.end(), party=False, body=m.group(1), shape="own",
                                     own=""))
    # every match is Han characters holding 领导小组: only the runs holding it are searched
    for m in _finditer_in_runs(OWN_GROUP, text, HAN_RUN, "领导小组"):
        start = m.start() if m.group(1) else m.start(2)
        before = text[start - 1] if start else "\n"
        if spans.covers(m.start(2), m.end()) or spans.holds(start - 1) or (
            not m.group(1) and "\u4e00" <= before <= "\u9fff" and before not in "的了立由和与及、"
        ):
            continue  # part of a named body (县法治政府建设领导小组), or inside a longer word
        clause = text[max(text.rfind(c, 0, start) for c in ",。;\n") + 1 : start]
        if not m.group(1) and re.search(r"各级|^各", clause) and not re.search(r"(?:成员|组成)的$", clause):
            continue  # 各级…充实了依法行政工作领导小组: every level's group, a class of bodies (not
            # a group's members: …,各股室负责人为成员的法治建设工作领导小组)
        out.append(AgencyMention(text[start:m.end()], start, m.end(), party=False, body=m.group(2), shape="own",
                                 own=m.group(1) or ""))
    return out


def committee_body(body: str) -> str:
    """The Party committee's own part of a body name (党委常委会 → 党委, 委 → 委)."""
    return "党委" if body.startswith("党委") else "委"


def _listed_after_committee(text: str, start: int, found: list[AgencyMention]) -> AgencyMention | None:
    """The Party committee named just before ``start``, the two joined by 、 or 和 (after an
    optional 会议): ``自治区党委常委会会议、理论学习中心组``."""
    for o in found:
        if o.prefix and o.body and re.fullmatch(r"(?:党委|委)(?:常委会)?", o.body) and o.prefix != "本级":
            if re.fullmatch(r"(?:会议)?[、和]", text[o.end : start]):
                return o
    return None


def _standing_committees(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``市人大及其常委会``: the congress's standing committee, named by 常委会 alone.

    >>> [(m.text, m.body) for m in _standing_committees("在市人大及其常委会的监督下",
    ...     find_agency_mentions("在市人大"))]
    [('常委会', '人大常委会')]
    """
    out = []
    for m in found:
        body = m.body or ""
        if body.endswith(("人大", "人民代表大会")) and text.startswith("及其常委会", m.end):
            start = m.end + 2
            joint = body[:-2] + "人大常委会" if body.endswith("人大") else body + "常务委员会"
            out.append(replace(m, text="常委会", start=start, end=start + 3, body=joint, shape="joint"))
    return out


DOC_NUMBER_TAIL = re.compile(r"[发函字文电〔\[(0-9]")
# 泸治县办〔2022〕3号, 汕市卫办专函﹝2021﹞35号: an office's code in a 文号
DOC_YEAR_BRACKET = re.compile(r"\s*(?:[\u4e00-\u9fff]{0,2}?[发函字])?\s*[〔\[﹝【]\s*(?:19|20)\d{2}")


# 镇党委, 街道党工委, 乡政府 … in a township's own report: the township's bodies (resolved through
# the report's region; 各镇党委 is a class of bodies)
# (a township's congress bare: 镇人大的监督支持; not its deputies, 镇人大代表)
TOWNSHIP_LEVEL = re.compile(r"(镇|乡|街道|苏木)(党委|党工委|人民政府|政府|人大主席团|人大(?!代表|常委|工委|主席)"
                            r"|办事处)((?<=委)(?:理论学习)?中心组)?")


TOWNSHIP_LIST_ITEM = re.compile(r"[、和](党委|党工委|人民政府|政府|办事处)(?![\u4e00-\u9fff]{0,1}[局委办厅])")


BARE_WORKING_COMMITTEE = re.compile(r"(?:(?<=[^\u4e00-\u9fff])|(?<=召开|纳入|列入|落实|发挥)|(?<=[的在由经和及、以]))"
                                    r"党工委(?!书记)((?:理论学习)?中心组)?")


def _township_level_words(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    hits = list(TOWNSHIP_LEVEL.finditer(text))
    bare = list(BARE_WORKING_COMMITTEE.finditer(text)) if "党工委" in text else []
    if not hits and not bare:
        return []
    spans = Spans((m.start, m.end) for m in found)
    # a 街道's Party working committee written bare in its own report (召开党工委专题会议): the 街道's
    # (resolved only in a 街道's report; a zone's 党工委 is named with its zone)
    out = [AgencyMention(w.group(), w.start(), w.end(), prefix="街道",
                         body="党工委" + ("理论学习中心组" if w.group(1) else ""), party=True, shape="township")
           for w in bare if not spans.covers(w.start(), w.end())]
    for m in hits:
        before = text[m.start() - 1] if m.start() else "\n"
        after_and = before in COORDINATORS and m.group(2) != "办事处"  # (…街道工委和街道办事处: the class of offices)
        if ("\u4e00" <= before <= "\u9fff" and before not in STOP_CHARS and not after_and
                and not text.endswith(VERBS_BEFORE_TOWNSHIP, 0, m.start())) or before in "各全每该本乡":
            continue  # inside a name (永嘉镇党委) or a class of bodies (各镇党委); not after 和 or 坚持
        if m.group(1) == "街道" and m.group(2) in ("人民政府", "政府"):
            continue
        if not spans.covers(m.start(), m.end()):
            body = m.group(2) + ("理论学习中心组" if m.group(3) else "")  # (镇党委理论学习中心组: its study group)
            out.append(AgencyMention(m.group(), m.start(), m.end(), prefix=m.group(1), body=body,
                                     party=m.group(2).startswith("党"), shape="township"))
            # the same township's other body listed right after (街道党工委、办事处; 镇党委、政府)
            if (listed := _listed_after(text, m.end(), m.group(2), m.group(1), m.group(1), None)) is not None:
                out.append(listed)
    return out


def _listed_after(text: str, end: int, body: str, level: str, prefix: str | None,
                  township: str | None) -> AgencyMention | None:
    """The same township's other body listed right after one ending at ``end`` (镇党委、政府;
    共和乡党委、政府; 街道党工委、办事处 — a 街道 has no 政府), or None."""
    nxt = TOWNSHIP_LIST_ITEM.match(text, end)
    if nxt is None or nxt.group(1) == body or (level == "街道" and nxt.group(1).endswith("政府")):
        return None
    other = nxt.group(1)
    return AgencyMention(other, end + 1, end + 1 + len(other), prefix=prefix, party=other.startswith("党"),
                         body=other, shape="township", township=township)


# a grade and a colon (优秀等次(3个):, 良好单位:) opening a list of places: the places' governments
GRADED_LIST = first_char_guarded(re.compile(
    r"(?:不合格|不达标|基本合格|优秀|良好|合格|达标|较好|一般|较差|[一二三四五]等次)(?:等次|等级|档次)?(?:的)?"
    r"(?:单位|县区|县\(市、区\)|县\(市\)区|地区|市州|盟市)?(?:\(\d+个\)|\d+个)?:"
))


# a run-in list of places rated by a verb: 临河区、五原县被评为优秀等次
RATED_AFTER = first_char_guarded(re.compile(
    r"(?:均|分别)?(?:被(?P<namer>[^,。;、]{0,12}?))?(?:评为|评定为|确定为|获评|考评为|考核为|命名为|授予|达到)"
    r"[^。;,]{0,16}?(?:等次|等级|单位|档次|示范|先进)"
    # (a list closed by 等, then 为 and the grade: 顺德区、东莞、云浮等为良好等次; or the grade
    # alone after the rating verb: …等9个省辖市考核为优秀。)
    r"|等为(?=(?:优秀|良好|合格|基本合格|不合格|较好|先进)(?:等次|等级|档次))"
    r"|(?:考核|考评|评定|评)为(?=(?:优秀|良好|基本合格|不合格|合格|较好|先进)[。;,、])"
))
# a list's count after its last item (…、新乡市等9个省辖市考核为优秀): skipped back over
LIST_COUNT = re.compile(rf"等?{NUMBER}个[\u4e00-\u9fff]{{1,6}}$")
# …、红安县4个县市区和市城管执法委、…11个市直单位达到优秀等次: a counted list joined to the next by 和
COUNTED_THEN_AND = re.compile(rf"等?{NUMBER}个[\u4e00-\u9fff]{{1,6}}?(?=和)")
# cities a graded list may name by their short form (东莞, 云浮), as the levels below them may not
LISTED_BY_SHORT_FORM = ("地级市", "直辖市", "自治州", "地区", "盟")



def _run_in_rated_places(text: str, spans: Spans) -> list[AgencyMention]:
    out = []
    for r in RATED_AFTER.finditer(text):
        sentence = max(text.rfind(c, 0, r.start()) for c in "。;\n") + 1
        ends = [r.start()] + [c.start() for c in COUNTED_THEN_AND.finditer(text, sentence, r.start())]
        for end in ends:
            out += _rated_list_before(text, r, end, spans)
    return out


def _rated_list_before(text: str, r: re.Match, end: int, spans: Spans) -> list[AgencyMention]:
    """The places listed right before ``end`` (a rating verb, or the count closing a first list)."""
    if count := LIST_COUNT.search(text, max(0, end - 12), end):
        end = count.start()
    items: list[tuple[int, int, str]] = []
    while True:  # walk back over 、-separated place names
        head = text[max(0, end - 12) : end]
        # the longest place name ending here (the forms' scan may have taken 广州 and skipped 深圳)
        form, place = next(((head[k:], p) for k in range(len(head) - 1)
                            if HAN_RUN.fullmatch(head[k:]) and (p := canonical_place(head[k:]))), ("", None))
        if place is None or not (form[-1] in "市县区旗盟州" or kind_of(place) in LISTED_BY_SHORT_FORM):
            break
        start = end - len(form)
        items.append((start, end, form))
        if start > 0 and text[start - 1] in "、,和":
            end = start - 1
            continue
        break
    if not items or not (items[-1][0] == 0 or text[items[-1][0] - 1] in STOP_CHARS | {"\n", ",", "、"}):
        return []
    out = [AgencyMention(name, s, e, prefix=name, party=False, body=None, shape="place")
           for s, e, name in reversed(items) if not spans.covers(s, e)]
    # the level that names them (被自治区命名为…, 被省政府评为…): its government
    namer = r.group("namer") or ""
    if namer in ("省", "自治区", "市", "州", "盟") and not spans.covers(r.start("namer"), r.end("namer")):
        out.append(AgencyMention(namer, r.start("namer"), r.end("namer"), prefix=namer, party=False,
                                 body=None, shape="place"))
    return out


def _graded_places(text: str, found: list[AgencyMention]) -> list[AgencyMention]:
    """``优秀等次:宁都县、瑞金市;良好等次:于都县``, ``临河区、五原县被评为优秀等次``: each rated
    place is its government."""
    if ":" not in text and RATED_AFTER.search(text) is None:
        return []  # every match of GRADED_LIST ends in a colon
    spans = Spans((m.start, m.end) for m in found)
    out = _run_in_rated_places(text, spans)
    forms = place_forms_pattern()
    for g in GRADED_LIST.finditer(text):
        i = g.end()
        while (m := forms.match(text, i)) and m.group()[-1] in "市县区旗盟州" and canonical_place(m.group()):
            end, parent, place = _place_chain(text, m.end(), m.group())  # 台州市黄岩区: the district
            nxt = text[end : end + 1]
            if nxt not in ("、", ",", ";", "。", "\n", ""):
                break  # 宁都县司法局: a body, found as such
            if not spans.covers(m.start(), end):
                out.append(AgencyMention(text[m.start():end], m.start(), end, prefix=place, party=False, body=None,
                                         shape="place", parent_prefix=parent))
            if nxt not in ("、", ","):
                break
            i = end + 1
    return out


def find_agency_mentions(text: str) -> list[AgencyMention]:
    """Agency mentions in plain normalized text, in text order."""
    if not text:
        return []  # (other stages ask about the text before a cue, which may be empty)
    starts, ends = token_bounds(text)
    zones = _zone_bodies(text, starts, ends)
    # 市府办, 市委办 open 文号 too (保市府办172号, 市委办发〔2020〕3号): only the office itself counts
    found = [
        m
        for m in _anchored(text, starts, ends)
        if not (m.body in ("府办", "委办", "政府办") and DOC_NUMBER_TAIL.match(text, m.end)
                or (m.body or "").endswith("办") and DOC_YEAR_BRACKET.match(text, m.end)
                or m.prefix is not None and WHOLE_LEVEL_FORM.fullmatch(m.prefix))
        and not any(z.start < m.end and m.start < z.end for z in zones)
    ] + zones
    found += _national(text, Spans((m.start, m.end) for m in found), starts, ends)
    found = _vertical(_ministry_units(text, found, ends))
    found += _bare_departments(text, starts, ends, sorted(found, key=lambda m: m.start))
    found += _distributed(text, found)
    found += _shared_bodies(text, found)
    found += _congress_committees_listed(text, found)
    found += _prefecture_committees(text, found)
    found += _paired_governments(text, found)
    found += _heads_of_government(text, found)
    spans = Spans((m.start, m.end) for m in found)
    found += [m for m in _place_lists(text) if not spans.covers(m.start, m.end)]
    found += _zone_committees(text, starts, found)
    found = _rule_of_law_place_groups(text, found)
    organs = _rule_of_law_committees(text, found)
    if organs:  # 全面依法治市委员会办公室 is one body: not also the 市委员会办公室 read inside it
        found = [m for m in found if not any(o.start <= m.start and m.end <= o.end for o in organs)] + organs
    found += _townships(
        text, starts, [m for m in found if m.shape != "place"] + [m for m in found if m.shape == "place"]
    )
    found += _acting_places(text, starts, found)
    found += _township_level_words(text, found)
    found += _graded_places(text, found)
    found += _deictic(text, found)
    found += _own_organs(text, found)
    found += _counterpart_bureaus(text, found)
    found += _own_units(text, starts, ends, found)
    found += _standing_committees(text, found)
    found += _groups_named_again(text, found)
    found = [_wrapped(text, m) for m in found]
    return sorted(found, key=lambda m: (m.start, -m.end))


# bodies addressed at the head of a line that runs on into the text (a page printing the report
# as one paragraph: 中共海宁市委、海宁市人民政府: 2022年,市住建局…)
# (not a publisher before a headline: 中央依法治国办:关于第一批…命名的决定)
LEADING_ADDRESSEES = re.compile(r"^\s*([^::。,,;\n]{2,40}?)\s*[::]\s*(?=[^\s《“\"])(?!关于)(?=[^\n]*。)")


def leading_addressees(line: str) -> tuple[int, list[AgencyMention]] | None:
    """Where the text starts after the bodies a line opens by addressing, and those bodies; None
    when the words before the colon are no list of bodies (标题:, 时间:) or a notice's (各区政府:).

    >>> end, bodies = leading_addressees("中共海宁市委、海宁市人民政府: 2022年,市住建局推进依法行政。")
    >>> end, [m.text for m in bodies]
    (16, ['中共海宁市委', '海宁市人民政府'])
    >>> leading_addressees("时间:2026-01-09 09:36") is None
    True
    """
    m = LEADING_ADDRESSEES.match(line)
    if m is None or m.group(1).startswith("各"):
        return None
    bodies = find_agency_mentions(m.group(1))
    named = sum(b.end - b.start for b in bodies)
    if not bodies or len(re.sub(r"[、,,和及\s]", "", m.group(1))) != named:
        return None
    return m.end(), bodies


def _wrapped(text: str, m: AgencyMention) -> AgencyMention:
    """A name a heading wraps inside its ending (``…人民代表大会\n常务委员会第三十次会议上``):
    joined when an ending of the suffix table spans the line break."""
    if m.shape != "anchored" or not m.body or not text.startswith("\n", m.end):
        return m
    nxt = text[m.end + 1 : m.end + 1 + 8]
    for suffix in suffixes_longest_first():
        for k in range(1, len(suffix)):
            if m.body.endswith(suffix[:k]) and nxt.startswith(suffix[k:]):
                end = m.end + 1 + len(suffix) - k
                return replace(m, text=m.text + suffix[k:], end=end, body=m.body + suffix[k:])
    return m


def find_agencies(doc: Document) -> list[AgencyMention]:
    """Agency mentions of ``doc`` in text order (surface forms; see :mod:`kg.resolve.agencies`)."""
    return find_agency_mentions(doc.text)
