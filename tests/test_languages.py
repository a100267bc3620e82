from __future__ import annotations

import json
from importlib import resources

import pytest

from expansion_tracker.errors import LanguageDataError, UnsupportedLanguageError
from expansion_tracker.languages import load_language, supported_languages, validate_topic


def test_the_six_languages_are_supported() -> None:
    assert set(supported_languages()) >= {"en", "de", "fr", "es", "it", "nl"}


@pytest.mark.parametrize("code", supported_languages())
def test_every_language_file_matches_its_schema(code: str) -> None:
    folder = resources.files("expansion_tracker.languages") / code
    for path in folder.iterdir():
        if path.name.endswith(".json"):
            validate_topic(path.name[:-5], json.loads(path.read_text(encoding="utf-8")), path.name)
    assert load_language(code).code == code


def test_unknown_keys_and_wrong_types_are_rejected() -> None:
    with pytest.raises(LanguageDataError, match="unknown key"):
        validate_topic("detect", {"stopword": ["a"]}, "x.json")
    with pytest.raises(LanguageDataError, match="list\\[str\\]"):
        validate_topic("detect", {"stopwords": "a b"}, "x.json")


def test_unknown_language_carries_its_code() -> None:
    with pytest.raises(UnsupportedLanguageError) as info:
        load_language("tlh")
    assert info.value.code == "tlh"
    assert isinstance(info.value, ValueError)
