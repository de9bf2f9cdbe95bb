"""Report structure: headings and unnumbered role lines → nested sections with a role."""
from __future__ import annotations

import pytest

from kg.extract.sections import annotate_sections, heading_level, lead_role, section_role, section_role_at
from kg.normalize import normalize_text


@pytest.mark.parametrize("line, level", [
    ("一、依法全面履行政府职能情况", 1),
    ("(三)重大行政决策程序 存在重大缺项。", 2),
    ("（二）法治政府建设工作实绩优秀的部门", 2),
    ("3.动态调整市政府各部门权责清单。", 3),
    ("(2)推进综合执法", 4),
    ("2017年,自治区政府法制办认真贯彻", None),
    ("一是强化法制理论学习。", None),  # an inline enumeration is not a heading
])
def test_heading_level(line, level):
    assert heading_level(normalize_text(line, name="x").text) == level


@pytest.mark.parametrize("heading, role", [
    ("四、存在的问题和不足", "problems"),
    ("二、存在问题", "problems"),
    ("三、问题与不足", "problems"),
    ("十、我市的存在问题和下一步的工作设想", "problems"),  # its 下一步 paragraph switches to plans
    ("五、改进的意见和建议", "plans"),
    ("三、工作建议", "plans"),
    ("四、几点建议", "plans"),
    ("四、下一步工作计划", "plans"),
    ("三、2019年工作打算", "plans"),
    ("一、工作情况", "achievements"),
    ("一、2018年法治政府建设主要做法和成效", "achievements"),
    ("(二)依法全面履行政府职能", "other"),
    ("二、政策依据", "basis"),
    ("2.建立和完善权力清单、责任清单制度,明确政府和政府部门的职能、法律依据、实施主体", "other"),
    ("(五)办理人大代表建议和政协委员提案情况说明", "other"),
])
def test_section_role(heading, role):
    assert section_role(heading) == role


@pytest.mark.parametrize("paragraph, role", [
    ("下一步,我市将主要抓好以下方面工作:", "plans"),
    ("2018年工作总体思路是:深入学习贯彻党的十九大精神", "plans"),
    ("今后,我们将进一步加强法制机构建设。", "plans"),
    ("存在的主要问题:一是执法力量薄弱。", "problems"),
    ("我市下一步将继续推进综合执法。", None),
    ("全年共办理行政复议案件95宗。", None),
])
def test_lead_role(paragraph, role):
    assert lead_role(normalize_text(paragraph, name="x").text) == role


REPORT = """关于2019年度法治政府建设情况的报告
一、2019年法治政府建设工作情况
(一)依法全面履行政府职能
全面推行权责清单制度。
(二)严格规范公正文明执法
全面推行行政执法三项制度。
二、存在的问题和不足
(一)以问题为导向,补齐工作短板
一是执法力量薄弱;二是复议案件办理不规范。
下一步,我县将重点抓好以下工作:
(一)加强法制机构建设。
(二)深化综合行政执法改革。
"""


def test_sections_nest_and_inherit_roles():
    doc = annotate_sections(normalize_text(REPORT, name="r.txt"))
    roles = [(s.heading, s.level, s.role) for s in doc.sections]
    assert roles == [
        ("一、2019年法治政府建设工作情况", 1, "achievements"),
        ("(一)依法全面履行政府职能", 2, "achievements"),
        ("(二)严格规范公正文明执法", 2, "achievements"),
        ("二、存在的问题和不足", 1, "problems"),
        ("(一)以问题为导向,补齐工作短板", 2, "problems"),
        ("下一步,我县将重点抓好以下工作", 2, "plans"),
        ("(一)加强法制机构建设", 2, "plans"),
        ("(二)深化综合行政执法改革", 2, "plans"),
    ]
    def at(phrase: str) -> str:
        return section_role_at(doc, doc.text.index(phrase))

    assert (at("权责清单"), at("执法力量薄弱"), at("综合行政执法改革。")) == ("achievements", "problems", "plans")
    # the title line is not a section; sentences carry their heading path
    assert at("关于2019年度") == "other"
    sentence = doc.sentence_at(doc.text.index("复议案件"))
    assert sentence.section[:2] == ("二、存在的问题和不足", "(一)以问题为导向,补齐工作短板")


def test_unnumbered_role_lines_open_sections():
    text = "我县全面推行权责清单制度。\n存在的问题和不足\n执法队伍素质不高。\n下一步工作打算\n加强执法培训。\n"
    doc = annotate_sections(normalize_text(text, name="u.txt"))
    assert [(s.heading, s.role) for s in doc.sections] == [("存在的问题和不足", "problems"),
                                                           ("下一步工作打算", "plans")]
    assert section_role_at(doc, doc.text.index("权责清单")) == "other"
    assert section_role_at(doc, doc.text.index("素质不高")) == "problems"
    assert section_role_at(doc, doc.text.index("执法培训")) == "plans"
