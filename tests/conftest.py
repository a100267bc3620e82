"""Shared fixtures: the shipped seeds and the shared gold/corpus when they are beside the project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def load_gold_docs() -> list[dict[str, Any]]:
    """The gold files of ../shared (seeds and corpus) with their text; empty when absent."""
    docs = []
    for folder in (SHARED / "gold", SHARED / "corpus"):
        for p in sorted(folder.glob("*.json")):
            d = json.loads(p.read_text(encoding="utf-8"))
            if "text" not in d and "text_file" in d:
                d["text"] = (SHARED / d["text_file"]).read_text(encoding="utf-8")
            docs.append(d)
    return docs


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
