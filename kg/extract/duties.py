"""Duties of the controlled vocabulary and the status each report gives them.

Everything that names or judges a duty is data:

* ``ontology/duties.ttl`` — the duty ids (SKOS scheme, loaded by :mod:`kg.core.duties_vocab`);
* ``data/patterns/duty_patterns.tsv`` — detection phrases per duty (labels and the
  paraphrases reports use, e.g. the five decision procedures listed without their name);
* ``data/patterns/duty_exclusions.tsv`` — clause-level vetoes (党风廉政建设第一责任人 …);
* ``data/patterns/duty_status_cues.tsv`` — gap / planned / done cues.

How a status is decided, per clause (a sentence cut at ``;`` and before 一是/二是…, so an
enumeration that mixes achievements and shortfalls is read item by item):

* in a ``problems`` section: ``gap`` (``planned`` when the clause only speaks of the future);
* in a ``plans`` section: ``planned``, plus ``gap`` when the clause names a shortfall
  (``法制机构建设薄弱的地区要…``), or ``done`` when it says the work is already done;
* elsewhere (achievements, unmarked): a gap cue gives ``gap``, a future cue ``planned``,
  and a clause with neither is ``done``.

Precision guards: a phrase found only inside a 《title》 that the clause cites as its basis
(``根据《…》``) does not count — the report leans on the document, it does not discuss
the duty; nor does a phrase inside the name of a 纲要 task area (``依法有效化解社会矛盾纠纷``,
``全面提高政府工作人员法治思维和依法行政能力``), which reports use as chapter headings
whatever the chapter holds, nor one inside the name of a body (``县信访局``, ``综合行政执法局``:
a report naming the body does not speak of the duty).

>>> from kg.normalize import normalize_text
>>> from kg.extract.sections import annotate_sections
>>> doc = annotate_sections(normalize_text(
...     "一、工作情况\\n全面推行权责清单制度。\\n二、存在问题\\n一是出庭应诉率较低;二是执法人员素质不高。\\n"
...     "三、下一步工作打算\\n严格落实重大行政决策程序。", name="x.txt"))
>>> [(f.id, sorted(f.statuses)) for f in find_duties(doc)]  # doctest: +NORMALIZE_WHITESPACE
[('power-and-responsibility-list', ['done']), ('head-appears-in-court', ['gap']),
 ('enforcement-personnel', ['gap']), ('major-decision-procedures', ['planned'])]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.core.doc import Document, Sentence
from kg.core.duties_vocab import load_duty_vocabulary
from kg.core.lexicon import OverlapScanner
from kg.core.memos import memo
from kg.core.model import DUTY_STATUSES, DutyFinding, Evidence, Metadata
from kg.core.resources import data_rows
from kg.core.rxinfo import Anchor, anchors, first_char_guarded
from kg.core.spans import Breaks, Spans
from kg.extract.sections import heading_level, section_role_at

# Clause boundaries inside a sentence: ; and the start of an inline enumeration item
# (一是 / 二是 … / 其一 / 第一,) — each item of "一是…;二是…" gets its own status.
# A contrast (…办理复议案件35件,但办理质量有待提高) also ends a clause: the work before 但 was
# done, the shortfall after it is a gap (a 虽然… concession before 但 is read as done).
CLAUSE_BREAK = re.compile(
    r";|(?<=[,:、。])(?=[一二三四五六七八九十]是)|(?<=[,:])(?=其[一二三四五])|(?<=,)(?=但(?:是)?[^是])"
)
# The same cuts (each match's end) found from the character before a cut, which the search
# can jump to: the look-behind form tried all four branches at every position of every
# sentence naming a duty. The mark is read first as one class (then looked back at), so the
# regex engine skips to the next mark with a set test; an alternation opening with a literal
# and classes is tried in full at every position.
CLAUSE_BREAK_FROM_MARK = re.compile(
    r"[;,:、。](?:(?<=;)|(?<=[,:、。])(?=[一二三四五六七八九十]是)|(?<=[,:])(?=其[一二三四五])|(?<=,)(?=但(?:是)?[^是]))"
)
BRACKETED_TITLE = re.compile(r"《[^《》]*》")
# A title right after these words is the basis the clause relies on, not a topic of it.
BASIS_BEFORE_TITLE = re.compile(r"(根据|依据|按照|参照|对照|学习|围绕|宣传|宣讲|解读|聚焦)[^,;。]*$")
STUDY_BEFORE_TITLE = re.compile(r"对[^,;。]*$")
STUDY_AFTER_TITLE = re.compile(r"[^,;。]{0,80}?(?:进行|开展|组织)了?(?:专题|集中|系统|深入)?(?:学习|解读|宣讲)")


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int


def _rows(name: str, columns: int) -> list[list[str]]:
    rows = data_rows("patterns", name)
    for row in rows:
        if len(row) != columns:
            raise ValueError(f"{name}: expected {columns} tab-separated columns in {row!r}")
    return rows


def _check_ids(name: str, ids: set[str]) -> None:
    unknown = ids - load_duty_vocabulary().keys()
    if unknown:
        raise ValueError(f"{name}: duty ids not in ontology/duties.ttl: {sorted(unknown)}")


def _alternations_by_duty(name: str) -> dict[str, re.Pattern]:
    """One compiled alternation per duty id from a ``duty id<TAB>regex`` table, in vocabulary order."""
    by_id: dict[str, list[str]] = {}
    for duty_id, regex in _rows(name, 2):
        by_id.setdefault(duty_id, []).append(f"(?:{regex})")
    _check_ids(name, set(by_id))
    return {d: re.compile("|".join(by_id[d])) for d in load_duty_vocabulary() if d in by_id}


@lru_cache(maxsize=1)
def duty_patterns() -> dict[str, re.Pattern]:
    """What names each duty (``duty_patterns.tsv``)."""
    return _alternations_by_duty("duty_patterns.tsv")


@lru_cache(maxsize=1)
def duty_exclusions() -> dict[str, re.Pattern]:
    """Wordings that look like a duty but are not (``duty_exclusions.tsv``), each behind a
    look-ahead on the characters its matches open with (searched in every clause naming a duty)."""
    return {d: first_char_guarded(rx) for d, rx in _alternations_by_duty("duty_exclusions.tsv").items()}


@lru_cache(maxsize=1)
def status_cues() -> dict[str, re.Pattern]:
    """Gap / planned / done / neutral cues of ``duty_status_cues.tsv``, one alternation each,
    behind a look-ahead on the characters its matches open with where they are known: each
    clause naming a duty is searched for them, and the alternation tried in full at every
    character of it was half the time of reading a clause's statuses."""
    by_status: dict[str, list[str]] = {}
    for status, regex in _rows("duty_status_cues.tsv", 2):
        if status not in (*DUTY_STATUSES, "neutral", "concession"):
            raise ValueError(f"duty_status_cues.tsv: unknown status {status!r}")
        if status != "concession":
            by_status.setdefault(status, []).append(f"(?:{regex})")
    return {s: first_char_guarded(re.compile("|".join(rx))) for s, rx in by_status.items()}


@lru_cache(maxsize=1)
def concession_cues() -> tuple[re.Pattern, ...]:
    """``concession`` rows, each compiled alone (group 1 is the conceded part)."""
    rows = _rows("duty_status_cues.tsv", 2)
    return tuple(first_char_guarded(re.compile(regex)) for status, regex in rows if status == "concession")


def split_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Clauses of ``text[start:end]`` (normalized offsets), cut at ; and before 一是/二是….

    >>> t = "一是学法制度落实;二是执法证件办理滞后,三是复议不规范。"
    >>> [t[c.start:c.end] for c in split_clauses(t, 0, len(t))]
    ['一是学法制度落实;', '二是执法证件办理滞后,', '三是复议不规范。']
    """
    cuts = [start]
    for m in CLAUSE_BREAK_FROM_MARK.finditer(text, start, end):
        cut = m.end()
        if start < cut < end and cut != cuts[-1]:
            cuts.append(cut)
    cuts.append(end)
    return [Clause(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def clause_statuses(clause: str, role: str, mention: int | None = None) -> set[str]:
    """The statuses one clause gives the duty named at offset ``mention`` of it, given its section role.

    >>> clause_statuses("行政机关负责人出庭应诉率较低", "achievements")
    {'gap'}
    >>> clause_statuses("下一步,将继续修改和完善方案", "achievements")
    {'planned'}
    >>> clause_statuses("聘请法律顾问参与重大行政决策", "achievements")
    {'done'}
    >>> clause_statuses("未经法制审核或者审核未通过的,不得作出决定", "achievements")
    {'done'}
    >>> sorted(clause_statuses("法制机构建设薄弱的地区,要进一步加强法制机构建设", "plans"))
    ['gap', 'planned']
    >>> clause_statuses("应进一步提高网上办理率", "problems")
    {'gap'}
    >>> t = "虽然制定出台三项制度,但执法中重实体轻程序"
    >>> clause_statuses(t, "problems", t.index("三项")), clause_statuses(t, "problems", t.index("执法中"))
    ({'done'}, {'gap'})
    """
    if role == "basis":  # the documents a text rests on: the duty is named, no status given
        return set()
    cues = status_cues()
    if role == "problems" and mention is not None:
        for rx in concession_cues():
            m = rx.search(clause)
            if m and m.start(1) <= mention < m.end(1):
                return {"done"}
    read, gap, planned = _cue_reading(clause)
    if role == "problems":
        return {"planned"} if planned and not gap else {"gap"}
    if role == "plan_document":  # an unmarked part of a plan: the future, unless it says otherwise
        if gap:
            return {"gap"}
        if not planned and cues.get("done") and cues["done"].search(read):
            return {"done"}
        return {"planned"}
    if role == "plans":
        # "already done" speaks only of the part of the clause it stands in (今年已完成权责清单
        # 调整,继续深化放管服改革: the reform is still planned); cut out only when asked
        if not gap and not planned and cues.get("done"):
            done_read = _part_around(read, mention) if mention is not None else read
            if cues["done"].search(done_read):
                return {"done"}
        return {"planned", "gap"} if gap else {"planned"}
    out = set()
    if gap:
        out.add("gap")
    if planned:
        out.add("planned")
    return out or {"done"}


@memo(4096)  # a clause naming several duties is read once
def _cue_reading(clause: str) -> tuple[str, bool, bool]:
    """The clause with its neutral wordings blanked, and whether it holds a gap and a planned cue."""
    cues = status_cues()
    read = cues["neutral"].sub(lambda m: " " * len(m.group()), clause) if "neutral" in cues else clause
    gap = bool(cues.get("gap") and cues["gap"].search(read))
    planned = bool(cues.get("planned") and cues["planned"].search(read))
    return read, gap, planned


def _heading_only(text: str, clause: Clause, match_end: int, breaks: Breaks) -> bool:
    """The duty is named inside a numbered heading line (``(一)推进政务公开``) that is the whole
    clause (a phrase running on into the body below is read there). ``breaks``: the text's "\n"."""
    line_start = breaks.before(clause.start) + 1
    line_end = breaks.at_or_after(clause.start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    return (
        match_end <= line_end
        and heading_level(line) is not None
        and len(line) <= 40
        and not re.search(r"[。;,:]", line.rstrip("。"))
        and text[clause.start : clause.end].strip() in line
    )


def _part_around(clause: str, pos: int) -> str:
    """The comma-delimited part of ``clause`` holding offset ``pos``.

    >>> _part_around("今年已完成清单调整,继续深化改革", 12)
    '继续深化改革'
    """
    start = max(clause.rfind(",", 0, pos), clause.rfind(",", 0, pos)) + 1
    ends = [i for i in (clause.find(",", pos), clause.find(",", pos)) if i >= 0]
    return clause[start : min(ends) if ends else len(clause)]


@lru_cache(maxsize=1)
def area_label_pattern() -> re.Pattern | None:
    """The Chinese names of the 纲要 task areas (the scheme's top concepts), as one regex."""
    labels = sorted(
        {c.area_label_zh for c in load_duty_vocabulary().values() if c.area_label_zh}, key=len, reverse=True
    )
    return re.compile("|".join(map(re.escape, labels))) if labels else None


def _masked_spans(text: str) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    rx = area_label_pattern()
    for m in rx.finditer(text) if rx else ():
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _inside(spans: tuple[list[int], list[int]], pos: int) -> bool:
    k = bisect.bisect_right(spans[0], pos) - 1
    return k >= 0 and pos < spans[1][k]


def _title_spans(text: str) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for m in BRACKETED_TITLE.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _cited_as_basis(text: str, clause: Clause, pos: int, titles: tuple[list[int], list[int]]) -> bool:
    """True when ``pos`` lies inside a 《title》 that the clause cites as its basis (根据《…》) or
    studies (对《…》进行专题学习)."""
    starts, ends = titles
    k = bisect.bisect_right(starts, pos) - 1
    if k < 0 or pos >= ends[k]:
        return False
    before = text[clause.start : max(clause.start, starts[k])]
    if BASIS_BEFORE_TITLE.search(before):
        return True
    # 对《信访工作条例》《审计法》进行专题学习: a law studied, not the work it governs
    return bool(STUDY_BEFORE_TITLE.search(before) and STUDY_AFTER_TITLE.match(text, ends[k], clause.end))


# A sentence opening with an imperative or a future lead (要强化…;深化…;要健全…; 要在…方面,
# 建议区政府要在…: a recommendation, where 两级政府要在…领导下 states an arrangement) speaks
# of the future in each of its clauses, also those that repeat no cue.
IMPERATIVE_LEAD = re.compile(
    r"\s*(?:[^,;。]{0,8}?(?:(?<![主重需纲摘概首必提简只想紧扼])要|拟)(?=[加强进推提完健落深严切全坚做建抓确规注着持把以继一])|(?:建议[^,;。]{0,8}?)?要在|下一步|下步|今后|下阶段)"
)


# A document whose own title names a plan or a set of rules (…工作要点, …实施方案, …暂行规定,
# 关于印发…方案的通知) speaks of the future throughout: its unmarked sections are plans.
PLAN_DOCUMENT_TITLE = re.compile(
    r"(方案|要点|计划|安排|规划|意见|规定|办法|细则|规则)(\([^()]{1,20}\))?(》|〉)?(的(通知|决定))?$"
)


def document_role(title: str | None, doc_type: str | None = None) -> str | None:
    """``plan_document`` for a plan, work-points or rules document (by its type or title), else None:
    its unmarked parts speak of the future, except a clause naming a shortfall (``gap``) or
    saying the work is already done (``done``).

    >>> document_role("西平县人民政府办公室关于印发西平县2020年度法治政府建设工作安排的通知")
    'plan_document'
    >>> document_role("绵竹市人民政府重大行政决策程序暂行规定"), document_role("福建省2017年法治政府建设情况报告")
    ('plan_document', None)
    >>> document_role(None, "plan")
    'plan_document'
    """
    if doc_type == "plan" or (title and PLAN_DOCUMENT_TITLE.search(title)):
        return "plan_document"
    return None


@dataclass(frozen=True, slots=True)
class KeptOffsets(Sequence[int]):
    """The offset in the wrapped text of each character of the unwrapped one: ``i`` plus the
    number of line breaks removed before it, by bisection (``shifts[k]``: the k-th removed
    break's offset minus k, the first unwrapped offset it moves). A list of every offset made
    one integer object per character of the report, to look up a few dozen.

    >>> kept = KeptOffsets([2, 3], 5)  # "ab\\ncd\\ne" → "abcde"
    >>> list(kept)
    [0, 1, 3, 5, 6]
    """

    shifts: list[int]
    length: int

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i):  # (an offset, not a slice)
        if not 0 <= i < self.length:
            raise IndexError(i)
        return i + bisect.bisect_right(self.shifts, i)


def unwrap_lines(text: str) -> tuple[str, KeptOffsets]:
    """``text`` with hard line wraps removed (a line break not after a sentence end or a blank
    line: ``权力清\\n单``), and the original offset of each kept character.

    >>> unwrap_lines("公布“权力清\\n单”。\\n下一段")[0]
    '公布“权力清单”。\\n下一段'
    """
    shifts: list[int] = []
    parts: list[str] = []
    prev = 0
    for m in WRAP.finditer(text):  # (each match is one character, a line break)
        shifts.append(m.start() - len(shifts))
        parts.append(text[prev : m.start()])
        prev = m.end()
    parts.append(text[prev:])
    return "".join(parts), KeptOffsets(shifts, len(text) - len(shifts))


# a hard wrap: a line break after a character that does not end a sentence, before a non-blank line
# (the line break first, the character before it read by the look-behind: a pattern opening
# with a look-behind is tried at every character of the text, 15× slower)
WRAP = re.compile(r"\n(?<=[^。;:!?\n]\n)(?=[^\n])")


def _matches(
    pattern: re.Pattern, joined: str, kept: Sequence[int], starts: list[int] | None = None
) -> list[tuple[int, int]]:
    """(start, end) offsets in the original text of the matches of ``pattern`` in the unwrapped text.

    ``starts``: the positions of ``joined`` where the strings its matches begin with stand
    (:func:`duty_starts`). The pattern is then tried only there — the same matches as
    ``finditer``, which tries every position of the text, once per duty: ``finditer`` of a
    pattern that matches no empty string, tried only at ``starts`` (increasing: every
    position where a match could begin; one inside the previous match is skipped). One loop
    collecting a list (two generators stacked showed in the profile)."""
    out: list[tuple[int, int]] = []
    if starts is None:
        for m in pattern.finditer(joined):
            start, end = m.span()
            if end > start:
                out.append((kept[start], kept[end - 1] + 1))
        return out
    pos = 0
    match = pattern.match
    for i in starts:
        if i < pos:
            continue  # inside the previous match
        if found := match(joined, i):
            pos = end = found.end()
            if end > i:
                out.append((kept[i], kept[end - 1] + 1))
    return out


@lru_cache(maxsize=1)
def duty_heads() -> dict[str, frozenset[Anchor] | None]:
    """Per duty, where its matches can start (:func:`kg.core.rxinfo.anchors`: the strings they
    start with, up to their first three characters, or stand right after — a look-behind on a
    cited title, a line break; None: not known, the duty's pattern tries every position)."""
    return {duty_id: anchors(rx, 3) for duty_id, rx in duty_patterns().items()}


@lru_cache(maxsize=1)
def _head_scanner() -> OverlapScanner:
    return OverlapScanner(h for heads in duty_heads().values() if heads for h, _ in heads)


@lru_cache(maxsize=1)
def _duties_by_head() -> dict[str, list[tuple[str, int]]]:
    """Head → the (duty, shift) pairs of :func:`duty_heads` naming it."""
    out: dict[str, list[tuple[str, int]]] = {}
    for duty_id, heads in duty_heads().items():
        for h, shift in sorted(heads or ()):
            out.setdefault(h, []).append((duty_id, shift))
    return out


def duty_starts(text: str) -> dict[str, list[int] | None]:
    """Per duty, the positions of ``text`` where a match can start, in order (None: every
    position). One automaton pass over the text for every duty, where a search per duty
    went over the whole text once each; the heads found handed to their duties (a report
    holds a fifth of the 500 heads: asking each duty for each of its heads was the cost)."""
    found = _head_scanner().positions(text)
    lists: dict[str, list[list[int]]] = {d: [] for d, heads in duty_heads().items() if heads is not None}
    by_head = _duties_by_head()
    for h, at in found.items():
        for duty_id, shift in by_head[h]:
            lists[duty_id].append(at if shift == 0 else [i + shift for i in at])
    out: dict[str, list[int] | None] = {}
    for duty_id, heads in duty_heads().items():
        if heads is None:
            out[duty_id] = None
            continue
        found_lists = lists[duty_id]
        if ("", 0) in heads:
            found_lists.append([0])  # the text's start (^)
        out[duty_id] = found_lists[0] if len(found_lists) == 1 else sorted({i for at in found_lists for i in at})
    return out


class _Clauses:
    """The clause of the text holding an offset, each sentence cut into clauses when first
    asked (most sentences name no duty), with whether its sentence opens with an imperative.

    The clause is the last one of all the sentences' clauses starting at or before the offset,
    when the offset is inside it: one in the offset's sentence, since those before end before it."""

    def __init__(self, text: str, sentences: Sequence[Sentence]):
        self.text = text
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.cut: dict[int, tuple[list[Clause], list[int], bool]] = {}  # sentence index -> its clauses

    def __call__(self, i: int) -> tuple[Clause, bool] | None:
        j = bisect.bisect_right(self.starts, i) - 1
        if j < 0:
            return None
        if (found := self.cut.get(j)) is None:
            s = self.sentences[j]
            clauses = split_clauses(self.text, s.start, s.end)
            found = self.cut[j] = (clauses, [c.start for c in clauses], bool(IMPERATIVE_LEAD.match(self.text, s.start)))
        clauses, starts, imperative = found
        k = bisect.bisect_right(starts, i) - 1
        if k < 0 or i >= clauses[k].end:
            return None
        return clauses[k], imperative


# a count of none (无行政复议案, 零投诉、零信访, 无一起行政诉讼案): an outcome, not the work done
# (无行政复议变更、撤销…案件, the cases an outcome was not, is the work's result: read)
NONE_OF = re.compile(r"(?:零|无(?:一起|一例|一件)?(?:行政)?)$")


def _none_of(text: str, start: int, end: int) -> bool:
    """The duty's phrase names a count of none: 零信访, or 无 before it and 案 right after."""
    before = NONE_OF.search(text, max(0, start - 5), start)
    return before is not None and (before.group().startswith("零") or text.startswith("案", end))


def find_duties(
    doc: Document, metadata: Metadata | None = None, names: Sequence[tuple[int, int]] = ()
) -> list[DutyFinding]:
    """Duties ``doc`` speaks of, each with its statuses and the sentences saying so.

    With ``metadata`` (the report's title and type), a plan or rules document reads its
    unmarked and achievements sections as plans (:func:`document_role`); a phrase within one
    of ``names`` (the spans of the bodies the text names) is a body's name, not the duty.

    Runs each duty's pattern once over the whole text, then reads only the clauses that
    matched, so the cost is linear in the text length. Findings come in order of first
    mention.
    """
    text = doc.text
    clause_at = _Clauses(text, doc.sentences)
    titles = _title_spans(text)
    area_names = _masked_spans(text)
    body_names = Spans(names)
    exclusions = duty_exclusions()
    doc_role = document_role(metadata.title, metadata.doc_type) if metadata is not None else None
    joined, kept = unwrap_lines(text)
    breaks = Breaks(text, "\n")
    findings: dict[str, DutyFinding] = {}
    first_seen: dict[str, int] = {}
    seen_sentences: set[tuple[str, str, str]] = set()
    headings: dict[str, list[Evidence]] = {}  # duty id -> numbered heading lines naming it
    starts = duty_starts(joined)
    for duty_id, pattern in duty_patterns().items():
        # the end of the last clause read for this duty: a later match before it is in that
        # clause (matches come in text order), which gives the duty nothing more
        done_until = -1
        for start, end in _matches(pattern, joined, kept, starts[duty_id]):
            while start < end and text[start].isspace():
                start += 1  # (a pattern opening on a line break: 报告\n\n省人民政府: is read from 省)
            if start < done_until:
                continue
            found = clause_at(start)
            if found is None:
                continue
            clause, opens_imperative = found
            clause_text = text[clause.start : clause.end]
            if (_inside(area_names, start) or _cited_as_basis(text, clause, start, titles)
                    or body_names.covers(start, end) or _none_of(text, start, end)):
                continue
            done_until = clause.end
            veto = exclusions.get(duty_id)
            # (a phrase wrapped onto the next line runs past its clause: the veto reads it whole)
            if veto and veto.search(text[clause.start : max(clause.end, end)]):
                continue
            evidence = Evidence.of(doc, start, end)
            if (finding := findings.get(duty_id)) is None:  # (not one made and dropped per clause)
                finding = findings[duty_id] = DutyFinding(duty_id)
                first_seen[duty_id] = start
            role = section_role_at(doc, clause.start)
            if doc_role and role == "other":
                role = doc_role
            if role == "problems" and text.startswith("但", clause.end) and re.search("虽|尽管", clause_text):
                role = "achievements"  # 虽然已建立X,但…: what is conceded before 但 was done
            statuses = clause_statuses(clause_text, role, start - clause.start)
            if statuses == {"done"} and _heading_only(text, clause, end, breaks):
                # a heading names a topic: the text, where it speaks of the duty, gives the status
                headings.setdefault(duty_id, []).append(evidence)
                continue
            if statuses == {"done"} and opens_imperative and role != "problems":
                statuses = {"planned"}  # 要强化…;深化…: the sentence's opening 要 governs every clause
            for status in sorted(statuses):
                key = (duty_id, status, evidence.sentence)
                if key in seen_sentences:
                    continue
                seen_sentences.add(key)
                finding.statuses.setdefault(status, []).append(evidence)
    for duty_id, evidence_list in headings.items():
        if not findings[duty_id].statuses:  # named in headings only: what they announce was done
            findings[duty_id].statuses["done"] = evidence_list
    # (a duty named only where no status is given, the documents a text rests on, is not found)
    return sorted((f for f in findings.values() if f.statuses), key=lambda f: first_seen[f.id])
