"""Facts the dates fast path relies on (see dates._matches): on lowercased text without a "special"
character, the case-sensitive low probes find every match of the case-insensitive probes."""

from __future__ import annotations

import re
import re._casefix  # type: ignore[import-not-found]

from expansion_tracker.dates import _has_special, _paired


def test_special_covers_every_pair_sre_matches_case_insensitively() -> None:
    special = _has_special()
    for key, values in re._casefix._EXTRA_CASES.items():
        for c in map(chr, (key, *values)):
            assert c.isascii() or special.match(c), hex(ord(c))


def test_lowercasing_keeps_digit_and_space_classes() -> None:
    digit, space = re.compile(r"\d"), re.compile(r"\s")
    for i in range(0x110000):
        c = chr(i)
        low = c.lower()
        if len(low) == 1:
            assert (digit.match(c) is None) == (digit.match(low) is None), hex(i)
            assert (space.match(c) is None) == (space.match(low) is None), hex(i)


def test_paired_skips_only_blocks_without_pairs() -> None:
    # _paired looks only at 1024-character blocks that uppercasing changes: the same set as a look at all
    by_upper: dict[str, set[str]] = {}
    for c in map(chr, range(0x10000)):
        if c.lower() == c:
            by_upper.setdefault(c.upper(), set()).add(c)
    paired = {c for group in by_upper.values() if len(group) > 1 for c in group if not c.isascii()}
    assert _paired() == "[" + "".join(re.escape(c) for c in sorted(paired)) + "]"
