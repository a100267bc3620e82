"""expansion_tracker: which company has which offices where, read from news articles.

>>> import expansion_tracker as et
>>> et.parse_article("").is_empty
True
"""

from .batch import ParseResult, iter_parse, parse_many
from .collection import (
    AddResult,
    AnnouncementRecord,
    Collection,
    CompanyPresence,
    Count,
    LeaderRecord,
    OfficeChange,
    OfficeRecord,
    PersonRecord,
    RoleRecord,
    StatusEvent,
    TimelineEvent,
    company_key,
)
from .detect import detect_language
from .errors import (
    ArticleFileError,
    ArticleTypeError,
    ColumnError,
    ExpansionTrackerError,
    InvalidDateError,
    LanguageDataError,
    MarkupError,
    MissingExtraError,
    ModelError,
    ParameterError,
    ParseTimeoutError,
    StoreError,
    UnsupportedLanguageError,
)
from .io import read_article
from .languages import supported_languages
from .models import (
    Announcement,
    Company,
    DatePrecision,
    DateValue,
    Evidence,
    Money,
    Office,
    OfficeKind,
    OfficeStatus,
    Person,
    Place,
    Role,
)
from .parse import parse_article

__all__ = [
    "AddResult",
    "Announcement",
    "AnnouncementRecord",
    "ArticleFileError",
    "ArticleTypeError",
    "Collection",
    "ColumnError",
    "Company",
    "CompanyPresence",
    "Count",
    "DatePrecision",
    "DateValue",
    "Evidence",
    "ExpansionTrackerError",
    "InvalidDateError",
    "LanguageDataError",
    "LeaderRecord",
    "MarkupError",
    "MissingExtraError",
    "ModelError",
    "Money",
    "Office",
    "OfficeChange",
    "OfficeKind",
    "OfficeRecord",
    "OfficeStatus",
    "ParameterError",
    "ParseResult",
    "ParseTimeoutError",
    "Person",
    "PersonRecord",
    "Place",
    "Role",
    "RoleRecord",
    "StatusEvent",
    "StoreError",
    "TimelineEvent",
    "UnsupportedLanguageError",
    "company_key",
    "detect_language",
    "iter_parse",
    "parse_article",
    "parse_many",
    "read_article",
    "supported_languages",
]
