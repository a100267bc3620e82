"""Building regexes from word lists (language data): one place for the stages that need it.

>>> alternation(["mio", "million", ""])
'million|mio'
>>> import re
>>> [m.group() for m in re.finditer(prefix_tree(["jan", "january", "june"]), "june january jan")]
['june', 'january', 'jan']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["LATIN_LETTERS", "LATIN_WORDISH", "alternation", "prefix_tree"]

# Latin letters (and with digits and "_", word characters) as explicit ranges: a scan for "any
# other character" skips over them quickly, where the Unicode \w class is checked per character.
LATIN_LETTERS = "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
LATIN_WORDISH = LATIN_LETTERS + "0-9_"


def alternation(words: Iterable[str]) -> str:
    """Literal phrases as one alternation, longest first so that the longest match wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


def prefix_tree(words: Iterable[str]) -> str:
    """Literal words as an alternation factored by common prefix, one group per character: it matches the
    same strings as :func:`alternation` (not longest first), and sre compares each character once
    instead of trying every word. Matches nothing when ``words`` is empty."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return build(root) if root else "(?!)"
