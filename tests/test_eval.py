"""`kg eval`: the figures of the reference scorer (../shared/eval/score.py) on both dev sets,
and each report's errors listed as the figures count them."""
from __future__ import annotations

import contextlib
import copy
import importlib.util
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.eval.scoring import load_gold, load_predictions, score
from tests.conftest import CORPUS

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the checkout, as in CI
DEV_SETS = [("gold", "seeds"), ("gold-real", "real")]
runner = CliRunner()

needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                                  reason=f"{SHARED} (gold, corpus and score.py) is not beside the checkout")


def reference_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer


def extract_to(path: Path, *docs: Path) -> Path:
    result = runner.invoke(app, ["extract", *map(str, docs)])
    assert result.exit_code == 0, result.output
    path.write_text(result.stdout, encoding="utf-8")
    return path


@needs_shared
@pytest.mark.parametrize("gold_name, corpus_name", DEV_SETS)
def test_kg_eval_gives_the_figures_of_score_py(tmp_path, gold_name, corpus_name):
    gold, corpus = SHARED / "eval" / gold_name, SHARED / "corpus" / corpus_name
    scorer = reference_scorer()
    out = extract_to(tmp_path / "out.jsonl", corpus)
    reference = scorer.score(gold, out)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert scorer.main([str(gold), str(out)]) == 0

    extracted = runner.invoke(app, ["eval", str(gold), str(corpus), "--json"])  # extracts the reports itself
    assert extracted.exit_code == 0, extracted.output
    assert json.loads(extracted.stdout) == reference
    assert reference["reports"] > 0 and not reference["reports_missing_from_prediction"]
    from_jsonl = runner.invoke(app, ["eval", str(gold), str(out)])
    assert from_jsonl.exit_code == 0, from_jsonl.output
    assert from_jsonl.stdout == printed.getvalue()


@needs_shared
def test_matching_rules_agree_with_score_py_on_hard_cases(tmp_path):
    """Aliases, also_accept, normalization and one-to-one pairing, item by item."""
    gold = {"doc": "x.txt", "metadata": {"title": "《关于2017年度的报告》", "year_covered": 2017, "issuer": None},
            "regulations": [{"title": "法治政府建设实施纲要(2015—2020年)", "aliases": ["纲要"],
                             "doc_number": "中发【2015】36号"},
                            {"title": "行政复议法", "aliases": ["中华人民共和国行政复议法"]}],
            "agencies": [{"name": "清远市人民政府", "aliases": ["市政府"], "also_accept": ["清远市政府"]},
                         {"name": "清远市司法局", "aliases": ["市司法局"]}, {"name": "市政府办公室"}],
            "oversight": [{"overseer": "市政府", "overseen": "清远市司法局", "kind": "supervises"},
                          {"overseer": "清远市人大常委会", "overseen": "市政府", "kind": "receives_report"}],
            "duties": [{"id": "a", "status": ["done", "gap"]}, {"id": "b", "status": ["planned"]}]}
    pred = {"doc": "x.html", "metadata": {"title": "关于2017年度的报告", "year_covered": "2017", "issuer": "某局"},
            "regulations": [{"title": "《纲要》", "doc_number": "中发〔2015〕36号"},
                            {"title": "中华人民共和国行政复议法"}, {"title": "纲要"}],
            "agencies": [{"name": "市司法局"}, {"name": "清远市政府"}, {"name": "市政府"}],
            "oversight": [{"overseer": "清远市政府", "overseen": "市司法局", "kind": "guides"},
                          {"overseer": "清远市人大常委会", "overseen": "清远市人民政府", "kind": "receives_report"}],
            "duties": [{"id": "a", "status": ["done"]}, {"id": "c", "status": ["done"]}]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    (tmp_path / "pred.jsonl").write_text(json.dumps(pred, ensure_ascii=False) + "\n", "utf-8")
    reference = reference_scorer().score(tmp_path / "gold", tmp_path / "pred.jsonl")
    ours = score(load_gold(tmp_path / "gold"), load_predictions(tmp_path / "pred.jsonl"))
    assert ours == reference
    # the cases really are hard: an also_accept and an alias name one gold agency twice
    assert (reference["agencies"]["tp"], reference["agencies"]["fp"], reference["regulations"]["fp"]) == (2, 1, 1)


def test_errors_list_what_the_figures_count(tmp_path):
    """Gold made from the extraction itself, then changed: exactly the changes are errors."""
    out = extract_to(tmp_path / "out.jsonl", CORPUS)
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    changed = copy.deepcopy(records[0])
    dropped = changed["agencies"].pop(0)["name"]
    renamed = changed["regulations"][0]["title"]
    changed["regulations"][0] = {**changed["regulations"][0], "title": "不存在的规定", "aliases": []}
    changed["metadata"]["region"] = "别处"
    for record in [changed, *records[1:]]:
        (gold_dir / (Path(record["doc"]).stem + ".json")).write_text(json.dumps(record, ensure_ascii=False), "utf-8")

    result = runner.invoke(app, ["eval", str(gold_dir), str(CORPUS), "--errors", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    errors = figures.pop("errors")
    first = Path(records[0]["doc"]).stem
    assert {doc for doc, found in errors.items() if found} == {first}
    assert errors[first]["agencies"] == {"missed": [], "spurious": [dropped]}
    assert errors[first]["regulations"] == {"missed": ["不存在的规定"], "spurious": [renamed]}
    assert errors[first]["metadata"]["missed"] == ["region: 别处"]
    assert (figures["agencies"]["fp"], figures["agencies"]["fn"]) == (1, 0)
    assert (figures["regulations"]["fp"], figures["regulations"]["fn"]) == (1, 1)
    text = runner.invoke(app, ["eval", str(gold_dir), str(out), "--errors"], env={"COLUMNS": "200"})
    assert text.exit_code == 0
    assert dropped in text.stdout and "不存在的规定" in text.stdout and "no errors: " in text.stdout
    assert text.stdout.rstrip().splitlines()[-1].startswith("metadata title=1.00")


def test_eval_without_gold_or_without_annotated_reports_fails_clearly(tmp_path):
    result = runner.invoke(app, ["eval", str(tmp_path), str(CORPUS)])
    assert result.exit_code == 2 and "no gold files" in result.output
    (tmp_path / "other.json").write_text(json.dumps({"doc": "other.txt"}), "utf-8")
    result = runner.invoke(app, ["eval", str(tmp_path), str(CORPUS)])
    assert result.exit_code == 2 and "has a gold file" in result.output


@needs_shared
def test_only_given_scores_one_half_as_score_py_does_on_that_half(tmp_path):
    gold_all, corpus = SHARED / "eval" / "gold-real", SHARED / "corpus" / "real"
    odd = sorted(p for p in corpus.glob("r*.txt") if int(p.stem[1:]) % 2 == 1)
    half_gold = tmp_path / "gold-odd"
    half_gold.mkdir()
    for p in odd:
        (half_gold / f"{p.stem}.json").write_bytes((gold_all / f"{p.stem}.json").read_bytes())
    out = tmp_path / "all.jsonl"
    extract_to(out, corpus)
    reference = reference_scorer().score(half_gold, out)
    result = runner.invoke(app, ["eval", str(gold_all), str(out), "--only-given", "--json"])
    assert result.exit_code == 0, result.output
    # from the predictions of every report, --only-given keeps the gold of the reports given
    assert json.loads(result.stdout)["reports"] == 40
    halved = runner.invoke(app, ["eval", str(gold_all), *map(str, odd), "--only-given", "--json"])
    assert halved.exit_code == 0, halved.output
    assert json.loads(halved.stdout) == reference
