"""Articles as they come: text files, saved web pages, RSS/Atom feeds, JSON Lines and CSV records, stdin.

:func:`iter_articles` turns paths (files, folders, ``-`` for standard input) into
:class:`Article` objects (the text to parse and what is known about it: publication date,
source URL, language) or :class:`ReadFailure` objects naming what could not be read and why. The
kind of each file is told from its content, not its name: a page saved as ``.txt`` is still a
page, and a file of a kind the tool cannot read (a PDF, an image, an XML sitemap) is a failure
named with its kind, never skipped in silence.

- A **web page** goes through trafilatura, which keeps the article's main text and leaves out
  navigation, asides, footers, related-story lists and comments; the page's publication date
  (``datePublished``, ``article:published_time``...) and canonical URL come with it.
  ``Article.text`` is that extracted text, so evidence offsets point into it (``extracted``).
- A **feed** (RSS 0.9x/1.0/2.0, Atom) gives one article per item, through feedparser, with the
  item's date and link. An item that carries only a summary is read as that summary.
- **Records**, JSON Lines (or a JSON array) and CSV with a header, give one article per row from the
  columns ``text`` (or ``html``), ``title``, ``published``, ``url``, ``language`` and ``id``.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "news.jsonl").write_text(
...     '{"id": 1, "text": "Acme opens an office in Lyon.", "published": "2024-03-04"}\\n'
...     '{"id": 2, "text": "Globex closes its office in Ghent.", "published": "2024-05-06"}\\n', encoding="utf-8")
>>> [(a.kind, a.source.rsplit("/", 1)[-1], a.published) for a in iter_articles([folder])]
[('record', 'news.jsonl#1', datetime.date(2024, 3, 4)), ('record', 'news.jsonl#2', datetime.date(2024, 5, 6))]
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, Literal

import attrs

from .errors import ArticleFileError, ExpansionTrackerError, InputKindError, ParameterError, RecordError
from .io import DEFAULT_MAX_BYTES, decode_bytes, read_bytes
from .languages import supported_languages
from .markup import strip_markup

__all__ = [
    "INPUT_FORMATS",
    "STDIN",
    "Article",
    "ArticleKind",
    "ReadFailure",
    "detect_kind",
    "iter_articles",
    "iter_input_paths",
    "read_file",
    "read_page",
]

STDIN = "-"  # the path that means standard input, as Unix tools take it
STDIN_NAME = "<stdin>"
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "html", "feed", "jsonl", "csv")
ArticleKind = Literal["text", "html", "feed", "record"]

# Enough of a file to tell its kind: a page's <html> or a feed's root element comes after at most
# an XML declaration, a doctype and a few comments; a JSON or CSV file shows itself on its first line.
_SNIFF_CHARS = 4096
# Leading bytes of kinds that are not text, named in the failure so the user knows what went wrong.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub, which are ZIP archives)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")  # text that has NUL bytes in it legitimately
# The first element of a markup document, after any XML declaration, doctype and comments.
_PROLOG = re.compile(r"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!(?!--)[^>]*>)*", re.DOTALL)
_ROOT = re.compile(r"<([A-Za-z][\w.-]*(?::[\w.-]+)?)")
_HTML_DOCTYPE = re.compile(r"<!doctype\s+html", re.IGNORECASE)
_HTML_MARKERS = re.compile(r"<(?:html|head|body)[\s>]", re.IGNORECASE)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
_CSV_DELIMITERS = ",;\t|"
_COLUMN_NAME = re.compile(r"[\w.-]{0,40}")  # a header cell: an identifier-like name, or none (an index)
_TEXT_COLUMNS = ("text", "html")  # a record's article: plain text, or a page to extract
# The encoding a page or feed declares in its first bytes: <?xml ... encoding="..."?>, <meta charset="...">
_DECLARED_ENCODING = re.compile(
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
    rb"""|<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)
_DECLARED_REACH = 2048  # bytes looked at for a declaration: it comes before any content
_XML_ENCODING = re.compile(r"""(<\?xml[^>]{0,200}?encoding\s*=\s*["'])[^"']*(["'])""")
_ISO_DAY = re.compile(r"\A\s*(\d{4}-\d{2}-\d{2})(?:[T ]|\s*\Z)")
# trafilatura asks htmldate for the date; these keep it to what the page says of its publication
# (its metadata and marked-up dates), not a guess from any date in the text or the last-modified date
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@attrs.frozen
class Article:
    """One article to parse, with what its container says about it.

    ``text`` is what the parser reads: the file's text, or for a page or feed item the text
    extracted from its markup (``extracted`` is then True and evidence offsets point into
    ``text``, not into the file). ``published``, ``language`` and ``url`` are None when the
    input does not say. ``summary_only`` marks a feed item that carries only its summary.
    """

    text: str
    source: str
    kind: ArticleKind = "text"
    published: dt.date | None = None
    language: str | None = None
    url: str | None = None
    title: str | None = None
    extracted: bool = False
    summary_only: bool = False


@attrs.frozen
class ReadFailure:
    """An input, or one record of it, that could not be read: ``source`` names it, ``error`` says why."""

    source: str
    error: str
    error_type: str

    @classmethod
    def of(cls, source: str, exc: ExpansionTrackerError) -> ReadFailure:
        return cls(source, str(exc), type(exc).__name__)


def iter_input_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given (``-`` too), and every file under folders, sorted, skipping hidden entries.

    Every file of a folder is yielded, whatever its name: its kind is told from its content, and a
    kind the tool cannot read becomes a named failure instead of a silent omission.
    """
    for item in paths:
        p = Path(item)
        if str(item) == STDIN or not p.is_dir():
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root, name)


def _binary_kind(raw: bytes) -> str | None:
    """What a file that is not text is, from its first bytes; None when it may be text."""
    for magic, name in _MAGIC:
        if raw.startswith(magic):
            return name
    if not raw.startswith(_UTF16_32_BOMS) and b"\x00" in raw[:_SNIFF_CHARS]:
        return "binary data"
    return None


def _first_line(text: str) -> str:
    stripped = text.lstrip()
    return stripped[: stripped.find("\n")] if "\n" in stripped else stripped


def _csv_delimiter(header: str) -> str | None:
    """The delimiter of a CSV header line that names a ``text`` or ``html`` column, else None."""
    for delim in sorted(_CSV_DELIMITERS, key=lambda d: -header.count(d)):
        if not header.count(delim):
            break
        cells = next(csv.reader([header], delimiter=delim))
        names = {c.strip().lower() for c in cells}
        # column names, not a sentence that happens to start with "Text, ..."
        if names.intersection(_TEXT_COLUMNS) and all(_COLUMN_NAME.fullmatch(c.strip()) for c in cells):
            return delim
    return None


def detect_kind(text: str) -> str:
    """The input format of a decoded file: "html", "feed", "jsonl", "csv" or "text".

    Markup that is neither a page nor a feed (an XML sitemap, say) raises :class:`InputKindError`.

    >>> detect_kind('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')
    'feed'
    >>> detect_kind("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    'html'
    >>> detect_kind('{"text": "Acme opens in Lyon."}'), detect_kind("id,text\\n1,Acme opens in Lyon.")
    ('jsonl', 'csv')
    >>> detect_kind("Acme opens an <b>office</b> in Lyon.")
    'text'
    """
    head = text[:_SNIFF_CHARS].lstrip("\ufeff")
    stripped = head.lstrip()
    if stripped.startswith("<"):
        root = _ROOT.match(head, _PROLOG.match(head).end())  # type: ignore[union-attr]  # \A(...)* always matches
        name = root.group(1).lower() if root else ""
        if name in _FEED_ROOTS:
            return "feed"
        if name == "html" or _HTML_DOCTYPE.search(head) or _HTML_MARKERS.search(head):
            return "html"
        if stripped.startswith("<?xml"):
            raise InputKindError(f"XML whose root element is <{name or '?'}>, neither a web page nor an RSS/Atom feed")
        return "text"  # a fragment ("<p>...</p>"): text with markup, cleaned by the parser
    if stripped.startswith("{"):
        try:
            if isinstance(json.loads(_first_line(stripped)), dict):
                return "jsonl"
        except ValueError:
            pass
    if stripped.startswith("["):
        try:
            if isinstance(json.loads(text), list):
                return "jsonl"
        except ValueError:
            pass
    if _csv_delimiter(_first_line(stripped)) is not None:
        return "csv"
    return "text"


def _paragraphs(text: str) -> str:
    """Lines as paragraphs: extracted blocks become paragraphs, so a headline never runs into its body."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _date_of(value: object, what: str) -> dt.date | None:
    """A date from a record or page field: ISO (a date or a timestamp) or RFC 2822 ("Mon, 04 Mar 2024 ...")."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        m = _ISO_DAY.match(value)
        if m:
            try:
                return dt.date.fromisoformat(m.group(1))
            except ValueError:
                pass
        else:
            from email.utils import parsedate_to_datetime  # the email package costs start-up time: only here

            try:
                return parsedate_to_datetime(value).date()
            except (TypeError, ValueError):
                pass
    raise RecordError(f"{what} is not a date (YYYY-MM-DD, an ISO timestamp or an RFC 2822 date): {value!r}")


def _language_of(value: object) -> str | None:
    """A supported language code from metadata ("en", "en-US", "DE"); None for an unknown or absent one."""
    if not isinstance(value, str) or not value.strip():
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if code in supported_languages() else None


def read_page(html: str, source: str) -> Article:
    """The main text and metadata of a web page, through trafilatura.

    trafilatura is a maintained boilerplate remover tested on thousands of news sites: it keeps
    the article body and drops menus, asides, footers, cookie notices, related links and
    comments, which a tag stripper cannot tell apart. Raises :class:`InputKindError` when the
    page holds no article text.
    """
    from trafilatura import bare_extraction

    doc = bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(body, str) or not body.strip():
        raise InputKindError("a web page in which no article text was found")
    title = doc.title if isinstance(doc.title, str) and doc.title.strip() else None  # type: ignore[union-attr]
    text = _paragraphs(body)
    if title and not text.startswith(title):
        text = f"{title.strip()}\n\n{text}"
    url = doc.url if isinstance(doc.url, str) and doc.url else None  # type: ignore[union-attr]
    try:
        published = _date_of(doc.date, "the page's date")  # type: ignore[union-attr]
    except RecordError:
        published = None
    return Article(
        text,
        url or source,
        "html",
        published=published,
        language=_language_of(getattr(doc, "language", None)),
        url=url,
        title=title,
        extracted=True,
    )


def _struct_date(value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date(value[0], value[1], value[2])  # type: ignore[index]  # feedparser's time.struct_time
    except (TypeError, ValueError, IndexError):
        return None


def _iter_feed(text: str, source: str) -> Iterator[Article | ReadFailure]:
    """One article per feed item, through feedparser (RSS 0.9x to 2.0, RDF, Atom; dates in their many forms)."""
    import feedparser

    # feedparser fetches a string that looks like a URL and opens one that names a file: a stream of
    # the already decoded text (its declaration saying so) is only ever parsed
    utf8 = _XML_ENCODING.sub(r"\1utf-8\2", text, count=1).encode("utf-8")
    feed = feedparser.parse(io.BytesIO(utf8), sanitize_html=False, resolve_relative_uris=False)
    default_language = _language_of(feed.feed.get("language"))
    for number, entry in enumerate(feed.entries, 1):
        link = entry.get("link") or None
        name = link or f"{source}#{number}"
        content = entry.get("content") or []
        body = next((c.get("value") for c in content if c.get("value")), None)
        summary_only = body is None
        if body is None:
            body = entry.get("summary") or ""
        title = strip_markup(entry.get("title") or "").text.strip() or None
        text = _paragraphs(strip_markup(body).text)
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}" if text else title
        if not text:
            yield ReadFailure(name, f"{source}: feed item {number} has neither a title nor a text", "RecordError")
            continue
        published = _struct_date(entry.get("published_parsed")) or _struct_date(entry.get("updated_parsed"))
        language = _language_of(content[0].get("language")) if content else None
        yield Article(
            text,
            name,
            "feed",
            published=published,
            language=language or default_language,
            url=link,
            title=title,
            extracted=True,
            summary_only=summary_only,
        )


def _record_article(row: Mapping[str, Any], source: str, where: str) -> Article:
    """The article of one record (a JSON object or a CSV row with lower-cased column names)."""
    ident = row.get("id")
    url = row.get("url") or None
    name = str(url) if url else f"{source}#{ident}" if ident not in (None, "") else where
    published = _date_of(row.get("published"), "published")
    language = row.get("language") or None
    if language is not None and _language_of(language) is None:
        raise RecordError(f"language {language!r} is not one of {', '.join(supported_languages())}")
    text, html = row.get("text"), row.get("html")
    if isinstance(text, str) and text.strip():
        title = row.get("title")
        if isinstance(title, str) and title.strip() and not text.lstrip().startswith(title.strip()):
            text = f"{title.strip()}\n\n{text}"
        return Article(text, name, "record", published, _language_of(language), str(url) if url else None)
    if isinstance(html, str) and html.strip():
        page = read_page(html, name)
        return attrs.evolve(
            page,
            source=name if url or page.url is None else page.url,
            kind="record",
            published=published or page.published,
            language=_language_of(language) or page.language,
            url=str(url) if url else page.url,
        )
    raise RecordError("no text: the record has neither a non-empty 'text' nor an 'html' column")


def _iter_rows(rows: Iterator[tuple[str, object]], source: str) -> Iterator[Article | ReadFailure]:
    for where, row in rows:
        if isinstance(row, ReadFailure):
            yield row
            continue
        if not isinstance(row, dict):
            message = f"{where}: a record must be a JSON object, got {type(row).__name__}"
            yield ReadFailure(where, message, "RecordError")
            continue
        try:
            yield _record_article({str(k).lower(): v for k, v in row.items()}, source, where)
        except ExpansionTrackerError as exc:
            yield ReadFailure(where, f"{where}: {exc}", type(exc).__name__)


def _json_rows(text: str, source: str) -> Iterator[tuple[str, object]]:
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except ValueError as exc:
            yield source, ReadFailure(source, f"{source}: not valid JSON ({exc})", "RecordError")
            return
        for n, record in enumerate(records if isinstance(records, list) else [records], 1):
            yield f"{source}:{n}", record
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            yield where, json.loads(line)
        except ValueError as exc:
            yield where, ReadFailure(where, f"{where}: not a JSON object ({exc})", "RecordError")


def _csv_rows(text: str, source: str, max_bytes: int) -> Iterator[tuple[str, object]]:
    header = _first_line(text)
    delim = _csv_delimiter(header)
    if delim is None:
        yield source, ReadFailure(source, f"{source}: a CSV file needs a 'text' or 'html' column", "RecordError")
        return
    # the csv module refuses fields over 128 KiB by default; an article may be as long as a file may be
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    reader = csv.DictReader(io.StringIO(text.lstrip(), newline=""), delimiter=delim)
    try:
        for row in reader:
            yield f"{source}:{reader.line_num}", row
    except csv.Error as exc:
        where = f"{source}:{reader.line_num}"
        yield where, ReadFailure(where, f"{where}: {exc}", "RecordError")


def _articles_of(text: str, source: str, kind: str, max_bytes: int) -> Iterator[Article | ReadFailure]:
    if kind == "text":
        yield Article(text, source)
    elif kind == "html":
        yield read_page(text, source)
    elif kind == "feed":
        yield from _iter_feed(text, source)
    elif kind == "jsonl":
        yield from _iter_rows(_json_rows(text, source), source)
    else:
        yield from _iter_rows(_csv_rows(text, source, max_bytes), source)


def _declared_encoding(raw: bytes) -> str | None:
    """The encoding a page or a feed declares for itself, if it names one Python knows."""
    m = _DECLARED_ENCODING.search(raw, 0, _DECLARED_REACH)
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _read_stdin(stream: BinaryIO, max_bytes: int) -> bytes:
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ArticleFileError(STDIN_NAME, f"input is over the limit of {max_bytes} bytes (max_bytes)")
    return raw


def _read_one(
    path: Path, input_format: str, encoding: str | None, max_bytes: int, stdin: BinaryIO | None
) -> Iterator[Article | ReadFailure]:
    is_stdin = str(path) == STDIN
    source = STDIN_NAME if is_stdin else str(path)
    try:
        if is_stdin:
            raw = _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        else:
            raw = read_bytes(path, max_bytes=max_bytes)
        what = _binary_kind(raw)
        if what is not None and input_format == "auto":
            raise InputKindError(f"{what}, not a kind of file expansion-tracker reads")
        text = decode_bytes(source, raw, encoding or _declared_encoding(raw))
        kind = detect_kind(text) if input_format == "auto" else input_format
        articles = list(_articles_of(text, source, kind, max_bytes))
    except ExpansionTrackerError as exc:
        message = str(exc)
        yield ReadFailure(source, message if message.startswith(source) else f"{source}: {message}", type(exc).__name__)
        return
    yield from articles


def read_file(
    path: str | Path, *, input_format: str = "auto", encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Article | ReadFailure]:
    """The articles of one file (``-``: standard input), as :func:`iter_articles` reads them."""
    return list(_read_one(Path(path), input_format, encoding, max_bytes, None))


def iter_articles(
    paths: Iterable[str | Path],
    *,
    input_format: str = "auto",
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | ReadFailure]:
    """The articles of files, folders (walked) and ``-`` (standard input, or ``stdin``), in order.

    ``input_format`` "auto" tells each file's kind from its content; "text", "html", "feed",
    "jsonl" or "csv" reads every input as that kind. ``encoding`` decodes files without a byte
    order mark ("auto": detected by charset-normalizer); UTF-8 otherwise. Whatever cannot be read
    (a missing file, undecodable bytes, an unknown kind, a bad record) is a :class:`ReadFailure`
    in its place, and the rest goes on.
    """
    if input_format not in INPUT_FORMATS:
        raise ParameterError("input_format", input_format, f"one of {', '.join(INPUT_FORMATS)}")
    for path in iter_input_paths(paths):
        yield from _read_one(path, input_format, encoding, max_bytes, stdin)
