"""Golden cases per language: a sentence in, its office facts out (``tests/cases/<lang>.json``).

A case with an "xfail" reason is a known miss: it must keep failing until fixed (strict xfail),
so a fix shows up as a test to update.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import expansion_tracker as et

CASES = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.json")):
        lang = path.stem
        for case in json.loads(path.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(lang, case, id=f"{lang}-{case['id']}", marks=marks))
    return params


def _office_key(o: dict[str, Any]) -> tuple[Any, ...]:
    return (o["city"] or "", o["country"], o["status"], o.get("kind", "office"))


@pytest.mark.parametrize(("lang", "case"), _load())
def test_case(lang: str, case: dict[str, Any]) -> None:
    published = dt.date.fromisoformat(case["published"]) if case.get("published") else None
    ann = et.parse_article(case["text"], language=lang, published=published).to_dict()
    got = sorted(_office_key(o) for o in ann["offices"] if not o["background"])
    want = sorted(_office_key(o) for o in case["offices"])
    assert got == want
