"""The pipeline: a report file → :class:`~kg.core.model.Extraction`.

``kg extract`` prints ``extract_file(path).to_contract()``; ``kg build`` turns the same
Extraction into RDF. Stages are pure functions, called in the order of the flow:

    read → normalize → sections → metadata (region, issuer cue) → citations → regulations →
    agencies (resolved against the region) → issuer → oversight → ratings → duties

>>> from kg.core.resources import sample_corpus
>>> ex = extract_file(next(sample_corpus().glob("003_*.txt")))
>>> any(r.title == "广东省信访条例" for r in ex.regulations)
True
"""
from __future__ import annotations

from pathlib import Path

from kg.core.doc import Document
from kg.extract.agencies import find_agencies
from kg.extract.citations import find_citations
from kg.extract.duties import find_duties
from kg.extract.metadata import extract_metadata_with_issuer
from kg.extract.oversight import find_oversight
from kg.extract.ratings import find_ratings
from kg.extract.sections import annotate_sections
from kg.io import read_report
from kg.core.model import Extraction
from kg.resolve.agencies import canonical_name, resolve_agencies
from kg.resolve.regulations import resolve_regulations


# Bumped whenever a change alters what is extracted from some report: `kg build` then
# extracts every report again instead of keeping the graphs of unchanged files.
EXTRACTOR_VERSION = 2


def extract_document(doc: Document) -> Extraction:
    """Run every extraction stage over one normalized document."""
    doc = annotate_sections(doc)
    metadata, issuer_cue = extract_metadata_with_issuer(doc)
    regulations = resolve_regulations(doc, find_citations(doc))
    if issuer_cue is not None:  # before the agencies: 厅党组 is resolved against the issuer
        m = issuer_cue.mention
        metadata.issuer = canonical_name(m.attrs.get("prefix"), m.attrs.get("body"), metadata.region,
                                         m.attrs.get("party", False)) or m.text
    agency_mentions = find_agencies(doc)  # jieba runs once per report; oversight reuses them
    agencies = resolve_agencies(doc, agency_mentions, metadata)
    ratings = find_ratings(doc, agencies, metadata)
    oversight = find_oversight(doc, agencies, metadata, ratings, agency_mentions)
    return Extraction(
        doc=doc.name,
        sha256=doc.sha256,
        metadata=metadata,
        regulations=regulations,
        agencies=agencies,
        oversight=oversight,
        duties=find_duties(doc),
        ratings=ratings,
    )


def extract_file(path: Path | str) -> Extraction:
    """Read, normalize and extract one report file (raises :class:`kg.io.ReadError`)."""
    return extract_document(read_report(path))
