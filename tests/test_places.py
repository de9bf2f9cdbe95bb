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
    assert short_forms("连山壮族瑶族自治县", "自治县") == ["连山县", "连山", "连山自治县"]


@pytest.mark.parametrize("region, short", [
    ("广西壮族自治区", "广西"), ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆"),
    ("西藏自治区", "西藏"), ("内蒙古自治区", "内蒙古"),
])
def test_autonomous_regions_are_known_by_their_stem(region, short):
    assert short_forms(region, "自治区") == [short]


def test_former_county_names_are_places_under_their_successors_parent():
    from kg.core.places import canonical_place, chain_of

    assert canonical_place("横县") == "横县" and chain_of("横县")[1:] == ["南宁市", "广西壮族自治区"]
    assert chain_of("株洲县")[1] == "株洲市"


def test_a_report_naming_a_former_county_gets_its_bodies():
    from kg.build.pipeline import extract_document
    from kg.normalize import normalize_text

    ex = extract_document(normalize_text("横县2020年度法治政府建设情况报告\n2020年,在市委、市政府的坚强领导下,横县深入贯彻党的十九大精神。"
                                         "县委、县政府主要领导对法治建设高度重视。", name="t.txt"))
    assert (ex.metadata.issuer, ex.metadata.region) == ("横县人民政府", "横县")
    assert {"横县人民政府", "中共横县委员会", "中共南宁市委员会", "南宁市人民政府"} <= {a.name for a in ex.agencies}
    assert ("中共南宁市委员会", "横县人民政府", "leads") in {(o.overseer, o.overseen, o.kind) for o in ex.oversight}


@pytest.mark.parametrize("text, issuer", [
    # the report names its city once, by its short form
    ("2025年,城中区坚持以习近平新时代中国特色社会主义思想为指导,为推动西宁在现代化新青海建设中作出贡献。区委区政府始终坚持党的领导。",
     "西宁市城中区人民政府"),
    # the page's 索引号 carries the district's code
    ("- 索 引 号:370402/2022-00029\n- 发布机构:人力资源和社会保障局\n2021年以来,区人社局在区委、区政府正确领导下推进法治建设。",
     "枣庄市市中区人力资源和社会保障局"),
    # nothing settles it: the district alone, not a city guessed (柳州's, the first of them)
    ("2025年,城中区坚持以习近平新时代中国特色社会主义思想为指导。", "城中区人民政府"),
])
def test_a_repeated_district_name_is_settled_by_the_report(text, issuer):
    from kg.build.pipeline import extract_document
    from kg.normalize import normalize_text

    assert extract_document(normalize_text(text, name="t.txt")).metadata.issuer == issuer
