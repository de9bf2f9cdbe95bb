"""``kg extract PATH...``: one JSON object per report per line (the scored contract)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from kg.build.pipeline import extract_document
from kg.io import ReadError, iter_report_paths
from kg.io.readers import read_report_with_notes
from kg.store import one_line


def extract(paths: list[Path] = typer.Argument(..., help="Report files or folders."),
            evidence: bool = typer.Option(False, "--evidence", help="Add evidence spans to each item.")) -> None:
    """Print the extraction of each report as one JSON line (see eval/ANNOTATION.md).

    Exit status: 0 when at least one report was extracted (each skipped file is one line on
    stderr, so `kg extract DIR > out.jsonl && score` still scores the rest); 2 when nothing
    was (no report files, or none readable).
    """
    failed = 0
    seen = 0
    for path in iter_report_paths(paths):
        seen += 1
        try:
            doc, notes = read_report_with_notes(path)
            extraction = extract_document(doc)
        except ReadError as err:
            failed += 1
            typer.echo(f"skipped {one_line(str(err))}", err=True)
            continue
        except Exception as err:  # a bug on one report must not lose the others' output
            failed += 1
            typer.echo(one_line(f"skipped {path}: extraction failed ({err.__class__.__name__}: {err})"), err=True)
            continue
        for note in notes:
            typer.echo(one_line(f"warning {path}: {note}"), err=True)
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
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command()(extract)
