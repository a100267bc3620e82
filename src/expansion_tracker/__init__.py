"""expansion_tracker: which company has which offices where, read from news articles.

>>> import expansion_tracker as et
>>> et.parse_article("").is_empty
True
"""

from .batch import ParseResult, parse_many
from .detect import detect_language
from .errors import (
    ArticleFileError,
    ArticleTypeError,
    ExpansionTrackerError,
    InvalidDateError,
    LanguageDataError,
    MarkupError,
    ModelError,
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
    "Announcement",
    "ArticleFileError",
    "ArticleTypeError",
    "Company",
    "DatePrecision",
    "DateValue",
    "Evidence",
    "ExpansionTrackerError",
    "InvalidDateError",
    "LanguageDataError",
    "MarkupError",
    "ModelError",
    "Money",
    "Office",
    "OfficeKind",
    "OfficeStatus",
    "ParseResult",
    "Person",
    "Place",
    "Role",
    "StoreError",
    "UnsupportedLanguageError",
    "detect_language",
    "parse_article",
    "parse_many",
    "read_article",
    "supported_languages",
]
