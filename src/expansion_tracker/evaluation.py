"""Measure extraction against annotated articles (the gold form of ``tests/corpus/SCHEMA.md``).

The measures are those the project is judged by: offices by place, place and status, place, status
and company, and the subject's own offices; people by name and by role; funding rounds; the
subject company; the publication date; and offices reported on articles that have none. Use it to
score the library on your own annotated articles:

>>> gold = {"id": "x", "lang": "en", "published": None, "text": "Acme opens an office in Lisbon.",
...         "gold": {"subject": "Acme", "people": [], "funding": [], "offices": [
...             {"company": "Acme", "city": "Lisbon", "country": "PT", "status": "opened", "date": None}]}}
>>> report = Evaluation()
>>> report.add(gold, {"company": {"name": "Acme Inc."}, "offices": [
...     {"company": "Acme", "city": "Lisbon", "country": "PT", "status": "opened", "kind": "office"}]})
>>> report.figures()["place+status"]["f1"], report.figures()["subject company accuracy"]["acc"]
(1.0, 1.0)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .gazetteer import fold_name, get_gazetteer

__all__ = ["MEASURES", "Evaluation", "load_gold"]

MEASURES = (
    "place",
    "place+status",
    "place+status+company",
    "subject offices",
    "people names",
    "people roles",
    "funding",
)
_LEGAL = re.compile(
    r"\b(?:inc|ltd|llc|plc|gmbh|ag|sa|s\.a|se|corp|corporation|co|company|group|holdings?|limited)\b\.?"
)
_NOT_NAME = re.compile(r"[^\w& ]+")
_HQ_KINDS = frozenset(("headquarters", "regional_headquarters", "regional headquarters", "hq"))
_TITLE_OVERLAP = 0.5  # share of words two titles must have in common to be the same role
_MILLION = 1_000_000  # funding is compared in millions: texts round ("$1.2 billion")


def load_gold(*folders: Path) -> list[dict[str, Any]]:
    """The annotated articles of ``folders`` in file-name order, with ``text`` read from ``text_file``
    (relative to the folder's parent's parent, where the gold of shipped seeds points)."""
    docs = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            if "text" not in doc and "text_file" in doc:
                doc["text"] = (folder.parent.parent / doc["text_file"]).read_text(encoding="utf-8")
            docs.append(doc)
    return docs


def org_key(name: str | None) -> str:
    """A company name without legal suffixes and punctuation, folded."""
    key = _LEGAL.sub("", fold_name(name or ""))
    return " ".join(_NOT_NAME.sub(" ", key).split())


def same_org(a: str | None, b: str | None) -> bool:
    """Equal names, or one is the other with more words after it ("Microsoft Deutschland" ~ "Microsoft")."""
    ka, kb = org_key(a).split(), org_key(b).split()
    if not ka or not kb:
        return False
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return long_[: len(short)] == short


def place_key(city: str | None, country: str | None) -> tuple[str, str]:
    """(country, city identity): a GeoNames id where the gazetteer knows the city, else its folded name."""
    code = (country or "").upper()
    if not city:
        return code, ""
    known = get_gazetteer().cities_named(city, code)
    return code, f"geonames:{known[0].geonames_id}" if known else fold_name(city)


def single_status(status: str | None, kind: str | None) -> str:
    """The gold's one status from a (status, kind) pair: a planned, opened or existing head office is
    "headquarters"."""
    if str(kind or "").casefold() in _HQ_KINDS and status in ("planned", "opened", "existing", "", None):
        return "headquarters"
    return status or ""


def _title_match(a: str | None, b: str | None) -> bool:
    fa, fb = fold_name(a or ""), fold_name(b or "")
    if not fa or not fb:
        return not fa and not fb
    if fa in fb or fb in fa:
        return True
    wa, wb = set(fa.split()), set(fb.split())
    return len(wa & wb) / len(wa | wb) >= _TITLE_OVERLAP


@attrs.define
class Counts:
    """True and false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[Any], gold: set[Any]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def figures(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else float(not self.fn)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _offices(offices: Sequence[Mapping[str, Any]], subject: str | None) -> dict[str, set[Any]]:
    out: dict[str, set[Any]] = {k: set() for k in MEASURES[:4]}
    for o in offices:
        key = place_key(o.get("city"), o.get("country"))
        status = single_status(o.get("status"), o.get("kind"))
        of_subject = subject is not None and same_org(o.get("company"), subject)
        out["place"].add(key)
        out["place+status"].add((*key, status))
        out["place+status+company"].add((*key, status, org_key(subject if of_subject else o.get("company"))))
        if of_subject:
            out["subject offices"].add((*key, status))
    return out


def _roles(people: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, str, bool]]:
    roles = []
    for p in people:
        name = " ".join(re.sub(r"[^\w ]+", "", fold_name(p["name"])).split())
        for r in p.get("roles", [p] if "title" in p else []):
            roles.append((name, r.get("title") or "", org_key(r.get("organization")), bool(r.get("current", True))))
    return roles


@attrs.define
class Evaluation:
    """Counts over many articles: ``add`` one gold article and the ``to_dict`` form of its prediction."""

    counts: dict[str, Counts] = attrs.field(factory=lambda: {k: Counts() for k in MEASURES})
    articles: int = 0
    subject_right: int = 0
    dated: int = 0
    date_right: int = 0
    negative_offices: int = 0
    misses: list[str] = attrs.field(factory=list)

    def add(self, doc: Mapping[str, Any], pred: Mapping[str, Any]) -> None:
        gold = doc["gold"]
        subject = gold.get("subject")
        company = pred.get("company")
        pred_subject = company.get("name") if isinstance(company, Mapping) else company
        named = [o.get("company") for o in gold["offices"]] + [subject]
        # offices of companies the gold does not annotate are background facts, neither right nor wrong,
        # except on an article with no gold office at all
        offices = [
            o
            for o in pred.get("offices", [])
            if not gold["offices"] or o.get("company") is None or any(same_org(o.get("company"), c) for c in named)
        ]
        p, g = _offices(offices, subject), _offices(gold["offices"], subject)
        for k in p:
            self.counts[k].add(p[k], g[k])
        missed, extra = g["place+status"] - p["place+status"], p["place+status"] - g["place+status"]
        if missed or extra:
            self.misses.append(f"{doc['id']}: offices missed {sorted(missed)} extra {sorted(extra)}")
        pr, gr = _roles(pred.get("people", [])), _roles(gold.get("people", []))
        self.counts["people names"].add(_bare_names(pred), _bare_names(gold))
        self._add_roles(pr, gr)
        self.counts["funding"].add(_rounds(pred.get("funding", [])), _rounds(gold.get("funding", [])))
        if not gold["offices"]:
            self.negative_offices += len(pred.get("offices", []))
        if doc.get("published"):
            self.dated += 1
            self.date_right += str(pred.get("published") or "")[:10] == doc["published"]
        self.subject_right += same_org(pred_subject, subject)
        self.articles += 1

    def _add_roles(self, pred: list[tuple[str, str, str, bool]], gold: list[tuple[str, str, str, bool]]) -> None:
        used: set[int] = set()
        for g in gold:
            for i, p in enumerate(pred):
                same_person = p[0] == g[0] and p[3] == g[3]
                if i not in used and same_person and same_or_empty(p[2], g[2]) and _title_match(p[1], g[1]):
                    used.add(i)
                    break
        acc = self.counts["people roles"]
        acc.tp += len(used)
        acc.fp += len(pred) - len(used)
        acc.fn += len(gold) - len(used)

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: v.figures() for k, v in self.counts.items()}
        out["subject company accuracy"] = {"acc": _ratio(self.subject_right, self.articles), "n": self.articles}
        out["published date accuracy"] = {"acc": _ratio(self.date_right, self.dated), "n": self.dated}
        out["offices on negative articles"] = self.negative_offices
        return out


def same_or_empty(a: str, b: str) -> bool:
    """Organization keys that are equal (both empty included) or name the same company."""
    return a == b or same_org(a, b)


def _rounds(funding: Iterable[Mapping[str, Any]]) -> set[tuple[int, str]]:
    return {(round(float(f["amount"]) / _MILLION), str(f.get("currency") or "").upper()) for f in funding}


def _bare_names(data: Mapping[str, Any]) -> set[str]:
    return {" ".join(re.sub(r"[^\w ]+", "", fold_name(p["name"])).split()) for p in data.get("people", [])}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def table(figures: Mapping[str, Any]) -> str:
    """The figures as the lines of a plain-text table."""
    lines = []
    for k in MEASURES:
        v = figures[k]
        counts = f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']})"
        lines.append(f"  {k:22s} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}  {counts}")
    for k in ("subject company accuracy", "published date accuracy"):
        lines.append(f"  {k:26s} {figures[k]['acc']}  (n {figures[k]['n']})")
    lines.append(f"  offices on negative articles {figures['offices on negative articles']}")
    return "\n".join(lines)
