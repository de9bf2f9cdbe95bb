from kg.build.pipeline import extract_document
from kg.normalize import normalize_text

NOTICE = """关于2017年度全区法治政府建设考评工作情况的通报
自治区法制办对全区12个盟市进行了法治政府建设考核评价。
一、2017年度法治政府建设工作实绩优秀的盟市和部门
(一)法治政府建设工作实绩优秀的盟市
呼伦贝尔市,阿拉善盟。
(二)法治政府建设工作实绩良好的盟市
兴安盟,乌海市。
内蒙古自治区人民政府法制办公室
2018年4月9日"""

REPORT = """清远市人民政府关于2017年度法治政府建设的情况报告
广东省人民政府部署开展依法行政考评。
三、省对我市考评情况
省政府办公厅发布了全省2016年度依法行政考评结果,我市取得了81.53分,属良好等次。
清远市人民政府
2018年2月7日"""


def test_graded_lists_rate_each_body_and_make_evaluates_edges():
    ex = extract_document(normalize_text(NOTICE, name="t.txt"))
    got = {(r.evaluated, r.grade) for r in ex.ratings}
    assert got == {("呼伦贝尔市人民政府", "优秀"), ("阿拉善盟行政公署", "优秀"),
                   ("兴安盟行政公署", "良好"), ("乌海市人民政府", "良好")}
    assert {r.evaluator for r in ex.ratings} == {"内蒙古自治区人民政府法制办公室"}
    assert ("内蒙古自治区人民政府法制办公室", "阿拉善盟行政公署", "evaluates") in {
        (o.overseer, o.overseen, o.kind) for o in ex.oversight}


def test_score_sentence_about_own_jurisdiction():
    ex = extract_document(normalize_text(REPORT, name="t.txt"))
    scored = [r for r in ex.ratings if r.score == 81.53]
    assert scored and all(r.evaluated == "清远市人民政府" and r.grade == "良好" and r.year == 2016 for r in scored)
    assert {r.evaluator for r in scored} == {"广东省人民政府办公厅", "广东省人民政府"}


ROSTER = """各开发区管委会,各区县(市)人民政府,市人民政府各部门:
为鼓励先进,市政府决定对中牟县等23个依法行政工作先进集体予以通报表扬。
郑州市人民政府
2022年9月27日
附 件
2021年度郑州市依法行政工作先进集体名单
中牟县政府
中原区政府
市司法局
市民政局"""

AWARD = """盘锦市人民政府关于命名2015年度全市依法行政示范单位的决定
经自愿申报、逐级审核、严格考核,市政府决定,命名盘山县人民政府、市食药监局、市公安局为2015年度依法行政示范单位。
盘锦市人民政府
2016年4月12日"""


def test_roster_under_its_caption_rates_every_listed_body():
    ex = extract_document(normalize_text(ROSTER, name="t.txt"))
    rated = {(r.evaluator, r.evaluated, r.grade) for r in ex.ratings}
    assert rated == {("郑州市人民政府", n, "先进") for n in
                     ("中牟县人民政府", "郑州市中原区人民政府", "郑州市司法局", "郑州市民政局")}
    assert ("郑州市人民政府", "郑州市民政局", "evaluates") in {(o.overseer, o.overseen, o.kind) for o in ex.oversight}


def test_award_sentence_rates_the_bodies_it_names():
    ex = extract_document(normalize_text(AWARD, name="t.txt"))
    assert {(r.evaluator, r.evaluated) for r in ex.ratings} == {
        ("盘锦市人民政府", "盘山县人民政府"), ("盘锦市人民政府", "盘锦市食品药品监督管理局"), ("盘锦市人民政府", "盘锦市公安局")}


def test_a_counted_grade_introducing_its_list_and_a_joint_notices_issuers():
    """优秀单位18家(含专项晋优2家)。依次是:A、B…: the list after the count and its note has the grade;
    the notice of 中共杭州市委 and 杭州市人民政府 is rated by both (probe ZJ)."""
    text = ("中共杭州市委 杭州市人民政府 关于2020年度综合考评结果的通报\n现将综合考评结果通报如下:\n"
            "1.优秀单位3家(含专项晋优1家)。依次是:市委组织部、市财政局、市公安局。\n"
            "2.良好单位2家。依次是:市民政局、市城管局。\n")
    ex = extract_document(normalize_text(text, name="t.txt"))
    assert ex.metadata.issuer == "中共杭州市委员会"  # a joint notice's first-named (a joint report's: its government)
    got = {(r.evaluator, r.evaluated, r.grade) for r in ex.ratings}
    for rater in ("中共杭州市委员会", "杭州市人民政府"):
        assert {(rater, "杭州市财政局", "优秀"), (rater, "杭州市民政局", "良好")} <= got


def test_news_of_places_entering_a_showcase_list_rates_them_by_its_publisher():
    """全省唯一 阜城县入选…名单 / 中央全面依法治国委员会办公室公布…示范地区名单,衡水市阜城县上榜: the county
    (under its city) is rated by the office that published the list; a text naming no publisher rates
    nobody (probes V, T)."""
    text = ("全省唯一 阜城县入选第二批全国法治政府建设示范地区名单\n"
            "近日,中央全面依法治国委员会办公室公布第二批全国法治政府建设示范地区名单,衡水市阜城县上榜。"
            "近年来,阜城县坚持依法行政。")
    ex = extract_document(normalize_text(text, name="t.txt"))
    assert ("中共中央全面依法治国委员会办公室", "阜城县人民政府") in {(r.evaluator, r.evaluated) for r in ex.ratings}
    unnamed = extract_document(normalize_text("阜城县入选示范地区名单\n近日,衡水市阜城县上榜。近年来,阜城县坚持依法行政。",
                                              name="t.txt"))
    assert not unnamed.ratings
