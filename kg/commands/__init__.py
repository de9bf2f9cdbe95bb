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
        opened.check_manifest_ends()  # not parsed: tens of MB at 100,000 reports
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


# Above this many rows a table is printed by :func:`plain_table`: rich's Table measures and wraps
# every cell (2–14 ms a row of Chinese names), which made a 10,000-row table take 20 s to print
# and a page of 50 ratings 0.7 s.
RICH_MAX_ROWS = 20


def plain_table(columns: list[str], rows: list[list[str]], *, max_width: int = 60) -> str:
    """Rows as aligned plain-text columns (two spaces apart, a dashed rule under the header),
    widths counted in terminal cells (a Chinese character is two); a cell wider than
    ``max_width`` is cut with ``…``. Linear in the cells, for tables too long for rich.

    >>> print(plain_table(["地区", "n"], [["文山市", "12"], ["阿尔山市", "3"]]))
    地区      n
    --------  --
    文山市    12
    阿尔山市  3
    """
    from rich.cells import cell_len, set_cell_size

    def fit(text: str) -> str:
        text = printable(text)
        return text if cell_len(text) <= max_width else set_cell_size(text, max_width - 1) + "…"

    body = [[fit(c) for c in row] for row in rows]
    head = [fit(c) for c in columns]
    widths = [max([cell_len(head[i])] + [cell_len(row[i]) for row in body]) for i in range(len(columns))]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(head), "  ".join("-" * w for w in widths), *(line(row) for row in body)])
