"""Reading the aggregates files of a store's generation (:mod:`kg.graph.aggregates`, and the
agency index :mod:`kg.graph.agency_index`): the corpus-wide tables whose cost must not grow
with the number of reports. A store built by an older version has no such file:
:func:`load_aggregates` (:func:`rating_page`, :func:`agencies_page`) gives None and the
commands answer from the graphs as before (slower at scale, same figures).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from itertools import islice
from typing import Any

from kg.core.model import DutyColumn
from kg.core.namespaces import DUTY
from kg.graph.agency_index import AGENCY_INDEX_FILE, COLUMNS, open_index
from kg.graph.aggregates import AGGREGATES_VERSION, FILE, JURISDICTIONS_FILE, RATINGS_FILE, cell_key, joined
from kg.query.saved import run_saved
from kg.store import KGStore


def duty_scheme(store: KGStore) -> list[DutyColumn]:
    """The duty columns from the store's duty scheme graph (empty when the scheme is absent)."""
    return [DutyColumn(r["dutyId"], r["label"] or r["dutyId"]) for r in run_saved(store, "duty-scheme")]


def _read(store: KGStore, name: str) -> dict[str, Any] | None:
    try:
        found = json.loads((store.data_dir / name).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return found if isinstance(found, dict) and found.get("version") == AGGREGATES_VERSION else None


def load_aggregates(store: KGStore, *, jurisdictions: bool = False) -> dict[str, Any] | None:
    """The aggregates written with ``store``'s generation, or None (none, unreadable, or of
    another version: the caller reads the graphs). Without ``jurisdictions`` the per-jurisdiction
    counts are not read (``agg["duties"]["places"]`` says how many there are)."""
    main = _read(store, FILE)
    if main is None or not jurisdictions:
        return main
    places = _read(store, JURISDICTIONS_FILE)
    return None if places is None else joined(main, places)


@dataclass(frozen=True, slots=True)
class DutyCount:
    """One duty over the corpus (or one jurisdiction): per status, reports and sentences."""

    duty_id: str
    reports: dict[str, int]  # status → reports giving it
    sentences: dict[str, int]  # status → sentences saying so


def duty_counts(cells: dict[str, list[int]], duty_ids: list[str]) -> list[DutyCount]:
    """The counts of each duty of ``duty_ids`` (in that order, then any other found) from an
    aggregates cell table (``{"<duty IRI> <status>": [reports, sentences]}``)."""
    found: dict[str, DutyCount] = {}
    ids = list(duty_ids)
    for key, (reports, sentences) in cells.items():
        duty, status = key.rsplit(" ", 1)
        duty_id = duty[len(str(DUTY)):] if duty.startswith(str(DUTY)) else duty
        if duty_id not in ids:
            ids.append(duty_id)
        count = found.setdefault(duty_id, DutyCount(duty_id, {}, {}))
        count.reports[status] = reports
        count.sentences[status] = sentences
    return [found.get(i) or DutyCount(i, {}, {}) for i in ids]


def counts_from_matrix_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``duties`` part of the aggregates from ``duty-matrix.rq`` rows (a store without the
    file, and the tests' reference): reports and sentences per cell, each report once."""
    seen: set[tuple[str, str, str, str]] = set()
    reports: dict[str, set[str]] = {}
    total: dict[str, list[int]] = {}
    places: dict[str, dict[str, Any]] = {}
    counted: set[tuple[str, str, str]] = set()
    for r in rows:
        reports.setdefault(r["jurisdiction"], set()).add(r["report"])
        if not (r.get("duty") and r.get("status")):
            continue
        key = cell_key(r["duty"], r["status"])
        if (r["jurisdiction"], r["report"], key, "") not in seen:
            seen.add((r["jurisdiction"], r["report"], key, ""))
            cell = places.setdefault(r["jurisdiction"], {"cells": {}})["cells"].setdefault(key, [0, 0])
            cell[0] += 1
            cell[1] += int(r["sentences"])
        if (r["report"], key, "t") not in counted:
            counted.add((r["report"], key, "t"))
            cell = total.setdefault(key, [0, 0])
            cell[0] += 1
            cell[1] += int(r["sentences"])
    jurisdictions = {place: {"reports": len(found), "cells": places.get(place, {"cells": {}})["cells"]}
                     for place, found in reports.items()}
    all_reports = {r["report"] for r in rows}
    return {"reports": len(all_reports), "total": total, "jurisdictions": jurisdictions, "places": len(jurisdictions)}




def rating_page(store: KGStore, *, offset: int = 0, limit: int | None = None, year: int | None = None,
                evaluator: str | None = None) -> tuple[int, list[dict[str, Any]]] | None:
    """``(total, rows)``: one page of the rating results the build wrote (in the order of
    ``evaluation-results.rq``, :func:`kg.graph.ratings.rating_results`), those of ``year``
    and of an evaluator whose name contains ``evaluator`` (spaces ignored; the row then names
    only the matching evaluators). Unfiltered, only the lines shown are parsed. None: the
    store has no such file (built by an older version)."""
    try:
        handle = open(store.data_dir / RATINGS_FILE, encoding="utf-8")
    except OSError:
        return None
    with handle:
        try:
            header = json.loads(handle.readline())
        except json.JSONDecodeError:
            return None
        if not isinstance(header, dict) or header.get("version") != AGGREGATES_VERSION:
            return None
        end = None if limit is None else offset + limit
        if year is None and not evaluator:
            rows = [json.loads(line) for line in islice(handle, offset, end)]
            return int(header["total"]), rows
        wanted = "".join((evaluator or "").split())
        needle = f'"year": "{year}"' if year is not None else ""
        found = []
        for line in handle:
            if needle and needle not in line and f'"year": {year},' not in line:
                continue  # most lines are rejected without parsing them
            row = json.loads(line)
            if year is not None and (row["year"] is None or str(row["year"]) != str(year)):
                continue
            if wanted:
                row["evaluators"] = [n for n in row["evaluators"] if wanted in "".join(n.split())]
                if not row["evaluators"]:
                    continue
            found.append(row)
        return len(found), found[offset:end]


@dataclass(frozen=True, slots=True)
class AgencyPage:
    """One page of ``kg agencies --region``: its rows, and the counts of every row."""

    rows: list[dict[str, Any]]  # as agencies-by-region.rq gives them
    total: int  # rows
    agencies: int  # distinct agencies
    ratings: int  # distinct ratings


# named parameters: :region, :category (NULL: any; else " name ", matched among the agency's
# space-separated categories), :regions (a JSON list), :limit (-1: all), :offset
_MEMBERS = ("FROM member m JOIN agency_row a ON a.ord = m.ord WHERE m.region = :region "
            "AND (:category IS NULL OR instr(' ' || a.category || ' ', :category) > 0)")
_PAGE = ("SELECT :region AS region, " + ", ".join(f'a."{c}"' for c in COLUMNS) + " " + _MEMBERS
         + " ORDER BY m.ord LIMIT :limit OFFSET :offset")
_COUNT = "SELECT COUNT(*) " + _MEMBERS
_STORED = "SELECT rows, agencies, ratings FROM region_count WHERE region = :region"
_DISTINCT = ('SELECT COUNT(DISTINCT a."agency"), COUNT(DISTINCT a."rating") FROM member m JOIN agency_row a '
             "ON a.ord = m.ord WHERE m.region IN (SELECT value FROM json_each(:regions)) "
             "AND (:category IS NULL OR instr(' ' || a.category || ' ', :category) > 0)")


def agencies_page(store: KGStore, regions: Sequence[str], *, category: str | None = None, offset: int = 0,
                  limit: int | None = None) -> AgencyPage | None:
    """The rows of ``agencies-by-region.rq`` for each place IRI of ``regions`` in turn (each
    region's rows in the query's order), those of agencies of ``category`` (one of the
    space-separated categories), ``limit`` of them from ``offset``; read from the index the
    build wrote (:mod:`kg.graph.agency_index`): a page is an index range, the counts of a
    region are stored (with ``category``, or several regions: counted). None: the store has
    none (built by an older version) — the caller runs the query."""
    db = open_index(store.data_dir / AGENCY_INDEX_FILE)
    if db is None:
        return None
    with closing(db):
        if not regions or (category and category.split() != [category]):  # a category with spaces is none
            return AgencyPage([], 0, 0, 0)
        wanted_category = f" {category} " if category else None
        rows: list[dict[str, Any]] = []
        total = 0
        for region in regions:
            asked = {"region": region, "category": wanted_category}
            if category:
                n = db.execute(_COUNT, asked).fetchone()[0]
            else:
                stored = db.execute(_STORED, asked).fetchone()
                n = stored[0] if stored else 0
            start = max(0, offset - total)
            wanted = -1 if limit is None else limit - len(rows)
            if start < n and wanted != 0:
                cursor = db.execute(_PAGE, {**asked, "limit": wanted, "offset": start})
                rows += [dict(zip(("region", *COLUMNS), values, strict=True)) for values in cursor]
            total += n
        if len(regions) == 1 and not category:
            stored = db.execute(_STORED, {"region": regions[0]}).fetchone()
            agencies, ratings = stored[1:] if stored else (0, 0)
        else:
            agencies, ratings = db.execute(_DISTINCT, {"regions": json.dumps(list(regions)),
                                                       "category": wanted_category}).fetchone()
    return AgencyPage(rows, total, agencies, ratings)
