"""The agency index written by a process of its own, from a snapshot of the store.

At 100,000 reports the end of a build writes the rating results and the agency index, each
≈ 70 s of one core read from the store. :func:`agency_index_beside` runs this module on a
snapshot of the store (:meth:`kg.store.KGStore.snapshot`, hard links made in a moment) while
the build writes the ratings, so the two take the two cores. A process started afresh
(``python -m kg.build.apart SNAPSHOT PATH``), not forked: a fork would copy the writer's
threads and its open database, and multiprocessing's spawn would import the caller's main
script again.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from kg.graph import agency_index
from kg.store import KGStore, one_line
from kg.store.files import atomic_path

SNAPSHOT_FOLDER = "index-snapshot"  # in the new generation while the index is written from it


def write_agency_index(path: Path, store: KGStore, rating_facts: Path | None = None) -> None:
    """The agency index of ``store`` (:mod:`kg.graph.agency_index`; its ratings from
    ``rating_facts`` when given), written under a temporary name and renamed into place."""
    with atomic_path(path) as tmp, closing(sqlite3.connect(tmp)) as db:
        agency_index.fill(db, store, rating_facts)


@contextmanager
def agency_index_beside(store: KGStore, path: Path, rating_facts: Path | None = None, *,
                        apart: bool = True) -> Iterator[None]:
    """Write the agency index of ``store`` as it is on entering to ``path`` while the block runs,
    in a process of its own reading a snapshot of the store; on leaving, wait for it (its
    failure raises :class:`RuntimeError` with its last line) and remove the snapshot, whatever
    happens. Not ``apart`` (a small store, where a process costs more than it saves): written
    first, in this process."""
    if not apart:
        write_agency_index(path, store, rating_facts)
        yield
        return
    snapshot = store.data_dir / SNAPSHOT_FOLDER
    shutil.rmtree(snapshot, ignore_errors=True)
    writer = None
    # its messages go to a file, not a pipe nobody reads until the block ends (a full pipe would stall it)
    with tempfile.TemporaryFile() as messages:
        try:
            store.snapshot(snapshot)
            facts = [str(rating_facts)] if rating_facts is not None else []
            writer = subprocess.Popen([sys.executable, "-P", "-m", __name__, str(snapshot), str(path), *facts],
                                      env=_same_kg(),
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=messages)
            yield
            if writer.wait():
                messages.seek(0)
                lines = messages.read().decode("utf-8", "replace").strip().splitlines()
                raise RuntimeError(f"{path}: the agency index could not be written "
                                   f"({one_line(lines[-1] if lines else f'exit status {writer.returncode}')})")
        finally:
            if writer is not None and writer.poll() is None:  # the block failed: the index is not wanted
                writer.kill()
                writer.wait()
            shutil.rmtree(snapshot, ignore_errors=True)


def _same_kg() -> dict[str, str]:
    """The environment of a child that imports this ``kg`` package, not one in its working folder
    (``-P`` leaves the folder off ``sys.path``; the package's parent comes first on it)."""
    here = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (here, os.environ.get("PYTHONPATH"))))}


def main(argv: list[str]) -> int:
    snapshot, path, *facts = argv  # SNAPSHOT PATH [RATING_FACTS]
    with KGStore(snapshot, read_only=True, data_dir=snapshot) as store:
        write_agency_index(Path(path), store, Path(facts[0]) if facts else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
