"""The command line on articles as they come: pages, feeds, records, stdin; its exit codes and JSON Lines."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from expansion_tracker import cli
from expansion_tracker.batch import ParseResult
from expansion_tracker.cli import main
from test_readers import ATOM, JSONL, PAGE, RSS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "feed.xml").write_text(RSS, encoding="utf-8")
    (folder / "wire.atom").write_text(ATOM, encoding="utf-8")
    (folder / "news.jsonl").write_text(JSONL, encoding="utf-8")
    return folder


def test_parse_a_saved_page(capsys: pytest.CaptureFixture[str], inputs: Path) -> None:
    code, out, err = run(capsys, "parse", str(inputs / "page.html"))
    assert (code, err) == (0, "")
    [record] = lines(out)
    assert record["source"] == "https://news.example.com/2024/03/acme-berlin"
    assert record["published"] == "2024-03-04"
    assert (record["kind"], record["evidence_in"]) == ("html", "extracted text")
    assert [(o["company"], o["city"], o["status"]) for o in record["offices"]] == [
        ("Acme Robotics", "Berlin", "opened")
    ]
    assert not {"Shopify", "Globex", "Initech", "Umbrella Corp"} & set(record["organizations"])


def test_parse_writes_one_json_line_per_article_and_failures_as_records(
    capsys: pytest.CaptureFixture[str], inputs: Path
) -> None:
    (inputs / "news.jsonl").write_text(JSONL + "not json\n", encoding="utf-8")
    (inputs / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    code, out, err = run(capsys, "parse", str(inputs))
    records = lines(out)
    assert code == 1
    assert [(r["source"].rsplit("/", 1)[-1], r.get("published")) for r in records] == [
        ("acme-berlin", "2024-03-04"),  # feed.xml, item 1
        ("globex-toronto", "2024-05-07"),
        ("a1", "2024-03-04"),  # news.jsonl
        ("news.jsonl#a2", "2024-05-06"),
        ("news.jsonl#a3", "2024-07-01"),
        ("news.jsonl:5", None),
        ("acme-berlin", "2024-03-04"),  # page.html, by its canonical URL
        ("scan.pdf", None),
        ("initech-austin", "2024-06-01"),  # wire.atom
        ("hooli-dublin", "2024-07-09"),
    ]
    failed = [r for r in records if "error" in r]
    assert [r["error_type"] for r in failed] == ["RecordError", "InputKindError"]
    assert err.count("\n") == 2 and "news.jsonl:5" in err and "scan.pdf: a PDF document" in err


def test_parse_to_a_file(capsys: pytest.CaptureFixture[str], inputs: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "parse", str(inputs / "wire.atom"), "-o", str(target))
    assert (code, out) == (0, "")
    records = lines(target.read_text(encoding="utf-8"))
    assert [r["published"] for r in records] == ["2024-06-01", "2024-07-09"]
    assert [r.get("summary_only", False) for r in records] == [False, True]  # the second item has only a summary


def test_parse_reads_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(JSONL.encode("utf-8"))))
    code, out, _ = run(capsys, "parse", "-", "--input-format", "jsonl")
    assert code == 0
    assert [r["source"] for r in lines(out)][1:] == ["<stdin>#a2", "<stdin>#a3"]
    text = "Globex opened an office in Madrid on Monday."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, out, _ = run(capsys, "parse", "-", "--published", "2024-03-04")
    [record] = lines(out)
    assert (code, record["source"], record["offices"][0]["city"]) == (0, "<stdin>", "Madrid")


def test_report_and_add_read_pages_and_feeds(capsys: pytest.CaptureFixture[str], inputs: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "report", str(inputs / "page.html"), str(inputs / "wire.atom"))
    assert (code, err) == (0, "")
    assert "Berlin" in out and "Austin" in out and "Ottawa" not in out and "Madrid" not in out
    (inputs / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    db = tmp_path / "s.db"
    code, out, err = run(capsys, "add", str(db), str(inputs))
    assert (code, out.strip()) == (1, "added 8, duplicates 0, failed 1")  # 2 + 2 feed items, 3 rows, 1 page
    pdf = inputs / "scan.pdf"
    assert err.strip() == f"{cli.PROG}: {pdf}: a PDF document, not a kind of file {cli.PROG} reads"
    code, out, _ = run(capsys, "add", str(db), str(inputs))  # known by their URLs and texts
    assert (code, out.strip()) == (1, "added 0, duplicates 8, failed 1")


def test_undecodable_file_suggests_an_encoding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "alt.txt"
    path.write_bytes("Die Acme GmbH eröffnet ein Büro in München, sagte das Unternehmen.".encode("cp1252"))
    code, out, err = run(capsys, "parse", str(path))
    assert code == 1 and str(path) in err and "--encoding" in err
    code, out, err = run(capsys, "parse", str(path), "--encoding", "auto")
    assert (code, err) == (0, "") and lines(out)[0]["headline"].startswith("Die Acme GmbH eröffnet ein Büro in München")


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "--encoding", "klingon", "a.txt"],
        ["parse", "--input-format", "pdf", "a.txt"],
        ["parse", "--language", "xx", "a.txt"],
        ["report"],
        ["query", "s.db", "companies"],
    ],
)
def test_usage_errors_exit_2_in_the_users_terms(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


def test_language_in_any_case_and_version(capsys: pytest.CaptureFixture[str], inputs: Path) -> None:
    code, out, _ = run(capsys, "parse", str(inputs / "page.html"), "--language", "EN")
    assert code == 0 and lines(out)[0]["language"] == "en"
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("expansion-tracker ")


def test_ctrl_c_stops_with_the_summary_so_far(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, inputs: Path
) -> None:
    def interrupted(items: Any, **_: Any) -> Iterator[ParseResult]:
        first = next(iter(items))
        yield ParseResult(first.source, None, "boom", "RecordError")
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "iter_parse", interrupted)
    code, out, err = run(capsys, "parse", str(inputs / "feed.xml"))
    assert code == cli.EXIT_INTERRUPTED
    assert len(out.splitlines()) == 1 and "Traceback" not in err
    assert "interrupted: 1 articles done, 1 failed" in err
    code, out, err = run(capsys, "add", str(inputs.parent / "s.db"), str(inputs / "feed.xml"))
    assert code == cli.EXIT_INTERRUPTED and out.strip() == "added 0, duplicates 0, failed 1"
