"""Throughput of this tree against another checkout, measured side by side (issue 11's speed target).

Run from the project root: ``.venv/bin/python benchmarks/side_by_side.py OTHER_SRC [--pairs N]``, where
OTHER_SRC is the ``src`` folder of another checkout (``git worktree add /tmp/ref 39266ad`` gives
``/tmp/ref/src``). Each pair runs the other tree, then this one, each in a fresh process on one core:
articles per CPU second, best of three passes over the corpus texts (``tests/corpus``) and the seeds.
This machine's speed drifts by a third from one run to the next, so only the ratio within a pair is
compared; the median of the pairs is the figure.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSES = 3

_MEASURE = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import expansion_tracker as et
root = Path(sys.argv[2])
texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((root / "tests" / "corpus").glob("*.json"))]
texts += [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
for t in texts:
    et.parse_article(t)
best = 0.0
for _ in range(int(sys.argv[3])):
    start = time.process_time()
    for t in texts:
        et.parse_article(t)
    best = max(best, len(texts) / (time.process_time() - start))
print(best)
"""


def rate(src: Path) -> float:
    """Articles per CPU second of the tree whose package is under ``src``, in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(src), str(ROOT), str(PASSES)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("other", type=Path, help="the src folder of the checkout to compare with")
    ap.add_argument("--pairs", type=int, default=3)
    args = ap.parse_args()
    if not (args.other / "expansion_tracker").is_dir():
        ap.error(f"{args.other} holds no expansion_tracker package")
    ratios = []
    for _ in range(args.pairs):
        other, here = rate(args.other), rate(ROOT / "src")
        ratios.append(here / other)
        print(f"other {other:7.1f}/s   this {here:7.1f}/s   ratio {here / other:.2f}", flush=True)
    print(f"median ratio of {args.pairs} pairs: {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
