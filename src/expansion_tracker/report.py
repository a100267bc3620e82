"""A self-contained HTML report: the office network on an SVG world map, a table and a timeline.

The page needs no network, no script and no external style sheet: the map is an inline SVG in
an equirectangular projection (x from longitude, y from latitude) with a 30° graticule and a
coarse, hand-simplified outline of the continents for orientation. Offices without coordinates
are listed under the map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from pathlib import Path

from .collection import Collection, OfficeRecord, TimelineEvent
from .models import DateValue, OfficeStatus

__all__ = ["STATUS_COLORS", "render_html", "write_html"]

MAP_WIDTH = 1000
MAP_HEIGHT = 500

STATUS_COLORS = {
    OfficeStatus.EXISTING: "#1f6fb4",
    OfficeStatus.OPENED: "#2a9d3f",
    OfficeStatus.PLANNED: "#e08a00",
    OfficeStatus.CONSIDERED: "#8a8a8a",
    OfficeStatus.CLOSED: "#c0392b",
}

# Coarse continent outlines as (longitude, latitude) rings: orientation only, not geography.
_OUTLINES: tuple[tuple[tuple[float, float], ...], ...] = (
    # North America
    ((-168, 66), (-162, 70), (-140, 70), (-120, 72), (-95, 72), (-80, 73), (-65, 62), (-55, 52), (-66, 45),
     (-70, 42), (-76, 35), (-80, 31), (-81, 25), (-83, 29), (-90, 29), (-97, 27), (-97, 22), (-87, 21),
     (-88, 16), (-83, 10), (-78, 8), (-80, 7), (-86, 12), (-92, 15), (-105, 20), (-110, 23), (-115, 30),
     (-118, 34), (-124, 40), (-124, 48), (-130, 55), (-140, 60), (-152, 58), (-165, 60)),
    # Greenland
    ((-73, 78), (-60, 82), (-30, 83), (-20, 75), (-22, 70), (-40, 65), (-44, 60), (-50, 64), (-55, 70)),
    # South America
    ((-78, 8), (-72, 12), (-62, 10), (-50, 0), (-35, -5), (-39, -14), (-48, -26), (-58, -35), (-65, -42),
     (-68, -55), (-74, -50), (-73, -38), (-71, -18), (-76, -14), (-81, -5), (-80, 0)),
    # Africa
    ((-17, 21), (-17, 15), (-12, 7), (-5, 5), (5, 5), (9, 4), (9, -1), (13, -5), (12, -17), (15, -27),
     (18, -34), (25, -34), (33, -27), (35, -18), (40, -11), (39, -5), (44, 0), (51, 12), (43, 12), (38, 18),
     (33, 28), (32, 31), (20, 32), (10, 37), (0, 36), (-6, 35), (-10, 30)),
    # Madagascar
    ((44, -25), (47, -25), (50, -15), (49, -12), (44, -17)),
    # Eurasia
    ((-10, 36), (-9, 43), (-2, 44), (-5, 48), (2, 51), (8, 54), (10, 57), (5, 62), (15, 69), (28, 71),
     (40, 67), (60, 70), (80, 73), (100, 77), (120, 73), (140, 72), (160, 70), (180, 68), (180, 65),
     (170, 60), (160, 55), (156, 51), (142, 46), (135, 43), (128, 38), (126, 35), (121, 31), (121, 28),
     (117, 23), (108, 21), (106, 10), (100, 13), (104, 1), (98, 8), (98, 16), (92, 21), (88, 22), (80, 15),
     (77, 8), (72, 20), (67, 25), (57, 25), (59, 22), (52, 16), (43, 12), (39, 21), (35, 28), (34, 31),
     (36, 36), (27, 37), (22, 37), (14, 40), (12, 44), (3, 43), (0, 39), (-6, 36)),
    # Britain and Ireland
    ((-5, 50), (1, 51), (2, 53), (-2, 56), (-3, 58.5), (-6, 58), (-5, 55), (-3, 54), (-5, 52)),
    ((-10, 52), (-6, 52), (-6, 55), (-8, 55), (-10, 54)),
    # Japan
    ((130, 31), (135, 34), (140, 35), (142, 40), (141, 45), (144, 43), (140, 41), (138, 37), (133, 34)),
    # Maritime Southeast Asia (coarse)
    ((95, 5), (106, -6), (115, -8), (120, -9), (125, -8), (119, -4), (117, 7), (109, 2), (103, 1)),
    # Australia
    ((114, -22), (114, -34), (123, -34), (131, -31), (138, -35), (144, -38), (150, -37), (153, -28),
     (153, -25), (146, -19), (142, -11), (136, -12), (130, -12), (122, -17)),
    # New Zealand
    ((172, -34), (178, -38), (174, -42), (170, -46), (167, -46), (172, -41)),
)  # fmt: skip

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:1.5em;margin:0 0 4px} h2{font-size:1.15em;margin:28px 0 8px;border-bottom:1px solid #ddd}
.meta{color:#5a6270;margin:0 0 16px}
svg.map{width:100%;max-width:1000px;height:auto;border:1px solid #c9d3df;background:#eef5fb}
.land{fill:#d9e3cf;stroke:#9aab8d;stroke-width:.8}
.grid{stroke:#c8d6e5;stroke-width:.6;fill:none} .equator{stroke:#9fb5cc;stroke-width:.9}
.pin{stroke:#fff;stroke-width:1.5} .pinlabel{font-size:11px;fill:#1d2330;paint-order:stroke;stroke:#fff;stroke-width:3}
.legend span{display:inline-block;margin-right:14px;font-size:.9em}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:middle}
table{border-collapse:collapse;font-size:.92em;margin-top:6px}
th,td{border-bottom:1px solid #e3e7ed;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f4f6f9} td.src{color:#5a6270;font-size:.85em;max-width:380px;overflow-wrap:anywhere}
.badge{border-radius:3px;padding:1px 6px;color:#fff;font-size:.85em}
"""


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180.0) / 360.0 * MAP_WIDTH, (90.0 - lat) / 180.0 * MAP_HEIGHT


def _date_text(date: DateValue | None, undated: bool = False) -> str:
    """A fact's date as the text gave it ("2025-Q1"), or "undated"; empty when it has none."""
    if date is not None:
        return date.label or date.text or ""
    return "undated" if undated else ""


def _badge(status: OfficeStatus) -> str:
    return f'<span class="badge" style="background:{STATUS_COLORS[status]}">{escape(status.value)}</span>'


def _svg_map(offices: Sequence[OfficeRecord], show_company: bool) -> str:
    parts = [
        f'<svg class="map" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" xmlns="http://www.w3.org/2000/svg"'
        ' role="img" aria-label="World map of offices">'
    ]
    for ring in _OUTLINES:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_xy(lon, lat) for lon, lat in ring))
        parts.append(f'<polygon class="land" points="{points}"/>')
    for lon in range(-180, 181, 30):
        x, _ = _xy(lon, 0)
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{MAP_HEIGHT}"/>')
    for lat in range(-60, 61, 30):
        _, y = _xy(0, lat)
        cls = "grid equator" if lat == 0 else "grid"
        parts.append(f'<line class="{cls}" x1="0" y1="{y:.1f}" x2="{MAP_WIDTH}" y2="{y:.1f}"/>')
    placed = [o for o in offices if o.place.latitude is not None and o.place.longitude is not None]
    # headquarters (bigger markers) first, so that smaller ones drawn later stay visible on top
    placed.sort(key=lambda o: o.kind.value == "office")
    for o in placed:
        assert o.place.latitude is not None and o.place.longitude is not None
        x, y = _xy(o.place.longitude, o.place.latitude)
        radius = 7 if o.kind.value != "office" else 5
        who = f"{o.company}: " if show_company else ""
        tip = f"{who}{o.place.label} - {o.status.value} ({o.kind.value}) {_date_text(o.date, o.undated)}"
        parts.append(
            f'<circle class="pin" data-city="{escape(o.place.name or "")}" cx="{x:.1f}" cy="{y:.1f}" r="{radius}"'
            f' fill="{STATUS_COLORS[o.status]}"><title>{escape(tip)}</title></circle>'
        )
        parts.append(f'<text class="pinlabel" x="{x + 8:.1f}" y="{y + 4:.1f}">{escape(o.place.name or "")}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _office_table(offices: Sequence[OfficeRecord]) -> str:
    rows = [
        "<table class='offices'><thead><tr><th>Company</th><th>City</th><th>Country</th><th>Status</th>"
        "<th>Kind</th><th>Date</th><th>In effect</th><th>First reported</th><th>Sources</th></tr></thead><tbody>"
    ]
    for o in offices:
        kind = o.kind.value + (f" ({o.label})" if o.label else "")
        rows.append(
            f"<tr><td>{escape(o.company)}</td><td>{escape(o.place.name or '-')}</td>"
            f"<td>{escape(o.place.country)}</td><td>{_badge(o.status)}</td><td>{escape(kind)}</td>"
            f"<td>{escape(_date_text(o.date) or '-')}</td><td>{escape(str(o.effective or 'undated'))}</td>"
            f"<td>{escape(str(o.first_seen or 'undated'))}</td>"
            f"<td class='src'>{escape(', '.join(o.sources))}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _timeline(events: Sequence[TimelineEvent]) -> str:
    if not events:
        return "<p>No dated reports.</p>"
    rows = [
        "<table class='timeline'><thead><tr><th>In effect</th><th>Date</th><th>Company</th><th>Place</th>"
        "<th>Status</th><th>Change</th><th>Evidence</th><th>Source</th></tr></thead><tbody>"
    ]
    for e in events:
        evidence = e.evidence.text if e.evidence else ""
        rows.append(
            f"<tr><td>{escape(str(e.effective or 'undated'))}</td><td>{escape(_date_text(e.date) or '-')}</td>"
            f"<td>{escape(e.company)}</td>"
            f"<td>{escape(e.place.label)}</td><td>{_badge(e.status)}</td><td>{escape(e.change)}</td>"
            f"<td>{escape(evidence[:160])}</td><td class='src'>{escape(e.source or '')}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def render_html(
    collection: Collection,
    *,
    company: str | None = None,
    on: dt.date | None = None,
    title: str | None = None,
) -> str:
    """The report page for one company (any spelling) or, with ``company=None``, the whole store.

    The map shows the network (planned, opened, existing offices) as of ``on`` (default: now);
    the table lists every office with its status; the timeline lists every report in date order.

    >>> page = render_html(Collection(), title="Empty")
    >>> page.startswith("<!DOCTYPE html>") and "<svg" in page and "http" not in page.replace(
    ...     'xmlns="http://www.w3.org/2000/svg"', "")
    True
    """
    if company is not None:
        name = collection.company_name(company) or company
        offices = collection.offices(company, on=on)
        events = list(collection.timeline(company))
    else:
        name = "all companies"
        offices = collection.all_offices(on=on)
        events = [e for c in collection.companies() for e in collection.timeline(c)]
        events.sort(key=lambda e: (e.effective.isoformat() if e.effective else "", e.company.casefold(), e.place.label))
    if on is not None:
        events = [e for e in events if e.effective is None or e.effective <= on]
    network = [o for o in offices if o.status in (OfficeStatus.PLANNED, OfficeStatus.OPENED, OfficeStatus.EXISTING)]
    unplaced = [o for o in network if o.place.latitude is None or o.place.longitude is None]
    heading = title or f"Office network: {name}"
    as_of = f"as of {on.isoformat()}" if on else "current status"
    legend = "".join(
        f'<span><i class="dot" style="background:{c}"></i>{escape(s.value)}</span>' for s, c in STATUS_COLORS.items()
    )
    unplaced_html = (
        "<p class='unplaced'>Not on the map (no coordinates): "
        + escape(", ".join(f"{o.company} {o.place.label} ({o.status.value})" for o in unplaced))
        + "</p>"
        if unplaced
        else ""
    )
    companies = {o.company for o in offices}
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(heading)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(heading)}</h1>"
        f"<p class='meta'>{len(network)} offices in the network ({as_of}), {len(offices)} places reported, "
        f"{len(companies)} companies, {len(events)} reports. Map outline is approximate.</p>"
        f"<div class='legend'>{legend}</div>"
        f"{_svg_map(network, show_company=company is None)}{unplaced_html}"
        f"<h2>Offices</h2>{_office_table(offices)}"
        f"<h2>Timeline</h2>{_timeline(events)}"
        "</body></html>\n"
    )


def write_html(
    collection: Collection,
    path: str | Path,
    *,
    company: str | None = None,
    on: dt.date | None = None,
    title: str | None = None,
) -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8) and return the path."""
    p = Path(path)
    p.write_text(render_html(collection, company=company, on=on, title=title), encoding="utf-8")
    return p
