"""The HTML report: self-contained, escaped, and rendered by a real headless browser."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from expansion_tracker.collection import Collection
from expansion_tracker.models import Announcement, Company, DateValue, Office, Place
from expansion_tracker.report import render_html, write_html

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
LONDON = Place("London", "GB", geonames_id=2643743, latitude=51.50853, longitude=-0.12574)
SF = Place("San Francisco", "US", geonames_id=5391959, latitude=37.77493, longitude=-122.41942)
TOKYO = Place("Tokyo", "JP", geonames_id=1850147, latitude=35.6895, longitude=139.69171)
CHROMIUM = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)


@pytest.fixture
def col() -> Collection:
    c = Collection()
    c.add(
        Announcement(
            published=D(2024, 3, 4),
            company=Company("OpenAI"),
            offices=(
                Office("OpenAI", LONDON, "planned"),
                Office("OpenAI", SF, "existing", "headquarters"),
                Office("OpenAI", Place(None, "PL"), "planned"),
            ),
        ),
        source="a.txt",
    )
    c.add(
        Announcement(
            published=D(2024, 10, 15),
            company=Company("OpenAI"),
            offices=(
                Office("OpenAI", LONDON, "opened", date=DateValue.month(2024, 10)),
                Office("OpenAI", TOKYO, "planned"),
            ),
        ),
        source="b.txt",
    )
    c.add(Announcement(published=D(2024, 1, 2), offices=(Office("<Evil & Co>", TOKYO, "opened"),)), source="<x>")
    return c


def test_page_is_self_contained(col: Collection) -> None:
    page = render_html(col)
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert not re.search(r"(?:src|href)\s*=", page)
    assert page.replace('xmlns="http://www.w3.org/2000/svg"', "").count("http") == 0


def test_page_escapes_names(col: Collection) -> None:
    page = render_html(col)
    assert "<Evil" not in page and "&lt;Evil &amp; Co&gt;" in page


def _view(page: str, key: str) -> str:
    """The SVG of one map view."""
    found = re.search(rf'<svg class="map view-{key}".*?</svg>', page, re.S)
    assert found, f"no view {key}"
    return found.group(0)


def test_company_page_maps_its_network_and_lists_unplaced(col: Collection) -> None:
    page = render_html(col, company="openai")
    # London, San Francisco, Tokyo; Poland has no coordinates
    assert _view(page, "all").count("data-city=") == 3 and _view(page, "world").count("data-city=") == 3
    assert "Not on the map" in page and "PL (planned)" in page
    assert "Office network: OpenAI" in page
    early = render_html(col, company="OpenAI", on=D(2024, 6, 1))
    assert _view(early, "all").count("data-city=") == 2 and 'data-city="Tokyo"' not in early


def test_each_company_has_its_colour_and_a_legend_entry(col: Collection) -> None:
    page = render_html(col)
    legend = re.findall(
        r'<label for="co-(\d+)" class="company"><i class="swatch" style="background:(#\w+)"></i>([^<]+)<', page
    )
    assert [name for _, _, name in legend] == ["&lt;Evil &amp; Co&gt;", "OpenAI"]
    assert len({colour for _, colour, _ in legend}) == 2
    # a marker carries its company's class, which the legend's check box hides
    assert re.search(r'<g class="co-1 st-opened" data-city="London"', page)
    assert "#co-1:not(:checked)~* .co-1{display:none}" in page


def test_the_timeline_is_a_time_axis(col: Collection) -> None:
    page = render_html(col, company="OpenAI")
    axis = re.search(r'<svg class="timeline".*?</svg>', page, re.S)
    assert axis is not None
    years = re.findall(r'<text class="tick"[^>]*>(\d{4})</text>', axis.group(0))
    assert years[0] == "2024" and years[-1] == "2025"
    assert axis.group(0).count('data-status="opened"') == 1 and axis.group(0).count('data-status="planned"') == 3


def test_planned_offices_show_their_own_date_not_the_report_date(col: Collection) -> None:
    page = render_html(col, company="OpenAI")
    london = re.search(r"<tr class='co-\d+ st-opened'><td>OpenAI</td><td>London</td>.*?</tr>", page)
    assert london is not None and "<td>2024-10</td>" in london.group(0)  # the month the text gave
    tokyo = re.search(r"<tr class='co-\d+ st-planned'><td>OpenAI</td><td>Tokyo</td>.*?</tr>", page)
    assert tokyo is not None and "<td>-</td>" in tokyo.group(0)  # no date of its own: none shown


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


# Run in the browser on a copy of the page (the page itself has no script): for every map view,
# show it, then measure each visible label's box as drawn; untick the first company and count its
# visible markers. The result goes into the DOM, which --dump-dom prints.
_MEASURE = """
<script>
const out = {views: [], legend: document.querySelectorAll('label.company').length, hiddenLeft: -1};
const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
for (const radio of document.querySelectorAll('input[name=view]')) {
  radio.checked = true;
  const boxes = [...document.querySelectorAll('svg.map text.pinlabel')].filter(visible)
    .map((t) => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; });
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, b] = [boxes[i], boxes[j]];
    if (a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5 && a[2] < b[4] - 0.5 && b[2] < a[4] - 0.5) overlaps.push([a[0], b[0]]);
  }
  out.views.push({view: radio.id, labels: boxes.length, overlaps});
}
const first = document.getElementById('co-0');
const name = document.querySelector('label[for=co-0]').textContent;
first.checked = false;
out.hiddenLeft = [...document.querySelectorAll('svg.map g[data-company]')]
  .filter((g) => g.dataset.company === name && visible(g)).length;
const pre = document.createElement('pre'); pre.id = 'measured'; pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>
"""


def _measure(page: Path, tmp_path: Path) -> dict[str, Any]:
    probe = tmp_path / f"probe-{page.name}"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    dom = _chromium(["--dump-dom", "--window-size=1200,900", probe.as_uri()], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom.stdout, re.S)
    assert found, dom.stdout[-2000:]
    data: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return data


def _seeds_store() -> Collection:
    c = Collection()
    c.add_files([ROOT / "seeds"])
    return c


def _thirty_article_store() -> Collection:
    """Thirty annotated articles of every language (every tenth of the corpus)."""
    c = Collection()
    for f in sorted((ROOT / "tests" / "corpus").glob("*.json"))[::10][:30]:
        d = json.loads(f.read_text(encoding="utf-8"))
        c.add_text(
            d["text"], source=f.name, published=dt.date.fromisoformat(d["published"]) if d["published"] else None
        )
    return c


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary installed (apt-get install chromium)")
@pytest.mark.parametrize("store", ["seeds", "thirty"])
def test_map_labels_never_overlap_in_a_headless_browser(store: str, tmp_path: Path) -> None:
    col = _seeds_store() if store == "seeds" else _thirty_article_store()
    companies = len({o.company for o in col.all_offices()})
    page = write_html(col, tmp_path / f"{store}.html")
    measured = _measure(page, tmp_path)
    assert measured["legend"] == companies
    views = {v["view"]: v for v in measured["views"]}
    assert {"view-world", "view-all", "view-eu"} <= set(views)
    for view in views.values():
        assert view["overlaps"] == [], view
    assert all(v["labels"] > 0 for v in views.values())
    assert measured["hiddenLeft"] == 0  # unticking a company hides its markers
    shot = tmp_path / f"{store}.png"
    run = _chromium([f"--screenshot={shot}", "--window-size=1200,1400", page.as_uri()], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a blank page compresses to a few KB


def test_labels_stay_apart_and_inside_the_view() -> None:
    """The layout's own promise, without a browser: reserved label boxes never overlap each other
    or another place's markers, and stay inside the view; what does not fit is listed."""
    from expansion_tracker.maplayout import Site, View, place_labels, project

    towns = [
        ("London", -0.13, 51.51),
        ("Brussels", 4.35, 50.85),
        ("Paris", 2.35, 48.86),
        ("Amsterdam", 4.9, 52.37),
        ("Rotterdam", 4.48, 51.92),
        ("Antwerp", 4.4, 51.22),
        ("Lille", 3.06, 50.63),
        ("Anchorage", -149.9, 61.2),
    ]
    sites = [Site(name, *project(lon, lat), 1) for name, lon, lat in towns]
    view = View.world()
    placed, left_out = place_labels(sites, view.scale, view.box)
    assert len(placed) + len(left_out) == len(sites) and left_out  # Western Europe is crowded at world scale
    for i, a in enumerate(placed):
        assert view.box.holds(a.box)
        assert not any(a.box.overlaps(b.box) for b in placed[i + 1 :])
    europe = View.around("eu", "Europe", [(s.x, s.y) for s in sites[:7]])
    placed, left_out = place_labels(sites[:7], europe.scale, europe.box)
    assert len(placed) > 3  # zoomed in, there is room for more of them
