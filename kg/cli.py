"""The ``kg`` command line. Each command lives in a module of :mod:`kg.commands` that
registers itself on the app, so adding a command never edits the others.

``kg cites …`` imports only the module of ``cites``: a question does not pay for loading the
extraction pipeline, networkx and the views (``kg --help`` loads them all). ``app`` — every
command — is built on first use, for Python callers and tests.

>>> sorted(COMMANDS)[:4]
['agencies', 'build', 'cites', 'compare']
"""
from __future__ import annotations

import importlib
import sys
from typing import Any

import typer

from kg.core.labels import LANGUAGES, set_language

# command → the module that registers it (tests/test_cli.py checks this against the modules)
COMMANDS: dict[str, str] = {
    "extract": "kg.commands.extract",
    "eval": "kg.commands.eval",
    "build": "kg.commands.build",
    "export": "kg.commands.export",
    "cites": "kg.commands.query", "report": "kg.commands.query", "regulations": "kg.commands.query",
    "sparql": "kg.commands.query",
    "oversight": "kg.commands.institutions", "agencies": "kg.commands.institutions",
    "ratings": "kg.commands.institutions",
    "duties": "kg.commands.duties",
    "viz": "kg.commands.viz",
    "serve": "kg.commands.serve",
    "push": "kg.commands.push",
    "stale": "kg.commands.timeline", "lineage": "kg.commands.timeline", "compare": "kg.commands.timeline",
}
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(COMMANDS.values()))


def _root(lang: str = typer.Option(None, "--lang", help="Labels in zh (政策文件 policy, the default) or en (policy); "
                                                      "also FAZHI_KG_LANG.")) -> None:
    """fazhi-kg: a knowledge graph of Chinese rule-of-law government reports."""
    if lang is not None and lang not in LANGUAGES:
        raise typer.BadParameter("--lang must be zh or en")
    set_language(lang)  # every invocation sets it: one run's --lang never leaks into the next


def make_app(modules: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    """The ``kg`` app with the commands of ``modules`` registered."""
    made = typer.Typer(name="kg", help="fazhi-kg: a knowledge graph of Chinese rule-of-law government reports.",
                       no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
    made.callback()(_root)
    for module in modules:
        importlib.import_module(module).register(made)
    return made


def _command_in(args: list[str]) -> str | None:
    """The command a command line names (after the global options), if any."""
    rest = iter(args)
    for arg in rest:
        if arg == "--lang":
            next(rest, None)
        elif not arg.startswith("-"):
            return arg
    return None


def __getattr__(name: str) -> Any:
    if name == "app":  # every command, built once on first use
        globals()["app"] = made = make_app()
        return made
    raise AttributeError(name)


def main() -> None:
    command = _command_in(sys.argv[1:])
    module = COMMANDS.get(command or "")
    try:
        make_app((module,) if module else COMMAND_MODULES)()
    except OSError as err:  # the machine's fault (disk full, permissions, a file where a folder goes)
        print(f"kg {command or ''}: {describe_os_error(err)}".replace("kg :", "kg:"), file=sys.stderr)
        sys.exit(2)


def describe_os_error(err: OSError) -> str:
    """One line for a fault of the file system or network, naming the file.

    >>> describe_os_error(OSError(28, "No space left on device", "/srv/kg-data/manifest.json"))
    'No space left on device: /srv/kg-data/manifest.json (nothing was changed; free space and run again)'
    >>> describe_os_error(FileExistsError(17, "File exists", "kg-data"))
    'File exists: kg-data (nothing was changed)'
    """
    where = f": {err.filename}" if err.filename else ""
    hint = {28: "; free space and run again", 27: "; raise the file size limit (ulimit -f)",
            13: "; check the permissions"}.get(err.errno or 0, "")
    return f"{err.strerror or err}{where} (nothing was changed{hint})"
