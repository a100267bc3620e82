"""HTML in article text: detect it, and clean it or reject it, keeping offsets into the caller's text.

Articles scraped from the web often arrive with tags and character references left in. Read as
prose, ``<p>`` and ``&amp;`` would become words, so :func:`strip_markup` removes tags (block
tags become line breaks so sentences still split), drops the content of ``script``, ``style`` and
similar elements and of comments, and decodes character references as :func:`html.unescape`
would, while recording for every kept character where it came from.

>>> clean = strip_markup("<p>Acme &amp; Co opens in Berlin.</p><p>Next</p>")
>>> clean.text
'\\nAcme & Co opens in Berlin.\\n\\nNext\\n'
>>> clean.offsets[6]  # the "&" comes from the "&amp;" at index 8 of the input
8
>>> looks_like_html("Profits < 5% & falling")
False
"""

from __future__ import annotations

import html
import re
from typing import Literal

import attrs

from .errors import MarkupError
from .text import Document, normalize

__all__ = ["MARKUP_MODES", "MarkupMode", "StrippedText", "looks_like_html", "prepare_document", "strip_markup"]

MarkupMode = Literal["clean", "reject", "keep"]
MARKUP_MODES: tuple[str, ...] = ("clean", "reject", "keep")


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Element names of HTML (and a few of its old or embedded vocabularies). Only these count as
# tags, so "a <b> c" counts but "x <y> z" and "<Acme>" stay text.
_BLOCK = _names(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe legend li main menu nav "
    "ol p pre section summary table tbody tfoot thead title tr ul"
)
_CELL = _names("td th")
_INLINE = _names(
    "a abbr acronym area audio b base basefont bdi bdo big blink button canvas cite code col colgroup data datalist "
    "del dfn em embed font i img input ins kbd label link map mark marquee meta meter nobr noscript object optgroup "
    "option output param picture progress q rp rt ruby s samp select slot small source span strike strong sub sup "
    "svg template textarea time track tt u var video wbr"
)
# Elements whose content is never prose: dropped with their tags.
_RAW = _names("script style noembed noframes xmp")
_KNOWN = _BLOCK | _CELL | _INLINE | _RAW

# A start of something that may be markup: the only places the scanner stops at.
_TRIGGER = re.compile(r"<[A-Za-z!/?]|&#?[A-Za-z0-9]")
# One tag from its "<"; "[^<>]*" stops at the next "<", so a failed attempt costs at most the
# distance to the next trigger and the whole scan stays linear.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*(?::[A-Za-z0-9]+)?)(?=[\s/>])[^<>]*>")
_DECL = re.compile(r"<[!?][^<>]*>")  # <!DOCTYPE html>, <?xml ...?>, <![CDATA[ (start only)
# A character reference as html.unescape reads it, limited to the ";"-terminated forms so that
# "AT&T" or "R&D" in plain text are never touched.
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z][A-Za-z0-9]{1,31};)")
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _RAW}


@attrs.frozen
class StrippedText:
    """Text with markup removed, and ``offsets[i]``: the index in the input of ``text[i]``."""

    text: str
    offsets: tuple[int, ...] = attrs.field(repr=False)
    found: bool = False  # whether any markup was found (else ``text`` is the input unchanged)


def _entity_text(ref: str) -> str | None:
    """The decoded text of one character reference, or None when it is not one."""
    decoded = html.unescape(ref)
    return None if decoded == ref else decoded


def _markup_at(text: str, pos: int) -> tuple[int, str, str | None] | None:
    """The markup starting at ``pos``: (end, replacement, raw element name), or None for plain text."""
    ch = text[pos]
    if ch == "&":
        m = _ENTITY.match(text, pos)
        if m is None:
            return None
        decoded = _entity_text(m.group())
        return None if decoded is None else (m.end(), decoded, None)
    if text.startswith("<!--", pos):
        end = text.find("-->", pos + 4)
        return (len(text) if end < 0 else end + 3), "", None
    m = _TAG.match(text, pos)
    if m is not None:
        name = m.group(2).lower()
        if name not in _KNOWN and ":" not in name:
            return None
        closing = bool(m.group(1))
        if name in _BLOCK:
            repl = "\n"
        elif name in _CELL:
            repl = " "
        else:
            repl = ""
        raw = name if name in _RAW and not closing and not m.group().endswith("/>") else None
        return m.end(), repl, raw
    m = _DECL.match(text, pos)
    if m is not None:
        return m.end(), "", None
    return None


def strip_markup(text: str) -> StrippedText:
    """Remove HTML tags, comments and script/style content from ``text`` and decode references.

    Runs in time linear in the length of ``text``. Without markup the text comes back unchanged
    with ``found`` False.

    >>> s = strip_markup("Caf&eacute;<br>Berlin<script>var x = '<p>';</script>!")
    >>> s.text, s.found
    ('Café\\nBerlin!', True)
    >>> s.text[:4] == "Café" and s.offsets[3]  # "é" comes from "&eacute;" at index 3
    3
    """
    stripped = _strip(text)
    if stripped is None:
        return StrippedText(text, tuple(range(len(text))), False)
    return StrippedText(stripped[0], tuple(stripped[1]), True)


def _strip(text: str) -> tuple[str, list[int]] | None:
    """The work of :func:`strip_markup`: the clean text and its offsets, or None without markup
    (so that plain text, the usual case, costs one regex search and no offset table)."""
    n = len(text)
    if ("<" not in text and "&" not in text) or _TRIGGER.search(text) is None:  # "in" is a memchr
        return None
    pieces: list[str] = []
    offsets: list[int] = []
    found = False
    kept = 0  # start of the plain text not yet copied
    pos = 0
    while True:
        m = _TRIGGER.search(text, pos)
        if m is None:
            break
        start = m.start()
        hit = _markup_at(text, start)
        if hit is None:
            pos = start + 1
            continue
        found = True
        end, repl, raw = hit
        if raw is not None:  # drop everything up to the closing tag (or the end, as browsers do)
            close = _RAW_END[raw].search(text, end)
            end = n if close is None else close.end()
        pieces.append(text[kept:start])
        offsets.extend(range(kept, start))
        if repl:
            pieces.append(repl)
            offsets.extend([start] * len(repl))
        kept = pos = end
    if not found:
        return None
    pieces.append(text[kept:])
    offsets.extend(range(kept, n))
    return "".join(pieces), offsets


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds an HTML tag, comment or character reference.

    >>> looks_like_html("Acme opens <b>two</b> offices"), looks_like_html("A&amp;B"), looks_like_html("a < b")
    (True, True, False)
    """
    pos = 0
    while True:
        m = _TRIGGER.search(text, pos)
        if m is None:
            return False
        if _markup_at(text, m.start()) is not None:
            return True
        pos = m.start() + 1


def _excerpt(text: str, limit: int = 60) -> str:
    m = _TRIGGER.search(text)
    start = 0 if m is None else max(0, m.start() - 10)
    return text[start : start + limit]


def prepare_document(text: str, markup: str = "clean") -> Document:
    """Normalize ``text`` for the parser after dealing with its markup as ``markup`` says.

    ``"clean"`` strips tags and decodes references (offsets still point into ``text``),
    ``"reject"`` raises :class:`MarkupError` when the text looks like HTML, ``"keep"`` reads it as is.

    >>> prepare_document("<b>Acme</b> &amp; Co").text
    'Acme & Co'
    >>> prepare_document("<b>Acme</b>", "reject")
    Traceback (most recent call last):
    ...
    expansion_tracker.errors.MarkupError: text looks like HTML (markup='reject'): '<b>Acme</b>'
    """
    if markup == "keep":
        return normalize(text)
    if markup == "reject":
        if looks_like_html(text):
            raise MarkupError(f"text looks like HTML (markup='reject'): {_excerpt(text)!r}")
        return normalize(text)
    if markup != "clean":
        raise MarkupError(f"markup must be one of {', '.join(MARKUP_MODES)}, got {markup!r}")
    stripped = _strip(text)
    if stripped is None:
        return normalize(text)
    return normalize(stripped[0], original=text, offset_map=stripped[1])
