"""Exports: JSON Lines, CSV and GeoJSON of a small hand-made collection."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from expansion_tracker.collection import Collection
from expansion_tracker.export import CSV_COLUMNS, to_geojson, write_csv, write_geojson, write_jsonl
from expansion_tracker.models import Announcement, Company, DateValue, Office, Place

D = dt.date
LONDON = Place("London", "GB", geonames_id=2643743, latitude=51.50853, longitude=-0.12574)
ACCRA = Place("Accra", "GH", geonames_id=2306104, latitude=5.55602, longitude=-0.1969)


@pytest.fixture
def col() -> Collection:
    c = Collection()
    c.add(
        Announcement(
            published=D(2024, 3, 4),
            company=Company("OpenAI"),
            offices=(Office("OpenAI", LONDON, "planned"), Office("OpenAI", Place(None, "FR"), "considered")),
        ),
        source="a.txt",
    )
    c.add(
        Announcement(
            published=D(2024, 10, 15),
            company=Company("OpenAI Inc."),
            offices=(Office("OpenAI Inc.", LONDON, "opened", date=DateValue.month(2024, 10)),),
        ),
        source="b.txt",
    )
    c.add(Announcement(published=D(2023, 1, 1), offices=(Office("Google", ACCRA, "existing"),)), source="c.txt")
    return c


def test_jsonl_announcements_round_trip(col: Collection) -> None:
    out = io.StringIO()
    assert write_jsonl(col, out) == 3
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [d["source"] for d in lines] == ["a.txt", "b.txt", "c.txt"]
    assert Announcement.from_dict(lines[1]) == col.announcement(2)
    out = io.StringIO()
    assert write_jsonl(col, out, company="open ai") == 2


def test_jsonl_offices_carry_their_history(col: Collection) -> None:
    out = io.StringIO()
    assert write_jsonl(col, out, what="offices", company="OpenAI") == 2
    london = json.loads(out.getvalue().splitlines()[1])
    assert london["place"]["name"] == "London" and london["status"] == "opened"
    assert [e["status"] for e in london["history"]] == ["planned", "opened"]
    with pytest.raises(ValueError, match="what"):
        write_jsonl(col, io.StringIO(), what="people")  # type: ignore[arg-type]


def test_csv_has_one_row_per_office(col: Collection) -> None:
    out = io.StringIO()
    assert write_csv(col, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    london = next(r for r in rows if r["city"] == "London")
    # the month the text gave, with its precision; the publication date is apart, in "reported"
    assert (london["company"], london["status"], london["date"], london["date_precision"]) == (
        "OpenAI",
        "opened",
        "2024-10",
        "month",
    )
    assert (london["effective"], london["reported"], london["first_seen"], london["undated"]) == (
        "2024-10-01",
        "2024-10-15",
        "2024-03-04",
        "false",
    )
    assert london["sources"] == "a.txt | b.txt" and london["source"] == "b.txt"
    france = next(r for r in rows if r["country"] == "FR")
    assert france["city"] == "" and france["latitude"] == ""


def test_csv_as_of_a_date(col: Collection) -> None:
    out = io.StringIO()
    write_csv(col, out, on=D(2024, 6, 1))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    got = {(r["city"], r["status"]) for r in rows}
    assert got == {("London", "planned"), ("", "considered"), ("Accra", "existing")}


def test_geojson_points_are_lon_lat_and_unplaced_are_counted(col: Collection) -> None:
    gj = to_geojson(col)
    assert gj["type"] == "FeatureCollection"
    by_city = {f["properties"]["city"]: f for f in gj["features"]}
    assert set(by_city) == {"London", "Accra"}
    assert by_city["London"]["geometry"] == {"type": "Point", "coordinates": [-0.12574, 51.50853]}
    props = by_city["London"]["properties"]
    assert props["company"] == "OpenAI" and props["status"] == "opened" and props["source"] == "b.txt"
    assert props["first_seen"] == "2024-03-04" and props["date"] == "2024-10" and props["date_precision"] == "month"
    assert gj["unplaced_count"] == 1 and gj["unplaced"][0]["country"] == "FR"
    out = io.StringIO()
    assert write_geojson(col, out, company="Google") == 1
    assert json.loads(out.getvalue())["features"][0]["properties"]["city"] == "Accra"
