"""The SQLite file behind a :class:`~expansion_tracker.collection.Collection`: schema, migrations, opening.

A store is recognised by its SQLite ``application_id`` (:data:`APPLICATION_ID`) and its schema
version is ``PRAGMA user_version``. Opening checks a file read-only first; a file that is not
SQLite, not ours, corrupt or written by a newer version raises :class:`StoreError` and is left
exactly as it was. An older schema is brought up to date by running the missing steps of
:data:`MIGRATIONS` in one transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import StoreError

__all__ = ["APPLICATION_ID", "MEMORY", "MIGRATIONS", "SCHEMA_VERSION", "open_store"]

#: "ETKS" (expansion-tracker store) as a 32-bit integer, written to the SQLite header.
APPLICATION_ID = 0x45544B53
MEMORY = ":memory:"
_SQLITE_MAGIC = b"SQLite format 3\x00"
# Page cache per connection, in KiB (SQLite's default is 2 MiB). As-of queries over a country read
# offices, reports and articles scattered through the file: with 64 MiB the pages of a store of
# 100,000 offices stay cached between queries (benchmarks/bench_store.py: 23 ms -> 5 ms of SQL).
_CACHE_KIB = 65536

# Each step takes the schema from version i to i + 1; never edit a step once released, append one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE companies (key TEXT PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE company_names (name TEXT PRIMARY KEY, company_key TEXT NOT NULL);
    CREATE INDEX company_names_key ON company_names(company_key);
    CREATE TABLE aliases (alias_key TEXT PRIMARY KEY, company_key TEXT NOT NULL, alias TEXT NOT NULL);
    CREATE TABLE places (
        key TEXT PRIMARY KEY,
        name TEXT,
        name_key TEXT,
        country TEXT NOT NULL,
        continent TEXT,
        geonames_id INTEGER,
        latitude REAL,
        longitude REAL
    );
    CREATE INDEX places_name ON places(name_key);
    CREATE INDEX places_country ON places(country);
    CREATE INDEX places_continent ON places(continent);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT UNIQUE,
        text_hash TEXT NOT NULL UNIQUE,
        published TEXT,
        language TEXT,
        company_key TEXT,
        headline TEXT,
        data BLOB NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_company ON articles(company_key);
    CREATE TABLE offices (
        id INTEGER PRIMARY KEY,
        company_key TEXT NOT NULL,
        place_key TEXT NOT NULL,
        UNIQUE (company_key, place_key)
    );
    CREATE INDEX offices_place ON offices(place_key);
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        office_id INTEGER NOT NULL REFERENCES offices(id),
        article_id INTEGER NOT NULL REFERENCES articles(id),
        status TEXT NOT NULL,
        kind TEXT NOT NULL,
        label TEXT,
        report_date TEXT,
        date_iso TEXT,
        date_precision TEXT,
        date_start TEXT,
        date_end TEXT,
        date_text TEXT,
        ev_start INTEGER,
        ev_end INTEGER,
        ev_text TEXT,
        confidence REAL NOT NULL,
        background INTEGER NOT NULL
    );
    CREATE INDEX reports_office ON reports(office_id, report_date);
    CREATE INDEX reports_article ON reports(article_id);
    CREATE INDEX reports_status_date ON reports(status, report_date);
    CREATE TABLE roles (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        person TEXT NOT NULL,
        person_key TEXT NOT NULL,
        title TEXT NOT NULL,
        organization TEXT,
        company_key TEXT,
        current INTEGER NOT NULL,
        ev_start INTEGER,
        ev_end INTEGER,
        ev_text TEXT,
        confidence REAL NOT NULL
    );
    CREATE INDEX roles_company ON roles(company_key);
    CREATE INDEX roles_article ON roles(article_id);
    """,
    # 2: time (each report's effective day; report_date becomes the publication date), the article
    # texts for re-parsing, and a log of every change made by hand or by a re-parse. Announcements
    # and texts move to article_blobs (articles.data stays, empty): queries join articles for their
    # source and date, and rows kilobytes long made every such join read a page per article.
    """
    ALTER TABLE reports ADD COLUMN effective TEXT;
    UPDATE reports SET report_date = (SELECT a.published FROM articles a WHERE a.id = reports.article_id);
    UPDATE reports SET effective = CASE
        WHEN status IN ('planned', 'considered') THEN report_date
        ELSE coalesce(date_start, report_date) END;
    CREATE INDEX reports_office_effective ON reports(office_id, effective);
    CREATE TABLE article_blobs (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id),
        data BLOB NOT NULL,
        text BLOB
    );
    INSERT INTO article_blobs(article_id, data) SELECT id, data FROM articles;
    UPDATE articles SET data = x'';
    ALTER TABLE articles ADD COLUMN published_given TEXT;
    ALTER TABLE articles ADD COLUMN language_given TEXT;
    ALTER TABLE articles ADD COLUMN parsed_with TEXT;
    CREATE TABLE edits (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        article_id INTEGER,
        detail TEXT NOT NULL
    );
    """,
    # 3: as-of queries read, from an index alone, the columns that decide each office's status on a
    # day (history.candidates), then report rows only for the offices they return. Each report holds
    # its place's country (places never change country), so that a country's reports are one
    # stretch of an index; (office_id, effective) is the prefix of the new per-office index.
    """
    ALTER TABLE reports ADD COLUMN country TEXT;
    UPDATE reports SET country = (
        SELECT p.country FROM offices o JOIN places p ON p.key = o.place_key WHERE o.id = reports.office_id);
    CREATE INDEX reports_country_asof ON reports(country, effective, report_date, status, office_id);
    CREATE INDEX reports_office_asof ON reports(office_id, effective, report_date, status);
    DROP INDEX reports_office_effective;
    """,
    # 4: a query builds each office it returns from its reports alone, with one index read per
    # company, place and article: each report holds its office's company and place keys (an office
    # never changes place; merging a company under an alias rewrites its reports' company key), and
    # companies, places and articles get indexes holding the columns the query reads (by key), so
    # that a report's company, place and source are found without reading the office row or the
    # wide article row. A country query on a fresh connection read ~3 pages per office returned
    # scattered through the file (reports, offices, articles): benchmarks/bench_store.py.
    """
    ALTER TABLE reports ADD COLUMN company_key TEXT;
    ALTER TABLE reports ADD COLUMN place_key TEXT;
    UPDATE reports SET (company_key, place_key) = (
        SELECT o.company_key, o.place_key FROM offices o WHERE o.id = reports.office_id);
    CREATE INDEX companies_names ON companies(key, name);
    CREATE INDEX places_facts ON places(key, name, country, geonames_id, latitude, longitude);
    CREATE INDEX articles_source ON articles(id, source);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def _inspect(path: Path) -> tuple[int, int, int]:
    """Read application_id, user_version and the table count without writing anything."""
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header:
        return 0, 0, 0
    if not header.startswith(_SQLITE_MAGIC):
        raise StoreError(path, "not an expansion-tracker store (not an SQLite database)")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(path, f"cannot open: {exc}") from exc
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == APPLICATION_ID:
            problem = con.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                raise StoreError(path, f"the store is corrupt ({problem})")
    except sqlite3.DatabaseError as exc:
        raise StoreError(path, f"the store is corrupt or unreadable ({exc})") from exc
    finally:
        con.close()
    return int(app_id), int(version), int(tables)


def _check(path: Path, app_id: int, version: int, tables: int) -> None:
    if app_id != APPLICATION_ID and not (app_id == 0 and version == 0 and tables == 0):
        raise StoreError(path, "not an expansion-tracker store (an SQLite database of another application)")
    if version > SCHEMA_VERSION:
        raise StoreError(
            path,
            f"store schema version {version} is newer than this library supports ({SCHEMA_VERSION}); "
            "upgrade expansion_tracker",
        )


def _migrate(con: sqlite3.Connection, current: int, where: str | Path) -> None:
    if current >= SCHEMA_VERSION:
        return
    try:
        con.execute("BEGIN IMMEDIATE")
        # another process may have migrated between our check and the write lock
        current = int(con.execute("PRAGMA user_version").fetchone()[0])
        for step in MIGRATIONS[current:]:
            for statement in step.split(";"):
                if statement.strip():
                    con.execute(statement)
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.execute("COMMIT")
    except sqlite3.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(where, f"cannot migrate schema from version {current}: {exc}") from exc


def open_store(path: str | Path = MEMORY) -> sqlite3.Connection:
    """A connection in autocommit mode (callers open their own transactions), schema up to date.

    ``":memory:"`` gives a private in-memory store; a path that does not exist is created.
    """
    where: str | Path = path
    if str(path) != MEMORY:
        p = Path(path)
        where = p
        if p.is_dir():
            raise StoreError(p, "is a folder, not a store file")
        if p.exists():
            _check(p, *_inspect(p))
        elif not p.parent.exists():
            raise StoreError(p, f"folder {p.parent} does not exist")
    try:
        con = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30.0)
    except sqlite3.Error as exc:
        raise StoreError(where, f"cannot open: {exc}") from exc
    try:
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        if str(path) != MEMORY:
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        _migrate(con, version, where)
    except sqlite3.DatabaseError as exc:
        con.close()
        raise StoreError(where, f"the store is corrupt or unreadable ({exc})") from exc
    except StoreError:
        con.close()
        raise
    return con
