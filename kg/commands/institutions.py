"""Questions about institutions: ``kg oversight`` (who oversees whom), ``kg agencies`` (the
agencies of a jurisdiction, with their ratings) and ``kg ratings`` (evaluation results)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.table import Table

from kg.commands import RICH_MAX_ROWS, STORE_OPTION, open_store, plain_table, printable
from kg.core.labels import label
from kg.core.places import place as resolve_place
from kg.normalize import normalize_query
from kg.query.saved import match_names, run_saved
from kg.store import KGStore

MAX_CONTAINS_MATCHES = 8  # more agencies than this containing the name: ask for a longer one
DIRECTIONS = {"overseen_by": "overseen by", "oversees": "oversees"}


def _key(name: str) -> str:
    return "".join(name.split())


def find_agencies(store: KGStore, name: str) -> tuple[list[tuple[str, str]], str]:
    """Agencies whose canonical name or alias is ``name`` (``exact``), else contains it
    (``contains``): ``([(iri, preferred name)], how)``; ``([], "")`` when none does."""
    wanted = _key(normalize_query(name))
    names: dict[str, str] = {}
    labels: list[tuple[str, str]] = []
    for row in run_saved(store, "agency-names"):
        names.setdefault(row["agency"], row["prefName"] or row["name"])
        labels.append((row["agency"], _key(row["name"])))
    how, hits = match_names(labels, (("exact", lambda label: bool(wanted) and label == wanted),
                                     ("contains", lambda label: bool(wanted) and wanted in label)))
    return sorted(((iri, names[iri]) for iri in hits), key=lambda hit: hit[1]), how


@dataclass(frozen=True, slots=True)
class OversightEdge:
    """One edge met while walking out from an agency; ``depth`` 1 is a direct edge."""

    depth: int
    direction: str  # overseen_by | oversees (seen from ``agency``)
    agency: str  # IRI of the agency at the near end
    agency_name: str
    kind: str
    other: str
    other_name: str
    file: str
    sentence: str
    start: int
    end: int


def oversight_chains(store: KGStore, root: str, root_name: str, depth: int = 1) -> list[OversightEdge]:
    """Edges around ``root`` up to ``depth`` steps: overseers of overseers going up, overseen
    of overseen going down. Each agency is expanded at most once per direction, so cycles end."""
    edges: list[OversightEdge] = []
    for direction in DIRECTIONS:
        frontier = [(root, root_name)]
        expanded = {root}
        for level in range(1, depth + 1):
            following: list[tuple[str, str]] = []
            for iri, name in frontier:
                for row in run_saved(store, "oversight-of-agency", agency=ox.NamedNode(iri)):
                    if row["direction"] != direction:
                        continue
                    other_name = row["otherName"] or row["other"]
                    edges.append(OversightEdge(level, direction, iri, name, row["kind"], row["other"], other_name,
                                               row["file"], row["sentence"], row["start"], row["end"]))
                    if row["other"] not in expanded:
                        expanded.add(row["other"])
                        following.append((row["other"], other_name))
            frontier = following
            if not frontier:
                break
    return edges


FOLLOW_LINEAGE_HELP = ("Treat an agency and its predecessors and successors across reforms (法制办 → 司法局, see "
                       "`kg lineage`) as one body; each line says which name the report used.")


def oversight(agency: str = typer.Argument(..., help="An agency's canonical name or alias, or part of it."),
              depth: int = typer.Option(1, "--depth", "-n", min=1, help="Follow chains this many steps."),
              follow_lineage: bool = typer.Option(False, "--follow-lineage", help=FOLLOW_LINEAGE_HELP),
              graph: str | None = typer.Option(None, "--graph",
                                               help="Print the edges as a diagram instead: mermaid | dot "
                                                    "(Graphviz), for pasting into papers."),
              store: Path = STORE_OPTION) -> None:
    """Who oversees an agency and whom it oversees, by kind, with the sentence quoted."""
    from kg.query.diagram import FORMATS, render
    from kg.query.timeline import lineages

    if graph is not None and graph not in FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--graph")

    console = Console()
    with open_store(store) as kg:
        matches, how = find_agencies(kg, agency)
        if not matches:
            typer.echo(f"no agency matches {agency!r}", err=True)
            raise typer.Exit(1)
        if how == "contains" and len(matches) > MAX_CONTAINS_MATCHES:
            typer.echo(f"{len(matches)} agencies contain {agency!r}; be more specific:", err=True)
            for _, name in matches:
                typer.echo(f"  {name}", err=True)
            raise typer.Exit(1)
        found = lineages(kg) if follow_lineage else {}
        fold = {member: (line.body, line.body_name) for line in found.values() for member in line.members}
        shown: set[str] = set()
        diagram: list[tuple[str, str, str]] = []
        for iri, name in matches:
            members = found[iri].members if iri in found else {iri: name}
            body, body_name = fold.get(iri, (iri, name))
            if body in shown:
                continue
            shown.add(body)
            if graph is not None:
                diagram += [edge for member, member_name in members.items()
                            for edge in diagram_edges(oversight_chains(kg, member, member_name, depth), fold)]
                continue
            if len(members) > 1:
                console.print(f"[bold]{body_name}[/bold]  ({how} match for {agency!r}; one body across reforms: "
                              f"{', '.join(n for m, n in members.items() if m != body)} → {body_name})  {body}",
                              highlight=False)
            else:
                console.print(f"[bold]{name}[/bold]  ({how} match for {agency!r})  {iri}", highlight=False)
            edges = [e for member, member_name in members.items()
                     for e in oversight_chains(kg, member, member_name, depth)]
            if not edges:
                console.print("  no oversight relation in the reports", highlight=False)
            for direction, title in DIRECTIONS.items():
                _print_edges(console, [e for e in edges if e.direction == direction], title, root=set(members),
                             fold=fold)
        if graph is not None:
            typer.echo(render(diagram, graph))


def diagram_edges(edges: list[OversightEdge], fold: dict[str, tuple[str, str]] | None = None,
                  ) -> list[tuple[str, str, str]]:
    """(overseer name, overseen name, kind) of each edge, once; ``fold`` names an agency by its
    body across reforms."""
    fold = fold or {}

    def name(iri: str, used: str) -> str:
        return fold.get(iri, (iri, used))[1]

    found = []
    for e in edges:
        near, other = name(e.agency, e.agency_name), name(e.other, e.other_name)
        found.append((near, other, e.kind) if e.direction == "oversees" else (other, near, e.kind))
    return list(dict.fromkeys(found))


def _print_edges(console: Console, edges: list[OversightEdge], title: str, root: str | set[str],
                 fold: dict[str, tuple[str, str]] | None = None) -> None:
    """Edges grouped by step, kind and other end. ``root`` is the agency asked about (several
    IRIs: one body across reforms); ``fold`` maps an agency to its body (IRI, name), so the
    other end's old and new names are one row, and each quote says which name the report used."""
    roots = {root} if isinstance(root, str) else set(root)
    fold = fold or {}
    grouped: dict[tuple[int, str, str, str, str], list[OversightEdge]] = defaultdict(list)
    for edge in edges:
        near = "" if edge.agency in roots else edge.agency
        other, other_name = fold.get(edge.other, (edge.other, edge.other_name))
        grouped[(edge.depth, near, edge.kind, other, other_name)].append(edge)
    last_heading = None
    ordered = sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][4]))
    for (level, near, kind, _other, other_name), group in ordered:
        heading = (level, near)
        if heading != last_heading:
            console.print(f"  {title}" + ("" if not near else f" (step {level}, of {group[0].agency_name})") + ":",
                          highlight=False)
            last_heading = heading
        console.print(f"    {label(kind):<16} {printable(other_name)}", markup=False, highlight=False)
        quoted: set[tuple[str, str]] = set()
        for edge in group:
            if (edge.file, edge.sentence) not in quoted:
                quoted.add((edge.file, edge.sentence))
                names = [f"as {edge.agency_name}"] if len(roots) > 1 and edge.agency in roots else []
                if edge.other_name != other_name:
                    names.append(f"{other_name} as {edge.other_name}")
                used = f"  ({'; '.join(names)})" if names else ""
                console.print(f"      {printable(edge.file)}  [{edge.start}–{edge.end}]  {printable(edge.sentence)}"
                              f"{used}", markup=False, highlight=False)


def find_places(store: KGStore, name: str) -> list[tuple[str, str]]:
    """Jurisdictions of the places graph named ``name`` (exact, then its canonical form via the
    place resolver, then contains): ``[(iri, name)]``."""
    rows = run_saved(store, "place-names")
    wanted = _key(normalize_query(name))
    found = resolve_place(wanted)  # short forms: 内蒙古 → 内蒙古自治区
    canonical = found.name if found else wanted
    _, hits = match_names(((r["place"], r["name"]) for r in rows),
                          (("exact", lambda n: n == wanted), ("canonical", lambda n: n == canonical),
                           ("contains", lambda n: wanted in n)))
    return sorted(hits.items(), key=lambda hit: hit[1])


def agencies(region: str = typer.Option(..., "--region", "-r",
                                        help="A jurisdiction, e.g. 内蒙古自治区; sub-jurisdictions included."),
             category: str | None = typer.Option(None, "--category", "-c",
                                                 help="government | department | party | congress | court | group "
                                                      "| institution …"),
             follow_lineage: bool = typer.Option(False, "--follow-lineage", help=FOLLOW_LINEAGE_HELP),
             limit: int = typer.Option(200, "--limit", help="Rows to show (0: all); the counts below the "
                                       "table are of every row."),
             offset: int = typer.Option(0, "--offset", min=0, help="Skip this many rows (the next page)."),
             store: Path = STORE_OPTION) -> None:
    """Agencies under a jurisdiction (its counties and prefectures included), with their ratings,
    --limit rows at a time (a province holds thousands at scale)."""
    from kg.query.aggregates import AgencyPage, agencies_page
    from kg.query.timeline import agency_reports, lineages, used_by

    with open_store(store) as kg:
        places = find_places(kg, region)
        if not places:
            typer.echo(f"no jurisdiction matches {region!r}", err=True)
            raise typer.Exit(1)
        # one page and the counts from the index the build keeps (kg.graph.agency_index); across
        # reforms (rows sorted by body) or on a store built without it: every row of the query
        page = None if follow_lineage else agencies_page(kg, [iri for iri, _ in places], category=category,
                                                         offset=offset, limit=limit or None)
        rows = [] if page is not None else [row for iri, _ in places
                                            for row in run_saved(kg, "agencies-by-region", region=ox.NamedNode(iri))]
        found = lineages(kg) if follow_lineage else {}
        named = {row["agency"]: used_by(agency_reports(kg, row["agency"])) for row in rows if row["agency"] in found}
    across = ""  # how many bodies the agencies are (--follow-lineage)
    if page is None:
        if category:
            rows = [row for row in rows if category in (row["category"] or "").split()]
        if follow_lineage:  # the names of one body together
            rows = sorted(rows, key=lambda r: (r["place"] or "", found[r["agency"]].body_name if r["agency"] in found
                                               else r["name"] or r["agency"], r["name"] or ""))
        shown = rows[offset:offset + limit if limit > 0 else None]
        page = AgencyPage(shown, len(rows), len({r["agency"] for r in rows}),
                          len({r["rating"] for r in rows if r["rating"]}))
        if follow_lineage:
            across = f" ({len({found[r['agency']].body if r['agency'] in found else r['agency'] for r in rows})} " \
                     "bodies across reforms)"
    columns = ["jurisdiction", "agency", *(["name used (reports)"] if follow_lineage else []), "category", "year",
               "grade", "score", "rank", "rated by"]
    table = _folding_table(*columns, title=f"agencies under {', '.join(n for _, n in places)}"
                           + (f" ({category})" if category else "")
                           + (", one row per body across reforms" if follow_lineage else ""))
    shown = page.rows
    lines = []
    for row in shown:
        rank = f"{row['rank']}/{row['outOf']}" if row["rank"] is not None and row["outOf"] else _text(row["rank"])
        name = row["name"] or row["agency"]
        cells = [row["place"], found[row["agency"]].body_name if row["agency"] in found else name]
        if follow_lineage:
            cells.append(f"{name}: {named[row['agency']]}" if row["agency"] in found else "")
        category_label = " ".join(label(c) for c in (row["category"] or "").split())
        lines.append([*cells, category_label, _text(row["year"]), _text(row["grade"]), _text(row["score"]), rank,
                      _text(row["evaluatorName"])])
    console = Console()
    if len(lines) > RICH_MAX_ROWS:
        typer.echo(f"{table.title}\n{plain_table(columns, lines)}")
    else:
        for line in lines:
            table.add_row(*line)
        console.print(table)
    if len(shown) < page.total:
        end = offset + len(shown)
        console.print(f"rows {offset + 1}–{end} of {page.total} shown" if shown else f"--offset {offset} is past the "
                      f"last of the {page.total} rows", highlight=False, end="")
        console.print(f"; next: --offset {end}" if shown and end < page.total else "", highlight=False, end="")
        console.print("; --limit 0 shows all", highlight=False)
    console.print(f"{page.agencies} agencies{across}, {page.ratings} ratings", highlight=False)


def _folding_table(*columns: str, title: str | None = None) -> Table:
    """A table whose cells wrap instead of being cut, so long Chinese names stay whole."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def ratings(year: int | None = typer.Option(None, "--year", "-y", help="Only results for this year."),
            evaluator: str | None = typer.Option(None, "--evaluator", "-e",
                                                 help="Only results given by this body (or part of its name)."),
            limit: int = typer.Option(50, "--limit", help="Results to show (0: all)."),
            offset: int = typer.Option(0, "--offset", min=0, help="Skip this many results (the next page: "
                                       "--offset 50 after the first 50)."),
            store: Path = STORE_OPTION) -> None:
    """Evaluation results (考评/考核): who rated whom, year, grade, score and rank; a page of
    --limit results at a time, newest first, with the total. Read from the list the build keeps,
    so a page costs the same whatever the corpus (a store built by an older version: the full query)."""
    from kg.query.aggregates import rating_page

    with open_store(store) as kg:
        page = rating_page(kg, offset=offset, limit=limit or None, year=year, evaluator=evaluator)
        if page is None:  # no list from the build: every rating, from the report graphs
            rows = run_saved(kg, "evaluation-results")
    if page is None:
        if year is not None:
            rows = [r for r in rows if r["year"] is not None and str(r["year"]) == str(year)]
        if evaluator:
            wanted = _key(evaluator)
            rows = [r for r in rows if wanted in _key(r["evaluatorName"] or "")]
        merged = one_row_per_result(rows)
        total = len(merged)
        shown = [{**row, "evaluators": evaluators} for row, evaluators in merged[offset:offset + limit if limit
                                                                                 else None]]
    else:
        total, shown = page
    cells = []
    for row in shown:
        rank = f"{row['rank']}/{row['outOf']}" if row["rank"] is not None and row["outOf"] else _text(row["rank"])
        cells.append([_text(row["year"]), row["evaluatedName"] or row["evaluated"], _text(row["grade"]),
                      _text(row["score"]), rank, "、".join(row["evaluators"]), row["file"]])
    columns = ["year", "evaluated", "grade", "score", "rank", "evaluator", "report"]
    if len(cells) > RICH_MAX_ROWS:
        typer.echo(plain_table(columns, cells))
    else:
        table = _folding_table(*columns)
        for cell in cells:
            table.add_row(*cell)
        Console().print(table)
    typer.echo(_results_footer(offset, len(shown), total, limit))


def _results_footer(offset: int, shown: int, total: int, limit: int) -> str:
    """The count of results, and which page is shown.

    >>> _results_footer(0, 3, 3, 50)
    '3 results'
    >>> _results_footer(0, 50, 120, 50)
    '120 results; 1–50 shown; next: --offset 50; --limit 0 shows all'
    """
    if offset == 0 and shown == total:
        return f"{total} results"
    where = f"{offset + 1}–{offset + shown} shown" if shown else f"--offset {offset} is past the last"
    more = f"; next: --offset {offset + shown}" if shown and offset + shown < total else ""
    return f"{total} results; {where}{more}; --limit 0 shows all"


def one_row_per_result(rows: list[dict]) -> list[tuple[dict, list[str]]]:
    """One row per evaluation result: a report naming both a government and its office as the
    evaluator (省政府办公厅发布了…考评结果 under 省对我市考评情况) states one result, not two.

    >>> rows = [{"report": "r", "evaluated": "a", "year": 2016, "grade": "良好", "score": 81.5, "rank": 9,
    ...          "evaluatorName": n} for n in ("广东省人民政府", "广东省人民政府办公厅")]
    >>> [(row["grade"], evaluators) for row, evaluators in one_row_per_result(rows)]
    [('良好', ['广东省人民政府', '广东省人民政府办公厅'])]
    """
    merged: dict[tuple, tuple[dict, list[str]]] = {}
    for row in rows:
        key = tuple(str(row.get(k)) for k in ("report", "evaluated", "year", "grade", "score", "rank"))
        first, evaluators = merged.setdefault(key, (row, []))
        if row.get("evaluatorName") and row["evaluatorName"] not in evaluators:
            evaluators.append(row["evaluatorName"])
    return list(merged.values())


def register(app: typer.Typer) -> None:
    for command in (oversight, agencies, ratings):
        app.command()(command)
