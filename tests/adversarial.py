"""Worst-case inputs built from the library's own vocabulary, for tests/test_adversarial.py and
benchmarks/bench_worst_case.py.

Hostile shapes made of random characters rarely wake the expensive paths of the stages: those start
from lexicon words (titles, cues, months, office nouns, legal suffixes, places, currencies). Here
each *lexicon* of a language (every string of one of its topic files, plus the CLDR words the
stages read: months and weekdays, currency and country names) is laid out in every *shape* below,
up to a given size, so that a stage that is quadratic on runs or lists of some word shows it.

>>> case = next(c for c in cases("en", 300) if (c.lexicon, c.shape) == ("people", "run"))
>>> len(case.text) <= 300, "chief executive" in case.text
(True, True)
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from types import FrameType
from typing import Any

import attrs

from expansion_tracker.languages import load_language, supported_languages

__all__ = ["SHAPES", "Case", "all_cases", "cases", "count_steps", "growth", "lexicons", "make_text"]

# Capitalized fillers that no lexicon holds: person-like names and places are what the stages pair
# lexicon words with ("CEO Anna Berg", "office in Lyon").
NAMES = ("Anna Berg", "Tomas Varga", "Lena Okafor", "Paul Ruiz", "Mia Lindqvist", "Jon Castell")
REPEAT_BLOCK = 40  # "same" shape: how many times one word repeats before the next word takes over


@attrs.frozen
class Case:
    """One generated text: which language, lexicon and shape it comes from."""

    language: str
    lexicon: str
    shape: str
    text: str = attrs.field(repr=False)


def _strings(value: object) -> Iterator[str]:
    """Every string of a topic value: list items, dict keys and the strings among dict values."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            if not isinstance(item, (int, float, bool)):
                yield from _strings(item)


def _cldr_words(code: str) -> dict[str, list[str]]:
    """The CLDR words the stages read besides the JSON files: months and weekdays (dates), currency
    names (money), country names (places)."""
    from babel import Locale

    loc = Locale.parse(code)
    calendar = [
        str(v) for table in (loc.months, loc.days) for ctx in table.values() for w in ctx.values() for v in w.values()
    ]
    return {
        "dates": calendar,
        "money": [str(v) for v in loc.currencies.values()][:150],
        "places": [str(v) for v in loc.territories.values()][:150],
    }


@cache
def lexicons(code: str) -> dict[str, tuple[str, ...]]:
    """Lexicon name (a topic of the language data) -> its words, in a fixed order, without duplicates.

    City references of ``places.json`` ("Rome, IT") give their city name too.

    >>> "chief executive" in lexicons("en")["people"], "Inc." in lexicons("en")["orgs"]
    (True, True)
    """
    lang = load_language(code)
    extra = _cldr_words(code)
    out: dict[str, tuple[str, ...]] = {}
    for topic in ("dates", "detect", "money", "offices", "orgs", "people", "places", "text"):
        words = [w for key, v in lang.topic(topic).items() if not key.startswith("_") for w in _strings(v)]
        if topic == "places":
            words += [ref.rpartition(",")[0].strip() for ref in lang.get("places", "city_names", {}).values()]
        words += extra.get(topic, [])
        out[topic] = tuple(dict.fromkeys(w.strip() for w in words if w.strip() and len(w) < 60))
    return out


def _fillers(code: str) -> tuple[str, ...]:
    return NAMES + tuple(w for w in lexicons(code)["places"] if w[:1].isupper())[:40]


# A shape lays words out: given the words and the capitalized fillers, an endless stream of pieces.
Shape = Callable[[Sequence[str], Sequence[str]], Iterator[str]]


def _run(words: Sequence[str], fillers: Sequence[str]) -> Iterator[str]:
    """The words one after another: "ceo chief executive chairman ..." (one long sentence)."""
    for w in itertools.cycle(words):
        yield w + " "


def _same(words: Sequence[str], fillers: Sequence[str]) -> Iterator[str]:
    """Each word repeated in a block before the next: "chief executive chief executive ..."."""
    for w in itertools.cycle(words):
        yield (w + " ") * REPEAT_BLOCK


SOLO_MIN = 3  # "solo" shape: shorter words are mostly function words and symbols, not the lexicon's terms


def _solo(words: Sequence[str], fillers: Sequence[str]) -> Iterator[str]:
    """One short term of the lexicon and nothing else, the densest run of it: "ceo ceo ceo ..." (the first
    of the shortest words of ``SOLO_MIN`` letters or more)."""
    return itertools.repeat(min((w for w in words if len(w) >= SOLO_MIN), key=len, default=words[0]) + " ")


def _capitalized(words: Sequence[str], fillers: Sequence[str]) -> Iterator[str]:
    """The words capitalized, as in headlines and names: "Chief Executive Chairman ..."."""
    for w in itertools.cycle(words):
        yield w[:1].upper() + w[1:] + " "


def _names(words: Sequence[str], fillers: Sequence[str]) -> Iterator[str]:
    """Each word before a capitalized name or place: "ceo Anna Berg chairman Berlin ..."."""
    for w, f in zip(itertools.cycle(words), itertools.cycle(fillers)):
        yield f"{w} {f} "


def _list(words: Sequence[str], fillers: Sequence[str]) -> Iterator[str]:
    """A comma list without end: "Anna Berg, ceo, Berlin and chairman, Paul Ruiz, ..."."""
    for i, (w, f) in enumerate(zip(itertools.cycle(words), itertools.cycle(fillers))):
        yield f"{f}, {w}{' and' if i % 3 == 2 else ','} "


def _apposition(words: Sequence[str], fillers: Sequence[str]) -> Iterator[str]:
    """Names with a word as apposition, in one sentence: "Anna Berg, ceo of Berlin, Paul Ruiz, ..."."""
    for w, f, g in zip(itertools.cycle(words), itertools.cycle(fillers), itertools.cycle(reversed(fillers))):
        yield f"{f}, {w} {g}, "


def _sentences(words: Sequence[str], fillers: Sequence[str]) -> Iterator[str]:
    """Many short sentences: "Anna Berg ceo Berlin. ..." (a directory page)."""
    for w, f, g in zip(itertools.cycle(words), itertools.cycle(fillers), itertools.cycle(reversed(fillers))):
        yield f"{f} {w} {g}. "


def _lines(words: Sequence[str], fillers: Sequence[str]) -> Iterator[str]:
    """A table: one word and a name per line, with numbers ("ceo | Anna Berg | 2024 | 5")."""
    for i, (w, f) in enumerate(zip(itertools.cycle(words), itertools.cycle(fillers))):
        yield f"{w} | {f} | {2000 + i % 30} | {i % 97}\n"


SHAPES: dict[str, Shape] = {
    "run": _run,
    "same": _same,
    "solo": _solo,
    "capitalized": _capitalized,
    "names": _names,
    "list": _list,
    "apposition": _apposition,
    "sentences": _sentences,
    "lines": _lines,
}


def make_text(words: Sequence[str], fillers: Sequence[str], shape: str, size: int) -> str:
    """``size`` characters at most of ``words`` laid out in ``shape`` (whole pieces only)."""
    out: list[str] = []
    n = 0
    for piece in SHAPES[shape](words, fillers):
        if n + len(piece) > size:
            break
        out.append(piece)
        n += len(piece)
    return "".join(out)


def cases(code: str, size: int, shapes: Sequence[str] = tuple(SHAPES)) -> Iterator[Case]:
    """Every lexicon of language ``code`` in every shape, each text at most ``size`` characters."""
    fillers = _fillers(code)
    for lexicon, words in lexicons(code).items():
        for shape in shapes:
            yield Case(code, lexicon, shape, make_text(words, fillers, shape, size))


def all_cases(size: int) -> Iterator[Case]:
    """:func:`cases` for every supported language."""
    for code in supported_languages():
        yield from cases(code, size)


def count_steps(call: Callable[[], object], package: str = "expansion_tracker") -> int:
    """How many lines of ``package``'s code run during ``call()``: a measure of work that, unlike a
    clock, gives the same number on every machine, so that a test can compare it at n and 2n."""
    steps = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:  # the tracer of the frame: itself
        nonlocal steps
        if event == "line":
            steps += 1
        return local

    def on_call(frame: FrameType, event: str, arg: object) -> Any:  # the local tracer, or None: not traced
        return local if frame.f_globals.get("__name__", "").startswith(package) else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        call()
    finally:
        sys.settrace(previous)
    return steps


def growth(text: str, parse: Callable[[str], object], copies: int = 1) -> float:
    """The ratio of :func:`count_steps` for ``parse`` of ``2 * copies`` copies of ``text`` to ``copies``
    copies: about 2 for linear work (a little less: fixed costs), 4 for quadratic. Both texts are parsed
    once first, to warm the memos. Doubling by repetition keeps the shape: a run of one word stays one
    longer run. With ``copies=2`` what the first copy alone lacks (a name the second copy refers back
    to) weighs in both texts, not only in the longer one."""
    small_text = text * copies
    parse(small_text + small_text)
    small = count_steps(lambda: parse(small_text))
    return count_steps(lambda: parse(small_text + small_text)) / max(1, small)
