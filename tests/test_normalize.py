"""Normalization keeps offsets to the original; table-driven from real report text."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.normalize import normalize_text, read_report
from tests.conftest import CORPUS, seed

CASES = [
    # (original, normalized) — cut from the seeds or of the same kind
    ("2017年,自治區(qū)政府法制辦認(rèn)真貫徹", "2017年,自治区政府法制办认真贯彻"),
    ("深入落實(shí)《綱要》,加快推進(jìn)法治政府建設(shè)", "深入落实《纲要》,加快推进法治政府建设"),
    ("印发《法治政府建设实施纲要（2015—2020年）》", "印发《法治政府建设实施纲要(2015—2020年)》"),
    ("您的位置: 首页 > 首页 > 通知公告\n\n阿尔山市2020年度法治政府建设完成情况报告",
     "阿尔山市2020年度法治政府建设完成情况报告"),
    ("  一、总体情况  \r\n\r\n\r\n\r\n  (一)全面履行政府职能", "一、总体情况\n\n(一)全面履行政府职能"),
    ("《法治政府建设实施纲要(2015-2020年)》", "《法治政府建设实施纲要(2015-2020年)》"),  # not pinyin
    ("地址:阿尔山市温泉街\n主办单位:阿尔山市人民政府技术维护:阿尔山市政府信息中心", ""),
]


@pytest.mark.parametrize("original, expected", CASES)
def test_normalized_text(original, expected):
    assert normalize_text(original, name="t.txt").text == expected


@pytest.mark.parametrize("original, _", CASES)
def test_every_character_maps_back_inside_the_original(original, _):
    doc = normalize_text(original, name="t.txt")
    assert len(doc.origin) == len(doc.text) + 1
    assert all(0 <= o < len(original) for o in doc.origin[:-1])
    assert list(doc.origin[:-1]) == sorted(doc.origin[:-1])


def test_traditional_seed_is_simplified_but_evidence_points_into_the_original():
    doc = read_report(seed("002"))
    assert "(qū)" in doc.original and "(qū)" not in doc.text
    assert "自治区政府法制办" in doc.text
    start = doc.text.index("法治政府建设实施纲要")
    span = doc.span(start, start + len("法治政府建设实施纲要"))
    assert doc.original[span.start:span.end] == "法治政府建設(shè)實(shí)施綱要"


def test_quote_is_the_original_sentence():
    doc = read_report(seed("002"))
    i = doc.text.index("《纲要》")
    assert doc.quote(i, i + 4) == "深入落實(shí)《綱要》,加快推進(jìn)法治政府建設(shè)"


@pytest.mark.parametrize("raw, text", [
    ("法治政府建设情況(qíng kuàng)报告", "法治政府建设情况报告"),  # a word's toned syllables
    ("自治區(qū)", "自治区"),
    ("國民經濟和社會(huì )發(fā)展", "国民经济和社会发展"),  # a space left before the bracket closes
    ("建设(office word)", "建设(office word)"),  # English words carry no tone marks
    ("方案(PDF)", "方案(PDF)"),
])
def test_pinyin_of_a_word_is_removed(raw, text):
    assert normalize_text(raw, name="t.txt").text == text


def test_question_marks_left_for_lost_indents_are_blanks():
    # a traditional-script prefecture report on a mirror site: its indents came out as ??
    doc = normalize_text("博尔塔拉蒙古自治州人民政府:\n??2020年,我州堅持依法行政。\n", name="t.txt")
    assert doc.text == "博尔塔拉蒙古自治州人民政府:\n2020年,我州坚持依法行政。"
    assert doc.original[doc.span(doc.text.index("2020"), doc.text.index("2020") + 4).start:][:4] == "2020"
    assert normalize_text("是否?? 不是", name="t.txt").text == "是否?? 不是"  # inside a line: kept


@pytest.mark.parametrize("pattern, anchored, one_group", [
    ("^(主办|承办)\\s*[:：]", True, False),
    ("^a|b", False, False),           # the ^ holds for the first alternative only
    ("^(a|b)c", True, False),
    ("^a\\|b", True, False),          # an escaped bar
    ("^[|]a", True, False),           # a bar in a class
    ("^[]|]a", True, False),          # a leading ] is a member of the class
    ("^[^]|]a", True, False),
    ("(分享到|打印本页|字号\\s*[:：])", False, True),
    ("(a)|(b)", False, False),
    ("(a)(b)", False, False),
    ("(?:a|b)", False, False),
    ("(a\\))", False, True),
])
def test_boilerplate_patterns_are_joined_only_where_meaning_is_kept(pattern, anchored, one_group):
    from kg.normalize.boilerplate import _anchored, _one_group

    assert (_anchored(pattern), _one_group(pattern)) == (anchored, one_group)


def test_joined_boilerplate_searches_answer_as_the_patterns_do_on_real_lines():
    from kg.normalize.boilerplate import _searches, boilerplate_patterns

    real = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
    files = sorted(real.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    lines = [line.strip() for f in files for line in f.read_text("utf-8").splitlines() if line.strip()]
    lines += ["您的位置: 首页 > 通知公告", "分享到：微信", "Copyright © 2023", "首页 | 下一页",
              "主办单位：某某市人民政府"]
    assert len(_searches()) < len(boilerplate_patterns())
    furniture = [line for line in lines if any(p.search(line) for p in boilerplate_patterns())]
    assert furniture and furniture == [line for line in lines if any(p.search(line) for p in _searches())]
