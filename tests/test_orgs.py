"""Organizations and the subject company, per language, on small hand-made texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expansion_tracker.languages import load_language
from expansion_tracker.orgs import SpanIndex, find_organizations, find_subject
from expansion_tracker.spans import OrgMention
from expansion_tracker.text import split_sentences


def orgs_and_subject(text: str, code: str) -> tuple[set[str], str | None]:
    lang = load_language(code)
    sents = split_sentences(text, lang.get("text", "abbreviations"))
    orgs = find_organizations(text, lang, sents, [])
    return {o.name for o in orgs}, find_subject(text, lang, sents, orgs)


def test_possessive_and_compound_give_the_canonical_name() -> None:
    text = "OpenAI opens an office in London.\n\nThe Microsoft-backed startup said OpenAI's team will grow."
    names, subject = orgs_and_subject(text, "en")
    assert names == {"OpenAI", "Microsoft"}
    assert subject == "OpenAI"


def test_german_compound_prefix_is_the_organization() -> None:
    text = "OpenAI eröffnet Büro in Singapur\n\nLaut einem OpenAI-Unternehmenssprecher wächst OpenAI weiter."
    lang = load_language("de")
    sents = split_sentences(text)
    orgs = find_organizations(text, lang, sents, [])
    assert {o.text for o in orgs} == {"OpenAI"}
    assert len(orgs) == 3


def test_legal_suffix_is_dropped_from_the_name() -> None:
    text = "Acme Widgets GmbH eröffnet ein Büro. Die Acme Widgets GmbH wächst."
    names, _ = orgs_and_subject(text, "de")
    assert names == {"Acme Widgets"}


def test_bracketed_acronym_is_an_alias_of_the_headline_name() -> None:
    text = (
        "Cambridge Innovation Center kiest Rotterdam\n\n"
        "Het Cambridge Innovation Center (CIC) opent een vestiging. CIC richt 13.000 vierkante meter in."
    )
    lang = load_language("nl")
    sents = split_sentences(text)
    orgs = find_organizations(text, lang, sents, [])
    assert {o.name for o in orgs} == {"Cambridge Innovation Center"}
    assert {o.text for o in orgs} == {"Cambridge Innovation Center", "CIC"}
    assert find_subject(text, lang, sents, orgs) == "Cambridge Innovation Center"


@pytest.mark.parametrize(
    ("code", "text", "texts"),
    [
        # the bracket ends several names ("Australia", "Bank of Australia", ...): the one whose
        # initials spell the acronym takes it
        (
            "en",
            "CBA opens office in Amsterdam\n\nCommonwealth Bank of Australia (CBA) opens an office. CBA will hire.",
            {"CBA", "Commonwealth Bank of Australia"},
        ),
        # an English name in a Dutch text: "of" joins no name, and the word before the bracket,
        # "Australia", does not start as "CBA" does: it is not another form of the acronym's company
        (
            "nl",
            "CBA opent kantoor\n\nDe Commonwealth Bank of Australia (CBA) opent een kantoor. CBA wil er "
            "vijftig mensen laten werken. Volgens CBA viel de keuze op Amsterdam.",
            {"CBA"},
        ),
    ],
)
def test_a_bracketed_acronym_is_the_form_of_the_name_it_abbreviates(code: str, text: str, texts: set[str]) -> None:
    lang = load_language(code)
    orgs = find_organizations(text, lang, split_sentences(text), [])
    assert {o.text for o in orgs if o.name == "CBA" or o.text == "CBA" or "Australia" in o.text} == texts


def test_company_noun_before_the_name() -> None:
    text = "PR-Agentur Press'n'Relations eröffnet Büro in Berlin\n\nDie Agentur Press'n'Relations wächst."
    names, subject = orgs_and_subject(text, "de")
    assert "Press'n'Relations" in names
    assert subject == "Press'n'Relations"


def test_person_after_a_title_is_not_an_organization() -> None:
    text = "La reina Letizia inaugura la 40 edición de Fitur\n\nLa Feria Internacional de Turismo (Fitur) abre hoy."
    names, subject = orgs_and_subject(text, "es")
    assert "Letizia" not in names
    assert subject == "Fitur"


def test_court_is_not_the_subject_company() -> None:
    text = (
        "Dieselskandal: BGH stellt sich gegen Volkswagen\n\n"
        "Der Bundesgerichtshof (BGH) hat Volkswagen kritisiert. Volkswagen will zahlen. Volkswagen sieht das gelassen."
    )
    _, subject = orgs_and_subject(text, "de")
    assert subject == "Volkswagen"


def test_a_capitalized_common_noun_is_no_fallback_subject() -> None:
    text = "Berlin: Konferenz zur Digitalisierung\n\nVertreter diskutierten über die Digitalisierung der Verwaltung."
    assert orgs_and_subject(text, "de") == (set(), None)


def test_topic_prefix_of_a_headline_is_not_the_subject() -> None:
    text = (
        "Brexit: Standard Chartered baut Zentrale in Frankfurt auf\n\n"
        "Die Großbank Standard Chartered hat sich festgelegt."
    )
    _, subject = orgs_and_subject(text, "de")
    assert subject == "Standard Chartered"


@pytest.mark.parametrize(
    ("code", "text", "subject"),
    [
        ("fr", "PwC installe son siège régional à Lyon\n\nLe cabinet d'audit PwC déménage. PwC recrute.", "PwC"),
        ("it", "Maticmind sbarca a Napoli\n\nMaticmind, società italiana, ha inaugurato un centro.", "Maticmind"),
        ("es", "Google abre su primera oficina en Barcelona\n\nGoogle ya tiene sede en Barcelona.", "Google"),
        ("nl", "DSM verruilt Heerlen voor Maastricht\n\nKoninklijke DSM vertrekt. DSM bouwt een kantoor.", "DSM"),
        (
            "en",
            "Collisons bet on Dublin with new Stripe base\n\nStripe, a payments firm, opens. Stripe hires.",
            "Stripe",
        ),
    ],
)
def test_subject_per_language(code: str, text: str, subject: str) -> None:
    assert orgs_and_subject(text, code)[1] == subject


def test_no_organizations_in_plain_text() -> None:
    assert orgs_and_subject("nothing to see here.", "en") == (set(), None)


def test_after_break_reads_the_loose_start_pattern_backwards() -> None:
    """_after_break(text, s) must say exactly whether a match of _LOOSE_START (or the text start) ends at s."""
    import random
    import re

    from expansion_tracker.orgs import _LOOSE_START, _TEXT_START, _after_break

    rnd = random.Random(11)
    alphabet = [*" \"'()\n–—:.!?aB1_-,", "  ", ". ", '." ', "\n\n"]
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 20)))
        first = _TEXT_START.match(text)
        assert first is not None  # it matches the empty string too
        ends = {m.end() for m in _LOOSE_START.finditer(text)} | {first.end()}
        for s, ch in enumerate(text):
            if re.match(r"[^\W_]", ch):
                assert _after_break(text, s) == (s in ends), (text, s)


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Procter &Gamble opened an office. Procter &Gamble grows.", {("Procter &Gamble", "Procter & Gamble")}),
        ("Procter & Gamble opened an office. Procter & Gamble grows.", {("Procter & Gamble", "Procter & Gamble")}),
        ("Acme&Co opened an office. Then Acme&Co grew.", {("Acme&Co", "Acme&Co")}),
        ("The Bank of England opened an office. The Bank of England said.", {("England", "England")}),
    ],
)
def test_runs_are_tokenized_like_the_word_pattern(text: str, mentions: set[tuple[str, str]]) -> None:
    """A "&" glued to the next word is a token of its own (the short str.split path must not change that)."""
    lang = load_language("en")
    orgs = find_organizations(text, lang, split_sentences(text, lang.get("text", "abbreviations")), [])
    assert {(o.text, o.name) for o in orgs} == mentions


@pytest.mark.parametrize("code", ["en", "de", "fr", "it", "es", "nl"])
def test_word_before_gate_never_hides_a_rule(code: str) -> None:
    """_tail_rules skips the rules when the last words hold no cue: it must agree with the rules run on every text."""
    import random

    from expansion_tracker.orgs import (
        _company_before,
        _lexicon,
        _source_before,
        _tail_rules,
        _tail_words,
        _title_before,
    )

    lex = _lexicon(code)
    cues = sorted(lex.company_nouns | lex.titles | lex.sources | lex.determiners)
    vocab = [*cues, "de", "d'audit", "said", "in", "-", "PR-", "Berners-", "x", "Konzern-", "of the", ","]
    rnd = random.Random(code)
    for _ in range(3000):
        parts = [rnd.choice(vocab) for _ in range(rnd.randint(0, 6))]
        # hyphens glue words into one ("to-the", "gruppo-de-"): the rules read the parts as words
        text = "".join(w + rnd.choice([" ", " ", "-"]) for w in parts) + rnd.choice([" ", "\n", "-"])
        text = text[: rnd.randint(0, len(text))] + " " if rnd.random() < 0.2 else text
        words = _tail_words(text[-50:])
        expected = (_company_before(words, lex), _title_before(words, lex), _source_before(words, lex))
        if text.endswith((" ", "\n")):
            assert _tail_rules(text, len(text), lex) == expected, text


def test_bracket_starts_are_where_a_bracket_follows_spaces() -> None:
    import random
    import re

    from expansion_tracker.orgs import _bracket_starts

    rnd = random.Random(5)
    for _ in range(2000):
        text = "".join(rnd.choice(" (a)") for _ in range(rnd.randint(0, 12)))
        expected = {e for e in range(len(text) + 1) if re.match(r"[ ]*\(", text[e:])}
        assert _bracket_starts(text) == expected, text


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6))), st.integers(0, 40), st.integers(0, 6))
def test_span_index_quick_answers_agree_with_its_scans(pairs: list[tuple[int, int]], pos: int, width: int) -> None:
    mentions = [OrgMention(s, s + n, "x" * n, "X") for s, n in pairs]
    index = SpanIndex(mentions)
    assert index.covers(pos, pos + width) == (index.covering(pos, pos + width) is not None)
    first_ending = next((m for m in index.items if m.end == pos and m.start < pos), None)
    assert index.ending_at(pos) is first_ending
    holder = index.covering(pos, pos + 1)
    assert index.span_at(pos, 99) == ((holder.start, holder.end) if holder else (0, 99))
