import pytest

from kg.build.pipeline import extract_document
from kg.normalize import normalize_text


def edges(text: str) -> set[tuple[str, str, str]]:
    ex = extract_document(normalize_text(text, name="t.txt"))
    return {(o.overseer, o.overseen, o.kind) for o in ex.oversight}


HEAD = "文山市人民政府关于2020年度法治政府建设情况的报告\n"
TAIL = "\n文山市人民政府\n2021年2月1日"


@pytest.mark.parametrize("sentence, expected", [
    ("制定的规范性文件及时报州人民政府和市人大常委会备案,做到有件必备。",
     {("文山壮族苗族自治州人民政府", "文山市人民政府", "receives_report"),
      ("文山市人民代表大会常务委员会", "文山市人民政府", "receives_report")}),
    ("市政府依法履职并自觉接受市人大常委会的监督。",
     {("文山市人民代表大会常务委员会", "文山市人民政府", "supervises")}),
    ("经州人民政府同意,印发实施方案。", {("文山壮族苗族自治州人民政府", "文山市人民政府", "approves")}),
    ("市政府在市委统一领导下推进法治政府建设。", {("中共文山市委员会", "文山市人民政府", "leads")}),
    ("市政府指导市司法局开展行政复议工作。", {("文山市人民政府", "文山市司法局", "guides")}),
    ("州审计局对市财政局进行了审计。", {("文山壮族苗族自治州审计局", "文山市财政局", "audits")}),
])
def test_oversight_cues(sentence, expected):
    assert expected <= edges(HEAD + sentence + TAIL)


def test_copy_for_information_is_not_oversight():
    assert not edges(HEAD + "本报告抄送市人大常委会。" + TAIL)


def edges_of(text: str) -> set[tuple[str, str, str]]:
    return edges(text)


# New cues, each from a sentence of a real report (the report's head and signature give the
# issuer, the implicit subject).
@pytest.mark.parametrize("text, expected", [
    # 在X、Y的坚强领导下 opening an annual report; X and Y run together (区委区政府)
    ("2024年,区教育局认真学习贯彻习近平法治思想。\n在区委区政府的坚强领导下,在区委全面依法治区委员会办公室的精心指导下,锚定目标。\n"
     "杭州市上城区教育局\n2025年1月10日",
     {("中共杭州市上城区委员会", "杭州市上城区教育局", "leads"), ("杭州市上城区人民政府", "杭州市上城区教育局", "leads"),
      ("中共杭州市上城区委全面依法治区委员会办公室", "杭州市上城区教育局", "guides")}),
    # 以…为核心的 before the leading body; the main clause names two subjects
    ("2017年以来,在以习近平同志为核心的党中央坚强领导下,福建省委、省政府深入贯彻党的十九大精神。\n福建省人民政府\n2018年3月1日",
     {("中共中央", "中共福建省委员会", "leads"), ("中共中央", "福建省人民政府", "leads")}),
    # 在X、Y的领导和监督下: in order, leads and supervises
    ("2015年,在省委、省人大的领导和监督下,全省各级政府深入贯彻党的十八大精神。\n甘肃省人民政府\n2016年3月29日",
     {("中共甘肃省委员会", "甘肃省人民政府", "leads"), ("甘肃省人民代表大会", "甘肃省人民政府", "supervises")}),
    # 监督指导下: both kinds, from each body of the list
    ("2023年,鄂尔多斯市深入贯彻习近平法治思想,在市人大及其常委会的监督指导下,积极推进依法行政。",
     {("鄂尔多斯市人民代表大会", "鄂尔多斯市人民政府", "supervises"),
      ("鄂尔多斯市人民代表大会常务委员会", "鄂尔多斯市人民政府", "guides")}),
    # 听取 Y 的报告
    ("1月4日,扎鲁特旗十六届人大常委会第三十次会议召开。会议听取和审议了旗人民政府2021年民生实事项目完成情况的报告。",
     {("扎鲁特旗人民代表大会常务委员会", "扎鲁特旗人民政府", "receives_report")}),
    # a congress's inspection of the government; bodies reporting in turn; an inspection group's visits
    ("团风县人大常委会视察法治政府建设\n12月17日,县人大常委会开展法治政府建设工作视察。"
     "会上,叶青锋代表县人民政府汇报了我县法治政府建设;县司法局、县住建局依次围绕各自职能汇报了法治政府建设工作。"
     "会前,县人大常委会视察组先后来到县住建局、县司法局,视察了全县法治政府建设情况。",
     {("团风县人民代表大会常务委员会", "团风县人民政府", "supervises"),
      ("团风县人民代表大会常务委员会", "团风县司法局", "receives_report"),
      ("团风县人民代表大会常务委员会视察组", "团风县住房和城乡建设局", "supervises")}),
    # a department's own report: 经市政府同意 approves the department's document
    ("北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知\n"
     "《北京市2016年政务公开工作要点》已经市政府同意,现印发给你们。我市推进政务公开,我办负责协调。",
     {("北京市人民政府", "北京市人民政府办公厅", "approves")}),
    # 已经县政府同意 in the report of the government's office
    ("西政办〔2020〕20号\n西平县人民政府办公室\n关于印发西平县2020年度法治政府建设工作安排的通知\n"
     "《西平县2020年度法治政府建设工作安排》已经县政府同意,现印发给你们,请认真贯彻执行。我县推进法治政府建设。",
     {("西平县人民政府", "西平县人民政府办公室", "approves")}),
    # reporting up: 报请党中央同意, 并报党中央、国务院
    ("2019年,生态环境部以习近平新时代中国特色社会主义思想为指导。起草《中央生态环境保护督察工作规定》,报请党中央同意后印发。"
     "制定《中央和国家机关有关部门生态环境保护责任清单》并报党中央、国务院。",
     {("中共中央", "生态环境部", "approves"), ("中共中央", "生态环境部", "receives_report"),
      ("国务院", "生态环境部", "receives_report")}),
    # the addressee on its own line after the 文号 and signatory lines
    ("保定市人民政府关于2016年度法治政府建设情况的报告\n基本介绍\n保政呈〔2017〕3号 签发人:郭建英\n河北省人民政府:\n"
     "2016年,在省委、省政府的正确领导下,我市认真贯彻落实《法治政府建设实施纲要》。",
     {("河北省人民政府", "保定市人民政府", "receives_report"), ("河北省人民政府", "保定市人民政府", "leads")}),
    # 听取和审议了《Y关于…的报告》
    ("1月4日,扎鲁特旗十六届人大常委会第三十次会议召开。会议听取和审议了《扎鲁特旗人民政府关于“七五”普法决议执行情况的报告》。",
     {("扎鲁特旗人民代表大会常务委员会", "扎鲁特旗人民政府", "receives_report")}),
    # an inspection's findings sent back to the report's government
    ("2024年,云南省委、省政府坚持依法行政。发挥法治督察作用,中央依法治国办市县法治建设督察反馈的45个主要问题全部完成整改。",
     {("中央全面依法治国委员会办公室", "云南省人民政府", "supervises")}),
    # a report delivered at a session of the standing committee
    ("省人民政府关于2015年依法行政工作的报告\n——2016年3月29日在省十二届人大常委会第二十二次会议上\n"
     "2015年,在省委、省人大的领导和监督下,全省各级政府深入贯彻党的十八大精神。甘肃省人民政府推进依法行政。",
     {("甘肃省人民代表大会常务委员会", "甘肃省人民政府", "receives_report")}),
    # the subject of an earlier clause evaluates; rated townships carry their county
    ("铜川市完成省级依法行政示范试点镇考评验收工作\n10月22日,受省政府法制办委托,铜川市成立考评验收组,"
     "完成了对耀州区庙湾镇、宜君县宜阳街道办省级依法行政示范试点镇考评验收工作。\n(铜川市政府法制办)",
     {("铜川市人民政府", "庙湾镇人民政府", "evaluates"), ("铜川市人民政府", "宜阳街道办事处", "evaluates")}),
])
def test_oversight_cues_of_real_reports(text, expected):
    assert expected <= edges_of(text)


def test_leadership_and_supervision_are_not_swapped():
    got = edges_of("2015年,在省委、省人大的领导和监督下,全省各级政府深入贯彻党的十八大精神。\n甘肃省人民政府\n2016年3月29日")
    assert ("中共甘肃省委员会", "甘肃省人民政府", "supervises") not in got
    assert ("甘肃省人民代表大会", "甘肃省人民政府", "leads") not in got


def test_asking_for_an_approval_is_not_a_report():
    got = edges_of("清远市人民政府关于2017年度法治政府建设的情况报告\n拟定改革方案报省编办批复同意后,印发实施方案。\n清远市人民政府\n2018年2月7日")
    assert ("广东省机构编制委员会办公室", "清远市人民政府", "approves") in got
    assert ("广东省机构编制委员会办公室", "清远市人民政府", "receives_report") not in got


@pytest.mark.parametrize("text", [
    # a notice sent down to 各… is not a report to them
    "陕西省人民政府办公厅关于印发2016年依法行政工作要点的通知\n各市、县、区人民政府,省人民政府各工作部门、各直属机构:\n"
    "《陕西省2016年依法行政工作要点》已经省政府同意,现印发给你们。",
    # a line ending in a colon that is not a list of addressees
    "区政府常务会议议题解读:关于2023年度法治建设工作情况的汇报\n区政府办公室\n2023-12-20\n"
    "十九届区政府第37次常务会议“关于2023年度法治建设工作情况的汇报”议题的解读如下:\n一、背景依据。",
])
def test_only_an_addressee_line_receives_the_report(text):
    assert not {e for e in edges_of(text) if e[2] == "receives_report"}


def test_hearing_a_report_without_naming_whose_is_no_edge():
    # annotated reports do not draw an edge from a body that 听取…汇报 without naming the reporter
    got = edges_of("2020年,在市委、市政府的坚强领导下,横县深入贯彻党的十九大精神。县委书记主持召开县委全面依法治县委员会第二次会议,"
                   "听取2020年横县全面依法治县工作情况报告。")
    assert not {e for e in got if e[2] == "receives_report"}
