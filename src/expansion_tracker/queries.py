"""Questions to a store: offices as of a day, who is where, people and leaders, time, dashboards.

As-of queries follow :mod:`expansion_tracker.history`: a report counts on the day it takes effect,
an announced change is ``upcoming`` until then, and facts of undated articles are included as
*undated* (flagged on each office) unless ``undated="exclude"``. Places are asked for as people
write them (:mod:`expansion_tracker.lookup`).

Who leads an office (:meth:`StoreQueries.leaders`): a person the text ties to that office with a
local-lead title (``local_lead_titles`` in each language's ``people.json``: "head of", "country
manager", "Niederlassungsleiter"): the title is one and it, or the role's organization, names the
office's city (any spelling) or country ("country manager for Portugal"); or the role's evidence
names the place within a few words after such a title ("Jane Doe, head of the Berlin office"); or
the title is one and the article reports that office as the company's only one besides its
headquarters. A chief executive quoted about the London office does not lead it. A sentence about
the office may also name its leader by a lead phrase ("the London office, led by Jane Doe",
"das Münchner Büro unter der Leitung von ..."): :mod:`expansion_tracker.led_by`.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, Literal

import attrs

from .errors import ParameterError, StoreError
from .gazetteer import fold_name
from .history import (
    OFFICE_COLUMNS,
    OFFICE_FROM,
    STATUS_COLUMNS,
    candidates,
    group_histories,
    known_clause,
    places_by_key,
    records_on,
    resolve,
)
from .languages import load_language, supported_languages
from .led_by import lead_pattern, said_to_lead
from .lookup import city_keys, continent_code, country_code, names_place, unknown_city
from .markup import looks_like_html
from .merging import StoreBase, check_day, company_key, fold, unpack_text
from .models import Announcement, Evidence, OfficeKind, OfficeStatus, Place
from .records import (
    AnnouncementRecord,
    CompanyPresence,
    Count,
    LeaderRecord,
    OfficeChange,
    OfficeRecord,
    PersonRecord,
    RoleRecord,
    TimelineEvent,
)
from .text import split_sentences

__all__ = ["ACTIVE_STATUSES", "StoreQueries", "Undated"]

#: Statuses of an office that is part of a network (not closed, not merely considered).
ACTIVE_STATUSES = frozenset({OfficeStatus.PLANNED, OfficeStatus.OPENED, OfficeStatus.EXISTING})

# How many words after a local-lead title can name what it leads ("head of the new Berlin office").
_SCOPE_WORDS = 4

#: What as-of queries do with facts of undated articles: include them (flagged) or leave them out.
Undated = Literal["include", "exclude"]


@cache
def local_lead_titles() -> tuple[str, ...]:
    """Title fragments (folded) that mark the head of a local office, in every language: a
    collection holds articles of several languages."""
    found = (load_language(code).get("people", "local_lead_titles") for code in supported_languages())
    return tuple(dict.fromkeys(fold_name(t) for titles in found for t in titles))


def _has_lead_title(title: str) -> bool:
    folded = f" {fold_name(title)} "
    return any(f" {t} " in folded or folded.strip().startswith(t) for t in local_lead_titles())


def lead_scopes(text: str) -> list[str]:
    """The words that follow each local-lead title in a text (folded, at most :data:`_SCOPE_WORDS`):
    where a role's evidence says what it leads ("head of the Berlin office" -> "the berlin office").

    >>> lead_scopes("Jane Doe, head of the Berlin office, said")
    ['the berlin office said']
    """
    words = fold_name(text).split()
    out = []
    for title in local_lead_titles():
        size = len(title.split())
        for i in range(len(words) - size + 1):
            if " ".join(words[i : i + size]) == title:
                out.append(" ".join(words[i + size : i + size + _SCOPE_WORDS]))
    return out


@cache
def _abbreviations(language: str | None) -> tuple[str, ...]:
    """The abbreviations that do not end a sentence in a language (English when unknown)."""
    code = language if language in supported_languages() else "en"
    return tuple(load_language(code).get("text", "abbreviations", []))


def _other_organizations(data: bytes, company: str) -> list[str]:
    """The organizations (folded) an article's announcement names besides the company itself."""
    if not data:
        return []
    own = company_key(company)
    names = json.loads(zlib.decompress(data)).get("organizations", [])
    return [fold_name(n) for n in names if company_key(n) != own]


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _statuses(status: OfficeStatus | str | Iterable[OfficeStatus | str] | None) -> frozenset[OfficeStatus] | None:
    if status is None:
        return None
    items = [status] if isinstance(status, (str, OfficeStatus)) else list(status)
    return frozenset(OfficeStatus(s) for s in items)


def _undated(value: object) -> bool:
    """Whether undated facts are included."""
    if value not in ("include", "exclude"):
        raise ParameterError("undated", value, "'include' or 'exclude'")
    return value == "include"


def _date_range(column: str, day0: dt.date | None, day1: dt.date | None, args: list[Any]) -> str:
    """SQL conditions for ``column`` within [day0, day1] (either end optional), appending their values."""
    sql = ""
    for op, day in ((">=", day0), ("<=", day1)):
        if day:
            sql += f" AND {column} {op} ?"
            args.append(day.isoformat())
    return sql


@attrs.frozen
class _Where:
    """Which offices a query asks about: a condition on the office ``o`` and its place ``p``, and
    one on each report ``r`` (either empty: no condition), with their parameters."""

    offices: str = ""
    offices_params: tuple[Any, ...] = ()
    reports: str = ""
    reports_params: tuple[Any, ...] = ()


class StoreQueries(StoreBase):
    """The read side of a collection."""

    # -- companies

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

    # -- offices

    def _office_records(
        self, where: _Where, on: dt.date | None, undated: bool, wanted: frozenset[OfficeStatus] | None = None
    ) -> list[OfficeRecord]:
        """The offices a query asks about, with their status as of ``on`` (only ``wanted`` ones).

        The store first reads, from an index, the few columns that decide each office's status,
        then reads and builds reports only for the offices that may be wanted: a country's query
        builds the offices it returns, not every office the country ever had.
        """
        known, args = known_clause(on, undated)
        conditions = [known]
        if where.offices:
            conditions.append(
                "r.office_id IN (SELECT o.id FROM offices o JOIN places p ON p.key = o.place_key"
                f" WHERE {where.offices})"
            )
            args += where.offices_params
        if where.reports:
            conditions.append(where.reports)
            args += where.reports_params
        sql = f"SELECT {STATUS_COLUMNS} FROM reports r WHERE {' AND '.join(conditions)}"
        chosen = candidates(self._con.execute(sql, args), on, wanted)
        if not chosen:
            return []
        # in report order, so that two reports of one article about one office tie the same way
        # whichever index the store reads them by
        sql = f"SELECT {OFFICE_COLUMNS} {OFFICE_FROM} WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id"
        rows = self._con.execute(sql, (json.dumps(chosen),))
        histories = group_histories(rows, lambda keys: places_by_key(self._con, keys))
        return records_on(histories, on, undated, wanted)

    def offices(
        self,
        company: str,
        *,
        status: OfficeStatus | str | Iterable[OfficeStatus | str] | None = None,
        country: str | None = None,
        on: dt.date | None = None,
        include_background: bool = True,
        undated: Undated = "include",
    ) -> tuple[OfficeRecord, ...]:
        """The offices of a company, with their status now (or on day ``on``), optionally filtered.

        As of ``on``, a report counts from the day it takes effect: an office first reported later
        does not exist yet, a closure dated later has not happened. Offices known only from undated
        articles are included and flagged ``undated`` unless ``undated="exclude"``.
        """
        day = check_day("on", on)
        wanted = _statuses(status)
        offices, params = "o.company_key = ?", [self._key(company)]
        if country:
            offices += " AND p.country = ?"
            params.append(country_code(country))
        where = _Where(offices, tuple(params), "" if include_background else "r.background = 0")
        return tuple(self._office_records(where, day, _undated(undated), wanted))

    def network(
        self, company: str, *, on: dt.date | None = None, undated: Undated = "include"
    ) -> tuple[OfficeRecord, ...]:
        """The company's office network on a day: offices planned, opened or existing then."""
        return self.offices(company, status=ACTIVE_STATUSES, on=on, undated=undated)

    def _city_clause(self, city: str | Place) -> tuple[str, list[Any]]:
        """The condition on a place ``p`` that it is the city asked for (any spelling the gazetteer
        knows, or the name as stored)."""
        if isinstance(city, Place):
            return "p.key = ?", [city.key]
        keys = sorted(city_keys(city))
        name_key = fold(city.strip())
        if not keys and self._con.execute("SELECT 1 FROM places WHERE name_key = ?", (name_key,)).fetchone() is None:
            raise unknown_city(city)
        marks = ", ".join("?" * len(keys))
        clause = f"(p.key IN ({marks}) OR p.name_key = ?)" if keys else "p.name_key = ?"
        return clause, [*keys, name_key]

    def companies_in(
        self,
        *,
        city: str | Place | None = None,
        country: str | None = None,
        region: str | None = None,
        on: dt.date | None = None,
        status: OfficeStatus | str | Iterable[OfficeStatus | str] | None = ACTIVE_STATUSES,
        undated: Undated = "include",
    ) -> tuple[CompanyPresence, ...]:
        """Companies with offices in a city (any name the gazetteer knows: "München", "Lisboa"), a
        country (ISO code or name in any supported language: "UK", "Deutschland") or a region
        (continent code such as "EU" or name such as "Europe"), as of a day.

        By default only active offices count (planned, opened, existing); ``status=None`` counts all.
        An unknown place raises :class:`~expansion_tracker.errors.UnknownPlaceError`.
        """
        day = check_day("on", on)
        clauses: list[str] = []
        params: list[Any] = []
        if city is not None and city != "":
            clause, args = self._city_clause(city)
            clauses.append(clause)
            params += args
        if region:
            clauses.append("p.continent = ?")
            params.append(continent_code(region))
        # a country is a condition on the reports: each holds its place's country, indexed with
        # the columns that decide a status, so that a country is read as one stretch of an index
        where = _Where(" AND ".join(clauses), tuple(params))
        if country:
            where = attrs.evolve(where, reports="r.country = ?", reports_params=(country_code(country),))
        elif not clauses:
            raise StoreError(self.path, "companies_in needs city, country or region")
        wanted = _statuses(status)
        records = self._office_records(where, day, _undated(undated), wanted)
        by_company: dict[str, list[OfficeRecord]] = defaultdict(list)
        for r in records:
            by_company[r.company].append(r)
        return tuple(CompanyPresence(c, tuple(v)) for c, v in sorted(by_company.items(), key=lambda i: i[0].casefold()))

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
        clause, args = self._city_clause(city)
        rows = self._con.execute(
            f"SELECT o.id, p.name, p.country, p.geonames_id, p.latitude, p.longitude FROM offices o"
            f" JOIN places p ON p.key = o.place_key WHERE o.company_key = ? AND {clause}",
            (key, *args),
        ).fetchall()
        out: list[LeaderRecord] = []
        for office_id, *facts in rows:
            place = Place(*facts)
            # articles in which this office is the company's only one besides headquarters
            sole = {
                r[0]
                for r in self._con.execute(
                    "SELECT r.article_id FROM reports r JOIN offices o ON o.id = r.office_id"
                    " WHERE o.company_key = ? AND r.kind != 'headquarters' AND r.background = 0"
                    " GROUP BY r.article_id HAVING count(DISTINCT r.office_id) = 1 AND max(r.office_id) = ?",
                    (key, office_id),
                )
            }
            for r in self._role_rows(company):
                titled = _has_lead_title(r[2])
                named = titled and names_place(" ".join(x for x in (r[2], r[3]) if x), place)
                # the evidence names the place right after a lead title ("head of the Berlin office")
                said = r[7] is not None and any(names_place(scope, place) for scope in lead_scopes(r[7]))
                if named or said or (titled and r[11] in sole):
                    ev = Evidence(r[5], r[6], r[7]) if r[5] is not None else None
                    out.append(LeaderRecord(r[0], r[2], place, bool(r[4]), r[9], ev))
            listed = {(fold_name(r.name), r.source) for r in out if r.place == place}
            for found in self._led_by(office_id, place):
                if (fold_name(found.name), found.source) not in listed:
                    listed.add((fold_name(found.name), found.source))
                    out.append(found)
        return tuple(out)

    def _led_by(self, office_id: int, place: Place) -> Iterator[LeaderRecord]:
        """People the sentences about an office say lead it ("its London office, led by Jane Doe"):
        the evidence of each report of the office, and the stored text of each article reporting it
        (:mod:`expansion_tracker.led_by`). A sentence of the text that names one of the article's
        other organizations may be about theirs ("Rival's London office, led by ..."): skipped. A
        headquarters has no leader of its own here: whoever leads it leads the company."""
        company = self._con.execute(
            "SELECT c.name FROM offices o JOIN companies c ON c.key = o.company_key WHERE o.id = ?", (office_id,)
        ).fetchone()[0]
        rows = self._con.execute(
            "SELECT r.ev_start, r.ev_end, r.ev_text, a.id, a.source, a.language, b.text, b.data, r.kind"
            " FROM reports r JOIN articles a ON a.id = r.article_id JOIN article_blobs b ON b.article_id = a.id"
            " WHERE r.office_id = ? ORDER BY a.published, a.id, r.id",
            (office_id,),
        ).fetchall()
        if all(row[8] == OfficeKind.HEADQUARTERS.value for row in rows):
            return  # whoever leads the headquarters leads the company
        pattern = lead_pattern()
        read: set[tuple[int, int]] = set()  # (article, sentence start) already read
        for ev_start, ev_end, ev_text, article_id, source, language, blob, data, _kind in rows:
            sentences = [Evidence(ev_start, ev_end, ev_text)] if ev_text and pattern.search(ev_text) else []
            if blob is not None:
                text = unpack_text(blob)
                if not looks_like_html(text) and pattern.search(text):
                    others = _other_organizations(data, company)
                    sentences += [
                        Evidence(s.start, s.end, s.text)
                        for s in split_sentences(text, _abbreviations(language))
                        if pattern.search(s.text) and not any(f" {org} " in f" {fold_name(s.text)} " for org in others)
                    ]
            for sentence in sentences:
                if (article_id, sentence.start) in read:
                    continue
                read.add((article_id, sentence.start))
                for m in said_to_lead(sentence.text, place, language):
                    yield LeaderRecord(m.name, m.phrase, place, True, source, sentence)

    # -- time

    def timeline(self, company: str) -> tuple[TimelineEvent, ...]:
        """Every report about the company's offices on the day it takes effect (undated first),
        each marked as the first report of an office ("new"), a status change ("changed") or a
        repeat ("confirmed")."""
        events: list[tuple[tuple[Any, ...], TimelineEvent]] = []
        for rec in self.offices(company):
            previous: OfficeStatus | None = None
            for i, e in enumerate(rec.history):
                change: Literal["new", "changed", "confirmed"] = (
                    "new" if i == 0 else ("changed" if e.status != previous else "confirmed")
                )
                previous = e.status
                ev = TimelineEvent(
                    e.effective,
                    rec.company,
                    rec.place,
                    e.status,
                    e.kind,
                    change,
                    e.source,
                    e.date,
                    e.reported,
                    e.evidence,
                )
                events.append(((e.effective.isoformat() if e.effective else "", rec.place.label, i), ev))
        events.sort(key=lambda t: t[0])
        return tuple(e for _, e in events)

    def changes(self, start: dt.date, end: dt.date, *, company: str | None = None) -> tuple[OfficeChange, ...]:
        """Offices whose status on ``end`` differs from their status on ``start`` (new ones included);
        undated facts, which belong to no day, are left out."""
        day0, day1 = check_day("start", start), check_day("end", end)
        if day0 is None or day1 is None or day1 < day0:
            raise StoreError(self.path, f"changes needs start <= end, got {start!r} and {end!r}")
        where = _Where("o.company_key = ?", (self._key(company),)) if company else _Where()
        out = []
        for rec in self._office_records(where, day1, undated=False):
            found = resolve(rec.history, day0)
            before = found.status if found else None
            if before != rec.status:
                window = tuple(e for e in rec.history if e.effective is not None and day0 < e.effective <= day1)
                out.append(OfficeChange(rec.company, rec.place, before, rec.status, window))
        return tuple(out)

    def announcements(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        *,
        company: str | None = None,
    ) -> tuple[AnnouncementRecord, ...]:
        """Stored articles published between ``start`` and ``end`` (inclusive, either open), oldest
        first; without dates, undated articles too (first)."""
        day0, day1 = check_day("start", start), check_day("end", end)
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
        """The stored Announcement of an article, as last parsed (with any publication date set since)."""
        row = self._con.execute("SELECT data FROM article_blobs WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(self.path, f"no article with id {article_id}")
        return Announcement.from_dict(json.loads(zlib.decompress(row[0])))

    def iter_announcements(self) -> Iterator[Announcement]:
        """Every stored Announcement, in the order added."""
        for (blob,) in self._con.execute("SELECT data FROM article_blobs ORDER BY article_id").fetchall():
            yield Announcement.from_dict(json.loads(zlib.decompress(blob)))

    # -- dashboards

    def all_offices(
        self,
        *,
        on: dt.date | None = None,
        company: str | None = None,
        status: Any = None,
        undated: Undated = "include",
    ) -> tuple[OfficeRecord, ...]:
        """Offices of one company or of every company, as of a day, optionally by status."""
        if company:
            return self.offices(company, on=on, status=status, undated=undated)
        wanted = _statuses(status)
        day = check_day("on", on)
        return tuple(self._office_records(_Where(), day, _undated(undated), wanted))

    def count_offices_by_country(self, *, on: dt.date | None = None, undated: Undated = "include") -> tuple[Count, ...]:
        """Active offices (planned, opened, existing) per country as of a day, most first."""
        counts: dict[str, int] = defaultdict(int)
        for rec in self.all_offices(on=on, status=ACTIVE_STATUSES, undated=undated):
            counts[rec.place.country] += 1
        return tuple(Count(k, v) for k, v in sorted(counts.items(), key=lambda i: (-i[1], i[0])))

    def count_openings_by_month(self, start: dt.date | None = None, end: dt.date | None = None) -> tuple[Count, ...]:
        """Offices opened per month of the day the opening took effect ("YYYY-MM"), in month order."""
        sql = (
            "SELECT substr(effective, 1, 7) AS month, count(DISTINCT office_id) FROM reports"
            " WHERE status = 'opened' AND effective IS NOT NULL"
        )
        args: list[Any] = []
        day0, day1 = check_day("start", start), check_day("end", end)
        sql += _date_range("effective", day0, day1, args)
        sql += " GROUP BY month ORDER BY month"
        return tuple(Count(r[0], r[1]) for r in self._con.execute(sql, args))
