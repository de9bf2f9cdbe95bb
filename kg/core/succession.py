"""Agencies across reforms: which body an agency became, by the general rules of
``data/gazetteers/agency_succession.tsv`` (one row per kind of body, e.g. every 法制办/法制局
became the 司法局 — 司法厅 in a province — of the same jurisdiction in the 2018–2019 reform).

>>> s = successor("清远市法制局")
>>> s.new, s.jurisdiction, s.start, s.end
('清远市司法局', '清远市', '2018-03-21', '2019-03-31')
>>> successor("广东省人民政府法制办公室").new
'广东省司法厅'
>>> successor("北京市环保局").new          # a municipality keeps 局
'北京市生态环境局'
>>> successor("市法制办") is None           # no jurisdiction: nothing can be said
True
>>> successor("市法制办", jurisdiction="阳山县").new
'阳山县司法局'
>>> successor("清远市司法局") is None
True
>>> [s.new for s in chain("清远市卫计委")]
['清远市卫生健康委员会']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.core import places
from kg.core.resources import data_rows

_PROVINCE_OWN_NAMES = ("省", "自治区")  # kinds whose departments are 厅; 直辖市 keep 局
_GOVERNMENT = ("人民政府", "政府")


@dataclass(frozen=True, slots=True)
class Rule:
    id: int  # row number in the table
    endings: tuple[str, ...]
    new: str
    new_province: str
    start: str
    end: str
    reform: str


@dataclass(frozen=True, slots=True)
class Succession:
    old: str  # the agency's name
    new: str  # the successor's name
    jurisdiction: str  # canonical place name both belong to
    rule: Rule

    @property
    def start(self) -> str:
        return self.rule.start

    @property
    def end(self) -> str:
        return self.rule.end


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    rows = data_rows("gazetteers", "agency_succession.tsv")
    out = []
    for k, row in enumerate(rows[1:], start=1):
        old, new, new_province, start, end, reform = (row + [""] * 6)[:6]
        endings = tuple(sorted(old.split("|"), key=len, reverse=True))
        out.append(Rule(k, endings, new, new_province or new, start, end, reform))
    return tuple(out)


def _jurisdiction_of(prefix: str) -> str | None:
    for word in _GOVERNMENT:
        if prefix.endswith(word):
            prefix = prefix[: -len(word)]
            break
    return places.canonical_place(prefix) if prefix else None


def successor(name: str, jurisdiction: str | None = None) -> Succession | None:
    """The body ``name`` became by a rule, or None. The jurisdiction is the place the name
    starts with (清远市法制局 → 清远市), else ``jurisdiction`` (the agency's, from the graph)."""
    name = "".join(name.split())
    for rule in rules():
        for ending in rule.endings:
            if not name.endswith(ending) or len(name) == len(ending) and not jurisdiction:
                continue
            place = _jurisdiction_of(name[: -len(ending)]) or (
                places.canonical_place(jurisdiction) if jurisdiction else None
            )
            if not place:
                return None
            new = rule.new_province if places.kind_of(place) in _PROVINCE_OWN_NAMES else rule.new
            return Succession(name, place + new, place, rule)
    return None


def chain(name: str, jurisdiction: str | None = None, limit: int = 5) -> list[Succession]:
    """Every step from ``name`` forward (a successor may itself have been reformed later)."""
    steps: list[Succession] = []
    seen = {name}
    while len(steps) < limit:
        step = successor(name, jurisdiction)
        if step is None or step.new in seen:
            break
        steps.append(step)
        seen.add(step.new)
        name, jurisdiction = step.new, step.jurisdiction
    return steps
