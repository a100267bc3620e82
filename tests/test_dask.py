from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import pytest

import expansion_tracker as et
from expansion_tracker import batch
from expansion_tracker.batch import ParseResult
from expansion_tracker.dask_support import OFFICE_COLUMNS, office_rows, parse_bag, parse_dataframe, record_of
from expansion_tracker.models import Evidence, Office, Place

ARTICLES = [
    "Acme Corp opened a new office in Berlin, Germany.",
    "<p>Die Acme GmbH er&ouml;ffnet ein B&uuml;ro in M&uuml;nchen.</p>",
    "",
]


def _office(city: str) -> Office:
    return Office(
        company="Acme",
        place=Place(city, "DE", geonames_id=1, latitude=1.5, longitude=2.5),
        status="opened",
        evidence=Evidence(3, 9, "Berlin"),
    )


def test_office_rows_flatten_one_row_per_office() -> None:
    ann = et.Announcement(
        language="en",
        published=dt.date(2024, 3, 4),
        company=et.Company("Acme"),
        offices=(_office("Berlin"), _office("Munich")),
        source="feed#1",
    )
    rows = office_rows(ParseResult("feed#1", ann))
    assert [r["city"] for r in rows] == ["Berlin", "Munich"]
    assert all(list(r) == list(OFFICE_COLUMNS) for r in rows)
    first = rows[0]
    assert first["subject"] == "Acme" and first["published"] == "2024-03-04" and first["source"] == "feed#1"
    assert (first["evidence_start"], first["evidence_end"], first["evidence_text"]) == (3, 9, "Berlin")
    assert first["status"] == "opened" and first["error"] is None


def test_office_rows_keep_failures_and_optionally_empty_articles() -> None:
    failed = ParseResult("a.txt", None, "a.txt: broken", "ArticleFileError")
    assert office_rows(failed)[0]["error"] == "a.txt: broken"
    empty = ParseResult("<text 0>", et.Announcement(language="en"))
    assert len(office_rows(empty)) == 1
    assert office_rows(empty, keep_empty=False) == []


def test_record_of_is_the_to_dict_form_with_error_keys() -> None:
    ann = et.Announcement(language="en", offices=(_office("Berlin"),))
    record = record_of(ParseResult("x", ann))
    assert et.Announcement.from_dict(record) == ann
    assert record["error"] is None
    failed = record_of(ParseResult("x", None, "boom", "ModelError"))
    assert failed["offices"] == [] and failed["error"] == "boom" and failed["source"] == "x"


def test_missing_dask_is_a_clear_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(ImportError, match=r"expansion_tracker\[dask\]"):
        parse_bag(object())
    with pytest.raises(ImportError, match=r"pip install"):
        parse_dataframe(object())


# Everything below needs the dask extra; CI installs it (pip install -e ".[test,dask]").
try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
except ImportError:  # pragma: no cover - CI installs the extra
    HAVE_DASK = False
else:
    HAVE_DASK = True

needs_dask = pytest.mark.skipif(not HAVE_DASK, reason="the dask extra is not installed (pip install -e '.[dask]')")


@needs_dask
@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_parse_bag_matches_parse_article(scheduler: str) -> None:
    bag = db.from_sequence([*ARTICLES, b"not text"], npartitions=2)
    records = parse_bag(bag, published=dt.date(2024, 1, 2)).compute(scheduler=scheduler)
    assert len(records) == 4
    for text, record in zip(ARTICLES, records[:3], strict=True):
        expected = et.parse_article(text, published=dt.date(2024, 1, 2))
        assert et.Announcement.from_dict(record) == expected
        assert record["error"] is None
    assert records[3]["error_type"] == "ArticleTypeError"


@needs_dask
def test_parse_bag_of_dicts_reads_per_article_metadata() -> None:
    items = [
        {"text": ARTICLES[0], "source": "a", "published": "2024-05-06"},
        {"text": ARTICLES[1], "source": "b", "language": "de"},
        {"text": ARTICLES[0], "source": "c", "published": "not a date"},
    ]
    records = parse_bag(db.from_sequence(items, npartitions=3), language="en").compute(scheduler="sync")
    assert [r["source"] for r in records] == ["a", "b", "c"]
    assert records[0]["published"] == "2024-05-06" and records[0]["language"] == "en"
    assert records[1]["language"] == "de"
    assert records[2]["error_type"] == "InvalidDateError"


@needs_dask
def test_parse_bag_flatten_gives_office_rows() -> None:
    rows = parse_bag(db.from_sequence(ARTICLES, npartitions=2), flatten=True).compute(scheduler="sync")
    assert all(list(OFFICE_COLUMNS) == list(r) for r in rows)
    assert len(rows) >= len(ARTICLES)  # at least one row per article (empty ones are kept)


@needs_dask
def test_bad_shared_option_raises_in_the_caller() -> None:
    with pytest.raises(et.UnsupportedLanguageError):
        parse_bag(db.from_sequence(ARTICLES), language="xx")
    frame = dd.from_pandas(pd.DataFrame({"text": ARTICLES}), npartitions=1)
    with pytest.raises(et.MarkupError):
        parse_dataframe(frame, markup="nope")
    with pytest.raises(KeyError, match="body"):
        parse_dataframe(frame, text_column="body")
    with pytest.raises(KeyError, match="url"):
        parse_dataframe(frame, keep=["url"])


def _article_frame() -> object:
    pdf = pd.DataFrame(
        {
            "id": [10, 11, 12, 13],
            "text": [*ARTICLES, None],
            "published": pd.to_datetime(["2024-03-04", None, "2024-01-01", "2024-01-01"]),
            "source": ["s0", "s1", None, "s3"],
        }
    )
    return dd.from_pandas(pdf, npartitions=2)


@needs_dask
def test_parse_dataframe_rows_match_parse_article_and_keep_columns() -> None:
    frame = _article_frame()
    out = parse_dataframe(frame, keep=["id"])
    assert list(out.columns) == [*OFFICE_COLUMNS, "id"]
    result = out.compute(scheduler="threads")
    assert list(result.columns) == [*OFFICE_COLUMNS, "id"]
    # every article has at least one row; rows of one article carry its id and source
    assert set(result["id"]) == {10, 11, 12, 13}
    expected = et.parse_article(ARTICLES[0], published=dt.date(2024, 3, 4), source="s0")
    rows = result[result["id"] == 10]
    assert len(rows) == max(1, len(expected.offices))
    assert set(rows["published"]) == {"2024-03-04"}
    assert set(rows["source"]) == {"s0"}
    failed = result[result["id"] == 13].iloc[0]
    assert failed["error_type"] == "ArticleTypeError"
    assert failed["source"] == "s3"


@needs_dask
def test_parse_dataframe_writes_parquet(tmp_path: Path) -> None:
    out = parse_dataframe(_article_frame(), keep=["id"])
    out.to_parquet(tmp_path / "offices", write_index=False)
    back = pd.read_parquet(tmp_path / "offices")
    assert sorted(back["id"]) == sorted(out.compute(scheduler="sync")["id"])
    assert "evidence_text" in back.columns


ENDLESS = "An article that never ends."


@pytest.fixture
def endless_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing ENDLESS takes a minute (a process forked by the test inherits this as well)."""
    real = batch.parse_article

    def parse(text: object, **options: object) -> et.Announcement:
        if text == ENDLESS:
            time.sleep(60)
        return real(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "parse_article", parse)


@needs_dask
@pytest.mark.usefixtures("endless_article")
@pytest.mark.parametrize("scheduler", ["sync", "threads"])  # threads: the partition goes to a process of its own
def test_an_article_over_budget_fails_in_its_own_record_and_the_rest_go_on(scheduler: str) -> None:
    items = [ARTICLES[0], {"text": ENDLESS, "source": "feed#2"}, ARTICLES[0]]
    records = parse_bag(db.from_sequence(items, npartitions=1), timeout=0.5).compute(scheduler=scheduler)
    assert [r["error_type"] for r in records] == [None, "ParseTimeoutError", None]
    assert records[1]["source"] == "feed#2"
    assert records[1]["error"] == "parsing stopped after the time budget of 0.5 s (timeout)"
    assert [o["city"] for o in records[2]["offices"]] == ["Berlin"]
    frame = dd.from_pandas(pd.DataFrame({"id": [1, 2, 3], "text": [ARTICLES[0], ENDLESS, ARTICLES[0]]}), npartitions=1)
    rows = parse_dataframe(frame, keep=["id"], timeout=0.5).compute(scheduler=scheduler)
    outcomes = dict(zip(rows["id"], rows["error_type"].fillna("ok"), strict=True))
    assert outcomes == {1: "ok", 2: "ParseTimeoutError", 3: "ok"}


@needs_dask
def test_a_bad_budget_raises_in_the_caller() -> None:
    with pytest.raises(et.ParameterError, match="timeout"):
        parse_bag(db.from_sequence(ARTICLES), timeout=0)
    with pytest.raises(et.ParameterError, match="timeout"):
        parse_dataframe(dd.from_pandas(pd.DataFrame({"text": ARTICLES}), npartitions=1), timeout=-1)
