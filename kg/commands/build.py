"""``kg build [PATH...]``: build or update the store and print a summary."""
from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from kg.build.corpus import build as build_store
from kg.build.executors import make_executor
from kg.core.resources import sample_corpus
from kg.store import DEFAULT_STORE, StoreError


def build(paths: list[Path] = typer.Argument(None, help="Report files or folders "
                                             "(default: the bundled sample corpus)."),
          store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help="Store folder."),
          jobs: int = typer.Option(os.cpu_count() or 1, "--jobs", "-j", help="Extraction processes."),
          rebuild: bool = typer.Option(False, "--rebuild", help="Start from an empty store."),
          executor: str = typer.Option("local", "--executor", help="Where extraction runs: local (processes) | dask."),
          scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); "
                                        "default: a local Dask cluster of --jobs processes."),
          timings: bool = typer.Option(False, "--timings", help="Print the wall time of each phase of the "
                                       "build (to standard error)."),
          table_files: int = typer.Option(None, "--table-files", min=16, help="Keep at most this many of the "
                                          "database's table files open: memory stays flat as a large store "
                                          "grows, reads after the extraction are slower (bench/RESULTS.md).")) -> None:
    """Extract every report and write the knowledge graph to the store.

    A file that cannot be read is reported in one line (skipped FILE: REASON) and the rest
    is built. The store is replaced atomically at the end: an interrupted build leaves the
    previous store intact, and a second build on the same store is refused.

    Exit status: 0 every file built; 1 some files skipped (the others are in the store);
    2 nothing built — no report files, none readable, a damaged or busy store, or a usage
    error (the store is left as it was; a damaged store recovers with --rebuild).
    """
    console = Console(stderr=True)
    inputs = paths or [sample_corpus()]
    try:
        extractor = make_executor(executor, scheduler=scheduler)
    except ValueError as err:
        console.print(f"kg build: {err}", markup=False)
        raise typer.Exit(2) from None
    try:
        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=console, transient=True, disable=not console.is_terminal) as bar:
            task = bar.add_task("extract", total=None)
            summary = build_store(inputs, store, jobs=jobs, rebuild=rebuild, extractor=extractor,
                                  table_files=table_files,
                                  progress=lambda done, total: bar.update(task, completed=done, total=total))
    except StoreError as err:
        console.print(f"kg build: {err}", markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        console.print(f"kg build: interrupted; the store in {store} is unchanged", markup=False)
        raise typer.Exit(130) from None
    if timings:
        for line in summary.timings.lines():
            console.print(f"time {line}", markup=False, soft_wrap=True)
    for line in summary.failed:
        console.print(f"skipped {line}", markup=False, soft_wrap=True)
    for line in summary.duplicates:
        console.print(f"duplicate {line}", markup=False, soft_wrap=True)
    for line in summary.warnings:
        console.print(f"warning {line}", markup=False, soft_wrap=True)
    if not summary.committed:
        what = "no report files found in " + ", ".join(map(str, inputs)) if not summary.inputs \
            else f"none of the {summary.inputs} report files could be read"
        console.print(f"kg build: nothing built ({what}); the store in {store} is unchanged",
                      markup=False, soft_wrap=True)
        raise typer.Exit(2)
    table = Table(title=f"knowledge graph in {store}", show_header=False)
    for label, value in (("reports", summary.reports), ("extracted now", summary.extracted),
                         ("unchanged", summary.unchanged), ("removed", summary.removed),
                         ("regulations", summary.regulations), ("agencies", summary.agencies),
                         ("oversight relations", summary.relations), ("duty statements", summary.duty_statements),
                         ("triples", summary.triples), ("skipped files", len(summary.failed)),
                         ("warnings", len(summary.warnings))):
        table.add_row(label, str(value))
    Console().print(table)
    if summary.exit_status:
        raise typer.Exit(summary.exit_status)


def register(app: typer.Typer) -> None:
    app.command()(build)
