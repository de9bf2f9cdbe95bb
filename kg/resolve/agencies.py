"""Agency mentions → one canonical :class:`~kg.core.model.Agency` per body.

The canonical name is ``<place><full body>``: the jurisdiction is resolved from the mention
(a place name or short form, or a level word read against the report's own region — ``市`` in
a 清远 report is 清远市, ``州`` in a 文山市 report is 文山壮族苗族自治州), the body is expanded
with the standard abbreviations (人社厅 → 人力资源和社会保障厅, 政府 → 人民政府), and Party
organs take the form 中共<place>委<organ>.

>>> canonical_name("市", "法制局", "清远市")
'清远市法制局'
>>> canonical_name("自治区", "人社厅", "阿尔山市")
'内蒙古自治区人力资源和社会保障厅'
>>> canonical_name("盟", "行署", "阿尔山市"), canonical_name("阿拉善盟", None, None)
('兴安盟行政公署', '阿拉善盟行政公署')
>>> canonical_name("市", "委组织部", "清远市"), canonical_name("广东省", "委", None)
('中共清远市委组织部', '中共广东省委员会')
>>> canonical_name("呼和浩特", "仲裁委", None)
'呼和浩特仲裁委员会'
"""
from __future__ import annotations

import re
from dataclasses import fields
from operator import attrgetter

from kg.core.doc import Document
from kg.core.gazetteers import (
    abbreviations,
    committee_abbreviations,
    department_names,
    national_agencies,
    party_organs,
    suffixes,
)
from kg.core.mentions import AgencyMention
from kg.core.model import Agency, Evidence, Metadata
from kg.core.places import (
    LEVEL_WORD_KINDS,
    TOWNSHIP,
    canonical_place,
    chain_of,
    kind_of,
    level_place,
    settle_near,
    short_forms,
    state_memo,
    unsettled_homonym,
    zone_name,
)
from kg.core.zones import find_zone, zone_forms, zone_kinds

GOVERNMENT_BODIES = ("政府", "人民政府")
GOVERNMENT_PARTY_GROUP = re.compile(r"^(?:人民)?政府党组((?:理论学习)?中心组)?$")


DEICTIC_OWN = ("本级", "同级")
DEICTIC_UP = ("上一级", "上级")


def resolve_place(prefix: str | None, region: str | None) -> str | None:
    """The canonical place a name's jurisdiction part stands for."""
    if not prefix:
        return None
    if prefix in DEICTIC_OWN:
        return region
    if prefix in DEICTIC_UP:
        return next(iter(chain_of(region)[1:]), None) if region else None
    if zone_name(prefix) is not None:  # the development zone the report is about
        return prefix
    if prefix in LEVEL_WORD_KINDS:
        # a report whose own place is never named (在县委、县政府的领导下,我县…), or a town's whose
        # county is never named: the level word itself, its bodies kept (named as written) not dropped
        if region and (placed := level_place(prefix, region)) is not None:
            return placed
        return prefix if levels_unplaced(region) else None
    place = canonical_place(prefix, near=region)
    if place is not None:
        settle_near(place, region)  # 铁西区 in a report about 四平市 is 四平市's
    return place


def levels_unplaced(region: str | None) -> bool:
    """The report places no level above it: its place is never named, or is a town whose
    county is never named (宁安镇…在县委、县政府的坚强领导下)."""
    return not region or (TOWNSHIP.fullmatch(region) is not None and len(chain_of(region)) <= 1)


def place_label(place: str) -> str:
    """How a jurisdiction is written in front of a body's name: a city district keeps its
    city (district names repeat across the country: 朝阳区, 城关区), other divisions stand alone.

    >>> place_label("秀洲区"), place_label("宣汉县"), place_label("四川省")
    ('嘉兴市秀洲区', '宣汉县', '四川省')
    """
    if (zone := zone_name(place)) is not None:  # the development zone a report is about
        return zone
    chain = chain_of(place)
    if len(chain) > 1 and kind_of(place) == "市辖区" and not unsettled_homonym(place):
        return chain[1] + place  # (a 城中区 nothing in the report places is not given a city)
    return place


def expand_body(body: str) -> str:
    """Standard full form of a body name (``人社厅`` → ``人力资源和社会保障厅``).

    >>> expand_body("政府法制办"), expand_body("政府行政复议办公室"), expand_body("人民政府")
    ('人民政府法制办公室', '人民政府行政复议办公室', '人民政府')
    """
    table = abbreviations()
    if body.startswith("人民政府") and len(body) > 4:
        rest = expand_body(body[4:])
        return rest if rest.startswith("人民政府") else "人民政府" + rest
    if body in table:
        return table[body]
    head = _abbreviated_head(body)
    if head in ("人大", "人大常委会") and (committee := committee_abbreviations().get(body[len(head):])):
        return table[head] + committee  # 人大内司委: the congress's 内务司法委员会
    if head:  # 人大常委会执法检查组, 人社局政策法规科: the head expands, the rest follows
        return table[head] + expand_body(body[len(head):])
    for k in range(1, len(body)):  # longest abbreviated tail: 市场监管局, 食药监局 …
        tail = body[k:]
        if (tail in table and len(tail) >= 2 and tail not in GOVERNMENT_BODIES and tail not in ("人大", "法院")
                and not body.endswith(table[tail])):  # 人民检察院 is full already
            return expand_body(body[:k]) + table[tail] if body[:k] in GOVERNMENT_BODIES else body[:k] + table[tail]
    if body.startswith("政府") and not body.startswith("人民政府"):
        return "人民" + body
    return body


def _abbreviated_head(body: str) -> str | None:
    """The longest abbreviation opening ``body`` and followed by more of the name.

    >>> _abbreviated_head("人大常委会监察法司工委"), _abbreviated_head("人社局")
    ('人大常委会', None)
    """
    table = abbreviations()
    for k in range(len(body) - 1, 1, -1):
        head, rest = body[:k], body[k:]
        if head not in table or head in GOVERNMENT_BODIES or head == "常委会":
            continue
        # not when the head's last characters run on into a longer ending (政法委|员会, 法制办|公室)
        if any((head[-j:] + rest).startswith(s) for s in suffixes() for j in (1, 2) if len(s) > j):
            continue
        return head
    return None


SESSION = re.compile(r"^第?[一二三四五六七八九十百]+届")


def strip_session(body: str | None) -> str | None:
    """A body's session number is not part of its name (``十六届人大常委会`` → ``人大常委会``).

    >>> strip_session("第十六届人民代表大会常务委员会"), strip_session("人大")
    ('人民代表大会常务委员会', '人大')
    """
    if body and (m := SESSION.match(body)) and len(body) > m.end():
        return body[m.end():]
    return body


def _party_name(place: str, body: str) -> str | None:
    """中共<place>委… for a Party committee or organ, else None."""
    if len(body) >= 2 and body[1] == "委" and body[0] == place[-1] and body[0] in "省市县区州旗盟":
        body = body[1:]  # 中共浚县县委: the place 浚县 and its 县委
    rest = body[2:] if body.startswith("党委") else body[1:] if body.startswith("委") else None
    if rest is None:
        return None
    if rest in ("", "员会"):
        return f"中共{place}委员会"
    if rest.startswith("员会"):  # 中共噶尔县委员会全面依法治县委员会: an organ after the full name
        rest = rest[2:]
    if rest.startswith("常委会"):
        return f"中共{place}委员会常务委员会"
    if rest == "办":  # 市委办: the committee's general office
        return f"中共{place}委办公室"
    if rest == "中心组":  # 区委中心组: the committee's study group
        return f"中共{place}委员会理论学习中心组"
    if rest.startswith(party_organs()):
        organ = expand_body(rest) if rest in abbreviations() else rest
        if organ.startswith(COMMITTEE_FORM_ORGANS) and (not organ.endswith("办公室") or place.endswith("自治区")):
            # 中共横县委员会全面依法治县委员会, …理论学习中心组; an autonomous region's committee is
            # never shortened to 自治区委 (its short form is 自治区党委)
            return f"中共{place}委员会{organ}"
        return f"中共{place}委{organ}"
    return None


# Organs written after the committee's full name (中共云南省委员会全面依法治省委员会), not its
# short one (中共清远市委组织部): the rule-of-law committees, the study group, the Party school.
COMMITTEE_FORM_ORGANS = ("全面依法治", "理论学习中心组", "党校")


def canonical_name(prefix: str | None, body: str | None, region: str | None, party: bool = False) -> str | None:
    """Canonical name of a body from its jurisdiction part and body part (None if unresolvable)."""
    if prefix is None:
        return national_agencies().get(body or "") if body else None
    body = strip_session(body)
    where = resolve_place(prefix, region)
    if where is None:
        return None
    kind, place = kind_of(where), place_label(where)
    if zone_name(where) is not None and body in (None, *GOVERNMENT_BODIES, "管委会", "管理委员会"):
        return place + "管理委员会"  # a development zone is run by its committee
    if body is None or body in GOVERNMENT_BODIES or body in ("行署", "行政公署"):
        return place + ("行政公署" if kind in ("盟", "地区") else "人民政府")
    if body.startswith("仲裁委"):
        stem = next(iter(short_forms(place, kind or "")), place)
        return stem + "仲裁委员会"
    if (group := GOVERNMENT_PARTY_GROUP.match(body)) is not None:  # 县政府党组中心组
        return f"中共{place}人民政府党组" + ("理论学习中心组" if group.group(1) else "")
    if body == "政协":
        return f"中国人民政治协商会议{place}委员会"
    if body.startswith("政协") and len(body) > 3:  # 市政协提案委: a committee of the city's CPPCC committee
        own = body[2:]
        rest = "常务委员会" if own == "常委会" else committee_abbreviations().get(own) or expand_body(own)
        return f"中国人民政治协商会议{place}委员会{rest}"
    if body == "党工委":  # a development zone's (or 街道's) Party working committee
        return f"中共{place}工作委员会"
    if body == "常委会":
        return f"中共{place}委员会常务委员会"
    if TOWNSHIP.fullmatch(body) is None and body.endswith("委员会") and TOWNSHIP.fullmatch(body[:-3]):
        return f"中共{place_label(where) if kind_of(where) != '市辖区' else chain_of(where)[1] + where}{body}"
    party_name = _party_name(place, body)
    if party_name:
        return party_name
    if body.startswith("场") and place.endswith("市"):  # 阿尔山市场监督管理局 = 阿尔山市 + 市场…
        body = "市" + body
    if body == "法治办" and place[-1] in "省市县区州旗盟":  # 县法治办: the county's 依法治县办
        body = f"依法治{place[-1]}办"
    if body[0] in "县区旗" and place.endswith(body[0]) and expand_body(body[1:]) in department_names():
        body = body[1:]  # 元谋县县卫生健康局: the level word written again
    full = expand_body(body)
    if kind in ("省", "自治区") and full.endswith("局") and (hall := full[:-1] + "厅") in department_names():
        full = hall  # 省教育局 (省、市教育局): a province's department is a 厅
    if full.startswith("全面依法治") and (organ := _party_name(place, "委" + full)):
        return organ  # 市依法治市办: the committee is the Party committee's, 委 written or not
    if kind in ("盟", "地区"):  # their government is a 行政公署: 盟法制办 → 兴安盟行政公署法制办公室
        full = full.replace("人民政府", "行政公署")
    if full == "人民法院" and (court := COURT_OF_LEVEL.get(kind or "")):
        return place + court  # 市法院 of a prefecture's city: its 中级人民法院; 省法院: the 高级人民法院
    if PARTY_GROUP_ENDING.search(full):  # a department's Party group is the Party's, as 厅党组 in its own report
        return "中共" + place + full
    if committee := BUREAU_PARTY_COMMITTEE.match(full):  # 市公安局党委: as 局党委 in the bureau's own report
        return f"中共{place}{committee.group(1)}委员会{committee.group(2) or ''}"
    return place + full


PARTY_GROUP_ENDING = re.compile(r"党组(?:理论学习中心组)?$")
# the court of a prefecture's or a province's level (a county's, a county-level city's is its 人民法院)
COURT_OF_LEVEL = {"地级市": "中级人民法院", "自治州": "中级人民法院", "盟": "中级人民法院", "地区": "中级人民法院",
                  "省": "高级人民法院", "自治区": "高级人民法院"}
# a bureau's (or hall's) Party committee, and its study group: 中共重庆市公安局委员会(理论学习中心组)
BUREAU_PARTY_COMMITTEE = re.compile(r"^(.+[局厅])党委((?:理论学习)?中心组)?$")


def also_accept(name: str, prefix: str | None, body: str | None, region: str | None) -> list[str]:
    """Other spellings a careful system may produce: the place with the body as written,
    政府 for 人民政府, 中共X委 for 中共X委员会."""
    place = resolve_place(prefix, region)
    out = set()
    if place and body:
        out.add(place_label(place) + body)
        out.add(place + body)
    if place and place_label(place) != place:  # the district alone: 秀洲区人民政府
        out.add(name.replace(place_label(place), place, 1))
    for n in list(out | {name}):
        if "人民政府" in n:
            out.add(n.replace("人民政府", "政府", 1))
    for n in list(out | {name}):
        if n.startswith("中共") and n.endswith("委员会"):
            out.add(n[2:-2])
    out.discard(name)
    return sorted(out)


def zone_full_name(form: str, region: str | None, text: str = "") -> str:
    """The name a development zone's bodies are written under: the zone the report is about
    when ``form`` is its bare kind word (高新区 in a 珠海高新区 report), a listed zone's full name,
    a bare kind word read against the city the report names, else the zone as written.

    >>> zone_full_name("成都高新区", None), zone_full_name("绵竹高新区", None), zone_full_name("德阿产业园", None)
    ('成都高新技术产业开发区', '绵竹高新区', '德阿产业园')
    >>> zone_full_name("重庆两江新区", None)
    '重庆市两江新区'
    """
    own = zone_name(region) if region else None
    if own and (form in zone_kinds() or form == region):
        return own
    for k in (2, 3, 4):  # 重庆两江新区: a new area the places gazetteer holds as a district
        district = canonical_place(form[k:]) if len(form) - k >= 3 else None
        if district and kind_of(district) == "市辖区" and canonical_place(form[:k]) in chain_of(district):
            return place_label(district)
    if form in zone_forms():
        return zone_forms()[form].name
    if form in zone_kinds() and (z := find_zone(form, region, text)) is not None:
        return z.name
    return form


def zone_body_name(form: str, body: str | None, region: str | None, text: str = "") -> str:
    """A development zone's body: 管委会 → <zone>管理委员会, 党工委 → 中共<zone>工作委员会.

    >>> zone_body_name("郑州航空港区", "管委会", None), zone_body_name("成都高新区", "党工委", None)
    ('郑州航空港经济综合实验区管理委员会', '中共成都高新技术产业开发区工作委员会')
    """
    zone = zone_full_name(form, region, text)
    if body in (None, "管委会", "管理委员会"):
        return zone + "管理委员会"
    if body in ("党工委", "工委"):
        return f"中共{zone}工作委员会"
    return zone + expand_body(body)


# What a mention's name depends on: all but where it stands (a report names the same body many
# times; each spelling is resolved once)
_named_by = attrgetter(*(f.name for f in fields(AgencyMention) if f.name not in ("start", "end")))


def mention_name(m: AgencyMention, metadata: Metadata, doc_text: str = "") -> str | None:
    """Canonical name of one mention in a report with ``metadata`` (None if unresolvable)."""
    # It reads the mention, the issuer and region, the text and the places state: kept in a
    # memo the state empties, since resolution and oversight ask for every mention.
    memo = state_memo()
    key = ("mention_name", _named_by(m), metadata.issuer, metadata.region, doc_text)
    if key in memo:
        return memo[key]
    if len(memo) > 100_000:  # many reports' worth of names with no state change between them
        memo.clear()
    name = memo[key] = _mention_name(m, metadata, doc_text)
    return name


def _mention_name(m: AgencyMention, metadata: Metadata, doc_text: str) -> str | None:
    prefix, body = m.prefix, m.body
    if m.shape == "written":
        return m.text
    if m.shape == "counterpart":
        return _counterpart_name(m, metadata)
    if m.shape == "own" and not m.party:  # 局政策法规科, 我局法治建设工作领导小组, 法治政府建设领导小组
        return _own_unit_name(m, metadata)
    if m.shape == "own":  # 厅党组 in a 司法厅 report → 中共四川省司法厅党组
        issuer = metadata.issuer or ""
        own = m.own
        if own is None:  # 党组, 党组中心组 alone: only in a department's own report
            region = metadata.region or ""
            if body and body.endswith("中心组") and region.endswith(("镇", "乡", "街道")):
                # (a township's study group: its Party committee's, 党工委 of a 街道)
                return township_name(region, ("党工委" if region.endswith("街道") else "党委") + "理论学习中心组")
            if not _is_department(issuer):
                return None
        if own == "委" and issuer.endswith("委员会"):
            own = "会"
        if body and body.startswith("党委") and not issuer.endswith("委员会"):
            body = "委员会" + body[2:]  # a bureau's Party committee: 中共习水县公安局委员会(理论学习中心组)
        return f"中共{issuer}{body}" if issuer.endswith(own or issuer[-1:] or "-") else None
    if m.shape == "bare":
        prefix = bare_jurisdiction(body or "", metadata.region)
    if m.shape == "township" and m.township is None:  # 镇党委 in the township's own report
        region = metadata.region or ""
        return township_name(region, body) if region.endswith(prefix or "-") else None
    if m.shape == "township":  # 永嘉镇 → 永嘉镇人民政府, 宜阳街道办 → 宜阳街道办事处
        return township_name(m.township or "", body)
    if m.shape == "anchored" and body and (town := TOWNSHIP.fullmatch(body)) is not None:
        return township_name(town.group(1) + town.group(2), town.group(3))  # 宜君县宜阳街道办
    if m.shape == "national" and m.central:  # 司法部法治督察局: a ministry's internal unit; 司法部党组
        ministry = national_agencies().get(m.central)
        return ("中共" if m.party else "") + ministry + (body or "") if ministry else None
    if m.shape == "vertical":  # 国家税务总局郑州市税务局
        local = canonical_name(prefix, body, metadata.region, False)
        return (m.central or "") + local if local else None
    if m.shape == "zone":  # 绵竹高新区管委会 → 绵竹高新区管理委员会, 高新区综治局 → 珠海高新技术产业开发区综合治理局
        return zone_body_name(m.zone or "", body, metadata.region, doc_text)
    if prefix in LEVEL_WORD_KINDS and levels_unplaced(metadata.region):
        # a body of a level the report never places (县委, 区政府 in a town's report naming no
        # county): named as written, not as a made-up 中共县委员会 that no reader writes
        if not canonical_name(prefix, body, metadata.region, m.party):
            return None
        # (without its session number: 区五届人大常委会 is the 区人大常委会)
        if m.text.startswith(prefix) and len(m.text) > len(prefix):
            return prefix + (strip_session(m.text[len(prefix):]) or "")
        # (常委会 of 区人大及其常委会: the 区人大常委会; 省 of 省、市、县政府: the 省政府)
        return prefix + body if body else m.text
    return canonical_name(prefix, body, metadata.region, m.party)


def _counterpart_name(m: AgencyMention, metadata: Metadata) -> str | None:
    """省局 in a report of 杭州市上城区市场监督管理局: 浙江省市场监督管理局; 市局 in a city
    bureau's own report: the issuer. None unless the issuer is a bureau of the report's region."""
    issuer, region = metadata.issuer or "", metadata.region
    if not region or not issuer.endswith("局") or not m.prefix:
        return None
    label = place_label(region)
    if not issuer.startswith(label) or len(issuer) - len(label) < 3:
        return None
    place = level_place(m.prefix, region)
    if place is None:
        return None
    return issuer if place == region else canonical_name(m.prefix, issuer[len(label):], region)


def _own_unit_name(m: AgencyMention, metadata: Metadata) -> str | None:
    """A section or leading group of the report's own body: the issuer's when the self word is
    a department's (局, 厅, 委) or none is written in a department's report; else the group of
    the report's jurisdiction (我镇, 我市, or none in a government's or township's report)."""
    issuer, region, own = metadata.issuer or "", metadata.region, m.own or ""
    department = _is_department(issuer)
    if own in ("局", "厅", "委", "办", "部") or (not own and department):
        if not department:
            return None
        ending = "会" if own == "委" and issuer.endswith("委员会") else own
        return issuer + (m.body or "") if issuer.endswith(ending) else None
    if not region:
        return None
    place = region if zone_name(region) is None and canonical_place(region) is None else place_label(region)
    if own and not (region.endswith(own) or level_place(own, region) == region):
        return None  # 我县 in a city's report: not the report's own
    return place + (m.body or "")


def issuer_name(m: AgencyMention, region: str | None) -> str | None:
    """The canonical name of the issuer read at ``m`` (as written when it does not resolve;
    none for a pronoun, 我县 with no place to stand for, which is no name)."""
    if m.shape == "township" and m.township:  # 桃江县灰山港镇人民政府: with the places printed before it
        town = township_name(m.township, m.body)
        return m.text if m.prefix and m.text.endswith(town) and len(m.text) > len(town) else town
    if m.shape == "zone":
        return zone_body_name(m.zone or "", m.body, region)
    if m.shape == "bare":  # 我局 read as the department of its field: the region's (no place: a pronoun)
        name = canonical_name(bare_jurisdiction(m.body or "", region), m.body, region)
        return name or (None if m.text.startswith("我") else m.text)
    if region is None and m.prefix in LEVEL_WORD_KINDS:
        return None  # 我县, 县政府 in a report never naming its place: a pronoun, no name of the issuer
    name = canonical_name(m.prefix, m.body, region, m.party)
    if name is None and m.shape in ("own_place", "deictic"):
        return None
    return name or m.text


def resolve_agencies(doc: Document, mentions: list[AgencyMention], metadata: Metadata) -> list[Agency]:
    """One Agency per canonical name, in order of first mention; unresolvable bare forms
    (``人民法院``) join an agency only when the report names that body in full elsewhere."""
    region = metadata.region
    by_name: dict[str, Agency] = {}
    pending: list[AgencyMention] = []
    accepted: set[tuple[str, str | None, str | None]] = set()  # (name, prefix, body) spellings added
    for m in mentions:
        prefix, body = m.prefix, m.body
        if m.shape == "bare":
            prefix = bare_jurisdiction(body or "", region)
        name = mention_name(m, metadata, doc.text)
        if name is None and m.shape == "own":
            continue
        if name is None:
            pending.append(m)
            continue
        agency = by_name.get(name)
        if agency is None:
            agency = by_name[name] = Agency(name=name, jurisdiction=resolve_place(prefix, region),
                                            category=_category(name, body))
        if m.shape not in ("deictic", "official") and m.text not in LEVEL_WORD_KINDS:  # (省 of 省、市政府: no name)
            agency.aliases.append(m.text)
        if m.shape == "own":
            agency.also_accept.append(name[2:])
        elif (name, prefix, body) not in accepted:  # the same spellings again add nothing to the set
            accepted.add((name, prefix, body))
            agency.also_accept.extend(also_accept(name, prefix, body, region))
        agency.evidence.append(Evidence.of(doc, m.start, m.end))
    _merge_township_level(by_name, [mention_name(m, metadata, doc.text) for m in mentions
                                    if m.shape == "township" and m.township is None])
    for m in pending:  # bare forms of bodies named in full elsewhere
        expanded = expand_body(m.text)
        full = [a for a in by_name.values() if a.name.endswith(expanded)]
        if len(full) == 1:
            full[0].aliases.append(m.text)
            full[0].evidence.append(Evidence.of(doc, m.start, m.end))
    _add_issuer(by_name, metadata)
    for a in by_name.values():
        a.aliases = sorted(set(a.aliases))
        a.also_accept = sorted(set(a.also_accept) - {a.name})
    return list(by_name.values())


def _merge_township_level(by_name: dict[str, Agency], level_names: list[str | None]) -> None:
    """镇党委 (中共永嘉镇委员会) in a report that also names 中共重庆市铜梁区永嘉镇委员会: one body."""
    for name in {n for n in level_names if n}:
        short = name.removeprefix("中共")
        full = [a for n, a in by_name.items() if n != name and n.removeprefix("中共").endswith(short)]
        if name in by_name and len(full) == 1:
            gone = by_name.pop(name)
            full[0].aliases.extend(gone.aliases)
            full[0].evidence.extend(gone.evidence)
            full[0].also_accept.append(name)


def township_name(township: str, body: str | None) -> str:
    """Canonical name of a township's body (townships are below the places gazetteer).

    >>> township_name("宜阳街道", "办"), township_name("永嘉镇", None), township_name("永嘉镇", "党委")
    ('宜阳街道办事处', '永嘉镇人民政府', '中共永嘉镇委员会')
    """
    if body and body.startswith("党委"):  # (and its 理论学习中心组)
        return f"中共{township}委员会" + body[2:]
    if body and body.startswith("党工委"):
        return f"中共{township}工作委员会" + body[3:]
    if body and body.startswith("人大"):  # 镇人大主席团
        return township + "人民代表大会" + body[2:]
    if township.endswith("街道") and body in (None, "办", "办事处", "政府", "人民政府"):
        return township + "办事处"
    if body in (None, "政府", "人民政府"):
        return township + "人民政府"
    return township + body


def _is_department(name: str) -> bool:
    """A government department or office (局, 厅, 委员会 …), not a government, Party
    committee, congress or court."""
    if not name or name.startswith("中共") or name.endswith(("人民政府", "行政公署", "委员会常务委员会")):
        return False
    return name.endswith(("局", "厅", "委员会", "委", "部")) and "人民代表大会" not in name \
        and "政治协商会议" not in name


TOWNSHIP_BODY_NAME = re.compile(r"(?:镇|乡|街道|苏木)(?:人民政府|办事处|委员会|工作委员会)$")


def _add_issuer(by_name: dict[str, Agency], metadata: Metadata) -> None:
    """The report's issuer is one of its bodies even when the text names it only as 我市 or
    by its place (``2023年,鄂尔多斯市深入贯彻…``)."""
    issuer = metadata.issuer
    if not issuer or issuer in by_name or not metadata.region or issuer.startswith(("我", "本")):
        return
    if TOWNSHIP_BODY_NAME.search(issuer) and (
        named := next((a for n, a in by_name.items() if issuer.endswith(n) and TOWNSHIP_BODY_NAME.search(n)), None)
    ):
        named.aliases.append(issuer)  # 眉山市彭山区公义镇人民政府, the 公义镇人民政府 of the report's text
        return
    accept = [issuer.replace("人民政府", "政府", 1)] if "人民政府" in issuer else []
    body = issuer[len(metadata.region):] if issuer.startswith(metadata.region) else None
    by_name[issuer] = Agency(name=issuer, jurisdiction=metadata.region, category=_category(issuer, body),
                             also_accept=accept)


def bare_jurisdiction(body: str, region: str | None) -> str | None:
    """A bare department belongs to the report's region; a 厅 to its province."""
    if not region:
        return None
    if body.endswith("厅"):
        return next((p for p in reversed(chain_of(region))), None)
    return region



def _category(name: str, body: str | None) -> str:
    """What kind of body ``name`` is: every organ of the Party (中共…委员会, 中共…委组织部) is
    ``party``, whatever its last word; others by the suffix of the body as written."""
    if name.startswith(("中共", "中国共产党")):
        return "party"
    if body is None:
        return "government"
    table = suffixes()
    for k in range(len(body), -1, -1):  # the longest suffix ending the body: one look-up per length
        if (tail := body[len(body) - k :]) in table:
            return table[tail]
    return "other"
