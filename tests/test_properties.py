"""Property-based tests (hypothesis): any text — real reports sliced, mutated and salted with
odd characters — normalizes and extracts without raising, every offset maps back inside the
original, every evidence quote is found in the original, any name mints a valid IRI, and the
RDF of a mutated report satisfies the SHACL shapes. Bounded: the file runs in well under a
minute."""
from __future__ import annotations

import dataclasses
from functools import cache
from itertools import pairwise

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build.pipeline import extract_document
from kg.core.model import Evidence
from kg.graph.terms import agency_iri, evidence_iri, place_iri, regulation_iri, report_iri
from kg.normalize import normalize_text
from tests.conftest import CORPUS

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)

# Characters that stress brackets, quotes, pinyin removal, NFKC folding and line handling.
ODD = list("《》〈〉<>()（）[]【】〔〕“”\"'、。，,;:：\n\r\t\u3000\u00a0\ufeff\u200b\x00\x07\x1b\ufffd区區ā(ǔ)")
any_char = st.characters(blacklist_categories=("Cs",))  # every code point but lone surrogates
odd_text = st.text(st.one_of(st.sampled_from(ODD), any_char), max_size=12)
pinyin_like = st.from_regex(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,6})\)", fullmatch=True)


@cache
def seeds() -> tuple[str, ...]:
    return tuple(p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt")))


@st.composite
def mutated_report(draw, max_len: int = 2500) -> str:
    """A slice of a real report with lines deleted/duplicated and odd text inserted."""
    text = draw(st.sampled_from(seeds()))
    start = draw(st.integers(0, max(0, len(text) - 50)))
    text = text[start:start + draw(st.integers(0, max_len))]
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 4))):
        if not lines:
            break
        k = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "insert"]))
        if op == "delete":
            del lines[k]
        elif op == "duplicate":
            lines.insert(k, lines[k])
        else:
            line = lines[k]
            at = draw(st.integers(0, len(line)))
            lines[k] = line[:at] + draw(st.one_of(odd_text, pinyin_like)) + line[at:]
    return "\n".join(lines)


def _check_offsets(original: str) -> None:
    doc = normalize_text(original, name="t.txt")
    base = doc.original
    assert len(doc.origin) == len(doc.text) + 1
    assert doc.origin[-1] == len(base)
    assert all(0 <= a <= b <= len(base) for a, b in pairwise(doc.origin))
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= len(doc.text)


@settings(max_examples=100, **SETTINGS)
@given(st.text(st.one_of(st.sampled_from(ODD), any_char), max_size=300))
def test_normalization_of_any_text_keeps_a_monotone_offset_map(original):
    _check_offsets(original)


@settings(max_examples=60, **SETTINGS)
@given(mutated_report())
def test_normalization_of_mutated_reports_keeps_a_monotone_offset_map(original):
    _check_offsets(original)


def _evidence_of(extraction) -> list[Evidence]:
    found: list[Evidence] = []

    def walk(value) -> None:
        if isinstance(value, Evidence):
            found.append(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(extraction)
    return found


def _occurrence_covering(text: str, sentence: str, start: int, end: int) -> bool:
    at = text.find(sentence, max(0, end - len(sentence)))
    while at != -1 and at <= start:
        if at + len(sentence) >= end:
            return True
        at = text.find(sentence, at + 1)
    return False


@settings(max_examples=60, **SETTINGS)
@given(mutated_report())
def test_every_extractor_survives_mutated_reports_and_evidence_points_into_the_original(original):
    doc = normalize_text(original, name="t.txt")
    extraction = extract_document(doc)
    extraction.to_contract()
    for ev in _evidence_of(extraction):
        assert 0 <= ev.start <= ev.end <= len(doc.original), ev
        assert ev.sentence in doc.original, ev
        if ev.sentence and ev.end > ev.start:  # the cited words sit inside an occurrence of the sentence
            assert _occurrence_covering(doc.original, ev.sentence, ev.start, ev.end), ev


@settings(max_examples=100, **SETTINGS)
@given(st.text(st.one_of(st.sampled_from(ODD), any_char), max_size=60), st.one_of(st.none(), st.text(max_size=8)),
       st.integers(0, 10**9), st.integers(0, 10**9), st.text(max_size=20))
def test_any_name_mints_an_iri_rdflib_and_oxigraph_accept(name, adcode, start, end, role):
    report = report_iri("0123456789abcdef" * 4)
    iris = (agency_iri(name), regulation_iri(name), place_iri(name, adcode), evidence_iri(report, start, end, role))
    for iri in iris:
        assert rdflib.term._is_valid_uri(str(iri)), iri
        node = ox.NamedNode(str(iri))
        triple = f"<{node.value}> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" .\n"
        assert len(rdflib.Graph().parse(data=triple, format="nt")) == 1
        assert len(list(ox.parse(triple.encode(), format=ox.RdfFormat.N_TRIPLES))) == 1


@settings(max_examples=8, **SETTINGS)
@given(st.text(max_size=30))
def test_report_iri_accepts_only_content_hashes(text):
    try:
        iri = report_iri(text)
    except ValueError:
        return
    assert rdflib.term._is_valid_uri(str(iri)) and ox.NamedNode(str(iri))


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    from kg.core.resources import ontology_path

    return rdflib.Graph().parse(ontology_path("shapes.ttl"))


@settings(max_examples=4, **SETTINGS)
@given(mutated_report(max_len=4000))
def test_the_rdf_of_a_mutated_report_satisfies_the_shapes(shapes, original):
    import hashlib

    import pyshacl

    from kg.graph.rdf import report_graph

    doc = normalize_text(original, name="mutated 报告.txt")
    doc.sha256 = hashlib.sha256(original.encode("utf-8", "surrogatepass")).hexdigest()
    graph = report_graph(extract_document(doc))
    union = rdflib.Graph()
    for triple in graph:
        union.add(triple)
    conforms, _, text = pyshacl.validate(union, shacl_graph=shapes, inference="none")
    assert conforms, text[:2000]


HOSTILE = ['"} ; DROP ALL ; #', "> } INSERT DATA { <a> <b> <c> } #", "《》\\u0000\n\"'<>{}",
           "行政复议法\" . ?s ?p ?o . #"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_cli_queries_is_data_never_sparql(built_store, text):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.store import KGStore

    with KGStore(built_store, read_only=True) as kg:
        before = len(kg)
        rows = kg.query("SELECT ?r ?name WHERE { ?r fz:fileName ?name }", {"name": text})
        assert rows == []
    runner = CliRunner()
    for command in (["cites", text], ["report", text]):
        result = runner.invoke(app, [*command, "--store", str(built_store)])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    with KGStore(built_store, read_only=True) as kg:
        assert len(kg) == before
