"""The stage order is checked when the pipeline is built: a stage before what it needs, a
misspelt label or a label provided twice fails at once, naming the stage."""
from __future__ import annotations

from dataclasses import replace

import pytest

from kg.build.pipeline import LABELS, STAGES, Analysis, PipelineError, analyse, check_order, stage
from kg.core.mentions import AgencyMention, CitationMention
from kg.normalize import normalize_text


def by_name(name: str):
    return next(s for s in STAGES if s.name == name)


def test_the_shipped_order_is_valid_and_every_label_is_provided_once():
    check_order(STAGES)
    provided = [label for s in STAGES for label in s.provides]
    assert len(provided) == len(set(provided))
    assert set(provided) | {"doc"} == LABELS


@pytest.mark.parametrize("order, message", [
    (["sections", "agencies"], "stage agencies requires agency_mentions, issuer"),
    (["sections", "metadata", "citations", "regulations", "regulations"],
     "stage regulations provides regulations again"),
    (["metadata"], "stage metadata requires sections"),
])
def test_a_wrong_order_is_refused_naming_the_stage(order, message):
    with pytest.raises(PipelineError, match=message):
        check_order([by_name(n) for n in order])


def test_a_misspelt_label_is_refused():
    @stage(requires={"sections"}, provides={"agency_mention"})
    def typo(a: Analysis) -> Analysis:
        return a

    with pytest.raises(PipelineError, match="unknown labels: agency_mention"):
        check_order([by_name("sections"), typo])


def test_stages_are_pure_and_typed():
    doc = normalize_text("经市政府同意,市法制局贯彻落实《重大行政决策程序暂行条例》。", name="t.txt")
    first = analyse(doc)
    again = analyse(doc)
    assert first.regulations and [r.title for r in first.regulations] == [r.title for r in again.regulations]
    assert all(isinstance(m, AgencyMention) for m in first.agency_mentions)
    assert all(isinstance(m, CitationMention) for m in first.citations)
    with pytest.raises(AttributeError):  # frozen: a stage cannot change another's mentions
        first.agency_mentions[0].body = "x"  # type: ignore[misc]
    # a stage returns a new Analysis; the one it was given is unchanged
    before = Analysis(doc)
    after = by_name("sections").run(before)
    assert before.doc is doc and after.doc is not doc and after.doc.sections is not None
    assert replace(after, duties=()).duties == ()
