from __future__ import annotations

import datetime as dt

import pytest

import expansion_tracker as et


def test_non_str_text_is_a_type_error_naming_the_type() -> None:
    with pytest.raises(TypeError, match="NoneType"):
        et.parse_article(None)  # type: ignore[arg-type]
    with pytest.raises(et.ArticleTypeError):
        et.parse_article(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_blank_text_gives_an_empty_announcement(text: str) -> None:
    ann = et.parse_article(text, published=dt.date(2024, 1, 2))
    assert ann.is_empty
    assert ann.published == dt.date(2024, 1, 2)


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(et.UnsupportedLanguageError) as info:
        et.parse_article("Hello", language="xx")
    assert info.value.code == "xx"


@pytest.mark.parametrize("bad", ["04/03/2024", 20240304, object()])
def test_bad_published_is_a_clear_error(bad: object) -> None:
    with pytest.raises(et.InvalidDateError):
        et.parse_article("Hello", published=bad)  # type: ignore[arg-type]


def test_datetime_published_is_taken_as_its_date() -> None:
    ann = et.parse_article("OpenAI opens an office.", published=dt.datetime(2024, 3, 4, 12, 0))
    assert ann.published == dt.date(2024, 3, 4)


def test_evidence_always_quotes_the_callers_text(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        ann = et.parse_article(text)
        for office in ann.offices:
            assert office.evidence is not None
            assert text[office.evidence.start : office.evidence.end] == office.evidence.text


def test_bad_arguments_raise_typed_errors_that_carry_the_value() -> None:
    with pytest.raises(et.ParameterError) as info:
        et.parse_many(["x"], workers=-2)
    assert info.value.name == "workers" and info.value.value == -2
    assert isinstance(info.value, ValueError)
    with pytest.raises(et.ParameterError):
        et.read_article("seeds/000_452b0ef847d2f41e.txt", max_bytes=-1)


def test_an_amount_named_in_headline_and_body_is_one_funding() -> None:
    text = (
        "Picnic haalt 355 miljoen euro op\n\n"
        "De online supermarkt Picnic heeft 355 miljoen euro opgehaald bij investeerders. "
        "Eerder haalde het bedrijf 600 miljoen euro op."
    )
    ann = et.parse_article(text)
    assert [(int(m.amount), m.currency) for m in ann.funding] == [(355_000_000, "EUR"), (600_000_000, "EUR")]
    first = ann.funding[0].evidence
    assert first is not None and first.start < text.index("\n")  # the headline's mention is kept
