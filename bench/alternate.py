"""Extraction ÷ jieba for two trees, measured in one run, alternated (issue 16).

One warmed-up process per tree (``PYTHONPATH=<tree>``) reads chunks of a generated corpus;
for each chunk it extracts every report (``extract_file``: read + normalize + extract) and then
cuts the same normalized texts with ``jieba.lcut``, and reports the CPU seconds of both. The
driver hands the same chunk to both trees, swapping their order every chunk, so that load
from other jobs falls on both alike; a round is one pass over the corpus. Figures per round:
each tree's extraction ÷ jieba throughput (jieba's CPU seconds over extraction's, both on
the same text in the same process) and the before/after ratio of extraction seconds.

    python bench/generate.py 200 /tmp/gen --seed 0
    python bench/alternate.py BEFORE_TREE AFTER_TREE /tmp/gen --reports 160 --rounds 5

Each round extracts the same reports again, so memos keyed by text (a block's word bounds, a
line's cue readings) are warm after the first; ``--fresh`` gives each round reports of its own
(``--rounds`` × ``--reports`` of the corpus), cold as in a build where every report is new.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _settle_as_a_worker() -> None:
    """What a worker of the build's pool does after its first report (``kg.build.corpus.settle``),
    where the tree has it: both trees' extraction and jieba then run in the process state a
    build gives them."""
    try:
        from kg.build.corpus import settle
    except ImportError:  # a tree from before settling
        return
    settle()


def worker(corpus: Path, reports: int) -> None:
    """Answer "a b" lines with the CPU seconds of extracting and of cutting reports a..b."""
    import jieba

    from kg.build.pipeline import extract_file
    from kg.normalize import read_report

    jieba.setLogLevel(60)
    files = sorted(corpus.glob("*.txt"))[:reports]
    texts = [read_report(f).text for f in files]
    jieba.lcut(texts[-1])
    for f in files[-2:]:  # warm-up: tables loaded, caches of the process filled once
        extract_file(f)
    _settle_as_a_worker()
    for line in sys.stdin:
        a, b = map(int, line.split())
        t0 = time.process_time()
        for f in files[a:b]:
            extract_file(f)
        t1 = time.process_time()
        for t in texts[a:b]:
            jieba.lcut(t)
        t2 = time.process_time()
        print(json.dumps([t1 - t0, t2 - t1]), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--reports", type=int, default=160)
    ap.add_argument("--chunk", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--fresh", action="store_true", help="each round on reports no round saw before")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.corpus, args.reports)
        return
    loaded = args.reports * (args.rounds if args.fresh else 1)  # what each worker reads
    trees = {"before": args.before, "after": args.after}
    procs = {
        name: subprocess.Popen(
            [sys.executable, __file__, str(args.before), str(args.after), str(args.corpus), "--worker",
             "--reports", str(loaded)],
            env={**os.environ, "PYTHONPATH": str(tree)}, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        for name, tree in trees.items()
    }
    rounds = []
    for r in range(args.rounds):
        total = {name: [0.0, 0.0] for name in trees}
        first = r * args.reports if args.fresh else 0
        for c, a in enumerate(range(first, first + args.reports, args.chunk)):
            order = ["before", "after"] if (c + r) % 2 == 0 else ["after", "before"]
            for name in order:
                proc = procs[name]
                assert proc.stdin is not None and proc.stdout is not None
                proc.stdin.write(f"{a} {min(a + args.chunk, first + args.reports)}\n")
                proc.stdin.flush()
                extract, cut = json.loads(proc.stdout.readline())
                total[name][0] += extract
                total[name][1] += cut
        rounds.append(total)
        print(f"| {r + 1} | " + " | ".join(
            f"{total[n][0]:.2f} | {total[n][1]:.2f} | {total[n][1] / total[n][0]:.1%}" for n in trees)
            + f" | × {total['before'][0] / total['after'][0]:.3f} |", flush=True)
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    for name in trees:
        ratios = [t[name][1] / t[name][0] for t in rounds]
        print(f"{name}: extraction ÷ jieba, median of {len(rounds)} rounds {statistics.median(ratios):.1%}"
              f" (range {min(ratios):.1%}–{max(ratios):.1%})")
    speed = [t["before"][0] / t["after"][0] for t in rounds]
    print(f"extraction alone: × {statistics.median(speed):.3f} (median; range {min(speed):.3f}–{max(speed):.3f})")


if __name__ == "__main__":
    main()
