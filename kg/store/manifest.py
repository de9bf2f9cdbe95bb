"""The manifest's report entries while a build gathers them: on disk, not in the writer's memory.

At 100,000 reports the entries (file names, hashes, sizes and times, graph IRI, triples) were
150 MB of Python objects held to the end of the build, and writing them as one indented JSON
text (pure-Python encoder) built a few hundred MB more at its end: the writer's memory grew with
the corpus. :class:`ReportEntries` keeps them in a scratch SQLite database (deleted when closed)
and :func:`stream_manifest` streams them into the same text ``json.dumps(manifest, indent=1,
sort_keys=True)`` gives, entry by entry.

>>> entries = ReportEntries()
>>> entries["ab"] = {"files": ["a.txt"], "graph": "g", "triples": 3}
>>> entry = entries["ab"]  # a copy: written back to change it
>>> entry["files"].append("b.txt")
>>> entries["ab"] = entry
>>> entries["ab"]["files"], "ab" in entries, len(entries)
(['a.txt', 'b.txt'], True, 1)
>>> import io
>>> out = io.BytesIO()
>>> stream_manifest(out, {"reports": entries, "counts": {"triples": 3}})
>>> out.getvalue() == json.dumps({"reports": {"ab": entries["ab"]}, "counts": {"triples": 3}},
...                              indent=1, sort_keys=True).encode()
True
>>> entries.close()
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, MutableMapping
from typing import IO, Any

_PLACEHOLDER = "reports"  # the manifest key whose value is streamed
_PUT = "INSERT OR REPLACE INTO entry VALUES (:sha, :body)"


class ReportEntries(MutableMapping[str, dict[str, Any]]):
    """report hash → manifest entry, held in a temporary SQLite database; iterated in hash
    order (the manifest's). An entry read is a copy: change it by assigning it again."""

    def __init__(self, entries: Mapping[str, dict[str, Any]] | None = None):
        # "": a private temporary database, on disk once past SQLite's small page cache
        self._db = sqlite3.connect("")
        self._db.execute("CREATE TABLE entry (sha TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID")
        if entries:
            self._db.executemany(_PUT, ({"sha": sha, "body": json.dumps(e)} for sha, e in entries.items()))

    def __getitem__(self, sha: str) -> dict[str, Any]:
        row = self._db.execute("SELECT body FROM entry WHERE sha = :sha", {"sha": sha}).fetchone()
        if row is None:
            raise KeyError(sha)
        return json.loads(row[0])

    def __setitem__(self, sha: str, entry: dict[str, Any]) -> None:
        # ASCII escapes: a file name that is not UTF-8 on disk (surrogates) is kept exact
        self._db.execute(_PUT, {"sha": sha, "body": json.dumps(entry)})

    def __delitem__(self, sha: str) -> None:
        if self._db.execute("DELETE FROM entry WHERE sha = :sha", {"sha": sha}).rowcount == 0:
            raise KeyError(sha)

    def __contains__(self, sha: object) -> bool:
        return self._db.execute("SELECT 1 FROM entry WHERE sha = :sha", {"sha": sha}).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        return (sha for (sha,) in self._db.execute("SELECT sha FROM entry ORDER BY sha"))

    def __len__(self) -> int:
        (n,) = self._db.execute("SELECT count(*) FROM entry").fetchone()
        return int(n)

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:  # type: ignore[override]
        """(hash, entry) in hash order, read as they are iterated (one scan, not a lookup each);
        the entries must not change meanwhile."""
        for sha, body in self._db.execute("SELECT sha, body FROM entry ORDER BY sha"):
            yield sha, json.loads(body)

    def values(self) -> Iterator[dict[str, Any]]:  # type: ignore[override]
        return (entry for _, entry in self.items())

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ReportEntries:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def stream_manifest(out: IO[bytes], manifest: dict[str, Any]) -> None:
    """Write ``manifest`` to ``out`` as ``json.dumps(manifest, indent=1, sort_keys=True)``
    would (UTF-8, non-ASCII characters as they are), its ``"reports"`` entries one at a time;
    an entry with a file name that is not UTF-8 on disk is written with ASCII escapes."""
    reports = manifest["reports"]
    head = json.dumps({**manifest, _PLACEHOLDER: {}}, ensure_ascii=False, indent=1, sort_keys=True)
    before, after = head.split(f'\n "{_PLACEHOLDER}": {{}}', 1)
    out.write(f'{before}\n "{_PLACEHOLDER}": {{'.encode())
    first = True
    for sha, entry in reports.items() if isinstance(reports, ReportEntries) else sorted(reports.items()):
        text = json.dumps(entry, ensure_ascii=False, indent=1, sort_keys=True)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            data = json.dumps(entry, indent=1, sort_keys=True).encode()
        # the entry's own lines two levels in, as the whole manifest's encoder indents them
        out.write(b"\n  " if first else b",\n  ")
        out.write(json.dumps(sha).encode() + b": " + data.replace(b"\n", b"\n  "))
        first = False
    out.write(b"}" if first else b"\n }")
    out.write(after.encode())
