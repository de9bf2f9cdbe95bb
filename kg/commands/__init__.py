"""CLI commands, one module each; every module exposes ``register(app)``.

What several commands share lives here: the ``--store`` option and opening the store for
reading with a one-line error (exit 2) when there is none.
"""
from __future__ import annotations

import re
from pathlib import Path

import typer

from kg.store import DEFAULT_STORE, REBUILD_HINT, KGStore, StoreError

STORE_OPTION = typer.Option(DEFAULT_STORE, "--store", "-s", help="Store folder (built by `kg build`).")


def open_store(store: Path) -> KGStore:
    """The store at ``store``, read-only; a missing or damaged one ends the command (exit 2)."""
    try:
        opened = KGStore(store, read_only=True)
    except StoreError as err:
        typer.echo(f"kg: {err}", err=True)
        raise typer.Exit(2) from None
    try:  # a build writes the manifest last: without a readable one the store is not whole
        if not opened.manifest_path.exists():
            raise StoreError(f"damaged store: {opened.manifest_path}: no manifest; {REBUILD_HINT}")
        opened.manifest()
    except StoreError as err:
        opened.close()
        typer.echo(f"kg: {err}", err=True)
        raise typer.Exit(2) from None
    return opened


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """Text from a report or a file name, safe to print: control characters (an ESC sequence that
    would clear the screen or fake colours) are shown escaped, line breaks as spaces.

    >>> printable("第一条\\x1b[2J\\n第二条")
    '第一条\\\\x1b[2J 第二条'
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(text).replace("\n", " ").replace("\r", " "))
