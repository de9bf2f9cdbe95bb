"""Oversight edges as diagram text for papers: Mermaid (``graph TD``) or Graphviz DOT.

Nodes are labelled with agency names, edges with the oversight kind; names are quoted and
escaped so any name (quotes, brackets, backslashes, pipes) stays one label.

>>> edges = [("广东省人民政府", "清远市人民政府", "evaluates"), ('a"b', "c|d", "supervises")]
>>> print(mermaid(edges))
graph TD
  n0["广东省人民政府"]
  n1["清远市人民政府"]
  n2["a#quot;b"]
  n3["c#124;d"]
  n0 -->|"考核 evaluates"| n1
  n2 -->|"监督 supervises"| n3
>>> print(dot(edges[1:]))
digraph oversight {
  node [shape=box, fontname="Noto Sans CJK SC"];
  n0 [label="a\\"b"];
  n1 [label="c|d"];
  n0 -> n1 [label="监督 supervises"];
}
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache

from kg.core.resources import viz_path

FORMATS = ("mermaid", "dot")
Edge = tuple[str, str, str]  # (overseer name, overseen name, kind)


@lru_cache(maxsize=1)
def _kind_labels() -> dict[str, str]:
    relations = json.loads(viz_path("styles.json").read_text("utf-8"))["relations"]
    return {key: f"{entry['zh']} {key}" for key, entry in relations.items()}


def kind_label(kind: str) -> str:
    return _kind_labels().get(kind, kind)


def _ids(edges: list[Edge]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for u, v, _ in edges:
        for name in (u, v):
            ids.setdefault(name, f"n{len(ids)}")
    return ids


def _mermaid_text(text: str) -> str:
    """Mermaid entity codes for what would end or split a quoted label."""
    out = text.replace("#", "#35;").replace('"', "#quot;").replace("|", "#124;")
    return out.replace("<", "#lt;").replace(">", "#gt;").replace("\n", " ")


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _unique(edges: Iterable[Edge]) -> list[Edge]:
    return list(dict.fromkeys(edges))


def mermaid(edges: Iterable[Edge]) -> str:
    unique = _unique(edges)
    ids = _ids(unique)
    lines = ["graph TD"] + [f'  {i}["{_mermaid_text(name)}"]' for name, i in ids.items()]
    lines += [f'  {ids[u]} -->|"{_mermaid_text(kind_label(k))}"| {ids[v]}' for u, v, k in unique]
    return "\n".join(lines)


def dot(edges: Iterable[Edge]) -> str:
    unique = _unique(edges)
    ids = _ids(unique)
    lines = ["digraph oversight {", '  node [shape=box, fontname="Noto Sans CJK SC"];']
    lines += [f'  {i} [label="{_dot_text(name)}"];' for name, i in ids.items()]
    lines += [f'  {ids[u]} -> {ids[v]} [label="{_dot_text(kind_label(k))}"];' for u, v, k in unique]
    return "\n".join([*lines, "}"])


def render(edges: Iterable[Edge], fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown diagram format {fmt!r}; choose from {', '.join(FORMATS)}")
    return mermaid(edges) if fmt == "mermaid" else dot(edges)
