"""The SPARQL of the project: every query is a file ``ontology/queries/NAME.rq``, loaded and
bound here and run by name (:func:`kg.query.saved.run_saved`).

A query's text declares no prefixes (:data:`kg.store.SPARQL_PREFIXES`, derived from the one
IRI base, is put before it) and names no IRI of the base: shared graphs are ``fzg:entities``,
``fzg:places``…, so the same file answers on a store built under any ``FAZHI_KG_BASE``.

Parameters: a ``# params: ?a ?b — …`` comment line documents them, and each has a *slot*,
the line ``VALUES ?a { UNDEF }`` (alone on its line), placed where the author wants the value joined — at the
start of the WHERE group, where Oxigraph plans it as a binding (an index lookup), or inside
each branch of a UNION, where a binding outside would only be joined after every branch
had been matched. :func:`bind` writes each value into its slot as the N-Triples form
pyoxigraph serializes (never user text pasted into the query); an unbound slot keeps
``UNDEF`` (the variable is free), so a file is a valid query as it stands (``kg sparql
NAME``, or any SPARQL endpoint).

>>> text = bind(saved_queries()["reports-citing"], regulation=ox.NamedNode("https://example.org/r/1"))
>>> "VALUES ?regulation { <https://example.org/r/1> }" in text
True
"""
from __future__ import annotations

import re
import sys
from functools import cache
from typing import Any

import pyoxigraph as ox

from kg.core.resources import ontology_path

# A slot is a line of its own: a bound value is on its slot's line, inside a literal that
# pyoxigraph escaped (no raw newline), so no value can ever look like a slot.
SLOT = re.compile(r"^([ \t]*)VALUES \?(\w+) \{ UNDEF \}[ \t]*$", re.MULTILINE)


@cache
def saved_queries() -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in sorted(ontology_path("queries").glob("*.rq"))}


def saved_query(name: str) -> str:
    try:
        return saved_queries()[name]
    except KeyError:
        raise KeyError(f"no saved query {name!r}; have: {', '.join(saved_queries())}") from None


def query_params(name: str) -> list[str]:
    """The variables a saved query takes, from its ``# params: ?a ?b`` line.

    >>> query_params("reports-citing")
    ['regulation']
    """
    for line in saved_query(name).splitlines():
        if line.startswith("# params:"):
            return re.findall(r"\?(\w+)", line.split("—")[0])
    return []


def slots(text: str) -> list[str]:
    """The variables a query text has a slot for, in order of first appearance.

    >>> branch = "{\\n VALUES ?b { UNDEF }\\n }"
    >>> slots(f"SELECT * WHERE {{\\n VALUES ?a {{ UNDEF }}\\n {branch} UNION {branch} }}")
    ['a', 'b']
    >>> slots("SELECT * WHERE { VALUES ?a { UNDEF } }")  # not a line of its own: not a slot
    []
    """
    return list(dict.fromkeys(name for _, name in SLOT.findall(text)))


def bind(text: str, **bindings: Any) -> str:
    """``text`` with each slot ``VALUES ?name { UNDEF }`` (a line of its own) of a bound
    variable holding its value (a pyoxigraph or rdflib term, or a plain value as a literal,
    serialized by pyoxigraph).
    A binding without a slot is an error."""
    terms: dict[str, str] = {}
    for name, value in bindings.items():
        term = to_ox_term(value)
        if isinstance(term, ox.BlankNode):
            raise ValueError(f"?{name}: a blank node cannot be bound in a query")
        terms[name] = str(term)
    missing = set(terms) - set(slots(text))
    if missing:
        raise KeyError(f"the query has no slot `VALUES ?{sorted(missing)[0]} {{ UNDEF }}` for a bound value")
    return SLOT.sub(lambda m: f"{m[1]}VALUES ?{m[2]} {{ {terms[m[2]]} }}" if m[2] in terms else m[0], text)


def to_ox_term(term: Any) -> Any:
    """A pyoxigraph term (kept), rdflib term, or plain Python value (a literal) as a pyoxigraph
    term, for bound query parameters.

    >>> str(to_ox_term(ox.NamedNode("https://example.org/a"))), str(to_ox_term(3))
    ('<https://example.org/a>', '"3"')
    """
    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term
    # An rdflib term can only come from a caller that loaded rdflib: the query path never
    # imports it (it costs a command-line question more than the answer does).
    rdflib = sys.modules.get("rdflib")
    if rdflib is not None:
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.BNode):
            return ox.BlankNode(str(term))
        if isinstance(term, rdflib.Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    return ox.Literal(str(term))


def from_ox_term(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (IRIs and literals as strings, numbers as numbers)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
        if dt.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        return term.value
    return term.value
