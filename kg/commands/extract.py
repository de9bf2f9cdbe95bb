"""``kg extract PATH...``: one JSON object per report per line (the scored contract)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from kg.build.corpus import extract_path, extraction_record, fact_evidence
from kg.io import iter_report_paths
from kg.store import one_line


def extract(paths: list[Path] = typer.Argument(..., help="Report files or folders."),
            evidence: bool = typer.Option(
                False, "--evidence", help="Add the spans behind each item: names, oversight edges, duty statuses.",
            )) -> None:
    """Print the extraction of each report as one JSON line (see eval/ANNOTATION.md).

    Exit status: 0 when at least one report was extracted (each skipped file is one line on
    stderr, so `kg extract DIR > out.jsonl && score` still scores the rest); 2 when nothing
    was (no report files, or none readable).
    """
    failed = 0
    seen = 0
    for path in iter_report_paths(paths):
        seen += 1
        extraction, error = extract_path(path)  # exactly as `kg build` extracts
        if extraction is None:
            failed += 1
            typer.echo(f"skipped {error}", err=True)
            continue
        for note in extraction.warnings:
            typer.echo(one_line(f"warning {path}: {note}"), err=True)
        record = extraction_record(extraction, evidence=evidence)
        if evidence:  # where each edge and each duty's status is said, too
            record["evidence"].update(fact_evidence(extraction))
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if seen == 0:
        typer.echo("kg extract: no report files found in " + ", ".join(map(str, paths)), err=True)
        raise typer.Exit(2)
    if failed == seen:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command()(extract)
