from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import expansion_tracker as et
from expansion_tracker import batch
from expansion_tracker.batch import ParseResult, iter_parse, parse_many, resolve_workers

TEXTS = [
    "Acme Corp opened a new office in Berlin on Monday.",
    "",
    "Die Acme GmbH eröffnet ein Büro in München.",
    "<p>Acme &amp; Co opens in <b>Paris</b>.</p>",
]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_one_result_per_item_in_input_order_with_failures_named(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", b"Acme opens an office in Berlin.")
    bad = _write(tmp_path, "bad.txt", b"Caf\xe9 in Latin-1, not UTF-8")
    missing = tmp_path / "missing.txt"
    results = parse_many([good, "Hello world.", bad, missing, "Second text."])
    assert [r.source for r in results] == [str(good), "<text 1>", str(bad), str(missing), "<text 4>"]
    assert [r.ok for r in results] == [True, True, False, False, True]
    assert results[2].error is not None and str(bad) in results[2].error
    assert results[2].error_type == "ArticleFileError"
    assert results[3].error is not None and str(missing) in results[3].error
    assert not any(r.unexpected for r in results)
    assert results[0].announcement is not None and results[0].announcement.source == str(good)


def test_parallel_results_equal_sequential_results() -> None:
    items: list[str | Path] = [TEXTS[i % len(TEXTS)] + f" Item {i}." for i in range(40)]
    sequential = parse_many(items, workers=1)
    parallel = parse_many(items, workers=2, chunksize=3)
    assert parallel == sequential
    assert [r.source for r in parallel] == [f"<text {i}>" for i in range(40)]


def test_iter_parse_is_lazy_and_ordered() -> None:
    consumed: list[int] = []

    def items() -> object:
        for i in range(10):
            consumed.append(i)
            yield f"Text number {i}."

    it = iter_parse(items(), chunksize=2)  # type: ignore[arg-type]
    first = next(it)
    assert first.source == "<text 0>"
    assert len(consumed) == 2  # only the first chunk was read
    rest = list(it)
    assert [r.source for r in rest] == [f"<text {i}>" for i in range(1, 10)]


def test_iter_parse_with_workers_streams_in_order() -> None:
    results = list(iter_parse((f"Text {i}." for i in range(25)), workers=2, chunksize=4))
    assert [r.source for r in results] == [f"<text {i}>" for i in range(25)]
    assert all(r.ok for r in results)


def test_options_are_passed_to_every_item() -> None:
    results = parse_many(
        ["Acme opens an office.", "Acme ouvre un bureau."], published=dt.date(2024, 3, 4), language="de"
    )
    for r in results:
        assert r.announcement is not None
        assert r.announcement.published == dt.date(2024, 3, 4)
        assert r.announcement.language == "de"


def test_markup_option_reject_fails_only_the_html_item() -> None:
    results = parse_many(["plain text", "<b>bold</b> text"], markup="reject")
    assert [r.ok for r in results] == [True, False]
    assert results[1].error_type == "MarkupError"


def test_max_bytes_refuses_big_files_per_item(tmp_path: Path) -> None:
    small = _write(tmp_path, "small.txt", b"Acme.")
    big = _write(tmp_path, "big.txt", b"x" * 101)
    results = parse_many([small, big], max_bytes=100)
    assert [r.ok for r in results] == [True, False]
    assert results[1].error is not None and "101" in results[1].error and "100" in results[1].error


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"workers": -1}, "workers"),
        ({"workers": 1.5}, "workers"),
        ({"chunksize": 0}, "chunksize"),
        ({"max_bytes": -5}, "max_bytes"),
        ({"language": "xx"}, "xx"),
        ({"published": "yesterday"}, "published"),
        ({"markup": "strip"}, "markup"),
    ],
)
def test_bad_arguments_raise_before_any_item_is_read(kwargs: dict[str, object], match: str) -> None:
    def items() -> object:
        raise AssertionError("items must not be read")
        yield ""  # pragma: no cover

    with pytest.raises(ValueError, match=match):
        iter_parse(items(), **kwargs)  # type: ignore[arg-type]


def test_non_text_items_are_failures_not_crashes() -> None:
    results = parse_many(["ok", b"bytes", 42])  # type: ignore[list-item]
    assert [r.ok for r in results] == [True, False, False]
    assert results[1].error_type == "ArticleTypeError"
    assert results[2].error_type == "ArticleTypeError"
    assert not results[2].unexpected


def test_an_unexpected_exception_in_a_stage_is_recorded_as_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(text: str, **kwargs: object) -> et.Announcement:
        if "boom" in text:
            raise ZeroDivisionError("division by zero")
        return et.Announcement()

    monkeypatch.setattr(batch, "parse_article", boom)
    results = parse_many(["fine", "boom", "fine again"])
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].unexpected
    assert results[1].error_type == "ZeroDivisionError"
    assert results[1].error == "ZeroDivisionError: division by zero"


def test_workers_none_or_zero_mean_all_cores() -> None:
    assert resolve_workers(None) == resolve_workers(0) >= 1
    assert resolve_workers(4) == 4


def test_empty_input_gives_empty_list() -> None:
    assert parse_many([]) == []
    assert parse_many([], workers=2) == []


def test_parse_result_ok() -> None:
    assert ParseResult("x", et.Announcement()).ok
    assert not ParseResult("x", None, "broken", "ValueError").ok
