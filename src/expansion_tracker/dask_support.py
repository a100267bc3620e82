"""Parsing on a Dask cluster: map :func:`parse_article` over a bag or a dataframe of articles.

Parsing is a pure function of an article, so it spreads over any Dask scheduler (threads,
processes, or a ``dask.distributed`` cluster) without coordination. Install the extra with
``pip install "expansion_tracker[dask]"``; Dask is imported only when one of these functions runs.

* :func:`parse_bag` maps a bag of texts (or of dicts with a ``text`` key) to a bag of records in
  the ``Announcement.to_dict`` form, with ``error`` and ``error_type`` keys added; with
  ``flatten=True`` it gives one flat record per office instead, as :func:`office_rows` does.
* :func:`parse_dataframe` maps a dataframe with a ``text`` column (and optionally ``published``,
  ``source``, ``language``) to a dataframe with one row per office, flat columns of plain types,
  ready for ``to_parquet``.

A failing article never stops the computation: its record carries the error. As in
:func:`~expansion_tracker.batch.parse_many`, an article that takes over ``timeout`` seconds (30 by
default) is stopped and fails with ``ParseTimeoutError``. The budget is held by SIGALRM, in the main
thread only: a partition that runs in another thread (the threaded scheduler) has its articles
parsed in a process of its own; a daemonic worker process (``dask.distributed``'s default) may
start none, and there the articles have no budget.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from .batch import (
    DEFAULT_TIMEOUT,
    ParseResult,
    _alarm_available,
    _budget_alarm,
    _checked_timeout,
    _warm_up,
    _within,
    parse_result,
)
from .errors import ColumnError, MissingExtraError
from .markup import prepare_document

__all__ = ["OFFICE_COLUMNS", "office_rows", "parse_bag", "parse_dataframe", "record_of"]

# The flat columns of one office row and their pandas dtypes (nullable, Arrow-friendly).
OFFICE_COLUMNS: dict[str, str] = {
    "source": "string",
    "language": "string",
    "published": "string",
    "subject": "string",
    "company": "string",
    "city": "string",
    "country": "string",
    "geonames_id": "Int64",
    "latitude": "Float64",
    "longitude": "Float64",
    "status": "string",
    "kind": "string",
    "label": "string",
    "date": "string",
    "date_precision": "string",
    "date_start": "string",
    "date_end": "string",
    "date_text": "string",
    "confidence": "Float64",
    "background": "boolean",
    "evidence_start": "Int64",
    "evidence_end": "Int64",
    "evidence_text": "string",
    "error": "string",
    "error_type": "string",
}


def _require(module: str) -> Any:
    """Import a module of the dask extra, or raise an ImportError that says how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError("dask", str(exc)) from exc


def _missing(value: object) -> bool:
    """None, NaN and pandas' NA/NaT: a cell with no value."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _cell(value: object) -> Any:
    return None if _missing(value) else value


def _published(value: object) -> dt.date | str | None:
    """A publication date cell: a date, a datetime or pandas Timestamp, an ISO string, or missing."""
    if _missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (dt.date, str)):
        return value
    return str(value)  # parse_article rejects it with an InvalidDateError naming the value


def record_of(result: ParseResult) -> dict[str, Any]:
    """The ``to_dict`` form of a result's announcement plus ``error`` and ``error_type`` keys.

    A failed article gives a record with the same keys, empty, and its source and error.
    """
    if result.announcement is not None:
        record = result.announcement.to_dict()
    else:
        record = {
            "language": None,
            "published": None,
            "source": result.source,
            "headline": None,
            "company": None,
            "offices": [],
            "people": [],
            "organizations": [],
            "funding": [],
        }
    record["error"] = result.error
    record["error_type"] = result.error_type
    return record


def office_rows(result: ParseResult, *, keep_empty: bool = True) -> list[dict[str, Any]]:
    """One flat row per office of a result (the keys of :data:`OFFICE_COLUMNS`).

    A failed article, and with ``keep_empty`` an article without offices, gives one row whose
    office columns are None, so that failures and empty articles stay countable.
    """
    ann = result.announcement
    base: dict[str, Any] = dict.fromkeys(OFFICE_COLUMNS)
    base["source"] = result.source if ann is None else ann.source
    base["error"] = result.error
    base["error_type"] = result.error_type
    if ann is None:
        return [base]
    base["language"] = ann.language
    base["published"] = ann.published.isoformat() if ann.published else None
    base["subject"] = ann.company.name if ann.company else None
    rows = []
    for office in ann.offices:
        row = dict(base)
        flat = office.to_dict()
        date_range = flat.pop("date_range")
        evidence = flat.pop("evidence")
        row.update(flat)
        row["date_start"], row["date_end"] = date_range if date_range else (None, None)
        if evidence:
            row["evidence_start"], row["evidence_end"], row["evidence_text"] = (
                evidence["start"],
                evidence["end"],
                evidence["text"],
            )
        rows.append(row)
    if not rows and keep_empty:
        rows.append(base)
    return rows


def _parse_item(item: object, published: dt.date | None, language: str | None, markup: str) -> ParseResult:
    if isinstance(item, Mapping):
        return parse_result(
            item.get("text"),
            source=_cell(item.get("source")),
            published=_published(item.get("published")) or published,  # type: ignore[arg-type]
            language=_cell(item.get("language")) or language,
            markup=markup,
        )
    return parse_result(item, published=published, language=language, markup=markup)


def _source_of(item: object) -> str:
    """The name of an item's result, as :func:`_parse_item` gives it."""
    source = _cell(item.get("source")) if isinstance(item, Mapping) else None
    return source if source is not None else "<text>"


def _parse_items(
    items: Sequence[object], published: dt.date | None, language: str | None, markup: str, timeout: float | None
) -> list[ParseResult]:
    """The results of a partition's items, each stopped after ``timeout`` seconds (None: no budget).

    Off the main thread SIGALRM cannot stop an article: the partition then goes to a process of its own, as
    :func:`~expansion_tracker.batch.iter_parse` does; a daemonic process (a ``dask.distributed`` worker by default)
    may start none, and holds no budget."""
    import multiprocessing

    if timeout is None or (not _alarm_available() and multiprocessing.current_process().daemon):
        return [_parse_item(item, published, language, markup) for item in items]
    if not _alarm_available():
        from concurrent.futures import ProcessPoolExecutor

        _warm_up()
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(_parse_items, list(items), published, language, markup, timeout).result()
    with _budget_alarm():
        return [
            _within(_source_of(item), timeout, partial(_parse_item, item, published, language, markup))
            for item in items
        ]


def _check_options(published: dt.date | None, language: str | None, markup: str) -> None:
    """Raise for a bad shared option now, in the caller, rather than once per article on the cluster."""
    from .parse import parse_article

    parse_article("", published=published, language=language)
    prepare_document("", markup)


def parse_bag(
    bag: Any,
    *,
    published: dt.date | None = None,
    language: str | None = None,
    markup: str = "clean",
    flatten: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Any:
    """Map parsing over a ``dask.bag.Bag`` of texts, or of dicts with ``text`` and optionally
    ``published``, ``source`` and ``language`` (which override the shared options).

    Returns a lazy bag of records: one :func:`record_of` dict per article, or with ``flatten``
    one :func:`office_rows` dict per office (``bag.to_dataframe()`` then gives a flat frame).
    An article over the ``timeout`` budget (seconds; None: no budget) gets a ``ParseTimeoutError``.
    """
    _require("dask.bag")
    seconds = _checked_timeout(timeout)
    _check_options(published, language, markup)
    parsed = bag.map_partitions(_parse_items, published, language, markup, seconds)
    if flatten:
        return parsed.map(office_rows).flatten()
    return parsed.map(record_of)


def _parse_partition(
    frame: Any,
    text_column: str,
    published: dt.date | None,
    language: str | None,
    markup: str,
    keep: Sequence[str],
    keep_empty: bool,
    timeout: float | None = None,
) -> Any:
    pd = _require("pandas")
    columns = frame.columns
    records = frame.to_dict("records")
    items = [
        {
            "text": record.get(text_column),
            "published": record.get("published") if "published" in columns else None,
            "source": record.get("source") if "source" in columns else None,
            "language": record.get("language") if "language" in columns else None,
        }
        for record in records
    ]
    rows: list[dict[str, Any]] = []
    for record, result in zip(records, _parse_items(items, published, language, markup, timeout), strict=True):
        for row in office_rows(result, keep_empty=keep_empty):
            for name in keep:
                row[name] = _cell(record.get(name))
            rows.append(row)
    return _frame(pd, rows, frame, keep)


def _frame(pd: Any, rows: list[dict[str, Any]], source_frame: Any, keep: Sequence[str]) -> Any:
    """A pandas frame of office rows with fixed column order and dtypes (``rows`` may be empty)."""
    names = [*OFFICE_COLUMNS, *keep]
    out = pd.DataFrame.from_records(rows, columns=names)
    dtypes: dict[str, Any] = dict(OFFICE_COLUMNS)
    for name in keep:
        dtypes[name] = source_frame.dtypes[name]
    return out.astype(dtypes)


def parse_dataframe(
    frame: Any,
    *,
    text_column: str = "text",
    published: dt.date | None = None,
    language: str | None = None,
    markup: str = "clean",
    keep: Sequence[str] = (),
    keep_empty: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Any:
    """Map parsing over a ``dask.dataframe.DataFrame`` of articles: one output row per office.

    Columns ``published``, ``source`` and ``language``, when present, are read per article
    (missing cells fall back to the shared options). Columns named in ``keep`` (an article id,
    its URL...) are copied to every row of the article. Articles that fail or (with
    ``keep_empty``) have no office give one row with empty office columns and, for a failure,
    ``error`` set (``ParseTimeoutError`` for one over the ``timeout`` budget in seconds; None: no
    budget). The columns and dtypes are those of :data:`OFFICE_COLUMNS` then ``keep``.
    """
    _require("dask.dataframe")
    pd = _require("pandas")
    seconds = _checked_timeout(timeout)
    _check_options(published, language, markup)
    if text_column not in frame.columns:
        raise ColumnError(f"text_column {text_column!r} is not a column; columns: {list(frame.columns)}")
    missing = [name for name in keep if name not in frame.columns]
    if missing:
        raise ColumnError(f"keep names columns that do not exist: {missing}")
    keep = tuple(keep)
    meta = _frame(pd, [], frame._meta, keep)
    return frame.map_partitions(
        _parse_partition, text_column, published, language, markup, keep, keep_empty, seconds, meta=meta
    )
