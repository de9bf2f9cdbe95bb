import pytest

from kg.core.places import canonical_place, level_place, parents, parents_with_codes, short_forms


@pytest.mark.parametrize("form, canonical", [
    ("文山州", "文山壮族苗族自治州"),
    ("清远", "清远市"),
    ("呼和浩特", "呼和浩特市"),
    ("兴安盟", "兴安盟"),
    ("内蒙古", "内蒙古自治区"),
    ("湘西州", "湘西土家族苗族自治州"),
    ("不存在的地方", None),
])
def test_canonical_place(form, canonical):
    assert canonical_place(form) == canonical


@pytest.mark.parametrize("level, region, expected", [
    ("州", "文山市", "文山壮族苗族自治州"),
    ("盟", "阿尔山市", "兴安盟"),
    ("自治区", "阿尔山市", "内蒙古自治区"),
    ("市", "清城区", "清远市"),
    ("省", "连州市", "广东省"),
    ("市", "内蒙古自治区", None),
])
def test_level_words_read_against_the_region(level, region, expected):
    assert level_place(level, region) == expected


def test_parent_chain_with_adcodes():
    assert parents("阿尔山市") == ["兴安盟", "内蒙古自治区"]
    assert parents_with_codes("连州市") == [("清远市", "4418"), ("广东省", "44")]


def test_short_forms_drop_ethnic_parts_by_rule():
    assert short_forms("连山壮族瑶族自治县", "自治县") == ["连山县", "连山"]


@pytest.mark.parametrize("region, short", [
    ("广西壮族自治区", "广西"), ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆"),
    ("西藏自治区", "西藏"), ("内蒙古自治区", "内蒙古"),
])
def test_autonomous_regions_are_known_by_their_stem(region, short):
    assert short_forms(region, "自治区") == [short]
