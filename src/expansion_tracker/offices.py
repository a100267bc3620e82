"""Office facts: a place, a cue and a company in one clause make an office with a status and kind.

The stage reads only mentions found by earlier stages (places, dates, organizations) and the
per-language cue lists of ``offices.json``:

1. sentences are cut into clauses (relative "which"/"where" clauses stay tied to the name or place
   before them); a sentence ending in ":" lends its cues to the list lines that follow it
   ("The finalists are:" / "- Atlanta"); a sentence with a denial cue gives nothing;
2. places joined by commas and list words form one group that shares its cues
   ("neue Büros in New York, Seattle, Paris, Brüssel und Singapur");
3. a group becomes an office when an office noun, a headquarters cue, or a choice-between-places
   cue sits in its clause near it; datelines, blocked contexts ("Mayor of London"), places that
   only locate another ("Cambridge, near Boston"), cities described as hubs and places inside
   organization names never do;
4. the nearest lifecycle cue that is not negated gives the status (a verb after a conjunction
   belongs to its own clause; an auxiliary that is a plan cue itself, "will", "soll", yields to
   the lifecycle verb it governs: "Das Büro in Erfurt will X schließen"), turned into "planned" by
   a future or plan cue of the same clause; "considered" cues win inside their clause; offices
   behind a possessive ("its offices in ...") or an addition cue in a sentence that names an
   office ("joining those in ...", "s'ajoute à ceux de ...") exist; the origin of a move is closed
   and its destination new;
5. the owner is the subject company unless another organization acts in the clause or is named
   as the office's owner ("il centro torinese di Motorola");
6. facts about the same company and place merge by the order of the gold schema: a
   headquarters stays one, then opened / planned / closed, then considered, then existing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter

import attrs

from .cues import (
    Cue,
    Group,
    Lexicon,
    Tokens,
    clauses,
    dateline_end,
    find_cues,
    group_places,
    lexicon,
    phrase_words,
    sentence_tokens,
)
from .languages import LanguageData
from .memo import register_cache
from .models import DateValue, OfficeKind, OfficeStatus, Place
from .spans import DateMention, OrgMention, PlaceMention
from .text import Sentence

__all__ = ["OfficeFact", "find_offices"]

_NOUN_GAP = 8  # tokens between a place group and the office noun that claims it
_CUE_GAP = 14  # tokens between a place group and a lifecycle cue
_ADDITION_GAP = 3  # tokens between an addition cue and the places it adds to ("joining those in")
_LONG_AGO_DAYS = 180  # an opening reported this long before publication is an office the company has
_STATUS = {s.value: s for s in OfficeStatus}  # OfficeStatus(value) without the Enum call machinery
_LIFECYCLE = ("opened", "planned", "closed", "considered", "existing")
# When one place plays several parts: the schema puts opened / planned / closed before considered before
# existing; between the first three, a closure is the newest news, and an opening outranks a plan.
_RANK = {"closed": 5, "opened": 4, "planned": 3, "considered": 2, "existing": 1}


@attrs.frozen
class OfficeFact:
    """An office read from one clause, with spans into the clean text."""

    company: str
    place: Place
    status: OfficeStatus
    kind: OfficeKind
    start: int
    end: int
    label: str | None = None
    date: DateValue | None = None
    confidence: float = 1.0
    background: bool = False


def _list_blocks(text: str, sentences: Sequence[Sentence]) -> dict[int, int]:
    """Map a list line's sentence index to the index of the header sentence ending in ":"."""
    owner: dict[int, int] = {}
    header: int | None = None
    for i, s in enumerate(sentences):
        if s.text.rstrip().endswith(":"):
            header = i
            continue
        if header is not None and re.match(r"^[-•*·]\s", s.text):
            owner[i] = header
            continue
        header = None
    return owner


def find_offices(
    text: str,
    lang: LanguageData,
    sentences: Sequence[Sentence],
    places: Sequence[PlaceMention],
    dates: Sequence[DateMention],
    orgs: Sequence[OrgMention],
    subject: str | None,
    published: DateValue | None = None,
) -> list[OfficeFact]:
    """Office facts, one per company and place, in order of first mention."""
    if not places or not sentences:
        return []
    lex = lexicon(lang.code)
    orgs = sorted(orgs, key=lambda o: o.start)
    org_starts = [o.start for o in orgs]
    kept = sorted((p for p in places if not _inside_org(p, orgs, org_starts, text, lex)), key=lambda p: p.start)
    kept_starts = [p.start for p in kept]
    dates = sorted(dates, key=lambda d: d.start)
    date_starts = [d.start for d in dates]
    facts: list[OfficeFact] = []
    list_owner = _list_blocks(text, sentences)
    for si, sentence in enumerate(sentences):
        lo, hi = bisect.bisect_left(kept_starts, sentence.start), bisect.bisect_left(kept_starts, sentence.end)
        in_sentence = [p for p in kept[lo:hi] if p.end <= sentence.end]
        if not in_sentence:
            continue
        k = bisect.bisect_left(date_starts, sentence.start)
        date_in_sentence = k < len(date_starts) and date_starts[k] < sentence.end
        skip_to = dateline_end(text, sentence, date_in_sentence) if sentence.paragraph <= 2 else sentence.start
        in_sentence = [p for p in in_sentence if p.start >= skip_to]
        if not in_sentence:
            continue
        header = list_owner.get(si)
        tokens = sentence_tokens(text, sentence.start, sentence.end, lex)
        if tokens.has_denial:
            continue  # "Acme denied reports that it would open an office in Warsaw"
        if header is None and not tokens.has_claim and not _may_name_home(text, in_sentence, tokens, lex):
            continue  # nothing here can claim a place (see the start of _frame): no clause can give a fact
        previous_groups: list[Group] = []
        # the places of each clause from a binary search, not by reading every place of the sentence per clause
        place_starts = [p.start for p in in_sentence]  # in_sentence is in start order
        for c_start, c_end, how in clauses(text, sentence, lex):
            lo, hi = bisect.bisect_left(place_starts, c_start), bisect.bisect_right(place_starts, c_end)
            clause_places = [p for p in in_sentence[lo:hi] if p.end <= c_end]
            first, last = tokens.span(c_start, c_end)
            groups = group_places(text, clause_places, lex)
            for group in groups:
                group.first_tok, group.last_tok = tokens.span(group.start, group.end)
            groups = _drop_locators(groups, tokens, lex)
            if how == "where" and previous_groups and first - previous_groups[-1].last_tok <= 3:
                # the where-clause describes the place before it: frame that place with this clause's cues
                prev = previous_groups[-1]
                groups.insert(0, Group(prev.members, prev.start, prev.end, first, first))
            previous_groups = groups if clause_places else []
            if not groups:
                continue
            cues = find_cues(tokens, first, last)
            if header is not None:
                h = sentences[header]
                h_tokens = sentence_tokens(text, h.start, h.end, lex)
                h_cues = find_cues(h_tokens, 0, len(h_tokens.words))
                cues += [c._replace(first=first, last=first) for c in h_cues]
            antecedent = _antecedent(orgs, org_starts, tokens, first) if how == "who" else None
            k = bisect.bisect_left(date_starts, c_start)
            clause_date = dates[k].value if k < len(dates) and dates[k].start < c_end else None
            lo, hi = bisect.bisect_left(org_starts, c_start), bisect.bisect_left(org_starts, c_end)
            clause_orgs = [o for o in orgs[lo:hi] if o.end <= c_end]
            clause_cues = _ClauseCues(cues)
            owners = _Owners([antecedent, *clause_orgs] if antecedent else clause_orgs, tokens, lex)
            for group in groups:
                facts.extend(
                    _frame(
                        lex,
                        text,
                        tokens,
                        group,
                        clause_cues,
                        owners,
                        subject,
                        sentence,
                        clause_date,
                        published,
                        si,
                    )
                )
    return _drop_covered_countries(_merge(facts))


def _may_name_home(text: str, places: Sequence[PlaceMention], tokens: Tokens, lex: Lexicon) -> bool:
    """Whether _home_cue could find a home for some group of these places (a cheap superset test)."""
    if any(p.derived or _hyphen_suffix(text, p.end) in lex.hq_suffixes for p in places):
        return True
    words = tokens.words
    if lex.home_preps.isdisjoint(words):
        return False
    return any(words[i] in lex.home_preps and words[i - 1] in lex.company_nouns for i in range(1, len(words)))


def _antecedent(
    orgs: Sequence[OrgMention], org_starts: Sequence[int], tokens: Tokens, clause_first: int
) -> OrgMention | None:
    """The organization named right before a relative clause: "Apple, che ... ha annunciato"."""
    i = bisect.bisect_left(org_starts, tokens.starts[clause_first]) if clause_first < len(tokens.starts) else len(orgs)
    for o in orgs[max(0, i - 3) : i]:
        _, ol = tokens.span(o.start, o.end)
        if 0 <= clause_first - ol <= 1:
            return attrs.evolve(o, start=tokens.starts[clause_first], end=tokens.starts[clause_first])
    return None


def _drop_locators(groups: list[Group], tokens: Tokens, lex: Lexicon) -> list[Group]:
    """ "in Cambridge, bij Boston": a place introduced by a near-word right after another place only
    locates that place; it is not an office of its own."""
    kept: list[Group] = []
    for g in groups:
        if kept and g.first_tok - kept[-1].last_tok <= 3 and _after_near(g, tokens, lex):
            continue
        kept.append(g)
    return kept


def _after_near(group: Group, tokens: Tokens, lex: Lexicon) -> bool:
    i = group.first_tok
    for phrase in lex.near_words:
        n = len(phrase)
        if i - n >= 0 and tuple(tokens.words[i - n : i]) == phrase:
            return True
    return False


def _drop_covered_countries(facts: list[OfficeFact]) -> list[OfficeFact]:
    """A country-only fact says less than a city fact of the same company in that country: drop it
    ("va implanter en France le quartier général ... à Paris")."""
    cities = {(f.company, f.place.country) for f in facts if not f.place.is_country}
    return [f for f in facts if not (f.place.is_country and (f.company, f.place.country) in cities)]


def _inside_org(
    p: PlaceMention, orgs: Sequence[OrgMention], org_starts: Sequence[int], text: str, lex: Lexicon
) -> bool:
    """The place is part of a longer organization name ("University College London", "AI Singapore").
    A name that ends by locating itself ("Centro Direzionale di Napoli") still says where it is."""
    i = bisect.bisect_right(org_starts, p.start)
    # organization names are short: look back over the few that start before the place
    for o in orgs[max(0, i - 8) : i]:
        if o.start <= p.start and p.end <= o.end and (o.start, o.end) != (p.start, p.end):
            before = text[o.start : p.start].split()
            if p.end == o.end and before and before[-1].casefold() in lex.place_connectors:
                continue
            return True
    return False


def _distance(group: Group, cue: Cue) -> int:
    if cue.last <= group.first_tok:
        return group.first_tok - cue.last
    if cue.first >= group.last_tok:
        return cue.first - group.last_tok
    return 0


def _nearest(
    cues: Sequence[Cue], group: Group, limit: int, after_penalty: bool = True, tokens: Tokens | None = None
) -> Cue | None:
    """The cue closest to the group within ``limit`` tokens; with ``after_penalty`` a cue before the
    place is favoured (verbs mostly precede the place they govern; nouns go either way)."""
    best: tuple[int, int, Cue] | None = None
    for c in cues:
        d = _distance(group, c)
        if d > limit:
            continue
        follows = c.first >= group.last_tok
        key = (d * 3 + 2 if follows and after_penalty else d * 2, 1 if follows else 0)
        if follows and after_penalty and tokens is not None and tokens.comma_between(group.last_tok - 1, c.first):
            key = (key[0] + 6, key[1])  # "... a Milano e Roma, prevede di aprire": the comma ends the clause
        if best is None or key < best[:2]:
            best = (key[0], key[1], c)
    return best[2] if best else None


def _negated(cue: Cue, negations: Sequence[Cue]) -> bool:
    return any((n.first < cue.first and cue.first - n.last <= 3) or 0 <= n.first - cue.last <= 0 for n in negations)


def _long_before(date: DateValue | None, published: DateValue | None) -> bool:
    if date is None or date.end is None or published is None or published.start is None:
        return False
    return (published.start - date.end).days > _LONG_AGO_DAYS


def _home_cue(text: str, group: Group, tokens: Tokens, lex: Lexicon) -> Cue | None:
    """A place named as a company's home: "X-based", a demonym before a company noun ("das
    Berliner Unternehmen"), or a company noun with "from X" ("het bedrijf uit Amsterdam")."""
    last = group.members[-1]
    if _hyphen_suffix(text, last.end) in lex.hq_suffixes:
        return Cue("hq_cue", group.last_tok, group.last_tok, "-" + _hyphen_suffix(text, last.end))
    words = tokens.words
    nxt = group.last_tok
    if last.derived and nxt < len(words) and words[nxt] in lex.company_nouns:
        return Cue("hq_cue", nxt, nxt + 1, words[nxt])
    first = group.first_tok
    if first >= 2 and words[first - 1] in lex.home_preps and words[first - 2] in lex.company_nouns:
        return Cue("hq_cue", first - 2, first - 1, words[first - 2])
    return None


def _hyphen_suffix(text: str, end: int) -> str:
    """The word glued to a place by a hyphen: "Limerick-born" -> "born", "Boston-based" -> "based"."""
    if end < len(text) and text[end] == "-":
        m = re.match(r"\w+", text[end + 1 : end + 30])
        if m:
            return m.group().casefold()
    return ""


def _frame(
    lex: Lexicon,
    text: str,
    tokens: Tokens,
    group: Group,
    clause_cues: _ClauseCues,
    owners: _Owners,
    subject: str | None,
    sentence: Sentence,
    clause_date: DateValue | None,
    published: DateValue | None,
    sentence_index: int,
) -> list[OfficeFact]:
    by_cat = clause_cues.by_cat
    nouns = clause_cues.noun_window.near(group, _NOUN_GAP)  # the nouns of the clause that may be in reach
    if clause_cues.has_hq_cue:
        nouns = [
            n for n in nouns if n.category != "hq_cue" or _distance(group, n) <= 1
        ]  # "in X ansässige", "based in X"
    noun = _strongest_at(_nearest(nouns, group, _NOUN_GAP, after_penalty=False), nouns)
    if noun is not None and noun.category in ("office", "hub"):
        noun = _site_of_hq(noun, by_cat.get("hq", ()), tokens, lex)
    home = _home_cue(text, group, tokens, lex)
    if home is not None:
        noun = home  # "the London-based fintech", "das Berliner Unternehmen", "het bedrijf uit Amsterdam"
    considered = clause_cues.considered
    # "a new office in Paris, joining those in London and Berlin": offices it has, when the sentence
    # names an office at all
    addition = next((c for c in by_cat.get("addition", []) if 0 <= group.first_tok - c.last <= _ADDITION_GAP), None)
    if addition is not None and (noun is None or _distance(group, noun) > group.first_tok - addition.last):
        if _names_office(tokens):
            noun = Cue("office", addition.first, addition.last, addition.text)
        else:
            addition = None
    if noun is None and not considered:
        return []
    if by_cat.get("event") and noun is None:
        return []
    blockers = by_cat.get("blocker", [])
    negations = clause_cues.negations
    lex_blockers = lex.blocker_words

    lifecycle = clause_cues.lifecycle_window.near(group, _CUE_GAP)
    if _governing_cue_negated(group, lifecycle, negations, tokens) and not _modifies(noun, group):
        return []
    if noun is not None and _described_as(group, noun, by_cat):
        return []
    status = _status(group, clause_cues, considered, noun, _coordinated(group, tokens, lex), tokens)
    if addition is not None and status != "considered":
        status = "existing"
    kind, label = _kind(group, noun, clause_cues, text, tokens)
    if noun is not None and noun.category == "hq_cue" and status in ("opened", "planned"):
        status = "existing"  # "headquartered in", "die in X ansässige": a description, not news
    company, background = _company(group, tokens, owners, subject, noun, clause_cues.first_verb, lex)
    if company is None:
        return []
    date = _date(clause_date, status, published, sentence_index)
    if _long_before(date, published) and status == "opened":
        status = "existing"  # "The first IDC opened in Hyderabad in 1998": an office it has
    confidence = 0.55 + (0.2 if noun is not None else 0.0) + (0.15 if status != "existing" else 0.0)
    if background:
        confidence -= 0.2
    if any(0 <= group.first_tok - b.last <= 1 for b in blockers) and not _modifies(noun, group):
        return []
    facts = []
    for p in group.members:
        pf, pl = tokens.span(p.start, p.end)
        suffix = _hyphen_suffix(text, p.end)
        if suffix and ("-" + suffix in lex_blockers or suffix in lex_blockers):
            continue
        if p.derived and (noun is None or min(abs(noun.first - pl), abs(pf - noun.last)) > 2):
            continue
        facts.append(
            OfficeFact(
                company=company,
                place=p.place,
                status=_STATUS[status],
                kind=kind,
                start=sentence.start,
                end=sentence.end,
                label=label,
                date=date,
                confidence=round(min(1.0, confidence * p.confidence), 3),
                background=background,
            )
        )
    return facts


class _CueWindow:
    """One list of a clause's cues, indexed by first token.

    A place group looks only at the cues within a few tokens of it; reading the whole list for each group
    cost a clause with many places and many cues their product. :meth:`near` gives the cues a group can
    reach, in the list's own order (so that ties resolve as they did over the whole list)."""

    def __init__(self, cues: Sequence[Cue]) -> None:
        self.cues = cues
        self.order = sorted(range(len(cues)), key=lambda i: cues[i].first)
        self.firsts = [cues[i].first for i in self.order]
        self.span = max((c.last - c.first for c in cues), default=0)  # the longest cue, in tokens

    def starting(self, lo: int, hi: int) -> list[Cue]:
        """The cues whose first token is in ``[lo, hi]``, in list order."""
        a, b = bisect.bisect_left(self.firsts, lo), bisect.bisect_right(self.firsts, hi)
        return [self.cues[i] for i in sorted(self.order[a:b])]

    def near(self, group: Group, reach: int) -> list[Cue]:
        """The cues that may lie within ``reach`` tokens of the group (``_distance`` at most ``reach``) and
        some more, in list order."""
        return self.starting(group.first_tok - reach - self.span, group.last_tok + reach)


class _ClauseCues:
    """The cues of one clause by category, with the views every place group of the clause reads."""

    def __init__(self, cues: Sequence[Cue]) -> None:
        self.by_cat: dict[str, list[Cue]] = {}
        for c in cues:
            self.by_cat.setdefault(c.category, []).append(c)
        get = self.by_cat.get
        self.nouns = get("office", []) + get("hq", []) + get("hub", []) + get("hq_cue", [])
        self.has_hq_cue = "hq_cue" in self.by_cat
        self.negations = get("negation", [])
        self.considered = [c for c in get("status:considered", []) if not _negated(c, self.negations)]
        self.lifecycle = [c for s in ("opened", "planned", "closed", "existing") for c in get(f"status:{s}", [])]
        self.affirmed_lifecycle = [c for c in self.lifecycle if not _negated(c, self.negations)]
        # the first token of a lifecycle verb (or a move), where an organization that acts must stand before
        verbs = [c.first for s in _LIFECYCLE for c in get(f"status:{s}", [])] + [c.first for c in get("move", [])]
        self.first_verb = min(verbs, default=None)
        self.noun_window = _CueWindow(self.nouns)
        self.lifecycle_window = _CueWindow(self.lifecycle)
        self.affirmed_window = _CueWindow(self.affirmed_lifecycle)
        self.regional_window = _CueWindow(get("regional", []))
        self.regional_texts = frozenset(c.text for c in get("regional", []))
        future = get("future", [])
        self.future_firsts = frozenset(f.first for f in future)
        self.first_affirmed_future = min((f.first for f in future if not _negated(f, self.negations)), default=None)


_NOUN_PRIORITY = {"hq": 0, "hq_cue": 1, "hub": 2, "office": 3}


def _site_of_hq(noun: Cue, hq_nouns: Sequence[Cue], tokens: Tokens, lex: Lexicon) -> Cue:
    """ "the site of its new European headquarters", "le site de son siège": the headquarters a
    plain office noun is the place of (an owner preposition right after it, the noun within 4 words)."""
    after = noun.last
    if after >= len(tokens.words) or tokens.words[after] not in lex.owner_preps:
        return noun
    return next((h for h in hq_nouns if 0 < h.first - after <= 4), noun)


def _names_office(tokens: Tokens) -> bool:
    """Whether the sentence has an office, headquarters or hub noun anywhere (worked out once per sentence,
    not for each place group that asks)."""
    if tokens.names_office is None:
        tokens.names_office = any(c.category in _NOUNS for c in find_cues(tokens, 0, len(tokens.words)))
    return tokens.names_office


_NOUNS = frozenset(("office", "hq", "hub"))


def _strongest_at(noun: Cue | None, nouns: Sequence[Cue]) -> Cue | None:
    """Of the noun cues at the chosen position, the most specific: headquarters, then hub, then office."""
    if noun is None:
        return None
    same = [n for n in nouns if n.first == noun.first]
    return min(same, key=lambda n: (_NOUN_PRIORITY[n.category], -(n.last - n.first)))


def _described_as(group: Group, noun: Cue, by_cat: dict[str, list[Cue]]) -> bool:
    """ "London is also becoming a thriving hub for AI start-ups": the place is described, it is no office."""
    if noun.first < group.last_tok or not any(g.first == noun.first for g in by_cat.get("generic", [])):
        return False
    return any(group.last_tok <= c.first < noun.first for c in by_cat.get("copula", []))


def _modifies(noun: Cue | None, group: Group) -> bool:
    """The place directly modifies the noun: "its San Francisco headquarters", "the London office"."""
    return noun is not None and 0 <= noun.first - group.last_tok <= 0


def _governing_cue_negated(group: Group, lifecycle: Sequence[Cue], negations: Sequence[Cue], tokens: Tokens) -> bool:
    """The lifecycle cue nearest the place is negated ("has no plans to open an office in Paris")."""
    cue = _nearest(lifecycle, group, _CUE_GAP, tokens=tokens)
    return cue is not None and _negated(cue, negations)


def _status(
    group: Group,
    clause_cues: _ClauseCues,
    considered: Sequence[Cue],
    noun: Cue | None,
    beyond: int,
    tokens: Tokens,
) -> str:
    """The lifecycle status of a place group; cues from ``beyond`` on belong to a coordinated clause."""
    if considered:
        return "considered"
    by_cat = clause_cues.by_cat
    if _moved_from(group, by_cat):
        return "closed"
    # the cues in reach of the group, and of a cue in reach (see governed below)
    window = clause_cues.affirmed_window
    lifecycle = [c for c in window.near(group, 2 * _CUE_GAP + window.span) if c.first < beyond]
    cue = _nearest(lifecycle, group, _CUE_GAP, tokens=tokens)
    if cue is not None and cue.first in clause_cues.future_firsts:
        # an auxiliary ("will", "soll", "gaat") that is a planned cue by itself: a lifecycle verb it
        # governs later in the clause decides ("Das Büro in Erfurt will das Unternehmen schließen")
        governed = [c for c in lifecycle if 0 <= c.first - cue.last < _CUE_GAP and c.category != cue.category]
        cue = min(governed, key=attrgetter("first"), default=cue)
    status = cue.category.split(":", 1)[1] if cue else "existing"
    if noun is not None and (cue is None or status == "closed"):
        # "new" right before the noun that claims the place, where no verb says otherwise or the verb
        # closes another place: "verruilt Heerlen voor nieuw hoofdkantoor in Maastricht"
        fresh = [n for n in by_cat.get("new", []) if 0 <= noun.first - n.last <= 1]
        new_cue = _nearest(fresh, group, _CUE_GAP)
        if new_cue is not None and (cue is None or _distance(group, new_cue) < _distance(group, cue)):
            cue, status = new_cue, "opened"
    if status in ("closed", "existing") and _moved_to(group, by_cat):
        status = "opened"  # "moves its headquarters to Eindhoven", "moving staff to New York"
    if cue is not None and noun is not None and _owned_noun(noun, cue, by_cat):
        status = "existing"  # "auf ihre Niederlassungen in Frankfurt ... zu verteilen": offices it has
    # a future cue, not negated, in the opening's own coordinated clause (before ``beyond``)
    first_future = clause_cues.first_affirmed_future
    if status == "opened" and first_future is not None and first_future < beyond:
        status = "planned"
    return status


def _coordinated(group: Group, tokens: Tokens, lex: Lexicon) -> int:
    """Token index of the first conjunction after the group that is not part of a place list: a verb
    after it heads a coordinated clause ("... a Bologna e chiuderà quello di Verona")."""
    for i in range(group.last_tok, min(len(tokens.words), group.last_tok + _CUE_GAP)):
        word = tokens.words[i]
        if word in lex.conjunctions:
            return i
    return len(tokens.words)


def _owned_noun(noun: Cue, cue: Cue, by_cat: dict[str, list[Cue]]) -> bool:
    """The office noun follows a possessive ("its offices", "ihre Niederlassungen") with nothing new about
    it, and the lifecycle verb does not act on that noun phrase itself ("closes its office")."""
    possessive = next((p for p in by_cat.get("possessive", []) if 0 <= noun.first - p.last <= 1), None)
    if possessive is None or any(possessive.last <= n.first < noun.first for n in by_cat.get("new", [])):
        return False
    return not (0 <= possessive.first - cue.last <= 2 or possessive.last <= cue.first <= noun.last)


def _moved_to(group: Group, by_cat: dict[str, list[Cue]]) -> bool:
    """The place right after "to"/"nach"/"naar" in a clause that moves something."""
    moves = by_cat.get("move", [])
    return bool(moves) and any(
        0 <= group.first_tok - c.last <= 0 and any(m.last <= c.first for m in moves) for c in by_cat.get("move_to", [])
    )


def _moved_from(group: Group, by_cat: dict[str, list[Cue]]) -> bool:
    """ "moves its headquarters from Amsterdam to Eindhoven": the place after "from" is left."""
    if not by_cat.get("move"):
        return False
    return any(0 <= group.first_tok - c.last <= 0 for c in by_cat.get("move_from", []))


def _kind(
    group: Group, noun: Cue | None, clause_cues: _ClauseCues, text: str, tokens: Tokens
) -> tuple[OfficeKind, str | None]:
    if noun is None:
        return OfficeKind.OFFICE, None
    by_cat = clause_cues.by_cat
    label = " ".join(text[tokens.starts[i] : tokens.ends[i]] for i in range(noun.first, noun.last))
    regional = bool(clause_cues.regional_window.starting(noun.first - 3, noun.first + 3)) or _compound_regional(
        noun, clause_cues.regional_texts
    )
    hq_nouns = by_cat.get("hq", [])
    if by_cat.get("move") and hq_nouns and noun.category not in ("hq", "hq_cue"):
        noun = hq_nouns[0]  # "verhuist hoofdkantoor van Amsterdam naar Eindhoven": both ends are the head office
        label = noun.text
    if noun.category in ("hq", "hq_cue"):
        return (
            OfficeKind.REGIONAL_HEADQUARTERS if regional and noun.category == "hq" else OfficeKind.HEADQUARTERS
        ), label
    if noun.category == "hub" and regional:
        return OfficeKind.REGIONAL_HEADQUARTERS, label
    return OfficeKind.OFFICE, label


def _compound_regional(noun: Cue, regional_texts: frozenset[str]) -> bool:
    prefix = noun.text.split("-", 1)[0] if "-" in noun.text else ""
    return bool(prefix) and prefix in regional_texts


class _Owners:
    """The organizations of a clause that may own its offices, in text order, with their token spans.

    Built once per clause: every place group of the clause asks :func:`_company` for the first of them that
    acts before the clause's first lifecycle verb or follows the office noun, and going through all the
    clause's organizations for each group cost their number times the number of groups."""

    def __init__(self, orgs: Sequence[OrgMention], tokens: Tokens, lex: Lexicon) -> None:
        self.orgs: list[OrgMention] = []
        self.firsts: list[int] = []  # each one's first token (non-decreasing: the orgs are in start order)
        self.neg_min_lasts: list[int] = []  # minus the smallest end token of the orgs up to each (non-decreasing)
        for o in sorted(orgs, key=lambda o: o.start):
            of, ol = tokens.span(o.start, o.end)
            if _names_an_office(o, lex):
                continue  # "India Development Centre", "High Tech Campus Eindhoven": the office itself
            if tokens.ends[ol - 1] > o.end:
                continue  # a name inside a compound modifies, it does not act: "the Microsoft-backed startup"
            self.orgs.append(o)
            self.firsts.append(of)
            self.neg_min_lasts.append(max(-ol, self.neg_min_lasts[-1]) if self.neg_min_lasts else -ol)

    def first_ending_by(self, last: int) -> int:
        """The index of the first organization that ends at or before token ``last`` (len: none)."""
        return bisect.bisect_left(self.neg_min_lasts, -last)

    def first_starting_at(self, first: int) -> int:
        """The index of the first organization that starts at token ``first`` (len: none)."""
        i = bisect.bisect_left(self.firsts, first)
        return i if i < len(self.firsts) and self.firsts[i] == first else len(self.orgs)


def _company(
    group: Group,
    tokens: Tokens,
    owners: _Owners,
    subject: str | None,
    noun: Cue | None,
    first_verb: int | None,
    lex: Lexicon,
) -> tuple[str | None, bool]:
    """Whose office: the subject company, unless another organization is the actor of the clause
    (named before its first lifecycle verb: "J.P. Morgan plant ...", "Hp ha chiuso la sua sede di
    Pozzuoli") or the owner named after the office noun ("il centro torinese di Motorola")."""
    anchor = min(group.first_tok, noun.first) if noun else group.first_tok
    found = len(owners.orgs)
    if first_verb is not None:  # the actor of the clause
        found = owners.first_ending_by(min(first_verb, anchor + 1))
    if noun is not None:  # "X's office of Acme"
        after = max(noun.last, group.last_tok) + 1
        at = owners.first_starting_at(after)
        if at < found and tokens.words[after - 1] in lex.owner_preps:
            found = at
    owner = owners.orgs[found] if found < len(owners.orgs) else None
    if owner is None or (subject is not None and _same_company(owner.name, subject)):
        return subject, False
    return owner.name, subject is not None


def _names_an_office(org: OrgMention, lex: Lexicon) -> bool:
    return _name_has_office_noun(org.name, lex.code)


@register_cache
@lru_cache(maxsize=4096)
def _name_has_office_noun(name: str, code: str) -> bool:
    phrases = lexicon(code).phrases
    return any(len(p) == 1 and c in ("office", "hq", "hub") for w in phrase_words(name) for p, c in phrases.get(w, ()))


def _same_company(a: str, b: str) -> bool:
    ka, kb = a.casefold().split(), b.casefold().split()
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return long_[: len(short)] == short


def _date(
    clause_date: DateValue | None, status: str, published: DateValue | None, sentence_index: int
) -> DateValue | None:
    """The clause's first date; else, for news in the lead (an opening, a plan, a closure), the
    publication date as the date it was announced."""
    if clause_date is not None:
        return clause_date
    if status in ("opened", "planned", "closed") and published is not None and sentence_index <= 3:
        return published
    return None


def _best_date(*facts: OfficeFact) -> DateValue | None:
    """A date read in the text beats the publication date used as a stand-in."""
    dates = [f.date for f in facts if f.date is not None]
    return next((d for d in dates if d.text is not None), dates[0] if dates else None)


def _merge(facts: Sequence[OfficeFact]) -> list[OfficeFact]:
    """One fact per company and place: headquarters kind sticks; lifecycle by the schema's order."""
    merged: dict[tuple[str, str], OfficeFact] = {}
    for f in facts:
        key = (f.company.casefold(), f.place.key)
        old = merged.get(key)
        if old is None:
            merged[key] = f
            continue
        kind = old.kind if old.kind is not OfficeKind.OFFICE else f.kind
        keep = old if _RANK[old.status.value] >= _RANK[f.status.value] else f
        if {old.status, f.status} == {OfficeStatus.OPENED, OfficeStatus.CLOSED}:
            keep = old  # opened in one clause and closed in another: the first report stands
        label = old.label if old.kind is not OfficeKind.OFFICE else (f.label or old.label)
        if kind is not OfficeKind.OFFICE and f.kind is kind and old.kind is OfficeKind.OFFICE:
            label = f.label
        merged[key] = OfficeFact(  # attrs.evolve spelled out: evolve inspects the class on every call
            keep.company,
            keep.place,
            keep.status,
            kind,
            keep.start,
            keep.end,
            label=label,
            date=_best_date(keep, old, f),
            confidence=max(old.confidence, f.confidence),
            background=old.background and f.background,
        )
    return list(merged.values())
