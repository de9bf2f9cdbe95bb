"""``kg push --endpoint URL``: send every named graph of the store to a SPARQL server
(SPARQL 1.1 Graph Store HTTP Protocol, one ``PUT ?graph=<iri>`` per graph, replacing it)."""
from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

import typer
from rich.console import Console

from kg.query.remote import CONTENT_TYPES, RemoteError, push_store
from kg.store import DEFAULT_STORE, KGStore, StoreError


def push(endpoint: str = typer.Option(..., "--endpoint", "-e", help="Graph Store endpoint, e.g. "
                                      "http://localhost:7878/store (Oxigraph) or http://host:3030/ds/data (Fuseki)."),
         store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help="Store folder (built by `kg build`)."),
         fmt: str = typer.Option("nt", "--format", "-f", help=f"Body format: {' | '.join(CONTENT_TYPES)}."),
         timeout: float = typer.Option(60.0, "--timeout", help="Seconds to wait for each request.")) -> None:
    """Push the knowledge graph to a SPARQL 1.1 Graph Store Protocol server, graph by graph.

    An ``Authorization`` header can be given in the environment variable KG_ENDPOINT_AUTHORIZATION
    (e.g. ``Basic dXNlcjpwYXNz``), so it never appears on the command line.
    """
    console = Console(stderr=True)
    if fmt not in CONTENT_TYPES:
        console.print(f"kg push: unknown format {fmt!r}; choose one of {', '.join(CONTENT_TYPES)}", markup=False)
        raise typer.Exit(2)
    parsed = urllib.parse.urlparse(endpoint)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        console.print(f"kg push: --endpoint must be an http(s) URL, not {endpoint!r}", markup=False)
        raise typer.Exit(2)
    auth = os.environ.get("KG_ENDPOINT_AUTHORIZATION")
    if auth and any(c in auth for c in "\r\n\0"):
        console.print("kg push: KG_ENDPOINT_AUTHORIZATION holds a line break; give one header value", markup=False)
        raise typer.Exit(2)
    headers = {"Authorization": auth} if auth else None
    try:
        with KGStore(store, read_only=True) as kg:
            summary = push_store(kg, endpoint, fmt=fmt, timeout=timeout, headers=headers)
    except StoreError as err:
        console.print(f"kg push: {err}", markup=False)
        raise typer.Exit(2) from None
    except RemoteError as err:
        console.print(f"kg push: {err}", markup=False)
        raise typer.Exit(1) from None
    for line in summary.failed:
        console.print(f"refused {line}", markup=False)
    typer.echo(f"pushed {summary.graphs} graphs, {summary.triples} triples "
               f"({summary.bytes / 1e6:.1f} MB) to {endpoint}")
    if summary.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(push)
