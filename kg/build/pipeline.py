"""The pipeline: a report file → :class:`~kg.core.model.Extraction`, as a list of stages.

Each stage is a pure function from an :class:`Analysis` (the document and what earlier stages
provided) to a new one, and declares what it requires and provides, as spaCy components do.
:func:`check_order` runs when this module is imported, so a stage moved before what it needs,
or a misspelt label, fails at start-up rather than as a missing attribute in some report.

    sections → metadata, citations, agency mentions, duties     (finders: kg.extract)
    → regulations, issuer, agencies                              (the resolver: kg.resolve)
    → ratings → oversight                                        (relation finders: kg.relate)

``kg extract`` prints ``extract_file(path).to_contract()``; ``kg build`` turns the same
Extraction into RDF.

>>> from kg.core.resources import sample_corpus
>>> ex = extract_file(next(sample_corpus().glob("003_*.txt")))
>>> any(r.title == "广东省信访条例" for r in ex.regulations)
True
>>> [s.name for s in STAGES][:3]
['sections', 'metadata', 'citations']
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from kg.core.doc import Document
from kg.core.mentions import AgencyMention, CitationMention, IssuerCue
from kg.core.model import Agency, DutyFinding, Extraction, Metadata, Oversight, Rating, Regulation
from kg.extract.agencies import find_agencies
from kg.extract.citations import find_citations
from kg.extract.duties import find_duties
from kg.extract.metadata import extract_metadata_with_issuer
from kg.extract.sections import annotate_sections
from kg.normalize import read_report
from kg.relate.oversight import find_oversight
from kg.relate.ratings import find_ratings
from kg.resolve.agencies import issuer_name, resolve_agencies
from kg.resolve.regulations import resolve_regulations

# Bumped whenever a change alters what is extracted from some report, or how its graph is
# written: `kg build` then extracts every report again instead of keeping the graphs of
# unchanged files. 7: evidence offsets on the evidence node, no selector node, no rdf:type;
# 8: no oa:hasSource on evidence (its source is the graph it is in), no rdf:type rdf:Statement.
EXTRACTOR_VERSION = 8


@dataclass(frozen=True)
class Analysis:
    """One report on its way through the stages: the document and what each stage provided."""

    doc: Document
    metadata: Metadata = field(default_factory=Metadata)
    issuer_cue: IssuerCue | None = None
    citations: tuple[CitationMention, ...] = ()
    agency_mentions: tuple[AgencyMention, ...] = ()
    regulations: tuple[Regulation, ...] = ()
    agencies: tuple[Agency, ...] = ()
    ratings: tuple[Rating, ...] = ()
    oversight: tuple[Oversight, ...] = ()
    duties: tuple[DutyFinding, ...] = ()


# What a stage can require or provide: a field of Analysis, or a state of one.
LABELS = frozenset({f.name for f in fields(Analysis)} | {
    "sections",  # doc carries its sections (headings, roles) and section-aware sentences
    "issuer",    # metadata.issuer holds the canonical issuer name
})


class PipelineError(ValueError):
    """The stages cannot run in the order given."""


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Analysis], Analysis]
    requires: frozenset[str]
    provides: frozenset[str]


def stage(requires: Iterable[str], provides: Iterable[str]) -> Callable[[Callable[[Analysis], Analysis]], Stage]:
    """Declare a function ``Analysis → Analysis`` a stage (its name is the function's)."""
    def wrap(run: Callable[[Analysis], Analysis]) -> Stage:
        return Stage(run.__name__, run, frozenset(requires), frozenset(provides))
    return wrap


def check_order(stages: Iterable[Stage]) -> None:
    """Raise :class:`PipelineError` unless every stage's requirements are provided before it,
    every label is known and nothing is provided twice.

    >>> check_order([STAGES[0], STAGES[-1]])
    Traceback (most recent call last):
    ...
    kg.build.pipeline.PipelineError: stage oversight requires agencies, agency_mentions, ratings, which no ...
    """
    have = {"doc"}
    for s in stages:
        unknown = (s.requires | s.provides) - LABELS
        if unknown:
            raise PipelineError(f"stage {s.name} names unknown labels: {', '.join(sorted(unknown))}")
        missing = s.requires - have
        if missing:
            raise PipelineError(
                f"stage {s.name} requires {', '.join(sorted(missing))}, which no stage before it provides"
            )
        again = s.provides & have
        if again:
            raise PipelineError(f"stage {s.name} provides {', '.join(sorted(again))} again")
        have |= s.provides


# --- finders -------------------------------------------------------------------------


@stage(requires={"doc"}, provides={"sections"})
def sections(a: Analysis) -> Analysis:
    return replace(a, doc=annotate_sections(a.doc))


@stage(requires={"sections"}, provides={"metadata", "issuer_cue"})
def metadata(a: Analysis) -> Analysis:
    found, cue = extract_metadata_with_issuer(a.doc)
    return replace(a, metadata=found, issuer_cue=cue)


@stage(requires={"sections"}, provides={"citations"})
def citations(a: Analysis) -> Analysis:
    return replace(a, citations=tuple(find_citations(a.doc)))


# after metadata: the report's region settles which of two places of one name it means
# (城中区, 市中区), and the finder reads place names
@stage(requires={"sections", "metadata"}, provides={"agency_mentions"})
def agency_mentions(a: Analysis) -> Analysis:
    return replace(a, agency_mentions=tuple(find_agencies(a.doc)))


@stage(requires={"sections", "metadata", "agency_mentions"}, provides={"duties"})
def duties(a: Analysis) -> Analysis:
    # a plan or work-points document is planned throughout; a body's name (县信访局) is no duty
    names = [(m.start, m.end) for m in a.agency_mentions]
    return replace(a, duties=tuple(find_duties(a.doc, a.metadata, names)))


# --- the resolver --------------------------------------------------------------------


@stage(requires={"citations", "metadata"}, provides={"regulations"})
def regulations(a: Analysis) -> Analysis:
    # the report's own title is not a citation of itself
    return replace(a, regulations=tuple(resolve_regulations(a.doc, list(a.citations), a.metadata.title)))


@stage(requires={"metadata", "issuer_cue"}, provides={"issuer"})
def issuer(a: Analysis) -> Analysis:
    # before the agencies: 厅党组 is resolved against the issuer
    if a.issuer_cue is None:
        return a
    return replace(a, metadata=replace(a.metadata, issuer=issuer_name(a.issuer_cue.mention, a.metadata.region)))


@stage(requires={"agency_mentions", "issuer"}, provides={"agencies"})
def agencies(a: Analysis) -> Analysis:
    return replace(a, agencies=tuple(resolve_agencies(a.doc, list(a.agency_mentions), a.metadata)))


# --- relation finders ----------------------------------------------------------------


@stage(requires={"agencies", "issuer"}, provides={"ratings"})
def ratings(a: Analysis) -> Analysis:
    return replace(a, ratings=tuple(find_ratings(a.doc, list(a.agencies), a.metadata)))


@stage(requires={"agencies", "agency_mentions", "ratings"}, provides={"oversight"})
def oversight(a: Analysis) -> Analysis:
    found = find_oversight(a.doc, list(a.agencies), a.metadata, a.ratings, a.agency_mentions)
    return replace(a, oversight=tuple(found))


STAGES: tuple[Stage, ...] = (
    sections,
    metadata,
    citations,
    agency_mentions,
    duties,
    regulations,
    issuer,
    agencies,
    ratings,
    oversight,
)
check_order(STAGES)


def analyse(doc: Document, stages: Iterable[Stage] = STAGES) -> Analysis:
    """Run ``stages`` over one normalized document."""
    a = Analysis(doc)
    for s in stages:
        a = s.run(a)
    return a


def extract_document(doc: Document) -> Extraction:
    """Run every extraction stage over one normalized document."""
    a = analyse(doc)
    return Extraction(
        doc=a.doc.name,
        sha256=a.doc.sha256,
        metadata=a.metadata,
        regulations=list(a.regulations),
        agencies=list(a.agencies),
        oversight=list(a.oversight),
        duties=list(a.duties),
        ratings=list(a.ratings),
    )


def extract_file(path: Path | str) -> Extraction:
    """Read, normalize and extract one report file (raises :class:`kg.io.ReadError`)."""
    return extract_document(read_report(path))
