"""All SPARQL lives in ontology/queries/*.rq, written without the IRI base, and parameters are
bound in their VALUES slots as terms pyoxigraph serializes — never as text pasted in."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.core.iris import BASE, DEFAULT_BASE
from kg.core.sparql import bind, query_params, saved_queries, slots
from kg.graph.terms import regulation_iri
from kg.query.saved import reports_citing, run_saved
from kg.store import SPARQL_PREFIXES, KGStore

KG = Path(__file__).resolve().parents[1] / "kg"
SPARQL_TEXT = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE)\b[^\n]*[?{]|\bASK\s*\{\s*\S|\bPREFIX\s+\w*:\s*<")
DECREE = URIRef(str(regulation_iri("重大行政决策程序暂行条例")))


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_a_saved_query_documents_its_slots_and_names_no_base(name):
    text = saved_queries()[name]
    assert query_params(name) == slots(text)  # `# params:` lists exactly the slots, in order
    assert DEFAULT_BASE not in text and BASE not in text and "w3id" not in text
    ox.Store().query(SPARQL_PREFIXES + text)  # valid SPARQL as it stands (slots unbound)


def _strings(tree: ast.AST):
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node
        elif isinstance(node, ast.JoinedStr):
            yield node


@pytest.mark.parametrize("path", sorted(KG.rglob("*.py")), ids=lambda p: str(p.relative_to(KG)))
def test_no_sparql_in_python_modules(path):
    """Queries are .rq files; a module holds none (the one exception: the empty ``ASK {}`` that
    `kg serve` probes a starting server with)."""
    found = []
    for node in _strings(ast.parse(path.read_text("utf-8"))):
        text = ast.unparse(node) if isinstance(node, ast.JoinedStr) else node.value
        if SPARQL_TEXT.search(text) and text != "ASK {}":
            found.append(f"{path.name}:{node.lineno}: {text[:60]!r}")
    assert not found


def test_bound_values_are_serialized_terms_and_cannot_change_the_query(built_store):
    text = saved_queries()["regulation-by-key"]
    hostile = 'x" } } SELECT * WHERE { ?s ?p ?o } #\nVALUES ?key { UNDEF }'
    bound = bind(text, key=Literal(hostile))
    assert slots(bound) == []  # the value's own slot-like text is not a slot: one pass fills the real one
    with KGStore(built_store, read_only=True) as store:
        assert run_saved(store, "regulation-by-key", key=Literal(hostile)) == []  # a literal, matched as one
        # a language-tagged or typed literal keeps its tag and type
        assert bind("SELECT * WHERE {\n  VALUES ?x { UNDEF }\n}", x=Literal("法", lang="zh")).count('"法"@zh') == 1
    with pytest.raises(ValueError):
        bind(text, key=URIRef("http://example.org/a b>"))  # not an IRI: refused by pyoxigraph
    with pytest.raises(KeyError, match="no slot"):
        bind(text, regulation=DECREE)  # a binding the query has no slot for is an error, not ignored


def test_a_slot_left_unbound_is_a_free_variable(built_store):
    with KGStore(built_store, read_only=True) as store:
        one = reports_citing(store, str(DECREE))
        every = run_saved(store, "reports-citing")
    assert one and {r["regulation"] for r in one} == {str(DECREE)}
    assert len({r["regulation"] for r in every}) > 10 and {tuple(r.items()) for r in one} <= {
        tuple(r.items()) for r in every}


def test_oversight_query_binds_the_agency_in_each_branch():
    """Bound outside the UNION, the agency would be joined only after both branches had been
    matched in full (measured 20x slower at 1,000 reports)."""
    text = saved_queries()["oversight-of-agency"]
    branches = text.split("} UNION {")
    assert len(branches) == 2 and all(slots(b) == ["agency"] for b in branches)


def _restated(built_store, tmp_path) -> KGStore:
    """A copy of the sample store where every fact is stated twice: each statement derived
    from a sentence has a twin (another node, the same triples: two finders reading one
    sentence), and each entity's preferred name is also among its other names."""
    store = KGStore(tmp_path / "restated")
    with KGStore(built_store, read_only=True) as built:
        quads = list(built.ox)
    store.ox.extend(quads)
    derived = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    alt = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    stated = {(q.subject, q.graph_name) for q in quads if q.predicate == derived}
    twins = {key: ox.BlankNode() for key in stated}
    store.ox.extend([ox.Quad(twins[q.subject, q.graph_name], q.predicate, q.object, q.graph_name)
                     for q in quads if (q.subject, q.graph_name) in twins])
    store.ox.extend([ox.Quad(q.subject, alt, q.object, q.graph_name) for q in quads if q.predicate == pref])
    return store


def test_saved_queries_list_each_row_once_when_facts_are_stated_twice(built_store, tmp_path):
    """Duplicate rows are never wanted from a saved query: a fact stated twice (two statements
    from one sentence, a name both preferred and alternative) gives its row once."""
    repeated = {}
    with _restated(built_store, tmp_path) as store:
        for name, text in sorted(saved_queries().items()):
            rows = store.query(text)
            if isinstance(rows, list) and all(isinstance(r, dict) for r in rows):  # not CONSTRUCT's triples
                keys = [tuple(r.values()) for r in rows]
                if len(keys) != len(set(keys)):
                    repeated[name] = len(keys) - len(set(keys))
    assert not repeated, repeated
