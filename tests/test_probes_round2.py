"""Probes, round 2: duties, statuses, cited documents and metadata in wordings, provinces, levels
and years the 40 dev reports do not show (西北, 西南, 华南, 华北 cities and counties, ministries,
街道, 2016–2024, traditional script and pinyin). Each passage is written here in the style of
the reports, not copied from one. The rows marked "(fixed)" failed before this round's rules:
免罚清单/首违不罚, 公共法律知识考试 of enforcement staff, 法治…纳入年度综合考核, the
第一责任人职责规定's own definition, a legal section's staff, drafting a 条例, 規範性檔, a
survey's 建议县政府…, 未发生…案件, 公众参与 in 政务公开, and years in Chinese numerals."""
import re
import unicodedata

import pytest

from kg.build.pipeline import extract_document
from kg.normalize import normalize_text


def extract(text: str):
    return extract_document(normalize_text(text, name="t.txt"))


def duties_in(text: str) -> dict[str, set[str]]:
    return {d.id: set(d.statuses) for d in extract(text).duties}


def norm(s: str) -> str:
    """As the scorer compares titles."""
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[—–－─~～]", "-", re.sub(r"[\s《》〈〉<>]", "", s))


def cited(text: str) -> dict[str, str | None]:
    return {norm(r.title): r.doc_number for r in extract(text).regulations}


# (text, {duty: statuses})
@pytest.mark.parametrize("text, expected", [
    # 三项制度 written separately
    ("一、主要工作\n全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度,全年法制审核重大执法决定46件。\n",
     {"three-enforcement-systems": {"done"}}),
    ("二、存在的不足\n部分执法单位执法全过程记录不够规范,音像记录设备配备不足。\n",
     {"three-enforcement-systems": {"gap"}}),
    ("三、2024年工作安排\n严格落实行政执法“三项制度”,推进执法规范化建设。\n",
     {"three-enforcement-systems": {"planned"}}),
    # 合法性审核 of decisions and documents
    ("一、工作成效\n市政府重大行政决策均经合法性审核,全年审核决策事项12件。\n",
     {"major-decision-procedures": {"done"}}),
    ("一、工作成效\n严格行政规范性文件合法性审核,审核各类文件58件,向市人大常委会报备规范性文件5件。\n",
     {"normative-document-review": {"done"}}),
    ("二、存在问题\n规范性文件备案审查工作仍需加强,个别部门报备不及时。\n", {"normative-document-review": {"gap"}}),
    # 行政复议体制改革
    ("一、主要成效\n稳妥推进行政复议体制改革,县政府统一行使行政复议职责。\n",
     {"administrative-reconsideration": {"done"}}),
    ("下一步,我们将深化行政复议体制改革,发挥行政复议化解行政争议主渠道作用。\n",
     {"administrative-reconsideration": {"planned"}}),
    # 法律顾问 / 公职律师
    ("一、工作情况\n全县47个部门实现法律顾问全覆盖,公职律师达到23名。\n", {"legal-advisor": {"done"}}),
    ("二、存在的差距\n公职律师作用发挥不充分,法律顾问参与决策的深度不够。\n", {"legal-advisor": {"gap"}}),
    # 府院联动 with the courts, judgments carried out: judicial supervision accepted
    ("一、工作成效\n建立府院联动机制,支持法院依法受理和审理行政案件,认真履行生效判决。\n",
     {"accept-external-supervision": {"done"}}),
    # 政务公开
    ("一、工作成效\n深化政务公开,主动公开政府信息1.2万条,依申请公开办结率100%。\n",
     {"government-transparency": {"done"}}),
    ("二、存在的短板\n基层政务公开标准化规范化建设有待加强。\n", {"government-transparency": {"gap"}}),
    # 诚信建设
    ("一、工作情况\n加强政务诚信建设,开展政府失信行为专项治理,清理拖欠民营企业账款。\n", {"credit-system": {"done"}}),
    ("四、2023年工作计划\n推进社会信用体系建设,健全守信激励和失信惩戒机制。\n", {"credit-system": {"planned"}}),
    # 证明事项告知承诺制
    ("一、主要工作\n全面推行证明事项告知承诺制,公布实行告知承诺制证明事项38项。\n", {"approval-reform": {"done"}}),
    # 包容审慎监管
    ("一、主要工作\n推行包容审慎监管,制定轻微违法行为不予处罚清单,首违不罚案件112件。\n",
     {"discretion-benchmark": {"done"}}),
    # 执法人员
    ("一、工作成效\n组织全区行政执法人员参加公共法律知识考试,新申领执法证件312人。\n",
     {"enforcement-personnel": {"done"}}),
    # 负责人出庭应诉
    ("二、存在问题\n行政机关负责人出庭应诉率偏低,出庭不出声现象依然存在。\n", {"head-appears-in-court": {"gap"}}),
    ("一、主要做法\n全年行政诉讼案件负责人出庭应诉率达100%。\n", {"head-appears-in-court": {"done"}}),
    # 述法 / 第一责任人
    ("一、工作情况\n局主要负责人切实履行推进法治建设第一责任人职责,年终述职述法。\n",
     {"first-responsibility": {"done"}}),
    # 案卷评查
    ("一、工作成效\n开展行政执法案卷集中评查,评查案卷320卷,优秀率85%。\n", {"enforcement-case-review": {"done"}}),
    # 双随机
    ("下一步,将全面推进部门联合“双随机、一公开”监管,减少重复检查。\n", {"double-random-inspection": {"planned"}}),
    # 调解 / 信访
    ("一、工作成效\n坚持和发展新时代“枫桥经验”,人民调解组织调处矛盾纠纷1200余件。\n", {"mediation": {"done"}}),
    ("一、工作成效\n推进信访工作法治化,信访事项及时受理率100%。\n", {"petition-work": {"done"}}),
    # 立法
    ("一、工作成效\n完成2项政府规章的立项论证,提请市人大常委会审议地方性法规草案1件。\n",
     {"government-legislation": {"done"}}),
    # 两法衔接
    ("二、存在的不足\n行政执法与刑事司法衔接机制尚未完全理顺。\n", {"enforcement-criminal-linkage": {"gap"}}),
    # 审计
    ("一、工作情况\n对12名领导干部开展经济责任审计,推动审计整改。\n", {"audit-supervision": {"done"}}),
    # 清理
    ("一、工作情况\n开展涉及民法典的规范性文件专项清理,废止文件6件。\n", {"document-cleanup": {"done"}}),
    # 法制机构
    ("二、存在的问题\n乡镇法治工作力量薄弱,专职法制工作人员配备不足。\n", {"legal-affairs-capacity": {"gap"}}),
    # 综合执法
    ("三、下一步工作打算\n深化乡镇(街道)综合行政执法改革,推动执法力量下沉。\n",
     {"comprehensive-enforcement-reform": {"planned"}}),
    # 考评
    ("一、工作情况\n将法治建设成效纳入各镇(街道)年度综合考核,权重不低于4%。\n", {"rule-of-law-evaluation": {"done"}}),
    # 普法
    ("一、工作成效\n落实“谁执法谁普法”普法责任制,编制普法责任清单。\n", {"law-popularization": {"done"}}),
    # 学法
    ("一、工作情况\n县政府常务会议会前学法12次,组织领导干部旁听庭审。\n", {"leaders-study-law": {"done"}}),
    # 权责清单
    ("一、工作情况\n动态调整权责清单,公布行政许可事项清单186项。\n",
     {"power-and-responsibility-list": {"done"}, "approval-reform": {"done"}}),
    # 年度报告
    ("一、工作情况\n按时向县委、县人大常委会报告上一年度法治政府建设情况,并在政府网站公开。\n",
     {"annual-report-duty": {"done"}}),
    # 裁量
    ("四、下一步工作计划\n修订完善行政处罚裁量权基准,规范行政执法自由裁量。\n", {"discretion-benchmark": {"planned"}}),
    # 接受监督
    ("一、工作情况\n办理人大代表建议86件、政协提案112件,办复率100%。\n", {"accept-external-supervision": {"done"}}),
    # traditional script, pinyin annotations
    ("一、主要工作\n全面推行行政執法公示制度、執法全過程記錄制度、重大執法決定法制審核制度。\n",
     {"three-enforcement-systems": {"done"}}),
    ("一、主要工作\n嚴格規範性文件備案審查,做到有件必備、有備必審。\n", {"normative-document-review": {"done"}}),
    ("一、主要工作\n深化政務公(gōng)開,推進基層政務公開標準化。\n", {"government-transparency": {"done"}}),
    # gap cues inside a work section
    ("一、2023年工作情况\n重大行政决策目录化管理尚未全面推开。\n", {"major-decision-procedures": {"gap"}}),
    ("一、2023年工作情况\n行政执法案卷评查机制还不够完善。\n", {"enforcement-case-review": {"gap"}}),
    # planned cues inside a work section
    ("一、工作成效\n全年办理行政复议案件46件。计划明年在各乡镇设立行政复议受理点。\n",
     {"administrative-reconsideration": {"done", "planned"}}),
    ("一、工作成效\n下一步,将进一步规范行政执法人员持证上岗和资格管理。\n", {"enforcement-personnel": {"planned"}}),
    # headings of plans in other words
    ("五、2024年工作安排\n(一)全面落实证明事项告知承诺制。\n", {"approval-reform": {"planned"}}),
    ("三、下一步工作思路\n健全政府法律顾问制度,发挥公职律师作用。\n", {"legal-advisor": {"planned"}}),
    ("三、今后工作打算\n加强行政调解工作,推动诉源治理。\n", {"mediation": {"planned"}}),
    # problems headings in other words
    ("二、存在的主要问题和困难\n一是行政执法“三项制度”落实不到位。\n", {"three-enforcement-systems": {"gap"}}),
    ("三、存在的差距和不足\n领导干部运用法治思维和法治方式的能力有待提高。\n", {"leaders-study-law": {"gap"}}),
    # a 人大 survey's recommendations are planned
    ("三、几点建议\n(一)进一步加强规范性文件备案审查。\n", {"normative-document-review": {"planned"}}),
    # 考评 notice items
    ("一、工作成效\n公布政府部门权责清单,实行动态管理。\n", {"power-and-responsibility-list": {"done"}}),
    ("二、存在问题\n个别单位“双随机、一公开”抽查事项清单不完善。\n", {"double-random-inspection": {"gap"}}),
    # (fixed) the 第一责任人职责规定's definition (组织者、推动者和实践者); a legal section's staff
    ("一、主要举措\n局党组认真履行法治建设组织、推动和实践职责。\n", {"first-responsibility": {"done"}}),
    ("一、主要举措\n局主要负责人作为推进法治建设的重要组织者、推动者和实践者,带头尊法学法守法用法。\n",
     {"first-responsibility": {"done"}, "leaders-study-law": {"done"}}),
    ("一、主要举措\n进一步充实局政策法规科的人员力量。\n", {"legal-affairs-capacity": {"done"}}),
    ("二、存在不足\n法规股人员力量薄弱,难以适应工作需要。\n", {"legal-affairs-capacity": {"gap"}}),
    # (fixed) drafting a 条例 is legislation; a law's article is not drafting
    ("一、工作情况\n参与《西宁市城市管理条例》起草工作,提出修改意见12条。\n", {"government-legislation": {"done"}}),
    # (fixed) 规范性文件 written 規範性檔 by a Taiwan-usage converter
    ("一、工作情況\n縣級以上政府出臺規範性檔312件,均經合法性審查。\n", {"normative-document-review": {"done"}}),
    # a 研究将…纳入考核 clause that only says 履行法治政府建设职责 names no 第一责任人
    ("三、下一步打算\n研究将法治政府建设成效纳入政绩考核指标体系,促使各部门严格履行法治政府建设职责。\n",
     {"rule-of-law-evaluation": {"planned"}}),
    # (fixed) a survey's recommendation is planned; a good outcome stated as an absence is no gap;
    # 公众参与 among 政策解读/回应关切 is 政务公开, not a decision procedure
    ("关于进一步加强法治政府建设的意见和建议\n一、加大普法力度\n建议县政府落实“谁执法谁普法”普法责任制。\n",
     {"law-popularization": {"planned"}}),
    ("一、工作情况\n办理人大代表建议45件,全部按期办结。\n", {"accept-external-supervision": {"done"}}),
    ("一、2022年工作开展情况\n本年度未发生行政复议纠错案件。\n", {"administrative-reconsideration": {"done"}}),
    ("一、工作情况\n在信息公开、政策解读、回应关切、公众参与等各环节实现新突破。\n",
     {"government-transparency": {"done"}}),
    ("一、工作情况\n重大行政决策严格履行公众参与、专家论证程序,做好政策解读。\n",
     {"major-decision-procedures": {"done"}}),
    # (fixed) 诚信政府建设 and 政务失信 are government integrity; a slogan's 诚信政府 is not
    ("五、下步工作\n围绕诚信政府建设,开展政务失信专项治理。\n", {"credit-system": {"planned"}}),
    ("一、工作情况\n开展政府失信行为专项治理,清理拖欠账款。\n", {"credit-system": {"done"}}),
    ("一、工作情况\n建设法治政府、诚信政府、服务型政府。\n", {}),
    # gap and planned cues in a work section, in other words
    ("一、工作情况\n行政复议规范化建设与上级要求相比还有差距。\n", {"administrative-reconsideration": {"gap"}}),
    ("一、工作情况\n2024年,我们将全面推行行政执法三项制度。\n", {"three-enforcement-systems": {"planned"}}),
    ("一、工作情况\n拟于年内出台重大行政决策程序规定。\n", {"major-decision-procedures": {"planned"}}),
    ("二、短板弱项\n乡镇综合行政执法改革推进缓慢。\n", {"comprehensive-enforcement-reform": {"gap"}}),
    ("一、工作情况\n行政执法人员持证率达到98%,但仍有个别执法人员未取得执法证。\n",
     {"enforcement-personnel": {"done", "gap"}}),
    # (fixed) an evaluation notice: findings are gaps, its directive (请各单位…) is planned;
    # 提请 a congress to review is no directive
    ("关于2022年度法治政府建设考评结果的通报\n各县区人民政府:\n考评中发现,部分单位重大行政决策程序执行不严格。\n"
     "请各单位认真整改,进一步落实行政机关负责人出庭应诉制度。\n",
     {"rule-of-law-evaluation": {"done"}, "major-decision-procedures": {"gap"}, "head-appears-in-court": {"planned"}}),
    ("一、工作情况\n提请市人大常委会审议地方性法规草案2件。\n", {"government-legislation": {"done"}}),
    # a 人大 survey: findings, problems, recommendations
    ("县人大常委会关于县政府法治政府建设情况的调研报告\n一、基本情况\n县政府建立了法律顾问制度。\n二、存在问题\n"
     "规范性文件备案审查不及时。\n三、意见建议\n要加强行政执法人员培训。\n",
     {"legal-advisor": {"done"}, "normative-document-review": {"gap"}, "enforcement-personnel": {"planned"}}),
    # a ministry's and a 街道's wordings
    ("一、2021年推进法治政府建设的主要举措\n全年制定修订部门规章8部,废止规章3部。\n",
     {"government-legislation": {"done"}, "document-cleanup": {"done"}}),
    ("一、主要举措\n部党组书记、部长切实履行推进法治建设第一责任人职责,定期听取法治工作汇报。\n",
     {"first-responsibility": {"done"}}),
    ("一、主要举措\n推进“证照分离”改革全覆盖,压减审批时限50%。\n", {"approval-reform": {"done"}}),
    ("一、主要举措\n完善街道综合执法机制,推行“街乡吹哨、部门报到”。\n", {"comprehensive-enforcement-reform": {"done"}}),
    ("一、主要举措\n推进社区矛盾纠纷排查化解,设立“老娘舅”调解工作室。\n", {"mediation": {"done"}}),
    ("一、主要举措\n开展“八五”普法中期评估,组织国家宪法日宣传活动。\n", {"law-popularization": {"done"}}),
])
def test_duties_and_statuses_round2(text, expected):
    assert duties_in(text) == expected


# (text, {title as the scorer compares it: 文号})
@pytest.mark.parametrize("text, expected", [
    ("认真贯彻新修订的《中华人民共和国行政处罚法》,开展专题培训。", {"中华人民共和国行政处罚法": None}),
    ("学习2021年修订的《中华人民共和国行政处罚法》和新修订的《行政复议法》。",
     {"中华人民共和国行政处罚法": None, "行政复议法": None}),  # printed title; the catalogue title is its alias
    ("深入学习贯彻习近平法治思想,推进法治政府建设。", {}),
    ("印发《关于印发〈岳阳市重大行政决策程序规定〉的通知》,规范决策行为。",
     {"关于印发岳阳市重大行政决策程序规定的通知": None, "岳阳市重大行政决策程序规定": None}),
    ("贯彻落实《法治中国建设规划(2020—2025年)》和《法治社会建设实施纲要(2020—2025年)》。",
     {"法治中国建设规划(2020-2025年)": None, "法治社会建设实施纲要(2020-2025年)": None}),
    ("严格执行《重大行政决策程序暂行条例》(国务院令第713号)。", {"重大行政决策程序暂行条例": "国务院令第713号"}),
    ("按照《甘肃省行政执法监督条例》要求,开展执法监督。", {"甘肃省行政执法监督条例": None}),
    ("制定《庆阳市行政规范性文件管理办法》,规范文件制发。", {"庆阳市行政规范性文件管理办法": None}),
    ("出台《关于加强法治乡村建设的实施意见》(陇办发〔2020〕12号)。",
     {"关于加强法治乡村建设的实施意见": "陇办发〔2020〕12号"}),
    ("落实《党政主要负责人履行推进法治建设第一责任人职责规定》,开展述法。",
     {"党政主要负责人履行推进法治建设第一责任人职责规定": None}),
    ("执行《优化营商环境条例》和《保障中小企业款项支付条例》。",
     {"优化营商环境条例": None, "保障中小企业款项支付条例": None}),
    ("印发《2023年全县普法依法治理工作要点》,部署年度普法工作。", {"2023年全县普法依法治理工作要点": None}),
    ("贯彻《中共中央 国务院关于加快建设全国统一大市场的意见》。",
     {"中共中央国务院关于加快建设全国统一大市场的意见": None}),
    ("學習貫徹《中華人民共和國憲法》和《中華人民共和國民法典》。",
     {"中华人民共和国宪法": None, "中华人民共和国民法典": None}),
    ("认真落实《法治政府建设与责任落实督察工作规定》,按时报送年度报告。", {"法治政府建设与责任落实督察工作规定": None}),
    # nested titles, with and without inner brackets; a 令 number; a list of three 办法
    ("转发《国务院办公厅关于印发〈全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见〉的通知》"
     "(国办发〔2018〕118号)。",
     {"国务院办公厅关于印发全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见的通知":
      "国办发〔2018〕118号",
      "全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见": None}),
    ("印发《关于印发六安市2022年法治政府建设工作要点的通知》。",
     {"关于印发六安市2022年法治政府建设工作要点的通知": None, "六安市2022年法治政府建设工作要点": None}),
    ("落实《江西省行政执法证件管理办法》(省政府令第245号)。", {"江西省行政执法证件管理办法": "省政府令第245号"}),
    ("印发《长沙市行政执法公示办法》《长沙市行政执法全过程记录办法》《长沙市重大行政执法决定法制审核办法》。",
     {"长沙市行政执法公示办法": None, "长沙市行政执法全过程记录办法": None,
      "长沙市重大行政执法决定法制审核办法": None}),
    # the 三项制度 named without a title, a 文号 with no title, a lecture: no document
    ("出台了行政执法公示、执法全过程记录、重大执法决定法制审核三项制度实施办法。", {}),
    ("按照国办发〔2019〕39号文件要求,开展证明事项清理。", {}),
    ("组织收看《法治政府建设的实践与思考》专题讲座。", {}),
    ("按照《指导意见》要求开展工作。", {}),  # a short form with nothing to resolve it
    # a period in Chinese numerals; an indicator system; a 修订 year after the title
    ("印发《全面推进依法行政五年规划（二〇一六—二〇二〇年）》。",
     {"全面推进依法行政五年规划(二〇一六-二〇二〇年)": None}),
    ("落实《湖北省法治政府建设指标体系(试行)》。", {"湖北省法治政府建设指标体系(试行)": None}),
    ("依照《中华人民共和国政府信息公开条例》(2019年修订)做好公开工作。", {"中华人民共和国政府信息公开条例": None}),
    # a period closing a title without its parentheses; a thought studied beside the laws is no
    # title, and the laws it is joined to are each cited (probe ZA)
    ("严格按照中共中央、国务院《法治政府建设实施纲要2015—2020年》要求推进。",
     {"法治政府建设实施纲要(2015-2020年)": None}),
    ("深入学习宣传贯彻习近平法治思想和宪法、民法典、生态环境保护等法律法规。",
     {"中华人民共和国宪法": None, "中华人民共和国民法典": None}),
    # the system of keeping a list is no document (落实行政许可清单管理制度, probe ZJ); the list is
    ("全面落实行政许可清单管理制度,推行权责清单制度。", {}),
    ("落实行政许可事项清单,规范审批行为。", {"行政许可事项清单": None}),
])
def test_cited_documents_round2(text, expected):
    assert cited(text) == expected


BODY = "2023年,我区深入学习贯彻习近平法治思想,扎实推进法治政府建设。\n"


# (text, expected metadata fields)
@pytest.mark.parametrize("text, expected", [
    # a title over two lines without 关于 split
    ("西宁市城中区人民政府关于2023年度\n法治政府建设工作情况的报告\n" + BODY
     + "西宁市城中区人民政府\n二〇二四年一月十五日",
     {"title": "西宁市城中区人民政府关于2023年度法治政府建设工作情况的报告", "date": "2024-01-15", "year_covered": 2023,
      "doc_type": "annual_report", "issuer": "西宁市城中区人民政府"}),
    # a work summary
    ("拉萨市司法局2022年法治政府建设工作总结\n2022年,市司法局认真贯彻落实。\n拉萨市司法局\n2022年12月26日",
     {"title": "拉萨市司法局2022年法治政府建设工作总结", "date": "2022-12-26", "year_covered": 2022,
      "doc_type": "annual_report"}),
    # a plan: work points of a year, signed the year before or in it
    ("关于印发《海口市2024年法治政府建设工作要点》的通知\n各区人民政府,市政府各部门:\n现将《海口市2024年法治政府建设工作要点》印发给你们,请认真贯彻落实。\n海口市人民政府办公厅\n2024年3月5日",
     {"doc_type": "plan", "year_covered": 2024, "date": "2024-03-05", "issuer": "海口市人民政府办公厅"}),
    # an evaluation notice over a year
    ("关于2022年度法治政府建设考评结果的通报\n各县(区)人民政府:\n根据考评办法,现将考评结果通报如下。\n银川市人民政府办公室\n2023年4月10日",
     {"doc_type": "evaluation_notice", "year_covered": 2022, "date": "2023-04-10"}),
    # a 人大 inspection report with its meeting line
    ("关于检查《中华人民共和国行政复议法》实施情况的报告\n——2021年10月27日在州十五届人大常委会第三十次会议上\n正文。",
     {"doc_type": "oversight_survey", "date": "2021-10-27"}),
    # a 政协 视察 report
    ("关于全市法治政府建设情况的视察报告\n市政协视察组\n正文。", {"doc_type": "oversight_survey"}),
    # a 调研报告 of a 人大 committee
    ("关于我县法治政府建设情况的调研报告\n县人大常委会调研组\n正文。", {"doc_type": "oversight_survey"}),
    # a 实施方案 with a period
    ("贵阳市法治政府建设实施方案(2021—2025年)\n为深入推进依法行政,制定本方案。\n",
     {"doc_type": "plan", "year_covered": None}),
    # a 完成情况 report
    ("太原市人民政府关于2019年度法治政府建设工作完成情况的报告\n正文。\n太原市人民政府\n2020年2月20日",
     {"doc_type": "annual_report", "year_covered": 2019, "date": "2020-02-20", "issuer": "太原市人民政府"}),
    # the date in a header line 发布时间
    ("乌鲁木齐市水务局2021年法治政府建设情况报告\n发布时间:2022-01-28 来源:市水务局\n2021年,我局推进依法行政。",
     {"date": "2022-01-28", "year_covered": 2021}),
    # dates with zeros written ○ and O
    ("银川市兴庆区人民政府2020年法治政府建设情况报告\n正文。\n银川市兴庆区人民政府\n二O二一年一月二十日",
     {"date": "2021-01-20"}),
    # a ministry
    ("应急管理部2022年法治政府建设年度报告\n2022年,应急管理部深入学习贯彻习近平法治思想。\n",
     {"title": "应急管理部2022年法治政府建设年度报告", "year_covered": 2022, "doc_type": "annual_report",
      "issuer": "应急管理部"}),
    # a traditional-script title
    ("廈門市人民政府關於2018年度法治政府建設情況的報告\n正文。\n廈門市人民政府\n2019年3月1日",
     {"title": "厦门市人民政府关于2018年度法治政府建设情况的报告", "year_covered": 2018, "issuer": "厦门市人民政府",
      "region": "厦门市"}),
    # a 街道's report
    ("北京市朝阳区三里屯街道办事处2023年法治政府建设年度情况报告\n正文。\n2024年1月20日",
     {"year_covered": 2023, "date": "2024-01-20", "doc_type": "annual_report"}),
    # the work year named as 2021-2022 half years? a 上半年 report stays the year
    ("固原市人民政府关于2022年上半年法治政府建设工作情况的报告\n正文。", {"year_covered": 2022}),
    # (fixed) a work year written in Chinese numerals, in the title or opening the body
    ("宿州市人民政府关于二〇二〇年度法治政府建设情况的报告\n正文。\n宿州市人民政府\n2021年1月30日",
     {"year_covered": 2020, "date": "2021-01-30", "doc_type": "annual_report"}),
    ("二〇二一年,我县认真推进依法行政,法治政府建设取得新成效。\n", {"year_covered": 2021}),
    ("全面推进依法行政五年规划(二〇一六—二〇二〇年)\n为推进依法行政,制定本规划。\n",
     {"year_covered": None, "doc_type": "plan"}),
    # a joint office's notice over three lines
    ("中共长治市委全面依法治市委员会办公室\n关于2021年度全市法治政府建设\n考核结果的通报\n各县(区)委依法治县(区)办:\n正文。\n2022年3月8日",
     {"title": "中共长治市委全面依法治市委员会办公室关于2021年度全市法治政府建设考核结果的通报",
      "doc_type": "evaluation_notice", "year_covered": 2021, "date": "2022-03-08"}),
    # dates printed 2022.01.25 and 2023/2/10
    ("榆林市横山区人民政府2021年法治政府建设情况报告\n正文。\n榆林市横山区人民政府\n2022.01.25",
     {"date": "2022-01-25", "issuer": "榆林市横山区人民政府", "region": "横山区"}),
    ("南宁市邕宁区人民政府2022年法治政府建设年度报告\n正文。\n发布日期:2023/2/10",
     {"date": "2023-02-10", "year_covered": 2022}),
    # (fixed) a word's pinyin, several toned syllables in one bracket, is no part of the title
    ("三亚市人民政府2019年度法治政府建设情況(qíng kuàng)报告\n2019年,三亚市政府认真贯彻。\n"
     "三亚市人民政府\n2020年3月10日",
     {"title": "三亚市人民政府2019年度法治政府建设情况报告", "issuer": "三亚市人民政府", "date": "2020-03-10"}),
    # a 名称:/成文日期: index block; a navigation line and a 发布时间 line with a clock time
    ("名  称:兴义市2022年度法治政府建设情况报告\n发文单位:兴义市人民政府\n成文日期:2023年02月15日\n"
     "2022年,我市扎实推进。",
     {"title": "兴义市2022年度法治政府建设情况报告", "date": "2023-02-15", "issuer": "兴义市人民政府"}),
    ("首页 > 信息公开 > 法治政府建设年度报告\n黔西南州人民政府关于2021年法治政府建设情况的报告\n"
     "来源:州司法局 发布时间:2022-03-25 16:30 浏览次数:128\n2021年,州人民政府深入推进依法行政。",
     {"title": "黔西南州人民政府关于2021年法治政府建设情况的报告", "date": "2022-03-25",
      "issuer": "黔西南布依族苗族自治州人民政府"}),
    # a title over three lines under an addressee; a 命名 decision is an evaluation notice
    ("嘉峪关市人民政府\n关于2020年度法治政府建设工作\n情况的报告\n甘肃省人民政府:\n2020年,我市坚持。\n嘉峪关市人民政府\n2021年1月28日",
     {"title": "嘉峪关市人民政府关于2020年度法治政府建设工作情况的报告", "year_covered": 2020}),
    ("关于命名第二批自治区法治政府建设示范地区和项目的决定\n各盟行政公署、市人民政府:\n正文。\n内蒙古自治区人民政府\n2023年1月5日",
     {"doc_type": "evaluation_notice", "issuer": "内蒙古自治区人民政府"}),
    # (fixed) a work year from an opening 2023年以来, or a summary's 今年以来 and its date
    ("宣汉县法治政府建设情况报告\n2023年以来,我县深入推进依法行政。\n2023年12月20日",
     {"year_covered": 2023, "date": "2023-12-20", "issuer": "宣汉县人民政府"}),
    ("法治政府建设工作总结\n今年以来,我局认真贯彻落实上级部署。\n大通回族土族自治县司法局\n2022年11月30日",
     {"year_covered": 2022, "issuer": "大通回族土族自治县司法局", "doc_type": "annual_report"}),
    # (fixed) 我县 in a text whose place is withheld (XX县) is a pronoun, not the issuer's name
    ("XX县法治政府建设情况报告\n2023年以来,我县深入推进依法行政。\n2023年12月20日",
     {"issuer": None, "region": None, "year_covered": 2023}),
])
def test_metadata_round2(text, expected):
    meta = extract(text).metadata
    assert {k: getattr(meta, k) for k in expected} == expected


def test_every_label_of_the_duty_scheme_is_found_in_a_sentence():
    """The SKOS labels of ontology/duties.ttl are wordings reports use: each, written into a
    plain work sentence, is found as its own duty."""
    from kg.core.duties_vocab import load_duty_vocabulary

    missed = []
    for duty_id, concept in load_duty_vocabulary().items():
        for label in (concept.pref_label_zh, *concept.alt_labels_zh):
            if duty_id not in duties_in(f"一、工作情况\n认真落实{label}。\n"):
                missed.append((duty_id, label))
    assert not missed
