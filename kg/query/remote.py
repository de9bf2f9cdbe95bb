"""Talk to a SPARQL server: push named graphs (SPARQL 1.1 Graph Store HTTP Protocol) and run
queries (SPARQL 1.1 Protocol). Only the standard library (``urllib``) is used.

* :func:`push_store` — ``PUT <endpoint>?graph=<iri>`` with an N-Triples (or Turtle) body for
  every named graph of the store: each graph on the server is replaced, never merged, so
  pushing twice gives the same server state. A graph of more than :data:`TRIPLES_A_REQUEST`
  triples goes in parts, the first ``PUT`` and the rest ``POST`` (added to it): the stats and
  time graphs of 100,000 reports are millions of triples, one body each would be gigabytes in
  memory and one transaction on the server. Endpoints: Oxigraph ``http://host:7878/store``,
  Fuseki ``http://host:3030/DATASET/data``, Virtuoso ``http://host:8890/sparql-graph-crud``.
* :func:`remote_query` — POST ``application/sparql-query``; SELECT rows come back as the same
  plain dicts as :meth:`kg.store.KGStore.query` (numbers as numbers, IRIs as strings).

>>> graph_url("http://localhost:7878/store", "https://w3id.org/fazhi-kg/report/ab")
'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Ffazhi-kg%2Freport%2Fab'
>>> plain_value({"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"})
3
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.query.results import Solutions
from kg.store import SPARQL_PREFIXES, KGStore

CONTENT_TYPES = {"nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                 "ttl": ("text/turtle", ox.RdfFormat.TURTLE)}
INTEGER_TYPES = ("#integer", "#nonNegativeInteger", "#int", "#long")
DECIMAL_TYPES = ("#decimal", "#double", "#float")


class RemoteError(Exception):
    """The server refused or could not be reached; the message is for the user."""


@dataclass
class PushSummary:
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    failed: list[str] = field(default_factory=list)


def graph_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (indirect identification)."""
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"


def _request(req: urllib.request.Request, timeout: float) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as err:
        body = err.read()[:500].decode("utf-8", "replace").strip()
        raise RemoteError(f"{req.get_method()} {req.full_url}: HTTP {err.code} {err.reason}"
                          + (f": {body}" if body else "")) from err
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise RemoteError(f"{req.get_method()} {req.full_url}: cannot reach the server ({reason})") from err


def put_graph(endpoint: str, graph: str, body: bytes, *, fmt: str = "nt", timeout: float = 60.0,
              headers: dict[str, str] | None = None, add: bool = False) -> int:
    """Replace one named graph on the server (``add``: add the body's triples to it, ``POST``);
    returns the HTTP status (200, 201 or 204)."""
    content_type = CONTENT_TYPES[fmt][0]
    req = urllib.request.Request(graph_url(endpoint, graph), data=body, method="POST" if add else "PUT",
                                 headers={"Content-Type": f"{content_type}; charset=utf-8", **(headers or {})})
    status, _, _ = _request(req, timeout)
    return status


TRIPLES_A_REQUEST = 200_000  # a larger graph is sent in parts of this many triples


def graph_parts(quads: Iterable[Any], size: int | None = None) -> Iterator[list[ox.Triple]]:
    """The triples of one graph's quads in parts of ``size`` (:data:`TRIPLES_A_REQUEST`); once a
    blank node is met the rest stays in one part (a blank node's label holds within one body).

    >>> q = [ox.Quad(ox.NamedNode(f"https://x/{i}"), ox.NamedNode("https://x/p"), ox.Literal("v")) for i in range(5)]
    >>> [len(part) for part in graph_parts(q, 2)]
    [2, 2, 1]
    >>> [len(part) for part in graph_parts([*q[:3], ox.Quad(ox.BlankNode(), q[0].predicate, q[0].object), *q], 2)]
    [2, 7]
    """
    size = size or TRIPLES_A_REQUEST
    part: list[ox.Triple] = []
    blank = False
    for q in quads:
        part.append(ox.Triple(q.subject, q.predicate, q.object))
        blank = blank or isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
        if len(part) >= size and not blank:
            yield part
            part = []
    if part:
        yield part


def push_store(store: KGStore, endpoint: str, *, fmt: str = "nt", timeout: float = 60.0,
               headers: dict[str, str] | None = None,
               progress: Callable[[int, int], None] | None = None) -> PushSummary:
    """PUT every named graph of ``store`` to the Graph Store endpoint (one request per graph, or
    per part of :data:`TRIPLES_A_REQUEST` triples: :func:`graph_parts`).

    A graph the server refuses is listed in ``failed``; an unreachable server raises
    :class:`RemoteError` at once (no point trying the other thousands).
    """
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(CONTENT_TYPES)}")
    rdf_format = CONTENT_TYPES[fmt][1]
    names = store.graph_names()
    summary = PushSummary()
    for done, name in enumerate(names, 1):
        triples = size = 0
        try:
            for number, part in enumerate(graph_parts(store.iter_quads(name))):
                body = ox.serialize(part, format=rdf_format)
                assert body is not None  # no output file given: the bytes are returned
                put_graph(endpoint, name, body, fmt=fmt, timeout=timeout, headers=headers, add=number > 0)
                triples, size = triples + len(part), size + len(body)
        except RemoteError as err:
            if "cannot reach" in str(err):
                raise
            summary.failed.append(str(err))
        else:
            summary.graphs += 1
            summary.triples += triples
            summary.bytes += size
        if progress:
            progress(done, len(names))
    return summary


def plain_value(term: dict[str, str] | None) -> Any:
    """A SPARQL JSON result term as a plain Python value (as :func:`kg.store.from_ox_term`)."""
    if term is None:
        return None
    if term.get("type") in ("literal", "typed-literal"):
        dt = term.get("datatype", "")
        if dt.endswith(INTEGER_TYPES):
            return int(term["value"])
        if dt.endswith(DECIMAL_TYPES):
            return float(term["value"])
    return term["value"]


def remote_query(endpoint: str, sparql: str, *, timeout: float = 60.0, prefixes: bool = True,
                 headers: dict[str, str] | None = None, terms: bool = False) -> Any:
    """Run a query on a SPARQL 1.1 Protocol endpoint (e.g. Oxigraph ``/query``, Fuseki
    ``/DATASET/sparql``). SELECT → list of dicts; ASK → bool; CONSTRUCT/DESCRIBE → list of
    N-Triples lines. The project prefixes (fz, dcterms, …) are predeclared as locally.
    With ``terms``, SELECT gives :class:`kg.query.results.Solutions` (RDF terms kept).
    """
    text = (SPARQL_PREFIXES + sparql) if prefixes else sparql
    req = urllib.request.Request(endpoint, data=text.encode("utf-8"), method="POST", headers={
        "Content-Type": "application/sparql-query; charset=utf-8",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9, text/plain;q=0.5",
        **(headers or {})})
    _, content_type, body = _request(req, timeout)
    if "json" in content_type:
        data = json.loads(body)
        if "boolean" in data:
            return bool(data["boolean"])
        if terms:
            return Solutions.from_json(data)
        names = data.get("head", {}).get("vars", [])
        return [{n: plain_value(row.get(n)) for n in names} for row in data["results"]["bindings"]]
    return [line for line in body.decode("utf-8").splitlines() if line.strip()]
