"""The time budget per article of parse_many / iter_parse and the command line (``timeout``).

An article that never ends is a named pipe without a writer: opening it blocks until the budget
stops it, in this process or in a worker, whatever the speed of the machine.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

import expansion_tracker as et
from expansion_tracker.batch import iter_parse, parse_many
from expansion_tracker.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(signal, "setitimer"), reason="POSIX only")

BUDGET = 0.2  # seconds: the pipe would block forever, so any budget stops it


@pytest.fixture
def endless(tmp_path: Path) -> Path:
    """A file whose reading never ends (a named pipe nobody writes to)."""
    path = tmp_path / "endless.txt"
    os.mkfifo(path)
    return path


def _outcomes(results: list[et.ParseResult]) -> list[tuple[bool, str | None]]:
    return [(r.ok, r.error_type) for r in results]


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_over_budget_fails_alone_and_the_batch_goes_on(endless: Path, workers: int) -> None:
    items: list[str | Path] = ["Acme opens an office in Berlin.", endless, "Globex opens an office in Paris."] * 2
    results = parse_many(items, workers=workers, chunksize=2, timeout=BUDGET)
    timed_out = (False, "ParseTimeoutError")
    assert _outcomes(results) == [(True, None), timed_out, (True, None)] * 2
    assert results[1].source == str(endless) and not results[1].unexpected
    assert results[1].error == f"parsing stopped after the time budget of {BUDGET:g} s (timeout)"
    assert results[2].announcement is not None and results[2].announcement.offices


def test_off_the_main_thread_the_budget_still_holds(endless: Path) -> None:
    """No SIGALRM there: the articles go to a worker process, which the alarm can stop."""
    results: list[et.ParseResult] = []
    thread = threading.Thread(target=lambda: results.extend(iter_parse(["Acme.", endless], timeout=BUDGET)))
    thread.start()
    thread.join()
    assert _outcomes(results) == [(True, None), (False, "ParseTimeoutError")]


def test_the_callers_alarm_is_put_back(endless: Path) -> None:
    def mine(signum: int, frame: object) -> None:  # pragma: no cover - never fires within the test
        raise AssertionError("the caller's timer fired")

    previous = signal.signal(signal.SIGALRM, mine)
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        parse_many(["Acme.", endless], timeout=BUDGET)
        assert signal.getsignal(signal.SIGALRM) is mine
        assert 90 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_budget_sets_no_alarm() -> None:
    results = parse_many(["Acme opens an office in Berlin."], timeout=None)
    assert _outcomes(results) == [(True, None)]
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


@pytest.mark.parametrize("timeout", [0, -1, True, "5", float("nan"), float("inf"), 1e12])
def test_a_bad_budget_raises_before_any_item_is_read(timeout: object) -> None:
    with pytest.raises(et.ParameterError, match="timeout"):
        iter_parse(iter(()), timeout=timeout)  # type: ignore[arg-type]


def test_the_error_is_a_library_error_and_a_timeout() -> None:
    exc = et.ParseTimeoutError("a.txt", 2.5)
    assert isinstance(exc, et.ExpansionTrackerError) and isinstance(exc, TimeoutError)
    assert (exc.source, exc.seconds) == ("a.txt", 2.5)
    assert str(exc) == "parsing stopped after the time budget of 2.5 s (timeout)"


def test_command_line_timeout_names_the_article_and_goes_on(
    endless: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Acme opens an office in Berlin.", encoding="utf-8")
    code = main(["parse", str(endless), str(good), "--timeout", str(BUDGET)])
    out, err = capsys.readouterr()
    assert code == 1
    message = f"parsing stopped after the time budget of {BUDGET:g} s (timeout)"
    assert err.strip() == f"expansion-tracker: {endless}: {message}"
    assert '"Berlin"' in out


@pytest.mark.parametrize("value", ["-1", "soon", "nan"])
def test_command_line_rejects_a_bad_timeout(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["parse", "a.txt", "--timeout", value])
    assert info.value.code == 2
    assert "timeout" in capsys.readouterr().err
