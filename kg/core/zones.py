"""Development zones and new areas: named units run by a 管委会 under a city, below (or beside)
the places gazetteer. ``data/gazetteers/development_zones.tsv`` lists well-known ones with their
short forms; a zone named by the regular pattern (<city>高新区 → <city>高新技术产业开发区) is
composed from its city by ``development_zone_kinds.tsv``.

A zone's own report calls it by its kind word alone (高新区综治局, 区党工委); which zone that is
comes from the city the report names.

>>> find_zone("成都高新区").name
'成都高新技术产业开发区'
>>> find_zone("高新区", text="平安珠海建设考评,法治珠海建设考评").label
'珠海高新区'
>>> z = find_zone("绵竹高新区"); (z.name, z.label, z.city)
('绵竹高新技术产业开发区', '绵竹高新区', '绵竹市')
>>> find_zone("高新区") is None
True
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kg.core.lexicon import words_pattern
from kg.core.places import canonical_place, chain_of, kind_of, place, short_forms
from kg.core.resources import data_rows

CITY_KINDS = ("地级市", "县级市", "直辖市", "自治州", "盟", "地区")


@dataclass(frozen=True, slots=True)
class Zone:
    name: str   # full name (珠海高新技术产业开发区)
    label: str  # the common short form, used as a report's region (珠海高新区)
    city: str   # canonical name of the city it lies in
    kind: str   # the bare kind word (高新区, 经开区, 新区 …)


@lru_cache(maxsize=1)
def zone_kinds() -> dict[str, str]:
    """Bare kind word → the full form an official name ends in."""
    return dict(row[:2] for row in data_rows("gazetteers", "development_zone_kinds.tsv"))


@lru_cache(maxsize=1)
def _zones() -> tuple[Zone, ...]:
    return tuple(
        Zone(row[0], row[1].split("|")[0], row[2], row[3]) for row in data_rows("gazetteers", "development_zones.tsv")
    )


@lru_cache(maxsize=1)
def zone_forms() -> dict[str, Zone]:
    """Every full name and short form of a listed zone → the zone."""
    out: dict[str, Zone] = {}
    for row, z in zip(data_rows("gazetteers", "development_zones.tsv"), _zones(), strict=True):
        for form in (row[0], *row[1].split("|")):
            out.setdefault(form, z)
    return out


@lru_cache(maxsize=1)
def zone_pattern_kinds() -> tuple[str, ...]:
    """The kind words :func:`zone_forms_pattern` reads (高新区, 经开区 …; not 新区), longest first."""
    return tuple(sorted({*zone_kinds(), *zone_kinds().values()} - {"新区"}, key=len, reverse=True))


@lru_cache(maxsize=1)
def zone_forms_pattern() -> re.Pattern:
    """Listed forms, ``<city stem><kind>`` (绵竹高新区, 长沙经济技术开发区) and the bare kind words."""
    kind_alt = "|".join(map(re.escape, zone_pattern_kinds()))
    return re.compile(rf"{words_pattern(list(zone_forms()))}|[\u4e00-\u9fff]{{2,6}}?(?:{kind_alt})|(?:{kind_alt})")


def _city_of_stem(stem: str) -> str | None:
    """The city a zone's name opens with (绵竹, 珠海市), if it is one."""
    canon = canonical_place(stem)
    return canon if canon and kind_of(canon) in CITY_KINDS else None


def _composed(city: str, kind: str) -> Zone | None:
    full = zone_kinds().get(kind)
    p = place(city)
    if full is None or p is None or kind == "新区":
        return None
    stem = next(iter(short_forms(city, p.kind)), city)
    listed = [z for z in _zones() if z.city == city and z.kind == kind]
    return listed[0] if listed else Zone(stem + full, stem + kind, city, kind)


def _named_city(kind: str, text: str) -> str | None:
    """The city a report names most among those with a listed zone of ``kind`` (2-character
    stems count here: the candidates are few)."""
    votes: Counter = Counter()
    for z in _zones():
        if z.kind != kind:
            continue
        p = place(z.city)
        forms = (z.city, *short_forms(z.city, p.kind if p else ""))
        votes[z.city] = sum(text.count(f) for f in forms if len(f) >= 2)
    top = votes.most_common(2)
    if not top or top[0][1] == 0 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


def find_zone(form: str, city: str | None = None, text: str = "") -> Zone | None:
    """The zone a name stands for: a listed form, ``<city><kind>``, or a bare kind word read
    against ``city`` (the report's) or, failing that, the city ``text`` names most."""
    if form in zone_forms():
        return zone_forms()[form]
    for kind, full in sorted(zone_kinds().items(), key=lambda kv: -len(kv[1])):
        for word in (full, kind):
            if not form.endswith(word):
                continue
            stem = form[: -len(word)]
            if not stem:
                where = next((c for c in chain_of(city) if kind_of(c) in CITY_KINDS), None) if city else None
                where = where or _named_city(kind, text)
                return _composed(where, kind) if where else None
            if (stem_city := _city_of_stem(stem)) is not None:
                return _composed(stem_city, kind)
    return None
