"""The public side of ``kg serve``: a threaded HTTP front that checks each SPARQL Protocol
request and forwards it to the Oxigraph server, which listens on a private loopback port.

Why a front: the Oxigraph server has no switch for ``SERVICE`` (it would fetch any URL a query
names, from the host's network), its time limit neither stops an answer that is streaming nor
holds under many concurrent queries, and a query it cancels is answered ``200`` with the error
text after a partial body. So the front

- refuses a query or update calling another endpoint (:func:`kg.query.results.uses_service`,
  which skips strings, IRIs and comments) with ``400``, unless ``allow_service``;
- runs at most ``max_queries`` requests at once; the others get ``503`` and ``Retry-After``
  at once rather than queueing behind slow ones;
- gives each request ``timeout_s`` seconds of wall clock from arrival to the last byte of
  the answer, closing the upstream connection past it (``504``);
- buffers the answer, up to ``max_answer_bytes`` (``507`` past it), and answers ``200``
  only for a whole one: an answer cut off, or ending in Oxigraph's cancellation message, or a
  JSON/XML answer that does not close, is a ``502``/``504`` with a one-line message.

Every error is one line of ``text/plain``. Only ``Accept`` and ``Content-Type`` are passed on
(no ``Accept-Encoding``: the answer is read as the server writes it).
"""
from __future__ import annotations

import http.client
import http.server
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass

from kg.query.results import uses_service

CANCELLED = b"The SPARQL operation has been cancelled"  # what Oxigraph writes after a partial answer
MAX_REQUEST_BYTES = 8 * 1024 * 1024  # a query, however many VALUES it lists, is not 8 MB
CHUNK = 64 * 1024
CLIENT_TIMEOUT_S = 60  # a client that stops sending or reading mid-request frees its thread after this
PASSED_ON = ("Accept", "Content-Type")  # request headers the Oxigraph server is given
ANSWER_HEADERS = ("Content-Type", "Content-Disposition", "Access-Control-Allow-Origin", "Vary")
QUERY_BODIES = ("application/sparql-query", "application/sparql-update")
FORM = "application/x-www-form-urlencoded"
QUERY_PARAMETERS = ("query", "update")
# An answer in these formats is complete only if it closes (a cut one ends anywhere).
CLOSING = {"application/sparql-results+json": b"}", "application/json": b"}",
           "application/sparql-results+xml": b">", "application/rdf+xml": b">"}


@dataclass(frozen=True)
class Limits:
    """What one request may cost the host."""

    timeout_s: float
    max_queries: int
    max_answer_bytes: int
    allow_service: bool = False


class Refused(Exception):
    """A request answered with an error: HTTP status and the one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class SparqlFront(http.server.ThreadingHTTPServer):
    """The front on the public address; ``upstream`` (``host:port`` of the Oxigraph server) may
    be switched while serving (after a rebuild): each request reads it once."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], upstream: str, limits: Limits) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.upstream = upstream
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.max_queries)
        super().__init__(address, _FrontHandler)


class _FrontHandler(http.server.BaseHTTPRequestHandler):
    server: SparqlFront
    timeout = CLIENT_TIMEOUT_S

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass  # the Oxigraph server logs the requests it answers

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._answer(with_body=False)

    def do_POST(self) -> None:  # noqa: N802
        self._answer(with_body=True)

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight of the views
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        started = time.monotonic()
        limits = self.server.limits
        try:
            body = self._read_body() if with_body else b""
            if not self.server.slots.acquire(blocking=False):
                raise Refused(503, f"busy: {limits.max_queries} queries are running; try again shortly",
                              {"Retry-After": "1"})
            try:
                if not limits.allow_service and any(uses_service(q) for q in self._sparql(body)):
                    raise Refused(400, "SERVICE (a query calling another endpoint) is refused by this "
                                       "endpoint (kg serve --allow-service allows it)")
                status, headers, answer = self._ask_upstream(body, started + limits.timeout_s)
            finally:
                self.server.slots.release()
        except Refused as refused:
            self._send(refused.status, {"Content-Type": "text/plain; charset=utf-8", **refused.headers},
                       (refused.message + "\n").encode("utf-8"))
            return
        self._send(status, headers, answer)

    def _read_body(self) -> bytes:
        if self.headers.get("Content-Encoding", "identity").lower() != "identity":
            raise Refused(415, "compressed request bodies are not accepted")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise Refused(411, "a POST needs a Content-Length")
        if int(length) > MAX_REQUEST_BYTES:
            raise Refused(413, f"request over {MAX_REQUEST_BYTES // 2**20} MB")
        return self.rfile.read(int(length))

    def _sparql(self, body: bytes) -> list[str]:
        """Every query or update the request carries, in the URL or the body, as the server
        would read it (a form or a query string decoded as UTF-8, strictly)."""
        try:
            texts = _parameters(urllib.parse.urlsplit(self.path).query)
            if self.command == "POST":
                kind = self.headers.get_content_type()
                if kind in QUERY_BODIES:
                    texts.append(body.decode("utf-8"))
                elif kind == FORM:
                    texts += _parameters(body.decode("ascii"))
                elif body:
                    raise Refused(415, f"unsupported Content-Type {kind} (use {FORM} or {QUERY_BODIES[0]})")
        except UnicodeDecodeError:
            raise Refused(400, "the request is not UTF-8") from None
        return texts

    def _ask_upstream(self, body: bytes, deadline: float) -> tuple[int, dict[str, str], bytes]:
        """The Oxigraph server's whole answer, within ``deadline`` and the size cap."""
        limits = self.server.limits
        host, _, port = self.server.upstream.rpartition(":")
        late = Refused(504, f"the query took longer than {limits.timeout_s:g} s and was stopped")
        connection = http.client.HTTPConnection(host, int(port), timeout=max(0.01, deadline - time.monotonic()))
        try:
            headers = {name: value for name in PASSED_ON if (value := self.headers.get(name)) is not None}
            connection.request(self.command, self.path, body=body if self.command == "POST" else None,
                               headers=headers)
            upstream = connection.sock
            response = connection.getresponse()
            chunks, size = [], 0
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise late
                upstream.settimeout(left)
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limits.max_answer_bytes:
                    raise Refused(507, f"the answer is over {limits.max_answer_bytes / 2**20:g} MB; "
                                       "ask for fewer rows (LIMIT) or fewer columns")
                chunks.append(chunk)
        except TimeoutError:
            raise late from None
        except http.client.IncompleteRead:
            raise Refused(502, "the SPARQL server's answer was cut off") from None
        except (OSError, http.client.HTTPException) as err:
            raise Refused(503, f"the SPARQL server is not answering ({err.__class__.__name__}); try again",
                          {"Retry-After": "2"}) from None
        finally:
            connection.close()  # past the deadline or the cap, this stops the server's work
        answer = b"".join(chunks)
        tail = answer[-len(CANCELLED) - 64:].rstrip()
        if response.status == 200 and tail.endswith(CANCELLED):
            raise late
        kind = response.headers.get_content_type()
        if response.status == 200 and kind in CLOSING and not tail.endswith(CLOSING[kind]):
            raise Refused(502, "the SPARQL server's answer was cut off")
        return response.status, {name: value for name in ANSWER_HEADERS
                                  if (value := response.headers.get(name)) is not None}, answer

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Access-Control-Allow-Origin" not in headers:
                self.send_header("Access-Control-Allow-Origin", "*")  # the views read errors too
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client left


def _parameters(query_string: str) -> list[str]:
    pairs = urllib.parse.parse_qsl(query_string, keep_blank_values=True, encoding="utf-8", errors="strict")
    return [value for name, value in pairs if name in QUERY_PARAMETERS]
