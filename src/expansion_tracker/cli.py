"""The ``expansion-tracker`` command line.

Commands: ``parse`` (facts of each article), ``report`` (merged office network per company),
``add`` (articles into a store), ``query`` (questions to a store) and ``export`` (a store as
JSON Lines, CSV, GeoJSON or an HTML report).

Exit status: 0 when every input was parsed, 1 when some failed (each named on stderr while the
rest are still processed) or a store cannot be used, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from .batch import DEFAULT_TIMEOUT, MAX_TIMEOUT, ParseResult, iter_parse
from .collection import (
    Collection,
    CompanyPresence,
    FileResult,
    OfficeRecord,
    record_to_dict,
)
from .errors import ExpansionTrackerError, StoreError
from .languages import supported_languages
from .models import Announcement, OfficeStatus

__all__ = ["build_parser", "format_network", "format_table", "main"]

PROG = "expansion-tracker"
QUERIES = ("offices", "network", "companies", "people", "leaders", "timeline", "changes", "announcements", "counts")


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _add_language(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--language",
        choices=supported_languages(),
        metavar="xx",
        help=f"language of the articles ({', '.join(supported_languages())}); detected when absent",
    )


def _add_published(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--published",
        type=_date_arg,
        metavar="YYYY-MM-DD",
        help="publication date of the articles (default: each article's own date line)",
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("parse", help="parse article files and print their facts", description="Parse article files.")
    p.add_argument("files", nargs="+", metavar="FILE", help="article text files (UTF-8, or UTF-16/32 with BOM)")
    p.add_argument("--format", choices=("json", "table"), default="json", help="output format (default: json)")
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
    r.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of .txt/.text/.md files")
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
    a.add_argument("paths", nargs="+", metavar="FILES_OR_DIRS", help="article files or folders")
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
    fmt: dict[str, Any] = {"choices": ("table", "json"), "default": "table", "help": "output format (default: table)"}

    def query(name: str, help_: str) -> argparse.ArgumentParser:
        sp = qs.add_parser(name, help=help_, description=help_)
        sp.add_argument("--format", **fmt)
        return sp

    s = query("offices", "offices of a company, with their current (or as-of) status")
    s.add_argument("company")
    s.add_argument("--status", action="append", choices=[x.value for x in OfficeStatus], help="repeatable")
    s.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 code")
    s.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD")
    s = query("network", "a company's office network on a date (planned, opened, existing)")
    s.add_argument("company")
    s.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD")
    s = query("companies", "companies with offices in a city, a country or a region (continent)")
    s.add_argument("--city")
    s.add_argument("--country", help="alpha-2 code or English name")
    s.add_argument("--region", help="continent code (EU, AS, NA, SA, AF, OC) or name")
    s.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD")
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
    e.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    return parser


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
    kind = o.kind.value + (f" ({o.label})" if o.label else "")
    return [
        o.place.name or "-",
        o.place.country,
        o.status.value,
        kind,
        str(o.date or "-"),
        ", ".join(o.sources) or "-",
    ]


_OFFICE_HEADER = ("city", "country", "status", "kind", "date", "source")


def format_network(collection: Collection) -> str:
    """Each company's merged offices as a table: city, country, status, kind, date, source."""
    blocks = []
    for company in collection.companies():
        offices = collection.offices(company)
        blocks.append(f"{company}\n" + _columns([_office_row(o) for o in offices], _OFFICE_HEADER))
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


def _cmd_parse(args: argparse.Namespace) -> int:
    results = []
    for r in iter_parse(
        [Path(f) for f in args.files],
        workers=args.workers,
        published=args.published,
        language=args.language,
        timeout=args.timeout,
    ):
        results.append(ParseResult(r.source, None, r.error, r.error_type, r.unexpected))
        if r.announcement is None:
            continue
        if args.format == "json":
            print(json.dumps(r.announcement.to_dict(), ensure_ascii=False), flush=True)
        else:
            print(format_table(r.announcement), flush=True)
    return _report_failures(results)


def _summarise(results: Sequence[FileResult]) -> int:
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        _err(f"{r.source}: {r.reason}")
    return 1 if failed else 0


def _cmd_report(args: argparse.Namespace) -> int:
    with Collection() as col:
        results = col.add_files(
            args.paths, published=args.published, language=args.language, workers=args.workers, timeout=args.timeout
        )
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
    with Collection(args.store) as col:
        progress = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        results = col.add_files(
            args.paths,
            published=args.published,
            language=args.language,
            workers=args.workers,
            timeout=args.timeout,
            progress=progress,
            batch_size=64 if progress else 256,
        )
    counts = {k: sum(1 for r in results if r.status == k) for k in ("added", "duplicate", "failed")}
    print(f"added {counts['added']}, duplicates {counts['duplicate']}, failed {counts['failed']}")
    return _summarise(results)


def _status(status: OfficeStatus | None) -> str:
    return status.value if status else "-"


def _presence_table(records: Sequence[CompanyPresence]) -> str:
    rows = [[p.company, *_office_row(o)] for p in records for o in p.offices]
    return _columns(rows, ("company", *_OFFICE_HEADER))


def _existing_store(path: str) -> Collection:
    """Open a store for reading commands, which must not create one by mistake."""
    if not Path(path).exists():
        raise StoreError(path, "no such store (create one with 'expansion-tracker add')")
    return Collection(path)


def _cmd_query(args: argparse.Namespace) -> int:
    out = sys.stdout
    with _existing_store(args.store) as col:
        q = args.query
        if q in ("offices", "network"):
            if q == "offices":
                recs = col.offices(args.company, status=args.status, country=args.country, on=args.on)
            else:
                recs = col.network(args.company, on=args.on)
            _print_records(recs, args.format, lambda rs: _columns([_office_row(o) for o in rs], _OFFICE_HEADER), out)
        elif q == "companies":
            pres = col.companies_in(city=args.city, country=args.country, region=args.region, on=args.on)
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
                    [[str(e.date or "undated"), e.place.label, e.status.value, e.change, e.source or "-"] for e in es],
                    ("date", "place", "status", "change", "source"),
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
                col.count_offices_by_country(on=args.on)
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
                    write_jsonl(col, stream, what="offices", company=args.company, on=args.on)
                else:
                    write_jsonl(col, stream, what="announcements", company=args.company)
            elif args.format == "csv":
                write_csv(col, stream, company=args.company, on=args.on)
            else:
                write_geojson(col, stream, company=args.company, on=args.on)
        finally:
            if stream is not sys.stdout:
                stream.close()
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "parse": _cmd_parse,
    "report": _cmd_report,
    "add": _cmd_add,
    "query": _cmd_query,
    "export": _cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
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
