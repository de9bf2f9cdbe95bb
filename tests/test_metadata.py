import pytest

from kg.extract.metadata import extract_metadata_with_issuer, parse_date
from kg.normalize import normalize_text


@pytest.mark.parametrize("raw, iso", [
    ("11.04.2018  10:32", "2018-04-11"),
    ("2018年4月9日", "2018-04-09"),
    ("发布时间:2021年03月09日", "2021-03-09"),
    ("2021-06-22 10:58", "2021-06-22"),
])
def test_parse_date(raw, iso):
    assert parse_date(raw) == iso


@pytest.mark.parametrize("text, title, region, doc_type, year, date", [
    ("关于2017年度全区法治政府建设考评工作情况的通报\n\n11.04.2018 10:32\n\n正文。\n"
     "内蒙古自治区法治政府建设领导小组依法行政专项工作协调办公室\n(内蒙古自治区人民政府法制办公室代章)\n2018年4月9日",
     "关于2017年度全区法治政府建设考评工作情况的通报", "内蒙古自治区", "evaluation_notice", 2017, "2018-04-09"),
    ("文山市人大常委会关于全市法治政府建设工作情况的调查报告\n2021-06-22 10:58 审核人:\n"
     "根据《文山市人大常委会2021年工作要点》安排,开展调查。",
     "文山市人大常委会关于全市法治政府建设工作情况的调查报告", "文山市", "oversight_survey", None, "2021-06-22"),
    ("2017年,自治区政府法制办认真贯彻《纲要》,对呼和浩特市等4个盟市进行检查。",
     None, "内蒙古自治区", "annual_report", 2017, None),
])
def test_metadata_from_real_openings_and_signatures(text, title, region, doc_type, year, date):
    meta, issuer = extract_metadata_with_issuer(normalize_text(text, name="t.txt"))
    found = (meta.title, meta.region, meta.doc_type, meta.year_covered, meta.date)
    assert found == (title, region, doc_type, year, date)
    assert issuer is not None


def test_seal_line_is_not_the_issuer():
    text = ("关于考评情况的通报\n正文。\n内蒙古自治区法治政府建设领导小组依法行政专项工作协调办公室\n"
            "(内蒙古自治区人民政府法制办公室代章)\n2018年4月9日")
    _, issuer = extract_metadata_with_issuer(normalize_text(text, name="t.txt"))
    assert issuer.source == "signature" and issuer.mention.text.endswith("协调办公室")


# --- unseen real reports (issue 19): openings and endings as the pages are published -------------

def meta_of(text: str):
    meta, _ = extract_metadata_with_issuer(normalize_text(text, name="t.txt"))
    return meta


@pytest.mark.parametrize("text, title", [
    # a 标 题: index field (r05) — also in a table row with a leading 文号 (r22)
    ("- 索 引 号:370402/2022-00029\n- 成文时间:2022年02月28日\n- 标 题:市中区人力资源和社会保障局2021年度法治政府建设情况报告\n"
     "- 效力状态:有效\n2021年以来,区人社局在区委、区政府正确领导下开展工作。",
     "市中区人力资源和社会保障局2021年度法治政府建设情况报告"),
    ("索 引 号: | 主题分类: | 市政府文件 | |\n标 题: | 盘政发〔2016〕10号 盘锦市人民政府关于命名2015年度全市依法行政示范单位的决定 | ||\n正文。",
     "盘锦市人民政府关于命名2015年度全市依法行政示范单位的决定"),
    # after navigation bullets (r23) and empty index fields (r18)
    ("• 11500224009351624E/2020-00573\n• 法制\n• 工作报告\n• 2020-05-07\n永嘉镇2019年法治政府建设工作报告\n中共重庆市铜梁区永嘉镇委员会\n",
     "永嘉镇2019年法治政府建设工作报告"),
    ("索 引 号:104/2017-00780\n发文机关:\n有效时间:\n关于印发《株洲县深入推进法治政府建设实施方案》的通知\n各乡镇人民政府:\n",
     "关于印发《株洲县深入推进法治政府建设实施方案》的通知"),
    # a 文号 line, then a title over three lines (r12)
    ("西政办〔2020〕20号\n西平县人民政府办公室\n关于印发西平县2020年度法治政府建设\n工作安排的通知\n各乡镇人民政府:\n",
     "西平县人民政府办公室关于印发西平县2020年度法治政府建设工作安排的通知"),
    # a leading 文号 and 《》 (r37), a 【tag】 (r19)
    ("浙卫〔2024〕3号《浙江省卫生健康委关于2023年度法治政府建设情况的报告》浙江省卫生健康委关于2023年度法治政府建设情况的报告\n省委、省政府:\n",
     "浙江省卫生健康委关于2023年度法治政府建设情况的报告"),
    ("【权威发布】福建省2017年法治政府建设情况报告\n2017年以来,福建省委、省政府深入贯彻。", "福建省2017年法治政府建设情况报告"),
    # a news title over its 时间: line (r27) or its date line (r36)
    ("团风县人大常委会视察法治政府建设\n时间:2025-12-23 来源: 作者: 12月17日,县人大常委会开展视察。", "团风县人大常委会视察法治政府建设"),
    ("铜川市完成省级依法行政示范试点镇考评验收工作\n05.11.2015 10:15\n10月22日和23日,铜川市成立考评验收组。",
     "铜川市完成省级依法行政示范试点镇考评验收工作"),
    # 汇报 and 倡议书 end titles (r26, r08)
    ("区政府常务会议议题解读:关于2023年度法治建设工作情况的汇报\n区政府办公室\n", "区政府常务会议议题解读:关于2023年度法治建设工作情况的汇报"),
    ("创建“全国法治政府建设示范市”倡议书\n市民朋友们:\n", "创建“全国法治政府建设示范市”倡议书"),
    # the excerpt starts below the title: the document the notice issues (r07)
    ("各镇人民政府、街道办事处,市级各部门:\n现将《绵竹市人民政府重大行政决策程序暂行规定》印发给你们,请遵照执行。\n",
     "绵竹市人民政府重大行政决策程序暂行规定"),
    # a title ending with its period in parentheses
    ("成都市法治政府建设实施方案(2021—2025年)\n为深入贯彻落实党中央决策部署,制定本方案。", "成都市法治政府建设实施方案(2021—2025年)"),
    # addressees first and no notice: no title (r11)
    ("各开发区管委会,各区县(市)人民政府:\n2021年,全市各级各部门坚持依法行政。", None),
    # a title field in a table row, not the attached plan's heading (an unseen notice)
    ("发文字号 | 金政发〔2025〕33号 | 制发机构 | |\n"
     "标 题 | 金昌市人民政府关于印发《金昌市创建示范市实施方案》的通知 |\n"
     "各县区人民政府:\n现印发给你们。\n金昌市人民政府\n2025年6月13日\n(此件公开发布)\n金昌市创建示范市实施方案\n一、总体要求",
     "金昌市人民政府关于印发《金昌市创建示范市实施方案》的通知"),
    # a 文号 line with its 签发人 over the title is not part of it (an unseen county report)
    ("惠委〔2026〕17号 签发人:庄稼祥 黄育奇\n中共惠安县委 惠安县人民政府\n关于2025年度法治政府建设工作情况的报告\n"
     "中共泉州市委、泉州市人民政府:\n2025年,惠安县推进法治政府建设。",
     "中共惠安县委 惠安县人民政府关于2025年度法治政府建设工作情况的报告"),
    # index rows printed without their colons are no part of the title (probe ZE)
    ("索引号pbxxhxrmzf/2026-00001\n发布机构屏边县新华乡人民政府\n文号\n发布日期2026-01-27\n时效性有效\n"
     "新华乡2025年法治政府建设工作情况报告\n县委全面依法治县委员会办公室:\n2025年,新华乡坚持依法行政。",
     "新华乡2025年法治政府建设工作情况报告"),
    # the page's headline over the document's own title as the document prints it (probe Z); a
    # headline over another report of another year keeps the headline
    ("石柱土家族自治县人民政府 2025年度法治政府建设情况报告\n石柱土家族自治县人民政府\n关于2025年法治政府建设情况的报告\n"
     "2025年,石柱县坚持以习近平新时代中国特色社会主义思想为指导。",
     "石柱土家族自治县人民政府关于2025年法治政府建设情况的报告"),
    ("石柱土家族自治县人民政府 2025年度法治政府建设情况报告\n石柱土家族自治县人民政府\n关于2024年法治政府建设情况的报告\n"
     "2025年,石柱县坚持以习近平新时代中国特色社会主义思想为指导。",
     "石柱土家族自治县人民政府 2025年度法治政府建设情况报告"),
])
def test_titles_of_published_pages(text, title):
    assert meta_of(text).title == title


@pytest.mark.parametrize("text, date", [
    # the signature below a notice, above the plan it issues, wins over the publication time (r02)
    ("陕西省人民政府办公厅关于印发2016年依法行政工作要点的通知\n时间: 2016-05-04 15:14\n各市人民政府:\n现印发给你们。\n"
     "陕西省人民政府办公厅\n2016年3月2日\n陕西省2016年依法行政工作要点\n一、总体要求\n内容。", "2016-03-02"),
    # a signature date whose 年月日 were lost (r03)
    ("关于印发《九寨沟县法治建设自我评估办法(试行)》的通知\n现印发你们。\n九寨沟县依法治县领导小组办公室\n2017223\n第一条 正文。", "2017-02-23"),
    # the date of the meeting a report was given at (r20, r06)
    ("省人民政府关于2015年依法行政工作的报告\n稿件来源: 发布时间:2016-06-28 11:24:58\n——2016年3月29日在省十二届人大常委会第二十二次会议上\n正文。",
     "2016-03-29"),
    ("关于2024年度法治政府建设情况的调查报告\n发布日期:2025-04-02 21:51\n(2025年3月28日在钱塘区第一届人民代表大会常务委员会第三十三次会议上)\n正文。",
     "2025-03-28"),
    # a publication date in a bullet line (r23)
    ("• 法制\n• 2020-05-07\n永嘉镇2019年法治政府建设工作报告\n正文。", "2020-05-07"),
    # a notice's date over its publicity line, the signer left out, wins over the page's 发文日期
    ("县人民政府办公室关于印发嘉鱼县三年行动实施方案的通知\n有效性: 有效 发文日期: 2024年05月15日\n各镇人民政府:\n"
     "《实施方案》已经县人民政府同意,现印发给你们。\n2024年4月12日\n(此件公开发布)\n嘉鱼县三年行动实施方案\n一、目标",
     "2024-04-12"),
    # a time label glued to the first sentence (r27)
    ("团风县人大常委会视察法治政府建设\n时间:2025-12-23 来源: 作者: [打印]12月17日,县人大常委会开展视察。", "2025-12-23"),
    # a date inside the opening sentences is an event's, not the page's
    ("2021年,在区委、区政府坚强领导下,虹桥街道深入推进法治建设。2021年9月13日,委员长到街道调研。\n正文。", None),
    ("2019年,我县推进依法行政。\n1.优化政府组织机构。拟定了《机构改革实施方案》,并于2019年1月7日审议通过。", None),
    ("2019年3月1日,县政府召开常务会议。\n正文。", None),
])
def test_dates_of_published_pages(text, date):
    assert meta_of(text).date == date


@pytest.mark.parametrize("title, doc_type", [
    ("关于法治浙江(法治政府)建设示范地区名单的公示", "evaluation_notice"),
    ("省人大常委会首次审议法治政府建设情况报告", "oversight_survey"),
    ("海沧区2015年依法行政工作情况及2016年工作打算", "annual_report"),
    ("省人民政府关于印发贵州省2018年法治政府建设工作要点的通知", "plan"),
    ("西平县人民政府办公室关于印发西平县2020年度法治政府建设工作安排的通知", "plan"),
    ("关于深入推进依法行政加快建设法治政府的实施意见", "plan"),
    ("山东省人民政府关于印发〈山东省法治政府建设实施纲要(2016-2020年)〉的通知", "plan"),
    ("甘肃省命名第二批全省法治政府建设示范地区和项目", "evaluation_notice"),
    ("河南晒政府部门依法行政成绩单 省辖市中郑州第一", "evaluation_notice"),
    ("重庆市人大常委会执法检查组关于检查《重庆市优化营商环境条例》实施情况的报告", "oversight_survey"),
    ("团风县人大常委会视察法治政府建设", "oversight_survey"),
    ("盘锦市人民政府关于命名2015年度全市依法行政示范单位的决定", "evaluation_notice"),
    ("铜川市完成省级依法行政示范试点镇考评验收工作", "evaluation_notice"),
    ("关于印发《九寨沟县法治建设自我评估办法(试行)》的通知", "other"),
    ("关于表彰2019年度依法行政工作先进单位的决定", "evaluation_notice"),
    ("县人大常委会关于县人民政府法治政府建设工作情况报告的审议意见", "oversight_survey"),
    ("区政府常务会议议题解读:关于2023年度法治建设工作情况的汇报", "other"),
    # news of a place entering a 示范 list (probes E, V)
    ("喜报!我市进入第二批全国法治政府建设示范市公示名单", "evaluation_notice"),
    ("全省唯一 阜城县入选第二批全国法治政府建设示范地区名单", "evaluation_notice"),
    # the 示范 named before 命名 (probe ZA)
    ("中共重庆市委全面依法治市委员会办公室关于第一批全市法治政府建设示范区县和项目命名的决定", "evaluation_notice"),
])
def test_doc_type_of_titles(title, doc_type):
    assert meta_of(title + "\n正文。").doc_type == doc_type


def test_year_of_a_survey_is_its_meeting_year_or_a_news_items_date():
    text = ("重庆市人大常委会执法检查组关于检查《重庆市优化营商环境条例》实施情况的报告\n"
            "——2023年7月25日在市六届人大常委会第三次会议上\n市人大常委会:\n正文。")
    assert meta_of(text).year_covered == 2023
    assert meta_of("团风县人大常委会视察法治政府建设\n时间:2025-12-23 来源:\n正文。").year_covered == 2025
    # a list of names crowns years of work: no year (probe V)
    assert meta_of("全省唯一 阜城县入选第二批全国法治政府建设示范地区名单\n2023-01-13 10:04:14\n正文。").year_covered is None


def test_an_untitled_opening_boasting_an_honour_is_still_a_report():
    """A county's opening that lists its 示范 honours (获评…示范县, probe X) reports its year; news of
    a place entering a list (…入选全国法治政府建设示范市, probe E) is an evaluation notice."""
    report = ("2023年,新县在市委、市政府的坚强领导下,深入学习贯彻习近平法治思想,取得明显成效。新县在法治信阳考核中连续四年"
              "获得优秀等次,先后获评“河南省社会主义法治文化建设示范县”。")
    assert meta_of(report).doc_type == "annual_report"
    news = ("近日,中央全面依法治国委员会办公室发布《关于第二批全国法治政府建设示范地区和项目命名的决定》。\n"
            "我省无锡市、宿迁市、溧阳市入选全国法治政府建设示范市(县、区)。")
    assert meta_of(news).doc_type == "evaluation_notice"
    # a survey report merely published on a date names no year (seed 004)
    assert meta_of("文山市人大常委会关于全市法治政府建设工作情况的调查报告\n2021-06-22 10:58 审核人:\n正文。").year_covered is None


@pytest.mark.parametrize("text, doc_type", [
    # no title: a news item on a 人大 meeting hearing a report is not itself an annual report (r28)
    ("1月4日,扎鲁特旗十六届人大常委会第三十次会议召开。\n会议听取和审议了旗人民政府民生实事项目完成情况的报告。", "other"),
    # no title: a notice of commendation (r11)
    ("各区县人民政府:\n2021年,全市各级各部门坚持依法行政。为鼓励先进,市政府决定对中牟县等23个依法行政工作先进集体予以通报表扬。",
     "evaluation_notice"),
    # no title: an annual report's body opening with its year (seed 002)
    ("2017年,自治区政府法制办认真贯彻《纲要》,对呼和浩特市等4个盟市进行检查。", "annual_report"),
    # no title: a county's own year of work, whatever 考核结果 it names (probe Z)
    ("2020年,在市委市政府和县委的正确领导下,我县坚持以习近平法治思想为指导。将依法行政考核结果列入干部实绩考核。",
     "annual_report"),
    # no title: news of a meeting held on a day (a county's 述法 meeting) is no annual report (probe ZF)
    ("2月25日上午,襄城县召开2022年度党政主要负责人现场述法工作会议,深入学习贯彻党的二十大精神。", "other"),
    ("为推动第一责任人履职,2023年3月21日,2022年度台江区述法现场会在区委九楼会议室召开。区委常委主持会议。", "other"),
])
def test_doc_type_without_a_title(text, doc_type):
    assert meta_of(text).doc_type == doc_type


def test_a_meeting_line_may_wrap():
    text = ("西乌珠穆沁旗人民政府2024年度法治政府建设情况报告\n发布时间:2025-04-01\n2025年3月17日在西乌珠穆沁旗第十六届人民代表大会\n"
            "常务委员会第二十四次会议上\n主任、各位副主任、委员:\n正文。\n一、工作情况\n内容。")
    assert meta_of(text).date == "2025-03-17"


def _extracted(text: str):
    """The whole pipeline's extraction of ``text`` (issuer, agencies, citations, duties)."""
    from kg.build.pipeline import extract_document

    return extract_document(normalize_text(text, name="t.txt"))


def _issuer_of(text: str) -> tuple[str | None, str | None]:
    ex = _extracted(text)
    return ex.metadata.issuer, ex.metadata.region


# Issuer and region of real report openings and signatures (lines cut from real reports).
@pytest.mark.parametrize("text, issuer, region", [
    # the signature over a date, even when an annexed list of bodies follows
    ("各区县(市)人民政府,市人民政府各部门:\n为鼓励先进,市政府决定对中牟县等23个依法行政工作先进集体予以通报表扬。\n"
     "郑州市人民政府\n2022年9月27日\n附件\n中牟县政府\n市司法局\n市民政局",
     "郑州市人民政府", "郑州市"),
    # joint signers: the first signs
    ("关于印发《宣汉县深入推进法治政府建设实施方案》的通知\n各镇党委和人民政府:\n现将方案印发给你们。\n中共宣汉县委\n宣汉县人民政府\n2017322",
     "中共宣汉县委员会", "宣汉县"),
    # a signature in brackets at the end
    ("铜川市完成省级依法行政示范试点镇考评验收工作\n考评验收采取百分制方式。\n(铜川市政府法制办)",
     "铜川市人民政府法制办公室", "铜川市"),
    # a title opening with a place and a year: the place's government
    ("宁夏回族自治区2022年度法治政府建设工作报告\n2022年,宁夏回族自治区党委和政府全面学习贯彻党的二十大精神。",
     "宁夏回族自治区人民政府", "宁夏回族自治区"),
    # a central ministry: the country is the region
    ("应急管理部2019年法治政府建设年度报告\n2019年,应急管理部以习近平新时代中国特色社会主义思想为指导。",
     "应急管理部", "中国"),
    # the body on the line over a title opening with 关于
    ("西政办〔2020〕20号\n西平县人民政府办公室\n关于印发西平县2020年度法治政府建设工作安排的通知\n各乡镇人民政府:",
     "西平县人民政府办公室", "西平县"),
    # a salutation is not the issuer; 我市 in the opening is the city placed by the text
    ("省政府、市委、市人大:\n2018年,我市落实法治政府建设工作紧紧围绕市委、市政府中心工作。鹤岗市政府下发了通知,鹤岗市编办提出意见。",
     "鹤岗市人民政府", "鹤岗市"),
    # a Party committee with its government opening an annual report: the government
    ("2024年,云南省委、省政府坚持以习近平新时代中国特色社会主义思想为指导。", "云南省人民政府", "云南省"),
    # a place opening the first sentence
    ("2023年,鄂尔多斯市深入贯彻习近平法治思想,在市人大及其常委会的监督指导下推进依法行政。", "鄂尔多斯市人民政府", "鄂尔多斯市"),
    # an opening naming a national document first is not the issuer; the 文号 prefix is
    ("关于深入推进依法行政加快建设法治政府的实施意见\n桂政发〔2015〕2号\n各市、县人民政府:\n"
     "2004年国务院《全面推进依法行政实施纲要》颁布实施以来,全区各级人民政府在自治区党委的正确领导下推进依法行政。",
     "广西壮族自治区人民政府", "广西壮族自治区"),
    # a body with its session number and a compound abbreviation
    ("1月4日,扎鲁特旗十六届人大常委会第三十次会议召开。", "扎鲁特旗人民代表大会常务委员会", "扎鲁特旗"),
    ("关于2024年度法治政府建设情况的调查报告\n(2025年3月28日在会议上)\n钱塘区人大常委会监察法司工委开展调研。\n钱塘区人大常委会监察法司工委\n2025年3月28日",
     "杭州市钱塘区人民代表大会常务委员会监察法司工作委员会", "钱塘区"),
])
def test_issuer_and_region_of_real_openings(text, issuer, region):
    assert _issuer_of(text) == (issuer, region)


def test_index_number_places_a_level_word():
    """A page's 索引号 (a unified credit code carrying the division code) places 区."""
    from kg.extract.metadata import _adcode_place

    doc = normalize_text("区政府常务会议议题解读:关于2023年度法治建设工作情况的汇报\n11370105MB279780XD/2023-6537798\n区政府办公室\n2023-12-20\n正文。", name="t.txt")
    assert _adcode_place(doc) == "天桥区"
    assert _issuer_of(doc.original) == ("济南市天桥区人民政府办公室", "天桥区")


# --- adversarial probes (page layouts and document kinds the 40 dev reports do not have) ----------

@pytest.mark.parametrize("raw, iso", [
    ("二〇二二年二月二十八日", "2022-02-28"),
    ("二○二○年一月十日", "2020-01-10"),
    ("二O二一年十二月三十一日", "2021-12-31"),
    ("二〇二二年十三月一日", None),
])
def test_parse_date_in_chinese_numerals(raw, iso):
    assert parse_date(raw) == iso


BODY = "2021年,我局认真贯彻落实法治政府建设各项部署," + "扎实推进依法行政," * 90 + "取得明显成效。\n"


@pytest.mark.parametrize("text, expected", [
    # a red header and a 文号 line over a two-line title; a signature date in Chinese numerals
    ("黄冈市人民政府文件\n黄政发〔2022〕5号\n黄冈市人民政府\n关于2021年度法治政府建设情况的报告\n省人民政府:\n"
     "2021年,我市深入学习贯彻习近平法治思想。\n黄冈市人民政府\n二〇二二年二月二十八日",
     {"title": "黄冈市人民政府关于2021年度法治政府建设情况的报告", "date": "2022-02-28", "year_covered": 2021,
      "doc_type": "annual_report"}),
    # navigation breadcrumbs are no title
    ("网站首页 > 政务公开 > 部门文件\n罗田县司法局2021年度法治政府建设情况报告\n2021年,县司法局扎实推进法治建设。",
     {"title": "罗田县司法局2021年度法治政府建设情况报告", "year_covered": 2021}),
    # a site column over the title is no part of it (and no title itself)
    ("政府信息公开\n罗田县司法局2021年度法治政府建设情况报告\n2021年,县司法局扎实推进法治建设。",
     {"title": "罗田县司法局2021年度法治政府建设情况报告"}),
    ("通知公告\n关于2021年度全市法治政府建设考核结果的通报\n各县(市、区)人民政府:\n",
     {"title": "关于2021年度全市法治政府建设考核结果的通报", "doc_type": "evaluation_notice"}),
    ("关于印发\n黄冈市2022年法治政府建设工作要点的通知\n各县(市、区)人民政府:\n",
     {"title": "关于印发黄冈市2022年法治政府建设工作要点的通知", "doc_type": "plan", "year_covered": 2022}),
    ("索引号:011203/2021-00012\n信息名称:浠水县2020年度法治政府建设情况报告\n发布日期:2021-02-01\n2020年,我县认真贯彻落实。",
     {"title": "浠水县2020年度法治政府建设情况报告", "date": "2021-02-01", "year_covered": 2020}),
    # a plan's title ending 规划(period): a plan of no one work year
    ("潜江市法治政府建设规划(2021—2025年)\n为全面推进法治政府建设,制定本规划。\n",
     {"title": "潜江市法治政府建设规划(2021—2025年)", "doc_type": "plan", "year_covered": None}),
    ("襄阳市人民政府关于印发襄阳市法治政府建设实施方案(2021—2025年)的通知\n各县(市、区)人民政府:\n",
     {"doc_type": "plan", "year_covered": None}),
    # a 总结 with next year's plan is an annual report; 表扬 and 考评结果的通知 are evaluation notices;
    # 检查报告, 关于检查《X》实施情况的报告 and 评议意见 are oversight surveys
    ("关于2021年法治政府建设工作总结和2022年工作计划\n正文。", {"doc_type": "annual_report", "year_covered": 2021}),
    ("关于表扬2020年度法治政府建设先进单位的通报\n正文。", {"doc_type": "evaluation_notice", "year_covered": 2020}),
    ("关于公布2021年度法治政府建设考评结果的通知\n正文。", {"doc_type": "evaluation_notice", "year_covered": 2021}),
    ("关于检查《中华人民共和国行政处罚法》贯彻实施情况的报告\n——2022年8月24日在市十七届人大常委会第五次会议上\n正文。",
     {"doc_type": "oversight_survey", "date": "2022-08-24"}),
    ("市人大常委会关于《中华人民共和国行政复议法》实施情况的检查报告\n正文。", {"doc_type": "oversight_survey"}),
    ("县人大常委会关于县人民政府法治政府建设工作情况的评议意见\n县人民政府:\n正文。", {"doc_type": "oversight_survey"}),
    # dates: a bracketed date (or body and date) under the title, a 日期: label under the signature
    ("平湖市人民政府关于2020年度法治政府建设情况的报告\n(2021年3月15日)\n2020年,市政府深入推进依法行政。\n",
     {"date": "2021-03-15", "year_covered": 2020}),
    ("荆门市司法局2021年法治政府建设情况报告\n(荆门市司法局 2022年1月20日)\n" + BODY, {"date": "2022-01-20"}),
    ("浠水县交通运输局2021年法治政府建设情况报告\n" + BODY + "浠水县交通运输局\n日期:2022年1月12日", {"date": "2022-01-12"}),
    # an excerpt below the title: the attachment the notice issues (现将《X》予以印发)
    ("各乡镇人民政府,县直各单位:\n现将《通山县2021年法治政府建设工作要点》予以印发,请认真贯彻执行。\n通山县人民政府办公室\n2021年3月2日\n",
     {"title": "通山县2021年法治政府建设工作要点", "date": "2021-03-02", "doc_type": "plan", "year_covered": 2021}),
])
def test_metadata_of_probe_layouts(text, expected):
    meta = meta_of(text)
    assert {k: getattr(meta, k) for k in expected} == expected


# Probes: a township's or 街道's report signed with its county (the issuer named with the places as printed:
# the full name with its jurisdiction); a roster over the signature.
@pytest.mark.parametrize("text, issuer, region", [
    ("桃江县灰山港镇人民政府关于2020年法治政府建设工作情况的报告\n我镇全面推进依法行政。\n桃江县灰山港镇人民政府\n2020年12月20日",
     "桃江县灰山港镇人民政府", "灰山港镇"),
    ("杭州市西湖区北山街道办事处2023年法治政府建设工作总结\n北山街道扎实推进法治建设。\n杭州市西湖区北山街道办事处\n2024年1月8日",
     "杭州市西湖区北山街道办事处", "北山街道"),
    # a level-word body over a full-named signer ends the list above, it does not co-sign
    ("关于2022年度全区依法行政考核结果的通报\n一、优秀单位\n区教育局、区民政局、区财政局\n二、合格单位\n区农业农村局\n"
     "南宁市青秀区人民政府办公室\n2023年3月1日",
     "南宁市青秀区人民政府办公室", "青秀区"),
    # joint signers on one line: the first signs
    ("关于2019年度法治政府建设工作情况的报告\n2019年,县委、县政府坚持依法行政。\n中共兰考县委员会 兰考县人民政府\n2020年1月8日",
     "中共兰考县委员会", "兰考县"),
])
def test_issuer_and_region_of_probes(text, issuer, region):
    assert _issuer_of(text) == (issuer, region)


def test_issuer_lookup_sees_no_places_settled_for_an_earlier_report(monkeypatch):
    """A worker reads reports one after another: the homonyms, townships and zones settled for
    one must be cleared before the next report's issuer is looked up, or the result would hang
    on the order of the files."""
    from kg.core import places
    from kg.extract import metadata as metadata_module

    places.place_zone("珠海高新区", "珠海高新技术产业开发区", "珠海市")  # as a zone report leaves it
    places.choose_homonym("城中区", {"西宁市"})
    seen = []
    real_find_issuer = metadata_module.find_issuer

    def recording(doc, title):
        seen.append((places.zone_name("珠海高新区"), places.chain_of("城中区")[1]))
        return real_find_issuer(doc, title)

    monkeypatch.setattr(metadata_module, "find_issuer", recording)
    text = "城中区人民政府关于2023年法治政府建设情况的报告\n2023年，城中区人民政府推进依法行政。\n2024年1月5日"
    metadata_module.extract_metadata_with_issuer(normalize_text(text, name="b.txt"))
    assert seen == [(None, "柳州市")]


def test_a_report_without_title_says_whose_and_which_years_work_it_gives():
    # the opening's 现将X2019年…报告如下 over a year and a 通报表扬 the body received (an unseen
    # department report); a survey's 现将调研情况报告如下 names neither
    text = ("市依法行政工作领导小组办公室:\n根据工作要求,现将市司法局2019年法治政府建设情况报告如下:\n一、工作总结\n"
            "在2018年度法治广东建设考评中,我市首次迈进全省优秀行列,获省委通报表扬。印发《江门市2019年依法行政工作要点》。")
    meta = meta_of(text)
    assert (meta.year_covered, meta.doc_type) == (2019, "annual_report")
    assert _issuer_of(text) == ("江门市司法局", "江门市")
    survey = "市人大常委会:\n现将2019年法治政府建设调研情况报告如下:\n一、基本情况\n江门市推进依法行政。"
    assert _issuer_of(survey)[0] is None


def test_a_news_item_naming_model_places_dated_by_its_label():
    # a traditional-script repost: the label annotated with pinyin (發(fā)布時間), after the
    # source and editor fields of one line; a naming crowns years of work, not the date's year
    text = ("甘肅省命名第二批全省法治政府建設示范地區(qū)和項目\n\n來源:甘肅政法網(wǎng) 責任編輯:張曦云 "
            "發(fā)布時間:2023-04-17\n\n近日,省委全面依法治省辦印發(fā)《關于第二批全省法治政府建設示范地區(qū)和項目命名的決定》。")
    meta = meta_of(text)
    assert (meta.title, meta.date, meta.year_covered, meta.doc_type) == (
        "甘肃省命名第二批全省法治政府建设示范地区和项目", "2023-04-17", None, "evaluation_notice")
    news = meta_of("我省命名第一批全省法治政府建设示范地区和项目\n发表时间:2025-04-04 12:04:22来源:山西日报\n本报讯 …")
    assert (news.title, news.date) == ("我省命名第一批全省法治政府建设示范地区和项目", "2025-04-04")


def test_a_county_plan_citing_its_provinces_document_by_its_number():
    # the province's 文号 in a sentence is no issuer; the site's byline (with its address) dates it
    text = ("关于加快推进法治政府建设的实施意见\n中阳县政府 www.sxzhongyang.gov.cn 2016-03-21 00:00\n"
            "各乡镇人民政府、县直有关单位:\n为进一步提升依法行政工作水平,根据省政府《关于加快推进法治政府建设的实施意见》"
            "(晋政发〔2015〕4号),结合我县实际,提出如下实施意见。\n牵头单位:县政府办、县政府法制办\n")
    meta, cue = extract_metadata_with_issuer(normalize_text(text, name="t.txt"))
    assert (meta.region, meta.date, meta.doc_type) == ("中阳县", "2016-03-21", "plan")
    assert cue is None or cue.source != "doc_number"


def test_a_headline_and_its_subtitle_over_the_pages_update_line_are_one_title():
    """法治护航北疆 共筑安全屏障 / —— 科右中旗法治政府建设五年综述 / 更新时间:… 来源:… (probe ZF)."""
    got = meta_of("法治护航北疆 共筑安全屏障\n—— 科右中旗法治政府建设五年综述\n更新时间:2025年12月03日 10:17:19  来源:内蒙古法治网\n"
                  "五年来,兴安盟科右中旗锚定总目标。")
    assert got.title == "法治护航北疆 共筑安全屏障——科右中旗法治政府建设五年综述"


def test_a_headline_over_the_source_line_furniture_removed():
    text = ("泉州市十六届人大常委会第二十二次会议举行\n来源:泉州晚报 2019-08-29 09:22\n\n"
            "  28日,市十六届人大常委会召开第二十二次会议。\n")
    meta = meta_of(text)
    assert (meta.title, meta.date) == ("泉州市十六届人大常委会第二十二次会议举行", "2019-08-29")


@pytest.mark.parametrize("text, doc_type", [
    # a plan printed without its notice: its opening ends 制定本计划 (and names a 人大 审议意见 it rests on)
    ("为深入学习贯彻习近平法治思想,根据《法治政府建设实施纲要(2021—2025年)》和《自治区人大常委会对〈自治区人民政府"
     "关于2023年法治政府建设情况的报告〉的审议意见》精神,结合自治区实际,制定本计划。\n落实权责清单制度。\n", "plan"),
    # news of a visit is a survey, whatever it looked into
    ("陈鸿杰调研法治政府建设工作情况\n3月17日,市人大常委会副主任陈鸿杰带领市人大内司委委员到市食药监局、市质监局,"
     "就法治政府建设工作情况开展专题调研。", "oversight_survey"),
])
def test_the_kind_of_an_unusual_opening(text, doc_type):
    assert meta_of(text).doc_type == doc_type


def test_a_title_field_stops_at_the_next_field_of_its_row():
    text = ("名 称: 县人民政府办公室关于印发嘉鱼县三年行动实施方案的通知 发布日期: 2024年05月15日\n"
            "各镇人民政府:\n现印发给你们。")
    meta = meta_of(text)
    assert (meta.title, meta.doc_type) == ("县人民政府办公室关于印发嘉鱼县三年行动实施方案的通知", "plan")


def test_an_explanation_of_a_report_is_titled_and_dated_as_printed():
    text = ("【政策解读】关于《清水县人民政府关于清水县2023年度法治政府建设工作总结的报告》的政策解读\n"
            "清水县人民政府 2024年01月08日\n按照省市要求,我县总结2023年全县法治政府建设工作。")
    meta = meta_of(text)
    assert (meta.title, meta.date, meta.doc_type) == (
        "关于《清水县人民政府关于清水县2023年度法治政府建设工作总结的报告》的政策解读", "2024-01-08", "other")


def test_a_news_item_on_a_years_report_covers_that_year():
    text = ("省人大常委会首次审议法治政府建设情况报告\n"
            "本报杭州3月26日讯 3月26日,省十三届人大常委会第十九次会议审议省政府关于2019年法治政府建设情况的报告。")
    assert meta_of(text).year_covered == 2019


def test_an_indicator_system_published_by_a_government():
    text = ("宁夏回族自治区法治政府建设指标体系\n"
            "《宁夏回族自治区法治政府建设指标体系(试行)》在2015.01.09由宁夏回族自治区人民政府颁布。\n"
            "为了深入推进依法行政,根据《全面推进依法行政实施纲要》,制定本指标体系。")
    found = _extracted(text)
    assert (found.metadata.title, found.metadata.issuer) == ("宁夏回族自治区法治政府建设指标体系", "宁夏回族自治区人民政府")
    assert [r.title for r in found.regulations] == ["全面推进依法行政实施纲要"]  # not itself, with its (试行)


@pytest.mark.parametrize("text, issuer, year", [
    # the year introduced first (…开局之年。), then the work and its subject
    ("2023 年是全面贯彻落实党的二十大精神的开局之年。市教育局以习近平法治思想为指导,全面落实《辽宁省法治政府建设实施方案》。"
     "鞍山市教育系统法治建设取得新成效。", "鞍山市教育局", 2023),
    ("2018年是贯彻党的十九大精神的开局之年。一年来,在党中央坚强领导下,河北省委、省政府坚持依法行政。", "河北省人民政府", 2018),
    # the year after a first sentence of principle; the whole county's work summed up: its government
    ("法治是安邦治国的基石。2022年,在市委、市政府和县委的坚强领导下,全县法治政府建设工作以习近平法治思想为指引,"
     "推动政府各项工作全面纳入法治化轨道。制定印发《高台县法治建设绩效考评实施细则》。", "高台县人民政府", 2022),
    # the year standing alone after a basis clause (probe V)
    ("根据中共中央《全面深化法治领域改革纲要(2023—2027年)》以及市、区对法治建设工作的具体部署,2023年,清波街道以深入学习"
     "贯彻习近平法治思想为核心,全面深入开展法治政府建设。", None, 2023),
])
def test_an_untitled_report_opening_on_its_year(text, issuer, year):
    assert (_issuer_of(text)[0], meta_of(text).year_covered, meta_of(text).doc_type) == (issuer, year, "annual_report")


@pytest.mark.parametrize("text, year", [
    ("一、2022年重点工作及主要工作举措\n一是始终坚定正确政治方向。认真组织党组理论中心组理论学习。", 2022),
    ("一、2023年法治政府工作情况\n(一)深入学习贯彻习近平法治思想。我局定期组织召开党委理论学习中心组学习。", 2023),
    ("一、工作开展情况\n(一)坚持党的领导,筑牢法治建设根本。通过县委常委会会议、理论学习中心组学习会议开展专题学习。", None),
    # the year's work looked back on (一、2024年工作回顾, probe W)
    ("今年以来,全州各级政府坚持依法行政。现将工作情况报告如下:\n一、2024年工作回顾\n(一)坚持党的领导。", 2024),
])
def test_a_text_opening_on_the_first_part_of_its_report(text, year):
    # the title and opening cut away: the first part's heading says it reports a year's work
    assert (meta_of(text).year_covered, meta_of(text).doc_type) == (year, "annual_report")
    # a heading of another kind says nothing (一、总体要求 opens a plan's body)
    assert meta_of("一、总体要求\n全面贯彻习近平法治思想。").doc_type != "annual_report"


def test_a_cover_note_sending_the_report_up_gives_its_title():
    text = ("陇政发〔2022〕169号\n市政府:\n现将《2022年陇西县法治政府建设工作总结》随文呈报,请审阅。\n陇西县人民政府\n"
            "2022年12月20日\n2022年陇西县法治政府建设工作总结\n一年来,陇西县法治政府建设工作在市委、市政府和县委的坚强领导下推进。")
    found = _extracted(text)
    m = found.metadata
    assert (m.title, m.issuer, m.year_covered, m.doc_type) == (
        "2022年陇西县法治政府建设工作总结", "陇西县人民政府", 2022, "annual_report")
    assert not found.regulations  # the report it sends is no citation


@pytest.mark.parametrize("title_line", ["上海市司法局2023年法治政府建设情况报告 (2024-02-26)",
                                        "上海市司法局2023年法治政府建设情况报告（2024年2月26日）"])
def test_a_title_with_the_pages_date_after_it(title_line):
    m = meta_of(title_line + "\n2023年,上海市司法局在市委、市政府的坚强领导下推进依法行政。")
    assert (m.title, m.date) == ("上海市司法局2023年法治政府建设情况报告", "2024-02-26")


def test_the_opinions_a_congress_session_adopted():
    text = ("(2025年7月31日石泉县第十九届人大常委会第二十三次会议通过)\n石泉县第十九届人大常委会第二十三次会议听取和审议了"
            "县人大常委会执法检查组关于检查《中华人民共和国行政处罚法》实施情况的报告。会议提出以下审议意见:")
    m = meta_of(text)
    assert (_issuer_of(text)[0], m.year_covered, m.date) == ("石泉县人民代表大会常务委员会", 2025, "2025-07-31")


def test_a_county_committee_written_with_its_two_character_county():
    # 中共浚县县委: the county 浚县 and its 县委, signing with the government (which reports)
    text = ("中共浚县县委 浚县人民政府关于2024年法治政府建设情况的报告\n市委、市政府:\n2024年,我县坚持以习近平法治思想为指导。")
    found = _extracted(text)
    assert found.metadata.issuer == "浚县人民政府"
    assert "中共浚县委员会" in {a.name for a in found.agencies}


def test_a_department_speaking_as_我局_that_names_itself_once():
    text = ("(一)深入学习贯彻习近平法治思想。我局坚持把学习宣传贯彻习近平法治思想作为首要政治任务来抓,切实做好各项公安工作。"
            "习水县公安局切实将领导干部带头学习习近平法治思想制度化。")
    assert _issuer_of(text) == ("习水县公安局", "习水县")
    # two departments of its kind named: neither is taken
    assert _issuer_of(text + "配合习水县市场监督管理局开展检查。")[0] is None


def test_a_page_introducing_the_report_it_reposts():
    text = ("《梧州市人民政府2018年度法治政府建设工作报告》是2019年梧州市人民政府发布的通知。\n"
            "2018年,在自治区党委、自治区人民政府的坚强领导下,我市深入推进依法行政。")
    found = _extracted(text)
    assert found.metadata.title == "梧州市人民政府2018年度法治政府建设工作报告"
    assert not found.regulations  # the report itself is no citation
    assert "annual-report-duty" not in {d.id for d in found.duties}  # nor is the page's introduction a duty


@pytest.mark.parametrize("text, region", [
    # 示范县 is a word, not 范县; 东方市场 is 东方 and 市场
    ("我县获评全国法治政府建设示范县,开阳县人民政府深入推进依法行政。东方市场监管所配合。", "开阳县"),
    # a report speaking of itself as 我县: the county, whatever province its boilerplate names more
    ("深入学习贯彻习近平总书记视察贵州重要讲话精神,认真落实贵州省委部署。2023年,我县举办开阳县中青年干部培训班,"
     "我县依法行政水平不断提高。", "开阳县"),
    # a province named only in its rule-of-law campaign (法治青海)
    ("2024年,在省委、省政府的坚强领导下,全省深入推进法治青海建设,法治青海、法治政府、法治社会一体建设。", "青海省"),
    # an autonomous county by its short form with 自治县
    ("2022年,镇宁自治县坚持以习近平法治思想为指导,镇宁自治县法治政府建设取得新成效。", "镇宁布依族苗族自治县"),
])
def test_region_from_the_places_a_report_names(text, region):
    assert _issuer_of(text)[1] == region


def test_a_news_item_printing_the_plan_it_reports():
    text = ("近日,市委、市政府印发了《成都市法治政府建设实施方案(2021-2025年)》,要求各地认真贯彻落实。\n"
            "《成都市法治政府建设实施方案(2021-2025年)》主要内容如下。\n"
            "为深入推进依法行政,根据《法治政府建设实施纲要(2021—2025年)》,制定本方案。\n一、总体要求\n全面推行权责清单制度。")
    found = _extracted(text)
    assert (found.metadata.title, found.metadata.doc_type) == ("成都市法治政府建设实施方案(2021-2025年)", "plan")
    assert [r.title for r in found.regulations] == ["法治政府建设实施纲要(2021—2025年)"]  # not the plan itself
    assert {d.id: set(d.statuses) for d in found.duties}["power-and-responsibility-list"] == {"planned"}


def test_a_report_naming_no_issuer_that_speaks_as_its_region_is_its_governments():
    text = ("2023年,我县深入学习贯彻习近平法治思想,开阳县法治政府建设取得新成效。我县全面推进依法行政。")
    assert _issuer_of(text) == ("开阳县人民政府", "开阳县")
    # a department's report (我局) is no government's
    assert _issuer_of("2023年,我局深入推进依法行政,开阳县依法行政水平提高。")[0] != "开阳县人民政府"
