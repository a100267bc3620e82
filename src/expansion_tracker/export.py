"""Exports of a :class:`~expansion_tracker.collection.Collection`: JSON Lines, CSV and GeoJSON.

* JSON Lines: one stored announcement per line (``to_dict`` form), or one merged office per line.
* CSV: one merged office per row, columns :data:`CSV_COLUMNS`.
* GeoJSON: a FeatureCollection of merged offices, one Point ``[longitude, latitude]`` each.
  Offices without coordinates (country-only places, unresolved cities) cannot be drawn: they are
  listed in the collection's foreign member ``"unplaced"`` and counted in ``"unplaced_count"``
  (RFC 7946 allows members beyond ``type`` and ``features``; map tools ignore them).

Every export takes ``company`` (one company, any spelling), ``on`` (the network as of a day) and
``undated`` ("include", the default: offices known only from undated articles, flagged; or
"exclude"). Dates are given as the text gave them, with their precision.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import IO, Any, Literal

from .collection import Collection, OfficeRecord, Undated, record_to_dict
from .errors import ParameterError

__all__ = [
    "CSV_COLUMNS",
    "office_to_row",
    "to_geojson",
    "write_csv",
    "write_geojson",
    "write_jsonl",
]

CSV_COLUMNS = (
    "company",
    "city",
    "country",
    "geonames_id",
    "latitude",
    "longitude",
    "status",
    "kind",
    "label",
    "date",
    "date_precision",
    "date_start",
    "date_end",
    "date_text",
    "effective",
    "reported",
    "undated",
    "first_seen",
    "last_seen",
    "reports",
    "source",
    "sources",
)


# What an office without coordinates keeps in GeoJSON's "unplaced" list.
_UNPLACED_KEYS = ("company", "city", "country", "status", "kind", "date", "date_precision", "undated", "source")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _cell(value: Any) -> Any:
    """A CSV cell: None empty, a flag as JSON writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def office_to_row(office: OfficeRecord) -> dict[str, Any]:
    """A flat dict of one merged office, keyed by :data:`CSV_COLUMNS`; ``source`` is the latest report's.

    ``date`` is the office's own date as the text gave it ("2015", "2025-Q1", "2024-06"), with its
    precision, first and last day and words; empty when the text gave none (the publication date
    is ``reported``, never put in its place). ``effective`` is the day the status took effect;
    ``undated`` is true when it rests on undated articles only.
    """
    date = office.date
    return {
        "company": office.company,
        "city": office.place.name,
        "country": office.place.country,
        "geonames_id": office.place.geonames_id,
        "latitude": office.place.latitude,
        "longitude": office.place.longitude,
        "status": office.status.value,
        "kind": office.kind.value,
        "label": office.label,
        "date": date.label if date else None,
        "date_precision": date.precision.value if date else None,
        "date_start": _iso(date.start) if date else None,
        "date_end": _iso(date.end) if date else None,
        "date_text": date.text if date else None,
        "effective": _iso(office.effective),
        "reported": _iso(office.reported),
        "undated": office.undated,
        "first_seen": _iso(office.first_seen),
        "last_seen": _iso(office.last_seen),
        "reports": len(office.history),
        "source": office.history[-1].source,
        "sources": list(office.sources),
    }


def write_jsonl(
    collection: Collection,
    out: IO[str],
    *,
    what: Literal["announcements", "offices"] = "announcements",
    company: str | None = None,
    on: dt.date | None = None,
    undated: Undated = "include",
) -> int:
    """Write one JSON object per line; return the number of lines.

    ``what="announcements"`` writes each stored announcement (of ``company``'s articles when
    given); ``what="offices"`` writes each merged office with its full history.
    """
    n = 0
    if what == "announcements":
        if company is None:
            anns = collection.iter_announcements()
        else:
            anns = (collection.announcement(a.article_id) for a in collection.announcements(company=company))
        for ann in anns:
            out.write(json.dumps(ann.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    elif what == "offices":
        for office in collection.all_offices(company=company, on=on, undated=undated):
            out.write(json.dumps(record_to_dict(office), ensure_ascii=False) + "\n")
            n += 1
    else:
        raise ParameterError("what", what, "'announcements' or 'offices'")
    return n


def write_csv(
    collection: Collection,
    out: IO[str],
    *,
    company: str | None = None,
    on: dt.date | None = None,
    undated: Undated = "include",
) -> int:
    """Write the merged offices as CSV with a header row; return the number of offices.

    ``sources`` joins every source with ``" | "``. Open ``out`` with ``newline=""``.
    """
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for office in collection.all_offices(company=company, on=on, undated=undated):
        row = office_to_row(office)
        row["sources"] = " | ".join(row["sources"])
        writer.writerow({k: _cell(v) for k, v in row.items()})
        n += 1
    return n


def to_geojson(
    collection: Collection, *, company: str | None = None, on: dt.date | None = None, undated: Undated = "include"
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the merged offices that have coordinates.

    >>> from expansion_tracker import Announcement, Company, Office, Place
    >>> col = Collection()
    >>> _ = col.add(Announcement(company=Company("Acme"), offices=(
    ...     Office("Acme", Place("Oslo", "NO", 3143244, 59.91, 10.75), "opened"),
    ...     Office("Acme", Place(None, "SE"), "considered"))))
    >>> gj = to_geojson(col)
    >>> gj["features"][0]["geometry"], gj["unplaced_count"]
    ({'type': 'Point', 'coordinates': [10.75, 59.91]}, 1)
    """
    features: list[dict[str, Any]] = []
    unplaced: list[dict[str, Any]] = []
    for office in collection.all_offices(company=company, on=on, undated=undated):
        row = office_to_row(office)
        lat, lon = row.pop("latitude"), row.pop("longitude")
        if lat is None or lon is None:
            unplaced.append({k: row[k] for k in _UNPLACED_KEYS})
            continue
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": row}
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "unplaced": unplaced,
        "unplaced_count": len(unplaced),
    }


def write_geojson(
    collection: Collection,
    out: IO[str],
    *,
    company: str | None = None,
    on: dt.date | None = None,
    undated: Undated = "include",
) -> int:
    """Write :func:`to_geojson` as JSON; return the number of features (offices on the map)."""
    data = to_geojson(collection, company=company, on=on, undated=undated)
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(data["features"])
