"""The ``expansion-tracker`` command line.

Exit status: 0 when every input was parsed, 1 when some failed (each named on stderr while the
rest are still processed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .batch import ParseResult, parse_many
from .io import iter_article_paths
from .languages import supported_languages
from .models import Announcement

__all__ = ["main"]


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="expansion-tracker",
        description="Extract company office openings, plans and closures from news articles.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("parse", help="parse article files and print their facts")
    p.add_argument("files", nargs="+", metavar="FILE", help="article text files (UTF-8 or UTF-16 with BOM)")
    p.add_argument("--format", choices=("json", "table"), default="json", help="output format (default: json)")
    p.add_argument("--published", type=_date_arg, metavar="YYYY-MM-DD", help="publication date of the articles")
    p.add_argument(
        "--language",
        choices=supported_languages(),
        metavar="xx",
        help=f"language of the articles ({', '.join(supported_languages())}); detected when absent",
    )

    r = sub.add_parser("report", help="merged office network per company, as a table")
    r.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of .txt files")
    r.add_argument("--published", type=_date_arg, metavar="YYYY-MM-DD", help="publication date of the articles")
    return parser


def _report_failures(results: Sequence[ParseResult]) -> int:
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"expansion-tracker: {r.source}: {r.error}", file=sys.stderr)
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


def _cmd_parse(args: argparse.Namespace) -> int:
    results = parse_many([Path(f) for f in args.files], published=args.published, language=args.language)
    for r in results:
        if r.announcement is None:
            continue
        if args.format == "json":
            print(json.dumps(r.announcement.to_dict(), ensure_ascii=False))
        else:
            print(format_table(r.announcement))
    return _report_failures(results)


def _cmd_report(args: argparse.Namespace) -> int:
    results = parse_many(list(iter_article_paths(args.paths)), published=args.published)
    for r in results:
        if r.announcement is not None:
            print(format_table(r.announcement))
    return _report_failures(results)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "parse":
        return _cmd_parse(args)
    return _cmd_report(args)
