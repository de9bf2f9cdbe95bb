"""The jurisdiction × duty compliance matrix: which report says which duty was done, fell
short (gap) or is planned — as data, as CSV and as a static HTML heatmap.

Rows are reports, labelled by the jurisdiction they are about (the file name when they name
none); reports of one jurisdiction are told apart by year and file, or merged into one row
(``by="jurisdiction"``: the union of what they say). Columns are the duties of the scheme.

>>> m = DutyMatrix.from_rows([
...     {"jurisdiction": "文山市", "report": "r1", "file": "a.txt", "year": "2021",
...      "dutyId": "legal-advisor", "dutyLabel": "政府法律顾问", "status": "done", "sentences": 2},
...     {"jurisdiction": "文山市", "report": "r1", "file": "a.txt", "year": "2021",
...      "dutyId": "legal-advisor", "dutyLabel": "政府法律顾问", "status": "gap", "sentences": 1},
...     {"jurisdiction": "清远市", "report": "r2", "file": "b.txt", "year": None,
...      "dutyId": None, "dutyLabel": None, "status": None, "sentences": 0}])
>>> [row.label for row in m.rows]
['文山市', '清远市']
>>> m.symbol(m.rows[0], "legal-advisor"), m.symbol(m.rows[1], "legal-advisor")
('✓✗', '·')
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

from kg.core.model import DUTY_STATUSES, STATUS_SYMBOL, DutyColumn
from kg.query.aggregates import duty_scheme
from kg.query.saved import run_saved
from kg.query.stats import duty_matrix_rows
from kg.store.files import EXCEL_BOM, atomic_write_text

__all__ = ["STATUS_SYMBOL", "DutyColumn", "DutyMatrix", "MatrixRow", "duty_scheme", "legend_text", "load_matrix",
           "write_csv", "write_html"]

NOT_MENTIONED = "·"
LEGEND = {"done": "done (carried out / in place)", "gap": "gap (shortfall named as a problem)",
          "planned": "planned (next steps, recommendations)"}

# Heatmap colours of a cell, by the set of statuses the report gives (plain CSS colours).
_CELL_COLOUR = {
    frozenset(): "#f4f4f4",
    frozenset({"done"}): "#4caf50",
    frozenset({"planned"}): "#64b5f6",
    frozenset({"done", "planned"}): "#81c784",
    frozenset({"gap"}): "#e53935",
    frozenset({"gap", "planned"}): "#ef6c00",
    frozenset({"done", "gap"}): "#fbc02d",
    frozenset({"done", "gap", "planned"}): "#ffb300",
}


@dataclass(slots=True)
class MatrixRow:
    """One row: a report (or, merged, every report of a jurisdiction)."""

    key: str
    jurisdiction: str
    label: str
    reports: list[str] = field(default_factory=list)  # report IRIs
    files: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)


@dataclass
class DutyMatrix:
    rows: list[MatrixRow]
    duties: list[DutyColumn]
    cells: dict[tuple[str, str], dict[str, int]]  # (row key, duty id) -> status -> sentence count

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]], scheme: Iterable[DutyColumn] = (),
                  by: str = "report") -> DutyMatrix:
        """Build from ``duty-matrix.rq`` rows; ``scheme`` gives the columns (in order), and
        duties found in the rows but not in the scheme are appended. ``by`` is ``report`` or
        ``jurisdiction``."""
        if by not in ("report", "jurisdiction"):
            raise ValueError(f"by must be 'report' or 'jurisdiction', not {by!r}")
        duties = {d.id: d for d in scheme}
        by_key: dict[str, MatrixRow] = {}
        cells: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        for r in rows:
            key = r["report"] if by == "report" else r["jurisdiction"]
            row = by_key.setdefault(key, MatrixRow(key, r["jurisdiction"], r["jurisdiction"]))
            if r["report"] not in row.reports:
                row.reports.append(r["report"])
                row.files.append(r["file"])
                row.years.append(str(r["year"]) if r.get("year") else "")
            if r.get("dutyId") and r.get("status"):
                duties.setdefault(r["dutyId"], DutyColumn(r["dutyId"], r.get("dutyLabel") or r["dutyId"]))
                cell = cells[(key, r["dutyId"])]
                cell[r["status"]] = cell.get(r["status"], 0) + int(r.get("sentences") or 0)
        ordered = sorted(by_key.values(), key=lambda row: (row.jurisdiction, row.years, row.files))
        _disambiguate(ordered)
        return cls(ordered, list(duties.values()), dict(cells))

    def statuses(self, row: MatrixRow, duty_id: str) -> list[str]:
        cell = self.cells.get((row.key, duty_id), {})
        return [s for s in DUTY_STATUSES if s in cell]

    def symbol(self, row: MatrixRow, duty_id: str) -> str:
        return "".join(STATUS_SYMBOL[s] for s in self.statuses(row, duty_id)) or NOT_MENTIONED

    def only(self, duty_ids: Iterable[str]) -> DutyMatrix:
        """The same matrix restricted to some duty columns (in the given order)."""
        by_id = {d.id: d for d in self.duties}
        return DutyMatrix(self.rows, [by_id[i] for i in duty_ids if i in by_id], self.cells)

    def totals(self) -> dict[str, dict[str, int]]:
        """Per duty: how many rows give each status (``{"done": 3, "gap": 1, "planned": 0}``)."""
        return {d.id: {s: sum(1 for row in self.rows if s in self.cells.get((row.key, d.id), {}))
                       for s in DUTY_STATUSES} for d in self.duties}


def _disambiguate(rows: list[MatrixRow]) -> None:
    """Rows of one jurisdiction get the year, then the file, added to their label."""
    by_jurisdiction: dict[str, list[MatrixRow]] = defaultdict(list)
    for row in rows:
        by_jurisdiction[row.jurisdiction].append(row)
    for same in by_jurisdiction.values():
        if len(same) == 1:
            continue
        years_unique = len({"/".join(r.years) for r in same}) == len(same)
        for row in same:
            extra = "/".join(y for y in row.years if y) if years_unique else " ".join(row.files)
            row.label = f"{row.jurisdiction} {extra}".strip()


def legend_text() -> str:
    """The symbols and what they mean, on one line.

    >>> print(legend_text().replace("   ", "\\n"))
    ✓ done (carried out / in place)
    ✗ gap (shortfall named as a problem)
    → planned (next steps, recommendations)
    · not mentioned
    """
    return "   ".join(f"{STATUS_SYMBOL[s]} {LEGEND[s]}" for s in DUTY_STATUSES) + f"   {NOT_MENTIONED} not mentioned"


def write_csv(matrix: DutyMatrix, path: Path, *, excel: bool = False) -> None:
    """One line per row: jurisdiction, files, years, then for each duty the statuses
    (``done+gap``; empty when not mentioned). The header row uses duty ids; the second row
    the labels (a spreadsheet shows both). ``excel``: UTF-8 with a byte-order mark, which
    Excel needs to read UTF-8 (it opens Chinese as mojibake otherwise). Written atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["jurisdiction", "label", "files", "years", *(d.id for d in matrix.duties)])
    writer.writerow(["", "", "", "", *(d.label for d in matrix.duties)])
    for row in matrix.rows:
        writer.writerow([row.jurisdiction, row.label, " ".join(row.files), " ".join(y for y in row.years if y),
                         *("+".join(matrix.statuses(row, d.id)) for d in matrix.duties)])
    atomic_write_text(path, (EXCEL_BOM if excel else "") + buffer.getvalue())


_CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: center; }
th.duty { vertical-align: bottom; font-weight: normal; padding: 4px 2px; }
/* one character per line: Chinese labels read top-down in a narrow column */
th.duty span { display: block; width: 1.1em; margin: 0 auto; word-break: break-all; line-height: 1.15; }
th.row { text-align: left; white-space: nowrap; }
td.cell { min-width: 1.8em; font-weight: bold; }
tfoot td { color: #555; font-size: 12px; }
.legend span { display: inline-block; padding: 2px 8px; margin-right: 6px; border: 1px solid #ccc; }
"""


def write_html(matrix: DutyMatrix, path: Path, title: str = "法治政府建设职责 compliance matrix") -> None:
    """A static heatmap page: one coloured cell per (row, duty), symbols inside, counts of
    sentences in the cell's tooltip. Every text is HTML-escaped; no scripts, no external files."""
    e = html.escape
    parts = [f"<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{e(title)}</title>",
             f"<style>{_CSS}</style></head><body>", f"<h1>{e(title)}</h1>", '<p class="legend">']
    for statuses, colour in _CELL_COLOUR.items():
        name = "+".join(s for s in DUTY_STATUSES if s in statuses) or "not mentioned"
        symbols = "".join(STATUS_SYMBOL[s] for s in DUTY_STATUSES if s in statuses) or NOT_MENTIONED
        parts.append(f'<span style="background:{colour}">{e(symbols)} {e(name)}</span>')
    parts.append("</p><table><thead><tr><th class=\"row\">jurisdiction</th>")
    for duty in matrix.duties:
        parts.append(f'<th class="duty" title="{e(duty.id)}"><span>{e(duty.label)}</span></th>')
    parts.append("</tr></thead><tbody>")
    for row in matrix.rows:
        parts.append(f'<tr><th class="row" title="{e(" ".join(row.files))}">{e(row.label)}</th>')
        for duty in matrix.duties:
            cell = matrix.cells.get((row.key, duty.id), {})
            colour = _CELL_COLOUR[frozenset(cell)]
            tip = "; ".join(f"{s}: {cell[s]} sentence(s)" for s in DUTY_STATUSES if s in cell) or "not mentioned"
            parts.append(f'<td class="cell" style="background:{colour}" title="{e(duty.label)} — {e(tip)}">'
                         f"{e(matrix.symbol(row, duty.id))}</td>")
        parts.append("</tr>")
    parts.append("</tbody><tfoot><tr><td>rows done / gap / planned</td>")
    totals = matrix.totals()
    for duty in matrix.duties:
        parts.append(f"<td>{'/'.join(str(totals[duty.id][s]) for s in DUTY_STATUSES)}</td>")
    parts.append(f"</tr></tfoot></table><p>{e(legend_text())}</p></body></html>\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(parts), encoding="utf-8")


def load_matrix(store, by: str = "report") -> DutyMatrix:
    """The matrix of everything in ``store`` (a :class:`kg.store.KGStore`)."""
    scheme = duty_scheme(store)
    rows = duty_matrix_rows(store, {d.id: d.label for d in scheme})  # the stats graph: one scan
    return DutyMatrix.from_rows(run_saved(store, "duty-matrix") if rows is None else rows, scheme, by=by)
