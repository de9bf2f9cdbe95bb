"""``kg export --format ttl|nq|jsonld|graphml``: write the graph for other tools."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.export import EXPORTERS, export
from kg.store import DEFAULT_STORE, KGStore, StoreError


def export_cmd(fmt: str = typer.Option("ttl", "--format", "-f", help="One of: " + ", ".join(EXPORTERS)),
               output: Path = typer.Option(None, "--output", "-o", help="Output file (default: kg-export.<ext>)."),
               store: Path = typer.Option(DEFAULT_STORE, "--store", "-s")) -> None:
    """Export the whole graph."""
    if fmt not in EXPORTERS:
        typer.echo(f"kg export: unknown format {fmt!r}; choose one of {', '.join(EXPORTERS)}", err=True)
        raise typer.Exit(2)
    target = output or Path(f"kg-export.{EXPORTERS[fmt].suffix}")
    try:
        with KGStore(store, read_only=True) as kg:
            export(kg, fmt, target)
    except StoreError as err:
        typer.echo(f"kg export: {err}", err=True)
        raise typer.Exit(2)
    typer.echo(str(target))


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
