"""Oversight edges between agencies: overseer → overseen, with a kind and its sentence.

Each sentence is *masked*: every agency mention becomes one placeholder character, so the
cue patterns of ``data/patterns/oversight.tsv`` read like ``向{AS}…报告`` whatever the names.
A missing end is the nearest agency named before the cue, or (after a fronted 根据/经/在
clause) the first one after it, else the report's own subject: its issuer, or its government
when the text speaks of 我市/我区/我县. A salutation (``市委:`` at the top of a report) makes
the addressee receive the report. Ratings add ``evaluates`` edges from their evaluator.

>>> bool(masked_pattern("向{AS}报告").search("向\ue000和\ue001报告"))
True
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.core.doc import Document
from kg.core.mentions import AgencyMention
from kg.core.model import Agency, Evidence, Metadata, Oversight, Rating, body_named
from kg.core.resources import data_path, data_rows
from kg.core.rxinfo import first_char_guarded, needs_char_in, required_chars, required_choices
from kg.extract.agencies import find_agency_mentions, leading_addressees
from kg.resolve.agencies import canonical_name, mention_name

PLACEHOLDER_BASE = 0xE000  # Unicode private use area: never in report text
ONE = "[\ue000-\uf8ff]"
PLACEHOLDER = re.compile(ONE)
# a list of bodies (a body with its other name in brackets among them: 经开区工委(管委会))
LIST = rf"{ONE}(?:(?:[、,和及与]|及其|和上一级|以及)?{ONE}|\({ONE}\))*"
FRONTED = ("根据", "按照", "经", "在")
OWN_PLACE_WORDS = re.compile(r"我(?:市|区|县|州|盟|旗|省)")
# 我局, 本委 …: one pattern for each opening character, each then searched for as a literal (the
# alternation of the two was scanned with a character set, 6× slower over a report)
OWN_BODY_WORDS = (re.compile(r"我(?:办|分局|局|委|厅|们单位)"), re.compile(r"本(?:办|分局|局|委|厅)"))
SALUTATION = re.compile(r"^([^\n:]{2,60}):$")


@dataclass(frozen=True)
class Cue:
    kind: str
    pattern: re.Pattern
    needs_agency: bool = False  # every match holds a placeholder: nothing to find in a sentence without one
    needs: frozenset[str] = frozenset()  # characters every match holds (向, 报 …): a sentence missing one is not read
    needs_one_of: tuple[frozenset[str], ...] = ()  # sets every match holds one of (来到|深入|走进 …: 来深走)


def masked_pattern(template: str) -> re.Pattern:
    return re.compile(template.replace("{AS}", LIST).replace("{A}", ONE))


@lru_cache(maxsize=1)
def oversight_cues() -> tuple[Cue, ...]:
    out = []
    for name in sorted(data_path("patterns").glob("oversight*.tsv")):
        for row in data_rows("patterns", name.name):
            rx = masked_pattern(row[1])
            # searched behind a look-ahead on the characters a match opens with, where known
            guarded = first_char_guarded(rx)
            out.append(Cue(row[0], guarded, needs_char_in(rx, chr(PLACEHOLDER_BASE), "\uf8ff"), required_chars(rx),
                           required_choices(rx)))
    return tuple(out)


@lru_cache(maxsize=1)
def cues_without_agency() -> tuple[Cue, ...]:
    """The cues that can match a sentence naming no agency."""
    return tuple(c for c in oversight_cues() if not c.needs_agency)


@lru_cache(maxsize=1)
def _cue_alphabet() -> frozenset[str]:
    """The characters the cues' needs name: which of them a sentence holds decides which cues it
    can match."""
    cues = oversight_cues()
    return frozenset().union(*(c.needs for c in cues), *(one_of for c in cues for one_of in c.needs_one_of))


@lru_cache(maxsize=1 << 12)
def _cues_for(present: frozenset[str], with_agency: bool) -> tuple[Cue, ...]:
    """The cues a sentence can match that holds, of :func:`_cue_alphabet`, the characters
    ``present`` (and a placeholder, or not): those whose needed characters it holds, and one of
    each of their sets. Sentences hold few distinct such sets (≈ 400 in 8,300 sentences of
    generated reports), so the cues are tested once a set, not once a sentence."""
    cues = oversight_cues() if with_agency else cues_without_agency()
    return tuple(c for c in cues if c.needs <= present and not any(map(present.isdisjoint, c.needs_one_of)))


def _default_subject(doc: Document, agencies: list[Agency], metadata: Metadata) -> str | None:
    names = {a.name for a in agencies}
    own_place = len(OWN_PLACE_WORDS.findall(doc.text))
    own_body = sum(len(rx.findall(doc.text)) for rx in OWN_BODY_WORDS)
    if own_body and metadata.issuer in names:
        return metadata.issuer  # a department's report (我局, 我委): its implicit subject is the department
    if own_place > own_body and metadata.region:
        gov = canonical_name(metadata.region, None, metadata.region)
        if gov in names or metadata.issuer is None:
            return gov
    return metadata.issuer


MEMBER_TITLE = re.compile(r"常委(?!会)")


# (a committee's own organs and Party groups are named on; a bureau's committee, 中共重庆市公安局委员会, is
# inside the government's department)
PARTY_COMMITTEE = re.compile(r"中共.+(?<![局厅])委员会")


def find_oversight(doc: Document, agencies: list[Agency], metadata: Metadata,
                   ratings: Sequence[Rating], agency_mentions: Sequence[AgencyMention]) -> list[Oversight]:
    """Oversight edges of ``doc`` between agencies of ``agencies`` (one per pair and kind).

    ``agency_mentions`` are the finder's mentions when the caller already has them."""
    names = {a.name for a in agencies}
    if metadata.issuer and metadata.issuer not in names:
        metadata = replace(metadata, issuer=body_named(metadata.issuer, agencies))
    subject = _default_subject(doc, agencies, metadata)
    region_gov = canonical_name(metadata.region, None, metadata.region) if metadata.region else None
    mentions = []
    for m in agency_mentions:
        if MEMBER_TITLE.match(doc.text, m.end) and m.body in ("委", "党委"):
            continue  # 区委常委、副区长王钰作的报告: a member's title names the person, not the body
        name = mention_name(m, metadata, doc.text)
        if name in names:
            mentions.append((m.start, m.end, name))
    unplaced: set[str] = set()
    if region_gov is None and (own_word := OWN_PLACE_WORDS.search(doc.text)):
        # a report never naming its place: 我县 is the county's government as the report writes it
        # (县政府); with none written, a placeholder that holds its place in a sentence but ends no edge
        level = own_word.group()[1:]
        written = [n for m in agency_mentions if m.prefix == level and m.body in ("政府", "人民政府")
                   and (n := mention_name(m, metadata, doc.text)) in names]
        region_gov = written[0] if written else canonical_name(level, None, None)
        unplaced = set() if written else {region_gov or ""}
    # 我厅, 我市 …: the report's own body or government, an end like a named one
    for rx, own in [(rx, metadata.issuer) for rx in OWN_BODY_WORDS] + [(OWN_PLACE_WORDS, region_gov)]:
        if own in names or own in unplaced:
            mentions.extend((w.start(), w.end(), own) for w in rx.finditer(doc.text))
    mentions.sort()
    edges: dict[tuple[str, str, str], Oversight] = {}
    governments = {a.name: a.category == "government" for a in agencies}
    # the bodies the report's own title names (its issuers: 中共张掖市委张掖市人民政府关于印发…的通知)
    title_end = doc.text.find(metadata.title[-4:]) + 4 if metadata.title and len(metadata.title) >= 4 else -1
    title_names = {name for start, _, name in mentions if start < title_end}

    def add(overseer: str | None, overseen: str | None, kind: str, start: int, end: int) -> None:
        if overseer is None or overseen is None or overseer in unplaced or overseen in unplaced:
            return
        if overseer.startswith("中共" + overseen):
            return  # a body's own Party group (政府党组会议听取…汇报) is inside it, not over it
        if kind == "leads" and governments.get(overseer) and PARTY_COMMITTEE.fullmatch(overseen):
            return  # 在廊坊市委、市政府的领导下,永清县委、县政府…: a government leads no Party committee
        if overseer and overseen and overseer != overseen and overseer in names and overseen in names:
            edges.setdefault(
                (overseer, overseen, kind), Oversight(overseer, overseen, kind, Evidence.of(doc, start, end))
            )

    k = 0
    bare_cues = cues_without_agency()
    run_on = _run_on_addressees(doc.text)
    addressed_end = run_on[0] if run_on else 0
    for sent in doc.sentences:
        # the addressees a page runs on into the first sentence are no part of it (its subject follows)
        start = addressed_end if sent.start < addressed_end < sent.end else sent.start
        while k < len(mentions) and mentions[k][0] < start:
            k += 1
        inside = []
        j = k
        while j < len(mentions) and mentions[j][1] <= sent.end:
            inside.append(mentions[j])
            j += 1
        if not inside and not bare_cues and not PLACEHOLDER.search(doc.text, start, sent.end):
            continue  # no body named, so no placeholder, and no cue that does without one: nothing to find
        masked, owners = _mask(doc.text, start, sent.end, inside)
        # (asked of the text, not of ``owners``: a PDF may leave private-use characters too)
        present = frozenset(_cue_alphabet().intersection(masked))
        for cue in _cues_for(present, PLACEHOLDER.search(masked) is not None):
            for hit in cue.pattern.finditer(masked):
                groups = hit.groupdict()
                overseers: list[str | None]
                overseens: list[str | None]
                overseers = _names_in(masked, hit.span("overseer"), owners) if groups.get("overseer") else []
                overseens = _names_in(masked, hit.span("overseen"), owners) if groups.get("overseen") else []
                if groups.get("region") is not None and "region" in groups:
                    overseens = [region_gov]
                if groups.get("own") is not None and "own" in groups:
                    overseens = [subject]
                if groups.get("issuer") is not None and "issuer" in groups:
                    overseers = [metadata.issuer]
                if groups.get("self") is not None and "self" in groups:
                    overseens = [metadata.issuer]
                missing = _missing_ends(masked, hit, owners, subject)
                for a in overseers or missing:
                    for b in overseens or missing:
                        if a == b and not (overseers and overseens) and metadata.issuer not in (None, a):
                            # 已经市政府同意 in a report of the 市政府办公厅: the issuer is the other end
                            a, b = (a, metadata.issuer) if overseers else (metadata.issuer, b)
                        co_issuers = a != b and b in overseers and {a, b} <= title_names
                        if cue.kind == "approves" and not overseens and co_issuers:
                            continue  # 已经市委、市政府同意 in their joint notice: neither approves the other
                        add(a, b, cue.kind, sent.start, sent.end)
    _salutation_edges(doc, subject, metadata, add, run_on)
    _session_edges(doc, metadata, add)
    _hearing_edges(doc, metadata, names, add)
    for r in ratings:
        ok = r.evaluator in names and r.evaluated in names and r.evaluator != r.evaluated
        if ok and r.evaluator is not None and r.evidence is not None:
            edges.setdefault(
                (r.evaluator, r.evaluated, "evaluates"), Oversight(r.evaluator, r.evaluated, "evaluates", r.evidence)
            )
    return list(edges.values())


class _Owners(dict[int, str]):
    """Placeholder offset → agency name, with the offsets in order (a list to bisect: scanning
    every owner for each cue made a long sentence quadratic)."""

    positions: list[int]


def _mask(text: str, start: int, end: int, inside: list[tuple[int, int, str]]) -> tuple[str, dict[int, str]]:
    parts, pos, length = [], start, 0
    owners = _Owners()
    for n, (s, e, name) in enumerate(inside):
        if s < pos:
            continue
        parts.append(text[pos:s])
        length += s - pos
        owners[length] = name
        parts.append(chr(PLACEHOLDER_BASE + n))
        length += 1
        pos = e
    parts.append(text[pos:end])
    owners.positions = list(owners)  # increasing: placeholders are set left to right
    return "".join(parts), owners


def _positions(owners: dict[int, str]) -> list[int]:
    return owners.positions if isinstance(owners, _Owners) else sorted(owners)


def _names_in(masked: str, span: tuple[int, int], owners: dict[int, str]) -> list[str | None]:
    return [owners[i] for i in range(*span) if i in owners]


# a sentence whose subject is a class of bodies (各县区, 市直各部门, 各级政府, 全市各乡镇)
GENERIC_SUBJECT = re.compile(
    r"^(?:[(（]?[0-9一二三四五六七八九十]+[)）.、]?)?(?:全[省市县区州盟旗])?(?:各|[省市县区旗州]直(?:各|有关)|有关)"
)
SUBJECT_START = re.compile(
    r"^(?:[(（]?[0-9一二三四五六七八九十]+[)）.、]?)?(?:(?:19|20)\d{2}年(?:度|以来)?,)?[\ue000-\uf8ff]"
)  # (the work year may open the sentence: 2022年,X…)


def _missing_ends(masked: str, m: re.Match, owners: dict[int, str], subject: str | None) -> list[str | None]:
    """Like :func:`_missing_end`; after a fronted 在…下 clause, every body of the list that
    opens the main clause (``在党中央领导下,省委、省政府…`` → both)."""
    one = _missing_end(masked, m, owners, subject)
    opening = SUBJECT_START.match(masked)
    if opening and opening.end() - 1 in owners and opening.end() - 1 < m.start():
        # a list of bodies opening the sentence (兰州新区党工委、管委会主动接受…监督): each of them
        listed = _list_from(masked, opening.end() - 1, owners)
        if one in listed and len(listed) > 1:
            return listed
    if masked[m.start() :].startswith(FRONTED):
        positions = _positions(owners)
        first = next((i for i in positions[bisect.bisect_left(positions, m.end()):] if owners[i] == one), None)
        if first is not None:
            return _list_from(masked, first, owners)
    return [one]


def _list_from(masked: str, i: int, owners: dict[int, str]) -> list[str | None]:
    """The body at ``i`` and those listed right after it (、和及与 及其)."""
    out: list[str | None] = [owners[i]]
    while (nxt := re.match(r"(?:[、和及与]|及其)?([\ue000-\uf8ff])", masked[i + 1 : i + 4])) and i + 1 + nxt.start(
        1
    ) in owners:
        i = i + 1 + nxt.start(1)
        out.append(owners[i])
    return out


FRONTED_CLAUSE = re.compile(r"在[^,;:。]*?下[、和]?")


def _missing_end(masked: str, m: re.Match, owners: dict[int, str], subject: str | None) -> str | None:
    """The unnamed end of a cue: the nearest agency before it in the same clause, the agency
    after a fronted 根据/经/在 clause, the sentence's opening subject, else the report's."""
    used: set[int] = set()
    for g in ("overseer", "overseen"):
        if m.groupdict().get(g):
            used.update(range(*m.span(g)))
    clause_start = max(masked.rfind(c, 0, m.start()) for c in ",;:") + 1
    # an earlier fronted clause of the same run (在县委的领导下、在县人大的监督下): its body is
    # an overseer too, not the overseen
    fronted = [f.span() for f in FRONTED_CLAUSE.finditer(masked[clause_start : m.start()])]
    positions = _positions(owners)
    # the last owner in [clause_start, cue) not inside the cue's own groups nor a fronted clause
    for k in range(bisect.bisect_left(positions, m.start()) - 1, -1, -1):
        i = positions[k]
        if i < clause_start:
            break
        if i not in used and not any(a <= i - clause_start < b for a, b in fronted):
            return owners[i]
    if masked[m.start() :].startswith(FRONTED):
        # the subject of the main clause: the first agency opening a clause after the cue
        # (在区委领导下,在人大监督下,区政府… → 区政府, not the second fronted body)
        # the fronted clause may go on past the cue (在市委的领导和省局的指导下,我局…)
        close = re.compile(r"下[,,]").search(masked, m.start()) if masked[m.start()] == "在" else None
        end = max(m.end(), close.end()) if close else m.end()
        after = (
            i for i in positions[bisect.bisect_left(positions, end):]
            if i not in used and (masked[i - 1] in ",;:由 " or i == end)
        )
        if (first_after := next(after, None)) is not None:
            return owners[first_after]
    if GENERIC_SUBJECT.match(masked):
        return None  # 各县区、市直各部门…向本级党委报告: bodies of a class, not the report's own
    opening = SUBJECT_START.match(masked)
    if opening and opening.end() - 1 < m.start() and opening.end() - 1 not in used:
        return owners.get(opening.end() - 1, subject)
    # the subject of an earlier clause of the sentence (铜川市成立考评验收组,完成了对…考评)
    earlier = (
        i
        for i in reversed(positions[: bisect.bisect_left(positions, m.start())])
        if i not in used
        and i > 0
        and masked[i - 1] in ","
        and not re.match(r"[、,和及与]", masked[i + 1 : i + 2] or "")
    )
    if (last_earlier := next(earlier, None)) is not None:
        return owners[last_earlier]
    return subject


# a report delivered at a session, in the header under the title, whose line may wrap inside the
# body's name (在X旗第十六届人民代表大会\n常务委员会第二十四次会议上)
SESSION_HEADER = re.compile(r"在([^。;:,]{4,60}?)第?[一二三四五六七八九十百0-9]+次(?:全体)?会议上")


def _session_edges(doc: Document, metadata: Metadata, add) -> None:
    """The body whose session a report was delivered at receives it (the issuer's report), read
    from the head of the text with its wrapped lines joined."""
    lines = doc.text.split("\n")[:8]
    head, starts, pos = "", [], 0
    for line in lines:
        if "。" in line:
            break
        starts.append((len(head), pos))
        head += line
        pos += len(line) + 1
    m = SESSION_HEADER.search(head)
    if m is None or not metadata.issuer:
        return
    found = find_agency_mentions(m.group(1))
    if found and found[-1].end == len(m.group(1)):
        name = mention_name(found[-1], metadata, doc.text)
        begin = max(p + (m.start() - h) for h, p in starts if h <= m.start())
        end = max(p + (m.end() - h) for h, p in starts if h <= m.end())
        add(name, metadata.issuer, "receives_report", begin, min(end, len(doc.text)))


# a congress's session reported at the head of a news item (区五届人大常委会举行第十一次会议), and
# the session, as 会议, hearing a body's report further on (会议听取和审议了区政府关于…报告)
SESSION_HELD = re.compile(
    r"([^,。;:\n]{2,40}?(?:常委会|常务委员会))(?:举行|召开)(?:了)?第[一二三四五六七八九十百0-9]+次(?:全体)?会议"
)
SESSION_HEARS = re.compile(r"(?:^|(?<=[。;\n]))\s*(?:会议|会上)[,,]?(?:还|先后|分别)?(?:听取(?:和审议|并审议)?|审议)了?"
                           r"([^。;:《]{2,30}?)《?(?:关于|的)[^。;]{0,60}?(?:报告|汇报)")


def _hearing_edges(doc: Document, metadata: Metadata, names: set[str], add) -> None:
    """A news item of a congress's session: what 会议 hears is reported to the congress body."""
    held = SESSION_HELD.search(doc.text[:300])
    if held is None:
        return
    body = next((mention_name(m, metadata, doc.text) for m in reversed(find_agency_mentions(held.group(1)))
                 if m.end == len(held.group(1))), None)
    if body not in names:
        return
    for hear in SESSION_HEARS.finditer(doc.text):
        found = find_agency_mentions(hear.group(1))
        if found and found[0].start == 0 and found[-1].end == len(hear.group(1)):
            for m in found:
                add(body, mention_name(m, metadata, doc.text), "receives_report", hear.start(1), hear.end())


DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,8}〔(?:19|20)\d{2}〕\d{1,4}号(?:\s|$)")


def _run_on_addressees(text: str) -> tuple[int, list[AgencyMention]] | None:
    """The addressees a page runs on into the text's first line (``市委、市政府: 2022年,…``): where
    the text after them starts in ``text``, and the bodies (offsets from the line's start)."""
    first = text.lstrip("\n")
    run_on = leading_addressees(first.split("\n", 1)[0])
    return (len(text) - len(first) + run_on[0], run_on[1]) if run_on else None


def _salutation_edges(doc: Document, subject: str | None, metadata: Metadata, add,
                      run_on: tuple[int, list[AgencyMention]] | None) -> None:
    """``市委:`` on a line of its own near the top: the addressee receives the report (and so do
    the addressees a page runs on into the text's first line, ``run_on``)."""
    if run_on is not None:
        for m in run_on[1]:
            add(mention_name(m, metadata, doc.text), subject, "receives_report", 0, run_on[0])
    pos, head, prev = 0, True, ""
    for line in doc.text.split("\n")[:30]:
        # the head of the text, before its first paragraph; or, below a page's introduction, the
        # line right under the document's 文号 (保政呈〔2017〕3号 签发人:…)
        head = head and "。" not in line
        under_number = bool(DOC_NUMBER_LINE.search(prev))
        prev = line
        if not (head or under_number):
            pos += len(line) + 1
            continue
        if SALUTATION.match(line) and "各" not in line:  # 各市、县人民政府,…: a notice sent down
            found = find_agency_mentions(line[:-1])
            rest = len(re.sub(r"[、,,和及\s]", "", line[:-1])) - sum(m.end - m.start for m in found)
            if rest > 4:
                found = []  # a line ending in a colon that is not a list of addressees (…解读如下:)
            for m in found:  # (named as the agencies are: 市委 in a town's report naming no city)
                add(mention_name(m, metadata, doc.text), subject, "receives_report", pos, pos + len(line))
        pos += len(line) + 1
