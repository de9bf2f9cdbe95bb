"""Build a store from report files: extract (in parallel), write one named graph per report,
refresh the shared graphs, write the manifest last.

Incremental: a report whose content hash is already in the store is not extracted again (a
file whose size and modification time are those recorded with its hash is not even read); a
changed file replaces its graph; a report no longer among the inputs is dropped. A store
built by another extractor version (:data:`kg.build.pipeline.EXTRACTOR_VERSION`), or under
another IRI base (``FAZHI_KG_BASE``, :mod:`kg.core.iris`), is extracted anew.

Never loses the store: all writes go to a new generation that replaces the current one in
one atomic step at the end (:mod:`kg.store.layout`); an interrupted or failed build leaves
the previous store as it was, and a second build at the same time is refused. Never stops
on a bad file: each file that cannot be read or extracted becomes one line in
``summary.failed`` (file and reason) and the rest is built. If no input could be built at
all, the store is left unchanged (``summary.committed`` is False) — a typo in a path must
not empty a store.

>>> import tempfile
>>> from kg.core.resources import sample_corpus
>>> summary = build([sample_corpus()], tempfile.mkdtemp(), jobs=1)
>>> summary.reports, summary.failed, summary.committed
(5, [], True)
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import signal
import stat
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import IO, Any

from kg.build.apart import agency_index_beside
from kg.build.pipeline import EXTRACTOR_VERSION, extract_document
from kg.core.iris import BASE
from kg.core.memos import clear_memos
from kg.core.model import Extraction
from kg.core.timing import PhaseTimes
from kg.graph import agency_index, aggregates
from kg.graph.ratings import close_rating_facts, open_rating_facts, rating_results
from kg.graph.rdf import nquads, report_nt_triples
from kg.graph.shared import SHARED_VERSION
from kg.graph.stats import (
    has_current_stats,
    mark_current,
    matrix_rows,
    remove_entries,
    remove_quads,
    tally_nquads,
    update_stats,
)
from kg.graph.tallies import SharedUpdate, contribution
from kg.graph.terms import STATS_GRAPH, report_id, report_iri
from kg.io import ReadError, iter_report_paths
from kg.normalize import read_report_with_notes
from kg.query.saved import run_saved
from kg.store import KGStore, one_line
from kg.store.files import atomic_path, atomic_write_text
from kg.store.manifest import ReportEntries
from kg.store.update import StoreUpdate


@dataclass
class BuildSummary:
    reports: int = 0
    extracted: int = 0
    unchanged: int = 0
    removed: int = 0
    regulations: int = 0
    agencies: int = 0
    relations: int = 0
    duty_statements: int = 0
    triples: int = 0
    failed: list[str] = field(default_factory=list)  # one line per skipped file
    duplicates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    inputs: int = 0  # report files found under the inputs
    committed: bool = False  # the store now holds this build (False: left as it was)
    timings: PhaseTimes = field(default_factory=PhaseTimes)  # wall seconds by phase (``kg build --timings``)

    @property
    def exit_status(self) -> int:
        """What ``kg build`` exits with: 0 every file built, 1 some files skipped (the rest
        is in the store), 2 nothing built (no report files, or none readable; store unchanged)."""
        if not self.committed:
            return 2
        return 1 if self.failed else 0


@dataclass(frozen=True)
class ExtractResult:
    """One report's extraction as the store takes it, serialized by the worker: the single
    writer only loads bytes. The :class:`Extraction` itself stays in the worker — unpickling
    its mentions (slotted frozen dataclasses) cost the writer, the build's bottleneck, ≈ 30 %
    of its time."""
    path: str
    sha256: str  # of the decoded text ("": not extracted, ``error`` says why)
    error: str | None = None
    doc: str = ""  # the report's name (Extraction.doc)
    warnings: tuple[str, ...] = ()  # the extraction's warnings
    nquads: bytes = b""  # the report's named graph
    stats: bytes = b""  # its entry of the stats graph (kg.graph.stats), as N-Quads
    record: str = ""  # the stored extraction (JSON)
    shared: str = ""  # its contribution to the shared graphs and counts (JSON, kg.graph.tallies)


def file_sha256(path: Path) -> str:
    # Hash of the decoded text would survive re-encoding, but the bytes are what we can
    # hash without decoding; the Document's own sha256 (of the decoded text) names the graph.
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""  # reading it again will fail with a proper message
    return h.hexdigest()


def extract_path(path: Path | str) -> tuple[Extraction | None, str | None]:
    """Read and extract one report file: ``(extraction, None)``, or ``(None, reason)`` with a
    one-line reason when it cannot be read or extracted (never raises for a bad file).
    Decoding notes (e.g. bytes that were not UTF-8) become warnings of the extraction.
    ``kg build`` (:func:`extract_one`) and ``kg extract`` both extract through here."""
    try:
        doc, notes = read_report_with_notes(path)
        extraction = extract_document(doc)
        extraction.warnings.extend(notes)
    except ReadError as err:
        return None, one_line(str(err))
    except Exception as err:  # a bug on one report must not stop a batch of thousands
        return None, one_line(f"{path}: extraction failed ({err.__class__.__name__}: {err})")
    return extraction, None


def extraction_record(ex: Extraction, *, evidence: bool = False, sha256: bool = False) -> dict[str, Any]:
    """The JSON object of one report: the scored contract (:meth:`Extraction.to_contract`,
    see ``eval/ANNOTATION.md``), with ``sha256`` the report's content hash, and with
    ``evidence`` the spans behind each regulation and agency (in their order). ``kg extract``
    prints it (``--evidence`` adds the spans, and those of :func:`fact_evidence`); ``kg build``
    stores it with both."""
    record = ex.to_contract()
    if sha256:
        record["sha256"] = ex.sha256
    if evidence:
        record["evidence"] = {
            "regulations": [[e.to_dict() for e in r.evidence] for r in ex.regulations],
            "agencies": [[e.to_dict() for e in a.evidence] for a in ex.agencies],
        }
    return record


def fact_evidence(ex: Extraction) -> dict[str, Any]:
    """The spans behind each oversight edge and each duty's statuses, in the contract's order
    (``oversight``: one span an edge; ``duties``: status → spans). ``kg extract --evidence``
    prints them beside the names' spans; the store does not keep them in the saved record,
    since its report graph holds them already (a duty's sentences are most of a record's size)."""
    return {
        "oversight": [o.evidence.to_dict() for o in ex.oversight],
        "duties": [{status: [e.to_dict() for e in spans] for status, spans in d.statuses.items()}
                   for d in ex.duties],
    }


MEMO_CLEAR_EVERY = 5000  # reports a process extracts between two emptyings of its memos
SETTLE_EVERY = 500  # reports a process extracts between two settlings (:func:`settle`)
_extracted_here = 0  # reports this process has extracted since its memos were last emptied
_settling = False  # whether this process is a worker of the build's pool, which settles (:func:`settle`)


def settle() -> None:
    """Move what this process holds now out of the cyclic collector's generations
    (``gc.freeze``), garbage collected first: after a report, the tables, patterns and automata
    every report reads, and the memos' answers so far. A full collection walked them all each
    time the memos had grown by a quarter — 0.25–0.46 s of every 300 reports a worker
    extracted (5–9 %), more as the memos filled; it then walks only what came since. Objects
    frozen are still freed when no longer referenced; frozen cycles wait for the next emptying
    of the memos, which unfreezes everything (:func:`extract_one`)."""
    gc.collect()
    gc.freeze()


def extract_one(path: str) -> ExtractResult:
    """Extract one file for the store; never raises for a bad file (the error is the one-line
    message). Every :data:`MEMO_CLEAR_EVERY` reports the process empties its memos
    (:mod:`kg.core.memos`), so a long-lived worker stops growing; after its first report and
    every :data:`SETTLE_EVERY` a worker of the pool settles what it holds (:func:`settle`; not
    the build's own process, whose store and batches are not the workers' kind of objects)."""
    global _extracted_here
    _extracted_here += 1
    if _extracted_here > MEMO_CLEAR_EVERY:
        clear_memos()
        if _settling:
            gc.unfreeze()  # what was frozen since the last emptying can be collected again
        _extracted_here = 1
    if _settling and (_extracted_here - 2) % SETTLE_EVERY == 0:  # the report before read every table
        settle()
    extraction, error = extract_path(path)
    if extraction is None:
        return ExtractResult(path, "", error)
    try:
        graph, triples = report_id(extraction.sha256), report_nt_triples(extraction)
        quads = nquads(graph, triples)
        stats = tally_nquads(graph, triples)  # from the same N-Triples terms, nothing parsed again
        record = json.dumps(extraction_record(extraction, evidence=True, sha256=True), ensure_ascii=False)
        shared = json.dumps(contribution(graph, triples, stats=len(set(stats.splitlines()))), ensure_ascii=False)
    except Exception as err:
        reason = f"{path}: cannot build its graph ({err.__class__.__name__}: {err})"
        return ExtractResult(path, "", one_line(reason))
    return ExtractResult(path, extraction.sha256, doc=extraction.doc, warnings=tuple(extraction.warnings),
                         nquads=quads, record=record, stats=stats, shared=shared)


def _file_key(path: str) -> str:
    return os.path.realpath(path)


# a file modified this close to being looked at may change again within the same tick of its
# modification time: its size and time are not recorded, so the next build hashes it (git's
# "racily clean" entries)
RACY_NS = 2_000_000_000


def file_stat(path: str, now_ns: int) -> tuple[bool, list[int] | None]:
    """Whether ``path`` is a regular file (links followed), and its size and modification time
    (ns) as the manifest records them beside its hash (None: not a file, or modified within
    :data:`RACY_NS` of ``now_ns``)."""
    try:
        found = os.stat(path)
    except OSError:
        return False, None
    if not stat.S_ISREG(found.st_mode):
        return False, None
    return True, (None if found.st_mtime_ns > now_ns - RACY_NS else [found.st_size, found.st_mtime_ns])


WINDOW_PER_JOB = 64  # reports in flight per process: keeps memory flat however large the corpus


def run_extraction(paths: list[str], jobs: int) -> Iterator[ExtractResult]:
    """Extract files over ``jobs`` processes (in input order).

    A sliding window of reports is in flight (a new one submitted as each is taken): ``pool.map``
    over the whole corpus would queue every file at once and hold every finished result until
    the single writer got to it, and a window submitted whole left the workers idle while its
    last reports finished.
    A worker that dies (the kernel's OOM killer, a crash in a C library) costs one report:
    the next report due is extracted again alone, in a pool of its own, and reported failed
    if it kills that worker too; the rest go on in a new pool.
    """
    if jobs <= 1 or len(paths) <= 1:
        yield from map(extract_one, paths)
        return
    window = jobs * WINDOW_PER_JOB
    done = 0
    while done < len(paths):
        try:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker) as pool:
                following = iter(paths[done:])
                in_flight = deque(pool.submit(extract_one, p) for p in islice(following, window))
                while in_flight:
                    result = in_flight.popleft().result()
                    if (path := next(following, None)) is not None:
                        in_flight.append(pool.submit(extract_one, path))
                    done += 1
                    yield result
        except BrokenProcessPool:
            yield _extract_alone(paths[done])
            done += 1


def _extract_alone(path: str) -> ExtractResult:
    """Extract one report in a process of its own: a report that kills it is reported, not fatal."""
    try:
        with ProcessPoolExecutor(max_workers=1, initializer=_start_worker) as pool:
            return pool.submit(extract_one, path).result()
    except BrokenProcessPool:
        return ExtractResult(path, "", one_line(f"{path}: extraction killed its worker process (out of memory?)"))


def _start_worker() -> None:
    """Initializer of the pool's workers: they settle (:func:`extract_one`) and end with the build."""
    global _settling
    _settling = True
    _die_with_parent()


def _die_with_parent() -> None:
    """End with the build (Linux) instead of living on after a kill -9."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: workers end when they find the pool gone


def build(inputs: Iterable[Path | str], store_dir: Path | str, *, jobs: int | None = None,
          rebuild: bool = False, progress: Callable[[int, int], None] | None = None,
          extractor: Callable[[list[str], int], Iterator[ExtractResult]] = run_extraction,
          table_files: int | None = None) -> BuildSummary:
    """Build (or update) the store in ``store_dir`` from the report files under ``inputs``;
    ``table_files`` bounds the database's open table files (:func:`kg.store.bounded_table_files`)."""
    jobs = jobs or os.cpu_count() or 1
    summary = BuildSummary()
    times = summary.timings
    with times.phase("find the files"):
        paths = [str(p) for p in iter_report_paths(inputs)]
    summary.inputs = len(paths)
    if not paths:
        return summary
    opening = time.perf_counter()
    with StoreUpdate(store_dir, rebuild=rebuild, table_files=table_files) as update:
        times["open the store"] = time.perf_counter() - opening
        store = update.store
        assert store is not None
        known = update.manifest["reports"]
        rebased = store.built_base() not in (None, BASE)
        if rebased:  # built under another IRI base: every IRI changes
            store.ox.clear()
            known = {}
        # a file is known by its resolved path: data/corpus, ./data/corpus and the absolute
        # path name the same files
        by_file = {_file_key(f): (sha, f) for sha, info in known.items() for f in info.get("files", [])}

        def recorded_hash(p: str) -> str:
            """The hash the manifest holds for ``p`` when its size and modification time are
            those recorded with it ("" otherwise): such a file is taken as unchanged without
            reading it, as git's index and make do (at 100,000 reports, hashing them all was
            two thirds of an unchanged build)."""
            sha, stored_as = by_file.get(key_of[p], ("", ""))
            recorded = known[sha].get("file_stat", {}).get(stored_as) if sha else None
            return known[sha].get("file_sha256", {}).get(stored_as, "") if recorded == file_stats[p] else ""

        with times.phase("find the files"):
            key_of = {p: _file_key(p) for p in paths}  # realpath once per file (a stat per path component)
            now_ns = time.time_ns()
            found = {p: file_stat(p, now_ns) for p in paths}
            file_stats = {p: st for p, (_, st) in found.items() if st is not None}
            file_hashes = {p: (p in file_stats and recorded_hash(p)) or file_sha256(Path(p))
                           for p, (is_file, _) in found.items() if is_file}
        if update.manifest.get("extractor_version") != EXTRACTOR_VERSION:
            by_file = {}  # built by another extractor: every report is extracted again

        def unchanged(p: str) -> bool:
            sha, stored_as = by_file.get(key_of[p], ("", ""))
            return bool(sha and file_hashes.get(p)
                        and known[sha].get("file_sha256", {}).get(stored_as) == file_hashes.get(p))

        todo = [p for p in paths if not unchanged(p)]
        to_extract = set(todo)  # (a list's `in` made this loop quadratic in a fresh build)
        carried: dict[str, dict] = {}
        for p in paths:
            if p not in to_extract:
                sha = by_file[key_of[p]][0]
                carry = carried.setdefault(sha, {**known[sha], "files": [], "file_sha256": {}, "file_stat": {}})
                carry["files"].append(p)
                carry["file_sha256"][p] = file_hashes[p]
                carry["file_stat"][p] = file_stats.get(p)
                summary.unchanged += 1
        # the new manifest's entries, on disk as they come (the writer's memory stays flat)
        kept = ReportEntries(carried)
        del carried
        batch = GraphBatch(store.data_dir)
        shared = SharedUpdate(store, update.previous, known=[info["graph"] for info in known.values()],
                              incremental=not rebased and update.manifest.get("shared_version") == SHARED_VERSION
                              and update.manifest.get("extractor_version") == EXTRACTOR_VERSION)
        stats_current = has_current_stats(store)
        if not stats_current:  # none, or of another version: entries are all written anew
            store.remove_graph(str(STATS_GRAPH))
        # the aggregates file follows the stats graph report by report; without a usable one
        # (an older store, another version) it is computed once from the stats graph at the end
        agg = _previous_aggregates(update.previous) if stats_current and known else (
            aggregates.empty() if not known else None)

        # the rating facts follow the stats graph report by report too; a generation without
        # them (an older store) has them filled once from the stats graph at the end
        rating_facts = open_rating_facts(store.data_dir, update.previous if stats_current and known else None)

        def subtract(reports: Iterable[str]) -> None:
            reports = list(reports)
            rating_facts.drop(reports)
            if agg is not None:
                for report in reports:
                    row = aggregates.stored_matrix_row(store, report)
                    if row is not None:
                        aggregates.add_report(agg, row, sign=-1)

        def load_batch(taken_batch: SpooledBatch) -> list[tuple[ExtractResult, str]]:
            """In the loading thread: load the batch's graphs and their stats entries; returns the
            graphs the store refused (their reports are dropped by :func:`settle`, in the main
            thread)."""
            pending = taken_batch.pending
            again = [str(report_iri(r.sha256)) for r in pending if r.sha256 in known]  # re-extracted
            subtract(again)  # their previous entries go before the new ones come (same subjects)
            remove_entries(store, again)
            refused = load_graphs(store, taken_batch)
            dropped = {r.sha256 for r, _ in refused}
            taken = [r for r in pending if r.sha256 not in dropped]
            if agg is not None:
                for r in taken:
                    if (row := aggregates.matrix_row_of(r.stats)) is not None:
                        aggregates.add_report(agg, row)
            for r in taken:
                shared.add(r.shared)
                rating_facts.add(str(report_iri(r.sha256)), r.stats)
            return refused

        # One batch loads in a thread while the next is gathered: the bulk load releases the GIL,
        # and the writer was the build's bottleneck (its load ≈ 60 % of its time, the workers idle).
        # Nothing else touches the database, the aggregates or the tallies until it is settled.
        in_flight: Future | None = None

        def settle() -> None:
            nonlocal in_flight
            if in_flight is None:
                return
            refused, in_flight = in_flight.result(), None
            for result, error in refused:
                del kept[result.sha256]
                store.extraction_path(result.sha256).unlink(missing_ok=True)
                summary.extracted -= 1
                summary.failed.append(one_line(f"{result.path}: cannot store its graph ({error})"))

        def start_load() -> None:
            nonlocal in_flight
            settle()
            in_flight = loading.submit(load_batch, batch.take())

        done = 0
        written: set[str] = set()  # reports whose graph this build writes
        with (times.phase("extract and load"),
              ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load") as loading):
            for result in extractor(todo, jobs):
                done += 1
                if progress:
                    progress(done, len(todo))
                if not result.sha256:
                    summary.failed.append(one_line(result.error or result.path))
                    continue
                entry = kept.get(result.sha256)
                if entry is not None:  # same content under another name: built once, both names kept
                    entry["files"].append(result.path)
                    entry.setdefault("file_sha256", {})[result.path] = file_hashes.get(result.path, "")
                    entry.setdefault("file_stat", {})[result.path] = file_stats.get(result.path)
                    kept[result.sha256] = entry
                    summary.duplicates.append(one_line(f"{result.path}: same content as {entry['files'][0]}"))
                    continue
                store.save_extraction(result.sha256, result.record)
                written.add(result.sha256)
                kept[result.sha256] = {"files": [result.path],
                                       "file_sha256": {result.path: file_hashes.get(result.path, "")},
                                       "file_stat": {result.path: file_stats.get(result.path)},
                                       "graph": str(report_iri(result.sha256)), "doc": result.doc,
                                       "triples": result.nquads.count(b"\n")}
                summary.extracted += 1
                summary.warnings.extend(one_line(f"{result.path}: {w}") for w in result.warnings)
                if batch.add(result):
                    start_load()
            start_load()
            settle()
        if not kept:  # nothing readable: keep the store as it was
            kept.close()
            rating_facts.db.close()
            update.abandon()
            return summary
        removed = []
        with times.phase("remove reports"):
            shared.drop([info["graph"] for sha, info in known.items() if sha not in kept])
            for sha, info in known.items():
                if sha not in kept:
                    store.remove_graph(info["graph"])
                    store.extraction_path(sha).unlink(missing_ok=True)
                    removed.append(info["graph"])
                    summary.removed += 1
            subtract(removed)
        # the stats graph drops the reports dropped now; a store that had none (built by an older
        # version) gets the entries of the reports kept as they were, read from their graphs once
        with times.phase("stats graph"):
            update_stats(store, missing=[] if stats_current else [info["graph"] for sha, info in kept.items()
                                                                   if sha not in written], removed=removed)
        counts = update.manifest.get("counts")
        # the aggregates' most-cited list and rating results take their names from the entities
        # graph: read again whenever the shared graphs may have changed
        refreshed = bool(summary.extracted or summary.removed or not isinstance(counts, dict)
                         or update.manifest.get("shared_version") != SHARED_VERSION)
        # the shared graphs and counts at the cost of what changed (kg.graph.tallies): a re-run over
        # an unchanged corpus only carries the tallies over
        counts = shared.finish(kept, [str(report_iri(sha)) for sha in written])
        times.update({f"shared graphs: {name}": s for name, s in shared.times.items()})
        # the build's first write through the write-ahead log (every write before it is a bulk load
        # in a fresh build): RocksDB holds it until its one compaction thread has merged enough of
        # the loop's table files, which went on while the shared graphs were written
        with times.phase("store compaction (the stats graph marked current)"):
            mark_current(store)
        for name in COUNTED:
            setattr(summary, name, counts.get(name, 0))
        if agg is None:  # a store without a usable aggregates file: computed once, from the stats graph
            with times.phase("duty matrix"):
                agg = aggregates.from_rows(matrix_rows(store) or [])
            refreshed = True
        with times.phase("rating facts"):
            if not rating_facts.carried and known:  # a store without them: read once from the stats graph
                rating_facts.fill(store)
            facts_path = close_rating_facts(rating_facts, store.data_dir)
        # the agencies of each jurisdiction: from the entities and places graphs and the rating
        # facts, so read again whenever they may have changed, as the rating results; on a large
        # store written by another process while this one writes the ratings
        index = update.previous / agency_index.AGENCY_INDEX_FILE if update.previous else None
        index_path = store.data_dir / agency_index.AGENCY_INDEX_FILE
        write_index = refreshed or index is None or not _current_index(index)
        with times.phase("tables: ratings, most cited, agency index"), (
                agency_index_beside(store, index_path, facts_path, apart=len(kept) >= INDEX_APART_FROM)
                if write_index else nullcontext()):
            if not write_index:
                assert index is not None
                _link_or_copy(index, index_path)
            ratings = update.previous / aggregates.RATINGS_FILE if update.previous else None
            if refreshed or ratings is None or not ratings.is_file():
                # names come from the entities graph, refreshed with every change: the most cited
                # and the names of the rating results are read again (index lookups)
                agg["most_cited"] = aggregates.most_cited(store)
                _write_ratings(store.data_dir / aggregates.RATINGS_FILE, facts_path, store)
            else:  # nothing changed: the previous generation's list still holds (never edited: linked)
                _link_or_copy(ratings, store.data_dir / aggregates.RATINGS_FILE)
        with times.phase("aggregates and manifest"):
            for name, part in zip((aggregates.FILE, aggregates.JURISDICTIONS_FILE), aggregates.split(agg),
                                  strict=True):
                atomic_write_text(store.data_dir / name, json.dumps(part, ensure_ascii=False), fsync=False)
            store.write_manifest({"reports": kept, "counts": counts, "shared_version": SHARED_VERSION,
                                  "extractor_version": EXTRACTOR_VERSION, "base": BASE})
        summary.reports = len(kept)
        kept.close()  # (on an error, collected with the connection: a temporary database is deleted)
        committing = time.perf_counter()
    times["commit"] = time.perf_counter() - committing
    summary.committed = True
    return summary


def _write_ratings(path: Path, facts: Path, store: KGStore) -> None:
    """The rating results of the rating facts file ``facts`` with the names of ``store``, one
    JSON object a line after a header line (version, total): a page of ``kg ratings`` reads the
    lines it shows, not the whole list. Written as they are read back in order
    (:func:`kg.graph.ratings.rating_results`), never held whole."""
    with (rating_results(facts, store) as (total, rows), atomic_path(path) as tmp,
          open(tmp, "w", encoding="utf-8") as fh):
        fh.write(json.dumps({"version": aggregates.AGGREGATES_VERSION, "total": total}) + "\n")
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


INDEX_APART_FROM = 2000  # reports from which the agency index is written by a process of its own


def _link_or_copy(previous: Path, path: Path) -> None:
    """``previous`` (a file of the previous generation, never edited) into the new one."""
    try:
        os.link(previous, path)
    except OSError:  # a file system without hard links
        shutil.copyfile(previous, path)


def _current_index(path: Path) -> bool:
    """True when ``path`` is an agency index of this version."""
    db = agency_index.open_index(path)
    if db is None:
        return False
    db.close()
    return True


def _previous_aggregates(previous: Path | None) -> dict[str, Any] | None:
    """The aggregates file of the generation a build starts from, when it is of this version."""
    if previous is None:
        return None
    try:
        parts = [json.loads((previous / name).read_text("utf-8"))
                 for name in (aggregates.FILE, aggregates.JURISDICTIONS_FILE)]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not all(isinstance(p, dict) and p.get("version") == aggregates.AGGREGATES_VERSION for p in parts):
        return None
    return aggregates.joined(*parts)


class GraphBatch:
    """Report graphs waiting to be bulk-loaded together: one load per few hundred reports
    instead of a transaction per report (measured: 2.4x faster writes). Each graph, with its
    stats entry, is spooled to a file in ``folder`` as it comes (the store reads the file itself):
    the writer holds no batch in memory, where it held it three times over (the results, each
    graph joined to its entry, the batch joined for the load: ≈ 200 MB at its peak)."""

    MAX_BYTES = 64 << 20

    def __init__(self, folder: Path):
        self.folder = folder
        self.pending: list[ExtractResult] = []
        self.spans: list[tuple[str, int, int]] = []
        self.size = 0
        self._file: IO[bytes] | None = None
        self.path: Path | None = None

    def add(self, result: ExtractResult) -> bool:
        """Spool a report's graph and stats entry; True when the batch is full and should be loaded."""
        if self._file is None:
            fd, name = tempfile.mkstemp(dir=self.folder, prefix=".batch-", suffix=".nq")
            self._file, self.path = os.fdopen(fd, "wb"), Path(name)
        start = self.size
        self._file.write(result.nquads)
        self._file.write(result.stats)
        self.size += len(result.nquads) + len(result.stats)
        self.spans.append((str(report_iri(result.sha256)), start, self.size))
        self.pending.append(replace(result, nquads=b"", record=""))  # both written to disk already
        return self.size >= self.MAX_BYTES

    def take(self) -> SpooledBatch:
        """The batch so far (its file closed), this one emptied."""
        if self._file is not None:
            self._file.close()
        taken = SpooledBatch(self.path, self.pending, self.spans)
        self.pending, self.spans, self.size, self._file, self.path = [], [], 0, None, None
        return taken


@dataclass(frozen=True)
class SpooledBatch:
    """A batch as :meth:`GraphBatch.take` hands it to the loading thread: the reports (their
    graphs dropped), and the file holding each one's graph and entry at its span."""
    path: Path | None  # None: no report
    pending: list[ExtractResult]
    spans: list[tuple[str, int, int]]


def load_graphs(store: KGStore, batch: SpooledBatch) -> list[tuple[ExtractResult, str]]:
    """Load the reports' graphs, each with its entry of the stats graph, and delete the batch's
    file; returns the reports the store refused, with the reason (neither their graph nor their
    entry is in the store).

    One bulk load for both: each bulk load adds a table file to every index, which the store's
    single compaction thread then merges into the whole database (entries loaded apart doubled the
    table files)."""
    if batch.path is None:
        return []
    try:
        failed = store.load_graph_file(batch.path, batch.spans)
    finally:
        batch.path.unlink(missing_ok=True)
    refused = [(r, failed[name]) for r, (name, _, _) in zip(batch.pending, batch.spans, strict=True)
               if name in failed]
    for r, _ in refused:  # what a failed bulk load may have left of its entry
        remove_quads(store, r.stats)
    return refused


COUNTED = ("regulations", "agencies", "relations", "duty_statements", "triples")


def _count(store: KGStore) -> dict[str, int]:
    """The store-wide figures of the build summary (kept in the manifest), counted over the whole
    store: the reference for the figures :class:`kg.graph.tallies.SharedUpdate` keeps in step."""
    (row,) = run_saved(store, "build-counts")
    return {"regulations": row["regulations"], "agencies": row["agencies"], "relations": row["relations"],
            "duty_statements": row["dutyStatements"], "triples": len(store)}
