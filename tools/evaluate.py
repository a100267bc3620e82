#!/usr/bin/env python3
"""Cross-validated figures of the learned decisions on the annotated articles.

    python tools/evaluate.py               # 5 folds by article, leave-one-language-out, resubstitution
    python tools/evaluate.py --json FILE   # also write the figures as JSON (tools/train.py --figures FILE)
    python tools/evaluate.py --verbose     # list each article's missed and extra offices (cross-validated)

Each fold trains the models (tools/train.py) on the other articles and scores the ones they never
saw; only those figures say what a user gets on the next article. "rules" is the hand cascade
(orgs.find_subject and offices.py), scored on the same articles; it was written against some of
them, so its figure is not cross-validated. Resubstitution (train and score on all) shows how much
the models memorize.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train import CORPUS, Models, Sample, case_docs, case_samples, fit_all, samples

from expansion_tracker.evaluation import Evaluation, load_gold, place_key, single_status, table
from expansion_tracker.orgs import find_subject
from expansion_tracker.parse import (
    assemble,
    choose_subject,
    full_names,
    funding_candidates,
    model_facts,
    rule_facts,
    with_subject,
)
from expansion_tracker.scorer import calibrated, decide_funding

SEED = 20261204
FOLDS = 5
BANDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # upper bounds of the reliability bands


def folds(n: int, k: int = FOLDS, seed: int = SEED) -> list[list[int]]:
    """Article indexes split into ``k`` folds at random (fixed seed)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def predict(sample: Sample, models: Models | None, offices: str = "model") -> dict[str, Any]:
    """The to_dict form of what one article gives: subject by the subject model (or, with no models,
    by orgs.find_subject), offices by the office model or, with ``offices="rules"``, by offices.py."""
    base = sample.base
    if models is None:
        det = with_subject(base, find_subject(base.clean, base.lang, base.sentences, base.orgs))
    else:
        det = with_subject(base, choose_subject(base, sample.subjects, models.subject), full_names(sample.subjects))
    if models is None or offices == "rules":
        facts = rule_facts(det)
    else:
        facts = model_facts(det, rule_facts(det), models.office, models.owner)
    if models is not None:
        det = attrs.evolve(det, money=tuple(decide_funding(funding_candidates(det), models.funding)))
    return assemble(det, facts).to_dict()


def run(
    items: Sequence[Sample],
    splits: Sequence[Sequence[int]],
    reliability: list[tuple[int, float, bool]] | None = None,
    offices: str = "model",
    cases: Sequence[Sample] = (),
) -> Evaluation:
    """Train on all but each split (and on ``cases``), score the split (offices by the model, or by the rules)."""
    ev = Evaluation()
    for k, held in enumerate(splits):
        out = set(held)
        models = fit_all(items, [i for i in range(len(items)) if i not in out], cases)
        for i in held:
            pred = predict(items[i], models, offices)
            ev.add(items[i].doc, pred)
            if reliability is not None:
                gold = {(*place_key(o["city"], o["country"]), o["status"]) for o in items[i].doc["gold"]["offices"]}
                for o in pred["offices"]:
                    right = (*place_key(o["city"], o["country"]), single_status(o["status"], o["kind"])) in gold
                    reliability.append((k, o["confidence"], right))
    return ev


def platt(pairs: Sequence[tuple[int, float, bool]]) -> tuple[float, float]:
    """(slope, intercept) of the logistic fit of being right on the log-odds of the confidence."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    p = np.clip(np.array([c for _, c, _ in pairs]), 1e-6, 1 - 1e-6)
    y = np.array([ok for _, _, ok in pairs])
    if len(set(y.tolist())) < 2:
        return 1.0, 0.0
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(np.log(p / (1 - p)).reshape(-1, 1), y)
    return round(float(fit.coef_[0][0]), 6), round(float(fit.intercept_[0]), 6)


def cross_calibrated(pairs: Sequence[tuple[int, float, bool]]) -> list[tuple[int, float, bool]]:
    """Each fold's confidences calibrated by a Platt fit on the other folds only."""
    out = []
    for k in sorted({fold for fold, _, _ in pairs}):
        fit = platt([x for x in pairs if x[0] != k])
        out += [(k, calibrated(c, fit), ok) for fold, c, ok in pairs if fold == k]
    return out


def reliability_table(pairs: Sequence[tuple[int, float, bool]]) -> str:
    lines = ["  confidence   facts  right  share"]
    low = 0.0
    for high in BANDS:
        band = [ok for _, c, ok in pairs if low <= c < high]
        if band:
            share = sum(band) / len(band)
            lines.append(f"  {low:.1f}-{min(high, 1.0):.1f}   {len(band):6d} {sum(band):6d}  {share:.2f}")
        low = high
    return "\n".join(lines)


def case_passes(items: Sequence[Sample], cases: Sequence[Sample]) -> tuple[int, int]:
    """How many golden cases the model decides exactly as written (places, statuses and kinds of the
    offices not marked background), each scored by models trained on every article and the other
    folds of the cases: (passed, cases)."""
    passed = 0
    for held in folds(len(cases)):
        out = set(held)
        models = fit_all(items, range(len(items)), [c for i, c in enumerate(cases) if i not in out])
        for i in held:
            pred = predict(cases[i], models)
            got = sorted(_office_key(o) for o in pred["offices"] if not o["background"])
            passed += got == sorted(_office_key(o) for o in cases[i].doc["case_offices"])
    return passed, len(cases)


def _office_key(o: dict[str, Any]) -> tuple[str, str, str, str]:
    return (o["city"] or "", o["country"], o["status"], o.get("kind") or "office")


def main(argv: list[str]) -> int:
    items = samples(load_gold(*CORPUS))
    cases = case_samples(case_docs())
    rules = Evaluation()
    for s in items:
        rules.add(s.doc, predict(s, None))
    pairs: list[tuple[int, float, bool]] = []
    cv = run(items, folds(len(items)), pairs, cases=cases)
    rules_cv = run(items, folds(len(items)), offices="rules")
    lolo = {}
    for code in sorted({s.doc["lang"] for s in items}):
        # the left-out language's golden cases are left out too: the models never saw it
        others = [c for c in cases if c.doc["lang"] != code]
        lolo[code] = run(items, [[i for i, s in enumerate(items) if s.doc["lang"] == code]], cases=others).figures()
    golden = case_passes(items, cases)
    resub = Evaluation()
    models = fit_all(items, range(len(items)), cases)
    for s in items:
        resub.add(s.doc, predict(s, models))

    print(f"{len(items)} articles; models: {FOLDS}-fold cross-validation by article (seed {SEED})")
    print(table(cv.figures()))
    print("\nreliability of the office model's confidence (cross-validated offices, right = place and status);")
    print("the model's own probability:")
    print(reliability_table(pairs))
    print("calibrated (Platt scaling fitted on the other folds, as the shipped model is on all of them):")
    print(reliability_table(cross_calibrated(pairs)))
    print("\nleave one language out (trained on the other five):")
    for code, fig in lolo.items():
        print(
            f"  {code}  place+status F1 {fig['place+status']['f1']:.3f}  subject offices F1 "
            f"{fig['subject offices']['f1']:.3f}  subject {fig['subject company accuracy']['acc']:.3f}"
        )
    print("\ngolden cases the model decides exactly (5 folds of the cases, trained on every article):")
    print(f"  {golden[0]} of {golden[1]}")
    print("\nresubstitution (trained and scored on all articles: not evidence, shows memorizing):")
    print(table(resub.figures()))
    print("\nparse_article(decider='rules'): subject model and offices.py's rules (cross-validated subject):")
    print(table(rules_cv.figures()))
    print("\nrules alone (orgs.find_subject and offices.py's cascade; not cross-validated):")
    print(table(rules.figures()))
    if "--verbose" in argv:
        print("\n".join(cv.misses))
    if "--json" in argv:
        results = {
            "articles": len(items),
            "seed": SEED,
            "folds": FOLDS,
            "cross_validated": cv.figures(),
            "rules_cross_validated": rules_cv.figures(),
            "leave_one_language_out": lolo,
            "golden_cases_cross_validated": {"passed": golden[0], "cases": golden[1]},
            "resubstitution": resub.figures(),
            "rules": rules.figures(),
        }
        Path(argv[argv.index("--json") + 1]).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
