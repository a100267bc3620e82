"""Bounded memos: word-level decisions that the stages remember from one article to the next.

News repeats its words (function words, cue words, the big companies and cities), so a stage that
decides something about a word once per language and remembers it saves most of its work on the
next article. An archive of millions of articles meets an unbounded vocabulary, though, so every
memo here has a size limit and starts over when full. :func:`clear_memos` empties them all: the
benchmark uses it to time parsing as if every article were new.

>>> memo: Memo[str, int] = Memo(limit=2)
>>> memo.remember("a", 1), memo.remember("b", 2), memo.get("a")
(1, 2, 1)
>>> memo.remember("c", 3), sorted(memo)  # full: it started over
(3, ['c'])
>>> clear_memos(); len(memo)
0
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

__all__ = ["Memo", "clear_memos", "register_cache"]

K = TypeVar("K")
V = TypeVar("V")


class _Clearable(Protocol):
    def cache_clear(self) -> None: ...


_MEMOS: list[weakref.ref[Memo[Any, Any]]] = []  # dicts are unhashable, so no WeakSet
_CACHES: list[_Clearable] = []


class Memo(dict[K, V]):
    """A dict that holds at most ``limit`` entries: :meth:`remember` empties it first when full."""

    __slots__ = ("__weakref__", "limit")

    def __init__(self, limit: int) -> None:
        super().__init__()
        if limit < 1:
            raise ValueError("Memo limit must be at least 1")
        self.limit = limit
        _MEMOS.append(weakref.ref(self))

    def remember(self, key: K, value: V) -> V:
        """Store ``value`` under ``key`` (starting over if the memo is full) and return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


F = TypeVar("F", bound=Callable[..., Any])


def register_cache(fn: F) -> F:
    """Record a ``functools.lru_cache`` function so that :func:`clear_memos` empties it too."""
    _CACHES.append(fn)  # type: ignore[arg-type]
    return fn


def clear_memos() -> None:
    """Forget every word-level decision remembered so far (the language data stays loaded)."""
    alive = [ref for ref in _MEMOS if ref() is not None]
    _MEMOS[:] = alive
    for ref in alive:
        memo = ref()
        if memo is not None:
            memo.clear()
    for cache in _CACHES:
        cache.cache_clear()
