"""The shared graphs kept in step with the report graphs at the cost of what a build changes.

:func:`kg.graph.shared.refresh_shared_graphs` recomputes the entities, places and time graphs
from every report graph (≈ 29 ms a report: 50 minutes at 100,000 reports, for any change).
Instead, each report's **contribution** (:func:`contribution`: the labels, aliases, kinds,
jurisdictions and categories of the entities it names, the documents it cites, its place names,
its catalogued citations and date, its counts) is computed by the build's worker from the
N-Triples terms of its graph, or read from the store for a report being dropped, and folded
into **running tallies** (:class:`Tallies`: how many reports give each fact) kept in the
generation beside the manifest (``shared-tallies.json.gz``, written via temp file + rename).
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
"""
from __future__ import annotations

import gzip
import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

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

TALLY_FILE = "shared-tallies.json.gz"  # gzip: a tenth of the size, for little time
# Bumped whenever what the tallies hold changes: a store with others gets one full pass.
TALLY_VERSION = 2


def _nt(term: Any) -> str:
    return f"<{term}>"


TYPE, LABEL, ALT, REFERENCES, MENTIONS, KIND, JURISDICTION, CATEGORY, JNAME, CATALOGUED, ISSUED, PREDICATE = (
    _nt(t) for t in (RDF.type, RDFS.label, SKOS.altLabel, DCTERMS.references, FZ.mentions, FZ.regulationKind,
                     FZ.jurisdiction, FZ.agencyCategory, FZ.jurisdictionName, FZ.inNationalCatalogue,
                     DCTERMS.issued, RDF.predicate))
REGULATION, AGENCY, DUTY_STATEMENT, STATEMENT = (_nt(t) for t in (FZ.Regulation, FZ.Agency, FZ.DutyStatement,
                                                                   RDF.Statement))
ENTITY_KINDS = (REGULATION, AGENCY)
READ = frozenset((TYPE, LABEL, ALT, REFERENCES, MENTIONS, KIND, JURISDICTION, CATEGORY, JNAME, CATALOGUED, ISSUED,
                  PREDICATE))
TYPES_READ = frozenset((REGULATION, AGENCY, DUTY_STATEMENT, STATEMENT))
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
    reified = {s for s, objs in by[TYPE].items() if any(str(o) == STATEMENT for o in objs)}
    statements = Counter(str(o) for s, objs in by[PREDICATE].items() if s in reified for o in set(objs))
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

class Tallies:
    """How many reports give each fact the shared graphs and counts are made of (see the module
    docstring), plus what the last build wrote that later builds compare with."""

    NESTED = ("types", "labels", "aliases", "kinds", "jur", "cat", "catalogued")
    FLAT = ("refs", "mentions", "places", "pairs", "statements")

    def __init__(self, data: dict[str, Any] | None = None):
        data = data or {}

        def nested(name: str) -> defaultdict[str, Counter]:
            return defaultdict(Counter, {k: Counter(v) for k, v in data.get(name, {}).items()})

        # subject → value → reports giving it (N-Triples terms; catalogued: labels' lexical forms)
        self.types, self.labels, self.aliases = nested("types"), nested("labels"), nested("aliases")
        self.kinds, self.jur, self.cat, self.catalogued = (nested(n) for n in ("kinds", "jur", "cat", "catalogued"))
        # value → how many times the reports give it
        self.refs: Counter = Counter(data.get("refs", {}))  # document → dcterms:references to it
        self.mentions: Counter = Counter(data.get("mentions", {}))  # agency → reports naming it
        self.places: Counter = Counter(data.get("places", {}))  # place name → reports naming it
        self.pairs: Counter = Counter(data.get("pairs", {}))  # document → reports citing it as catalogued
        self.statements: Counter = Counter(data.get("statements", {}))  # predicate → reified statements
        self.duty: int = data.get("duty", 0)
        self.stats: int = data.get("stats", 0)
        self.build_date: str | None = data.get("build_date")
        self.future: dict[str, str] = data.get("future", {})  # report → its date, after build_date
        self.sizes: dict[str, int] = data.get("sizes", {})  # shared graph → quads
        self.docs: dict[str, list] = data.get("docs", {})  # document → [catalogue title, its facts (N-Quads)]
        # agency → [successor names, jurisdictions of its steps, its events' quads (N-Quads)]
        self.events: dict[str, list[list[str]]] = data.get("events", {})
        self.touched: set[str] = set()  # subjects whose entities-graph facts may have changed
        self.touched_docs: set[str] = set()
        self.touched_names: set[str] = set()  # names of agencies that changed (change events read them)
        self.track = True  # note what is touched (not needed when every shared graph is written anew)

    def to_json(self) -> str:
        data: dict[str, Any] = {"version": TALLY_VERSION}
        for name in (*self.NESTED, *self.FLAT):  # Counters are dicts: dumped as they are (none empty)
            data[name] = getattr(self, name)
        data.update(duty=self.duty, stats=self.stats, build_date=self.build_date, future=self.future,
                    sizes=self.sizes, docs=self.docs, events=self.events)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def apply(self, c: dict[str, Any], sign: int) -> None:
        """Add (``sign`` 1) or subtract (-1) one report's contribution."""
        def bump(table: defaultdict, key: str, values: Iterable[str]) -> None:
            counter = table[key]
            for v in values:
                counter[v] += sign
                if counter[v] <= 0:
                    del counter[v]
            if not counter:
                del table[key]

        for name in ("types", "labels", "aliases", "kinds", "jur", "cat"):
            for subject, values in c[name].items():
                bump(getattr(self, name), subject, values)
                if self.track:
                    self.touched.add(subject)
                    if name in ("labels", "aliases"):
                        self.touched_names.update(_value(v) for v in values)
        for name in ("refs", "mentions", "places", "pairs"):
            counter: Counter = getattr(self, name)
            for v in c[name]:
                counter[v] += sign
                if counter[v] <= 0:
                    del counter[v]
        for reg, labels in c["catalogued"].items():
            bump(self.catalogued, reg, labels)
        if self.track:
            self.touched.update(c["refs"])
            self.touched_docs.update(c["pairs"])
            self.touched_docs.update(c["catalogued"])
        for p, n in c["statements"].items():
            self.statements[p] += sign * n
            if self.statements[p] <= 0:
                del self.statements[p]
        self.duty += sign * c["duty"]
        self.stats += sign * c["stats"]


@lru_cache(maxsize=1 << 16)
def _term(text: str) -> Any:
    """An N-Triples term (as pyoxigraph prints it) as a pyoxigraph term."""
    (t,) = ox.parse(f"<urn:s> <urn:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES)
    return t.object


def _value(text: str) -> str:
    """The lexical form of a literal, the IRI of an IRI (N-Triples terms)."""
    if not text.startswith('"'):
        return text[1:-1]
    return text[1:text.rindex('"')] if "\\" not in text else _term(text).value


def entity_lines(t: Tallies, subject: str) -> list[str]:
    """The entities-graph quads of one subject (N-Quads lines), as
    :func:`kg.graph.shared.entity_quads` computes them from every report graph."""
    out: list[str] = []
    s = subject
    kinds = t.types.get(s) or Counter()
    labels = t.labels.get(s) if kinds else None
    if labels:
        aliases = set(t.aliases.get(s, ()))
        best = next(iter(labels)) if len(labels) == 1 else max(
            labels.items(), key=lambda kv: (kv[1], len(_value(kv[0])), _value(kv[0])))[0]
        out.append(f"{s} {PREF} {best} {ENT} .")
        out += [f"{s} {ALT} {name} {ENT} ." for name in (set(labels) | aliases) - {best}]
        if REGULATION in kinds:
            keys = {title_key(_value(name)) for name in set(labels) | aliases}
            out += [f"{s} {MATCH_KEY} {ox.Literal(key)} {ENT} ." for key in keys if key]
    if t.refs.get(s):
        out.append(f'{s} {CITING} "{t.refs[s]}"^^{INTEGER} {ENT} .')
    if counts := t.kinds.get(s):
        best = next(iter(counts)) if len(counts) == 1 else max(counts.items(),
                                                               key=lambda kv: (kv[1], _value(kv[0])))[0]
        out.append(f"{s} {KIND} {best} {ENT} .")
    out += [f"{s} {JURISDICTION} {o} {ENT} ." for o in t.jur.get(s, ())]
    out += [f"{s} {CATEGORY} {o} {ENT} ." for o in t.cat.get(s, ())]
    out += [f"{s} {TYPE} {kind} {ENT} ." for kind in kinds]
    return out


def _quads(lines: Iterable[str]) -> list[ox.Quad]:
    text = "\n".join(lines)
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if text else []


def _line(q: ox.Quad) -> str:
    return f"{q.subject} {q.predicate} {q.object} {q.graph_name} ."


def _doc_entry(t: Tallies, reg: str) -> list | None:
    """``[catalogue title, its facts as N-Quads lines]`` of a cited catalogued document (None:
    not cited where catalogued, or no catalogue row)."""
    if not t.pairs.get(reg):
        return None
    row = _row_of(ox.NamedNode(reg[1:-1]), list(t.catalogued.get(reg, ())))
    if row is None:
        return None
    out = _Quads()
    _document_facts(out, ox.NamedNode(reg[1:-1]), row)
    return [row["title"], sorted(_line(q) for q in out.quads)]


def _write_json(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it 0600: the umask decides, as for the other files
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as fh:
            fh.write(text.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_tallies(folder: Path | None) -> Tallies | None:
    """The tallies a generation folder holds; None when it has none, or of another version."""
    if folder is None:
        return None
    try:
        data = json.loads(gzip.decompress((folder / TALLY_FILE).read_bytes()).decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("version") != TALLY_VERSION:
        return None
    return Tallies(data)


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
        previous_tallies = load_tallies(previous) if incremental else None
        if previous_tallies is not None and (previous_tallies.build_date or "") > self.build_date:
            previous_tallies = None  # the clock went back: statuses dated in between change
        self.tallies = previous_tallies if previous_tallies is not None else Tallies()
        # every shared graph written anew at the end (also a first build: no report kept)
        self.full = previous_tallies is None
        self.tallies.track = not self.full
        self.added: dict[str, tuple[str | None, list[str]]] = {}  # report → (date, catalogued citations)
        self.dropped: list[str] = []
        self.previous_places = set(self.tallies.places)
        self.previous_date = self.tallies.build_date

    def add(self, contribution_json: str) -> None:
        """A report graph this build wrote (its contribution as JSON). A report already counted
        (same content, same extractor: the same graph) is not counted twice."""
        c = json.loads(contribution_json)
        if not self.full and c["report"] in self.known:
            return
        self.tallies.apply(c, 1)
        if c["pairs"]:
            self.added[c["report"]] = (c["date"], c["pairs"])

    def drop(self, reports: Iterable[str]) -> None:
        """Reports about to be removed (their graphs still in the store)."""
        for report in reports:
            if not self.full:
                self.tallies.apply(stored_contribution(self.store, report), -1)
            self.dropped.append(report)

    def finish(self, kept: dict[str, dict[str, Any]], written: Iterable[str]) -> dict[str, int]:
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
                        self.added[c["report"]] = (c["date"], c["pairs"])
            for graph in (ONTOLOGY_GRAPH, DUTIES_GRAPH, PLACES_GRAPH, ENTITIES_GRAPH, TIME_GRAPH):
                store.remove_graph(str(graph))
            t.sizes, t.docs, t.events, t.future = {}, {}, {}, {}
            self.previous_places, self.previous_date = set(), None
            for fixed in (ontology_graph(), duties_graph()):
                store.replace_graph(fixed)
                t.sizes[str(fixed.identifier)] = len(fixed)
        changed_places = self._places()
        self._entities()
        self._time(changed_places)
        t.build_date = self.build_date
        _write_json(store.data_dir / TALLY_FILE, t.to_json())
        return self._counts(kept)

    def _places(self) -> set[str]:
        """Bring the places graph in step with the place names; returns the names whose node
        changed its labels (the change events read them), every name on a full pass."""
        store, t = self.store, self.tallies
        names = set(t.places)
        if self.full:
            places = places_graph(names)
            store.replace_graph(places)
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
        subjects = sorted(t.touched) if not self.full else sorted(
            set(t.types) | set(t.labels) | set(t.refs) | set(t.kinds) | set(t.jur) | set(t.cat))
        removed = 0
        if not self.full:
            for s in subjects:
                old = list(store.ox.quads_for_pattern(ox.NamedNode(s[1:-1]), None, None, graph))
                removed += len(old)
                for q in old:
                    store.ox.remove(q)
        new = _quads(line for s in subjects for line in entity_lines(t, s))
        added = len(set(new))
        self._extend(new)
        t.sizes[str(ENTITIES_GRAPH)] = t.sizes.get(str(ENTITIES_GRAPH), 0) - removed + added

    # the time graph
    def _time(self, changed_places: set[str]) -> None:
        store, t = self.store, self.tallies
        size = t.sizes.get(str(TIME_GRAPH), 0)
        # the shared part (header, document facts, change events) as the last build wrote it
        old_shared = self._shared_lines(self.previous_date)
        rows_changed: list[str] = []
        for reg in sorted(t.pairs) if self.full else sorted(t.touched_docs):
            before = t.docs.pop(reg, None)
            entry = _doc_entry(t, reg)
            if entry is not None:
                t.docs[reg] = entry
            if before != entry:  # another catalogue row: other statuses
                rows_changed.append(reg)
        status_report = ox.NamedNode(str(FZ.report))
        for report in self.dropped:
            t.future.pop(report, None)
            if not self.full:
                size -= self._remove_subjects({q.subject for q in store.ox.quads_for_pattern(
                    None, status_report, ox.NamedNode(report), ox.NamedNode(str(TIME_GRAPH)))})
        todo: dict[str, tuple[str | None, list[str]]] = dict(self.added)
        if not self.full:
            # kept reports citing a document whose catalogue row changed
            for reg in rows_changed:
                for report, date in self._citing(reg):
                    todo[report] = (date, [*todo.get(report, (date, []))[1], reg])
            # kept reports dated after the last build date, now on or before this one
            for report, date in list(t.future.items()):
                if date <= self.build_date and report not in self.added:
                    todo[report] = (date, self._pairs_of(report))
        out = _Quads()
        rows: dict[str, Any] = {}
        for report, (date, regs) in todo.items():
            node = ox.NamedNode(report)
            if report not in self.added:  # kept: its old statuses of these documents go
                size -= self._remove_subjects({ox.NamedNode(str(citation_status_iri(URIRef(report), URIRef(reg[1:-1]))))
                                               for reg in regs})
            for reg in regs:
                if reg not in rows:
                    rows[reg] = _row_of(ox.NamedNode(reg[1:-1]), list(t.catalogued.get(reg, ())))
                if rows[reg] is not None:
                    citation_status(out, node, ox.NamedNode(reg[1:-1]), rows[reg], date, self.build_date)
            if date and date > self.build_date:
                t.future[report] = date
            else:
                t.future.pop(report, None)
        status_quads = list(out.quads)
        self._extend(status_quads)
        size += len(status_quads)
        self._events(changed_places)
        new_shared = self._shared_lines(self.build_date)
        gone, new = old_shared - new_shared, new_shared - old_shared
        for q in _quads(gone):
            store.ox.remove(q)
        self._extend(_quads(new))
        t.sizes[str(TIME_GRAPH)] = size - len(gone) + len(new)

    def _shared_lines(self, build_date: str | None) -> set[str]:
        t = self.tallies
        out = _Quads()
        if build_date:
            header_quads(out, build_date)
        lines = {_line(q) for q in out.quads}
        for _, doc in t.docs.values():
            lines.update(doc)
        for *_, event_lines in t.events.values():
            lines.update(event_lines)
        return lines

    def _extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads: a full pass loads them in bulk (written as table files, as the report graphs
        are, not through the write-ahead log), an update in a transaction (a few quads)."""
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
            if q.subject != g or g.value in self.added:
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
            t.events = {}
        else:
            ctx = EventContext(store)
            names = t.touched_names
            agencies_set = {ox.NamedNode(s[1:-1]) for s in t.touched
                            if AGENCY in t.types.get(s, ()) or s in t.events}
            for key, (successors, places, _) in t.events.items():
                if any(n in names for n in successors) or any(p in changed_places for p in places):
                    agencies_set.add(ox.NamedNode(key[1:-1]))
            if changed_places:  # agencies whose jurisdiction is a place whose labels changed
                nodes = {f"<{place_iri(n, place_lookups()[1](n))}>" for n in changed_places}
                agencies_set |= {ox.NamedNode(s[1:-1]) for s, places in t.jur.items() if nodes & set(places)}
            agencies = sorted(agencies_set, key=str)
        for agency in agencies:
            out = _Quads()
            key = str(agency)
            steps = agency_events(agency, ctx, out)
            if steps:
                t.events[key] = [[s.new for s in steps], sorted({s.jurisdiction for s in steps}),
                                 sorted(_line(q) for q in out.quads)]
            else:
                t.events.pop(key, None)

    def _counts(self, kept: dict[str, dict[str, Any]]) -> dict[str, int]:
        store, t = self.store, self.tallies
        ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
        subproperties = {str(q.subject) for q in store.ox.quads_for_pattern(
            None, ox.NamedNode(str(RDFS.subPropertyOf)), ox.NamedNode(str(FZ.oversees)), ontology)}
        report_triples = sum(info.get("triples", 0) for info in kept.values())
        shared = sum(t.sizes.get(str(g), 0) for g in (ONTOLOGY_GRAPH, DUTIES_GRAPH, PLACES_GRAPH, ENTITIES_GRAPH,
                                                      TIME_GRAPH))
        stats = t.stats + (1 if t.stats or kept else 0)  # the entries and the version quad
        return {"regulations": len(t.refs), "agencies": len(t.mentions),
                "relations": sum(n for p, n in t.statements.items() if p in subproperties),
                "duty_statements": t.duty, "triples": report_triples + stats + shared}
