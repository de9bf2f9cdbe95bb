"""What can honestly be said of a catalogued document on a given date: in force, amended since
(and which version was current then), not yet in force, no longer in force (with the end date
and successor when the catalogue gives them), or expired at a date the catalogue does not know.

Everything comes from ``data/laws_catalog.tsv`` (see its README): ``status`` (in_force /
expired), ``publish_date`` of the latest version and ``earlier_publish_dates`` of the others,
``effective_date`` of the latest version, ``first_adopted_date``. An expired title's end date is
never guessed: it is the first effective date of its successor, found by the general rewriting
rules of ``data/patterns/successor_rules.tsv``, and "unknown" otherwise.

>>> at = validity_at
>>> at("中华人民共和国环境噪声污染防治法", "2024-01-20", "2026-01-01").status
'no_longer_in_force'
>>> v = at("中华人民共和国环境噪声污染防治法", "2024-01-20", "2026-01-01")
>>> v.end_date, v.successor
('2022-06-05', '中华人民共和国噪声污染防治法')
>>> at("中华人民共和国环境噪声污染防治法", "2019-01-15", "2026-01-01").status
'in_force'
>>> v = at("中华人民共和国行政复议法", "2018-02-07", "2026-01-01")
>>> v.status, v.version, v.latest_version
('amended_since', '2017-09-01', '2023-09-01')
>>> at("重大行政决策程序暂行条例", "2019-06-01", "2026-01-01").status   # published 2019-04-20, effective 2019-09-01
'not_yet_in_force'
>>> at("信访条例", "2020-01-01", "2026-01-01").status                   # expired, no known successor
'expired_date_unknown'
>>> at("中华人民共和国环境噪声污染防治法", None, "2026-01-01").status    # no report date
'unknown'
>>> at("中华人民共和国环境噪声污染防治法", "2031-01-01", "2026-01-01").status  # after the build date
'unknown'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.core.catalog import _rows, lookup
from kg.core.resources import data_rows

# The statuses, in the order of how much a reader should worry.
STATUSES = ("no_longer_in_force", "expired_date_unknown", "amended_since", "not_yet_in_force", "in_force", "unknown")
# Statuses `kg stale` lists: the document had ended, or had a newer version, by now.
STALE = ("no_longer_in_force", "expired_date_unknown", "amended_since")
STATUS_TEXT = {
    "in_force": "in force",
    "amended_since": "in force then, amended since",
    "not_yet_in_force": "not yet in force",
    "no_longer_in_force": "no longer in force",
    "expired_date_unknown": "expired, date unknown",
    "unknown": "status unknown",
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Validity:
    """The status of one catalogued document on one date; dates are ``YYYY-MM-DD`` strings."""

    title: str  # the catalogue title
    status: str  # one of STATUSES
    on: str | None  # the date asked about (None: no usable date)
    version: str | None = None  # publish date of the version current on that date, when catalogued
    latest_version: str | None = None  # publish date of the latest version
    end_date: str | None = None  # date it stopped being in force, when known
    successor: str | None = None  # catalogue title of the document that replaced it, when known
    entry_into_force: str | None = None  # for not_yet_in_force: the date it took effect
    reason: str = ""  # for unknown: why

    @property
    def text(self) -> str:
        """One line for people: ``no longer in force since 2022-06-05 (replaced by …)``."""
        t = STATUS_TEXT[self.status]
        if self.status == "no_longer_in_force":
            t += f" since {self.end_date or 'an unknown date'}"
            if self.successor:
                t += f" (replaced by {self.successor})"
        elif self.status == "expired_date_unknown" and self.successor:
            t += f" (replaced by {self.successor})"
        elif self.status == "amended_since":
            then = f"version of {self.version}" if self.version else "a version before the catalogue's first"
            t += f": {then} current on {self.on}, latest version {self.latest_version}"
        elif self.status == "not_yet_in_force" and self.entry_into_force:
            t += f" on {self.on} (in force from {self.entry_into_force})"
        elif self.status == "unknown" and self.reason:
            t += f" ({self.reason})"
        return t


def _date(value: str | None) -> str | None:
    return value if value and _DATE.fullmatch(value) else None


@lru_cache(maxsize=1)
def _successor_rules() -> tuple[tuple[re.Pattern, str], ...]:
    rows = data_rows("patterns", "successor_rules.tsv")
    return tuple((re.compile(row[0]), row[1] if len(row) > 1 else "") for row in rows[1:])


@lru_cache(maxsize=1)
def _by_title() -> dict[str, dict[str, str]]:
    return {row["title"]: row for row in _rows()}


def versions(row: dict[str, str]) -> list[str]:
    """Publish dates of every catalogued version, oldest first."""
    dates = {d for d in row.get("earlier_publish_dates", "").split(";") if _date(d)}
    if _date(row.get("publish_date")):
        dates.add(row["publish_date"])
    return sorted(dates)


def first_in_force(row: dict[str, str]) -> str | None:
    """The date a document first took effect, when the catalogue says it: the effective date,
    when it is the only version's (one version, adopted when published)."""
    eff, first = _date(row.get("effective_date")), _date(row.get("first_adopted_date"))
    only = versions(row)
    if eff and len(only) == 1 and (not first or first == only[0]) and eff >= only[0]:
        return eff
    return None


def successor(row: dict[str, str]) -> tuple[dict[str, str], str | None] | None:
    """The in-force row that replaced an expired one, and its first effective date (the end
    date of the expired one) when known; None when no rule finds one."""
    if row.get("status") != "expired":
        return None
    latest = _date(row.get("publish_date")) or ""
    for pattern, replacement in _successor_rules():
        title = pattern.sub(replacement, row["title"])
        new = _by_title().get(title) if title != row["title"] else None
        if new and new.get("status") == "in_force" and (_date(new.get("first_adopted_date")) or "") >= latest:
            end = first_in_force(new)
            return new, end if end and end >= latest else None
    return None


def validity_at(title: str, on: str | None, today: str) -> Validity | None:
    """The status of the catalogued document ``title`` on the date ``on`` (a report's date),
    as known on ``today`` (the build date); None when the title is not in the catalogue."""
    row = lookup(title)
    if row is None:
        return None
    return row_validity(row, on, today)


def row_validity(row: dict[str, str], on: str | None, today: str) -> Validity:
    title = row["title"]
    on = _date(on)
    if on is None:
        return Validity(title, "unknown", None, reason="the report gives no date")
    if on > today:
        return Validity(title, "unknown", on, reason=f"report date {on} is after the build date {today}")
    dated = versions(row)
    latest = dated[-1] if dated else None
    eff = _date(row.get("effective_date"))
    first = _date(row.get("first_adopted_date"))
    # when each catalogued version began: its publish date, the effective date for the latest
    starts = [(eff if v == latest and eff and eff >= v else v, v) for v in dated]
    known_before = bool(first and dated and first < dated[0])  # an original the catalogue lacks
    replaced = successor(row)
    succ_title = replaced[0]["title"] if replaced else None
    end = replaced[1] if replaced else None
    if row.get("status") == "expired" and end and on >= end:
        return Validity(title, "no_longer_in_force", on, latest_version=latest, end_date=end, successor=succ_title)
    current = [v for start, v in starts if start <= on]
    if not current and not (known_before and first is not None and on >= first):
        began = starts[0][0] if starts else first
        return Validity(title, "not_yet_in_force", on, latest_version=latest, entry_into_force=began)
    version = current[-1] if current else None
    if version != latest:
        return Validity(
            title, "amended_since", on, version=version, latest_version=latest, end_date=end, successor=succ_title
        )
    if row.get("status") == "expired" and not end:  # ended at some date: before `on` or after?
        return Validity(title, "expired_date_unknown", on, version=version, latest_version=latest, successor=succ_title)
    return Validity(title, "in_force", on, version=version, latest_version=latest)
