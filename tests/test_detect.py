from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import load_gold_docs
from expansion_tracker import detect_language
from expansion_tracker.detect import _WORD, _word_counts

SAMPLES = {
    "en": "The company said it would open a new office in the city later this year.",
    "de": "Das Unternehmen will noch in diesem Jahr ein neues Büro in der Stadt eröffnen.",
    "fr": "La société a annoncé qu'elle ouvrira un nouveau bureau dans la ville cette année.",
    "es": "La empresa anunció que abrirá una nueva oficina en la ciudad este año.",
    "it": "L'azienda ha annunciato che aprirà un nuovo ufficio nella città quest'anno.",
    "nl": "Het bedrijf heeft aangekondigd dat het dit jaar een nieuw kantoor in de stad opent.",
}


@pytest.mark.parametrize(("code", "text"), sorted(SAMPLES.items()))
def test_one_sentence_is_enough(code: str, text: str) -> None:
    assert detect_language(text) == code


# Accuracy over every golden sentence case (tests/cases/<lang>.json): one sentence each, often only a
# company, a verb and a city. 61 of 67 were right with function words alone (0.91).
SHORT_TEXT_ACCURACY = 0.98


def test_accuracy_on_every_golden_sentence() -> None:
    cases = [
        (path.stem, case["text"])
        for path in sorted((Path(__file__).parent / "cases").glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))
    ]
    right = sum(detect_language(text) == code for code, text in cases)
    assert len(cases) > 50
    assert right / len(cases) >= SHORT_TEXT_ACCURACY, [(c, t) for c, t in cases if detect_language(t) != c]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("fr", "Acme Robotics ferme son bureau de Paris."),
        ("en", "March 4, 2024\n\nAcme Corp opens an office in London."),
        ("en", "Hooli closes office in Austin"),
        ("nl", "Acme sluit kantoor in Utrecht"),
        ("it", "Acme chiude la sede di Roma"),
        ("es", "Acme cierra su oficina de Sevilla"),
        ("de", "Acme schließt Büro in Köln"),
    ],
)
def test_headlines_and_one_liners(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_a_tie_is_decided_by_the_default() -> None:
    assert detect_language("Acme in Berlin", default="nl") == "nl"  # "in" is a word of en, de, it and nl
    assert detect_language("Acme in Berlin") == "en"


def test_no_words_gives_the_default() -> None:
    assert detect_language("12345 !!!", default="fr") == "fr"


def test_accuracy_on_the_shared_corpus() -> None:
    docs = load_gold_docs()
    if not docs:
        pytest.skip("../shared/gold and ../shared/corpus are not beside the project")
    wrong = [d["id"] for d in docs if detect_language(d["text"]) != d["lang"]]
    assert wrong == []


def _word_counts_by_regex(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text))


_TRICKY = st.sampled_from(list("ab'ßİıé1_² \n\t,.-\u00a0\u2028\u0301"))


@given(st.text(alphabet=_TRICKY, max_size=40) | st.text(max_size=40))
def test_word_counts_are_those_of_the_word_regex(text: str) -> None:
    # str.isalpha chunks are taken whole: they must be exactly the words the regex would find
    assert _word_counts(text) == _word_counts_by_regex(text)
