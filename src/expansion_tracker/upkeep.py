"""Keeping a store right: company aliases, an article's publication date, removing an article, and
re-parsing stored texts with the installed library.

Every change runs in one transaction (one per article for :meth:`StoreUpkeep.reparse`) and is
written to the store's ``edits`` table (:meth:`StoreUpkeep.edits`): what was done, to which
article, with the values before and after. Facts keep the article they were read from.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from .errors import ExpansionTrackerError, StoreError
from .merging import (
    StoreMerging,
    check_day,
    company_key,
    display_name,
    iso,
    library_version,
    pack,
    text_hash,
    unpack_text,
)
from .models import Announcement
from .records import CompanyRecord, ReparseResult

__all__ = ["Edit", "StoreUpkeep"]


@attrs.frozen
class Edit:
    """One logged change to a store."""

    at: str
    action: str
    article_id: int | None
    detail: dict[str, Any]


class StoreUpkeep(StoreMerging):
    """Corrections and refreshes of what a store holds."""

    # -- companies

    def company_records(self) -> tuple[CompanyRecord, ...]:
        """Every company the store knows (with offices or not), with its spellings and counts."""
        rows = self._con.execute(
            "SELECT c.key, c.name, (SELECT count(*) FROM offices o WHERE o.company_key = c.key),"
            " (SELECT count(DISTINCT article_id) FROM ("
            "   SELECT r.article_id FROM reports r JOIN offices o ON o.id = r.office_id WHERE o.company_key = c.key"
            "   UNION SELECT article_id FROM roles WHERE company_key = c.key"
            "   UNION SELECT id FROM articles WHERE company_key = c.key))"
            " FROM companies c ORDER BY c.name COLLATE NOCASE"
        ).fetchall()
        out = []
        for key, name, offices, articles in rows:
            names = {r[0] for r in self._con.execute("SELECT name FROM company_names WHERE company_key = ?", (key,))}
            names |= {r[0] for r in self._con.execute("SELECT alias FROM aliases WHERE company_key = ?", (key,))}
            out.append(CompanyRecord(name, tuple(sorted(names)), offices, articles))
        return tuple(out)

    def add_alias(self, alias: str, canonical: str) -> None:
        """Declare that ``alias`` names the same company as ``canonical`` ("Alphabet" -> "Google").

        Facts already stored under the alias are merged into the canonical company, whose display
        name becomes ``canonical``. Later articles that use the alias are merged on arrival.
        """
        for arg, value in (("alias", alias), ("canonical", canonical)):
            if not isinstance(value, str) or not value.strip():
                raise StoreError(self.path, f"{arg} must be a non-empty company name, got {value!r}")
        target = self._key(canonical)
        source = self._key(alias)
        with self._transaction():
            con = self._con
            con.execute(
                "INSERT INTO companies(key, name) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET name = excluded.name",
                (target, display_name(canonical)),
            )
            con.execute(
                "INSERT OR REPLACE INTO aliases(alias_key, company_key, alias) VALUES (?, ?, ?)",
                (company_key(alias), target, alias),
            )
            con.execute("INSERT OR IGNORE INTO company_names(name, company_key) VALUES (?, ?)", (canonical, target))
            if source != target:
                con.execute("UPDATE aliases SET company_key = ? WHERE company_key = ?", (target, source))
                con.execute("UPDATE company_names SET company_key = ? WHERE company_key = ?", (target, source))
                con.execute("UPDATE roles SET company_key = ? WHERE company_key = ?", (target, source))
                con.execute("UPDATE articles SET company_key = ? WHERE company_key = ?", (target, source))
                # the reports of each office of the alias go to the canonical company's office there
                con.execute("UPDATE reports SET company_key = ? WHERE company_key = ?", (target, source))
                for office_id, place_key in con.execute(
                    "SELECT id, place_key FROM offices WHERE company_key = ?", (source,)
                ).fetchall():
                    row = con.execute(
                        "SELECT id FROM offices WHERE company_key = ? AND place_key = ?", (target, place_key)
                    ).fetchone()
                    if row:
                        con.execute("UPDATE reports SET office_id = ? WHERE office_id = ?", (row[0], office_id))
                        con.execute("DELETE FROM offices WHERE id = ?", (office_id,))
                    else:
                        con.execute("UPDATE offices SET company_key = ? WHERE id = ?", (target, office_id))
                con.execute("DELETE FROM companies WHERE key = ?", (source,))
            self._log("add_alias", None, alias=alias, canonical=canonical)
        self._load_aliases()

    def remove_alias(self, alias: str) -> None:
        """Undo :meth:`add_alias`: facts stored under the alias's spelling go back to a company of
        their own (every affected article is filed again from its stored announcement)."""
        key = company_key(alias)
        row = self._con.execute("SELECT company_key, alias FROM aliases WHERE alias_key = ?", (key,)).fetchone()
        if row is None:
            raise StoreError(self.path, f"{alias!r} is not a declared alias")
        target = row[0]
        with self._transaction():
            con = self._con
            articles = [
                r[0]
                for r in con.execute(
                    "SELECT id FROM articles WHERE company_key = ? UNION SELECT article_id FROM roles WHERE"
                    " company_key = ? UNION SELECT r.article_id FROM reports r JOIN offices o ON o.id = r.office_id"
                    " WHERE o.company_key = ?",
                    (target, target, target),
                )
            ]
            con.execute("DELETE FROM aliases WHERE alias_key = ?", (key,))
            self._load_aliases()
            for (name,) in con.execute("SELECT name FROM company_names WHERE company_key = ?", (target,)).fetchall():
                if self._key(name) != target:
                    con.execute("UPDATE company_names SET company_key = ? WHERE name = ?", (self._key(name), name))
            for article_id in articles:
                self._refile(article_id, self._stored(article_id))
            self._log("remove_alias", None, alias=row[1], canonical=self._company_name_of(target))
        self._load_aliases()

    def _company_name_of(self, key: str) -> str | None:
        row = self._con.execute("SELECT name FROM companies WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    # -- articles

    def _stored(self, article_id: int) -> Announcement:
        row = self._con.execute("SELECT data FROM article_blobs WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(self.path, f"no article with id {article_id}")
        return Announcement.from_dict(json.loads(zlib.decompress(row[0])))

    def _refile(self, article_id: int, announcement: Announcement) -> None:
        """Replace an article's facts by those of ``announcement`` (caller's transaction)."""
        self._delete_facts(article_id)
        self._insert_facts(article_id, announcement)

    def _article_text(self, article_id: int) -> str | None:
        """The kept text, else the source file's when it still has the same text."""
        text_blob, source, digest = self._con.execute(
            "SELECT b.text, a.source, a.text_hash FROM articles a JOIN article_blobs b ON b.article_id = a.id"
            " WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if text_blob is not None:
            return unpack_text(text_blob)
        if source and Path(source).is_file():
            from .io import read_article

            try:
                text = read_article(source)
            except ExpansionTrackerError:
                return None
            if text_hash(text) == digest:
                return text
        return None

    def _keep_text(self, article_id: int, text: str | None) -> None:
        """Store a text read back from the source file, so that the next re-parse needs no file."""
        if text is not None:
            self._con.execute(
                "UPDATE article_blobs SET text = ? WHERE article_id = ? AND text IS NULL", (pack(text), article_id)
            )

    def set_published(self, article_id: int, published: dt.date | str | None) -> None:
        """Set (or with None, clear) an article's publication date. Its facts are read again with the
        new date when its text is known (so "next year" resolves), else re-dated as stored."""
        day = check_day("published", published)
        old = self._stored(article_id)
        text = self._article_text(article_id)
        # parsed before the write begins, so that readers and writers are not held up meanwhile
        source = self._parse(article_id, text, day) if text is not None else old
        ann = attrs.evolve(source, published=day)
        with self._transaction():
            self._keep_text(article_id, text)
            self._con.execute("UPDATE articles SET published_given = ? WHERE id = ?", (iso(day), article_id))
            self._refile(article_id, ann)
            self._log("set_published", article_id, before=iso(old.published), after=iso(day), reparsed=text is not None)

    def remove_article(self, article_id: int) -> None:
        """Remove an article and every fact read from it; offices no other article reports go too."""
        row = self._con.execute("SELECT source, text_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(self.path, f"no article with id {article_id}")
        with self._transaction():
            self._delete_facts(article_id)
            self._con.execute("DELETE FROM article_blobs WHERE article_id = ?", (article_id,))
            self._con.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self._log("remove_article", article_id, source=row[0], text_hash=row[1])

    def _parse(self, article_id: int, text: str, published: dt.date | None) -> Announcement:
        from .parse import parse_article

        source, language = self._con.execute(
            "SELECT source, language_given FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return parse_article(text, published=published, language=language, source=source)

    def reparse(
        self,
        *,
        article_ids: tuple[int, ...] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[ReparseResult]:
        """Read stored articles again with the installed library, one transaction per article, so
        that a better extractor improves an existing store. Articles whose text is neither kept nor
        in their source file are skipped; ``progress(done, total)`` is called after each article."""
        ids = (
            list(article_ids)
            if article_ids is not None
            else [r[0] for r in self._con.execute("SELECT id FROM articles ORDER BY id")]
        )
        version = library_version()
        results: list[ReparseResult] = []
        for done, article_id in enumerate(ids, 1):
            row = self._con.execute(
                "SELECT source, published_given, (SELECT count(*) FROM reports WHERE article_id = ?)"
                " FROM articles WHERE id = ?",
                (article_id, article_id),
            ).fetchone()
            if row is None:
                raise StoreError(self.path, f"no article with id {article_id}")
            source, given, before = row
            text = self._article_text(article_id)
            if text is None:
                results.append(ReparseResult(article_id, source, "skipped", before, before, "no text kept"))
            else:
                try:
                    ann = self._parse(article_id, text, dt.date.fromisoformat(given) if given else None)
                except ExpansionTrackerError as exc:
                    results.append(ReparseResult(article_id, source, "failed", before, before, str(exc)))
                else:
                    with self._transaction():
                        self._keep_text(article_id, text)
                        self._refile(article_id, ann)
                        self._con.execute("UPDATE articles SET parsed_with = ? WHERE id = ?", (version, article_id))
                        self._log("reparse", article_id, offices_before=before, offices_after=len(ann.offices),
                                  version=version)  # fmt: skip
                    results.append(ReparseResult(article_id, source, "reparsed", before, len(ann.offices)))
            if progress is not None:
                progress(done, len(ids))
        return results

    def edits(self) -> tuple[Edit, ...]:
        """Every logged change, oldest first."""
        return tuple(
            Edit(at, action, article_id, json.loads(detail))
            for at, action, article_id, detail in self._con.execute(
                "SELECT at, action, article_id, detail FROM edits ORDER BY id"
            )
        )
