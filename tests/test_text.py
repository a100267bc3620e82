from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from expansion_tracker.text import _CHAR_MAP, _END, normalize, split_sentences

# The sentence-end rule as first written (a lookbehind, then two alternatives); _END is the same
# rule rearranged to open with the stop character, which lets the regex engine skip ahead in C.
_END_AS_WRITTEN = re.compile(r"""(?<![.!?…])[.!?…]+["')\]]*(?=\s+["'(\[]?[\w])|[.!?]["')\]]*(?=[A-ZÄÖÜÀ-Þ])""")


def test_normalize_keeps_offsets_for_one_to_one_replacements() -> None:
    original = "OpenAI\u2019s \u201eBüro\u201c\u00a0in\u200bLondon"
    doc = normalize(original)
    assert doc.text == 'OpenAI\'s "Büro" in London'
    start = doc.text.index("London")
    assert doc.span(start, start + 6).text == "London"


@given(st.lists(st.sampled_from([*_CHAR_MAP, "a", "ß", " ", "\n", "\u00e9"])).map("".join))
def test_normalize_replaces_exactly_the_table_characters(text: str) -> None:
    # every table character is replaced by its one-character counterpart, nothing else changes
    assert normalize(text).text == text.translate(str.maketrans(_CHAR_MAP))


def test_normalize_composes_and_maps_back() -> None:
    original = "Zu\u0308rich und Mu\u0308nchen"
    doc = normalize(original)
    assert doc.text == "Zürich und München"
    start = doc.text.index("München")
    ev = doc.span(start, start + len("München"))
    assert ev.text == "Mu\u0308nchen"
    assert original[ev.start : ev.end] == ev.text


def test_control_characters_become_spaces() -> None:
    assert normalize("a\x00b\x1bc").text == "a b c"


def test_sentences_split_on_lines_and_stops_but_not_abbreviations() -> None:
    text = "Headline here\n\nJ.P. Morgan opened an office. It is in St. Louis. Am 3. Mai 2017 kam es."
    got = [s.text for s in split_sentences(text, ["st."])]
    assert got == [
        "Headline here",
        "J.P. Morgan opened an office.",
        "It is in St. Louis.",
        "Am 3. Mai 2017 kam es.",
    ]


def test_missing_space_after_stop_still_splits() -> None:
    got = [s.text for s in split_sentences("for AI start-ups.According to a report")]
    assert got == ["for AI start-ups.", "According to a report"]


@given(st.lists(st.sampled_from(list(".!?…\"')]([ \nAaÄÞ1x'-"))).map("".join), st.integers(0, 4))
def test_sentence_end_rule_matches_as_written(text: str, pos: int) -> None:
    spans = [m.span() for m in _END.finditer(text, pos)]
    assert spans == [m.span() for m in _END_AS_WRITTEN.finditer(text, pos)]
