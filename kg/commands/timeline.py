"""Questions over time: ``kg stale`` (citations of documents no longer in force or amended since
the report), ``kg lineage`` (which agency became which in a reform) and ``kg compare`` (one
jurisdiction year by year)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from kg.commands import STORE_OPTION, open_store
from kg.commands.institutions import _folding_table, find_agencies, find_places
from kg.normalize import normalize_query

STALE_COLUMNS = (
    "report",
    "date",
    "year",
    "jurisdiction",
    "document",
    "status",
    "end_date",
    "successor",
    "note",
    "sentence",
    "start",
    "end",
)


def _stale_record(row: dict) -> dict:
    from kg.query.timeline import report_year

    return {
        "report": row["file"],
        "date": str(row["date"] or ""),
        "year": report_year(row),
        "jurisdiction": row["placeName"] or "",
        "document": row["title"] or row["regulation"],
        "status": row["validity"],
        # a document amended since is still in force: no end date; an expired one's may be unknown
        "end_date": str(row["endDate"])
        if row["endDate"]
        else ("" if row["validity"] == "amended_since" else "unknown"),
        "successor": row["successorTitle"] or "",
        "note": row["note"],
        "sentence": row["sentence"],
        "start": row["start"],
        "end": row["end"],
    }


def _one_place(kg, region: str) -> tuple[str, str]:
    places = find_places(kg, region)
    exact = [p for p in places if p[1] == normalize_query(region)]
    if len(exact) == 1 or len(places) == 1:
        return (exact or places)[0]
    if not places:
        typer.echo(f"no jurisdiction matches {region!r}", err=True)
    else:
        typer.echo(f"{len(places)} jurisdictions match {region!r}: {', '.join(n for _, n in places)}", err=True)
    raise typer.Exit(1)


def stale(
    region: str | None = typer.Option(
        None, "--region", "-r", help="Only reports about this jurisdiction (sub-jurisdictions included)."
    ),
    year: int | None = typer.Option(None, "--year", "-y", help="Only reports of this year (covered, else dated)."),
    expired: bool = typer.Option(
        False, "--expired", help="Only documents no longer in force (not those amended since)."
    ),
    csv_path: Path | None = typer.Option(None, "--csv", help="Also write the rows as CSV."),
    excel: bool = typer.Option(False, "--excel", help="CSV for Excel: UTF-8 with a byte-order mark."),
    store: Path = STORE_OPTION,
) -> None:
    """Citations of documents that were no longer in force on the report's date, have expired at
    an unknown date, or were amended since: report, sentence, report date, end date."""
    from kg.query.timeline import places_within, stale_citations
    from kg.store.files import EXCEL_BOM, atomic_write_text

    with open_store(store) as kg:
        places = None
        if region:
            places = set()
            for iri, _ in find_places(kg, region) or []:
                places |= places_within(kg, iri)
            if not places:
                typer.echo(f"no jurisdiction matches {region!r}", err=True)
                raise typer.Exit(1)
        rows = [
            _stale_record(r)
            for r in stale_citations(kg, places=places, year=year)
            if not expired or r["validity"] != "amended_since"
        ]
    if csv_path:  # written whole or not at all, as the other CSV outputs
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=STALE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        atomic_write_text(csv_path, (EXCEL_BOM if excel else "") + buf.getvalue(), fsync=False)
    console = Console()
    last = None
    for r in rows:  # one heading per citation, then its sentences
        if (r["report"], r["document"]) != last:
            last = (r["report"], r["document"])
            console.print(
                f"{r['report']}  {r['date'] or 'no date'}  《{r['document']}》: {r['note']}",
                markup=False,
                highlight=False,
            )
        console.print(f"  [{r['start']}–{r['end']}]  {r['sentence']}", markup=False, highlight=False)
    citations = {(r["report"], r["document"]): r["status"] for r in rows}
    console.print(
        f"{len(citations)} citations in {len(rows)} sentences "
        f"({sum(1 for s in citations.values() if s != 'amended_since')} of documents no longer in force)",
        highlight=False,
    )


def lineage(
    name: str = typer.Argument(..., help="An agency name, e.g. 清远市法制局."), store: Path = STORE_OPTION
) -> None:
    """Which body an agency became, or came from, in a reform (法制办 → 司法局 …), with the
    reports that use each name."""
    from kg.core.succession import chain
    from kg.query.timeline import agency_reports, lineages, used_by

    console = Console()
    with open_store(store) as kg:
        matches, how = find_agencies(kg, name)
        if not matches:
            steps = chain(normalize_query(name))
            if not steps:
                typer.echo(f"no agency matches {name!r}, and no succession rule applies to it", err=True)
                raise typer.Exit(1)
            console.print(f"[bold]{name}[/bold]: not named in any report; by the succession rules:", highlight=False)
            for step in steps:
                console.print(
                    f"  {step.old} → {step.new}   {step.rule.reform}, {step.start} – {step.end}",
                    markup=False,
                    highlight=False,
                )
            return
        found = lineages(kg)
        shown: set[str] = set()
        for iri, agency_name in matches:
            line = found.get(iri)
            if line is None:
                console.print(
                    f"[bold]{agency_name}[/bold]  ({how} match for {name!r}): no reform recorded", highlight=False
                )
                continue
            if line.body in shown:
                continue
            shown.add(line.body)
            console.print(
                f"[bold]{agency_name}[/bold]  ({how} match for {name!r}): one body across reforms, "
                f"now {line.body_name}",
                highlight=False,
            )
            for event in line.events:
                console.print(
                    f"  {event['originalName'] or event['original']} → {event['resultingName'] or event['resulting']}"
                    f"   {event['reform']}, {str(event['start'])[:10]} – {str(event['end'])[:10]}",
                    markup=False,
                    highlight=False,
                )
            console.print("  names used by the reports:", highlight=False)
            for member, member_name in line.members.items():
                reports = agency_reports(kg, member)
                console.print(
                    f"    {member_name}: {used_by(reports) or 'no report (named by the rule only)'}",
                    markup=False,
                    highlight=False,
                )


_CHANGE_STYLE = {
    "gap → done": "bold green",
    "planned → done": "bold green",
    "new gap": "bold red",
    "disappeared": "bold yellow",
    "appeared": "bold cyan",
    "changed": "bold magenta",
    "dropped": "bold yellow",
}


def compare(
    region: str = typer.Argument(..., help="A jurisdiction, e.g. 阳山县 (its own reports only)."),
    first: int | None = typer.Option(None, "--from", help="First year."),
    last: int | None = typer.Option(None, "--to", help="Last year."),
    csv_path: Path | None = typer.Option(None, "--csv", help="Also write the table as CSV."),
    excel: bool = typer.Option(False, "--excel", help="CSV for Excel: UTF-8 with a byte-order mark."),
    html_path: Path | None = typer.Option(None, "--html", help="Also write a static HTML table."),
    store: Path = STORE_OPTION,
) -> None:
    """One jurisdiction year by year: each duty's status (done / gap / planned / —) per year with
    the changes highlighted, and the cited documents that appeared or dropped."""
    from kg.query.timeline import load_comparison, write_comparison_csv, write_comparison_html

    with open_store(store) as kg:
        place, place_name = _one_place(kg, region)
        comparison = load_comparison(kg, place, place_name, first, last)
    if not comparison.years:
        typer.echo(f"kg compare: no report about {place_name} in the years asked", err=True)
        raise typer.Exit(1)
    if csv_path:
        write_comparison_csv(comparison, csv_path, excel=excel)
    if html_path:
        write_comparison_html(comparison, html_path)
    console = Console()
    changed = {(c.id, c.after_year): c for c in comparison.duty_changes() + comparison.citation_changes()}
    table = _folding_table(
        "duty / document",
        *comparison.years,
        title=f"{place_name} year over year ("
        + ", ".join(f"{y}: {len(comparison.files[y])} reports" for y in comparison.years) + ")",
    )
    for kind, id_, label, *cells in comparison.table_rows():
        row = [Text(label if kind == "duty" else f"《{label}》")]
        for year, text in zip(comparison.years, cells[:-1], strict=False):
            change = changed.get((id_, year))
            row.append(
                Text(f"{text} ({change.kind})" if change else text, style=_CHANGE_STYLE[change.kind] if change else "")
            )
        table.add_row(*row)
    console.print(table)
    duty_changes, citation_changes = comparison.duty_changes(), comparison.citation_changes()
    console.print(
        f"changes: {len(duty_changes)} in duties, {len(citation_changes)} in cited documents", highlight=False
    )
    for c in duty_changes:
        console.print(
            f"  {c.before_year}→{c.after_year}  {c.label}: {c.before} → {c.after} ({c.kind})",
            markup=False,
            highlight=False,
        )
    for c in citation_changes:
        console.print(f"  {c.before_year}→{c.after_year}  《{c.label}》 {c.kind}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    for command in (stale, lineage, compare):
        app.command()(command)
