"""Language identification from each language's function words, word endings and letters (``detect.json``).

Function words ("the", "der", "le", "el", "il", "het") tell news text apart reliably once there
are a few dozen words. A one-line text has only a handful, and several are shared ("in", "de",
"un", "la"), so each clue counts for less the more languages share it, and two weaker clues add
evidence where function words are few: word endings ("-ing", "-ung", "-eau", "-ción", "-zione",
"-heid") and letters ("ñ", "ß", "ç", "ò"). The score of a language is its weighted clues per word.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from itertools import filterfalse

import attrs

from .languages import load_language, supported_languages
from .memo import register_cache

__all__ = ["detect_language", "language_scores"]

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SAMPLE_CHARS = 20_000
# A word ending or a letter is weaker evidence than a function word (names and loanwords have
# them too): each counts this much of a function word. At half, two such clues outweigh one shared
# function word but not one of the language's own, so long texts are still decided by their
# function words and short ones are not decided by one ambiguous word.
_ENDING_WEIGHT = 0.5
_LETTER_WEIGHT = 0.5
_MIN_STEM = 2  # letters a word keeps before a listed ending: "ed" is an ending of "opened", not of "bed"
# The words the parser itself reads as office words of a language ("office", "Büro", "bureau",
# "opened", "eröffnet", "ferme") are that language's words too: a headline is often made of little
# else ("Acme Robotics opens office in Berlin"). Lists of offices.json whose single words count as clues.
_VOCABULARY = ("office_nouns", "hq_nouns", "move_cues", "status_cues")


@attrs.frozen
class _Clues:
    """Every language's clues, each with its weight: 1 divided by how many languages list it."""

    words: dict[str, dict[str, float]]  # word -> language -> weight
    endings: dict[str, tuple[tuple[str, float], ...]]  # ending -> (language, weight)
    longest_ending: int
    letters: dict[str, dict[str, float]]  # letter -> language -> weight
    letters_ascii: bool  # whether some listed letter is ASCII (then every word is looked at for letters)


@cache
def _clues() -> _Clues:
    def table(key: str) -> dict[str, frozenset[str]]:
        return {
            code: frozenset(w.casefold() for w in load_language(code).get("detect", key, []))
            for code in supported_languages()
        }

    def shared(by_language: dict[str, frozenset[str]]) -> dict[str, dict[str, float]]:
        owners: dict[str, list[str]] = {}
        for code, items in by_language.items():
            for item in items:
                owners.setdefault(item, []).append(code)
        return {item: {code: 1 / len(codes) for code in codes} for item, codes in owners.items()}

    endings = {ending: tuple(sorted(weights.items())) for ending, weights in shared(table("endings")).items()}
    words = table("stopwords")
    words = {code: found | _vocabulary(code) for code, found in words.items()}
    letters = shared(table("letters"))
    longest = max(map(len, endings), default=0)
    return _Clues(shared(words), endings, longest, letters, any(c.isascii() for c in letters))


def _vocabulary(code: str) -> frozenset[str]:
    """The single words of the language's office vocabulary (see _VOCABULARY), casefolded."""
    lang = load_language(code)
    out: set[str] = set()
    for key in _VOCABULARY:
        value = lang.get("offices", key, [])
        for entry in [w for ws in value.values() for w in ws] if isinstance(value, dict) else value:
            if _WORD.fullmatch(entry):
                out.add(entry.casefold())
    return frozenset(out)


def _word_counts(text: str) -> Counter[str]:
    """How often each word (a match of _WORD) occurs in ``text``. A word never holds white space,
    so most are whole white-space-separated chunks made only of letters; only the other chunks
    (punctuation, digits, apostrophes) go through the regex: a fraction of the text, same words."""
    chunks = text.split()
    counts = Counter(filter(str.isalpha, chunks))
    rest = list(filterfalse(str.isalpha, chunks))
    if rest:
        counts.update(_WORD.findall(" ".join(rest)))
    return counts


def language_scores(text: str) -> dict[str, float]:
    """Each supported language's weighted clues (function words, endings, letters) per word of ``text``."""
    scores = dict.fromkeys(supported_languages(), 0.0)
    counts = _word_counts(text[:_SAMPLE_CHARS])
    total = sum(counts.values())
    if not total:
        return scores
    for word, n in counts.items():
        for code, weight in _word_clues(word):
            scores[code] += n * weight
    return {code: score / total for code, score in scores.items()}


# Distinct words kept with their clues: news repeats most of its words from article to article, so a
# batch reads each word's endings and letters once (a few MB at most)
_WORD_CACHE = 65_536


@register_cache
@lru_cache(maxsize=_WORD_CACHE)
def _word_clues(word: str) -> tuple[tuple[str, float], ...]:
    """What one occurrence of ``word`` adds to each language's score: its weight as a function word,
    or else the weights of its longest listed ending (if written in lower case) and of its letters."""
    clues = _clues()
    folded = word.casefold()
    found = clues.words.get(folded)
    if found is None and "'" in folded:  # elided articles ("l'ancien", "dell'azienda") by their first part
        found = clues.words.get(folded.split("'", 1)[0] + "'")
    if found is not None:
        return tuple(found.items())
    out: dict[str, float] = {}
    if word[0].islower():  # a capitalized word may be a name, whose ending says nothing of the text
        matched: set[str] = set()  # languages whose longest ending of this word has counted
        for size in range(min(clues.longest_ending, len(folded) - _MIN_STEM), 0, -1):
            for code, weight in clues.endings.get(folded[-size:], ()):
                if code not in matched:
                    matched.add(code)
                    out[code] = out.get(code, 0.0) + weight * _ENDING_WEIGHT
    if clues.letters_ascii or not folded.isascii():
        for letter in {c for c in folded if c in clues.letters}:
            for code, weight in clues.letters[letter].items():
                out[code] = out.get(code, 0.0) + weight * _LETTER_WEIGHT
    return tuple(out.items())


def detect_language(text: str, default: str = "en") -> str:
    """The supported language whose clues weigh most in ``text``; ``default`` when none match.

    >>> detect_language("OpenAI gab nun bekannt, dass neue Büros eröffnen werden.")
    'de'
    >>> detect_language("Google abre su primera oficina en Barcelona y la ciudad lo celebra.")
    'es'
    >>> detect_language("Acme Robotics ferme son bureau de Paris.")
    'fr'
    """
    scores = language_scores(text)
    top = max(scores.values())
    if top <= 0:
        return default
    tied = sorted(code for code, score in scores.items() if score == top)
    return default if default in tied else tied[0]  # a tie is no evidence: the default decides
