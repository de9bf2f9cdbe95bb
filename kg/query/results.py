"""What ``kg sparql`` prints: query solutions with their RDF terms kept (:class:`Solutions`),
written as a table, CSV, TSV, JSON or SPARQL Query Results XML (:data:`FORMATS`), and the
check that refuses a query calling another endpoint (:func:`uses_service`).

>>> s = Solutions(["x"], [{"x": ox.Literal("法", language="zh")}, {"x": ox.Literal("法", language="zh")}])
>>> len(s.distinct().rows)
1
>>> uses_service('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE <http://x/>')
False
>>> uses_service("SELECT * WHERE { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }")
True
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.store import SPARQL_PREFIXES, from_ox_term

FORMATS = ("table", "csv", "tsv", "json", "xml")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class Solutions:
    """SELECT solutions: the variables in order and one dict per row (pyoxigraph terms, None unbound)."""
    variables: list[str]
    rows: list[dict[str, Any]]

    @classmethod
    def from_ox(cls, result: Any) -> Solutions:
        names = [v.value for v in result.variables]
        return cls(names, [{n: row[n] for n in names} for row in result])

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Solutions:
        """From SPARQL 1.1 Query Results JSON (a remote endpoint's answer)."""
        names = data.get("head", {}).get("vars", [])
        return cls(names, [{n: _json_term(row.get(n)) for n in names} for row in data["results"]["bindings"]])

    def distinct(self) -> Solutions:
        """The same solutions with each row once (first occurrence kept, order kept)."""
        seen: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in self.rows:
            seen.setdefault(tuple(row[n] for n in self.variables), row)
        return Solutions(self.variables, list(seen.values()))

    def plain(self) -> list[dict[str, Any]]:
        """Rows of plain values, as :meth:`kg.store.KGStore.query` gives them."""
        return [{n: from_ox_term(row[n]) for n in self.variables} for row in self.rows]


def _json_term(term: dict[str, str] | None) -> Any:
    if term is None:
        return None
    if term["type"] == "uri":
        return ox.NamedNode(term["value"])
    if term["type"] == "bnode":
        return ox.BlankNode(term["value"])
    if term.get("xml:lang"):
        return ox.Literal(term["value"], language=term["xml:lang"])
    if term.get("datatype"):
        return ox.Literal(term["value"], datatype=ox.NamedNode(term["datatype"]))
    return ox.Literal(term["value"])


def write_delimited(solutions: Solutions, out: TextIO, delimiter: str = ",") -> None:
    """CSV (``,``) or TSV (tab): a header of variable names, then plain values (a value holding
    the delimiter, a quote or a newline is quoted, as the csv module does)."""
    writer = csv.DictWriter(out, fieldnames=solutions.variables, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(solutions.plain())


def write_json(solutions: Solutions, out: TextIO) -> None:
    """A JSON list of rows of plain values (numbers as numbers, IRIs as strings)."""
    json.dump(solutions.plain(), out, ensure_ascii=False, indent=1)
    out.write("\n")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype and term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def write_xml(solutions: Solutions | bool, out: TextIO) -> None:
    """SPARQL Query Results XML Format (https://www.w3.org/TR/rdf-sparql-XMLres/); a bool is an ASK answer."""
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n')
    if isinstance(solutions, bool):
        out.write(f" <head/>\n <boolean>{'true' if solutions else 'false'}</boolean>\n</sparql>\n")
        return
    out.write(" <head>\n")
    for name in solutions.variables:
        out.write(f"  <variable name={quoteattr(name)}/>\n")
    out.write(" </head>\n <results>\n")
    for row in solutions.rows:
        out.write("  <result>\n")
        for name in solutions.variables:
            if row[name] is not None:
                out.write(f"   <binding name={quoteattr(name)}>{_xml_term(row[name])}</binding>\n")
        out.write("  </result>\n")
    out.write(" </results>\n</sparql>\n")


# What can hide the keyword SERVICE without being it: strings (long forms first), IRIs, comments.
# Scanned left to right, so a "#" inside a string or IRI, or a quote inside a comment, is not misread.
_NOT_CODE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                       r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*', re.S)
# the keyword, not part of a name (?service, ex:service, service:x, a-service)
_SERVICE = re.compile(r"(?<![\w:?$.\-])SERVICE(?![\w:\-])", re.I)


def uses_service(text: str) -> bool:
    """Whether the query calls another endpoint (``SERVICE``), which the local store would
    fetch: any URL the query names, from the user's machine. A keyword found outside strings,
    IRIs and comments is confirmed by rdflib's SPARQL parser; a query rdflib cannot parse
    (Oxigraph accepts a few extensions) counts as calling one."""
    if not _SERVICE.search(_NOT_CODE.sub(" ", text)):
        return False
    try:
        from rdflib.plugins.sparql.parser import parseQuery

        parsed = parseQuery(SPARQL_PREFIXES + text)
    except Exception:  # noqa: BLE001  (any parse failure: keep the keyword's verdict)
        return True
    return _has_service(parsed)


def _has_service(node: Any) -> bool:
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(v) for v in node.values())
    if isinstance(node, Iterable) and not isinstance(node, (str, bytes)):
        return any(_has_service(v) for v in node)
    return False
