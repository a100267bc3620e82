"""Reading article files: decoding, size limits, and walking folders."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ArticleFileError, ParameterError

__all__ = [
    "ARTICLE_SUFFIXES",
    "AUTO_ENCODING",
    "DEFAULT_MAX_BYTES",
    "decode_bytes",
    "iter_article_paths",
    "read_article",
    "read_bytes",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".text", ".md")

# Byte order marks, longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)


AUTO_ENCODING = "auto"  # the ``encoding`` that asks charset-normalizer to decide
_ENCODING_HINT = (
    "without a byte order mark only UTF-8 is read unless an encoding is given"
    " (encoding= in Python, --encoding on the command line, 'auto' to detect it)"
)


def _detect_encoding(name: str | Path, raw: bytes) -> str:
    """The text of ``raw`` as charset-normalizer reads it: it weighs every candidate code page by
    how plausible the decoded text is, which a hand-written guess (latin-1 after UTF-8) cannot."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ArticleFileError(name, "no text encoding fits these bytes (encoding='auto'); is it text at all?")
    return str(best)


def decode_bytes(name: str | Path, raw: bytes, encoding: str | None = None) -> str:
    """The text of ``raw``: a byte order mark wins, then ``encoding`` ("auto": detected), else UTF-8.

    Undecodable bytes raise :class:`ArticleFileError` naming ``name``, the byte and how to give
    the encoding.

    >>> decode_bytes("a.txt", "Büro".encode("latin-1"), "latin-1")
    'Büro'
    >>> decode_bytes("a.txt", b"x", "klingon")
    Traceback (most recent call last):
    ...
    expansion_tracker.errors.ArticleFileError: a.txt: unknown encoding 'klingon'
    """
    bom, codec, label = next((b for b in _BOMS if raw.startswith(b[0])), (b"", "utf-8", "UTF-8"))
    if not bom and encoding is not None:
        if encoding.lower() == AUTO_ENCODING:
            return _detect_encoding(name, raw) if raw else ""
        try:
            codec = label = codecs.lookup(encoding).name
        except LookupError:
            raise ArticleFileError(name, f"unknown encoding {encoding!r}") from None
    try:
        return raw[len(bom) :].decode(codec)
    except UnicodeDecodeError as exc:
        where = exc.start + len(bom)
        hint = f"; {_ENCODING_HINT}" if not bom and encoding is None else ""
        raise ArticleFileError(name, f"not valid {label} text at byte {where} ({exc.reason}){hint}") from None


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, refused before reading when over ``max_bytes`` (see :func:`read_article`)."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
        raise ParameterError("max_bytes", max_bytes, "a non-negative int")
    p = Path(path)
    try:
        with p.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise ArticleFileError(p, f"file is {size} bytes, over the limit of {max_bytes} (max_bytes)")
            raw = f.read(max_bytes + 1)
    except OSError as exc:
        if isinstance(exc, ArticleFileError):
            raise
        raise ArticleFileError(p, exc.strerror or str(exc)) from exc
    if len(raw) > max_bytes:  # grew after the size check, or a device that reports no size
        raise ArticleFileError(p, f"file is over the limit of {max_bytes} bytes (max_bytes)")
    return raw


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> str:
    """The text of an article file: UTF-8 (with or without BOM), UTF-16 / UTF-32 with BOM, or ``encoding``.

    ``encoding`` names the file's code page ("latin-1", "cp1252") or is "auto" to let
    charset-normalizer decide. Files over ``max_bytes`` are refused before they are read (never
    more than ``max_bytes + 1`` bytes are read, even if the file grows meanwhile); unreadable
    files and undecodable bytes raise :class:`ArticleFileError` naming the file.

    >>> read_article("no/such/article.txt")
    Traceback (most recent call last):
    ...
    expansion_tracker.errors.ArticleFileError: no/such/article.txt: No such file or directory
    """
    p = Path(path)
    return decode_bytes(p, read_bytes(p, max_bytes=max_bytes), encoding)


def iter_article_paths(paths: Iterable[str | Path], *, suffixes: Iterable[str] = ARTICLE_SUFFIXES) -> Iterator[Path]:
    """Files as given, and the article files under folders (by suffix, case-insensitive), in sorted order.

    Folders are walked lazily, without following symbolic links to folders, skipping hidden
    files and folders (``.git``). A path that does not exist is yielded as is, so that reading
    it reports the error for that file.
    """
    wanted = tuple(s.lower() for s in suffixes)
    for item in paths:
        p = Path(item)
        if not p.is_dir():
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and name.lower().endswith(wanted):
                    yield Path(root, name)
