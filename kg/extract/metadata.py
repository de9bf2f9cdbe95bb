"""Report metadata: title, issuer, date, year covered, region, document type.

The issuer is read, in this order, from the signature block at the end (the signing body;
a ``(X代章)`` line names only the sealing body and is skipped), from a title ``X关于…``, from
a 来源/主办 line of the saved web page (kept in the original text, see ``doc.removed``), or
from the subject of the first sentence (``自治区政府法制办认真贯彻…``). The region is the
issuer's jurisdiction; a bare level word (自治区, 市) is placed by the places the report
names most. Cue words live in ``data/patterns/metadata_doc_types.tsv``.

>>> parse_date("11.04.2018"), parse_date("2018年2月7日"), parse_date("2021-06-22 10:58")
('2018-04-11', '2018-02-07', '2021-06-22')
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kg.core.doc import Document
from kg.extract.agencies import find_agency_mentions
from kg.core.mentions import AgencyMention, IssuerCue
from kg.core.model import Metadata
from kg.core.places import LEVEL_WORD_KINDS, canonical_place, chain_of, level_place, place_forms_pattern
from kg.core.resources import data_rows

TITLE_END = re.compile(r"(报告|通报|总结|方案|要点|计划|通知|意见|情况|决定|公告)$")
YMD = re.compile(r"((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
DMY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\d)")
DATE_LINE = re.compile(rf"^\s*(?:{YMD.pattern}|{DMY.pattern})\s*$")
YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
YEAR_IN_BODY = re.compile(r"((?:19|20)\d{2})年度|^((?:19|20)\d{2})年[,,]", re.M)
SEAL_LINE = re.compile(r"^[((].*代章[))]$")
SOURCE_LINE = re.compile(r"(?:来源|信息来源|文章来源|发布单位|发布机构)\s*[::]\s*([^\s::]{4,40})")
HOST_LINE = re.compile(r"(?:主办单位|主办)\s*[::]\s*([^\s::]{4,40}?)(?:技术|承办|$|\s)")
TITLE_ISSUER = re.compile(r"^(.{3,40}?)关于")


@lru_cache(maxsize=1)
def doc_type_cues() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((row[0], re.compile(row[1])) for row in data_rows("patterns", "metadata_doc_types.tsv"))


def parse_date(s: str) -> str | None:
    """First date in ``s`` as YYYY-MM-DD (Y-M-D, or D.M.Y as web pages print it)."""
    m = YMD.search(s)
    if m:
        y, mo, d = m.groups()
    else:
        m = DMY.search(s)
        if not m:
            return None
        d, mo, y = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"


def _nonempty_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def find_title(doc: Document) -> str | None:
    lines = _nonempty_lines(doc.text)[:4]
    for k in range(min(3, len(lines))):
        candidate = "".join(lines[: k + 1])
        if len(candidate) > 80 or re.search(r"[。;]", candidate):
            break
        if TITLE_END.search(candidate):
            return candidate
    return None


def _whole_line_agency(line: str) -> AgencyMention | None:
    mentions = find_agency_mentions(line)
    if mentions and mentions[0].start == 0 and mentions[0].end == len(line):
        return mentions[0]
    return None


def find_issuer(doc: Document, title: str | None) -> IssuerCue | None:
    """The issuer's agency mention and where it was read."""
    tail = _nonempty_lines(doc.text)[-5:]
    for line in reversed(tail):
        if DATE_LINE.match(line) or SEAL_LINE.match(line):
            continue
        mention = _whole_line_agency(line)
        if mention:
            return IssuerCue(mention, "signature")
        break
    if title and (m := TITLE_ISSUER.match(title)):
        mention = _whole_line_agency(m.group(1))
        if mention:
            return IssuerCue(mention, "title")
    for span in doc.removed:
        line = doc.original[span.start:span.end]
        for rx in (SOURCE_LINE, HOST_LINE):
            if (m := rx.search(line)) and (mention := _whole_line_agency(m.group(1))):
                return IssuerCue(mention, "web_source")
    first = next(iter(_nonempty_lines(doc.text)), "")
    first = re.sub(r"^(?:19|20)\d{2}年(?:度|以来)?[,,]?", "", first)
    mentions = find_agency_mentions(first[:40])
    if mentions and mentions[0].start == 0:
        return IssuerCue(mentions[0], "first_sentence")
    return None


def find_date(doc: Document) -> str | None:
    """The signature date at the end, else the publication date printed at the top."""
    for line in _nonempty_lines(doc.text)[-3:]:
        if DATE_LINE.match(line):
            return parse_date(line)
    head = doc.original[:600]
    for line in _nonempty_lines(head):
        if re.search(r"发布|时间|日期|^\s*\d", line) and (date := parse_date(line)):
            return date
    return None


def find_year_covered(doc: Document, title: str | None) -> int | None:
    if title and (m := YEAR_IN_TITLE.search(title)):
        return int(m.group(1))
    m = YEAR_IN_BODY.search(doc.text[:400])
    return int(m.group(1) or m.group(2)) if m else None


def place_votes(doc: Document) -> Counter:
    """How often the report names each place (full names and long short forms)."""
    votes: Counter = Counter()
    for m in place_forms_pattern().finditer(doc.text):
        canon = canonical_place(m.group())
        if canon:
            votes[canon] += 1
    return votes


def most_specific_place(text: str) -> str | None:
    """The lowest division named in ``text`` (a title): 四川省宣汉县… → 宣汉县.

    >>> most_specific_place("四川省宣汉县2019年法治政府建设工作报告")
    '宣汉县'
    """
    named = [canonical_place(m.group()) for m in place_forms_pattern().finditer(text)]
    named = [n for n in named if n]
    return max(named, key=lambda n: len(chain_of(n)), default=None)


def infer_region(doc: Document, issuer: AgencyMention | None, title: str | None = None) -> str | None:
    """The jurisdiction the report is about: the issuer's place, a level word placed by the
    places the report names, else the place named most."""
    votes = place_votes(doc)
    prefix = issuer.prefix if issuer else None
    if prefix and prefix not in LEVEL_WORD_KINDS:
        parent = issuer.parent_prefix
        return canonical_place(prefix, near=canonical_place(parent) if parent else None)
    if title and (in_title := most_specific_place(title)) and not prefix:
        return in_title
    if prefix:
        counted: Counter = Counter()
        for name, n in votes.items():
            placed = level_place(prefix, name)
            if placed:
                counted[placed] += n
        if counted:
            return counted.most_common(1)[0][0]
    if votes:
        # the place whose chain gathers most mentions, preferring the lowest such division
        chains: Counter = Counter()
        for name, n in votes.items():
            for p in chain_of(name):
                chains[p] += n
        top = votes.most_common(1)[0][0]
        return top if chains else None
    return None


def find_doc_type(title: str | None, doc: Document, year_covered: int | None) -> str:
    probe = title or doc.text[:120]
    for kind, rx in doc_type_cues():
        if rx.search(probe):
            return kind
    return "annual_report" if title is None and year_covered else "other"


def extract_metadata(doc: Document) -> Metadata:
    """Metadata without the canonical issuer (set by the pipeline once agencies resolve)."""
    meta, _ = extract_metadata_with_issuer(doc)
    return meta


def extract_metadata_with_issuer(doc: Document) -> tuple[Metadata, IssuerCue | None]:
    title = find_title(doc)
    issuer = find_issuer(doc, title)
    year = find_year_covered(doc, title)
    region = infer_region(doc, issuer.mention if issuer else None, title)
    return Metadata(title=title, issuer=None, date=find_date(doc), year_covered=year, region=region,
                    doc_type=find_doc_type(title, doc, year)), issuer
