"""A store of many announcements, merged per company and place, with as-of queries.

:class:`Collection` keeps every fact with its source, evidence, publication date and confidence
in SQLite (:mod:`expansion_tracker.store`), and answers questions across articles. Its work is cut
by job, one module each:

* :mod:`~expansion_tracker.merging`: adding announcements, merged per company and place;
* :mod:`~expansion_tracker.history`: each report's effective and report dates, and the status in
  force on a day;
* :mod:`~expansion_tracker.queries`: offices, who is where (:mod:`~expansion_tracker.lookup` reads
  place names), people and leaders, time, dashboards;
* :mod:`~expansion_tracker.upkeep`: aliases, re-dating, removing and re-parsing articles;
* :mod:`~expansion_tracker.records`: the records all of them answer with.
"""

from __future__ import annotations

from .history import PLAN_STATUSES
from .merging import company_key, continent_of, text_hash
from .queries import ACTIVE_STATUSES, StoreQueries, Undated
from .records import (
    AddResult,
    AnnouncementRecord,
    CompanyPresence,
    CompanyRecord,
    Count,
    FileResult,
    LeaderRecord,
    OfficeChange,
    OfficeRecord,
    PersonRecord,
    ReparseResult,
    RoleRecord,
    StatusEvent,
    TimelineEvent,
    date_to_dict,
    record_to_dict,
)
from .upkeep import Edit, StoreUpkeep

__all__ = [
    "ACTIVE_STATUSES",
    "PLAN_STATUSES",
    "AddResult",
    "AnnouncementRecord",
    "Collection",
    "CompanyPresence",
    "CompanyRecord",
    "Count",
    "Edit",
    "FileResult",
    "LeaderRecord",
    "OfficeChange",
    "OfficeRecord",
    "PersonRecord",
    "ReparseResult",
    "RoleRecord",
    "StatusEvent",
    "TimelineEvent",
    "Undated",
    "company_key",
    "continent_of",
    "date_to_dict",
    "record_to_dict",
    "text_hash",
]


class Collection(StoreUpkeep, StoreQueries):
    """Announcements merged per company and place, kept in SQLite.

    ``Collection()`` is private and in memory; ``Collection("offices.db")`` opens (or creates) a
    file store. A file that is not a store, is corrupt, or comes from a newer version raises
    :class:`~expansion_tracker.errors.StoreError` and is not touched. Use it as a context manager
    or call :meth:`close`.

    >>> import datetime as dt
    >>> from expansion_tracker import Announcement, Company, Office, Place, DateValue
    >>> london = Place("London", "GB", geonames_id=2643743, latitude=51.5, longitude=-0.13)
    >>> col = Collection()
    >>> col.add(Announcement(published=dt.date(2024, 3, 4), company=Company("OpenAI"),
    ...     offices=(Office("OpenAI", london, "planned", date=DateValue.quarter(2025, 1)),)), source="a").status
    'added'
    >>> [(o.company, o.place.name, o.status.value, o.date.label, o.effective) for o in col.offices("OpenAI's")]
    [('OpenAI', 'London', 'planned', '2025-Q1', datetime.date(2024, 3, 4))]
    """

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """The number of stored articles."""
        return int(self._con.execute("SELECT count(*) FROM articles").fetchone()[0])

    def __repr__(self) -> str:
        return f"Collection({self.path!r})"
