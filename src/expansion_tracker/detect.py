"""Language identification from each language's frequent function words (``detect.json``).

A handful of stopwords per language tells news text in the supported languages apart reliably;
the score is the share of the text's words that are stopwords of each language.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import filterfalse

from .languages import load_language, supported_languages

__all__ = ["detect_language", "language_scores"]

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SAMPLE_CHARS = 20_000


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {
        code: frozenset(w.casefold() for w in load_language(code).get("detect", "stopwords"))
        for code in supported_languages()
    }


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
    """Share of the words of ``text`` that are stopwords of each supported language."""
    sample = text[:_SAMPLE_CHARS]
    folded = sample.casefold()
    if len(folded) == len(sample):  # folding mapped letter to letter: fold once, then find the words
        counts = _word_counts(folded)
    else:  # "ß" -> "ss", "İ" -> "i̇": fold word by word so word boundaries stay those of the text
        counts = Counter()
        for word, n in _word_counts(sample).items():
            counts[word.casefold()] += n
    total = sum(counts.values())
    if "'" in sample:  # elided articles ("l'ancien", "dell'azienda") also count by their first part
        for key, n in [(k, n) for k, n in counts.items() if "'" in k]:
            counts[key.split("'", 1)[0] + "'"] += n
            total += n
    stopwords = _stopwords()
    if not total:
        return {code: 0.0 for code in stopwords}
    present = counts.keys()
    return {code: sum(counts[w] for w in present & sw) / total for code, sw in stopwords.items()}


def detect_language(text: str, default: str = "en") -> str:
    """The supported language whose stopwords cover most of ``text``; ``default`` when none match.

    >>> detect_language("OpenAI gab nun bekannt, dass neue Büros eröffnen werden.")
    'de'
    >>> detect_language("Google abre su primera oficina en Barcelona y la ciudad lo celebra.")
    'es'
    """
    scores = language_scores(text)
    best = max(sorted(scores), key=lambda code: scores[code])
    return best if scores[best] > 0 else default
