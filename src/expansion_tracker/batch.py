"""Parsing many articles: in order, one result per input, a failure never stops the batch.

With ``workers`` above 1 the articles are parsed in a pool of processes, sent in chunks so the
cost of passing work between processes stays small next to the parsing itself; files are read
in the workers. :func:`iter_parse` yields the results in input order as they are ready, holding
only a bounded window of work in memory; :func:`parse_many` collects them in a list.

>>> results = parse_many(["", "Acme opens an office in Berlin."])
>>> [r.source for r in results], [r.ok for r in results]
(['<text 0>', '<text 1>'], [True, True])
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .errors import ExpansionTrackerError, ParameterError, ParseTimeoutError
from .io import DEFAULT_MAX_BYTES
from .languages import supported_languages
from .markup import prepare_document
from .models import Announcement
from .parse import parse_article
from .readers import Article, ReadFailure, read_file

if TYPE_CHECKING:  # the process pool is imported when a batch needs one, not with the package
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_TIMEOUT",
    "BatchItem",
    "ParseResult",
    "iter_parse",
    "parse_many",
    "parse_result",
    "resolve_workers",
]

# what a batch takes: texts, files, and what readers.iter_articles gives (articles, or what it could not read)
BatchItem = str | Path | Article | ReadFailure
_Item = BatchItem
_Chunk = list[tuple[int, _Item]]  # items numbered from 0, as sent to a worker
DEFAULT_CHUNKSIZE = 64  # articles per task sent to a worker: ~50 ms of work, a few hundred µs of overhead
# Seconds one article may take: a 10 MiB article (the max_bytes default) at 2 s per MB, the slowest rate of
# benchmarks/bench_worst_case.py, with room for a slow or busy core. Normal news takes milliseconds.
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 1e9  # seconds (30 years): setitimer refuses more on some platforms, and no budget needs more


@attrs.frozen
class ParseResult:
    """The outcome for one input: an announcement, or the error that stopped it.

    ``source`` is the file path, or ``<text N>`` for the N-th text (counting from 0).
    ``error`` is the message (a file error names the file), ``error_type`` the exception's class
    name. ``unexpected`` marks an exception that is not one of the library's documented
    errors: that is a bug in expansion_tracker, worth reporting with the input.
    """

    source: str
    announcement: Announcement | None = None
    error: str | None = None
    error_type: str | None = None
    unexpected: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


@attrs.frozen
class _Options:
    published: dt.date | None
    language: str | None
    max_bytes: int
    markup: str
    timeout: float | None = None


def resolve_workers(workers: int | None) -> int:
    """The number of processes for ``workers``: None or 0 mean every core available to us.

    >>> resolve_workers(3)
    3
    >>> resolve_workers(None) >= 1
    True
    """
    if workers is None or workers == 0:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        raise ParameterError("workers", workers, "a positive int, 0 or None (all cores)")
    return workers


def _source_of(index: int, item: _Item) -> str:
    if isinstance(item, (Article, ReadFailure)):
        return item.source
    return str(item) if isinstance(item, Path) else f"<text {index}>"


def parse_result(
    text: object,
    *,
    source: str | None = None,
    published: dt.date | None = None,
    language: str | None = None,
    markup: str = "clean",
) -> ParseResult:
    """Parse one text like :func:`parse_article`, but return every failure as a :class:`ParseResult`.

    >>> parse_result(b"bytes", source="feed#7").error
    'text must be str, not bytes'
    """
    name = source if source is not None else "<text>"
    try:
        ann = parse_article(text, published=published, language=language, source=source, markup=markup)  # type: ignore[arg-type]
    except ExpansionTrackerError as exc:
        return ParseResult(name, None, str(exc), type(exc).__name__)
    except Exception as exc:  # a bug in a stage: recorded so that the rest of the batch goes on
        return ParseResult(name, None, f"{type(exc).__name__}: {exc}", type(exc).__name__, unexpected=True)
    return ParseResult(name, ann)


def _parse_one(index: int, item: _Item, options: _Options) -> ParseResult:
    source = _source_of(index, item)
    if isinstance(item, Path):  # a file of one article, whatever its kind (a page gives its main text)
        found = read_file(item, max_bytes=options.max_bytes)
        if len(found) != 1:
            return ParseResult(source, None, f"{source}: {_not_one(len(found))}", "RecordError")
        item = found[0]
    if isinstance(item, ReadFailure):  # what a reader could not read counts as failed, in its place
        return ParseResult(source, None, item.error, item.error_type)
    if isinstance(item, Article):  # the caller's options win over what the input says of itself
        return parse_result(
            item.text,
            source=source,
            published=options.published or item.published,
            language=options.language or item.language,
            markup=options.markup,
        )
    # anything else goes to parse_article, which raises ArticleTypeError for non-str
    return parse_result(
        item, source=source, published=options.published, language=options.language, markup=options.markup
    )


def _not_one(count: int) -> str:
    what = "no article" if count == 0 else f"{count} articles (a feed or records)"
    return f"holds {what}; read it with readers.iter_articles, which gives one item per article"


class _OverBudget(BaseException):
    """Raised by the alarm in the article that ran over its budget; not an Exception, so that no
    ``except Exception`` on the way (parse_result's among them) takes it for a failure of the stage."""


def _on_alarm(signum: int, frame: object) -> None:
    raise _OverBudget


def _alarm_available() -> bool:
    """Whether this thread can stop an article with SIGALRM: POSIX, and the main thread only."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _within(source: str, timeout: float, parse: Callable[[], ParseResult]) -> ParseResult:
    """``parse()`` stopped by a timer after ``timeout`` seconds (in a :func:`_budget_alarm` block): then a
    ``ParseTimeoutError`` result for ``source``."""
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            return parse()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _OverBudget:
        exc = ParseTimeoutError(source, timeout)
        return ParseResult(exc.source, None, str(exc), type(exc).__name__)


def _parse_within(index: int, item: _Item, options: _Options) -> ParseResult:
    """:func:`_parse_one` stopped by a timer after ``options.timeout`` seconds."""
    assert options.timeout is not None
    return _within(_source_of(index, item), options.timeout, lambda: _parse_one(index, item, options))


@cache
def _warm_up() -> None:
    """Load the data of every language and the gazetteer (about 2 s), once per process, before the first
    timed article: the budget is for an article's own work, and a load cut short by the alarm would start
    again, and be cut again, in every article after it."""
    for code in supported_languages():
        parse_article("Acme opened an office in Berlin in March 2024.", language=code)


@contextmanager
def _budget_alarm() -> Iterator[None]:
    """A block in which :func:`_within` can stop an article (the main thread only): the language data loaded
    first, SIGALRM handled; a timer the caller set is put aside, and set again after with what was left of it."""
    _warm_up()
    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:
            left = previous_timer[0] - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), previous_timer[1])


def _parse_chunk(chunk: _Chunk, options: _Options) -> list[ParseResult]:
    if options.timeout is None:
        return [_parse_one(i, item, options) for i, item in chunk]
    with _budget_alarm():
        return [_parse_within(i, item, options) for i, item in chunk]


def _chunks(items: Iterable[_Item], size: int) -> Iterator[_Chunk]:
    numbered = enumerate(items)
    while chunk := list(itertools.islice(numbered, size)):
        yield chunk


def _failed_chunk(chunk: _Chunk, exc: BaseException) -> list[ParseResult]:
    message = f"worker process died ({type(exc).__name__}: {exc})"
    return [ParseResult(_source_of(i, item), None, message, type(exc).__name__, unexpected=True) for i, item in chunk]


def iter_parse(
    items: Iterable[BatchItem],
    *,
    workers: int | None = 1,
    published: dt.date | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunksize: int = DEFAULT_CHUNKSIZE,
    markup: str = "clean",
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[ParseResult]:
    """Parse texts (``str``), files (``Path``) and :class:`~expansion_tracker.readers.Article` objects
    (their own date, language and source, unless given here) and yield one :class:`ParseResult`
    per item, in order; a :class:`~expansion_tracker.readers.ReadFailure` gives a failed result.

    Items are consumed lazily and at most about ``4 * workers`` chunks are in flight, so an
    archive of millions of files can be streamed. ``workers`` 1 parses in this process; None or
    0 uses every core. Arguments are checked before the first item is read.

    An article that takes over ``timeout`` seconds is stopped (by SIGALRM in the process that parses
    it) and fails with ``ParseTimeoutError``; None sets no budget. Off the main thread, or where
    there is no SIGALRM, the articles go to worker processes so that the budget still holds.

    >>> [r.ok for r in iter_parse(["Acme opens an office.", Path("no/such/file.txt")])]
    [True, False]
    """
    n_workers = resolve_workers(workers)
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ParameterError("chunksize", chunksize, "a positive int")
    if not isinstance(max_bytes, int) or max_bytes < 0:
        raise ParameterError("max_bytes", max_bytes, "a non-negative int")
    options = _Options(published, language, max_bytes, markup, _checked_timeout(timeout))
    # Fail fast on a bad argument shared by every item, instead of once per item:
    parse_article("", published=published, language=language)
    prepare_document("", markup)
    return _iter_parse(items, n_workers, chunksize, options)


def _checked_timeout(timeout: object) -> float | None:
    """A per-article budget argument as seconds (None: no budget), or a ParameterError."""
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= MAX_TIMEOUT:
        raise ParameterError("timeout", timeout, f"a number of seconds between 0 and {MAX_TIMEOUT:g}, or None")
    return float(timeout)


def _iter_parse(items: Iterable[BatchItem], workers: int, chunksize: int, options: _Options) -> Iterator[ParseResult]:
    chunks = _chunks(items, chunksize)
    here = options.timeout is None or _alarm_available()  # whether this process can hold the budget
    if workers == 1 and here:
        for chunk in chunks:
            yield from _parse_chunk(chunk, options)
        return
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None and here:  # one chunk: starting processes would cost more than it saves
        yield from _parse_chunk(first, options)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pending: Iterator[_Chunk] = itertools.chain([first] if second is None else [first, second], chunks)
    window: deque[tuple[_Chunk, Future[list[ParseResult]]]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
    try:
        while True:
            while len(window) < 4 * workers:
                new: _Chunk | None = next(pending, None)
                if new is None:
                    break
                window.append((new, _submit(pool, new, options)))
            if not window:
                return
            chunk, future = window.popleft()
            try:
                results = future.result()
            except BrokenProcessPool as exc:  # a worker was killed (out of memory, a signal...)
                yield from _failed_chunk(chunk, exc)
                # Chunks already queued on the broken pool are retried on a fresh one.
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
                window = deque((c, _submit(pool, c, options)) for c, _ in window)
                continue
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the batch and shuts the pool down cleanly:
    otherwise every worker prints its own KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _submit(pool: ProcessPoolExecutor, chunk: _Chunk, options: _Options) -> Future[list[ParseResult]]:
    return pool.submit(_parse_chunk, chunk, options)


def parse_many(
    items: Iterable[BatchItem],
    *,
    workers: int | None = 1,
    published: dt.date | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunksize: int = DEFAULT_CHUNKSIZE,
    markup: str = "clean",
    timeout: float | None = DEFAULT_TIMEOUT,
) -> list[ParseResult]:
    """Parse paths (``Path`` objects are files) or texts (``str``), keeping input order.

    One :class:`ParseResult` per item; a failing item (unreadable file, bad text, over the
    ``timeout`` budget in seconds) is recorded with its error and the batch goes on.
    ``workers=None`` (or 0) uses every core.
    """
    return list(
        iter_parse(
            items,
            workers=workers,
            published=published,
            language=language,
            max_bytes=max_bytes,
            chunksize=chunksize,
            markup=markup,
            timeout=timeout,
        )
    )
