"""``kg duties``: the jurisdiction × duty compliance matrix, and the sentences behind it."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import typer

from kg.commands import RICH_MAX_ROWS, STORE_OPTION, open_store, plain_table
from kg.core.model import DUTY_STATUSES, STATUS_SYMBOL, DutyColumn
from kg.core.namespaces import DUTY
from kg.query.aggregates import counts_from_matrix_rows, duty_counts, duty_scheme, load_aggregates
from kg.query.saved import run_saved
from kg.store import KGStore

if TYPE_CHECKING:  # the summary needs none of these: kg.query.matrix loads rdflib (0.3 s of start-up)
    from rich.console import Console
    from rich.table import Table

    from kg.query.matrix import DutyMatrix

BY = ("summary", "jurisdiction", "report")
SUMMARY_ABOVE = 200  # reports: more, and `kg duties` prints the summary unless --by says otherwise


def match_duties(wanted: list[str], columns: list[DutyColumn]) -> list[DutyColumn]:
    """The columns a user's ``--duty`` values name: an id, or (part of) a Chinese label.

    >>> cols = [DutyColumn("legal-advisor", "政府法律顾问制度"), DutyColumn("mediation", "人民调解")]
    >>> [c.id for c in match_duties(["法律顾问", "mediation"], cols)]
    ['legal-advisor', 'mediation']
    """
    found: list[DutyColumn] = []
    for name in wanted:
        hits = [c for c in columns if name == c.id] or [c for c in columns if name == c.label] \
            or [c for c in columns if name in c.label or name in c.id]
        if not hits:
            raise KeyError(name)
        found.extend(c for c in hits if c not in found)
    return found


def _table(matrix: DutyMatrix, transpose: bool) -> Table:
    from kg.commands.institutions import _folding_table

    if transpose:  # duties down the side, one column per row of the matrix
        table = _folding_table("duty", *(row.label for row in matrix.rows), title="duty × jurisdiction")
        for duty in matrix.duties:
            table.add_row(f"{duty.label} ({duty.id})" if duty.label != duty.id else duty.id,
                          *(matrix.symbol(row, duty.id) for row in matrix.rows))
        return table
    table = _folding_table("jurisdiction", *(d.label for d in matrix.duties), title="jurisdiction × duty")
    for row in matrix.rows:
        table.add_row(row.label, *(matrix.symbol(row, d.id) for d in matrix.duties))
    return table


def _plain(matrix: DutyMatrix) -> str:
    """A matrix too long for rich: one line per row, duties numbered (d1 …) with a key below."""
    columns = ["jurisdiction", *(f"d{i}" for i, _ in enumerate(matrix.duties, 1))]
    rows = [[row.label, *(matrix.symbol(row, d.id) for d in matrix.duties)] for row in matrix.rows]
    key = "   ".join(f"d{i} {d.label}" for i, d in enumerate(matrix.duties, 1))
    return f"{plain_table(columns, rows)}\n{key}"


def jurisdiction_matrix(agg: dict, scheme: list[DutyColumn]) -> DutyMatrix:
    """The matrix by jurisdiction from the aggregates: a cell holds each status at least one of
    the jurisdiction's reports gives, with its sentences (each report counted once)."""
    from kg.query.matrix import DutyMatrix, MatrixRow

    labels = {d.id: d for d in scheme}
    columns = list(scheme)
    rows, cells = [], {}
    for place in sorted(agg["jurisdictions"]):
        rows.append(MatrixRow(place, place, place))
        for count in duty_counts(agg["jurisdictions"][place]["cells"], []):
            if count.duty_id not in labels:
                labels[count.duty_id] = DutyColumn(count.duty_id, count.duty_id)
                columns.append(labels[count.duty_id])
            cells[(place, count.duty_id)] = dict(count.sentences)
    return DutyMatrix(rows, columns, cells)


def summary_lines(agg: dict, scheme: list[DutyColumn], only: list[str] | None = None) -> list[str]:
    """The corpus in a screen: per duty, how many reports say it was done, fell short or is
    planned (sentences in brackets), then how to see more."""
    counts = duty_counts(agg["total"], [d.id for d in scheme])
    names = {d.id: d.label for d in scheme}
    rows = [[c.duty_id, names.get(c.duty_id, c.duty_id),
             *(f"{c.reports.get(s, 0)} ({c.sentences.get(s, 0)})" for s in DUTY_STATUSES)]
            for c in counts if only is None or c.duty_id in only]
    return [f"{agg['reports']} reports, {agg['places']} jurisdictions: reports giving each duty "
            "(sentences saying so)",
            plain_table(["duty", "label", *(f"{STATUS_SYMBOL[s]} {s}" for s in DUTY_STATUSES)], rows),
            "one row per jurisdiction: --by jurisdiction; per report: --by report; "
            "every report's row to a file: --csv FILE (or --html FILE)"]


def _aggregates(kg: KGStore, jurisdictions: bool) -> dict:
    """The duty aggregates of the store (with the per-jurisdiction counts when asked): its
    aggregates files, or (a store built by an older version) counted from the matrix rows."""
    agg = load_aggregates(kg, jurisdictions=jurisdictions)
    if agg is not None:
        return agg["duties"]
    from kg.query.stats import duty_matrix_rows

    rows = duty_matrix_rows(kg, {})  # the stats graph's one scan, else every report graph
    return counts_from_matrix_rows(run_saved(kg, "duty-matrix") if rows is None else rows)


def duties(duty: list[str] = typer.Option([], "--duty", "-d",
                                          help="Only this duty (id or Chinese label, repeatable); "
                                               "lists the sentences too."),
           by: str | None = typer.Option(None, "--by", help="summary: reports per duty and status over the corpus "
                                         "| jurisdiction: one row per jurisdiction (its reports merged) | report: "
                                         f"one row per report. Default: report up to {SUMMARY_ABOVE} reports, "
                                         "summary above."),
           transpose: bool | None = typer.Option(None, "--transpose/--no-transpose",
                                                 help="Duties as rows (default: whichever side is longer goes down)."),
           evidence: bool | None = typer.Option(None, "--evidence/--no-evidence",
                                                help="List the sentences behind each cell (default: on with --duty)."),
           csv_path: Path | None = typer.Option(None, "--csv", help="Also write the matrix as CSV."),
           excel: bool = typer.Option(False, "--excel", help="CSV for Excel: UTF-8 with a byte-order mark."),
           html_path: Path | None = typer.Option(None, "--html", help="Also write a static HTML heatmap."),
           store: Path = STORE_OPTION) -> None:
    """The compliance matrix: for each jurisdiction (report) and duty, done ✓ / gap ✗ / planned →.

    At scale (more than SUMMARY_ABOVE reports) it prints a summary by default — per duty, the
    reports giving each status — read from the aggregates the build keeps, so it takes the same
    time at 100,000 reports as at 100; --by report / --by jurisdiction print every row, and
    --csv / --html write the per-report matrix whatever --by says."""
    if by is not None and by not in BY:
        typer.echo(f"kg duties: --by must be one of {', '.join(BY)}, not {by!r}", err=True)
        raise typer.Exit(2)
    from rich.console import Console

    console = Console()
    with open_store(store) as kg:
        scheme = duty_scheme(kg)
        agg = _aggregates(kg, by == "jurisdiction") if by in (None, "summary", "jurisdiction") else None
        if by is None:
            by = "summary" if agg is not None and agg["reports"] > SUMMARY_ABOVE else "report"
        if by == "summary" and agg is not None:
            wanted = None
            if duty:
                try:
                    wanted = [c.id for c in match_duties(duty, scheme)]
                except KeyError as missing:
                    typer.echo(f"kg duties: no duty matches {missing.args[0]!r} (ids: "
                               f"{', '.join(d.id for d in scheme)})", err=True)
                    raise typer.Exit(1) from None
            if not agg["reports"]:
                typer.echo("kg duties: the store holds no reports", err=True)
                raise typer.Exit(1)
            for line in summary_lines(agg, scheme, wanted):
                typer.echo(line)
            if (evidence is None or evidence) and wanted:
                _print_evidence(console, kg, [c for c in scheme if c.id in wanted])
            if csv_path or html_path:  # the full data: every report's row
                from kg.query.matrix import load_matrix, write_csv, write_html

                full = load_matrix(kg)
                if csv_path:
                    write_csv(full, csv_path, excel=excel)
                if html_path:
                    write_html(full, html_path)
                for written in (csv_path, html_path):
                    if written:
                        typer.echo(f"wrote {written}")
            return
        from kg.query.matrix import legend_text, load_matrix, write_csv, write_html

        if by == "jurisdiction" and agg is not None and not (csv_path or html_path):
            matrix = jurisdiction_matrix(agg, scheme)  # the same symbols, without reading every report
        else:
            matrix = load_matrix(kg, by=by)
        if duty:
            try:
                matrix = matrix.only([c.id for c in match_duties(duty, matrix.duties)])
            except KeyError as missing:
                ids = ", ".join(d.id for d in matrix.duties)
                typer.echo(f"kg duties: no duty matches {missing.args[0]!r} (ids: {ids})", err=True)
                raise typer.Exit(1) from None
        quotes = {d.id: run_saved(kg, "duty-evidence", duty=ox.NamedNode(DUTY + d.id)) for d in matrix.duties} \
            if (evidence if evidence is not None else bool(duty)) else {}
    if not matrix.rows:
        typer.echo("kg duties: the store holds no reports", err=True)
        raise typer.Exit(1)
    if csv_path:
        write_csv(matrix, csv_path, excel=excel)
    if html_path:
        write_html(matrix, html_path)
    if transpose is None:
        transpose = len(matrix.duties) > len(matrix.rows)
    if len(matrix.rows) > RICH_MAX_ROWS and not transpose:
        typer.echo(_plain(matrix))
    else:
        console.print(_table(matrix, transpose))
    console.print(legend_text(), highlight=False)
    for duty_column in matrix.duties:
        if duty_column.id in quotes:
            _print_quotes(console, duty_column, quotes[duty_column.id])
    for written in (csv_path, html_path):
        if written:
            console.print(f"wrote {written}", highlight=False)


def _print_evidence(console: Console, kg: KGStore, columns: list[DutyColumn]) -> None:
    for duty_column in columns:
        _print_quotes(console, duty_column, run_saved(kg, "duty-evidence", duty=ox.NamedNode(DUTY + duty_column.id)))


def _print_quotes(console: Console, duty_column: DutyColumn, rows: list[dict]) -> None:
    """The sentences behind one duty's cells (``duty-evidence`` rows), each (file, status,
    sentence) once."""
    console.print(f"\n[bold]{duty_column.label}[/bold] ({duty_column.id}): "
                  f"{len({r['report'] for r in rows})} reports", highlight=False)
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        if (row["file"], row["status"], row["sentence"]) in seen:
            continue
        seen.add((row["file"], row["status"], row["sentence"]))
        console.print(f"  {STATUS_SYMBOL[row['status']]} {row['status']:<7} {row['jurisdiction']}  {row['file']}  "
                      f"[{row['start']}–{row['end']}]  {row['sentence']}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(duties)
