"""The shared graphs kept in step with the report graphs at the cost of what a build changes.

:func:`kg.graph.shared.refresh_shared_graphs` recomputes the entities, places and time graphs
from every report graph (≈ 29 ms a report: 50 minutes at 100,000 reports, for any change).
Instead, each report's **contribution** (:func:`contribution`: the labels, aliases, kinds,
jurisdictions and categories of the entities it names, the documents it cites, its place names,
its catalogued citations and date, its counts) is computed by the build's worker from the
N-Triples terms of its graph, or read from the store for a report being dropped, and folded
into **running tallies** (:class:`Tallies`: how many reports give each fact) kept in the
generation beside the manifest (``shared-tallies.sqlite``).
:class:`SharedUpdate` adds the contributions of the reports a build writes, subtracts those of
the reports it drops, then rewrites only what changed:

* the entities-graph quads of the entities touched (every quad there has its entity as subject);
* the places graph only when the set of place names changed;
* in the time graph, the citation statuses of added and dropped reports, those of every report
  citing a document whose catalogue row changed (its names changed), those of reports dated
  after the previous build date when the build date moved on (plus ``dcterms:modified``), the
  document facts of the documents touched, and the change events of the agencies touched;
* the build counts from the tallies, the triple count from the manifest's per-report
  ``triples`` plus the sizes of the stats and shared graphs, kept as they are written.

The result is the same dataset as the full recomputation (tests compare quad for quad). A store
without tallies (built by an earlier version), of another :data:`TALLY_VERSION` /
``SHARED_VERSION``, re-extracted by another extractor, or a build date earlier than the last
one gets one full pass: every kept report's contribution (from the worker, or read from its
graph), every shared graph written anew, and the tallies written for the next build.

Why SQLite: at 100,000 reports the tallies are ≈ 1 M counts (182k subjects' types and labels,
104k aliases, 78k documents…). Held as Python Counters, loaded whole at the start of a build and
dumped whole at its end, they took ≈ 400 MB of the writer's heap, growing with the corpus, and
an update of 10 reports read and wrote the whole file. In a table keyed by what is counted, a
report's contribution is a few UPSERTs (summed in memory first and written in batches: a fresh
build applies 100,000 of them), and :class:`SharedUpdate` reads the rows of the keys a build
touched by index; the writer holds only bounded caches, the touched sets and the batch pending.

Generations are never edited (:mod:`kg.store.layout`): a build copies the previous generation's
file into its own folder under a temporary name (a file copy: the old file is complete and
closed), edits the copy without a journal (a failed build throws the whole folder away) and
renames it into place at the end (:func:`open_tallies`, :func:`close_tallies`). A store whose
tallies are the JSON file of the previous version (``shared-tallies.json.gz``, same
:data:`TALLY_VERSION`) has them converted once, not recomputed from every report graph.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.core.memos import memo
from kg.core.timing import PhaseTimes
from kg.core.titles import title_key
from kg.graph.shared import duties_graph, ontology_graph, place_lookups, places_graph
from kg.graph.stats import TALLY_OF
from kg.graph.terms import (
    DUTIES_GRAPH,
    ENTITIES_GRAPH,
    FZ,
    ONTOLOGY_GRAPH,
    PLACES_GRAPH,
    STATS_GRAPH,
    TIME_GRAPH,
    citation_status_iri,
    place_iri,
)
from kg.graph.timeline import (
    EventContext,
    _document_facts,
    _Quads,
    _row_of,
    agency_events,
    citation_status,
    header_quads,
    today,
)

TALLY_FILE = "shared-tallies.sqlite"
JSON_TALLY_FILE = "shared-tallies.json.gz"  # what the previous version wrote: converted once
# Bumped whenever what the tallies hold changes: a store with others gets one full pass.
TALLY_VERSION = 2


def _nt(term: Any) -> str:
    return f"<{term}>"


TYPE, LABEL, ALT, REFERENCES, MENTIONS, KIND, JURISDICTION, CATEGORY, JNAME, CATALOGUED, ISSUED, PREDICATE = (
    _nt(t) for t in (RDF.type, RDFS.label, SKOS.altLabel, DCTERMS.references, FZ.mentions, FZ.regulationKind,
                     FZ.jurisdiction, FZ.agencyCategory, FZ.jurisdictionName, FZ.inNationalCatalogue,
                     DCTERMS.issued, RDF.predicate))
REGULATION, AGENCY, DUTY_STATEMENT = (_nt(t) for t in (FZ.Regulation, FZ.Agency, FZ.DutyStatement))
ENTITY_KINDS = (REGULATION, AGENCY)
READ = frozenset((TYPE, LABEL, ALT, REFERENCES, MENTIONS, KIND, JURISDICTION, CATEGORY, JNAME, CATALOGUED, ISSUED,
                  PREDICATE))
TYPES_READ = frozenset((REGULATION, AGENCY, DUTY_STATEMENT))
ENT, TIME = _nt(ENTITIES_GRAPH), _nt(TIME_GRAPH)
PREF, MATCH_KEY, CITING = _nt(SKOS.prefLabel), _nt(FZ.matchKey), _nt(FZ.citingReports)
INTEGER = _nt(XSD.integer)


# -- one report's contribution ------------------------------------------------------------------

def contribution(report: str, triples: Iterable[tuple[Any, Any, Any]], *, stats: int) -> dict[str, Any]:
    """What the report graph ``report`` (an IRI) gives to the shared graphs and the counts, from
    its triples (pyoxigraph terms, or N-Triples strings as :func:`kg.graph.rdf.report_nt_triples`
    writes them: those the tallies read are parsed once so that every term is in the one form
    pyoxigraph prints), with ``stats`` the number of quads of its stats entry."""
    read = []
    for s, p, o in triples:
        p = str(p)
        if p in READ and (p != TYPE or str(o) in TYPES_READ):
            read.append((s, p, o))
    if read and isinstance(read[0][0], str):
        text = "".join(f"{s} {p} {o} .\n" for s, p, o in read)
        read = [(t.subject, str(t.predicate), t.object) for t in ox.parse(text.encode("utf-8"),
                                                                          format=ox.RdfFormat.N_TRIPLES)]
    by: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # predicate → subject → objects
    for s, p, o in read:
        by[p][str(s)].append(o)
    g = _nt(report)
    typed = {s: sorted({str(o) for o in objs if str(o) in ENTITY_KINDS}) for s, objs in by[TYPE].items()}
    typed = {s: kinds for s, kinds in typed.items() if kinds}

    def strings(predicate: str, subjects=None) -> dict[str, list[str]]:
        return {s: sorted({str(o) for o in objs}) for s, objs in by[predicate].items()
                if subjects is None or s in subjects}

    catalogued = set(by[CATALOGUED])
    cited = {str(o) for o in by[REFERENCES].get(g, [])}
    dates = [o.value for o in by[ISSUED].get(g, [])]
    # a reified statement: what has an rdf:predicate (typed rdf:Statement in graphs written
    # before EXTRACTOR_VERSION 8, untyped since: the property's domain entails it)
    statements = Counter(str(o) for objs in by[PREDICATE].values() for o in set(objs))
    return {
        "report": report,
        "types": typed,
        "labels": strings(LABEL, typed),
        "aliases": strings(ALT, typed),
        "refs": sorted(str(o) for objs in strings(REFERENCES).values() for o in objs),
        "mentions": sorted({o for objs in strings(MENTIONS).values() for o in objs}),
        "kinds": strings(KIND),
        "jur": strings(JURISDICTION),
        "cat": strings(CATEGORY),
        "places": sorted({o.value for objs in by[JNAME].values() for o in objs}),
        "catalogued": {s: sorted({o.value for o in by[LABEL].get(s, [])}) for s in sorted(catalogued)},
        "pairs": sorted(catalogued & cited),
        "date": dates[-1] if dates else None,
        "duty": sum(1 for objs in by[TYPE].values() for o in objs if str(o) == DUTY_STATEMENT),
        "statements": dict(statements),
        "stats": stats,
    }


def stored_contribution(store: Any, report: str) -> dict[str, Any]:
    """:func:`contribution` of a report graph already in ``store`` (a :class:`~kg.store.KGStore`):
    index lookups, one per predicate read."""
    graph = ox.NamedNode(report)
    triples = [(q.subject, p, q.object) for p in READ
               for q in store.ox.quads_for_pattern(None, ox.NamedNode(p[1:-1]), None, graph)]
    entries = {q.subject for q in store.ox.quads_for_pattern(None, TALLY_OF, graph, ox.NamedNode(str(STATS_GRAPH)))}
    stats = sum(1 for e in entries for _ in store.ox.quads_for_pattern(e, None, None, ox.NamedNode(str(STATS_GRAPH))))
    return contribution(report, triples, stats=stats)


# -- the running tallies --------------------------------------------------------------------------

# the tables: closed vocabularies of what is counted (their codes are the tables' ``tab`` column)
NESTED = ("types", "labels", "aliases", "kinds", "jur", "cat", "catalogued")  # subject → value → reports
FLAT = ("refs", "mentions", "places", "pairs", "statements")  # value → how many times the reports give it
ENTITY_TABS = ("types", "labels", "aliases", "kinds", "jur", "cat")  # what the entities graph is made of
N, F = {name: i for i, name in enumerate(NESTED)}, {name: i for i, name in enumerate(FLAT)}
SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE nested (subject TEXT NOT NULL, tab INTEGER NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
                     PRIMARY KEY (subject, tab, value)) WITHOUT ROWID;
CREATE INDEX jur_of_place ON nested (value) WHERE tab = {N["jur"]};
CREATE TABLE flat (tab INTEGER NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
                   PRIMARY KEY (tab, value)) WITHOUT ROWID;
CREATE TABLE future (report TEXT PRIMARY KEY, date TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX future_by_date ON future (date);
CREATE TABLE docs (reg TEXT PRIMARY KEY, entry TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE events (agency TEXT PRIMARY KEY, entry TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE event_keys (key TEXT NOT NULL, agency TEXT NOT NULL, PRIMARY KEY (key, agency)) WITHOUT ROWID;
CREATE TABLE shared_lines (line TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
"""
# the table's code written out: a partial index serves only a query naming its condition
JUR_OF_PLACE = "SELECT subject FROM nested WHERE tab = " + str(N["jur"]) + " AND value = :place"
FLUSH_AT = 50_000  # pending changes held before they go to the file: bounds the writer's memory


class Tallies:
    """How many reports give each fact the shared graphs and counts are made of (see the module
    docstring), plus what the last build wrote that later builds compare with, in a SQLite file
    of the new generation (:func:`open_tallies`). Only the sets a build touches, the few graph
    sizes and the changes not yet written are held in memory."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        meta = dict(db.execute("SELECT key, value FROM meta"))
        self.duty: int = int(meta.get("duty", 0))
        self.stats: int = int(meta.get("stats", 0))
        self.build_date: str | None = meta.get("build_date") or None
        self.sizes: dict[str, int] = json.loads(meta.get("sizes", "{}"))  # shared graph → quads
        self.touched: set[str] = set()  # subjects whose entities-graph facts may have changed
        self.touched_docs: set[str] = set()
        self.touched_names: set[str] = set()  # names of agencies that changed (change events read them)
        self.track = True  # note what is touched (not needed when every shared graph is written anew)
        # changes not yet in the file, summed: (subject, tab, value) / (tab, value) → change
        self._nested: Counter = Counter()
        self._flat: Counter = Counter()
        # time-graph line → change in how many documents' facts and agencies' events give it
        self._lines: Counter = Counter()
        # the reports this build added, with their dates and catalogued citations, for the
        # statuses written at its end: a temporary table (gone with the connection), not a dict
        # — 100,000 reports' lists of citations grew the writer by ≈ 60 MB
        db.execute("CREATE TEMP TABLE IF NOT EXISTS added (report TEXT PRIMARY KEY, date TEXT, pairs TEXT NOT NULL)")

    def apply(self, c: dict[str, Any], sign: int) -> None:
        """Add (``sign`` 1) or subtract (-1) one report's contribution."""
        nested, flat = self._nested, self._flat
        for name in ENTITY_TABS:
            tab = N[name]
            for subject, values in c[name].items():
                for v in values:
                    nested[subject, tab, v] += sign
                if self.track:
                    self.touched.add(subject)
                    if name in ("labels", "aliases"):
                        self.touched_names.update(_value(v) for v in values)
        for name in ("refs", "mentions", "places", "pairs"):
            tab = F[name]
            for v in c[name]:
                flat[tab, v] += sign
        tab = N["catalogued"]
        for reg, labels in c["catalogued"].items():
            for v in labels:
                nested[reg, tab, v] += sign
        if self.track:
            self.touched.update(c["refs"])
            self.touched_docs.update(c["pairs"])
            self.touched_docs.update(c["catalogued"])
        tab = F["statements"]
        for p, n in c["statements"].items():
            flat[tab, p] += sign * n
        self.duty += sign * c["duty"]
        self.stats += sign * c["stats"]
        if len(nested) + len(flat) >= FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        """Write the pending changes: one statement a table and direction, in one transaction;
        a count at 0 is a row gone (counts only reach 0 by subtracting)."""
        db = self.db
        for table, columns, changes in (("nested", ("subject", "tab", "value"), self._nested),
                                        ("flat", ("tab", "value"), self._flat)):
            items = sorted(changes.items())  # in key order: each row lands near the last in the B-tree
            up = [(*k, d) for k, d in items if d > 0]
            down = [(-d, *k) for k, d in items if d < 0]
            names, key = ", ".join(columns), " AND ".join(f"{c} = ?" for c in columns)
            if up:
                db.executemany(f"INSERT INTO {table} ({names}, n) VALUES ({', '.join('?' * len(up[0]))}) "
                               f"ON CONFLICT ({names}) DO UPDATE SET n = n + excluded.n", up)
            if down:
                db.executemany(f"UPDATE {table} SET n = n - ? WHERE {key}", down)
                db.executemany(f"DELETE FROM {table} WHERE {key} AND n <= 0", [k[1:] for k in down])
            changes.clear()
        db.commit()

    # -- look-ups (indexed: the touched keys only) --
    def entity(self, subject: str) -> dict[str, dict[str, int]]:
        """What the entities graph is made of for one subject: table → value → reports; plus
        ``refs``: {subject: references to it} when it is cited."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for tab, value, n in self.db.execute("SELECT tab, value, n FROM nested WHERE subject = :s AND tab < :tab",
                                             {"s": subject, "tab": N["catalogued"]}):
            out[NESTED[tab]][value] = n
        if refs := self.count("refs", subject):
            out["refs"][subject] = refs
        return out

    def values(self, name: str, subject: str) -> list[str]:
        """The values of a nested table for one subject, sorted."""
        return [v for (v,) in self.db.execute("SELECT value FROM nested WHERE subject = :s AND tab = :tab "
                                              "ORDER BY value", {"s": subject, "tab": N[name]})]

    def has(self, name: str, subject: str, value: str) -> bool:
        return self.db.execute("SELECT 1 FROM nested WHERE subject = :s AND tab = :tab AND value = :v",
                               {"s": subject, "tab": N[name], "v": value}).fetchone() is not None

    def count(self, name: str, value: str) -> int:
        row = self.db.execute("SELECT n FROM flat WHERE tab = :tab AND value = :v",
                              {"tab": F[name], "v": value}).fetchone()
        return row[0] if row else 0

    def all(self, name: str) -> dict[str, int]:
        """A whole flat table (place names, predicates; the cited documents on a full pass)."""
        return dict(self.db.execute("SELECT value, n FROM flat WHERE tab = :tab ORDER BY value", {"tab": F[name]}))

    def size(self, name: str) -> int:
        return self.db.execute("SELECT COUNT(*) FROM flat WHERE tab = :tab", {"tab": F[name]}).fetchone()[0]

    def subjects(self) -> list[str]:
        """Every subject of the entities graph, sorted (a full pass)."""
        return [s for (s,) in self.db.execute(
            "SELECT subject FROM nested WHERE tab < :catalogued "
            "UNION SELECT value FROM flat WHERE tab = :refs ORDER BY 1",
            {"catalogued": N["catalogued"], "refs": F["refs"]})]

    def of_places(self, places: Iterable[str]) -> set[str]:
        """The subjects with one of ``places`` (place nodes, N-Triples terms) as jurisdiction."""
        return {s for p in places for (s,) in self.db.execute(JUR_OF_PLACE, {"place": p})}

    # -- what the last build wrote --
    def doc(self, reg: str) -> list | None:
        row = self.db.execute("SELECT entry FROM docs WHERE reg = :reg", {"reg": reg}).fetchone()
        return json.loads(row[0]) if row else None

    def set_doc(self, reg: str, entry: list | None) -> None:
        self._count_lines(self.doc(reg), entry)
        self.db.execute("DELETE FROM docs WHERE reg = ?", (reg,))
        if entry is not None:
            self.db.execute("INSERT INTO docs VALUES (?, ?)", (reg, json.dumps(entry, ensure_ascii=False)))

    def has_event(self, agency: str) -> bool:
        return self.db.execute("SELECT 1 FROM events WHERE agency = :a", {"a": agency}).fetchone() is not None

    def set_event(self, agency: str, entry: list[list[str]] | None) -> None:
        """An agency's ``[successor names, jurisdictions of its steps, its events' quads]`` (None: none)."""
        row = self.db.execute("SELECT entry FROM events WHERE agency = :a", {"a": agency}).fetchone()
        self._count_lines(json.loads(row[0]) if row else None, entry)
        self.db.execute("DELETE FROM events WHERE agency = ?", (agency,))
        self.db.execute("DELETE FROM event_keys WHERE agency = ?", (agency,))
        if entry is not None:
            self.db.execute("INSERT INTO events VALUES (?, ?)", (agency, json.dumps(entry, ensure_ascii=False)))
            keys = {*(f"n:{n}" for n in entry[0]), *(f"p:{p}" for p in entry[1])}  # successors', places' names
            self.db.executemany("INSERT OR IGNORE INTO event_keys VALUES (?, ?)", [(k, agency) for k in keys])

    def event_agencies(self, names: Iterable[str], places: Iterable[str]) -> set[str]:
        """The agencies with change events naming one of ``names`` as successor or one of ``places``."""
        keys = [*(f"n:{n}" for n in names), *(f"p:{p}" for p in places)]
        return {a for k in keys for (a,) in self.db.execute("SELECT agency FROM event_keys WHERE key = :k", {"k": k})}

    def _count_lines(self, before: list | None, after: list | None) -> None:
        for line in before[-1] if before else ():
            self._lines[line] -= 1
        for line in after[-1] if after else ():
            self._lines[line] += 1

    def line_changes(self) -> tuple[set[str], set[str]]:
        """The time-graph lines no document's facts or agency's events give any longer, and those
        given now that none gave, since the last call. (Two entries may give the same line — two
        documents repealed by one — so each line's entries are counted.)"""
        gone, new = set(), set()
        for line, change in self._lines.items():
            if not change:
                continue
            row = self.db.execute("SELECT n FROM shared_lines WHERE line = :line", {"line": line}).fetchone()
            before = row[0] if row else 0
            after = before + change
            if after <= 0:
                self.db.execute("DELETE FROM shared_lines WHERE line = ?", (line,))
                if before > 0:
                    gone.add(line)
            else:
                self.db.execute("INSERT OR REPLACE INTO shared_lines VALUES (?, ?)", (line, after))
                if before <= 0:
                    new.add(line)
        self._lines.clear()
        return gone, new

    def future_due(self, date: str) -> dict[str, str]:
        """The reports dated after the last build date, on or before ``date``."""
        return dict(self.db.execute("SELECT report, date FROM future WHERE date <= :date", {"date": date}))

    def note_added(self, report: str, date: str | None, pairs: list[str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO added VALUES (:report, :date, :pairs)",
                        {"report": report, "date": date, "pairs": json.dumps(pairs)})

    def is_added(self, report: str) -> bool:
        return self.db.execute("SELECT 1 FROM added WHERE report = :report", {"report": report}).fetchone() is not None

    def added(self, chunk: int = 1000) -> Iterator[tuple[str, str | None, list[str]]]:
        """(report, date, catalogued citations) of the reports added, in report order, read a
        chunk at a time (the caller writes to the same database meanwhile)."""
        last = ""
        while rows := self.db.execute("SELECT report, date, pairs FROM added WHERE report > :last ORDER BY report "
                                      "LIMIT :n", {"last": last, "n": chunk}).fetchall():
            for report, date, pairs in rows:
                yield report, date, json.loads(pairs)
            last = rows[-1][0]

    def set_future(self, report: str, date: str | None) -> None:
        self.db.execute("DELETE FROM future WHERE report = ?", (report,))
        if date is not None:
            self.db.execute("INSERT INTO future VALUES (?, ?)", (report, date))

    def save(self) -> None:
        """Write what is pending and the figures held in memory."""
        self.flush()
        meta = {"version": str(TALLY_VERSION), "duty": str(self.duty), "stats": str(self.stats),
                "build_date": self.build_date or "", "sizes": json.dumps(self.sizes, sort_keys=True)}
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        self.db.commit()


@memo(1 << 16)
def _term(text: str) -> Any:
    """An N-Triples term (as pyoxigraph prints it) as a pyoxigraph term."""
    (t,) = ox.parse(f"<urn:s> <urn:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES)
    return t.object


def _value(text: str) -> str:
    """The lexical form of a literal, the IRI of an IRI (N-Triples terms)."""
    if not text.startswith('"'):
        return text[1:-1]
    return text[1:text.rindex('"')] if "\\" not in text else _term(text).value


def _connect(path: Path) -> sqlite3.Connection:
    # the build's loading thread adds contributions, the main thread the rest, never at once;
    # no journal: the file is the new generation's own copy, thrown away whole if the build fails
    db = sqlite3.connect(path, check_same_thread=False)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -32768")  # 32 MB of pages at most
    return db


def _version(db: sqlite3.Connection) -> str | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _from_json(db: sqlite3.Connection, data: dict[str, Any]) -> None:
    """Fill empty tables from the JSON file the previous version wrote (same :data:`TALLY_VERSION`)."""
    db.executemany("INSERT INTO nested VALUES (?, ?, ?, ?)",
                   ((s, N[name], v, n) for name in NESTED for s, counts in data.get(name, {}).items()
                    for v, n in counts.items()))
    db.executemany("INSERT INTO flat VALUES (?, ?, ?)",
                   ((F[name], v, n) for name in FLAT for v, n in data.get(name, {}).items()))
    db.executemany("INSERT INTO future VALUES (?, ?)", data.get("future", {}).items())
    t = Tallies(db)
    for reg, entry in data.get("docs", {}).items():
        t.set_doc(reg, entry)
    for agency, entry in data.get("events", {}).items():
        t.set_event(agency, entry)
    t.line_changes()
    t.duty, t.stats, t.build_date, t.sizes = (data.get("duty", 0), data.get("stats", 0), data.get("build_date"),
                                              data.get("sizes", {}))
    t.save()


def _load_json(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(gzip.decompress((folder / JSON_TALLY_FILE).read_bytes()).decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) and data.get("version") == TALLY_VERSION else None


def open_tallies(folder: Path, previous: Path | None, *, not_after: str) -> tuple[Tallies, bool]:
    """The tallies of the new generation ``folder``, under a temporary name until
    :func:`close_tallies`, and whether they carry on from ``previous`` (the generation the build
    starts from; None: start empty): a copy of its file — never edited, as any file of a
    generation — or, once, its JSON file converted. Empty (False: one full pass) when it has
    neither, of another version, or a build date after ``not_after`` (the clock went back:
    statuses dated in between change)."""
    tmp = folder / f".{TALLY_FILE}.tmp"
    tmp.unlink(missing_ok=True)
    db = None
    if previous is not None and (previous / TALLY_FILE).is_file():
        shutil.copyfile(previous / TALLY_FILE, tmp)
        db = _connect(tmp)
        if _version(db) != str(TALLY_VERSION):
            db.close()
            tmp.unlink()
            db = None
    elif previous is not None and (data := _load_json(previous)) is not None:
        db = _connect(tmp)
        db.executescript(SCHEMA)
        _from_json(db, data)
    if db is not None:
        t = Tallies(db)
        if (t.build_date or "") <= not_after:
            return t, True
        db.close()
        tmp.unlink()
    db = _connect(tmp)
    db.executescript(SCHEMA)
    return Tallies(db), False


def close_tallies(t: Tallies, folder: Path) -> None:
    """Write what the tallies hold and rename their file into place in ``folder``."""
    t.save()
    t.db.close()
    os.replace(folder / f".{TALLY_FILE}.tmp", folder / TALLY_FILE)


def entity_lines(t: Tallies, subject: str) -> list[str]:
    """The entities-graph quads of one subject (N-Quads lines), as
    :func:`kg.graph.shared.entity_quads` computes them from every report graph."""
    e = t.entity(subject)
    out: list[str] = []
    s = subject
    kinds = e.get("types") or {}
    labels = e.get("labels") if kinds else None
    if labels:
        aliases = set(e.get("aliases", ()))
        best = next(iter(labels)) if len(labels) == 1 else max(
            labels.items(), key=lambda kv: (kv[1], len(_value(kv[0])), _value(kv[0])))[0]
        out.append(f"{s} {PREF} {best} {ENT} .")
        out += [f"{s} {ALT} {name} {ENT} ." for name in (set(labels) | aliases) - {best}]
        if REGULATION in kinds:
            keys = {title_key(_value(name)) for name in set(labels) | aliases}
            out += [f"{s} {MATCH_KEY} {ox.Literal(key)} {ENT} ." for key in keys if key]
    if refs := e.get("refs", {}).get(s):
        out.append(f'{s} {CITING} "{refs}"^^{INTEGER} {ENT} .')
    if counts := e.get("kinds"):
        best = next(iter(counts)) if len(counts) == 1 else max(counts.items(),
                                                               key=lambda kv: (kv[1], _value(kv[0])))[0]
        out.append(f"{s} {KIND} {best} {ENT} .")
    out += [f"{s} {JURISDICTION} {o} {ENT} ." for o in e.get("jur", ())]
    out += [f"{s} {CATEGORY} {o} {ENT} ." for o in e.get("cat", ())]
    out += [f"{s} {TYPE} {kind} {ENT} ." for kind in kinds]
    return out


# A full pass writes the shared graphs a chunk at a time: at 100,000 reports the entities and
# time graphs are millions of quads, which held whole took the writer from ≈ 1 GB to ≈ 2.2 GB.
SUBJECTS_A_CHUNK = 20_000
QUADS_A_CHUNK = 200_000


def _quads(lines: Iterable[str]) -> list[ox.Quad]:
    text = "\n".join(lines)
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if text else []


def _line(q: ox.Quad) -> str:
    return f"{q.subject} {q.predicate} {q.object} {q.graph_name} ."


def _doc_entry(t: Tallies, reg: str) -> list | None:
    """``[catalogue title, its facts as N-Quads lines]`` of a cited catalogued document (None:
    not cited where catalogued, or no catalogue row)."""
    if not t.count("pairs", reg):
        return None
    row = _row_of(ox.NamedNode(reg[1:-1]), t.values("catalogued", reg))
    if row is None:
        return None
    out = _Quads()
    _document_facts(out, ox.NamedNode(reg[1:-1]), row)
    return [row["title"], sorted(_line(q) for q in out.quads)]


# -- a build's update -----------------------------------------------------------------------------

class SharedUpdate:
    """The shared graphs' side of one build: :meth:`add` each report graph written (its
    contribution, from the worker), :meth:`drop` the reports about to be removed (before their
    graphs go), then :meth:`finish`.

    ``previous`` is the generation the build started from (None: none); ``incremental`` False
    when the report graphs kept may not be what the tallies counted (another extractor)."""

    def __init__(self, store: Any, previous: Path | None, *, known: Iterable[str], incremental: bool = True,
                 build_date: str | None = None):
        self.store = store
        self.build_date = build_date or today()
        self.known = set(known)
        self.tallies, carried = open_tallies(store.data_dir, previous if incremental else None,
                                             not_after=self.build_date)
        # every shared graph written anew at the end (also a first build: no report kept)
        self.full = not carried
        self.tallies.track = not self.full
        self.dropped: list[str] = []
        self.previous_places = set(self.tallies.all("places"))
        self.previous_date = self.tallies.build_date
        self.times = PhaseTimes()  # the phases of finish(), for the build's timings

    def add(self, contribution_json: str) -> None:
        """A report graph this build wrote (its contribution as JSON). A report already counted
        (same content, same extractor: the same graph) is not counted twice."""
        c = json.loads(contribution_json)
        if not self.full and c["report"] in self.known:
            return
        self.tallies.apply(c, 1)
        if c["pairs"]:
            self.tallies.note_added(c["report"], c["date"], c["pairs"])

    def drop(self, reports: Iterable[str]) -> None:
        """Reports about to be removed (their graphs still in the store)."""
        for report in reports:
            if not self.full:
                self.tallies.apply(stored_contribution(self.store, report), -1)
            self.dropped.append(report)

    def finish(self, kept: Mapping[str, dict[str, Any]], written: Iterable[str]) -> dict[str, int]:
        """Bring the shared graphs in step and return the build counts; ``kept`` is the new
        manifest's reports (graph IRI, ``triples``), ``written`` the graph IRIs this build wrote."""
        store, t = self.store, self.tallies
        if self.full:
            done = set(written)
            for info in kept.values():  # kept as they were: read from their graphs, once
                if info["graph"] not in done:
                    c = stored_contribution(store, info["graph"])
                    t.apply(c, 1)
                    if c["pairs"]:
                        t.note_added(c["report"], c["date"], c["pairs"])
            for graph in (ONTOLOGY_GRAPH, DUTIES_GRAPH, PLACES_GRAPH, ENTITIES_GRAPH, TIME_GRAPH):
                store.remove_graph(str(graph))
            t.sizes = {}
            self.previous_places, self.previous_date = set(), None
            for fixed in (ontology_graph(), duties_graph()):
                store.replace_graph(fixed, bulk=True)  # as every write of a full pass (see _extend)
                t.sizes[str(fixed.identifier)] = len(fixed)
        t.flush()  # what follows reads the tallies
        with self.times.phase("places graph"):
            changed_places = self._places()
        with self.times.phase("entities graph"):
            self._entities()
        self._time(changed_places)
        t.build_date = self.build_date
        with self.times.phase("counts and tallies"):
            counts = self._counts(kept)
            close_tallies(t, store.data_dir)
        return counts

    def _places(self) -> set[str]:
        """Bring the places graph in step with the place names; returns the names whose node
        changed its labels (the change events read them), every name on a full pass."""
        store, t = self.store, self.tallies
        names = set(t.all("places"))
        if self.full:
            places = places_graph(names)
            store.replace_graph(places, bulk=True)
            t.sizes[str(PLACES_GRAPH)] = len(places)
            return names
        if names == self.previous_places:
            return set()
        graph = ox.NamedNode(str(PLACES_GRAPH))
        old = set(store.ox.quads_for_pattern(None, None, None, graph))
        # each name brings its chain of parents, whatever the other names: new names add theirs
        # to the graph; a name gone means recomputing it whole
        new_names = names if self.previous_places - names else names - self.previous_places
        data = places_graph(new_names).serialize(format="nt", encoding="utf-8")
        new = {ox.Quad(q.subject, q.predicate, q.object, graph) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}
        if not self.previous_places - names:
            new |= old
        for q in old - new:
            store.ox.remove(q)
        self._extend(new - old)
        t.sizes[str(PLACES_GRAPH)] = len(new)
        label = ox.NamedNode(str(RDFS.label))
        nodes = {q.subject for q in old ^ new if q.predicate == label}
        return {q.object.value for q in old ^ new if q.predicate == label and isinstance(q.object, ox.Literal)} | {
            q.object.value for n in nodes for q in store.ox.quads_for_pattern(n, label, None, graph)
            if isinstance(q.object, ox.Literal)}

    # the entities graph: the quads of the subjects touched
    def _entities(self) -> None:
        store, t = self.store, self.tallies
        graph = ox.NamedNode(str(ENTITIES_GRAPH))
        subjects = sorted(t.touched) if not self.full else t.subjects()
        removed = 0
        if not self.full:
            for s in subjects:
                old = list(store.ox.quads_for_pattern(ox.NamedNode(s[1:-1]), None, None, graph))
                removed += len(old)
                for q in old:
                    store.ox.remove(q)
        added = 0
        for start in range(0, len(subjects), SUBJECTS_A_CHUNK):  # subjects are disjoint: so are the chunks' quads
            new = _quads(line for s in subjects[start:start + SUBJECTS_A_CHUNK] for line in entity_lines(t, s))
            added += len(set(new))
            self._extend(new)
        t.sizes[str(ENTITIES_GRAPH)] = t.sizes.get(str(ENTITIES_GRAPH), 0) - removed + added

    # the time graph
    def _time(self, changed_places: set[str]) -> None:
        with self.times.phase("time graph"):
            size = self._statuses()
        with self.times.phase("change events"):
            self._events(changed_places)
        with self.times.phase("time graph"):
            self._time_lines(size)

    def _statuses(self) -> int:
        """The time graph's citation statuses: of the reports added and of those whose documents'
        catalogue rows changed or whose dates came due."""
        store, t = self.store, self.tallies
        size = t.sizes.get(str(TIME_GRAPH), 0)
        rows_changed: list[str] = []
        for reg in sorted(t.all("pairs")) if self.full else sorted(t.touched_docs):
            before = t.doc(reg)
            entry = _doc_entry(t, reg)
            t.set_doc(reg, entry)
            if before != entry:  # another catalogue row: other statuses
                rows_changed.append(reg)
        status_report = ox.NamedNode(str(FZ.report))
        for report in self.dropped:
            t.set_future(report, None)
            if not self.full:
                size -= self._remove_subjects({q.subject for q in store.ox.quads_for_pattern(
                    None, status_report, ox.NamedNode(report), ox.NamedNode(str(TIME_GRAPH)))})
        kept_changed: dict[str, tuple[str | None, list[str]]] = {}  # kept reports whose statuses change
        if not self.full:
            # kept reports citing a document whose catalogue row changed
            for reg in rows_changed:
                for report, date in self._citing(reg):
                    kept_changed[report] = (date, [*kept_changed.get(report, (date, []))[1], reg])
            # kept reports dated after the last build date, now on or before this one
            for report, date in t.future_due(self.build_date).items():
                if not t.is_added(report):
                    kept_changed[report] = (date, self._pairs_of(report))
        out = _Quads()
        rows: dict[str, Any] = {}
        for report, date, regs, was_kept in chain(((r, d, p, False) for r, d, p in t.added()),
                                                  ((r, d, p, True) for r, (d, p) in kept_changed.items())):
            node = ox.NamedNode(report)
            if was_kept:  # its old statuses of these documents go
                size -= self._remove_subjects({ox.NamedNode(str(citation_status_iri(URIRef(report), URIRef(reg[1:-1]))))
                                               for reg in regs})
            for reg in regs:
                if reg not in rows:
                    rows[reg] = _row_of(ox.NamedNode(reg[1:-1]), t.values("catalogued", reg))
                if rows[reg] is not None:
                    citation_status(out, node, ox.NamedNode(reg[1:-1]), rows[reg], date, self.build_date)
            t.set_future(report, date if date and date > self.build_date else None)
            if len(out.quads) >= QUADS_A_CHUNK:  # a status node is one report's: chunks share no quad
                self._extend(out.quads)
                size += len(out.quads)
                out = _Quads()
        self._extend(out.quads)
        return size + len(out.quads)

    def _time_lines(self, size: int) -> None:
        """The time graph's lines kept by the tallies (document facts, change events) and its
        header, in step; ``size`` is the graph's size once the statuses are written."""
        store, t = self.store, self.tallies
        # the header as the last build wrote it (the document facts and change events: the lines
        # whose entries changed, counted by the tallies)
        old_header = self._header_lines(self.previous_date)
        new_header = self._header_lines(self.build_date)
        gone, new = t.line_changes()
        gone |= old_header - new_header  # (the header's subject is the graph: no entry gives its lines)
        new |= new_header - old_header
        for q in _quads(gone):
            store.ox.remove(q)
        self._extend(_quads(new))
        t.sizes[str(TIME_GRAPH)] = size - len(gone) + len(new)

    @staticmethod
    def _header_lines(build_date: str | None) -> set[str]:
        out = _Quads()
        if build_date:
            header_quads(out, build_date)
        return {_line(q) for q in out.quads}

    def _extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads: a full pass loads them in bulk (written as table files, as the report graphs
        are, not through the write-ahead log), an update in a transaction (a few quads). A full
        pass follows a build's bulk loads, whose table files the store compacts in one thread;
        a write through the log waits for that (RocksDB's write stall: 313 s at the end of a
        fresh build of 100,000 reports, one core idle), bulk writes do not: the build makes its
        one such write after the shared graphs (:func:`kg.graph.stats.mark_current`)."""
        if self.full:
            self.store.ox.bulk_extend(quads)
        else:
            self.store.ox.extend(quads)

    def _remove_subjects(self, nodes: Iterable[Any]) -> int:
        graph = ox.NamedNode(str(TIME_GRAPH))
        n = 0
        for node in nodes:
            for q in list(self.store.ox.quads_for_pattern(node, None, None, graph)):
                self.store.ox.remove(q)
                n += 1
        return n

    def _citing(self, reg: str) -> list[tuple[str, str | None]]:
        """The kept reports citing ``reg`` and cataloguing it, with their dates (index lookups)."""
        store = self.store
        node = ox.NamedNode(reg[1:-1])
        out = []
        for q in store.ox.quads_for_pattern(None, ox.NamedNode(str(DCTERMS.references)), node, None):
            g = q.graph_name
            if q.subject != g or self.tallies.is_added(g.value):
                continue
            if not any(store.ox.quads_for_pattern(node, ox.NamedNode(str(FZ.inNationalCatalogue)), None, g)):
                continue
            dates = [d.object.value for d in store.ox.quads_for_pattern(g, ox.NamedNode(str(DCTERMS.issued)), None, g)]
            out.append((g.value, dates[-1] if dates else None))
        return out

    def _pairs_of(self, report: str) -> list[str]:
        return stored_contribution(self.store, report)["pairs"]

    def _events(self, changed_places: set[str]) -> None:
        store, t = self.store, self.tallies
        if self.full:
            ctx = EventContext.whole(store)
            agencies = ctx.agencies()
        else:
            ctx = EventContext(store)
            agencies_set = {ox.NamedNode(s[1:-1]) for s in t.touched
                            if t.has("types", s, AGENCY) or t.has_event(s)}
            # agencies whose events name an agency that changed, or a place whose labels changed
            agencies_set |= {ox.NamedNode(a[1:-1]) for a in t.event_agencies(t.touched_names, changed_places)}
            if changed_places:  # agencies whose jurisdiction is a place whose labels changed
                nodes = {f"<{place_iri(n, place_lookups()[1](n))}>" for n in changed_places}
                agencies_set |= {ox.NamedNode(s[1:-1]) for s in t.of_places(nodes)}
            agencies = sorted(agencies_set, key=str)
        for agency in agencies:
            out = _Quads()
            steps = agency_events(agency, ctx, out)
            t.set_event(str(agency), [[s.new for s in steps], sorted({s.jurisdiction for s in steps}),
                                      sorted(_line(q) for q in out.quads)] if steps else None)

    def _counts(self, kept: Mapping[str, dict[str, Any]]) -> dict[str, int]:
        store, t = self.store, self.tallies
        ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
        subproperties = {str(q.subject) for q in store.ox.quads_for_pattern(
            None, ox.NamedNode(str(RDFS.subPropertyOf)), ox.NamedNode(str(FZ.oversees)), ontology)}
        report_triples = sum(info.get("triples", 0) for info in kept.values())
        shared = sum(t.sizes.get(str(g), 0) for g in (ONTOLOGY_GRAPH, DUTIES_GRAPH, PLACES_GRAPH, ENTITIES_GRAPH,
                                                      TIME_GRAPH))
        stats = t.stats + (1 if t.stats or kept else 0)  # the entries and the version quad
        return {"regulations": t.size("refs"), "agencies": t.size("mentions"),
                "relations": sum(n for p, n in t.all("statements").items() if p in subproperties),
                "duty_statements": t.duty, "triples": report_triples + stats + shared}
