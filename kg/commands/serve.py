"""``kg serve``: a read-only SPARQL endpoint over the store, plus the HTML views.

The SPARQL 1.1 Protocol is the Oxigraph server's (the ``oxigraph`` PyPI package, same
on-disk format as the pyoxigraph that wrote the store): ``oxigraph serve-read-only`` over the
union of the report graphs, bound to 127.0.0.1 on a private port. On ``--port`` listens a
front (:mod:`kg.query.front`) that forwards GET or POST ``/query`` to it, and refuses what the
server cannot: ``SERVICE`` (unless ``--allow-service``), more than ``--max-queries`` queries at
once, a query past ``--timeout`` seconds, an answer over ``--max-answer-mb``, and a cancelled or
cut-off answer (an HTTP error, never 200). Results as JSON, XML, CSV or TSV by the ``Accept``
header. The views are written to a folder (a temporary one unless ``--views DIR``) and served by
Python's ``http.server`` on ``--views-port`` (default: the next port). Both bind to 127.0.0.1
unless told otherwise.

A ``kg build`` never writes the generation being served (it writes a new one, see
:mod:`kg.store.layout`); ``kg serve`` holds the generation it serves so no build removes it,
notices the switch within ``RELOAD_CHECK_S``, starts a SPARQL server on the new generation
(another private port) and moves the front to it once it answers; the views follow.
"""
from __future__ import annotations

import contextlib
import http.server
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import typer

from kg.query.front import Limits, SparqlFront
from kg.store import DEFAULT_STORE, KGStore, StoreError
from kg.store.layout import DamagedStore, current_generation, reading

READY_TIMEOUT_S = 20.0  # how long to wait for the SPARQL server to answer its first query
RELOAD_CHECK_S = 2.0  # how often to look for a newer generation of the store
PRIVATE_HOST = "127.0.0.1"  # the Oxigraph server listens here only; the front faces the network


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary: next to this Python (a venv's bin/) or on PATH."""
    here = Path(sys.executable).parent
    return shutil.which("oxigraph", path=os.pathsep.join([str(here), os.environ.get("PATH", "")]))


def version_mismatch() -> str | None:
    """A warning when the server's Oxigraph and the pyoxigraph that wrote the store differ in
    major.minor version (their on-disk formats may differ)."""
    try:
        server, library = metadata.version("oxigraph"), metadata.version("pyoxigraph")
    except metadata.PackageNotFoundError:
        return None
    if server.split(".")[:2] != library.split(".")[:2]:
        return f"oxigraph server {server} and pyoxigraph {library} differ; the store may not open"
    return None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def generation_folder(store: Path) -> Path:
    """The generation the store opens read-only now (its database is ``<it>/oxigraph``)."""
    with KGStore(store, read_only=True) as kg:
        return Path(kg.data_dir)



def sparql_command(database: Path, host: str, port: int, timeout_s: int) -> list[str]:
    binary = oxigraph_binary()
    if binary is None:
        raise StoreError("the `oxigraph` server is not installed (pip install oxigraph)")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [binary, "serve-read-only", "--location", str(database), "--bind", bind,
            "--union-default-graph", "--timeout-s", str(timeout_s)]


def wait_until_ready(url: str, process: subprocess.Popen, timeout_s: float = READY_TIMEOUT_S) -> None:
    """Poll ``url`` with a trivial ASK query until the server answers (or exits, or time is up)."""
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"the SPARQL server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise StoreError(f"the SPARQL server did not answer within {timeout_s:.0f} s")


ON_DEMAND = "/view/report/"  # as kg.views.site.ON_DEMAND: a report's page, made when first asked


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, make_page: Callable[[str], str | None] | None = None, **kwargs: Any) -> None:
        # the report pages made on demand (a report id → the page's file name, None: no such report)
        self.make_page = make_page
        super().__init__(*args, **kwargs)  # handles the request: the attribute must be set before

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        if self._on_demand():
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._on_demand():
            super().do_HEAD()

    def _on_demand(self) -> bool:
        """Answer ``/view/report/<id>`` (a redirect to the page, made if it is not yet in the
        folder); True: not that route, the file is served as usual."""
        path = urllib.parse.urlsplit(self.path).path
        if not path.startswith(ON_DEMAND) or self.make_page is None:
            return True
        try:
            name = self.make_page(path[len(ON_DEMAND):])
        except Exception as err:  # noqa: BLE001 - one line to the client, the server goes on
            self.send_error(500, f"the page could not be made ({err.__class__.__name__})")
            return False
        if name is None:
            self.send_error(404, "no such report")
            return False
        self.send_response(302)
        self.send_header("Location", "/" + name)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return False

    def send_head(self):
        # a path the file system refuses (a NUL byte: /index.html%00.txt) is not found, not a traceback
        try:
            return super().send_head()
        except ValueError:
            self.send_error(404, "File not found")
            return None


class _ViewsServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)


class _ViewsFolder:
    """The folder the views server reads, switched whole after a rebuild (requests in flight
    finish on the old folder; the next ones read the new). ``store``: the store whose report
    pages are made on demand into the folder (None: a folder given by --views, served as it is)."""

    def __init__(self, folder: Path, store: Path | None = None) -> None:
        self.folder = folder
        self.store = store
        self.lock = threading.Lock()  # one page made at a time; a second ask for it finds it made

    def handler(self, *args: object, **kwargs: object) -> _QuietHandler:
        return _QuietHandler(*args, directory=str(self.folder),
                             make_page=self.make_page if self.store is not None else None, **kwargs)

    def make_page(self, ident: str) -> str | None:
        """The file name of report ``ident``'s page in the folder, made now if it is not there."""
        from kg.views.site import report_file, write_report_page

        if not ident or not all(c in "0123456789abcdef" for c in ident):
            return None
        folder, name = self.folder, report_file(ident)
        with self.lock:
            if (folder / name).is_file():
                return name
            assert self.store is not None
            with KGStore(self.store, read_only=True) as kg:
                made = write_report_page(kg, folder, ident)
        return None if made is None else made.name


def _write_views(store: Path, endpoint: str, scale_at: int) -> Path:
    from kg.views.site import write_site

    folder = Path(tempfile.mkdtemp(prefix="kg-views-"))
    with KGStore(store, read_only=True) as kg:
        write_site(kg, folder, endpoint=endpoint, served=True, scale_at=scale_at)
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((PRIVATE_HOST, 0))
        return int(probe.getsockname()[1])


def _start_sparql(generation: Path, timeout_s: int) -> tuple[subprocess.Popen, str]:
    """The Oxigraph server on ``generation``, answering on a private loopback port (a port taken
    meanwhile by another program: tried again on another)."""
    for attempt in range(3):
        port = _free_port()
        process = subprocess.Popen(sparql_command(generation / "oxigraph", PRIVATE_HOST, port, timeout_s),
                                   stdin=subprocess.DEVNULL)
        try:
            wait_until_ready(f"http://{PRIVATE_HOST}:{port}/query", process)
            return process, f"{PRIVATE_HOST}:{port}"
        except BaseException as err:  # Ctrl-C or SIGTERM meanwhile too: never leave the server behind
            _stop(process)
            if not isinstance(err, StoreError) or attempt == 2:
                raise
    raise AssertionError("unreachable")


_Server = TypeVar("_Server", bound=http.server.HTTPServer)


def _listen(what: str, host: str, port: int, make: Callable[[tuple[str, int]], _Server]) -> _Server:
    try:
        return make((host, port))
    except OSError as err:
        raise StoreError(f"cannot listen on {host}:{port} for the {what} ({err.strerror or err})") from None


def serve(store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help="Store folder (built by `kg build`)."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback unless --allow-remote)."),
          port: int = typer.Option(7878, "--port", "-p", help="SPARQL endpoint port (http://HOST:PORT/query)."),
          views_port: int = typer.Option(None, "--views-port", help="Port of the HTML views (default: PORT+1)."),
          views: Path = typer.Option(None, "--views", help="Serve this folder of views (default: write fresh ones)."),
          no_views: bool = typer.Option(False, "--no-views", help="Only the SPARQL endpoint."),
          scale_at: int = typer.Option(1000, "--scale-at", min=0,
                                       help="As kg viz --scale-at: beyond this many reports the views are drawn "
                                            "from aggregates and a report's page is made when first asked "
                                            "(/view/report/<id>, which the index links to)."),
          timeout: int = typer.Option(30, "--timeout", min=1, help="Time limit per SPARQL query, seconds."),
          max_queries: int = typer.Option(2 * (os.cpu_count() or 1), "--max-queries", min=1,
                                          help="Queries run at once; more are answered 503 (default: 2 per core)."),
          max_answer_mb: int = typer.Option(256, "--max-answer-mb", min=1,
                                            help="Largest answer, MB (held whole before it is sent)."),
          allow_service: bool = typer.Option(False, "--allow-service",
                                             help="Let queries call other endpoints (SERVICE) from this host."),
          allow_remote: bool = typer.Option(False, "--allow-remote",
                                            help="Allow binding a non-loopback address.")) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol, and the HTML views."""
    if not is_loopback(host) and not allow_remote:
        typer.echo(f"kg serve: {host} is not a loopback address; pass --allow-remote to expose the store", err=True)
        raise typer.Exit(2)
    try:
        generation = generation_folder(Path(store))
        sparql_command(generation / "oxigraph", PRIVATE_HOST, 0, timeout)  # the server is installed
    except StoreError as err:
        typer.echo(f"kg serve: {err}", err=True)
        raise typer.Exit(2) from None
    if warning := version_mismatch():
        typer.echo(f"kg serve: warning: {warning}", err=True)

    url = f"http://{host}:{port}/query"
    limits = Limits(timeout_s=timeout, max_queries=max_queries, max_answer_bytes=max_answer_mb * 2**20,
                    allow_service=allow_service)
    views_server: _ViewsServer | None = None
    served: _ViewsFolder | None = None
    written_here = views is None  # views we wrote follow rebuilds; a folder given is served as it is
    held = contextlib.ExitStack()
    process: subprocess.Popen | None = None
    running: list[http.server.HTTPServer] = []
    front: SparqlFront | None = None
    # SIGTERM (e.g. from a supervisor or a test) ends the server like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        front = _listen("SPARQL endpoint", host, port, lambda address: SparqlFront(address, "", limits))
        if not no_views:
            folder = views if views is not None else _write_views(Path(store), url, scale_at)
            served = _ViewsFolder(folder, Path(store) if views is None else None)
            folder_handler = served.handler
            views_server = _listen("views", host, views_port or port + 1,
                                   lambda address: _ViewsServer(address, folder_handler))
        held.enter_context(reading(generation))
        process, front.upstream = _start_sparql(generation, timeout)
        for server in (front, views_server):
            if server is not None:
                threading.Thread(target=server.serve_forever, daemon=True).start()
                running.append(server)
        typer.echo(f"SPARQL endpoint: {url}  (read-only, union of all graphs, {timeout} s per query, "
                   f"{max_queries} at once{', SERVICE allowed' if allow_service else ''})")
        if views_server is not None:
            typer.echo(f"views:           http://{host}:{views_server.server_address[1]}/index.html")
        sys.stdout.flush()
        while True:
            try:
                process.wait(timeout=RELOAD_CHECK_S)
            except subprocess.TimeoutExpired:
                newer = _newer_generation(Path(store), generation)
                if newer is None:
                    continue
                holding = contextlib.ExitStack()
                holding.enter_context(reading(newer))
                try:
                    replacement, upstream = _start_sparql(newer, timeout)
                except BaseException:
                    holding.close()
                    raise
                old, process, front.upstream = process, replacement, upstream  # the next queries go there
                _stop(old)
                held.close()  # the old generation may go at the next build
                held, generation = holding, newer
                if served is not None and written_here:
                    stale, served.folder = served.folder, _write_views(Path(store), url, scale_at)
                    shutil.rmtree(stale, ignore_errors=True)
                typer.echo(f"kg serve: the store was rebuilt; now serving {newer.name}")
                sys.stdout.flush()
                continue
            typer.echo(f"kg serve: the SPARQL server exited with status {process.returncode}", err=True)
            raise typer.Exit(1)
    except StoreError as err:
        typer.echo(f"kg serve: {err}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        pass
    finally:
        if process is not None:
            _stop(process)
        held.close()
        for started in running:
            started.shutdown()
        for closing in (front, views_server):
            if closing is not None:
                closing.server_close()
        if served is not None and written_here:
            shutil.rmtree(served.folder, ignore_errors=True)


def _newer_generation(store: Path, serving: Path) -> Path | None:
    """The store's current generation if a build has switched to another since ``serving``."""
    try:
        current = current_generation(store)
    except DamagedStore:
        return None  # keep serving what we have; `kg build` reports the damage
    return current if current is not None and current.resolve() != serving.resolve() else None


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def register(app: typer.Typer) -> None:
    app.command()(serve)
