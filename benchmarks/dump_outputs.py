"""Dump what ``parse_article`` returns for a wide set of texts, to prove speed work changes no output.

Run before and after a change and compare the files (``cmp a.jsonl b.jsonl``):
``.venv/bin/python benchmarks/dump_outputs.py before.jsonl``.

The texts: every gold and corpus article of ../shared (with and without its publication date),
each of their paragraphs alone, every golden case of tests/cases, the seeds, and hostile shapes.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import expansion_tracker as et  # noqa: E402

SHARED = ROOT.parent / "shared"
HOSTILE = ["", "." * 5000, "O'" * 3000, "<p>Acme &amp; Co opens in Paris</p>", "Berlin, " * 500, "$5 million " * 300]


def texts() -> list[tuple[str, str, dict[str, object]]]:
    """(key, text, keyword arguments) for every text of the check set."""
    out: list[tuple[str, str, dict[str, object]]] = []
    for path in sorted(SHARED.glob("gold/*.json")) + sorted(SHARED.glob("corpus/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = doc.get("text") or (SHARED / doc["text_file"]).read_text(encoding="utf-8")
        out.append((doc["id"], text, {}))
        if doc.get("published"):
            out.append((doc["id"] + "@published", text, {"published": doc["published"]}))
        language = et.parse_article(text).language
        for i, para in enumerate(p for p in text.split("\n") if p.strip()):
            out.append((f"{doc['id']}#{i}", para, {"language": language, "published": dt.date(2024, 5, 6)}))
    for path in sorted((ROOT / "tests" / "cases").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            out.append(("case:" + case["id"], case["text"], {"published": case.get("published")}))
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out.append(("seed:" + path.name, path.read_text(encoding="utf-8"), {}))
    out.extend((f"hostile:{i}", text, {}) for i, text in enumerate(HOSTILE))
    return out


def main() -> None:
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):  # "--help" is no file to write the dump to
        raise SystemExit(__doc__)
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for key, text, kwargs in texts():
            try:
                result: object = et.parse_article(text, **kwargs).to_dict()  # type: ignore[arg-type]
            except et.ExpansionTrackerError as exc:
                result = {"error": type(exc).__name__, "message": str(exc)}
            out.write(json.dumps({"key": key, "result": result}, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
