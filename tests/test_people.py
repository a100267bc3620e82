"""People with roles, per language: pre-nominal titles, appositions, former roles, organizations, surnames."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_gold_docs
from expansion_tracker import parse_article
from expansion_tracker.languages import load_language
from expansion_tracker.orgs import SpanIndex, find_organizations, find_subject
from expansion_tracker.people import (
    _CAPITALIZED_RUN_END,
    _LOWER_UNFAITHFUL,
    _SCOPE_MARKS,
    PENDING_SUBJECT,
    _capitalized_run_before,
    _Context,
    _first_mark,
    _hit,
    _last_word,
    _lexicon,
    _name_matches_holding,
    _title_hits,
    find_people,
    resolve_subject,
)
from expansion_tracker.places import find_places
from expansion_tracker.text import split_sentences

Role = tuple[str, str | None, bool]


def people(text: str, code: str, subject: str | None = None, *, with_places: bool = False) -> dict[str, list[Role]]:
    """Roles by person; ``with_places``: the article's places are found first, as parse_article does."""
    lang = load_language(code)
    sents = split_sentences(text, lang.get("text", "abbreviations"))
    places = find_places(text, lang) if with_places else []
    orgs = find_organizations(text, lang, sents, places)
    subj = subject if subject is not None else find_subject(text, lang, sents, orgs)
    found = find_people(text, lang, sents, orgs, subj, places)
    return {p.name: [(r.title, r.organization, r.current) for r in p.roles] for p in found}


def parsed_roles(text: str, code: str) -> dict[str, list[tuple[str, str | None]]]:
    """(title, organization) of each person, as parse_article gives them (subject and places included)."""
    return {p.name: [(r.title, r.organization) for r in p.roles] for p in parse_article(text, language=code).people}


def test_english_pre_nominal_title_defaults_to_the_subject() -> None:
    text = "OpenAI opens London office.\n\nCEO Sam Altman said OpenAI will hire. Altman said more."
    assert people(text, "en") == {"Sam Altman": [("ceo", "OpenAI", True)]}


def test_english_organization_before_title_and_possessive() -> None:
    text = (
        "Meta closes an office.\n\nMeta spokesperson Jamila Reeves said so. "
        "Jack Dorsey, Twitter's CEO, agreed. Web Summit executive director Paddy Cosgrave spoke."
    )
    assert people(text, "en") == {
        "Jamila Reeves": [("spokesperson", "Meta", True)],
        "Jack Dorsey": [("ceo", "Twitter", True)],
        "Paddy Cosgrave": [("executive director", "Web Summit", True)],
    }


def test_english_apposition_with_public_office() -> None:
    text = "Amazon opens a centre.\n\nBoris Johnson, the Mayor of London, welcomed it."
    assert people(text, "en") == {"Boris Johnson": [("mayor", "London", True)]}


def test_english_former_marker_and_no_stray_words() -> None:
    text = "Stripe opens Dublin base.\n\nLimerick-born Collison and his fellow co-founder, John Collison, spoke."
    assert people(text, "en") == {"John Collison": [("co-founder", "Stripe", True)]}
    text = "Amazon picks Virginia.\n\nNews welcomed by Terry McAuliffe, the state's former governor."
    assert people(text, "en")["Terry McAuliffe"][0][0] == "governor"
    assert people(text, "en")["Terry McAuliffe"][0][2] is False


def test_german_apposition_with_two_former_roles() -> None:
    text = (
        "OpenAI expandiert.\n\nOliver Jay, der ehemalige CRO von Asana und zuvor Head of APAC & LATAM bei Dropbox, "
        "soll die Expansion verantworten. Jay sagte nichts."
    )
    roles = people(text, "de", subject="OpenAI")["Oliver Jay"]
    assert ("cro", "Asana", False) in roles
    assert any(t.startswith("head") and org == "Dropbox" and not cur for t, org, cur in roles)
    assert len(people(text, "de", subject="OpenAI")) == 1


def test_german_compound_titles() -> None:
    text = (
        "Standard Chartered baut Zentrale in Frankfurt auf.\n\n"
        "Das sagte Verwaltungsratschef José Viñals. Deutschland-Chef Heinz Hilger sprach von Anerkennung. "
        "Das sagte EZB-Direktoriumsmitglied Sabine Lautenschläger."
    )
    found = people(text, "de", subject="Standard Chartered")
    assert found["José Viñals"] == [("verwaltungsratschef", "Standard Chartered", True)]
    assert found["Heinz Hilger"] == [("deutschland-chef", "Standard Chartered", True)]
    assert found["Sabine Lautenschläger"] == [("direktoriumsmitglied", "EZB", True)]


def test_french_title_before_comma_and_particle_in_name() -> None:
    text = (
        "Renault plonge dans le rouge.\n\nLe directeur général, Luca de Meo, y voit un résultat. "
        "Eric Schmidt, président exécutif de Google, est venu."
    )
    found = people(text, "fr", subject="Renault")
    assert found["Luca de Meo"] == [("directeur général", "Renault", True)]
    assert found["Eric Schmidt"] == [("président exécutif", "Google", True)]


def test_spanish_title_with_complement_then_name() -> None:
    text = (
        "Fitur abre.\n\nEstaban la presidenta del Congreso, Meritxell Batet; y el alcalde de Madrid, "
        "José Luis Martínez-Almeida."
    )
    found = people(text, "es", subject="Fitur")
    assert found["Meritxell Batet"] == [("presidenta", "Congreso", True)]
    assert found["José Luis Martínez-Almeida"] == [("alcalde", "Madrid", True)]


@pytest.mark.parametrize(
    ("code", "text", "name", "organization"),
    [
        (
            "es",
            "Acme abre una oficina en Mendoza. Lo anunció el director de la Agencia de Innovación de Mendoza, "
            "Federico Ruiz.",
            "Federico Ruiz",
            "Agencia de Innovación de Mendoza",
        ),
        (
            "es",
            "Acme llega a Oviedo. El presidente de la Federación Asturiana de Empresarios, Severino García, "
            "lo celebró.",
            "Severino García",
            "Federación Asturiana de Empresarios",
        ),
        (
            "fr",
            "Acme ouvre un bureau à Lyon, a annoncé le président de la Chambre de Commerce de Lyon, Jean Dupont.",
            "Jean Dupont",
            "Chambre de Commerce de Lyon",
        ),
        (
            "it",
            "Acme apre un ufficio a Torino, ha detto il presidente della Camera di Commercio di Torino, Mario Rossi.",
            "Mario Rossi",
            "Camera di Commercio di Torino",
        ),
        (
            "en",
            "Acme opens an office in London, said the chief executive of the Port of London Authority, Jane Roe.",
            "Jane Roe",
            "Port of London Authority",
        ),
        (
            "nl",
            "Acme opent een kantoor in Utrecht, zegt de directeur van de Kamer van Koophandel, Jan Jansen.",
            "Jan Jansen",
            "Kamer van Koophandel",
        ),
    ],
)
def test_an_organization_named_with_connectors_is_the_whole_name(
    code: str, text: str, name: str, organization: str
) -> None:
    """ "de la Agencia de Innovación de Mendoza": the connector joins one institution's name; the last
    capitalized word after a preposition ("Mendoza", "Commerce") is only a part of it."""
    assert [org for _, org in parsed_roles(text, code)[name]] == [organization]


@pytest.mark.parametrize(
    ("code", "text", "name", "organization"),
    [
        (
            "es",
            "Acme llega a Oviedo. El presidente de la Federación Asturiana de Empresarios (FADE), Severino García, "
            "lo celebró.",
            "Severino García",
            "Federación Asturiana de Empresarios",
        ),
        (
            "it",
            "Acme apre un ufficio a Torino, ha detto il presidente della Camera di Commercio di Torino (CCT), "
            "Mario Rossi.",
            "Mario Rossi",
            "Camera di Commercio di Torino",
        ),
        (
            "en",
            "Acme opens an office in Cork, said the chief executive of the Port of Cork Company (PoCC), "
            "Brendan Keating.",
            "Brendan Keating",
            "Port of Cork Company",
        ),
        (
            "fr",
            "Acme ouvre un bureau à Lyon, a annoncé le président de la Chambre de Commerce de Lyon (CCL), Jean Dupont.",
            "Jean Dupont",
            "Chambre de Commerce de Lyon",
        ),
        (
            "nl",
            "Acme opent een kantoor in Utrecht, zegt de directeur van de Kamer van Koophandel (KvK), Jan Jansen.",
            "Jan Jansen",
            "Kamer van Koophandel",
        ),
    ],
)
def test_an_acronym_in_brackets_does_not_end_the_complement(code: str, text: str, name: str, organization: str) -> None:
    """ "el presidente de la Federación Asturiana de Empresarios (FADE), Severino García": the name after the
    bracketed acronym and the comma holds the title."""
    assert [org for _, org in parsed_roles(text, code)[name]] == [organization]


@pytest.mark.parametrize(
    ("code", "text", "name", "role"),
    [
        ("en", "Aramex Inc., founded in 1982 by Fadi Ghandour, opened an office in Dubai.", "Fadi Ghandour", "founder"),
        (
            "fr",
            "La société Cooptalis, fondée en 2012 par Olivier Desurmont, ouvre un bureau à Lyon.",
            "Olivier Desurmont",
            "fondateur",
        ),
        (
            "es",
            "La empresa Nubia, fundada en 2010 por Ana Ruiz Gómez, abre una oficina en Sevilla.",
            "Ana Ruiz Gómez",
            "fundador",
        ),
        (
            "it",
            "La società Lumina, fondata nel 1990 da Marco Rossi, apre un ufficio a Torino.",
            "Marco Rossi",
            "fondatore",
        ),
        (
            "nl",
            "Het bedrijf Kwant, opgericht in 2005 door Jan Jansen, opent een kantoor in Utrecht.",
            "Jan Jansen",
            "oprichter",
        ),
        ("de", "Die Acme AG, gegründet 2008 von Hans Meier, eröffnet ein Büro in Köln.", "Hans Meier", "gründer"),
    ],
)
def test_a_year_inside_a_role_verb(code: str, text: str, name: str, role: str) -> None:
    """ "founded in 1982 by", "fondée en 2012 par", "gegründet 2008 von": the founding year stands inside the verb."""
    found = parsed_roles(text, code)
    assert found[name] == [(role, parse_article(text, language=code).company.name)]


@pytest.mark.parametrize(
    ("code", "text", "name", "role"),
    [
        # the sentence opens with the organization, which the article names again
        (
            "en",
            "Aramex was founded in 1982 by Fadi Ghandour. Aramex opened an office in Dubai.",
            "Fadi Ghandour",
            ("founder", "Aramex"),
        ),
        # a determiner and a word that describes the person stand between the verb and the name
        (
            "es",
            "Abanca abre una oficina en Miami. El banco, presidido por el venezolano Juan Carlos Escotet, crece.",
            "Juan Carlos Escotet",
            ("presidente", "Abanca"),
        ),
        (
            "en",
            "Acme opened an office in Leeds. Acme was founded by the late Jane Roe.",
            "Jane Roe",
            ("founder", "Acme"),
        ),
    ],
)
def test_a_role_verb_reaches_its_organization_and_its_person(
    code: str, text: str, name: str, role: tuple[str, str]
) -> None:
    found = parsed_roles(text, code)
    assert found[name] == [role]


def test_a_sentence_opening_word_is_no_role_verb_organization() -> None:
    """ "Créé en 2012 et présidé par ...": a capitalized word that opens the sentence once is no organization."""
    text = "Un spécialiste du recrutement ouvre à Lyon. Créé en 2012 et présidé par Olivier Desurmont, il grandit."
    found = {p.name: [r.organization for r in p.roles] for p in parse_article(text, language="fr").people}
    assert "Créé" not in found.get("Olivier Desurmont", [])


@pytest.mark.parametrize(
    "text",
    [
        "Amazon opens a development centre in Dublin, said Jane Roe, the centre's managing director.",
        'Amazon opens a plant in Leeds. "We are proud," said Jane Roe, the plant\'s general manager.',
        "Amazon opens a hub in Leeds, said Jane Roe, the hub's chief operating officer.",
    ],
)
def test_a_title_of_the_companys_site_is_a_title_of_the_company(text: str) -> None:
    """ "the centre's managing director": an office noun in the possessive names the subject's own site."""
    assert [org for _, org in parsed_roles(text, "en")["Jane Roe"]] == ["Amazon"]


@pytest.mark.parametrize(
    ("code", "text", "name", "role"),
    [
        (
            "nl",
            "Sanofi opent een kantoor in Amsterdam. Bij de opening waren Udo Kock, wethouder Economische Zaken van "
            "Amsterdam, en Wouter Bos.",
            "Udo Kock",
            ("wethouder", "Amsterdam"),
        ),
        (
            "it",
            "Esempio apre un ufficio a Milano. C'erano Alessia Cappello, assessora Sviluppo Economico di Milano, e "
            "Mario Rossi.",
            "Alessia Cappello",
            ("assessora", "Milano"),
        ),
    ],
)
def test_a_portfolio_after_its_title_is_no_name(code: str, text: str, name: str, role: tuple[str, str]) -> None:
    """ "Udo Kock, wethouder Economische Zaken": the capitalized words after a portfolio title are its
    portfolio, not a person; the name before the comma holds the title."""
    found = parsed_roles(text, code)
    assert found == {name: [role]}


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("es", "Abanca abre una oficina en Miami. Su directora será Mónica Vázquez García.", "Mónica Vázquez García"),
        ("en", "Acme opens an office in Leeds. Its director will be Mary Ann Smith.", "Mary Ann Smith"),
        ("fr", "Exemple ouvre un bureau à Lyon. Son directeur sera Jean Pierre Dupont.", "Jean Pierre Dupont"),
        ("it", "Esempio apre un ufficio a Torino. Il direttore sarà Gian Luca Rossi.", "Gian Luca Rossi"),
        # after the title's complement, the last two words of a run are the name
        ("it", "Esempio apre a Genova. Il direttore dell'area Liguria Giorgio Rocca ha parlato.", "Giorgio Rocca"),
    ],
)
def test_a_name_of_three_words_after_an_appointment_verb(code: str, text: str, name: str) -> None:
    """ "su directora será Mónica Vázquez García": a name with two surnames or two given names is whole."""
    assert [p.name for p in parse_article(text, language=code).people] == [name]


@pytest.mark.parametrize(
    ("code", "text", "name", "role"),
    [
        (
            "en",
            "Acme opens an office in Birmingham. Andy Street, the Conservative mayor of the West Midlands, said so.",
            "Andy Street",
            ("mayor", "West Midlands"),
        ),
        (
            "en",
            "Acme opens an office in Birmingham, said Andy Street, the Labour mayor of Birmingham.",
            "Andy Street",
            ("mayor", "Birmingham"),
        ),
        (
            "nl",
            "Acme opent een kantoor in Utrecht, zei de VVD-burgemeester van Utrecht, Jan Jansen.",
            "Jan Jansen",
            ("burgemeester", "Utrecht"),
        ),
        (
            "de",
            "Acme eröffnet ein Büro in München, sagte der CSU-Ministerpräsident von Bayern, Markus Söder.",
            "Markus Söder",
            ("ministerpräsident", "Bayern"),
        ),
        # a company before a title that is no public office stays its organization
        ("en", "Meta opens an office in London, said Meta CEO Jane Roe.", "Jane Roe", ("ceo", "Meta")),
    ],
)
def test_a_party_before_a_public_title_is_not_its_place(code: str, text: str, name: str, role: tuple[str, str]) -> None:
    """ "the Conservative mayor of the West Midlands", "VVD-burgemeester van Utrecht": the party tag before
    a public title is no organization; its complement names the place it governs."""
    found = parsed_roles(text, code)
    assert found[name] == [role]


def test_a_department_before_a_connector_stays_a_department() -> None:
    """ "director de Empresas de Microsoft Ibérica": the organization is the one named after the department;
    and where every noun is capitalized, "der Abteilung für Politik" is no organization's name."""
    text = (
        "Microsoft Ibérica abre una oficina en Madrid. Microsoft Ibérica contratará a 50 personas, dijo el "
        "director de Empresas de Microsoft Ibérica, David Hernández."
    )
    found = people(text, "es", subject="Microsoft Ibérica")
    assert found["David Hernández"] == [("director de empresas", "Microsoft Ibérica", True)]
    text = "Acme eröffnet ein Büro in Berlin, sagte die Leiterin der Abteilung für Politik, Sandy Kunvatanagarn."
    assert [org for _, org in parsed_roles(text, "de")["Sandy Kunvatanagarn"]] != ["Abteilung für Politik"]


def test_italian_pre_nominal_and_former() -> None:
    text = (
        "Maticmind sbarca a Napoli.\n\nC'erano il sindaco di Napoli, Luigi de Magistris, e Luigi Nicolais, "
        "già preside di Ingegneria. L'amministratore delegato Carlo Purassanta ha parlato."
    )
    found = people(text, "it", subject="Maticmind")
    assert found["Luigi de Magistris"] == [("sindaco", "Napoli", True)]
    assert found["Luigi Nicolais"][0][2] is False
    assert found["Carlo Purassanta"] == [("amministratore delegato", "Maticmind", True)]


def test_dutch_two_titles_joined_and_surname_coreference() -> None:
    text = (
        "CIC kiest Rotterdam.\n\nTim Rowe richtte CIC in 1999 op. "
        "'We kozen Rotterdam', zegt Rowe, oprichter en ceo van CIC."
    )
    found = people(text, "nl", subject="CIC")
    assert list(found) == ["Tim Rowe"]
    assert sorted(found["Tim Rowe"]) == [("ceo", "CIC", True), ("oprichter", "CIC", True)]


def test_dutch_plural_title_names_two_people() -> None:
    text = (
        "DSM verhuist.\n\nDe twee co-ceo's, Dimitri de Vreeze en Geraldine Matchett, werken mee. "
        "Volgens De Vreeze is het goed."
    )
    found = people(text, "nl", subject="DSM")
    assert found == {"Dimitri de Vreeze": [("co-ceo", "DSM", True)], "Geraldine Matchett": [("co-ceo", "DSM", True)]}


def test_no_person_from_place_names_or_headline_words() -> None:
    text = (
        "Amazon opens London development centre\n\n"
        "Amazon is opening a research centre in Tech City, Britain's answer to Silicon Valley. "
        "Microsoft lascia Segrate e apre a Porta Volta."
    )
    assert people(text, "en") == {}
    assert people("Microsoft lascia Segrate e apre la sua casa a Porta Volta.\n\nLa sede è a Porta Volta.", "it") == {}


def test_a_state_or_country_before_a_title_is_no_person() -> None:
    text = "Tesla moves to Austin, Texas, chief executive Elon Musk told shareholders."
    assert people(text, "en", "Tesla") == {"Elon Musk": [("chief executive", "Tesla", True)]}
    # a person whose first name is also a state keeps it
    assert "Virginia Rometty" in people("Virginia Rometty, chief executive of IBM, spoke.", "en", "IBM")


def test_a_public_office_takes_a_place_only_where_one_is_meant() -> None:
    one = "Die Konferenz fand in Berlin statt. Bürgermeister Kai Wegner eröffnete sie."
    assert people(one, "de", "", with_places=True) == {"Kai Wegner": [("bürgermeister", "Berlin", True)]}
    several = "Vertreter aus Paris, Wien und Warschau kamen. Bürgermeister Kai Wegner eröffnete die Konferenz."
    assert people(several, "de", "", with_places=True) == {"Kai Wegner": [("bürgermeister", None, True)]}


def test_a_former_marker_opening_a_sentence_and_a_national_unit_before_a_title() -> None:
    text = (
        "Google expands\n\nFormer Google chief executive Eric Schmidt spoke. "
        "Former Google Ireland head John Herlihy agreed."
    )
    assert people(text, "en", "Google", with_places=True) == {
        "Eric Schmidt": [("chief executive", "Google", False)],
        "John Herlihy": [("head", "Google Ireland", False)],
    }


def test_dutch_names_with_particles_and_month_like_first_names() -> None:
    text = (
        "Acme opent kantoor\n\nVolgens Jan van der Berg, directeur van Acme, klopt dat. "
        "Topvrouw Mar de Vries van Acme zwijgt."
    )
    assert people(text, "nl", "Acme") == {
        "Jan van der Berg": [("directeur", "Acme", True)],
        "Mar de Vries": [("topvrouw", "Acme", True)],
    }


def test_a_region_in_a_title_is_its_scope_when_the_employer_follows() -> None:
    text = "Acme opens Madrid office\n\nThe office will open in May, said John Smith, head of Europe at Acme."
    assert people(text, "en", "Acme") == {"John Smith": [("head of europe", "Acme", True)]}


def test_people_without_a_role_are_not_returned() -> None:
    text = "Web Summit opens.\n\nDarren Aronofsky and Lauren Goode will then hold a conversation."
    assert people(text, "en") == {}


def test_a_pronoun_before_a_title_stands_for_the_person_named_last() -> None:
    text = 'Anna Berg, die ehemalige CFO von Alpha, wird das Team leiten. Zudem sitzt sie im Vorstand der Firma "Beta".'
    lang = load_language("de")
    sentences = split_sentences(text)
    people = find_people(text, lang, sentences, find_organizations(text, lang, sentences, []), "Gamma")
    roles = {(p.name, r.title, r.organization, r.current) for p in people for r in p.roles}
    assert roles == {("Anna Berg", "cfo", "Alpha", False), ("Anna Berg", "vorstand", "Beta", True)}


def test_a_title_keeps_its_complement_up_to_the_organization() -> None:
    text = "Miguel Ruiz, director de relaciones institucionales de Acme, habló ayer."
    lang = load_language("es")
    sentences = split_sentences(text)
    people = find_people(text, lang, sentences, find_organizations(text, lang, sentences, []), "Acme")
    assert [(r.title, r.organization) for p in people for r in p.roles] == [
        ("director de relaciones institucionales", "Acme")
    ]


# The title regex runs without IGNORECASE on the lowered text when no character forbids it (people._LOWER_UNFAITHFUL).

LANGS = ("de", "en", "es", "fr", "it", "nl")


def _title_literal_chars() -> set[str]:
    chars = set("'s&.-")
    for code in LANGS:
        lang = load_language(code)
        for key in ("titles", "title_endings"):
            chars.update("".join(w.casefold() for w in lang.get("people", key)))
    return chars


def test_lowering_keeps_every_other_character_matching_as_case_insensitively() -> None:
    literals = _title_literal_chars()
    any_literal = re.compile(f"[{re.escape(''.join(sorted(literals)))}]", re.IGNORECASE)
    each_literal = {c: re.compile(re.escape(c), re.IGNORECASE) for c in literals}
    classes = [re.compile(c) for c in (r"\w", r"[^\W\d_]", r"[^\W_]", r"[\w&.']", r"[\w-]", r"[\w&.'-]")]
    folded = [re.compile(c.pattern, re.IGNORECASE) for c in classes]
    for c in map(chr, range(0x110000)):
        if c in _LOWER_UNFAITHFUL:
            continue
        low = c.lower()
        if low == c == c.upper():  # no case: it matches a literal only if it is that literal
            assert bool(any_literal.fullmatch(c)) == (c in literals), c
            continue
        assert len(low) == 1 and ("Ab" + c + " ").lower() == "ab" + low + " ", c
        for lit, rx in each_literal.items():
            assert bool(rx.fullmatch(c)) == (low == lit), (c, lit)
        for cls, cls_folded in zip(classes, folded, strict=True):
            assert bool(cls_folded.fullmatch(c)) == bool(cls.fullmatch(low)), (c, cls)


def _reference_hits(text: str, code: str) -> list[tuple[int, int, str, str | None, int, bool]]:
    return [tuple(_hit(text, m)) for m in _lexicon(code).title.finditer(text)]  # type: ignore[misc]


def _fast_hits(text: str, code: str) -> list[tuple[int, int, str, str | None, int, bool]]:
    return [tuple(h) for h in _title_hits(text, _lexicon(code))]  # type: ignore[misc]


def test_title_hits_are_the_title_regex_matches() -> None:
    for code in LANGS:
        lang = load_language(code)
        words = [w for key in ("titles", "title_endings") for w in lang.get("people", key)]
        for w in words:
            for text in (
                f"{w} X",
                f"Die {w.upper()}s, OpenAI-{w.title()} und Ex-{w}'s; a&{w} b.{w} O'{w}-{w}",
                f"Verwaltungsrats{w} {w}in Stadt{w}s x{w}y {w}-{w}-{w} {'A' * 45}-{w} _{w} 1{w}",
                f"İ {w} ſ K{w} {w.replace('s', 'ſ')} {w.replace('i', 'ı')} {w.replace('k', 'K')}",
                f"{w} {w} {w}s {w}-{w} x{w} {w}, {w}.{w} {w}  {w}",  # titles close together: plain searches
            ):
                assert _fast_hits(text, code) == _reference_hits(text, code), (code, text)


_PIECES = [
    "ceo",
    "CEO",
    "Chef",
    "chef",
    "leiter",
    "Direktor",
    "in",
    "s",
    "'s",
    "-",
    "'",
    "&",
    ".",
    " ",
    ",",
    "ſ",
    "İ",
    "ı",
    "K",
    "ß",
    "é",
    "É",
    "1",
    "_",
    "O'",
    "Head of",
    "vice president",
    "Bürgermeister",
    "Vorsitzende",
    "x",
]
_TITLE_PIECES = st.sampled_from(_PIECES)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(_TITLE_PIECES, max_size=40).map("".join), st.sampled_from(["de", "en", "fr", "nl"]))
def test_title_hits_match_the_case_insensitive_title_regex(text: str, code: str) -> None:
    lex = _lexicon(code)
    for t in (text, text.translate(str.maketrans("", "", "ſİıK"))):  # without those, on the lowered text
        assert _title_hits(t, lex) == [_hit(t, m) for m in lex.title.finditer(t)]


def _bare_context(text: str) -> _Context:
    """The people stage's context for ``text`` in English, with no organizations, places or subject."""
    return _Context(text, _lexicon("en"), SpanIndex([]), SpanIndex([]), SpanIndex([]), None, (), text[::-1], {})


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(["Ab", "x", "é", " ", "  ", "\n", "'", "&", ".", "-", "_", "1", ","]), max_size=30))
def test_last_word_is_the_search_of_its_regex(pieces: list[str]) -> None:
    text = "".join(pieces)
    ctx = _bare_context(text)
    for pos in range(len(text) + 1):
        for lo in {0, max(0, pos - 5), pos}:
            m = re.search(r"([^\W_][\w'&.-]*)[ ]+$", text[lo:pos])
            assert _last_word(ctx, pos, lo) == ((m.group(1), pos - len(m.group(0))) if m else None)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(["Ab", "x", "É", "ß", " ", "  ", "\n", "&", ".", "-", "_", "1", ","]), max_size=30))
def test_capitalized_run_before_is_the_search_of_its_regex(pieces: list[str]) -> None:
    text = "".join(pieces)
    ctx = _bare_context(text)
    for pos in range(len(text) + 1):
        for lo in {0, max(0, pos - 5), pos}:
            m = _CAPITALIZED_RUN_END.search(text[lo:pos])
            assert _capitalized_run_before(ctx, lo, pos) == ((lo + m.start(), lo + m.end()) if m else None)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from([" ", "–", "—", " – ", ",", ";", "(", ":", '"', "-", "a"]), max_size=20).map("".join))
def test_first_mark_is_the_search_of_the_scope_marks(text: str) -> None:
    for pos in range(len(text) + 1):
        for end in range(pos, len(text) + 1):
            m = _SCOPE_MARKS.search(text, pos, end)
            assert _first_mark(text, pos, end) == (m.start() if m else -1)


_NAME_PIECES = ["Anna", "Berg", "Jay", "van", "der", "d'", "O'Neil", " ", "  ", ",", ".", "1", "-", "ß", "STRAUSS"]


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(st.sampled_from(_NAME_PIECES), max_size=30).map("".join),
    st.sets(st.sampled_from(["Anna Berg", "Jay Berg", "Berg", "van der Berg", "Anna  Jay"]), max_size=2),
    st.sets(st.sampled_from(["berg", "jay", "strauss", "neil"]), max_size=2),
    st.sampled_from(["de", "fr"]),
)
def test_names_holding_strings_are_those_of_the_whole_scan(
    text: str, needed: set[str], folded: set[str], code: str
) -> None:
    lex = _lexicon(code)
    ctx = _Context(text, lex, SpanIndex([]), SpanIndex([]), SpanIndex([]), None, (), text[::-1], {})
    expected = [
        m.span()
        for m in lex.name.finditer(text)
        if " " in m.group() and (any(s in m.group() for s in needed) or any(w in m.group().casefold() for w in folded))
    ]
    assert [m.span() for m in _name_matches_holding(ctx, needed, folded)] == expected


def test_a_person_is_placed_where_the_name_is_first_written() -> None:
    text = "Sam Altman spoke first. Later, CEO Sam Altman said OpenAI will hire."
    lang = load_language("en")
    sentences = split_sentences(text)
    found = find_people(text, lang, sentences, find_organizations(text, lang, sentences, []), "OpenAI")
    assert [(p.name, p.start, p.end) for p in found] == [("Sam Altman", 0, 10)]
    text = "CEO Sam Altman said OpenAI will hire. Sam Altman spoke last."
    found = find_people(text, lang, split_sentences(text), [], "OpenAI")
    assert [(p.name, p.start, p.end) for p in found] == [("Sam Altman", 4, 14)]


@pytest.mark.parametrize(
    ("code", "text", "name", "title"),
    [
        (
            "es",
            "Acme abre oficina en Lima. El viceministro de Comunicaciones, Raúl Pérez, confirmó la apertura.",
            "Raúl Pérez",
            "viceministro",
        ),
        (
            "es",
            "Acme abre oficina en Valencia. Se reunieron con la concejala de Economía, Marta Gil.",
            "Marta Gil",
            "concejala",
        ),
        (
            "it",
            "Acme apre a Roma. Il sottosegretario allo Sviluppo economico, Luca Bassi, era presente.",
            "Luca Bassi",
            "sottosegretario",
        ),
        (
            "fr",
            "Acme ouvre un bureau à Lille. Le vice-ministre de l'Industrie, Paul Morel, était présent.",
            "Paul Morel",
            "vice-ministre",
        ),
        (
            "de",
            "Acme eröffnet ein Büro in Passau. Zum Spatenstich kam Landrat Michael Huber.",
            "Michael Huber",
            "landrat",
        ),
        (
            "nl",
            "Acme opent een kantoor in Hasselt. Ook gouverneur Jan Peeters was aanwezig.",
            "Jan Peeters",
            "gouverneur",
        ),
        ("en", "Acme opens an office in Toronto. Ontario Premier Doug Ford welcomed the news.", "Doug Ford", "premier"),
    ],
)
def test_public_offices_of_every_level_are_titles(code: str, text: str, name: str, title: str) -> None:
    """Vice-ministers, councillors, under-secretaries, district heads, governors and premiers hold roles."""
    found = people(text, code, "Acme", with_places=True)
    assert name in found, found
    assert [t for t, _, _ in found[name]] == [title]


def test_people_read_before_the_subject_is_chosen_get_its_roles_once_it_is() -> None:
    """parse_article reads people once, before the subject model picks the subject: given the subject
    afterwards, they are what reading them with it gives, on every annotated article."""
    checked = 0
    for doc in load_gold_docs():
        text = doc["text"]
        lang = load_language(doc["lang"])
        sents = split_sentences(text, lang.get("text", "abbreviations"))
        places = find_places(text, lang)
        orgs = find_organizations(text, lang, sents, places)
        subject = find_subject(text, lang, sents, orgs)
        pending = find_people(text, lang, sents, orgs, PENDING_SUBJECT, places)
        assert resolve_subject(pending, subject) == find_people(text, lang, sents, orgs, subject, places), text
        checked += bool(pending)
    assert checked > 150  # most articles name people


def test_a_role_stated_for_the_subject_and_one_given_to_it_by_default_are_one_role() -> None:
    text = "Acme opens in Lyon.\n\nAcme CEO Anna Berg spoke. Later the CEO Anna Berg spoke again."
    lang = load_language("en")
    sents = split_sentences(text)
    orgs = find_organizations(text, lang, sents, [])
    pending = find_people(text, lang, sents, orgs, PENDING_SUBJECT)
    assert [(r.title, r.organization) for p in pending for r in p.roles] == [("ceo", "Acme"), ("ceo", PENDING_SUBJECT)]
    resolved = resolve_subject(pending, "Acme")
    assert [(r.title, r.organization, r.start) for p in resolved for r in p.roles] == [
        ("ceo", "Acme", pending[0].roles[0].start)
    ]
    assert [(r.title, r.organization) for p in resolve_subject(pending, None) for r in p.roles] == [
        ("ceo", "Acme"),
        ("ceo", None),
    ]


@pytest.mark.parametrize(
    ("code", "text", "name", "role"),
    [
        (
            "es",
            "Microsoft abre en Madrid. Lo dijo el director de Empresas de Microsoft Ibérica, Juan Pérez.",
            "Juan Pérez",
            ("director de empresas", "Microsoft", True),
        ),
        (
            "es",
            "Ryanair abre base en Sevilla. Lo dijo la responsable de Recursos Humanos de Ryanair, Ana Ruiz.",
            "Ana Ruiz",
            ("responsable de recursos humanos", "Ryanair", True),
        ),
        (
            "es",
            "Siemens abre en Querétaro. Según Eduardo Vidal, gerente de Investigación y Desarrollo de Siemens, "
            "habrá 140 ingenieros.",
            "Eduardo Vidal",
            ("gerente de investigación y desarrollo", "Siemens", True),
        ),
        (
            "en",
            "Acme Robotics opens in Paris. Jo Bell, head of Sales and Marketing at Acme Robotics, said so.",
            "Jo Bell",
            ("head of sales and marketing", "Acme Robotics", True),
        ),
        (
            "en",
            "Acme Robotics opens in Paris. Jo Bell, head of Sales of Acme Robotics Europe, said so.",
            "Jo Bell",
            ("head of sales", "Acme Robotics", True),
        ),
        (
            "nl",
            "Itineris opent kantoor in Amsterdam. Volgens de Amsterdamse burgemeester Femke Halsema is dat goed.",
            "Femke Halsema",
            ("burgemeester", "Amsterdam", True),
        ),
        (
            "de",
            "Acme eröffnet in Düsseldorf. Auch die Düsseldorfer Oberbürgermeisterin Anna Kern kam.",
            "Anna Kern",
            ("oberbürgermeisterin", "Düsseldorf", True),
        ),
        (  # a city of several words made an adjective
            "nl",
            "Itineris werkt in New York. Pas onlangs tekende de New Yorkse burgemeester Bill de Blasio.",
            "Bill de Blasio",
            ("burgemeester", "New York City", True),
        ),
        (  # a second public title joined to the first takes the same place, not its adjective
            "nl",
            "Acme opent in Amsterdam. De Amsterdamse burgemeester Femke Halsema en wethouder Victor Everhardt "
            "waren erbij.",
            "Victor Everhardt",
            ("wethouder", "Amsterdam", True),
        ),
        (  # the adjective need not start with the city's name
            "de",
            "Acme zieht nach Opfikon bei Zürich. Das sagte der Zürcher Finanzvorstand Jan Keller.",
            "Jan Keller",
            ("finanzvorstand", "Zürich", True),
        ),
        (
            "de",
            "Acme eröffnet in Düsseldorf. Düsseldorfs Oberbürgermeister Thomas Geisel war in China.",
            "Thomas Geisel",
            ("oberbürgermeister", "Düsseldorf", True),
        ),
        (
            "de",
            "Tesla baut in Grünheide. Berlins Wirtschaftssenatorin Ramona Pop (Grüne) begrüßte den Autobauer.",
            "Ramona Pop",
            ("wirtschaftssenatorin", "Berlin", True),
        ),
        (
            "nl",
            "Acme opent kantoor in Amsterdam. Amsterdams burgemeester Femke Halsema was erbij.",
            "Femke Halsema",
            ("burgemeester", "Amsterdam", True),
        ),
        (  # a genitive within the sentence, which the organization finder reads as a name
            "de",
            "Nordvik baut in Bremen. Den Grundstein legte Nordvik mit Bremens Wirtschaftssenatorin Kristina Vogt.",
            "Kristina Vogt",
            ("wirtschaftssenatorin", "Bremen", True),
        ),
        (
            "nl",
            "Acme opent kantoor in Utrecht. Het pand werd geopend door Utrechts burgemeester Sharon Dijksma.",
            "Sharon Dijksma",
            ("burgemeester", "Utrecht", True),
        ),
        (  # a place made an adjective describes the person, it names no employer
            "en",
            "Lewis Silkin opens in Dublin. The team is led by London-based partner Sean Dempsey.",
            "Sean Dempsey",
            ("partner", "Lewis Silkin", True),
        ),
        (
            "en",
            'Nordvik buys Acme. "We grow," said Alistair Kerr, the Oslo-based senior vice-president.',
            "Alistair Kerr",
            ("vice-president", "Nordvik", True),
        ),
    ],
)
def test_the_names_around_a_title_that_are_not_its_organization(
    code: str, text: str, name: str, role: tuple[str, str, bool]
) -> None:
    """A capitalized department before the employer is part of the title ("director de Empresas de
    Microsoft Ibérica": director de empresas at Microsoft, even in the longer form of its name); a place
    adjective before a title names the place ("de Amsterdamse burgemeester" is Amsterdam's mayor)."""
    assert people(text, code, with_places=True)[name] == [role]


@pytest.mark.parametrize(
    ("code", "text", "name", "role"),
    [
        (
            "es",
            "Ryanair cierra su base en Girona. Lo firmó la responsable de Recursos Humanos, Lisa Marín.",
            "Lisa Marín",
            ("responsable de recursos humanos", "Ryanair", True),
        ),
        (
            "en",
            "Nordvik opens in Oslo. Jo Bell, head of Research and Development, said so.",
            "Jo Bell",
            ("head of research and development", "Nordvik", True),
        ),
        (
            "en",
            "Nordvik opens in Oslo. Jo Bell, head of Sales at Acme Robotics, said so.",
            "Jo Bell",
            ("head of sales", "Acme Robotics", True),
        ),
        (
            "it",
            "Coop apre a Genova. Era presente il direttore del Marketing Giorgio Rocca.",
            "Giorgio Rocca",
            ("direttore del marketing", "Coop", True),
        ),
        (
            "fr",
            "Nordvik ouvre à Lyon. Selon Marie Dupont, directrice des Ressources Humaines, le site recrute.",
            "Marie Dupont",
            ("directrice des ressources humaines", "Nordvik", True),
        ),
        (
            "nl",
            "Coolblue opent in Gent. Volgens Eva Smit, directeur van Inkoop, gaat het goed.",
            "Eva Smit",
            ("directeur van inkoop", "Coolblue", True),
        ),
    ],
)
def test_a_department_after_a_title_is_part_of_it_and_names_no_employer(
    code: str, text: str, name: str, role: tuple[str, str, bool]
) -> None:
    """A business function after a title's preposition ("head of Sales", "responsable de Recursos
    Humanos") is a department: the title keeps it, and the employer is the one named after it or the subject."""
    assert people(text, code, with_places=True)[name] == [role]


@pytest.mark.parametrize(
    ("text", "name", "roles"),
    [
        (
            'OPT opens office. "It matters," said George H. Kirby, President and CEO of OPT. Kirby left.',
            "George H. Kirby",
            [("president", "OPT", True), ("ceo", "OPT", True)],
        ),
        ("Caterpillar moves. Governor J.B. Pritzker called it a loss.", "J.B. Pritzker", [("governor", None, True)]),
        (
            'AM General opens office. "Good," said Andy Hove, AM General\'s president.',
            "Andy Hove",
            [("president", "AM General", True)],
        ),
        (
            "Halliburton moves. Melissa Norcross, a company spokeswoman, said the move was planned.",
            "Melissa Norcross",
            [("spokeswoman", "Halliburton", True)],
        ),
    ],
)
def test_english_initials_long_possessors_and_company_nouns(text: str, name: str, roles: list[Role]) -> None:
    """A middle initial is part of the name; "AM General's president" is an apposition of two words of
    possessor; "a company spokeswoman" speaks for the subject company."""
    assert people(text, "en")[name] == roles


def test_an_initial_is_no_name_of_its_own() -> None:
    """An initial counts only before another word of a name: "U.S. CEO Jane Roe" names Jane Roe alone."""
    assert list(people("Acme opens in Austin. U.S. CEO Jane Roe said so.", "en")) == ["Jane Roe"]


@pytest.mark.parametrize(
    ("code", "text", "name", "title"),
    [
        (
            "en",
            "Acme opens. The office will be led by Jane Roe, who was named managing director.",
            "Jane Roe",
            "managing director",
        ),
        (
            "es",
            "Acme abre en Bogotá. La filial estará encabezada por Felipe Lega, que será su presidente.",
            "Felipe Lega",
            "presidente",
        ),
        (
            "fr",
            "Ubisoft ouvre à Lyon. Le bureau sera dirigé par Matthew Zoern, nommé directeur général.",
            "Matthew Zoern",
            "directeur général",
        ),
        (
            "it",
            "Fercam apre a Roma. La sede sarà guidata da Marco Bassi, che sarà il direttore.",
            "Marco Bassi",
            "direttore",
        ),
        (
            "nl",
            "Acme opent kantoor. Het wordt geleid door Jan de Vries, die tot directeur werd benoemd.",
            "Jan de Vries",
            "directeur",
        ),
    ],
)
def test_a_relative_clause_of_appointment_gives_the_name_its_title(code: str, text: str, name: str, title: str) -> None:
    """ "Name, who was named title": the relative words and appointment verbs of the language data stand
    between the name's comma and the title as a determiner does."""
    assert [t for t, _, _ in people(text, code)[name]] == [title]


def test_a_relative_clause_of_other_words_gives_no_title() -> None:
    """Only relative words and appointment verbs may stand between the comma and the title."""
    assert list(people("Acme opens. Jane Roe, who met the chief executive Tom Lee, spoke.", "en")) == ["Tom Lee"]


@pytest.mark.parametrize(
    ("code", "text", "name", "title"),
    [
        ("en", "Acme moves. Gov. Phil Murphy called it a loss.", "Phil Murphy", "gov."),
        ("en", "Acme opens. State Sen. Jane Roe welcomed it.", "Jane Roe", "state sen."),
        (
            "en",
            "Acme opens in Riyadh. Neil Grant, the UK's ambassador to Saudi Arabia, attended.",
            "Neil Grant",
            "ambassador",
        ),
        ("de", "Acme eröffnet in Peking. Botschafterin Anna Berg war dabei.", "Anna Berg", "botschafterin"),
        ("fr", "Acme ouvre à Pékin. L'ambassadeur Paul Roux était présent.", "Paul Roux", "ambassadeur"),
        ("es", "Acme abre en Pekín. Estuvo el embajador Luis Gil.", "Luis Gil", "embajador"),
        ("it", "Acme apre a Pechino. C'era il console generale Marco Neri.", "Marco Neri", "console generale"),
        ("nl", "Acme opent in Peking. Ambassadeur Jan Smit was erbij.", "Jan Smit", "ambassadeur"),
        (
            "de",
            "Continental schließt Werk. Das erklärte Philip Nelles, Mitglied des Vorstands, am Montag.",
            "Philip Nelles",
            "mitglied des vorstands",
        ),
        (
            "fr",
            "Renault ouvre à Lyon. Selon Anne Roux, membre du directoire de Renault, tout va bien.",
            "Anne Roux",
            "membre du directoire",
        ),
        ("nl", "Acme opent kantoor. Bestuurslid Jan Smit was er.", "Jan Smit", "bestuurslid"),
    ],
)
def test_diplomats_board_members_and_abbreviated_titles(code: str, text: str, name: str, title: str) -> None:
    """Ambassadors and consuls, members of a board or an executive committee, in every language, and the
    abbreviated titles of English news ("Gov.", "Sen.")."""
    assert [t for t, _, _ in people(text, code)[name]] == [title]


def test_an_organization_named_by_its_initials_takes_its_full_name() -> None:
    """A role's organization given by initials that the article spells out ("president of OPT" after
    "Ocean Power Technologies") is reported by the full name, as the subject company is; initials at
    the end of a sentence ("OPT.") are initials too."""
    from expansion_tracker import parse_article

    text = (
        "Acme Robotics opens office in Houston\n\nAcme Robotics will open an office in Houston next to Ocean "
        'Power Technologies. "We are glad," said George Kirby, president of OPT. Acme Robotics has 40 staff.'
    )
    ann = parse_article(text, language="en")
    assert [(r.title, r.organization) for p in ann.people for r in p.roles] == [
        ("president", "Ocean Power Technologies")
    ]


@pytest.mark.parametrize(
    ("code", "text", "name", "title"),
    [
        (
            "it",
            "Samsung apre a Milano. Lo ha detto Carlo Barlocco, vice presidente di Samsung Electronics Italia.",
            "Carlo Barlocco",
            "vice presidente",
        ),
        (
            "it",
            "Acme apre a Torino. Il vicedirettore generale Marco Neri era presente.",
            "Marco Neri",
            "vicedirettore generale",
        ),
        ("es", "Acme abre en Vigo. Lo explicó Ana Gil, representante de Acme en Colombia.", "Ana Gil", "representante"),
        ("es", "Acme abre en Vigo. El subdirector Luis Mora lo confirmó.", "Luis Mora", "subdirector"),
        (
            "fr",
            "Acme ouvre à Lyon. Selon Paul Roux, vice président d'Acme, tout va bien.",
            "Paul Roux",
            "vice président",
        ),
        ("fr", "Acme ouvre à Lyon. La DRH Anne Roux l'a confirmé.", "Anne Roux", "drh"),
    ],
)
def test_deputies_representatives_and_spaced_vice_titles(code: str, text: str, name: str, title: str) -> None:
    """A vice title written in two words ("vice presidente"), deputies, representatives and coordinators
    are titles: without them the title inside ("presidente") was read and the name after it taken
    from the organization ("Electronics Italia")."""
    assert [t for t, _, _ in people(text, code)[name]] == [title]


@pytest.mark.parametrize(
    ("code", "text", "name", "role"),
    [
        (
            "nl",
            "Aldi opent in Turnhout. 'Het pand was te klein', legt Frank Vissers uit, directeur van Aldi België.",
            "Frank Vissers",
            ("directeur", "Aldi België", True),
        ),
        (
            "de",
            "Nordvik eröffnet in Linz. Das teilte Eva Berg mit, Sprecherin von Nordvik.",
            "Eva Berg",
            ("sprecherin", "Nordvik", True),
        ),
        (
            "nl",
            "Aldi opent in Turnhout. 'Welkom', zei Anita Smit, senior manager bij Aldi.",
            "Anita Smit",
            ("manager", "Aldi", True),
        ),
    ],
)
def test_dutch_and_german_word_order_around_a_name_and_its_title(
    code: str, text: str, name: str, role: tuple[str, str, bool]
) -> None:
    """A separable verb leaves its particle between the name and the comma of the title ("legt ... uit,",
    "teilte ... mit,"); Dutch business titles take the English "senior"."""
    assert people(text, code, with_places=True)[name] == [role]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Oracle moves to Austin. Jo Hall, vice president at the IT firm General Datatech, disagrees.",
            ("vice president", "General Datatech", True),
        ),
        (
            "Oracle moves to Austin. Jo Hall, head of sales at the German software company Nordvik, disagrees.",
            ("head of sales", "Nordvik", True),
        ),
        (
            "Oracle moves to Austin. The office was designed by architect Jo Hall of design firm Nordvik.",
            ("architect", "Nordvik", True),
        ),
        (
            "Oracle moves to Austin. Jo Hall, head of investment promotion agency Nordvik Invest, agrees.",
            ("head", "Nordvik Invest", True),
        ),
        (
            'Oracle moves to Austin. "It buys time," said Jo Hall, an analyst at stockbroker Nordvik Capital.',
            ("analyst", "Nordvik Capital", True),
        ),
        (
            "Oracle moves to Austin. So said Jo Hall, a senior analyst at the real estate research firm Nordvik.",
            ("analyst", "Nordvik", True),
        ),
        (  # an institution's noun in a possessive: the name of that kind just before
            "Oracle opens in Halifax. It was announced at Nordvik University, where the university's president, "
            "Jo Hall, was host.",
            ("president", "Nordvik University", True),
        ),
        # a capitalized name before the noun of an organization names that organization's part: no employer
        ("Oracle moves to Austin. Jo Hall, chairman of the Nordvik advisory board, disagrees.", None),
    ],
)
def test_an_employer_introduced_by_what_it_is(text: str, role: tuple[str, str, bool] | None) -> None:
    """ "at the IT firm General Datatech": the name after the company noun is the employer, however many
    describing words stand before the noun; "the Nordvik advisory board" is no employer named Nordvik."""
    found = people(text, "en")
    if role is None:
        assert all(org != "Nordvik" for _, org, _ in found.get("Jo Hall", []))
    else:
        assert found["Jo Hall"] == [role]


@pytest.mark.parametrize(
    ("code", "text", "name", "role"),
    [
        (
            "de",
            "Mahle schließt das Werk. In Gaildorf hatte man auf mehr Zeit gehofft. Bürgermeister Frank Zimmer war "
            "enttäuscht.",
            "Frank Zimmer",
            ("bürgermeister", "Gaildorf", True),
        ),
        (
            "en",
            "Caterpillar leaves Peoria. The company said Illinois keeps many jobs. Gov. Jay Prinz called it sad.",
            "Jay Prinz",
            ("gov.", "Illinois", True),
        ),
        (  # "the country", "la ciudad": the place named before
            "es",
            "Sacyr firma en Bogotá. El acto se celebró en Colombia. Allí el presidente del país, Juan Manuel Ortiz, "
            "habló.",
            "Juan Manuel Ortiz",
            ("presidente", "Colombia", True),
        ),
        (  # no place before: the one place named after the title, in its sentence or the next
            "es",
            "Acme abrió su centro. La ministra de Energía, Jimena Lago, celebró el paso. Es un hito para Mendoza.",
            "Jimena Lago",
            ("ministra", "Mendoza", True),
        ),
    ],
)
def test_a_public_title_without_organization_takes_a_town_or_state_named_before(
    code: str, text: str, name: str, role: tuple[str, str, bool]
) -> None:
    """A mayor's town is often too small for the place finder, and a governor's state is no place mention:
    a town after a place preposition, or a US state, named in the sentence or the one before is the
    jurisdiction; with none before, the one place named after the title in its sentence or the next."""
    assert people(text, code, with_places=True)[name] == [role]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Nordvik moves to Oslo. She cited Kari Lund, Nordvik's founding CEO, who argued for it.", "ceo"),
        ("Nordvik moves to Oslo. She cited Kari Lund, its technical director, who argued for it.", "director"),
    ],
)
def test_an_adjective_between_the_owner_and_the_title(text: str, role: str) -> None:
    """ "Nordvik's founding CEO", "its technical director": an adjective of the role stands between the
    possessive and the title; the person had no role at all."""
    assert people(text, "en") == {"Kari Lund": [(role, "Nordvik", True)]}


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("es", "Acme abre en Mendoza. Lo afirmó Sofía Vago, CEO de Accenture Argentina, ayer.", "Sofía Vago"),
        (
            "fr",
            "Proximus ouvre à Gand. « Tout va bien », souligne Dominique Leroy, CEO de Proximus.",
            "Dominique Leroy",
        ),
        (
            "it",
            "Unicredit lascia Roma. Il piano è stato illustrato a Milano da Paolo Fiorentino, vicedirettore "
            "generale di Unicredit.",
            "Paolo Fiorentino",
        ),
        ("en", "Acme opens in Madrid. In Madrid Ana Ruiz, the CEO, said so.", "Ana Ruiz"),
        # a country or a state too: "Mauricio" is Mauritius in Spanish, "Georgia" a US state
        ("es", "Nordvik abre en Lima. Lo anunció el gobernador, Mauricio Kuri, ayer.", "Mauricio Kuri"),
        ("en", "Acme opens in Atlanta. Georgia Reyes, the CEO, said so.", "Georgia Reyes"),
    ],
)
def test_a_first_name_or_surname_that_is_also_a_place_is_part_of_the_name(code: str, text: str, name: str) -> None:
    """Sofía (Sofia), Dominique (Dominica), Fiorentino (of Florence) are places too: next to another name
    word in one capitalized run they are part of the person's name; a place before a whole name is not."""
    found = people(text, code, with_places=True)
    assert name in found and len(found) == 1


def test_an_organization_of_several_hyphened_words_before_a_title() -> None:
    """ "Baader-Helvea-Analyst Leonildo Delgado": the organization glued to the title may itself hold a
    hyphen, as "ZKB-Analyst" holds none."""
    text = "Die Zahlen sind gut, schreibt ZKB-Analyst Edi Riva. Baader-Helvea-Analyst Leo Delgado hält dagegen."
    assert people(text, "de") == {
        "Edi Riva": [("analyst", "ZKB", True)],
        "Leo Delgado": [("analyst", "Baader-Helvea", True)],
    }


def test_a_country_before_a_particle_is_the_scope_of_a_title_not_a_first_name() -> None:
    """ "directeur général France de Deezer": a country, then a particle and the company, is the title's
    scope; only a country followed by a name word may be a first name ("Mauricio Kuri")."""
    text = (
        "Deezer s'installe à Bordeaux.\n\n« Nantes et Bordeaux étaient nos deux destinations », explique "
        "Alexis de Gemini, directeur général France de Deezer. « Bordeaux l'a emporté. »"
    )
    from expansion_tracker import parse_article

    assert [p.name for p in parse_article(text, language="fr").people] == ["Alexis de Gemini"]


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("en", "Acme picks Leeds. It came after chief executive Anna May formally announced it.", "Anna May"),
        ("it", "Acme apre a Roma. «Bene», ha detto il fondatore Paolo Durante, che ha ringraziato.", "Paolo Durante"),
        # a number after it makes the word a date: the name ends before it
        ("en", "Acme picks Leeds. Chief executive Anna Berg May 5 said so.", "Anna Berg"),
    ],
)
def test_a_surname_that_is_also_a_function_or_calendar_word(code: str, text: str, name: str) -> None:
    """ "May", "Durante" (during) are surnames right after a lone first name; the person had only the
    first name, or no name at all."""
    assert list(people(text, code, with_places=True)) == [name]


@pytest.mark.parametrize(
    ("code", "text", "name", "titles"),
    [
        (
            "en",
            "Acme opens in Leeds. It was announced by chairman and chief executive Jane Roe.",
            "Jane Roe",
            ["chairman", "chief executive"],
        ),
        (
            "it",
            "Acme apre a Roma. «Bene», ha detto il presidente e fondatore Paolo Rossi, che ha ringraziato.",
            "Paolo Rossi",
            ["presidente", "fondatore"],
        ),
        (
            "es",
            "Acme abre en Lima. Lo dijo el presidente y consejero delegado Juan Ruiz ayer.",
            "Juan Ruiz",
            ["presidente", "consejero delegado"],
        ),
        (
            "fr",
            "Acme ouvre à Lyon. Le président et fondateur Jean Roux l'a dit.",
            "Jean Roux",
            ["président", "fondateur"],
        ),
        (
            "nl",
            "Acme opent in Gent. Dat zei oprichter en directeur Jan de Vries.",
            "Jan de Vries",
            ["oprichter", "directeur"],
        ),
    ],
)
def test_titles_joined_by_a_conjunction_before_a_name_are_all_its_roles(
    code: str, text: str, name: str, titles: list[str]
) -> None:
    """ "chairman and chief executive Jane Roe": the first title has no name of its own, the name after
    the second is that of both; only the second was read."""
    assert [(t, org) for t, org, _ in people(text, code)[name]] == [(t, "Acme") for t in titles]


@pytest.mark.parametrize(
    ("code", "text", "name", "role"),
    [
        (
            "it",
            "Piaggio apre a Pisa. Secondo il Corriere della Sera, il presidente del gruppo, Marco Neri, ci pensa.",
            "Marco Neri",
            ("presidente", "Piaggio", True),
        ),
        (
            "es",
            "Viettel abre en Lima. En declaraciones a RPP Noticias, el viceministro de Comunicaciones, Raúl Pérez, "
            "lo desmintió.",
            "Raúl Pérez",
            ("viceministro", "Lima", True),  # a public title's place: the one the sentence before names
        ),
        (
            "it",
            "Acme trasloca ad Assago. C'erano Aldo Neri, amministratore delegato di Acme, e la sindaca di Assago, "
            "Lara Carano.",
            "Lara Carano",
            ("sindaca", "Assago", True),
        ),
    ],
)
def test_a_full_name_after_the_complement_holds_the_title(
    code: str, text: str, name: str, role: tuple[str, str | None, bool]
) -> None:
    """ "Corriere della Sera, il presidente del gruppo, Marco Neri,": the words before the title's comma
    name a source; the full name right after the complement's comma is the holder."""
    found = people(text, code, subject=text.split()[0], with_places=True)
    assert found[name] == [role]
    assert all(t != role[0] for other, roles in found.items() if other != name for t, _, _ in roles)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Die Bank schließt. In Ulm bedauerte Oberbürgermeister Martin Ansbacher den Abschied der Filiale.",
            "Martin Ansbacher",
        ),
        ("Acme kommt. EU-Kommissionspräsidentin Ursula von der Leyen war da.", "Ursula von der Leyen"),
        ("Acme kommt. Chef Hans van den Berg war da.", "Hans van den Berg"),
    ],
)
def test_a_german_article_between_capitalized_nouns_joins_no_name(text: str, name: str) -> None:
    """German capitalizes every noun, so "den Abschied der Filiale" looks like the particles and words of
    a name; an article alone is no particle there, while "von der" and "van den" still are."""
    assert list(people(text, "de")) == [name]


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        (
            "fr",
            "La BIDC ouvre. « Une plateforme », a insisté le Dr George Agyekum Donkor, président de la BIDC.",
            "George Agyekum Donkor",
        ),
        ("it", "Acme apre a Bari. Lo ha detto il Dott Marco Neri, direttore di Acme.", "Marco Neri"),
        ("nl", "Acme opent in Delft. Volgens Ir Jan Smit, directeur van Acme, is dat goed.", "Jan Smit"),
    ],
)
def test_an_honorific_is_no_part_of_the_name(code: str, text: str, name: str) -> None:
    """ "Dr", "Prof", "ing.", "dott." before a name are honorifics in every language's news: the name
    starts after them."""
    assert list(people(text, code)) == [name]


def test_an_institution_before_a_comma_is_no_person_of_the_title_after_it() -> None:
    """ "the Securities and Exchange Commission, chief executive Satya Nadella said": the words before the
    comma name an institution, so the title's person is the name after it."""
    text = (
        "Microsoft cuts space. In a filing with the Securities and Exchange Commission, chief executive "
        "Satya Nadella said Microsoft would book a charge."
    )
    assert people(text, "en") == {"Satya Nadella": [("chief executive", "Microsoft", True)]}


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        (
            "es",
            "Sabadell se va. El consejo de Banco Sabadell, entidad que preside Josep Oliu, acordó el traslado.",
            {"Josep Oliu": [("presidente", "Sabadell", True)]},
        ),
        (
            "es",
            "Oryzon Genomics se va. La compañía presidida por Carlos Buesa comunicó el traslado.",
            {"Carlos Buesa": [("presidente", "Oryzon Genomics", True)]},
        ),
        (
            "fr",
            "Cooptalis ouvre à Montréal. La start-up, présidée par Olivier Desurmont, recrute.",
            {"Olivier Desurmont": [("président", "Cooptalis", True)]},
        ),
        (
            "en",
            "Acme opens in Leeds. The firm, founded by Jane Roe in 2001, is growing.",
            {"Jane Roe": [("founder", "Acme", True)]},
        ),
        ("en", "Acme opens in Leeds. The round was led by Fortress Investment Group.", {}),
        ("es", "Acme abre en Vigo. El proyecto fue presidido por Ana.", {}),
    ],
)
def test_a_verb_that_gives_a_role_names_its_person(code: str, text: str, expected: dict[str, list[Role]]) -> None:
    """ "entidad que preside Josep Oliu", "presidée par", "founded by": the verb gives the name after it a
    title, of the organization named before it in the sentence or, after a company noun, of the subject.
    A single word after the verb ("Ana") or an organization is no person."""
    assert people(text, code, with_places=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Apple apre a Napoli. Lo ha scritto il presidente del Consiglio Matteo Renzi.",
            {"Matteo Renzi": [("presidente del consiglio", None, True)]},
        ),
        (
            "BancaStato investe. Lo ha detto Bernardino Bulla, presidente del consiglio di amministrazione "
            "di BancaStato.",
            {"Bernardino Bulla": [("presidente del consiglio di amministrazione", "BancaStato", True)]},
        ),
    ],
)
def test_the_italian_prime_minister_and_a_board_chair(text: str, expected: dict[str, list[Role]]) -> None:
    """ "presidente del Consiglio" is the head of government, with no organization; "presidente del
    consiglio di amministrazione" chairs a board. The organization finder's "Consiglio Matteo Renzi",
    begun inside the title, does not hide the name after it."""
    assert people(text, "it", with_places=True) == expected


def test_the_chief_officers_of_a_board_list_are_all_titles() -> None:
    """The executive board as news lists it: every "chief ... officer" is a title, not only the four
    best known."""
    text = (
        "Channel 4 picks Leeds. The move was led by chief executive Alex Mahon, chief commercial officer "
        "Jonathan Allan and chief content officer Ian Katz."
    )
    found = people(text, "en", subject="Channel 4")
    assert {name: [title for title, _, _ in roles] for name, roles in found.items()} == {
        "Alex Mahon": ["chief executive"],
        "Jonathan Allan": ["chief commercial officer"],
        "Ian Katz": ["chief content officer"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "Nordvik opens in Oslo. Jane Roe, chief executive Nordvik Shipping, said so.",
        'Acme opens in Oslo. "Good", said Jane Roe, chief executive Acme Robotics Ltd.',
    ],
)
def test_a_company_right_after_the_title_of_an_apposition_is_no_person(text: str) -> None:
    """A title right before a full name gives that name the title, unless the "name" is a company: it
    starts with an organization's word or ends before a legal suffix. Then the name before the comma
    keeps the title."""
    assert list(people(text, "en", with_places=True)) == ["Jane Roe"]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("fr", "Le président français Emmanuel Macron a parlé."),
        ("de", "Das sagte der französische Präsident Emmanuel Macron."),
    ],
)
def test_a_person_is_never_their_own_employer(code: str, text: str) -> None:
    """A short text about a person may make that person (or a run that holds their name) the subject;
    their roles then name no organization rather than the person."""
    found = parse_article(text, language=code).people
    assert [(p.name, [r.organization for r in p.roles]) for p in found] == [("Emmanuel Macron", [None])]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Acme eröffnet in Berlin. Jan Roth, Geschäftsführer der Nordlicht Logistik GmbH, bestätigte das.",
            "Jan Roth",
            ("geschäftsführer", "Nordlicht Logistik", True),
        ),
        (
            "Acme eröffnet in Berlin. Der Chef der Nordlicht Logistik GmbH, Jan Roth, bestätigte das.",
            "Jan Roth",
            ("chef", "Nordlicht Logistik", True),
        ),
        (  # a company noun in the genitive: the subject
            "Acme eröffnet in Berlin. Jan Roth, Sprecher des Unternehmens, bestätigte das.",
            "Jan Roth",
            ("sprecher", "Acme", True),
        ),
        (  # a place noun: the place named before
            "Acme eröffnet in Eggenfelden. Der Bürgermeister der Stadt, Wolfgang Grubwinkler, freut sich.",
            "Wolfgang Grubwinkler",
            ("bürgermeister", "Eggenfelden", True),
        ),
        (  # a capitalized common noun alone is no organization
            "Acme eröffnet in Berlin. Das sagte Petra Bloch, Leiterin des Stadtbauamts, am Montag.",
            "Petra Bloch",
            ("leiterin", "Acme", True),
        ),
    ],
)
def test_a_german_genitive_article_introduces_the_organization_of_a_title(
    text: str, name: str, role: tuple[str, str, bool]
) -> None:
    """ "Geschäftsführer der Nordlicht GmbH": German names a title's organization in the genitive, with an
    article and no preposition. A common noun there (capitalized, as every German noun) is read as a
    noun: a company noun names the subject, a place noun the place named before."""
    assert people(text, "de", subject="Acme", with_places=True)[name] == [role]


@pytest.mark.parametrize(
    ("code", "text", "name", "title"),
    [
        ("en", "Acme opens in Leeds. Jane Roe will join as chief executive in May.", "Jane Roe", "chief executive"),
        (
            "en",
            "Acme opens in Leeds. Jane Roe, a 20-year veteran of the group, took over as CEO on Monday.",
            "Jane Roe",
            "ceo",
        ),
        ("de", "Acme eröffnet in Berlin. Seit November führt Ralph Hamers als CEO die Bank.", "Ralph Hamers", "ceo"),
        (
            "de",
            "Acme eröffnet in Berlin. Geleitet wird das Büro von Oliver Blüher, der als Geschäftsführer tätig ist.",
            "Oliver Blüher",
            "geschäftsführer",
        ),
        ("nl", "Acme opent in Gent. Jan Peeters treedt aan als directeur.", "Jan Peeters", "directeur"),
        ("es", "Acme abre en Madrid. Ana López asumirá como directora general.", "Ana López", "directora general"),
        (
            "fr",
            "Acme ouvre à Lyon. Marie Dupont arrive en tant que directrice générale.",
            "Marie Dupont",
            "directrice générale",
        ),
        (
            "it",
            "Acme apre a Milano. Marco Rossi arriva come amministratore delegato.",
            "Marco Rossi",
            "amministratore delegato",
        ),
    ],
)
def test_a_title_after_a_role_preposition_belongs_to_the_person_before(
    code: str, text: str, name: str, title: str
) -> None:
    """ "took over as CEO", "als Geschäftsführer", "in qualità di presidente": the person named before the
    preposition holds the title, named right before it, before a relative pronoun, or opening the sentence."""
    assert people(text, code, subject="Acme", with_places=True) == {name: [(title, "Acme", True)]}


def test_of_two_names_before_a_role_preposition_neither_is_taken() -> None:
    """ "Jane Roe succeeds John Doe as chief executive": the name right before "as" is the one leaving."""
    text = "Acme opens in Leeds. Jane Roe succeeds John Doe as chief executive."
    assert people(text, "en", subject="Acme", with_places=True) == {}
