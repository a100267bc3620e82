"""Reading article files: decoding, size limits, and walking folders."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ArticleFileError, ParameterError

__all__ = ["ARTICLE_SUFFIXES", "DEFAULT_MAX_BYTES", "iter_article_paths", "read_article"]

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


def _decode(p: Path, raw: bytes) -> str:
    bom, codec, name = next((b for b in _BOMS if raw.startswith(b[0])), (b"", "utf-8", "UTF-8"))
    try:
        return raw[len(bom) :].decode(codec)
    except UnicodeDecodeError as exc:
        where = exc.start + len(bom)
        hint = "" if bom else "; without a byte order mark only UTF-8 is read"
        raise ArticleFileError(p, f"not valid {name} text at byte {where} ({exc.reason}){hint}") from None


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of an article file: UTF-8 (with or without BOM), or UTF-16 / UTF-32 with BOM.

    Files over ``max_bytes`` are refused before they are read (never more than ``max_bytes + 1``
    bytes are read, even if the file grows meanwhile); unreadable files and undecodable bytes
    raise :class:`ArticleFileError` naming the file.

    >>> read_article("no/such/article.txt")
    Traceback (most recent call last):
    ...
    expansion_tracker.errors.ArticleFileError: no/such/article.txt: No such file or directory
    """
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
    return _decode(p, raw)


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
