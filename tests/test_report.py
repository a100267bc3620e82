"""The HTML report: self-contained, escaped, and rendered by a real headless browser."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from expansion_tracker.collection import Collection
from expansion_tracker.models import Announcement, Company, DateValue, Office, Place
from expansion_tracker.report import render_html, write_html

D = dt.date
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


def test_company_page_maps_its_network_and_lists_unplaced(col: Collection) -> None:
    page = render_html(col, company="openai")
    assert page.count("<circle") == 3  # London, San Francisco, Tokyo; Poland has no coordinates
    assert "Not on the map" in page and "PL (planned)" in page
    assert "Office network: OpenAI" in page
    early = render_html(col, company="OpenAI", on=D(2024, 6, 1))
    assert early.count("<circle") == 2 and "Tokyo" not in early


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


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary installed (apt-get install chromium)")
def test_report_renders_in_a_headless_browser(col: Collection, tmp_path: Path) -> None:
    page = write_html(col, tmp_path / "report.html", company="OpenAI")
    dom = _chromium(["--dump-dom", page.as_uri()], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<svg" in dom.stdout and dom.stdout.count("<circle") == 3
    assert re.search(r'data-city="London"[^>]*fill="#2a9d3f"', dom.stdout)  # London drawn as opened
    assert "Timeline" in dom.stdout
    shot = tmp_path / "report.png"
    run = _chromium([f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a blank page compresses to a few KB
