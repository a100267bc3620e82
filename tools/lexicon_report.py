#!/usr/bin/env python3
"""Which office cue entries of the language data the annotated articles use, and how often.

    python tools/lexicon_report.py            # entries found in exactly one article, per language
    python tools/lexicon_report.py --all      # every entry with its article count

An entry found in a single corpus article may have been added for that article; each one listed
should be checked: keep it when it is general vocabulary of the language (a word any news text
of the kind could use), remove it when it only fits the article it came from. Entries found in no
article are not listed: general vocabulary need not occur in a small corpus.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from expansion_tracker.cues import Tokens, find_cues, lexicon
from expansion_tracker.evaluation import load_gold
from expansion_tracker.languages import load_language
from expansion_tracker.text import normalize, split_sentences

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / "tests" / "gold", ROOT / "tests" / "corpus")


def usage() -> dict[str, dict[tuple[str, str], set[str]]]:
    """language -> (category, entry) -> ids of the articles it is found in."""
    found: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc in load_gold(*CORPUS):
        lang = load_language(doc["lang"])
        lex = lexicon(lang.code)
        text = normalize(doc["text"]).text
        for sentence in split_sentences(text, lang.get("text", "abbreviations")):
            tokens = Tokens(text, sentence.start, sentence.end, lex)
            for cue in find_cues(tokens, 0, len(tokens.words)):
                words = tuple(cue.text.split())
                literal = any(entry == words for entry, _ in lex.phrases.get(words[0], ()))
                # a compound ("Entwicklungscampus", "APAC-hub") counts for the office noun it ends in
                found[lang.code][cue.category, cue.text if literal else f"{cue.text} (compound)"].add(doc["id"])
    return found


def main(argv: list[str]) -> int:
    everything = "--all" in argv
    for code, entries in sorted(usage().items()):
        rows = sorted(entries.items(), key=lambda kv: (len(kv[1]), kv[0]))
        single = [(k, ids) for k, ids in rows if len(ids) == 1]
        print(f"{code}: {len(entries)} entries found in the corpus, {len(single)} in a single article")
        for (category, entry), ids in rows if everything else single:
            print(f"  {category:20s} {entry!r:40s} {len(ids):3d}  {', '.join(sorted(ids)[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
