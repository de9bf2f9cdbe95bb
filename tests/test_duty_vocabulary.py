"""The duty vocabulary (ontology/duties.ttl) is a well-formed SKOS scheme with the 28 contract ids,
and the detection tables only use ids of that scheme."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.core.duties_vocab import DUTY_BASE, DUTY_SCHEME, FZ, load_duty_vocabulary
from kg.core.resources import ontology_path
from kg.extract.duties import duty_exclusions, duty_patterns

# The ids of eval/ANNOTATION.md (the extraction contract).
CONTRACT_IDS = {
    "major-decision-procedures", "three-enforcement-systems", "first-responsibility", "annual-report-duty",
    "legal-advisor", "normative-document-review", "document-cleanup", "power-and-responsibility-list",
    "approval-reform", "double-random-inspection", "discretion-benchmark", "enforcement-case-review",
    "enforcement-personnel", "head-appears-in-court", "administrative-reconsideration", "mediation",
    "petition-work", "government-transparency", "leaders-study-law", "law-popularization",
    "audit-supervision", "accept-external-supervision", "rule-of-law-evaluation",
    "comprehensive-enforcement-reform", "credit-system", "government-legislation",
    "enforcement-criminal-linkage", "legal-affairs-capacity",
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(ontology_path("duties.ttl"), format="turtle")
    return g


def _langs(g: Graph, node, prop) -> set[str]:
    return {o.language for o in g.objects(node, prop) if isinstance(o, Literal)}


def test_scheme_has_exactly_the_contract_ids(graph):
    duties = {str(s)[len(DUTY_BASE):] for s in graph.subjects(SKOS.broader, None)}
    assert duties == CONTRACT_IDS
    assert set(load_duty_vocabulary()) == CONTRACT_IDS


@pytest.mark.parametrize("duty_id", sorted(CONTRACT_IDS))
def test_each_duty_has_labels_definition_and_an_area(graph, duty_id):
    node = URIRef(DUTY_BASE + duty_id)
    assert (node, RDF.type, SKOS.Concept) in graph
    assert (node, SKOS.inScheme, URIRef(DUTY_SCHEME)) in graph
    assert {"zh", "en"} <= _langs(graph, node, SKOS.prefLabel)
    assert "zh" in _langs(graph, node, SKOS.definition)
    areas = list(graph.objects(node, SKOS.broader))
    assert len(areas) == 1
    assert (areas[0], SKOS.topConceptOf, URIRef(DUTY_SCHEME)) in graph


def test_eight_areas_of_the_outline(graph):
    areas = set(graph.subjects(SKOS.topConceptOf, URIRef(DUTY_SCHEME)))
    labels = {str(o) for a in areas for o in graph.objects(a, SKOS.prefLabel) if o.language == "zh"}
    assert len(areas) == 8
    assert {"推进行政决策科学化、民主化、法治化", "依法有效化解社会矛盾纠纷", "组织保障和落实机制"} <= labels


@pytest.mark.parametrize("duty_id, title", [
    ("major-decision-procedures", "重大行政决策程序暂行条例"),
    ("three-enforcement-systems",
     "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见"),
    ("first-responsibility", "党政主要负责人履行推进法治建设第一责任人职责规定"),
    ("annual-report-duty", "法治政府建设与责任落实督察工作规定"),
])
def test_imposing_regulations_are_recorded(graph, duty_id, title):
    assert title in load_duty_vocabulary()[duty_id].imposed_by
    assert Literal(title) in set(graph.objects(URIRef(DUTY_BASE + duty_id), URIRef(FZ + "imposedBy")))


def test_every_duty_has_detection_phrases_and_tables_use_known_ids():
    assert set(duty_patterns()) == CONTRACT_IDS
    assert set(duty_exclusions()) <= CONTRACT_IDS
