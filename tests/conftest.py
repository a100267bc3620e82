"""Shared fixtures: the shipped seeds and the annotated articles copied into ``tests/`` (see tools/sync_corpus.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus"  # development articles, a copy of ../shared/corpus
GOLD = ROOT / "tests" / "gold"  # the seeds' gold, a copy of ../shared/gold
FLOORS: dict[str, Any] = json.loads((ROOT / "tests" / "floors.json").read_text(encoding="utf-8"))


def load_gold_docs() -> list[dict[str, Any]]:
    """The annotated articles (seeds' gold, then the corpus) with their text."""
    docs = []
    for folder in (GOLD, CORPUS):
        for p in sorted(folder.glob("*.json")):
            d = json.loads(p.read_text(encoding="utf-8"))
            if "text" not in d and "text_file" in d:
                d["text"] = (ROOT / d["text_file"]).read_text(encoding="utf-8")
            docs.append(d)
    return docs


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
