"""Golden cases per language: a sentence in, its office facts out (``tests/cases/<lang>.json``).

Each case is checked with both deciders of ``parse_article``: the learned model (the default) and
the hand rules of ``offices.py``, whose reading the model weighs. A case with a "model_xfail" or
an "xfail" reason is a known miss of the model or of the rules: it must keep failing until fixed
(strict xfail), so a fix shows up as a test to update. The office model learns from these cases
(``tools/train.py``), so its passing them is no evidence by itself: ``tools/evaluate.py`` scores it
on cases held out of its training.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import expansion_tracker as et

CASES = Path(__file__).parent / "cases"


_MISSES = {"model": "model_xfail", "rules": "xfail"}  # each decider's known misses


def _load() -> list[Any]:
    params = []
    for decider, miss in _MISSES.items():
        for path in sorted(CASES.glob("*.json")):
            lang = path.stem
            for case in json.loads(path.read_text(encoding="utf-8")):
                marks = [pytest.mark.xfail(reason=case[miss], strict=True)] if case.get(miss) else []
                params.append(pytest.param(decider, lang, case, id=f"{decider}-{lang}-{case['id']}", marks=marks))
    return params


def _office_key(o: dict[str, Any]) -> tuple[Any, ...]:
    return (o["city"] or "", o["country"], o["status"], o.get("kind", "office"))


@pytest.mark.parametrize(("decider", "lang", "case"), _load())
def test_case(decider: str, lang: str, case: dict[str, Any]) -> None:
    published = dt.date.fromisoformat(case["published"]) if case.get("published") else None
    ann = et.parse_article(case["text"], language=lang, published=published, decider=decider).to_dict()
    got = sorted(_office_key(o) for o in ann["offices"] if not o["background"])
    want = sorted(_office_key(o) for o in case["offices"])
    assert got == want
