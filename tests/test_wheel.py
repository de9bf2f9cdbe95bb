"""The built wheel works on its own: installed into a fresh environment, away from the source
tree, `kg build` builds the bundled sample corpus and `kg cites` answers from it — the data
tables, ontology, saved queries and view assets all come from the wheel (``kg/_assets``)."""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What a wheel is built from (as an sdist would carry it): the checkout without its tests, bench
# and local state.
LEFT_OUT = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "kg-data", "tests", "bench", "out")
CACHES = shutil.ignore_patterns("__pycache__", "*.pyc")


def junk(folder: str, names: list[str]) -> set[str]:
    return CACHES(folder, names) | (LEFT_OUT(folder, names) if Path(folder) == ROOT else set())

pytestmark = pytest.mark.slow


def run(args: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def can_build_offline() -> bool:
    """The running environment has what setuptools needs to build a wheel without fetching
    build dependencies (setuptools >= 70.1 has bdist_wheel built in; older ones need wheel)."""
    try:
        from setuptools import __version__ as setuptools_version
    except ImportError:
        return False
    major, minor = (int(x) for x in setuptools_version.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def test_wheel_installed_without_the_source_tree_builds_and_answers(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=junk)
    isolation = ["--no-build-isolation"] if can_build_offline() else []  # else pip fetches setuptools from the index
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", *isolation, "-w", tmp_path / "dist", source],
        cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("fazhi_kg-*.whl")

    # A fresh environment: the wheel in its own site-packages; the dependencies seen through a
    # .pth naming this environment's site-packages (its .pth files, such as an editable
    # install's finder, are not run from there, so the source tree cannot be imported).
    env_dir = tmp_path / "env"
    run([sys.executable, "-m", "venv", "--without-pip", env_dir], cwd=tmp_path)
    python = env_dir / "bin" / "python"
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                    cwd=tmp_path).stdout.strip())
    paths = sysconfig.get_paths()
    (site / "_test_dependencies.pth").write_text(f"{paths['purelib']}\n{paths['platlib']}\n", "utf-8")
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel],
        cwd=tmp_path)

    work = tmp_path / "work"  # an empty folder: no data/, ontology/ or viz/ beside the command
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FAZHI_KG_HOME", "PYTHONHOME")}
    env["COLUMNS"] = "200"
    where = run([python, "-c", "import kg, kg.core.resources as r; print(kg.__file__); print(r.HOME)"],
                cwd=work, env=env).stdout.split()
    assert Path(where[0]).resolve().is_relative_to(env_dir.resolve()), where
    assert Path(where[1]).resolve() == (Path(where[0]).parent / "_assets").resolve(), where

    kg = env_dir / "bin" / "kg"
    built = run([kg, "build", "--store", "kg-data", "--jobs", "1"], cwd=work, env=env)
    assert re.search(r"reports\s*│\s*5\b", built.stdout), built.stdout
    cites = run([kg, "cites", "重大行政决策程序暂行条例", "--store", "kg-data"], cwd=work, env=env)
    out = cites.stdout.replace("\n", "")
    assert "004_2f204d33215d128b.txt" in out and "严格执行《重大行政决策程序暂行条例》" in out, cites.stdout
    views = run([kg, "viz", "--store", "kg-data", "--out", "views", "--no-per-report"], cwd=work, env=env)
    assert (work / "views" / "index.html").is_file(), views.stdout
    assert "view.js" in {p.name for p in (work / "views").rglob("*")}
