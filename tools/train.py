#!/usr/bin/env python3
"""Train the office decision model on the annotated articles and write it as package data.

    python tools/train.py            # writes src/expansion_tracker/data/office_model.json
    python tools/train.py --check    # exit 1 when the shipped weights differ from a fresh fit

Needs the ``train`` extra (scikit-learn). The fit is deterministic: the same articles give the
same weights, and the file records a hash of the articles, the settings and the cross-validated
figures of ``tools/evaluate.py`` (pass ``--figures FILE`` with its ``--json`` output).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from expansion_tracker.candidates import OfficeCandidate
from expansion_tracker.evaluation import load_gold, place_key, same_org
from expansion_tracker.languages import load_language
from expansion_tracker.parse import Detection, candidates, detect
from expansion_tracker.scorer import NOT_AN_OFFICE, OfficeModel

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / "tests" / "gold", ROOT / "tests" / "corpus")
MODEL_PATH = ROOT / "src" / "expansion_tracker" / "data" / "office_model.json"


CLASSES = (NOT_AN_OFFICE, "headquarters", "opened", "planned", "existing", "considered", "closed")
# Where one place has several gold entries (several companies), the subject's counts; then the
# schema's order of statuses.
_ORDER = {s: i for i, s in enumerate(("headquarters", "opened", "planned", "closed", "considered", "existing"))}
SETTINGS: dict[str, Any] = {
    "C": 0.3,  # inverse L2 strength: few hundred articles, many sparse features
    "min_articles": 2,  # a feature seen in fewer training articles says nothing general
    "max_iter": 2000,
}


class Sample(NamedTuple):
    """One article as detected, with its office candidates."""

    det: Detection
    candidates: list[OfficeCandidate]


def detections(docs: Sequence[dict[str, Any]]) -> list[Sample]:
    """The detection stages over each article, text only (no gold publication date given)."""
    out = []
    for d in docs:
        lang = load_language(d["lang"])
        det = detect(d["text"], published=None, language=lang, source=None, country_bias=None, markup="clean")
        out.append(Sample(det, candidates(det)))
    return out


def labels(doc: dict[str, Any], sample: Sample) -> list[str]:
    """The gold class of each candidate of ``sample``."""
    gold = doc["gold"]
    by_place: dict[tuple[str, str], str] = {}
    for o in sorted(
        gold["offices"], key=lambda o: (not same_org(o.get("company"), gold.get("subject")), _ORDER[o["status"]])
    ):
        by_place.setdefault(place_key(o.get("city"), o.get("country")), o["status"])
    out = []
    for cand in sample.candidates:
        place = cand.mentions[0].place
        out.append(by_place.get(place_key(place.name, place.country), NOT_AN_OFFICE))
    return out


def fit(rows: Sequence[tuple[int, frozenset[str], str]], settings: dict[str, Any] = SETTINGS) -> OfficeModel:
    """A multinomial logistic model over (article index, features, label) rows."""
    from sklearn.linear_model import LogisticRegression

    per_article: dict[int, set[str]] = {}
    for article, feats, _ in rows:
        per_article.setdefault(article, set()).update(feats)
    seen = Counter(f for feats in per_article.values() for f in feats)
    vocabulary = sorted(f for f, n in seen.items() if n >= settings["min_articles"])
    index = {f: i for i, f in enumerate(vocabulary)}
    import numpy as np
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    for _, feats, _ in rows:
        ids = sorted(index[f] for f in feats if f in index)
        cols += ids
        data += [1.0] * len(ids)
        ptr.append(len(cols))
    x = csr_matrix((np.array(data), np.array(cols, dtype=np.int64), np.array(ptr)), shape=(len(rows), len(vocabulary)))
    y = np.array([CLASSES.index(label) for _, _, label in rows])
    present = sorted(set(y.tolist()))
    model = LogisticRegression(C=settings["C"], max_iter=settings["max_iter"], solver="lbfgs")
    model.fit(x, y)
    n = len(CLASSES)
    coef = [[0.0] * len(vocabulary) for _ in range(n)]
    bias = [-30.0] * n  # a class never seen in training is never predicted
    for row, cls in enumerate(present):
        if len(present) == 2:  # binary: sklearn keeps one row for the second class
            sign = 1.0 if row == 1 else -1.0
            coef[cls] = [sign * w / 2 for w in model.coef_[0]]
            bias[cls] = sign * float(model.intercept_[0]) / 2
        else:
            coef[cls] = [float(w) for w in model.coef_[row]]
            bias[cls] = float(model.intercept_[row])
    weights = {f: tuple(round(coef[c][i], 6) for c in range(n)) for f, i in index.items()}
    return OfficeModel(CLASSES, weights, tuple(round(b, 6) for b in bias))


def dataset(docs: Sequence[dict[str, Any]], samples: Sequence[Sample]) -> list[tuple[int, frozenset[str], str]]:
    """(article index, features, gold class) for every candidate of every article."""
    rows = []
    for i, (doc, sample) in enumerate(zip(docs, samples, strict=True)):
        for cand, label in zip(sample.candidates, labels(doc, sample), strict=True):
            rows.append((i, cand.features, label))
    return rows


def corpus_hash(docs: Sequence[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for d in docs:
        h.update(json.dumps({"text": d["text"], "gold": d["gold"], "lang": d["lang"]}, sort_keys=True).encode())
    return h.hexdigest()


def train(figures: dict[str, Any] | None = None) -> OfficeModel:
    docs = load_gold(*CORPUS)
    dets = detections(docs)
    model = fit(dataset(docs, dets))
    provenance = {
        "articles": len(docs),
        "data_sha256": corpus_hash(docs),
        "settings": SETTINGS,
        "trainer": "scikit-learn LogisticRegression (lbfgs, multinomial)",
        "cross_validated": figures or {},
    }
    return OfficeModel(model.classes, model.weights, model.bias, provenance)


def main(argv: list[str]) -> int:
    figures = None
    if "--figures" in argv:
        figures = json.loads(Path(argv[argv.index("--figures") + 1]).read_text(encoding="utf-8"))
    model = train(figures)
    text = json.dumps(model.to_dict(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    if "--check" in argv:
        shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        fresh = model.to_dict()
        same = shipped["weights"] == fresh["weights"] and shipped["bias"] == fresh["bias"]
        print("shipped weights reproduced" if same else "shipped weights differ from a fresh fit")
        return 0 if same else 1
    if figures is None and MODEL_PATH.exists():  # keep the figures already recorded
        old = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        model = OfficeModel(
            model.classes,
            model.weights,
            model.bias,
            {**model.provenance, "cross_validated": old.get("provenance", {}).get("cross_validated", {})},
        )
        text = json.dumps(model.to_dict(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(ROOT)}: {len(model.weights)} features")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
