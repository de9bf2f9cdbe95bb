"""Colours, shapes and legend entries of the views, read from ``viz/styles.json``.

>>> node_style({"type": "regulation", "kind": "law"})["color"]
'#08306b'
>>> node_style({"type": "agency", "category": "court"})["shape"]
'dot'
>>> agency_level("1501"), agency_level(None, "司法部"), agency_level(None, "产业集聚区管理委员会")
('prefecture', 'national', 'unknown')
>>> edge_style("duty_gap")["label"]
'存在不足'
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from kg.core.gazetteers import level_by_name
from kg.core.resources import viz_path

# adcode length → administrative level (2 province, 4 prefecture, 6 county)
_LEVEL_BY_ADCODE_LENGTH = {2: "province", 4: "prefecture", 6: "county"}


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    return json.loads(viz_path("styles.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def vis_options() -> dict[str, Any]:
    options = json.loads(viz_path("options.json").read_text("utf-8"))
    options.pop("_comment", None)
    return options


def agency_level(adcode: str | None, name: str | None = None) -> str:
    """An agency's level: from the adcode of its jurisdiction; without one, from the shape of
    its ``name`` (central bodies are named without a place: national); else unknown."""
    level = _LEVEL_BY_ADCODE_LENGTH.get(len(adcode or ""))
    return level or (level_by_name(name) if name else None) or "unknown"


def node_style(attrs: dict[str, Any]) -> dict[str, Any]:
    """vis-network ``shape``, ``color`` (and ``borderWidth`` for agencies) of a projected node."""
    table = styles()
    kind = attrs.get("type", "agency")
    base = table["types"].get(kind, table["types"]["agency"])
    style: dict[str, Any] = {"shape": base["shape"], "color": base["color"]}
    if "font" in base:
        style["font"] = {"color": base["font"]}
    if kind == "regulation":
        kinds = table["regulation_kinds"]
        style["color"] = kinds.get(attrs.get("kind") or "other", kinds["other"])["color"]
    elif kind == "agency":
        categories = table["agency_categories"]
        style["color"] = categories.get(attrs.get("category") or "other", categories["other"])["color"]
        style["borderWidth"] = table["agency_levels"][attrs.get("level") or "unknown"]["border"]
    return style


def edge_style(relation: str) -> dict[str, Any]:
    relations = styles()["relations"]
    entry = relations.get(relation, relations["oversees"])
    return {"color": entry["color"], "label": entry["zh"]}


def legend(node_types: set[str], regulation_kinds: set[str], agency_categories: set[str],
           relations: set[str]) -> list[dict[str, Any]]:
    """Legend rows for what a view shows: ``{"group", "text", "color", "shape"}``."""
    table = styles()
    rows: list[dict[str, Any]] = []
    for key, entry in table["types"].items():
        if key in node_types:
            rows.append({"group": "type", "key": key, "text": f"{entry['zh']} {entry['en']}",
                         "color": entry["color"], "shape": entry["shape"]})
    for group, present, shape in (("regulation_kinds", regulation_kinds, "diamond"),
                                  ("agency_categories", agency_categories, "dot")):
        for key, entry in table[group].items():
            if key in present:
                rows.append({"group": group, "key": key, "text": f"{entry['zh']} {entry['en']}",
                             "color": entry["color"], "shape": shape})
    for key, entry in table["relations"].items():
        if key in relations:
            rows.append({"group": "relations", "key": key, "text": f"{entry['zh']} {entry['en']}",
                         "color": entry["color"], "shape": "line"})
    return rows
