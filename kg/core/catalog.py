"""The national catalogue of laws and regulations, and the matching key of document titles.

``data/laws_catalog.tsv`` (see ``data/laws_catalog.README.md``) lists 3,308 Chinese laws,
administrative regulations, judicial interpretations and some local regulations with their
kind, issuer and dates. A cited title that matches a row (by :func:`title_key`, by title or
short title) is a national/official document and
gets the row as ``Regulation.catalog``; an unmatched title stays a local document.

>>> row = lookup("《中华人民共和国行政复议法》")
>>> row["title"], row["kind"]
('中华人民共和国行政复议法', 'law')
>>> lookup("行政复议法")["title"]
'中华人民共和国行政复议法'
>>> lookup("清远市规范性文件制定及管理办法") is None
True
"""
from __future__ import annotations

import csv
import unicodedata
from functools import lru_cache

from kg.core.resources import data_path
from kg.core.titles import title_key

CATALOG_FIELDS = ("title", "kind", "issuer", "publish_date", "effective_date", "status")
# Catalogue kind → the kind vocabulary of the extraction contract.
CONTRACT_KIND = {
    "constitution": "law",
    "law": "law",
    "administrative_regulation": "administrative_regulation",
    "local_regulation": "local_regulation",
    "department_rule": "rule",
    "judicial_interpretation": "normative_document",
    "other": "policy",
}
# Kinds whose short names are specific enough to be matched unbracketed in running text.
_GAZETTEER_KINDS = {"constitution", "law", "administrative_regulation"}


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, str], ...]:
    with data_path("laws_catalog.tsv").open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for row in _rows():
        for name in (row["title"], row["short_title"]):
            if name:
                index.setdefault(title_key(name), row)
    return index


def lookup(title: str) -> dict[str, str] | None:
    """The catalogue row for ``title`` (by title or short title), or None."""
    return _index().get(title_key(title))


def catalog_record(title: str) -> dict[str, str] | None:
    """The fields a :class:`~kg.core.model.Regulation` keeps of its catalogue row.

    >>> catalog_record("重大行政决策程序暂行条例")["issuer"]
    '国务院'
    """
    row = lookup(title)
    if row is None:
        return None
    return {k: row.get(k, "") for k in CATALOG_FIELDS}


def contract_kind(catalog_kind: str) -> str:
    """The extraction contract's kind for a catalogue kind.

    >>> contract_kind("constitution")
    'law'
    """
    return CONTRACT_KIND.get(catalog_kind, "policy")


@lru_cache(maxsize=1)
def catalogue_names() -> dict[str, str]:
    """Surface name → official title, for national laws and regulations, to find them
    unbracketed in running text (``宪法`` → ``中华人民共和国宪法``).

    >>> catalogue_names()["环境噪声污染防治法"]
    '中华人民共和国环境噪声污染防治法'
    """
    names: dict[str, str] = {}
    # Laws no longer in force are names too, so that the longest name wins: 环境噪声污染防治法
    # (repealed) is not its successor 噪声污染防治法 read from its last characters.
    for row in sorted(_rows(), key=lambda r: r["status"] != "in_force"):
        if row["kind"] not in _GAZETTEER_KINDS:
            continue
        for name in (row["title"], row["short_title"]):
            name = unicodedata.normalize("NFKC", name).replace(" ", "")
            if name and "(" not in name and "《" not in name:
                names.setdefault(name, unicodedata.normalize("NFKC", row["title"]))
    return names
