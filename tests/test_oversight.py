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
