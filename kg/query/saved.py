"""Questions asked through the saved SPARQL queries (``ontology/queries/*.rq``, loaded and
bound by :mod:`kg.core.sparql`): :func:`run_saved`, and names of documents, the reports citing one, where.

>>> "reports-citing" in saved_queries()
True
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from kg.core.sparql import bind, query_params, saved_queries, saved_query, slots  # noqa: F401  (the query API)
from kg.core.titles import title_key
from kg.store import KGStore


def run_saved(store: KGStore, name: str, *, limit: int | None = None, offset: int = 0,
              graphs: Iterable[str] | None = None, **bindings: Any) -> Any:
    """Run saved query ``name``; keyword arguments bind its parameters (IRIs as
    ``pyoxigraph.NamedNode``, or rdflib ``URIRef`` where rdflib is loaded anyway). ``limit``
    and ``offset`` return one page of the rows; ``graphs`` limits the named graphs
    ``GRAPH ?g`` ranges over (see :meth:`KGStore.query`)."""
    text = bind(saved_query(name), **bindings)
    if limit is not None:
        text += f"\nLIMIT {int(limit)}"
    if offset:
        text += f"\nOFFSET {int(offset)}"
    return store.query(text, graphs=graphs)


NameTier = tuple[str, Callable[[str], bool]]


def match_names(names: Iterable[tuple[str, str]], tiers: Sequence[NameTier]) -> tuple[str, dict[str, str]]:
    """Name lookup by tiers, as the CLI does it for documents, agencies and places: the first
    tier ``(how, test)`` whose test some name passes wins; returns ``(how, {iri: first matching
    name})``, or ``("", {})`` when no tier matches.

    >>> names = [("a", "行政复议法"), ("b", "行政诉讼法")]
    >>> match_names(names, [("exact", "诉讼".__eq__), ("contains", lambda n: "诉讼" in n)])
    ('contains', {'b': '行政诉讼法'})
    """
    names = list(names)
    for how, test in tiers:
        hits: dict[str, str] = {}
        for iri, name in names:
            if iri not in hits and test(name):
                hits[iri] = name
        if hits:
            return how, hits
    return "", {}


def find_regulations(store: KGStore, name: str, cutoff: float = 0.8) -> list[tuple[str, str, str]]:
    """Documents whose names match ``name``: ``(iri, matched name, how)`` with ``how`` one of
    ``exact`` (same matching key), ``contains`` (the name is part of a title, e.g. a short
    form like 纲要) or ``close`` (a near spelling)."""
    wanted = title_key(name)
    if not wanted:
        return []
    # an exact name is found by index (every name's key is stored); the other tiers scan every name
    keyed = [(row["regulation"], row["name"]) for row in run_saved(store, "regulation-by-key", key=ox.Literal(wanted))]
    how, hits = match_names(keyed, (("exact", lambda label: title_key(label) == wanted),))
    if hits:
        return [(iri, label, how) for iri, label in hits.items()]
    names = [(row["regulation"], row["name"]) for row in run_saved(store, "regulation-names")]
    how, hits = match_names(names, (
        ("contains", lambda label: bool(wanted) and wanted in title_key(label)),
        ("close", lambda label: difflib.SequenceMatcher(None, title_key(label), wanted).ratio() >= cutoff),
    ))
    return [(iri, label, how) for iri, label in hits.items()]


def reports_citing(store: KGStore, iri: str, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """The reports citing the document ``iri``: one row per report (``report``, ``file``,
    ``title``), all of them or one page (see :func:`count_reports_citing` for the total)."""
    return run_saved(store, "reports-citing", limit=limit, offset=offset, regulation=ox.NamedNode(iri))


def count_reports_citing(store: KGStore, iri: str) -> int:
    rows = run_saved(store, "reports-citing-count", regulation=ox.NamedNode(iri))
    return rows[0]["reports"] if rows else 0


def citation_evidence_page(store: KGStore, iri: str, reports: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """:func:`citation_evidence` of each of ``reports`` (a page of ``kg cites``) in one query
    over their graphs: report IRI → rows."""
    found: dict[str, list[dict[str, Any]]] = {report: [] for report in reports}
    if reports:
        for row in run_saved(store, "citation-evidence", regulation=ox.NamedNode(iri), graphs=reports):
            found[row["report"]].append(row)
    return found


def citation_evidence(store: KGStore, iri: str, report: str) -> list[dict[str, Any]]:
    """Where ``report`` cites the document ``iri``: ``citedAs``, ``sentence``, ``start``, ``end``."""
    return run_saved(store, "citation-evidence", regulation=ox.NamedNode(iri), report=ox.NamedNode(report))
