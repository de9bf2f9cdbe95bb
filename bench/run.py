"""End-to-end benchmark of fazhi-kg: one command, one table.

    .venv/bin/python bench/run.py --sizes 100,1000,10000

For every size N it generates N reports (``bench/generate.py``), then measures

* ``kg build`` from scratch (wall time, peak RSS of the whole process tree sampled with
  psutil every 0.1 s) and a second ``kg build`` over the unchanged corpus;
* loading the store's N-Quads into a fresh on-disk Oxigraph store, and (up to
  ``--rdflib-max`` reports) into an in-memory rdflib Dataset, plus one query on each;
* the latency of every saved query (``ontology/queries/*.rq``, median of 5 after a warm-up).

Once per run it measures extraction throughput per core on a sample of generated reports,
beside ``jieba.lcut`` and a plain regex scan over the same text.
Results go to stdout (markdown) and to ``--json``.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import hashlib
import io
import json
import os
import platform
import pstats
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).with_name("kg")
# What a cheap "scan" of a report costs: book-title citations and department-like words.
PLAIN_SCAN = re.compile(r"《[^《》]{1,80}》|[\u4e00-\u9fff]{2,12}?(?:局|厅|委员会|政府)")


class TreeMemory:
    """Peak summed RSS of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def timed_build(corpus: Path, store: Path, jobs: int, *, rebuild: bool, extra: list[str] | None = None) -> dict:
    cmd = [str(KG), "build", str(corpus), "--store", str(store), "--jobs", str(jobs), "--timings", *(extra or [])]
    if rebuild:
        cmd.append("--rebuild")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(proc.pid) as mem:
        out, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    counts = dict(re.findall(r"│\s*([a-z ]+?)\s*│\s*(\d+)\s*│", out))
    # `kg build --timings`: "time  12.3 s  phase" lines on standard error
    phases = {name: float(s) for s, name in re.findall(r"^time\s+([\d.]+) s  (.+)$", err, re.M)}
    return {"seconds": round(wall, 2), "peak_rss_mb": round(mem.peak / 1e6, 1), "summary": counts, "phases": phases}


def median_ms(fn, repeat: int = 5, once_over_s: float = 2.0) -> tuple[float, object]:
    """Median of ``repeat`` timed runs after a warm-up; a query slower than ``once_over_s``
    (a corpus-wide dump at 10,000 reports) is timed by its warm-up run alone."""
    t = time.perf_counter()
    result = fn()  # warm-up (and the result)
    first = (time.perf_counter() - t) * 1000
    if first > once_over_s * 1000:
        return round(first, 2), result
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 2), result


def query_latencies(store_dir: Path, only: set[str] | None = None) -> dict:
    """Every saved query with its parameters bound to realistic worst cases: the most cited
    document, a report citing it, the most mentioned agency, the province most reports are
    in (all its sub-jurisdictions), a duty. Plus ``kg cites`` end to end: the name lookup and
    the reports citing the document."""
    from rdflib import Literal, URIRef

    from kg.core.titles import title_key
    from kg.graph.terms import duty_iri
    from kg.query.saved import (
        count_reports_citing,
        find_regulations,
        query_params,
        reports_citing,
        run_saved,
        saved_queries,
    )
    from kg.store import KGStore

    out = {}
    with KGStore(store_dir, read_only=True) as store:
        top = run_saved(store, "most-cited")[0]
        regulation = URIRef(top["regulation"])
        report = URIRef(reports_citing(store, regulation)[0]["report"])
        agency = store.query("""SELECT ?a (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g fz:mentions ?a } }
                                GROUP BY ?a ORDER BY DESC(?n) LIMIT 1""")[0]["a"]
        region = store.query("""SELECT ?top (COUNT(*) AS ?n) WHERE {
            GRAPH ?g { ?g dcterms:spatial ?place }
            GRAPH fzg:places { ?place fz:withinJurisdiction* ?top
                FILTER NOT EXISTS { ?top fz:withinJurisdiction ?up } } }
            GROUP BY ?top ORDER BY DESC(?n) LIMIT 1""")[0]["top"]
        edge = store.query("""SELECT ?s ?p ?o WHERE { GRAPH fzg:ontology { ?p rdfs:subPropertyOf fz:oversees }
                                 ?s ?p ?o } LIMIT 1""")
        edge_bindings = {k: URIRef(edge[0][k]) for k in "spo"} if edge else {}
        bindings = {**edge_bindings, "regulation": regulation, "report": report, "agency": URIRef(agency),
                    "region": URIRef(region), "duty": duty_iri("major-decision-procedures"),
                    "key": Literal(title_key(top["title"])), "n": regulation}
        for name in saved_queries():
            if only and name not in only:
                continue
            if not set(query_params(name)) <= set(bindings):  # e.g. no oversight edge in the store
                continue
            params = {k: bindings[k] for k in query_params(name)}
            ms, rows = median_ms(functools.partial(run_saved, store, name, **params))
            out[name] = {"ms": ms, "rows": len(rows)}
        title = top["title"]

        def which_reports_cite():
            """What `kg cites TITLE` asks the store: the name lookup, the count, the first page."""
            return [(count_reports_citing(store, iri), reports_citing(store, iri, limit=50))
                    for iri, _, _ in find_regulations(store, title)]

        ms, answers = median_ms(which_reports_cite)
        out["which reports cite X (kg cites)"] = {"ms": ms, "rows": sum(n for n, _ in answers)}
        out["_bound"] = {k: str(v) for k, v in bindings.items()} | {"title": title}
    return out


def take_first(source: Path, n: int, corpus: Path) -> dict:
    """The first ``n`` report files of ``source`` (sorted by name) hard-linked into ``corpus``,
    with what ``generate`` says of a corpus: bytes, and distinct contents."""
    corpus.mkdir(parents=True)
    files = sorted(p for p in source.iterdir() if p.is_file())[:n]
    if len(files) < n:
        raise SystemExit(f"--corpus {source} holds {len(files)} files, fewer than {n}")
    digests = set()
    for f in files:
        os.link(f, corpus / f.name)
        digests.add(hashlib.sha256(f.read_bytes()).digest())
    return {"bytes": sum(f.stat().st_size for f in files), "distinct": len(digests)}


def store_loads(store_dir: Path, work: Path, size: int, rdflib_max: int) -> dict:
    """Load the dataset's N-Quads into Oxigraph (on disk) and rdflib (memory); one query each."""
    import pyoxigraph as ox
    from rdflib import URIRef

    from kg.core.sparql import bind
    from kg.query.saved import saved_queries
    from kg.store import SPARQL_PREFIXES, KGStore

    nq = work / f"dump-{size}.nq"
    with KGStore(store_dir, read_only=True) as store:
        t = time.perf_counter()
        store.dump(nq, ox.RdfFormat.N_QUADS)
        export_s = time.perf_counter() - t
        regulation = store.query("SELECT ?reg WHERE { ?r dcterms:references ?reg } LIMIT 1")[0]["reg"]
        quads = len(store)
    query = SPARQL_PREFIXES + bind(saved_queries()["reports-citing"], regulation=URIRef(regulation))
    out: dict = {"quads": quads, "nq_mb": round(nq.stat().st_size / 1e6, 1), "export_s": round(export_s, 2)}

    target = work / f"ox-load-{size}"
    shutil.rmtree(target, ignore_errors=True)
    t = time.perf_counter()
    fresh = ox.Store(str(target))
    fresh.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    fresh.flush()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    rows = list(fresh.query(query, use_default_graph_as_union=True))
    query_ms = round((time.perf_counter() - t) * 1000, 1)
    out["oxigraph"] = {"load_s": round(load_s, 2), "query_ms": query_ms, "rows": len(rows)}
    del fresh
    shutil.rmtree(target, ignore_errors=True)

    if size <= rdflib_max:
        from rdflib import Dataset

        rss0 = psutil.Process().memory_info().rss
        t = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(str(nq), format="nquads")
        load_s = time.perf_counter() - t
        rss = psutil.Process().memory_info().rss - rss0
        t = time.perf_counter()
        rows = list(ds.query(query))
        out["rdflib"] = {"load_s": round(load_s, 2), "query_ms": round((time.perf_counter() - t) * 1000, 1),
                         "rows": len(rows), "rss_mb": round(rss / 1e6, 1)}
        del ds
    nq.unlink()
    return out


def throughput(corpus: Path, sample: int, profile_top: int) -> dict:
    """MB/s on one core: kg extraction, jieba.lcut and a regex scan over the same files."""
    import jieba

    from kg.build.corpus import settle
    from kg.build.pipeline import extract_document, extract_file
    from kg.normalize import read_report

    paths = sorted(corpus.glob("*.txt"))[:sample]
    texts = [p.read_text("utf-8") for p in paths]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    extract_file(paths[0])  # load gazetteers, compile patterns, warm jieba: not per report
    jieba.lcut(texts[0])
    settle()  # as a worker of the build's pool does after its first report

    def rate(fn) -> float:
        t = time.perf_counter()
        fn()
        return megabytes / (time.perf_counter() - t)

    out = {"sample_files": len(paths), "sample_mb": round(megabytes, 2)}
    out["extract_mb_s"] = rate(lambda: [extract_file(p) for p in paths])
    out["read_normalize_mb_s"] = rate(lambda: [read_report(p) for p in paths])
    out["jieba_mb_s"] = rate(lambda: [jieba.lcut(t) for t in texts])
    out["regex_mb_s"] = rate(lambda: [PLAIN_SCAN.findall(t) for t in texts])
    out["extract_vs_jieba"] = out["extract_mb_s"] / out["jieba_mb_s"]
    out["extract_vs_regex"] = out["extract_mb_s"] / out["regex_mb_s"]
    out = {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}
    if profile_top:
        docs = [read_report(p) for p in paths[:40]]
        prof = cProfile.Profile()
        prof.enable()
        for doc in docs:
            extract_document(doc)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(profile_top)
        out["profile"] = buf.getvalue()
    return out


# --- extraction on one long line (issue 17) --------------------------------------------


def long_line(corpus: Path, sizes: list[int], block_chars: int = 50_000) -> list[dict]:
    """Seconds to normalize and extract one line of n characters (wall time, one core).

    The text is the generated reports' lines run together (page furniture left out), a block
    of ``block_chars`` repeated to n: what the text names stays the same mix at every size,
    only the line grows — in linear time each doubling doubles the seconds."""
    from kg.build.pipeline import extract_document
    from kg.normalize import normalize_text
    from kg.normalize.boilerplate import is_boilerplate

    lines = [line.strip() for path in sorted(corpus.glob("*.txt"))
             for line in path.read_text("utf-8").splitlines() if line.strip() and not is_boilerplate(line)]
    block = "".join(lines)[:block_chars]
    if is_boilerplate(block):
        raise RuntimeError("the one-line block reads as page furniture; it would be dropped whole")
    extract_document(normalize_text(block[:5000], name="warm.txt"))  # tables and patterns loaded
    rows: list[dict] = []
    for n in sizes:
        text = (block * (n // len(block) + 1))[:n]
        t = time.perf_counter()
        extract_document(normalize_text(text, name=f"line-{n}.txt"))
        seconds = time.perf_counter() - t
        row = {"chars": n, "seconds": round(seconds, 2), "chars_per_s": round(n / seconds)}
        if rows:
            row["vs_previous"] = round(seconds / rows[-1]["seconds"], 2)
        rows.append(row)
    return rows


def print_long_line(rows: list[dict]) -> None:
    print("\nOne line of n characters (generated reports run together, a 50,000-character block "
          "repeated; normalize + extract, one core):\n")
    print("| characters | seconds | characters/s | × previous size's seconds |")
    print("|---|---|---|---|")
    for r in rows:
        print(f"| {r['chars']:,} | {r['seconds']} | {r['chars_per_s']:,} | {r.get('vs_previous', '–')} |")


def store_without_stats(store_dir: Path, copy: Path) -> Path:
    """A copy of the store without its stats graph and its aggregates files — what a store of the previous version
    answers from (the full queries over every report graph). Oxigraph's backup hard-links the
    database files, so the copy is cheap even at 10,000 reports."""
    from kg.graph.terms import STATS_GRAPH
    from kg.store import KGStore
    from kg.store.layout import current_generation, new_generation_path, switch_to

    shutil.rmtree(copy, ignore_errors=True)
    generation = new_generation_path(copy)
    generation.mkdir(parents=True)
    with KGStore(store_dir, read_only=True) as store:
        store.ox.backup(str(generation / "oxigraph"))
    source = current_generation(store_dir)
    assert source is not None
    shutil.copyfile(source / "manifest.json", generation / "manifest.json")
    (generation / "extractions").mkdir()
    switch_to(copy, generation)
    with KGStore(copy) as store:
        store.remove_graph(str(STATS_GRAPH))
    return copy


def run_cli(args: list[str]) -> dict:
    """Wall time of one whole `kg` process (start-up, query, printing), stdout counted and dropped."""
    t = time.perf_counter()
    proc = subprocess.run([str(KG), *args], capture_output=True)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"kg {' '.join(args)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return {"s": round(seconds, 2), "lines": proc.stdout.count(b"\n")}


def rows_read(store_dir: Path, old: Path | None, bound: dict) -> dict:
    """In process, without start-up or printing: what each command reads (ms, once after a
    warm-up) from the built store (its aggregates files) and, on the copy without the stats
    graph and the aggregates, from the report graphs (as a store of an older version answers);
    and what the build spends writing the agency index (kg.graph.agency_index) from the store."""
    from rdflib import URIRef

    from kg.graph.agency_index import fill
    from kg.query.aggregates import agencies_page, load_aggregates, rating_page
    from kg.query.matrix import load_matrix
    from kg.query.saved import run_saved
    from kg.store import KGStore

    def duties(s):
        return load_aggregates(s) or load_matrix(s)

    def ratings(s):
        return rating_page(s, limit=50) or run_saved(s, "evaluation-results")

    def agencies(s):
        return (agencies_page(s, [bound["region"]], limit=200)
                or run_saved(s, "agencies-by-region", region=URIRef(bound["region"])))

    reads = {"kg duties (summary / load_matrix)": duties, "kg ratings (a page / evaluation-results)": ratings,
             "kg agencies (a page, the index / agencies-by-region)": agencies}
    out: dict = {}
    for name, read in reads.items():
        for which, folder in (("stats", store_dir), *((("full", old),) if old else ())):
            with KGStore(folder, read_only=True) as store:
                ms, _ = median_ms(functools.partial(read, store), repeat=1, once_over_s=0)
            out.setdefault(name, {})[which] = ms
    # what the build spends on the agency index when anything changed (scans + SQLite)
    with KGStore(store_dir, read_only=True) as store, tempfile.TemporaryDirectory() as tmp:
        with closing(sqlite3.connect(Path(tmp) / "agencies.sqlite")) as db:
            ms, _ = median_ms(functools.partial(fill, db, store), repeat=1, once_over_s=0)
    out["agency index written by the build"] = {"stats": ms, "full": "–"}
    return out


def cli_timings(store_dir: Path, work: Path, bound: dict, size: int, *, full: bool = True) -> dict:
    """The corpus-wide questions as users ask them: each `kg` command as a whole process on the
    built store (read from the stats graph), and on a copy without it (the full queries, as the
    previous version answered). ``bound`` names the most cited document and the province most
    reports are in (from :func:`query_latencies`). ``full=False`` skips the copy without the stats
    graph (at 100,000 reports its full queries take minutes each)."""
    from rdflib import URIRef

    from kg.query.saved import run_saved
    from kg.store import KGStore

    with KGStore(store_dir, read_only=True) as store:
        rows = run_saved(store, "node-label", n=URIRef(bound["region"]))
    region = rows[0]["l"]
    commands = {"kg duties": ["duties"], "kg ratings": ["ratings"], "kg regulations": ["regulations"],
                f"kg agencies --region {region}": ["agencies", "--region", region],
                "kg cites X": ["cites", bound["title"]]}
    old = store_without_stats(store_dir, work / f"nostats-{size}") if full else None
    out: dict = {"_in_process": rows_read(store_dir, old, bound)}
    print(f"[{size}] rows read in process: {out['_in_process']}", file=sys.stderr, flush=True)
    for name, args in commands.items():
        out[name] = {"stats": run_cli([*args, "--store", str(store_dir)])}
        print(f"[{size}] {name}: {out[name]['stats']}", file=sys.stderr, flush=True)
        if old is not None and name != "kg cites X":  # reads no aggregate: the same either way
            out[name]["full"] = run_cli([*args, "--store", str(old)])
            print(f"[{size}] {name} (no stats graph): {out[name]['full']}", file=sys.stderr, flush=True)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return out


def viz_timing(store_dir: Path, work: Path, size: int, bulk_max: int) -> dict:
    """`kg viz` as whole processes: the overview, oversight view and index alone
    (``--no-per-report``); one report's page on demand (``--report FILE``); and, up to
    ``bulk_max`` reports, the whole site with every report's page."""
    from kg.query.saved import run_saved
    from kg.store import KGStore

    with KGStore(store_dir, read_only=True) as store:
        first = run_saved(store, "reports", limit=1)[0]["file"]
    runs = {"overview": ["--no-per-report"], "one report": ["--report", first]}
    if size <= bulk_max:
        runs["every page"] = []
    out: dict = {}
    for name, extra in runs.items():
        out_dir = work / f"views-{size}"
        shutil.rmtree(out_dir, ignore_errors=True)
        result = run_cli(["viz", "--store", str(store_dir), "--out", str(out_dir), *extra])
        files = [f for f in out_dir.rglob("*") if f.is_file()]
        result |= {"files": len(files), "mb": round(sum(f.stat().st_size for f in files) / 1e6, 1)}
        out[name] = result
        print(f"[{size}] kg viz ({name}): {result}", file=sys.stderr, flush=True)
        shutil.rmtree(out_dir, ignore_errors=True)
    return out


def print_cli_tables(sizes: dict) -> None:
    """Whole-process seconds of the corpus-wide commands (stats graph / without it)."""
    timed = {n: r["cli"] for n, r in sizes.items() if "cli" in r}
    if not timed:
        return
    print("\nCLI commands, whole process (s; stats graph | without it = the full queries; lines printed):\n")
    print("| reports | command | s | s without stats graph | lines |")
    print("|---|---|---|---|---|")
    for n, commands in timed.items():
        for name, r in commands.items():
            if name.startswith("_"):
                continue
            full = r.get("full", {}).get("s", "–")
            print(f"| {n} | `{name}` | {r['stats']['s']} | {full} | {r['stats']['lines']} |")
        for name, r in commands.get("_in_process", {}).items():
            print(f"| {n} | {name}, in process (ms) | {r['stats']} | {r.get('full', '–')} | – |")
        for name, viz in sizes[n].get("viz", {}).items():
            print(f"| {n} | `kg viz` ({name}) | {viz['s']} | – | {viz['files']} files, {viz['mb']} MB |")


def print_tables(results: dict) -> None:
    sizes = results["sizes"]
    print(f"\n## fazhi-kg benchmark — {results['date']} — {results['machine']}\n")
    print(f"command: `{results['command']}`\n")
    if sizes:
        print_size_tables(sizes)
    print_extraction_tables(results)


def print_size_tables(sizes: dict) -> None:
    print("| reports | MB | build s | reports/s | peak RSS MB | re-build s | re-build / build | "
          "export nq s | quads | Oxigraph load s | Oxigraph query ms | "
          "rdflib load s | rdflib query ms | rdflib RSS MB |")
    print("|" + "---|" * 14)
    for n, r in sizes.items():
        b, rb, ld = r["build"], r["rebuild"], r["loads"]
        if not ld:  # --no-loads
            ld = {"export_s": "–", "quads": "–", "oxigraph": {"load_s": "–", "query_ms": "–"}}
        rd = ld.get("rdflib", {})
        print(f"| {n} | {r['corpus_mb']} | {b['seconds']} | {int(n) / b['seconds']:.1f} | {b['peak_rss_mb']} | "
              f"{rb['seconds']} | {rb['seconds'] / b['seconds']:.1%} | {ld['export_s']} | {ld['quads']} | "
              f"{ld['oxigraph']['load_s']} | {ld['oxigraph']['query_ms']} | {rd.get('load_s', '–')} | "
              f"{rd.get('query_ms', '–')} | {rd.get('rss_mb', '–')} |")
    names = sorted({q for r in sizes.values() for q in r["queries"] if not q.startswith("_")})
    print("\nSaved-query latency (ms, median of 5, on the built store):\n")
    print("| reports | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for n, r in sizes.items():
        cells = (f"{r['queries'][q]['ms']} ({r['queries'][q]['rows']} rows)" for q in names)
        print(f"| {n} | " + " | ".join(cells) + " |")
    print_cli_tables(sizes)


def print_extraction_tables(results: dict) -> None:
    tp = results.get("throughput")
    if tp:
        print(f"\nThroughput on one core ({tp['sample_files']} generated reports, {tp['sample_mb']} MB):\n")
        print("| kg extract MB/s | read+normalize MB/s | jieba.lcut MB/s | regex scan MB/s | "
              "extract / jieba | extract / regex |")
        print("|---|---|---|---|---|---|")
        print(f"| {tp['extract_mb_s']:.3f} | {tp['read_normalize_mb_s']:.3f} | {tp['jieba_mb_s']:.3f} | "
              f"{tp['regex_mb_s']:.1f} | {tp['extract_vs_jieba']:.1%} | {tp['extract_vs_regex']:.2%} |")
        if tp.get("profile"):
            print("\n```\n" + tp["profile"].strip() + "\n```")
    if results.get("long_line"):
        print_long_line(results["long_line"])


def questions_on_built_store(store: Path, size: int, args: argparse.Namespace) -> int:
    """The query half of a size's run on a store built beforehand (e.g. by a timed `kg build`
    of the same generated corpus while the machine was busy with another size)."""
    queries = query_latencies(store, set(args.queries.split(",")) if args.queries else None)
    print(f"[{size}] queries {queries}", file=sys.stderr, flush=True)
    cli = cli_timings(store, args.workdir, queries["_bound"], size, full=not args.no_full)
    viz = {} if args.no_viz else viz_timing(store, args.workdir, size, args.viz_bulk_max)
    results = {"date": dt.datetime.now().isoformat(timespec="minutes"), "store": str(store),
               "command": " ".join([Path(sys.executable).name, *sys.argv]),
               "sizes": {str(size): {"queries": queries, "cli": cli, "viz": viz}}}
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print_cli_tables(results["sizes"])
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/fazhi-kg-bench"))
    ap.add_argument("--rdflib-max", type=int, default=1000, help="largest size also loaded into rdflib")
    ap.add_argument("--sample", type=int, default=100, help="reports in the throughput sample (0: skip)")
    ap.add_argument("--profile", type=int, default=25, help="cProfile rows for extraction (0: none)")
    ap.add_argument("--executor", default="local", help="kg build --executor (local|dask)")
    ap.add_argument("--long-line", default="100000,200000,400000,800000",
                    help="one-line text sizes (characters) timed for extraction ('': skip)")
    ap.add_argument("--json", type=Path, default=None, help="write the raw results here")
    ap.add_argument("--viz-bulk-max", type=int, default=1000, help="largest size timed writing every report page")
    ap.add_argument("--built-store", type=Path, default=None,
                    help="time the questions (saved queries, CLI commands, kg viz) on this store, already built "
                         "from `generate.py SIZE` (--sizes SIZE), instead of generating and building")
    ap.add_argument("--queries", default="", help="with --built-store: time only these saved queries (comma-separated)")
    ap.add_argument("--no-viz", action="store_true", help="with --built-store: skip kg viz")
    ap.add_argument("--no-full", action="store_true",
                    help="with --built-store: skip the commands on a copy without the stats graph")
    ap.add_argument("--corpus", type=Path, default=None,
                    help="take each size's reports from this folder made once by generate.py (its first N files, "
                         "hard-linked) instead of generating them anew for every size")
    ap.add_argument("--no-loads", action="store_true", help="skip the N-Quads export and the Oxigraph/rdflib loads")
    args = ap.parse_args(argv)

    sizes = [int(s) for s in args.sizes.split(",") if s]
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.built_store:
        if not sizes:
            ap.error("--built-store needs --sizes N (the size the store was generated at)")
        return questions_on_built_store(args.built_store, sizes[0], args)
    results = {"date": dt.datetime.now().isoformat(timespec="minutes"),
               "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                          f"{psutil.virtual_memory().total / 1e9:.0f} GB RAM, Python {platform.python_version()}",
               "command": " ".join([Path(sys.executable).name, *sys.argv]), "sizes": {}}
    extra = ["--executor", args.executor] if args.executor != "local" else []
    for n in sizes:
        corpus, store = args.workdir / f"corpus-{n}", args.workdir / f"store-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(store, ignore_errors=True)
        t = time.perf_counter()
        stats = take_first(args.corpus, n, corpus) if args.corpus else generate(n, corpus, seed=args.seed)
        gen_s = time.perf_counter() - t
        print(f"[{n}] generated {stats['bytes'] / 1e6:.1f} MB in {gen_s:.1f}s", file=sys.stderr, flush=True)
        build = timed_build(corpus, store, args.jobs, rebuild=True, extra=extra)
        print(f"[{n}] build {build}", file=sys.stderr, flush=True)
        rebuild = timed_build(corpus, store, args.jobs, rebuild=False, extra=extra)
        print(f"[{n}] re-build {rebuild['seconds']}s", file=sys.stderr, flush=True)
        queries = query_latencies(store)
        print(f"[{n}] queries {queries}", file=sys.stderr, flush=True)
        cli = cli_timings(store, args.workdir, queries["_bound"], n)
        viz = viz_timing(store, args.workdir, n, args.viz_bulk_max)
        print(f"[{n}] viz {viz}", file=sys.stderr, flush=True)
        loads = store_loads(store, args.workdir, n, args.rdflib_max) if not args.no_loads else {}
        print(f"[{n}] loads {loads}", file=sys.stderr, flush=True)
        results["sizes"][str(n)] = {"corpus_mb": round(stats["bytes"] / 1e6, 1), "distinct": stats["distinct"],
                                    "generate_s": round(gen_s, 1), "build": build, "rebuild": rebuild,
                                    "queries": queries, "loads": loads, "cli": cli, "viz": viz}
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
        shutil.rmtree(store, ignore_errors=True)
        if n != sizes[0] or not (args.sample or args.long_line):
            shutil.rmtree(corpus, ignore_errors=True)
    # the throughput and long-line samples come from the first size's corpus; with no sizes
    # (--sizes '': extraction figures only), from a corpus generated for them alone
    sample = args.workdir / (f"corpus-{sizes[0]}" if sizes else "corpus-sample")
    if not sizes and (args.sample or args.long_line):
        shutil.rmtree(sample, ignore_errors=True)
        generate(max(args.sample, 20), sample, seed=args.seed)
    if args.sample:
        results["throughput"] = throughput(sample, args.sample, args.profile)
    if args.long_line:
        results["long_line"] = long_line(sample, [int(n) for n in args.long_line.split(",") if n])
        print(f"long line {results['long_line']}", file=sys.stderr, flush=True)
    if args.sample or args.long_line:
        shutil.rmtree(sample, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
