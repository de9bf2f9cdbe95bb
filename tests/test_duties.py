"""Duty detection and status: sentence (+ the role of the section it sits in) → duties and statuses.

Sentences are cut from the seed reports or written like the sentences of other provinces'
reports; each is placed under a heading of the given role and run through the real pipeline
stages (normalize → sections → duties).
"""
from __future__ import annotations

import pytest

from kg.extract.duties import find_duties, split_clauses
from kg.extract.sections import annotate_sections
from kg.normalize import normalize_text

HEADING_OF_ROLE = {
    "achievements": "一、2019年工作情况",
    "problems": "二、存在的问题和不足",
    "plans": "三、下一步工作打算",
    "other": "",
}


def duties_of(sentence: str, role: str) -> dict[str, set[str]]:
    heading = HEADING_OF_ROLE[role]
    text = f"{heading}\n{sentence}\n" if heading else sentence + "\n"
    doc = annotate_sections(normalize_text(text, name="case.txt"))
    # keep only what the sentence says (the heading itself names no duty)
    return {f.id: set(f.statuses) for f in find_duties(doc)}


CASES = [
    # --- achievements: done by default --------------------------------------------------
    ("凡涉及全市经济社会发展的重大决策,严格执行公众参与、专家论证、风险评估、合法性审核、集体讨论决定5个法定程序。",
     "achievements", {"major-decision-procedures": {"done"}}),
    ("出台并严格执行全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度实施方案。",
     "achievements", {"three-enforcement-systems": {"done"}}),
    ("推进“双随机一公开”监管工作,年底前实现全覆盖。", "achievements", {"double-random-inspection": {"done"}}),
    ("我县行政机关负责人共出庭应诉36人次。", "achievements", {"head-appears-in-court": {"done"}}),
    ("全年共受理行政复议案件95宗,审结93宗。", "achievements", {"administrative-reconsideration": {"done"}}),
    ("落实“谁执法谁普法”普法责任制,开展以案释法。", "achievements", {"law-popularization": {"done"}}),
    ("建立了政府法律顾问制度,完善了公职律师的遴选、聘任制度。", "achievements", {"legal-advisor": {"done"}}),
    ("共清理县政府现行有效规范性文件761件,拟废止117件,拟修改38件。", "achievements", {"document-cleanup": {"done"}}),
    ("核发新版行政执法证件99786个,组织行政执法人员资格考试。", "achievements", {"enforcement-personnel": {"done"}}),
    ("建立健全行政执法和刑事司法衔接机制。", "achievements", {"enforcement-criminal-linkage": {"done"}}),
    ("县政府常务会议坚持会前学法制度。", "achievements", {"leaders-study-law": {"done"}}),
    ("市政府向市委、市人大常委会和省政府报告上一年度法治政府建设情况,并向社会公开。",
     "achievements", {"annual-report-duty": {"done"}}),
    ("开发“双公示”系统,推动信用信息公示公开。", "achievements", {"credit-system": {"done"}}),
    ("办理人大代表建议、政协委员提案11件,自觉接受人大监督、民主监督。", "achievements",
     {"accept-external-supervision": {"done"}}),
    ("整合执法队伍,组建综合行政执法局,推动执法力量下沉乡镇。", "achievements",
     {"comprehensive-enforcement-reform": {"done"}}),
    # a rule statement "未经…的,不得…" is not a shortfall
    ("严格执行重大执法决定法制审核制度,未经法制审核或者审核未通过的,不得作出决定。", "achievements",
     {"three-enforcement-systems": {"done"}}),
    # future wording inside an achievements section
    ("下一步,将继续修改和完善行政调解实施办法。", "achievements", {"mediation": {"planned"}}),
    ("坚持集体讨论决策制度,重大事项均经区政府常务会议研究。", "achievements", {"major-decision-procedures": {"done"}}),
    ("局党组组织法治专题学习4次,组织干部参加宪法法律测试。", "achievements", {"leaders-study-law": {"done"}}),
    ("公布行政许可事项清单,编制镇(街道)履职事项清单。", "achievements",
     {"power-and-responsibility-list": {"done"}, "approval-reform": {"done"}}),
    ("推动社会矛盾纠纷有效化解,开展执法骨干培训。", "achievements",
     {"mediation": {"done"}, "enforcement-personnel": {"done"}}),
    # problems solved or answered are no shortfall of the duty (two unseen reports)
    ("党工委书记主持召开会议,研究解决法治建设中存在的问题,切实履行推进法治建设第一责任人职责。", "achievements",
     {"first-responsibility": {"done"}}),
    # a law studied names no work it governs (an unseen city report); acting on it does
    ("市政府常务会议对《信访工作条例》《审计法》等进行专题学习。", "achievements", {}),
    ("对《信访工作条例》贯彻落实情况开展督查。", "achievements", {"petition-work": {"done"}}),
    # a recommendation opening 要在…方面 (an unseen 人大 survey)
    ("要在政府信息公开、行政机关负责人出庭应诉等方面进一步强弱项、补短板。", "achievements",
     {"government-transparency": {"planned"}, "head-appears-in-court": {"planned"}}),
    ("行政复议案件和信访案件的办理不规范。", "achievements",
     {"administrative-reconsideration": {"gap"}, "petition-work": {"gap"}}),
    # --- problems: gap --------------------------------------------------------------------
    ("大多数地区和部门的行政决策都没有履行公众参与、专家论证、社会稳定风险评估这几个必经程序。",
     "problems", {"major-decision-procedures": {"gap"}}),
    ("特别是行政执法机关主要负责人出庭应诉率较低。", "problems", {"head-appears-in-court": {"gap"}}),
    ("部分旗县政府法制机构不健全,专职法制工作人员严重不足。", "problems", {"legal-affairs-capacity": {"gap"}}),
    # an enumeration mixes duties; each item is read on its own
    ("一是领导干部的法治意识不强;二是执法证件办理滞后,三是自由裁量权行使不当。", "problems",
     {"leaders-study-law": {"gap"}, "enforcement-personnel": {"gap"}, "discretion-benchmark": {"gap"}}),
    # conceded achievement before 但 is done, not a gap
    ("虽然制定出台了行政执法公示制度、执法全过程记录制度,但在执法过程中重实体轻程序。", "problems",
     {"three-enforcement-systems": {"done"}}),
    # --- plans / recommendations: planned -------------------------------------------------
    ("要严格按照行政执法“三项制度”要求,落实执法公示责任。", "plans", {"three-enforcement-systems": {"planned"}}),
    ("全面落实政府主要负责人法治政府建设第一责任人责任,按时向县人大常委会报告工作,自觉接受监督。", "plans",
     {"first-responsibility": {"planned"}, "annual-report-duty": {"planned"},
      "accept-external-supervision": {"planned"}}),
    ("法制机构建设薄弱的地区,要进一步加强法制机构建设。", "plans", {"legal-affairs-capacity": {"planned", "gap"}}),
    ("完善多元矛盾化解机制,强化行政复议、应诉工作。", "plans",
     {"mediation": {"planned"}, "administrative-reconsideration": {"planned"}}),
    ("尽快研究将“法治政府建设成效”纳入政绩考核指标体系。", "plans", {"rule-of-law-evaluation": {"planned"}}),
    # --- precision ------------------------------------------------------------------------
    # 党风廉政建设第一责任人 is another duty
    ("各级政府主要负责人是党风廉政建设第一责任人。", "achievements", {}),
    # the standard phrase 化解矛盾、维护稳定 is no mediation work
    ("全面提高运用法治思维和法治方式深化改革、推动发展、化解矛盾、维护稳定的能力。", "plans",
     {"leaders-study-law": {"planned"}}),
    # a title cited as the basis of the report does not make its subject a topic
    ("根据《广东省法治政府建设情况定期报告规定》的规定,现将有关情况报告如下。", "other", {}),
    # the name of a 纲要 area used as a heading is no duty
    ("(六)依法有效化解社会矛盾纠纷", "achievements", {}),
    # 政府信息公开年度报告 is transparency, not the annual rule-of-law report
    ("做好政府信息公开年度报告公布工作。", "achievements", {"government-transparency": {"done"}}),
    # a survey report's own title is not an annual report
    ("县人大常委会关于全县法治政府建设工作情况的调查报告", "other", {}),
    ("代理出庭应诉28次。", "achievements", {}),
    ("全力打造公平、诚信的营商环境。", "achievements", {}),  # 诚信 alone is no credit-system work
]


@pytest.mark.parametrize("sentence, role, expected", CASES)
def test_duties_and_status(sentence, role, expected):
    assert duties_of(sentence, role) == expected


def test_evidence_is_the_original_sentence():
    text = "一、工作情况\n全面推行權責清單制度。\n"  # traditional script in the original
    doc = annotate_sections(normalize_text(text, name="t.txt"))
    (finding,) = find_duties(doc)
    (evidence,) = finding.statuses["done"]
    assert finding.id == "power-and-responsibility-list"
    assert evidence.sentence == "全面推行權責清單制度。"
    assert text[evidence.start:evidence.end] == "權責清單"
    assert evidence.section == ("一、工作情况",)


def test_one_report_can_give_one_duty_several_statuses():
    text = ("一、工作情况\n严格执行重大行政决策程序。\n二、存在问题\n重大行政决策合法性审查不到位。\n"
            "三、工作建议\n要严格落实重大行政决策程序制度。\n")
    doc = annotate_sections(normalize_text(text, name="m.txt"))
    (finding,) = find_duties(doc)
    assert finding.to_contract() == {"id": "major-decision-procedures", "status": ["done", "gap", "planned"]}


@pytest.mark.parametrize("sentence, clauses", [
    ("一是强化法制理论学习;二是强化统筹谋划。", ["一是强化法制理论学习;", "二是强化统筹谋划。"]),
    ("完善权责清单,二是推进放管服", ["完善权责清单,", "二是推进放管服"]),
    ("主要表现在:一是认识不足", ["主要表现在:", "一是认识不足"]),
    ("他们是一是的", ["他们是一是的"]),  # 一是 not after punctuation is no enumeration
])
def test_split_clauses(sentence, clauses):
    assert [sentence[c.start:c.end] for c in split_clauses(sentence, 0, len(sentence))] == clauses


# --- unseen real reports (issue 19): sentences quoted from the real excerpts ---------------------
UNSEEN_CASES = [
    # an opening 要 governs every clause of the sentence (r27)
    ("要强化干部学法用法和程序意识,坚守法律底线;深化“放管服”改革,加强行政规范性文件管理。", "other",
     {"leaders-study-law": {"planned"}, "approval-reform": {"planned"}, "normative-document-review": {"planned"}}),
    # 要求…要 reports a past requirement, no plan (seed 003)
    ("召开动员大会,并要求在2017年年底前各级政府要完成对现行有效的规范性文件的清理工作。", "achievements",
     {"document-cleanup": {"done"}}),
    # 将 + a noun is the object marker, no future (seed 001)
    ("将全市各领域调解员纳入调解员专家库。", "achievements", {"mediation": {"done"}}),
    # 人大 oversight acts are supervision the government accepts (r27, r06, r30)
    ("会前,县人大常委会视察组先后来到方高坪镇综合执法中心,视察了全县法治政府建设情况。", "other",
     {"accept-external-supervision": {"done"}, "comprehensive-enforcement-reform": {"done"}}),
    ("在市人大及其常委会的监督指导下,听取各旗区法治政府建设工作汇报。", "other", {"accept-external-supervision": {"done"}}),
    # 目标责任考核 / 依法行政示范 are the evaluation duty (r09, r22)
    ("将述法工作具体化,并列入全年目标责任考核项目。", "achievements",
     {"rule-of-law-evaluation": {"done"}, "first-responsibility": {"done"}}),
    ("市政府决定,命名大洼区等单位为2015年度依法行政示范单位。", "other", {"rule-of-law-evaluation": {"done"}}),
    # 科学民主依法决策 is the decision procedures duty (r20, r34)
    ("进一步转变政府职能、健全依法决策机制、提高制度建设质量。", "achievements",
     {"major-decision-procedures": {"done"}, "government-legislation": {"done"}}),
    # 中心组 law study is leaders' law study (r15)
    ("将习近平法治思想作为党组理论学习中心组学习、党支部书记培训等重点内容。", "achievements", {"leaders-study-law": {"done"}}),
    # the reporting system followed: 督察工作规定 basis, addressed to 党委/政府/人大 (r14, r17)
    ("根据中共中央办公厅、国务院办公厅印发的《法治政府建设与责任落实督察工作规定》要求,现将生态环境部2019年法治政府建设情况报告如下。",
     "other", {"annual-report-duty": {"done"}}),
    # a bare 现将…报告如下 and the report's own title are not the reporting duty (r40, r01)
    ("现将2022年我委法治政府建设工作情况报告如下:", "other", {}),
    ("横县2020年度法治政府建设情况报告", "other", {}),
    # precision: 协调解决 is no mediation (r38), a sectoral 责任清单 no power list (r29), an office name (r13, r11)
    ("协调解决依法行政工作中出现的新情况、新问题。", "achievements", {}),
    ("推进生态文明建设工作责任清单管理,落实党政同责。", "achievements", {}),
    ("全国普法办将其作为“宁夏经验”向全国推广。", "achievements", {}),
    ("市信访局", "other", {}),
    # more wordings of real reports (r27, r23, r26, r33, r21)
    ("加强产权保护与政府履约践诺,营造法治化营商环境。", "achievements", {"credit-system": {"done"}}),
    ("健全府院联动、行政争议调处等协同机制。", "achievements", {"mediation": {"done"}}),
    ("每年开展1次地方政府规章、行政规范性文件后评估工作。", "achievements", {"document-cleanup": {"done"}}),
    ("专题学习习近平法治思想。", "achievements", {"leaders-study-law": {"done"}}),
    ("部署学习宣传贯彻实施民法典等重要工作。", "achievements", {"law-popularization": {"done"}}),
    ("认真落实国务院关于清理规范行政审批中介服务的要求。", "achievements", {"approval-reform": {"done"}}),
    # 对存在…的, a rule's condition, names no shortfall (seed 003)
    ("把信访排查、调处责任压实到乡镇,对存在推诿、不作为的职能部门,实行通报批评。", "achievements",
     {"petition-work": {"done"}, "mediation": {"done"}}),
    # procedures for drafting documents are normative-document review, not major decisions (r25)
    ("明确法规文件起草、审核、公布、备案等程序及合法性审查、集体讨论决定等要求。", "achievements",
     {"normative-document-review": {"done"}}),
    ("(一)完善立法及规范性文件工作程序。", "achievements",
     {"normative-document-review": {"done"}, "government-legislation": {"done"}}),
    # … while a decision sentence naming documents keeps its decision duty
    ("重大行政决策和规范性文件出台前严格进行合法性审查。", "achievements",
     {"major-decision-procedures": {"done"}, "normative-document-review": {"done"}}),
    # past achievements counted in a plans section are done; a target with a future cue stays planned
    ("全年共受理行政复议案件95件,已全部审结。", "plans", {"administrative-reconsideration": {"done"}}),
    ("力争年内共审结行政复议案件100件。", "plans", {"administrative-reconsideration": {"planned"}}),
    # the 纲要's 制度建设 (rule-making quality) and 法制机构 functions (r20, r34)
    ("进一步转变政府职能、提高制度建设质量。", "achievements", {"government-legislation": {"done"}}),
    ("制度建设不够科学完善。", "problems", {"government-legislation": {"gap"}}),
    ("法制机构职能作用日益凸显。", "achievements", {"legal-affairs-capacity": {"done"}}),
    # a document studied is no duty discussed (r35)
    ("共组织党组中心组学习习近平法治思想、《信访工作条例》等法治专题学习3次。", "achievements", {"leaders-study-law": {"done"}}),
]


@pytest.mark.parametrize("sentence, role, expected", UNSEEN_CASES)
def test_duties_and_status_in_unseen_reports(sentence, role, expected):
    assert duties_of(sentence, role) == expected


@pytest.mark.parametrize("text, expected", [
    # 主要举措和成效 is an achievements heading: past work there is done (r05, r15, r32, r39)
    ("一、2021年度推进法治政府建设的主要举措和成效\n(一)加强制度建设\n认真执行行政机关负责人出庭应诉制度。\n",
     {"head-appears-in-court": {"done"}}),
    # … and so is (一)主要举措 under a 情况 heading (r14)
    ("一、2019年法治政府建设情况\n(一)主要举措\n配合立法机关统一修改生态环境法律、行政法规20余部。\n",
     {"government-legislation": {"done"}}),
    # a heading that puts the work into a plan (纳入…年度工作计划) keeps its parent's role (probe ZD);
    # a plans heading still plans
    ("一、推进法治政府建设的主要举措和成效\n(一)深入贯彻习近平法治思想,把法治政府建设纳入本地区发展总体规划和年度工作计划,为推进法治建设提供保障。\n"
     "将宪法、法律列入政府党组中心组学习计划,通过市政府党组中心组学习提高领导干部的法治理念。\n",
     {"leaders-study-law": {"done"}}),
    ("三、下一步工作计划\n(一)将法治建设纳入年度工作计划\n坚持领导干部学法常态化。\n", {"leaders-study-law": {"planned"}}),
])
def test_section_roles_of_real_headings(text, expected):
    doc = annotate_sections(normalize_text(text, name="case.txt"))
    assert {f.id: set(f.statuses) for f in find_duties(doc)} == expected


def test_a_policy_basis_section_names_duties_without_a_status():
    # r26: a 议题解读 quotes the rules it rests on under 政策依据; its plans come later
    text = ("二、政策依据\n根据《党政主要负责人履行推进法治建设第一责任人职责规定》第六条,政府主要负责人应当履行推进法治建设职责。\n"
            "四、下一步工作措施\n做好党政主要负责人年终述法等重点任务。\n")
    doc = annotate_sections(normalize_text(text, name="case.txt"))
    assert {f.id: set(f.statuses) for f in find_duties(doc)} == {"first-responsibility": {"planned"}}
    # a duty named under such a heading only is not found at all (no duty without a status)
    only_basis = annotate_sections(normalize_text(text.split("四、")[0], name="case.txt"))
    assert find_duties(only_basis) == []


def test_an_item_naming_a_legal_basis_is_no_basis_section():
    # an unseen county plan: a numbered task that lists 法律依据 among what a list states
    text = ("二、依法全面履行政府职能\n2.建立和完善权力清单、责任清单制度,明确政府和政府部门的职能、法律依据、"
            "实施主体、职责权限等事项。\n")
    doc = annotate_sections(normalize_text(text, name="case.txt"))
    assert {f.id: set(f.statuses) for f in find_duties(doc)} == {"power-and-responsibility-list": {"done"}}


def test_a_plan_document_is_planned_throughout_except_shortfalls_and_achievements():
    from kg.core.model import Metadata

    text = ("一、依法全面履行政府职能\n深化行政审批制度改革,最大限度取消、下放行政审批事项。\n"
            "行政执法体制改革滞后,重复执法的问题仍然存在。\n")
    doc = annotate_sections(normalize_text(text, name="plan.txt"))
    plan = Metadata(title="省人民政府关于印发贵州省2018年法治政府建设工作要点的通知", doc_type="plan")
    found = {f.id: set(f.statuses) for f in find_duties(doc, plan)}
    assert found == {"approval-reform": {"planned"}, "comprehensive-enforcement-reform": {"gap"}}
    report = Metadata(title="福建省2017年法治政府建设情况报告", doc_type="annual_report")
    assert {f.id: set(f.statuses) for f in find_duties(doc, report)}["approval-reform"] == {"done"}


# --- adversarial probes (wordings the 40 dev reports do not have): duties and their statuses ------

def duties_in(text: str) -> dict[str, set[str]]:
    from kg.build.pipeline import extract_document

    return {d.id: set(d.statuses) for d in extract_document(normalize_text(text, name="t.txt")).duties}


@pytest.mark.parametrize("text, expected", [
    # 建立法律顾问/成立法治… is no 立法; a decision's 合法性审查 is no normative-document review
    ("二、存在问题\n部分乡镇尚未建立法律顾问制度。\n", {"legal-advisor": {"gap"}}),
    ("成立法治政府建设领导小组,设立法律顾问室。", {"legal-advisor": {"done"}}),
    ("一、主要工作情况\n已建立重大行政决策合法性审查机制,决策事项均经合法性审查。\n",
     {"major-decision-procedures": {"done"}}),
    # a contrast: done before 但, a gap after it — also when a problems section concedes (虽然…,但)
    ("一、工作成效\n办理行政复议案件35件,但行政复议案件办理质量仍有待提高。\n",
     {"administrative-reconsideration": {"done", "gap"}}),
    ("二、存在问题\n虽然我县全面推行了行政执法三项制度,但执法全过程记录还不够规范。\n",
     {"three-enforcement-systems": {"done", "gap"}}),
    ("二、存在问题\n虽然制定出台三项制度,但执法中重实体轻程序、执法人员素质不高。\n",
     {"three-enforcement-systems": {"done"}, "enforcement-personnel": {"gap"}}),
    ("(二)考评情况\n各地普遍建立了法律顾问制度,但部分乡镇法律顾问作用发挥不充分。\n", {"legal-advisor": {"done", "gap"}}),
    # in a plans section, 已完成 speaks of its own comma part only
    ("三、2022年工作计划\n今年已完成权责清单动态调整,继续深化放管服改革。\n",
     {"power-and-responsibility-list": {"done"}, "approval-reform": {"planned"}}),
    # a heading names a topic: the text under it gives the status
    ("(一)推进政务公开\n政务公开工作存在公开不及时、内容不全面等不足。\n", {"government-transparency": {"gap"}}),
    # headings and leads of other reports: 存在的短板, 2022年重点工作 (not …完成情况), 下一年度工作重点,
    # 2022年,我局将重点抓好以下工作
    ("二、存在的短板\n行政复议案件办理周期较长。\n", {"administrative-reconsideration": {"gap"}}),
    ("一、2021年工作情况\n办理行政复议案件20件。\n二、2022年重点工作\n推进综合行政执法改革。\n",
     {"administrative-reconsideration": {"done"}, "comprehensive-enforcement-reform": {"planned"}}),
    ("一、2021年重点工作完成情况\n推进综合行政执法改革,组建综合执法大队。\n", {"comprehensive-enforcement-reform": {"done"}}),
    ("三、下一年度工作重点\n深入推进政务公开。\n", {"government-transparency": {"planned"}}),
    ("2022年,我局将重点抓好以下工作:\n(一)深化行政复议体制改革。\n(二)推行行政执法三项制度。\n",
     {"administrative-reconsideration": {"planned"}, "three-enforcement-systems": {"planned"}}),
    # 《民法典》宣传 is law popularization
    ("一、工作情况\n开展《民法典》宣传月活动,发放资料3000份。\n", {"law-popularization": {"done"}}),
    # the 2021 template's headings; last year's problems fixed (…存在问题整改情况) is work done
    ("二、存在的不足和原因\n行政执法人员法律素养不高。\n四、下一年度推进法治政府建设的主要安排\n推进政务公开标准化建设。\n",
     {"enforcement-personnel": {"gap"}, "government-transparency": {"planned"}}),
    ("三、上年度存在问题整改情况\n针对行政复议办理不规范问题,制定了行政复议工作规程。\n",
     {"administrative-reconsideration": {"done"}}),
    # the motto names no law-making (a list of tasks does), a skill named 依法决策 is no decision
    # procedure, studying 法治思想 (学法治思想) is no study of law
    ("一、工作情况\n统筹推进科学立法、严格执法、公正司法、全民守法。\n", {}),
    ("一、工作情况\n以立法科学民主、司法公正高效、普法守正创新为主线。\n", {"law-popularization": {"done"}}),
    ("四、下一步工作\n全面推进依法决策、科学立法、严格执法。\n",
     {"major-decision-procedures": {"planned"}, "government-legislation": {"planned"}}),
    ("一、工作情况\n组织学习法律法规,提高领导干部依法决策的能力和水平。\n", {}),
    ("一、工作情况\n县政府深入学法治思想。\n", {}),
    # 拟 as an attribute (the documents proposed), sanctions on units falling short, and problems
    # a survey raised about what it saw: none is the report's own plan or gap
    ("一、工作情况\n区政府拟发文的17件行政规范性文件均进行合法性审查。\n", {"normative-document-review": {"done"}}),
    ("一、工作情况\n每年开展法治政府建设考评,对工作不力、问题较多的单位进行约谈并督促整改。\n",
     {"rule-of-law-evaluation": {"done"}}),
    ("一、调研情况\n调研组详细了解综合行政执法改革推进情况,并现场对工作中存在的问题和困难提出了意见建议。\n",
     {"comprehensive-enforcement-reform": {"done"}}),
    # a page's index fields describe the page, not the work
    ("索引号: 36012100/2022-00018 公开范围: 面向全社会 公开方式: 主动公开\n一、工作情况\n推进依法行政。\n", {}),
    # 将 as the object marker: no future
    ("一、工作情况\n部长带领部领导班子深入学习,将推进法治政府建设摆在工作全局的重要位置,切实履行推进法治政府建设第一责任人职责。\n",
     {"first-responsibility": {"done"}}),
    # the reform's current names (高效办成一件事, 市县同权)
    ("一、工作情况\n全面落实“高效办成一件事”改革,深入推进行政审批“市县同权”改革。\n", {"approval-reform": {"done"}}),
    # a study group's session on a speech about 依法治国, and on 党内法规, further into the sentence
    ("一、工作情况\n通过党组理论学习中心组学习会、主题党日活动和专题学习会等,认真学习贯彻习近平总书记在中央全面依法治国"
     "委员会第三次会议上重要讲话精神。\n", {"leaders-study-law": {"done"}}),
    # laws publicized or a study's content are not the work they govern; a plan's tasks handed out
    # are no list of powers; 普法 assessed with the other work is no assessment of the rule of law
    ("一、工作情况\n广泛宣传《中华人民共和国反有组织犯罪法》《信访工作条例》等新施行法律法规。\n",
     {"law-popularization": {"done"}}),
    ("一、工作情况\n制定中心组年度学法计划,聚焦《中华人民共和国行政复议法》《优化营商环境条例》等重点内容。\n",
     {"leaders-study-law": {"done"}}),
    ("一、工作情况\n严格落实《郑州市法治政府建设实施方案(2021-2025)》各项责任清单。\n", {}),
    ("一、工作情况\n做到普法与其他业务工作同部署、同检查、同考核、同落实。\n", {"law-popularization": {"done"}}),
    ("一、工作情况\n将法治建设与经济社会发展同部署、同推进、同考核。\n", {"rule-of-law-evaluation": {"done"}}),
    # a session's opinions closing a paragraph (…。为此,会议提出以下审议意见:): what follows is asked
    ("会议认为,县政府能够认真贯彻实施行政处罚法。但仍存在执法队伍专业化水平不高等问题。为此,会议提出以下审议意见:\n"
     "一、深化改革。推进综合行政执法改革。\n",
     {"enforcement-personnel": {"gap"}, "comprehensive-enforcement-reform": {"planned"}}),
    # a shortfall a principle guards against is none found (probes T, V)
    ("一、工作情况\n按照客观公正、公开透明、杜绝形式主义、务求实效的原则,开展法治政府建设示范创建评估。\n",
     {"rule-of-law-evaluation": {"done"}}),
    ("一、工作情况\n法治政府建设考核流于形式。\n", {"rule-of-law-evaluation": {"gap"}}),
    # a count of none is an outcome, not the work (probe U); the cases an outcome was not are the
    # work's result (probe M); nothing found in a review is no shortfall; 全力争创 holds 力争 and
    # plans nothing (probe W)
    ("一、工作情况\n全年无一起行政诉讼案,无行政复议案。服务过程零投诉、零信访。\n", {}),
    ("一、工作情况\n我镇无行政复议变更、撤销、重新作出行政行为案件。\n", {"administrative-reconsideration": {"done"}}),
    ("一、工作情况\n组织开展了行政规范性文件清理工作,清理未发现问题。\n", {"document-cleanup": {"done"}}),
    ("一、工作情况\n完成“四类案卷”2轮次全覆盖评查等创建评估准备工作,全力争创全国法治政府建设示范市。\n",
     {"enforcement-case-review": {"done"}, "rule-of-law-evaluation": {"done"}}),
    # 将 after an adverb of habit (坚持将…作为首要政治任务) plans nothing (probe Z); 将继续 does
    ("一、工作情况\n坚持将深入学习领会习近平法治思想作为首要政治任务,实现领导干部学法常态化。\n",
     {"leaders-study-law": {"done"}}),
    ("一、工作情况\n我局将继续坚持领导干部学法常态化。\n", {"leaders-study-law": {"planned"}}),
    # 将 joining two kinds of work is the object marker; finding shortfalls names none (probe ZA)
    ("一、工作情况\n将推进法治建设与党建工作、业务工作深度融合,加大行政执法“三项制度”落实等考核力度。\n",
     {"three-enforcement-systems": {"done"}}),
    ("一、工作情况\n为推动各区县找差距、补短板,开展法治政府建设示范创建活动。\n", {"rule-of-law-evaluation": {"done"}}),
    # 矛盾化解 is dispute resolution; 法治进乡村、进企业 is law popularization (probes Z, ZB)
    ("一、工作情况\n“5+N”矛盾化解会商机制被命名为全省示范项目。\n", {"mediation": {"done"}}),
    ("一、工作情况\n开展“法治进乡村、进企业、进家庭”专项活动。\n", {"law-popularization": {"done"}}),
    # a list of the laws leading cadres must know is their study of law (probe ZB)
    ("一、工作情况\n印发领导干部应知应会党内法规和国家法律指导清单。\n", {"leaders-study-law": {"done"}}),
    # reporting the year's work to the committee and government (向市委、市政府汇报…情况) (probe ZE)
    ("一、工作情况\n按规定向市委、市政府汇报上一年度法治政府建设工作情况并向社会公开。\n", {"annual-report-duty": {"done"}}),
    # a meeting that studied problems (研究…、法制干部人员不足等困难和问题) reports work done (probe ZD)
    ("一、工作情况\n召开市政府常务会议5次,重点研究推行政府法律顾问制度、行政复议、法制干部人员不足等困难和问题。\n",
     {"legal-advisor": {"done"}, "administrative-reconsideration": {"done"}}),
    # the first responsibility written without its 人 (probe ZJ)
    ("一、工作情况\n严格履行党政一把手第一责任,定期研究法治建设工作。\n", {"first-responsibility": {"done"}}),
    # the four links of the rule of law listed bare name no law-making nor popularization (probe ZF)
    ("一、工作情况\n从立法、执法、司法、守法普法四个关键环节同向发力。\n", {}),
    ("一、工作情况\n推动立法、执法、普法各环节融汇贯通。\n", {}),  # (probe ZJ)
    ("一、工作情况\n从立法、执法、司法、守法普法四个关键环节同向发力。开展普法宣传活动20场。\n",
     {"law-popularization": {"done"}}),
    # 模拟 holds 拟 and plans nothing
    ("一、工作情况\n组织各部门开展2次模拟行政复议听证。\n", {"administrative-reconsideration": {"done"}}),
])
def test_duties_and_status_in_probe_wordings(text, expected):
    assert duties_in(text) == expected


def test_a_bodys_name_is_not_its_field_of_work():
    """A report naming 县信访局 or 县综合行政执法局 (a visit, a list of units) speaks of no
    petition work or enforcement reform; the same words outside a name do (r27's 综合执法局)."""
    from kg.build.pipeline import extract_document

    named = extract_document(normalize_text(
        "2019年,县领导带队到县信访局、县综合行政执法局调研。\n蕉岭县人民政府\n2020年3月1日\n", name="t.txt"))
    assert not {d.id for d in named.duties} & {"petition-work", "comprehensive-enforcement-reform"}
    spoken = extract_document(normalize_text(
        "2019年,我县完善信访工作制度,深化综合行政执法改革。\n蕉岭县人民政府\n2020年3月1日\n", name="t.txt"))
    assert {"petition-work", "comprehensive-enforcement-reform"} <= {d.id for d in spoken.duties}


@pytest.mark.parametrize("text, reported", [
    ("黔西南州人民政府关于2020年度法治政府建设情况的报告\n\n省人民政府:\n\n2020年,黔西南州人民政府推进依法行政。", True),
    ("中共惠安县委 惠安县人民政府\n关于2025年度法治政府建设工作情况的报告\n中共泉州市委、泉州市人民政府:\n"
     "2025年,惠安县推进法治政府建设。", True),
    ("交通运输部关于2016年法治政府部门建设情况的报告\n国务院:\n2016年,交通运输部推进依法行政。", True),
    # the addressee under the report's 文号
    ("河南省人民政府\n关于2017年度法治政府建设情况的报告\n豫政文〔2018〕32号\n国务院:\n2017年,我省推进依法行政。", True),
    # a session's opinions handled and reported back, an inspection group reporting to its session (probe ZG)
    ("请在收到审议意见书后的两个月内,将办理情况送交人大社会建设工作委员会征求意见后,向县人大常委会报送书面报告。", False),
    ("执法检查组将执法检查情况向区人大常委会会议报告。", False),
    # made as the annual-report notice asks, whatever the formula names (probe ZE); the bare formula run on
    # into the sentence before it is none (probe J)
    ("根据《中共汕尾市委全面依法治市委员会办公室关于做好2025年度法治政府建设年度报告工作的通知》(汕法治办﹝2025﹞8号)"
     "文件要求,现将有关情况报告如下:", True),
    ("2022年,武汉市扎实推进法治政府建设,荣获全国法治政府建设示范市现将有关情况报告如下:", False),
    # the addressee under a page's date or time field (公文生成日期:2026-01-16 / 区人大常委会:, probe ZF)
    ("泉州市丰泽区人民政府关于2025年度法治政府建设工作情况的报告\n时间:2026-01-09 09:36\n市政府:\n"
     "2025年,丰泽区人民政府坚持依法行政。", True),
    ("发布机构:泉州市洛江区人民政府\n公文生成日期:2026-01-16\n区人大常委会:\n2025年,洛江区坚持依法行政。", True),
    # a notice to those below, and the bare formula, are no report to the level above
    ("各镇人民政府,县政府各部门:\n现将《实施方案》印发给你们,请认真贯彻执行。", False),
    ("2020年,我州推进依法行政。现就法治政府建设工作报告如下:", False),
    # the report's own title, however a page prints it, and 现将…报告如下 wherever the sentence puts it
    # (probes L, P, S, T: the annotators give no reporting duty for them)
    ("标题: 浑源县2025年法治政府建设年度报告\n2025年,我县推进依法行政。", False),
    ("《民政部2021年法治政府建设年度报告》(全文)\n2021年,民政部推进依法行政。", False),
    ("上海市司法局2023年法治政府建设情况报告 (2024-02-26)\n2023年,市司法局推进依法行政。", False),
    ("桐木漯瑶族乡人民政府关于2023年度法治政府建设\n工作的报告\n2023年,在县委的领导下,我乡推进依法行政。", False),
    ("2023年,叶城县推进依法行政,现将叶城县2023年法治政府建设工作情况报告如下:", False),
    ("按照要求,现将一年来法治政府建设情况报告如下:", False),
    # …unless made under the reporting rule or its notice, or to a session (r14, r24)
    ("根据《法治政府建设与责任落实督察工作规定》要求,现将2019年法治政府建设情况报告如下。", True),
    ("主任、各位副主任、委员:\n根据会议安排,现将我旗2024年法治政府建设情况报告如下:", True),
    ("按照《省委依法治省办关于做好2021年法治政府建设年度报告的通知》要求,现将我厅2021年度法治政府建设情况报告如下:",
     True),
])
def test_a_report_addressed_to_the_level_above(text, reported):
    doc = annotate_sections(normalize_text(text, name="t.txt"))
    assert ("annual-report-duty" in {f.id for f in find_duties(doc)}) is reported
