"""Every IRI comes from one base (``FAZHI_KG_BASE``): the sample corpus built under another base
gives the same counts and the same answers, with every IRI under that base, and a store is
read only under the base it was built with."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build.corpus import build
from kg.cli import app
from kg.core.iris import BASE, DEFAULT_BASE
from kg.core.resources import sample_corpus
from kg.store import KGStore, StoreError

ROOT = Path(__file__).resolve().parents[1]
OTHER = "https://example.org/kg/" if BASE != "https://example.org/kg/" else "urn:x-other:kg/"

# The questions asked on both stores (the CLI's answers, as a user sees them).
QUESTIONS = {
    "regulations": ["regulations", "--top", "100"],
    "cites": ["cites", "重大行政决策程序暂行条例", "--limit", "0"],
    "agencies": ["agencies", "--region", "内蒙古自治区"],
    "oversight": ["oversight", "文山市人民政府", "--depth", "2"],
    "duties": ["duties", "--duty", "major-decision-procedures"],
    "ratings": ["ratings"],
}
ENV = {"COLUMNS": "1000"}  # one line per row: IRIs of different lengths must not wrap differently

# Run in a fresh interpreter, since the base is read once at import: build the sample corpus
# into a store, ask the questions, and report the build counts and every IRI of the store.
SCRIPT = r"""
import json, sys
from typer.testing import CliRunner
from kg.build.corpus import build
from kg.build.corpus import build
from kg.cli import app
from kg.core.resources import sample_corpus
from kg.core.resources import sample_corpus
from kg.store import KGStore

folder, questions, env = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
summary = build([sample_corpus()], folder, jobs=1)
runner = CliRunner()
answers = {}
for name, args in questions.items():
    result = runner.invoke(app, [*args, "--store", folder], env=env)
    answers[name] = [result.exit_code, result.output]
with KGStore(folder, read_only=True) as store:
    iris = sorted({t.value for q in store.ox for t in (q.subject, q.predicate, q.object, q.graph_name)
                   if type(t).__name__ == "NamedNode"})
    counts = store.manifest()["counts"]
print(json.dumps({"counts": counts, "answers": answers, "iris": iris}, ensure_ascii=False))
"""


def _ask(store: Path) -> dict[str, list]:
    runner = CliRunner()
    return {name: [(r := runner.invoke(app, [*args, "--store", str(store)], env=ENV)).exit_code, r.output]
            for name, args in QUESTIONS.items()}


@pytest.fixture(scope="module")
def other_base(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("other-base") / "kg-data"
    env = {**os.environ, "FAZHI_KG_BASE": OTHER, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), json.dumps(QUESTIONS), json.dumps(ENV)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {"folder": folder, **json.loads(proc.stdout)}


@pytest.mark.slow
def test_another_base_gives_the_same_counts_and_answers(built_store, other_base):
    with KGStore(built_store, read_only=True) as store:
        counts = store.manifest()["counts"]
    assert other_base["counts"] == counts
    assert counts["relations"] > 0 and counts["agencies"] > 0 and counts["duty_statements"] > 0
    here = _ask(built_store)
    for name, (code, output) in here.items():
        assert code == 0 and output.strip(), (name, output)
        other_code, other_output = other_base["answers"][name]
        assert other_code == 0, (name, other_output)
        assert other_output.replace(OTHER, BASE) == output, name
    assert BASE in here["cites"][1] and OTHER in other_base["answers"]["cites"][1]  # the IRIs printed differ


@pytest.mark.slow
def test_another_base_puts_every_iri_of_ours_under_it(other_base):
    iris = other_base["iris"]
    ours = [i for i in iris if i.startswith(OTHER)]
    # reports, documents, agencies, places, duties, the ontology's terms and the shared graphs
    for part in ("report/", "regulation/", "agency/", "place/", "duty/", "ontology#oversees", "graph/ontology",
                 "graph/entities", "graph/places", "graph/duties"):
        assert any(i.startswith(OTHER + part) for i in ours), part
    assert not [i for i in iris if i.startswith(BASE)]
    assert not [i for i in iris if i.startswith(DEFAULT_BASE)]


@pytest.mark.slow
def test_a_store_is_read_only_under_the_base_it_was_built_with(other_base, tmp_path):
    with pytest.raises(StoreError, match="FAZHI_KG_BASE"):
        KGStore(other_base["folder"], read_only=True)
    result = CliRunner().invoke(app, ["regulations", "--store", str(other_base["folder"])])
    assert result.exit_code == 2 and OTHER in result.output
    # building it under this base extracts every report again and leaves nothing of the other base
    folder = tmp_path / "kg-data"
    shutil.copytree(other_base["folder"], folder, symlinks=True)
    summary = build([sample_corpus()], folder, jobs=1)
    assert summary.extracted == summary.reports == 5 and not summary.failed
    with KGStore(folder, read_only=True) as store:
        assert store.manifest()["counts"] == other_base["counts"]
        assert not [q for q in store.ox if any(t.value.startswith(OTHER) for t in (q.subject, q.predicate, q.object,
                                                                                   q.graph_name))]


def test_the_plain_namespaces_are_those_of_the_rdf_terms():
    """kg.core.namespaces (read by the store and the questions, without rdflib) and
    kg.graph.terms (rdflib, for building graphs) name the same IRIs."""
    from kg.core import namespaces
    from kg.graph import terms

    assert {p: str(ns) for p, ns in terms.PREFIXES.items()} == namespaces.PREFIXES
    assert [str(g) for g in terms.SHARED_GRAPHS] == list(namespaces.SHARED_GRAPHS)
    assert str(terms.ONTOLOGY_GRAPH) == namespaces.ONTOLOGY_GRAPH and namespaces.FZ.startswith(BASE)
