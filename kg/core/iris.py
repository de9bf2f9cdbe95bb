"""The one base of every IRI the project writes or asks for.

``FAZHI_KG_BASE`` (default ``https://w3id.org/fazhi-kg/``) is read here once. IRIs are minted
from it (:mod:`kg.graph.terms`), the SPARQL prefixes of every query are declared from it
(:data:`kg.graph.terms.PREFIXES`), and the shipped ontology files, written with the default
base, are read with their IRIs moved under it (:func:`rebased_turtle`) — so a store built
with another base agrees with itself.

>>> rebase("https://w3id.org/fazhi-kg/ontology#Report") == BASE + "ontology#Report"
True
>>> rebase("http://www.w3.org/2004/02/skos/core#Concept")
'http://www.w3.org/2004/02/skos/core#Concept'
"""
from __future__ import annotations

import hashlib
import os
from typing import Any

from kg.core.resources import ontology_path

DEFAULT_BASE = "https://w3id.org/fazhi-kg/"  # the base the files under ontology/ are written with


def _checked_base(base: str) -> str:
    """``base`` as an IRI prefix: absolute, no spaces or IRI delimiters, ending in ``/``."""
    if not base.endswith("/"):
        base += "/"
    scheme, sep, rest = base.partition("://")
    if not (sep and scheme.isascii() and scheme.isalpha() and rest.strip("/")) or any(
            c in base for c in ' <>"{}|\\^`'):
        raise ValueError(f"FAZHI_KG_BASE must be an absolute IRI such as https://example.org/kg/, not {base!r}")
    return base


BASE = _checked_base(os.environ.get("FAZHI_KG_BASE") or DEFAULT_BASE)


def rebase(iri: str) -> str:
    """An IRI of the shipped files (under :data:`DEFAULT_BASE`) under :data:`BASE`; other IRIs unchanged."""
    return BASE + iri[len(DEFAULT_BASE):] if iri.startswith(DEFAULT_BASE) else iri


def digest(text: str, n: int = 16) -> str:
    """The short hash the IRIs of nodes named by what they stand for end in (hex of SHA-1)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def citation_status_id(report: str, regulation: str) -> str:
    """What can be said of a cited document on the citing report's date (one node per report
    and document): a plain string, for readers of the store that do not load rdflib.

    >>> citation_status_id("https://example.org/r", "https://example.org/d")
    'https://example.org/r#validity-8682bef21a4ebc0a'
    """
    return f"{report}#validity-{digest(regulation)}"


def rebased_turtle(name: str, into: Any = None) -> Any:
    """The Turtle file ``ontology/<name>`` as an rdflib ``Graph`` whose IRIs are under
    :data:`BASE` (each term rewritten after parsing, prefixes included), added to ``into``
    when given.

    >>> g = rebased_turtle("fazhi.ttl")
    >>> any(str(s) == BASE + "ontology#Report" for s in g.subjects())
    True
    """
    from rdflib import Graph, URIRef

    source = Graph().parse(ontology_path(name), format="turtle")
    graph = into if into is not None else Graph()

    def term(node: Any) -> Any:
        return URIRef(rebase(str(node))) if isinstance(node, URIRef) else node

    if into is None:
        for prefix, namespace in source.namespaces():
            graph.bind(prefix, URIRef(rebase(str(namespace))), replace=True)
    for s, p, o in source:
        graph.add((term(s), term(p), term(o)))
    return graph
