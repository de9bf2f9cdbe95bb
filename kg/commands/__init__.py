"""CLI commands, one module each; every module exposes ``register(app)``.

What several commands share lives here: the ``--store`` option and opening the store for
reading with a one-line error (exit 2) when there is none.
"""
from __future__ import annotations

from pathlib import Path

import typer

from kg.store import DEFAULT_STORE, KGStore, StoreError

STORE_OPTION = typer.Option(DEFAULT_STORE, "--store", "-s", help="Store folder (built by `kg build`).")


def open_store(store: Path) -> KGStore:
    """The store at ``store``, read-only; a missing or damaged one ends the command (exit 2)."""
    try:
        return KGStore(store, read_only=True)
    except StoreError as err:
        typer.echo(f"kg: {err}", err=True)
        raise typer.Exit(2) from None
