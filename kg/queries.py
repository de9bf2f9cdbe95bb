"""Saved SPARQL queries (``ontology/queries/*.rq``), run with bound parameters.

>>> sorted(saved_queries())[:2]
['citations-by-report', 'most-cited']
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.resolve.regulations import title_key
from kg.resources import ontology_path
from kg.store import KGStore


@lru_cache(maxsize=None)
def saved_queries() -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in sorted(ontology_path("queries").glob("*.rq"))}


def query_params(name: str) -> list[str]:
    """The variables a saved query expects bound, from its ``# params: ?a ?b`` line.

    >>> query_params("reports-citing")
    ['regulation']
    """
    for line in saved_queries()[name].splitlines():
        if line.startswith("# params:"):
            return re.findall(r"\?(\w+)", line.split("—")[0])
    return []


def run_saved(store: KGStore, name: str, **bindings: Any) -> Any:
    """Run saved query ``name``; keyword arguments bind its variables (IRIs as rdflib URIRef)."""
    try:
        text = saved_queries()[name]
    except KeyError:
        raise KeyError(f"no saved query {name!r}; have: {', '.join(saved_queries())}") from None
    return store.query(text, bindings)


def find_regulations(store: KGStore, name: str, cutoff: float = 0.8) -> list[tuple[str, str, str]]:
    """Documents whose names match ``name``: ``(iri, matched name, how)`` with ``how`` one of
    ``exact`` (same matching key), ``contains`` (the name is part of a title, e.g. a short
    form like 纲要) or ``close`` (a near spelling)."""
    wanted = title_key(name)
    names = [(row["regulation"], row["name"]) for row in run_saved(store, "regulation-names")]
    found: dict[str, tuple[str, str, str]] = {}
    for how in ("exact", "contains", "close"):
        for iri, label in names:
            key = title_key(label)
            if iri in found:
                continue
            if how == "exact" and key == wanted \
                    or how == "contains" and wanted and wanted in key \
                    or how == "close" and difflib.SequenceMatcher(None, key, wanted).ratio() >= cutoff:
                found[iri] = (iri, label, how)
        if found:
            break
    return list(found.values())


def reports_citing(store: KGStore, iri: str) -> list[dict[str, Any]]:
    return run_saved(store, "reports-citing", regulation=URIRef(iri))
