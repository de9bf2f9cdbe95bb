"""The command line, as a user types it (typer's runner, real store on disk)."""
from __future__ import annotations

import json
import re
import shlex
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build.corpus import build
from kg.cli import app
from kg.store import KGStore
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_extract_prints_one_contract_line_per_report():
    result = runner.invoke(app, ["extract", str(CORPUS)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 5
    for record in lines:
        assert set(record) == {"doc", "metadata", "regulations", "agencies", "oversight", "duties"}
        assert set(record["metadata"]) == {"title", "issuer", "date", "year_covered", "region", "doc_type"}


def test_extract_prints_what_build_stores(built_store):
    """`kg extract` and `kg build` extract through one function: the record the store keeps
    for each report is the line `kg extract --evidence` prints, plus the report's hash."""
    result = runner.invoke(app, ["extract", "--evidence", str(CORPUS)])
    assert result.exit_code == 0, result.output
    printed = {record["doc"]: record for record in map(json.loads, result.stdout.splitlines())}
    assert max(len(spans) for r in printed.values() for spans in r["evidence"]["agencies"]) > 5
    for record in printed.values():  # the edges' and duties' spans are printed, not kept
        del record["evidence"]["oversight"], record["evidence"]["duties"]
    with KGStore(built_store, read_only=True) as kg:
        shas = list(kg.manifest()["reports"])
        stored = [kg.load_extraction(sha) for sha in shas]
    assert [record.pop("sha256") for record in stored] == shas
    assert {record["doc"]: record for record in stored} == printed


def test_extract_of_a_missing_folder_fails_clearly(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 2 and "no report files" in result.output


def test_build_then_cites_report_regulations_sparql(tmp_path):
    store = str(tmp_path / "kg")
    result = runner.invoke(app, ["build", "--store", store, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert re.search(r"reports\s*│\s*5", result.output)
    cites = runner.invoke(app, ["cites", "重大行政决策程序暂行条例", "--store", store])
    assert cites.exit_code == 0 and "004_2f204d33215d128b.txt" in cites.output
    assert "严格执行《重大行政决策程序暂行条例》" in cites.output.replace("\n", "")
    top = runner.invoke(app, ["regulations", "--top", "3", "--store", store])
    assert top.exit_code == 0 and "法治政府建设实施纲要" in top.output
    report = runner.invoke(app, ["report", "004", "--store", store])
    assert report.exit_code == 0 and "文山市法治政府建设年度工作要点" in report.output
    sparql = runner.invoke(app, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?r a fz:Report }", "--format", "json",
                                 "--store", store])
    assert json.loads(sparql.stdout) == [{"n": 5}]
    bad = runner.invoke(app, ["sparql", "SELEC nonsense", "--store", store])
    assert bad.exit_code == 2 and "invalid query" in bad.output


def test_queries_on_a_missing_store_say_so(tmp_path):
    result = runner.invoke(app, ["cites", "纲要", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "kg build" in result.output


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    test_command = ci.split("# --- the README's test command, verbatim ---\n", 1)[1].strip()
    assert test_command in readme
    assert shlex.split(test_command)[0] == "python3"


def test_names_typed_in_traditional_script_full_width_or_with_pinyin_are_found(built_store):
    simplified = runner.invoke(app, ["cites", "重大行政决策程序暂行条例", "--store", str(built_store)])
    assert simplified.exit_code == 0 and "004_" in simplified.stdout
    for typed in ("重大行政決策程序暫行條例", "《重大行政决策程序暂行条例》"):
        result = runner.invoke(app, ["cites", typed, "--store", str(built_store)])
        assert result.exit_code == 0, (typed, result.output)
        assert result.stdout.count("004_") == simplified.stdout.count("004_")
    result = runner.invoke(app, ["oversight", "文山市（shì）人民政府", "--store", str(built_store)])
    assert result.exit_code == 0 and "文山市人民政府" in result.stdout
    result = runner.invoke(app, ["agencies", "--region", "內蒙古", "--store", str(built_store)])
    assert result.exit_code == 0 and "内蒙古自治区" in result.stdout


def test_kinds_are_labelled_in_chinese_unless_lang_en(built_store):
    zh = runner.invoke(app, ["regulations", "--top", "5", "--store", str(built_store)])
    en = runner.invoke(app, ["--lang", "en", "regulations", "--top", "5", "--store", str(built_store)])
    assert zh.exit_code == 0 and en.exit_code == 0, (zh.output, en.output)
    assert "政策文件 policy" in zh.stdout and "政策文件" not in en.stdout and "policy" in en.stdout
    assert runner.invoke(app, ["--lang", "fr", "regulations", "--store", str(built_store)]).exit_code == 2


def test_cites_heads_each_match_with_its_full_title_and_kind(built_store):
    result = runner.invoke(app, ["cites", "纲要", "--store", str(built_store)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    headings = [line for line in result.stdout.splitlines() if "match" in line and "for '纲要'" in line]
    assert len(headings) >= 2 and all(h.split()[0] != "纲要" for h in headings)
    from kg.core.labels import label

    kinds = [label(k) for k in ("law", "administrative_regulation", "local_regulation", "rule", "party_document",
                                "normative_document", "policy")]
    assert all(any(k in h for k in kinds) for h in headings), headings


def test_control_characters_from_reports_are_escaped(tmp_path):
    from kg.build.corpus import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (CORPUS / next(p.name for p in CORPUS.glob("004_*.txt"))).read_text("utf-8")
    evil = "一是\x1b]0;pwned\x07\x1b[2J严格执行《重大行政决策程序暂行条例》"
    (corpus / "evil.txt").write_text(text.replace("一是严格执行《重大行政决策程序暂行条例》", evil), "utf-8")
    build([corpus], tmp_path / "store", jobs=1)
    result = runner.invoke(app, ["cites", "重大行政决策程序暂行条例", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\\x1b[2J" in result.stdout


def test_the_command_table_names_each_module_s_commands():
    import importlib

    import typer

    from kg.cli import COMMAND_MODULES, COMMANDS

    registered = {}
    for module in COMMAND_MODULES:
        probe = typer.Typer()
        importlib.import_module(module).register(probe)
        for command in probe.registered_commands:
            registered[command.name or command.callback.__name__.replace("_", "-")] = module
    assert registered == COMMANDS


# What a question from the command line must not load: the extraction pipeline, networkx, jieba,
# rdflib (the store is read with pyoxigraph alone) and pydantic (typer's coercion of option
# values, done plainly by kg.cli) — each costs more start-up than the answer (issue 14).
HEAVY = ("kg.build.pipeline", "networkx", "jieba", "pyvis", "rdflib", "pydantic")
QUESTIONS = {
    "cites": (["cites", "行政复议法"], "行政复议法"),
    "cites-traditional": (["cites", "重大行政決策程序暫行條例", "--limit", "1", "--offset", "0"], "004_2f204d33"),
    "report": (["report", "003"], "003_"),
    "regulations": (["regulations", "--top", "3"], "reports"),
    "oversight": (["oversight", "文山市人民政府"], "文山市人民政府"),
    "sparql": (["sparql", "most-cited", "--format", "csv"], "regulation"),
    # the corpus-wide tables read the aggregates files (issue 16): no rdflib either
    "duties": (["duties", "--by", "summary", "--duty", "重大行政决策", "--no-evidence"], "5 reports"),
    "ratings": (["ratings", "--limit", "5", "--year", "2017"], "results"),
}


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_a_question_loads_neither_the_pipeline_nor_rdflib_networkx_jieba(built_store, question):
    import subprocess
    import sys

    argv, expected = QUESTIONS[question]
    probe = ("import json, sys; sys.argv = ['kg', *json.loads(sys.argv[1]), '--store', sys.argv[2]]\n"
             "from kg.cli import main\n"
             "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
             f"print('LOADED', ' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, json.dumps(argv), str(built_store)], capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    answer, loaded = result.stdout.rsplit("LOADED", 1)
    assert expected in answer and loaded.split() == []


def test_plain_option_values_keep_typer_s_errors(built_store):
    """Values kg.cli converts without pydantic are converted as typer would, and a bad one
    gets typer's own message (exit 2)."""
    import subprocess
    import sys

    def kg(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kg", *argv, "--store", str(built_store)], capture_output=True,
                              text=True, timeout=120, cwd=ROOT)

    typed = runner.invoke(app, ["cites", "纲要", "--offset", "-1", "--store", str(built_store)])
    plain = kg("cites", "纲要", "--offset", "-1")
    assert plain.returncode == typed.exit_code == 2 and "--offset" in plain.stderr
    assert "greater than or equal to 0" in plain.stderr
    bad = kg("cites", "纲要", "--limit", "many")
    assert bad.returncode == 2 and "Invalid value for '--limit'" in bad.stderr and "integer" in bad.stderr
    paged = kg("cites", "法治政府建设实施纲要(2015-2020年)", "--limit", "+1", "--page", "2")
    assert paged.returncode == 0 and "reports 2–2 of 4 shown" in paged.stdout


def test_build_timings_name_each_phase_once_and_add_up(tmp_path):
    """`kg build --timings` prints the wall time of each phase: the loop, the shared graphs part by
    part, the tables, the commit. The phases never overlap: they add up to at most the build's
    own wall time, and the total line is their sum."""
    started = time.perf_counter()
    summary = build([CORPUS], tmp_path / "direct", jobs=1)
    wall = time.perf_counter() - started
    assert list(summary.timings)[:3] == ["find the files", "open the store", "extract and load"]
    assert {"shared graphs: entities graph", "shared graphs: time graph", "shared graphs: change events",
            "tables: ratings, most cited, agency index", "aggregates and manifest", "commit"} <= set(summary.timings)
    assert all(s >= 0 for s in summary.timings.values()) and sum(summary.timings.values()) <= wall
    result = runner.invoke(app, ["build", "--store", str(tmp_path / "cli"), "--jobs", "1", "--timings"])
    assert result.exit_code == 0, result.output
    lines = [line.split(None, 3) for line in result.stderr.splitlines() if line.startswith("time ")]
    assert [name for _, _, _, name in lines] == [*summary.timings, "total"]
    seconds = [float(s) for _, s, _, _ in lines]
    assert abs(sum(seconds[:-1]) - seconds[-1]) <= 0.05 * len(seconds)
    plain = runner.invoke(app, ["build", "--store", str(tmp_path / "cli"), "--jobs", "1"])
    assert plain.exit_code == 0 and "time " not in plain.stderr


def test_extract_evidence_says_where_each_edge_and_duty_status_is_said():
    """`kg extract --evidence` gives every oversight edge and every status of every duty the
    span that says it, in the contract's order: the span's words are in the original text at
    its offsets, and inside the sentence quoted."""
    path = CORPUS / "004_2f204d33215d128b.txt"
    result = runner.invoke(app, ["extract", "--evidence", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    original = path.read_text(encoding="utf-8")
    edges, duties = record["evidence"]["oversight"], record["evidence"]["duties"]
    assert len(edges) == len(record["oversight"]) > 0
    assert [sorted(d) for d in duties] == [sorted(d["status"]) for d in record["duties"]]
    spans = [*edges, *(span for d in duties for spans in d.values() for span in spans)]
    assert len(spans) > 20
    for span in spans:
        words = original[span["start"]:span["end"]]
        assert words and span["report"] == path.name
        assert "".join(words.split()) in "".join(span["sentence"].split())
    assert [e["sentence"] for e in edges] == [o["evidence"] for o in record["oversight"]]
