"""``kg export --format ttl|nq|trig|jsonld|graphml|gexf|csv``: write the graph for other tools."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.query.export import FORMATS, export
from kg.store import DEFAULT_STORE, KGStore, StoreError


def export_cmd(fmt: str = typer.Option("ttl", "--format", "-f", help="One of: " + ", ".join(FORMATS)
                                       + " (csv writes a folder with nodes.csv and edges.csv)."),
               output: Path = typer.Option(None, "--output", "-o",
                                           help="Output file or, for csv, folder "
                                                "(default: kg-export.<ext>, kg-export-csv/); "
                                                "a name ending in .gz is gzip-compressed (ttl, nq, trig)."),
               excel: bool = typer.Option(False, "--excel", help="With --format csv: UTF-8 with a byte-order mark, "
                                          "for Excel."),
               store: Path = typer.Option(DEFAULT_STORE, "--store", "-s")) -> None:
    """Export the whole graph."""
    if fmt not in FORMATS:
        typer.echo(f"kg export: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    exporter = FORMATS[fmt]
    if excel and not exporter.excel:
        typer.echo(f"kg export: --excel applies to --format csv, not {fmt}", err=True)
        raise typer.Exit(2)
    target = output or Path(f"kg-export-{exporter.suffix}" if exporter.folder else f"kg-export.{exporter.suffix}")
    if exporter.folder and target.exists() and not target.is_dir():
        typer.echo(f"kg export: {target} is a file; the {fmt} export writes a folder", err=True)
        raise typer.Exit(2)
    try:
        with KGStore(store, read_only=True) as kg:
            export(kg, fmt, target, excel=excel)
    except (StoreError, ValueError) as err:  # ValueError: an option the format does not take
        typer.echo(f"kg export: {err}", err=True)
        raise typer.Exit(2) from None
    typer.echo(str(target))


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
