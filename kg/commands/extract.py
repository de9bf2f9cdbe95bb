"""``kg extract PATH...``: one JSON object per report per line (the scored contract)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from kg.io import ReadError, iter_report_paths
from kg.pipeline import extract_file


def extract(paths: list[Path] = typer.Argument(..., help="Report files or folders."),
            evidence: bool = typer.Option(False, "--evidence", help="Add evidence spans to each item.")) -> None:
    """Print the extraction of each report as one JSON line (see eval/ANNOTATION.md)."""
    failed = 0
    seen = 0
    for path in iter_report_paths(paths):
        seen += 1
        try:
            extraction = extract_file(path)
        except ReadError as err:
            failed += 1
            typer.echo(f"skipped {err}", err=True)
            continue
        record = extraction.to_contract()
        if evidence:
            record["evidence"] = {
                "regulations": [[e.to_dict() for e in r.evidence] for r in extraction.regulations],
                "agencies": [[e.to_dict() for e in a.evidence] for a in extraction.agencies],
            }
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if seen == 0:
        typer.echo("kg extract: no report files found in " + ", ".join(map(str, paths)), err=True)
        raise typer.Exit(2)
    if failed == seen:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(extract)
