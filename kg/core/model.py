"""Typed records the stages produce: the canonical entities mentions resolve to (mentions
themselves are in :mod:`kg.core.mentions`) and the facts linking them — each with its evidence.

``Extraction.to_contract()`` gives the JSON object of ``kg extract`` (the shape defined in
the annotation guide, ``eval/ANNOTATION.md``); the RDF builder reads the same objects, so
the scored output is exactly the graph's input.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from kg.core.doc import Document

RegulationKind = Literal["law", "administrative_regulation", "local_regulation", "rule",
                         "party_document", "normative_document", "policy"]
OversightKind = Literal["supervises", "evaluates", "receives_report", "guides", "leads", "audits", "approves"]
DutyStatusValue = Literal["done", "gap", "planned"]
DocType = Literal["annual_report", "evaluation_notice", "oversight_survey", "plan", "other"]

OVERSIGHT_KINDS: tuple[str, ...] = (
    "supervises",
    "evaluates",
    "receives_report",
    "guides",
    "leads",
    "audits",
    "approves",
)
DUTY_STATUSES: tuple[str, ...] = ("done", "gap", "planned")
STATUS_SYMBOL = {"done": "✓", "gap": "✗", "planned": "→"}  # how the tables print each status


@dataclass(frozen=True, slots=True)
class DutyColumn:
    """A duty as a column of the compliance matrix."""

    id: str
    label: str  # the scheme's Chinese label, else the id


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where the report says so: the report, the original character span of the words,
    and the original text of the sentence around them."""

    report: str
    start: int
    end: int
    sentence: str
    section: tuple[str, ...] = ()

    @classmethod
    def of(cls, doc: Document, start: int, end: int) -> Evidence:
        """Evidence for normalized ``[start, end)`` in ``doc``."""
        return cls(doc.name, *doc.evidence_at(start, end))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["section"] = list(self.section)
        return d


@dataclass
class Regulation:
    """A cited document, canonical within a report (and across reports after resolution)."""

    title: str
    aliases: list[str] = field(default_factory=list)
    doc_number: str | None = None
    kind: str = "policy"
    issuer: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    catalog: dict[str, str] | None = None  # the national catalogue row it links to, if any

    def names(self) -> list[str]:
        return [self.title, *self.aliases]

    def to_contract(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "aliases": sorted(set(self.aliases) - {self.title}),
            "doc_number": self.doc_number,
            "kind": self.kind,
        }


@dataclass
class Agency:
    """A specific public body, named canonically with its jurisdiction."""

    name: str
    aliases: list[str] = field(default_factory=list)
    also_accept: list[str] = field(default_factory=list)
    jurisdiction: str | None = None  # canonical place name, e.g. 清远市
    # government | department | party | congress | cppcc | court | procuratorate | group | institution | other
    category: str = "other"
    evidence: list[Evidence] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": sorted(set(self.aliases)),
            "also_accept": sorted(set(self.also_accept) - {self.name}),
        }


def body_named(name: str, agencies: list[Agency]) -> str:
    """The agency ``name`` stands for among ``agencies``: its own, else the one holding it as an alias
    (a township's issuer printed with its places, 眉山市彭山区公义镇人民政府, is the text's
    公义镇人民政府), else ``name`` as it is.

    >>> body_named("眉山市彭山区公义镇人民政府", [Agency("公义镇人民政府", aliases=["眉山市彭山区公义镇人民政府"])])
    '公义镇人民政府'
    """
    if any(a.name == name for a in agencies):
        return name
    return next((a.name for a in agencies if name in a.aliases), name)


@dataclass
class Oversight:
    """A directed oversight edge overseer → overseen, stated by one sentence."""

    overseer: str
    overseen: str
    kind: str
    evidence: Evidence

    def to_contract(self) -> dict[str, Any]:
        return {
            "overseer": self.overseer,
            "overseen": self.overseen,
            "kind": self.kind,
            "evidence": self.evidence.sentence,
        }


@dataclass
class DutyFinding:
    """One duty of the controlled vocabulary, with the statuses the report gives it."""

    id: str
    statuses: dict[str, list[Evidence]] = field(default_factory=dict)  # status -> sentences saying so

    def to_contract(self) -> dict[str, Any]:
        order = {s: i for i, s in enumerate(DUTY_STATUSES)}
        return {"id": self.id, "status": sorted(self.statuses, key=lambda s: order.get(s, len(order)))}


@dataclass
class Rating:
    """An evaluation result: who rated whom, for which year, with what grade/score/rank."""

    evaluator: str | None
    evaluated: str
    year: int | None
    grade: str | None = None  # 优秀 / 良好 / 合格 / 不合格 …
    score: float | None = None
    rank: int | None = None
    out_of: int | None = None
    evidence: Evidence | None = None


@dataclass
class Metadata:
    title: str | None = None
    issuer: str | None = None
    date: str | None = None
    year_covered: int | None = None
    region: str | None = None
    doc_type: str = "other"

    def to_contract(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Extraction:
    """Everything extracted from one report."""

    doc: str
    sha256: str
    metadata: Metadata
    regulations: list[Regulation] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    oversight: list[Oversight] = field(default_factory=list)
    duties: list[DutyFinding] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        """The JSON object of ``kg extract`` (see ``eval/ANNOTATION.md``)."""
        return {
            "doc": self.doc,
            "metadata": self.metadata.to_contract(),
            "regulations": [r.to_contract() for r in self.regulations],
            "agencies": [a.to_contract() for a in self.agencies],
            "oversight": [o.to_contract() for o in self.oversight],
            "duties": [d.to_contract() for d in self.duties],
        }
