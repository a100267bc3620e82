"""The SQLite store: recognising its files, refusing others untouched, migrations, transactions, readers."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from expansion_tracker import StoreError
from expansion_tracker.collection import Collection
from expansion_tracker.models import Announcement, Company, Office, Place
from expansion_tracker.store import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, open_store

LONDON = Place("London", "GB", geonames_id=2643743)


def ann(n: int, company: str = "Acme") -> Announcement:
    place = Place(f"Town{n}", "DE")
    return Announcement(
        published=dt.date(2024, 1, 1) + dt.timedelta(days=n),
        company=Company(company),
        offices=(Office(company, place, "opened"),),
    )


def test_file_store_is_created_on_first_use_and_reopened(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Collection(path) as c:
        assert c.add(ann(1), source="a").added
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    with Collection(path) as c:
        assert len(c) == 1
        assert c.add(ann(1), source="a").status == "duplicate"


def test_memory_stores_are_private() -> None:
    a, b = Collection(), Collection(":memory:")
    a.add(ann(1))
    assert (len(a), len(b)) == (1, 0)


def _unchanged(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an SQLite database") as info:
        Collection(path)
    assert info.value.path == str(path)
    _unchanged(path, before)


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another application"):
        Collection(path)
    _unchanged(path, before)


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Collection(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Collection(path)
    _unchanged(path, before)


def test_a_corrupt_store_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    with Collection(path) as c:
        for i in range(30):
            c.add(ann(i), source=str(i))
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xa5" * 3996  # scribble over the schema page, keeping the file header
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StoreError, match="corrupt"):
        Collection(path)
    _unchanged(path, before)


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with Collection(path) as c:
        assert len(c) == 0


def test_folders_and_missing_parents_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        Collection(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Collection(tmp_path / "nope" / "s.db")


def test_an_older_schema_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # ours, at version 0: no tables yet
    con.commit()
    con.close()
    with Collection(path) as c:
        c.add(ann(1))
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()


def test_a_failed_article_leaves_nothing_half_written(monkeypatch: pytest.MonkeyPatch) -> None:
    c = Collection()
    c.add(ann(1), source="ok")
    bad = Announcement(
        published=dt.date(2024, 5, 1),
        company=Company("Acme"),
        offices=(Office("Acme", LONDON, "opened"), Office("Acme", Place("Paris", "FR"), "opened")),
    )
    calls = {"n": 0}
    original = Collection._ensure_company

    def failing(self: Collection, name: str) -> str:
        calls["n"] += 1
        if calls["n"] == 3:  # subject, first office, then fail on the second office
            raise sqlite3.OperationalError("disk I/O error")
        return original(self, name)

    monkeypatch.setattr(Collection, "_ensure_company", failing)
    with pytest.raises(StoreError, match="rolled back"):
        c.add(bad, source="bad")
    monkeypatch.undo()
    assert len(c) == 1
    assert {o.place.name for o in c.offices("Acme")} == {"Town1"}
    assert c.add(bad, source="bad").added  # nothing of it was kept, so it can be added now


def test_readers_see_committed_articles_while_a_writer_adds(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    writer = Collection(path)
    writer.add(ann(0), source="0")
    reader = Collection(path)
    writer._con.execute("BEGIN IMMEDIATE")  # a write in progress holds the write lock
    writer._con.execute("INSERT INTO meta(key, value) VALUES ('x', 'y')")
    assert len(reader) == 1  # the reader is not blocked (WAL)
    assert [o.place.name for o in reader.offices("Acme")] == ["Town0"]
    writer._con.execute("COMMIT")
    writer.add(ann(1), source="1")
    assert len(reader) == 2
    reader.close()
    writer.close()


def test_open_store_gives_an_autocommit_connection() -> None:
    con = open_store()
    assert con.isolation_level is None
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def _layout(con: sqlite3.Connection) -> dict[str, Any]:
    """Each table's columns and each index's columns: what a schema version writes."""
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")]
    return {
        n: [tuple(r[1:3]) for r in con.execute(f"PRAGMA table_info('{n}')")]
        + [r[2] for r in con.execute(f"PRAGMA index_info('{n}')")]
        for n in names
    }


def test_a_version_3_store_is_migrated_and_answers_as_before(tmp_path: Path) -> None:
    """Version 4 copies each office's company and place keys onto its reports: a version 3 store
    gets them from its offices on opening, and every query answers as in a store written anew."""
    oslo = Place("Oslo", "NO", geonames_id=3143244, latitude=59.91, longitude=10.75)
    path = tmp_path / "old.db"
    with Collection(path) as col:
        facts = [
            ("Acme", oslo, "opened"),
            ("Globex", oslo, "planned"),
            ("Acme", LONDON, "existing"),
            ("Acme Inc.", LONDON, "closed"),
            ("Alphabet", oslo, "opened"),
        ]
        for i, (company, place, status) in enumerate(facts):
            col.add(
                Announcement(
                    published=dt.date(2024, 1, 1) + dt.timedelta(days=30 * i),
                    company=Company(company),
                    offices=(Office(company, place, status),),
                ),
                source=f"s{i}",
            )

        def answers(c: Collection) -> list[Any]:
            return [
                c.companies_in(country="NO"),
                c.companies_in(country="GB", on=dt.date(2024, 3, 1)),
                c.companies_in(city="Oslo", status=None),
                c.companies_in(region="EU"),
                c.offices("Acme"),
                c.all_offices(),
                c.changes(dt.date(2024, 1, 1), dt.date(2024, 6, 1)),
                c.timeline("Acme"),
            ]

        expected = answers(col)
    # what version 3 wrote: the same rows without the keys on the reports and without the indexes
    con = sqlite3.connect(path)
    con.executescript(
        """
        DROP INDEX companies_names; DROP INDEX places_facts; DROP INDEX articles_source;
        ALTER TABLE reports DROP COLUMN company_key; ALTER TABLE reports DROP COLUMN place_key;
        PRAGMA user_version = 3;
        """
    )
    v3 = sqlite3.connect(":memory:")
    v3.executescript(";".join(MIGRATIONS[:3]))
    assert _layout(con) == _layout(v3)
    con.close()
    with Collection(path) as col:
        assert col._con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        assert answers(col) == expected
        # the keys follow an alias merge, as in a new store
        col.add_alias("Alphabet", "Globex")
        assert [(p.company, len(p.offices)) for p in col.companies_in(country="NO", status=None)] == [
            ("Acme", 1),
            ("Globex", 1),
        ]
        assert col._con.execute("SELECT count(*) FROM reports WHERE company_key = 'alphabet'").fetchone()[0] == 0
