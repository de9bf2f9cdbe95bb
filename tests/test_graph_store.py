"""End to end on the bundled corpus: build, query, export, validate."""
from __future__ import annotations

import json
import os
import time

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import DCTERMS, PROV, RDF

import kg.build.corpus as kg_build
from kg.build.corpus import build
from kg.core.iris import BASE
from kg.core.resources import ontology_path
from kg.core.titles import title_key
from kg.graph import stats
from kg.graph.terms import FZ, STATS_GRAPH, agency_iri, duty_iri, regulation_iri
from kg.query.export import EXPORTERS, export
from kg.query.project import project
from kg.query.saved import citation_evidence, find_regulations, query_params, reports_citing, run_saved, saved_queries
from kg.store import KGStore
from tests.conftest import CORPUS


def test_one_named_graph_per_report_plus_shared_graphs(built_store):
    with KGStore(built_store, read_only=True) as store:
        names = store.graph_names()
        manifest = store.manifest()
    report_graphs = [g for g in names if "/report/" in g]
    assert len(report_graphs) == 5
    assert sorted(info["graph"] for info in manifest["reports"].values()) == sorted(report_graphs)
    assert {n.rsplit("/", 1)[-1] for n in names if "/graph/" in n} >= {"ontology", "places", "entities"}


def test_rebuild_gives_the_same_iris(built_store, tmp_path):
    build([CORPUS], tmp_path, jobs=1)
    with KGStore(built_store, read_only=True) as a, KGStore(tmp_path, read_only=True) as b:
        assert a.graph_names() == b.graph_names()
        q = "SELECT DISTINCT ?x WHERE { ?r dcterms:references ?x } ORDER BY ?x"
        assert a.query(q) == b.query(q)


def test_every_citation_has_evidence_in_the_original_text(built_store):
    with KGStore(built_store, read_only=True) as store:
        rows = store.query("""
            SELECT ?file ?start ?end ?sentence WHERE {
              ?r fz:fileName ?file . ?st rdf:subject ?r ; rdf:predicate dcterms:references ;
              prov:wasDerivedFrom ?ev . ?ev fz:sentence ?sentence ;
              fz:start ?start ; fz:end ?end }""")
    assert rows
    originals = {p.name: p.read_text("utf-8") for p in CORPUS.glob("*.txt")}
    for row in rows:
        text = originals[row["file"]].lstrip("\ufeff")
        cited = text[row["start"]:row["end"]]
        assert cited and cited in row["sentence"] and row["sentence"] in text


def test_a_file_of_the_size_and_time_recorded_is_not_read_again(tmp_path, monkeypatch):
    """As git's index: a report whose size and modification time are those the manifest recorded
    with its hash is unchanged without hashing it; any other change of either is hashed, and a
    file modified just before it was looked at is hashed at the next build too."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    day_ago = time.time_ns() - 86_400 * 10**9
    for p in CORPUS.glob("*.txt"):
        (corpus / p.name).write_bytes(p.read_bytes())
        os.utime(corpus / p.name, ns=(day_ago, day_ago))
    store = tmp_path / "store"
    assert build([corpus], store, jobs=1).extracted == 5
    hashed: list[str] = []
    real_sha256 = kg_build.file_sha256

    def counting(path):
        hashed.append(path.name)
        return real_sha256(path)

    monkeypatch.setattr(kg_build, "file_sha256", counting)
    again = build([corpus], store, jobs=1)
    assert (again.extracted, again.unchanged, hashed) == (0, 5, [])
    # same size, another time (the content edited in place, one character for another of as many bytes)
    edited = next(corpus.glob("004_*.txt"))
    text = edited.read_text("utf-8")
    edited.write_text(text.replace("法治", "法制", 1), "utf-8")
    assert edited.stat().st_size == len(text.encode("utf-8"))
    os.utime(edited, ns=(day_ago + 10**9, day_ago + 10**9))
    third = build([corpus], store, jobs=1)
    assert (third.extracted, third.unchanged, hashed) == (1, 4, [edited.name])
    # modified just now: hashed, and not recorded, so hashed again by the next build
    touched = next(corpus.glob("000_*.txt"))
    os.utime(touched)
    hashed.clear()
    assert build([corpus], store, jobs=1).unchanged == 5
    assert build([corpus], store, jobs=1).unchanged == 5
    assert hashed == [touched.name, touched.name]


def test_incremental_build_skips_unchanged_and_replaces_changed(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in CORPUS.glob("*.txt"):
        (corpus / p.name).write_bytes(p.read_bytes())
    store = tmp_path / "store"
    first = build([corpus], store, jobs=1)
    assert (first.extracted, first.unchanged) == (5, 0)
    entities = ("SELECT ?e ?p ?o WHERE { GRAPH fzg:entities { ?e ?p ?o } } "
                "ORDER BY ?e ?p ?o")
    with KGStore(store, read_only=True) as kg:
        shared_before = kg.query(entities)
    again = build([corpus], store, jobs=1)
    assert (again.extracted, again.unchanged, again.removed) == (0, 5, 0)
    # nothing changed: the shared graphs and the figures carry over as they were
    assert [getattr(again, k) for k in ("regulations", "agencies", "relations", "duty_statements", "triples")] == \
        [getattr(first, k) for k in ("regulations", "agencies", "relations", "duty_statements", "triples")]
    with KGStore(store, read_only=True) as kg:
        assert kg.query(entities) == shared_before and shared_before
    # a store whose shared graphs were made by an older version is refreshed all the same
    with KGStore(store, read_only=True) as kg_store:
        manifest_path = kg_store.manifest_path
    manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest["shared_version"] = kg_build.SHARED_VERSION - 1
    manifest_path.write_text(json.dumps(manifest), "utf-8")
    passes = []

    class Spy(kg_build.SharedUpdate):
        def finish(self, *args, **kwargs):
            passes.append(self.full)
            return super().finish(*args, **kwargs)

    monkeypatch.setattr(kg_build, "SharedUpdate", Spy)
    build([corpus], store, jobs=1)
    build([corpus], store, jobs=1)
    monkeypatch.undo()
    assert passes == [True, False]  # one full pass, then the tallies it wrote serve
    # a store made by another extractor is extracted anew, not kept
    with KGStore(store, read_only=True) as kg_store:
        manifest_path = kg_store.manifest_path  # the build made a new generation
    manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest["extractor_version"] = kg_build.EXTRACTOR_VERSION - 1
    manifest_path.write_text(json.dumps(manifest), "utf-8")
    upgraded = build([corpus], store, jobs=1)
    assert (upgraded.extracted, upgraded.unchanged, upgraded.removed) == (5, 0, 0)
    assert build([corpus], store, jobs=1).unchanged == 5  # and the next run keeps them again
    changed = next(corpus.glob("004_*.txt"))
    changed.write_text(changed.read_text("utf-8") + "\n严格执行《中华人民共和国行政处罚法》。\n", encoding="utf-8")
    (corpus / next(corpus.glob("000_*.txt")).name).unlink()
    third = build([corpus], store, jobs=1)
    assert (third.extracted, third.unchanged, third.removed) == (1, 3, 2)
    with KGStore(store, read_only=True) as kg:
        assert len([g for g in kg.graph_names() if "/report/" in g]) == 4
        assert kg.query("ASK { ?r dcterms:references ?x . ?x rdfs:label ?l FILTER(CONTAINS(?l, '行政处罚法')) }")
        # a change refreshes the shared graphs: the new citation has its preferred label
        assert kg.query("ASK { GRAPH fzg:entities { ?x skos:prefLabel ?l } "
                        "FILTER(CONTAINS(?l, '行政处罚法')) }")
    assert third.triples != first.triples


def test_duplicate_content_under_two_names_is_built_once(tmp_path):
    source = next(CORPUS.glob("003_*.txt"))
    (tmp_path / "a.txt").write_bytes(source.read_bytes())
    (tmp_path / "副本 b.txt").write_bytes(source.read_bytes())
    summary = build([tmp_path], tmp_path / "store", jobs=1)
    assert summary.reports == 1 and len(summary.duplicates) == 1
    with KGStore(tmp_path / "store", read_only=True) as kg:
        (info,) = kg.manifest()["reports"].values()
    assert len(info["files"]) == 2


def test_one_unreadable_file_is_named_and_the_rest_still_builds(tmp_path):
    for p in list(CORPUS.glob("*.txt"))[:2]:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "坏文件.txt").write_bytes(b"\x00\x01\x02" * 100)
    summary = build([tmp_path], tmp_path / "store", jobs=1)
    assert summary.reports == 2
    assert len(summary.failed) == 1 and "坏文件.txt" in summary.failed[0]


def test_a_graph_the_store_refuses_drops_only_its_report(tmp_path, monkeypatch):
    """Graphs are bulk-loaded in batches; one malformed graph must not sink the batch."""
    import dataclasses

    for p in sorted(CORPUS.glob("*.txt"))[:3]:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    victim = sorted(CORPUS.glob("*.txt"))[1].name
    original = kg_build.extract_one

    def corrupt_one(path):
        result = original(path)
        if path.endswith(victim):  # an IRI with a space: N-Quads the loader must reject
            result = dataclasses.replace(result, nquads=result.nquads + b"<bad iri> <p:x> <y:z> <g:h> .\n")
        return result

    monkeypatch.setattr(kg_build, "extract_one", corrupt_one)
    summary = build([tmp_path], tmp_path / "store", jobs=1)
    assert summary.reports == 2 and summary.exit_status == 1
    assert len(summary.failed) == 1 and victim in summary.failed[0] and "cannot store its graph" in summary.failed[0]
    with KGStore(tmp_path / "store", read_only=True) as store:
        manifest = store.check()  # every listed graph is there, the refused one is not listed
        assert sorted(info["doc"] for info in manifest["reports"].values()) == sorted(
            p.name for p in tmp_path.glob("*.txt") if p.name != victim)
        assert len([g for g in store.graph_names() if "/report/" in g]) == 2  # no half-loaded graph left
        # nor a half-loaded stats entry (entries are bulk-loaded with their graphs)
        kept = {info["graph"] for info in manifest["reports"].values()}
        entry_subjects = {q.subject.value.split("#")[0] for q in store.ox.quads_for_pattern(
            None, None, None, ox.NamedNode(str(STATS_GRAPH))) if "#tally" in q.subject.value}
        assert entry_subjects == kept


def test_cites_finds_reports_by_alias_and_full_name(built_store):
    with KGStore(built_store, read_only=True) as store:
        for name in ("行政复议法", "中华人民共和国行政复议法"):
            matches = find_regulations(store, name)
            assert [m[0] for m in matches] == [str(regulation_iri("行政复议法"))]
            rows = reports_citing(store, matches[0][0])
            assert [r["file"] for r in rows] == [next(CORPUS.glob("003_*.txt")).name]  # one row per report
            evidence = citation_evidence(store, matches[0][0], rows[0]["report"])
            assert evidence and all("行政复议法" in e["sentence"] for e in evidence)
            report_text = next(CORPUS.glob("003_*.txt")).read_text("utf-8")
            assert all("行政复议法" in report_text[e["start"]:e["end"]] for e in evidence)  # original offsets
        decree = find_regulations(store, "重大行政决策程序暂行条例")
        files = {r["file"] for m in decree for r in reports_citing(store, m[0])}
        assert next(CORPUS.glob("004_*.txt")).name in files


def test_every_saved_query_runs(built_store):
    from rdflib import URIRef

    with KGStore(built_store, read_only=True) as store:
        report = reports_citing(store, str(regulation_iri("行政复议法")))[0]["report"]
        region = store.query("SELECT ?p WHERE { ?p fz:jurisdictionName '内蒙古自治区' } LIMIT 1")[0]["p"]
        bindings = {"regulation": URIRef(str(regulation_iri("行政复议法"))), "report": URIRef(report),
                    "region": URIRef(region), "duty": duty_iri("major-decision-procedures"),
                    "agency": agency_iri("文山市人民政府"), "key": rdflib.Literal(title_key("行政复议法")),
                    "n": URIRef(str(regulation_iri("行政复议法")))}
        edge = store.query("SELECT ?s ?p ?o WHERE { GRAPH fzg:ontology { ?p rdfs:subPropertyOf fz:oversees } "
                           "GRAPH ?g { ?s ?p ?o } } LIMIT 1")[0]  # an oversight edge (kg viz at scale)
        bindings.update({k: URIRef(v) for k, v in edge.items()})
        for name in saved_queries():
            assert set(query_params(name)) <= set(bindings), f"{name}: no test value for its parameters"
            rows = run_saved(store, name, **{k: bindings[k] for k in query_params(name)})
            assert isinstance(rows, list) and rows, f"{name} gave no rows on the bundled corpus"


def test_most_cited_has_one_row_per_document(built_store):
    with KGStore(built_store, read_only=True) as store:
        rows = run_saved(store, "most-cited")
        counted = store.query("""SELECT ?regulation (COUNT(DISTINCT ?g) AS ?n) WHERE {
            GRAPH ?g { ?g dcterms:references ?regulation } } GROUP BY ?regulation""")
    assert len({r["regulation"] for r in rows}) == len(rows)
    assert rows[0]["reports"] >= 3  # the 2015-2020 纲要 is cited by most reports
    # the counts the build stored agree with counting the report graphs
    assert {r["regulation"]: r["reports"] for r in rows} == {c["regulation"]: c["n"] for c in counted}
    assert all(r["title"] and r["kindOf"] for r in rows)


def _validate(union: rdflib.Graph) -> tuple[bool, str]:
    """pySHACL's verdict and report on ``union`` against ontology/shapes.ttl."""
    import pyshacl

    shapes = rdflib.Graph().parse(ontology_path("shapes.ttl"))
    conforms, _, text = pyshacl.validate(union, shacl_graph=shapes, ont_graph=None, inference="none")
    return conforms, text


def _union(built_store) -> rdflib.Graph:
    """Every quad of the store as one graph (the shapes ignore graph names)."""
    with KGStore(built_store, read_only=True) as store:
        data = store.rdflib_dataset()
    union = rdflib.Graph()
    for quad in data.quads((None, None, None, None)):
        union.add(quad[:3])
    return union


def test_graph_conforms_to_the_shacl_shapes(built_store, tmp_path):
    conforms, text = _validate(_union(built_store))
    assert conforms, text[:3000]


def test_the_evidence_shape_catches_a_span_without_its_end(built_store):
    """Evidence carries no rdf:type; the shape finds it as what facts derive from, so a span
    that lost an offset fails validation."""
    union = _union(built_store)
    ev = next(union.objects(None, PROV.wasDerivedFrom))
    union.remove((ev, FZ.end, None))
    conforms, text = _validate(union)
    assert not conforms and f"{ev.n3()}->fz:end" in text


def test_evidence_as_web_annotation_selectors_matches_the_graph(built_store):
    """The saved CONSTRUCT gives every span a report's facts derive from as an
    oa:TextPositionSelector with the offsets the graph holds, slicing the original text."""
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    originals = {p.name: p.read_text("utf-8").lstrip("\ufeff") for p in CORPUS.glob("*.txt")}
    with KGStore(built_store, read_only=True) as store:
        reports = store.query("SELECT ?r ?file WHERE { GRAPH ?r { ?r a fz:Report ; fz:fileName ?file } }")
        assert len(reports) == 5
        for row in reports:
            stored = {(r["ev"], r["start"], r["end"]) for r in store.query(
                "SELECT DISTINCT ?ev ?start ?end WHERE { GRAPH ?g { ?x prov:wasDerivedFrom ?ev . "
                "?ev fz:start ?start ; fz:end ?end } }", graphs=[row["r"]])}
            triples = run_saved(store, "evidence-web-annotation", report=rdflib.URIRef(row["r"]))
            g = rdflib.Graph().parse(data="\n".join(f"{t} ." for t in triples), format="nt")
            shown = set()
            for ev, sel in g.subject_objects(oa.hasSelector):
                assert (sel, RDF.type, oa.TextPositionSelector) in g
                assert (ev, oa.hasSource, rdflib.URIRef(row["r"])) in g
                start, end = int(g.value(sel, oa.start)), int(g.value(sel, oa.end))
                shown.add((str(ev), start, end))
                assert originals[row["file"]][start:end] in str(g.value(ev, FZ.sentence))
            assert shown == stored and stored, row["file"]


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_exports_read_back_with_standard_readers(built_store, tmp_path, fmt):
    path = tmp_path / f"out.{EXPORTERS[fmt].suffix}"
    with KGStore(built_store, read_only=True) as store:
        export(store, fmt, path)
        triples = len(store)
    if fmt == "graphml":
        g = nx.read_graphml(path)
        assert sum(1 for _, d in g.nodes(data=True) if d.get("type") == "report") == 5
        assert any(d.get("relation") == "cites" for *_, d in g.edges(data=True))
    elif fmt in ("nq", "trig", "jsonld"):
        ds = rdflib.Dataset()
        ds.parse(path, format={"nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt])
        assert len(list(ds.quads((None, None, None, None)))) == triples
        assert len([c for c in ds.graphs() if "/report/" in str(c.identifier)]) == 5
    else:
        g = rdflib.Graph().parse(path, format="turtle")
        assert len(list(g.subjects(RDF.type, FZ.Report))) == 5
        assert (None, DCTERMS.references, regulation_iri("重大行政决策程序暂行条例")) in g


def test_networkx_projection_has_typed_nodes_and_cites_edges(built_store):
    with KGStore(built_store, read_only=True) as store:
        g = project(store)
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert {"report", "regulation", "agency"} <= types
    reg = str(regulation_iri("法治政府建设实施纲要(2015-2020年)"))
    assert g.nodes[reg]["citations"] >= 3 and g.nodes[reg]["evidence"]


def test_duties_link_to_the_regulation_that_imposes_them(built_store):
    with KGStore(built_store, read_only=True) as store:
        rows = run_saved(store, "duty-sources-cited")
    hits = [r for r in rows if r["duty"].endswith("/major-decision-procedures")]
    assert {r["file"][:3] for r in hits} >= {"004"}
    assert all(r["regulationTitle"] == "重大行政决策程序暂行条例" for r in hits)


def test_evaluation_results_give_one_row_per_rating(built_store):
    """A rating without an evaluator must not be joined to every agency's name."""
    with KGStore(built_store, read_only=True) as store:
        ratings = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r a fz:Rating } }")[0]["n"]
        rows = run_saved(store, "evaluation-results")
    assert ratings > 0 and len({r["rating"] for r in rows}) == ratings
    assert len(rows) == ratings
    assert all(r["evaluatorName"] is None for r in rows if r["evaluator"] is None)


def test_entities_graph_names_each_entity_once_with_every_spelling(built_store):
    with KGStore(built_store, read_only=True) as store:
        names = run_saved(store, "regulation-names")
        prefs = store.query("SELECT ?e (COUNT(?l) AS ?n) WHERE { GRAPH fzg:entities "
                            "{ ?e skos:prefLabel ?l } } GROUP BY ?e HAVING (COUNT(?l) > 1)")
    assert not prefs  # one preferred label per entity
    fuyi = {r["name"] for r in names if r["regulation"] == str(regulation_iri("行政复议法"))}
    assert {"中华人民共和国行政复议法", "行政复议法"} <= fuyi, fuyi


def test_reports_citing_pages_add_up_to_the_count(built_store):
    from kg.query.saved import count_reports_citing

    with KGStore(built_store, read_only=True) as store:
        top = run_saved(store, "most-cited")[0]
        everything = reports_citing(store, top["regulation"])
        assert count_reports_citing(store, top["regulation"]) == len(everything) == top["reports"] >= 2
        pages = [reports_citing(store, top["regulation"], limit=1, offset=k) for k in range(len(everything))]
        assert all(len(p) == 1 for p in pages)
        assert sorted(p[0]["report"] for p in pages) == sorted(r["report"] for r in everything)
        assert count_reports_citing(store, BASE + "regulation/none") == 0


def test_cites_quotes_a_page_and_says_how_many_more(built_store):
    from typer.testing import CliRunner

    from kg.cli import app

    with KGStore(built_store, read_only=True) as store:
        top = run_saved(store, "most-cited")[0]
    result = CliRunner().invoke(app, ["cites", top["title"], "--limit", "1", "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    assert f"{top['reports']} reports" in result.output
    assert f"reports 1–1 of {top['reports']} shown; next: --offset 1" in " ".join(result.output.split())


def test_name_lookup_tiers_exact_by_index_then_contains(built_store):
    with KGStore(built_store, read_only=True) as store:
        exact = find_regulations(store, "《中华人民共和国行政复议法》")
        short = find_regulations(store, "实施纲要")
    assert [(iri, how) for iri, _, how in exact] == [(str(regulation_iri("行政复议法")), "exact")]
    assert short and all(how == "contains" and "实施纲要" in label for _, label, how in short)


def test_graphs_loaded_in_many_batches_equal_one_batch(built_store, tmp_path, monkeypatch):
    """The writer bulk-loads report graphs in batches of a bounded size; where a batch ends
    must not change the store."""
    monkeypatch.setattr(kg_build.GraphBatch, "MAX_BYTES", 1)  # every report its own batch
    summary = build([CORPUS], tmp_path / "store", jobs=1)
    assert summary.reports == 5 and not summary.failed

    def quads(folder):
        with KGStore(folder, read_only=True) as store:
            return sorted(str(q) for q in store.iter_quads())

    assert quads(tmp_path / "store") == quads(built_store)


def test_the_same_folder_spelt_another_way_is_not_extracted_again(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(CORPUS.glob("*.txt"))[:2]:
        (corpus / p.name).write_bytes(p.read_bytes())
    store = tmp_path / "store"
    assert build([corpus], store, jobs=1).extracted == 2
    monkeypatch.chdir(tmp_path)
    for spelling in ("corpus", "./corpus", "corpus/", str(corpus.resolve())):
        again = build([spelling], store, jobs=1)
        assert (again.extracted, again.unchanged, again.removed) == (0, 2, 0), spelling


def test_written_files_respect_the_umask(tmp_path):
    import os

    from kg.store.files import atomic_write_text

    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "out.csv", "a,b\n")
        assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        atomic_write_text(tmp_path / "private.csv", "a,b\n")
        assert (tmp_path / "private.csv").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_a_fresh_build_writes_through_the_log_only_after_its_shared_graphs(tmp_path, monkeypatch):
    """After the loop every write of a fresh build's end is a bulk load until the stats graph is
    marked current: a write through RocksDB's log waits for the compaction of the loop's table
    files (313 s at 100,000 reports), and the shared graphs are written meanwhile, not after."""
    logged = {"add", "extend", "remove", "remove_graph", "clear_graph", "load", "update", "clear"}
    calls: list[str] = []

    class Recording:
        def __init__(self, store):
            self._store = store

        def __contains__(self, quad):
            return quad in self._store

        def __getattr__(self, name):
            attr = getattr(self._store, name)
            if name in logged or name.startswith("bulk_"):
                def record(*args, **kwargs):
                    calls.append("mark" if name == "add" and args and args[0] == stats.VERSION_QUAD else name)
                    return attr(*args, **kwargs)
                return record
            return attr

    original = kg_build.update_stats

    def recording_from_here(store, *args, **kwargs):
        store.ox = Recording(store.ox)
        return original(store, *args, **kwargs)

    monkeypatch.setattr(kg_build, "update_stats", recording_from_here)
    summary = build([CORPUS], tmp_path / "store", jobs=1)
    assert summary.committed and "mark" in calls
    before = calls[:calls.index("mark")]
    assert "bulk_extend" in before and not logged & set(before), before


def test_a_graph_the_store_refuses_costs_only_its_report(tmp_path):
    """A batch the bulk load refuses is loaded again graph by graph: the bad report is dropped
    (no graph, no stats entry, no extraction record) with a one-line reason, the rest stored as
    a build without it stores them."""
    bad = sorted(CORPUS.glob("*.txt"))[1]

    def extractor(paths, jobs):
        for result in kg_build.run_extraction(paths, jobs):
            if result.path == str(bad):  # a graph cut short: not N-Quads
                result = kg_build.replace(result, nquads=result.nquads + b"<https://x/s> <https://x/p")
            yield result

    summary = build([CORPUS], tmp_path / "store", jobs=1, extractor=extractor)
    assert summary.reports == 4 and summary.extracted == 4
    (failure,) = summary.failed
    assert failure.startswith(f"{bad}: cannot store its graph (SyntaxError") and "\n" not in failure
    others = tmp_path / "others"
    others.mkdir()
    for p in sorted(CORPUS.glob("*.txt")):
        if p != bad:
            (others / p.name).symlink_to(p)
    build([others], tmp_path / "without", jobs=1)
    with KGStore(tmp_path / "store", read_only=True) as store, KGStore(tmp_path / "without", read_only=True) as alone:
        assert sorted(str(q) for q in store.iter_quads()) == sorted(str(q) for q in alone.iter_quads())
        assert len(list(store.extraction_path("x").parent.glob("*.json*"))) == 4


def _max_open_files(generation) -> int:
    """RocksDB's ``max_open_files`` as the database's newest OPTIONS file records it."""
    newest = max((generation / "oxigraph").glob("OPTIONS-*"), key=lambda p: int(p.name.split("-")[1]))
    (value,) = [line.split("=", 1)[1] for line in newest.read_text().splitlines()
                if line.strip().startswith("max_open_files=")]
    return int(value)


def test_a_bound_on_open_table_files_reaches_the_database_and_changes_no_quad(tmp_path):
    import resource

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(CORPUS.glob("*.txt"))[:2]:
        (corpus / p.name).write_bytes(p.read_bytes())
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)
    bounded = build([corpus], tmp_path / "bounded", jobs=1, table_files=64)
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == limit  # the process's limit as it was
    free = build([corpus], tmp_path / "free", jobs=1)
    with KGStore(tmp_path / "bounded", read_only=True) as kg_bounded, \
            KGStore(tmp_path / "free", read_only=True) as kg_free:
        assert _max_open_files(kg_bounded.data_dir) == 64
        assert _max_open_files(kg_free.data_dir) != 64
        assert sorted(map(str, kg_bounded.ox)) == sorted(map(str, kg_free.ox))
    assert bounded.triples == free.triples > 0
