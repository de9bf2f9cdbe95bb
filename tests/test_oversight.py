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
    # a class of bodies closing the list (和上级公安机关) does not hide the bodies named before it
    ("市政府在市委、州政府和上级有关部门的坚强领导下推进法治政府建设。",
     {("中共文山市委员会", "文山市人民政府", "leads"), ("文山壮族苗族自治州人民政府", "文山市人民政府", "leads")}),
    # a count between 听取 and the bodies heard (听取1次…报告), each of a list reporting
    ("市委常委会听取1次市人大常委会、市政府、市法院法治建设情况报告。",
     {("中共文山市委员会常务委员会", "文山市人民代表大会常务委员会", "receives_report"),
      ("中共文山市委员会常务委员会", "文山市人民政府", "receives_report"),
      ("中共文山市委员会常务委员会", "文山市人民法院", "receives_report")}),
])
def test_oversight_cues(sentence, expected):
    assert expected <= edges(HEAD + sentence + TAIL)


def test_a_head_of_government_reporting_speaks_for_the_government():
    text = ("雅安市人大常委会调研雨城区法治政府建设\n在调研座谈会上,雨城区代理区长陈建伟就雨城区2019年度"
            "法治政府建设情况作了汇报。")
    found = extract_document(normalize_text(text, name="t.txt"))
    assert ("雅安市人民代表大会常务委员会", "雅安市雨城区人民政府", "receives_report") in {
        (o.overseer, o.overseen, o.kind) for o in found.oversight}
    # the office is no name of the government
    (government,) = [a for a in found.agencies if a.name == "雅安市雨城区人民政府"]
    assert not any("区长" in alias for alias in government.aliases)


def test_a_towns_report_addressed_to_a_city_it_never_names():
    # the addressees are named as the agencies are (市委, the report placing no city): they receive it
    text = "市委、市政府:\n2025年,下蜀镇坚持以习近平法治思想为指导,镇党委加强对法治政府建设的组织领导。"
    assert {("市委", "下蜀镇人民政府", "receives_report"), ("市政府", "下蜀镇人民政府", "receives_report"),
            ("中共下蜀镇委员会", "下蜀镇人民政府", "leads")} <= edges(text)  # (加强对…的领导: it leads)


def test_a_body_joined_in_an_inspection_is_a_partner_not_an_overseer():
    found = edges(HEAD + "联合市委目标绩效办成立4个督查组,对全市13个乡镇开展专项督查。市人大常委会对全市开展执法检查。" + TAIL)
    assert ("文山市人民代表大会常务委员会", "文山市人民政府", "supervises") in found
    assert not any(e[0].startswith("中共文山市委") and e[2] == "supervises" for e in found)


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
     {("中共中央全面依法治国委员会办公室", "云南省人民政府", "supervises")}),
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


# Probes in the wording of reports of other provinces, levels and years (opening formulas,
# reporting lines, inspections): the report's head and signature give its issuer.
def _report(issuer: str, body: str, date: str = "2022年2月1日") -> str:
    return f"{issuer}关于2021年度法治政府建设情况的报告\n{body}\n{issuer}\n{date}"


@pytest.mark.parametrize("text, expected", [
    # each overseer before its own 监督 (法律监督 of the congress, 民主监督 of the CPPCC)
    (_report("湖南省人民政府", "2021年,在党中央、国务院的坚强领导下,在省人大及其常委会的法律监督和省政协的民主监督下,省政府全面推进依法行政。"),
     {("中共中央", "湖南省人民政府", "leads"), ("国务院", "湖南省人民政府", "leads"),
      ("湖南省人民代表大会", "湖南省人民政府", "supervises"),
      ("中国人民政治协商会议湖南省委员会", "湖南省人民政府", "supervises")}),
    (_report("田阳区人力资源和社会保障局", "在区委、区政府的坚强领导下,在区人大及其常委会的法律监督、区政协的民主监督下,我局深入推进依法行政。"),
     {("百色市田阳区人民代表大会", "百色市田阳区人力资源和社会保障局", "supervises"),
      ("中国人民政治协商会议百色市田阳区委员会", "百色市田阳区人力资源和社会保障局", "supervises")}),
    # 监督支持下
    (_report("赣州市人民政府", "在市委的正确领导下,在市人大、市政协的监督支持下,市政府坚持依法行政。"),
     {("中共赣州市委员会", "赣州市人民政府", "leads"), ("赣州市人民代表大会", "赣州市人民政府", "supervises"),
      ("中国人民政治协商会议赣州市委员会", "赣州市人民政府", "supervises")}),
    # 自觉接受 does not run into the body's name; each 监督 its own body
    (_report("铜仁市人民政府", "市政府自觉接受市人大及其常委会的法律监督和工作监督,自觉接受市政协的民主监督。"),
     {("铜仁市人民代表大会", "铜仁市人民政府", "supervises"),
      ("铜仁市人民代表大会常务委员会", "铜仁市人民政府", "supervises"),
      ("中国人民政治协商会议铜仁市委员会", "铜仁市人民政府", "supervises")}),
    # 督察 is supervision
    (_report("临沂市人民政府", "省委依法治省办对我市法治政府建设情况开展实地督察,反馈问题全部整改到位。"),
     {("中共山东省委全面依法治省委员会办公室", "临沂市人民政府", "supervises")}),
    (_report("宁乡市人民政府", "我市接受长沙市委依法治市办督察。"),
     {("中共长沙市委全面依法治市委员会办公室", "宁乡市人民政府", "supervises")}),
    # 审计 of a list of bodies
    (_report("宜宾市人民政府", "市审计局对市住房和城乡建设局、市交通运输局开展了专项审计。"),
     {("宜宾市审计局", "宜宾市住房和城乡建设局", "audits"), ("宜宾市审计局", "宜宾市交通运输局", "audits")}),
    # 听取 after a meeting's name: the body does not swallow the meeting and the verb
    (_report("鄂州市人民政府", "市政府常务会议专题听取市司法局、市公安局关于行政执法工作情况的汇报。"),
     {("鄂州市人民政府", "鄂州市司法局", "receives_report"), ("鄂州市人民政府", "鄂州市公安局", "receives_report")}),
    # a congress's visit with its members named before 来到
    ("关于市政府行政执法工作情况的视察报告\n6月,市人大常委会组织部分常委会组成人员和市人大代表,先后来到市公安局、市城市管理局视察行政执法工作。\n"
     "毕节市人民代表大会常务委员会\n2019年7月1日",
     {("毕节市人民代表大会常务委员会", "毕节市公安局", "supervises"),
      ("毕节市人民代表大会常务委员会", "毕节市城市管理局", "supervises")}),
    # a congress's 专题询问 of the government
    ("关于对全市法治政府建设工作开展专题询问的报告\n市人大常委会对市政府法治政府建设工作开展专题询问,市司法局负责同志到会应询。\n"
     "梧州市人民代表大会常务委员会\n2020年10月1日",
     {("梧州市人民代表大会常务委员会", "梧州市人民政府", "supervises")}),
])
def test_probes_of_other_reports(text, expected):
    assert expected <= edges_of(text)


@pytest.mark.parametrize("text, expected", [
    # 在X的领导和Y的指导/监督下: Y guides/supervises the main clause's subject, not X
    (_report("东莞市市场监督管理局", "在市委、市政府的坚强领导和省市场监管局的指导下,我局全面推进依法行政。"),
     {("中共东莞市委员会", "东莞市市场监督管理局", "leads"), ("东莞市人民政府", "东莞市市场监督管理局", "leads"),
      ("广东省市场监督管理局", "东莞市市场监督管理局", "guides")}),
    (_report("揭阳市人民政府", "2021年,在市委的坚强领导和市人大的法律监督下,市政府深入推进依法行政。"),
     {("中共揭阳市委员会", "揭阳市人民政府", "leads"), ("揭阳市人民代表大会", "揭阳市人民政府", "supervises")}),
    (_report("科尔沁右翼前旗司法局", "在旗委、旗政府的正确领导下,在盟司法局的业务指导下,我局扎实推进各项工作。"),
     {("中共科尔沁右翼前旗委员会", "科尔沁右翼前旗司法局", "leads"),
      ("科尔沁右翼前旗人民政府", "科尔沁右翼前旗司法局", "leads"), ("兴安盟司法局", "科尔沁右翼前旗司法局", "guides")}),
    # the guide named first (在X的关心指导和Y的坚强领导下, probe U): the same edges
    (_report("四川省生态环境厅", "2024年,在生态环境部的关心指导和省委、省政府的坚强领导下,我厅推进依法行政。"),
     {("生态环境部", "四川省生态环境厅", "guides"), ("中共四川省委员会", "四川省生态环境厅", "leads"),
      ("四川省人民政府", "四川省生态环境厅", "leads")}),
    # a 街道's working committee's 统一领导 / 统筹领导职能 leads the 街道 (probes K, Y)
    ("大中街道2022年法治政府建设情况报告\n街道充分发挥党工委在法治政府建设中的统筹领导职能,全面落实中央部署。",
     {("中共大中街道工作委员会", "大中街道办事处", "leads")}),
    # the bodies at whose meetings the work was heard, listed with , and 及 (probe Y); the report's
    # own government among them oversees nothing of itself
    ("西安市未央区2022年度法治政府建设工作报告\n区政府主要负责同志认真履行法治建设第一责任人职责,在区委常委会,"
     "区委全面依法治区委员会会议及区政府常务会上专题听取法治政府建设工作汇报。",
     {("中共西安市未央区委员会常务委员会", "西安市未央区人民政府", "receives_report"),
      ("中共西安市未央区委员会全面依法治区委员会", "西安市未央区人民政府", "receives_report")}),
    # an inspection's findings sent back to be fixed (督察反馈问题整改, probes G, M, W)
    (_report("湖北省人民政府", "坚决推进中央依法治国办督察反馈问题整改落实。"),
     {("中共中央全面依法治国委员会办公室", "湖北省人民政府", "supervises")}),
    # a township's own Party committee leads it
    ("遂宁市船山区永兴镇人民政府2022年法治政府建设工作报告\n在区委、区政府的坚强领导下,在镇党委的直接领导下,永兴镇政府依法履职。\n"
     "遂宁市船山区永兴镇人民政府\n2023年1月10日",
     {("中共遂宁市船山区委员会", "永兴镇人民政府", "leads"), ("遂宁市船山区人民政府", "永兴镇人民政府", "leads"),
      ("中共永兴镇委员会", "永兴镇人民政府", "leads")}),
    # 监督和…支持下: the supporting CPPCC oversees nothing; 指导和…监督下: one kind each
    (_report("梅州市人民政府", "在市人大的监督和市政协的支持下,市政府接受社会监督、舆论监督。"),
     {("梅州市人民代表大会", "梅州市人民政府", "supervises")}),
    (_report("梅州市人民政府", "在省政府的领导下,在省司法厅的指导和市人大的监督下,市政府推进依法行政。"),
     {("广东省人民政府", "梅州市人民政府", "leads"), ("广东省司法厅", "梅州市人民政府", "guides"),
      ("梅州市人民代表大会", "梅州市人民政府", "supervises")}),
    (_report("梅州市人民政府", "市政府主动接受市人大常委会的工作监督,以及市监察委员会的监察监督。"),
     {("梅州市人民代表大会常务委员会", "梅州市人民政府", "supervises"), ("梅州市监察委员会", "梅州市人民政府", "supervises")}),
    # bodies of a class are no end; nor are 上级政府, 人大代表, a 领导小组 each 乡镇 sets up
    (_report("安康市人民政府", "各县区、市直各部门均成立了由主要负责同志任组长的法治政府建设领导小组,定期向本级党委报告工作。"), set()),
    (_report("安康市人民政府", "按时向上级政府报告法治政府建设情况,积极配合人大代表、政协委员视察。各乡镇均成立了法治建设领导小组。"), set()),
    (_report("山东省人民政府", "省政府对16个设区市人民政府和省直部门开展法治政府建设督察。"), set()),
])
def test_probes_with_exactly_these_edges(text, expected):
    assert edges_of(text) == expected


def _notice(body: str, signer: str) -> str:
    return f"关于2021年度法治政府建设考评结果的通报\n{body}\n{signer}\n2022年3月1日"


# Graded lists of evaluation notices in other layouts: the evaluator evaluates every body listed.
@pytest.mark.parametrize("text, evaluator, rated", [
    # grade, count and colon, then the list, on the heading line
    (_notice("市委全面依法治市委员会办公室对市直单位进行了考评。现将结果通报如下:\n"
             "一、优秀等次(3个):市人力资源和社会保障局、市住房和城乡建设局、市发展和改革委员会\n二、良好等次(1个):市生态环境局",
             "中共南阳市委全面依法治市委员会办公室"),
     "中共南阳市委全面依法治市委员会办公室",
     ["南阳市人力资源和社会保障局", "南阳市住房和城乡建设局", "南阳市发展和改革委员会", "南阳市生态环境局"]),
    # 考核结果为优秀的单位: …
    (_notice("经考核,考核结果为优秀的单位:市公安局、市司法局。考核结果为合格的单位:市水利局。", "九江市人民政府"),
     "九江市人民政府", ["九江市公安局", "九江市司法局", "九江市水利局"]),
    # a results table flattened to lines
    (_notice("序号 单位 考核等次\n1 泾阳县人民政府 优秀\n2 三原县人民政府 92.5 良好", "咸阳市人民政府"),
     "咸阳市人民政府", ["泾阳县人民政府", "三原县人民政府"]),
    # grades 一等次/二等次 inline, separated by ;
    (_notice("市委全面依法治市委员会对各县(市、区)进行了考核。考核结果:一等次:费县人民政府、沂水县人民政府;二等次:蒙阴县人民政府。",
             "中共临沂市委全面依法治市委员会"),
     "中共临沂市委员会全面依法治市委员会", ["费县人民政府", "沂水县人民政府", "蒙阴县人民政府"]),
    # a graded heading over a list of one body
    (_notice("(一)优秀(2个)\n市公安局、市司法局\n(二)良好(1个)\n市教育局", "汕头市人民政府"),
     "汕头市人民政府", ["汕头市公安局", "汕头市司法局", "汕头市教育局"]),
    # the grade after the evaluation's name: 依法行政考核优秀单位: …;良好单位: …
    (_notice("2021年度依法行政考核优秀单位:市财政局、市审计局;良好单位:市统计局。", "包头市人民政府"),
     "包头市人民政府", ["包头市财政局", "包头市审计局", "包头市统计局"]),
    # rated counties named by their place alone: their governments
    (_notice("市委依法治市办组织对各县(市、区)法治政府建设情况进行了考评。考评结果:优秀等次:宁都县、瑞金市;良好等次:于都县。",
             "中共赣州市委全面依法治市委员会办公室"),
     "中共赣州市委全面依法治市委员会办公室", ["宁都县人民政府", "瑞金市人民政府", "于都县人民政府"]),
])
def test_graded_lists_of_other_layouts(text, evaluator, rated):
    got = edges_of(text)
    assert {(evaluator, r, "evaluates") for r in rated} <= got
    assert not {e for e in got if e[2] == "evaluates" and e[1] not in rated}
