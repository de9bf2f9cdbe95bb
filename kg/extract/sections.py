"""Report structure: headings (一、 (一) 1. …) into nested sections with a role.

Roles: ``achievements`` (工作情况, 主要做法 …), ``problems`` (存在问题, 不足, 差距 …),
``plans`` (下一步, 工作计划, 思路, 建议 …), ``basis`` (政策依据, 法律依据: the documents a
text rests on, quoted, not work reported), ``other``. Role cues are data
(``data/patterns/section_roles.tsv``).

Besides numbered headings, two unnumbered signals open a section, because many reports
mark their problem and plan parts only so:

* a short line without a full stop that reads like a role heading (``存在的问题和不足``,
  ``下一步工作打算``, ``几点建议``);
* a body paragraph that *starts* with a plan or problem lead (``下一步,我市将…``,
  ``2018年工作总体思路是:…``, ``存在的主要问题:…``).

Such a section nests just below the innermost numbered heading around it and runs to the
end of that heading's section (or to the next unnumbered role section). Inline enumerations
(一是… 二是…) are not headings; :mod:`kg.extract.duties` reads them clause by clause.

>>> from kg.normalize import normalize_text
>>> doc = annotate_sections(normalize_text(
...     "一、工作情况\\n推行权责清单。\\n二、存在问题和下一步打算\\n执法力量薄弱。\\n"
...     "下一步,我市将加强执法。", name="x.txt"))
>>> [(s.heading, s.role) for s in doc.sections]
[('一、工作情况', 'achievements'), ('二、存在问题和下一步打算', 'problems'), ('下一步', 'plans')]
>>> section_role_at(doc, doc.text.index("执法力量")), section_role_at(doc, doc.text.index("加强执法"))
('problems', 'plans')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.core.doc import Document, Section, with_section_paths
from kg.core.memos import memo
from kg.core.resources import data_path

# Heading markers by level; a heading is a line that starts with one of them.
HEADING_LEVELS: tuple[tuple[int, re.Pattern], ...] = (
    (1, re.compile(r"^[一二三四五六七八九十]+[、.]")),
    (2, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    (3, re.compile(r"^\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"^[(（]\d{1,2}[)）]")),
)
# The levels as one alternation, group k the pattern of level k (none has groups of its own):
# its first alternative to match is the first level to, in one call instead of one per level
# (asked of every line by sections, duties and ratings).
_ANY_HEADING = re.compile("|".join(f"({rx.pattern})" for _, rx in HEADING_LEVELS))
MAX_HEADING_CHARS = 60
# An unnumbered line may be a role heading only when it is short and has no sentence end.
MAX_UNNUMBERED_HEADING_CHARS = 24
UNNUMBERED_HEADING_BODY = re.compile(r"^[^。;!?]+$")
# Title lines of the report itself are not section headings (…情况的报告, …的通报).
NOT_A_HEADING = re.compile(r"关于|报告$|通报$|通知$|决定$")
LEAD_CHARS = 30
# where a heading's lead and a paragraph's opening words end (compiled once: asked of every line)
_HEADING_LEAD_END = re.compile(r"[。;]")
_OPENING_END = re.compile(r"[,:;。]")
ROLES = ("achievements", "problems", "plans", "basis", "other")


@dataclass(frozen=True, slots=True)
class RoleCue:
    role: str
    where: str  # heading | lead | tail (the end of a paragraph)
    pattern: re.Pattern


@lru_cache(maxsize=1)
def role_cues() -> tuple[RoleCue, ...]:
    """Rows of ``data/patterns/section_roles.tsv`` (comment lines start with #)."""
    cues = []
    for line in data_path("patterns", "section_roles.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        role, where, regex = line.split("\t", 2)
        if role not in ROLES or where not in ("heading", "lead", "tail"):
            raise ValueError(f"section_roles.tsv: bad row {line!r}")
        cues.append(RoleCue(role, where, re.compile(regex.strip())))
    return tuple(cues)


def heading_level(line: str) -> int | None:
    """The heading level of a line, or None for body text.

    >>> heading_level("(一)全面履行政府职能"), heading_level("二、存在问题"), heading_level("我市")
    (2, 1, None)
    """
    m = _ANY_HEADING.match(line)
    return m.lastindex if m else None


# headings recur across reports (一、工作情况): their cues read once each (the plans cue,
# opening with \d, has no first character to skip to and is tried at every one)
@memo(1 << 14)
def section_role(heading: str) -> str:
    """The role a heading announces, or ``other``.

    >>> section_role("四、存在的问题和不足"), section_role("五、改进的意见和建议"), section_role("一、工作情况")
    ('problems', 'plans', 'achievements')
    >>> section_role("(二)依法全面履行政府职能")
    'other'
    """
    for cue in role_cues():
        if cue.where == "heading" and cue.pattern.search(heading):
            return cue.role
    return "other"


def lead_role(paragraph: str) -> str | None:
    """The role a body paragraph opens by its first words (``下一步,…``), or None.

    >>> lead_role("下一步,我市将主要抓好以下方面工作:"), lead_role("2018年工作总体思路是:深入学习")
    ('plans', 'plans')
    >>> lead_role("我市下一步将") is None
    True
    """
    for cue in role_cues():
        if cue.where == "lead" and cue.pattern.match(paragraph):
            return cue.role
    return None


def tail_role(paragraph: str) -> tuple[int, str] | None:
    """Where the closing words of a body paragraph open a section, and its role, or None.

    >>> tail_role("会议认为,工作取得成效。为此,会议提出以下审议意见:")
    (17, 'plans')
    """
    for cue in role_cues():
        if cue.where == "tail" and (m := cue.pattern.search(paragraph)):
            return m.start(), cue.role
    return None


def unnumbered_heading_role(line: str) -> str | None:
    """The role of a short unnumbered heading line (``存在的问题和不足``), or None.

    >>> unnumbered_heading_role("存在的问题和不足"), unnumbered_heading_role("下一步工作打算:")
    ('problems', 'plans')
    >>> unnumbered_heading_role("清远市人民政府关于2017年度存在问题的报告") is None
    True
    """
    if (
        len(line) > MAX_UNNUMBERED_HEADING_CHARS
        or not UNNUMBERED_HEADING_BODY.match(line)
        or NOT_A_HEADING.search(line)
    ):
        return None
    role = section_role(line.rstrip(":"))
    return role if role in ("problems", "plans") else None


@dataclass(frozen=True, slots=True)
class _Head:
    start: int
    rank: float  # numbered: marker level; unnumbered: enclosing numbered level + 0.5
    heading: str
    own_role: str | None
    numbered: bool


FIRST_ORDINAL = re.compile(r"^[(（]?(一|1)[)）、.．]")


def _heads(text: str) -> list[_Head]:
    """Numbered headings and unnumbered role sections, with nesting ranks.

    An unnumbered role section ranks just below the innermost numbered heading around it,
    except when the next numbered heading restarts a list (``(一)`` after ``(二)``): then
    it opens that new list and ranks just above it ("下一步,我县将抓好以下工作:" + (一)(二)…).
    """
    raw: list[tuple[int, int | None, str, str | None]] = []  # (start, level or None, heading, own role)
    pos = 0
    for line_raw in text.split("\n"):
        line = line_raw.strip()
        start = pos + (len(line_raw) - len(line_raw.lstrip()))
        pos += len(line_raw) + 1
        if not line:
            continue
        level = heading_level(line)
        if level is not None:
            lead = _HEADING_LEAD_END.split(line, maxsplit=1)[0][:MAX_HEADING_CHARS].strip()
            raw.append((start, level, lead, section_role(lead)))
            continue
        role = unnumbered_heading_role(line)
        heading = line.rstrip(":")
        if role is None:
            role = lead_role(line)
            heading = _OPENING_END.split(line, maxsplit=1)[0][:LEAD_CHARS]
        if role is not None:
            raw.append((start, None, heading, role))
        elif "意见" in line or "建议" in line:  # (every tail cue ends on one: most lines skip the search)
            if (tail := tail_role(line)) is not None:
                raw.append((start + tail[0], None, line[tail[0]:].rstrip(":"), tail[1]))
    heads: list[_Head] = []
    open_levels: list[int] = []  # levels of the numbered headings enclosing the current position
    for k, (start, level, heading, role) in enumerate(raw):
        if level is not None:
            while open_levels and open_levels[-1] >= level:
                open_levels.pop()
            open_levels.append(level)
            heads.append(_Head(start, float(level), heading, role, True))
            continue
        base = open_levels[-1] if open_levels else 0
        nxt = next(((lv, h) for _, lv, h, _ in raw[k + 1 :] if lv is not None), None)
        if nxt and nxt[0] <= base and FIRST_ORDINAL.match(nxt[1]):
            rank = nxt[0] - 0.5
            while open_levels and open_levels[-1] >= nxt[0]:
                open_levels.pop()
        else:
            rank = base + 0.5
        heads.append(_Head(start, rank, heading, role, False))
    return heads


def find_sections(doc: Document) -> list[Section]:
    """Sections of ``doc`` in normalized offsets, nested by heading level.

    A numbered sub-heading keeps the role of its parent when the parent is a problems or
    plans section (a recommendation titled "补齐工作短板" is still a plan); under an
    achievements or unmarked parent its own cue, if any, decides. Unnumbered role
    sections always take their own role.
    """
    heads = _heads(doc.text)
    sections: list[Section] = []
    stack: list[tuple[float, str, str]] = []  # (rank, heading, role)
    for k, head in enumerate(heads):
        end = next((h.start for h in heads[k + 1 :] if h.rank <= head.rank), len(doc.text))
        while stack and stack[-1][0] >= head.rank:
            stack.pop()
        parent_role = stack[-1][2] if stack else "other"
        if not head.numbered or parent_role in ("other", "achievements"):
            role = head.own_role if head.own_role and head.own_role != "other" else parent_role
        else:
            role = parent_role
        stack.append((head.rank, head.heading, role))
        level = int(head.rank) if head.numbered else int(head.rank) + 1  # unnumbered: one below its parent
        sections.append(Section(head.heading, level, head.start, end, tuple(h for _, h, _ in stack), role))
    return sections


def annotate_sections(doc: Document) -> Document:
    """``doc`` with sections found and every sentence carrying its section path."""
    sections = find_sections(doc)
    # the sentences split when the document was built, not split again
    plain = doc.plain_sentences()
    return replace(doc, sections=sections, sentences=with_section_paths(plain, sections) if sections else plain)


def section_role_at(doc: Document, i: int) -> str:
    """The role of the innermost section containing normalized offset ``i`` (``other`` outside all).

    Sections are nested, so the last one containing ``i`` in document order is the innermost.
    """
    role = "other"
    for sec in doc.sections:
        if sec.start > i:
            break
        if i < sec.end:
            role = sec.role
    return role
