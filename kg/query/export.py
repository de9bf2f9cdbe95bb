"""Export the store to files other tools read: RDF (Turtle, N-Quads, TriG, JSON-LD), and the
networkx projection as GraphML, GEXF (Gephi) or CSV node and edge lists (headers for Neo4j's
``neo4j-admin database import``).

Exporters are registered by format name: :data:`EXPORTERS` (RDF and GraphML),
:data:`PROJECTION_EXPORTERS` (GEXF, CSV); :data:`FORMATS` holds both and is what ``kg export``
offers. The CSV export writes a folder holding ``nodes.csv`` and ``edges.csv`` (``excel=True``:
UTF-8 with a byte-order mark, which Excel needs to read Chinese text).

An oversight edge (supervises, evaluates, …) is one per kind and report stating it, with
``kind``, ``evidence`` (that report's sentences), ``report`` (its IRI) and ``file`` (its file
name), in every format.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.graph.terms import PREFIXES
from kg.query.project import project
from kg.store import KGStore, atomic_write_text
from kg.store.files import EXCEL_BOM


@dataclass(frozen=True)
class Exporter:
    suffix: str
    write: Callable[..., None]  # (store, path) → None; (store, path, excel=…) for a CSV writer
    folder: bool = False  # writes several files into a folder named by the output path
    excel: bool = False  # a CSV writer: its write takes excel= (a byte-order mark first)
    gzip: bool = False  # writes a gzip stream when the output's name ends in .gz


def _rdf(fmt: ox.RdfFormat) -> Callable[[KGStore, Path], None]:
    return lambda store, path: store.dump(path, fmt)


def _jsonld(store: KGStore, path: Path) -> None:
    """JSON-LD with a context of the project's prefixes, named graphs kept."""
    ds = store.rdflib_dataset()
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    data = ds.serialize(format="json-ld", context=context, indent=1)
    atomic_write_text(path, data)


def _plain(value: Any) -> Any:
    """GraphML/GEXF attributes are scalars: lists and dicts become JSON text."""
    return value if isinstance(value, (str, int, float, bool)) else json.dumps(value, ensure_ascii=False)


def _flat_projection(store: KGStore) -> nx.MultiDiGraph:
    graph = project(store)
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: _plain(v) for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _plain(x) for k, x in attrs.items() if x is not None})
    return flat


def _graphml(store: KGStore, path: Path) -> None:
    atomic_write_text(path, "\n".join(nx.generate_graphml(_flat_projection(store))))


def _gexf(store: KGStore, path: Path) -> None:
    """GEXF 1.2 for Gephi: node ``label`` is the name, attributes as in GraphML."""
    flat = _flat_projection(store)
    for u, v, key, attrs in flat.edges(keys=True, data=True):
        attrs["id"] = f"{u}|{key}|{v}"  # GEXF edge ids must be unique; the key alone repeats
    atomic_write_text(path, "\n".join(nx.generate_gexf(flat)))


# Neo4j labels and relationship types: one label per node type, UPPER_SNAKE relation names.
NEO4J_LABELS = {"report": "Report", "regulation": "Regulation", "agency": "Agency", "jurisdiction": "Jurisdiction",
                "duty": "Duty"}
NODE_COLUMNS = (":ID", "label", ":LABEL", "kind", "category", "doc_type", "file", "year", "adcode",
                "citations:int", "aliases:string[]", "evidence:string[]")
EDGE_COLUMNS = (":START_ID", ":END_ID", ":TYPE", "relation", "kind", "status", "report", "file", "evidence:string[]")
ARRAY_DELIMITER = ";"  # neo4j-admin's default --array-delimiter


def _array(values: Any) -> str:
    """A Neo4j string array cell; the delimiter inside a value becomes the full-width ；."""
    return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, "；") for v in values or ())


def _csv_text(rows: list[list[Any]], header: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _csv(store: KGStore, folder: Path, *, excel: bool = False) -> None:
    """``nodes.csv`` and ``edges.csv`` in ``folder``, UTF-8 (``excel``: with a byte-order mark),
    headers for ``neo4j-admin import``."""
    graph = project(store)
    nodes = [[node, d.get("label", ""), NEO4J_LABELS.get(d.get("type", ""), "Entity"), d.get("kind") or "",
              d.get("category") or "", d.get("doc_type") or "", d.get("file") or "", d.get("year") or "",
              d.get("adcode") or "", d.get("citations", ""), _array(d.get("aliases")), _array(d.get("evidence"))]
             for node, d in graph.nodes(data=True)]
    edges = [[u, v, d.get("relation", "").upper(), d.get("relation", ""), d.get("kind") or "", d.get("status") or "",
              d.get("report") or "", d.get("file") or "", _array(d.get("evidence"))]
             for u, v, d in graph.edges(data=True)]
    folder.mkdir(parents=True, exist_ok=True)
    bom = EXCEL_BOM if excel else ""
    atomic_write_text(folder / "nodes.csv", bom + _csv_text(nodes, NODE_COLUMNS))
    atomic_write_text(folder / "edges.csv", bom + _csv_text(edges, EDGE_COLUMNS))


EXPORTERS: dict[str, Exporter] = {
    "ttl": Exporter("ttl", gzip=True, write=_rdf(ox.RdfFormat.TURTLE)),
    "nq": Exporter("nq", gzip=True, write=_rdf(ox.RdfFormat.N_QUADS)),
    "trig": Exporter("trig", gzip=True, write=_rdf(ox.RdfFormat.TRIG)),
    "jsonld": Exporter("jsonld", _jsonld),
    "graphml": Exporter("graphml", _graphml),
}
PROJECTION_EXPORTERS: dict[str, Exporter] = {
    "gexf": Exporter("gexf", _gexf),
    "csv": Exporter("csv", _csv, folder=True, excel=True),
}
FORMATS: dict[str, Exporter] = {**EXPORTERS, **PROJECTION_EXPORTERS}


def export(store: KGStore, fmt: str, path: Path, *, excel: bool = False) -> Path:
    """Write format ``fmt`` to ``path`` (a folder for folder formats such as ``csv``);
    ``excel``: CSV files start with a byte-order mark (only for formats that write CSV)."""
    exporter = FORMATS[fmt]
    if excel and not exporter.excel:
        raise ValueError(f"--excel applies to CSV, not to the {fmt} export")
    if Path(path).suffix == ".gz" and not exporter.gzip:
        raise ValueError(f"a .gz output applies to {', '.join(n for n, e in FORMATS.items() if e.gzip)}, "
                         f"not to the {fmt} export")
    if exporter.excel:
        exporter.write(store, Path(path), excel=excel)
    else:
        exporter.write(store, Path(path))
    return Path(path)
