"""Report metadata: title, issuer, date, year covered, region, document type.

The issuer is read, in this order, from the signature block at the end (the signing body;
a ``(X代章)`` line names only the sealing body and is skipped), from a title ``X关于…``, from
a 来源/主办 line of the saved web page (kept in the original text, see ``doc.removed``), or
from the subject of the first sentence (``自治区政府法制办认真贯彻…``). The region is the
issuer's jurisdiction; a bare level word (自治区, 市) is placed by the places the report
names most. Cue words live in ``data/patterns/metadata_doc_types.tsv``.

>>> parse_date("11.04.2018"), parse_date("2018年2月7日"), parse_date("2021-06-22 10:58")
('2018-04-11', '2018-02-07', '2021-06-22')
>>> parse_date("二〇二二年二月二十八日"), parse_date("二○二○年一月十日")
('2022-02-28', '2020-01-10')
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container
from functools import lru_cache

from kg.core.doc import Document
from kg.core.gazetteers import abbreviations, department_names
from kg.core.mentions import AgencyMention, IssuerCue
from kg.core.model import Metadata
from kg.core.places import (
    LEVEL_WORD_KINDS,
    WHOLE_LEVEL_FORM,
    canonical_place,
    chain_of,
    choose_homonym,
    kind_of,
    level_place,
    place_by_adcode,
    place_form_spans,
    place_forms_pattern,
    place_township,
    place_zone,
    province_stems,
    reset_homonyms,
    short_stems,
)
from kg.core.resources import data_rows
from kg.core.titles import issued_documents
from kg.core.zones import find_zone, zone_forms, zone_kinds
from kg.extract.agencies import (
    COORDINATORS,
    NOT_TOWNSHIP_STEM,
    STOP_CHARS,
    find_agency_mentions,
    leading_addressees,
)
from kg.extract.tokens import token_bounds
from kg.normalize import normalize_query

TITLE_END = re.compile(r"(报告|通报|总结|方案|要点|计划|通知|意见|情况|决定|公告)$")
YMD = re.compile(r"((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
DMY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\d)")
# A signature date in Chinese numerals: 二〇二二年二月二十八日 (also ○, O or 0 for zero).
CN_YMD = re.compile(
    r"([〇○零OoＯ0-9一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)
DATE_LINE = re.compile(rf"^\s*(?:{YMD.pattern}|{DMY.pattern}|{CN_YMD.pattern})\s*$")
YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
# (a year standing alone after a comma too: 根据…部署,2023年,清波街道以…)
# (a year opening the text after its addressees: 中共海宁市委、海宁市人民政府: 2022年,…)
YEAR_IN_BODY = re.compile(r"((?:19|20)\d{2})年度|(?:^|。|[::]\s{0,2})((?:19|20)\d{2})\s*年(?:[,,]|以来|是)"
                          r"|(?<=[,,])((?:19|20)\d{2})\s*年[,,]", re.M)
# a summary opening on this year's work (今年以来, …) covers the year it is dated in
THIS_YEAR = re.compile(r"^(?:[^。\n]{0,20}[,,])?今年(?:以来|[,,]|上半年)", re.M)
SEAL_LINE = re.compile(r"^[((].*代章[))]$")
SOURCE_LINE = re.compile(r"(?:来源|信息来源|文章来源|发布单位|发布机构)\s*[::]\s*([^\s::]{4,40})")
HOST_LINE = re.compile(r"(?:主办单位|主办)\s*[::]\s*([^\s::]{4,40}?)(?:技术|承办|$|\s)")


@lru_cache(maxsize=1)
def doc_type_cues() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((row[0], re.compile(row[1])) for row in data_rows("patterns", "metadata_doc_types.tsv"))


def parse_date(s: str) -> str | None:
    """First date in ``s`` as YYYY-MM-DD (Y-M-D, or D.M.Y as web pages print it)."""
    m = YMD.search(s)
    if m:
        y, mo, d = m.groups()
    elif cn := CN_YMD.search(s):
        y = "".join(str(CN_DIGITS[c]) if c in CN_DIGITS else c for c in cn.group(1))
        if not y.isdigit() or not y.startswith(("19", "20")):
            return None
        mo, d = str(_cn_number(cn.group(2))), str(_cn_number(cn.group(3)))
    else:
        m = DMY.search(s)
        if not m:
            return None
        d, mo, y = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"


CN_DIGITS = {c: k for k, c in enumerate("〇一二三四五六七八九")} | dict.fromkeys("○零OoＯ", 0)


def _cn_number(s: str) -> int:
    """一 … 三十一 as a number.

    >>> _cn_number("二十八"), _cn_number("十"), _cn_number("十二"), _cn_number("三")
    (28, 10, 12, 3)
    """
    if "十" not in s:
        return CN_DIGITS.get(s, 0)
    tens, _, ones = s.partition("十")
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + CN_DIGITS.get(ones, 0)


def _nonempty_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def find_title(doc: Document) -> str | None:
    """The report's own title: a 标题:/名称: field of the page, else the first line (or run of
    up to four lines) among the opening lines that reads like a title — after site navigation,
    index fields and a leading 文号 — else, when the excerpt starts below the title, the
    document a notice issues (``现将《X》印发给你们``)."""
    return (_title_field(doc.text) or _title_from_opening(doc.text) or _title_over_source_line(doc)
            or _page_intro_title(doc.text[:300]) or _issued_document(doc.text[:400]))


def _title_over_source_line(doc: Document) -> str | None:
    """A headline over the page's source line, which normalization removed as furniture
    (泉州市十六届人大常委会第二十二次会议举行 / 来源:泉州晚报 2019-08-29 09:22)."""
    text = doc.text.lstrip()
    first = text.split("\n", 1)[0].strip()
    if not (6 <= len(first) <= 60) or re.search(r"[。;,,:]", first) or not doc.removed:
        return None
    start = len(doc.text) - len(text)
    end = doc.span(start, start + len(first)).end
    for span in doc.removed:
        if 0 <= span.start - end <= 3 and PUBLISH_LINE.match(doc.original[span.start:span.end]):
            return _clean_title_line(first)
    return None


# a page introducing the document it reposts: 《X》是2019年梧州市人民政府发布的通知。
PAGE_INTRO = re.compile(r"^\s*《([^《》]{4,100})》是[^。\n]{0,40}?(?:发布|印发|公布)的")


def _page_intro_title(text: str) -> str | None:
    m = PAGE_INTRO.match(text)
    return m.group(1) if m else None


TITLE_END_MORE = re.compile(r"(汇报|倡议书|规定|办法|细则|决议|纪要|规划|纲要|安排|名单的公示|名单公示|政策解读"
                            r"|指标体系|评价体系|考核细则|评分标准|工作打算)$")
# The red header of an official document (黄冈市人民政府文件), printed over its 文号 and title.
RED_HEADER = re.compile(r"^[\u3400-\u9fff、 ]{2,40}文件$")
# An index field of a published page (索 引 号:…, 发布时间:…, - 文 号:无, [ 成文日期 ] 2026-01-22).
FIELD_LINE = re.compile(r"^[-•·*\s]*(?:[^:,,、。;《》“”]{1,8}\s*[:|]|\[\s*[^\[\]]{1,8}?\s*\])")
# (the label may be followed by blanks alone: 标  题 河南省人民政府关于…的报告)
# an index row printed without its colon (索引号pbxxhxrmzf/2026-00001, 发布日期2026-01-27, 时效性有效)
BARE_INDEX_FIELD = re.compile(r"^(?:索引号|发布机构|发文机关|文号|发文字号|发布日期|成文日期|时效性|有效性|主题分类|"
                              r"公开方式|公开范围|公开时限|所属机构|生成日期)[^。,;]{0,40}$")
TITLE_FIELD = re.compile(
    r"^[-•·*\s]*(?:标\s*题|名\s*称|(?:文件|文章|信息|公文)(?:名称|标题))(?:\s*[:|]|\s+)\s*\|?\s*([^|]+?)\s*(?:\|.*)?$"
)
# the issuer field of a page's index table, on a row of several (主题分类: 其他 发文单位: X;
# 发文机关 河南省人民政府 成文日期 …): its value runs to the next blank
ISSUER_FIELD = re.compile(
    r"(?:^|\s)(?:发文单位|发文机关|发文机构|发布机关|成文单位)(?:\s*[::|]\s*|\s+)([^\s::|]{4,40})"
)
# A breadcrumb of site navigation: 网站首页 > 政务公开 > 部门文件
BREADCRUMB = re.compile(r"\S\s*[>»›]{1,2}\s*\S+\s*[>»›]")
# A line printing when and where the page was published, right below its title.
PUBLISH_LINE = re.compile(r"^\s*(?:(?:发布|发表|更新|成文|发文)?(?:时间|日期)\s*:|(?:稿件|信息|文章)?来源\s*:"
                          r"|(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
                          r"|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\s*(?:\d{1,2}:\d{2})?\s*$)")
LEADING_NUMBER = re.compile(r"^[\[(]?[\u3400-\u9fff]{1,14}\s*[〔\[]\s*(?:19|20)\d{2}\s*[〕\]]\s*第?\s*\d{1,5}\s*号"
                            r"\s*[\])]?\s*")
LEADING_TAG = re.compile(r"^【[^】]{1,16}】")  # 【权威发布】, 【省政府法治建设报告】: a site's column tag
SIGNER_FIELD = re.compile(r"签发人\s*:")  # 惠委〔2026〕17号 签发人:… over the title
HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、])")


def _clean_title_line(line: str) -> str:
    """A title line without a leading 【tag】 or 文号, unwrapped from 《…》.

    >>> _clean_title_line("浙卫〔2024〕3号《浙江省卫生健康委关于2023年度法治政府建设情况的报告》浙江省卫生健康委…")
    '浙江省卫生健康委关于2023年度法治政府建设情况的报告'
    >>> _clean_title_line("【权威发布】福建省2017年法治政府建设情况报告")
    '福建省2017年法治政府建设情况报告'
    """
    line = LEADING_TAG.sub("", line.strip()).strip()
    line = LEADING_NUMBER.sub("", line).strip()
    line = TRAILING_DATE.sub("", line)  # …情况报告 (2024-02-26): the page's date after the title
    if line.startswith("《") and (m := re.match(r"《((?:[^《》]|《[^《》]*》)+)》", line)):
        return m.group(1)
    return line


TRAILING_DATE = re.compile(r"\s*[((]\s*((?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?)\s*[))]\s*$")


def _is_title_end(candidate: str) -> bool:
    core = re.sub(r"(?:\([^()]{1,20}\))+$", "", TRAILING_DATE.sub("", candidate))  # …实施方案(2021—2025年)
    return bool(TITLE_END.search(core) or TITLE_END_MORE.search(core))


def _column_label(line: str) -> bool:
    """A short column name of a web site (政府信息公开, 通知公告, 工作动态): no body, place, year
    or 关于 that a title's first line would hold.

    >>> _column_label("通知公告"), _column_label("永嘉镇"), _column_label("关于印发"), _column_label("市司法局")
    (True, False, False, False)
    """
    return (
        len(line) <= 6
        and not re.search(r"关于|印发|转发|\d|年", line)
        and not re.search(r"(?:政府|[省市县区镇乡旗州盟村]|街道|[局委厅办室院部会组]|中心|党委)$", line)
    )


def _title_field(text: str) -> str | None:
    for line in _nonempty_lines(text)[:15]:
        if (m := TITLE_FIELD.match(line)) and len(title := _clean_title_line(NEXT_FIELD.sub("", m.group(1)))) >= 4:
            return title
    return None


# the next field of an index table printed on the same row (名称: …的通知 发布日期: 2024年05月15日)
NEXT_FIELD = re.compile(r"\s+[\u4e00-\u9fff]{2,5}\s*:.*$")


def _title_from_opening(text: str) -> str | None:
    lines = _nonempty_lines(text)[:14]
    for k, line in enumerate(lines):
        if line.startswith(("•", "·")) or FIELD_LINE.match(line) or BARE_INDEX_FIELD.match(line) \
                or LEADING_NUMBER.fullmatch(line) \
                or SIGNER_FIELD.search(line) or DATE_LINE.match(line) or RED_HEADER.match(line) \
                or BREADCRUMB.search(line) or not re.search(r"[\u3400-\u9fff]{2}", line):
            continue  # site navigation, index fields, a red header, a 文号 or a date line
        if line.endswith((":", ":")) or re.search(r"[。;!?]", line) or len(line) > 100 or HEADING_START.match(line):
            return None  # the body (or the addressees) begins: no title above it
        first = _clean_title_line(line)
        if k + 1 < len(lines) and _column_label(first) and _is_title_end(_clean_title_line(lines[k + 1])):
            continue  # the site's column (政府信息公开, 通知公告) over the title
        if (found := _title_run(lines, k, first)) is not None:
            candidate, j = found
            # the page's headline over the document's own title, printed as the document prints it
            # (石柱…人民政府 2025年度…报告 / 石柱…人民政府 / 关于2025年…的报告): the document's
            if j + 1 < len(lines) and not re.search(r"[。;!?]", lines[j + 1]) \
                    and (own := _title_run(lines, j + 1, _clean_title_line(lines[j + 1]))) \
                    and _restates(candidate, own[0]):
                return own[0]
            return candidate
        if k + 1 < len(lines) and PUBLISH_LINE.match(lines[k + 1]) and 6 <= len(first) <= 60:
            # a subtitle under the headline (法治护航北疆 共筑安全屏障 / —— 科右中旗…五年综述): one title
            if (sub := SUBTITLE.fullmatch(first)) and k > 0 and HEADLINE.fullmatch(lines[k - 1]):
                return f"{_clean_title_line(lines[k - 1])}——{sub.group(1)}"
            return first
    return None


SUBTITLE = re.compile(r"[—-]{1,2}\s*([^—-].{3,58})")
HEADLINE = re.compile(r"[^。;,,:!?\d]{6,40}")


def _title_run(lines: list[str], k: int, first: str) -> tuple[str, int] | None:
    """The title that opens at line ``k`` (``first``, cleaned), run on over up to three more
    lines, and the index of its last line."""
    for j in range(k, min(k + 4, len(lines))):
        candidate = first + "".join(lines[k + 1:j + 1])
        if len(candidate) > 90 or re.search(r"[。;:]", candidate[len(first):]) \
                or j > k and (LEADING_NUMBER.fullmatch(lines[j]) or DATE_LINE.match(lines[j])):
            break
        if _is_title_end(candidate):
            return candidate, j
    return None


def _restates(headline: str, title: str) -> bool:
    """Whether ``title`` is the same report as ``headline`` in the document's own words: the same
    kind and year, one of them ``关于…``."""
    years = YEAR_IN_TITLE.findall(headline), YEAR_IN_TITLE.findall(title)
    ends = TITLE_END.search(headline), TITLE_END.search(title)
    return ("关于" in title) != ("关于" in headline) and years[0] == years[1] and bool(years[0]) \
        and ends[0] is not None and ends[1] is not None and ends[0].group() == ends[1].group()


def _issued_document(text: str) -> str | None:
    return next(iter(issued_documents(text)), None)


def _whole_line_agency(line: str) -> AgencyMention | None:
    if "。" in line:
        return None  # no name holds a full stop: a sentence is not a signature (nor a whole one-line text)
    mentions = find_agency_mentions(line)
    if mentions and mentions[0].start == 0 and mentions[0].end == len(line):
        return mentions[0]
    if len(mentions) == 1 and mentions[0].shape == "township" and mentions[0].end == len(line):
        return _placed_township(line, mentions[0])
    if (len(mentions) == 2 and mentions[0].start == 0 and mentions[0].body in ("人民政府", "政府")
            and mentions[1].shape == "township" and mentions[1].start == mentions[0].end
            and mentions[1].end == len(line)):  # 鲤城区人民政府金龙街道办事处: the district's street office
        m = mentions[1]
        return AgencyMention(line, 0, len(line), prefix=mentions[0].prefix, body=m.body, party=m.party,
                             shape="township", township=m.township)
    return None


def _placed_township(line: str, m: AgencyMention) -> AgencyMention | None:
    """``桃江县灰山港镇人民政府``, ``杭州市西湖区北山街道办事处``: a township's body after the
    places it lies in (the whole line a body, its county the prefix)."""
    places = [p.group() for p in place_forms_pattern().finditer(line[: m.start])]
    if not places or "".join(places) != line[: m.start] or not canonical_place(places[-1]):
        return None
    return AgencyMention(line, 0, len(line), prefix=places[-1], body=m.body, party=m.party, shape="township",
                         parent_prefix=places[-2] if len(places) > 1 else None, township=m.township)


def find_issuer(doc: Document, title: str | None) -> IssuerCue | None:
    """The issuer's agency mention and where it was read: the signature (a body over a date,
    or the last line), the title (``X关于…``, ``X2020年度…``, a body on the line over it), the
    web page's 来源 line, the report's opening sentence, else its 文号 prefix."""
    lines = _nonempty_lines(doc.text)
    cue = _signature_issuer(lines)
    if cue is None:
        cue = _title_issuer(lines[:10], title)
    if cue is None:
        cue = _issuer_field(lines[:15])
    if cue is None or cue.mention.prefix in LEVEL_WORD_KINDS:
        for span in doc.removed:
            line = doc.original[span.start:span.end]
            for rx in (SOURCE_LINE, HOST_LINE):
                if (m := rx.search(line)) and (mention := _whole_line_agency(m.group(1))) and (
                        cue is None or _places_level_word(mention, cue.mention)):
                    # (市生态环境局2021年…报告 / 来源:武汉市生态环境局: the source places the level word)
                    return IssuerCue(mention, "web_source")
    return (cue or _adopting_session(lines[:3]) or _session_byline(lines[:8]) or _opening_issuer(lines)
            or _as_follows_issuer(doc.text) or _promulgator(lines[:10]) or _doc_number_issuer(lines[:8])
            or _own_field_issuer(doc.text))


def _places_level_word(named: AgencyMention, bare: AgencyMention) -> bool:
    """Whether ``named`` (武汉市生态环境局) is ``bare`` (市生态环境局) with its place written."""
    place = canonical_place(named.prefix) if named.prefix and named.prefix not in LEVEL_WORD_KINDS else None
    return bool(place and named.body == bare.body and bare.prefix
                and kind_of(place) in LEVEL_WORD_KINDS.get(bare.prefix, ()))


# (2025年7月31日石泉县第十九届人大常委会第二十三次会议通过): the body whose session adopted the text
ADOPTED_AT = re.compile(r"^[((](?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*([^()()]{4,40}?)第?"
                        r"[一二三四五六七八九十百0-9]+次(?:全体)?会议(?:审议)?(?:通过|批准)[))]$")


def _adopted_line(lines: list[str]) -> re.Match | None:
    """The line over the text saying which session adopted it, if one of ``lines`` is."""
    return next((m for line in lines if (m := ADOPTED_AT.match(line))), None)


def _adopting_session(lines: list[str]) -> IssuerCue | None:
    """The standing committee (or government) whose session adopted the text, printed over it."""
    if (m := _adopted_line(lines)) and (mention := _whole_line_agency(m.group(1))):
        return IssuerCue(mention, "title")
    return None


SESSION_LINE = re.compile(r"^[—\-]{1,2}\s*(?:(?:19|20)\d{2}\s*年[^。;:]{0,8}日)?\s*在")


def _session_byline(lines: list[str]) -> IssuerCue | None:
    """The body named on a line of its own under the session line of a report delivered at a
    session (关于…的执法检查报告 / ——2022年7月12日在…会议上 / 市人大常委会执法检查组), before the
    salutation."""
    k = next((i for i, line in enumerate(lines) if SESSION_LINE.match(line)), None)
    if k is None:
        return None
    speaker = None  # the body in the last line of the speaker's posts (…执法检查组副组长王革冰)
    for line in lines[k + 1 : k + 4]:
        if re.search(r"[。;:]", line):
            break  # the salutation (主任、各位副主任、各位委员:) or the body begins
        if (mention := _whole_line_agency(line)) is not None:
            return IssuerCue(mention, "title")
        if (post := SPEAKER_POST.search(line)) and (mention := _whole_line_agency(line[: post.start()])):
            speaker = IssuerCue(mention, "title")
    return speaker


# a speaker's post and name after the body on a byline (自治区人大常委会执法检查组副组长王革冰)
SPEAKER_POST = re.compile(r"(?:副?(?:主任委员|主任|组长|委员长|秘书长|厅长|局长|省长|市长|县长|区长|主席)"
                          r"|党组书记|书记)(?:、[^、]{2,8})*[\u4e00-\u9fff·]{0,5}$")


def _issuer_field(lines: list[str]) -> IssuerCue | None:
    for line in lines:
        if (m := ISSUER_FIELD.search(line)) and (mention := _whole_line_agency(m.group(1))):
            return IssuerCue(mention, "web_source")
    return None


PROMULGATED_BY = re.compile(r"由([^,。;《》]{4,30}?)(?:颁布|发布|印发)")


def _promulgator(lines: list[str]) -> IssuerCue | None:
    """The body a page says made the document public (``《…》在2015.01.09由宁夏回族自治区人民政府颁布``)."""
    for line in lines:
        if (m := PROMULGATED_BY.search(line)) and (mention := _whole_line_agency(m.group(1))):
            return IssuerCue(mention, "first_sentence")
    return None


def _as_follows_issuer(text: str) -> IssuerCue | None:
    """The body whose year's work the opening reports (``现将市司法局2019年…报告如下``)."""
    stated = _report_as_follows(text)
    if stated is None or not (named := stated.group(1).strip()):
        return None
    mention = _whole_line_agency(named) or _place_mention(named)
    if mention is None and (own := OWN_PLACE_WORD.fullmatch(named)):
        mention = _own_place(own.group(1))
    return IssuerCue(mention, "first_sentence") if mention is not None else None


OWN_DEPARTMENT = re.compile(r"我(局|厅|委|办)")
DEPARTMENT_ENDING = re.compile(r"(?:委员会|办公室|局|厅|委|办)$")
# what a department's report says it advances in its own field: 推进环境保护法治政府建设,
# 卫健系统法治建设, 全市公安机关依法行政
FIELD_CUE = r"(?:行政|工作)?(?:系统|领域|行业|机关)?(?:法治政府建设|法治建设|依法行政|法治工作)"
OWN_SYSTEM = r"全[市县区州省旗盟]"
FIELD_PROTECTION = r"(?:保护)?"  # (生态环境保护领域依法行政: the 生态环境 field)
MINISTRY_GUIDES = r"部(?:的)?[^,。;、]{0,4}?指导"


def _own_field_issuer(text: str) -> IssuerCue | None:
    """A department's report that names itself only as 我局/我厅/我委: the department (of the
    report's region) whose field the text says it advances in rule-of-law terms — the field
    named most often before 法治(政府)建设/依法行政 among the standard department names ending
    in that character (``data/gazetteers/department_names.txt``)."""
    own = OWN_DEPARTMENT.search(text)
    if own is None:
        return None
    spans: dict[str, list[tuple[int, int]]] = {}
    for name in department_names():
        stem = DEPARTMENT_ENDING.sub("", name)
        if len(stem) < 2 or not (name.endswith(own.group(1)) or own.group(1) == "委" and name.endswith("委员会")):
            continue
        # (or the system it heads: 全市司法行政系统在市委、市政府的正确领导下…)
        found = [m.span() for m in re.finditer(re.escape(stem) + FIELD_PROTECTION + FIELD_CUE, text)]
        found += [m.span() for m in re.finditer(OWN_SYSTEM + re.escape(stem) + r"(?:行政)?系统", text)]
        # (or the ministry of its field guides it: 在交通运输部的指导支持下,我厅…)
        found += [m.span() for m in re.finditer(re.escape(stem) + MINISTRY_GUIDES, text)]
        if found:
            spans.setdefault(abbreviations().get(name, name), []).extend(found)  # 卫健委 and 卫生健康委员会: one body
    every = [span for found in spans.values() for span in found]
    votes: Counter = Counter()
    for name, found in spans.items():
        # a field named inside another's (环境保护 in 生态环境保护领域依法行政: the 生态环境局's) votes not
        n = sum(1 for a, b in found if not any(c < a and b <= d or c <= a and b < d for c, d in every))
        if n:
            votes[name] += n
    best = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    if not best:  # no field: the one department of its kind the opening names with its place
        # (the opening only: the whole text is the agency stage's, read once)
        named = {m.text: m for m in find_agency_mentions(text[:OWN_NAME_WINDOW])
                 if m.shape == "anchored" and m.prefix and m.body and m.body.endswith(own.group(1))
                 and len(m.body) > 2}  # (公安局, not 市局)
        return IssuerCue(next(iter(named.values())), "own_field") if len(named) == 1 else None
    if len(best) > 1 and best[1][1] == best[0][1]:
        return None  # two fields as often
    name = best[0][0]
    mention = AgencyMention(own.group(), own.start(), own.end(), prefix=None, body=name, shape="bare")
    return IssuerCue(mention, "own_field")


OWN_NAME_WINDOW = 2000  # characters of the opening where a department speaking as 我局 names itself


LOOSE_DATE_LINE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|(?:19|20)\d{5,6})\s*$")
DOC_NUMBER_HEAD = re.compile(r"^[\u4e00-\u9fff]{1,8}[〔\[(【]?(?:19|20)\d{2}[〕\])】]?\d{1,4}号")
TITLE_NOISE = re.compile(r"【[^】]{0,12}】|[《》〈〉“”]|^[•·\-\s]+")
# (a year introduced first, 2023年是…开局之年。, and then the work: 一年来,市教育局…)
OPENING = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年是[^。]{0,120}。(?:(?:一年来|过去一年|今年以来|全年)[,,]?)?"
    r"|(?:(?:19|20)\d{2}年(?:度|以来|来)?|\d{1,2}月\d{1,2}日)[,,]?)\s*"
)


def _is_date_line(line: str) -> bool:
    return bool(DATE_LINE.match(line) or LOOSE_DATE_LINE.match(line))


def _signature_line(line: str) -> AgencyMention | None:
    """A whole-line body name, also in brackets: ``(铜川市政府法制办)``."""
    line = line.strip()
    if len(line) > 2 and line[0] in "((" and line[-1] in "))":
        line = line[1:-1].strip()
    parts = line.split()
    if len(parts) > 1:  # joint signers on one line: 中共兰考县委员会 兰考县人民政府 (the first signs)
        signers = [_whole_line_agency(p) for p in parts]
        return signers[0] if all(signers) else None
    return _whole_line_agency(line)


def _signature_issuer(lines: list[str]) -> IssuerCue | None:
    """A body signing over a date (the first of several joint signers), or, at the end of
    the text, a body alone on the last line that is not the end of a list of bodies."""
    signed = None
    for k in range(1, len(lines)):
        if not _is_date_line(lines[k]):
            continue
        j = k - 1
        while j >= 0 and SEAL_LINE.match(lines[j]):
            j -= 1
        first = None
        while j >= 0 and (mention := _signature_line(lines[j])) is not None:
            if first is not None and mention.prefix in LEVEL_WORD_KINDS and first.prefix not in LEVEL_WORD_KINDS:
                break  # 区农业农村局 over 南宁市青秀区人民政府办公室: the end of a list, not a co-signer
            first, j = mention, j - 1
        if first is not None:
            signed = first
    if signed is not None:
        return IssuerCue(signed, "signature")
    tail = lines[-5:]
    for k in range(len(tail) - 1, -1, -1):
        line = tail[k]
        if _is_date_line(line) or SEAL_LINE.match(line):
            continue
        mention = _signature_line(line)
        if mention and not (k > 0 and _signature_line(tail[k - 1])):
            return IssuerCue(mention, "signature")
        # a news item's byline closing its last paragraph: …运行机制。(山东省聊城市东阿县人大常委会)
        if (byline := TRAILING_BYLINE.search(line)) and (mention := _whole_line_agency(byline.group(1))):
            return IssuerCue(mention, "signature")
        break
    return None


TRAILING_BYLINE = re.compile(r"[。!]\s*[(（]([^()（）]{4,30})[)）]\s*$")


def _title_line(line: str) -> str:
    line = TITLE_NOISE.sub("", line.strip())
    line = DOC_NUMBER_HEAD.sub("", line).strip()
    return TITLE_NOISE.sub("", line).strip()


def _lead_body(text: str, places: bool = True) -> AgencyMention | None:
    """The body or place (unless not ``places``) a title line opens with: ``X关于``,
    ``X2020年度…``, ``X视察…``."""
    head = re.match(r"^(.{2,40}?)(?:关于|(?:19|20)\d{2}\s*年)", text)
    if head and (joint := _joint_government(head.group(1).strip(), JOINT_REPORT.search(text) is not None)):
        return joint
    if head and (mention := _whole_line_agency(head.group(1).strip())
                 or (_place_mention(head.group(1).strip()) if places else None)):
        return mention
    return None


def _joint_government(text: str, report: bool = True) -> AgencyMention | None:
    """A Party committee and its government signing together (中共沅陵县委 沅陵县人民政府): the
    government of a report, as a joint opening's (县委、县政府坚持…) is; the committee, named first,
    of a notice (中共杭州市委 杭州市人民政府关于…考评结果的通报), as the annotators of joint notices
    and plans have it."""
    found = find_agency_mentions(text)
    if len(found) == 2 and found[0].start == 0 and found[1].end == len(text) and _committee_and_government(
            text, found[0], found[1]):
        return found[1] if report else found[0]
    return None


# a joint title's kind that the government reports in (…法治政府建设情况的报告, 2022年度…工作报告)
JOINT_REPORT = re.compile(r"(?:报告|总结|情况)$")


def _committee_and_government(text: str, committee: AgencyMention, government: AgencyMention) -> bool:
    """``committee`` is a Party committee and ``government`` its government, written together
    (县委、县政府; 中共沅陵县委 沅陵县人民政府): the government is the one that reports."""
    # (中共浚县县委: the place 浚县 and its 县委)
    return (re.fullmatch(r"[省市县区州旗盟]?委|党委|委员会", committee.body or "") is not None
            and (government.body or "") in ("政府", "人民政府")
            and re.fullmatch(r"[\s、,和及]*", text[committee.end:government.start]) is not None)


def _place_mention(text: str) -> AgencyMention | None:
    """A place named alone stands for its government (``横县2020年度…报告``), a township for
    its government or its 街道's office (``渠县有庆镇2020年度…``, ``虹桥街道2021年…``)."""
    m = place_forms_pattern().fullmatch(text)
    if m and canonical_place(text):
        return AgencyMention(text, 0, len(text), prefix=text, party=False, body=None, shape="place")
    # a place under the place it lies in (西安市未央区2022年度…报告): the lower one's government
    spans = place_form_spans(text)
    if (len(spans) == 2 and spans[0][0] == 0 and spans[0][1] == spans[1][0] and spans[1][1] == len(text)
            and (upper := canonical_place(spans[0][2]))
            and (lower := canonical_place(spans[1][2], near=upper)) and upper in chain_of(lower)[1:]):
        return AgencyMention(text, 0, len(text), prefix=spans[1][2], party=False, body=None, shape="place",
                             parent_prefix=spans[0][2])
    if township := TOWNSHIP_ALONE.fullmatch(text):
        mention = _whole_line_agency(text + ("办事处" if township.group(1) == "街道" else "人民政府"))
        if mention is not None and mention.shape == "township":
            return mention
    if find_zone(text, text=text) is not None:  # 郑州高新区 acting: its managing committee
        mention = _whole_line_agency(text + "管委会")
        if mention is not None and mention.shape == "zone":
            return mention
    return None


TOWNSHIP_ALONE = re.compile(r"[\u4e00-\u9fff]{2,12}?(镇|乡|苏木|街道)")


LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年度?")


def _title_issuer(lines: list[str], title: str | None) -> IssuerCue | None:
    cleaned = [_title_line(ln) for ln in lines]
    if title:
        cleaned.insert(0, _title_line(title))
    placed = None  # a title opening with a place alone (永嘉镇2019年…): its government, unless a body is named
    for k, line in enumerate(cleaned):
        if not line or re.search(r"[。;:]", line):
            continue
        if (year := LEADING_YEAR.match(line)) and (place := place_forms_pattern().match(line, year.end())):
            # 2019年渝中区法治政府建设工作情况报告: read as 渝中区2019年…, the place opening the title
            line = place.group() + year.group() + line[place.end():]
        if mention := _lead_body(line, places=False):
            return IssuerCue(mention, "title")
        if placed is None and (mention := _lead_body(line)):
            placed = IssuerCue(mention, "title")
            continue
        # a body (or joint bodies) on the lines over the title: 西平县人民政府办公室 / 关于印发…
        if (mention := _whole_line_agency(line)) is not None:
            j = k + 1
            while j < len(cleaned) and _whole_line_agency(cleaned[j]):
                j += 1
            if j < len(cleaned) and re.match(r"^(?:关于|(?:19|20)\d{2}\s*年)", cleaned[j]):
                return IssuerCue(mention, "title")
    return placed


def _opening_issuer(lines: list[str]) -> IssuerCue | None:
    """The subject of the report's opening sentence (``2017年,自治区政府法制办认真…``);
    a Party committee named with its government (``省委、省政府``) gives the government;
    ``我市`` gives the government of the level the region is placed at."""
    addressed = False  # the line before was a salutation: this one opens the text
    if lines and (run_on := leading_addressees(lines[0])) is not None:
        lines = [lines[0][run_on[0]:], *lines[1:]]  # addressees run on into the text: it opens after them
    for line in lines[:10]:
        salutation = line.endswith((":", ":")) and len(line) < 60 and not re.search(r"[。;]", line)
        opening = OPENING.match(line)
        after_salutation, addressed = addressed, salutation and line is lines[0]
        if opening and not re.search(r"[,,。;]", line):
            continue  # a title (2025年陇西县法治政府建设情况), not the opening sentence
        if salutation or (not opening and line is not lines[0] and not after_salutation):
            continue  # a salutation (省政府、市委:) names the addressees
        first = OPENING.sub("", line, count=1)
        first = re.sub(r"^(?:在[^,,。]{2,40}?[下上][,,])+", "", first)  # 在…领导下, 在…新征程上 (one or more)
        mentions = find_agency_mentions(first[:60])
        if mentions and mentions[0].start == 0 and not first[mentions[0].end:].startswith(("《", "<")):
            m0 = mentions[0]
            if len(mentions) > 1 and _committee_and_government(first, m0, mentions[1]):
                return IssuerCue(mentions[1], "first_sentence")
            return IssuerCue(m0, "first_sentence")
        if (own := OWN_PLACE_WORD.match(first)) is not None:
            return IssuerCue(_own_place(own.group(1)), "first_sentence")
        # (the place's rule-of-law work as the subject: 2020年,清水县法治建设坚持…)
        head = re.match(r"^([\u4e00-\u9fff]{2,12}?)(?:法治政府建设|法治建设|依法行政工作|依法行政)?"
                        r"(?:始终|一直|持续|紧紧|牢牢|不断|切实|积极|着力|高度)?"
                        r"(?:党委和政府|委、政府|[,,]|坚持|深入|认真|全面|以|在)", first)
        if head and (mention := _place_mention(head.group(1))):
            return IssuerCue(mention, "first_sentence")
        if OPENING.match(line):
            break
    return None


def _doc_number_issuer(lines: list[str]) -> IssuerCue | None:
    """A 文号 prefix (``桂政发〔2015〕2号``): a province's one-character name and 政/府 name its
    government (``data/gazetteers/province_abbreviations.tsv``)."""
    table = province_abbreviations()
    for line in lines:
        if len(line) > 40 and re.search(r"》\s*[(（]", line):
            continue  # a sentence citing a document by its 文号 (根据省政府《…》(晋政发〔2015〕4号)), not the report's
        if dept := _department_doc_number(line):
            return dept
        m = re.search(r"([\u4e00-\u9fff])(政|府)[发办函]{0,2}[〔\[((]?(?:19|20)\d{2}", line)
        if m and m.group(1) in table:
            place = table[m.group(1)]
            return IssuerCue(
                AgencyMention(m.group(), 0, len(m.group()), prefix=place, party=False, body=None, shape="doc_number"),
                "doc_number",
            )
    return None


def _department_doc_number(line: str) -> IssuerCue | None:
    """``川司发〔2020〕3号``: a provincial department's 文号 (``doc_number_departments.tsv``)."""
    codes = doc_number_departments()
    alt = "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
    m = re.search(rf"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])({alt})[发函通规字办]{{1,2}}[〔\[((](?:19|20)\d{{2}}", line)
    if m is None or m.group(1) not in province_abbreviations():
        return None
    place, body = province_abbreviations()[m.group(1)], codes[m.group(2)]
    if kind_of(place) == "直辖市" and body.endswith("厅"):
        body = body[:-1] + "局"  # a municipality's departments are 局: 沪司发 → 上海市司法局
    return IssuerCue(AgencyMention(m.group(), 0, len(m.group()), prefix=place, party=False, body=body,
                                   shape="doc_number"), "doc_number")


@lru_cache(maxsize=1)
def doc_number_departments() -> dict[str, str]:
    return dict(row[:2] for row in data_rows("gazetteers", "doc_number_departments.tsv"))


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, str]:
    return dict(row[:2] for row in data_rows("gazetteers", "province_abbreviations.tsv"))


def find_date(doc: Document) -> str | None:
    """The signature date (at the end, or below the signature of a notice that issues an
    attachment), else the date of the meeting a report was given at, else the publication
    date printed at the top (发布时间, 成文日期, a date line below the title)."""
    lines = _nonempty_lines(doc.text)
    for line in lines[-3:]:
        line = DATE_LABEL.sub("", line)  # 日期:2022年1月12日 under the signature
        if (
            DATE_LINE.match(line)
            and (date := parse_date(line))
            or GARBLED_DATE_LINE.match(line)
            and (date := _garbled_date(line))
        ):
            return date
    return _signature_date(lines) or _meeting_date(lines[:12]) or _publication_date(doc) or _title_date(lines[:3])


def _title_date(lines: list[str]) -> str | None:
    """The date a page prints after the title on its line (…情况报告 (2024-02-26))."""
    for line in lines:
        if (m := TRAILING_DATE.search(line)) and len(line) - len(m.group()) >= 8:
            return parse_date(m.group(1))
    return None


DATE_LABEL = re.compile(r"^(?:成文|落款|签发)?(?:日期|时间)\s*:\s*")
# A date line whose 年/月/日 were lost at the source: 2017223 is 2017-02-23.
GARBLED_DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2})(\d{3,4})\s*$")
MEETING_DATE = re.compile(rf"^[—\-\s(（]*(?:{YMD.pattern})\s*在[^。;]{{2,60}}?(?:会议|大会)上", re.M)
SIGNER_LINE = re.compile(
    r"(?:政府|办公厅|办公室|委员会|人大常委会|[厅局委部院办组室会])(?:\(.{2,30}代章\))?$|^\(此件[^()]{2,10}\)$"
)


def _garbled_date(line: str) -> str | None:
    """``2017223`` → 2017-02-23 when exactly one split of month and day is a date.

    >>> _garbled_date("2017223"), _garbled_date("20171112")
    ('2017-02-23', '2017-11-12')
    >>> _garbled_date("2017111") is None
    True
    """
    m = GARBLED_DATE_LINE.match(line)
    if not m:
        return None
    year, rest = m.group(1), m.group(2)
    splits = {(rest[:i], rest[i:]) for i in (1, 2) if 1 <= len(rest) - i <= 2}
    dates = [f"{year}-{int(mo):02d}-{int(d):02d}" for mo, d in splits if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31]
    return dates[0] if len(dates) == 1 else None


def _signature_date(lines: list[str]) -> str | None:
    """A date line right below a signing body (or 此件公开发布) anywhere in the text: a notice
    signed above the plan it issues."""
    for k, (prev, line) in enumerate(zip(lines, lines[1:], strict=False)):
        if (
            (DATE_LINE.match(line) or GARBLED_DATE_LINE.match(line))
            and (len(prev) <= 40 and SIGNER_LINE.search(prev)
                 or k + 2 < len(lines) and PUBLICITY_LINE.match(lines[k + 2]))  # a date over (此件公开发布)
            and (date := parse_date(line) or _garbled_date(line))
        ):
            return date
    return None


PUBLICITY_LINE = re.compile(r"^[((]此件[^()()]{2,10}[))]$")


def _meeting_date(lines: list[str]) -> str | None:
    """``——2016年3月29日在省十二届人大常委会第二十二次会议上`` (the line may wrap)."""
    m = MEETING_DATE.search("\n".join(lines))
    return parse_date(m.group()) if m else None


PUBLICATION_LABEL = re.compile(r"发布|时间|日期")
TRADITIONAL_LABEL = re.compile(r"發|時間|日期")
# 清水县人民政府 2024年01月08日; 中阳县政府 www.sxzhongyang.gov.cn 2016-03-21 00:00
BYLINE = re.compile(rf"^(?:来源\s*[::]\s*)?[\u4e00-\u9fff]{{2,30}}\s+(?:(?:https?://)?[\w.-]+\.(?:cn|com|net|org)\S*\s+)?{YMD.pattern}"
                    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
DATED_LINE = re.compile(rf"^[\s(（]*(?:{YMD.pattern}|{DMY.pattern})")  # (2021年3月15日), 05.11.2015 10:15
SENTENCE_GOES_ON = re.compile(r"\s*[,、。;]")


def _dated_line(line: str) -> bool:
    """A line opening with a date, not a sentence opening with one (2019年3月1日,县政府召开…)."""
    m = DATED_LINE.match(line)
    return m is not None and not SENTENCE_GOES_ON.match(line, m.end())


def _publication_date(doc: Document) -> str | None:
    for line in _nonempty_lines(doc.original[:600]):
        line = line.lstrip("-•·* ")
        # (a date in brackets under the title, (2021年3月15日), is the day it was given)
        # (also a bracketed line naming the body and the day: (荆门市司法局 2022年1月20日))
        # the date right after its label (时间:2025-12-23 来源:…), or opening the line, or the
        # bracketed line: not a date inside a sentence of the text (2021年,…2021年9月13日,委员长
        #到街道调研; 1.…并于2019年1月7日审议通过)
        label = PUBLICATION_LABEL.search(line)
        if label is None and TRADITIONAL_LABEL.search(line):
            line = normalize_query(line)  # 發(fā)布時間: a traditional-script page's label, annotated
            label = PUBLICATION_LABEL.search(line)
        if label and (date := parse_date(line[label.end() : label.end() + 24])):
            return date
        if (_dated_line(line) or re.match(r"^[(（][^()（）]{0,30}[)）]$", line) or BYLINE.match(line)) and (
            date := parse_date(line)
        ):
            return date
    return None


# A period (2021—2025年): a plan of several years covers no one work year.
YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–~至到]+\s*(?:19|20)\d{2}\s*年")


CN_YEAR = re.compile(r"[〇○零OoＯ一二三四五六七八九]{4}(?=\s*[年—–~至到-])")


def arabic_years(text: str) -> str:
    """Years written in Chinese numerals as digits (二〇二〇年度 → 2020年度); other runs kept.

    >>> arabic_years("关于二〇二〇年度法治政府建设情况的报告")
    '关于2020年度法治政府建设情况的报告'
    """
    def digits(m: re.Match) -> str:
        y = "".join(str(CN_DIGITS[c]) for c in m.group())
        return y if y.startswith(("19", "20")) else m.group()

    return CN_YEAR.sub(digits, text)


def find_year_covered(doc: Document, title: str | None) -> int | None:
    """The work year: the first year the title names (not a period's), else a year the opening
    states (``2017年度``, ``2017年,…``); years may be written in Chinese numerals.

    >>> from kg.normalize import normalize_text
    >>> d = normalize_text("正文。", name="x.txt")
    >>> find_year_covered(d, "襄阳市法治政府建设实施方案(2021—2025年)") is None
    True
    >>> find_year_covered(d, "关于2021年法治政府建设工作总结和2022年工作计划")
    2021
    """
    title = arabic_years(title) if title else title
    if title and YEAR_RANGE.search(title) and not YEAR_IN_TITLE.search(YEAR_RANGE.sub("", title)):
        return None
    if title and (m := YEAR_IN_TITLE.search(YEAR_RANGE.sub("", title))):
        return int(m.group(1))
    if (stated := _report_as_follows(doc.text)) is not None:
        return int(stated.group(2))
    m = YEAR_IN_BODY.search(arabic_years(doc.text[:400]))
    if m:
        return int(m.group(1) or m.group(2) or m.group(3))
    # a text opening on the first part of its report (一、2022年法治政府建设主要举措和成效)
    m = WORK_HEADING.search(arabic_years(doc.text[:1500]))
    if m and m.group(1):
        return int(m.group(1))
    # a review or news item on a year's report (会议审议省政府关于2019年法治政府建设情况的报告)
    m = REPORT_ON_YEAR.search(arabic_years(doc.text[:400]))
    return int(m.group(1)) if m else None


# the first part of a report on a year's work: 一、2023年法治政府工作情况, 一、工作开展情况
WORK_HEADING = re.compile(r"^[一1][、.]\s*(?:((?:19|20)\d{2})\s*年度?)?[^。;,\n]{0,24}?"
                          r"(?:举措|成效|成绩|工作(?:开展)?(?:情况|回顾|总结))[^。;,\n]{0,6}$", re.M)
REPORT_ON_YEAR = re.compile(r"关于((?:19|20)\d{2})\s*年度?[^。;,]{0,12}?(?:法治政府建设|依法行政)[^。;,]{0,16}?的?报告")


# 现将市司法局2019年法治政府建设情况报告如下: the report says whose and which year's work it
# gives (a survey's 现将调研情况报告如下 names neither)
REPORT_AS_FOLLOWS = re.compile(
    r"现将([^。;:《]{0,30}?)((?:19|20)\d{2})\s*年度?([^。;:》]{0,30}?)(?:报告|汇报|总结)如下"
)


def _report_as_follows(text: str) -> re.Match | None:
    """The opening's ``现将…2019年…报告如下`` of an annual report (not of a survey or an inspection)."""
    m = REPORT_AS_FOLLOWS.search(arabic_years(text[:1500]))
    return m if m and not re.search(r"调研|视察|检查|调查|评估", m.group(1) + m.group(3)) else None


def year_of_event(doc: Document, doc_type: str, date: str | None, title: str | None) -> int | None:
    """The year of the event a survey, inspection or evaluation text is about, when it names
    no work year: the year of the meeting it was delivered at, or — for a news item about
    the event (a title that is no 报告/通报) — the year of its date. A survey report merely
    published on some date names none."""
    if doc_type not in ("oversight_survey", "evaluation_notice") or not date:
        return None
    lines = _nonempty_lines(doc.text)
    meeting = _meeting_date(lines[:12])
    if meeting:
        return int(meeting[:4])
    if (adopted := _adopted_line(lines[:3])) and (year := YEAR_IN_TITLE.search(adopted.group())):
        return int(year.group(1))  # the opinions of a session, adopted on its date
    if title and not re.search(r"报告|通报|决定|命名|名单", title):  # (a naming, a list of names: years of work)
        return int(date[:4])
    return None


def place_votes(doc: Document) -> Counter:
    """How often the report names each place (full names and long short forms)."""
    votes: Counter = Counter()
    text = doc.text
    starts: Container[int] | None = None
    named: list[tuple[int, int, str]] = []
    for start, end, form in place_form_spans(text):
        if text.startswith("场", end) and form.endswith("市"):
            continue  # 东方市场监管所: 东方 and 市场, not 东方市
        if start and text[start - 1] in ROUTE_DASHES or text[end : end + 1] in ROUTE_DASHES:
            continue  # 宜春—长沙市全程网办: the ends of a route, not the report's places
        if start and "\u4e00" <= text[start - 1] <= "\u9fff":
            starts = token_bounds(text)[0] if starts is None else starts
            if start not in starts:
                continue  # 示范县: inside a word, not 范县
        if len(form) == 2 and (form[0] in FUNCTION_CHARS and LEVEL_BODY_AFTER.match(text, start + 1)
                               or WHOLE_LEVEL_FORM.fullmatch(form)):
            continue  # 市政府和县委: 和 and 县委, not 和县; 全州政府系统: the whole 州, not 全州县
        canon = canonical_place(form)
        if canon:
            named.append((start, end, canon))
    for i, (start, end, place) in enumerate(named):
        after = named[i + 1] if i + 1 < len(named) else None
        if after and after[0] == end and place in chain_of(after[2])[1:]:
            continue  # 龙岩市永定区: the city says which 永定区, it is not named apart
        own = OWN_PLACE_WORD.fullmatch(text, max(0, start - 2), start)
        if own and (above := next((p for p in chain_of(place)[1:]
                                   if kind_of(p) in LEVEL_WORD_KINDS.get(own.group(1), ())), None)):
            place = above  # 我市赫山区: a district of the report's own city, which is what it names
        votes[place] += 1
    # 法治青海, 法治广东: the campaign names its place by a stem too short to be counted elsewhere
    if "法治" in text:
        stems = short_stems()
        for m in RULE_OF_LAW_PLACE.finditer(text):
            if m.group(1) in stems and (canon := canonical_place(m.group(1))):
                votes[canon] += 1
        # 《临沂法治政府建设实施纲要》: a title opened by its place's short stem
        for m in TITLE_PLACE_STEM.finditer(text):
            if m.group(1) in stems and (canon := canonical_place(m.group(1))):
                votes[canon] += 1
    return votes


# a level word's bodies (县委, 区政府, 市直): what a 2-character place whose first is a function
# character (和县) reads as when its second begins one
LEVEL_BODY_AFTER = re.compile(r"[省市县区](?:委|政府|人大|政协|纪委|直|级|领导|法院|检察院)")
RULE_OF_LAW_PLACE = re.compile(r"法治([\u4e00-\u9fff]{2,3}?)(?=建设|[,。、;”\s])")
ROUTE_DASHES = frozenset("—–-~～")
TITLE_PLACE_STEM = re.compile(r"《([\u4e00-\u9fff]{2,3}?)(?=法治)")


def most_specific_place(text: str) -> str | None:
    """The lowest division named in ``text`` (a title): 四川省宣汉县… → 宣汉县.

    >>> most_specific_place("四川省宣汉县2019年法治政府建设工作报告")
    '宣汉县'
    """
    named = [n for m in place_forms_pattern().finditer(text) if (n := canonical_place(m.group()))]
    return max(named, key=lambda n: len(chain_of(n)), default=None)


def infer_region(doc: Document, issuer: AgencyMention | None, title: str | None = None) -> str | None:
    """The jurisdiction the report is about: the issuer's place, a level word placed by the
    places the report names, else the place named most."""
    region = _infer_region(doc, issuer, title)
    _settle_homonym(doc, region)
    return region


def _settle_homonym(doc: Document, region: str | None) -> None:
    """城中区, 市中区 …: the one the page's code or the report's other places point to."""
    if region:
        code = ADCODE.search(doc.original[:800])
        choose_homonym(
            region, set(place_votes(doc)) - {region}, (code.group(1) or code.group(2)) if code else None, doc.text
        )


def _infer_region(doc: Document, issuer: AgencyMention | None, title: str | None = None) -> str | None:
    votes = place_votes(doc)
    prefix = issuer.prefix if issuer else None
    if issuer is not None and issuer.shape == "national":
        return NATIONAL_REGION
    if issuer is not None and issuer.shape == "zone" and (zone := _issuer_zone(issuer, doc)) is not None:
        return zone
    coded = _adcode_place(doc)
    if prefix in LEVEL_WORD_KINDS and coded and (placed := level_place(prefix, coded)):
        return placed  # 区政府办公室 on a page whose 索引号 carries the district's code
    town = (
        re.match(r"^([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道|苏木))(?:委员会|人民政府|政府|党委|办事处)$", issuer.body or "")
        if issuer
        else None
    )
    if issuer is not None and issuer.shape == "township" and issuer.township:
        county = canonical_place(prefix) if prefix and prefix not in LEVEL_WORD_KINDS else None
        if county := county or _county_named_most(votes):
            place_township(issuer.township, county)
        return issuer.township
    if town:  # a township's body: the township is the jurisdiction, under the county named with it
        county = canonical_place(prefix) if prefix and prefix not in LEVEL_WORD_KINDS else None
        if county := county or _county_named_most(votes):
            place_township(town.group(1), county)
        return town.group(1)
    if prefix and prefix not in LEVEL_WORD_KINDS:
        parent = issuer.parent_prefix if issuer else None
        region = canonical_place(prefix, near=canonical_place(parent) if parent else None)
        return _branch_place(issuer, region) or region
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
        if prefix in ("省", "自治区") and (named := _province_stems(doc.text)):
            return named.most_common(1)[0][0]  # 省人民政府关于…的报告 / 2020年是湖北历史上…: 湖北省
    if votes:
        # the place whose chain gathers most mentions, preferring the lowest such division
        chains: Counter = Counter()
        for name, n in votes.items():
            for p in chain_of(name):
                chains[p] += n
        top = votes.most_common(1)[0][0]
        # a report speaking of itself as 我县 is a county's, whatever province its boilerplate names
        own = _own_level(doc)
        if own and (kinds := LEVEL_WORD_KINDS.get(own)) and kind_of(top) not in kinds:
            at_level = [(n, name) for name, n in votes.items() if kind_of(name) in kinds and top in chain_of(name)]
            if at_level:
                return max(at_level)[1]
        return top if chains else None
    return None


def _province_stems(text: str) -> Counter:
    """How often each province is named by its short stem at a word's start (2020年是湖北历史上…,
    让法治成为广东发展的…: 湖北省, 广东省); read only where a 省 body's report names no place."""
    stems = province_stems()
    starts = token_bounds(text)[0]
    return Counter(stems[m.group()] for m in _province_stem_pattern().finditer(text) if m.start() in starts)


@lru_cache(maxsize=1)
def _province_stem_pattern() -> re.Pattern:
    return re.compile("|".join(sorted(province_stems(), key=len, reverse=True)))


def _branch_place(issuer: AgencyMention | None, region: str | None) -> str | None:
    """The district a city bureau's branch is named for (广州市公安局增城区分局, 广州市生态环境局
    增城分局: 增城区), when it lies inside ``region``; the longest place name before 分局 (增城区,
    not 城区)."""
    body = issuer.body or "" if issuer is not None else ""
    if region is None or not body.endswith("分局"):
        return None
    head = body[: -len("分局")]
    for size in range(min(6, len(head) - 1), 1, -1):
        place = canonical_place(head[-size:], near=region)
        if place and place != region and region in chain_of(place):
            return place
    return None


OWN_LEVEL = re.compile(r"(?<=我)(省|市|县|区|州|旗|盟)")
OWN_PLACE_WORD = re.compile(r"我(市|区|县|州|盟|旗|省)")


# an opening that sums up the year of its whole jurisdiction (全县法治政府建设工作以…): the
# report of that level's government, as 我县 tells
WHOLE_JURISDICTION_WORK = re.compile(r"全(县|市|区|州|旗|盟)(?=[\u4e00-\u9fff]{0,8}?(?:法治政府建设|依法行政)工作)")


# the opening's committee and government of one level leading the report's body (在区委区政府的正确
# 领导下, 在县委、县政府的坚强领导下): the body is of that level
LED_AT_LEVEL = re.compile(r"在(?:中共)?([省市县区州旗盟])委[、和]?\1?(?:人民)?政府[^,。;]{0,8}?领导")


def _own_level(doc: Document, *, led: bool = True) -> str | None:
    """The level the report speaks of itself at most (县 of 我县), if it does; else the level
    whose whole work its opening sums up (全县法治政府建设工作), else that of the committee and
    government its opening says lead it (在区委区政府的正确领导下), unless ``led`` is false (the
    leaders say the level of the report's body, not that the body is their government)."""
    own = Counter(OWN_LEVEL.findall(doc.text)).most_common(1)
    if own:
        return own[0][0]
    whole = WHOLE_JURISDICTION_WORK.search(doc.text[:400])
    if whole:
        return whole.group(1)
    if not led:
        return None
    leaders = LED_AT_LEVEL.search(doc.text[:400])  # 在区委区政府的正确领导下,我局…: a bureau of the 区
    return leaders.group(1) if leaders else None


def _own_place(level: str) -> AgencyMention:
    """我县, 我市 …: the place of the report's own government, at ``level`` (an issuer cue)."""
    return AgencyMention("我" + level, 0, 2, prefix=level, party=False, body=None, shape="own_place")


OWN_TOWNSHIP_WORD = re.compile(r"(?:我|本|全)(镇|乡|街道)(?!办)")
TOWNSHIP_STEM_BEFORE = frozenset(STOP_CHARS | COORDINATORS | set("年月日"))


def _own_township(doc: Document) -> AgencyMention | None:
    """An untitled, unsigned township's report, speaking of itself as 我镇 (twice or more) and
    naming a township of that level by itself (在下太镇落地生根, 2023年,清波街道以…): that
    township reports. The name is the one named most often after a word boundary (a stop
    character, 年, or its county's name)."""
    text = doc.text
    own = Counter(OWN_TOWNSHIP_WORD.findall(text)).most_common(1)
    if not own or own[0][1] < 2:
        return None
    level = own[0][0]
    county_ends = {e for _, e, form in place_form_spans(text) if form[-1] in "县区市旗"}
    named: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in re.finditer(level, text):
        for size in range(2, 5):
            start = m.start() - size
            stem = text[max(0, start) : m.start()]
            if start < 0 or not all("\u4e00" <= ch <= "\u9fff" for ch in stem) or set(stem) & STOP_CHARS:
                break
            before = text[start - 1] if start else "\n"
            if NOT_TOWNSHIP_STEM.search(stem) or not (
                    before in TOWNSHIP_STEM_BEFORE or not "\u4e00" <= before <= "\u9fff" or start in county_ends):
                continue
            named[stem + level] += 1
            first.setdefault(stem + level, start)
    if not named:
        return None
    name = max(named, key=lambda n: (named[n], -first[n]))
    at = first[name]
    return AgencyMention(name, at, at + len(name), prefix=None, party=False, body=None, shape="township",
                         township=name)


def _own_government(doc: Document, region: str) -> IssuerCue | None:
    """A report naming no issuer that speaks of itself as 我县 (the level of its region): the
    region's government reports (开阳县 … 我县 → 开阳县人民政府)."""
    level = _own_level(doc, led=False)
    if level is None or kind_of(region) not in LEVEL_WORD_KINDS.get(level, ()):
        return None
    return IssuerCue(_own_place(level), "first_sentence")


FUNCTION_CHARS = frozenset(STOP_CHARS | COORDINATORS)  # (和县 of 省政府和县委 is no place named)
COUNTY_KINDS = ("县", "县级市", "市辖区", "自治县", "旗", "自治旗", "林区", "特区")


def _county_named_most(votes: Counter) -> str | None:
    """The county-level place a township's report names most (慈溪市委、市政府; 法治慈溪),
    when its signature names none: the township lies in it."""
    counties = [(n, name) for name, n in votes.items() if kind_of(name) in COUNTY_KINDS
                and not (len(name) == 2 and name[0] in FUNCTION_CHARS)]  # 和县 of 省政府和县委
    return max(counties)[1] if counties else None


def _issuer_zone(issuer: AgencyMention, doc: Document) -> str | None:
    """A development zone's body issues the report: the zone (its common short form) is the
    region, recorded under its city so that 区, 市 and 省 in the report resolve."""
    form = issuer.zone or ""
    zone = find_zone(form, text=doc.text)
    if zone is None:
        return None
    full = zone.name if form in zone_kinds() or form in zone_forms() else form
    label = zone.label if form in zone_kinds() or form in zone_forms() else form
    place_zone(label, full, zone.city)
    return label


NATIONAL_REGION = "中国"
# A page's 索引号 or a body's unified credit code (11 + 6-digit division code + …) names
# the division of the publishing body.
ADCODE = re.compile(r"(?:索\s*引\s*号\s*[::]?\s*(\d{6})[/-]|(?<![0-9A-Z])1[1-3](\d{6})[0-9A-Z]{10}(?![0-9A-Z]))")


def _adcode_place(doc: Document) -> str | None:
    m = ADCODE.search(doc.original[:800])
    return place_by_adcode(m.group(1) or m.group(2)) if m else None


def find_doc_type(title: str | None, doc: Document, year_covered: int | None) -> str:
    """From the title; without one, from the opening words only what they can tell (a 通报表扬,
    a 视察), else an annual report when the text names its work year."""
    if not title and year_covered and _report_as_follows(doc.text):
        return "annual_report"  # (its opening may speak of a 考评 or a 通报表扬 the body received)
    if not title and OWN_PLAN.search(doc.text[:800]):
        return "plan"  # an untitled plan's opening: …结合自治区实际,制定本计划。
    if not title and WORK_HEADING.search(doc.text[:1500]):
        return "annual_report"  # an untitled text whose first part is the year's work done
    if not title and year_covered and OWN_YEAR_OPENING.match(doc.text):
        return "annual_report"  # 2020年,在…领导下,我县…: its own year's work, whatever 考核结果 it names
    for kind, rx in doc_type_cues():
        if title and rx.search(title) or not title and kind in BODY_DOC_TYPES and rx.search(doc.text[:400]):
            return kind
    if not title and MEETING_NEWS.match(doc.text):
        return "other"  # 2月25日上午,襄城县召开…述法工作会议: news of a meeting, not the year's report
    return "annual_report" if title is None and year_covered else "other"


# an untitled text opening on the day a meeting was held (2月25日上午,襄城县召开…会议; …,2023年3月21日,
# 2022年度台江区述法现场会在区委九楼会议室召开)
MEETING_NEWS = re.compile(r"\s*[^。\n]{0,80}?(?<!\d)\d{1,2}月\d{1,2}日(?:上午|下午|晚)?[,,]?[^。\n]{0,60}?"
                          r"(?:召开|举行|举办)(?:了)?[^。\n]{0,40}?(?:会议|现场会|座谈会|推进会|部署会|培训班|讲座)"
                          r"|\s*[^。\n]{0,80}?(?<!\d)\d{1,2}月\d{1,2}日[^。\n]{0,60}?(?:会|座谈会)在[^。\n]{2,20}?召开")


# a survey's verb and the place it looks into (调研涪陵区法治政府建设, 视察苍溪县…)
VISIT = re.compile(r"(?:调研|视察|检查|督查|考察|评估)")


def _visited_place(doc: Document, title: str | None, region: str | None) -> str | None:
    """The place below ``region`` a survey's title or opening says it looks into, when it names
    one alone right after its verb (``调研涪陵区法治政府建设情况`` in a 市人大常委会 news item)."""
    if region is None:
        return None
    found = set()
    for text in (title or "", doc.text[:300]):
        for m in VISIT.finditer(text):
            form = place_forms_pattern().match(text, m.end())
            if form and (place := canonical_place(form.group(), near=region)) and place != region \
                    and region in chain_of(place):
                found.add(place)
    return found.pop() if len(found) == 1 else None


BODY_DOC_TYPES = ("evaluation_notice", "oversight_survey")
OWN_YEAR_OPENING = re.compile(r"\s*(?:19|20)\d{2}\s*年(?:度|以来)?[,,][^。;]{0,60}?我[县市区州旗盟省局委厅镇乡]")
OWN_PLAN = re.compile(r"(?:制定|制订|特制定)本(?:实施|工作)?(?:计划|方案|要点|规划)")


def extract_metadata_with_issuer(doc: Document) -> tuple[Metadata, IssuerCue | None]:
    # a repeated district name, a township, a zone: settled for each report anew, before its
    # issuer is looked up, so the previous report's places steer neither issuer nor region
    reset_homonyms()
    title = find_title(doc)
    issuer = find_issuer(doc, title)
    if issuer is None and title is None and (town := _own_township(doc)) is not None:
        issuer = IssuerCue(town, "first_sentence")
    year = find_year_covered(doc, title)
    region = infer_region(doc, issuer.mention if issuer else None, title)
    if issuer is None and region:
        issuer = _own_government(doc, region)
    date, doc_type = find_date(doc), find_doc_type(title, doc, year)
    if doc_type == "oversight_survey" and (visited := _visited_place(doc, title, region)) is not None:
        region = visited  # 市人大常委会副主任王越专题调研涪陵区法治政府建设情况: the survey is of 涪陵区
    if year is None:
        year = year_of_event(doc, doc_type, date, title)
    if year is None and doc_type == "annual_report" and date and THIS_YEAR.search(doc.text[:400]):
        year = int(date[:4])
    return Metadata(title=title, issuer=None, date=date, year_covered=year, region=region, doc_type=doc_type), issuer
