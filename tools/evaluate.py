#!/usr/bin/env python3
"""Cross-validated figures of the office decision on the annotated articles.

    python tools/evaluate.py               # 5 folds by article, leave-one-language-out, resubstitution
    python tools/evaluate.py --json FILE   # also write the figures as JSON (tools/train.py --figures)
    python tools/evaluate.py --verbose     # list each article's missed and extra offices (cross-validated)

Each fold trains the model (tools/train.py's fit) on the other articles and scores the ones it
never saw; only those figures say what a user gets on the next article. "rules" is the hand cascade
of offices.py, scored on the same articles; it was written against some of them, so its figure is
not cross-validated. Resubstitution (train and score on all) shows how much the model memorizes.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train import CORPUS, Sample, dataset, detections, fit

from expansion_tracker.evaluation import Evaluation, load_gold, place_key, single_status, table
from expansion_tracker.offices import find_offices
from expansion_tracker.parse import assemble
from expansion_tracker.scorer import OfficeModel, decide_offices

SEED = 20261204
FOLDS = 5
BANDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def folds(n: int, k: int = FOLDS, seed: int = SEED) -> list[list[int]]:
    """Article indexes split into ``k`` folds at random (fixed seed)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def predict(sample: Sample, model: OfficeModel | None) -> dict[str, Any]:
    det = sample.det
    if model is None:
        facts = find_offices(
            det.clean, det.lang, det.sentences, det.places, det.dates, det.orgs, det.subject, det.published_value
        )
    else:
        facts = decide_offices(sample.candidates, model, det.subject)
    return assemble(det, facts).to_dict()


def run(
    docs: Sequence[dict[str, Any]],
    dets: Sequence[Sample],
    splits: Sequence[Sequence[int]],
    reliability: list[tuple[float, bool]] | None = None,
    evaluation: Evaluation | None = None,
) -> Evaluation:
    """Train on all but each split, score the split."""
    rows = dataset(docs, dets)
    ev = evaluation or Evaluation()
    for held in splits:
        out = set(held)
        model = fit([r for r in rows if r[0] not in out])
        for i in held:
            pred = predict(dets[i], model)
            ev.add(docs[i], pred)
            if reliability is not None:
                gold = {(*place_key(o["city"], o["country"]), o["status"]) for o in docs[i]["gold"]["offices"]}
                for o in pred["offices"]:
                    right = (*place_key(o["city"], o["country"]), single_status(o["status"], o["kind"])) in gold
                    reliability.append((o["confidence"], right))
    return ev


def reliability_table(pairs: Sequence[tuple[float, bool]]) -> str:
    lines = ["  confidence   facts  right  share"]
    low = 0.0
    for high in BANDS:
        band = [ok for c, ok in pairs if low <= c < high]
        if band:
            lines.append(
                f"  {low:.1f}-{min(high, 1.0):.1f}   {len(band):6d} {sum(band):6d}  {sum(band) / len(band):.2f}"
            )
        low = high
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    docs = load_gold(*CORPUS)
    dets = detections(docs)
    results: dict[str, Any] = {}

    rules = Evaluation()
    for doc, det in zip(docs, dets, strict=True):
        rules.add(doc, predict(det, None))
    pairs: list[tuple[float, bool]] = []
    cv = run(docs, dets, folds(len(docs)), pairs)
    languages = sorted({d["lang"] for d in docs})
    lolo = {}
    for code in languages:
        held = [i for i, d in enumerate(docs) if d["lang"] == code]
        lolo[code] = run(docs, dets, [held]).figures()
    resub = Evaluation()
    model = fit(dataset(docs, dets))
    for doc, det in zip(docs, dets, strict=True):
        resub.add(doc, predict(det, model))

    print(f"{len(docs)} articles; model: {FOLDS}-fold cross-validation by article (seed {SEED})")
    print(table(cv.figures()))
    print("\nreliability of the model's confidence (cross-validated offices):")
    print(reliability_table(pairs))
    print("\nleave one language out (trained on the other five), place+status F1:")
    for code, fig in lolo.items():
        print(f"  {code}  {fig['place+status']['f1']:.3f}   subject offices {fig['subject offices']['f1']:.3f}")
    print("\nresubstitution (trained and scored on all articles: not evidence, shows memorizing):")
    print(table(resub.figures()))
    print("\nrules (offices.py's cascade, not cross-validated):")
    print(table(rules.figures()))
    if "--verbose" in argv:
        print("\n".join(cv.misses))
    results = {
        "cross_validated": cv.figures(),
        "leave_one_language_out": lolo,
        "resubstitution": resub.figures(),
        "rules": rules.figures(),
        "articles": len(docs),
        "seed": SEED,
        "folds": FOLDS,
    }
    if "--json" in argv:
        Path(argv[argv.index("--json") + 1]).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
