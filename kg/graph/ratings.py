"""The rating facts of every report, kept beside the store report by report, and the rating
results ``kg ratings`` pages through, written from them.

The rating results (``ratings.jsonl``, :data:`kg.graph.aggregates.RATINGS_FILE`) are one row
per evaluation result of the corpus. Read from the store, they cost one index scan of every
rating-tally predicate (1.27 M quads at 100,000 reports, each IRI decoded by a lookup of its
string: ≈ 80 s), and every build that changed anything paid it again. Instead each generation
keeps the facts of every :data:`~kg.graph.aggregates.RATING_TALLY` in a SQLite file of its own
(``rating-facts.sqlite``, :class:`RatingFacts`): a build adds those of the reports it writes,
parsed from the stats entry its worker computed (:func:`kg.graph.stats.tally_nquads`), and
drops those of the reports it removes or extracts again; a store without the file (an older
version's) has it filled once from the stats graph (:meth:`RatingFacts.fill`). The results are
then written from the table (:func:`rating_results`), with the names and file names of
the store as they are at the end of the build (point lookups: they change with the entities
graph).

The rows and their order are those of ``evaluation-results.rq`` with one row per result
(:func:`kg.commands.institutions.one_row_per_result`): that query's ORDER BY names every column
that tells two results apart, so the order is defined by the data, not by the store's layout.

Generations are never edited (:mod:`kg.store.layout`): a build copies the previous generation's
file under a temporary name, edits the copy and renames it into place at the end
(:func:`open_rating_facts`, :func:`close_rating_facts`).

>>> import tempfile; from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> facts = open_rating_facts(folder, None)
>>> facts.carried
False
>>> def quad(s, p, o): return f"<{s}> <{p}> {o} <{STATS_GRAPH}> .\\n"
>>> entry = (quad("https://x/r1", _TYPE, f"<{RATING_TALLY}>") + quad("https://x/r1", FZ + "tallyOf", "<https://x/g>")
...          + quad("https://x/r1", FZ + "tallyRank", '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'))
>>> facts.add("https://x/g", entry.encode())
>>> facts.db.execute("SELECT report, rating, prop, value FROM fact").fetchall()
[('https://x/g', 'https://x/r1', 'tallyOf', 'https://x/g'), ('https://x/g', 'https://x/r1', 'tallyRank', 3)]
>>> facts.drop(["https://x/g"]); facts.db.execute("SELECT COUNT(*) FROM fact").fetchone()
(0,)
>>> close_rating_facts(facts, folder) == folder / RATING_FACTS_FILE, open_rating_facts(folder, folder).carried
(True, True)
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import ENTITIES_GRAPH, FZ, SKOS, STATS_GRAPH
from kg.core.sparql import from_ox_term
from kg.graph.aggregates import RATING_TALLY, RATING_VALUES, predicate_quads

RATING_FACTS_FILE = "rating-facts.sqlite"
# Bumped whenever what the file holds changes: a build then fills it anew from the stats graph.
RATING_FACTS_VERSION = "1"
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value);
-- a rating tally's facts: prop one of RATING_LINKS or RATING_VALUES' keys, values typed as the
-- query gives them (a score of 80.0 stays a float); report: the graph whose stats entry holds it
CREATE TABLE fact (report TEXT, rating TEXT, prop TEXT, value);
CREATE INDEX fact_report ON fact (report);
"""
RATING_LINKS = ("tallyOf", "tallyEvaluated", "tallyEvaluator")  # IRIs, beside RATING_VALUES
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PROPS = {FZ + p: p for p in (*RATING_LINKS, *RATING_VALUES)}
_RATING_TALLY = f"<{RATING_TALLY}>".encode()

# the scratch table the results are ordered in: a private temporary database (on disk), so that
# the build's memory does not grow with the ratings (every row: 2 GB at 100,000 reports)
RESULT_TABLE = ("CREATE TABLE result (year, first, rank, score, name, report, evaluated, grade, outOf, "
                "row TEXT)")
# the order of ``evaluation-results.rq``: DESC year, evaluator name, rank, DESC score, evaluated
# name, report, evaluated, grade, rank out of (a merged row where its first evaluator's would
# be). SQLite orders as SPARQL does here: unbound first (DESC: last), numbers, then strings by
# code point (IRIs as strings)
RESULT_ORDER = "year DESC, first, rank, score DESC, name, report, evaluated, grade, outOf"
SCRATCH_CACHE_KIB = 32 * 1024
NAMES_CACHED = 1 << 16  # names and files looked up again beyond this: bounded memory


def _connect(path: Path) -> sqlite3.Connection:
    # the build's loading thread adds facts, the main thread drops them, never at once; no
    # journal: the file is the new generation's own copy, thrown away whole if the build fails
    db = sqlite3.connect(path, check_same_thread=False)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


def _sort_key(value: Any) -> tuple[Any, ...]:
    """SPARQL's order of the values a rating can hold: unbound, numbers, then strings."""
    if value is None:
        return (0,)
    return (1, value) if isinstance(value, int | float) else (2, str(value))


class RatingFacts:
    """The rating facts of a generation's reports (:data:`SCHEMA`), in ``db``."""

    def __init__(self, db: sqlite3.Connection, *, carried: bool):
        self.db = db
        self.carried = carried  # False: a new file, to be filled (:meth:`fill`) unless the store is new

    def add(self, report: str, stats: bytes) -> None:
        """The facts of the rating tallies in ``stats``, the stats entry of ``report`` as N-Quads."""
        if _RATING_TALLY not in stats:  # most reports rate nobody: no parse
            return
        quads = list(ox.parse(stats, format=ox.RdfFormat.N_QUADS))
        tallies = {q.subject.value for q in quads
                   if q.predicate.value == _TYPE and q.object.value == RATING_TALLY}
        self.db.executemany("INSERT INTO fact VALUES (?, ?, ?, ?)", (
            (report, q.subject.value, _PROPS[q.predicate.value],
             q.object.value if _PROPS[q.predicate.value] in RATING_LINKS else from_ox_term(q.object))
            for q in quads if q.subject.value in tallies and q.predicate.value in _PROPS))

    def drop(self, reports: Iterable[str]) -> None:
        """Forget the facts of ``reports``."""
        self.db.executemany("DELETE FROM fact WHERE report = ?", ((r,) for r in reports))

    def fill(self, store: Any) -> None:
        """Every rating tally's facts, read from the stats graph of ``store`` (one index scan a
        predicate): for a store whose generation has no file of this version."""
        self.db.execute("DELETE FROM fact")
        stats = ox.NamedNode(STATS_GRAPH)
        report_of = {q.subject.value: q.object.value for q in predicate_quads(store, FZ + "tallyOf", STATS_GRAPH)}
        typed = {q.subject.value for q in store.ox.quads_for_pattern(None, ox.NamedNode(_TYPE),
                                                                     ox.NamedNode(RATING_TALLY), stats)}
        for iri, prop in _PROPS.items():
            self.db.executemany("INSERT INTO fact VALUES (?, ?, ?, ?)", (
                (report_of[q.subject.value], q.subject.value, prop,
                 q.object.value if prop in RATING_LINKS else from_ox_term(q.object))
                for q in predicate_quads(store, iri, STATS_GRAPH)
                if q.subject.value in typed and q.subject.value in report_of))


@contextmanager
def rating_results(path: Path, store: Any) -> Iterator[tuple[int, Iterator[dict[str, Any]]]]:
    """Every evaluation result of the rating facts file at ``path``: their number and the rows,
    one per result as ``kg ratings`` prints it (a report naming a government and its office as
    the evaluator of one result gives one row with both), in the order of
    ``evaluation-results.rq``: ``year``, ``evaluated``, ``evaluatedName``, ``grade``, ``score``,
    ``rank``, ``outOf``, ``evaluators`` (names), ``report``, ``file``. The names and file names
    are those of ``store``; the rows are ordered in a scratch database and read back one at a
    time while the context is open."""
    name = lru_cache(maxsize=NAMES_CACHED)(lambda iri: _smallest(store, iri, SKOS + "prefLabel", ENTITIES_GRAPH))
    file_of = lru_cache(maxsize=NAMES_CACHED)(
        lambda report: _smallest(store, f"{report}#tally", FZ + "tallyFile", STATS_GRAPH))
    with (closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as facts,
          closing(sqlite3.connect("")) as scratch):  # "": a temporary database, deleted when closed
        scratch.execute("PRAGMA temp_store=FILE")
        scratch.execute(f"PRAGMA cache_size=-{SCRATCH_CACHE_KIB}")
        scratch.execute(RESULT_TABLE)
        cursor = facts.execute("SELECT report, rating, prop, value FROM fact ORDER BY report")
        for report, found in groupby(cursor, key=itemgetter(0)):
            scratch.executemany("INSERT INTO result VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                _report_results(report, found, name, file_of))
        total = scratch.execute("SELECT COUNT(*) FROM result").fetchone()[0]
        yield total, (json.loads(row) for (row,) in scratch.execute(
            "SELECT row FROM result ORDER BY " + RESULT_ORDER))


def _smallest(store: Any, subject: str, predicate: str, graph: str) -> str | None:
    """The smallest value of ``predicate`` of ``subject`` in ``graph`` (as SPARQL's MIN of strings)."""
    found = [q.object.value for q in store.ox.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate),
                                                                None, ox.NamedNode(graph))]
    return min(found) if found else None


Lookup = Callable[[str], str | None]


def _report_results(report: str, facts: Iterable[tuple[str, str, str, Any]], name: Lookup,
                    file_of: Lookup) -> list[tuple[Any, ...]]:
    """The result rows of one report's rating facts, as the columns of :data:`RESULT_TABLE`.

    A result is (report, evaluated, year, grade, score, rank): its ratings' evaluators are merged,
    and its other values (the rank out of) are those of the row the query orders first: the
    smallest (evaluator name, rank out of), a rating without a named evaluator first."""
    file = file_of(report)
    if file is None:
        return []  # as the query: a rating of a graph without a report row gives none
    by_rating: dict[str, dict[str, list[Any]]] = {}
    for _, rating, prop, value in facts:
        by_rating.setdefault(rating, {}).setdefault(prop, []).append(value)
    # key → (the query's first row of it: evaluator name, rank out of), values, evaluator names
    merged: dict[tuple[str, ...], tuple[tuple[Any, Any], dict[str, Any], set[str]]] = {}
    for _, values in sorted(by_rating.items(), key=itemgetter(0)):
        if report not in values.get("tallyOf", ()):
            continue  # (every tally of a report's stats entry is of that report)
        # the query gives a row per value: the first in its order stands for them
        row = {key: min(values.get(p, [None]), key=_sort_key) for p, key in RATING_VALUES.items()}
        names = [name(e) for e in values.get("tallyEvaluator", [])]
        first = min((_sort_key(n), _sort_key(row["outOf"])) for n in names or [None])
        for evaluated in sorted(values.get("tallyEvaluated", [])):
            key = (evaluated, *(str(row[k]) for k in ("year", "grade", "score", "rank")))
            before = merged.get(key)
            named = set(filter(None, names)) | (before[2] if before else set())
            if before is None or first < before[0]:
                merged[key] = (first, {**row, "evaluated": evaluated}, named)
            else:
                merged[key] = (before[0], before[1], named)
    out = []
    for (first_name, _), row, evaluator_names in merged.values():
        evaluated_name = name(row["evaluated"])
        full = {**row, "evaluatedName": evaluated_name, "evaluators": sorted(evaluator_names),
                "report": report, "file": file}
        out.append((row["year"], first_name[1] if first_name[0] else None, row["rank"], row["score"], evaluated_name,
                    report, row["evaluated"], row["grade"], row["outOf"], json.dumps(full, ensure_ascii=False)))
    return out


def open_rating_facts(folder: Path, previous: Path | None) -> RatingFacts:
    """The rating facts of the new generation ``folder``, under a temporary name until
    :func:`close_rating_facts`: a copy of the file of ``previous`` (the generation the build
    starts from; never edited, as any file of a generation), or empty when it has none of this
    version (``carried`` False)."""
    tmp = folder / f".{RATING_FACTS_FILE}.tmp"
    tmp.unlink(missing_ok=True)
    if previous is not None and (previous / RATING_FACTS_FILE).is_file():
        shutil.copyfile(previous / RATING_FACTS_FILE, tmp)
        db = _connect(tmp)
        try:
            found = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.DatabaseError:
            found = None
        if found is not None and found[0] == RATING_FACTS_VERSION:
            return RatingFacts(db, carried=True)
        db.close()
        tmp.unlink()
    db = _connect(tmp)
    db.executescript(SCHEMA)
    db.execute("INSERT INTO meta VALUES ('version', ?)", (RATING_FACTS_VERSION,))
    return RatingFacts(db, carried=False)


def close_rating_facts(facts: RatingFacts, folder: Path) -> Path:
    """Write what ``facts`` holds and rename its file into place in ``folder``; its path."""
    facts.db.commit()
    facts.db.close()
    os.replace(folder / f".{RATING_FACTS_FILE}.tmp", folder / RATING_FACTS_FILE)
    return folder / RATING_FACTS_FILE
