"""Regulation mentions → one :class:`~kg.core.model.Regulation` per distinct document in a report.

Variants of one title (``(2015-2020年)``/``(2015-2020)``, with or without ``中华人民共和国``,
with or without the issuing region's name, a slip of two characters) merge into one
document whose ``title`` is the fullest variant; short forms (``《纲要》``, ``省《纲要》``,
``以下简称《意见》``) become aliases of the document they stand for, or are dropped when
the report does not say which one. Each document gets a kind, an issuer when the report
prints one, and its national catalogue row (:mod:`kg.core.catalog`) when it has one.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from kg.core.catalog import catalog_record, contract_kind
from kg.core.doc import Document
from kg.core.memos import memo
from kg.core.mentions import CitationMention
from kg.core.model import Evidence, Regulation
from kg.core.resources import data_rows
from kg.core.spans import Breaks
from kg.core.titles import PLACE_PREFIX, bare_title, issued_documents, title_key

log = logging.getLogger(__name__)

CJK = "\u3400-\u9fff"
# Sources whose surface is the report's own wording of a full title (title candidates).
_WRITTEN = ("bracketed", "nested", "embedded", "quoted", "unbracketed", "drafted", "derived")
_SCOPE_OF_TITLE = (
    ("province", re.compile(rf"^[{CJK}]{{2,8}}?(?:省|自治区)")),
    ("city", re.compile(rf"^[{CJK}]{{2,8}}?(?:市|自治州|州|盟|地区)")),
    ("county", re.compile(rf"^[{CJK}]{{2,8}}?(?:县|旗|区)")),
)
_ISSUER_IN_TITLE = re.compile(
    rf"^([{CJK}、 ]{{2,40}}?(?:中共中央|国务院|党委|省委|市委|县委|政府|行政公署|办公厅|办公室|委员会|常委会"
    rf"|[厅局委办部院署]))关于"
)


@lru_cache(maxsize=1)
def _kind_rules() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(pattern), kind) for pattern, kind in data_rows("patterns", "regulation_kinds.tsv"))


def regulation_kind(title: str, catalog: dict[str, str] | None = None) -> str:
    """The contract kind of a document: the catalogue's when linked, else by title pattern.

    >>> regulation_kind("广东省信访条例")
    'local_regulation'
    >>> regulation_kind("重大行政决策程序暂行条例")
    'administrative_regulation'
    >>> regulation_kind("中共广东省委 广东省人民政府关于深入推进城市执法体制改革改进城市管理工作的实施意见")
    'party_document'
    >>> regulation_kind("清远市食盐监管体制改革实施方案")
    'policy'
    """
    if catalog:
        return contract_kind(catalog["kind"])
    core = bare_title(title)
    for pattern, kind in _kind_rules():
        if pattern.search(core):
            return kind
    return "policy"


def title_scope(title: str, issuer: str | None = None) -> str:
    """Which level a title belongs to, from the place name it starts with (or its issuer).

    >>> title_scope("广东省法治政府建设实施纲要(2016—2020年)"), title_scope("法治政府建设实施纲要(2015-2020)")
    ('province', 'national')
    """
    for text in (title, issuer or ""):
        for scope, pattern in _SCOPE_OF_TITLE:
            if pattern.match(text):
                return scope
    return "national"


def title_issuer(title: str) -> str | None:
    """The issuer named at the head of a title (``X关于…``).

    >>> title_issuer("广东省机构编制委员会关于加强市县政府法制工作机构建设的意见")
    '广东省机构编制委员会'
    >>> title_issuer("关于开展2017年度法治政府建设考评工作的通知") is None
    True
    """
    m = _ISSUER_IN_TITLE.match(title)
    return m.group(1).strip() if m else None


_WHITE_SPACE = re.compile(r"\s")


@dataclass
class _Group:
    """The mentions of one document while a report is being resolved."""

    keys: set[str]
    mentions: list[CitationMention] = field(default_factory=list)
    short_aliases: list[str] = field(default_factory=list)

    @property
    def written(self) -> list[str]:
        return [m.text for m in self.mentions if m.source in _WRITTEN]

    # (mentions read, their bare titles): mentions are only ever added, and the set is asked
    # for once per short form and group, so it grows with them instead of being rebuilt
    _bare: tuple[int, set[str]] = field(default=(0, set()), compare=False, repr=False)

    _defines: tuple[int, set[str]] = field(default=(0, set()), compare=False, repr=False)

    @property
    def bare_titles(self) -> set[str]:
        read, titles = self._bare
        if read > len(self.mentions) or read == 0:
            read, titles = 0, set()
        titles = titles | {bare_title(title_key(m.text)) for m in self.mentions[read:]}
        self._bare = (len(self.mentions), titles)
        return titles

    @property
    def defined_forms(self) -> set[str]:
        """The short forms its mentions define (以下简称…), grown like :attr:`bare_titles`."""
        read, forms = self._defines
        if read > len(self.mentions) or read == 0:
            read, forms = 0, set()
        forms = forms | {m.defines for m in self.mentions[read:] if m.defines is not None}
        self._defines = (len(self.mentions), forms)
        return forms

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    _title: tuple[int, str] = field(default=(0, ""), compare=False, repr=False)

    def title(self) -> str:
        # asked for each short form and group: kept until a mention joins
        read, title = self._title
        if read != len(self.mentions) or read == 0:
            title = self._fullest_title()
            self._title = (len(self.mentions), title)
        return title

    def _fullest_title(self) -> str:
        written = self.written
        if written:
            # The fullest variant: longest, then first written.
            first: dict[str, int] = {}
            for k, t in enumerate(written):
                first.setdefault(t, k)
            return max(first, key=lambda t: (len(_WHITE_SPACE.sub("", t)), -first[t]))
        catalog = [m.catalog_title for m in self.mentions if m.catalog_title]
        return catalog[0] if catalog else self.mentions[0].text


def _merge_variants(groups: list[_Group], own: frozenset[str] | set[str] = frozenset()) -> list[_Group]:
    """Merge groups that name one document: one title is the other with its region name in
    front (广东省X办法 / X办法), or the two differ by a short non-numeric slip, or one is the
    other without its qualifier (X纲要 / X纲要(2015-2020年)) when only one qualified variant is named."""
    merged: list[_Group] = []
    # Only groups sharing an ending with g can name its document (:func:`_endings`): each
    # group is compared with those, in merge order, not with every group merged so far.
    by_ending: dict[str, list[int]] = {}  # an ending -> positions in merged of groups with a key ending so
    for g in sorted(groups, key=lambda g: -max(len(t) for t in g.bare_titles)):
        endings = {e for k in g.keys for e in _endings(k)}
        near = sorted({p for e in endings for p in by_ending.get(e, ())})
        at = next((p for p in near if _same_document(merged[p], g) and not _listed_side_by_side(merged[p], g)
                   and not _issued_at_another_level(merged[p], g, own)), None)
        if at is None:
            at = len(merged)
            merged.append(g)
        else:
            merged[at].keys |= g.keys
            merged[at].mentions.extend(g.mentions)
        for e in endings:
            by_ending.setdefault(e, []).append(at)
    # the qualified titles' bare forms of each group: merging adds only plain keys, so they hold
    qualifiers = {id(h): _qualified_bares(h) for h in merged}
    # bare form -> the groups (in merge order) with a qualified title baring to it: the groups
    # a plain one can be the unqualified form of, looked up by its keys instead of testing
    # every group (only plain groups are removed, and a plain group has no qualified title,
    # so these lists never hold a removed group; the keys of a plain group never grow)
    qualifying: dict[str, list[int]] = {}
    for p, h in enumerate(merged):
        for b in qualifiers[id(h)]:
            qualifying.setdefault(b, []).append(p)
    order = list(merged)
    for g in list(merged):
        if not _written_plain(g):
            continue  # no group is the qualified form of one written with a qualifier
        qualified = [order[p] for p in sorted({p for k in g.keys for p in qualifying.get(k, ())}) if order[p] is not g]
        if len(qualified) == 1:
            qualified[0].keys |= g.keys
            qualified[0].mentions.extend(g.mentions)
            merged.remove(g)
    return merged


# ``shorter`` is the unqualified form of ``longer`` (法治政府建设实施纲要 / 法治政府建设实施纲要
# (2015-2020年)) when it is written only without a qualifier and one of ``longer``'s qualified
# titles bares to one of its keys: _written_plain(shorter) and _qualified_bares(longer) & shorter.keys.


def _endings(key: str) -> tuple[str, str]:
    """Two titles :func:`_same_title` holds one document end alike: in their last two
    characters as written (X办法 ending 广东省X办法, four characters at least) or bare (the
    same, or a slip, which keeps the last two)."""
    return "=" + key[-2:], "~" + bare_title(key)[-2:]


def _written_plain(g: _Group) -> bool:
    return bool(g.keys) and all(bare_title(k) == k for k in g.keys)


def _qualified_bares(g: _Group) -> set[str]:
    return {b for k in g.keys if (b := bare_title(k)) != k}


def _issued_at_another_level(longer: _Group, shorter: _Group, own: frozenset[str] | set[str]) -> bool:
    """The shorter title is issued by a notice of another level than the longer one's (中共中央、
    国务院关于印发〈法治政府建设实施纲要(2021-2025年)〉的通知 beside 江西省法治政府建设实施纲要
    (2021-2025年)): the nation's document and the province's, however alike their names — unless
    the longer is the report's own (a province's plan issued by the report names the nation's
    as its model, and is left out with it, as the annotated reports have it)."""
    if longer.keys & own:
        return False
    level = title_scope(max(longer.keys, key=len))
    return any(m.nested_in and title_scope(m.nested_in) != level for m in shorter.mentions)


def _listed_side_by_side(a: _Group, b: _Group) -> bool:
    """Two titles printed next to each other (《X纲要》《浙江省X纲要》, 《A》、《B》) are two
    documents, however alike: a report does not name one document twice in a row."""
    return any(
        0 <= mb.start - ma.end <= 1 or 0 <= ma.start - mb.end <= 1
        for ma in a.mentions
        for mb in b.mentions
        if ma.source in _WRITTEN and mb.source in _WRITTEN
    )


def _same_document(longer: _Group, shorter: _Group) -> bool:
    return any(_same_title(a_full, b_full) for a_full in longer.keys for b_full in shorter.keys)


@memo(1 << 16)  # asked for every pair of groups; the same titles recur across reports
def _same_title(a_full: str, b_full: str) -> bool:
    a, b = bare_title(a_full), bare_title(b_full)
    # 广东省X办法 / X办法: one document when the qualifiers agree, or the short one has
    # none (广东省X纲要(2016-2020) and X纲要(2015-2020) are a province's and the nation's).
    same_tail = a_full.endswith(b_full) or (b == b_full and a.endswith(b))
    if len(b) >= 4 and same_tail and PLACE_PREFIX.match(a[: len(a) - len(b)]):
        return True
    return a != b and _slip(a, b)


@memo(1 << 12)  # asked for every pair of groups, again for each merge (≈ 3 % hits: bounded low)
def _slip(a: str, b: str) -> bool:
    """Two long titles that differ only by a few characters, none of them a digit
    (党政主要负责人…规定 / 党政领导人…规定), are one document misquoted."""
    # Titles that start differently name different issuers or places (绵竹市…规定 / 德阳市…规定).
    if min(len(a), len(b)) < 12 or abs(len(a) - len(b)) > 3 or a[-2:] != b[-2:] or a[:2] != b[:2]:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < 0.85:  # an upper bound of ratio(): the alignment is not worth computing
        return False
    changed = "".join(a[i1:i2] + b[j1:j2] for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    if re.search(r"[\d一二三四五六七八九十]", changed) or len(changed) > 6:
        return False
    return matcher.ratio() >= 0.85


def _resolve_short(
    short: CitationMention, groups: list[_Group], text: str, lines: Breaks | None = None
) -> _Group | None:
    """The document a short form stands for, or None when the report does not say."""
    form = short.text
    defined = [g for g in groups if form in g.defined_forms]
    if len(defined) == 1:
        return defined[0]
    candidates = [g for g in groups if any(t.endswith(form) for t in g.bare_titles)]
    scope = short.scope
    if scope and candidates:
        scoped = [g for g in candidates if title_scope(g.title(), _group_issuer(g)) == scope]
        candidates = scoped
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        # Several documents end so: the one named last before it in the same paragraph.
        line_start = (lines or Breaks(text, "\n")).before(short.start) + 1
        before = [
            (max(m.end for m in g.mentions if m.end <= short.start), g)
            for g in candidates
            if any(line_start <= m.start and m.end <= short.start for m in g.mentions)
        ]
        if before:
            return max(before, key=lambda x: x[0])[1]
    return None


_DATED = re.compile(r"(?:19|20)\d{2}年")
_PLACED = re.compile(rf"^[{CJK}]{{2,8}}?(?:省|自治区|市|自治州|县|旗)(?!级|直|属|委|政府)")


@lru_cache(maxsize=1)
def known_short_forms() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(context regex, short form, full title) rows of ``regulation_known_short_forms.tsv``."""
    return tuple(
        (re.compile(ctx + "$"), form, title)
        for ctx, form, title in data_rows("patterns", "regulation_known_short_forms.tsv")
    )


def _known_document(short: CitationMention, text: str) -> _Group | None:
    """A short form the report does not resolve, named by a well-known context
    (党的十八届四中全会《决定》): the document that context always means."""
    before = text[max(0, short.start - 16) : short.start]
    for ctx, form, title in known_short_forms():
        if short.text == form and (m := ctx.search(before)):
            group = _Group({title_key(title)}, [CitationMention(title, short.start, short.end, source="known")])
            group.short_aliases.extend([short.text, m.group() + short.text])
            return group
    return None


def _group_issuer(g: _Group) -> str | None:
    for m in g.mentions:
        issuer = title_issuer(m.text)
        if issuer:
            return issuer
    for m in g.mentions:
        if m.issuer_cue:
            return m.issuer_cue
    return None


# The document a notice issues: 关于印发X的通知 (its title), 现将《X》印发给你们 (its text).
_ISSUED_IN_TITLE = re.compile(r"关于(?:印发|发布|颁布)(.{4,100}?)的(?:通知|决定)$")


def own_document_keys(doc: Document, title: str | None) -> set[str]:
    """Title keys of the report itself and of the document it issues (its attachment):
    neither is a citation.

    >>> from kg.normalize import normalize_text
    >>> d = normalize_text("《陕西省2016年依法行政工作要点》已经省政府同意,现印发给你们。", name="x.txt")
    >>> sorted(own_document_keys(d, "陕西省人民政府办公厅关于印发2016年依法行政工作要点的通知"))
    ... # doctest: +NORMALIZE_WHITESPACE
    ['2016年依法行政工作要点', '陕西省2016年依法行政工作要点',
     '陕西省人民政府办公厅关于印发2016年依法行政工作要点的通知']
    """
    keys: set[str] = set()
    if title:
        keys.add(title_key(title))
        if m := _ISSUED_IN_TITLE.search(title_key(title)):
            keys.add(m.group(1))
    keys.update(title_key(issued) for issued in issued_documents(doc.text[:1500]))
    return keys


def resolve_regulations(doc: Document, mentions: list[CitationMention], title: str | None = None) -> list[Regulation]:
    """One Regulation per distinct document cited in ``doc``, in order of first mention.

    ``title`` is the report's own title: the report and the document it issues are left out."""
    by_key: dict[str, _Group] = {}
    shorts: list[CitationMention] = []
    for m in mentions:
        if m.short_form:
            shorts.append(m)
            continue
        key = title_key(m.text)
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = _Group({key})
        group.mentions.append(m)
    own = own_document_keys(doc, title)
    groups = _merge_variants(list(by_key.values()), own)
    unresolved: list[CitationMention] = []
    lines = Breaks(doc.text, "\n") if shorts else None  # rfind per short form was quadratic on one line
    for short in shorts:
        group = _resolve_short(short, groups, doc.text, lines)
        if group is None:
            unresolved.append(short)
            log.debug("%s: short form %s at %d not resolved", doc.name, short.surface, short.start)
            continue
        group.short_aliases.extend([short.text, short.surface or short.text])
        group.mentions.append(short)
    for short in unresolved:
        group = _known_document(short, doc.text)
        if group is not None:
            groups.append(group)
    # A title only seen after a drafting verb (制定X目录) counts when a short form names it,
    # or when it carries a year (印发了2015年责任分解方案) or its place (修订了宜昌市…办法):
    # then it is one specific document.
    groups = [
        g
        for g in groups
        if g.short_aliases
        or any(m.source != "drafted" for m in g.mentions)
        or any(_DATED.search(m.text) or _PLACED.match(m.text) for m in g.mentions)
    ]
    # (the report titled without the qualifier its text names it with: …指标体系 / …指标体系(试行))
    groups = [g for g in groups if not (g.keys & own) and not {_TRIAL.sub("", k) for k in g.keys} & own]
    return [_regulation(doc, g) for g in sorted(groups, key=lambda g: g.first)]


_TRIAL = re.compile(r"\((?:试行|暂行)\)$")
_DRAFT = re.compile(r"\((?:草案|修订草案|征求意见稿|送审稿)\)$")


def _regulation(doc: Document, g: _Group) -> Regulation:
    title = g.title()
    if _DRAFT.search(title):  # a draft is named by the document's title; the qualified form is an alias
        g.short_aliases.insert(0, title)
        title = _DRAFT.sub("", title)
    catalog = None
    for name in [title, *(m.text for m in g.mentions if not m.short_form)]:
        catalog = catalog_record(name)
        if catalog:
            break
    aliases: list[str] = []
    for name in [
        *(m.text for m in g.mentions if not m.short_form),
        *(m.written for m in g.mentions if m.written),
        *(m.garbled for m in g.mentions if m.garbled),
        *g.short_aliases,
        *([catalog["title"]] if catalog else []),
    ]:
        if name != title and name not in aliases:
            aliases.append(name)
    numbers = [m.doc_number for m in g.mentions if m.doc_number]
    issuer = _group_issuer(g) or (catalog or {}).get("issuer") or None
    kind = regulation_kind(title, catalog)
    if kind == "policy" and issuer and re.match(r"^(中共|中国共产党|党中央)", issuer):
        kind = "party_document"
    return Regulation(
        title=title,
        aliases=aliases,
        doc_number=numbers[0] if numbers else None,
        kind=kind,
        issuer=issuer,
        evidence=[Evidence.of(doc, m.start, m.end) for m in sorted(g.mentions, key=lambda m: m.start)],
        catalog=catalog,
    )
