"""GEXF and CSV exports, read back by their standard readers (networkx, csv)."""
from __future__ import annotations

import csv
import gzip

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.terms import regulation_iri
from kg.query.export import EDGE_COLUMNS, FORMATS, NODE_COLUMNS, export
from kg.store import KGStore
from tests.conftest import seed

DECREE = str(regulation_iri("重大行政决策程序暂行条例"))


def test_gexf_reads_back_with_networkx(built_store, tmp_path):
    path = tmp_path / "kg.gexf"
    with KGStore(built_store, read_only=True) as store:
        export(store, "gexf", path)
    g = nx.read_gexf(path)
    assert sum(1 for _, d in g.nodes(data=True) if d.get("type") == "report") == 5
    assert g.nodes[DECREE]["label"] == "重大行政决策程序暂行条例"
    relations = {d.get("relation") for *_, d in g.edges(data=True)}
    assert {"cites", "mentions"} <= relations
    report_004 = next(n for n, d in g.nodes(data=True) if d.get("file") == seed("004").name)
    assert g.has_edge(report_004, DECREE)


def test_csv_node_and_edge_lists_have_neo4j_headers_and_read_back(built_store, tmp_path):
    folder = tmp_path / "csv"
    with KGStore(built_store, read_only=True) as store:
        export(store, "csv", folder)
    with open(folder / "nodes.csv", encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with open(folder / "edges.csv", encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert tuple(nodes[0]) == NODE_COLUMNS and tuple(edges[0]) == EDGE_COLUMNS
    assert NODE_COLUMNS[:3] == (":ID", "label", ":LABEL") and EDGE_COLUMNS[:3] == (":START_ID", ":END_ID", ":TYPE")
    ids = {row[":ID"] for row in nodes}
    assert len(ids) == len(nodes)  # one row per node
    assert all(row[":START_ID"] in ids and row[":END_ID"] in ids for row in edges)
    by_id = {row[":ID"]: row for row in nodes}
    assert by_id[DECREE][":LABEL"] == "Regulation" and by_id[DECREE]["label"] == "重大行政决策程序暂行条例"
    report_004 = next(row[":ID"] for row in nodes if row["file"] == seed("004").name)
    assert any(row[":START_ID"] == report_004 and row[":END_ID"] == DECREE and row[":TYPE"] == "CITES" for row in edges)
    # evidence arrays: ';' separated, no element holds the delimiter
    quoted = [row["evidence:string[]"] for row in edges if row[":TYPE"] == "CITES" and row["evidence:string[]"]]
    assert quoted and all(q for cell in quoted for q in cell.split(";"))


@pytest.mark.parametrize("fmt,name", [("gexf", "out.gexf"), ("csv", "out-csv")])
def test_kg_export_command_writes_the_new_formats(built_store, tmp_path, fmt, name):
    target = tmp_path / name
    result = CliRunner().invoke(app, ["export", "--format", fmt, "-o", str(target), "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    assert (target / "nodes.csv").exists() if FORMATS[fmt].folder else target.stat().st_size > 0


def test_csv_export_refuses_to_write_a_folder_over_a_file(built_store, tmp_path):
    target = tmp_path / "taken"
    target.write_text("x")
    result = CliRunner().invoke(app, ["export", "--format", "csv", "-o", str(target), "--store", str(built_store)])
    assert result.exit_code == 2 and "writes a folder" in result.output


def test_neo4j_csv_for_excel_starts_with_a_byte_order_mark_and_reads_the_same(built_store, tmp_path):
    """`kg export --format csv --excel`: every file UTF-8 with a BOM (Excel then reads the
    Chinese text), the same rows as the plain export."""
    plain, excel = tmp_path / "plain", tmp_path / "excel"
    for target, extra in ((plain, []), (excel, ["--excel"])):
        result = CliRunner().invoke(app, ["export", "--format", "csv", "-o", str(target), *extra,
                                          "--store", str(built_store)])
        assert result.exit_code == 0, result.output
    for name in ("nodes.csv", "edges.csv"):
        bom = b"\xef\xbb\xbf"
        assert (excel / name).read_bytes().startswith(bom) and not (plain / name).read_bytes().startswith(bom)
        with open(excel / name, encoding="utf-8-sig", newline="") as a, \
                open(plain / name, encoding="utf-8", newline="") as b:
            assert list(csv.reader(a)) == list(csv.reader(b))
    refused = CliRunner().invoke(app, ["export", "--format", "ttl", "--excel", "-o", str(tmp_path / "x.ttl"),
                                       "--store", str(built_store)])
    assert refused.exit_code == 2 and "--excel" in refused.output and not (tmp_path / "x.ttl").exists()


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_a_gz_export_is_the_same_graph_compressed(built_store, tmp_path, fmt):
    """`-o kg.nq.gz`: a gzip stream holding exactly the quads of the plain export (a corpus of
    100,000 reports exports ≈ 44 GB of N-Quads, a tenth of it compressed)."""
    plain, zipped = tmp_path / f"kg.{fmt}", tmp_path / f"kg.{fmt}.gz"
    for target in (plain, zipped):
        result = CliRunner().invoke(app, ["export", "-f", fmt, "-o", str(target), "--store", str(built_store)])
        assert result.exit_code == 0, result.output
    assert zipped.read_bytes()[:2] == b"\x1f\x8b"  # gzip's magic number
    rdf_format = ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.TRIG
    unzipped = set(ox.parse(gzip.decompress(zipped.read_bytes()), format=rdf_format))
    assert unzipped and unzipped == set(ox.parse(plain.read_bytes(), format=rdf_format))
    assert zipped.stat().st_size * 4 < plain.stat().st_size


def test_a_gz_output_for_a_format_that_cannot_take_it_is_refused(built_store, tmp_path):
    target = tmp_path / "kg.jsonld.gz"
    result = CliRunner().invoke(app, ["export", "-f", "jsonld", "-o", str(target), "--store", str(built_store)])
    assert result.exit_code == 2 and "not to the jsonld export" in result.output
    assert not target.exists()
