"""Export the store to files other tools read: RDF (Turtle, N-Quads, JSON-LD) and GraphML.

Exporters are registered by format name in :data:`EXPORTERS`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import networkx as nx
import pyoxigraph as ox

from kg.graph.project import project
from kg.graph.terms import PREFIXES
from kg.store import KGStore, atomic_write_text


@dataclass(frozen=True)
class Exporter:
    suffix: str
    write: Callable[[KGStore, Path], None]


def _rdf(fmt: ox.RdfFormat) -> Callable[[KGStore, Path], None]:
    return lambda store, path: store.dump(path, fmt)


def _jsonld(store: KGStore, path: Path) -> None:
    """JSON-LD with a context of the project's prefixes, named graphs kept."""
    ds = store.rdflib_dataset()
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    data = ds.serialize(format="json-ld", context=context, indent=1)
    atomic_write_text(path, data)


def _graphml(store: KGStore, path: Path) -> None:
    graph = project(store)
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: (v if isinstance(v, (str, int, float, bool)) else json.dumps(v, ensure_ascii=False))
                               for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: (x if isinstance(x, (str, int, float, bool)) else json.dumps(x, ensure_ascii=False))
                                        for k, x in attrs.items() if x is not None})
    atomic_write_text(path, "\n".join(nx.generate_graphml(flat)))


EXPORTERS: dict[str, Exporter] = {
    "ttl": Exporter("ttl", _rdf(ox.RdfFormat.TURTLE)),
    "nq": Exporter("nq", _rdf(ox.RdfFormat.N_QUADS)),
    "trig": Exporter("trig", _rdf(ox.RdfFormat.TRIG)),
    "jsonld": Exporter("jsonld", _jsonld),
    "graphml": Exporter("graphml", _graphml),
}


def export(store: KGStore, fmt: str, path: Path) -> Path:
    EXPORTERS[fmt].write(store, Path(path))
    return Path(path)
