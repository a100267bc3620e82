#!/usr/bin/env python3
"""Refresh the repository's copy of the annotated articles from ``../shared``.

``../shared/corpus`` (development articles) and ``../shared/gold`` (the seeds' gold) are the source
and keep growing; ``tests/corpus`` and ``tests/gold`` are copies so that a fresh clone can train and
evaluate. Run this, then ``tools/evaluate.py``, and commit the copies with the figures they give.

usage: python tools/sync_corpus.py [--check]   (--check: exit 1 when the copies are out of date)
"""

from __future__ import annotations

import filecmp
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PAIRS = ((SHARED / "corpus", ROOT / "tests" / "corpus"), (SHARED / "gold", ROOT / "tests" / "gold"))


def stale() -> list[str]:
    """Files of ``../shared`` that are missing or different in the copies, and copies with no source."""
    out = []
    for source, copy in PAIRS:
        names = {p.name for p in source.glob("*") if p.suffix in (".json", ".md")}
        have = {p.name for p in copy.glob("*") if p.suffix in (".json", ".md")}
        out += [str(copy / n) for n in sorted(names) if n not in have or not filecmp.cmp(source / n, copy / n, False)]
        out += [f"{copy / n} (no longer in {source})" for n in sorted(have - names)]
    return out


def main(argv: list[str]) -> int:
    if not SHARED.is_dir():
        print(f"{SHARED} is not here: nothing to copy from", file=sys.stderr)
        return 2
    changed = stale()
    if "--check" in argv:
        print("\n".join(changed) or "copies are up to date")
        return 1 if changed else 0
    for source, copy in PAIRS:
        copy.mkdir(parents=True, exist_ok=True)
        for p in copy.glob("*.json"):
            if not (source / p.name).exists():
                p.unlink()
        for p in source.glob("*"):
            if p.suffix in (".json", ".md"):
                shutil.copyfile(p, copy / p.name)
    print(f"{len(changed)} file(s) updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
