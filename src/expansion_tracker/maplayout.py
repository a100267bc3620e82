"""Where the HTML report draws things: map views, markers and labels that never overlap.

Places are projected equirectangularly onto a 1000 x 500 plane. A *view* is a rectangle of that
plane (the world, or the offices of one continent, padded, at the map's 2:1 shape); sizes inside a
view are scaled by ``scale`` so that markers and text keep their size on screen when zoomed in.

Labels are placed greedily, the places with most offices first: each tries eight positions around
its marker and takes the first whose box overlaps no label and no marker already placed. A label
that fits nowhere is not drawn; its place is listed under the map instead. Text widths are
estimated generously (:data:`CHAR_WIDTH` of the font size per character), so that the boxes the
browser draws are inside the boxes reserved here.

>>> sites = [Site("London", 500.0, 100.0, 1), Site("Brussels", 512.0, 102.0, 1)]
>>> placed, unplaced = place_labels(sites, scale=1.0)
>>> [p.site.name for p in placed], [s.name for s in unplaced]
(['Brussels', 'London'], [])
>>> placed[0].box.overlaps(placed[1].box)
False
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "CHAR_WIDTH",
    "FONT_SIZE",
    "MAP_HEIGHT",
    "MAP_WIDTH",
    "Box",
    "Cluster",
    "Label",
    "Site",
    "View",
    "cluster",
    "place_labels",
    "project",
    "spiral",
    "spiral_reach",
]

MAP_WIDTH = 1000.0
MAP_HEIGHT = 500.0
#: Label font size and marker radius at scale 1, in map units (the map is drawn 1000 px wide).
FONT_SIZE = 11.0
MARKER_RADIUS = 5.0
#: Estimated text advance per character, as a share of the font size: wider than the average
#: letter of common sans-serif fonts (about 0.55), so the reserved box holds the real one.
CHAR_WIDTH = 0.68
# Space between a marker and its label, and around a label's box, at scale 1.
_GAP = 3.0
_PAD = 1.5
# A view's margin around its offices, in map units at world scale, and its smallest width: a
# single office is not blown up to fill the screen.
_MARGIN = 40.0
# Places closer than this (map units at scale 1, about three marker widths) are one cluster.
_CLUSTER_DISTANCE = 15.0
_GOLDEN_ANGLE = 137.508
_MIN_WIDTH = 120.0


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Map coordinates of a point: x from longitude, y from latitude (equirectangular)."""
    return (longitude + 180.0) / 360.0 * MAP_WIDTH, (90.0 - latitude) / 180.0 * MAP_HEIGHT


@attrs.frozen
class Box:
    """An axis-aligned rectangle in map units."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def holds(self, other: Box) -> bool:
        return self.x0 <= other.x0 and other.x1 <= self.x1 and self.y0 <= other.y0 and other.y1 <= self.y1


@attrs.frozen
class Site:
    """A place on the map: its name, map coordinates, how many offices are there, and how far its
    markers reach from its centre (at scale 1)."""

    name: str
    x: float
    y: float
    offices: int
    reach: float = MARKER_RADIUS


@attrs.frozen
class Cluster:
    """Places too close to tell apart at a scale, drawn as one: the one with most offices names it."""

    x: float
    y: float
    members: tuple[str, ...]
    offices: int

    @property
    def name(self) -> str:
        return self.members[0] + (f" +{len(self.members) - 1}" if len(self.members) > 1 else "")


def spiral(i: int, step: float) -> tuple[float, float]:
    """Offset of the i-th marker of a cluster: a sunflower spiral, so that markers never sit on
    each other however many there are (0 is the centre)."""
    if i == 0:
        return 0.0, 0.0
    angle = math.radians(i * _GOLDEN_ANGLE)
    radius = step * math.sqrt(i)
    return radius * math.cos(angle), radius * math.sin(angle)


def spiral_reach(count: int, step: float) -> float:
    """How far the markers of a spiral of ``count`` reach from its centre."""
    return step * math.sqrt(max(count - 1, 0))


def cluster(points: Sequence[tuple[str, float, float, int]], scale: float) -> list[Cluster]:
    """Merge places closer than :data:`_CLUSTER_DISTANCE` (times ``scale``) into clusters: the
    places with most offices first, each joining the first cluster near enough or starting one.

    >>> [c.name for c in cluster([("London", 500, 100, 3), ("Slough", 498, 100, 1), ("Rome", 530, 130, 1)], 1.0)]
    ['London +1', 'Rome']
    """
    limit = _CLUSTER_DISTANCE * scale
    found: list[tuple[float, float, list[str], int]] = []
    for name, x, y, n in sorted(points, key=lambda p: (-p[3], p[0])):
        for i, (cx, cy, members, total) in enumerate(found):
            if math.hypot(x - cx, y - cy) < limit:
                found[i] = (cx, cy, [*members, name], total + n)
                break
        else:
            found.append((x, y, [name], n))
    return [Cluster(x, y, tuple(members), total) for x, y, members, total in found]


@attrs.frozen
class Label:
    """A placed label: its text's anchor (start of the baseline) and the box reserved for it."""

    site: Site
    x: float
    y: float
    box: Box


@attrs.frozen
class View:
    """A rectangle of the map to show, and the size factor of markers and text inside it."""

    key: str
    title: str
    x: float
    y: float
    width: float
    height: float

    @property
    def scale(self) -> float:
        return self.width / MAP_WIDTH

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.x + self.width, self.y + self.height)

    @classmethod
    def world(cls) -> View:
        return cls("world", "World", 0.0, 0.0, MAP_WIDTH, MAP_HEIGHT)

    @classmethod
    def around(cls, key: str, title: str, points: Iterable[tuple[float, float]]) -> View:
        """The smallest 2:1 view holding the points with a margin (at least ``_MIN_WIDTH`` wide)."""
        xs, ys = zip(*points, strict=True)
        x0, x1 = min(xs) - _MARGIN, max(xs) + _MARGIN
        y0, y1 = min(ys) - _MARGIN, max(ys) + _MARGIN
        width = max(x1 - x0, 2 * (y1 - y0), _MIN_WIDTH)
        height = width / 2
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        return cls(key, title, cx - width / 2, cy - height / 2, width, height)


def _start(centre: float, side: int, gap: float, extent: float) -> float:
    """Where a label of length ``extent`` starts on one axis: after the marker (side 1), before it
    (-1), or centred on it (0)."""
    if side > 0:
        return centre + gap
    if side < 0:
        return centre - gap - extent
    return centre - extent / 2


def _label_box(site: Site, dx: int, dy: int, scale: float) -> tuple[float, float, Box]:
    """Anchor and box of a label placed on side (dx, dy) of its marker (-1, 0 or 1 each)."""
    size = FONT_SIZE * scale
    width = len(site.name) * CHAR_WIDTH * size
    height = size * 1.25
    gap = (site.reach + _GAP) * scale
    left = _start(site.x, dx, gap, width)
    top = _start(site.y, dy, gap, height)
    pad = _PAD * scale
    box = Box(left - pad, top - pad, left + width + pad, top + height + pad)
    return left, top + size, box  # baseline about one font size below the top


# Positions tried around a marker, best first: right, left, above, below, then the corners.
_SIDES = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))


def place_labels(sites: Sequence[Site], scale: float, bounds: Box | None = None) -> tuple[list[Label], list[Site]]:
    """Labels for the sites that fit without overlapping each other or any marker, inside
    ``bounds`` when given (most offices first, then by name), and the sites left without a label."""

    def marker_box(s: Site) -> Box:
        radius = (s.reach + _PAD) * scale
        return Box(s.x - radius, s.y - radius, s.x + radius, s.y + radius)

    markers = [marker_box(s) for s in sites]
    placed: list[Label] = []
    left_out: list[Site] = []
    for site in sorted(sites, key=lambda s: (-s.offices, s.name)):
        own = marker_box(site)
        for dx, dy in _SIDES:
            x, y, box = _label_box(site, dx, dy, scale)
            outside = bounds is not None and not bounds.holds(box)
            clash = (
                outside or any(box.overlaps(p.box) for p in placed) or any(box.overlaps(m) for m in markers if m != own)
            )
            if not clash:
                placed.append(Label(site, x, y, box))
                break
        else:
            left_out.append(site)
    return placed, left_out
