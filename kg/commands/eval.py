"""``kg eval GOLD_DIR DOCS...``: how far to trust the graph on your own reports.

Annotate a few reports as ``eval/ANNOTATION.md`` describes (one ``<doc>.json`` each in
GOLD_DIR), point DOCS at the reports (or at ``kg extract`` output), and read precision,
recall and F1 per measure — the figures of the reference scorer ``eval/score.py``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from kg.build.corpus import extract_path, extraction_record
from kg.eval.scoring import doc_key, load_gold, load_predictions, score, table_lines
from kg.io import iter_report_paths

PREDICTION_SUFFIXES = (".jsonl", ".json")  # `kg extract` output: one report per line


def eval_cmd(gold_dir: Path = typer.Argument(..., help="Folder of gold annotations, one <doc>.json per report."),
             docs: list[Path] = typer.Argument(..., help="Report files or folders to extract, or JSON-lines "
                                                         "files written by `kg extract`."),
             errors: bool = typer.Option(False, "--errors", help="Also list each report's missed and spurious "
                                                                 "items, per measure."),
             as_json: bool = typer.Option(False, "--json", help="Print the figures (and errors) as JSON."),
             only_given: bool = typer.Option(False, "--only-given", help="Score only the gold files of the reports "
                                             "given (a half or sample of an annotated set), not every gold file.")
             ) -> None:
    """Score the extraction of DOCS against the gold annotations in GOLD_DIR.

    Reports are matched to gold files by file name without extension; reports without a gold
    file are not extracted, gold files without a report count as missed (``--only-given``: are left
    out, to score one half of an annotated set). Exit status: 0 scored; 2 no gold files, or nothing
    in DOCS to score.
    """
    gold = load_gold(gold_dir) if gold_dir.is_dir() else {}
    if not gold:
        typer.echo(f"kg eval: no gold files (*.json) in {gold_dir}", err=True)
        raise typer.Exit(2)
    predictions: dict[str, dict[str, Any]] = {}
    reports = []
    for item in docs:
        if item.is_file() and item.suffix.lower() in PREDICTION_SUFFIXES:
            try:
                predictions.update(load_predictions(item))
            except (ValueError, KeyError, UnicodeDecodeError) as err:
                typer.echo(f"kg eval: {item}: not `kg extract` output ({err.__class__.__name__}: {err})", err=True)
                raise typer.Exit(2) from None
        else:
            reports.append(item)
    for path in iter_report_paths(reports):
        if doc_key(path.name) not in gold:
            continue  # not annotated: nothing to score it against
        extraction, error = extract_path(path)
        if extraction is None:
            typer.echo(f"skipped {error}", err=True)
            continue
        predictions[extraction.doc] = extraction_record(extraction)
    if not {doc_key(name) for name in predictions} & gold.keys():
        typer.echo(f"kg eval: none of the reports in {', '.join(map(str, docs))} has a gold file in {gold_dir} "
                   "(matched by file name without extension)", err=True)
        raise typer.Exit(2)
    if only_given:
        given = {doc_key(name) for name in predictions}
        gold = {key: record for key, record in gold.items() if key in given}
    result = score(gold, predictions, errors=errors)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if errors:
        print_errors(result["errors"])
    for line in table_lines(result):
        typer.echo(line)


def print_errors(errors: dict[str, dict[str, dict[str, list[str]]]]) -> None:
    """Each report's errors as a table: per measure, what the gold has and the extraction
    missed, beside what the extraction found and the gold does not have."""
    console = Console()
    for doc, measures in errors.items():
        if not measures:
            continue
        table = Table(title=doc, title_justify="left", show_lines=True)
        table.add_column("measure", no_wrap=True)
        table.add_column("missed (in the gold, not extracted)", overflow="fold")
        table.add_column("spurious (extracted, not in the gold)", overflow="fold")
        for measure, found in measures.items():
            table.add_row(measure, "\n".join(found["missed"]), "\n".join(found["spurious"]))
        console.print(table, markup=False, highlight=False)
    perfect = [doc for doc, measures in errors.items() if not measures]
    if perfect:
        console.print("no errors: " + ", ".join(perfect), markup=False, highlight=False)
    console.print()


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cmd)
