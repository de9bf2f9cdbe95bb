"""The duty vocabulary (``ontology/duties.ttl``, a SKOS concept scheme) as Python records.

Duty ids, labels, areas and imposing regulations come from the Turtle file, so the finder
and the graph builder share one source and code never lists duties.

>>> vocab = load_duty_vocabulary()
>>> len(vocab), vocab["major-decision-procedures"].area
(28, 'area-decision-making')
>>> vocab["three-enforcement-systems"].pref_label_zh
'行政执法三项制度'
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.core.iris import BASE, rebased_turtle

DUTY_BASE = BASE + "duty/"
DUTY_SCHEME = DUTY_BASE + "scheme"
FZ = BASE + "ontology#"


@dataclass(frozen=True, slots=True)
class DutyConcept:
    """One duty of the scheme (areas are not duties: they have no ``skos:broader``)."""

    id: str  # local name under DUTY_BASE, the id of the extraction contract
    iri: str
    pref_label_zh: str
    pref_label_en: str
    alt_labels_zh: tuple[str, ...]
    definition_zh: str | None
    area: str  # local name of the broader area concept
    area_label_zh: str
    imposed_by: tuple[str, ...]  # regulation titles (fz:imposedBy)


@lru_cache(maxsize=1)
def load_duty_vocabulary() -> dict[str, DutyConcept]:
    """Duties of ``ontology/duties.ttl`` by id, in the file's order of ids (sorted)."""
    from rdflib import Literal, Namespace, URIRef
    from rdflib.namespace import SKOS

    graph = rebased_turtle("duties.ttl")
    imposed_by = URIRef(Namespace(FZ)["imposedBy"])

    def label(node, prop, lang) -> str | None:
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and value.language == lang:
                return str(value)
        return None

    out: dict[str, DutyConcept] = {}
    for concept, area in sorted(graph.subject_objects(SKOS.broader)):
        iri = str(concept)
        if not iri.startswith(DUTY_BASE):
            continue
        duty_id = iri[len(DUTY_BASE):]
        out[duty_id] = DutyConcept(
            id=duty_id,
            iri=iri,
            pref_label_zh=label(concept, SKOS.prefLabel, "zh") or duty_id,
            pref_label_en=label(concept, SKOS.prefLabel, "en") or duty_id,
            alt_labels_zh=tuple(sorted(str(v) for v in graph.objects(concept, SKOS.altLabel)
                                       if isinstance(v, Literal) and v.language == "zh")),
            definition_zh=label(concept, SKOS.definition, "zh"),
            area=str(area)[len(DUTY_BASE):],
            area_label_zh=label(area, SKOS.prefLabel, "zh") or "",
            imposed_by=tuple(sorted(str(v) for v in graph.objects(concept, imposed_by))),
        )
    return out
