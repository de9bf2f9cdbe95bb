"""`kg push` and `kg sparql --endpoint` against a real Oxigraph server (the `oxigraph` PyPI
binary), started on a free loopback port for this module and stopped at the end."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.query.remote as remote
from kg.cli import app
from kg.query.remote import RemoteError, push_store, remote_query
from kg.query.saved import saved_queries
from kg.store import KGStore

OXIGRAPH = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
pytestmark = [pytest.mark.slow,  # a server
              pytest.mark.skipif(OXIGRAPH is None, reason="the `oxigraph` server binary is not installed "
                                                          "(pip install oxigraph)")]
START_TIMEOUT = 20.0  # seconds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of a running, empty Oxigraph server (union default graph, like the local store)."""
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    why = proc.stderr.read(2000) if proc.poll() is not None else "timeout"
                    pytest.fail(f"oxigraph server did not start: {why}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _graph_counts(endpoint: str) -> dict[str, int]:
    rows = remote_query(endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]: row["n"] for row in rows}


def test_push_copies_every_graph_and_a_second_push_replaces(server, built_store):
    with KGStore(built_store, read_only=True) as store:
        local = {g: sum(1 for _ in store.iter_quads(g)) for g in store.graph_names()}
        first = push_store(store, f"{server}/store", timeout=30)
        second = push_store(store, f"{server}/store", fmt="ttl", timeout=30)  # PUT replaces, never adds
    assert first.failed == [] and first.graphs == len(local) and first.triples == sum(local.values())
    assert second.graphs == first.graphs
    assert _graph_counts(f"{server}/query") == local


def test_saved_query_gives_the_same_rows_remote_and_local(server, built_store):
    with KGStore(built_store, read_only=True) as store:
        push_store(store, f"{server}/store", timeout=30)
        local = store.query(saved_queries()["most-cited"])
    remote = remote_query(f"{server}/query", saved_queries()["most-cited"], timeout=30)
    assert remote == local and len(remote) > 10
    assert remote_query(f"{server}/query", "ASK { ?r a fz:Report }", timeout=30) is True


@pytest.mark.parametrize("argv, expected_exit, expected_text", [
    (["sparql", "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a fz:Report }", "--format", "csv"], 0, "n\n5\n"),
    (["sparql", "ASK { ?r a fz:Regulation }"], 0, "true"),
    (["sparql", "SELECT WHERE {"], 2, "HTTP 400"),
])
def test_cli_push_then_sparql_endpoint(server, built_store, argv, expected_exit, expected_text):
    runner = CliRunner()
    pushed = runner.invoke(app, ["push", "--endpoint", f"{server}/store", "--store", str(built_store)])
    assert pushed.exit_code == 0, pushed.output
    assert pushed.output.startswith("pushed ")
    result = runner.invoke(app, [*argv, "--endpoint", f"{server}/query"])
    assert result.exit_code == expected_exit, result.output
    assert expected_text in result.output


def test_unreachable_server_is_one_clear_error(built_store):
    url = f"http://127.0.0.1:{_free_port()}/store"  # nothing listens there
    with KGStore(built_store, read_only=True) as store, pytest.raises(RemoteError, match="cannot reach"):
        push_store(store, url, timeout=5)
    result = CliRunner().invoke(app, ["push", "--endpoint", url, "--store", str(built_store), "--timeout", "5"])
    assert result.exit_code == 1 and "cannot reach the server" in result.output


def test_a_graph_larger_than_a_request_goes_in_parts_and_arrives_whole(server, built_store, monkeypatch):
    """Every graph over 50 triples is sent as a PUT and POSTs of 50: the server holds each graph
    exactly as the store does, and pushing again still replaces rather than adds."""
    requests: list[str] = []
    sent = remote._request
    monkeypatch.setattr(remote, "TRIPLES_A_REQUEST", 50)

    def counted(req, timeout):
        requests.append(req.get_method())
        return sent(req, timeout)

    monkeypatch.setattr(remote, "_request", counted)
    with KGStore(built_store, read_only=True) as store:
        local = {g: sum(1 for _ in store.iter_quads(g)) for g in store.graph_names()}
        for _ in range(2):
            summary = push_store(store, f"{server}/store", timeout=30)
            assert summary.failed == [] and summary.triples == sum(local.values())
    assert requests.count("POST") > len(local)  # many graphs in parts
    assert requests.count("PUT") == 2 * len(local)
    assert _graph_counts(f"{server}/query") == local
