"""Cited documents: where a report names a law, regulation, plan or notice, and its 文号.

Finds, in normalized text:

- titles in 《…》 (also broken across a line), with the titles nested inside them in 〈…〉
  or <…> (``《贯彻落实〈A〉实施方案》`` gives the outer title and A);
- the document inside ``关于印发X的通知`` (the annotators count X as a cited document too);
- quoted titles ``制定“X制度”`` and unbracketed titles after a lead verb
  (``严格执行重大行政决策程序暂行条例``) or in a list after a bracketed one, ended by a
  document-type suffix (``data/patterns/regulation_suffixes.tsv``);
- unbracketed names of national laws and regulations from the catalogue
  (``data/laws_catalog.tsv``: ``宪法``, ``行政复议法及其实施条例``);
- short forms (``《纲要》``, ``省《纲要》``, ``以下简称《意见》``) — marked ``short_form`` with
  their scope cue, resolved to a full title by :mod:`kg.resolve.regulations`;
- the 文号 printed with a title, in any bracket form, before or after it.

Titles of lectures, books, handbooks and media are dropped by the cues of
``data/patterns/citation_cues.tsv``.

Every mention is a :class:`~kg.core.mentions.CitationMention`: the title as written, where it
was read (``source``), and what is printed with it (文号, 简称, issuer, scope cue, the title an
outer one is written around, a listed title as printed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from kg.core.catalog import catalogue_names, lookup
from kg.core.doc import Document
from kg.core.lexicon import EndingTrie, WordScanner
from kg.core.memos import memo
from kg.core.mentions import CitationMention
from kg.core.resources import data_rows
from kg.core.script import to_simplified
from kg.core.spans import Spans
from kg.core.titles import CJK, bare_title

# 《…》 may hold inner 〈…〉 or <…> titles and may be broken across two line breaks.
BRACKETED_TITLE = re.compile(r"《([^《》\n]{1,150}?(?:\n[^《》\n]{1,150}?){0,2})》")
INNER_TITLE = re.compile(r"[〈<]([^〈〉<>]{2,120})[〉>]")
QUOTED_TITLE = re.compile(r"“([^“”\n]{4,80})”")
# 文号: issuer abbreviation, year in any bracket, serial number: 粤发〔2016〕24号, 清府[2013]5号
# The closing bracket may be lost at the source (中发〔201536号): the year is four digits.
DOC_NUMBER = re.compile(
    rf"[{CJK}]{{1,14}}\s*[〔\[【(﹝]\s*((?:19|20)\d{{2}})\s*[〕\]】)﹞]?\s*第?\s*(\d{{1,5}})\s*号"
)
# 令 numbers have no year: 国务院令第713号, 广东省人民政府令第251号, 省政府第3号令
ORDER_NUMBER = re.compile(rf"[{CJK}]{{1,14}}令\s*第\s*\d{{1,5}}\s*号|[{CJK}]{{1,14}}第\s*\d{{1,5}}\s*号令")
# What every match of DOC_NUMBER and ORDER_NUMBER ends with.
NUMBER_ENDS = ("号", "令")
# The year printed first: 〔2014〕保市府办172号
# (第 is no issuer: 永政办〔2019〕第12号 is read by DOC_NUMBER)
YEAR_FIRST_NUMBER = re.compile(
    rf"[〔\[【(﹝]\s*(?:19|20)\d{{2}}\s*[〕\]】)﹞]\s*(?!第)[{CJK}]{{1,14}}?\s*第?\s*\d{{1,5}}\s*号"
)
# A 文号 that lost its brackets and 号 (阿法组办20172), read only as the whole parenthesis after a title.
BARE_NUMBER = re.compile(rf"^([{CJK}]{{2,10}}(?:发|办|函|字|规|委))((?:19|20)\d{{2}})(\d{{1,4}})$")
# The parenthesis right after a title: a 文号 and/or a 简称 definition.
# (One inner parenthesis may hold the year of a 文号: (湘政发(2020)5号).)
AFTER_PAREN = re.compile(r"^\s*\(((?:[^()]|\([^()]{1,12}\)){2,80}?)\)")
SHORT_DEFINITION = re.compile(r"(?:以下)?简称\s*[《“\"]([^》”\"]{1,20})[》”\"]")
# Inside a title: 关于印发X的通知 — X is also a document.
EMBEDDED_TITLE = re.compile(r"关于(?:印发|转发|发布|颁布|公布)([^〈〉<>]{4,100}?)的(?:通知|决定)$")
CLAUSE_END = re.compile(r"[,。;:!?\n《》()]")
GARBLE = re.compile(r"\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
# Derived titles: 行政复议法及其实施条例 → 行政复议法实施条例.
DERIVED = re.compile(r"^(?:及其|和|及)(实施条例|实施细则|实施办法)")


@dataclass(frozen=True)
class Suffix:
    word: str
    strong: bool
    kind: str


def _table(name: str) -> list[list[str]]:
    return data_rows("patterns", name)


@lru_cache(maxsize=1)
def suffixes() -> tuple[Suffix, ...]:
    """Document-type suffixes, longest first.

    >>> len(suffixes()[0].word) >= len(suffixes()[-1].word)
    True
    """
    rows = [Suffix(w, s == "strong", k) for w, s, k in _table("regulation_suffixes.tsv")]
    return tuple(sorted(rows, key=lambda x: -len(x.word)))


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for cue_type, value in _table("citation_cues.tsv"):
        out.setdefault(cue_type, []).append(value)
    return out


@lru_cache(maxsize=1)
def scope_cues() -> tuple[tuple[str, str], ...]:
    """(cue, scope) pairs, longest cue first."""
    rows = [(c, s) for c, s in _table("citation_scope_cues.tsv")]
    return tuple(sorted(rows, key=lambda x: -len(x[0])))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    _traditional_forms()  # loaded with the tables
    cues = _cues()
    words = sorted({s.word for s in suffixes()}, key=len, reverse=True)
    strong = sorted({s.word for s in suffixes() if s.strong}, key=len, reverse=True)
    prefixes = sorted(cues["short_form_prefix"], key=len, reverse=True)
    verbs = sorted(cues["lead_verb"], key=len, reverse=True)
    drafting = sorted(cues["drafting_verb"], key=len, reverse=True)
    return {
        "suffix_end": re.compile("(?:" + "|".join(map(re.escape, words)) + r")$"),
        "strong_end": re.compile("(?:" + "|".join(map(re.escape, strong)) + r")$"),
        "strong_any": re.compile("(?:" + "|".join(map(re.escape, strong)) + r")(?:\([^()]{1,12}\))?"),
        "short_form": re.compile(
            "^(?:" + "|".join(map(re.escape, prefixes)) + ")?(?:" + "|".join(map(re.escape, words)) + ")$"
        ),
        "not_doc_suffix": re.compile("(?:" + "|".join(map(re.escape, cues["not_doc_title_suffix"])) + ")$"),
        "not_doc_after": re.compile("|".join(cues["not_doc_after"])),
        "not_doc_before": re.compile("|".join(cues["not_doc_before"])),
        "not_constitution_after": re.compile("|".join(cues["not_constitution_after"])),
        "generic_start": re.compile("^(?:" + "|".join(map(re.escape, cues["generic_start"])) + ")"),
        "lead_verb": re.compile("(?:" + "|".join(map(re.escape, verbs)) + ")"),
        "drafting_verb": re.compile("(?:" + "|".join(map(re.escape, drafting)) + ")"),
        "clause_verb": re.compile("|".join(map(re.escape, cues["clause_verb"]))),
        # Verbs, joiners and particles between a lead verb and the title: 出台并严格执行X, 制定了X
        "verb_run": re.compile(
            "(?:"
            + "|".join(map(re.escape, sorted(verbs + drafting, key=len, reverse=True)))
            + "|了|好|并|和|、|及|的|认真|严格|全面|切实|进一步|继续)+"
        ),
        "scope_cue": re.compile("(?:" + "|".join(re.escape(c) for c, _ in scope_cues()) + ")$"),
    }


@memo(1 << 14)  # a report names the same few titles many times: each read once
def document_suffix(title: str) -> Suffix | None:
    """The document-type suffix ending ``title`` (qualifiers ignored), or None.

    >>> document_suffix("清远市12345政府服务热线管理办法(试行)").word
    '办法'
    >>> document_suffix("法治政府的理想与现实") is None
    True
    """
    core = bare_title(title)
    for s in suffixes():
        if core.endswith(s.word):
            return s
    return None


@memo(1 << 14)
def is_short_form(title: str) -> bool:
    """A title made of a document-type word alone (``纲要``, ``实施方案``): a short form.

    >>> [is_short_form(t) for t in ("纲要", "指导意见", "实施纲要", "法治政府建设考评办法")]
    [True, True, True, False]
    """
    return bool(_patterns()["short_form"].match(title))


_VERBS_BEFORE_NUMBER = r"印发了?|转发了?|下发了?|出台了?|制定了?|发布了?|颁布了?|按照|根据|依据|参照"


def normalize_doc_number(number: str) -> str:
    """文号 with whitespace removed and the year in 〔〕.

    >>> normalize_doc_number("清府[2013]5号")
    '清府〔2013〕5号'
    >>> normalize_doc_number("内依法行政办发 (2017) 17 号")
    '内依法行政办发〔2017〕17号'
    >>> normalize_doc_number("印发川府发〔2019〕5号"), normalize_doc_number("市政府印发了黄政办发〔2021〕8号")
    ('川府发〔2019〕5号', '黄政办发〔2021〕8号')
    >>> normalize_doc_number("贯彻国务院令第722号")
    '国务院令第722号'
    """
    m = DOC_NUMBER.search(number)
    if not m:  # a 令 number: 贯彻国务院令第722号 → 国务院令第722号
        head = re.split(_VERBS_BEFORE_NUMBER, re.sub(r"\s+", "", number))[-1]
        verbs = _patterns()["verb_run"].match(head)
        return head[verbs.end() :] if verbs and verbs.end() < len(head) - 1 else head
    head = re.sub(r"\s+", "", number[m.start() : m.start(1)]).rstrip("〔[【(﹝")
    # A verb run into the issuer abbreviation (印发川府发〔2019〕5号) is not part of it, nor is
    # the clause before the verb (市政府印发了黄政办发〔2021〕8号).
    head = re.split(_VERBS_BEFORE_NUMBER, head)[-1] or head
    verbs = _patterns()["verb_run"].match(head)
    if verbs and verbs.end() < len(head) - 1:
        head = head[verbs.end() :]
    return f"{head}〔{m.group(1)}〕{m.group(2)}号"


def _number_in_parenthesis(content: str) -> dict[str, str]:
    """``{"doc_number": …}`` for the 文号 in the parenthesis after a title, in any form.

    >>> _number_in_parenthesis("中发〔201536号,以下简称《纲要》")
    {'doc_number': '中发〔2015〕36号'}
    >>> _number_in_parenthesis("〔2014〕保市府办172号"), _number_in_parenthesis("省政府第3号令")
    ({'doc_number': '〔2014〕保市府办172号'}, {'doc_number': '省政府第3号令'})
    >>> _number_in_parenthesis("阿法组办20172")
    {'doc_number': '阿法组办〔2017〕2号', 'garbled_number': '阿法组办20172'}
    """
    if number := YEAR_FIRST_NUMBER.search(content):
        return {"doc_number": re.sub(r"\s+", "", number.group()).replace("[", "〔").replace("]", "〕")}
    if number := DOC_NUMBER.search(content) or ORDER_NUMBER.search(content):
        return {"doc_number": normalize_doc_number(number.group())}
    if bare := BARE_NUMBER.match(content.strip()):
        return {"doc_number": f"{bare.group(1)}〔{bare.group(2)}〕{bare.group(3)}号", "garbled_number": content.strip()}
    return {}


def is_not_document(text: str, start: int, end: int, title: str) -> bool:
    """True when the 《title》 at ``[start, end)`` names a lecture, book, handbook or medium."""
    p = _patterns()
    if p["not_doc_suffix"].search(bare_title(title)):
        return True
    if lookup(title):  # a catalogued law stays cited when a lecture is about it (《宪法》知识讲座)
        return False
    if p["not_doc_after"].search(text[end : end + 16]):
        return True
    return bool(p["not_doc_before"].search(text[max(0, start - 8) : start]))


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=1)
def _traditional_forms() -> dict[str, str]:
    """The traditional form of every character of the suffix vocabulary (条 → 條), the only
    characters :func:`repair_garbled` converts: read with the tables, not on the first
    garbled title of a run (loading OpenCC's s2t costs as much as extracting a report)."""
    s2t = _s2t()
    return {ch: s2t.convert(ch) for s in suffixes() for ch in s.word}


def repair_garbled(title: str, original_tail: str | None = None) -> tuple[str, bool] | None:
    """Undo the GBK mojibake some sites print (a character lost, ``?`` plus a stray pinyin
    annotation, the next bytes read one off): ``?xiàng)l例`` is 條例 with 條's lead byte lost.

    Returns ``(title, certain)``: the repaired title when the document-type suffix vocabulary
    leaves exactly one character whose GBK trail byte fits, else the readable approximation
    (``?`` for the lost character) with ``certain=False``; None when ``title`` is not garbled.

    >>> repair_garbled("公共安全技术防范管理?xiàng)l例")
    ('公共安全技术防范管理条例', True)
    >>> repair_garbled("法律专家?guī)旃芾磙k法")
    ('法律专家?管理办法', False)
    >>> repair_garbled("行政执法责任制规定(修订草案)") is None
    True
    """
    m = GARBLE.search(title)
    if not m:
        return None
    head, tail = title[: m.start()], original_tail if original_tail is not None else title[m.end() :]
    try:
        raw = tail.encode("gbk")
        after = to_simplified(raw[1:].decode("gbk")) if len(raw) > 1 else ""
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    lost_trail = raw[0] if raw else None
    fits = set()
    for s in suffixes():
        w = s.word
        if len(w) > len(after) and w.endswith(after):
            lost = w[len(w) - len(after) - 1]
            forms = {lost, _traditional_forms()[lost]}
            if any(len(f.encode("gbk", "ignore")) == 2 and f.encode("gbk")[1] == lost_trail for f in forms):
                fits.add(lost)
    if len(fits) == 1:
        return head + fits.pop() + after, True
    return head + "?" + after, False


LOST_RANGE_DASH = re.compile(r"\(((?:19|20)\d{2})((?:19|20)\d{2})(年?)\)")
BARE_RANGE_END = re.compile(r"(?<=[\u4e00-\u9fff])((?:19|20)\d{2})\s*[—–\-~～至]\s*((?:19|20)\d{2})(年?)$")


@memo(1 << 14)
def repair_year_range(title: str) -> str:
    """A period whose dash was lost at the source, ``(20152020年)``, written again ``(2015-2020年)``
    (also inside a nested title).

    >>> repair_year_range("湖南省贯彻落实〈法治政府建设实施纲要(20152020)〉实施方案")
    '湖南省贯彻落实〈法治政府建设实施纲要(2015-2020)〉实施方案'

    The period closing a title without its parentheses is put in them:

    >>> repair_year_range("法治政府建设实施纲要2015—2020年")
    '法治政府建设实施纲要(2015-2020年)'
    """
    title = BARE_RANGE_END.sub(
        lambda m: f"({m.group(1)}-{m.group(2)}{m.group(3)})" if m.group(1) < m.group(2) else m.group(), title
    )
    return LOST_RANGE_DASH.sub(
        lambda m: f"({m.group(1)}-{m.group(2)}{m.group(3)})" if m.group(1) < m.group(2) else m.group(), title
    )


@memo(1 << 14)
def _clean(title: str) -> str:
    return re.sub(r"\s*\n\s*", "", title).strip()


def _scope_cue(text: str, start: int) -> str | None:
    m = _patterns()["scope_cue"].search(text[max(0, start - 16) : start])
    return m.group() if m else None


def _scope_of_cue(cue: str) -> str:
    return dict(scope_cues())[cue]


def _bracketed(doc: Document) -> tuple[list[CitationMention], list[tuple[int, int]]]:
    """Titles in 《…》 and their nested titles; also every bracketed span (kept or not)."""
    text = doc.text
    out: list[CitationMention] = []
    spans: list[tuple[int, int]] = []
    for m in BRACKETED_TITLE.finditer(text):
        spans.append((m.start(), m.end()))
        title = _clean(m.group(1))
        attrs: dict[str, Any] = {"source": "bracketed"}  # CitationMention's fields, as found
        if (joined := repair_year_range(title)) != title:
            attrs["garbled"], title = title, joined
        readable = title
        garbled = GARBLE.search(title)
        if garbled:
            tail_start = doc.to_original(m.start(1) + garbled.end())
            repaired = repair_garbled(title, doc.original[tail_start : doc.to_original(m.end(1))])
            if repaired:
                readable = repaired[0]
                if repaired[1]:
                    attrs["garbled"], title = title, repaired[0]
        if len(title) < 2 or is_not_document(text, m.start(), m.end(), readable):
            continue
        early = _closed_early(text, m.end(), title)
        if early:
            out.extend(early)
            continue
        after = AFTER_PAREN.match(text[m.end() : m.end() + 90])
        if after:
            attrs.update(_number_in_parenthesis(after.group(1)))
            short = SHORT_DEFINITION.search(after.group(1))
            if short:
                attrs["defines"] = short.group(1)
        # a 文号 right before the title: it ends the window, and every match of both patterns
        # ends in 号 or 令, so a window ending otherwise is not searched (two searches of it
        # were a quarter of this loop's time, and the window almost never qualifies)
        if "doc_number" not in attrs and text.endswith(NUMBER_ENDS, 0, m.start()):
            window = text[max(0, m.start() - 30) : m.start()]
            before = DOC_NUMBER.search(window) or ORDER_NUMBER.search(window)
            if before and before.end() == min(m.start(), 30) and text[m.start() - 1] != "》":
                attrs["doc_number"] = normalize_doc_number(before.group())
        if is_short_form(title):
            cue = _scope_cue(text, m.start())
            attrs.update(
                short_form=True,
                cue=cue,
                scope=_scope_of_cue(cue) if cue else None,
                surface=cue + "《" + title + "》" if cue else title,
            )
            out.append(CitationMention(title, m.start(), m.end(), **attrs))
            continue
        if document_suffix(readable) is None and "doc_number" not in attrs and not INNER_TITLE.search(title):
            # No document-type word and no 文号: a speech, slogan or book title, not a document.
            continue
        issuer = _issuer_cue(text, m.start())
        if issuer:
            attrs["issuer_cue"] = issuer
        out.append(CitationMention(title, m.start(), m.end(), **attrs))
        wrapper = _wrapping_title(text, m.start(), m.end())
        if wrapper:
            out.append(wrapper)
        inner_found = False
        for inner in INNER_TITLE.finditer(title):
            inner_found = True
            out.append(
                CitationMention(
                    inner.group(1),
                    m.start(1) + inner.start(),
                    m.start(1) + inner.end(),
                    source="nested",
                    nested_in=title,
                )
            )
        embedded = None if inner_found else EMBEDDED_TITLE.search(bare_title(title))
        if embedded and document_suffix(embedded.group(1)):
            s = m.start(1) + embedded.start(1)
            out.append(
                CitationMention(embedded.group(1), s, s + len(embedded.group(1)), source="embedded", nested_in=title)
            )
    # A 简称 given in the report (以下简称《三统一办法》) is a short form wherever it recurs.
    defined = {m.defines for m in out if m.defines}
    out = [_as_short_form(m, text) if m.text in defined and not m.short_form and not m.defines else m for m in out]
    return out, spans


def _as_short_form(m: CitationMention, text: str) -> CitationMention:
    """``m`` read as a short form, with the scope word written before it (中央《纲要》)."""
    cue = _scope_cue(text, m.start)
    return replace(
        m,
        short_form=True,
        cue=cue,
        scope=_scope_of_cue(cue) if cue else None,
        surface=cue + "《" + m.text + "》" if cue else m.text,
    )


# 贯彻落实《A》实施办法, 贯彻《A》重要举措任务清单: a document written around a bracketed title.
WRAP_VERB = re.compile(r"(?:贯彻落实|贯彻执行|贯彻|落实)$")
WRAP_TAIL = re.compile(rf"^[{CJK}]{{1,14}}?(?=[,。;、:()《》\s]|等|和|及|$)")


def _wrapping_title(text: str, start: int, end: int) -> CitationMention | None:
    """``贯彻落实《A》实施办法``: the outer document (A is found as a bracketed title already);
    ``制定《A》(及)重要举措分工方案``: the plan A's tasks are divided by, named after A."""
    verb = WRAP_VERB.search(text[max(0, start - 4) : start])
    if not verb and DRAFTED_AFTER.search(text[max(0, start - 4) : start]) and (
            plan := DIVIDED_PLAN.match(text, end)):
        title = text[start + 1 : end - 1] + plan.group(1)
        return CitationMention(title, start, plan.end(), source="bracketed", wraps=text[start + 1 : end - 1])
    tail = WRAP_TAIL.match(text[end : end + 16])
    if not verb or not tail:
        return None
    tail_text = tail.group()
    if "的" in tail_text or tail_text.startswith(("关于", "第")):
        return None  # 落实《A》关于…的规定: a provision of A, no document written around it
    suffix = document_suffix(tail_text)
    if suffix is None or not suffix.strong or tail_text in ("规定", "要求") or len(tail_text) < 3:
        return None
    s = start - len(verb.group())
    title = text[s:end] + tail_text
    return CitationMention(title, s, end + len(tail_text), source="bracketed", wraps=text[start + 1 : end - 1])


# 制定《A》重要举措分工方案 / 《A》及重要举措分工方案 / 《A》实施方案: a plan for carrying out A
DRAFTED_AFTER = re.compile(r"(?:制定|印发|出台|编制|研究制定|制定了|印发了)$")
DIVIDED_PLAN = re.compile(
    rf"(?:及|和)?([{CJK}]{{0,8}}?(?:分工方案|任务分工|实施方案|任务清单|工作方案))(?=[,。;、:()《\s]|等|$)"
)
CLOSED_EARLY = re.compile(r"^的(?:通知|决定|批复)(?=\s*\()")


def _close_parenthesis(title: str) -> str:
    return title + ")" if title.count("(") > title.count(")") else title


def _closed_early(text: str, end: int, title: str) -> list[CitationMention]:
    """``《X》的通知(明卫函〔2022〕91号)``: the 》 closed too early — the notice ``X的通知`` carries
    the 文号 and X is the document it issues (a parenthesis the 》 cut is closed again)."""
    tail = CLOSED_EARLY.match(text[end : end + 4])
    if not tail:
        return []
    after = AFTER_PAREN.match(text[end + tail.end() : end + tail.end() + 90])
    number = _number_in_parenthesis(after.group(1)) if after else {}
    if "doc_number" not in number or document_suffix(_close_parenthesis(title)) is None:
        return []
    inner = _close_parenthesis(title)
    outer = inner + tail.group()
    start = end - len(title) - 2
    return [
        CitationMention(outer, start, end + tail.end(), source="bracketed", doc_number=number.get("doc_number"),
                        garbled_number=number.get("garbled_number")),
        CitationMention(inner, start + 1, end - 1, source="nested", nested_in=outer),
    ]


ISSUER_CUE = re.compile(
    rf"([{CJK}、]{{2,30}}?(?:中共中央|国务院|党委|政府|办公厅|办公室|委员会|人大常委会|[厅局委办部院署]))(?:印发|发布|出台|制定|颁布|下发)?(?:的)?$"
)


# where the clause holding an issuer cue starts
ISSUER_CLAUSE_BREAK = re.compile(r"[,。;:!?()《》\n]|按照|根据|依据|落实|贯彻|执行|对照|和|及")


def _issuer_cue(text: str, start: int) -> str | None:
    """The issuer printed right before 《 (``中共中央、国务院《…》``, ``自治区依法治区办印发《…》``)."""
    window = text[max(0, start - 30) : start]
    window = ISSUER_CLAUSE_BREAK.split(window)[-1]
    m = ISSUER_CUE.search(window)
    return m.group(1) if m else None


QUOTE_LEAD = re.compile(r"(?:制定|出台|印发|修订|起草|颁布|出台了|制定了|印发了|关于)$")


def _quoted(doc: Document, taken: Spans) -> list[CitationMention]:
    """“X制度” titles written in quotes after a drafting verb (制定“重大新闻宣传通报制度”、“…”)."""
    text = doc.text
    p = _patterns()
    out: list[CitationMention] = []
    enumeration_open = False
    last_end = -1
    for m in QUOTED_TITLE.finditer(text):
        title = m.group(1)
        lead = text[max(0, m.start() - 8) : m.start()]
        continues = enumeration_open and text[last_end : m.start()] in ("、", "和", "及", ",")
        led = bool(QUOTE_LEAD.search(lead))
        enumeration_open = False
        if not (led or continues) or taken.holds(m.start()):
            continue
        if (
            document_suffix(title) is None
            or len(bare_title(title)) < 6
            or re.match(r"^(?!(?:19|20)\d{2}年)[一二三四五六七八九十两\d]", title)
        ):
            continue
        if p["generic_start"].match(title) or title.endswith("法") and not title.endswith("办法"):
            continue
        out.append(CitationMention(title, m.start() + 1, m.end() - 1, source="quoted"))
        enumeration_open = True
        last_end = m.end()
    return out


# qualifiers a title ends with: a draft's, or the period of a plan (2021—2025年)
_QUALIFIER = r"\((?:草案|试行|暂行|修订|修订草案|征求意见稿|送审稿|(?:19|20)\d{2}\s*[-—–~]\s*(?:19|20)\d{2}年?)\)"
DRAFT_QUALIFIER = re.compile(_QUALIFIER + r"(?=、|和|及)")
DRAFT_QUALIFIER_END = re.compile(_QUALIFIER)


def _unbracketed_candidate(text: str, start: int) -> tuple[str, int] | None:
    """The unbracketed title starting at ``start`` and ending at the first strong suffix of its clause."""
    p = _patterns()
    limit = min(len(text), start + 90)
    clause_end = CLAUSE_END.search(text, start, limit)
    while clause_end and (q := DRAFT_QUALIFIER.match(text, clause_end.start())):
        clause_end = CLAUSE_END.search(text, q.end(), limit)  # …办法(草案)和…: the list goes on
    if clause_end and (q := DRAFT_QUALIFIER_END.match(text, clause_end.start())):
        clause_end = CLAUSE_END.search(text, q.end(), limit)  # the last title's own (草案)
    stop = clause_end.start() if clause_end else min(len(text), start + 90)
    m = p["strong_any"].search(text, start, stop)
    if not m:
        return None
    # A list of titles (A办法、B办法) runs on to the last suffix followed by 、/和/及.
    while m.end() < stop and text[m.end()] in "、和及":
        nxt = p["strong_any"].search(text, m.end() + 1, stop)
        if not nxt:
            break
        m = nxt
    # A qualifier belongs to the title only when it closes it: ...办法(试行)
    end = m.end()
    if clause_end and end < stop and text[end] == "(":
        end = m.start() + len(m.group().split("(")[0])
    title = text[start:end]
    if "(" in title and not title.endswith(")"):
        title = title.split("(")[0]
        end = start + len(title)
    return title, end


@memo(1 << 14)  # a function of the title and the fixed tables alone
def _acceptable_unbracketed(title: str) -> bool:
    p = _patterns()
    core = bare_title(title)
    if (
        len(core) < 6
        or len(core) > 70
        or not re.fullmatch(rf"[{CJK}\d“”、\-—–()]+", re.sub(r"“[^“”]{1,12}”", "“”", title))
    ):
        return False
    if "、" in core and "关于" not in core and not p["suffix_end"].search(bare_title(core.split("、")[0])):
        return False  # 平安建设、反诈骗、禁毒、宪法及民法典: a list of topics, the last a law
    if IDEAS_JOINED.search(core):
        return False  # 习近平法治思想和宪法、民法典: a thought studied beside the laws, no title
    if title.count("“") != title.count("”") or title.count('"') % 2:
        return False  # a quote opened and not closed: 法治建设“一规划两纲要” cut inside its quotation marks
    # 中央和省、市委关于…的制度规定: the rules of several bodies, no one document.
    if core.endswith("制度规定") or re.match(r"^[^关]{1,12}(?:和|、)[^关]{1,8}关于", core):
        return False
    if p["generic_start"].match(core) or is_short_form(core):
        return False
    # 按照省政府办公厅通知要求: a body's notice named by its issuer alone, no title
    if core.endswith("通知") and "关于" not in core:
        return False
    # A verb inside (结合实际制定实施方案) means a clause, not a title — except 关于印发X的通知.
    suffix = document_suffix(core)
    inner = core[: len(core) - len(suffix.word)] if suffix and "关于" not in core else ""
    inner = re.sub(r"实施$", "", inner)  # …实施纲要, …实施方案: part of the document type
    inner = re.sub(rf"(?:不予|予以)[{CJK}]{{2}}", "", inner)  # 不予实施…清单: a negated verb names the list
    if p["lead_verb"].search(inner) or p["drafting_verb"].search(inner) or p["clause_verb"].search(inner):
        return False
    # A candidate that runs on into a sentence (两个以上动词短语) is not a title; nor is a law
    # with its article (行政处罚法第三十二条规定) or with its implementing rules (…法及其实施条例):
    # the catalogue reads those.
    return not re.search(r"[,。;]|的要求|的规定|等|工作中|第[一二三四五六七八九十百零\d]+条|法及其", title)


IDEAS_JOINED = re.compile(r"(?:思想|精神|理念|论述|讲话|指示)(?:和|及|与|以及)")
SHARED_PREFIX = re.compile(rf"^[{CJK}]{{2,24}}?(?:领域|系统|行业)")


def _split_enumeration(title: str, start: int) -> list[tuple[str, int, int]]:
    """``A办法、B办法`` → both, when every part ends with a strong suffix; else the whole.

    A later part without the first one's field prefix shares it (``天津市市场监管领域免罚清单、
    不予实施行政强制措施清单``: the second is 天津市市场监管领域不予实施行政强制措施清单).

    >>> [t for t, _, _ in _split_enumeration("天津市市场监管领域免罚清单、不予实施行政强制措施清单", 0)]
    ['天津市市场监管领域免罚清单', '天津市市场监管领域不予实施行政强制措施清单']
    """
    p = _patterns()
    parts = re.split("、", title)
    if len(parts) == 1:  # A办法(草案)和B办法(草案): 和/及 join two titles when both end so
        parts = re.split(r"(?<=[)法例定则划案单要])(?:和|及)", title)
    if len(parts) > 1 and all(p["strong_end"].search(bare_title(x)) for x in parts):
        out, pos = [], start
        prefix = SHARED_PREFIX.match(parts[0])
        for k, x in enumerate(parts):
            full = x
            if k and prefix and not PLACE_START.match(x) and not x.startswith(prefix.group()):
                full = prefix.group() + x
            elif k and (head := _elided_head(parts[0], x)):
                full = head + x
            out.append((full, pos, pos + len(x)))
            pos += len(x) + 1
        return out
    return [(title, start, start + len(title))]


def _elided_head(first: str, later: str) -> str | None:
    """The words a later title of a list leaves to the first one: in ``…会议选举办法(草案)和票决办法
    (草案)`` the second is ``…会议票决办法`` (its own stem is two characters, the same suffix).

    >>> _elided_head("旗第十七届人大一次会议选举办法(草案)", "票决办法(草案)")
    '旗第十七届人大一次会议'
    """
    a, b = document_suffix(first), document_suffix(later)
    if not a or not b or a.word != b.word:
        return None
    stem_a = bare_title(first)[: -len(a.word)]
    stem_b = bare_title(later)[: -len(b.word)]
    if 1 <= len(stem_b) <= 2 and len(stem_a) > len(stem_b) + 3:
        return stem_a[: len(stem_a) - len(stem_b)]
    return None


PLACE_START = re.compile(rf"^[{CJK}]{{1,8}}?(?:省|自治区|市|自治州|县|区|旗)")


@lru_cache(maxsize=1)
def _verb_scanners() -> tuple[WordScanner, WordScanner]:
    """The drafting verbs and the lead verbs, each scanned for by an automaton: the matches of
    ``drafting_verb`` and ``lead_verb`` (longest first, not overlapping), where the regex
    alternation was tried at every character the verbs' first characters stand."""
    cues = _cues()
    return WordScanner(cues["drafting_verb"]), WordScanner(cues["lead_verb"])


# what makes an unbracketed list or plan the name of a system (落实行政许可清单管理制度, probe ZJ)
SYSTEM_AFTER = re.compile(r"(?:动态)?(?:管理)?(?:制度|机制|模式|体系)")


def _unbracketed(doc: Document, taken: Spans) -> list[CitationMention]:
    """Titles written without brackets after a lead verb, or listed after a bracketed title."""
    text = doc.text
    p = _patterns()
    out: list[CitationMention] = []
    starts: dict[int, bool] = {}  # start -> drafted (after a drafting verb only)
    # spans taken here, kept apart while the loop asks: added in text order they keep their
    # index, whereas adding them to ``taken`` (which holds later spans) would sort it again
    # for every question — quadratic on a long text
    mine = Spans()
    drafting, lead = _verb_scanners()
    for start, _, _ in drafting.spans(text):
        starts[start] = True
    for start, _, _ in lead.spans(text):
        starts[start] = False
    # 《A》、《B》、C等: C continues a list of bracketed titles.
    for m in re.finditer(r"》、(?=[^《])", text):
        starts[m.end()] = False
    for start in sorted(starts):
        drafted = starts[start]
        run = p["verb_run"].match(text, start)
        if run:
            drafted = drafted and not p["lead_verb"].search(run.group())
            start = run.end()
        if start >= len(text) or taken.holds(start) or mine.holds(start) or text[start] in '《“"':
            continue
        found = _unbracketed_candidate(text, start)
        if not found:
            continue
        title, end = found
        if not _acceptable_unbracketed(title) or SYSTEM_AFTER.match(text, end):
            continue  # (…清单管理制度, …清单制度: the system of keeping a list, no document)
        for part, s, e in _split_enumeration(title, start):
            if _acceptable_unbracketed(part):
                attrs: dict[str, Any] = {"source": "drafted" if drafted else "unbracketed"}
                if part != text[s:e]:
                    attrs["written"] = text[s:e]  # as printed, before its shared prefix was restored
                out.append(CitationMention(part, s, e, **attrs))
        mine.add(start, end)
    for start, end in mine:
        taken.add(start, end)
    return out


CATALOGUE_ENDINGS = r"法典|法|条例|规定|办法|细则"


@lru_cache(maxsize=1)
def _catalogue_trie() -> EndingTrie:
    return EndingTrie(catalogue_names())


@lru_cache(maxsize=1)
def _ending_scanner() -> WordScanner:
    """CATALOGUE_ENDINGS' words scanned for by an automaton (longest first: 法典 before 法)."""
    return WordScanner(CATALOGUE_ENDINGS.split("|"))


CONSTITUTION = "中华人民共和国宪法"
# 法 followed by one of these is the word 法律/法规/法治…, not the end of a law's name
WORD_AFTER_LAW = frozenset("律规治人制院官学庭理定典宝司务援")


def _catalogue(doc: Document, taken: Spans) -> list[CitationMention]:
    """Unbracketed names of catalogued laws and regulations (宪法, 行政复议法)."""
    text = doc.text
    names = catalogue_names()
    out: list[CitationMention] = []
    trie = _catalogue_trie()
    not_constitution_after = _patterns()["not_constitution_after"]
    for _, end, ending in _ending_scanner().spans(text):  # the matches of CATALOGUE_ENDINGS
        # 行政许可法规定的…, 宪法规定: the law, then 规定 (not 法规 then 定期: 地方性法规定期清理)
        law_says = ending == "法" and text.startswith("规定", end) and not text.startswith("规定期", end)
        if ending == "法" and text[end : end + 1] in WORD_AFTER_LAW and not law_says:
            continue  # 法律, 法规, 法治 …: the word, whatever name it ends (the commonest 法 by far)
        if taken.holds(end - 1):
            continue
        # the longest catalogued name ending here, read backwards from the ending (an automaton's
        # pass over the whole text cost more, its tables out of the CPU's caches by the time
        # this stage runs)
        best = trie.longest_at(text, end)
        if not best:
            continue
        start = end - len(best)
        # 法 followed by 律/规/治… is the word 法律/法规/法治, not a law's name
        if best.endswith("法") and end < len(text) and text[end] in WORD_AFTER_LAW and not law_says:
            continue
        if out and out[-1].end > start:  # overlapping a longer match found before
            continue
        if names[best] == CONSTITUTION and not_constitution_after.match(text, end):
            continue  # 履行宪法法律赋予的职责, 宪法宣誓: a phrase, no document cited
        out.append(CitationMention(best, start, end, source="catalogue", catalog_title=names[best]))
        derived = DERIVED.match(text[end : end + 8])
        if derived and best.endswith("法"):
            title = best + derived.group(1)
            out.append(CitationMention(title, start, end + derived.end(), source="derived"))
    return out


def find_citations(doc: Document) -> list[CitationMention]:
    """Regulation mentions in ``doc``, in text order.

    >>> from kg.normalize import normalize_text
    >>> d = normalize_text("按照中共中央、国务院《法治政府建设实施纲要(2015-2020年)》和自治区党委、政府"
    ...                    "《贯彻落实〈法治政府建设实施纲要(2015-2020年)〉实施方案》的要求", name="x.txt")
    >>> [m.text for m in find_citations(d)]  # doctest: +NORMALIZE_WHITESPACE
    ['法治政府建设实施纲要(2015-2020年)', '贯彻落实〈法治政府建设实施纲要(2015-2020年)〉实施方案',
     '法治政府建设实施纲要(2015-2020年)']
    """
    mentions, spans = _bracketed(doc)
    taken = Spans(spans)
    quoted = _quoted(doc, taken)
    for m in quoted:
        taken.add(m.start, m.end)
    unbracketed = _unbracketed(doc, taken)
    for m in unbracketed:
        taken.add(m.start, m.end)
    catalogue = _catalogue(doc, taken)
    out = mentions + quoted + unbracketed + catalogue
    out.sort(key=lambda m: (m.start, -m.end))
    return out
