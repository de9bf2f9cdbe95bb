"""The front of ``kg serve`` (:mod:`kg.query.front`): SERVICE refused before anything reaches
the SPARQL server, at most N queries at once, a wall-clock limit per query, and an answer sent
with 200 only when whole.

First against a scripted upstream (it answers as Oxigraph does when it cancels, cuts off,
stalls or floods), then against ``kg serve`` itself: a recording HTTP server for SERVICE, slow
cartesian queries from concurrent clients, an answer over the cap, a port already taken."""
from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from kg.commands.serve import oxigraph_binary
from kg.query.front import Limits, SparqlFront

HOST = "127.0.0.1"
SLACK_S = 15  # generous: the bound is behavioural (no answer waits on a slow query), not a speed figure
CSV = "text/csv"
JSON = "application/sparql-results+json"


class _Script(http.server.BaseHTTPRequestHandler):
    """An upstream that answers as the query's first word says, and records what reached it."""

    seen: list[str] = []

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self):  # noqa: N802
        self._answer(urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("query", [""])[0])

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        if self.headers.get_content_type() == "application/x-www-form-urlencoded":
            body = urllib.parse.parse_qs(body)["query"][0]
        self._answer(body)

    def _answer(self, query: str) -> None:
        type(self).seen.append(query)
        case = query.split()[0] if query.split() else ""
        if case == "slow":
            time.sleep(5)
        self.send_response(200)
        kind = JSON if case == "cutjson" else (self.headers.get("Accept") or CSV)
        self.send_header("Content-Type", kind)
        if case == "cutchunk":  # a chunked answer whose connection drops mid-way
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"6\r\nn\r\n42\r\n")
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        body = {"cancelled": b"n\nThe SPARQL operation has been cancelled",
                "cutjson": b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":',
                "huge": b"n\n" + b"1\n" * (1024 * 1024)}.get(case, b"n\n5\n")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def _serving(server: http.server.HTTPServer) -> Iterator[int]:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _front(**limits: object) -> Iterator[str]:
    _Script.seen = []
    settings = {"timeout_s": 1.0, "max_queries": 4, "max_answer_bytes": 1024 * 1024, **limits}
    upstream = http.server.ThreadingHTTPServer((HOST, 0), _Script)
    upstream.daemon_threads = True
    with _serving(upstream) as up_port:
        front = SparqlFront((HOST, 0), f"{HOST}:{up_port}", Limits(**settings))  # type: ignore[arg-type]
        with _serving(front) as port:
            yield f"http://{HOST}:{port}/query"


def _ask(url: str, query: str, how: str = "form", accept: str = CSV, timeout: float = 30) -> tuple[int, str, dict]:
    """(status, body, headers) of one request, GET or POST as a form or a sparql-query body."""
    if how == "get":
        request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}))
    elif how == "form":
        request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        request = urllib.request.Request(url, data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    request.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8"), dict(answer.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8"), dict(err.headers)


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "PREFIX x: <http://e/>\nSELECT * WHERE { ?s x:p 'SERVICE' . sErViCe ?w { ?s ?p ?o } "
    "VALUES ?w { <http://127.0.0.1:9/> } }",
    "SELECT * WHERE { #\n SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_service_is_refused_before_it_reaches_the_server(how):
    with _front() as url:
        for query in SERVICE_QUERIES:
            status, body, _ = _ask(url, query, how)
            assert status == 400 and "SERVICE" in body and body.count("\n") == 1, (query, body)
        assert _Script.seen == []
        for allowed in ('SELECT ?n WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }" }',
                        "SELECT ?service WHERE { ?service ?p ?o }  # SERVICE <http://127.0.0.1:9/>"):
            assert _ask(url, allowed, how)[:2] == (200, "n\n5\n")
        assert len(_Script.seen) == 2
    with _front(allow_service=True) as url:
        assert _ask(url, SERVICE_QUERIES[0], how)[0] == 200


def test_a_request_the_front_cannot_read_is_refused():
    with _front() as url:
        request = urllib.request.Request(url, data=b"query=SERVICE", headers={"Content-Type": "text/plain"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 415
        request = urllib.request.Request(url, data="SERVICE <x> {}".encode("utf-16"),
                                         headers={"Content-Type": "application/sparql-query"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 400
        assert _Script.seen == []


@pytest.mark.parametrize("case, accept, status", [
    ("cancelled", CSV, 504),   # Oxigraph's time limit: 200, the CSV header, then its message
    ("cutjson", JSON, 502),    # JSON that stops in the middle
    ("cutchunk", CSV, 502),    # the connection dropped mid-answer
    ("huge", CSV, 507),        # over the cap: never half an answer
])
def test_an_answer_that_is_not_whole_is_an_http_error(case, accept, status):
    with _front() as url:
        got, body, _ = _ask(url, f"{case} SELECT", accept=accept)
        assert got == status and body.count("\n") == 1, body
        assert _ask(url, "SELECT")[:2] == (200, "n\n5\n")  # a whole answer passes as it is


def test_a_slow_query_is_stopped_at_the_limit_and_the_excess_is_busy():
    with _front(timeout_s=1.0, max_queries=2) as url, ThreadPoolExecutor(6) as pool:
        started = time.monotonic()
        answers = list(pool.map(lambda _: _ask(url, "slow SELECT"), range(6)))
        elapsed = time.monotonic() - started
    statuses = sorted(status for status, _, _ in answers)
    assert statuses == [503, 503, 503, 503, 504, 504], answers
    assert all(headers.get("Retry-After") for status, _, headers in answers if status == 503)
    assert elapsed < 1.0 + SLACK_S  # the upstream sleeps 5 s: the front did not wait for it


# --- kg serve itself ---------------------------------------------------------------------

needs_server = pytest.mark.skipif(oxigraph_binary() is None,
                                  reason="the oxigraph server is not installed (pip install oxigraph)")
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
CARTESIAN_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
REPORTS = "SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/fazhi-kg/ontology#Report> }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def _kg_serve(store, *options: str) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--host", HOST,
                                "--port", str(port), "--no-views", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("SPARQL endpoint:"), line
        yield f"http://{HOST}:{port}/query"
    finally:
        process.terminate()
        process.wait(timeout=20)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self):  # noqa: N802
        type(self).hits.append(self.path)
        self.send_error(404)

    do_POST = do_GET  # noqa: N815


@pytest.mark.slow
@needs_server
@pytest.mark.parametrize("allow", [False, True])
def test_kg_serve_never_lets_service_reach_another_host(built_store, allow):
    _Recorder.hits = []
    with _serving(http.server.ThreadingHTTPServer((HOST, 0), _Recorder)) as rec_port, \
            _kg_serve(built_store, *(["--allow-service"] if allow else [])) as url:
        query = f"SELECT * WHERE {{ SERVICE <http://{HOST}:{rec_port}/sparql> {{ ?s ?p ?o }} }}"
        for how in ("get", "form", "body"):
            status, body, _ = _ask(url, query, how, accept=JSON)
            if not allow:
                assert status == 400 and "--allow-service" in body
        assert _ask(url, REPORTS)[:2] == (200, "n\r\n5\r\n")
    assert bool(_Recorder.hits) == allow  # given --allow-service the server does call out: the refusal is real


@pytest.fixture(scope="module")
def limited(built_store):
    with _kg_serve(built_store, "--timeout", "2", "--max-queries", "3", "--max-answer-mb", "1") as url:
        yield url


@pytest.mark.slow
@needs_server
def test_cartesian_queries_from_many_clients_each_end_within_the_limit(limited):
    """16 clients, slow cartesian counts among ordinary queries: every answer is correct or an
    HTTP error with one line, none waits much past the 2 s limit (it took ~110 s of a 30 s limit
    under 32 clients before the front)."""
    queries = [CARTESIAN_COUNT if k % 2 else REPORTS for k in range(16)]
    with ThreadPoolExecutor(16) as pool:
        started = time.monotonic()
        answers = list(pool.map(lambda q: _ask(limited, q, "form", timeout=60), queries))
        elapsed = time.monotonic() - started
    for query, (status, body, _) in zip(queries, answers, strict=True):
        if status == 200:
            assert query == REPORTS and body == "n\r\n5\r\n", body
        else:
            assert status in (503, 504) and body.count("\n") == 1, (status, body)
    assert any(status == 504 for status, _, _ in answers)  # a cartesian count ran and was stopped
    assert elapsed < 2 + SLACK_S
    assert _ask(limited, REPORTS)[0] == 200  # and the server is free again


@pytest.mark.slow
@needs_server
def test_a_cancelled_or_endless_query_is_not_answered_200(limited):
    status, body, _ = _ask(limited, CARTESIAN_COUNT, "get")
    assert status == 504 and "longer than 2 s" in body
    for accept in (CSV, JSON):  # rows stream faster than the limit: the cap stops them
        status, body, _ = _ask(limited, CARTESIAN_ROWS, "body", accept=accept)
        assert status in (504, 507) and body.count("\n") == 1, body
    status, body, _ = _ask(limited, "SELECT * WHERE { ?a ?b ?c } LIMIT 3", accept=JSON)
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3


@pytest.mark.slow
@needs_server
def test_a_port_in_use_is_one_line_and_exit_2(built_store):
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(built_store), "--host", HOST,
                                 "--port", str(port), "--no-views"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"kg serve: cannot listen on {HOST}:{port} for the SPARQL endpoint " \
                                    "(Address already in use)"
