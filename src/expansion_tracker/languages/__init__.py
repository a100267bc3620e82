"""Language knowledge as data: one folder per language, one JSON file per topic.

``languages/<code>/<topic>.json`` holds what one stage needs for one language (office nouns,
month words, role titles, ...). ``languages/_schema/<topic>.json`` lists the keys a topic file
may have and their types; every file is checked against it when loaded. Adding a language means
adding a folder of topic files and tests: see ``docs/adding-a-language.md``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import attrs

from ..errors import LanguageDataError, UnsupportedLanguageError

__all__ = ["LanguageData", "load_language", "supported_languages"]

_TYPES: dict[str, Any] = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "list[str]": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "dict[str,str]": lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
    "dict[str,int]": lambda v: (
        isinstance(v, dict) and all(isinstance(x, int) and not isinstance(x, bool) for x in v.values())
    ),
    "dict[str,float]": lambda v: isinstance(v, dict) and all(isinstance(x, (int, float)) for x in v.values()),
    "dict[str,list[str]]": lambda v: (
        isinstance(v, dict) and all(isinstance(x, list) and all(isinstance(y, str) for y in x) for x in v.values())
    ),
    "list[dict]": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
    "dict": lambda v: isinstance(v, dict),
}


def _root() -> Any:
    return resources.files(__name__)


@cache
def supported_languages() -> tuple[str, ...]:
    """The codes that have a language folder, sorted."""
    return tuple(sorted(p.name for p in _root().iterdir() if p.is_dir() and not p.name.startswith(("_", "."))))


@cache
def _schema(topic: str) -> dict[str, str]:
    path = _root() / "_schema" / f"{topic}.json"
    if not path.is_file():
        raise LanguageDataError(f"_schema/{topic}.json", "no schema for this topic")
    schema: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    for key, type_name in schema.items():
        if type_name not in _TYPES:
            raise LanguageDataError(f"_schema/{topic}.json", f"unknown type {type_name!r} for {key!r}")
    return schema


def validate_topic(topic: str, data: Any, where: str) -> dict[str, Any]:
    """Check one topic file's content against its schema; return it unchanged."""
    schema = _schema(topic)
    if not isinstance(data, dict):
        raise LanguageDataError(where, "a topic file must hold a JSON object")
    for key, value in data.items():
        if key.startswith("_"):  # "_comment" and the like
            continue
        if key not in schema:
            raise LanguageDataError(where, f"unknown key {key!r} (allowed: {', '.join(sorted(schema))})")
        if not _TYPES[schema[key]](value):
            raise LanguageDataError(where, f"{key!r} must be {schema[key]}")
    return data


@attrs.frozen
class LanguageData:
    """The data of one language: ``lang.get("offices", "office_nouns")`` and the like."""

    code: str
    _topics: dict[str, dict[str, Any]] = attrs.field(alias="topics", repr=False)

    def topic(self, name: str) -> dict[str, Any]:
        """The whole content of one topic; an empty dict when the language has no such file."""
        return self._topics.get(name, {})

    def get(self, topic: str, key: str, default: Any = None) -> Any:
        value = self._topics.get(topic, {}).get(key)
        if value is None:
            return [] if default is None else default
        return value


@cache
def load_language(code: str) -> LanguageData:
    """Load and validate every topic file of a language (cached).

    >>> load_language("de").code
    'de'
    >>> load_language("xx")
    Traceback (most recent call last):
    ...
    expansion_tracker.errors.UnsupportedLanguageError: unsupported language 'xx'; supported: ...
    """
    if not isinstance(code, str) or code not in supported_languages():
        raise UnsupportedLanguageError(str(code), supported_languages())
    folder = _root() / code
    topics: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        topic = path.name[: -len(".json")]
        where = f"languages/{code}/{path.name}"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise LanguageDataError(where, f"invalid JSON: {exc}") from exc
        topics[topic] = validate_topic(topic, data, where)
    return LanguageData(code, topics)
