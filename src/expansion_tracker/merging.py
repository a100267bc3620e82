"""Merging announcements into a store: one key per company, one office per company and place,
one report row per fact, each with the day it takes effect (:mod:`expansion_tracker.history`).

* **Companies**: :func:`company_key` folds a name to one key: accents and case folded, a
  possessive ``'s`` and trailing legal forms ("Inc.", "GmbH", "S.A.") dropped, spaces and
  punctuation removed, so "OpenAI", "OpenAI Inc.", "OpenAI's" and "Open AI" are one company.
  Declared aliases ("Alphabet" for "Google") map one key onto another.
* **Places**: :attr:`Place.key` (the GeoNames id when known), so "Tokio" and "Tokyo" are one place.

The article text is kept (compressed) when given, so that a later version of the library can
read it again (:meth:`~expansion_tracker.upkeep.StoreUpkeep.reparse`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from .batch import DEFAULT_TIMEOUT
from .errors import InvalidDateError, StoreError
from .gazetteer import get_gazetteer
from .history import effective_day
from .models import Announcement
from .records import AddResult, FileResult
from .store import MEMORY, open_store

__all__ = ["StoreBase", "StoreMerging", "company_key", "continent_of", "library_version", "text_hash"]

# Legal forms across jurisdictions, folded and without dots; dropped from the end of a company name.
_LEGAL_FORMS = frozenset(
    """inc incorporated corp corporation co company ltd limited llc llp lp plc gmbh ag kg kgaa ug mbh ohg se sa
    sas sasu sarl sca srl spa sapa sl slu bv nv vof cv oy oyj ab asa as aps pty pvt nl kk""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W_]+|&")
_POSSESSIVE = re.compile(r"'s?(?=\W|$)")
# zlib level for stored JSON and texts: 6 is zlib's default balance of size and speed.
_ZLIB_LEVEL = 6


def fold(text: str) -> str:
    """Case and accents folded, for comparing names of people and companies."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def company_key(name: str) -> str:
    """The merge key of a company name.

    >>> {company_key(n) for n in ("OpenAI", "OpenAI Inc.", "OpenAI's", "Open AI", "openai")}
    {'openai'}
    >>> company_key("Société Générale S.A."), company_key("Siemens AG"), company_key("The Boring Company")
    ('societegenerale', 'siemens', 'boring')
    """
    folded = fold(name).replace("\u2019", "'").replace(".", "")
    folded = _POSSESSIVE.sub("", folded)
    words = _WORD.findall(folded)
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and (words[-1] in _LEGAL_FORMS or words[-1] == "&"):
        words.pop()
    key = "".join(w for w in words if w != "&")
    return key or folded.strip()


def display_name(name: str) -> str:
    """A company name as shown: without a trailing possessive."""
    return re.sub(r"['\u2019]s?$", "", name.strip())


def continent_of(country: str) -> str | None:
    """The GeoNames continent code (EU, AS, NA, SA, AF, OC, AN) of an alpha-2 country, or None.

    >>> continent_of("DE"), continent_of("JP"), continent_of("ZZ")
    ('EU', 'AS', None)
    """
    facts = get_gazetteer().country(country)
    return facts.continent if facts else None


def library_version() -> str:
    """The installed version of expansion_tracker, recorded with each parse for provenance."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("expansion_tracker")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def text_hash(text: str) -> str:
    """The content hash an article text is known by in a store."""
    return "text:" + hashlib.sha256(unicodedata.normalize("NFC", text).strip().encode("utf-8")).hexdigest()


def announcement_hash(ann: Announcement) -> str:
    """The content hash of an announcement added without its text (its source left out)."""
    data = ann.to_dict()
    data.pop("source", None)
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return "ann:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


def pack(data: Any) -> bytes:
    """JSON (or a text) compressed for a BLOB column."""
    raw = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return zlib.compress(raw.encode("utf-8"), _ZLIB_LEVEL)


def unpack_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def check_day(name: str, value: object) -> dt.date | None:
    """A date argument as a date (ISO strings accepted); anything else raises InvalidDateError."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidDateError(name, value)


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


class StoreBase:
    """The open store and what every part of a collection needs: company keys, transactions, a log."""

    def __init__(self, path: str | Path = MEMORY) -> None:
        self.path = str(path)
        self._con = open_store(path)
        self._aliases: dict[str, str] = {}
        self._load_aliases()

    def _load_aliases(self) -> None:
        self._aliases = dict(self._con.execute("SELECT alias_key, company_key FROM aliases"))

    def close(self) -> None:
        self._con.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._con, self.path)

    def _key(self, name: str) -> str:
        key = company_key(name)
        return self._aliases.get(key, key)

    def _ensure_company(self, name: str) -> str:
        key = self._key(name)
        self._con.execute("INSERT OR IGNORE INTO companies(key, name) VALUES (?, ?)", (key, display_name(name)))
        self._con.execute("INSERT OR IGNORE INTO company_names(name, company_key) VALUES (?, ?)", (name, key))
        return key

    def _log(self, action: str, article_id: int | None, **detail: Any) -> None:
        """Record a change in the store's ``edits`` table (inside the caller's transaction)."""
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self._con.execute(
            "INSERT INTO edits(at, action, article_id, detail) VALUES (?, ?, ?, ?)",
            (at, action, article_id, json.dumps(detail, ensure_ascii=False, sort_keys=True)),
        )


class StoreMerging(StoreBase):
    """Adding announcements, article texts and files, merged per company and place."""

    def add(self, announcement: Announcement, *, source: str | None = None, text: str | None = None) -> AddResult:
        """Store one announcement in one transaction; the same article twice changes nothing.

        An article is known by its source (``source`` or ``announcement.source``) and by a content
        hash: of ``text`` (the article text, kept for re-parsing) when given, else of the
        announcement without its source.
        """
        return self._add(announcement, source=source, text=text)

    def _add(
        self,
        announcement: Announcement,
        *,
        source: str | None,
        text: str | None,
        published_given: dt.date | None = None,
        language_given: str | None = None,
    ) -> AddResult:
        """Add one announcement; ``published_given`` and ``language_given`` are what the parser was
        told, kept so that a re-parse is told the same."""
        if not isinstance(announcement, Announcement):
            raise TypeError(f"announcement must be an Announcement, not {type(announcement).__name__}")
        src = source if source is not None else announcement.source
        digest = text_hash(text) if text is not None else announcement_hash(announcement)
        with self._transaction():
            known = self._known(src, digest)
            if known is not None:
                return known
            if src is not None and announcement.source != src:
                announcement = attrs.evolve(announcement, source=src)
            cur = self._con.execute(
                "INSERT INTO articles(source, text_hash, published, data, published_given, language_given,"
                " parsed_with) VALUES (?, ?, NULL, x'', ?, ?, ?)",
                (src, digest, iso(published_given), language_given, library_version() if text is not None else None),
            )  # fmt: skip
            article_id = int(cur.lastrowid or 0)
            self._con.execute(
                "INSERT INTO article_blobs(article_id, data, text) VALUES (?, x'', ?)",
                (article_id, pack(text) if text is not None else None),
            )
            self._insert_facts(article_id, announcement)
        return AddResult("added", src, article_id, len(announcement.offices))

    def _insert_facts(self, article_id: int, announcement: Announcement) -> None:
        """Write an article's announcement and its facts (inside the caller's transaction)."""
        con = self._con
        subject = self._ensure_company(announcement.company.name) if announcement.company else None
        pub = announcement.published
        con.execute(
            "UPDATE articles SET published = ?, language = ?, company_key = ?, headline = ? WHERE id = ?",
            (iso(pub), announcement.language, subject, announcement.headline, article_id),
        )
        con.execute(
            "UPDATE article_blobs SET data = ? WHERE article_id = ?", (pack(announcement.to_dict()), article_id)
        )
        for office in announcement.offices:
            ckey = self._ensure_company(office.company)
            place = office.place
            con.execute(
                "INSERT OR IGNORE INTO places(key, name, name_key, country, continent, geonames_id, latitude,"
                " longitude) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (place.key, place.name, fold(place.name) if place.name else None, place.country,
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
                "INSERT INTO reports(office_id, article_id, status, kind, label, report_date, effective, date_iso,"
                " date_precision, date_start, date_end, date_text, ev_start, ev_end, ev_text, confidence,"
                " background, company_key, place_key, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?, ?, ?, (SELECT country FROM places WHERE key = ?))",
                (office_id, article_id, office.status.value, office.kind.value, office.label, iso(pub),
                 iso(effective_day(office.status, date, pub)), date.iso if date else None,
                 date.precision.value if date else None, iso(date.start) if date else None,
                 iso(date.end) if date else None, date.text if date else None,
                 ev.start if ev else None, ev.end if ev else None, ev.text if ev else None,
                 office.confidence, int(office.background), ckey, place.key, place.key),
            )  # fmt: skip
        for person in announcement.people:
            for role in person.roles:
                org = role.organization
                role_company = self._ensure_company(org) if org else subject
                rev = role.evidence
                con.execute(
                    "INSERT INTO roles(article_id, person, person_key, title, organization, company_key, current,"
                    " ev_start, ev_end, ev_text, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (article_id, person.name, fold(person.name), role.title, org, role_company,
                     int(role.current), rev.start if rev else None, rev.end if rev else None,
                     rev.text if rev else None, role.confidence),
                )  # fmt: skip

    def _delete_facts(self, article_id: int) -> None:
        """Remove an article's facts, and offices no report speaks of any more (caller's transaction)."""
        con = self._con
        offices = [
            r[0] for r in con.execute("SELECT DISTINCT office_id FROM reports WHERE article_id = ?", (article_id,))
        ]
        con.execute("DELETE FROM reports WHERE article_id = ?", (article_id,))
        con.execute("DELETE FROM roles WHERE article_id = ?", (article_id,))
        for office_id in offices:
            con.execute(
                "DELETE FROM offices WHERE id = ? AND NOT EXISTS (SELECT 1 FROM reports WHERE office_id = ?)",
                (office_id, office_id),
            )

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
        return self._add(ann, source=source, text=text, published_given=published, language_given=language)

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
                ann = attrs.evolve(res.announcement, source=src)
                added = self._add(ann, source=src, text=text, published_given=published, language_given=language)
                results.append(FileResult(src, added.status, added.reason))
            if progress is not None:
                progress(min(start + batch_size, len(files)), len(files))
        return results
