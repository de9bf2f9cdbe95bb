"""Questions users ask: ``kg cites``, ``kg report``, ``kg regulations``, ``kg sparql``."""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import typer

from kg.commands import RICH_MAX_ROWS, STORE_OPTION, open_store, plain_table, printable
from kg.core.labels import label
from kg.graph.aggregates import TOP_CITED
from kg.normalize import normalize_query
from kg.query.saved import citation_evidence_page, count_reports_citing, find_regulations, reports_citing, run_saved
from kg.query.status import citation_statuses, document_status, document_status_line, report_statuses
from kg.store import one_line
from kg.store.files import EXCEL_BOM


def cites(name: str = typer.Argument(..., help="A document title, alias or short form, e.g. 行政复议法."),
          limit: int = typer.Option(50, "--limit", help="Reports to quote per document (0: all)."),
          offset: int = typer.Option(0, "--offset", min=0, help="Skip this many reports (the next page: "
                                     "--offset 50 after the first 50)."),
          page: int = typer.Option(None, "--page", min=1, help="Page K of --limit reports (--page 2: reports 51–100)."),
          store: Path = STORE_OPTION) -> None:
    """Reports that cite a document, with the sentences quoted, a page of --limit reports at a time."""
    if page is not None:
        if offset or limit <= 0:
            typer.echo("kg cites: --page pages by --limit (not 0) and replaces --offset", err=True)
            raise typer.Exit(2)
        offset = (page - 1) * limit
    name = normalize_query(name)
    with open_store(store) as kg:
        matches = find_regulations(kg, name)
        if not matches:
            typer.echo(f"no cited document matches {name!r}", err=True)
            raise typer.Exit(1)
        for iri, matched, how in matches:
            described = run_saved(kg, "regulation-label", regulation=ox.NamedNode(iri))
            # the count the build keeps (counting the reports citing a law grows with the corpus)
            total = described[0]["reports"] if described else count_reports_citing(kg, iri)
            title = (described[0]["title"] if described else None) or matched
            kind = label(described[0]["kindOf"]) if described and described[0]["kindOf"] else ""
            via = "" if matched == title else f" of its name {printable(matched)!r}"
            # plain lines, not rich: one line per fact (grep-able), and rich costs a question's start-up
            typer.echo(f"{typer.style(printable(title), bold=True)}  {kind}  "
                       f"({how} match{via} for {name!r}; {total} reports)  {iri}")
            status = document_status(kg, iri)
            if status:  # catalogued: the catalogue's status, then each report's date
                typer.echo(f"  {document_status_line(status)}")
            shown = sorted(reports_citing(kg, iri, limit=limit if limit > 0 else None, offset=offset),
                           key=lambda r: r["file"])
            at_date = citation_statuses(kg, iri, [row["report"] for row in shown]) if status else {}
            quotes = citation_evidence_page(kg, iri, [row["report"] for row in shown])
            for row in shown:
                if row["report"] in at_date:
                    on = at_date[row["report"]]
                    typer.echo(f"  {printable(row['file'])}  ({on['date'] or 'no date'}): {on['note']}")
                quoted: set[str] = set()  # several mentions in one sentence are quoted once
                for ev in quotes[row["report"]]:
                    if ev["sentence"] not in quoted:
                        quoted.add(ev["sentence"])
                        typer.echo(f"  {printable(row['file'])}  [{ev['start']}–{ev['end']}]  "
                                   f"{printable(ev['sentence'])}")
            if offset or len(shown) < total:
                typer.echo(f"  {_page_footer(offset, len(shown), total, limit)}")


def _page_footer(offset: int, shown: int, total: int, limit: int) -> str:
    """Which reports a page of ``kg cites`` shows and how to see the next.

    >>> _page_footer(0, 50, 120, 50)
    'reports 1–50 of 120 shown; next: --offset 50 (or --page 2); --limit 0 shows all'
    >>> _page_footer(100, 20, 120, 50)
    'reports 101–120 of 120 shown (the last page); --limit 0 shows all'
    >>> _page_footer(200, 0, 120, 50)
    '--offset 200 is past the last of the 120 reports; --limit 0 shows all'
    """
    if not shown:
        return f"--offset {offset} is past the last of the {total} reports; --limit 0 shows all"
    where = f"reports {offset + 1}–{offset + shown} of {total} shown"
    if offset + shown >= total:
        return f"{where} (the last page); --limit 0 shows all"
    page = f" (or --page {offset // limit + 2})" if limit > 0 and offset % limit == 0 else ""
    return f"{where}; next: --offset {offset + shown}{page}; --limit 0 shows all"


def report(name: str = typer.Argument(..., help="A report file name (or part of it) or report IRI."),
           store: Path = STORE_OPTION) -> None:
    """What one report cites, grouped by kind, with counts; a document that was not in force, or
    had a newer version, on the report's date is marked."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    with open_store(store) as kg:
        reports = run_saved(kg, "reports")
        hits = [r for r in reports if name in (r["r"], r["file"]) or name in r["file"]]
        if len({h["r"] for h in hits}) != 1:
            typer.echo(f"{'no' if not hits else 'more than one'} report matches {name!r}", err=True)
            raise typer.Exit(1)
        rows = run_saved(kg, "citations-by-report", report=ox.NamedNode(hits[0]["r"]))
        at_date = report_statuses(kg, hits[0]["r"])
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    console = Console()
    dates = {str(s["date"]) for s in at_date.values() if s["date"]}
    console.print(f"[bold]{escape(printable(hits[0]['file']))}[/bold] cites {len(rows)} documents"
                  + (f" (report date {', '.join(sorted(dates))})" if dates else ""), highlight=False)
    marked = 0
    for kind, items in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        table = Table(title=f"{label(kind)} ({len(items)})", show_header=False, title_justify="left")
        for item in items:
            status = at_date.get(item["regulation"])
            mark = ""
            if status and status["validity"] not in ("in_force", "unknown"):
                mark, marked = f"⚠ {status['note']}", marked + 1
            elif status and status["validity"] == "unknown":
                mark = status["note"]
            table.add_row(escape(printable(item["title"])), str(item["mentions"]), mark)
        console.print(table)
    if marked:
        console.print(f"⚠ {marked} documents were not in force on the report's date, or have had a newer version since",
                      highlight=False)


def regulations(top: int = typer.Option(20, "--top", help="How many."), store: Path = STORE_OPTION) -> None:
    """The most cited documents across the corpus, one row per document (read from the list the
    build keeps of the 1,000 most cited; a larger --top, or a store built by an older version,
    asks the entities graph)."""
    from kg.query.aggregates import load_aggregates

    with open_store(store) as kg:
        agg = load_aggregates(kg)
        if agg is not None and top <= TOP_CITED:
            rows = [{"regulation": iri, "reports": n, "title": title, "kindOf": kind}
                    for iri, n, title, kind in agg["most_cited"][:max(top, 0)]]
        else:
            rows = run_saved(kg, "most-cited", limit=top)
    cells = [[str(row["reports"]), printable(row["title"] or row["regulation"]), label(row["kindOf"])]
             for row in rows]
    if len(cells) > RICH_MAX_ROWS:
        typer.echo(plain_table(["reports", "document", "kind"], cells))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table("reports", "document", "kind")
    for n, title, kind in cells:
        table.add_row(n, escape(title), kind)
    Console().print(table)


def sparql(query: str = typer.Argument(..., help="A SPARQL query, a .rq file, or the name of a saved query."),
           fmt: str = typer.Option("table", "--format", "-f",
                                   help="table | csv | tsv | json (rows of plain values) | xml (SPARQL results XML)."),
           distinct: bool = typer.Option(False, "--distinct", help="Drop duplicate rows (or triples)."),
           allow_service: bool = typer.Option(False, "--allow-service",
                                              help="Allow SERVICE (the store fetches the URLs the query names)."),
           excel: bool = typer.Option(False, "--excel",
                                      help="With --format csv: UTF-8 with a byte-order mark, for Excel."),
           store: Path = STORE_OPTION,
           endpoint: str = typer.Option(None, "--endpoint", "-e", help="Query this SPARQL 1.1 endpoint "
                                        "(e.g. http://localhost:7878/query) instead of the store.")) -> None:
    """Run a SPARQL query over the store (prefixes fz, fzg, duty, dcterms, skos, org, eli, oa, prov
    predeclared; a syntax error's line numbers count the query's own lines).

    The default graph is the union of the named graphs (one per report, plus the shared ones): a
    triple stated in several graphs matches once per graph, so a plain query returns duplicate
    rows. Use SELECT DISTINCT, GRAPH ?g patterns, or --distinct (drops repeated rows).

    A query calling another endpoint (SERVICE) is refused unless --allow-service is given: the
    store would fetch any URL it names."""
    from rich.console import Console
    from rich.table import Table

    from kg.query.results import FORMATS, Solutions, uses_service, write_delimited, write_json, write_xml
    from kg.query.saved import saved_queries

    if fmt not in FORMATS:
        typer.echo(f"kg sparql: unknown --format {fmt!r}; choose one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    text = saved_queries().get(query)
    if text is None and query.endswith(".rq") and not any(c.isspace() or c in "{}" for c in query):
        try:
            text = Path(query).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            reason = "no such file" if isinstance(err, FileNotFoundError) else one_line(str(err))
            typer.echo(f"kg sparql: {printable(query)}: {reason}", err=True)
            raise typer.Exit(2) from None
    text = query if text is None else text
    if endpoint:
        result = _remote(endpoint, text)
    else:
        if not allow_service and uses_service(text):
            typer.echo("kg sparql: the query calls another endpoint (SERVICE), which would make the store "
                       "fetch the URL it names; give --allow-service to run it", err=True)
            raise typer.Exit(2)
        with open_store(store) as kg:
            try:
                raw = kg.raw_query(text)
            except SyntaxError as err:
                typer.echo(f"kg sparql: invalid query: {err}", err=True)
                raise typer.Exit(2) from None
            except OSError as err:  # e.g. SERVICE allowed, the endpoint unreachable
                typer.echo(f"kg sparql: {one_line(str(err))}", err=True)
                raise typer.Exit(2) from None
            result = Solutions.from_ox(raw) if isinstance(raw, ox.QuerySolutions) else (
                bool(raw) if isinstance(raw, ox.QueryBoolean) else list(raw))
    if isinstance(result, bool):
        if fmt == "xml":
            write_xml(result, sys.stdout)
        else:
            typer.echo("true" if result else "false")
        return
    if not isinstance(result, Solutions):  # CONSTRUCT / DESCRIBE: N-Triples (lines as they come from an endpoint)
        for triple in dict.fromkeys(result) if distinct else result:
            typer.echo(triple if isinstance(triple, str) else f"{triple} .")  # a local ox.Triple lacks the " ."
        return
    if distinct:
        result = result.distinct()
    if fmt == "json":
        write_json(result, sys.stdout)
    elif fmt == "xml":
        write_xml(result, sys.stdout)
    elif fmt in ("csv", "tsv"):
        if excel:
            sys.stdout.write(EXCEL_BOM)
        write_delimited(result, sys.stdout, "," if fmt == "csv" else "\t")
    else:
        table = Table(*result.variables)
        for row in result.plain():
            table.add_row(*("" if row[c] is None else str(row[c]) for c in result.variables))
        Console().print(table)


def _remote(endpoint: str, text: str):
    from kg.query.remote import RemoteError, remote_query

    try:
        return remote_query(endpoint, text, terms=True)
    except RemoteError as err:
        typer.echo(f"kg sparql: {err}", err=True)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    for command in (cites, report, regulations, sparql):
        app.command()(command)
