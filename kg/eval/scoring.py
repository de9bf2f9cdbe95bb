"""Scoring extractions against gold annotations, with the rules of the reference scorer
``eval/score.py`` (the annotation guide's ``ANNOTATION.md`` says what a gold file holds).

The figures are score.py's, rule for rule: names compared after :func:`normalize` (NFKC,
dashes unified, spaces, book-title marks and angle brackets dropped, document-number brackets
unified to 〔〕); a regulation or agency matches on its name or any alias, and a predicted
agency also on a gold ``also_accept`` name; items are paired one to one (equal primary names
first, then a maximum bipartite matching on any shared name, so the order never decides);
oversight edges are compared as pairs of gold agencies (a name no gold agency answers to
stays itself), with or without their kind; metadata fields compare as normalized text.

Beyond the figures, :func:`score` lists each report's errors: the gold items not found
(``missed``) and the predicted items not in the gold (``spurious``), per measure.

>>> normalize("《行政复议法》 [2016]")
'行政复议法〔2016〕'
>>> tp, fp, fn, _ = match([{"name": "清远市人民政府", "aliases": ["市政府"]}],
...                       [{"name": "市政府"}, {"name": "清远市司法局"}], "name")
>>> tp, fp, fn
(1, 1, 0)
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

_DASHES = re.compile(r"[\u2014\u2013\uff0d\u2500~\uff5e\u2012\u2015]")
_DROP = re.compile(r"[\s《》〈〉<>\u3000]")
_NUMBRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "﹝": "〔", "﹞": "〕"})

# The measures with precision/recall/F1, in the order of the printed table.
MEASURES = ("regulations", "doc_numbers", "agencies", "oversight", "oversight_kind", "duties", "duty_status")
METADATA_FIELDS = ("title", "issuer", "date", "year_covered", "region", "doc_type")

Record = dict[str, Any]


def normalize(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    s = _DASHES.sub("-", s)
    s = _DROP.sub("", s)
    return s.translate(_NUMBRACKETS)


def names(item: Record, key: str, accept: bool = False) -> set[str]:
    """An item's normalized names: ``key``, its aliases and, with ``accept``, ``also_accept``."""
    out = {normalize(item.get(key))}
    out.update(normalize(a) for a in item.get("aliases") or [])
    if accept:
        out.update(normalize(a) for a in item.get("also_accept") or [])
    out.discard("")
    return out


def pair_up(gold: list[Record], pred: list[Record], key: str) -> dict[int, int]:
    """The one-to-one matching of gold to predicted items, as ``{gold index: pred index}``:
    first pairs whose primary names are equal, then a maximum bipartite matching on any shared
    name (augmenting paths, so the order of items never decides)."""
    gold_names = [names(g, key, accept=True) for g in gold]
    pred_names = [names(p, key) for p in pred]
    owner: dict[int, int] = {}  # gold index -> pred index
    taken: set[int] = set()
    for i, p in enumerate(pred):
        primary = normalize(p.get(key))
        j = next((j for j, g in enumerate(gold) if j not in owner and primary and normalize(g.get(key)) == primary),
                 None)
        if j is not None:
            owner[j] = i
            taken.add(i)
    candidates = [[j for j, gn in enumerate(gold_names) if gn & pn] for pn in pred_names]

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(pred)):
        if i not in taken:
            augment(i, set())
    return owner


def match(gold: list[Record], pred: list[Record], key: str) -> tuple[int, int, int, list[tuple[Record, Record]]]:
    """``(tp, fp, fn, pairs)`` of the matching of :func:`pair_up`."""
    owner = pair_up(gold, pred, key)
    pairs = [(gold[j], pred[i]) for j, i in owner.items()]
    return len(pairs), len(pred) - len(pairs), len(gold) - len(pairs), pairs


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def alias_index(agencies: list[Record]) -> dict[str, int]:
    """Every normalized name of the gold agencies → the index of the first agency with it."""
    idx: dict[str, int] = {}
    for i, a in enumerate(agencies):
        for n in names(a, "name") | {normalize(x) for x in a.get("also_accept") or []}:
            idx.setdefault(n, i)
    return idx


def edge_set(doc: Record, idx: dict[str, int], with_kind: bool) -> set[tuple[Hashable, ...]]:
    """A report's oversight edges as (overseer, overseen[, kind]): a gold agency's index, or
    ``"?" + the normalized name`` when no gold agency answers to it."""
    out: set[tuple[Hashable, ...]] = set()
    for e in doc.get("oversight") or []:
        a, b = idx.get(normalize(e.get("overseer"))), idx.get(normalize(e.get("overseen")))
        key = (a if a is not None else "?" + normalize(e.get("overseer")),
               b if b is not None else "?" + normalize(e.get("overseen")))
        out.add(key + ((e.get("kind"),) if with_kind else ()))
    return out


def doc_key(name: str) -> str:
    """Reports are matched by file name without its extension."""
    return Path(name).stem


def load_gold(gold_dir: Path) -> dict[str, Record]:
    """The gold files of a folder (one ``<doc>.json`` per report), by :func:`doc_key`."""
    gold = {}
    for f in sorted(gold_dir.glob("*.json")):
        record = json.loads(f.read_text("utf-8"))
        gold[doc_key(record["doc"])] = record
    return gold


def load_predictions(path: Path) -> dict[str, Record]:
    """Predictions as ``kg extract`` writes them: a JSON-lines file (one report per line), or
    a folder of ``<doc>.json`` files; by ``doc``."""
    if path.is_dir():
        out = {}
        for f in sorted(path.glob("*.json")):
            record = json.loads(f.read_text("utf-8"))
            out[record.get("doc", f.stem + ".txt")] = record
        return out
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out[record["doc"]] = record
    return out


def score(gold: dict[str, Record], predictions: dict[str, Record], *, per_doc: bool = False,
          errors: bool = False) -> dict[str, Any]:
    """The figures of score.py for ``predictions`` (by doc name) against ``gold`` (by
    :func:`doc_key`); with ``per_doc`` the (tp, fp, fn) of each report as score.py gives them,
    with ``errors`` each report's missed and spurious items (see :func:`report_errors`)."""
    pred = {doc_key(k): v for k, v in predictions.items()}
    t = {k: Tally() for k in ("regulations", "agencies", "oversight", "oversight_kind",
                              "duties", "duty_status", "doc_numbers")}
    resolved = matched_ag = exact_title = matched_reg = 0
    meta_hits: dict[str, list[int]] = {}
    rows = []
    for key, g in gold.items():
        p = pred.get(key, {})
        tp, fp, fn, pairs = match(g.get("regulations") or [], p.get("regulations") or [], "title")
        t["regulations"].add(tp, fp, fn)
        row: dict[str, Any] = {"doc": key, "regulations": (tp, fp, fn)}
        matched_reg += len(pairs)
        exact_title += sum(normalize(pp.get("title")) in names(gg, "title") for gg, pp in pairs)
        gnum, pnum = _doc_numbers(g), _doc_numbers(p)
        t["doc_numbers"].add(len(gnum & pnum), len(pnum - gnum), len(gnum - pnum))
        tp, fp, fn, pairs = match(g.get("agencies") or [], p.get("agencies") or [], "name")
        t["agencies"].add(tp, fp, fn)
        row["agencies"] = (tp, fp, fn)
        matched_ag += len(pairs)
        for gg, pp in pairs:
            ok = {normalize(gg.get("name"))} | {normalize(x) for x in gg.get("also_accept") or []}
            resolved += normalize(pp.get("name")) in ok
        idx = alias_index(g.get("agencies") or [])
        for kind_key, wk in (("oversight", False), ("oversight_kind", True)):
            ge, pe = edge_set(g, idx, wk), edge_set(p, idx, wk)
            t[kind_key].add(len(ge & pe), len(pe - ge), len(ge - pe))
            if not wk:
                row["oversight"] = (len(ge & pe), len(pe - ge), len(ge - pe))
        gd, pd = _duties(g), _duties(p)
        t["duties"].add(len(gd.keys() & pd.keys()), len(pd.keys() - gd.keys()), len(gd.keys() - pd.keys()))
        gs = {(k, s) for k, v in gd.items() for s in v}
        ps = {(k, s) for k, v in pd.items() for s in v}
        t["duty_status"].add(len(gs & ps), len(ps - gs), len(gs - ps))
        gm, pm = g.get("metadata") or {}, p.get("metadata") or {}
        for field in METADATA_FIELDS:
            same = normalize(str(gm.get(field))) == normalize(str(pm.get(field)))
            meta_hits.setdefault(field, []).append(int(same))
        rows.append(row)
    result: dict[str, Any] = {name: tally.prf() for name, tally in t.items()}
    result["agency_resolution"] = round(resolved / matched_ag, 4) if matched_ag else 0.0
    result["regulation_title_exact"] = round(exact_title / matched_reg, 4) if matched_reg else 0.0
    result["metadata_accuracy"] = {k: round(sum(v) / len(v), 4) for k, v in meta_hits.items()}
    result["reports"] = len(gold)
    result["reports_missing_from_prediction"] = sorted(set(gold) - set(pred))
    if per_doc:
        result["per_doc"] = rows
    if errors:
        result["errors"] = {key: report_errors(g, pred.get(key, {})) for key, g in gold.items()}
    return result


def _doc_numbers(doc: Record) -> set[str]:
    return {normalize(r.get("doc_number")) for r in doc.get("regulations") or [] if r.get("doc_number")}


def _duties(doc: Record) -> dict[str, set[str]]:
    return {d["id"]: set(d.get("status") or []) for d in doc.get("duties") or []}


def report_errors(gold: Record, pred: Record) -> dict[str, dict[str, list[str]]]:
    """One report's errors, by measure: ``{"missed": [...], "spurious": [...]}`` (measures
    without an error left out), as many as the measure's false negatives and false positives.
    Items are shown by name: a regulation by its title, an edge as ``overseer → overseen
    (kinds)`` with gold names where a gold agency answers to the name. ``oversight_kind`` lists
    only the kinds of edges found with another kind (edges not found at all are under
    ``oversight``); ``metadata`` lists ``field: value`` for each field that differs."""
    out: dict[str, dict[str, list[str]]] = {}

    def put(measure: str, missed: Iterable[str], spurious: Iterable[str], ordered: bool = False) -> None:
        missed, spurious = (list(missed), list(spurious)) if ordered else (sorted(missed), sorted(spurious))
        if missed or spurious:
            out[measure] = {"missed": missed, "spurious": spurious}

    for measure, key, item_key in (("regulations", "regulations", "title"), ("agencies", "agencies", "name")):
        g_items, p_items = gold.get(key) or [], pred.get(key) or []
        owner = pair_up(g_items, p_items, item_key)
        paired = set(owner.values())
        put(measure, (str(g.get(item_key)) for j, g in enumerate(g_items) if j not in owner),
            (str(p.get(item_key)) for i, p in enumerate(p_items) if i not in paired))
    gnum, pnum = _doc_numbers(gold), _doc_numbers(pred)
    put("doc_numbers", gnum - pnum, pnum - gnum)

    agencies = gold.get("agencies") or []
    idx = alias_index(agencies)

    def end(node: Hashable) -> str:
        return str(agencies[node].get("name")) if isinstance(node, int) else str(node)[1:]

    def edge(pair: tuple[Hashable, ...], kinds: Iterable[Any]) -> str:
        return f"{end(pair[0])} → {end(pair[1])} ({', '.join(sorted(str(k) for k in kinds))})"

    ge, pe = edge_set(gold, idx, True), edge_set(pred, idx, True)
    g_kinds: dict[tuple[Hashable, ...], set[Any]] = {}
    p_kinds: dict[tuple[Hashable, ...], set[Any]] = {}
    for edges, kinds in ((ge, g_kinds), (pe, p_kinds)):
        for e in edges:
            kinds.setdefault(e[:2], set()).add(e[2])
    put("oversight", (edge(p, k) for p, k in g_kinds.items() if p not in p_kinds),
        (edge(p, k) for p, k in p_kinds.items() if p not in g_kinds))
    put("oversight_kind", (edge(e[:2], e[2:]) for e in ge - pe if e[:2] in p_kinds),
        (edge(e[:2], e[2:]) for e in pe - ge if e[:2] in g_kinds))
    gd, pd = _duties(gold), _duties(pred)
    put("duties", gd.keys() - pd.keys(), pd.keys() - gd.keys())
    gs = {f"{k}: {s}" for k, v in gd.items() for s in v}
    ps = {f"{k}: {s}" for k, v in pd.items() for s in v}
    put("duty_status", gs - ps, ps - gs)
    gm, pm = gold.get("metadata") or {}, pred.get("metadata") or {}
    wrong = [f for f in METADATA_FIELDS if normalize(str(gm.get(f))) != normalize(str(pm.get(f)))]
    put("metadata", (f"{f}: {gm.get(f)}" for f in wrong), (f"{f}: {pm.get(f)}" for f in wrong), ordered=True)
    return out


def table_lines(result: dict[str, Any]) -> list[str]:
    """The figures as score.py prints them, line for line."""
    lines = []
    for k in MEASURES:
        r = result[k]
        lines.append(f"{k:16s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}  "
                     f"(tp={r['tp']} fp={r['fp']} fn={r['fn']})")
    lines.append(f"agency_resolution {result['agency_resolution']:.3f}   "
                 f"regulation_title_exact {result['regulation_title_exact']:.3f}")
    lines.append("metadata " + "  ".join(f"{k}={v:.2f}" for k, v in result["metadata_accuracy"].items()))
    if result["reports_missing_from_prediction"]:
        lines.append("missing predictions for: " + ", ".join(result["reports_missing_from_prediction"]))
    return lines
