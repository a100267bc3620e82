from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from expansion_tracker import (
    Announcement,
    Company,
    DatePrecision,
    DateValue,
    Evidence,
    ModelError,
    Money,
    Office,
    OfficeKind,
    OfficeStatus,
    Person,
    Place,
    Role,
)


def _sample() -> Announcement:
    london = Place("London", "GB", 2643743, 51.50853, -0.12574)
    return Announcement(
        language="en",
        published=dt.date(2024, 3, 4),
        company=Company("OpenAI", ("OpenAI Inc.",)),
        offices=(
            Office(
                "OpenAI",
                london,
                OfficeStatus.PLANNED,
                date=DateValue.day(2024, 3, 4, "Today"),
                evidence=Evidence(10, 16, "London"),
                confidence=0.9,
            ),
            Office("OpenAI", Place(None, "PL"), "considered"),
            Office(
                "OpenAI",
                Place("Singapore", "SG", 1880252),
                "planned",
                OfficeKind.REGIONAL_HEADQUARTERS,
                label="APAC-Hub",
                date=DateValue.unresolved("Ende dieses Jahres", DatePrecision.MONTH),
            ),
            Office("OpenAI", Place("Paris", "FR"), "planned", date=DateValue.quarter(2025, 3, "Q3 2025")),
        ),
        people=(Person("Oliver Jay", (Role("cro", "Asana", False), Role("top-manager", "OpenAI"))),),
        organizations=("OpenAI", "Asana"),
        funding=(Money(Decimal("6600000000"), "USD"), Money("1.5", "EUR")),
        source="seeds/x.txt",
        headline="OpenAI is expanding",
    )


def test_round_trip_is_exact() -> None:
    ann = _sample()
    d = ann.to_dict()
    again = Announcement.from_dict(d)
    assert again == ann
    assert again.to_dict() == d


def test_to_dict_has_the_scored_shape() -> None:
    d = _sample().to_dict()
    assert d["published"] == "2024-03-04"
    assert d["company"]["name"] == "OpenAI"
    first = d["offices"][0]
    assert (first["city"], first["country"], first["status"], first["kind"], first["date"]) == (
        "London",
        "GB",
        "planned",
        "office",
        "2024-03-04",
    )
    assert first["evidence"] == {"start": 10, "end": 16, "text": "London"}
    assert d["offices"][1]["city"] is None
    assert d["offices"][2]["date"] is None and d["offices"][2]["date_text"] == "Ende dieses Jahres"
    assert d["offices"][3]["date_range"] == ["2025-07-01", "2025-09-30"]
    assert d["funding"][0]["amount"] == 6600000000
    assert d["people"][0]["roles"][0] == {
        "title": "cro",
        "organization": "Asana",
        "current": False,
        "confidence": 1.0,
        "evidence": None,
    }


@pytest.mark.parametrize(
    ("factory", "message"),
    [
        (lambda: Place("Berlin", "Germany"), "alpha-2"),
        (lambda: Money(1, "dollars"), "ISO 4217"),
        (lambda: Money("lots", "USD"), "number"),
        (lambda: Office("X", Place(None, "DE"), "maybe"), "OfficeStatus"),
        (lambda: Office("X", Place(None, "DE"), "planned", confidence=1.5), "confidence"),
        (lambda: Evidence(5, 2, ""), "before start"),
        (lambda: Person("  "), "empty"),
        (lambda: DateValue(dt.date(2024, 2, 1), dt.date(2024, 1, 1), "month"), "before it starts"),
        (lambda: DateValue.quarter(2024, 5), "quarter"),
    ],
)
def test_validators_reject_bad_values(factory: object, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        factory()  # type: ignore[operator]


def test_from_dict_rejects_malformed_input_with_a_typed_error() -> None:
    with pytest.raises(ModelError):
        Announcement.from_dict({"offices": [{"city": "London"}]})
    with pytest.raises(ModelError):
        Announcement.from_dict({"offices": "London"})


def test_date_value_precision_and_iso() -> None:
    assert DateValue.year(2016).iso == "2016"
    assert DateValue.month(2024, 2).end == dt.date(2024, 2, 29)
    assert DateValue.half(2026, 1).iso == "2026"
    assert DateValue.half(2026, 2).start == dt.date(2026, 7, 1)
    assert DateValue.day(2024, 3, 4).contains(dt.date(2024, 3, 4))
    assert not DateValue.unresolved("next spring").resolved


def test_evidence_stays_out_of_equality() -> None:
    a = Office("A", Place(None, "DE"), "planned", evidence=Evidence(0, 1, "x"))
    b = Office("A", Place(None, "DE"), "planned", evidence=Evidence(5, 6, "y"))
    assert a == b
