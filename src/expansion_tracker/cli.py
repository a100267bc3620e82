"""The ``expansion-tracker`` command line.

Commands: ``parse`` (facts of each article), ``report`` (merged office network per company),
``add`` (articles into a store), ``query`` (questions to a store), ``store`` (list, correct and
re-parse a store) and ``export`` (a store as JSON Lines, CSV, GeoJSON or an HTML report).

Exit status: 0 when every input was parsed, 1 when some failed (each named on stderr while the
rest are still processed) or a store cannot be used, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from .batch import DEFAULT_TIMEOUT, MAX_TIMEOUT, BatchItem, ParseResult, iter_parse
from .collection import (
    Collection,
    CompanyPresence,
    FileResult,
    OfficeRecord,
    record_to_dict,
)
from .errors import ExpansionTrackerError, StoreError, UnknownPlaceError
from .languages import supported_languages
from .models import Announcement, OfficeStatus
from .readers import INPUT_FORMATS, Article, iter_articles, iter_input_paths

__all__ = ["build_parser", "format_network", "format_table", "main"]

PROG = "expansion-tracker"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a command stopped by Ctrl-C
QUERIES = ("offices", "network", "companies", "people", "leaders", "timeline", "changes", "announcements", "counts")


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _add_language(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--language",
        type=str.lower,
        choices=supported_languages(),
        metavar="xx",
        help=f"language of the articles ({', '.join(supported_languages())}); detected when absent",
    )


def _add_published(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--published",
        type=_date_arg,
        metavar="YYYY-MM-DD",
        help="publication date of all the articles (default: each article's own: its page's or feed item's "
        "date, its record's 'published', or its date line)",
    )


def _workers_arg(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"workers must be 0 (every core) or more, got {n}")
    return n


def _add_workers(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers",
        type=_workers_arg,
        default=0,
        metavar="N",
        help="parser processes (default 0: every core; small batches run in one process)",
    )


def _encoding_arg(value: str) -> str:
    if value.lower() == "auto":
        return "auto"
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r} (try utf-8, latin-1, cp1252 or auto)") from None


def _add_inputs(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        metavar=what,
        help="article files or folders (every file in them), or - for standard input; a file may be text, "
        "a saved web page, an RSS/Atom feed (one article per item), or JSON Lines / CSV records "
        "(columns id, text or html, title, published, url, language: one article per row)",
    )
    p.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default="auto",
        help="read every input as this kind (default auto: told from each file's content)",
    )
    p.add_argument(
        "--encoding",
        type=_encoding_arg,
        metavar="NAME",
        help="encoding of files without a byte order mark (default UTF-8; auto: detected)",
    )


def _timeout_arg(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 <= seconds <= MAX_TIMEOUT:  # NaN fails too
        raise argparse.ArgumentTypeError(f"timeout must be 0 (no limit) or a number of seconds, got {value}")
    return seconds or None


def _add_timeout(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--timeout",
        type=_timeout_arg,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time budget per article: one that takes longer is stopped and counted as failed "
        f"(default {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Extract company office openings, plans and closures from news articles, "
        "keep them in a store and query it.",
        epilog="Exit status: 0 all inputs parsed, 1 some inputs failed (named on stderr) or the store "
        "cannot be used, 2 usage error. Run '%(prog)s COMMAND --help' for each command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "parse",
        help="parse articles and print their facts",
        description="Parse articles and print their facts: with --format json one JSON object per line "
        "(JSON Lines) for each article, a failed one as an object with an 'error' field.",
    )
    _add_inputs(p, "PATH")
    p.add_argument("--format", choices=("json", "table"), default="json", help="output format (default: json)")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    _add_published(p)
    _add_language(p)
    _add_workers(p)
    _add_timeout(p)

    r = sub.add_parser(
        "report",
        help="merged office network per company, as a table",
        description="Parse articles, merge them in memory and print each company's offices: "
        "city, country, status, date and source.",
    )
    _add_inputs(r, "PATH")
    _add_published(r)
    _add_language(r)
    _add_workers(r)
    _add_timeout(r)

    a = sub.add_parser(
        "add",
        help="parse articles and add them to a store",
        description="Parse articles and add them to STORE (an SQLite file, created if absent). Articles "
        "already in the store (same path or same text) are skipped as duplicates. A progress bar is shown "
        "on stderr when it is a terminal; a summary follows.",
    )
    a.add_argument("store", metavar="STORE", help="store file")
    _add_inputs(a, "FILES_OR_DIRS")
    _add_published(a)
    _add_language(a)
    _add_workers(a)
    _add_timeout(a)

    q = sub.add_parser(
        "query",
        help="ask a store a question",
        description="Query a store. Dates are YYYY-MM-DD; --on gives the state on that day.",
    )
    q.add_argument("store", metavar="STORE", help="store file")
    qs = q.add_subparsers(dest="query", metavar="QUERY", required=True)
    fmt: dict[str, Any] = {
        "choices": ("table", "json"),
        "default": "table",
        # a query answers with one result set (possibly empty: "[]"), so its JSON is one array, not JSON
        # Lines; 'export --format jsonl' streams a store one record per line
        "help": "output format (default: table); json is one JSON array of the records",
    }

    def query(name: str, help_: str) -> argparse.ArgumentParser:
        sp = qs.add_parser(name, help=help_, description=help_)
        sp.add_argument("--format", **fmt)
        return sp

    undated: dict[str, Any] = {
        "choices": ("include", "exclude"),
        "default": "include",
        "help": "facts of undated articles: include them, flagged 'undated' and counted (default), or exclude",
    }

    s = query("offices", "offices of a company, with their current (or as-of) status")
    s.add_argument("company")
    s.add_argument("--status", action="append", choices=[x.value for x in OfficeStatus], help="repeatable")
    s.add_argument("--country", help="ISO code or name in any supported language (UK, Deutschland)")
    s.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD")
    s.add_argument("--undated", **undated)
    s = query("network", "a company's office network on a date (planned, opened, existing)")
    s.add_argument("company")
    s.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD")
    s.add_argument("--undated", **undated)
    s = query("companies", "companies with offices in a city, a country or a region (continent)")
    s.add_argument("--city", help="any name the gazetteer knows, in any supported language (München, Lisboa)")
    s.add_argument("--country", help="ISO code or name in any supported language (UK, USA, Deutschland)")
    s.add_argument("--region", help="continent code (EU, AS, NA, SA, AF, OC) or name")
    s.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD")
    s.add_argument("--undated", **undated)
    s = query("people", "people of a company with their roles")
    s.add_argument("company")
    s = query("leaders", "who leads a company's office in a city")
    s.add_argument("company")
    s.add_argument("city")
    s = query("timeline", "every report about a company's offices, in date order")
    s.add_argument("company")
    s = query("changes", "offices whose status changed between two dates")
    s.add_argument("--from", dest="start", type=_date_arg, required=True, metavar="YYYY-MM-DD")
    s.add_argument("--to", dest="end", type=_date_arg, required=True, metavar="YYYY-MM-DD")
    s.add_argument("--company")
    s = query("announcements", "stored articles published in a date range")
    s.add_argument("--from", dest="start", type=_date_arg, metavar="YYYY-MM-DD")
    s.add_argument("--to", dest="end", type=_date_arg, metavar="YYYY-MM-DD")
    s.add_argument("--company")
    s = query("counts", "counts for dashboards")
    s.add_argument("what", choices=("offices-by-country", "openings-per-month"))
    s.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD", help="for offices-by-country")
    s.add_argument("--undated", **undated)

    _add_store_upkeep(sub)

    e = sub.add_parser(
        "export",
        help="export a store",
        description="Export a store as JSON Lines (announcements, or offices with --offices), CSV of "
        "offices, GeoJSON of offices (those without coordinates listed under 'unplaced'), or an offline "
        "HTML report with a map and a timeline.",
    )
    e.add_argument("store", metavar="STORE", help="store file")
    e.add_argument("--format", choices=("jsonl", "csv", "geojson", "html"), required=True)
    e.add_argument("--company", help="only this company (any spelling)")
    e.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD", help="the state on this day")
    e.add_argument("--offices", action="store_true", help="jsonl: one merged office per line")
    e.add_argument(
        "--undated",
        choices=("include", "exclude"),
        default="include",
        help="offices known only from undated articles: include them, flagged (default), or exclude",
    )
    e.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    return parser


def _article_id(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an article id (see 'store STORE articles'): {value!r}") from None


def _date_or_none(value: str) -> dt.date | None:
    return None if value.lower() == "none" else _date_arg(value)


def _add_store_upkeep(sub: Any) -> None:
    """The ``store`` command: list and correct what a store holds, or re-parse it."""
    st = sub.add_parser(
        "store",
        help="list, correct and re-parse a store",
        description="Look after a store: list its companies and articles, declare or remove company "
        "aliases, set an article's publication date, remove an article with its facts, or re-parse the "
        "stored texts with the installed library. Every change is logged in the store ('log').",
    )
    st.add_argument("store", metavar="STORE", help="store file")
    ss = st.add_subparsers(dest="action", metavar="ACTION", required=True)
    ss.add_parser("companies", help="companies with their spellings, offices and articles")
    p = ss.add_parser("articles", help="stored articles with their ids, oldest first (undated first)")
    p.add_argument("--company", help="only this company's articles (any spelling)")
    p = ss.add_parser("alias", help="declare that ALIAS names the same company as CANONICAL (merges them)")
    p.add_argument("alias", metavar="ALIAS")
    p.add_argument("canonical", metavar="CANONICAL")
    p = ss.add_parser("unalias", help="remove a declared alias (its facts go back to a company of their own)")
    p.add_argument("alias", metavar="ALIAS")
    p = ss.add_parser("set-date", help="set an article's publication date ('none' clears it)")
    p.add_argument("article", type=_article_id, metavar="ARTICLE_ID")
    p.add_argument("published", type=_date_or_none, metavar="YYYY-MM-DD|none")
    p = ss.add_parser("remove", help="remove an article and every fact read from it")
    p.add_argument("article", type=_article_id, metavar="ARTICLE_ID")
    p = ss.add_parser(
        "reparse", help="read the stored texts again with the installed library (one transaction per article)"
    )
    p.add_argument("--article", type=_article_id, action="append", metavar="ARTICLE_ID", help="repeatable")
    ss.add_parser("log", help="every change made to the store, oldest first")


# ------------------------------------------------------------------------------------------- output


def _err(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _report_failures(results: Sequence[ParseResult]) -> int:
    failed = [r for r in results if not r.ok]
    for r in failed:
        error = r.error or "failed"
        _err(error if error.startswith(r.source) else f"{r.source}: {error}")  # file errors name the file
    return 1 if failed else 0


def format_table(ann: Announcement) -> str:
    """A plain-text table of one announcement's offices and people."""
    lines = [f"# {ann.source or ''}  language={ann.language}  published={ann.published or '-'}"]
    lines.append(f"company: {ann.company.name if ann.company else '-'}")
    for o in ann.offices:
        date = o.date.iso if o.date and o.date.iso else "-"
        lines.append(
            f"  {o.company:<22} {o.place.name or '-':<18} {o.place.country:<3} {o.status.value:<10}"
            f" {o.kind.value:<21} {date}"
        )
    for p in ann.people:
        for role in p.roles:
            state = "" if role.current else " (former)"
            lines.append(f"  {p.name}: {role.title} @ {role.organization or '-'}{state}")
    return "\n".join(lines)


def _columns(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*row) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def _office_row(o: OfficeRecord) -> list[str]:
    kind = o.kind.value + (f" ({o.label})" if o.label and o.label != o.kind.value else "")
    date = (o.date.label or o.date.text or "-") if o.date else "-"
    status = o.status.value
    if o.upcoming is not None:
        status += f" ({o.upcoming.status.value} {o.upcoming.effective})"
    return [
        o.place.name or "-",
        o.place.country,
        status,
        kind,
        date,
        "undated" if o.undated else str(o.reported or "-"),
        ", ".join(o.sources) or "-",
    ]


_OFFICE_HEADER = ("city", "country", "status", "kind", "date", "reported", "source")


def _undated_note(offices: Sequence[OfficeRecord]) -> str:
    """The count of offices whose status rests on undated articles, said under a table."""
    n = sum(o.undated for o in offices)
    if not n:
        return ""
    return (
        f"\n{n} of {len(offices)} offices come from undated articles (reported: undated); "
        "'--undated exclude' leaves them out"
    )


def format_network(collection: Collection) -> str:
    """Each company's merged offices as a table: city, country, status, kind, the date as the text
    gave it, the publication date ("undated" for undated articles) and source."""
    blocks = []
    for company in collection.companies():
        offices = collection.offices(company)
        table = _columns([_office_row(o) for o in offices], _OFFICE_HEADER)
        blocks.append(f"{company}\n{table}{_undated_note(offices)}")
    return "\n\n".join(blocks) if blocks else "(no offices found)"


def _print_records(records: Sequence[Any], fmt: str, table: Callable[[Sequence[Any]], str], out: TextIO) -> None:
    if fmt == "json":
        json.dump([record_to_dict(r) for r in records], out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif not records:
        out.write("(nothing found)\n")
    else:
        out.write(table(records) + "\n")


# ---------------------------------------------------------------------------------------- commands


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("expansion_tracker")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


def _read_inputs(args: argparse.Namespace, paths: Sequence[str | Path]) -> Iterator[BatchItem]:
    """The articles of ``paths``. A path that is neither a folder nor a regular file (a named pipe, a
    device) is handed on as it is, to be read by the parser under the time budget: its reading may
    never end."""
    for path in paths:
        p = Path(path)
        if str(path) != "-" and p.exists() and not p.is_dir() and not p.is_file():
            yield p
        else:
            yield from iter_articles(
                [path], input_format=args.input_format, encoding=args.encoding, stdin=sys.stdin.buffer
            )


def _result_record(result: ParseResult, item: BatchItem) -> dict[str, Any]:
    """One line of ``parse --format json``: the announcement, or the source and error of a failure."""
    if result.announcement is None:
        return {"source": result.source, "error": result.error, "error_type": result.error_type}
    record = result.announcement.to_dict()
    if isinstance(item, Article):
        record["kind"] = item.kind
        # evidence offsets index the text that was parsed: the file's own, or the text taken out of its markup
        record["evidence_in"] = "extracted text" if item.extracted else "input text"
        if item.summary_only:
            record["summary_only"] = True  # a feed item without its full text: facts of the summary only
    return record


def _interrupted(done: int, failed: int) -> int:
    _err(f"interrupted: {done} articles done, {failed} failed; the rest was not read")
    return EXIT_INTERRUPTED


def _cmd_parse(args: argparse.Namespace) -> int:
    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    read: deque[BatchItem] = deque()  # items handed to iter_parse whose result has not come back yet

    def items() -> Iterator[BatchItem]:
        for item in _read_inputs(args, args.paths):
            read.append(item)
            yield item

    results: list[ParseResult] = []
    try:
        for r in iter_parse(
            items(), workers=args.workers, published=args.published, language=args.language, timeout=args.timeout
        ):
            item = read.popleft()
            results.append(ParseResult(r.source, None, r.error, r.error_type, r.unexpected))
            if args.format == "json":
                out.write(json.dumps(_result_record(r, item), ensure_ascii=False) + "\n")
            elif r.announcement is not None:
                out.write(format_table(r.announcement) + "\n")
            out.flush()
    except KeyboardInterrupt:
        _report_failures(results)
        return _interrupted(len(results), sum(1 for r in results if not r.ok))
    finally:
        if out is not sys.stdout:
            out.close()
    return _report_failures(results)


def _summarise(results: Sequence[FileResult]) -> int:
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        reason = r.reason or "failed"
        _err(reason if reason.startswith(r.source) else f"{r.source}: {reason}")  # reader errors name the file
    return 1 if failed else 0


def _add_articles(
    col: Collection,
    args: argparse.Namespace,
    results: list[FileResult],
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = 256,
) -> None:
    """Read, parse and add the articles of ``args.paths`` to ``col``, appending one result per article
    (or unreadable input) to ``results`` as it goes, so that an interrupted run still has them."""
    paths = list(iter_input_paths(args.paths))
    for start in range(0, len(paths), batch_size):
        items = list(_read_inputs(args, paths[start : start + batch_size]))
        parsed = iter_parse(
            items, workers=args.workers, published=args.published, language=args.language, timeout=args.timeout
        )
        for item, res in zip(items, parsed, strict=True):
            if res.announcement is None or not isinstance(item, Article):
                results.append(FileResult(res.source, "failed", res.error))
                continue
            added = col.add(res.announcement, source=res.source, text=item.text)
            results.append(FileResult(res.source, added.status, added.reason))
        if progress is not None:
            progress(min(start + batch_size, len(paths)), len(paths))


def _cmd_report(args: argparse.Namespace) -> int:
    results: list[FileResult] = []
    with Collection() as col:
        try:
            _add_articles(col, args, results)
        except KeyboardInterrupt:
            print(format_network(col))
            _summarise(results)
            return _interrupted(len(results), sum(1 for r in results if r.status == "failed"))
        print(format_network(col))
    return _summarise(results)


class _ProgressBar:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _cmd_add(args: argparse.Namespace) -> int:
    results: list[FileResult] = []
    interrupted = False
    with Collection(args.store) as col:
        progress = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        try:
            _add_articles(col, args, results, progress=progress, batch_size=64 if progress else 256)
        except KeyboardInterrupt:  # each article is its own transaction: the store holds those added
            interrupted = True
    counts = {k: sum(1 for r in results if r.status == k) for k in ("added", "duplicate", "failed")}
    print(f"added {counts['added']}, duplicates {counts['duplicate']}, failed {counts['failed']}")
    code = _summarise(results)
    return _interrupted(len(results), counts["failed"]) if interrupted else code


def _status(status: OfficeStatus | None) -> str:
    return status.value if status else "-"


def _presence_table(records: Sequence[CompanyPresence]) -> str:
    rows = [[p.company, *_office_row(o)] for p in records for o in p.offices]
    return _columns(rows, ("company", *_OFFICE_HEADER)) + _undated_note([o for p in records for o in p.offices])


def _existing_store(path: str) -> Collection:
    """Open a store for reading commands, which must not create one by mistake."""
    if not Path(path).exists():
        raise StoreError(path, "no such store (create one with 'expansion-tracker add')")
    return Collection(path)


def _cmd_query(args: argparse.Namespace) -> int:
    try:
        return _run_query(args)
    except UnknownPlaceError as exc:  # a usage error: the name is wrong, not the store
        _err(str(exc))
        return 2


def _run_query(args: argparse.Namespace) -> int:
    out = sys.stdout
    with _existing_store(args.store) as col:
        q = args.query
        if q in ("offices", "network"):
            if q == "offices":
                recs = col.offices(
                    args.company, status=args.status, country=args.country, on=args.on, undated=args.undated
                )
            else:
                recs = col.network(args.company, on=args.on, undated=args.undated)
            _print_records(
                recs,
                args.format,
                lambda rs: _columns([_office_row(o) for o in rs], _OFFICE_HEADER) + _undated_note(rs),
                out,
            )
        elif q == "companies":
            pres = col.companies_in(
                city=args.city, country=args.country, region=args.region, on=args.on, undated=args.undated
            )
            _print_records(pres, args.format, _presence_table, out)
        elif q == "people":
            people = col.people(args.company)
            _print_records(
                people,
                args.format,
                lambda ps: _columns(
                    [
                        [p.name, r.title, r.organization or "-", "current" if r.current else "former", r.source or "-"]
                        for p in ps
                        for r in p.roles
                    ],
                    ("name", "title", "organization", "state", "source"),
                ),
                out,
            )
        elif q == "leaders":
            _print_records(
                col.leaders(args.company, args.city),
                args.format,
                lambda ls: _columns(
                    [[x.name, x.title, x.place.label, x.source or "-"] for x in ls],
                    ("name", "title", "office", "source"),
                ),
                out,
            )
        elif q == "timeline":
            _print_records(
                col.timeline(args.company),
                args.format,
                lambda es: _columns(
                    [
                        [
                            str(e.effective or "undated"),
                            (e.date.label or e.date.text or "-") if e.date else "-",
                            e.place.label,
                            e.status.value,
                            e.change,
                            e.source or "-",
                        ]
                        for e in es
                    ],
                    ("in effect", "date", "place", "status", "change", "source"),
                ),
                out,
            )
        elif q == "changes":
            _print_records(
                col.changes(args.start, args.end, company=args.company),
                args.format,
                lambda cs: _columns(
                    [
                        [
                            c.company,
                            c.place.label,
                            c.before.value if c.before else "-",
                            c.after.value if c.after else "-",
                        ]
                        for c in cs
                    ],
                    ("company", "place", "before", "after"),
                ),
                out,
            )
        elif q == "announcements":
            _print_records(
                col.announcements(args.start, args.end, company=args.company),
                args.format,
                lambda ans: _columns(
                    [[str(a.published or "-"), a.company or "-", str(a.offices), a.source or "-"] for a in ans],
                    ("published", "company", "offices", "source"),
                ),
                out,
            )
        else:
            counts = (
                col.count_offices_by_country(on=args.on, undated=args.undated)
                if args.what == "offices-by-country"
                else col.count_openings_by_month()
            )
            _print_records(
                counts, args.format, lambda cs: _columns([[c.key, str(c.count)] for c in cs], ("key", "count")), out
            )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import write_csv, write_geojson, write_jsonl
    from .report import render_html

    with _existing_store(args.store) as col:
        if args.format == "html":
            text = render_html(col, company=args.company, on=args.on)
            if args.output:
                Path(args.output).write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
            return 0
        stream: TextIO = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
        try:
            if args.format == "jsonl":
                if args.offices:
                    write_jsonl(col, stream, what="offices", company=args.company, on=args.on, undated=args.undated)
                else:
                    write_jsonl(col, stream, what="announcements", company=args.company)
            elif args.format == "csv":
                write_csv(col, stream, company=args.company, on=args.on, undated=args.undated)
            else:
                write_geojson(col, stream, company=args.company, on=args.on, undated=args.undated)
        finally:
            if stream is not sys.stdout:
                stream.close()
    return 0


def _cmd_store(args: argparse.Namespace) -> int:
    out = sys.stdout
    with _existing_store(args.store) as col:
        action = args.action
        if action == "companies":
            rows = [[c.name, str(c.offices), str(c.articles), ", ".join(c.aliases)] for c in col.company_records()]
            out.write((_columns(rows, ("company", "offices", "articles", "spellings")) if rows else "(none)") + "\n")
        elif action == "articles":
            recs = col.announcements(company=args.company)
            rows = [
                [str(a.article_id), str(a.published or "undated"), a.company or "-", str(a.offices), a.source or "-"]
                for a in recs
            ]
            out.write(
                (_columns(rows, ("id", "published", "company", "offices", "source")) if rows else "(none)") + "\n"
            )
        elif action == "alias":
            col.add_alias(args.alias, args.canonical)
            out.write(f"{args.alias} is now {col.company_name(args.canonical)}\n")
        elif action == "unalias":
            col.remove_alias(args.alias)
            out.write(f"{args.alias} is a company of its own again\n")
        elif action == "set-date":
            col.set_published(args.article, args.published)
            out.write(f"article {args.article}: published {args.published or 'undated'}\n")
        elif action == "remove":
            col.remove_article(args.article)
            out.write(f"article {args.article} removed\n")
        elif action == "reparse":
            progress = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
            t0 = time.perf_counter()
            results = col.reparse(article_ids=tuple(args.article) if args.article else None, progress=progress)
            counts = {k: sum(r.status == k for r in results) for k in ("reparsed", "skipped", "failed")}
            before = sum(r.offices_before for r in results)
            after = sum(r.offices_after for r in results)
            out.write(
                f"reparsed {counts['reparsed']}, skipped {counts['skipped']} (no text), failed {counts['failed']}; "
                f"office facts {before} -> {after}; {time.perf_counter() - t0:.1f} s\n"
            )
            for r in results:
                if r.status == "failed":
                    _err(f"article {r.article_id} ({r.source}): {r.reason}")
            return 1 if counts["failed"] else 0
        else:
            rows = [
                [e.at, e.action, str(e.article_id or "-"), json.dumps(e.detail, ensure_ascii=False)]
                for e in col.edits()
            ]
            out.write((_columns(rows, ("at", "action", "article", "detail")) if rows else "(no changes)") + "\n")
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "parse": _cmd_parse,
    "report": _cmd_report,
    "add": _cmd_add,
    "query": _cmd_query,
    "export": _cmd_export,
    "store": _cmd_store,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "query" and args.query == "companies" and not (args.city or args.country or args.region):
        parser.error("query companies needs --city, --country or --region")  # exits 2 with the usage
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:  # Ctrl-C in a command without a summary of its own
        _err("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away ("| head"): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except ExpansionTrackerError as exc:
        _err(str(exc))
        return 1
    except OSError as exc:
        _err(f"{exc.filename or ''}: {exc.strerror or exc}")
        return 1
