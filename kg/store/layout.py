"""Where a store's data lives: numbered generations and a ``current`` pointer.

::

    kg-data/
      .lock                 held by the one build writing (see :mod:`kg.store.lock`)
      current               "generations/000007" — the generation readers open
      generations/000007/   oxigraph/, manifest.json, extractions/
      generations/000006/   the previous one, kept for readers that opened it just before the switch

Why generations: Oxigraph (RocksDB) documents that opening a database read-only while
another process writes it is undefined behaviour, and a build stopped half-way (Ctrl-C,
``kill -9``, power loss) must not leave a half-updated graph. So a build never writes the
generation readers use: it snapshots it into a new folder with ``Store.backup`` (a RocksDB
checkpoint — hard links to the immutable table files, so cheap even for a large store),
hard-links the extraction records, applies its changes there, writes the manifest last,
and then replaces ``current`` with one ``rename`` — atomic on POSIX. Until that rename,
every reader (and a later build) sees the previous generation, intact. A folder left by a
killed build is just an unreferenced generation, removed by the next build.

A long-lived reader (``kg serve``) holds a shared lock on ``<generation>/.readers``
(:func:`reading`) for as long as it uses a generation; a build never removes a generation
so held, and removes it at the first build after the reader has moved on.

A store from before generations (``kg-data/oxigraph`` + ``kg-data/manifest.json``) is read
in place as the "legacy" generation and converted by the next build.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.store.files import atomic_write_text

POINTER = "current"
READERS = ".readers"
GENERATIONS = "generations"
_GENERATION_NAME = re.compile(r"\d{6,}")


class DamagedStore(Exception):
    """The store folder is not in a state we wrote; ``kg build --rebuild`` recovers."""


def pointer_path(root: Path) -> Path:
    return root / POINTER


def current_generation(root: Path) -> Path | None:
    """The folder holding the current data of the store at ``root`` (None: no store yet).

    Raises :class:`DamagedStore` if the pointer is unreadable or names a missing folder.
    """
    pointer = pointer_path(root)
    if pointer.exists():
        try:
            target = pointer.read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError) as err:
            raise DamagedStore(f"{pointer}: unreadable ({err})") from err
        if not re.fullmatch(rf"{GENERATIONS}/\d{{6,}}", target):
            raise DamagedStore(f"{pointer}: does not name a generation ({target[:40]!r})")
        folder = root / target
        if not (folder / "oxigraph").is_dir():
            raise DamagedStore(f"{folder}: the current generation is missing")
        return folder
    if (root / "oxigraph").is_dir():
        return root  # legacy layout
    return None


def generation_numbers(root: Path) -> list[int]:
    folder = root / GENERATIONS
    if not folder.is_dir():
        return []
    return sorted(int(p.name) for p in folder.iterdir() if _GENERATION_NAME.fullmatch(p.name))


def new_generation_path(root: Path) -> Path:
    numbers = generation_numbers(root)
    return root / GENERATIONS / f"{(numbers[-1] + 1) if numbers else 1:06d}"


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def switch_to(root: Path, generation: Path) -> None:
    """Make ``generation`` current: one atomic rename of the pointer file. A directory where
    the pointer belongs (a damaged store, being rebuilt) is first moved aside to
    ``current.damaged``, since no rename can replace a directory by a file."""
    pointer = pointer_path(root)
    if pointer.is_dir() and not pointer.is_symlink():
        aside = root / f"{POINTER}.damaged"
        if aside.is_dir() and not aside.is_symlink():
            shutil.rmtree(aside)
        elif aside.exists() or aside.is_symlink():
            aside.unlink()
        pointer.rename(aside)
    atomic_write_text(pointer_path(root), f"{generation.relative_to(root).as_posix()}\n")
    fsync_dir(root)


@contextmanager
def reading(generation: Path) -> Iterator[Path]:
    """Hold ``generation`` for reading: builds will not remove it until the block ends. (A
    store on a read-only file system cannot be built into, so nothing is held there.)"""
    try:
        handle = open(generation / READERS, "a")
    except OSError:
        yield generation
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        try:
            yield generation
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def in_use(generation: Path) -> bool:
    """Whether a reader holds ``generation`` (see :func:`reading`)."""
    try:
        with open(generation / READERS, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


def remove_stale(root: Path, keep: Path) -> None:
    """Remove every generation except ``keep`` (now current), the newest complete one before
    it (a reader may have opened it just before the switch) and any a reader holds, plus
    legacy files."""
    numbers = generation_numbers(root)
    current = int(keep.name)
    older_complete = [n for n in numbers if n < current
                      and (root / GENERATIONS / f"{n:06d}" / "manifest.json").exists()]
    spare = older_complete[-1] if older_complete else None
    for n in numbers:
        folder = root / GENERATIONS / f"{n:06d}"
        if n not in (current, spare) and not in_use(folder):
            shutil.rmtree(folder, ignore_errors=True)
    for legacy in ("oxigraph", "extractions"):
        shutil.rmtree(root / legacy, ignore_errors=True)
    (root / "manifest.json").unlink(missing_ok=True)
