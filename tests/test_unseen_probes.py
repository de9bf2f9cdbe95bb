"""Probes in the style of reports the 40 dev texts do not show: development zones and new areas,
林区, 苏木 and Mongolian townships, ministries' internal 司局, 兵团, departments naming themselves
only as 我局/我委/我厅, congress sessions and Party meetings hearing reports, 政协 民主监督,
evaluation notices with graded lists in run-in text. Each probe is written here (not copied from
a report): a sentence or two, then the signature that gives the issuer."""
import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS

from kg.build.pipeline import extract_document
from kg.core.places import canonical_place
from kg.core.resources import data_rows
from kg.core.zones import find_zone, zone_forms
from kg.graph.rdf import report_graph
from kg.graph.terms import agency_iri
from kg.normalize import normalize_text


def extract(text: str):
    return extract_document(normalize_text(text, name="probe.txt"))


# (text, issuer, region)
@pytest.mark.parametrize("text, issuer, region", [
    # an untitled, unsigned opening whose subject is the place's rule-of-law work (清水县法治建设坚持…) or
    # a development zone acting (郑州高新区以…) (probe ZK)
    ("2020年,清水县法治建设坚持以习近平新时代中国特色社会主义思想为指导,认真学习贯彻党的十九大精神。",
     "清水县人民政府", "清水县"),
    ("2021年,在郑州市委、市政府的正确领导下,郑州高新区以习近平新时代中国特色社会主义思想为指导,推动法治政府建设。",
     "郑州高新技术产业开发区管理委员会", "郑州高新区"),
    # a zone's bureau writing its kind word alone; the city comes from the text
    ("2023年,高新区综治局在区党工委、区管委会的正确领导下推进法治建设。平安珠海、法治珠海建设考评均获优秀。",
     "珠海高新技术产业开发区综合治理局", "珠海高新区"),
    ("2021年,高新区管委会在市委、市政府的正确领导下,全面推进依法行政。\n成都高新技术产业开发区管理委员会\n2022年2月1日",
     "成都高新技术产业开发区管理委员会", "成都高新区"),
    ("2023年,经开区党工委、管委会认真贯彻习近平法治思想。长沙经开区法治政府建设稳步推进。",
     "中共长沙经济技术开发区工作委员会", "长沙经开区"),
    ("2023年,管委会在市委、市政府的正确领导下,深入推进法治政府建设。\n福州新区管理委员会\n2024年1月10日",
     "福州新区管理委员会", "福州新区"),
    # a new area the places gazetteer holds as a district stays that district
    ("2022年,两江新区管委会在重庆市委、市政府的坚强领导下,深入推进法治政府建设。\n重庆两江新区管理委员会\n2023年1月10日",
     "重庆市两江新区管理委员会", "两江新区"),
    # 我局/我厅/我委 and the field the report advances
    ("2021年,在县委、县政府的坚强领导下,我局全面推进公安法治建设,全县公安机关依法行政水平不断提高。宣汉县公安法治工作取得新进展。",
     "宣汉县公安局", "宣汉县"),
    ("2019年,我厅坚持以习近平法治思想为指导,深入推进司法行政系统法治建设。四川省司法行政系统依法行政能力明显提升。",
     "四川省司法厅", "四川省"),
    ("2022年,我委深入推进卫生健康法治建设,全市卫健系统法治建设成效明显,三明市医疗机构依法执业水平提升。",
     "三明市卫生健康委员会", "三明市"),
    # a district written after 我市 lies in the report's own city, which is what it names
    ("近日,我市赫山区龙光桥街道、我市资阳区长春镇的两个村入选全国民主法治示范村。益阳市民主法治建设成效明显。",
     "益阳市人民政府", "益阳市"),
    # a Party committee and its government heading the title together: the government reports
    ("中共沅陵县委 沅陵县人民政府 关于2025年度法治政府建设的报告\n发布时间:2026-02-27 10:28\n2025年,在县委的坚强领导下,"
     "我县深入推进法治政府建设。", "沅陵县人民政府", "沅陵县"),
    # a news item's byline closing its last paragraph
    ("3月3日上午,东阿县人大常委会调研组深入县司法局调研法治政府建设工作。调研组要求健全法治政府建设常态化机制。"
     "(山东省聊城市东阿县人大常委会)", "东阿县人民代表大会常务委员会", "东阿县"),
    # the opening's subject after two 在…下 phrases
    ("2023年,在市委、市政府的正确领导下,在市法治政府建设领导小组办公室的悉心指导下,许昌市生态环境局全面贯彻习近平法治思想。",
     "许昌市生态环境局", "许昌市"),
    # the system the department heads (全市司法行政系统…我局)
    ("2022年,全市司法行政系统在市委、市政府的正确领导下,深入践行习近平法治思想。遂宁市法治政府建设稳步推进,"
     "我局牵头完成示范创建。", "遂宁市司法局", "遂宁市"),
    # the field's department under its full name (卫生健康局, the abbreviation table's 卫健局);
    # the district named with its city (龙岩市永定区) is the region, the city only says which
    ("2025年,在区委、区政府的坚强领导下,我局全面履行卫生健康领域法治建设职责。审议通过了《龙岩市永定区"
     "卫生健康局参与示范创建活动实施方案》。", "龙岩市永定区卫生健康局", "永定区"),
    # townships of four characters and 苏木 (the issuer named with the places its signature prints)
    ("2021年,镇党委在旗委的领导下推进依法行政。\n额济纳旗达来呼布镇人民政府\n2022年1月20日",
     "额济纳旗达来呼布镇人民政府", "达来呼布镇"),
    ("2021年,巴彦查干苏木认真落实法治建设责任,苏木党委定期研究法治工作。\n新巴尔虎右旗巴彦查干苏木人民政府\n2022年1月2日",
     "新巴尔虎右旗巴彦查干苏木人民政府", "巴彦查干苏木"),
    ("2018年,神农架林区认真贯彻落实法治政府建设实施纲要,林区政府常务会议学法4次。\n神农架林区人民政府\n2019年2月1日",
     "神农架林区人民政府", "神农架林区"),
    # a township or 街道 named alone at the head of the title: its government or office
    ("渠县有庆镇2020年度法治政府建设工作情况报告\n\n2020年,在县委、县政府和镇党委的坚强领导下,我镇坚持依法行政。",
     "渠县有庆镇人民政府", "有庆镇"),
    ("虹桥街道2021年法治政府建设情况报告\n\n2021年,在区委、区政府的坚强领导下,街道深入推进依法行政。",
     "虹桥街道办事处", "虹桥街道"),
    # …but a body named under such a title is the issuer
    ("永嘉镇2019年法治政府建设工作报告\n\n中共重庆市铜梁区永嘉镇委员会\n\n2019年法治政府建设工作报告\n\n"
     "2019年,永嘉镇深入推进依法行政。", "中共重庆市铜梁区永嘉镇委员会", "永嘉镇"),
    # a provincial department's 文号 (a municipality's departments are 局)
    ("川司发〔2020〕3号\n2019年,我厅深入推进依法行政工作。", "四川省司法厅", "四川省"),
    ("苏财规〔2019〕2号\n2018年,我厅认真贯彻落实中央部署。", "江苏省财政厅", "江苏省"),
    ("沪司发〔2020〕3号\n2019年,我局深入推进依法行政工作。", "上海市司法局", "上海市"),
    # the opening sentence's subject: after an adverb (始终), under a dated title line, after a
    # salutation and a 在…上 phrase; a 街道's 总结如下 is its year's report
    ("2024年,宁安镇始终坚持依法行政,在县委、县政府的坚强领导下推进法治建设。", "宁安镇人民政府", "宁安镇"),
    ("2025年陇西县法治政府建设情况\n日期 : 2026-01-15 文章来源 : 司法局\n2025年,陇西县政府坚持依法行政。",
     "陇西县人民政府", "陇西县"),
    ("城中区委全面依法治区委员会:\n在全面建设社会主义现代化国家新征程上,人民街街道办事处坚持以习近平法治思想为根本遵循。"
     "现将2025年工作情况总结如下:", "人民街街道办事处", "人民街街道"),
    # a city with a district some other city has too (宝山区 of 上海市, not of 双鸭山市)
    ("区政府各委、办、局:\n共评出优秀单位10家。\n上海市宝山区人民政府办公室\n2017年3月20日",
     "上海市宝山区人民政府办公室", "宝山区"),
    # a page's index table: the issuer field on a row of several fields, with or without colons
    ("2020年度法治政府建设工作报告\n主题分类: 其他 发文单位: 咸宁市水利和湖泊局\n市委依法治市办:\n"
     "今年以来,我局深入学习领会习近平法治思想。", "咸宁市水利和湖泊局", "咸宁市"),
    ("发文机关 河南省人民政府 成文日期 2018年04月04日\n标  题 河南省人民政府关于2017年度法治政府建设情况的报告\n"
     "国务院:\n2017年,我省深入推进依法行政。", "河南省人民政府", "河南省"),
    # a title opening with a district under its city, no body named: the district's government (probe Y)
    ("西安市未央区2022年度法治政府建设工作报告\n\n今年以来,未央区坚持以习近平新时代中国特色社会主义思想为指导。",
     "西安市未央区人民政府", "未央区"),
    # a city bureau's branch in a district is the district's (probe U), named in full or short
    ("广州市公安局增城区分局关于2023年度法治政府建设情况的报告\n2023年,我分局推进依法行政。",
     "广州市公安局增城区分局", "增城区"),
    ("广州市生态环境局增城分局2023年法治政府建设情况报告\n2023年,我分局推进依法行政。",
     "广州市生态环境局增城分局", "增城区"),
    # an untitled, unsigned township's report: 我镇, and the township it names by itself (probe V)
    ("2022年,我镇坚持以习近平新时代中国特色社会主义思想为指导,积极开展依法行政工作。现就我镇2022年度法治政府建设情况"
     "报告如下:\n一、主要举措\n推动法治文化在下太镇落地生根,依托下太镇委党校开展培训。",
     "下太镇人民政府", "下太镇"),
    # a bureau naming itself 我局 only, led by its district's committee and government: the
    # district it names is the region, over the province of the plans it cites (probe U); the
    # leaders give no issuer
    ("在区委区政府的正确领导下,我局深入学习贯彻习近平法治思想,全面落实《法治湖南建设规划(2021-2025年)》"
     "《湖南省法治政府建设实施方案(2021-2025年)》要求。\n2025年,因云溪区交通运输综合行政执法权整体上收,我局调整工作思路。",
     None, "云溪区"),
    # a city named only by the short stem opening a plan it cites (《临沂法治政府建设实施纲要》, probe U)
    ("2017年,在市委、市政府的正确领导下,市环保局认真贯彻落实党的十九大精神,根据《临沂法治政府建设实施纲要(2016-2020年)》"
     "要求,积极推进法治政府建设。", "临沂市环境保护局", "临沂市"),
    # the ends of a route (宜春—长沙市全程网办) are not the report's places; 网办 is no office (probe U)
    ("2023年,市公安局认真贯彻落实中央、省委、市委有关法治政府建设工作部署。针对宜春—长沙市全程网办确定“跨省通办”事项8项,"
     "针对宜春—广州市确定“跨省通办”事项64项。制定《宜春市公安局营商环境提升行动实施方案》。",
     "宜春市公安局", "宜春市"),
    # …but one 我镇 in a county's report names no township
    ("2022年,县政府推进依法行政。在城关镇调研时,我镇干部表示支持。", None, None),
])
def test_issuer_and_region(text, issuer, region):
    md = extract(text).metadata
    assert (md.issuer, md.region) == (issuer, region)


def test_an_untitled_notice_of_units_rated_is_an_evaluation_notice():
    text = ("各镇人民政府,各街道办事处,区政府各委、办、局:\n区政府办公室在全区开展了考核评估工作,共评出2016年度优秀单位"
            "10家、良好单位15家。具体如下:\n一、优秀单位\n区环保局、区教育局。\n二、良好单位\n区审计局。\n"
            "上海市宝山区人民政府办公室\n2017年3月20日")
    found = extract(text)
    assert found.metadata.doc_type == "evaluation_notice"
    assert ("上海市宝山区人民政府办公室", "上海市宝山区审计局", "evaluates") in {
        (o.overseer, o.overseen, o.kind) for o in found.oversight}


def test_a_title_field_with_a_spaced_label():
    md = extract("发文机关 河南省人民政府 成文日期 2018年04月04日\n"
                 "标  题 河南省人民政府关于2017年度法治政府建设情况的报告\n"
                 "国务院:\n2017年,我省深入推进依法行政。").metadata
    assert (md.title, md.year_covered) == ("河南省人民政府关于2017年度法治政府建设情况的报告", 2017)


def test_a_bracketed_index_row_over_the_title_is_no_part_of_it():
    md = extract("[ 发布机构 ] 丰都县栗子乡人民政府 [ 有效性 ]\n[ 成文日期 ] 2026-01-22 [ 发布日期 ] 2026-02-10\n\n"
                 "丰都县栗子乡人民政府2025年法治政府建设情况报告\n\n2025年,栗子乡坚持依法行政。").metadata
    title = "丰都县栗子乡人民政府2025年法治政府建设情况报告"
    assert (md.title, md.date, md.year_covered) == (title, "2026-01-22", 2025)


def test_a_provinces_report_naming_itself_by_its_stem_is_that_provinces():
    """省人民政府关于…的报告 whose body names its province only by its stem (湖北历史上): the
    province's government and region (probe ZB)."""
    meta = extract("省人民政府关于2020年度推进法治政府建设情况的报告\n2020年是湖北历史上极不平凡的一年。"
                   "在党中央、国务院和省委的正确领导下,省政府全力推进法治政府建设。").metadata
    assert (meta.issuer, meta.region) == ("湖北省人民政府", "湖北省")


def test_a_page_source_line_places_the_titles_level_word():
    """市生态环境局2021年…报告 under the page's 来源:武汉市生态环境局: the source line says which
    city's bureau (probe ZA)."""
    meta = extract("市生态环境局2021年法治政府建设工作报告\n\n发布时间:2022-03-01 10:50 来源:武汉市生态环境局\n\n"
                   "市生态环境局2021年法治政府建设工作报告\n\n2021年,我局深入学习贯彻习近平法治思想。").metadata
    assert (meta.issuer, meta.region) == ("武汉市生态环境局", "武汉市")


def test_a_department_guided_by_its_ministry_is_of_that_field():
    """我厅 guided by 交通运输部 in a province's report: the province's 交通运输厅, which the
    ministry guides and the province's committee and government lead (probe ZA)."""
    got = extract("2019年,在省委、省政府坚强领导下,在交通运输部的指导支持下,我厅认真贯彻落实"
                  "《四川省人民政府2019年度法治政府建设重点工作安排》,现将相关情况报告如下。")
    assert got.metadata.issuer == "四川省交通运输厅"
    edges = {(o.overseer, o.overseen, o.kind) for o in got.oversight}
    assert {("交通运输部", "四川省交通运输厅", "guides"), ("中共四川省委员会", "四川省交通运输厅", "leads")} <= edges


def test_the_body_named_under_the_session_line_delivers_the_report():
    """关于…的执法检查报告 / ——2022年7月12日在…会议上 / 市人大常委会执法检查组: the inspection group
    reports, not a government the text never names (probe ZA)."""
    got = extract("关于《中华人民共和国行政处罚法》贯彻执行情况的执法检查报告\n"
                  "——2022年7月12日在根河市第六届人民代表大会\n常务委员会第三次会议上\n市人大常委会执法检查组\n主任、各位副主任、各位委员:\n"
                  "为推动我市法治化营商环境建设,市人大常委会成立执法检查组。执法检查组听取了市市场监督管理局的工作汇报。")
    assert got.metadata.issuer == "根河市人民代表大会常务委员会执法检查组"
    assert "根河市人民政府" not in {a.name for a in got.agencies}


def test_the_speaker_under_the_session_line_delivers_for_the_body_of_the_last_post():
    """The speaker's posts under the session line (…主任委员 / …执法检查组副组长王革冰): the body of
    the post the name follows delivers the report, and hears what the report says it heard (probe ZG)."""
    got = extract("——2023年5月24日在广西壮族自治区第十四届人民代表大会常务委员会第三次会议上\n"
                  "自治区人大监察和司法委员会主任委员\n自治区人大常委会执法检查组副组长王革冰\n自治区人大常委会:\n"
                  "3月17日,执法检查组召开第一次会议,并听取自治区人民政府、自治区高级人民法院、自治区人民检察院"
                  "贯彻实施有关情况的汇报。")
    group = "广西壮族自治区人民代表大会常务委员会执法检查组"
    assert got.metadata.issuer == group
    edges = {(o.overseer, o.overseen, o.kind) for o in got.oversight}
    assert {(group, "广西壮族自治区人民政府", "receives_report"),
            (group, "广西壮族自治区人民检察院", "receives_report")} <= edges
    assert ("广西壮族自治区人民政府", "广西壮族自治区人民检察院", "receives_report") not in edges


def test_addressees_run_on_into_the_first_line_are_addressees_not_the_issuer():
    """A page printing the report as one paragraph (中共海宁市委、海宁市人民政府: 2022年,市住建局…):
    the addressees receive the report, the body opening the text issues it, the year is its opening's,
    and the report is the reporting duty done (probe ZG); a publisher before a headline is none."""
    got = extract("中共海宁市委、海宁市人民政府: 2022年,市住建局在市委、市政府的正确领导下,"
                  "在市委依法治市办的具体指导下,推进依法行政。荣获2021年度海宁市法治政府建设先进单位。")
    bureau = "海宁市住房和城乡建设局"
    assert (got.metadata.issuer, got.metadata.year_covered) == (bureau, 2022)
    edges = {(o.overseer, o.overseen, o.kind) for o in got.oversight}
    assert {("中共海宁市委员会", bureau, "receives_report"), ("海宁市人民政府", bureau, "receives_report"),
            ("中共海宁市委全面依法治市委员会办公室", bureau, "guides")} <= edges
    assert not {e for e in edges if e[2] == "guides" and e[1] != bureau}
    assert "annual-report-duty" in {d.id for d in got.duties}
    headline = extract("中央依法治国办:关于第一批全国法治政府建设示范地区和项目命名的决定\n发布日期:2020-08-21\n正文。")
    assert headline.metadata.issuer == "中共中央全面依法治国委员会办公室"


def test_a_townships_report_signed_with_its_places_is_issued_in_that_full_name():
    """眉山市彭山区公义镇人民政府 signing: the issuer is named with its places as printed (ANNOTATION: the full
    name with its jurisdiction), the same body as the text's 公义镇人民政府, which the level above leads
    and the report graph names as its creator (probes V, X, Y, ZE)."""
    got = extract("2023年,在区委、区政府的正确领导下,公义镇人民政府坚持依法行政。\n"
                  "眉山市彭山区公义镇人民政府\n2024年1月5日")
    assert got.metadata.issuer == "眉山市彭山区公义镇人民政府"
    towns = [a for a in got.agencies if a.name.endswith("公义镇人民政府")]
    assert len(towns) == 1 and "眉山市彭山区公义镇人民政府" in towns[0].aliases
    assert ("眉山市彭山区人民政府", towns[0].name, "leads") in {(o.overseer, o.overseen, o.kind) for o in got.oversight}
    creators = set(report_graph(got).objects(None, DCTERMS.creator))
    assert creators == {URIRef(agency_iri(towns[0].name))}
    # a township signing with no places keeps its own name
    assert extract("2023年,公义镇坚持依法行政。\n公义镇人民政府\n2024年1月5日").metadata.issuer == "公义镇人民政府"


def test_a_notices_roster_printed_one_place_a_line_without_a_caption():
    """司法部's 拟命名名单 公示: the places listed a line each under the signature (province, city and
    county) are rated by the notice's body; two such lines are no roster (probe Y)."""
    head = ("关于首批全国守法普法示范市(县、区)拟命名名单的公示\n"
            "司法部确定了首批“全国守法普法示范市(县、区)”拟命名名单。现将名单公示,接受广大群众监督。\n"
            "司法部\n2025年11月26日\n")
    got = extract(head + "北京市西城区\n河北省保定市唐县\n内蒙古自治区鄂尔多斯市达拉特旗\n")
    rated = {o.overseen for o in got.oversight if o.overseer == "司法部" and o.kind == "evaluates"}
    assert rated == {"北京市西城区人民政府", "唐县人民政府", "达拉特旗人民政府"}
    two = extract(head + "北京市西城区\n河北省保定市唐县\n")
    assert not {o for o in two.oversight if o.kind == "evaluates"}


def test_a_survey_of_a_lower_place_is_about_that_place():
    """A city congress's survey of one of its districts (调研涪陵区法治政府建设情况): the district
    is the region, so its 区政府 and 区司法局 are the district's, the congress the city's (probe ZA)."""
    got = extract("市人大常委会副主任王越调研涪陵法治政府建设情况\n"
                  "4月9日,市人大常委会副主任王越专题调研涪陵区法治政府建设情况。座谈会上,区政府副区长古明洪汇报了法治政府建设情况。区法院、区司法局等相关负责人先后交流发言。")
    assert (got.metadata.issuer, got.metadata.region) == ("重庆市人民代表大会常务委员会", "涪陵区")
    assert {"重庆市涪陵区人民政府", "重庆市涪陵区司法局", "重庆市涪陵区人民法院"} <= {a.name for a in got.agencies}


def test_a_title_opening_with_its_year_then_its_place_is_the_places():
    """2019年渝中区法治政府建设工作情况报告 under 来源:区司法局, opening 2019年,渝中区人民政府坚持…:
    the district's government reports; the page's source is the office that posted it (probe Z)."""
    meta = extract("2019年渝中区法治政府建设工作情况报告\n\n2020-03-11 16:35:10  来源:区司法局  责任编辑:区司法局\n\n"
                   "2019年,渝中区人民政府坚持以习近平新时代中国特色社会主义思想为指导。").metadata
    assert (meta.issuer, meta.region) == ("重庆市渝中区人民政府", "渝中区")


def test_a_bureaus_省局_is_its_provinces_bureau_of_the_same_kind():
    """省局 and 市局 in a district market regulation bureau's report: the province's and the
    city's 市场监督管理局, which guide it; 市局 in a city bureau's own report is the issuer, and
    市局领导 no body (probe ZA)."""
    got = extract("杭州市上城区市场监督管理局2024年法治政府建设年度报告\n"
                  "2024年,在区委、区政府的领导和省局、市局的指导下,我局深入推进法治建设,为省局成功闯入全国复赛贡献力量。")
    assert {"浙江省市场监督管理局", "杭州市市场监督管理局"} <= {a.name for a in got.agencies}
    assert ("浙江省市场监督管理局", "杭州市上城区市场监督管理局", "guides") in {
        (o.overseer, o.overseen, o.kind) for o in got.oversight}
    own = extract("亳州市司法局2023年法治政府建设年度报告\n2023年,市局邀请市局领导讲授习近平法治思想。")
    assert {a.name for a in own.agencies} == {"亳州市司法局"}


def test_a_field_named_inside_anothers_casts_no_vote():
    """我局 advancing 生态环境保护领域依法行政: the 生态环境局, not the 环境保护局 whose stem the words
    also hold (probe ZK)."""
    got = extract("2021年,在市委、市政府的正确领导下,我局全面落实《中山市2021年依法行政工作要点》,"
                  "坚决推进生态环境保护领域依法行政,法治政府建设取得新成效。")
    assert got.metadata.issuer == "中山市生态环境局"


def test_a_report_naming_no_field_gets_no_guessed_department():
    md = extract("2018年,我局紧紧围绕市委、市政府中心工作,认真推进依法行政。绍兴市各部门积极配合。").metadata
    assert md.issuer is None


def test_a_department_naming_itself_only_as_我厅_with_no_place_is_no_name():
    # its field is read (交通运输), but with no place the pronoun is no issuer and no name
    found = extract("签发人:李静\n现将我厅2021年度法治政府建设情况报告如下:\n2021年,我厅深入推进交通运输法治政府建设,"
                    "厅党组中心组专题学法4次。")
    assert found.metadata.issuer is None
    assert not [a.name for a in found.agencies if "我" in a.name]


def test_a_bare_zone_word_without_a_city_invents_no_zone():
    md = extract("2023年,高新区综治局认真推进法治建设。").metadata
    assert md.region is None


# (text, agencies expected among the report's, agencies that must not be there)
@pytest.mark.parametrize("text, present, absent", [
    # a banner by the short form its government uses (东乌旗, 科右中旗), its 旗委 and 依法治旗委员会;
    # a study group's members (中心组成员) name the whole group; the Party centre's departments by
    # their short forms (probe ZF)
    ("东乌旗人民政府关于2015-2020年度法治政府建设有关情况的报告\n紧紧围绕旗委政府中心工作,召开依法治旗委员会会议。"
     "旗委理论学习中心组成员集中学习由中央组织部、中央依法治国办、司法部联合举办的专题讲座。",
     {"东乌珠穆沁旗人民政府", "中共东乌珠穆沁旗委员会", "中共东乌珠穆沁旗委员会全面依法治旗委员会",
      "中共东乌珠穆沁旗委员会理论学习中心组", "中共中央组织部"}, {"东乌珠穆沁旗委理论学习中心"}),
    ("兴安盟科右中旗2024年法治政府建设工作报告\n2024年,科右中旗坚持依法行政。", {"科尔沁右翼中旗人民政府"}, set()),
    # levels sharing one body in a text placing none (a province's guideline): each named as written,
    # never a bare level word (省 of 省、市、县政府) (probe ZD)
    ("四、报告时间和对象。省、市、县政府应当向同级党委、人大常委会报告上一年度法治政府建设情况。",
     {"省政府", "市政府", "县政府"}, {"省", "市"}),
    # an office's code in a 文号 with its kind and a small bracket (汕市卫办专函﹝2021﹞35号) is no body (probe ZG)
    ("汕头市卫生健康局2021年法治政府建设年度报告\n根据《关于调整领导小组成员的通知》(汕市卫办专函﹝2021﹞35号)调整小组。",
     {"汕头市卫生健康局"}, {"汕头市卫办", "汕头市卫生健康局办公室"}),
    # a CPPCC's and a congress's committees by their short forms, the second of a list the first's
    # committee's (市政协提案委、社法委; 市人大内司委) (probe ZJ)
    ("无锡市政协民主评议\n市政协提案委、社法委组织成员赴市司法局开展民主评议。市人大内司委参加,市政协常委会听取。",
     {"中国人民政治协商会议无锡市委员会提案委员会", "中国人民政治协商会议无锡市委员会社会和法制委员会",
      "无锡市人民代表大会内务司法委员会", "中国人民政治协商会议无锡市委员会常务委员会"},
     {"无锡市社会和法制委员会"}),
    # a prefecture's city's court is its 中级人民法院, a province's its 高级人民法院; a county-level city's
    # is its 人民法院 (probe ZJ)
    ("济南市2022年法治政府建设情况报告\n市法院、市检察院积极参与,省法院加强指导。",
     {"济南市中级人民法院", "济南市人民检察院", "山东省高级人民法院"}, {"济南市人民法院"}),
    ("阿尔山市2022年法治政府建设情况报告\n市法院积极参与。", {"阿尔山市人民法院"}, set()),
    # a bureau's Party committee named with its bureau is the Party's, as 局党委 in the bureau's own
    # report (中共重庆市公安局委员会, the annotators' form in probes G, ZE, ZG)
    ("重庆市公安局2023年法治政府建设情况报告\n2023年,市公安局党委坚持依法行政,局党委理论学习中心组集中学习。",
     {"中共重庆市公安局委员会", "中共重庆市公安局委员会理论学习中心组"}, {"重庆市公安局党委"}),
    # a ministry by its short form (工信部); the whole department forming a pattern (全厅形成法规处牵头) is
    # no unit named 形成法规处 (probe ZC)
    ("山东省交通运输厅2023年法治政府建设报告\n全厅形成法规处牵头、各处室分工落实的工作格局。在工信部组织开展的评估中排名第一。",
     {"工业和信息化部"}, {"山东省交通运输厅形成法规处"}),
    # levels listed before a committee and its government share both (省、州、县党委政府)
    ("武定县人民政府办公室2022年法治政府建设工作报告\n贯彻党中央决策部署和省、州、县党委政府工作安排。",
     {"中共云南省委员会", "云南省人民政府", "中共楚雄彝族自治州委员会", "楚雄彝族自治州人民政府",
      "武定县人民政府"}, set()),
    # the county's 法治办 is its Party committee's 依法治县办; an organ written after the committee's
    # full name keeps 中共; a province's drug administration by its short form
    ("噶尔县左左乡2025年法治政府建设工作年度报告\n在县委、县政府、县法治办的正确领导和帮助下,左左乡坚持依法行政。"
     "中共噶尔县委员会全面依法治县委员会印发要点。",
     {"中共噶尔县委全面依法治县委员会办公室", "中共噶尔县委员会全面依法治县委员会"}, {"噶尔县法治办"}),
    ("湖南省市场监督管理局2019年法治政府建设情况报告\n管理省药品监管局。", {"湖南省药品监督管理局"}, set()),
    # an ethnic township's longer name; an office's code in a 文号 (泸治县办〔2022〕3号) is no body;
    # 全州 of 全州政府系统 is the whole prefecture, not 全州县
    ("桐木漯瑶族乡人民政府关于2023年度法治政府建设工作的报告\n桐木漯瑶族乡党委、乡政府深入学习。",
     {"桐木漯瑶族乡人民政府", "中共桐木漯瑶族乡委员会"}, {"漯瑶族乡人民政府"}),
    # a township whose name ends in 和 (共和乡, 太和镇), its 党委 and 政府 listed together; 和 joining two
    # bodies is no township's (街道工委和街道办事处, r06) (probe X)
    ("海东市乐都区共和乡2022年度法治政府建设工作报告\n在区委、区政府正确领导下,共和乡党委、政府深入学习贯彻习近平法治思想。"
     "推进街道工委和街道办事处改革。",
     {"共和乡人民政府", "中共共和乡委员会"}, {"工委和街道办事处"}),
    # a news dateline's media centre is no body (probe X)
    ("秦州区融媒体中心7月12日讯 近日,区委依法治区办印发《天水市秦州区法治建设年度绩效考评指标》。",
     {"中共天水市秦州区委全面依法治区委员会办公室"}, {"秦州区融媒体中心", "天水市秦州区融媒体中心"}),
    # a 街道's Party working committee named with its 街道 (probes N, V)
    ("2023年,清波街道以深入学习贯彻习近平法治思想为核心。清波街道党工委将法治建设纳入重点工作。",
     {"中共清波街道工作委员会", "清波街道办事处"}, set()),
    # a verb before a level word names no township (立足街道、社区: probe ZB); a township's
    # leadership acting is the township (中都街道领导班子始终以…: probe ZB)
    ("2025年,银杏大街街道在文峰区委、区政府的正确领导下,立足街道、社区基层实际,把法治建设融入日常工作。",
     {"银杏大街街道办事处"}, {"立足街道办事处"}),
    ("2025年,中都街道领导班子始终以习近平法治思想为统领,将法治建设贯穿街道发展全领域。",
     {"中都街道办事处"}, set()),
    # a 街道's 党工委 written bare after 以 (以党工委为核心, probe ZB); 健全 is no "whole" before a
    # government's Party group (健全市政府党组理论学习中心组学法制度, probe ZB)
    ("2024年,小营街道推进法治建设。成立了以党工委为核心、办事处共同组成的工作机构。\n杭州市上城区小营街道办事处\n2025年1月10日",
     {"中共小营街道工作委员会"}, set()),
    ("泸州市人民政府2022年度法治政府建设工作报告\n健全市政府党组理论学习中心组学法制度。",
     {"中共泸州市人民政府党组理论学习中心组"}, set()),
    # the Politburo is a central body of its own, not 中共中央 (probes U, ZA)
    ("广东省自然资源厅2020年法治政府建设年度报告\n将习近平总书记在中央政治局第二十次集体学习重要讲话精神列入学习内容。",
     {"中共中央政治局"}, {"中共中央"}),
    # a congress committee listed after another of the same standing committee shares it (probe ZA)
    ("根河市人大常委会执法检查报告\n由市人大常委会内务司法工作委员会、科教文卫工作委员会部分委员组成执法检查组。",
     {"根河市人民代表大会常务委员会科教文卫工作委员会"}, set()),
    # a quantity of townships is no township (probe W)
    ("弥勒市人民政府2023年法治政府建设情况报告\n建成一批乡、村便民服务中心,12个乡镇全部达标。",
     {"弥勒市人民政府"}, {"建成一批乡人民政府", "一批乡人民政府"}),
    # a township's name does not start inside its district's (probe V: 眉山市彭山区公义镇)
    ("眉山市彭山区公义镇人民政府\n\n2021年法治政府建设工作情况报告\n\n2021年我镇深入贯彻落实法治政府建设的要求。",
     {"公义镇人民政府"}, {"山区公义镇人民政府"}),
    ("泸西县市场监督管理局2021年法治政府建设情况报告\n按照《关于报送2021年度法治政府建设情况报告的通知》"
     "(泸治县办〔2022〕3号)文件要求推进。", {"泸西县市场监督管理局"}, {"泸西县办"}),
    ("昌吉州人民政府2024年度法治政府建设情况报告\n两级政府常务会累计学法87次,全州政府系统法治意识明显提升。",
     {"昌吉回族自治州人民政府"}, {"全州县人民政府"}),
    # a township's study group, named with its committee or alone, and a 街道's 党工委 after 纳入
    ("贤庠镇人民政府关于2022年度法治政府建设情况的报告\n镇党委理论学习中心组开展学法4次,全面落实党委理论学习中心组学法制度。",
     {"中共贤庠镇委员会理论学习中心组"}, {"中共贤庠镇委员会党组理论学习中心组"}),
    ("大中街道2025年法治政府建设情况报告\n将法治政府建设纳入街道党工委、办事处年度重点工作部署。"
     "把宪法纳入党工委理论学习中心组学习计划。",
     {"中共大中街道工作委员会", "大中街道办事处", "中共大中街道工作委员会理论学习中心组"}, set()),
    # a bureau's Party committee and its study group (a commission's keeps 党委: no 委员会委员会);
    # the level word written again (元谋县县卫生健康局) is the bureau
    ("习水县公安局2023年法治政府建设情况报告\n我局定期召开党委理论学习中心组学习。局党委研究部署。",
     {"中共习水县公安局委员会理论学习中心组", "中共习水县公安局委员会"},
     {"中共习水县委员会理论学习中心组", "中共习水县公安局党组理论学习中心组"}),
    ("浙江省卫生健康委员会2022年法治政府建设情况报告\n委党委理论学习中心组开展专题学习。",
     {"中共浙江省卫生健康委员会党委理论学习中心组"}, set()),
    ("2022年,元谋县县卫生健康局在县委、县政府的坚强领导下推进依法行政。局党委研究部署。",
     {"元谋县卫生健康局", "中共元谋县卫生健康局委员会"}, {"元谋县县卫生健康局"}),
    ("2023年,高新区综治局在区党工委、区管委会的正确领导下推进法治建设,联合区党群工作部设立基地。省委部署落实到位。"
     "平安珠海建设考评获优秀。",
     {"中共珠海高新技术产业开发区工作委员会", "珠海高新技术产业开发区管理委员会", "珠海高新技术产业开发区党群工作部",
      "中共广东省委员会"}, set()),
    ("郑州航空港区管委会、绵竹高新区管委会、德阿产业园管委会积极配合。\n郑州市人民政府\n2020年1月1日",
     {"郑州航空港经济综合实验区管理委员会", "绵竹高新区管理委员会", "德阿产业园管理委员会"},
     {"郑州市航空港区管理委员会"}),
    ("司法部法治督察局赴辽宁开展法治督察,司法部行政复议与应诉局指导各地工作。\n司法部\n2020年5月1日",
     {"司法部法治督察局", "司法部行政复议与应诉局"}, set()),
    ("2020年,自然资源部法规司组织开展合法性审核,各司法部门积极配合。\n自然资源部\n2021年3月1日",
     {"自然资源部法规司"}, {"司法部"}),
    ("2020年,在兵团党委的坚强领导下,第八师石河子市深入推进法治政府建设。", {"中共新疆生产建设兵团委员会"}, set()),
    ("2018年,林区政府常务会议学法4次,林区人大常委会开展执法检查。\n神农架林区人民政府\n2019年2月1日",
     {"神农架林区人民代表大会常务委员会"}, set()),
    ("敖汉旗人民政府2021年度法治政府建设情况报告\n2022年3月1日在敖汉旗第十五届人民代表大会\n常务委员会第三十一次会议上\n"
     "主任、各位副主任、委员:\n现将我旗2021年法治政府建设情况报告如下:",
     {"敖汉旗人民代表大会常务委员会"}, {"敖汉旗人民代表大会"}),
    ("经考核,临河区、五原县被评为优秀等次。\n巴彦淖尔市法治政府建设领导小组办公室\n2020年4月1日",
     {"巴彦淖尔市临河区人民政府", "五原县人民政府"}, set()),
    ("优秀等次:五原县、磴口县;一般等次:乌拉特中旗。\n巴彦淖尔市人民政府办公室\n2021年3月1日",
     {"乌拉特中旗人民政府"}, set()),
    # places commended by a higher level are their governments (a commendation rates none)
    ("2021年,五原县、磴口县被自治区命名为“全区法治政府建设示范地区”。\n巴彦淖尔市人民政府\n2022年1月1日",
     {"五原县人民政府", "磴口县人民政府", "内蒙古自治区人民政府"}, set()),
    # a Party committee's study group listed after its standing committee's meeting
    ("2021年,市委常委会会议、理论学习中心组专题学习习近平法治思想。\n遵义市人民政府\n2022年1月20日",
     {"中共遵义市委员会理论学习中心组"}, set()),
    # the report's own sections and leading groups, named without their body
    ("2020年,我厅进一步充实厅法规处的人员力量。\n四川省司法厅\n2021年1月10日", {"四川省司法厅法规处"}, set()),
    ("2022年,我委法治建设工作领导小组组长由委主任担任。\n三明市卫生健康委员会\n2023年1月10日",
     {"三明市卫生健康委员会法治建设工作领导小组"}, set()),
    ("2021年,成立了以镇长为组长的依法行政工作领导小组。\n平利县老县镇人民政府\n2022年1月10日",
     {"老县镇依法行政工作领导小组"}, set()),
    ("2019年,县政府成立了法治政府建设领导小组,由县长任组长。\n宣汉县人民政府\n2020年1月10日",
     {"宣汉县法治政府建设领导小组"}, set()),
    ("2019年,各级各部门及时充实了依法行政工作领导小组。\n宣汉县人民政府\n2020年1月10日",
     set(), {"宣汉县依法行政工作领导小组"}),
    ("2019年,局长处理了12件复议案件。\n宣汉县司法局\n2020年1月10日", set(), {"宣汉县司法局长处"}),
    # a township's bodies after 和 or a verb, beside the county's: no body made of the words around them
    ("2020年,在县委、县政府和镇党委的坚强领导下,我镇坚持镇党委在法治建设中的领导核心作用。\n渠县有庆镇人民政府\n2021年1月5日",
     {"中共渠县委员会", "渠县人民政府", "中共有庆镇委员会", "有庆镇人民政府"},
     {"中共政府和镇委员会", "中共坚持镇委员会", "渠县有庆镇人民政府"}),
    # the rule-of-law committee's office named without 市委, in full or short: one body, nothing read inside it
    ("2019年,市司法局认真落实依法治市办的部署,全面依法治市委员会办公室开展督察。\n江门市司法局\n2020年1月10日",
     {"中共江门市委全面依法治市委员会办公室"}, {"江门市委员会办公室", "江门市办", "江门市全面依法治市委员会办公室"}),
    # places listed before one body's name share it
    ("2021年,永昌县、金川区人民政府积极配合,金山区和崇明区市场监管局推进依法行政。\n金昌市人民政府\n2022年1月10日",
     {"永昌县人民政府", "金昌市金川区人民政府", "上海市金山区市场监督管理局", "上海市崇明区市场监督管理局"}, set()),
    ("2019年,在省、市政府的正确领导下,我县推进依法行政。\n桃源县人民政府\n2020年1月5日",
     {"湖南省人民政府", "常德市人民政府"}, set()),
    # a ministry's Party group, by name or in its own report
    ("2021年,部党组认真履行推进法治建设第一责任人职责,司法部党组理论学习中心组专题学习。\n司法部\n2022年3月1日",
     {"中共司法部党组", "中共司法部党组理论学习中心组"}, set()),
    ("2021年,司法部党组部署法治督察工作。\n上海市市场监督管理局\n2022年1月10日",
     {"中共司法部党组"}, {"中共上海市市场监督管理局党组"}),
    # departments listed after 及 or 和 keep the jurisdiction of the first; a name holding 和 stays whole
    ("2023年,深入区法院、司法局及信访办调研,区公安局和财政局配合,区文化广电和旅游局参加。\n天津市静海区人民政府\n2024年3月28日",
     {"天津市静海区信访办", "天津市静海区财政局", "天津市静海区公安局", "天津市静海区文化广电和旅游局"},
     {"天津市静海区公安局和财政局"}),
    # a 街道's report signed without its county: the county the report names places its level words
    ("慈溪市委、市政府:\n2021年,在市委、市政府的正确领导下,白沙路街道积极推进依法行政。\n白沙路街道办事处\n2022年3月28日",
     {"中共慈溪市委员会", "慈溪市人民政府", "白沙路街道办事处"}, set()),
    # a group named after its place's rule-of-law campaign, as written
    ("2016年,法治石家庄建设领导小组办公室印发考核办法,法治广东建设领导小组办公室来访。\n石家庄市人民政府\n2017年1月5日",
     {"法治石家庄建设领导小组办公室", "法治广东建设领导小组办公室"}, {"石家庄市建设领导小组办公室"}),
    # central bodies by their common short forms
    ("2021年,案例被最高人民检察院、国家市场监管总局、国家药品监管局评为典型案例,国家发改委来调研。\n上海市市场监督管理局\n2022年1月24日",
     {"最高人民检察院", "国家市场监督管理总局", "国家药品监督管理局", "国家发展和改革委员会"}, set()),
    # the level word again opens a second body (州纪委州监委), not one body holding both
    ("2020年,州纪委州监委派驻纪检监察组开展监督,县人大常委会县政协开展视察。\n黔西南布依族苗族自治州人民政府\n2021年3月1日",
     {"黔西南布依族苗族自治州纪委", "黔西南布依族苗族自治州监委"}, {"黔西南布依族苗族自治州纪委州监委"}),
    # a ministry's leading group and its own 司 (部法制司), not a verb (部署落到实处)
    ("2016年,交通运输部成立“交通运输部法治政府部门建设领导小组”,领导小组办公室设在部法制司,确保部署落到实处。\n交通运输部\n"
     "2017年3月31日", {"交通运输部法治政府部门建设领导小组", "交通运输部法制司"}, {"交通运输部署落到实处"}),
    # a verb inside what reads as a name ends it (指导平度市组建行政审批局)
    ("2017年,省政府指导平度市组建行政审批局。\n山东省人民政府\n2018年3月1日", set(), {"平度市组建行政审批局"}),
    # a report never naming its own place: its bodies under the names written (县委, not a made-up
    # 中共县委员会), not dropped; a secretary's name and a count end a name
    ("2020年,在县委、县政府的坚强领导下,我县深入推进依法行政。县委书记汪涛12次主持县委中心组学法。",
     {"县委", "县政府", "县委中心组"}, {"县委书记汪涛12次主持县委中心组", "中共县委员会"}),
    ("2022年,区委中心组专题学习习近平法治思想。\n上海市嘉定区人民政府\n2023年1月5日",
     {"中共上海市嘉定区委员会理论学习中心组"}, {"上海市嘉定区委中心组"}),
    # a verb ending in 办 after a body's name is not part of it
    ("2023年,县委组织部举办培训班,县委党校承办,县委依法治县办督办。\n开阳县人民政府\n2024年1月5日",
     {"中共开阳县委组织部", "中共开阳县委员会党校"}, {"中共开阳县委组织部举办", "中共开阳县委员会党校承办"}),
    # the central rule-of-law committee's office, by any of its names
    ("2021年,在中央全面依法治国办的指导下,中央依法治国委部署督察。\n咸宁市人民政府\n2022年1月10日",
     {"中共中央全面依法治国委员会办公室", "中共中央全面依法治国委员会"}, set()),
    # abbreviations of merged departments
    ("2021年,区教体局、区文广旅局开展普法。\n眉山市东坡区人民政府\n2022年1月10日",
     {"眉山市东坡区教育和体育局", "眉山市东坡区文化广电和旅游局"}, set()),
    # a department jieba reads as one word with its level word
    ("2017年,县财政局、县公安局、县司法局开展行政执法案卷评查。\n蕉岭县人民政府\n2018年1月10日",
     {"蕉岭县财政局", "蕉岭县公安局", "蕉岭县司法局"}, set()),
    # a district name many cities use, in a report about one of them, is that city's
    ("经考核,铁西区人民政府、铁东区人民政府为优秀等次。\n四平市人民政府\n2020年4月1日",
     {"四平市铁西区人民政府", "四平市铁东区人民政府"}, {"沈阳市铁西区人民政府", "鞍山市铁东区人民政府"}),
    ("2022年,城关区政府、七里河区政府开展执法案卷评查。\n兰州市司法局\n2023年1月5日",
     {"兰州市城关区人民政府"}, {"拉萨市城关区人民政府"}),
    # a committee and its government under one place (自治区党委、政府), a 地区's 地委 and 行署
    ("2024年,色尼区在自治区党委、政府、那曲市委、市政府的坚强领导下推进法治政府建设。\n那曲市色尼区人民政府\n2025年1月5日",
     {"中共西藏自治区委员会", "西藏自治区人民政府", "中共那曲市委员会", "那曲市人民政府"}, set()),
    ("2022年,日土县在地委、行署的坚强领导下推进法治政府建设。\n日土县人民政府\n2023年1月5日",
     {"中共阿里地区委员会", "阿里地区行政公署"}, set()),
    ("各地委员会、省政府各部门积极配合。\n日土县人民政府\n2023年1月5日", set(), {"中共阿里地区委员会"}),
    # a department's sections ending in 股, one named bare where a group's office is placed; a
    # group described by its members (各股室负责人为成员的) is the department's own
    ("建立了由局长任组长,各股室负责人为成员的法治建设工作领导小组,办公室设在政策法规股,下设局法规与执法股。"
     "\n东安县应急管理局\n2024年1月5日",
     {"东安县应急管理局法治建设工作领导小组", "东安县应急管理局政策法规股", "东安县应急管理局法规与执法股"}, set()),
    # a congress's survey group (调研组), as its 视察组; a person leading one is no part of a name
    ("县人大常委会调研组深入城关镇调研。县人大常委会副主任许建勋带领调研组走访。\n濮阳县人民代表大会常务委员会\n2023年5月1日",
     {"濮阳县人民代表大会常务委员会调研组"}, {"濮阳县人民代表大会常务委员会副主任许建勋带领调研组"}),
    # a group whose name holds a predicate word (推进): not cut there
    ("颍泉区推进依法行政工作领导小组办公室近日印发方案。省全面推进依法行政工作领导小组办公室首次发布。"
     "\n河南省人民政府\n2016年1月1日",
     {"阜阳市颍泉区推进依法行政工作领导小组办公室", "河南省全面推进依法行政工作领导小组办公室"},
     {"阜阳市颍泉区人民政府"}),
    # the level word of the slogan 依法治县 is no place's body (县工作领导小组)
    ("我局成立了以局长为组长的全面依法治县工作领导小组,定期研究。\n元谋县卫生健康局\n2024年1月5日",
     {"元谋县卫生健康局全面依法治县工作领导小组"}, {"元谋县工作领导小组"}),
    # a verb before a township's level word is no township (围绕乡党委政府: the 乡's own, 党委政府 unseparated)
    ("中村乡2023年法治政府建设情况报告\n2023年,中村乡围绕乡党委政府中心工作推进依法行政。",
     {"中共中村乡委员会", "中村乡人民政府"}, {"中共围绕乡委员会"}),
    # …and a body written without its level (常委会 of 区人大及其常委会) under the level it belongs to
    ("2024年,在区委的领导和区人大及其常委会的监督下,我区推进依法行政。", {"区委", "区人大", "区人大常委会"},
     {"常委会"}),
    # a 街道's Party working committee written bare in its own report
    ("北城街街道办事处2025年法治政府建设年度报告\n全年召开党工委专题会议4次,专题研究法治建设。",
     {"中共北城街街道工作委员会"}, set()),
    # a town whose county is never named: the county's bodies as written
    ("2024年,宁安镇始终坚持依法行政,在县委、县政府的坚强领导下,在县司法局的精心指导下推进法治建设。",
     {"县委", "县政府", "县司法局"}, set()),
    # a 街道 of a district many cities have, none named: no city guessed (not even through the 街道)
    ("城中区委全面依法治区委员会:\n在新征程上,人民街街道办事处坚持依法行政。现将2025年工作情况总结如下:",
     {"中共城中区委员会全面依法治区委员会"}, {"中共柳州市城中区委员会全面依法治区委员会"}),
    # the short forms prefectures use for themselves (巴州, not 巴中's 巴州区)
    ("2023年,巴州党委、政府坚持依法行政,落实自治区党委、政府工作要求。", {"巴音郭楞蒙古自治州人民政府",
     "中共巴音郭楞蒙古自治州委员会"}, {"巴中市巴州区人民政府"}),
    # an autonomous region's Party committee is never shortened to 自治区委
    ("落实自治区依法治区办印发的指导意见。\n阿尔山市人民政府\n2021年1月5日",
     {"中共内蒙古自治区委员会全面依法治区委员会办公室"}, {"内蒙古自治区全面依法治区委员会办公室"}),
])
def test_agencies(text, present, absent):
    names = {a.name for a in extract(text).agencies}
    assert present <= names
    assert not absent & names


# (text, edges expected, edges that must not be there)
@pytest.mark.parametrize("text, expected, absent", [
    # the branch's own district leads it, with its Party committees above (和上级党委, probe U)
    ("广州市公安局增城区分局关于2023年度法治政府建设情况的报告\n2023年,我分局在区委、区政府和上级党委的坚强领导下,"
     "推进依法行政。", {("中共广州市增城区委员会", "广州市公安局增城区分局", "leads"),
                       ("广州市增城区人民政府", "广州市公安局增城区分局", "leads")}, set()),
    ("2023年,高新区综治局在区党工委、区管委会的正确领导下推进法治建设。平安珠海建设考评获优秀。",
     {("中共珠海高新技术产业开发区工作委员会", "珠海高新技术产业开发区综合治理局", "leads"),
      ("珠海高新技术产业开发区管理委员会", "珠海高新技术产业开发区综合治理局", "leads")}, set()),
    ("2021年,高新区管委会在市委、市政府的正确领导下,全面推进依法行政。\n成都高新技术产业开发区管理委员会\n2022年2月1日",
     {("中共成都市委员会", "成都高新技术产业开发区管理委员会", "leads")}, set()),
    ("2022年,兰州新区党工委、管委会主动接受省委、省政府监督。\n兰州新区管理委员会\n2023年1月5日",
     {("甘肃省人民政府", "兰州新区管理委员会", "supervises"),
      ("中共甘肃省委员会", "中共兰州新区工作委员会", "supervises")}, set()),
    # a Party standing committee's or rule-of-law committee's meeting hears the government's report
    ("2022年,州委常委会会议多次专题听取全州法治政府建设情况汇报。\n黔东南苗族侗族自治州人民政府\n2023年2月1日",
     {("中共黔东南苗族侗族自治州委员会常务委员会", "黔东南苗族侗族自治州人民政府", "receives_report")}, set()),
    ("2023年,省委常委会、省委全面依法治省委员会等,多次听取全省法治政府建设情况的汇报。\n海南省人民政府\n2024年3月1日",
     {("中共海南省委员会常务委员会", "海南省人民政府", "receives_report"),
      ("中共海南省委员会全面依法治省委员会", "海南省人民政府", "receives_report")}, set()),
    # …but persons hearing, or a body's own Party group, give no edge
    ("2021年,提请市委依法治市委召开会议2次,书记、市长专题听取汇报。\n遵义市司法局\n2022年1月20日", set(),
     {("中共遵义市委员会全面依法治市委员会", "遵义市司法局", "receives_report")}),
    ("2019年,县政府党组会议4次专题听取法治政府建设工作汇报。\n会同县人民政府\n2020年1月5日", set(),
     {("中共会同县人民政府党组", "会同县人民政府", "receives_report")}),
    # a session the report is delivered at, its header wrapped across lines
    ("敖汉旗人民政府2021年度法治政府建设情况报告\n2022年3月1日在敖汉旗第十五届人民代表大会\n常务委员会第三十一次会议上\n"
     "主任、各位副主任、委员:\n现将我旗2021年法治政府建设情况报告如下:",
     {("敖汉旗人民代表大会常务委员会", "敖汉旗人民政府", "receives_report")}, set()),
    # a congress hears and rates
    ("2019年,县人大常委会听取和审议了县人民政府关于法治政府建设情况的报告,并开展满意度测评。\n会同县人民代表大会常务委员会\n2020年1月5日",
     {("会同县人民代表大会常务委员会", "会同县人民政府", "receives_report"),
      ("会同县人民代表大会常务委员会", "会同县人民政府", "evaluates")}, set()),
    ("2020年,在县委、县政府和镇党委的坚强领导下,我镇全面推进依法行政。\n渠县有庆镇人民政府\n2021年1月5日",
     {("中共渠县委员会", "有庆镇人民政府", "leads"), ("渠县人民政府", "有庆镇人民政府", "leads"),
      ("中共有庆镇委员会", "有庆镇人民政府", "leads")}, set()),
    # the rule every government follows, quoted: no body of the report's is named by 同级 or 上一级
    ("中共中央办公厅、国务院办公厅印发《法治政府建设与责任落实督察工作规定》,要求县级以上地方各级政府应当向同级党委、"
     "人大常委会报告上一年度法治政府建设情况;省级以下地方各级党委和政府应当向上一级党委和政府报告。\n清水县人民政府\n2024年1月8日",
     set(), {("中共清水县委员会", "中共中央办公厅", "receives_report"),
             ("中共清水县委员会", "清水县人民政府", "receives_report"),
             ("中共天水市委员会", "清水县人民政府", "receives_report")}),
    # a roster of model places under its caption, parts headed and noted, lists wrapped over lines
    ("关于法治浙江建设示范地区名单的公示\n现将名单予以公示。\n中共浙江省委全面依法治省委员会办公室\n2021年4月9日\n"
     "法治浙江建设示范地区名单\n一、法治浙江建设示范市\n(2个,按照地区顺序排列)\n杭州市、宁波市\n"
     "二、法治浙江建设示范县(市、区)(3个)\n西湖区、萧山区、\n桐庐县",
     {("中共浙江省委全面依法治省委员会办公室", "杭州市人民政府", "evaluates"),
      ("中共浙江省委全面依法治省委员会办公室", "杭州市西湖区人民政府", "evaluates"),
      ("中共浙江省委全面依法治省委员会办公室", "桐庐县人民政府", "evaluates")}, set()),
    # commended by a body the report does not name: nobody's rating (the report's issuer rated no one)
    ("2021年,市市场监管局法规处、金山区和崇明区市场监管局法规科被评为“上海市法治宣传教育先进集体”,"
     "浦东新区市场监管局被评为优秀等次。\n上海市市场监督管理局\n2022年1月24日", set(),
     {("上海市市场监督管理局", "上海市崇明区市场监督管理局", "evaluates"),
      ("上海市市场监督管理局", "上海市金山区市场监督管理局", "evaluates"),
      ("上海市市场监督管理局", "上海市浦东新区市场监督管理局", "evaluates")}),
    # a grade given once in the lead-in, over counted headings and lists (one on the heading's own line)
    ("经省政府同意,现将考核优秀等次单位通报如下:\n一、市政府(2个)\n衡水、唐山市。\n二、省政府部门(2个)\n省财政厅、省审计厅。\n"
     "三、县(市、区)政府和市直部门(共3个)\n(一)县(市、区)政府(2个):石家庄市鹿泉区、高邑县\n(二)市直部门(1个):承德市交通运输局\n"
     "河北省人民政府\n2021年3月1日",
     {("河北省人民政府", "衡水市人民政府", "evaluates"), ("河北省人民政府", "河北省审计厅", "evaluates"),
      ("河北省人民政府", "石家庄市鹿泉区人民政府", "evaluates"), ("河北省人民政府", "高邑县人民政府", "evaluates"),
      ("河北省人民政府", "承德市交通运输局", "evaluates")}, set()),
    # commendations: the bodies listed after 分别是: or between 对 and 予以表扬, by the body commending
    ("省政府发出通报,对在依法行政考核中获得优秀等次的3个单位予以表扬。获得通报表扬的3个单位分别是:郑州市政府、洛阳市政府、省财政厅。"
     "\n河南省人民政府办公厅\n2019年11月19日",
     {("河南省人民政府", "郑州市人民政府", "evaluates"), ("河南省人民政府", "河南省财政厅", "evaluates")}, set()),
    ("市政府决定,对市公安局、市司法局予以通报表扬。\n遵义市人民政府\n2022年1月20日",
     {("遵义市人民政府", "遵义市公安局", "evaluates"), ("遵义市人民政府", "遵义市司法局", "evaluates")}, set()),
    # bodies reporting in turn to the visiting congress or CPPCC group (…就…进行了简要汇报)
    ("调研组来到县司法局。县司法局、城关镇、牛头店镇就法治建设进行了简要汇报。\n镇坪县人民代表大会常务委员会\n2022年1月5日",
     {("镇坪县人民代表大会常务委员会", "镇坪县司法局", "receives_report"),
      ("镇坪县人民代表大会常务委员会", "牛头店镇人民政府", "receives_report")}, set()),
    # a member's title (区委常委、副区长) names a person, not the Party committee hearing or heard
    ("会议听取了区委常委、政府副区长王钰作的《明山区政府关于法制工作情况的报告》。\n明山区人大常委会\n2018年8月31日",
     set(),
     {("本溪市明山区人民代表大会常务委员会", "中共本溪市明山区委员会", "receives_report")}),
    # a zone's committees listed with 、 and 和, or the second in brackets, lead what follows
    ("2023年,在经开区工委(管委会)的坚强领导下,湘口街道深入推进依法行政。\n湘口街道办事处\n2024年1月5日",
     {("中共经开区工作委员会", "湘口街道办事处", "leads"), ("经开区管理委员会", "湘口街道办事处", "leads")}, set()),
    # 在X的正确领导以及Y的监督下
    ("2022年,在省委、省政府和市委的正确领导以及市人大的监督下,市政府深入推进依法行政。\n长春市人民政府\n2023年2月1日",
     {("中共吉林省委员会", "长春市人民政府", "leads"), ("中共长春市委员会", "长春市人民政府", "leads"),
      ("长春市人民代表大会", "长春市人民政府", "supervises")}, set()),
    ("2020年,在县委、县政府的坚强领导下,我县深入推进依法行政,县人大常委会开展执法检查。",
     {("县委", "县政府", "leads")}, {("县政府", "县人大常委会", "leads"), ("县委", "县人大常委会", "leads")}),
    # …and with its government never written, 我县 ends no edge, nor hands its place to the next body
    ("2020年,在县委的坚强领导下,我县深入推进依法行政,县人大常委会开展执法检查。", set(),
     {("县委", "县人大常委会", "leads"), ("县委", "县人民政府", "leads")}),
    # 接受X、Y对…的监督
    ("2021年,市政府主动接受省政府、市委、市人大对法治政府建设工作的监督。\n海东市人民政府\n2022年1月10日",
     {("青海省人民政府", "海东市人民政府", "supervises"), ("中共海东市委员会", "海东市人民政府", "supervises")}, set()),
    # a congress's session reviews the government's report (审议 alone, 听取 unsaid)
    ("省十三届人大常委会第十九次会议审议省政府关于2019年法治政府建设情况的报告。\n浙江省人民代表大会常务委员会\n2020年7月1日",
     {("浙江省人民代表大会常务委员会", "浙江省人民政府", "receives_report")}, set()),
    # the addressee under a 文号 line, below a page's introduction
    ("敦化市人民政府关于2017年度法治政府建设情况的报告\n"
     "《敦化市人民政府关于2017年度法治政府建设情况的报告》是敦化市人民政府发布的报告。\n"
     "敦政呈〔2018〕7号 签发人:王某某\n延边朝鲜族自治州人民政府:\n"
     "2017年,我市深入推进依法行政。\n敦化市人民政府\n2018年2月1日",
     {("延边朝鲜族自治州人民政府", "敦化市人民政府", "receives_report")}, set()),
    # 在X的领导下和Y的指导下; 在X的领导下、在Y的监督下
    ("2021年,市卫健委在市委、市政府的坚强领导下和省卫健委的指导下,推进卫生健康法治建设。\n遵义市卫生健康委员会\n2022年1月15日",
     {("贵州省卫生健康委员会", "遵义市卫生健康委员会", "guides"),
      ("中共遵义市委员会", "遵义市卫生健康委员会", "leads")}, set()),
    ("2019年,在县委的正确领导下、在县人大的监督下,县政府全面推进依法行政。\n隆德县人民政府\n2020年1月15日",
     {("隆德县人民代表大会", "隆德县人民政府", "supervises")},
     {("隆德县人民代表大会", "中共隆德县委员会", "supervises")}),
    # 政协 民主监督, 盟's 人大工委
    ("2021年,在盟委的坚强领导下,阿拉善盟行政公署自觉接受盟人大工委的监督和盟政协工委的民主监督。\n阿拉善盟行政公署\n2022年1月10日",
     {("中共阿拉善盟委员会", "阿拉善盟行政公署", "leads"),
      ("阿拉善盟人民代表大会工作委员会", "阿拉善盟行政公署", "supervises")}, set()),
    ("市政协组织部分委员对市人民政府依法行政情况开展民主监督性视察。\n中国人民政治协商会议咸宁市委员会\n2019年9月1日",
     {("中国人民政治协商会议咸宁市委员会", "咸宁市人民政府", "supervises")}, set()),
    # reporting and filing lines at 旗 and 区 level
    ("2021年,旗人民政府严格执行规范性文件报备制度,全年报旗人大常委会备案规范性文件6件。\n达尔罕茂明安联合旗人民政府\n2022年2月1日",
     {("达尔罕茂明安联合旗人民代表大会常务委员会", "达尔罕茂明安联合旗人民政府", "receives_report")}, set()),
    ("2019年,区政府向区人大常委会报告法治政府建设工作,并向区委报告年度重大事项。\n成都市武侯区人民政府\n2020年1月10日",
     {("成都市武侯区人民代表大会常务委员会", "成都市武侯区人民政府", "receives_report"),
      ("中共成都市武侯区委员会", "成都市武侯区人民政府", "receives_report")}, set()),
    ("2022年,街道党工委、办事处深入学习贯彻习近平法治思想,在区委、区政府的领导下推进法治建设。\n"
     "上海市浦东新区陆家嘴街道办事处\n2023年1月5日",
     {("中共上海市浦东新区委员会", "陆家嘴街道办事处", "leads")}, set()),
    # graded lists: with a colon, and run in a sentence
    ("经考核,临河区、五原县被评为优秀等次,磴口县等3个旗县区被评为良好等次。\n巴彦淖尔市法治政府建设领导小组办公室\n2020年4月1日",
     {("巴彦淖尔市法治政府建设领导小组办公室", "巴彦淖尔市临河区人民政府", "evaluates"),
      ("巴彦淖尔市法治政府建设领导小组办公室", "五原县人民政府", "evaluates"),
      ("巴彦淖尔市法治政府建设领导小组办公室", "磴口县人民政府", "evaluates")},
     {("五原县人民政府", "磴口县人民政府", "evaluates")}),
    ("2020年,平山区、明山区被省政府考评为优秀等次。\n本溪市人民政府\n2021年1月1日",
     {("辽宁省人民政府", "本溪市平山区人民政府", "evaluates"), ("辽宁省人民政府", "本溪市明山区人民政府", "evaluates")},
     {("本溪市人民政府", "本溪市平山区人民政府", "evaluates")}),
    ("2021年,五原县、磴口县被自治区命名为“全区法治政府建设示范地区”。\n巴彦淖尔市人民政府\n2022年1月1日",
     set(), {("内蒙古自治区人民政府", "五原县人民政府", "evaluates")}),
    ("优秀等次:五原县、磴口县;良好等次:乌拉特前旗;一般等次:乌拉特中旗。\n巴彦淖尔市人民政府办公室\n2021年3月1日",
     {("巴彦淖尔市人民政府办公室", "乌拉特中旗人民政府", "evaluates"),
      ("巴彦淖尔市人民政府办公室", "乌拉特前旗人民政府", "evaluates")}, set()),
    # a list graded by 为 alone after the notice's 经考核
    ("经考核,铁西区人民政府、双辽市人民政府为优秀等次,市住房公积金管理中心、市公安局为良好等次。\n"
     "四平市人民政府\n2020年4月1日",
     {("四平市人民政府", "四平市铁西区人民政府", "evaluates"), ("四平市人民政府", "双辽市人民政府", "evaluates"),
      ("四平市人民政府", "四平市住房公积金管理中心", "evaluates"), ("四平市人民政府", "四平市公安局", "evaluates")},
     set()),
    ("2020年,我市法治政府建设考核结果为优秀等次。\n四平市人民政府\n2021年1月4日", set(),
     {("四平市人民政府", "四平市人民政府", "evaluates")}),
    # 市依法治市办 and 市委依法治市办 are one body, the Party committee's; a speech given at a
    # committee's session is no report to it
    ("市委依法治市办:\n我局在市委、市政府的坚强领导和市依法治市办的精心指导下,学习习近平总书记在中央全面依法治国委员会"
     "第三次会议上重要讲话精神。\n咸宁市水利和湖泊局\n2020年12月21日",
     {("中共咸宁市委全面依法治市委员会办公室", "咸宁市水利和湖泊局", "guides"),
      ("中共咸宁市委全面依法治市委员会办公室", "咸宁市水利和湖泊局", "receives_report")},
     {("咸宁市全面依法治市委员会办公室", "咸宁市水利和湖泊局", "guides"),
      ("中共中央全面依法治国委员会", "咸宁市水利和湖泊局", "receives_report")}),
    ("2024年,色尼区在自治区党委、政府、那曲市委、市政府的坚强领导下推进法治政府建设。\n那曲市色尼区人民政府\n2025年1月5日",
     {("西藏自治区人民政府", "那曲市色尼区人民政府", "leads"),
      ("中共那曲市委员会", "那曲市色尼区人民政府", "leads")}, set()),
    # a news item on a notice of results: the body issuing it rates the places under its grades,
    # a district written with its city among them
    ("近日,中共浙江省委全面依法治省委员会发布《关于表扬2021年度法治浙江建设优秀单位的通报》,一起来看台州的考评结果。\n"
     "设区市\n优秀:台州市\n县(市、区)\n优秀:天台县、温岭市、台州市黄岩区\n",
     {("中共浙江省委员会全面依法治省委员会", "台州市人民政府", "evaluates"),
      ("中共浙江省委员会全面依法治省委员会", "台州市黄岩区人民政府", "evaluates")}, set()),
    # the body that carried the rating out with others (会同…开展了…考核评估工作) rates the
    # lists under the grades, in a notice naming no place (names as written)
    ("各镇人民政府,各街道办事处,区政府各委、办、局:\n区政府办公室会同区政府法制办、区文明办等部门组成考核评估小组,"
     "在全区开展了政务公开考核评估工作。共评出优秀单位2家、良好单位1家。具体如下:\n一、优秀单位\n区教育局、区民政局。\n"
     "二、良好单位\n区审计局。\n2017年3月20日",
     {("区政府办公室", "区教育局", "evaluates"), ("区政府办公室", "区审计局", "evaluates")}, set()),
    # a news item of a congress's session: what 会议 hears is reported to the standing committee
    # (a place never named: the names as written, without the session number)
    ("区五届人大常委会举行第十一次会议\n  12月14日,区五届人大常委会举行第十一次会议。副区长谢乐章列席会议。\n"
     "  会议听取和审议了区政府关于法治政府建设情况报告。会议指出,要持续提升依法行政水平。",
     {("区人大常委会", "区政府", "receives_report")}, set()),
    # a news item of results: lists closed by 等 before 为 and the grade, cities by short forms
    ("广东发布2015年度依法行政考评结果\n广州、深圳等为优秀等次,顺德区、东莞、云浮等为良好等次;省科技厅、住房城乡建设厅等单位"
     "为良好等次。\n广东省人民政府\n2016年5月1日",
     {("广东省人民政府", "深圳市人民政府", "evaluates"), ("广东省人民政府", "佛山市顺德区人民政府", "evaluates"),
      ("广东省人民政府", "云浮市人民政府", "evaluates")}, set()),
    # results by a grade alone after the rating verb, the list closed by its count (等9个省辖市)
    ("4月26日,省委依法治省办和省法治政府建设领导小组办公室通报了2021年度法治河南建设考核情况。\n在省辖市序列中,濮阳市、"
     "平顶山市、新乡市等9个省辖市考核为优秀。",
     {("河南省法治政府建设领导小组办公室", "濮阳市人民政府", "evaluates"),
      ("河南省法治政府建设领导小组办公室", "新乡市人民政府", "evaluates")}, set()),
    # 达到优秀等次, two counted lists joined by 和 (…红安县4个县市区和市城管执法委、…11个市直单位)
    ("4月20日,市政府办公室公布2020年全市政务公开工作考核情况。根据考核结果,蕲春县、红安县2个县市区和市财政局、"
     "市商务局2个市直单位达到优秀等次。\n黄冈市人民政府办公室\n2021年4月20日",
     {("黄冈市人民政府办公室", "蕲春县人民政府", "evaluates"), ("黄冈市人民政府办公室", "红安县人民政府", "evaluates"),
      ("黄冈市人民政府办公室", "黄冈市财政局", "evaluates"), ("黄冈市人民政府办公室", "黄冈市商务局", "evaluates")},
     set()),
    # a survey group named again by its kind alone, visiting places one after another (先后到)
    ("3月7日—8日,市人大常委会调研组对苍溪县法治政府建设工作情况进行专题调研。\n调研组先后到东溪镇、县司法局,通过采取实地查看、"
     "听取汇报等方式,详细了解苍溪县工作推进情况。",
     {("广元市人民代表大会常务委员会调研组", "东溪镇人民政府", "supervises"),
      ("广元市人民代表大会常务委员会调研组", "苍溪县司法局", "supervises")}, set()),
    # 在X的领导和Y的监督支持下: each overseer its own kind, the congress and its standing committee
    ("2022年,在区委的坚强领导和区人大及其常委会的监督支持下,区政府深入推进依法行政。\n重庆市铜梁区人民政府\n2023年1月5日",
     {("中共重庆市铜梁区委员会", "重庆市铜梁区人民政府", "leads"),
      ("重庆市铜梁区人民代表大会常务委员会", "重庆市铜梁区人民政府", "supervises")}, set()),
    # 在…的带领下 reads as 在…的领导下 (probe ZB)
    ("2024年,小营街道在区委、区政府及区委依法治区办的带领下,扎实推进法治政府各项工作。\n杭州市上城区小营街道办事处\n"
     "2025年1月10日",
     {("中共杭州市上城区委员会", "小营街道办事处", "leads"),
      ("杭州市上城区人民政府", "小营街道办事处", "leads")}, set()),
    # the joint issuers of a notice approve none of each other (已经市委、市政府同意, probe ZB); a
    # government's office's notice is approved by the government (probe ZB)
    ("中共张掖市委张掖市人民政府关于印发《张掖市法治政府建设实施方案(2016-2020年)》的通知\n市委发〔2017〕23号\n"
     "各县区委、县区人民政府:\n《张掖市法治政府建设实施方案(2016-2020年)》已经市委、市政府同意,现印发给你们。\n"
     "中共张掖市委   张掖市人民政府\n2017年4月24日",
     set(), {("中共张掖市委员会", "张掖市人民政府", "approves"), ("张掖市人民政府", "中共张掖市委员会", "approves")}),
    ("四川省人民政府办公厅关于印发四川省人民政府2022年度法治政府建设重点工作安排的通知\n川办发〔2022〕41号\n"
     "各市(州)人民政府:\n《四川省人民政府2022年度法治政府建设重点工作安排》已经省政府同意,现印发给你们。\n"
     "四川省人民政府办公厅\n2022年4月23日",
     {("四川省人民政府", "四川省人民政府办公厅", "approves")}, set()),
    # the level above leads the county's committee and government; its government leads no Party
    # committee (probe Z; sets L, T and X likewise)
    ("2023年,在廊坊市委、市政府的正确领导下,永清县委、县政府深入学习贯彻习近平法治思想。\n永清县人民政府\n2024年1月5日",
     {("中共廊坊市委员会", "中共永清县委员会", "leads"), ("廊坊市人民政府", "永清县人民政府", "leads")},
     {("廊坊市人民政府", "中共永清县委员会", "leads")}),
    # a committee's inspection put right (抓好市委巡察整改) supervises the report's body; a guide
    # named with 上级…部门 (在…办公室和上级司法部门的具体指导下) still guides (probe ZE)
    ("江门市公安局2023年法治政府建设年度报告\n2023年,我局认真抓好市委巡察整改工作落实。",
     {("中共江门市委员会", "江门市公安局", "supervises")}, set()),
    ("2025年,在区委依法治区委员会办公室和上级司法部门的具体指导下,城中镇深入学习贯彻习近平法治思想。\n"
     "柳州市柳江区城中镇人民政府\n2026年1月5日",
     {("中共柳州市柳江区委依法治区委员会办公室", "城中镇人民政府", "guides")}, set()),
    # the session hears a report its title follows in brackets (会议听取和审议了县人民政府《关于…》, probe ZG)
    ("8月26日,县第十七届人大常委会举行第二十次会议。\n会议听取和审议了县人民政府《关于2019年上半年财政预算执行情况的报告》。\n"
     "舟曲县人大常委会\n2019年8月27日",
     {("舟曲县人民代表大会常务委员会", "舟曲县人民政府", "receives_report")}, set()),
    # 监督与支持 as 监督和支持 (在县人大及其常委会的监督与支持下, probe ZF)
    ("2022年,在县委的坚强领导下,在县人大及其常委会的监督与支持下,我县推进法治政府建设。\n阳城县人民政府\n2023年1月5日",
     {("阳城县人民代表大会", "阳城县人民政府", "supervises"),
      ("阳城县人民代表大会常务委员会", "阳城县人民政府", "supervises")}, set()),
    # a township's congress written bare (镇人大) is a body; with the township's Party committee it
    # supervises the township's government (在镇党委、镇人大的监督支持下, probe ZD); its deputies are none
    ("2025年以来,在雷州市委、市政府的坚强领导下,在镇党委、镇人大的监督支持下,我镇政府推进法治建设。\n"
     "雷州市东里镇人民政府\n2026年1月5日",
     {("东里镇人民代表大会", "东里镇人民政府", "supervises"), ("中共东里镇委员会", "东里镇人民政府", "supervises")},
     set()),
    # a branch bureau speaks of itself as 我分局: the subject after the fronted clauses (probe ZJ)
    ("焦作市生态环境局中站分局关于2022年度法治政府建设工作情况的报告\n"
     "2022年,在区委、区政府的正确领导下,在市生态环境局的大力指导下,我分局全面贯彻落实法治建设部署。",
     {("焦作市中站区人民政府", "焦作市生态环境局中站分局", "leads"),
      ("焦作市生态环境局", "焦作市生态环境局中站分局", "guides")},
     {("中共焦作市中站区委员会", "焦作市中站区人民政府", "leads")}),
    # the government leads a bureau's Party committee (a territorial one it does not)
    ("重庆市公安局2023年法治政府建设情况报告\n2023年,在市委、市政府的领导下,市公安局党委坚持依法行政。",
     {("重庆市人民政府", "中共重庆市公安局委员会", "leads")}, set()),
    # levels sharing one department's name (省、市教育局): a province's department is a 厅
    ("2025年,我局在县委、县政府的正确领导和省、市教育局的精心指导下,推进依法治教。\n陵川县教育局\n2026年1月5日",
     {("山西省教育厅", "陵川县教育局", "guides"), ("晋城市教育局", "陵川县教育局", "guides")}, set()),
])
def test_oversight(text, expected, absent):
    got = {(o.overseer, o.overseen, o.kind) for o in extract(text).oversight}
    assert expected <= got
    assert not absent & got


def test_development_zone_table_rows_are_sound():
    """Every zone lies in a city of the places gazetteer, and no form of it is a place the
    gazetteer already holds (those stay places: 两江新区, 浦东新区)."""
    rows = data_rows("gazetteers", "development_zones.tsv")
    assert len(rows) >= 30
    for full, shorts, city, _kind in rows:
        assert canonical_place(city) == city
        for form in (full, *shorts.split("|")):
            assert canonical_place(form) is None, form
            assert zone_forms()[form].name == full


@pytest.mark.parametrize("form, text, name", [
    ("高新区", "平安珠海建设", "珠海高新技术产业开发区"),
    ("珠海市高新区", "", "珠海高新技术产业开发区"),
    ("经开区", "长沙经开区", "长沙经济技术开发区"),
    ("高新区", "宝鸡市高新区", None),  # a city with no listed zone of the kind: only a listed one is read from the text
    ("宝鸡高新区", "", "宝鸡高新技术产业开发区"),  # composed by the naming rule
])
def test_find_zone(form, text, name):
    zone = find_zone(form, text=text)
    assert (zone.name if zone else None) == name
