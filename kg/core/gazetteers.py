"""The agency gazetteers of ``data/gazetteers``, loaded once per process: the words that
open, close and break a body's name, standard abbreviations, central bodies, departments.
The finder reads them to find names, the resolver to write canonical ones.

>>> abbreviations()["人社厅"]
'人力资源和社会保障厅'
>>> suffixes()["法制局"] if "法制局" in suffixes() else suffixes()["局"]
'department'
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.core.resources import data_rows


def lines(name: str) -> list[str]:
    return [row[0] for row in data_rows("gazetteers", name)]


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    return dict(row[:2] for row in data_rows("gazetteers", "agency_abbreviations.tsv"))


@lru_cache(maxsize=1)
def committee_abbreviations() -> dict[str, str]:
    """Congress and CPPCC committees' short forms (内司委, 提案委), read after 人大 or 政协 only."""
    return dict(row[:2] for row in data_rows("gazetteers", "committee_abbreviations.tsv"))


@lru_cache(maxsize=1)
def suffixes() -> dict[str, str]:
    table = dict(row[:2] for row in data_rows("gazetteers", "agency_suffixes.tsv"))
    # an abbreviation closes a name as its full form does (市编委会, 市深改组)
    for short, full in abbreviations().items():
        if short not in table:
            table[short] = next((c for s, c in sorted(table.items(), key=lambda kv: -len(kv[0]))
                                 if full.endswith(s)), "other")
    return table


@lru_cache(maxsize=1)
def suffixes_longest_first() -> tuple[str, ...]:
    """The keys of :func:`suffixes`, longest first (ties in table order): sorted once, not per name."""
    return tuple(sorted(suffixes(), key=len, reverse=True))


@lru_cache(maxsize=1)
def generic_names() -> frozenset[str]:
    return frozenset(lines("agency_generic.txt"))


@lru_cache(maxsize=1)
def left_blockers() -> tuple[str, ...]:
    return tuple(sorted(lines("agency_left_blockers.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _name_levels() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row[0], re.compile(row[1])) for row in data_rows("gazetteers", "agency_levels.tsv"))


def level_by_name(name: str) -> str | None:
    """The administrative level the shape of an agency's name shows (``agency_levels.tsv``),
    for an agency whose jurisdiction is not known: central bodies are named without a place.

    >>> level_by_name("司法部"), level_by_name("全国人民代表大会常务委员会"), level_by_name("团风镇人民政府")
    ('national', 'national', 'township')
    >>> level_by_name("宣传部") is None, level_by_name("产业集聚区管理委员会") is None
    (True, True)
    """
    return next((level for level, pattern in _name_levels() if pattern.search(name)), None)


@lru_cache(maxsize=1)
def national_agencies() -> dict[str, str]:
    return dict(row[:2] for row in data_rows("gazetteers", "national_agencies.tsv"))


@lru_cache(maxsize=1)
def department_names() -> frozenset[str]:
    names = set(lines("department_names.txt"))
    names.update(k for k in abbreviations() if k[-1] in "厅局委办" and len(k) >= 2 and k not in ("政府办",))
    # and the full names they stand for (卫健局 → 卫生健康局), as reports write both; not those
    # that carry the government's name (人民政府法制办公室) or another body's (…常务委员会)
    names.update(v for v in abbreviations().values()
                 if re.search(r"(?:厅|局|委员会|办公室)$", v) and not v.startswith(("人民", "委员会")))
    return frozenset(names)


@lru_cache(maxsize=1)
def false_endings() -> tuple[str, ...]:
    return tuple(lines("agency_false_endings.txt"))


@lru_cache(maxsize=1)
def breaker_words() -> tuple[str, ...]:
    return tuple(lines("agency_name_breakers.txt"))


@lru_cache(maxsize=1)
def party_organs() -> tuple[str, ...]:
    """Party organs written after 委 (组织部, 宣传部, 政法委 …), longest first."""
    return tuple(sorted(lines("party_organs.txt"), key=len, reverse=True))
