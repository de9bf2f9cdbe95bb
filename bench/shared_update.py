"""The end-of-build phase (shared graphs + build counts) of an incremental build, for two trees in
one run: each step starts from a copy of a store that tree built fresh over CORPUS, and the trees
alternate step by step (the machine's load then weighs on both alike).

    python bench/shared_update.py BEFORE_TREE BEFORE_STORE AFTER_TREE AFTER_STORE CORPUS EXTRA FEWER

Steps: ``add`` builds CORPUS + EXTRA (a folder of new reports); ``remove`` builds FEWER (CORPUS
without some reports, e.g. a folder of symlinks to the others). Prints one line per (step, tree)
with bench/end_of_build.py's figures.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(tree: str, store: Path, inputs: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": tree}
    out = subprocess.run([sys.executable, str(HERE / "end_of_build.py"), str(store), *inputs, "--jobs", "2"],
                         env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    before_tree, before_store, after_tree, after_store, corpus, extra, fewer = sys.argv[1:8]
    steps = {"add": [corpus, extra], "remove": [fewer]}
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        for step, inputs in steps.items():
            for name, tree, store in (("before", before_tree, before_store), ("after", after_tree, after_store)):
                copy = Path(tmp) / f"{name}-{step}"
                shutil.copytree(store, copy, symlinks=True)
                figures = run(tree, copy, inputs)
                print(json.dumps({"step": step, "tree": name, **figures}), flush=True)
                shutil.rmtree(copy)


if __name__ == "__main__":
    main()
