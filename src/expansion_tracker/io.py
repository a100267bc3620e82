"""Reading article files: decoding, size limits, and walking folders."""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ArticleFileError

__all__ = ["DEFAULT_MAX_BYTES", "iter_article_paths", "read_article"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".text", ".md")


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of an article file: UTF-8 (with or without BOM) or UTF-16 with BOM.

    Files over ``max_bytes`` are refused before they are read; undecodable bytes raise
    :class:`ArticleFileError` naming the file.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ArticleFileError(p, exc.strerror or str(exc)) from exc
    if size > max_bytes:
        raise ArticleFileError(p, f"file is {size} bytes, over the limit of {max_bytes}")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ArticleFileError(p, exc.strerror or str(exc)) from exc
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleFileError(p, f"not valid {encoding} text (byte {exc.start}: {exc.reason})") from exc


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and the article files (``.txt``, ``.text``, ``.md``) under folders, sorted."""
    for item in paths:
        p = Path(item)
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            yield p
