"""Memos change speed, never results: the same text parses the same with cold, warm or full memos."""

from __future__ import annotations

from pathlib import Path

import pytest

import expansion_tracker as et
from expansion_tracker.memo import Memo, clear_memos

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
EXTRA = [
    "Acme Robotics plans to open its first international office in London next year, CEO Jane Doe said.",
    "Die Beispiel GmbH eröffnet im März ein neues Büro in München, sagte Geschäftsführerin Anna Schmidt.",
    "La société Exemple ouvre un bureau à Lyon, a annoncé son directeur général Paul Martin.",
]


def _parse_all(texts: list[str]) -> list[dict[str, object]]:
    return [et.parse_article(t, published="2024-05-06").to_dict() for t in texts]


def test_results_do_not_depend_on_what_was_parsed_before() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS] + EXTRA
    cold = []
    for text in texts:  # each text parsed with empty memos
        clear_memos()
        cold.extend(_parse_all([text]))
    warm = _parse_all(texts)
    again = _parse_all(list(reversed(texts)))[::-1]
    assert cold == warm == again


def test_a_full_memo_starts_over_instead_of_growing() -> None:
    memo: Memo[int, int] = Memo(limit=100)
    for i in range(1000):
        memo.remember(i, i)
        assert len(memo) <= 100
    assert memo[999] == 999


def test_a_memo_needs_room_for_one_entry() -> None:
    with pytest.raises(ValueError):
        Memo(limit=0)
