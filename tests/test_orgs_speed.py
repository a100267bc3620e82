"""Facts about Unicode that the short paths of orgs.py rely on, checked over every code point."""

from __future__ import annotations

import sys


def test_casefold_keeps_whitespace_and_adds_none() -> None:
    """_tail_rules splits the raw text into words and folds only the last ones: the same words as folding first."""
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        folded = c.casefold()
        assert folded, c  # never shorter
        if c.isspace():
            assert folded == c, hex(cp)
        else:
            assert not any(f.isspace() for f in folded), hex(cp)
            assert len(folded.split(None)) == 1, hex(cp)


def test_only_d_and_e_fold_to_d_and_e() -> None:
    """_tail_rules reads a word that casefolds to "de" as one of four spellings."""
    from expansion_tracker.orgs import _DE

    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if "d" in c.casefold() or "e" in c.casefold():
            assert c in "dDeE", hex(cp)
    assert {a + b for a in "dD" for b in "eE"} == _DE
