"""Exports of a :class:`~expansion_tracker.collection.Collection`: JSON Lines, CSV and GeoJSON.

* JSON Lines: one stored announcement per line (``to_dict`` form), or one merged office per line.
* CSV: one merged office per row, columns :data:`CSV_COLUMNS`.
* GeoJSON: a FeatureCollection of merged offices, one Point ``[longitude, latitude]`` each.
  Offices without coordinates (country-only places, unresolved cities) cannot be drawn: they are
  listed in the collection's foreign member ``"unplaced"`` and counted in ``"unplaced_count"``
  (RFC 7946 allows members beyond ``type`` and ``features``; map tools ignore them).

Every export takes ``company`` (one company, any spelling) and ``on`` (the network as of a day).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import IO, Any, Literal

from .collection import Collection, OfficeRecord, record_to_dict
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
    "first_seen",
    "last_seen",
    "reports",
    "source",
    "sources",
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def office_to_row(office: OfficeRecord) -> dict[str, Any]:
    """A flat dict of one merged office, keyed by :data:`CSV_COLUMNS`; ``source`` is the latest report's."""
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
        "date": _iso(office.date),
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
        for office in collection.all_offices(company=company, on=on):
            out.write(json.dumps(record_to_dict(office), ensure_ascii=False) + "\n")
            n += 1
    else:
        raise ParameterError("what", what, "'announcements' or 'offices'")
    return n


def write_csv(collection: Collection, out: IO[str], *, company: str | None = None, on: dt.date | None = None) -> int:
    """Write the merged offices as CSV with a header row; return the number of offices.

    ``sources`` joins every source with ``" | "``. Open ``out`` with ``newline=""``.
    """
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for office in collection.all_offices(company=company, on=on):
        row = office_to_row(office)
        row["sources"] = " | ".join(row["sources"])
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
    return n


def to_geojson(collection: Collection, *, company: str | None = None, on: dt.date | None = None) -> dict[str, Any]:
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
    for office in collection.all_offices(company=company, on=on):
        row = office_to_row(office)
        lat, lon = row.pop("latitude"), row.pop("longitude")
        if lat is None or lon is None:
            unplaced.append({k: row[k] for k in ("company", "city", "country", "status", "kind", "source")})
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
    collection: Collection, out: IO[str], *, company: str | None = None, on: dt.date | None = None
) -> int:
    """Write :func:`to_geojson` as JSON; return the number of features (offices on the map)."""
    data = to_geojson(collection, company=company, on=on)
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(data["features"])
