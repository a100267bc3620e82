"""The command line: exit codes, per-file failures, store commands, queries and exports."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from expansion_tracker.cli import _ProgressBar, main
from expansion_tracker.collection import Collection
from expansion_tracker.models import Announcement, Company, DateValue, Office, Person, Place, Role

D = dt.date
LONDON = Place("London", "GB", geonames_id=2643743, latitude=51.50853, longitude=-0.12574)
TOKYO = Place("Tokyo", "JP", geonames_id=1850147, latitude=35.6895, longitude=139.69171)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "offices.db"
    with Collection(path) as c:
        c.add(
            Announcement(
                published=D(2024, 3, 4),
                company=Company("OpenAI"),
                offices=(Office("OpenAI", LONDON, "planned"),),
                people=(Person("Sam Altman", (Role("CEO"),)), Person("Jane Doe", (Role("head of London office"),))),
            ),
            source="march.txt",
        )
        c.add(
            Announcement(
                published=D(2024, 10, 15),
                company=Company("OpenAI Inc."),
                offices=(
                    Office("OpenAI Inc.", LONDON, "opened", date=DateValue.day(2024, 10, 1)),
                    Office("OpenAI Inc.", TOKYO, "planned"),
                ),
            ),
            source="october.txt",
        )
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("March 4, 2024\n\nAcme Corp opens an office in London.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Globex plans a new office in Paris next year.\n", encoding="utf-8")
    return folder


def test_parse_names_a_missing_file_and_goes_on(capsys: pytest.CaptureFixture[str], articles: Path) -> None:
    code, out, err = run(capsys, "parse", str(articles / "a.txt"), str(articles / "missing.txt"))
    assert code == 1
    assert "missing.txt" in err and "a.txt" not in err
    assert json.loads(out.splitlines()[0])["source"].endswith("a.txt")


def test_parse_table_format(capsys: pytest.CaptureFixture[str], articles: Path) -> None:
    code, out, _ = run(capsys, "parse", "--format", "table", "--published", "2024-03-04", str(articles / "a.txt"))
    assert code == 0 and "published=2024-03-04" in out


def test_report_on_a_folder(capsys: pytest.CaptureFixture[str], articles: Path) -> None:
    code, out, err = run(capsys, "report", str(articles))
    assert code == 0, err
    assert out.strip()


def test_report_on_the_seeds_with_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "report", str(ROOT / "seeds"), "no-such-article.txt")
    assert code == 1
    assert err.count("\n") == 1 and "no-such-article.txt" in err


def test_add_then_add_again_counts_duplicates(
    capsys: pytest.CaptureFixture[str], articles: Path, tmp_path: Path
) -> None:
    db = tmp_path / "new.db"
    code, out, err = run(capsys, "add", str(db), str(articles))
    assert (code, out.strip(), err) == (0, "added 2, duplicates 0, failed 0", "")
    (articles / "copy.txt").write_text((articles / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run(capsys, "add", str(db), str(articles), str(tmp_path / "gone.txt"))
    assert code == 1
    assert out.strip() == "added 0, duplicates 3, failed 1"
    assert "gone.txt" in err and "No such file" in err
    assert "\r" not in err  # stderr is not a terminal: no progress bar


def test_progress_bar_draws_in_place() -> None:
    stream = io.StringIO()
    bar = _ProgressBar(stream)
    bar(5, 10)
    bar(10, 10)
    assert stream.getvalue() == "\r[###############...............] 5/10\r[" + "#" * 30 + "] 10/10\n"


def test_add_refuses_a_foreign_file(capsys: pytest.CaptureFixture[str], articles: Path, tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_text("not a store")
    code, _, err = run(capsys, "add", str(other), str(articles))
    assert code == 1 and "not an expansion-tracker store" in err
    assert other.read_text() == "not a store"


def test_query_offices_table_and_json(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    code, out, _ = run(capsys, "query", str(store), "offices", "Open AI")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["city", "country", "status", "kind", "date", "reported", "source"]
    assert lines[2].split()[:3] == ["London", "GB", "opened"]
    code, out, _ = run(capsys, "query", str(store), "offices", "OpenAI", "--on", "2024-06-01", "--format", "json")
    data = json.loads(out)
    assert [(d["place"]["name"], d["status"]) for d in data] == [("London", "planned")]
    _, out, _ = run(capsys, "query", str(store), "offices", "OpenAI", "--status", "planned", "--country", "JP")
    assert "Tokyo" in out and "London" not in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["network", "OpenAI", "--on", "2024-12-01"], ["London", "Tokyo"]),
        (["companies", "--city", "London"], ["OpenAI"]),
        (["companies", "--region", "Asia"], ["Tokyo"]),
        (["people", "OpenAI"], ["Jane Doe", "Sam Altman", "CEO"]),
        (["leaders", "OpenAI", "London"], ["Jane Doe"]),
        (["timeline", "OpenAI"], ["2024-03-04", "2024-10-01", "changed"]),
        (["changes", "--from", "2024-06-01", "--to", "2024-12-31"], ["planned", "opened", "Tokyo"]),
        (["announcements", "--from", "2024-10-01"], ["october.txt"]),
        (["counts", "offices-by-country"], ["GB", "JP"]),
        (["counts", "openings-per-month"], ["2024-10"]),
    ],
)
def test_each_query(capsys: pytest.CaptureFixture[str], store: Path, argv: list[str], expected: list[str]) -> None:
    code, out, err = run(capsys, "query", str(store), *argv)
    assert (code, err) == (0, "")
    for word in expected:
        assert word in out
    code, out, _ = run(capsys, "query", str(store), *argv, "--format", "json")
    assert code == 0 and isinstance(json.loads(out), list)


def test_query_that_finds_nothing(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    code, out, _ = run(capsys, "query", str(store), "people", "Nobody")
    assert (code, out) == (0, "(nothing found)\n")


def test_query_a_missing_store_does_not_create_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "query", str(tmp_path / "nope.db"), "timeline", "X")
    assert code == 1 and "no such store" in err
    assert not (tmp_path / "nope.db").exists()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "html"])
def test_export_formats(capsys: pytest.CaptureFixture[str], store: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "export", str(store), "--format", fmt, "--company", "OpenAI", "-o", str(target))
    assert (code, err) == (0, "")
    text = target.read_text(encoding="utf-8")
    if fmt == "jsonl":
        assert [json.loads(line)["source"] for line in text.splitlines()] == ["march.txt", "october.txt"]
    elif fmt == "csv":
        assert text.splitlines()[0].startswith("company,city,country") and len(text.splitlines()) == 3
    elif fmt == "geojson":
        assert len(json.loads(text)["features"]) == 2
    else:
        assert text.startswith("<!DOCTYPE html>") and "<svg" in text


def test_export_offices_jsonl_to_stdout(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    code, out, _ = run(capsys, "export", str(store), "--format", "jsonl", "--offices")
    assert code == 0 and len(out.splitlines()) == 2


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["query", "s.db", "bogus"],
        ["export", "s.db"],
        ["query", "s.db", "offices", "X", "--on", "last week"],
        ["parse"],
        ["parse", "--language", "xx", "a.txt"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        ([], ["parse", "report", "add", "query", "store", "export", "Exit status"]),
        (["store"], ["companies", "articles", "alias", "unalias", "set-date", "remove", "reparse", "log"]),
        (["add"], ["STORE", "FILES_OR_DIRS", "--published", "--language", "--workers"]),
        (["query", "x"], ["offices", "network", "companies", "people", "leaders", "timeline", "changes", "counts"]),
        (["export", "x"], ["jsonl", "csv", "geojson", "html", "--company", "--output"]),
        (["parse"], ["--format", "--published", "--language"]),
    ],
)
def test_help_is_complete(capsys: pytest.CaptureFixture[str], argv: list[str], words: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([*argv[:1], "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out


def test_seeds_network_on_a_day_lists_undated_offices_flagged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The README's example: one seed article is undated, its offices are listed and counted."""
    db = str(tmp_path / "seeds.db")
    assert run(capsys, "add", db, str(ROOT / "seeds"))[0] == 0
    code, out, _ = run(capsys, "query", db, "network", "OpenAI", "--on", "2024-12-31")
    assert code == 0
    rows = [line.split() for line in out.splitlines()[2:] if line and not line[0].isdigit()]
    cities = {r[0] for r in rows}
    assert {"London", "San", "Brussels", "Singapore", "Tokyo", "Dublin"} <= cities
    undated = sum("undated" in line for line in out.splitlines()[2:-1])
    assert f"{undated} of {len(rows)} offices come from undated articles" in out and undated > 0
    code, out, _ = run(capsys, "query", db, "network", "OpenAI", "--on", "2024-12-31", "--undated", "exclude")
    assert "undated" not in out and len(out.splitlines()) - 2 == len(rows) - undated


@pytest.mark.parametrize(
    ("argv", "found"),
    [
        (["--city", "Londres"], "London"),
        (["--country", "UK"], "London"),
        (["--country", "Japan"], "Tokyo"),
        (["--country", "Vereinigtes Königreich"], "London"),
    ],
)
def test_companies_takes_places_as_people_write_them(
    capsys: pytest.CaptureFixture[str], store: Path, argv: list[str], found: str
) -> None:
    code, out, _ = run(capsys, "query", str(store), "companies", *argv)
    assert code == 0 and found in out


def test_an_unknown_place_exits_2_with_close_matches(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    code, out, err = run(capsys, "query", str(store), "companies", "--city", "Lundon")
    assert (code, out) == (2, "") and "unknown city 'Lundon'; did you mean" in err and "London" in err


def test_csv_export_carries_the_precision(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    code, out, _ = run(capsys, "export", str(store), "--format", "csv", "--company", "OpenAI")
    header, *rows = out.splitlines()
    assert code == 0 and "date_precision" in header.split(",")
    london = dict(zip(header.split(","), next(r for r in rows if ",London," in r).split(","), strict=True))
    assert (london["date"], london["date_precision"], london["reported"]) == ("2024-10-01", "day", "2024-10-15")


def test_store_upkeep_commands(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    db = str(store)
    code, out, _ = run(capsys, "store", db, "companies")
    assert code == 0 and "OpenAI" in out and "OpenAI Inc." in out
    code, out, _ = run(capsys, "store", db, "articles")
    assert code == 0 and out.splitlines()[2].split()[:2] == ["1", "2024-03-04"]
    assert run(capsys, "store", db, "set-date", "1", "2024-02-01")[0] == 0
    code, out, _ = run(capsys, "query", db, "offices", "OpenAI", "--on", "2024-02-15", "--format", "json")
    assert [d["reported"] for d in json.loads(out)] == ["2024-02-01"]
    assert run(capsys, "store", db, "alias", "ClosedAI", "OpenAI")[0] == 0
    assert run(capsys, "store", db, "unalias", "ClosedAI")[0] == 0
    assert run(capsys, "store", db, "remove", "2")[0] == 0
    code, out, _ = run(capsys, "query", db, "offices", "OpenAI", "--format", "json")
    assert [d["place"]["name"] for d in json.loads(out)] == ["London"]
    code, out, _ = run(capsys, "store", db, "reparse")
    assert code == 0 and out.startswith("reparsed 0, skipped 1 (no text), failed 0")
    code, out, _ = run(capsys, "store", db, "log")
    assert [line.split()[1] for line in out.splitlines()[2:]] == [
        "set_published",
        "add_alias",
        "remove_alias",
        "remove_article",
    ]
    code, _, err = run(capsys, "store", db, "remove", "99")
    assert code == 1 and "no article with id 99" in err
