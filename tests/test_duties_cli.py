"""Duties: the jurisdiction × duty matrix (saved queries, data, CSV, HTML) and `kg duties`."""
from __future__ import annotations

import csv
import doctest
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

import kg.commands.duties as duties_command
import kg.query.matrix as matrix_module
from kg.cli import app
from kg.core.model import DUTY_STATUSES
from kg.graph.terms import duty_iri
from kg.query.matrix import DutyColumn, DutyMatrix, duty_scheme, load_matrix, write_csv, write_html
from kg.query.saved import query_params, run_saved
from kg.store import KGStore
from tests.conftest import CORPUS, seed

runner = CliRunner(env={"COLUMNS": "240"})  # wide enough that table cells never wrap
ANNOTATION_DUTY_COUNT = 28  # the controlled vocabulary of eval/ANNOTATION.md


def _original(file: str) -> str:
    return (CORPUS / file).read_text("utf-8").lstrip("\ufeff")


@pytest.fixture(scope="module")
def kg(built_store):
    with KGStore(built_store, read_only=True) as store:
        yield store


def test_duty_scheme_has_the_annotation_duties_with_chinese_labels(kg):
    scheme = duty_scheme(kg)
    assert len(scheme) == ANNOTATION_DUTY_COUNT
    by_id = {d.id: d.label for d in scheme}
    assert "重大行政决策" in by_id["major-decision-procedures"]
    assert all(label != duty_id for duty_id, label in by_id.items())


def test_duty_matrix_rows_cover_every_report(kg):
    rows = run_saved(kg, "duty-matrix")
    assert query_params("duty-matrix") == []
    assert len({r["report"] for r in rows}) == 5
    scheme_ids = {d.id for d in duty_scheme(kg)}
    statements = [r for r in rows if r["dutyId"]]
    assert statements, "the corpus reports speak of duties"
    for r in statements:
        assert r["status"] in DUTY_STATUSES and r["dutyId"] in scheme_ids and r["sentences"] >= 1
    regions = {r["file"]: r["jurisdiction"] for r in rows}
    assert regions[seed("001").name] == "阿尔山市" and regions[seed("004").name] == "文山市"


def test_matrix_has_one_row_per_report_or_per_jurisdiction(kg):
    per_report = load_matrix(kg)
    assert len(per_report.rows) == 5 and len(per_report.duties) >= ANNOTATION_DUTY_COUNT
    labels = [row.label for row in per_report.rows]
    assert len(set(labels)) == 5, labels  # two 内蒙古自治区 reports are told apart
    merged = load_matrix(kg, by="jurisdiction")
    assert sorted(row.jurisdiction for row in merged.rows) == sorted({row.jurisdiction for row in per_report.rows})
    inner_mongolia = next(row for row in merged.rows if row.jurisdiction == "内蒙古自治区")
    assert len(inner_mongolia.files) == 2
    for duty in merged.duties:  # merging is the union of what the reports say
        union = {s for row in per_report.rows if row.jurisdiction == "内蒙古自治区"
                 for s in per_report.statuses(row, duty.id)}
        assert set(merged.statuses(inner_mongolia, duty.id)) == union


def test_duty_evidence_sentences_occur_in_the_original_report(kg):
    rows = run_saved(kg, "duty-evidence", duty=duty_iri("major-decision-procedures"))
    assert query_params("duty-evidence") == ["duty"]
    assert rows
    for r in rows:
        text = _original(r["file"])
        assert r["sentence"] in text and text[r["start"]:r["end"]] in r["sentence"]
        assert r["status"] in DUTY_STATUSES


def test_wenshan_reports_a_gap_in_major_decision_procedures(kg):
    rows = run_saved(kg, "duty-evidence", duty=duty_iri("major-decision-procedures"))
    wenshan = {(r["status"], r["sentence"]) for r in rows if r["file"] == seed("004").name}
    assert any(status == "done" and "重大行政决策程序暂行条例" in sentence for status, sentence in wenshan)
    assert any(status == "gap" and "有差距" in sentence for status, sentence in wenshan)


def _small_matrix() -> DutyMatrix:
    rows = [{"jurisdiction": "<b>某县</b> & Co", "report": "r1", "file": "a.txt", "year": "2020",
             "dutyId": "legal-advisor", "dutyLabel": "政府法律顾问", "status": s, "sentences": 1}
            for s in ("done", "gap")]
    rows.append({"jurisdiction": "某市", "report": "r2", "file": "b.txt", "year": None,
                 "dutyId": "mediation", "dutyLabel": "人民调解", "status": "planned", "sentences": 2})
    return DutyMatrix.from_rows(rows, [DutyColumn("legal-advisor", "政府法律顾问"), DutyColumn("mediation", "人民调解"),
                                       DutyColumn("petition-work", "信访工作")])


def test_csv_has_ids_labels_and_status_combinations(tmp_path):
    path = tmp_path / "m.csv"
    write_csv(_small_matrix(), path)
    header, labels, *lines = list(csv.reader(path.open(encoding="utf-8")))
    assert header[4:] == ["legal-advisor", "mediation", "petition-work"]
    assert labels[4:] == ["政府法律顾问", "人民调解", "信访工作"]
    assert [line[4:] for line in lines] == [["done+gap", "", ""], ["", "planned", ""]]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        assert not any(a.startswith("on") for a, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_html_heatmap_is_static_and_escapes_text(tmp_path):
    path = tmp_path / "m.html"
    write_html(_small_matrix(), path)
    page = path.read_text("utf-8")
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "http://" not in page and "https://" not in page
    assert "&lt;b&gt;某县&lt;/b&gt; &amp; Co" in page and "<b>某县" not in page
    assert parser.tags.count("td") >= 6 and "✓✗" in parser.text and "→" in parser.text


def test_duties_command_prints_the_matrix_and_writes_files(built_store, tmp_path):
    result = runner.invoke(app, ["duties", "--store", str(built_store), "--csv", str(tmp_path / "m.csv"),
                                 "--html", str(tmp_path / "m.html")])
    assert result.exit_code == 0, result.output
    for jurisdiction in ("阿尔山市", "清远市", "文山市", "内蒙古自治区"):
        assert jurisdiction in result.output
    assert "重大行政决策" in result.output and "✓ done" in result.output
    lines = list(csv.reader((tmp_path / "m.csv").open(encoding="utf-8")))
    assert len(lines) == 2 + 5 and len(lines[0]) == 4 + ANNOTATION_DUTY_COUNT
    assert "阿尔山市" in (tmp_path / "m.html").read_text("utf-8")


def test_duties_command_for_one_duty_lists_the_sentences(built_store):
    result = runner.invoke(app, ["duties", "--duty", "major-decision-procedures", "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    assert "major-decision-procedures" in result.output and seed("004").name in result.output
    assert "严格执行《重大行政决策程序暂行条例》" in result.output.replace("\n", "")
    by_label = runner.invoke(app, ["duties", "--duty", "重大行政决策", "--no-evidence", "--transpose",
                                   "--store", str(built_store)])
    assert by_label.exit_code == 0 and seed("004").name not in by_label.output
    assert "duty × jurisdiction" in by_label.output
    unknown = runner.invoke(app, ["duties", "--duty", "no-such-duty", "--store", str(built_store)])
    assert unknown.exit_code == 1 and "no duty matches" in unknown.output


def test_module_doctests():
    assert doctest.testmod(matrix_module).failed == 0
    assert doctest.testmod(duties_command).failed == 0


def test_excel_csv_starts_with_a_byte_order_mark_and_reads_the_same(tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    write_csv(_small_matrix(), plain)
    write_csv(_small_matrix(), excel, excel=True)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(excel.open(encoding="utf-8-sig"))) == list(csv.reader(plain.open(encoding="utf-8")))


def test_sparql_csv_for_excel(built_store):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["sparql", "most-cited", "--format", "csv", "--excel",
                                      "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeff") and "行政复议" in result.stdout
