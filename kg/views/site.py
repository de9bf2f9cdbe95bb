"""Write a folder of views: pages, ``index.html`` and ``lib/`` (vis-network from the pyvis
package and the page script), so the folder opens offline from disk or over ``kg serve``.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pyvis
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.core.resources import viz_path
from kg.core.sparql import from_ox_term
from kg.graph.terms import FZ, digest, report_iri
from kg.query.project import project, project_reports
from kg.query.saved import run_saved
from kg.store import KGStore, atomic_write_text
from kg.views.oversight import oversight_options, oversight_view
from kg.views.page import INDEX_ROWS, PAGE_SCRIPT, render_index, render_page, safe_json
from kg.views.selection import ViewGraph, annotate, focus_view, limit_view, type_view
from kg.views.styles import vis_options
from kg.views.summary import OVERSIGHT_BODIES, OversightRows, oversight_summary, summary_view

VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
LIB_FILES = ((VIS_LIB / "vis-network.min.js", "vis-network.min.js"), (VIS_LIB / "vis-network.css", "vis-network.css"),
             (viz_path("view.js"), "view.js"), (viz_path("view.css"), "view.css"), (viz_path("index.js"), "index.js"))
MAX_NODES = 5000  # per page: beyond this a browser page is no longer usable; the page says what was left out
# Up to this many reports, the overview and oversight view project every report graph and every
# report gets its page; beyond, both views are drawn from bounded aggregates (kg.views.summary)
# and a report's page is made when asked (`kg viz --report`, or /view/report/<id> of `kg serve`):
# at 10,000 reports the projection alone took minutes, and pages of every report ~200 MB.
SCALE_AT = 1000
ON_DEMAND = "view/report/"  # the route of `kg serve` that makes a report's page when asked


@dataclass(frozen=True)
class Page:
    path: Path
    title: str
    kind: str  # graph | oversight | report | focus
    nodes: int
    edges: int


RDF_TYPE, REPORT_CLASS = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(FZ.Report))


def reports_in(store: KGStore) -> list[dict[str, str]]:
    """``{"r", "file", "title"}`` of every report, by file name."""
    return run_saved(store, "reports")


def all_reports(store: KGStore) -> list[dict[str, str]]:
    """:func:`reports_in` from an unordered query, grouped and sorted here (the same rows, the
    first title of a report of several; at 100,000 reports the saved query's GROUP BY and ORDER
    BY over strings cost several times the scan)."""
    found: dict[str, dict[str, str]] = {}
    for row in run_saved(store, "view-reports"):
        seen = found.setdefault(row["r"], {"r": row["r"], "file": row["file"], "title": row["title"]})
        if row["title"] and (seen["title"] is None or row["title"] < seen["title"]):
            seen["title"] = row["title"]
    return sorted(found.values(), key=lambda row: (row["file"], row["r"]))


def report_count(store: KGStore) -> int:
    return int(run_saved(store, "view-report-count")[0]["n"])


def find_reports(store: KGStore, name: str) -> list[dict[str, Any]]:
    """Reports whose IRI or file name is ``name``, else whose file name or title contains it.
    The exact names are index look-ups (every report read and sorted took 20 s at 100,000);
    only a part of a name reads them all."""
    return _named_exactly(store, name) or [r for r in reports_in(store)
                                           if name in r["file"] or name in (r["title"] or "")]


def _named_exactly(store: KGStore, name: str) -> list[dict[str, Any]]:
    """The rows of :func:`reports_in` whose IRI or file name is ``name``."""
    file_name, title = ox.NamedNode(str(FZ.fileName)), ox.NamedNode(str(DCTERMS.title))
    quads = list(store.ox.quads_for_pattern(None, file_name, ox.Literal(name)))
    if name.startswith(("http://", "https://")):
        quads += store.ox.quads_for_pattern(ox.NamedNode(name), file_name, None)
    found = {(from_ox_term(q.subject), from_ox_term(q.object)) for q in quads}
    rows: list[dict[str, Any]] = []
    for report, file in sorted(found, key=lambda found: (found[1], found[0])):
        if not any(True for _ in store.ox.quads_for_pattern(ox.NamedNode(report), RDF_TYPE, REPORT_CLASS)):
            continue  # the saved query's ?r a fz:Report
        titles = sorted(from_ox_term(q.object) for q in store.ox.quads_for_pattern(ox.NamedNode(report), title, None))
        rows.append({"r": report, "file": file, "title": titles[0] if titles else None})
    return rows


def _write_page(path: Path, html: str) -> None:
    atomic_write_text(path, html)
    os.chmod(path, 0o644)  # a page is for reading by anyone who can read the folder (temp files are 0600)


# IRI path segment → node type, for nodes the projection adds only as an edge end
_TYPE_BY_SEGMENT = {"place": "jurisdiction", "agency": "agency", "regulation": "regulation", "duty": "duty",
                    "report": "report"}


def complete_nodes(store: KGStore, g: nx.MultiDiGraph, labels: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """Give a type and a label to nodes the projection created only as an edge end (e.g. the
    parent region of a report's place), so the view does not show a bare IRI. ``labels``
    keeps the labels found, for the next graph (the pages of many reports share most of them)."""
    labels = {} if labels is None else labels
    for node, data in g.nodes(data=True):
        if "type" in data:
            continue
        segment = node.rsplit("/", 2)[-2] if node.count("/") >= 2 else ""
        data["type"] = _TYPE_BY_SEGMENT.get(segment, "agency")
        if node not in labels:
            rows = run_saved(store, "node-label", n=URIRef(node))
            labels[node] = rows[0]["l"] if rows else node.rsplit("/", 1)[-1]
        data["label"] = labels[node]
    return g


def copy_lib(out: Path) -> None:
    lib = out / "lib"
    lib.mkdir(parents=True, exist_ok=True)
    for source, name in LIB_FILES:
        shutil.copyfile(source, lib / name)


def write_site(store: KGStore, out: Path, *, report: str | None = None, focus: str | None = None, depth: int = 1,
               types: set[str] | None = None, size_by: str = "degree", max_nodes: int = MAX_NODES,
               per_report: bool | None = None, endpoint: str | None = None, oversight: bool = False,
               scale_at: int = SCALE_AT, served: bool = False,
               progress: Callable[[str], None] | None = None) -> list[Page]:
    """Write the views into ``out`` and return the pages (index first).

    No selection: the overview, the oversight view, and the index of the reports; up to
    ``scale_at`` reports the two views project every report graph, beyond they are drawn from
    aggregates. ``per_report``: one page per report (None: when there are at most ``scale_at``
    reports); without, the index lists every report, linked to ``/view/report/<id>`` when
    ``served`` (``kg serve`` makes the page when asked), else naming ``kg viz --report FILE``.
    ``report``: the pages of the matching reports. ``focus``: the neighbourhood of the matching
    entities, ``depth`` steps. ``oversight``: only the oversight network.
    """
    out = Path(out)
    copy_lib(out)
    pages: list[Page] = []

    def write(file_name: str, kind: str, view: ViewGraph) -> None:
        """Render one view as soon as it is projected: only one page's graph is held at a time."""
        options = None
        if kind == "oversight":  # agencies only, whatever --types says
            view, options = limit_view(view, max_nodes), oversight_options(vis_options())
        else:
            view = limit_view(type_view(view, types), max_nodes)
        path = out / file_name
        _write_page(path, render_page(view, size_by=size_by, options=options, overview=kind == "graph"))
        pages.append(Page(path, view.title, kind, view.graph.number_of_nodes(), view.graph.number_of_edges()))
        if progress:
            progress(str(path))

    on_demand: list[dict[str, str]] = []
    if oversight:
        if report_count(store) > scale_at:
            write("oversight.html", "oversight", oversight_summary(store, min(max_nodes, OVERSIGHT_BODIES)))
        else:
            write("oversight.html", "oversight", oversight_view(annotate(complete_nodes(store, project(store)))))
    elif focus is not None:
        whole = ViewGraph(annotate(complete_nodes(store, project(store))), "")
        write(f"focus-{digest(focus + str(depth), 12)}.html", "focus", focus_view(whole, focus, depth))
    elif report is not None:
        chosen = find_reports(store, report)
        if not chosen:
            raise LookupError(f"no report matches {report!r}")
        labels: dict[str, str] = {}
        # one query of each kind per batch of reports, not one per report
        for row, (_, graph) in zip(chosen, project_reports(store, [row["r"] for row in chosen]), strict=True):
            write(report_file(row["r"]), "report", _report_view(store, row, graph, labels))
    else:
        everyone = all_reports(store)
        large = len(everyone) > scale_at
        if large:
            rows = OversightRows.read(store)  # read once for both views
            write("graph.html", "graph", summary_view(store, rows=rows))
            write("oversight.html", "oversight", oversight_summary(store, min(max_nodes, OVERSIGHT_BODIES), rows))
        else:
            whole = ViewGraph(annotate(complete_nodes(store, project(store))), "全部报告 whole graph")
            write("graph.html", "graph", whole)
            write("oversight.html", "oversight", oversight_view(whole.graph))
            del whole
        if per_report if per_report is not None else not large:
            labels = {}
            for row, (_, graph) in zip(everyone, project_reports(store, [row["r"] for row in everyone]), strict=True):
                write(report_file(row["r"]), "report", _report_view(store, row, graph, labels))
        else:  # pages on demand: the index lists every report all the same
            on_demand = everyone
    waiting = [{"href": ON_DEMAND + row["r"].rsplit("/", 1)[-1] if served else "", "title": _report_title(row),
                "kind": "report", "file": row["file"], "id": row["r"].rsplit("/", 1)[-1]} for row in on_demand]
    listed = _update_page_list(out, [{"href": p.path.name, "title": p.title, "kind": p.kind, "nodes": p.nodes,
                                      "edges": p.edges} for p in pages], waiting)
    asked = sum(1 for p in listed if p.get("id"))
    index = out / "index.html"
    notes = [f"{asked} reports: a report's page is made when asked"
             + (" (its link)" if served else " (kg viz --report FILE --out this folder)")] if asked else []
    _write_page(index, render_index("fazhi-kg views", listed, notes, endpoint))
    if len(listed) > INDEX_ROWS:  # the whole list, for the index's search and paging
        _write_page(out / PAGE_SCRIPT, f"window.KG_PAGES = {safe_json(listed)};\n")
    else:
        (out / PAGE_SCRIPT).unlink(missing_ok=True)
    return [Page(index, "index", "index", 0, 0), *pages]


def report_file(iri: str) -> str:
    """The page of a report (its IRI, or anything ending in its id)."""
    return f"report-{iri.rsplit('/', 1)[-1]}.html"


def _report_title(row: dict[str, str]) -> str:
    return f"{row['title'] or row['file']} ({row['file']})"


def _report_view(store: KGStore, row: dict[str, str], graph: nx.MultiDiGraph, labels: dict[str, str]) -> ViewGraph:
    return ViewGraph(annotate(complete_nodes(store, graph, labels)), _report_title(row))


def write_report_page(store: KGStore, out: Path, ident: str, *, max_nodes: int = MAX_NODES) -> Path | None:
    """The page of the report whose id (the last segment of its IRI) is ``ident``, written into
    ``out`` (``kg serve``'s pages on demand); None when the store has no such report. The index
    is left as it is (it lists the report already)."""
    try:
        iri = str(report_iri(ident))
    except ValueError:
        return None
    found = run_saved(store, "projection-reports", graphs=[iri])
    if not found:
        return None
    (_, graph), = project_reports(store, [iri])
    row = {"r": iri, "file": found[0]["file"], "title": found[0]["title"]}
    path = Path(out) / report_file(iri)
    _write_page(path, render_page(limit_view(_report_view(store, row, graph, {}), max_nodes)))
    return path


PAGE_LIST = "pages.json"


def _update_page_list(out: Path, written: list[dict], waiting: list[dict]) -> list[dict]:
    """Every page in ``out``: those written now and those an earlier ``kg viz`` wrote there
    (a --focus page must not push the whole-graph and report pages out of the index), then the
    reports whose page is made on demand (rows with an ``id``: ``waiting``, else those listed
    before), less those whose page is in the folder now."""
    try:
        earlier = json.loads((out / PAGE_LIST).read_text("utf-8"))
    except (OSError, ValueError):
        earlier = []
    now = {p["href"] for p in written}
    kept = [p for p in earlier if isinstance(p, dict) and not p.get("id") and p.get("href") not in now
            and (out / str(p.get("href"))).is_file()]
    made = {p["href"] for p in written + kept}
    asked = waiting or [p for p in earlier if isinstance(p, dict) and p.get("id")]
    listed = written + kept + [p for p in asked if report_file(str(p["id"])) not in made]
    atomic_write_text(out / PAGE_LIST, json.dumps(listed, ensure_ascii=False, indent=1))
    return listed
