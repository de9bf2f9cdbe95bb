"""The manifest's entries on disk during a build, streamed into the text json.dumps gives."""
from __future__ import annotations

import io
import json
import os

import pytest

from kg.build.corpus import build
from kg.store import KGStore
from kg.store.manifest import ReportEntries, stream_manifest
from tests.conftest import CORPUS

ENTRY = {"doc": "文山市2022.txt", "files": ["/data/文山市2022.txt"], "file_sha256": {"/data/文山市2022.txt": "ab"},
         "file_stat": {"/data/文山市2022.txt": [32500, 1796216205574867108]}, "graph": "https://x/report/1",
         "triples": 2286}


def _written(manifest: dict) -> bytes:
    out = io.BytesIO()
    stream_manifest(out, manifest)
    return out.getvalue()


@pytest.mark.parametrize("reports", [{}, {"b1": ENTRY}, {"b1": ENTRY, "a0": {**ENTRY, "files": []}, "c2": {}}])
def test_streamed_manifest_is_the_text_json_dumps_gives(reports):
    manifest = {"reports": reports, "counts": {"triples": 3, "agencies": 1}, "base": "https://x/",
                "shared_version": 4, "extractor_version": 8}
    expected = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    assert _written(manifest) == expected
    with ReportEntries(reports) as entries:  # as a build holds them: the same text
        assert _written({**manifest, "reports": entries}) == expected


def test_a_file_name_that_is_not_utf8_is_escaped_in_its_entry_only():
    name = os.fsdecode("文山报告.txt".encode("gbk"))  # surrogates: not encodable as UTF-8
    with ReportEntries({"a": {"files": [name]}, "b": ENTRY}) as entries:
        text = _written({"reports": entries})
        assert json.loads(text)["reports"] == {"a": {"files": [name]}, "b": ENTRY}
        assert "文山市2022".encode() in text  # the other entries keep their characters


def test_entries_are_copies_written_back_and_iterate_in_hash_order():
    with ReportEntries() as entries:
        entries["b"] = {"files": ["1"]}
        entries["a"] = {"files": ["2"]}
        entries["b"]["files"].append("lost")  # a copy: not written back
        entry = entries["a"]
        entry["files"].append("3")
        entries["a"] = entry
        assert list(entries.items()) == [("a", {"files": ["2", "3"]}), ("b", {"files": ["1"]})]
        del entries["b"]
        assert "b" not in entries and len(entries) == 1 and entries.get("b") is None
        with pytest.raises(KeyError):
            del entries["b"]


def test_a_build_writes_the_manifest_json_dumps_would(tmp_path):
    """The manifest of a build streamed from disk reads back as it did when held whole, with
    the same bytes (so a diff of two manifests shows only what changed); a report found under
    two names keeps both."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(CORPUS.glob("*.txt"))
    for p in seeds:
        (corpus / p.name).write_bytes(p.read_bytes())
    (corpus / "copy.txt").write_bytes(seeds[0].read_bytes())
    store = tmp_path / "store"
    summary = build([corpus], store, jobs=1)
    assert summary.reports == 5 and len(summary.duplicates) == 1
    with KGStore(store, read_only=True) as kg:
        text = kg.manifest_path.read_bytes()
        manifest = kg.manifest()
    assert text == json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    assert sorted(len(e["files"]) for e in manifest["reports"].values()) == [1, 1, 1, 1, 2]
    assert all(set(e["files"]) == set(e["file_sha256"]) == set(e["file_stat"]) for e in manifest["reports"].values())
    assert build([corpus], store, jobs=1).unchanged == 6  # both names recognised: nothing read again
