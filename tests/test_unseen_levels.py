"""Reports of other levels and provinces than the dev seeds (district, county, banner,
provincial department): hand-annotated metadata, agencies and oversight edges.

The fixtures in ``tests/fixtures/unseen/`` are short realistic reports written in the style
of real 法治政府建设 reports; level words (区/县/旗/省) must resolve to the report's own
jurisdiction and its parents.
"""
from pathlib import Path

import pytest

from kg.build.pipeline import extract_file

FIXTURES = Path(__file__).parent / "fixtures" / "unseen"

CASES = [
    ("zj_xiuzhou_district_2019.txt", "嘉兴市秀洲区人民政府", "秀洲区",
     ["嘉兴市秀洲区人民政府", "中共嘉兴市秀洲区委员会", "嘉兴市人民政府", "浙江省人民政府",
      "嘉兴市秀洲区行政服务中心", "嘉兴市秀洲区市场监督管理局", "嘉兴市秀洲区司法局",
      "嘉兴市秀洲区人民代表大会常务委员会", "中国人民政治协商会议嘉兴市秀洲区委员会",
      "嘉兴市秀洲区综合行政执法局", "嘉兴市秀洲区审计局"],
     [("中共嘉兴市秀洲区委员会", "leads", "嘉兴市秀洲区人民政府"),
      ("嘉兴市秀洲区人民代表大会常务委员会", "receives_report", None),
      ("嘉兴市人民政府", "receives_report", None),
      ("中共嘉兴市秀洲区委员会", "receives_report", "嘉兴市秀洲区人民政府")]),
    ("sc_xuanhan_county_2019.txt", "宣汉县人民政府", "宣汉县",
     ["宣汉县人民政府", "达州市人民政府", "中共宣汉县委员会", "宣汉县人民代表大会常务委员会",
      "中共宣汉县委全面依法治县委员会办公室", "宣汉县司法局", "宣汉县市场监督管理局", "宣汉县行政审批局",
      "中国人民政治协商会议宣汉县委员会", "宣汉县审计局", "宣汉县信访局", "宣汉县人民法院",
      "宣汉县人民检察院"],
     [("中共宣汉县委员会", "leads", "宣汉县人民政府"),
      ("宣汉县人民代表大会常务委员会", "supervises", "宣汉县人民政府"),
      ("宣汉县人民代表大会常务委员会", "receives_report", None),
      ("达州市人民政府", "receives_report", "宣汉县人民政府")]),
    ("nm_dalate_banner_2020.txt", "达拉特旗人民政府", "达拉特旗",
     ["达拉特旗人民政府", "中共达拉特旗委员会", "鄂尔多斯市人民政府", "达拉特旗司法局",
      "达拉特旗人民代表大会常务委员会", "达拉特旗市场监督管理局", "达拉特旗综合行政执法局",
      "中国人民政治协商会议达拉特旗委员会", "达拉特旗审计局", "达拉特旗教育局", "鄂尔多斯市司法局"],
     [("中共达拉特旗委员会", "leads", "达拉特旗人民政府"),
      ("达拉特旗人民代表大会常务委员会", "receives_report", "达拉特旗人民政府"),
      ("鄂尔多斯市人民政府", "receives_report", "达拉特旗人民政府"),
      ("达拉特旗审计局", "audits", "达拉特旗教育局")]),
    ("sc_sifating_department_2020.txt", "四川省司法厅", "四川省",
     ["四川省司法厅", "四川省人民政府", "中共四川省委员会", "司法部", "中共四川省司法厅党组",
      "中共四川省委全面依法治省委员会办公室", "四川省人民代表大会常务委员会", "四川省人民政府办公厅",
      "中国人民政治协商会议四川省委员会", "四川省审计厅"],
     [("中共四川省委全面依法治省委员会办公室", "evaluates", "四川省司法厅"),
      ("四川省人民政府", "receives_report", "四川省司法厅"),
      ("中共四川省委员会", "leads", None),
      ("司法部", "guides", None)]),
]

# Forms that must not become agencies: verbs glued to a name, lower-level classes, bad levels.
NOT_AGENCIES = ["宣汉县行政审批局实现企业开办", "四川省人大常委会交办", "四川省司法局", "秀洲区人民政府",
                "嘉兴市人民代表大会常务委员会"]


@pytest.fixture(scope="module")
def extractions():
    return {name: extract_file(FIXTURES / name).to_contract() for name, *_ in CASES}


@pytest.mark.parametrize("fixture, issuer, region, agencies, edges", CASES)
def test_metadata_of_other_levels(extractions, fixture, issuer, region, agencies, edges):
    meta = extractions[fixture]["metadata"]
    assert (meta["issuer"], meta["region"]) == (issuer, region)


@pytest.mark.parametrize("fixture, issuer, region, agencies, edges", CASES)
def test_agencies_of_other_levels(extractions, fixture, issuer, region, agencies, edges):
    found = [a["name"] for a in extractions[fixture]["agencies"]]
    assert [a for a in agencies if a not in found] == []
    assert [a for a in found if a in NOT_AGENCIES] == []


@pytest.mark.parametrize("fixture, issuer, region, agencies, edges", CASES)
def test_oversight_of_other_levels(extractions, fixture, issuer, region, agencies, edges):
    found = {(e["overseer"], e["kind"], e["overseen"]) for e in extractions[fixture]["oversight"]}
    for overseer, kind, overseen in edges:
        assert any(o == overseer and k == kind and (overseen is None or d == overseen) for o, k, d in found), \
            (overseer, kind, overseen, sorted(found))


def test_district_names_also_accept_the_bare_district():
    agencies = {a["name"]: a for a in extract_file(FIXTURES / "zj_xiuzhou_district_2019.txt").to_contract()["agencies"]}
    assert "秀洲区人民政府" in agencies["嘉兴市秀洲区人民政府"]["also_accept"]
    assert "秀洲区司法局" in agencies["嘉兴市秀洲区司法局"]["also_accept"]
