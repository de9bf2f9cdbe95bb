"""The import graph follows the flow of a report: no module imports a layer above its own,
finders and the resolver never import each other, and no kg import hides inside a function
(the way a cycle is usually dodged) outside the CLI, where lazy imports keep start-up fast."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

# Lowest first; a package may import its own layer and those below it.
LAYERS = [
    {"core"},
    {"io"},
    {"normalize"},
    {"extract"},
    {"resolve"},
    {"relate"},
    {"graph"},
    {"store"},
    {"build", "query", "views", "eval"},
    {"commands", "cli", "__main__", "__init__"},
]
# Same or lower layer, but still not allowed: finders find, the resolver resolves.
FORBIDDEN = {("resolve", "extract"), ("extract", "resolve")}
LAZY_IMPORTS_ALLOWED = {"commands"}


def _layer(package: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if package in names)


def _package(module_path: Path) -> str:
    rel = module_path.relative_to(KG)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _kg_imports(tree: ast.AST) -> list[tuple[ast.stmt, str, bool]]:
    """(node, imported kg package, inside a function?) for every import of a kg module."""
    out = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                parts = child.module.split(".")
                if parts[0] == "kg":
                    if len(parts) > 1:
                        out.append((child, parts[1], in_function))
                    else:  # from kg import x
                        out.extend((child, alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    parts = alias.name.split(".")
                    if parts[0] == "kg" and len(parts) > 1:
                        out.append((child, parts[1], in_function))
            visit(child, inner)

    visit(tree, False)
    return out


MODULES = sorted(KG.rglob("*.py"))


def test_every_package_has_a_layer():
    packages = {_package(p) for p in MODULES}
    assert packages <= set().union(*LAYERS), packages - set().union(*LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(KG)))
def test_imports_follow_the_layers(path: Path):
    own = _package(path)
    problems = []
    for node, imported, in_function in _kg_imports(ast.parse(path.read_text("utf-8"))):
        where = f"{path.relative_to(KG)}:{node.lineno}"
        if imported == own:
            pass
        elif _layer(imported) > _layer(own):
            problems.append(f"{where} imports kg.{imported}, a layer above kg.{own}")
        elif (own, imported) in FORBIDDEN:
            problems.append(f"{where}: kg.{own} must not import kg.{imported}")
        if in_function and own not in LAZY_IMPORTS_ALLOWED:
            problems.append(f"{where} imports kg.{imported} inside a function")
    assert not problems, "\n".join(problems)


def test_the_check_catches_an_upward_import(tmp_path):
    tree = ast.parse("from kg.store import KGStore\ndef f():\n    from kg.core import places\n")
    found = [(imported, in_function) for _, imported, in_function in _kg_imports(tree)]
    assert found == [("store", False), ("core", True)]
    assert _layer("store") > _layer("extract")
