"""Resolving citations into documents: variants, short forms, kinds, issuers, catalogue."""
from __future__ import annotations

import pytest

from kg.core.titles import title_key
from kg.extract.citations import find_citations
from kg.normalize import normalize_text
from kg.resolve.regulations import regulation_kind, resolve_regulations


def resolve(text: str):
    doc = normalize_text(text, name="t.txt")
    return resolve_regulations(doc, find_citations(doc))


def by_title(text: str) -> dict[str, list[str]]:
    return {r.title: sorted(r.aliases) for r in resolve(text)}


@pytest.mark.parametrize("text, title, alias", [
    # 以下简称 definition
    ("印发《文山市法治政府建设实施方案(2021-2025年)》(以下简称《实施方案》)。《实施方案》明确了目标。",
     "文山市法治政府建设实施方案(2021-2025年)", "实施方案"),
    # a unique earlier full title ending with the short form (seed 002)
    ("认真贯彻党中央国务院《法治政府建设实施纲要(2015-2020年)》。对照《纲要》要求,加快推进法治政府建设。",
     "法治政府建设实施纲要(2015-2020年)", "纲要"),
    # the scope cue picks among a national and a provincial 纲要, and the cue stays in the alias (seed 003)
    ("在中央《法治政府建设实施纲要(2015-2020)》及省的《纲要》出台后。根据《广东省法治政府建设实施纲要(2016—2020年)》。继续抓好中共中央、国务院《纲要》和省《纲要》。",
     "广东省法治政府建设实施纲要(2016—2020年)", "省《纲要》"),
    ("在中央《法治政府建设实施纲要(2015-2020)》及省的《纲要》出台后。根据《广东省法治政府建设实施纲要(2016—2020年)》。继续抓好中共中央、国务院《纲要》和省《纲要》。",
     "法治政府建设实施纲要(2015-2020)", "中共中央、国务院《纲要》"),
    # an unbracketed title drafted just before the short form (seed 003)
    ("根据《清远市食盐监管体制改革实施方案》推进改革。市编办进一步形成了城市管理执法机构编制设置方案,目前《方案》已经市编委会审议通过。",
     "城市管理执法机构编制设置方案", "方案"),
    # the region-less variant of a provincial title (seed 003)
    ("《广东省行政执法案卷评查办法》发布后。对《行政执法案卷评查办法》进行解读。",
     "广东省行政执法案卷评查办法", "行政执法案卷评查办法"),
    # a misquoted title merges into the right one (seed 000)
    ("落实《党政领导人履行推进法治建设第一责任人职责规定》方面没有具体措施。要严格贯彻《党政主要负责人履行推进法治建设第一责任人职责规定》。",
     "党政主要负责人履行推进法治建设第一责任人职责规定", "党政领导人履行推进法治建设第一责任人职责规定"),
    # a bare 宪法 is the constitution, named officially
    ("必须以宪法为根本活动准则,增强宪法观念,坚决维护宪法尊严", "中华人民共和国宪法", "宪法"),
    # a bracketed law keeps the report's wording; the official title is an alias
    ("对《行政复议法》、《行政诉讼法》的适用进行解读", "行政复议法", "中华人民共和国行政复议法"),
])
def test_short_forms_and_variants_merge(text, title, alias):
    docs = by_title(text)
    assert alias in docs[title]
    assert alias not in docs  # never a separate document


def test_provincial_and_national_plans_stay_apart():
    docs = by_title("在中央《法治政府建设实施纲要(2015-2020)》及省的《纲要》出台后。"
                    "根据《广东省法治政府建设实施纲要(2016—2020年)》。")
    assert set(docs) == {"法治政府建设实施纲要(2015-2020)", "广东省法治政府建设实施纲要(2016—2020年)"}


@pytest.mark.parametrize("text", [
    "《指导意见》已经市政府第87次常务会议原则同意。",  # nothing it could stand for
    "根据《甲县农村公路养护实施方案》和《乙县河长制工作方案》要求,《方案》已印发。\n另起一段,《方案》再次出现。",
])
def test_unresolvable_short_forms_are_dropped(text):
    assert not any(t in {"指导意见", "方案"} for t in by_title(text))


def test_drafted_generic_things_are_not_documents():
    assert by_title("制定重大行政决策事项目录,出台部门普法责任清单。") == {}


def test_variants_share_one_document_with_the_fullest_title():
    regs = resolve("贯彻《法治政府建设实施纲要(2015—2020)》。落实《法治政府建设实施纲要(2015-2020年)》。")
    assert [r.title for r in regs] == ["法治政府建设实施纲要(2015-2020年)"]


def test_doc_number_issuer_kind_and_catalogue():
    regs = {r.title: r for r in resolve(
        "根据《中共广东省委 广东省人民政府关于深入推进城市执法体制改革改进城市管理工作的实施意见》"
        "(粤发〔2016〕24号)文件精神,"
        "严格执行《重大行政决策程序暂行条例》。")}
    party = regs["中共广东省委 广东省人民政府关于深入推进城市执法体制改革改进城市管理工作的实施意见"]
    assert party.doc_number == "粤发〔2016〕24号" and party.kind == "party_document"
    assert party.issuer == "中共广东省委 广东省人民政府" and party.catalog is None
    decree = regs["重大行政决策程序暂行条例"]
    assert decree.kind == "administrative_regulation" and decree.catalog["issuer"] == "国务院"


def test_garbled_title_is_cleaned_and_kept_as_alias():
    regs = resolve("提請自治區(qū)人大常委會(huì)修訂《公共安全技術(shù)防范管理?xiàng)l例》")
    assert regs[0].title == "公共安全技术防范管理条例"
    assert "公共安全技术防范管理?xiàng)l例" in regs[0].aliases


@pytest.mark.parametrize("title, kind", [
    ("广东省信访条例", "local_regulation"),
    ("内蒙古自治区行政应诉规定", "rule"),
    ("清远市信访工作问责暂行办法", "normative_document"),
    ("党政主要负责人履行推进法治建设第一责任人职责规定", "party_document"),
    ("文山市法治政府建设年度工作要点", "policy"),
    ("行政诉讼法", "law"),
])
def test_kinds(title, kind):
    assert regulation_kind(title) == kind


@pytest.mark.parametrize("a, b", [
    ("中华人民共和国行政复议法", "《行政复议法》"),
    ("法治政府建设实施纲要(2015—2020年)", "法治政府建设实施纲要（2015-2020）"),
])
def test_title_key_joins_variants(a, b):
    assert title_key(a) == title_key(b)


def test_title_key_keeps_different_documents_apart():
    assert title_key("广东省法治政府建设实施纲要(2016-2020年)") != title_key("法治政府建设实施纲要(2015-2020年)")


def resolve_own(text: str, title: str):
    doc = normalize_text(text, name="t.txt")
    return [r.title for r in resolve_regulations(doc, find_citations(doc), title)]


def test_the_report_and_the_document_its_notice_issues_are_not_citations():
    # r02: the notice's attachment, named in the notice text and in the report's own title
    text = "《陕西省2016年依法行政工作要点》已经省政府同意,现印发给你们。根据《法治政府建设实施纲要(2015-2020年)》。"
    assert resolve_own(text, "陕西省人民政府办公厅关于印发2016年依法行政工作要点的通知") == ["法治政府建设实施纲要(2015-2020年)"]
    # r37: the report's own title printed in 《》 on its first line
    text = "浙卫〔2024〕3号《浙江省卫生健康委关于2023年度法治政府建设情况的报告》\n根据《法治政府建设与责任落实督察工作规定》。"
    assert resolve_own(text, "浙江省卫生健康委关于2023年度法治政府建设情况的报告") == ["法治政府建设与责任落实督察工作规定"]


def test_titles_of_two_places_are_not_one_misquoted_document():
    # r07: a county's rules cite the city's rules of the same name
    text = "根据《德阳市人民政府重大行政决策程序暂行规定》(德办发〔2022〕74号),制定《绵竹市人民政府重大行政决策程序暂行规定》。"
    assert sorted(r.title for r in resolve(text)) == ["德阳市人民政府重大行政决策程序暂行规定", "绵竹市人民政府重大行政决策程序暂行规定"]


def test_national_and_provincial_titles_printed_side_by_side_stay_two():
    # r39
    text = "学习贯彻《法治政府建设实施纲要(2021—2025年)》《浙江省法治政府建设实施纲要(2021-2025年)》及区政府要求"
    assert len(resolve(text)) == 2


@pytest.mark.parametrize("text, title", [
    ("认真贯彻落实党的十八届四中全会《决定》和省委的决策部署", "中共中央关于全面推进依法治国若干重大问题的决定"),  # r20
    ("同时,突出重点,深化落实,印发了2015年责任分解方案,对法治培训作出安排", "2015年责任分解方案"),  # r20: dated, drafted
])
def test_known_and_dated_documents(text, title):
    assert title in [r.title for r in resolve(text)]


def test_a_list_of_drafts_sharing_their_head():
    # r28: the second title leaves its head to the first; drafts are named by their title
    text = "会议听取和审议了旗第十七届人大一次会议选举办法(草案)和票决办法(草案);审议通过了名单。"
    got = {r.title: r.aliases for r in resolve(text)}
    assert set(got) == {"旗第十七届人大一次会议选举办法", "旗第十七届人大一次会议票决办法"}
    assert "票决办法(草案)" in got["旗第十七届人大一次会议票决办法"]


def test_a_period_that_lost_its_dash_is_written_again_and_kept_as_alias():
    # r18
    text = "根据《湖南省贯彻落实〈法治政府建设实施纲要(20152020)〉实施方案》(湘发〔201619号)"
    got = {r.title: r for r in resolve(text)}
    outer = got["湖南省贯彻落实〈法治政府建设实施纲要(2015-2020)〉实施方案"]
    assert "湖南省贯彻落实〈法治政府建设实施纲要(20152020)〉实施方案" in outer.aliases
    assert outer.doc_number == "湘发〔2016〕19号"
    assert "法治政府建设实施纲要(2015-2020)" in got


def test_the_nations_and_a_provinces_plan_of_one_name_issued_side_by_side_stay_apart():
    text = ("根据《中共中央、国务院关于印发〈法治政府建设实施纲要(2021-2025年)〉的通知》和《中共江西省委、江西省人民政府关于印发"
            "〈江西省法治政府建设实施纲要(2021-2025年)〉的通知》精神,结合我市实际,制定本实施方案。")
    titles = by_title(text)
    assert "法治政府建设实施纲要(2021-2025年)" in titles and "江西省法治政府建设实施纲要(2021-2025年)" in titles
    assert titles["江西省法治政府建设实施纲要(2021-2025年)"] == []  # not an alias of the province's
