"""``kg duties``: the jurisdiction × duty compliance matrix, and the sentences behind it."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kg.commands import STORE_OPTION, open_store
from kg.commands.institutions import _folding_table
from kg.graph.terms import duty_iri
from kg.query.matrix import STATUS_SYMBOL, DutyColumn, DutyMatrix, legend_text, load_matrix, write_csv, write_html
from kg.query.saved import run_saved


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


def duties(duty: list[str] = typer.Option([], "--duty", "-d",
                                          help="Only this duty (id or Chinese label, repeatable); "
                                               "lists the sentences too."),
           by: str = typer.Option("report", "--by", help="report: one row per report | "
                                                         "jurisdiction: merge a jurisdiction's reports"),
           transpose: bool | None = typer.Option(None, "--transpose/--no-transpose",
                                                 help="Duties as rows (default: whichever side is longer goes down)."),
           evidence: bool | None = typer.Option(None, "--evidence/--no-evidence",
                                                help="List the sentences behind each cell (default: on with --duty)."),
           csv_path: Path | None = typer.Option(None, "--csv", help="Also write the matrix as CSV."),
           excel: bool = typer.Option(False, "--excel", help="CSV for Excel: UTF-8 with a byte-order mark."),
           html_path: Path | None = typer.Option(None, "--html", help="Also write a static HTML heatmap."),
           store: Path = STORE_OPTION) -> None:
    """The compliance matrix: for each jurisdiction (report) and duty, done ✓ / gap ✗ / planned →."""
    if by not in ("report", "jurisdiction"):
        typer.echo(f"kg duties: --by must be report or jurisdiction, not {by!r}", err=True)
        raise typer.Exit(2)
    console = Console()
    with open_store(store) as kg:
        matrix = load_matrix(kg, by=by)
        if duty:
            try:
                matrix = matrix.only([c.id for c in match_duties(duty, matrix.duties)])
            except KeyError as missing:
                ids = ", ".join(d.id for d in matrix.duties)
                typer.echo(f"kg duties: no duty matches {missing.args[0]!r} (ids: {ids})", err=True)
                raise typer.Exit(1) from None
        quotes = {d.id: run_saved(kg, "duty-evidence", duty=duty_iri(d.id)) for d in matrix.duties} \
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
    console.print(_table(matrix, transpose))
    console.print(legend_text(), highlight=False)
    for duty_column in matrix.duties:
        if duty_column.id not in quotes:
            continue
        rows = quotes[duty_column.id]
        console.print(f"\n[bold]{duty_column.label}[/bold] ({duty_column.id}): "
                      f"{len({r['report'] for r in rows})} reports", highlight=False)
        seen: set[tuple[str, str, str]] = set()
        for row in rows:
            if (row["file"], row["status"], row["sentence"]) in seen:
                continue
            seen.add((row["file"], row["status"], row["sentence"]))
            console.print(f"  {STATUS_SYMBOL[row['status']]} {row['status']:<7} {row['jurisdiction']}  {row['file']}  "
                          f"[{row['start']}–{row['end']}]  {row['sentence']}", markup=False, highlight=False)
    for written in (csv_path, html_path):
        if written:
            console.print(f"wrote {written}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(duties)
