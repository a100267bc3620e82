"""The exceptions the library raises: one base class, a few precise subclasses.

Each subclass also inherits the builtin a caller would naturally catch (``ValueError``,
``TypeError``, ``OSError``) and keeps the offending value as an attribute.
Finding nothing in an article is never an error: it is an empty result.
"""

from __future__ import annotations

from pathlib import Path


class ExpansionTrackerError(Exception):
    """Base class of every error raised on purpose by expansion_tracker."""


class ArticleTypeError(ExpansionTrackerError, TypeError):
    """The article text is not a ``str``."""

    def __init__(self, value: object) -> None:
        self.value_type = type(value)
        super().__init__(f"text must be str, not {type(value).__name__}")


class UnsupportedLanguageError(ExpansionTrackerError, ValueError):
    """A language code that has no language data."""

    def __init__(self, code: str, supported: tuple[str, ...] = ()) -> None:
        self.code = code
        self.supported = supported
        hint = f"; supported: {', '.join(supported)}" if supported else ""
        super().__init__(f"unsupported language {code!r}{hint}")


class InvalidDateError(ExpansionTrackerError, ValueError):
    """A date argument (such as ``published``) that is not a usable date."""

    def __init__(self, name: str, value: object, reason: str = "") -> None:
        self.name = name
        self.value = value
        extra = f": {reason}" if reason else ""
        super().__init__(f"{name} must be a datetime.date, got {value!r}{extra}")


class ParameterError(ExpansionTrackerError, ValueError):
    """An argument with a value the function cannot use (``workers=-1``, ``country_bias="Germany"``)."""

    def __init__(self, name: str, value: object, expected: str) -> None:
        self.name = name
        self.value = value
        super().__init__(f"{name} must be {expected}, got {value!r}")


class MissingExtraError(ExpansionTrackerError, ImportError):
    """An optional feature whose extra is not installed (``pip install expansion_tracker[dask]``)."""

    def __init__(self, extra: str, reason: str = "") -> None:
        self.extra = extra
        detail = f" ({reason})" if reason else ""
        super().__init__(f"this needs the '{extra}' extra: pip install 'expansion_tracker[{extra}]'{detail}")


class ColumnError(ExpansionTrackerError, KeyError):
    """A dataframe column that is asked for but missing."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class LanguageDataError(ExpansionTrackerError, ValueError):
    """A language data file that does not match its schema."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ModelError(ExpansionTrackerError, ValueError):
    """A record that cannot be built from the given dict (``from_dict``)."""


class ArticleFileError(ExpansionTrackerError, OSError):
    """An article file that cannot be read: missing, undecodable or too large."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ParseTimeoutError(ExpansionTrackerError, TimeoutError):
    """An article whose parsing ran over the time budget of a batch (``timeout``) and was stopped."""

    def __init__(self, source: str, seconds: float) -> None:
        self.source = source
        self.seconds = seconds
        super().__init__(f"parsing stopped after the time budget of {seconds:g} s (timeout)")


class MarkupError(ExpansionTrackerError, ValueError):
    """Text that is markup (HTML) the caller asked not to clean."""


class StoreError(ExpansionTrackerError):
    """A store file that cannot be opened or used: not ours, corrupt, or from a newer schema."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class InputKindError(ExpansionTrackerError, ValueError):
    """An input of a kind the tool cannot read (a PDF, an image, XML that is no page or feed)."""


class RecordError(ExpansionTrackerError, ValueError):
    """A record of a JSON Lines, CSV or feed input that gives no article: no text, a bad date or language."""


class UnknownPlaceError(ExpansionTrackerError, ValueError):
    """A city, country or region name no gazetteer entry (in any supported language) matches."""

    def __init__(self, kind: str, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")
