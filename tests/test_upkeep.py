"""Store upkeep: aliases declared and removed, re-dating, removing and re-parsing articles, the log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import expansion_tracker.parse
from expansion_tracker.collection import Collection
from expansion_tracker.errors import StoreError
from expansion_tracker.models import Announcement, Company, DateValue, Office, OfficeStatus, Place

D = dt.date
LONDON = Place("London", "GB", geonames_id=2643743, latitude=51.51, longitude=-0.13)
OSLO = Place("Oslo", "NO", geonames_id=3143244, latitude=59.91, longitude=10.75)
TEXT = "Acme Corp plans to open an office in Oslo next year, the company said.\n"


def test_company_records_count_offices_and_articles() -> None:
    col = Collection()
    col.add(Announcement(published=D(2024, 1, 2), company=Company("Acme"), offices=(Office("Acme", LONDON, "opened"),)))
    col.add(
        Announcement(published=D(2024, 2, 2), company=Company("Acme Inc."), offices=(Office("Acme", OSLO, "opened"),))
    )
    (acme,) = col.company_records()
    assert (acme.name, acme.offices, acme.articles, acme.aliases) == ("Acme", 2, 2, ("Acme", "Acme Inc."))


def test_an_alias_merges_two_spellings_and_removing_it_splits_them_again() -> None:
    col = Collection()
    col.add(Announcement(published=D(2024, 1, 2), offices=(Office("Alphabet", LONDON, "existing"),)), source="a")
    col.add(Announcement(published=D(2024, 3, 2), offices=(Office("Google", LONDON, "opened"),)), source="b")
    col.add_alias("Alphabet", "Google")
    assert col.companies() == ("Google",)
    assert [e.source for e in col.offices("Google")[0].history] == ["a", "b"]
    col.remove_alias("Alphabet")
    assert col.companies() == ("Alphabet", "Google")
    assert [e.source for e in col.offices("Alphabet")[0].history] == ["a"]
    assert [e.source for e in col.offices("Google")[0].history] == ["b"]
    assert [e.action for e in col.edits()] == ["add_alias", "remove_alias"]
    with pytest.raises(StoreError, match="not a declared alias"):
        col.remove_alias("Alphabet")


def test_setting_the_date_of_a_stored_announcement_redates_its_facts() -> None:
    col = Collection()
    added = col.add(Announcement(company=Company("Acme"), offices=(Office("Acme", OSLO, "existing"),)), source="x")
    assert col.offices("Acme")[0].undated
    col.set_published(added.article_id, D(2024, 5, 2))
    (oslo,) = col.offices("Acme")
    assert (oslo.undated, oslo.reported, oslo.effective) == (False, D(2024, 5, 2), D(2024, 5, 2))
    assert col.announcement(added.article_id).published == D(2024, 5, 2)
    (edit,) = col.edits()
    assert (edit.action, edit.article_id, edit.detail["before"], edit.detail["after"]) == (
        "set_published",
        added.article_id,
        None,
        "2024-05-02",
    )


def test_setting_the_date_of_a_stored_text_reads_it_again_so_relative_dates_resolve() -> None:
    col = Collection()
    added = col.add_text(TEXT, source="oslo.txt")
    before = col.offices("Acme")
    assert [(o.place.name, o.undated) for o in before] == [("Oslo", True)]
    assert before[0].date is not None and not before[0].date.resolved  # "next year" of an unknown year
    col.set_published(added.article_id, "2024-05-02")
    (oslo,) = col.offices("Acme")
    assert oslo.date == DateValue.year(2025) and oslo.reported == D(2024, 5, 2)
    assert col.edits()[0].detail["reparsed"] is True


def test_removing_an_article_removes_its_facts_and_offices_no_one_else_reports() -> None:
    col = Collection()
    a = col.add(Announcement(published=D(2024, 1, 2), offices=(Office("Acme", LONDON, "planned"),)), source="a")
    col.add(
        Announcement(
            published=D(2024, 3, 2), offices=(Office("Acme", LONDON, "opened"), Office("Acme", OSLO, "opened"))
        ),
        source="b",
    )
    b = col.announcements()[1]
    col.remove_article(b.article_id)
    assert [(o.place.name, o.status) for o in col.offices("Acme")] == [("London", OfficeStatus.PLANNED)]
    assert len(col) == 1 and col.edits()[0].detail["source"] == "b"
    with pytest.raises(StoreError, match="no article"):
        col.remove_article(b.article_id)
    assert a.added


def test_reparse_applies_a_better_extractor_to_stored_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    col = Collection()
    col.add_text(TEXT, source="oslo.txt", published=D(2024, 5, 2))
    col.add(Announcement(published=D(2024, 1, 1), offices=(Office("Other", LONDON, "opened"),)), source="no-text")
    original = expansion_tracker.parse.parse_article

    def better(text: str, **kwargs: object) -> Announcement:
        ann = original(text, **kwargs)  # type: ignore[arg-type]
        assert kwargs["published"] == D(2024, 5, 2)  # told what it was told when added
        return attrs.evolve(ann, offices=(*ann.offices, Office("Acme", LONDON, "existing")))

    monkeypatch.setattr(expansion_tracker.parse, "parse_article", better)
    seen: list[tuple[int, int]] = []
    results = col.reparse(progress=lambda done, total: seen.append((done, total)))
    assert [(r.source, r.status, r.offices_before, r.offices_after) for r in results] == [
        ("oslo.txt", "reparsed", 1, 2),
        ("no-text", "skipped", 1, 1),
    ]
    assert seen == [(1, 2), (2, 2)]
    assert sorted(o.place.name or "" for o in col.offices("Acme")) == ["London", "Oslo"]
    assert [e.action for e in col.edits()] == ["reparse"]


def test_reparse_reads_the_source_file_of_an_article_added_without_its_text(tmp_path: Path) -> None:
    path = tmp_path / "oslo.txt"
    path.write_text(TEXT, encoding="utf-8")
    col = Collection()
    col.add_files([path])
    col._con.execute("UPDATE article_blobs SET text = NULL")  # as a store of schema version 1 has it
    assert [r.status for r in col.reparse()] == ["reparsed"]
    assert col._con.execute("SELECT text IS NOT NULL FROM article_blobs").fetchone() == (1,)  # kept from now on
    col._con.execute("UPDATE article_blobs SET text = NULL")
    path.write_text("Another text.\n", encoding="utf-8")  # the file changed: it is not the article any more
    assert [r.status for r in col.reparse()] == ["skipped"]
