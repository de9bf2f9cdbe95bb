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
    ("文山市人大常委会关于全市法治政府建设工作情况的调查报告\n2021-06-22 10:58 审核人:\n根据《文山市人大常委会2021年工作要点》安排,开展调查。",
     "文山市人大常委会关于全市法治政府建设工作情况的调查报告", "文山市", "oversight_survey", None, "2021-06-22"),
    ("2017年,自治区政府法制办认真贯彻《纲要》,对呼和浩特市等4个盟市进行检查。",
     None, "内蒙古自治区", "annual_report", 2017, None),
])
def test_metadata_from_real_openings_and_signatures(text, title, region, doc_type, year, date):
    meta, issuer = extract_metadata_with_issuer(normalize_text(text, name="t.txt"))
    assert (meta.title, meta.region, meta.doc_type, meta.year_covered, meta.date) == (title, region, doc_type, year, date)
    assert issuer is not None


def test_seal_line_is_not_the_issuer():
    text = "关于考评情况的通报\n正文。\n内蒙古自治区法治政府建设领导小组依法行政专项工作协调办公室\n(内蒙古自治区人民政府法制办公室代章)\n2018年4月9日"
    _, issuer = extract_metadata_with_issuer(normalize_text(text, name="t.txt"))
    assert issuer.source == "signature" and issuer.mention.text.endswith("协调办公室")


def _issuer_of(text: str) -> tuple[str | None, str | None]:
    from kg.build.pipeline import extract_document

    ex = extract_document(normalize_text(text, name="t.txt"))
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
