"""``kg viz``: interactive HTML views of the graph, written to a folder that opens offline."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.store import DEFAULT_STORE, KGStore, StoreError

# as kg.views.selection (imported lazily: pyvis is slow to load)
NODE_TYPES = ("report", "regulation", "agency", "jurisdiction", "duty")
MAX_NODES = 5000  # as kg.views.site.MAX_NODES
SCALE_AT = 1000  # as kg.views.site.SCALE_AT


def parse_types(types: str | None) -> set[str] | None:
    if not types:
        return None
    wanted = {t.strip() for t in types.split(",") if t.strip()}
    unknown = wanted - set(NODE_TYPES)
    if unknown:
        raise typer.BadParameter(f"unknown type(s) {', '.join(sorted(unknown))}; choose from {', '.join(NODE_TYPES)}")
    return wanted


def viz(store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help="Store folder (built by `kg build`)."),
        out: Path = typer.Option(Path("kg-views"), "--out", "-o",
                                 help="Folder to write the pages, index.html and lib/ to."),
        report: str = typer.Option(None, "--report", "-r",
                                   help="Only the view of this report (file name, part of it, title or IRI)."),
        focus: str = typer.Option(None, "--focus", help="The neighbourhood of this entity (name, alias or IRI)."),
        depth: int = typer.Option(1, "--depth", min=1, max=6, help="Steps around --focus."),
        types: str = typer.Option(None, "--types",
                                  help="Node types to show, e.g. report,regulation,agency,jurisdiction,duty."),
        size: str = typer.Option("degree", "--size", help="Node size by: degree | citations."),
        max_nodes: int = typer.Option(MAX_NODES, "--max-nodes", min=10,
                                      help="Most nodes per page (the most connected are kept)."),
        per_report: bool = typer.Option(None, "--per-report/--no-per-report", show_default=False,
                                        help="One page per report, or none (the index lists the reports and "
                                             "names `kg viz --report FILE`; `kg serve` makes a page when "
                                             "asked). Default: pages up to --scale-at reports, on demand beyond."),
        scale_at: int = typer.Option(SCALE_AT, "--scale-at", min=0,
                                     help="Beyond this many reports the overview and oversight views are drawn "
                                          "from aggregates (the most cited documents, reports per place, duty "
                                          "coverage, the most connected oversight bodies) and report pages are "
                                          "made on demand."),
        oversight: bool = typer.Option(False, "--oversight",
                                       help="Only the oversight network (oversight.html): agencies by level, "
                                            "edges by kind.")) -> None:
    """Write interactive graph views (vis-network, works offline) and an index.html."""
    if size not in ("degree", "citations"):
        raise typer.BadParameter("--size must be degree or citations")
    from kg.views.site import write_site

    wanted = parse_types(types)
    try:
        with KGStore(store, read_only=True) as kg:
            pages = write_site(kg, out, report=report, focus=focus, depth=depth, types=wanted, size_by=size,
                               max_nodes=max_nodes, per_report=per_report, oversight=oversight,
                               scale_at=scale_at)
    except StoreError as err:
        typer.echo(f"kg viz: {err}", err=True)
        raise typer.Exit(2) from None
    except LookupError as err:
        typer.echo(f"kg viz: {err.args[0]}", err=True)
        raise typer.Exit(1) from None
    for page in pages:
        typer.echo(f"{page.path}" + (f"  ({page.nodes} nodes, {page.edges} edges)" if page.kind != "index" else ""))


def register(app: typer.Typer) -> None:
    app.command()(viz)
