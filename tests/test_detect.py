from __future__ import annotations

import pytest

from conftest import load_gold_docs
from expansion_tracker import detect_language

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


def test_no_words_gives_the_default() -> None:
    assert detect_language("12345 !!!", default="fr") == "fr"


def test_accuracy_on_the_shared_corpus() -> None:
    docs = load_gold_docs()
    if not docs:
        pytest.skip("../shared/gold and ../shared/corpus are not beside the project")
    wrong = [d["id"] for d in docs if detect_language(d["text"]) != d["lang"]]
    assert wrong == []
