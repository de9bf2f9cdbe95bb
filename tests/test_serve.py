"""``kg serve``: the SPARQL 1.1 Protocol over the store (Oxigraph's server) and the views,
on free loopback ports, queried with SPARQLWrapper, then shut down."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.commands.serve import is_loopback, oxigraph_binary, version_mismatch
from kg.graph.terms import FZ, regulation_iri
from tests.conftest import seed

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="SPARQLWrapper is not installed (pip install -e '.[test]')")
pytestmark = [pytest.mark.slow,  # servers
              pytest.mark.skipif(oxigraph_binary() is None,
                                 reason="the oxigraph server is not installed (pip install oxigraph)")]
HOST = "127.0.0.1"
START_TIMEOUT_S = 30
QUERY = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX fz: <{FZ}>
SELECT ?report ?file WHERE {{
  ?report dcterms:references <{regulation_iri("重大行政决策程序暂行条例")}> ; fz:fileName ?file }}"""


def free_ports(n: int) -> list[int]:
    """``n`` consecutive free loopback ports (the views port follows the SPARQL port)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            base = probe.getsockname()[1]
        if base + n > 65535:
            continue
        try:
            holders = []
            for port in range(base, base + n):
                s = socket.socket()
                holders.append(s)
                s.bind((HOST, port))
            return list(range(base, base + n))
        except OSError:
            continue
        finally:
            for s in holders:
                s.close()
    raise RuntimeError("no free ports")


@contextlib.contextmanager
def serving(store, *options: str):
    """``kg serve`` on free loopback ports: (endpoint URL, views URL), stopped after."""
    port, views_port = free_ports(2)
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--host", HOST,
                                "--port", str(port), "--timeout", "10", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        lines = []
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("views:"):
                break
        assert lines and lines[-1].startswith("views:"), "kg serve did not start:\n" + "".join(lines)
        yield f"http://{HOST}:{port}/query", f"http://{HOST}:{views_port}/"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    with socket.socket() as probe:  # the SPARQL server (a child process) is gone too
        assert probe.connect_ex((HOST, port)) != 0


@pytest.fixture(scope="module")
def server(built_store):
    with serving(built_store) as urls:
        yield urls


def test_sparql_endpoint_answers_which_reports_cite_the_decree(server):
    endpoint, _ = server
    client = SPARQLWrapper.SPARQLWrapper(endpoint)
    client.setTimeout(10)
    client.setQuery(QUERY)
    client.setReturnFormat(SPARQLWrapper.JSON)
    for method in (SPARQLWrapper.GET, SPARQLWrapper.POST):
        client.setMethod(method)
        rows = client.query().convert()["results"]["bindings"]
        assert {row["file"]["value"] for row in rows} == {seed("004").name}


@pytest.mark.parametrize("accept,read", [
    ("application/sparql-results+json", lambda body: json.loads(body)["results"]["bindings"][0]["file"]["value"]),
    ("application/sparql-results+xml", lambda body: body),
    ("text/csv", lambda body: list(csv.DictReader(io.StringIO(body)))[0]["file"]),
    ("text/tab-separated-values", lambda body: body),
])
def test_results_formats_by_content_negotiation(server, accept, read):
    endpoint, _ = server
    request = urllib.request.Request(endpoint, data=QUERY.encode("utf-8"),
                                     headers={"Content-Type": "application/sparql-query", "Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.headers["Content-Type"].startswith(accept)
        assert seed("004").name in read(answer.read().decode("utf-8"))


def test_endpoint_is_read_only(server):
    endpoint, _ = server
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    for url in (endpoint.replace("/query", "/update"), endpoint):
        request = urllib.request.Request(url, data=update.encode("utf-8"),
                                         headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(request, timeout=10)


def test_views_are_served_next_to_the_endpoint(server):
    _, views = server
    with urllib.request.urlopen(views + "index.html", timeout=10) as answer:
        index = answer.read().decode("utf-8")
    assert "report-" in index and "/query" in index
    with urllib.request.urlopen(views + "lib/vis-network.min.js", timeout=10) as answer:
        assert answer.status == 200
    with pytest.raises(urllib.error.HTTPError) as refused:  # a NUL byte in the path: 404, no traceback
        urllib.request.urlopen(views + "index.html%00.txt", timeout=10)
    assert refused.value.code == 404


def test_serve_refuses_non_loopback_without_consent(built_store):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    result = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(built_store), "--host", "0.0.0.0"],
                            capture_output=True, text=True, timeout=60, env={**os.environ})
    assert result.returncode == 2 and "--allow-remote" in result.stderr


def test_server_and_store_library_versions_match():
    assert version_mismatch() is None


def _count_reports(url: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?r a <{FZ.Report}> }}"
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return int(json.load(answer)["results"]["bindings"][0]["n"]["value"])


def _read_until(process: subprocess.Popen, prefix: str, timeout_s: float = START_TIMEOUT_S) -> None:
    """Read the server's output until a line starts with ``prefix`` (the Oxigraph server's own
    lines come in between); fail after ``timeout_s`` rather than hang."""
    import queue
    import threading

    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
    seen, deadline = [], time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        if line.startswith(prefix) or not line:
            break
        threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
    assert seen and seen[-1].startswith(prefix), f"no line starting with {prefix!r}:\n" + "".join(seen)


def test_serve_follows_a_rebuild_of_the_store(tmp_path):
    """A build while serving: the endpoint and the views move to the new generation by themselves."""
    from kg.build.corpus import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for prefix in ("001", "002"):
        (corpus / seed(prefix).name).write_bytes(seed(prefix).read_bytes())
    store = tmp_path / "store"
    build([corpus], store, jobs=1)
    port, views_port = free_ports(2)
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--host", HOST,
                                "--port", str(port), "--views-port", str(views_port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def report_pages() -> int:
        with urllib.request.urlopen(f"http://{HOST}:{views_port}/index.html", timeout=10) as answer:
            return answer.read().decode("utf-8").count('href="report-')

    try:
        _read_until(process, "SPARQL endpoint:")
        url = f"http://{HOST}:{port}/query"
        assert _count_reports(url) == 2 and report_pages() == 2
        (corpus / seed("003").name).write_bytes(seed("003").read_bytes())
        assert build([corpus], store, jobs=1).reports == 3
        _read_until(process, "kg serve: the store was rebuilt")  # within RELOAD_CHECK_S and a restart
        assert _count_reports(url) == 3
        assert report_pages() == 3  # the views follow the rebuild too
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


def test_a_report_page_is_made_when_asked_and_holds_the_reports_citations(built_store):
    """Beyond --scale-at reports (0 here) the index links each report to /view/report/<id>, and
    asking it makes the page (then served from disk): its documents are those the report's graph
    cites (dcterms:references), as the store says."""
    from kg.query.saved import run_saved
    from kg.store import KGStore

    with KGStore(built_store, read_only=True) as store:
        report = next(r for r in run_saved(store, "reports") if r["file"].startswith("003"))
        cited = {row["reg"] for row in run_saved(store, "projection-citations", graphs=[report["r"]])}
    ident = report["r"].rsplit("/", 1)[-1]
    assert cited
    with serving(built_store, "--scale-at", "0") as (_, views):
        with urllib.request.urlopen(views + "index.html", timeout=10) as answer:
            index = answer.read().decode("utf-8")
        assert f'href="view/report/{ident}"' in index and 'href="report-' not in index
        for _ in range(2):  # made the first time, found on disk the second
            with urllib.request.urlopen(views + f"view/report/{ident}", timeout=60) as answer:
                assert answer.url.endswith(f"/report-{ident}.html")
                page = answer.read().decode("utf-8")
        data = json.loads(page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0])
        shown = {n["id"] for n in data["nodes"] if n["kg"]["type"] == "regulation"}
        assert shown == cited
        for wrong in ("0000000000000000", "not-a-report"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(views + f"view/report/{wrong}", timeout=10)
            assert refused.value.code == 404
