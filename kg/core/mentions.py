"""What the finders return: one frozen record per kind of mention, with named fields.

A mention is a stretch of the normalized text (``start``/``end`` are offsets into
``Document.text``) and what the finder could read off it — never a canonical name: turning
mentions into entities is the resolver's job (:mod:`kg.resolve`). Finders and the resolver
both import this module and never each other (as eyecite's ``models.py``).

>>> m = AgencyMention("市法制局", 3, 7, prefix="市", body="法制局", shape="anchored")
>>> m.prefix, m.body, m.party
('市', '法制局', False)
>>> CitationMention("行政复议法", 0, 5, source="catalogue").short_form
False
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AgencyShape = Literal[
    "anchored",     # a jurisdiction then a body: 清远市法制局, 市委组织部, 自治区政府法制办
    "national",     # a central body named without a place: 国务院, 司法部
    "bare",         # a standard department name alone: 公安局 (the report's own jurisdiction)
    "list",         # a bare department continuing a list after an anchored name (inherits its place)
    "distributed",  # one of several places before one suffix: 呼和浩特、包头等四个仲裁委
    "place",        # a place standing for its government (rating lists, X市等4个盟市)
    "deictic",      # 本级人大, 同级党委, 上一级政府: resolved, but never a name of the body
    "official",     # 雨城区代理区长: the place's government its head speaks for; never a name of it
    "own",          # 厅党组, 局党委 in a department's report: the issuer's Party group
    "organ",        # 全面依法治市委员会 named without 市委: the Party committee's organ at that level
    "zone",         # 绵竹高新区管委会: the committee running a development zone
    "township",     # 永嘉镇人民政府, 宜阳街道办, a bare township that acts or is listed
    "vertical",     # 国家税务总局郑州市税务局: a central body's local branch, one body
    "joint",        # 常委会 of 市人大及其常委会: the standing committee of the congress just named
    "own_place",    # 我市, 我县 opening a report: the place of the report's own government (issuer cues)
    "doc_number",   # the place a 文号's prefix names (川府发 → 四川省; issuer cues)
    "written",      # a name holding its place inside (法治石家庄建设领导小组办公室): named as written
    "counterpart",  # 省局, 市局 in a bureau's report: the issuer's bureau at that level (or the issuer)
]

CitationSource = Literal[
    "bracketed",    # 《…》
    "nested",       # 〈…〉 inside a bracketed title
    "embedded",     # X in 《关于印发X的通知》
    "quoted",       # “…” naming a document
    "unbracketed",  # after a lead verb (贯彻落实…条例), or continuing a list of bracketed titles
    "drafted",      # after a drafting verb only (起草…办法): cited only when named again
    "catalogue",    # an unbracketed name of a catalogued national law (行政复议法)
    "derived",      # 及其实施条例 after a catalogued law
    "known",        # a well-known short form in its context: 十八届四中全会《决定》
]


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """A name of a public body as written: its jurisdiction part and body part."""

    text: str
    start: int
    end: int
    prefix: str | None = None  # place form (清远市, 呼和浩特), level word (市, 自治区) or deictic word (本级)
    body: str | None = None    # the body as written (法制局, 政府, 委组织部); None: the place's government
    party: bool = False        # opened by 中共 / 中国共产党
    shape: AgencyShape = "anchored"
    parent_prefix: str | None = None  # the place written before ``prefix`` (嘉兴市 of 嘉兴市秀洲区)
    own: str | None = None     # for shape "own": the issuer's last character the organ belongs to (厅)
    zone: str | None = None    # for shape "zone": the zone's name (绵竹高新区)
    township: str | None = None  # for shape "township": the township's name (永嘉镇)
    central: str | None = None   # for shape "vertical": the central body (国家税务总局)


@dataclass(frozen=True, slots=True)
class CitationMention:
    """A name of a cited document (or its 文号) as written."""

    text: str
    start: int
    end: int
    source: CitationSource = "bracketed"
    doc_number: str | None = None    # 文号 printed with it, normalized (国发〔2015〕10号)
    garbled: str | None = None       # the title as written when the text was repaired
    defines: str | None = None       # the short form it defines (以下简称《三统一办法》)
    short_form: bool = False         # a short form (纲要, 条例) to resolve against full titles
    cue: str | None = None           # the scope word before a short form (中央《纲要》, 省《规定》)
    scope: str | None = None         # national | province | local: what the cue says
    surface: str | None = None       # a short form as written with its cue (自治区《实施方案》)
    issuer_cue: str | None = None    # the issuer printed right before it (国务院《…》)
    catalog_title: str | None = None  # the catalogue title of a catalogue match
    nested_in: str | None = None     # the title a nested or embedded title was read in
    garbled_number: str | None = None  # a 文号 as printed when its brackets and 号 were lost (阿法组办20172)
    wraps: str | None = None         # the bracketed title an outer one is written around (贯彻落实《A》实施办法)
    written: str | None = None       # a listed title as printed, before the head it shares was restored


@dataclass(frozen=True, slots=True)
class IssuerCue:
    """Where a report's issuer was read, and the agency mention found there (offsets in the
    text of that cue: a line, a title, a web-page field)."""

    mention: AgencyMention
    source: Literal["signature", "title", "web_source", "first_sentence", "doc_number", "own_field"]
