#!/usr/bin/env python3
"""Train the decision models on the annotated articles and write them as package data.

    python tools/train.py            # writes src/expansion_tracker/data/{office,subject}_model.json
    python tools/train.py --check    # exit 1 when the shipped weights differ from a fresh fit

Needs the ``train`` extra (scikit-learn). The fit is deterministic: the same articles give the
same weights, and each file records a hash of the articles, the settings and the cross-validated
figures of ``tools/evaluate.py`` (pass ``--figures FILE`` with its ``--json`` output).

Four models: the subject model ranks the names of an article (is this the company it is about?);
the office model labels each place (not an office, or a status); the owner model picks, for an
office, the organization it belongs to (the subject, or another organization named near it); the
funding model tells, of each amount, whether it is money the subject raises or invests.
The office and owner models learn from candidates built with the gold subject; at run time, and
in cross-validation, they see the subject the subject model chose.

The office model also learns from the golden cases of ``tests/cases`` (those the rules miss too):
sentences written for one general class each (a denial, a rumour, a move, a colon list...), which
the articles show too rarely for the model to learn. They are always on the training side; the
cross-validated figures are measured on the articles only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from expansion_tracker.candidates import FundingCandidate, OfficeCandidate, SubjectCandidate, owner_options
from expansion_tracker.evaluation import load_gold, place_key, same_org, single_status
from expansion_tracker.languages import load_language
from expansion_tracker.orgs import find_subject
from expansion_tracker.parse import (
    Detection,
    candidates,
    detect_mentions,
    funding_candidates,
    subject_candidates,
    with_subject,
)
from expansion_tracker.scorer import MODEL_FILES, NOT_AN_OFFICE, LinearModel

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / "tests" / "gold", ROOT / "tests" / "corpus")
CASES = ROOT / "tests" / "cases"  # golden cases, <lang>.json: a text and its offices each
DATA = ROOT / "src" / "expansion_tracker" / "data"

OFFICE_CLASSES = (NOT_AN_OFFICE, "headquarters", "opened", "planned", "existing", "considered", "closed")
SUBJECT_CLASSES = ("other", "subject")
OWNER_CLASSES = ("other", "owner")
FUNDING_CLASSES = ("other", "funding")
# Where one place has several gold entries (several companies), the subject's counts; then the
# schema's order of statuses.
_ORDER = {s: i for i, s in enumerate(("headquarters", "opened", "planned", "closed", "considered", "existing"))}
SETTINGS: dict[str, Any] = {
    "C": 0.3,  # inverse L2 strength: a few hundred articles, many sparse features
    "min_articles": 2,  # a feature seen in fewer training articles says nothing general
    "max_iter": 2000,
}
# Stronger L2 for the subject and office models: with the rules' reading among the office features,
# C 0.15 against 0.3 gave place+status 0.4515 against 0.4483 and 5.75 offices on negatives against
# 7.75, and subject accuracy 0.8025 against 0.799 (four fold seeds); funding fell at 0.15 (0.674
# against 0.7065) and the owner model did not move, so they keep 0.3.
MODEL_SETTINGS: dict[str, dict[str, Any]] = {
    "subject": SETTINGS | {"C": 0.15},
    "office": SETTINGS | {"C": 0.15},
    "owner": SETTINGS,
    "funding": SETTINGS,
}

Row = tuple[int, frozenset[str], str]  # (article index, features, gold class)


class Sample(NamedTuple):
    """One annotated article as detected: mentions, subject candidates, and office candidates
    built with the gold subject (what the office model trains on)."""

    doc: dict[str, Any]
    base: Detection
    subjects: list[SubjectCandidate]
    gold_offices: list[OfficeCandidate]
    gold_funding: list[FundingCandidate]


def samples(docs: Sequence[dict[str, Any]]) -> list[Sample]:
    """The detection stages over each article, text only (the gold publication date is not given)."""
    out = []
    for d in docs:
        lang = load_language(d["lang"])
        base = detect_mentions(d["text"], published=None, language=lang, source=None, country_bias=None, markup="clean")
        with_gold = with_subject(base, d["gold"].get("subject"))
        out.append(Sample(d, base, subject_candidates(base), candidates(with_gold), funding_candidates(with_gold)))
    return out


def case_docs(folder: Path = CASES) -> list[dict[str, Any]]:
    """The golden cases (with those the rules miss: their gold is as right) as annotated articles with
    office gold only: in the corpus form, each office with the scorer's single status and no company."""
    docs = []
    for path in sorted(folder.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            offices = [
                {
                    "company": None,
                    "city": o["city"],
                    "country": o["country"],
                    "status": single_status(o["status"], o.get("kind", "office")),
                }
                for o in case["offices"]
            ]
            docs.append(
                {
                    "id": f"case:{path.stem}:{case['id']}",
                    "lang": path.stem,
                    "text": case["text"],
                    "published": case.get("published"),
                    "gold": {"offices": offices},
                    "case_offices": case["offices"],  # as written, with kinds: what tests/test_cases.py checks
                }
            )
    return docs


def case_samples(docs: Sequence[dict[str, Any]]) -> list[Sample]:
    """The office candidates of the golden cases. A case annotates no subject, so its candidates are
    built with the subject the rules of ``orgs.find_subject`` name (a fixed finder, not a trained
    model: the weights never depend on earlier weights); the cases train no other model (their
    subject names are kept for scoring them)."""
    out = []
    for d in docs:
        published = dt.date.fromisoformat(d["published"]) if d.get("published") else None
        lang = load_language(d["lang"])
        base = detect_mentions(
            d["text"], published=published, language=lang, source=None, country_bias=None, markup="clean"
        )
        det = with_subject(base, find_subject(base.clean, base.lang, base.sentences, base.orgs))
        out.append(Sample(d, base, subject_candidates(base), candidates(det), []))
    return out


def gold_offices(doc: dict[str, Any], cands: Sequence[OfficeCandidate]) -> list[tuple[str, str | None]]:
    """The gold (class, company) of each office candidate; ("none", None) for a place that is no office."""
    gold = doc["gold"]
    by_place: dict[tuple[str, str], tuple[str, str | None]] = {}
    order = sorted(
        gold["offices"], key=lambda o: (not same_org(o.get("company"), gold.get("subject")), _ORDER[o["status"]])
    )
    for o in order:
        by_place.setdefault(place_key(o.get("city"), o.get("country")), (o["status"], o.get("company")))
    keys = [place_key(c.mentions[0].place.name, c.mentions[0].place.country) for c in cands]
    return [by_place.get(key, (NOT_AN_OFFICE, None)) for key in keys]


def office_labels(doc: dict[str, Any], cands: Sequence[OfficeCandidate]) -> list[str]:
    """The gold class of each office candidate."""
    return [label for label, _ in gold_offices(doc, cands)]


def owner_rows(items: Sequence[Sample], indexes: Sequence[int]) -> list[Row]:
    """For each gold office among the candidates, each possible owner: is it the gold company?"""
    rows = []
    for i in indexes:
        s = items[i]
        subject = s.doc["gold"].get("subject")
        for cand, (label, company) in zip(s.gold_offices, gold_offices(s.doc, s.gold_offices), strict=True):
            if label == NOT_AN_OFFICE:
                continue
            for option in owner_options(cand, subject):
                rows.append((i, option.features, OWNER_CLASSES[same_org(option.name, company)]))
    return rows


def office_rows(items: Sequence[Sample], indexes: Sequence[int]) -> list[Row]:
    rows = []
    for i in indexes:
        s = items[i]
        for cand, label in zip(s.gold_offices, office_labels(s.doc, s.gold_offices), strict=True):
            rows.append((i, cand.features, label))
    return rows


def subject_rows(items: Sequence[Sample], indexes: Sequence[int]) -> list[Row]:
    rows = []
    for i in indexes:
        s = items[i]
        gold = s.doc["gold"].get("subject")
        for cand in s.subjects:
            rows.append((i, cand.features, SUBJECT_CLASSES[same_org(cand.name, gold)]))
    return rows


def funding_rows(items: Sequence[Sample], indexes: Sequence[int]) -> list[Row]:
    """Each amount of each article: is it one of the gold funding rounds (in millions, same currency)?"""
    rows = []
    for i in indexes:
        s = items[i]
        gold = {(round(g["amount"] / 1_000_000), g["currency"]) for g in s.doc["gold"].get("funding", [])}
        for cand in s.gold_funding:
            key = (round(cand.mention.money.amount / 1_000_000), cand.mention.money.currency)
            rows.append((i, cand.features, FUNDING_CLASSES[key in gold]))
    return rows


def fit(rows: Sequence[Row], classes: Sequence[str], settings: dict[str, Any] = SETTINGS) -> LinearModel:
    """A multinomial logistic model over the rows (binary when there are two classes)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    per_article: dict[int, set[str]] = {}
    for article, feats, _ in rows:
        per_article.setdefault(article, set()).update(feats)
    seen = Counter(f for feats in per_article.values() for f in feats)
    vocabulary = sorted(f for f, n in seen.items() if n >= settings["min_articles"])
    index = {f: i for i, f in enumerate(vocabulary)}
    cols: list[int] = []
    ptr = [0]
    for _, feats, _ in rows:
        cols += sorted(index[f] for f in feats if f in index)
        ptr.append(len(cols))
    x = csr_matrix((np.ones(len(cols)), np.array(cols, dtype=np.int64), np.array(ptr)), shape=(len(rows), len(index)))
    y = np.array([classes.index(label) for _, _, label in rows])
    present = sorted(set(y.tolist()))
    model = LogisticRegression(C=settings["C"], max_iter=settings["max_iter"], solver="lbfgs")
    model.fit(x, y)
    n = len(classes)
    coef = [[0.0] * len(vocabulary) for _ in range(n)]
    bias = [-30.0] * n  # a class never seen in training is never predicted
    if len(present) == 2:  # one row for the second class: split it, softmax([-z/2, z/2]) = sigmoid(z)
        for cls, sign in zip(present, (-0.5, 0.5), strict=True):
            coef[cls] = [sign * float(w) for w in model.coef_[0]]
            bias[cls] = sign * float(model.intercept_[0])
    else:
        for row, cls in enumerate(present):
            coef[cls] = [float(w) for w in model.coef_[row]]
            bias[cls] = float(model.intercept_[row])
    weights = {f: tuple(round(coef[c][i], 6) for c in range(n)) for f, i in index.items()}
    return LinearModel(tuple(classes), weights, tuple(round(b, 6) for b in bias))


class Models(NamedTuple):
    subject: LinearModel
    office: LinearModel
    owner: LinearModel
    funding: LinearModel


def fit_all(items: Sequence[Sample], indexes: Sequence[int], cases: Sequence[Sample] = ()) -> Models:
    """The models trained on the articles at ``indexes``, the office model on ``cases`` too."""
    with_cases = [*items, *cases]
    office_indexes = [*indexes, *range(len(items), len(with_cases))]
    return Models(
        fit(subject_rows(items, indexes), SUBJECT_CLASSES, MODEL_SETTINGS["subject"]),
        fit(office_rows(with_cases, office_indexes), OFFICE_CLASSES, MODEL_SETTINGS["office"]),
        fit(owner_rows(items, indexes), OWNER_CLASSES, MODEL_SETTINGS["owner"]),
        with_threshold(fit(funding_rows(items, indexes), FUNDING_CLASSES, MODEL_SETTINGS["funding"]), items, indexes),
    )


THRESHOLDS = tuple(x / 4 for x in range(-12, 5))  # log-odds tried for a two-class decision
INNER_FOLDS = 5


def with_threshold(model: LinearModel, items: Sequence[Sample], indexes: Sequence[int]) -> LinearModel:
    """The funding model with the decision threshold that gives the best F1 on out-of-fold
    predictions of the training articles (an inner cross-validation; the first best of the grid)."""
    scored: list[tuple[float, bool]] = []
    order = sorted(indexes)
    for k in range(INNER_FOLDS):
        held = set(order[k::INNER_FOLDS])
        rows = funding_rows(items, [i for i in order if i not in held])
        inner = fit(rows, FUNDING_CLASSES, MODEL_SETTINGS["funding"])
        scored += [(inner.log_odds(f), label == "funding") for _, f, label in funding_rows(items, sorted(held))]

    def f1(t: float) -> float:
        tp = sum(1 for odds, ok in scored if odds > t and ok)
        wrong = sum(1 for odds, ok in scored if (odds > t) != ok)
        return 2 * tp / (2 * tp + wrong) if tp else 0.0

    best = max(THRESHOLDS, key=lambda t: (f1(t), -abs(t)))
    return attrs.evolve(model, threshold=best)


def corpus_hash(docs: Sequence[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for d in docs:
        h.update(json.dumps({"text": d["text"], "gold": d["gold"], "lang": d["lang"]}, sort_keys=True).encode())
    return h.hexdigest()


def main(argv: list[str]) -> int:
    docs = load_gold(*CORPUS)
    items = samples(docs)
    cases = case_docs()
    case_items = case_samples(cases)
    models = fit_all(items, range(len(items)), case_items)._asdict()
    figures = None
    if "--figures" in argv:
        figures = json.loads(Path(argv[argv.index("--figures") + 1]).read_text(encoding="utf-8"))
    # the office model's confidences calibrated on out-of-fold predictions (tools/evaluate.py's folds)
    from evaluate import folds, platt, run

    pairs: list[tuple[int, float, bool]] = []
    run(items, folds(len(items)), pairs, cases=case_items)
    office = models["office"]
    models["office"] = attrs.evolve(office, calibration=platt(pairs))
    status = 0
    for name, model in models.items():
        path = DATA / MODEL_FILES[name]
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if "--check" in argv:
            fresh = model.to_dict()
            same = all(old.get(k) == fresh[k] for k in ("weights", "bias", "calibration", "threshold"))
            print(f"{name}: shipped weights {'reproduced' if same else 'differ from a fresh fit'}")
            status |= not same
            continue
        provenance = {
            "articles": len(docs),
            "data_sha256": corpus_hash(docs),
            **({"cases": len(cases), "cases_sha256": corpus_hash(cases)} if name == "office" else {}),
            "settings": MODEL_SETTINGS[name],
            "trainer": "scikit-learn LogisticRegression (lbfgs)",
            "cross_validated": figures if figures is not None else old.get("provenance", {}).get("cross_validated", {}),
        }
        shipped = attrs.evolve(model, provenance=provenance)
        path.write_text(json.dumps(shipped.to_dict(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {path.relative_to(ROOT)}: {len(model.weights)} features")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
