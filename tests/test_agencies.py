import pytest

from kg.build.pipeline import extract_document
from kg.extract.agencies import find_agency_mentions
from kg.normalize import normalize_text
from kg.resolve.agencies import canonical_name


def names(sentence: str, region: str | None) -> list[str]:
    text = normalize_text(sentence, name="t").text
    out = []
    for m in find_agency_mentions(text):
        out.append(canonical_name(m.prefix, m.body, region, m.party))
    return out


@pytest.mark.parametrize("sentence, region, expected", [
    ("自治区人社厅,食药监局,商务厅,工商局。", "内蒙古自治区",
     ["内蒙古自治区人力资源和社会保障厅", "内蒙古自治区食品药品监督管理局",
      "内蒙古自治区商务厅", "内蒙古自治区工商行政管理局"]),
    ("市编办会同市行政服务中心进行梳理", "清远市", ["清远市机构编制委员会办公室", "清远市行政服务中心"]),
    ("制定的规范性文件及时报州人民政府和市人大常委会备案", "文山市",
     ["文山壮族苗族自治州人民政府", "文山市人民代表大会常务委员会"]),
    ("2018年年底向盟法制办及盟行署报告了工作情况", "阿尔山市", ["兴安盟行政公署法制办公室", "兴安盟行政公署"]),
    ("我们将抓紧联合市委组织部等部门", "清远市", ["中共清远市委组织部"]),
    ("指导呼和浩特、包头等四个仲裁委,分别建立金融仲裁院", "内蒙古自治区", ["呼和浩特仲裁委员会", "包头仲裁委员会"]),
    ("呼伦贝尔市,阿拉善盟,包头市,赤峰市。", "内蒙古自治区",
     ["呼伦贝尔市人民政府", "阿拉善盟行政公署", "包头市人民政府", "赤峰市人民政府"]),
    ("县司法局牵头,县市场监管局配合,接受县人大常委会的监督和县政协的民主监督", "宣汉县",
     ["宣汉县司法局", "宣汉县市场监督管理局", "宣汉县人民代表大会常务委员会", "中国人民政治协商会议宣汉县委员会"]),
    ("认真贯彻党中央国务院《法治政府建设实施纲要》", None, ["中共中央", "国务院"]),
])
def test_agencies_in_real_sentences(sentence, region, expected):
    assert names(sentence, region) == expected


@pytest.mark.parametrize("sentence", [
    "各级政府要高度重视法治政府建设",
    "支持人民法院依法受理行政案件",
    "各盟行政公署、市直各单位要加强领导",
    "市场监管领域推行双随机抽查",
    "推进市县政府法治政府建设",
])
def test_generic_references_are_not_agencies(sentence):
    assert names(sentence, "清远市") == []


def test_report_agencies_and_metadata_end_to_end():
    text = ("清远市人民政府关于2017年度\n法治政府建设的情况报告\n市委:\n"
            "经市政府同意,市法制局向省法制办报告工作。\n清远市人民政府\n2018年2月7日")
    ex = extract_document(normalize_text(text, name="t.txt"))
    assert ex.metadata.issuer == "清远市人民政府" and ex.metadata.region == "清远市"
    by_name = {a.name: a for a in ex.agencies}
    assert set(by_name) >= {"清远市人民政府", "中共清远市委员会", "清远市法制局", "广东省人民政府法制办公室"}
    assert "市法制局" in by_name["清远市法制局"].aliases


# Names new to the real reports: session numbers, compound abbreviations, zones' 管委会,
# central ministries, inspection groups (sentences cut from real reports).
@pytest.mark.parametrize("sentence, region, expected", [
    ("1月4日,扎鲁特旗十六届人大常委会第三十次会议召开。", "扎鲁特旗", ["扎鲁特旗人民代表大会常务委员会"]),
    ("在市六届人大常委会第三次会议上", "重庆市", ["重庆市人民代表大会常务委员会"]),
    ("重庆市人大常委会执法检查组关于检查实施情况的报告", "重庆市", ["重庆市人民代表大会常务委员会执法检查组"]),
    ("信息来源:钱塘区人大常委会监察法司工委", "钱塘区", ["杭州市钱塘区人民代表大会常务委员会监察法司工作委员会"]),

    ("2019年,应急管理部以习近平新时代中国特色社会主义思想为指导", None, ["应急管理部"]),
    ("配合全国人大常委会法工委有关机构", None, ["全国人民代表大会常务委员会法制工作委员会"]),
    ("浙江省卫生健康委关于2023年度法治政府建设情况的报告", "浙江省", ["浙江省卫生健康委员会"]),
    ("市法制局组成二个督查组,深入各地检查", "清远市", ["清远市法制局"]),
])
def test_agencies_new_to_real_reports(sentence, region, expected):
    assert names(sentence, region) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("绵竹高新区管委会、德阿产业园管委会、各镇人民政府(街道办事处)能够依职权决策",
     [("绵竹高新区管委会", "绵竹高新区"), ("德阿产业园管委会", "德阿产业园")]),
    ("各开发区管委会,各区县(市)人民政府", []),
])
def test_development_zone_committees(sentence, expected):
    found = [(m.text, m.zone) for m in find_agency_mentions(normalize_text(sentence, name="t").text)
             if m.shape == "zone"]
    assert found == expected


@pytest.mark.parametrize("sentence, region, expected", [
    ("县委理论学习中心组、县政府党组中心组分别开展4次专题学习", "宣汉县",
     ["中共宣汉县委员会理论学习中心组", "中共宣汉县人民政府党组理论学习中心组"]),
    ("省政府还专门召开省依法行政工作领导小组会议", "甘肃省", ["甘肃省人民政府", "甘肃省依法行政工作领导小组"]),
    ("旗委常委、副旗长巴图列席会议", "扎鲁特旗", ["中共扎鲁特旗委员会"]),
    ("紧紧围绕市委、市政府中心工作", "鹤岗市", ["中共鹤岗市委员会", "鹤岗市人民政府"]),
    ("我局会同市相关委办局积极推动配套文件的制修订工作", "上海市", []),
    ("与会县人大代表提出了意见和建议", "团风县", []),
    ("提请省委依法治省委召开会议4次", "贵州省", ["中共贵州省委员会全面依法治省委员会"]),
])
def test_party_groups_meetings_and_members(sentence, region, expected):
    assert names(sentence, region) == expected


def _report_agencies(text: str) -> set[str]:
    return {a.name for a in extract_document(normalize_text(text, name="t.txt")).agencies}


def test_a_departments_own_party_group_and_study_group():
    text = ("三明市卫生健康委员会2022年法治政府建设情况报告\n2022年,市卫健委坚持以习近平法治思想为指导。"
            "明确党组履行主体责任,党组中心组集中学法4次。\n三明市卫生健康委员会\n2023年1月5日")
    assert {"中共三明市卫生健康委员会党组", "中共三明市卫生健康委员会党组理论学习中心组"} <= _report_agencies(text)


def test_a_governments_report_has_no_bare_party_group_of_its_own():
    text = "宣汉县人民政府2020年法治政府建设情况报告\n2020年,县政府坚持党委领导、政府实施,党委政府高度重视。\n宣汉县人民政府\n2021年1月5日"
    assert not any(n.endswith(("党组", "党委")) for n in _report_agencies(text))


def _resolved(sentence: str, region: str) -> list[str]:
    from kg.core.model import Metadata
    from kg.resolve.agencies import mention_name

    meta = Metadata(title=None, issuer=None, date=None, year_covered=None, region=region, doc_type="other")
    return [mention_name(m, meta) for m in find_agency_mentions(normalize_text(sentence, name="t").text)]


@pytest.mark.parametrize("sentence, region, expected", [
    ("县司法局、县自规局、团风镇依次围绕各自职能汇报了法治政府建设工作", "团风县",
     ["团风县司法局", "团风县自然资源和规划局", "团风镇人民政府"]),
    ("会前,县人大常委会视察组先后来到方高坪镇综合执法中心、县住建局", "团风县",
     ["团风县人民代表大会常务委员会视察组", "方高坪镇综合执法中心", "团风县住房和城乡建设局"]),
    ("永嘉镇积极开展法治政府建设,采取多种措施", "铜梁区", ["永嘉镇人民政府"]),
    ("完成了对耀州区庙湾镇、宜君县宜阳街道办(原城关镇)省级依法行政示范试点镇考评验收工作", "铜川市",
     ["庙湾镇人民政府", "宜阳街道办事处"]),
    ("构建依法治镇工作新格局,全镇依法治理,每年镇党委政府主要负责人述法", "铜梁区", []),
    ("区人大常委会街道工委和街道办事处", "钱塘区", ["杭州市钱塘区人民代表大会常务委员会街道工作委员会"]),
])
def test_townships_and_street_offices(sentence, region, expected):
    assert _resolved(sentence, region) == expected


@pytest.mark.parametrize("sentence, region, expected", [
    ("旗委党校开展专题培训", "西乌珠穆沁旗", ["中共西乌珠穆沁旗委员会党校"]),
    ("组织召开旗委常委会4次、依法治旗委员会会议1次", "西乌珠穆沁旗",
     ["中共西乌珠穆沁旗委员会常务委员会", "中共西乌珠穆沁旗委员会全面依法治旗委员会"]),
    ("市委主要领导主持召开全面依法治市委员会会议2次", "鄂尔多斯市",
     ["中共鄂尔多斯市委员会", "中共鄂尔多斯市委员会全面依法治市委员会"]),
    ("(内依法治区办发〔2020〕4号)", "内蒙古自治区", []),
    ("根据中办、国办《法治政府建设与责任落实督察工作规定》", "长治市", ["中共中央办公厅", "国务院办公厅"]),
    ("推行集中办理,国办发〔2016〕5号", "长治市", []),
    ("国家税务总局郑州市税务局", "郑州市", ["国家税务总局郑州市税务局"]),
])
def test_organs_named_without_their_committee_and_central_branches(sentence, region, expected):
    assert _resolved(sentence, region) == expected


def test_a_township_party_committee_issues_its_report():
    ex = extract_document(normalize_text("永嘉镇2019年法治政府建设工作报告\n中共重庆市铜梁区永嘉镇委员会\n"
                                         "2019年法治政府建设工作报告\n永嘉镇积极开展法治政府建设。", name="t.txt"))
    assert (ex.metadata.issuer, ex.metadata.region) == ("中共重庆市铜梁区永嘉镇委员会", "永嘉镇")


def test_level_words_in_a_township_report_resolve_through_its_county():
    ex = extract_document(normalize_text("永嘉镇2019年法治政府建设工作报告\n中共重庆市铜梁区永嘉镇委员会\n"
                                         "2019年法治政府建设工作报告\n根据区委有关文件精神,永嘉镇积极开展法治政府建设。", name="t.txt"))
    assert ex.metadata.region == "永嘉镇"
    assert {"中共重庆市铜梁区委员会", "永嘉镇人民政府"} <= {a.name for a in ex.agencies}


@pytest.mark.parametrize("sentence, region, expected", [
    ("10月22日和23日,受省政府法制办委托,铜川市成立考评验收组,完成了考评验收工作。", "铜川市",
     ["陕西省人民政府法制办公室", "铜川市人民政府"]),
    ("全市各级各部门坚持依法行政,铜川市人民医院积极参与。", "铜川市", []),
])
def test_a_city_acting_alone_is_its_government(sentence, region, expected):
    assert [n for n in _resolved(sentence, region) if n] == expected


@pytest.mark.parametrize("sentence, name", [
    ("文山市委高度重视法治建设。", "中共文山市委员会"),
    ("市委组织部将法治建设纳入考核。", "中共文山市委组织部"),
])
def test_party_committees_and_organs_are_in_the_party_category(sentence, name):
    from kg.build.pipeline import extract_document
    from kg.normalize import normalize_text

    ex = extract_document(normalize_text("文山市2021年法治政府建设情况报告\n" + sentence, name="t.txt"))
    assert {a.name: a.category for a in ex.agencies}.get(name) == "party"


def _report_names(text: str) -> dict[str, set[str]]:
    ex = extract_document(normalize_text(text, name="t.txt"))
    return {a.name: set(a.aliases) for a in ex.agencies}


# Probes in the wording of reports of other provinces and levels.
@pytest.mark.parametrize("body, issuer, expected, absent", [
    # the general offices of the Party committee and of the government, in short
    ("市委办、市府办联合印发《绍兴市法治政府建设实施方案》。", "绍兴市人民政府",
     {"中共绍兴市委办公室", "绍兴市人民政府办公室"}, set()),
    # … but not the 文号 they open
    ("根据《关于加强行政执法的通知》(绍市府办发〔2020〕3号)和市委办发〔2019〕12号文件,扎实推进。", "绍兴市人民政府",
     set(), {"绍兴市人民政府办公室", "中共绍兴市委办公室"}),
    # a predicate does not run into the name before it or after it
    ("市政府自觉接受市人大及其常委会的法律监督。", "铜仁市人民政府",
     {"铜仁市人民代表大会", "铜仁市人民代表大会常务委员会"}, {"铜仁市人民政府自觉接受市人大"}),
    ("市政务服务中心、市公共资源交易中心全面推行一网通办。", "常德市人民政府",
     {"常德市政务服务中心", "常德市公共资源交易中心"}, {"常德市公共资源交易中心全面推行一网通办"}),
    # 中级/高级人民法院 are names (级 ends 市县两级); 人民检察院 is expanded already
    ("市中级人民法院、市人民检察院、省高级人民法院建立衔接机制。", "襄阳市人民政府",
     {"襄阳市中级人民法院", "襄阳市人民检察院", "湖北省高级人民法院"}, {"襄阳市人民人民检察院"}),
    # 本级党委 of a class of bodies is each one's own, not the report's
    ("各县区、市直各部门均成立了法治政府建设领导小组,定期向本级党委报告工作。", "安康市人民政府", set(), {"中共安康市委员会"}),
    # a class of townships' committees is no agency
    ("各镇党委和人民政府要认真落实。", "桃江县人民政府", set(), {"中共桃江县委员会"}),
])
def test_probes_of_other_reports(body, issuer, expected, absent):
    got = _report_names(f"{issuer}关于2021年度法治政府建设情况的报告\n{body}\n{issuer}\n2022年2月1日")
    assert expected <= set(got)
    assert not absent & set(got)


def test_township_level_words_in_a_townships_report():
    got = _report_names("遂宁市船山区永兴镇人民政府2022年法治政府建设工作报告\n在镇党委的直接领导下,在镇人大主席团的监督下,"
                        "永兴镇政府依法履职。\n遂宁市船山区永兴镇人民政府\n2023年1月10日")
    assert got["中共永兴镇委员会"] == {"镇党委"}
    assert "永兴镇人民代表大会主席团" in got
    # the same committee printed in full elsewhere: one body, 镇党委 its alias
    got = _report_names("中共重庆市铜梁区永嘉镇委员会\n2019年法治政府建设工作报告\n成立了以镇党委书记为组长的领导小组。")
    assert "镇党委" in got["中共重庆市铜梁区永嘉镇委员会"] and "中共永嘉镇委员会" not in got
