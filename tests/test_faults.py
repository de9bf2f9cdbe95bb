"""Faults never lose the store: an interrupted build (at any point, or killed with SIGKILL)
leaves the previous store answering the same queries; a second concurrent build is refused;
a damaged store is named as such and `kg build --rebuild` recovers it."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.build.corpus
import kg.graph.tallies
import kg.store.update
from kg.build.corpus import build
from kg.cli import app
from kg.store import KGStore, StoreError
from kg.store.lock import StoreLock
from tests.conftest import CORPUS, seed

QUERIES = [
    "SELECT ?r ?file WHERE { ?r a fz:Report ; fz:fileName ?file } ORDER BY ?file",
    "SELECT DISTINCT ?reg WHERE { ?r dcterms:references ?reg } ORDER BY ?reg",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
]


def answers(store: Path) -> list:
    with KGStore(store, read_only=True) as kg:
        return [kg.query(q) for q in QUERIES] + [sorted(kg.manifest()["reports"])]


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("base") / "store"
    assert build([seed("000"), seed("003")], store, jobs=1).exit_status == 0  # 000 gets removed later
    return store


@pytest.fixture()
def two_reports(tmp_path, base_store) -> tuple[Path, Path, list]:
    """A store built from two seeds, a corpus folder with three, and the store's answers."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in ("002", "003", "004"):
        (corpus / seed(p).name).write_bytes(seed(p).read_bytes())
    store = tmp_path / "store"
    shutil.copytree(base_store, store)
    return corpus, store, answers(store)


class Boom(KeyboardInterrupt):
    """Stands for Ctrl-C arriving at that moment."""


def _interrupt_after(n: int):
    calls = {"n": 0}

    def hook(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > n:
            raise Boom()
    return hook


# Where the interrupt lands: (object, attribute, after how many calls the original keeps running).
INTERRUPT_POINTS = [
    ("extract", 0), ("extract", 1), ("save_extraction", 1),
    ("load_graph_file", 0), ("remove_graph", 0), ("shared_drop", 0), ("shared_finish", 0), ("flush_tallies", 0),
    ("write_tallies", 0),
    ("write_manifest", 0), ("fsync_dir", 0),
    ("switch_to", 0),
]


@pytest.mark.parametrize("point, after", INTERRUPT_POINTS)
def test_an_interrupt_anywhere_leaves_the_previous_store(two_reports, monkeypatch, point, after):
    corpus, store, before = two_reports
    hook = _interrupt_after(after)
    if point == "extract":
        original = kg.build.corpus.extract_one
        monkeypatch.setattr(kg.build.corpus, "extract_one", lambda p: (hook(), original(p))[1])
    elif point in ("replace_graph", "replace_quads", "load_graph_file", "save_extraction", "remove_graph",
                   "write_manifest"):
        original_method = getattr(KGStore, point)
        monkeypatch.setattr(KGStore, point, lambda self, *a: (hook(), original_method(self, *a))[1])
    elif point in ("shared_drop", "shared_finish"):  # the shared graphs and counts (kg.graph.tallies)
        method = point.removeprefix("shared_")
        original_method = getattr(kg.graph.tallies.SharedUpdate, method)
        monkeypatch.setattr(kg.graph.tallies.SharedUpdate, method,
                            lambda self, *a: (hook(), original_method(self, *a))[1])
    elif point == "flush_tallies":  # the contributions going to the new generation's copy of the tallies
        original_flush = kg.graph.tallies.Tallies.flush
        monkeypatch.setattr(kg.graph.tallies.Tallies, "flush", lambda self: (hook(), original_flush(self))[1])
    elif point == "write_tallies":  # the tallies' file renamed into the new generation
        original_close = kg.graph.tallies.close_tallies
        monkeypatch.setattr(kg.graph.tallies, "close_tallies", lambda *a: (hook(), original_close(*a))[1])
    else:
        monkeypatch.setattr(kg.store.update, point, hook)
    with pytest.raises(Boom):
        build([corpus], store, jobs=1)
    assert answers(store) == before
    monkeypatch.undo()
    summary = build([corpus], store, jobs=1)  # the lock was released, leftovers are cleaned
    assert summary.exit_status == 0 and summary.reports == 3
    assert len(list((store / "generations").iterdir())) <= 2


def test_a_second_build_is_refused_while_one_runs(two_reports):
    corpus, store, before = two_reports
    with StoreLock(store):
        with pytest.raises(StoreError, match="another kg build .* is writing"):
            build([corpus], store, jobs=1)
        result = CliRunner().invoke(app, ["build", str(corpus), "--store", str(store), "--jobs", "1"])
        assert result.exit_code == 2 and "another kg build" in result.stderr
    assert answers(store) == before
    assert build([corpus], store, jobs=1).exit_status == 0


def _damage_manifest(store: Path, data_dir: Path) -> None:
    manifest = data_dir / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:40])


def _delete_manifest(store: Path, data_dir: Path) -> None:
    (data_dir / "manifest.json").unlink()


def _damage_pointer(store: Path, data_dir: Path) -> None:
    (store / "current").write_text("../../etc\n")


def _pointer_made_a_directory(store: Path, data_dir: Path) -> None:
    (store / "current").unlink()
    (store / "current").mkdir()


def _drop_database(store: Path, data_dir: Path) -> None:
    shutil.rmtree(data_dir / "oxigraph")


def _scramble_database(store: Path, data_dir: Path) -> None:
    for f in (data_dir / "oxigraph").iterdir():
        if f.is_file() and (f.name.startswith(("MANIFEST", "CURRENT")) or f.suffix == ".sst"):
            os.unlink(f)  # hard links: unlink first so no other generation is touched
            f.write_bytes(b"\x00garbage" * 10)


def _drop_a_graph(store: Path, data_dir: Path) -> None:
    import pyoxigraph as ox

    with KGStore(store, read_only=True) as kg:
        graph = next(iter(kg.manifest()["reports"].values()))["graph"]
    db = ox.Store(str(data_dir / "oxigraph"))
    db.remove_graph(ox.NamedNode(graph))
    db.flush()
    del db


@pytest.mark.parametrize("damage", [_damage_manifest, _delete_manifest, _damage_pointer, _pointer_made_a_directory,
                                    _drop_database, _scramble_database, _drop_a_graph])
def test_a_damaged_store_is_named_and_rebuild_recovers(two_reports, damage):
    corpus, store, _ = two_reports
    with KGStore(store, read_only=True) as kg:
        data_dir = kg.data_dir
    damage(store, data_dir)
    with pytest.raises(StoreError, match=r"damaged store: .*kg build --rebuild"):
        build([corpus], store, jobs=1)
    runner = CliRunner()
    if damage in (_damage_manifest, _delete_manifest):  # the questions see it too, not only the build
        for question in (["cites", "行政复议法"], ["report", "003"]):
            asked = runner.invoke(app, [*question, "--store", str(store)])
            assert asked.exit_code == 2 and "damaged store" in asked.stderr, question
    result = runner.invoke(app, ["build", str(corpus), "--store", str(store), "--jobs", "1"])
    assert result.exit_code == 2 and "damaged store" in result.stderr and "\n" not in result.stderr.strip()
    rebuilt = runner.invoke(app, ["build", str(corpus), "--store", str(store), "--jobs", "1", "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert len(answers(store)[0]) == 3


def test_a_store_from_before_generations_is_read_and_converted(two_reports):
    corpus, store, before = two_reports
    with KGStore(store, read_only=True) as kg:
        data_dir = kg.data_dir
    for name in ("oxigraph", "manifest.json", "extractions"):
        shutil.move(str(data_dir / name), str(store / name))
    shutil.rmtree(store / "generations")
    (store / "current").unlink()
    assert answers(store) == before
    assert build([corpus], store, jobs=1).exit_status == 0
    assert not (store / "oxigraph").exists() and (store / "current").exists()
    assert len(answers(store)[0]) == 3


def _variant_corpus(folder: Path, copies: int) -> None:
    """``copies`` reports: the seeds with a numbered line added, so every hash differs."""
    folder.mkdir()
    seeds = sorted(CORPUS.glob("*.txt"))
    for k in range(copies):
        source = seeds[k % len(seeds)]
        text = source.read_text("utf-8") + f"\n本报告第{k}份副本。\n"
        (folder / f"{k:04d}_{source.name}").write_text(text, encoding="utf-8")


def _group(pgid: int) -> set[int]:
    """Live processes of the process group ``pgid`` (zombies are dead)."""
    members = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[2]) == pgid:
                members.add(int(entry.name))
    return members


@pytest.mark.slow
def test_kill_9_midway_leaves_the_previous_store_and_the_next_build_completes(tmp_path):
    store = tmp_path / "store"
    assert build([seed("001"), seed("003")], store, jobs=1).exit_status == 0
    before = answers(store)
    corpus = tmp_path / "many"
    _variant_corpus(corpus, 40)
    command = [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store), "--jobs", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        # Wait until the build has its new generation and has written report graphs into it.
        # (generous: on a loaded machine, start-up and the first reports took over a minute)
        deadline = time.monotonic() + 300
        written = False
        while time.monotonic() < deadline and proc.poll() is None:
            extractions = list((store / "generations").glob("*/extractions/*.json"))
            if len(extractions) >= 2 + 5:  # the two linked from before, and some new ones
                written = True
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the build ended before it could be killed"
        assert written, "the build wrote no report in 5 minutes"
        assert answers(store) == before  # readers see the previous store while a build runs
        assert _group(proc.pid) - {proc.pid}, "the build has no worker processes to outlive it"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10  # the workers die with it (they outlived it, ~180 MB each)
        while _group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _group(proc.pid), "extraction workers outlived a kill -9 of their build"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the orphaned extraction workers of that build
        except ProcessLookupError:
            pass
        proc.wait()
    assert answers(store) == before
    summary = build([corpus], store, jobs=2)
    assert summary.exit_status == 0 and summary.reports == 40
    assert len(list((store / "generations").iterdir())) <= 2


def test_python_m_kg_runs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "build", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "Exit status" in result.stdout


_REAL_EXTRACT_ONE = kg.build.corpus.extract_one


def _extract_or_die(path: str):
    """As the build extracts, but a report named *poison* kills its worker process (as the
    kernel's OOM killer would)."""
    if "poison" in path:
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_EXTRACT_ONE(path)


@pytest.mark.slow
def test_a_dead_worker_costs_one_report(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = []
    for k, p in enumerate(sorted(CORPUS.glob("*.txt"))):
        name = f"{k}_poison.txt" if k == 2 else p.name
        (corpus / name).write_bytes(p.read_bytes() + (b"\n" * k))  # distinct content
        names.append(name)
    monkeypatch.setattr(kg.build.corpus, "extract_one", _extract_or_die)  # workers are forked with it
    paths = [str(corpus / n) for n in names]
    results = list(kg.build.corpus.run_extraction(paths, 2))
    assert [r.path for r in results] == paths
    failed = [r for r in results if not r.sha256]
    assert len(failed) == 1 and failed[0].path.endswith("2_poison.txt")
    assert "killed its worker" in (failed[0].error or "")
    summary = build([corpus], tmp_path / "store", jobs=2)
    assert summary.committed and summary.reports == 4 and len(summary.failed) == 1


def test_faults_of_the_machine_are_one_line_and_exit_2(tmp_path):
    afile = tmp_path / "not-a-folder"
    afile.write_text("x")
    env = {**os.environ, "KG_ENDPOINT_AUTHORIZATION": "Basic x\r\nInjected: yes"}
    cases = [
        (["build", str(CORPUS), "--store", str(afile), "--jobs", "1"], {}, "File exists"),
        (["push", "--endpoint", "notaurl", "--store", str(afile)], {}, "must be an http(s) URL"),
        (["push", "--endpoint", "http://127.0.0.1:9/store", "--store", str(afile)], env, "line break"),
    ]
    for args, environment, message in cases:
        result = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120,
                                env=environment or None)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("limit_kb", [16, 256])
def test_a_file_size_limit_is_one_line_exit_2_and_the_store_kept(two_reports, limit_kb):
    """Under `ulimit -f` the store's own writes fail: one line naming the limit (not every
    report "cannot store its graph", not "none could be read"), exit 2, previous store intact."""
    import resource

    corpus, store, before = two_reports

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_kb * 1024, limit_kb * 1024))

    result = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store), "--jobs", "1"],
                            capture_output=True, text=True, timeout=300, preexec_fn=limit)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "File too large" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "could be read" not in result.stderr
    assert answers(store) == before


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs of its own: a disk that fills up (or turns read-only) for real. Needs the
    right to mount (root in CI and here); skipped only where the machine refuses the mount."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _build_on(corpus: Path, store: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store), "--jobs", "1"],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_full_disk_is_one_line_exit_2_and_the_store_kept(two_reports, small_disk):
    """The store's disk fills up during a build (2 MB of store, 4 MB of disk, three more
    reports): one line saying so, exit 2, and the store answers as before."""
    corpus, store, before = two_reports
    for extra in ("000", "001"):
        (corpus / seed(extra).name).write_bytes(seed(extra).read_bytes())
    on_disk = small_disk / "store"
    shutil.copytree(store, on_disk)
    result = _build_on(corpus, on_disk)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "No space left on device" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert answers(on_disk) == before


@pytest.mark.slow
def test_a_read_only_store_is_one_line_exit_2_and_the_store_kept(two_reports, small_disk):
    corpus, store, before = two_reports
    on_disk = small_disk / "store"
    shutil.copytree(store, on_disk)
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True).returncode == 0
    result = _build_on(corpus, on_disk)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Read-only file system" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert answers(on_disk) == before
