"""Articles as they come: saved pages, RSS and Atom feeds, JSON Lines and CSV records, stdin, unknown kinds."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

import expansion_tracker as et
from expansion_tracker.readers import Article, ReadFailure, detect_kind, iter_articles

D = dt.date

# A news page as a browser saves it: the article is about Acme in Berlin; the menu, the aside of
# other companies' news and the footer each name another company and an office change.
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Acme Robotics opens office in Berlin | Tech Daily</title>
<link rel="canonical" href="https://news.example.com/2024/03/acme-berlin">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Acme Robotics opens office in Berlin", "datePublished": "2024-03-04T09:00:00Z"}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/tech">Tech</a></li>
<li><a href="/umbrella">Umbrella Corp opens office in Tokyo</a></li></ul></nav></header>
<main><article>
<h1>Acme Robotics opens office in Berlin</h1>
<p>Acme Robotics, the warehouse automation company, said on Monday it has opened a new office in Berlin,
its first in Germany.</p>
<p>The office will employ 40 engineers by the end of the year, the company said. Chief executive Jane Miller
said Germany is the company's largest market in Europe.</p>
</article>
<aside><h2>Related stories</h2><ul>
<li><a href="/shopify-ottawa">Shopify closes office in Ottawa</a></li>
<li><a href="/globex-paris">Globex opens new headquarters in Paris</a></li>
</ul></aside></main>
<footer><p>© 2024 Tech Daily. Initech opens office in Madrid. Contact us.</p></footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tech Daily</title><link>https://news.example.com/</link>
<language>en-us</language>
<item><title>Acme Robotics opens office in Berlin</title><link>https://news.example.com/acme-berlin</link>
<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Acme Robotics said on Monday it has opened a new office in Berlin.&lt;/p&gt;</description></item>
<item><title>Globex plans office in Toronto</title><link>https://news.example.com/globex-toronto</link>
<pubDate>Tue, 07 May 2024 10:30:00 +0000</pubDate>
<description>Globex plans to open an office in Toronto next year, the company said.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2024-06-02T00:00:00Z</updated>
<entry><title>Initech closes its office in Austin</title><link href="https://wire.example.org/initech-austin"/>
<id>urn:1</id><published>2024-06-01T08:00:00Z</published><updated>2024-06-02T08:00:00Z</updated>
<content type="html">&lt;p&gt;Initech said it will close its office in Austin at the end of June.&lt;/p&gt;</content>
</entry>
<entry><title>Hooli opens an office in Dublin</title><link href="https://wire.example.org/hooli-dublin"/>
<id>urn:2</id><updated>2024-07-09T08:00:00Z</updated>
<summary>Hooli opened an office in Dublin on Tuesday.</summary></entry>
</feed>
"""

JSONL = (
    '{"id": "a1", "text": "Acme Robotics opened an office in Lyon.", "published": "2024-03-04",'
    ' "url": "https://x.example/a1"}\n'
    '{"id": "a2", "text": "Globex ferme son bureau de Gand.", "published": "2024-05-06T10:00:00Z", "language": "FR"}\n'
    "\n"
    '{"id": "a3", "html": "<html><body><article><h1>Hooli opens office in Oslo</h1><p>Hooli said on Monday it'
    ' has opened an office in Oslo, its first in Norway.</p></article></body></html>", "published": "2024-07-01"}\n'
)

CSV = (
    "id,title,text,published,url,language\n"
    '1,,"Acme Robotics opened an office in Lyon.",2024-03-04,,\n'
    '2,Globex in Wien,"Globex eröffnet ein Büro in Wien, sagte das Unternehmen.",2024-05-06,https://y.example/2,de\n'
)


def read(tmp_path: Path, name: str, content: str | bytes) -> list[Article | ReadFailure]:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return list(iter_articles([path]))


def companies(ann: et.Announcement) -> set[str]:
    return {o.company for o in ann.offices} | set(ann.organizations)


def test_a_saved_page_gives_its_article_without_the_clutter(tmp_path: Path) -> None:
    [article] = read(tmp_path, "page.txt", PAGE)  # a page whatever its name
    assert isinstance(article, Article)
    assert (article.kind, article.extracted) == ("html", True)
    assert article.published == D(2024, 3, 4)  # from the JSON-LD datePublished
    assert article.source == article.url == "https://news.example.com/2024/03/acme-berlin"
    assert article.text.startswith("Acme Robotics opens office in Berlin\n\n")
    for clutter in ("Shopify", "Globex", "Initech", "Umbrella", "Related", "Home"):
        assert clutter not in article.text
    ann = et.parse_article(article.text, published=article.published, source=article.source)
    assert {(o.company, o.place.name) for o in ann.offices} == {("Acme Robotics", "Berlin")}
    assert companies(ann) <= {"Acme Robotics"}
    assert all(article.text[o.evidence.start : o.evidence.end] == o.evidence.text for o in ann.offices)


def test_a_page_without_article_text_is_a_named_failure(tmp_path: Path) -> None:
    [failure] = read(tmp_path, "empty.html", "<html><head><script>var x;</script></head><body></body></html>")
    assert isinstance(failure, ReadFailure)
    assert failure.error_type == "InputKindError" and "empty.html" in failure.error


def test_rss_gives_one_article_per_item_with_its_date_and_link(tmp_path: Path) -> None:
    articles = read(tmp_path, "feed.xml", RSS)
    assert [(a.kind, a.source, a.published, a.language) for a in articles if isinstance(a, Article)] == [
        ("feed", "https://news.example.com/acme-berlin", D(2024, 3, 4), "en"),
        ("feed", "https://news.example.com/globex-toronto", D(2024, 5, 7), "en"),
    ]
    first = articles[0]
    assert isinstance(first, Article) and first.summary_only
    assert first.text == (
        "Acme Robotics opens office in Berlin\n\nAcme Robotics said on Monday it has opened a new office in Berlin."
    )


def test_atom_uses_the_published_date_then_the_updated_one(tmp_path: Path) -> None:
    articles = read(tmp_path, "wire.atom", ATOM)
    assert [(a.source, a.published, a.summary_only) for a in articles if isinstance(a, Article)] == [
        ("https://wire.example.org/initech-austin", D(2024, 6, 1), False),
        ("https://wire.example.org/hooli-dublin", D(2024, 7, 9), True),
    ]


def test_jsonl_gives_one_article_per_row_with_its_own_date(tmp_path: Path) -> None:
    articles = read(tmp_path, "news.jsonl", JSONL)
    assert [(a.source.rsplit("/", 1)[-1], a.published, a.language) for a in articles if isinstance(a, Article)] == [
        ("a1", D(2024, 3, 4), None),
        ("news.jsonl#a2", D(2024, 5, 6), "fr"),
        ("news.jsonl#a3", D(2024, 7, 1), None),
    ]
    html_row = articles[2]
    assert isinstance(html_row, Article) and html_row.extracted and "Oslo" in html_row.text


def test_csv_gives_one_article_per_row_and_a_title_as_headline(tmp_path: Path) -> None:
    articles = read(tmp_path, "export.csv", CSV)
    assert [(a.source.rsplit("/", 1)[-1], a.published, a.language) for a in articles if isinstance(a, Article)] == [
        ("export.csv#1", D(2024, 3, 4), None),
        ("2", D(2024, 5, 6), "de"),
    ]
    assert isinstance(articles[1], Article) and articles[1].text.startswith("Globex in Wien\n\nGlobex eröffnet")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not a JSON object"),
        ('["a list"]', "must be a JSON object"),
        ('{"id": 7}', "neither a non-empty 'text' nor an 'html'"),
        ('{"text": "Acme.", "published": "last week"}', "published is not a date"),
        ('{"text": "Acme.", "language": "klingon"}', "language 'klingon' is not one of"),
    ],
)
def test_a_bad_record_fails_alone_and_names_its_line(tmp_path: Path, line: str, message: str) -> None:
    good = '{"text": "Acme opens an office in Lyon."}'
    articles = read(tmp_path, "rows.jsonl", f"{good}\n{line}\n{good}\n")
    assert [type(a).__name__ for a in articles] == ["Article", "ReadFailure", "Article"]
    failure = articles[1]
    assert isinstance(failure, ReadFailure)
    assert failure.source.endswith("rows.jsonl:2") and message in failure.error


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"abc\x00def", "binary data"),
        (b'<?xml version="1.0"?><urlset><url><loc>https://x</loc></url></urlset>', "root element is <urlset>"),
    ],
)
def test_a_kind_that_cannot_be_read_is_named(tmp_path: Path, content: bytes, kind: str) -> None:
    [failure] = read(tmp_path, "article.txt", content)
    assert isinstance(failure, ReadFailure) and failure.error_type == "InputKindError"
    assert failure.error.startswith(str(tmp_path / "article.txt")) and kind in failure.error


def test_folders_give_every_file_and_skip_none_in_silence(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Acme opens an office in Lyon.", encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "c.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("Hidden opens an office in Rome.", encoding="utf-8")
    kinds = [a.kind if isinstance(a, Article) else "failed" for a in iter_articles([tmp_path])]
    assert kinds == ["text", "html", "feed", "feed", "failed"]


def test_stdin_is_read_once_and_detected(tmp_path: Path) -> None:
    articles = list(iter_articles(["-"], stdin=io.BytesIO(JSONL.encode("utf-8"))))
    assert [a.source for a in articles][1:] == ["<stdin>#a2", "<stdin>#a3"]
    [text] = iter_articles(["-"], stdin=io.BytesIO(b'{"text": "x"}'), input_format="text")
    assert isinstance(text, Article) and (text.kind, text.text) == ("text", '{"text": "x"}')


def test_encodings_named_or_detected(tmp_path: Path) -> None:
    data = "Die Acme GmbH eröffnet ein Büro in München. Das Büro in München wird größer.".encode("cp1252")
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    [failure] = iter_articles([path])
    assert isinstance(failure, ReadFailure) and "--encoding" in failure.error and str(path) in failure.error
    [named] = iter_articles([path], encoding="cp1252")
    [auto] = iter_articles([path], encoding="auto")
    assert isinstance(named, Article) and isinstance(auto, Article)
    assert named.text == auto.text == data.decode("cp1252")


def test_kinds_are_told_from_content() -> None:
    assert detect_kind("  \n<rdf:RDF xmlns:rdf='x'><item/></rdf:RDF>") == "feed"
    assert detect_kind("<!-- saved -->\n<html><body><p>x</p></body></html>") == "html"
    assert detect_kind("id;text\n1;Acme") == "csv"
    assert detect_kind("a,b\n1,2") == "text"  # no text column: not records
    assert detect_kind("Text, images and video: Acme opens in Lyon.") == "text"  # a sentence, not a header
    assert detect_kind("{not json at all} Acme opens") == "text"


def test_a_batch_takes_articles_and_failures_in_order(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    results = et.parse_many(iter_articles([tmp_path]))
    assert [(r.source, r.ok) for r in results] == [
        ("https://news.example.com/acme-berlin", True),
        ("https://news.example.com/globex-toronto", True),
        (str(tmp_path / "x.pdf"), False),
    ]
    assert [r.announcement.published for r in results[:2] if r.announcement] == [D(2024, 3, 4), D(2024, 5, 7)]
    # a date given by the caller wins over the item's own
    given = et.parse_many(iter_articles([tmp_path / "feed.xml"]), published=D(2020, 1, 1))
    assert {r.announcement.published for r in given if r.announcement} == {D(2020, 1, 1)}
    json.dumps([r.announcement.to_dict() for r in results if r.announcement])  # serializable


def test_a_file_in_a_batch_is_read_by_its_kind(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    page, feed = et.parse_many([tmp_path / "page.html", tmp_path / "feed.xml"])
    assert page.announcement is not None and page.source == str(tmp_path / "page.html")
    assert page.announcement.published == D(2024, 3, 4)
    assert companies(page.announcement) <= {"Acme Robotics"}
    assert feed.error_type == "RecordError" and "holds 2 articles" in (feed.error or "")


def test_a_feed_or_page_in_the_encoding_it_declares(tmp_path: Path) -> None:
    feed = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Berlin.", "Berlin, près de Köln.")
    [first, _] = read(tmp_path, "latin.xml", feed.encode("latin-1"))
    assert isinstance(first, Article) and first.text.endswith("près de Köln.")
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace("Germany.", "Germany – ok.")
    [article] = read(tmp_path, "cp1252.html", page.encode("cp1252"))
    assert isinstance(article, Article) and "Germany – ok." in article.text
