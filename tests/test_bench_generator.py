"""The benchmark corpus generator: deterministic, realistic swaps, titles kept."""
from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate as gen  # noqa: E402

from .conftest import seed  # noqa: E402


@pytest.mark.parametrize("text, offset, expected", [
    ("2017年,自治区政府法制办认真贯彻", 2, "2019年,自治区政府法制办认真贯彻"),
    ("落实《法治政府建设实施纲要(2015-2020年)》", 3, "落实《法治政府建设实施纲要(2015-2020年)》"),
    ("关于2017年度法治政府建设的情况报告,2018 年工作打算", -1, "关于2016年度法治政府建设的情况报告,2017 年工作打算"),
])
def test_shift_years_outside_titles(text, offset, expected):
    assert gen.shift_years(text, offset) == expected


@pytest.mark.parametrize("name, expected", [
    ("广东省", "广东"), ("清远市", "清远"), ("内蒙古自治区", "内蒙古"), ("兴安盟", "兴安"), ("和县", None),
])
def test_short_form(name, expected):
    assert gen.short_form(name) == expected


def test_swap_places_is_consistent_across_levels():
    text = "清远市人民政府关于2017年度法治政府建设的情况报告。根据《广东省法治政府建设实施纲要》,清远全市"
    out = gen.swap_places(text, random.Random(5))
    by_name, chains = gen._places()
    province, prefecture = out[out.index("《") + 1:].split("法治")[0], out.split("人民政府")[0]
    assert "清远" not in out and "广东" not in out
    assert by_name[province].level == 0 and by_name[prefecture].level == 1
    assert any(c[0] == province and c[1] == prefecture for c in chains)
    assert out.endswith(gen.short_form(prefecture) + "全市")


def test_swap_departments_keeps_rank():
    text = "市司法局、市民政局和省财政厅"
    swapped = {gen.swap_departments(text, random.Random(i)) for i in range(20)}
    assert len(swapped) > 1  # names do change
    for out in swapped:
        names = gen._department_pattern().findall(out)
        assert [n[-1] for n in names] == ["局", "局", "厅"]
        assert out.startswith("市") and "、市" in out and "和省" in out


def test_generate_is_deterministic_and_distinct(tmp_path):
    first = gen.generate(12, tmp_path / "a", seed=3)
    gen.generate(12, tmp_path / "b", seed=3)
    other = gen.generate(12, tmp_path / "c", seed=4)

    def digest(folder: Path) -> list[str]:
        return [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())]

    assert first["files"] == first["distinct"] == 12
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c") and other["distinct"] == 12
    original = seed("003").read_text("utf-8")
    generated = (tmp_path / "a" / "gen000003_s003.txt").read_text("utf-8")
    assert sorted(generated.split("\n")) != sorted(original.split("\n"))  # places/years swapped
    assert abs(len(generated) - len(original)) < 0.05 * len(original)   # same size class
