"""The ``kg`` command line. Each command lives in a module of :mod:`kg.commands` that
registers itself on the app, so adding a command never edits the others."""
from __future__ import annotations

import importlib

import typer

from kg.core.labels import LANGUAGES, set_language

COMMAND_MODULES: tuple[str, ...] = (
    "kg.commands.extract",
    "kg.commands.eval",
    "kg.commands.build",
    "kg.commands.export",
    "kg.commands.query",
    "kg.commands.institutions",
    "kg.commands.duties",
    "kg.commands.viz",
    "kg.commands.serve",
    "kg.commands.push",
    "kg.commands.timeline",
)

app = typer.Typer(
    name="kg",
    help="fazhi-kg: a knowledge graph of Chinese rule-of-law government reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root(lang: str = typer.Option(None, "--lang", help="Labels in zh (政策文件 policy, the default) or en (policy); "
                                                      "also FAZHI_KG_LANG.")) -> None:
    """fazhi-kg: a knowledge graph of Chinese rule-of-law government reports."""
    if lang is not None and lang not in LANGUAGES:
        raise typer.BadParameter("--lang must be zh or en")
    set_language(lang)  # every invocation sets it: one run's --lang never leaks into the next


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main() -> None:
    app()
