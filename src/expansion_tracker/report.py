"""A self-contained HTML report: the office network on a map you can zoom and filter, a timeline
on a time axis, and the table of offices.

The page needs no network and no script: the maps are inline SVG (equirectangular projection, a
30° graticule and coarse continent outlines for orientation), one per view (the world, all
offices, and each continent with offices), switched by radio buttons; company and status filters
are check boxes. CSS alone shows the checked view and hides what is filtered out. Each company has
its own colour (legend); a marker's shape tells the status. Labels never overlap
(:mod:`expansion_tracker.maplayout`): a place whose label does not fit in a view is listed under
it. The timeline puts every report on a time axis, one row per office; undated reports sit in a
column of their own.
"""

from __future__ import annotations

import colorsys
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from html import escape
from pathlib import Path

from .collection import ACTIVE_STATUSES, Collection, OfficeRecord, TimelineEvent, continent_of
from .maplayout import (
    FONT_SIZE,
    MAP_HEIGHT,
    MAP_WIDTH,
    MARKER_RADIUS,
    Site,
    View,
    cluster,
    place_labels,
    project,
    spiral,
    spiral_reach,
)
from .models import DateValue, OfficeStatus

__all__ = ["STATUS_COLORS", "company_colors", "render_html", "write_html"]

#: Badge colours of the statuses in the office table.
STATUS_COLORS = {
    OfficeStatus.EXISTING: "#1f6fb4",
    OfficeStatus.OPENED: "#2a9d3f",
    OfficeStatus.PLANNED: "#e08a00",
    OfficeStatus.CONSIDERED: "#8a8a8a",
    OfficeStatus.CLOSED: "#c0392b",
}
# Ten colours that stay apart for most readers (Tableau 10); further companies get hues spread by
# the golden angle, so that neighbours in the list never look alike.
_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
            "#bab0ac")  # fmt: skip
_GOLDEN_ANGLE = 137.508
_CONTINENT_NAMES = {"EU": "Europe", "AS": "Asia", "NA": "North America", "SA": "South America", "AF": "Africa",
                    "OC": "Oceania", "AN": "Antarctica"}  # fmt: skip
# Timeline geometry, in px: row height, width of the office names, of the undated column, of the axis.
_ROW = 18
_NAMES = 230
_UNDATED = 70
_AXIS_PAD = 24  # between the undated column and the first year, so their captions stay apart
_AXIS = 680
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
.meta{color:#5a6270;margin:0 0 12px}
input.toggle{position:absolute;opacity:0;pointer-events:none}
.controls{display:flex;flex-wrap:wrap;gap:6px 18px;margin:6px 0 10px;font-size:.9em;align-items:center}
.controls b{font-weight:600;margin-right:4px}
.controls label{cursor:pointer;border:1px solid #c9d3df;border-radius:12px;padding:2px 9px;margin:2px;
  display:inline-block;user-select:none}
.swatch{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:middle}
.maps svg.map{display:none;width:100%;max-width:1000px;height:auto;border:1px solid #c9d3df;background:#eef5fb}
.land{fill:#d9e3cf;stroke:#9aab8d;stroke-width:.8;vector-effect:non-scaling-stroke}
.grid{stroke:#c8d6e5;stroke-width:.6;fill:none;vector-effect:non-scaling-stroke}
.pin{stroke-width:1.5;vector-effect:non-scaling-stroke}
.pinlabel{fill:#1d2330;paint-order:stroke;stroke:#fff;stroke-linejoin:round;
  font-family:Arial,Helvetica,'Liberation Sans','DejaVu Sans',sans-serif}
.unlabelled{color:#5a6270;font-size:.88em;margin:4px 0} .maps .unlabelled{display:none}
svg.timeline{width:100%;max-width:1000px;height:auto;font-family:Arial,Helvetica,'Liberation Sans',sans-serif}
.axis{stroke:#9aa5b1;stroke-width:1} .tick{font-size:11px;fill:#5a6270} .rowname{font-size:11px;fill:#1d2330}
.rowline{stroke:#dfe4ea;stroke-width:2}
table{border-collapse:collapse;font-size:.92em;margin-top:6px}
th,td{border-bottom:1px solid #e3e7ed;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f4f6f9} td.src{color:#5a6270;font-size:.85em;max-width:380px;overflow-wrap:anywhere}
.badge{border-radius:3px;padding:1px 6px;color:#fff;font-size:.85em}
"""


def company_colors(companies: Sequence[str]) -> dict[str, str]:
    """One colour per company, in the order given.

    >>> company_colors(["Acme", "Globex"])
    {'Acme': '#4e79a7', 'Globex': '#f28e2b'}
    """
    out = {}
    for i, name in enumerate(companies):
        if i < len(_PALETTE):
            out[name] = _PALETTE[i]
        else:
            r, g, b = colorsys.hls_to_rgb((i * _GOLDEN_ANGLE % 360) / 360, 0.45, 0.65)
            out[name] = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
    return out


def _date_text(date: DateValue | None, undated: bool = False) -> str:
    """A fact's date as the text gave it ("2025-Q1"), or "undated"; empty when it has none."""
    if date is not None:
        return date.label or date.text or ""
    return "undated" if undated else ""


def _badge(status: OfficeStatus) -> str:
    return f'<span class="badge" style="background:{STATUS_COLORS[status]}">{escape(status.value)}</span>'


def _marker(status: OfficeStatus, x: float, y: float, r: float, color: str) -> str:
    """A status as a shape in a company's colour: filled (open, existing; headquarters bigger),
    a ring (planned), a dashed ring (considered), a cross (closed)."""
    if status is OfficeStatus.PLANNED:
        return f'<circle class="pin" cx="{x:.2f}" cy="{y:.2f}" r="{r:.2f}" fill="#fff" stroke="{color}"/>'
    if status is OfficeStatus.CONSIDERED:
        return (f'<circle class="pin" cx="{x:.2f}" cy="{y:.2f}" r="{r:.2f}" fill="#fff" stroke="{color}"'
                ' stroke-dasharray="2 2"/>')  # fmt: skip
    if status is OfficeStatus.CLOSED:
        d = r * 0.8
        return (f'<path class="pin" d="M{x - d:.2f},{y - d:.2f}L{x + d:.2f},{y + d:.2f}M{x - d:.2f},{y + d:.2f}'
                f'L{x + d:.2f},{y - d:.2f}" stroke="{color}" stroke-width="2.5"/>')  # fmt: skip
    return f'<circle class="pin" cx="{x:.2f}" cy="{y:.2f}" r="{r:.2f}" fill="{color}" stroke="#fff"/>'


def _legend_marker(status: OfficeStatus) -> str:
    shape = _marker(status, 7, 7, 5, "#4a5563")
    return f'<svg width="14" height="14" viewBox="0 0 14 14" style="vertical-align:middle">{shape}</svg>'


def _views(placed: Sequence[OfficeRecord]) -> list[View]:
    """The world, all offices, and each continent with offices (two or more places)."""
    points = [project(o.place.longitude or 0.0, o.place.latitude or 0.0) for o in placed]
    views = [View.world()]
    if points:
        views.append(View.around("all", "All offices", points))
    by_continent: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for o, p in zip(placed, points, strict=True):
        by_continent[continent_of(o.place.country) or "??"].append(p)
    for code, pts in sorted(by_continent.items()):
        if code in _CONTINENT_NAMES and len(set(pts)) > 1:
            views.append(View.around(code.lower(), _CONTINENT_NAMES[code], pts))
    return views


def _svg_map(view: View, offices: Sequence[OfficeRecord], colors: dict[str, str], ids: dict[str, int]) -> str:
    """One view of the map: land, graticule, a marker per office, labels that never overlap, and
    the places whose labels did not fit."""
    k = view.scale
    parts = [
        f'<svg class="map view-{view.key}" viewBox="{view.x:.2f} {view.y:.2f} {view.width:.2f} {view.height:.2f}"'
        f' xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Map of offices: {escape(view.title)}">'
    ]
    for ring in _OUTLINES:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (project(lon, lat) for lon, lat in ring))
        parts.append(f'<polygon class="land" points="{points}"/>')
    for lon in range(-180, 181, 30):
        x, _ = project(lon, 0)
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{MAP_HEIGHT:.0f}"/>')
    for lat in range(-60, 61, 30):
        _, y = project(0, lat)
        parts.append(f'<line class="grid" x1="0" y1="{y:.1f}" x2="{MAP_WIDTH:.0f}" y2="{y:.1f}"/>')
    by_place: dict[tuple[float, float], list[OfficeRecord]] = defaultdict(list)
    for o in offices:
        assert o.place.latitude is not None and o.place.longitude is not None
        by_place[project(o.place.longitude, o.place.latitude)].append(o)
    names: dict[tuple[float, float], str] = {}
    for xy, group in by_place.items():  # a name two places share ("London", GB and CA) gets its country
        name = group[0].place.name or group[0].place.country
        names[xy] = group[0].place.label if name in names.values() else name
    clusters = cluster([(names[xy], *xy, len(group)) for xy, group in by_place.items()], k)
    members = {names[xy]: group for xy, group in by_place.items()}
    step = MARKER_RADIUS * 2.2  # between markers of a cluster, at scale 1
    sites = {
        c: Site(c.name, c.x, c.y, c.offices, MARKER_RADIUS * 1.35 + spiral_reach(c.offices, step)) for c in clusters
    }
    labels, unlabelled = place_labels(list(sites.values()), k, view.box)
    label_of = {lab.site: lab for lab in labels}
    inside = [s for s in unlabelled if view.x <= s.x <= view.x + view.width and view.y <= s.y <= view.y + view.height]
    for c, site in sites.items():
        group = [o for name in c.members for o in members[name]]
        r = MARKER_RADIUS * k
        markers = []
        for i, o in enumerate(group):
            dx, dy = spiral(i, step * k)  # several offices at a place, or places close by, each visible
            size = r * (1.35 if o.kind.value != "office" else 1.0)
            tip = f"{o.company}: {o.place.label} - {o.status.value} ({o.kind.value}) {_date_text(o.date, o.undated)}"
            markers.append(
                f'<g class="co-{ids[o.company]} st-{o.status.value}" data-city="{escape(o.place.name or "")}"'
                f' data-company="{escape(o.company)}" data-status="{o.status.value}">'
                f"{_marker(o.status, c.x + dx, c.y + dy, size, colors[o.company])}"
                f"<title>{escape(tip.strip())}</title></g>"
            )
        label = label_of.get(site)
        text = ""
        if label is not None:
            tip = f"<title>{escape(', '.join(c.members))}</title>" if len(c.members) > 1 else ""
            text = (
                f'<text class="pinlabel" x="{label.x:.2f}" y="{label.y:.2f}" font-size="{FONT_SIZE * k:.3f}"'
                f' stroke-width="{3 * k:.3f}">{escape(label.site.name)}{tip}</text>'
            )
        if len(group) == 1:  # the label hides with its only office
            parts.append(markers[0].replace("</g>", text + "</g>", 1))
        else:
            parts.extend(markers)
            parts.append(text)
    parts.append("</svg>")
    listed = sorted(
        {m for c, site in sites.items() if site in inside for m in c.members}
        | {m for c in clusters if len(c.members) > 1 and sites[c] not in inside for m in c.members[1:]}
    )
    note = ""
    if listed:
        note = (
            f'<p class="unlabelled view-{view.key}">Also on this map (unlabelled, or in a cluster "+N"): '
            f"{escape(', '.join(listed))}</p>"
        )
    return "".join(parts) + note


def _timeline_svg(events: Sequence[TimelineEvent], colors: dict[str, str], ids: dict[str, int]) -> str:
    """Every report on a time axis, one row per office, coloured by company and shaped by status."""
    if not events:
        return "<p>No reports.</p>"
    rows: dict[tuple[str, str], list[TimelineEvent]] = defaultdict(list)
    for e in events:
        rows[(e.company, e.place.label)].append(e)
    order = sorted(rows, key=lambda key: (key[0].casefold(), min((e.effective or dt.date.min) for e in rows[key])))
    dated = [e.effective for e in events if e.effective is not None]
    start = min(dated, default=dt.date(2000, 1, 1))
    end = max(dated, default=start)
    first_year, last_year = start.year, end.year + 1
    span = (dt.date(last_year, 1, 1) - dt.date(first_year, 1, 1)).days
    x0 = _NAMES + _UNDATED + _AXIS_PAD

    def x_of(day: dt.date) -> float:
        return x0 + (day - dt.date(first_year, 1, 1)).days / span * _AXIS

    height = 30 + _ROW * len(order)
    width = x0 + _AXIS + _AXIS_PAD
    parts = [
        f'<svg class="timeline" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"'
        f' role="img" aria-label="Timeline of office reports">'
    ]
    step = max(1, (last_year - first_year) // 12)
    for year in range(first_year, last_year + 1, step):
        x = x_of(dt.date(year, 1, 1))
        parts.append(f'<line class="axis" x1="{x:.1f}" y1="18" x2="{x:.1f}" y2="{height}" stroke-dasharray="2 3"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="12" text-anchor="middle">{year}</text>')
    parts.append(f'<text class="tick" x="{_NAMES + _UNDATED / 2:.0f}" y="12" text-anchor="middle">undated</text>')
    for i, key in enumerate(order):
        y = 30 + i * _ROW
        company, place = key
        cls = f"co-{ids[company]}"
        xs = [x_of(e.effective) for e in rows[key] if e.effective is not None]
        parts.append(f'<g class="{cls}">')
        parts.append(
            f'<text class="rowname" x="{_NAMES - 6}" y="{y + 4}" text-anchor="end">'
            f"{escape(_short(f'{company} - {place}'))}<title>{escape(company)} - {escape(place)}</title></text>"
        )
        if len(xs) > 1:
            parts.append(f'<line class="rowline" x1="{min(xs):.1f}" y1="{y}" x2="{max(xs):.1f}" y2="{y}"/>')
        for e in rows[key]:
            x = x_of(e.effective) if e.effective is not None else _NAMES + _UNDATED / 2
            tip = (f"{e.effective or 'undated'}: {company}, {place} {e.status.value} ({e.change})"
                   f"{' - date ' + _date_text(e.date) if e.date else ''} - {e.source or ''}")  # fmt: skip
            parts.append(
                f'<g class="st-{e.status.value}" data-status="{e.status.value}">'
                f"{_marker(e.status, x, y, 5, colors[company])}<title>{escape(tip)}</title></g>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _short(text: str, limit: int = 36) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _office_table(offices: Sequence[OfficeRecord], ids: dict[str, int]) -> str:
    rows = [
        "<table class='offices'><thead><tr><th>Company</th><th>City</th><th>Country</th><th>Status</th>"
        "<th>Kind</th><th>Date</th><th>In effect</th><th>First reported</th><th>Sources</th></tr></thead><tbody>"
    ]
    for o in offices:
        kind = o.kind.value + (f" ({o.label})" if o.label and o.label != o.kind.value else "")
        rows.append(
            f"<tr class='co-{ids[o.company]} st-{o.status.value}'><td>{escape(o.company)}</td>"
            f"<td>{escape(o.place.name or '-')}</td>"
            f"<td>{escape(o.place.country)}</td><td>{_badge(o.status)}</td><td>{escape(kind)}</td>"
            f"<td>{escape(_date_text(o.date) or '-')}</td><td>{escape(str(o.effective or 'undated'))}</td>"
            f"<td>{escape(str(o.first_seen or 'undated'))}</td>"
            f"<td class='src'>{escape(', '.join(o.sources))}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _report_table(events: Sequence[TimelineEvent]) -> str:
    rows = [
        "<table class='reports'><thead><tr><th>In effect</th><th>Date</th><th>Company</th><th>Place</th>"
        "<th>Status</th><th>Change</th><th>Evidence</th><th>Source</th></tr></thead><tbody>"
    ]
    for e in events:
        evidence = e.evidence.text if e.evidence else ""
        rows.append(
            f"<tr><td>{escape(str(e.effective or 'undated'))}</td><td>{escape(_date_text(e.date) or '-')}</td>"
            f"<td>{escape(e.company)}</td><td>{escape(e.place.label)}</td><td>{_badge(e.status)}</td>"
            f"<td>{escape(e.change)}</td><td>{escape(evidence[:160])}</td>"
            f"<td class='src'>{escape(e.source or '')}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _filter_css(views: Sequence[View], companies: dict[str, int]) -> str:
    """CSS that shows the checked view and hides the companies and statuses unticked."""
    rules = [f"#view-{v.key}:checked~.maps .view-{v.key}{{display:block}}" for v in views]
    rules += [
        f"#view-{v.key}:checked~.controls label[for=view-{v.key}]{{background:#1d2330;color:#fff}}" for v in views
    ]
    for i in companies.values():
        rules.append(f"#co-{i}:not(:checked)~* .co-{i}{{display:none}}")
        rules.append(f"#co-{i}:not(:checked)~.controls label[for=co-{i}]{{opacity:.4;text-decoration:line-through}}")
    for s in OfficeStatus:
        rules.append(f"#st-{s.value}:not(:checked)~* .st-{s.value}{{display:none}}")
        rules.append(
            f"#st-{s.value}:not(:checked)~.controls label[for=st-{s.value}]{{opacity:.4;text-decoration:line-through}}"
        )
    return "\n".join(rules)


def render_html(
    collection: Collection,
    *,
    company: str | None = None,
    on: dt.date | None = None,
    title: str | None = None,
) -> str:
    """The report page for one company (any spelling) or, with ``company=None``, the whole store.

    The map shows the network (planned, opened, existing offices) as of ``on`` (default: now);
    the timeline puts every report on a time axis; the table lists every office with its status.

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
    names = sorted({o.company for o in offices} | {e.company for e in events}, key=str.casefold)
    colors = company_colors(names)
    ids = {c: i for i, c in enumerate(names)}
    network = [o for o in offices if o.status in ACTIVE_STATUSES]
    placed = [o for o in network if o.place.latitude is not None and o.place.longitude is not None]
    unplaced = [o for o in network if o.place.latitude is None or o.place.longitude is None]
    views = _views(placed)
    heading = title or f"Office network: {name}"
    as_of = f"as of {on.isoformat()}" if on else "current status"
    undated = sum(o.undated for o in network)
    undated_note = f", {undated} of them known only from undated articles" if undated else ""
    shown = views[1] if len(views) > 1 else views[0]  # all offices, else the world
    toggles = "".join(
        f'<input class="toggle" type="radio" name="view" id="view-{v.key}"{" checked" if v is shown else ""}>'
        for v in views
    )
    toggles += "".join(f'<input class="toggle" type="checkbox" id="co-{i}" checked>' for i in ids.values())
    toggles += "".join(f'<input class="toggle" type="checkbox" id="st-{s.value}" checked>' for s in OfficeStatus)
    zoom = "".join(f'<label for="view-{v.key}">{escape(v.title)}</label>' for v in views)
    legend = "".join(
        f'<label for="co-{ids[c]}" class="company"><i class="swatch" style="background:{colors[c]}"></i>'
        f"{escape(c)}</label>"
        for c in names
    )
    statuses = "".join(
        f'<label for="st-{s.value}" class="status">{_legend_marker(s)} {escape(s.value)}</label>' for s in OfficeStatus
    )
    unplaced_html = (
        "<p class='unplaced'>Not on the map (no coordinates): "
        + escape(", ".join(f"{o.company} {o.place.label} ({o.status.value})" for o in unplaced))
        + "</p>"
        if unplaced
        else ""
    )
    maps = "".join(_svg_map(v, placed, colors, ids) for v in views)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(heading)}</title><style>{_CSS}\n{_filter_css(views, ids)}</style></head><body>"
        f"<h1>{escape(heading)}</h1>"
        f"<p class='meta'>{len(network)} offices in the network ({as_of}){undated_note}, {len(offices)} places "
        f"reported, {len(names)} companies, {len(events)} reports. Map outline is approximate.</p>"
        f"{toggles}"
        f"<div class='controls'><span><b>Zoom</b>{zoom}</span></div>"
        f"<div class='controls legend'><span><b>Companies</b>{legend}</span></div>"
        f"<div class='controls'><span><b>Status</b>{statuses}</span></div>"
        f"<div class='maps'>{maps}</div>{unplaced_html}"
        f"<h2>Timeline</h2><div class='timeline-wrap'>{_timeline_svg(events, colors, ids)}</div>"
        f"<h2>Offices</h2>{_office_table(offices, ids)}"
        f"<details><summary>Every report</summary>{_report_table(events)}</details>"
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
