"""Evaluation results: who rated whom, for which year, with what grade, score or rank.

Two general shapes (cue words in ``data/patterns/ratings.tsv``):

* a heading with a grade (``(一)法治政府建设工作实绩优秀的盟市``) over a list of bodies — each
  listed body gets that grade;
* a result sentence about the report's own jurisdiction (``我市取得了81.53分,属良好等次``,
  ``排名第9``, ``22个地市``), rated by the body the sentence names (or ``省对我市`` in its
  heading).

The evaluator of listed grades is the body that ``对…进行考核评价`` in the report, else the
issuer.

>>> grade_of("(一)法治政府建设工作实绩优秀的盟市"), grade_of("考评不合格的部门")
('优秀', '不合格')
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache

from kg.core.doc import Document
from kg.core.model import Agency, Evidence, Metadata, Rating
from kg.core.places import canonical_place, place_forms_pattern
from kg.core.resources import data_rows
from kg.core.rxinfo import first_char_guarded
from kg.extract.agencies import COUNTED_THEN_AND, NUMBER, find_agency_mentions
from kg.extract.sections import heading_level
from kg.resolve.agencies import canonical_name, mention_name

# (or a news item's body that issues the notice of the results: 省委全面依法治省委员会发布《关于表扬…优秀单位的通报》)
EVALUATION_VERB = re.compile(r"对[^。;]{0,80}?(?:考核评价|考核|考评|评价|评估|测评)"
                             r"|(?:发布|印发|下发|公布)了?《[^《》]{0,60}?(?:表扬|表彰|考评|考核|命名)[^《》]{0,40}》"
                             r"|通报了[^。;《》]{0,40}?(?:考核|考评)(?:情况|结果)"
                             # (the body that, with others, carried it out: 区政府办公室会同…开展了…考核评估工作)
                             r"|(?:会同|牵头)[^。;]{0,80}?(?:开展|组织)了?[^。;]{0,30}?(?:考核|考评|评估)")
OWN = re.compile(r"我(?:市|区|县|州|盟|旗|省)")
LEVEL_OVER_OWN = re.compile(r"(省|自治区|市|州|盟)对我(?:市|区|县|州|盟|旗)")
YEAR = re.compile(r"((?:19|20)\d{2})年度?")


@lru_cache(maxsize=1)
def rating_cues() -> dict[str, re.Pattern]:
    """The cues of ``ratings.tsv``, each behind a look-ahead on the characters its matches open
    with where they are known (searched in many sentences: the same matches, found faster)."""
    return {row[0]: first_char_guarded(re.compile(row[1])) for row in data_rows("patterns", "ratings.tsv")}


# a lead-in giving the grade of the lists under it (现将考核优秀等次单位通报如下:)
GRADED_LEAD = re.compile(r"(不合格|不达标|基本合格|优秀|良好|合格|达标|较好|先进)(?:等次|等级|档次)?(?:的)?"
                         r"(?:单位|地区|集体)?[^。;:,]{0,10}?(?:通报|名单|公布)?如下\s*:?\s*$")
COUNTED = re.compile(r"\((?:共)?\d+个\)")  # 一、市政府(5个): a heading over a counted list


def grade_of(text: str) -> str | None:
    m = rating_cues()["grade"].search(text)
    return m.group(1) if m else None


def _canonical(m, region: str | None, metadata: Metadata | None = None) -> str | None:
    if metadata is not None:  # every shape of mention, as the report's agencies resolve it
        return mention_name(m, metadata)
    return canonical_name(m.prefix, m.body, region, m.party)


def _evaluator(doc: Document, names: set[str], metadata: Metadata) -> str | None:
    """The body the report says rated (对…考核, 发布《…通报》, 会同…开展…考核), else the issuer; named
    as the report's agencies are (县政府办公室 in a report never naming its county)."""
    for sent in doc.sentences:
        text = doc.sentence_text(sent)
        verb = EVALUATION_VERB.search(text)
        if not verb:
            continue
        before = [m for m in find_agency_mentions(text[:verb.start()]) if _canonical(m, None, metadata) in names]
        if before:
            return _canonical(before[-1], None, metadata)
    return metadata.issuer


def _number(field: str, text: str) -> float | None:
    m = rating_cues()[field].search(text)
    return float(m.group(1)) if m else None


ROSTER_CAPTION = re.compile(r"^[^,,。;:]{0,50}(?:名单|名录)$")
AWARD = re.compile(r"(?:命名|表彰|表扬|授予|评为|评定|确定)((?:[^。;:为]{2,40}?[、,和])+[^。;:为]{2,40}?)(?:为|等)")


def _rosters(doc: Document, lines: list[str], offsets: list[int], names: set[str], region: str | None,
             metadata: Metadata, evaluator_of) -> list[Rating]:
    """A roster under its caption (``2021年度郑州市依法行政工作先进集体名单`` then one body a
    line, or lists of bodies): every listed body is rated with the caption's grade."""
    out: list[Rating] = []
    for k, line in enumerate(lines):
        caption = line.strip()
        if not ROSTER_CAPTION.match(caption) or not (grade_of(caption) or re.search(r"示范|表彰|表扬|命名", caption)):
            continue
        year_m = YEAR.search(caption)
        year = int(year_m.group(1)) if year_m else metadata.year_covered
        evaluator = evaluator_of()
        previous = ""
        for j in range(k + 1, len(lines)):
            item = lines[j].strip()
            if not item:
                continue
            mentions = find_agency_mentions(item)
            if not mentions and previous.endswith(("、", ",")):  # the last line of a wrapped list (…萧山区、 / 桐庐县)
                shift = len(previous) + 1
                mentions = [replace(m, start=m.start - shift, end=m.end - shift)
                            for m in find_agency_mentions(previous + "\n" + item) if m.start >= shift]
            previous = item
            covered = sum(m.end - m.start for m in mentions)
            if not mentions or covered < 0.6 * len(re.sub(r"[,、,。;\s\d.]", "", item)):
                if heading_level(item) is not None or len(item) <= 30 and not re.search(r"[。;]", item):
                    continue  # a part's heading or a note inside the roster (二、示范县(30个); (按地区顺序排列))
                break  # the roster ends at the first sentence that is not a list of bodies
            for m in mentions:
                name = _canonical(m, region, metadata)
                if name in names:
                    out.append(Rating(evaluator, name, year, grade=grade_of(caption),
                                      evidence=Evidence.of(doc, offsets[j] + m.start, offsets[j] + m.end)))
    return out


def _joint_issuers(metadata: Metadata, names: set[str], region: str | None) -> list[str]:
    """The bodies a notice's title names before its 关于 (中共杭州市委 杭州市人民政府关于…), when two or more."""
    title = metadata.title or ""
    head = title[: title.find("关于")] if "关于" in title else ""
    found = [n for m in find_agency_mentions(head) if (n := _canonical(m, region, metadata)) in names]
    return found if len(found) >= 2 else []


def _uncaptioned_roster(doc: Document, lines: list[str], offsets: list[int], names: set[str], region: str | None,
                        metadata: Metadata, evaluator_of) -> list[Rating]:
    """A notice's 名单 printed without a caption, one place a line (…现将名单公示 / 司法部 / 2025年11月26日 /
    北京市西城区 / 河北省保定市唐县 / …): three or more lines each naming one body and nothing else."""
    if metadata.doc_type != "evaluation_notice" or "名单" not in doc.text:
        return []
    out: list[Rating] = []
    run: list[int] = []  # short lines without punctuation in a row: the roster's candidates
    for k, line in enumerate([*lines, ""]):
        if 5 <= len(line.strip()) <= 20 and not re.search(r"[,,。;:、\d]", line):
            run.append(k)
            continue
        if len(run) >= 3:
            out += _rated_lines(doc, lines, offsets, run, names, region, metadata, evaluator_of)
        run = []
    return out


def _rated_lines(doc: Document, lines: list[str], offsets: list[int], run: list[int], names: set[str],
                 region: str | None, metadata: Metadata, evaluator_of) -> list[Rating]:
    """The bodies of a run of lines each naming one place alone (found over the run: a line alone
    is no roster), rated by the notice's body."""
    block = "\n".join(lines[k] for k in run)
    starts = [0]
    for k in run[:-1]:
        starts.append(starts[-1] + len(lines[k]) + 1)
    line_at = {start: k for start, k in zip(starts, run, strict=True)}  # block offset → line index
    out = []
    for m in find_agency_mentions(block):
        j = line_at.get(m.start) if m.shape == "place" else None
        if j is not None and m.end - m.start == len(lines[j].rstrip()) \
                and (name := _canonical(m, region, metadata)) in names:
            out.append(Rating(evaluator_of(), name, metadata.year_covered,
                              evidence=Evidence.of(doc, offsets[j], offsets[j] + len(lines[j]))))
    return out if len(out) >= 3 else []


# 获得通报表扬的21个单位分别是:A、B…; 对A、B予以通报表扬: the bodies a commendation names
COMMENDED_LIST = re.compile(r"(?:获得|受到|予以)(?:通报)?(?:表扬|表彰|嘉奖)的[^。;:]{0,20}?(?:分别)?(?:是|为|有)\s*:"
                            r"([^。]+)")
COMMENDED_AFTER = re.compile(r"对([^。;:对]{4,400}?)予以(?:通报)?(?:表扬|表彰|嘉奖)")
COMMENDER = re.compile(r"发出通报|印发通报|通报表扬|予以表扬|予以表彰|予以嘉奖|决定")


def _commended(doc: Document, names: set[str], region: str | None, metadata: Metadata) -> list[Rating]:
    """Bodies a commendation lists: each rated by the body that commends (named before
    发出通报, 决定 or 对…予以表扬 in the text), else by the issuer."""
    out: list[Rating] = []
    text = doc.text
    if "表扬" not in text and "表彰" not in text and "嘉奖" not in text:
        return out
    for rx in (COMMENDED_LIST, COMMENDED_AFTER):
        for m in rx.finditer(text):
            head = text[max(0, m.start() - 400) : m.start()]
            cues = list(COMMENDER.finditer(head))
            cue = cues[-1] if cues else None  # the last commending verb before the list
            before = find_agency_mentions(head[: cue.start()] if cue else "")
            commender = next((n for b in reversed(before) if (n := _canonical(b, region, metadata)) in names), None)
            rater = commender or metadata.issuer
            for a in find_agency_mentions(m.group(1)):
                name = _canonical(a, region, metadata)
                if name in names and name != rater:
                    start = m.start(1) + a.start
                    out.append(Rating(rater, name, metadata.year_covered,
                                      evidence=Evidence.of(doc, start, start + a.end - a.start)))
    return out


def _award_sentences(doc: Document, names: set[str], region: str | None, metadata: Metadata) -> list[Rating]:
    """``市政府决定,命名大洼县人民政府、市食药监局、市公安局为…示范单位``: the sentence's
    subject (else the issuer) rates every body it names or commends."""
    out: list[Rating] = []
    for sent in doc.sentences:
        text = doc.sentence_text(sent)
        award = AWARD.search(text)
        if not award or re.search(r"等次|等级|档次", award.group(1)):
            continue  # 评为优秀等次,磴口县等…: a grade, not a list of the commended
        if text[max(0, award.start() - 12) : award.start()].find("被") != -1:
            continue  # X被(省委)评为…: X is commended, and what follows the verb is the honour, not a list
        mentions = [(m, n) for m in find_agency_mentions(text) if (n := _canonical(m, region, metadata)) in names]
        before = [n for m, n in mentions if m.end <= award.start()]
        evaluator = before[-1] if before else metadata.issuer
        grade = grade_of(text[award.end():]) or grade_of(text)
        year_m = YEAR.search(text)
        for m, n in mentions:
            if award.start(1) <= m.start and m.end <= award.end(1) and n != evaluator:
                out.append(Rating(evaluator, n, int(year_m.group(1)) if year_m else metadata.year_covered,
                                  grade=grade, evidence=Evidence.of(doc, sent.start, sent.end)))
    return out


# news of a 示范 list: the body that publishes or names it (中央依法治国办公布第二批全国法治政府建设示范地区
# 名单; …命名的决定; 启动了…示范创建活动), and the places entering it (阜城县上榜, 枣庄市成功入选, 博乐市、
# 石河子市被命名为…示范市)
SHOWCASE_PUBLISHED = re.compile(r"(?:公布|发布|印发|作出|启动)(?:了)?(?:关于)?[^。;]{0,16}?(?:示范|先进)[^。;]{0,24}?"
                                r"(?:名单|决定|活动)")
SHOWCASE_ENTERED = re.compile(r"(?:成功|均|顺利)?(?:入选|上榜|入围|被命名为|获得命名|获命名)")


def _showcase_entries(doc: Document, names: set[str], region: str | None, metadata: Metadata) -> list[Rating]:
    """News of places entering a 示范 list: each rated by the body the text says published the list,
    named the places or launched the campaign (the first such body it names)."""
    if "示范" not in doc.text or not SHOWCASE_ENTERED.search(doc.text):
        return []
    publisher = None
    for sent in doc.sentences:
        text = doc.sentence_text(sent)
        if (published := SHOWCASE_PUBLISHED.search(text)) is not None:
            before = [n for m in find_agency_mentions(text[: published.start()])
                      if (n := _canonical(m, region, metadata)) in names]
            if before:
                publisher = before[-1]
                break
    if publisher is None:
        return []
    out: list[Rating] = []
    for sent in doc.sentences:
        text = doc.sentence_text(sent)
        for entered in SHOWCASE_ENTERED.finditer(text):
            clause = max(text.rfind(c, 0, entered.start()) for c in ",;:。") + 1
            # the places named before the verb (衡水市阜城县: the county, under its city), as governments
            forms = [f.group() for f in place_forms_pattern().finditer(text, clause, entered.start())]
            for k, form in enumerate(forms):
                if k + 1 < len(forms) and canonical_place(forms[k + 1], near=canonical_place(form)):
                    continue  # the city a county is named under
                place = canonical_place(form, near=canonical_place(forms[k - 1]) if k else region)
                n = canonical_name(place, None, place) if place else None
                if n in names and n != publisher:
                    out.append(Rating(publisher, n, metadata.year_covered,
                                      evidence=Evidence.of(doc, sent.start, sent.end)))
    return out


# the grade words of a graded list, and those a results table's row ends with (in alternation
# order: 不合格 and 基本合格 before 合格)
LIST_GRADES = ("不合格", "不达标", "优秀", "良好", "基本合格", "合格", "达标", "较好", "一般", "较差")
ROW_GRADES = ("不合格", "不达标", "优秀", "良好", "合格", "达标", "较好", "基本合格")
# ``一、优秀等次(4个):A、B`` / ``考核结果为优秀的单位:A、B`` / ``优秀等次:A、B;良好等次:C``: a grade
# word closed by a colon, then the bodies it covers up to the next ; 。 or line end
INLINE_GRADE = re.compile(
    r"(?:^|(?<=[、,;。:\s)]))(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十\d]+[).、])?(?:[^:;。\n]{0,16}?结果为|[^:;。\n]{0,20}?(?:考核|考评|评议|评估))?"
    r"(" + "|".join(LIST_GRADES) + r"|[一二三四五]等(?=次)|[A-D](?=等|级))(?:等次|等级|档次|次|等|级)?(?:的)?"
    r"(?:单位|部门|县区|县\(市、区\)|县\(市\)区|乡镇|镇街|地区)?(?:\(\d+个\)|\d+[个家])?"
    # (a count's note and the words introducing the list: 优秀单位18家(含专项晋优2家)。依次是:)
    r"(?:\([^()]{0,20}\))?(?:[。,]?(?:依次|分别|具体)?(?:是|为))?:([^;。\n]+)"
)
# Strings every INLINE_GRADE match holds one of (its grade; 一等次, A等, A级): only a line
# with a colon and one of them is searched — the pattern, tried at every position, was most
# of this stage's time, for the few lines that hold a grade at all
INLINE_GRADE_WORD = re.compile("|".join(LIST_GRADES) + r"|等次|[A-D][等级]")
# one row of a flattened results table: ``1 泾阳县人民政府 92.5 优秀``
TABLE_ROW = re.compile(r"^\s*\d{1,3}[.、\s]\s*(\S.*?)\s+(?:\d{1,3}(?:\.\d{1,2})?分?\s+)?"
                       r"(" + "|".join(ROW_GRADES) + r")(?:等次|等级)?\s*$")
# what a line TABLE_ROW matches ends with, white space aside (a numbered paragraph is not tried)
TABLE_ROW_ENDS = (*ROW_GRADES, "等次", "等级")


# a run-in list rated by a verb: 临河区、五原县被评为优秀等次; 经考核,铁西区人民政府、双辽市人民政府为优秀等次
# (a commendation, 被自治区命名为示范地区, names the bodies but rates none: no grade, no rating)
RUN_IN_GRADE = re.compile(
    r"([^,。;:]{2,160}?)(?:均|分别)?(?:被([^,。;、]{0,12}?))?(?:评为|评定为|确定为|获评|考评为|考核为|达到|为)"
    r"[^。;,]{0,8}?(不合格|不达标|优秀|良好|基本合格|合格|达标|较好|一般|较差)(?:等次|等级|档次)"
    # (the grade alone after a rating verb: …等9个省辖市考核为优秀。)
    r"|([^,。;:]{2,80}?)(?:均|分别)?(?:考核为|考评为|评定为|评为)(不合格|优秀|良好|基本合格|合格|较好)(?=[。;,、])"
)
# Literals every RUN_IN_GRADE match holds (each verb but 获评 ends in 为): a sentence without a verb or
# without a grade word is not scanned — the lazy 2–160 character list is tried at every
# position, by far the dearest scan of a sentence
EVALUATED = re.compile(r"经(?:考核|考评|评估|评议|测评|评审)|根据(?:考核|考评|评估)结果")
RUN_IN_VERB = re.compile(r"为|获评|达到")
# what closes a list before its verb: 等, 等3个旗县区, 等单位, or a count alone (…红安县4个县市区)
LIST_CLOSE = re.compile(
    rf"等(?:{NUMBER}个[\u4e00-\u9fff]{{1,6}}|单位|部门|地区)?$|(?<!等){NUMBER}个[\u4e00-\u9fff]{{1,6}}$"
)
RUN_IN_GRADE_WORD = re.compile(r"等次|等级|档次|[核评定]为(?:不合格|优秀|良好|基本合格|合格|较好)")


def _run_in_grades(doc: Document, names: set[str], region: str | None, metadata: Metadata,
                   evaluator_of) -> list[Rating]:
    """``临河区、五原县被评为优秀等次``: the bodies just before the verb get the grade, rated by
    the notice's evaluator."""
    out: list[Rating] = []
    for sent in doc.sentences:
        text = doc.sentence_text(sent)
        if not (RUN_IN_VERB.search(text) and RUN_IN_GRADE_WORD.search(text)):
            continue
        # with no rater named, the notice's evaluator rates; an annual report's 被评为 names none
        unnamed_rater_is_evaluator = metadata.doc_type == "evaluation_notice" or EVALUATED.search(text) is not None
        found = None
        for r in RUN_IN_GRADE.finditer(text):
            found = find_agency_mentions(text) if found is None else found
            # (groups: the list, the namer, the grade; or, for a grade alone, the list and the grade)
            k, namer_group, grade = (1, 2, r.group(3)) if r.group(1) is not None else (4, 0, r.group(5))
            # the list right before the verb (经考核,A、B被评为…; A等3个旗县区被评为…; …、云浮等为)
            listed = LIST_CLOSE.sub("", r.group(k))
            # a counted list joined to the next (…红安县4个县市区和市城管执法委、…): its count read as a blank
            listed = COUNTED_THEN_AND.sub(lambda c: " " * len(c.group()), listed)
            namer = next((_canonical(m, region, metadata) for m in found
                          if namer_group and r.group(namer_group) and m.start == r.start(namer_group)
                          and m.end == r.end(namer_group)), None)
            inside = [m for m in found if r.start(k) <= m.start and m.end <= r.start(k) + len(listed)]
            for m in inside:
                # a list of bodies runs from m to the verb: nothing but bodies and separators
                rest, pos = listed[m.end - r.start(k):], m.end
                for o in sorted(inside, key=lambda o: o.start):
                    if o.start >= pos:
                        rest = rest.replace(o.text, "", 1)
                name = _canonical(m, region, metadata)
                if name in names and not re.search(r"[^、,和\s]", rest):
                    start = sent.start + m.start
                    rater = namer if namer in names else evaluator_of() if unnamed_rater_is_evaluator else None
                    if rater is None:
                        continue
                    out.append(Rating(rater, name, metadata.year_covered, grade=grade,
                                      evidence=Evidence.of(doc, start, sent.start + m.end)))
    return out


def _inline_grades(doc: Document, lines: list[str], offsets: list[int], names: set[str], region: str | None,
                   metadata: Metadata, evaluator_of) -> list[Rating]:
    """Graded lists written on one line: after a grade and a colon, or as table rows."""
    out: list[Rating] = []
    for j, line in enumerate(lines):
        # every match holds the colon and a grade word: a line without them is not read
        spans: list[tuple[str, int, int]] = [
            (m.group(1), m.start(2), m.end(2)) for m in INLINE_GRADE.finditer(line)
        ] if ":" in line and INLINE_GRADE_WORD.search(line) else []
        row = TABLE_ROW.match(line) if line.rstrip().endswith(TABLE_ROW_ENDS) else None
        if row and len(find_agency_mentions(row.group(1))) == 1:
            spans.append((row.group(2), row.start(1), row.end(1)))
        found = find_agency_mentions(line) if spans else []
        found_starts = [m.start for m in found]  # in order: each list reads only the mentions in it
        for grade, start, end in spans:
            for m in found[bisect.bisect_left(found_starts, start) : bisect.bisect_right(found_starts, end)]:
                name = _canonical(m, region, metadata)
                if start <= m.start and m.end <= end and name in names:
                    out.append(Rating(evaluator_of(), name, metadata.year_covered, grade=grade,
                                      evidence=Evidence.of(doc, offsets[j] + m.start, offsets[j] + m.end)))
    return out


def find_ratings(doc: Document, agencies: list[Agency], metadata: Metadata) -> list[Rating]:
    names = {a.name for a in agencies}
    region = metadata.region
    out: list[Rating] = []
    evaluator = None
    lines = doc.text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    # 1. a graded heading over a list of bodies (or a counted heading under a graded lead-in:
    # 现将考核优秀等次单位通报如下: / 一、市政府(5个) / 衡水、唐山…)
    lead_grade = None
    for k, line in enumerate(lines):
        if lead := GRADED_LEAD.search(line):
            lead_grade = lead.group(1)
            continue
        if heading_level(line) is None:
            continue
        if not (grade := grade_of(line) or (lead_grade if COUNTED.search(line) else None)):
            continue
        if evaluator is None:
            evaluator = _evaluator(doc, names, metadata)
        year_m = YEAR.search(line)
        year = int(year_m.group(1)) if year_m else metadata.year_covered
        colon = line.find(":")
        if colon != -1 and COUNTED.search(line, 0, colon):
            # the heading's own list: (一)县(市、区)政府(16个):A、B…
            for m in find_agency_mentions(line[colon + 1 :]):
                if (name := _canonical(m, region)) in names:
                    start = offsets[k] + colon + 1 + m.start
                    out.append(Rating(evaluator, name, year, grade=grade,
                                      evidence=Evidence.of(doc, start, start + m.end - m.start)))
        for j in range(k + 1, len(lines)):
            if heading_level(lines[j]) is not None:
                break
            one_item = re.search(r"[(（]1个[)）]", line) or (
                j + 1 < len(lines) and heading_level(lines[j + 1]) is not None
            )  # a list of one body: (二)良好(1个) / 市教育局
            if not re.search(r"[,、]|[。;]$", lines[j]) and not one_item:
                continue  # a signature or caption, not a list of rated bodies
            for m in find_agency_mentions(lines[j]):
                name = _canonical(m, region)
                if name in names:
                    start = offsets[j] + m.start
                    out.append(Rating(evaluator, name, year, grade=grade,
                                      evidence=Evidence.of(doc, start, offsets[j] + m.end)))
    def evaluator_of() -> str | None:  # (read once, when a list asks for it)
        nonlocal evaluator
        if evaluator is None:
            evaluator = _evaluator(doc, names, metadata)
        return evaluator

    out += _rosters(doc, lines, offsets, names, region, metadata, evaluator_of)
    rostered = {r.evaluated for r in out}
    out += [r for r in _uncaptioned_roster(doc, lines, offsets, names, region, metadata, evaluator_of)
            if r.evaluated not in rostered]
    out += _award_sentences(doc, names, region, metadata)
    awarded = {r.evaluated for r in out}
    out += [r for r in _showcase_entries(doc, names, region, metadata) if r.evaluated not in awarded]
    commended = {r.evaluated for r in out}
    out += [r for r in _commended(doc, names, region, metadata) if r.evaluated not in commended]
    seen = {(r.evaluated, r.grade) for r in out}
    out += [r for r in _run_in_grades(doc, names, region, metadata, evaluator_of) if (r.evaluated, r.grade) not in seen]
    seen = {(r.evaluated, r.grade) for r in out}
    out += [r for r in _inline_grades(doc, lines, offsets, names, region, metadata, evaluator_of)
            if (r.evaluated, r.grade) not in seen]
    # a joint notice (中共杭州市委 杭州市人民政府关于…考评结果的通报): every issuer rates what the issuer does
    joint = _joint_issuers(metadata, names, region)
    if metadata.issuer in joint:
        out += [replace(r, evaluator=other) for r in out if r.evaluator == metadata.issuer
                for other in joint if other != metadata.issuer]
    # 2. a result sentence about the report's own jurisdiction
    own_gov = canonical_name(region, None, region) if region else None
    for sent in doc.sentences:
        text = doc.sentence_text(sent)
        if own_gov is None or not OWN.search(text):  # 我 first: most sentences stop here, before two searches
            continue
        score = _number("score", text)
        rank = _number("rank", text)
        if score is None and rank is None:
            continue
        grade = grade_of(text)
        rater = [n for m in find_agency_mentions(text) if (n := _canonical(m, region)) in names and n != own_gov]
        heading_cue = next((LEVEL_OVER_OWN.search(h) for h in sent.section if LEVEL_OVER_OWN.search(h)), None)
        raters: list[str | None] = [*rater[:1]]
        if heading_cue:
            gov = canonical_name(heading_cue.group(1), None, region)
            if gov in names:
                raters.append(gov)
        out_of = _number("out_of", text)
        year_m = YEAR.search(text)
        for r in raters or [None]:
            out.append(Rating(r, own_gov, int(year_m.group(1)) if year_m else metadata.year_covered,
                              grade=grade, score=score, rank=int(rank) if rank else None,
                              out_of=int(out_of) if out_of else None,
                              evidence=Evidence.of(doc, sent.start, sent.end)))
    return out
