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
import os
import re
import sys
from pathlib import Path
from typing import Any

import typer
import typer.main

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
        click_command = typer.main.get_command(make_app((module,) if module else COMMAND_MODULES))
        coerce_plainly(click_command)
        click_command()
    except OSError as err:  # the machine's fault (disk full, permissions, a file where a folder goes)
        print(f"kg {command or ''}: {describe_os_error(err)}".replace("kg :", "kg:"), file=sys.stderr)
        sys.exit(2)


# typer coerces every option value with a pydantic TypeAdapter built on first use: importing
# pydantic and building the schemas takes longer than a question's answer (issue 14). Values of
# plain types that parse cleanly are converted here; anything else (a bad value, a value out of
# range, a type of another kind) goes to typer's own coercion, so the errors are typer's.
_INTEGER = re.compile(r"[+-]?[0-9]+")


def coerce_plainly(command: Any) -> None:
    """Give the parameters of ``command`` (and its subcommands) of type str, int, bool, Path or
    list[str] a coercion without pydantic; a typer without that hook is left as it is.

    >>> made = typer.Typer()
    >>> _ = made.command()(lambda n=typer.Option(1, "--n", min=0): print(n + 1))
    >>> coerced = typer.main.get_command(made); coerce_plainly(coerced)
    >>> coerced(["--n", "41"], standalone_mode=False)
    42
    """
    try:
        from typer._coercion import RuntimeParam
        from typer._param_types import coerce_cli_path
    except ImportError:  # another typer: its own coercion
        return

    class Plain(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            info, kind = self.parameter_info, self.annotation
            if kind is str and isinstance(value, str) and info.parser is None:
                return value
            if kind is bool and isinstance(value, bool) and info.parser is None:
                return value
            if kind == list[str] and isinstance(value, (list, tuple)) and info.parser is None \
                    and all(isinstance(v, str) for v in value):
                return list(value)
            if kind is int and isinstance(value, (int, str)) and not isinstance(value, bool) and info.parser is None \
                    and not info.clamp and (isinstance(value, int) or _INTEGER.fullmatch(value)):
                number = int(value)
                if (info.min is None or number >= info.min) and (info.max is None or number <= info.max):
                    return number
            if isinstance(kind, type) and issubclass(kind, Path) and info.parser is None and info.path_type is None \
                    and isinstance(value, (str, os.PathLike)):
                return coerce_cli_path(kind(value), info, path_type=kind, param=param, ctx=ctx)
            return typer_coercion(param)._coerce_value(value, param=param, ctx=ctx)

    def typer_coercion(param: Any) -> Any:
        from typer._coercion import build_runtime_param

        return build_runtime_param(param.type_descriptor)

    params = list(getattr(command, "params", ()))
    try:  # the --help option is made on first use: make it now, from the context settings click will use
        params.append(command.get_help_option(command.context_class(command, **command.context_settings)))
    except (AttributeError, TypeError):
        pass
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and getattr(param, "_runtime_param", False) is None \
                and (descriptor.annotation == list[str] or not (descriptor.is_list or descriptor.is_tuple)):
            param._runtime_param = Plain(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
    for sub in getattr(command, "commands", {}).values():
        coerce_plainly(sub)


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
