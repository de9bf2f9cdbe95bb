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
