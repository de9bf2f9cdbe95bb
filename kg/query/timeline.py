"""Questions over time, read from the time graph and the report graphs: stale citations,
agencies across reforms, and one jurisdiction year by year.

>>> c = Comparison.from_rows("阳山县", [
...     {"report": "r1", "file": "a.txt", "year": "2018", "dutyId": "d", "dutyLabel": "D", "status": "gap"},
...     {"report": "r2", "file": "b.txt", "year": "2019", "dutyId": "d", "dutyLabel": "D", "status": "done"}], [])
>>> c.cell("2018", "d"), c.cell("2019", "d")
('gap', 'done')
>>> [(ch.before, ch.after, ch.kind) for ch in c.duty_changes()]
[('gap', 'done', 'gap → done')]
"""

from __future__ import annotations

import csv
import html
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.model import DUTY_STATUSES
from kg.core.validity import STALE
from kg.query.saved import run_saved
from kg.store import KGStore
from kg.store.files import EXCEL_BOM, atomic_write_text

NOT_MENTIONED = "—"


# ---- citations at the report's date ----------------------------------------------------------
def stale_citations(store: KGStore, *, places: set[str] | None = None, year: int | None = None) -> list[dict[str, Any]]:
    """Rows of ``stale-citations.rq`` (one per citing sentence), optionally only reports about
    one of ``places`` (place IRIs) or covering ``year`` (the year covered, else the date's year)."""
    rows = run_saved(store, "stale-citations")
    if places is not None:
        rows = [r for r in rows if r["place"] in places]
    if year is not None:
        rows = [r for r in rows if report_year(r) == str(year)]
    return rows


def report_year(row: dict[str, Any]) -> str:
    """The year of a report row: ``year`` (covered), else the year of ``date``."""
    if row.get("year"):
        return str(row["year"])[:4]
    return str(row["date"])[:4] if row.get("date") else ""


def places_within(store: KGStore, region: str) -> set[str]:
    """The place IRIs of ``region`` and every place within it (places graph)."""
    rows = run_saved(store, "places-within", region=ox.NamedNode(region))
    return {r["place"] for r in rows} | {region}


def is_stale(validity: str | None) -> bool:
    return validity in STALE


# ---- agencies across reforms ------------------------------------------------------------------
@dataclass
class Lineage:
    """The bodies linked by reform events, as one: ``body`` is the last successor."""

    body: str  # IRI
    body_name: str
    members: dict[str, str] = field(default_factory=dict)  # IRI → name, oldest first
    events: list[dict[str, Any]] = field(default_factory=list)  # agency-lineage.rq rows


def lineages(store: KGStore) -> dict[str, Lineage]:
    """Every agency that a reform event touches → its :class:`Lineage` (shared by its members)."""
    rows = run_saved(store, "agency-lineage")
    successor: dict[str, str] = {}
    names: dict[str, str] = {}
    for r in rows:
        successor[r["original"]] = r["resulting"]
        names[r["original"]] = r["originalName"] or r["original"]
        names[r["resulting"]] = r["resultingName"] or r["resulting"]

    def last(iri: str) -> str:
        seen = {iri}
        while iri in successor and successor[iri] not in seen:
            iri = successor[iri]
            seen.add(iri)
        return iri

    out: dict[str, Lineage] = {}
    for iri in sorted(names, key=lambda i: names[i]):
        body = last(iri)
        out.setdefault(body, Lineage(body, names[body]))
        out[iri] = out[body]
    for r in sorted(rows, key=lambda r: (str(r["start"]), r["originalName"] or "")):
        lineage = out[r["original"]]
        lineage.events.append(r)
    for lineage in {id(v): v for v in out.values()}.values():
        for r in lineage.events:  # oldest names first, the body last
            lineage.members.setdefault(r["original"], names[r["original"]])
        lineage.members.pop(lineage.body, None)
        lineage.members[lineage.body] = lineage.body_name
    return out


def agency_reports(store: KGStore, agency: str) -> list[dict[str, Any]]:
    """The reports naming ``agency``, with the name each used, its date and year (``agency-reports.rq``)."""
    return run_saved(store, "agency-reports", agency=ox.NamedNode(agency))


def used_by(rows: Iterable[dict[str, Any]]) -> str:
    """``qingyuan_2017.txt (2017), …`` for rows of :func:`agency_reports`."""
    seen: dict[str, str] = {}
    for r in rows:
        seen.setdefault(r["file"], report_year(r))
    return ", ".join(f"{f} ({y})" if y else f for f, y in seen.items())


# ---- one jurisdiction year by year ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Change:
    id: str  # duty id or document IRI
    label: str
    before_year: str
    after_year: str
    before: str
    after: str
    kind: (
        str  # "gap → done", "planned → done", "new gap", "appeared", "disappeared", "changed"; "dropped" for documents
    )


@dataclass
class Comparison:
    place: str
    years: list[str]
    files: dict[str, list[str]]  # year → report files
    duties: list[tuple[str, str]]  # (id, label) of duties any year mentions
    statuses: dict[tuple[str, str], set[str]]  # (year, duty id) → statuses
    documents: dict[str, str]  # document IRI → title
    cited: dict[tuple[str, str], str]  # (year, document IRI) → worst status on the report's date ("" if not catalogued)

    @classmethod
    def from_rows(
        cls,
        place: str,
        duty_rows: Iterable[dict[str, Any]],
        citation_rows: Iterable[dict[str, Any]],
        first: int | None = None,
        last: int | None = None,
    ) -> Comparison:
        def keep(year: str) -> bool:
            return bool(year) and (first is None or int(year) >= first) and (last is None or int(year) <= last)

        files: dict[str, list[str]] = defaultdict(list)
        duties: dict[str, str] = {}
        statuses: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in duty_rows:
            year = str(r["year"] or "")
            if not keep(year):
                continue
            if r["file"] not in files[year]:
                files[year].append(r["file"])
            if r.get("dutyId") and r.get("status"):
                duties.setdefault(r["dutyId"], r.get("dutyLabel") or r["dutyId"])
                statuses[(year, r["dutyId"])].add(r["status"])
        documents: dict[str, str] = {}
        cited: dict[tuple[str, str], str] = {}
        for r in citation_rows:
            year = str(r["year"] or "")
            if not keep(year):
                continue
            if r["file"] not in files[year]:
                files[year].append(r["file"])
            documents.setdefault(r["regulation"], r["title"] or r["regulation"])
            worst = cited.get((year, r["regulation"]))
            validity = r.get("validity") or ""
            if worst is None or (is_stale(validity) and not is_stale(worst)):
                cited[(year, r["regulation"])] = validity
        return cls(
            place,
            sorted(files),
            {y: sorted(f) for y, f in files.items()},
            sorted(duties.items()),
            dict(statuses),
            dict(sorted(documents.items(), key=lambda kv: kv[1])),
            cited,
        )

    def cell(self, year: str, duty: str) -> str:
        found = self.statuses.get((year, duty), set())
        return "+".join(s for s in DUTY_STATUSES if s in found) or NOT_MENTIONED

    def cited_cell(self, year: str, document: str) -> str:
        if (year, document) not in self.cited:
            return NOT_MENTIONED
        validity = self.cited[(year, document)]
        return "cited" if validity in ("", "in_force", "unknown") else f"cited ({validity})"

    def duty_changes(self) -> list[Change]:
        """What changed for each duty from one year of the comparison to the next."""
        out = []
        for duty, label in self.duties:
            for before_year, after_year in zip(self.years, self.years[1:], strict=False):
                before, after = self.cell(before_year, duty), self.cell(after_year, duty)
                if before != after:
                    out.append(Change(duty, label, before_year, after_year, before, after, _kind(before, after)))
        return out

    def citation_changes(self) -> list[Change]:
        """Documents cited one year and not the next (dropped), or the reverse (appeared)."""
        out = []
        for document, title in self.documents.items():
            for before_year, after_year in zip(self.years, self.years[1:], strict=False):
                was, now = (before_year, document) in self.cited, (after_year, document) in self.cited
                if was != now:
                    out.append(
                        Change(
                            document,
                            title,
                            before_year,
                            after_year,
                            self.cited_cell(before_year, document),
                            self.cited_cell(after_year, document),
                            "appeared" if now else "dropped",
                        )
                    )
        return out

    def changes_of(self, id_: str) -> list[Change]:
        return [c for c in self.duty_changes() + self.citation_changes() if c.id == id_]

    def table_rows(self) -> list[list[str]]:
        """The wide table of the CSV: kind, id, label, one column per year, changes."""
        rows = []
        for duty, label in self.duties:
            rows.append(
                [
                    "duty",
                    duty,
                    label,
                    *(self.cell(y, duty) for y in self.years),
                    "; ".join(f"{c.before_year}→{c.after_year}: {c.kind}" for c in self.changes_of(duty)),
                ]
            )
        for document, title in self.documents.items():
            rows.append(
                [
                    "document",
                    document,
                    title,
                    *(self.cited_cell(y, document) for y in self.years),
                    "; ".join(f"{c.before_year}→{c.after_year}: {c.kind}" for c in self.changes_of(document)),
                ]
            )
        return rows

    @property
    def header(self) -> list[str]:
        return ["kind", "id", "label", *self.years, "changes"]


def _kind(before: str, after: str) -> str:
    b, a = set(before.split("+")), set(after.split("+"))
    if before == NOT_MENTIONED:
        return "appeared"
    if after == NOT_MENTIONED:
        return "disappeared"
    if "gap" in b and "gap" not in a and "done" in a:
        return "gap → done"
    if "gap" in a and "gap" not in b:
        return "new gap"
    if b == {"planned"} and "done" in a:
        return "planned → done"
    return "changed"


def load_comparison(
    store: KGStore, place: str, place_name: str, first: int | None = None, last: int | None = None
) -> Comparison:
    region = ox.NamedNode(place)
    return Comparison.from_rows(
        place_name,
        run_saved(store, "compare-duties", region=region),
        run_saved(store, "compare-citations", region=region),
        first,
        last,
    )


def write_comparison_csv(comparison: Comparison, path: Path, *, excel: bool = False) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(comparison.header)
    writer.writerows(comparison.table_rows())
    atomic_write_text(path, (EXCEL_BOM if excel else "") + buf.getvalue(), fsync=False)


_COLOUR = {"done": "#4caf50", "gap": "#e53935", "planned": "#64b5f6", NOT_MENTIONED: "#f4f4f4"}
_CHANGE_COLOUR = {
    "gap → done": "#1b5e20",
    "planned → done": "#1b5e20",
    "new gap": "#b71c1c",
    "disappeared": "#6d4c41",
    "appeared": "#0d47a1",
    "changed": "#f9a825",
    "dropped": "#6d4c41",
}


def write_comparison_html(comparison: Comparison, path: Path) -> None:
    """A static table: duties and cited documents down the side, one column per year; a cell
    that changed from the year before is outlined, its tooltip says how."""
    e = html.escape
    title = f"{comparison.place} year over year"
    changed = {(c.id, c.after_year): c for c in comparison.duty_changes() + comparison.citation_changes()}
    parts = [
        f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{e(title)}</title><style>'
        "body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px}"
        "td.changed{outline:3px solid var(--c);outline-offset:-3px;font-weight:bold}</style></head><body>",
        f"<h1>{e(title)}</h1><table><thead><tr><th>kind</th><th>duty / document</th>",
    ]
    parts += [f'<th title="{e(" ".join(comparison.files.get(y, [])))}">{e(y)}</th>' for y in comparison.years]
    parts.append("</tr></thead><tbody>")
    for row in comparison.table_rows():
        kind, id_, label, *cells = row
        cells = cells[:-1]
        parts.append(f'<tr><td>{e(kind)}</td><th title="{e(id_)}">{e(label)}</th>')
        for year, text in zip(comparison.years, cells, strict=False):
            change = changed.get((id_, year))
            colour = _COLOUR.get(text.split("+")[0], "#fff59d" if text.startswith("cited (") else "#c8e6c9")
            attrs = (
                f' class="changed" style="background:{colour};--c:{_CHANGE_COLOUR[change.kind]}"'
                f' title="{e(change.before_year)}: {e(change.before)} → '
                f'{e(change.after_year)}: {e(change.after)} ({e(change.kind)})"'
                if change
                else f' style="background:{colour}"'
            )
            parts.append(f"<td{attrs}>{e(text)}</td>")
        parts.append("</tr>")
    parts.append(
        "</tbody></table><p>Outlined: changed since the year before (green gap → done, red new gap, "
        "brown disappeared or dropped, blue appeared).</p></body></html>\n"
    )
    atomic_write_text(path, "".join(parts), fsync=False)
