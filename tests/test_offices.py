"""The office framing stage on hand-made place mentions: no gazetteer involved."""

from __future__ import annotations

import random
import re

import pytest

from expansion_tracker import parse_article
from expansion_tracker.cues import TOKEN, Tokens, clause_break_pattern, find_cues, lexicon, office_words
from expansion_tracker.languages import load_language, supported_languages
from expansion_tracker.models import OfficeKind, OfficeStatus, Place
from expansion_tracker.offices import OfficeFact, find_offices
from expansion_tracker.spans import OrgMention, PlaceMention
from expansion_tracker.text import split_sentences

PLACES = {
    "London": Place("London", "GB", 2643743),
    "Paris": Place("Paris", "FR", 2988507),
    "Berlin": Place("Berlin", "DE", 2950159),
    "Poland": Place(None, "PL"),
    "France": Place(None, "FR"),
    "San Francisco": Place("San Francisco", "US", 5391959),
    "Segrate": Place("Segrate", "IT", 3166808),
    "milanese": Place("Milan", "IT", 3173435),
    "Napoli": Place("Naples", "IT", 3172394),
    "Cambridge": Place("Cambridge", "US", 4931972),
    "Boston": Place("Boston", "US", 4930956),
}


def _offices(text: str, lang: str = "en", subject: str | None = "Acme", orgs: tuple[str, ...] = ()) -> list[OfficeFact]:
    places = []
    for name, place in PLACES.items():
        for m in re.finditer(re.escape(name), text):
            places.append(PlaceMention(m.start(), m.end(), name, place, derived=name.islower()))
    places.sort(key=lambda p: p.start)
    org_mentions = [OrgMention(m.start(), m.end(), o, o) for o in orgs for m in re.finditer(re.escape(o), text)]
    data = load_language(lang)
    return find_offices(text, data, split_sentences(text), places, [], org_mentions, subject)


def _summary(facts: list[OfficeFact]) -> set[tuple[str | None, str, str, str]]:
    return {(f.place.name, f.place.country, f.status.value, f.kind.value) for f in facts}


def test_a_plan_to_open_is_planned() -> None:
    facts = _offices("Acme announced plans to open an office in London.")
    assert _summary(facts) == {("London", "GB", "planned", "office")}
    assert facts[0].company == "Acme"


def test_a_list_shares_one_cue() -> None:
    assert _summary(_offices("Acme opened offices in London, Paris and Berlin.")) == {
        ("London", "GB", "opened", "office"),
        ("Paris", "FR", "opened", "office"),
        ("Berlin", "DE", "opened", "office"),
    }


@pytest.mark.parametrize(
    ("code", "text", "closed"),
    [
        (
            "en",
            "Acme closes plants\n\nAcme closed its plants in Charlotte, North Carolina; Portland, Oregon; and "
            "Riverside, California.",
            {"Charlotte", "Portland", "Riverside"},
        ),
        (
            "es",
            "Acme cierra plantas\n\nAcme cerró sus plantas en Monterrey, Nuevo León; Saltillo, Coahuila; y "
            "Hermosillo, Sonora.",
            {"Monterrey", "Saltillo", "Hermosillo"},
        ),
    ],
)
def test_a_list_of_places_with_their_regions_may_use_semicolons(code: str, text: str, closed: set[str]) -> None:
    """ "in Charlotte, North Carolina; Portland, Oregon; and Riverside, California": the semicolons separate
    the items of one list, which shares its verb; between two clauses a semicolon still ends the first."""
    found = {o.place.name: o.status for o in parse_article(text, language=code).offices}
    assert closed <= set(found) and all(found[c] is OfficeStatus.CLOSED for c in closed)
    two = parse_article("Acme opened an office in Paris; Beta closed its office in Rome.", language="en").offices
    assert {o.place.name: o.status for o in two} == {"Paris": OfficeStatus.OPENED, "Rome": OfficeStatus.CLOSED}


@pytest.mark.parametrize(
    ("code", "text", "city"),
    [
        ("en", "Boeing will move its global headquarters from Chicago to Arlington, Virginia.", "Arlington"),
        ("fr", "General Electric installera à Paris le siège mondial de ses énergies renouvelables.", "Paris"),
        ("es", "Acme trasladará su sede mundial a Madrid el próximo año.", "Madrid"),
        ("it", "Esempio trasferirà la sede mondiale a Milano il prossimo anno.", "Milan"),
        ("nl", "Voorbeeld verhuist zijn wereldwijde hoofdkantoor naar Amsterdam.", "Amsterdam"),
    ],
)
def test_a_global_head_office_is_the_head_office_not_a_regional_one(code: str, text: str, city: str) -> None:
    """ "global headquarters", "siège mondial": the company's main head office; "European headquarters" stays
    regional."""
    kinds = {o.place.name: o.kind for o in parse_article(text, language=code).offices}
    assert kinds[city] is OfficeKind.HEADQUARTERS
    regional = parse_article("Acme will open its European headquarters in Dublin.", language="en").offices
    assert [o.kind for o in regional] == [OfficeKind.REGIONAL_HEADQUARTERS]


def test_alternatives_are_considered_countries() -> None:
    assert _summary(_offices("Acme said Poland and France had been proposed as alternatives for the office.")) == {
        (None, "PL", "considered", "office"),
        (None, "FR", "considered", "office"),
    }


def test_a_city_without_an_office_cue_is_not_an_office() -> None:
    assert _offices("Acme's chief executive gave a talk in London about regulation.") == []


def test_negation_cancels_the_plan() -> None:
    assert _offices("Acme has no plans to open an office in Paris.") == []


def test_headquarters_kind_survives_a_negated_verb() -> None:
    facts = _offices("Acme has not expanded beyond its San Francisco headquarters since 2015.")
    assert _summary(facts) == {("San Francisco", "US", "existing", "headquarters")}


def test_another_company_named_by_the_office_is_its_owner() -> None:
    facts = _offices("Acme opened an office in Paris. Globex closed its office in Berlin.", orgs=("Globex",))
    owners = {f.place.name: (f.company, f.background) for f in facts}
    assert owners == {"Paris": ("Acme", False), "Berlin": ("Globex", True)}


def test_clauses_keep_their_own_verbs() -> None:
    text = "Acme ha chiuso gli uffici di Segrate e ha inaugurato oggi la nuova sede milanese."
    facts = _offices(text, "it")
    assert _summary(facts) == {
        ("Segrate", "IT", "closed", "office"),
        ("Milan", "IT", "opened", "headquarters"),
    }


def test_one_fact_per_place_with_schema_precedence() -> None:
    text = "Acme already has an office in London. Acme will open a bigger office in London."
    facts = _offices(text)
    assert len(facts) == 1
    assert facts[0].status is OfficeStatus.PLANNED


def test_regional_hub_is_a_regional_headquarters() -> None:
    facts = _offices("Acme will open its APAC hub in Paris.")
    assert facts[0].kind is OfficeKind.REGIONAL_HEADQUARTERS


def test_a_dateline_city_is_not_an_office() -> None:
    facts = _offices("Acme opens office\n\nBerlin – Acme has opened a new office in Paris.", "en")
    assert _summary(facts) == {("Paris", "FR", "opened", "office")}


def test_a_city_described_as_a_hub_is_no_office() -> None:
    assert _offices("Acme is expanding. London is also becoming a thriving hub for AI start-ups.") == []
    assert _summary(_offices("Acme said London is its largest office.")) == {("London", "GB", "existing", "office")}


def test_offices_behind_a_possessive_are_ones_the_company_has() -> None:
    text = "Acme plant, Beschäftigte aus London auf ihre Niederlassungen in Paris und Berlin zu verteilen."
    assert {f.status.value for f in _offices(text, "de")} == {"existing"}
    assert _summary(_offices("Acme will close its office in Paris.")) == {("Paris", "FR", "closed", "office")}


def test_a_near_place_only_locates_the_place_before_it() -> None:
    text = "Acme richtte in 1999 op in Cambridge, bij Boston, waar het nog altijd zijn thuisbasis heeft."
    assert _summary(_offices(text, "nl")) == {("Cambridge", "US", "existing", "headquarters")}


def test_a_place_ending_an_organization_name_locates_it() -> None:
    text = "Acme ha inaugurato oggi un nuovo ufficio al Centro Direzionale di Napoli."
    facts = _offices(text, "it", orgs=("Centro Direzionale di Napoli",))
    assert _summary(facts) == {("Naples", "IT", "opened", "office")}
    assert _offices("Acme opened an office at University College London.", orgs=("University College London",)) == []


def _plain_break_pattern(breaks: list[str]) -> re.Pattern[str]:
    """The clause-break pattern as one alternative per phrase (the reference for the grouped one)."""
    alternatives = [r"[;]", r":(?=\s)", r"\s--\s"]
    for b in breaks:
        body = re.escape(b.lstrip(",").strip())
        alternatives.append((r",\s*" if b.startswith(",") else r"(?<!\w)") + body + r"(?!\w)")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def test_grouped_clause_breaks_match_like_one_alternative_per_phrase() -> None:
    rng = random.Random(5)
    for code in supported_languages():
        breaks = load_language(code).topic("offices").get("clause_breaks", [])
        grouped, plain = clause_break_pattern(breaks), _plain_break_pattern(breaks)
        pieces = [b.lstrip(",").strip() for b in breaks] + [",", ", ", ",\n ", " ", ";", ":", " -- ", "x", "É", "ß"]
        for _ in range(400):
            text = "".join(rng.choice(pieces).upper() if rng.random() < 0.2 else rng.choice(pieces) for _ in range(12))
            assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    for odd in ([", which", "but", ","], [", which", "but", " ,odd"]):  # an empty phrase; a word break opening with ","
        assert clause_break_pattern(odd).pattern == _plain_break_pattern(odd).pattern


def test_possessive_tokens_are_the_greedy_tokens() -> None:
    greedy = re.compile(r"\w+(?:[-'&.]\w+)*|[&/]")
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice("ab1_é-'&./ ,Ü") for _ in range(rng.randrange(30)))
        assert [m.span() for m in TOKEN.finditer(text)] == [m.span() for m in greedy.finditer(text)], text


def test_office_words_finds_whole_office_nouns_in_any_case() -> None:
    """Office nouns, head-office suffixes and German compounds are found where they stand, as whole
    tokens only: a noun inside a longer token ("office_x", "x.office") is no office."""
    text = "OFFICE in Paris. Our London-based team; no office_x or x.office here."
    assert [text[at : at + 6] for at in office_words(text, lexicon("en"))] == ["OFFICE", "London", "team; "]
    german = "Das Entwicklungsbüro in Köln und zwei Büros in Bonn."
    assert [german[at : at + 8] for at in office_words(german, lexicon("de"))] == ["Entwickl", "Büros in"]
    assert office_words("Nothing here is of interest.", lexicon("en")) == []


def test_office_words_keeps_offsets_where_lowering_changes_the_length() -> None:
    """Lower-casing "İ" adds a character: the offsets still point into the text as written."""
    text = "İİİ İstanbul office, then the Ankara office."
    found = office_words(text, lexicon("en"))
    assert [text[at : at + 6] for at in found] == ["office", "office"]


def test_the_rules_read_small_towns_named_where_an_office_is_spoken_of() -> None:
    """The towns the place finder leaves out (GeoNames towns of 1,000+) are places to the rules as to the
    model, where their sentence speaks of an office: closures of village branches are offices too."""
    from expansion_tracker import parse_article

    text = (
        "Unicaja cierra oficinas rurales\n\n"
        "Unicaja cierra sus oficinas en Navaleno, Monteagudo de las Vicarías y Valdeavellano de Tera."
    )
    offices = {(o.place.name, o.status) for o in parse_article(text, language="es").offices}
    assert offices == {
        ("Navaleno", OfficeStatus.CLOSED),
        ("Monteagudo de las Vicarías", OfficeStatus.CLOSED),
        ("Valdeavellano de Tera", OfficeStatus.CLOSED),
    }
    text = "Acme baut in Österreich\n\nDie Acme AG eröffnet ein neues Werk im österreichischen Reutte."
    assert [(o.place.name, o.status) for o in parse_article(text, language="de").offices] == [
        ("Reutte", OfficeStatus.OPENED)
    ]


def test_a_town_whose_name_holds_a_city_is_that_town() -> None:
    """A town's longer name wins over the cities read in its words: "Puebla de Sanabria" is a Spanish
    village, not Puebla in Mexico; "Santa Maria di Sala" is neither Santa Maria (Brazil) nor Salé."""
    from expansion_tracker import parse_article

    text = "Santander cierra oficinas\n\nEl banco cierra sus oficinas en Puebla de Sanabria y Fuentesaúco."
    offices = {(o.place.name, o.place.country, o.status) for o in parse_article(text, language="es").offices}
    assert offices == {("Puebla de Sanabria", "ES", OfficeStatus.CLOSED), ("Fuentesaúco", "ES", OfficeStatus.CLOSED)}
    text = "Ronal chiude lo stabilimento\n\nLo stabilimento di Santa Maria di Sala chiuderà a fine anno."
    ann = parse_article(text, language="it")
    assert [(o.place.name, o.place.country) for o in ann.offices] == [("Santa Maria di Sala", "IT")]


@pytest.mark.parametrize(
    ("code", "text", "phrase"),
    [
        ("de", "Bereits zum Jahresende gibt der Konzern seine Fertigung im hohenlohischen Öhringen auf.", "gibt auf"),
        ("de", "Ceratizit macht zwei Werke im Land dicht – rund 650 Jobs betroffen", "macht dicht"),
        ("nl", "AGC doet zijn fabriek in Heule tegen eind juni dicht.", "doet dicht"),
    ],
)
def test_a_separable_verb_is_read_where_its_particle_closes_the_clause(code: str, text: str, phrase: str) -> None:
    """German and Dutch put a separable verb's particle at the end of its clause ("gibt ... auf"): the
    lexicon's "verb particle" phrase is a cue at the verb when the particle closes the clause."""
    lex = lexicon(code)
    tokens = Tokens(text, 0, len(text), lex)
    assert [(c.category, c.text) for c in find_cues(tokens, 0, len(tokens.words)) if c.text == phrase] == [
        ("status:closed", phrase)
    ]


def test_a_particle_inside_its_clause_is_a_preposition() -> None:
    """Where the particle does not close the clause it is a preposition of its own ("auf dem Gelände")."""
    text = "Der Konzern gibt seine Zahlen bekannt und investiert auf dem Gelände."
    tokens = Tokens(text, 0, len(text), lexicon("de"))
    assert not [c for c in find_cues(tokens, 0, len(tokens.words)) if c.category == "status:closed"]
    ann = parse_article("Mahle zieht sich zurück\n\nMahle gibt das Werk in Öhringen Ende 2025 auf.", language="de")
    assert [(o.place.name, o.status) for o in ann.offices] == [("Öhringen", OfficeStatus.CLOSED)]


@pytest.mark.parametrize(
    ("code", "text", "place"),
    [
        ("en", "Acme closes plants\n\nAcme shut its plants in Charlotte and Portland.", "Charlotte"),
        ("fr", "Acme ferme une usine\n\nAcme ferme son usine de Lyon.", "Lyon"),
        ("es", "Acme cierra una fábrica\n\nAcme cierra su fábrica de Valencia.", "Valencia"),
        ("it", "Acme chiude la fabbrica\n\nAcme chiude la fabbrica di Torino.", "Turin"),
        ("de", "Acme schließt Fabrik\n\nAcme schließt seine Fabrik in Leipzig.", "Leipzig"),
        ("nl", "Acme sluit fabrieken\n\nAcme sluit zijn fabrieken in Gent en Luik.", "Liège"),
    ],
)
def test_a_plant_is_an_office_in_every_language(code: str, text: str, place: str) -> None:
    """The schema counts plants, factories and warehouses as a company's sites: each language's office
    nouns hold them, so their closure is read as it is for an office."""
    offices = {o.place.name: o.status for o in parse_article(text, language=code).offices}
    assert offices.get(place) is OfficeStatus.CLOSED, offices


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("fr", "Acme ouvre à Lyon\n\nAcme, déjà présent à Los Angeles, à Londres et à Tokyo, ouvre un bureau à Lyon."),
        (
            "es",
            "Acme abre en Lyon\n\nAcme, que ya está presente en Los Ángeles, en Londres y en Tokio, "
            "abre una oficina en Lyon.",
        ),
    ],
)
def test_a_list_may_repeat_its_preposition_after_each_comma(code: str, text: str) -> None:
    """ "à Los Angeles, à Londres et à Tokyo" is one list: every member reads the verb before it."""
    offices = {o.place.name: o.status for o in parse_article(text, language=code).offices}
    assert offices == {
        "Los Angeles": OfficeStatus.EXISTING,
        "London": OfficeStatus.EXISTING,
        "Tokyo": OfficeStatus.EXISTING,
        "Lyon": OfficeStatus.OPENED,
    }
