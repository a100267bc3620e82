from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

import expansion_tracker as et
from expansion_tracker.io import iter_article_paths, read_article

TEXT = "Zürich: Acme eröffnet ein Büro – “bald” 🚀\nZweite Zeile."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf32be-bom"],
)
def test_encodings_with_and_without_bom_decode_to_the_same_text(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    assert read_article(p) == TEXT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Caf\xe9 Berlin", "not valid UTF-8 text at byte 3"),
        (TEXT.encode("utf-16-le"), "not valid UTF-8"),  # UTF-16 without a BOM is not guessed
        (codecs.BOM_UTF16_LE + b"A\x00B", "not valid UTF-16 LE text"),  # odd length
        (codecs.BOM_UTF16_LE + b"\x00\xd8A\x00", "not valid UTF-16 LE text"),  # lone surrogate
    ],
)
def test_undecodable_bytes_name_the_file_and_the_place(tmp_path: Path, data: bytes, reason: str) -> None:
    p = tmp_path / "broken article.txt"
    p.write_bytes(data)
    with pytest.raises(et.ArticleFileError, match=reason) as info:
        read_article(p)
    assert info.value.path == str(p)
    assert str(p) in str(info.value)
    assert isinstance(info.value, OSError)


def test_files_over_the_limit_are_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 1001)
    read_calls: list[int] = []
    real_open = Path.open

    def spy_open(self: Path, *args: object, **kwargs: object) -> object:
        f = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        real_read = f.read

        def read(n: int = -1) -> bytes:
            read_calls.append(n)
            return real_read(n)  # type: ignore[no-any-return]

        f.read = read
        return f

    monkeypatch.setattr(Path, "open", spy_open)
    with pytest.raises(et.ArticleFileError, match="1001 bytes, over the limit of 1000") as info:
        read_article(p, max_bytes=1000)
    assert info.value.path == str(p)
    assert read_calls == []
    assert read_article(p, max_bytes=1001) == "x" * 1001
    assert read_calls == [1002]


def test_missing_file_and_directory_are_file_errors(tmp_path: Path) -> None:
    with pytest.raises(et.ArticleFileError, match=r"missing\.txt"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(et.ArticleFileError, match=re.escape(str(tmp_path))):
        read_article(tmp_path)


@pytest.mark.parametrize("bad", [-1, 1.5, "10"])
def test_bad_max_bytes_is_a_value_error(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        read_article(tmp_path / "x.txt", max_bytes=bad)  # type: ignore[arg-type]


def test_empty_file_is_empty_text(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert read_article(p) == ""
    p.write_bytes(codecs.BOM_UTF8)
    assert read_article(p) == ""


def test_folders_are_walked_sorted_for_article_files_only(tmp_path: Path) -> None:
    for rel in [
        "b.txt",
        "a.TXT",
        "notes.md",
        "image.png",
        "sub/c.text",
        "sub/deeper/d.txt",
        ".hidden.txt",
        ".git/e.txt",
    ]:
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x", encoding="utf-8")
    single = tmp_path / "image.png"
    found = [p.relative_to(tmp_path).as_posix() for p in iter_article_paths([tmp_path, single])]
    assert found == ["a.TXT", "b.txt", "notes.md", "sub/c.text", "sub/deeper/d.txt", "image.png"]


def test_walk_with_other_suffixes_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    missing = tmp_path / "gone"
    assert list(iter_article_paths([tmp_path, missing], suffixes=[".html"])) == [tmp_path / "a.html", missing]
