"""Change a store as one atomic step: a new generation, switched to only when complete.

>>> import tempfile
>>> from rdflib import Graph, URIRef
>>> folder = tempfile.mkdtemp()
>>> with StoreUpdate(folder) as update:
...     g = Graph(identifier=URIRef("https://example.org/g"))
...     _ = g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), URIRef("https://example.org/b")))
...     update.store.replace_graph(g)
...     update.store.write_manifest({"reports": {}})
>>> with KGStore(folder, read_only=True) as store:
...     len(store)
1

See :mod:`kg.store.layout` for the folder layout and why it is built this way.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from kg.store import REBUILD_HINT, KGStore, StoreError, one_line
from kg.store.layout import DamagedStore, current_generation, fsync_dir, new_generation_path, remove_stale, switch_to
from kg.store.lock import LockedError, StoreLock


class StoreUpdate:
    """``with StoreUpdate(folder, rebuild=False) as update:`` — ``update.store`` is a
    writable :class:`KGStore` over a new generation, ``update.manifest`` the current
    manifest (empty when rebuilding). Leaving the block normally switches to the new
    generation; an exception (or :meth:`abandon`) discards it and the store stays as it
    was. Holds the store lock throughout, so a second writer is refused at once.

    Without ``rebuild`` a damaged store (unreadable pointer or manifest, missing or broken
    RDF database, manifest listing graphs the database lacks) raises :class:`StoreError`;
    with ``rebuild`` the current data is not even read, so that always recovers.
    """

    def __init__(self, folder: Path | str, *, rebuild: bool = False, table_files: int | None = None):
        self.folder = Path(folder)
        self.rebuild = rebuild
        self.table_files = table_files  # the new generation's bound on open table files (KGStore)
        self.lock = StoreLock(self.folder)
        self.store: KGStore | None = None
        self.manifest: dict[str, Any] = {"reports": {}}
        self.generation: Path | None = None
        self.previous: Path | None = None  # the generation this one starts from (None: a new store)
        self._abandoned = False

    def __enter__(self) -> StoreUpdate:
        try:
            self.lock.acquire()
        except LockedError as err:
            raise StoreError(str(err)) from None
        try:
            self._start()
        except BaseException:
            self._discard()
            raise
        return self

    def _start(self) -> None:
        previous = None
        if not self.rebuild:
            try:
                previous = current_generation(self.folder)
            except DamagedStore as err:
                raise StoreError(f"damaged store: {err}; {REBUILD_HINT}") from err
        self.generation = new_generation_path(self.folder)
        self.generation.mkdir(parents=True)
        self.previous = previous
        if previous is not None:
            with KGStore(self.folder, read_only=True, data_dir=previous) as old:
                self.manifest = old.check()
                try:
                    old.snapshot(self.generation)
                except (OSError, RuntimeError) as err:
                    raise StoreError(f"damaged store: {self.folder}: cannot snapshot the store "
                                     f"({one_line(str(err))}); {REBUILD_HINT}") from err
            _link_tree(previous / "extractions", self.generation / "extractions")
        else:
            (self.generation / "oxigraph").mkdir()
        self.store = KGStore(self.folder, data_dir=self.generation, table_files=self.table_files)

    def abandon(self) -> None:
        """Leave the store as it was (nothing worth switching to)."""
        self._abandoned = True

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None or self._abandoned:
            self._discard()
            return
        try:
            self._commit()
        except BaseException:
            self._discard()
            raise

    def _commit(self) -> None:
        assert self.store is not None and self.generation is not None
        if not self.store.manifest_path.exists():
            self.store.write_manifest(self.manifest)
        self.store.close()  # flushes and closes the database before anyone may open it
        self.store = None
        if hasattr(os, "sync"):  # the files written unsynced (extraction records) reach the disk
            os.sync()
        fsync_dir(self.generation)
        switch_to(self.folder, self.generation)
        current, self.generation = self.generation, None  # from here on it is the store: never discard it
        try:
            remove_stale(self.folder, current)
        except OSError:
            pass  # leftovers are removed by the next build
        self.lock.release()

    def _discard(self) -> None:
        if self.store is not None:
            self.store.close(flush=False)  # the folder goes away
            self.store = None
        if self.generation is not None:
            shutil.rmtree(self.generation, ignore_errors=True)
        self.lock.release()


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of ``source`` into ``target`` (copy where links are refused).
    Safe because extraction files are only ever replaced by rename, never edited."""
    target.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return
    for entry in os.scandir(source):
        if entry.is_file(follow_symlinks=False) and not entry.name.startswith("."):
            try:
                os.link(entry.path, target / entry.name)
            except OSError:
                shutil.copy2(entry.path, target / entry.name)

