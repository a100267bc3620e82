"""Text normalization and segmentation, with offsets that always point into the caller's text.

Stages after this one work on :class:`Document.text`, a cleaned copy where typographic quotes,
dashes, odd spaces and control characters are unified. :meth:`Document.span` maps a span of the
clean text back to the original, so evidence quotes exactly what the caller passed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import attrs

from .models import Evidence

__all__ = ["Document", "Sentence", "normalize", "split_sentences"]

# One-to-one replacements: they keep every offset.
_CHAR_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2039": '"',
    "\u203a": '"',
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2212": "-",
    # en and em dash are kept as they are: they separate clauses
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u200b": " ",
    "\u200c": " ",
    "\u200d": " ",
    "\u2060": " ",
    "\ufeff": " ",
    "\u00ad": " ",
    "\u2028": "\n",
    "\u2029": "\n",
    "\r": "\n",
    "\t": " ",
    "\x0b": "\n",
    "\x0c": "\n",
}
# The characters of the table a text holds: replacing just those (str.replace, C speed) is 10x
# cheaper than str.translate, which looks every character of a non-ASCII text up in the dict.
_MAPPED = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "]")


def _map_chars(text: str) -> str:
    """``text`` with every character of _CHAR_MAP replaced (each replacement is one character)."""
    for ch in set(_MAPPED.findall(text)):
        text = text.replace(ch, _CHAR_MAP[ch])
    return text


def _clean_char(ch: str) -> str:
    """Control and format characters become spaces; everything else is kept."""
    if ch == "\n":
        return ch
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return " "
    return ch


@attrs.frozen
class Sentence:
    """A sentence (or headline line) as a span of the clean text."""

    start: int
    end: int
    text: str
    paragraph: int = 0


@attrs.frozen
class Document:
    """The cleaned text of an article and the map from its offsets back to the original."""

    original: str
    text: str
    _offsets: tuple[int, ...] | None = attrs.field(default=None, alias="offsets")

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of :attr:`text` to a span of :attr:`original`."""
        if self._offsets is None:
            return start, end
        n = len(self._offsets)
        if n == 0:
            return 0, 0
        o_start = self._offsets[min(start, n - 1)] if start < n else len(self.original)
        o_end = self._offsets[end - 1] + 1 if 0 < end <= n else (len(self.original) if end > n else o_start)
        return o_start, max(o_start, o_end)

    def span(self, start: int, end: int) -> Evidence:
        """Evidence for a span of the clean text, quoting the original text."""
        o_start, o_end = self.to_original(start, end)
        return Evidence(o_start, o_end, self.original[o_start:o_end])


def normalize(text: str, *, original: str | None = None, offset_map: Sequence[int] | None = None) -> Document:
    """Clean ``text`` for matching while remembering where each character came from.

    >>> doc = normalize("Caf\\u0065\\u0301 \\u201cBerlin\\u201d")
    >>> doc.text
    'Café "Berlin"'
    >>> doc.span(6, 12).text
    'Berlin'

    ``text`` may itself be a cleaned copy of ``original`` (markup removed, see ``markup.py``),
    with ``offset_map[i]`` the index in ``original`` of ``text[i]``; the maps are then composed so
    the Document still points into ``original``.
    """
    # -- begin: composition with an earlier offset map (issue 5, markup cleaning) --
    if original is not None:
        if offset_map is None or len(offset_map) != len(text):
            raise ValueError("normalize: offset_map must give one index into original per character of text")
        inner = normalize(text)
        inner_map = inner._offsets
        outer = tuple(offset_map) if inner_map is None else tuple(offset_map[j] for j in inner_map)
        return Document(original, inner.text, outer)
    # -- end --
    cleaned = _map_chars(text)
    if not cleaned.replace("\n", "").isprintable():  # rare: control, format or unassigned characters
        cleaned = "".join(_clean_char(c) for c in cleaned)
    if unicodedata.is_normalized("NFC", cleaned):
        return Document(text, cleaned, None)
    # NFC can merge a base letter and its combining marks: keep an offset per output character.
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(cleaned)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(cleaned[j]):
            j += 1
        composed = unicodedata.normalize("NFC", cleaned[i:j])
        for k, ch in enumerate(composed):
            out.append(ch)
            offsets.append(i + min(k, j - i - 1) if len(composed) <= j - i else i)
        i = j
    return Document(text, "".join(out), tuple(offsets))


_BREAK = re.compile(r"\n\s*\n|\n")
# A sentence ends at ., ! or ? (optionally closed by quotes or brackets) followed by space and a
# capital, digit or opening quote; or where no space follows but a capital does ("start-ups.According").
# Written to start with the stop character itself, so that the regex engine skips ahead to the
# next stop in C (a pattern opening with a lookbehind or an alternation is tried at every position):
# "(?<![.!?…][.!?…])" after the first stop says no stop stands before it.
_END = re.compile(
    r"""[.!?…](?:(?<![.!?…][.!?…])[.!?…]*["')\]]*(?=\s+["'(\[]?[\w])|(?<=[.!?])["')\]]*(?=[A-ZÄÖÜÀ-Þ]))"""
)


@lru_cache(maxsize=16)
def _abbreviation_set(abbreviations: tuple[str, ...]) -> frozenset[str]:
    return frozenset(a.casefold().rstrip(".") for a in abbreviations)


def split_sentences(text: str, abbreviations: Iterable[str] = ()) -> list[Sentence]:
    """Split clean text into sentences: line breaks always end one, and so do ., ! and ?
    unless they close a known abbreviation, an initial, or an ordinal number ("3. Mai").

    >>> [s.text for s in split_sentences("Hello Dr. Smith. 3. Mai 2017 hier.\\nNext line", ["dr."])]
    ['Hello Dr. Smith.', '3. Mai 2017 hier.', 'Next line']
    """
    abbrevs = _abbreviation_set(tuple(abbreviations))
    sentences: list[Sentence] = []
    paragraph = 0
    for block in _blocks(text):
        b_start, b_end, new_par = block
        if new_par:
            paragraph += 1
        seg_start = b_start
        for m in _END.finditer(text, b_start, b_end):
            end = m.end()
            if _is_abbreviation(text, seg_start, m.start(), abbrevs):
                continue
            _add(sentences, text, seg_start, end, paragraph)
            seg_start = end
        _add(sentences, text, seg_start, b_end, paragraph)
    return sentences


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    blocks: list[tuple[int, int, bool]] = []
    start = 0
    new_par = False
    for m in _BREAK.finditer(text):
        blocks.append((start, m.start(), new_par))
        new_par = m.group().count("\n") > 1
        start = m.end()
    blocks.append((start, len(text), new_par))
    return blocks


def _is_abbreviation(text: str, seg_start: int, dot: int, abbrevs: frozenset[str]) -> bool:
    if text[dot] != ".":
        return False
    k = dot
    while k > seg_start and (text[k - 1].isalnum() or text[k - 1] in ".-&"):
        k -= 1
    word = text[k:dot]
    if not word:
        return False
    if word.isdigit() and len(word) <= 2:  # "3. Mai", "1. Januar": a German ordinal, not an end
        return True
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    return word.casefold() in abbrevs or ("." in word and len(word) <= 6)


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    piece = text[start:end]
    body = piece.strip()  # str.strip and str.isspace agree on what is white space
    if body:
        start += len(piece) - len(piece.lstrip())
        out.append(Sentence(start, start + len(body), body, paragraph))
