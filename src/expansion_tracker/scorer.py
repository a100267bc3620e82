"""The learned decisions: logistic models over candidate features, in pure Python.

Two models decide: which places are offices and with what status (``data/office_model.json``),
and which name is the article's subject company (``data/subject_model.json``). Weights are package
data, written by ``tools/train.py`` from the
annotated articles with their provenance (data hash, seed, cross-validated figures). Scoring is a
sparse dot product and a softmax: deterministic, with no run-time dependency. The probabilities are
the model's own, so a fact's confidence says how often facts like it were right in cross-validation.

>>> model = LinearModel(("none", "opened"), {"c:office": (0.0, 2.0)}, (0.0, -1.0))
>>> [round(p, 3) for p in model.probabilities({"c:office", "unseen"})]
[0.269, 0.731]
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

import attrs

from .candidates import NEVER_FUNDING, FundingCandidate, OfficeCandidate, SubjectCandidate, owner_options
from .errors import ModelError
from .models import OfficeKind, OfficeStatus
from .offices import OfficeFact
from .spans import MoneyMention

__all__ = [
    "NOT_AN_OFFICE",
    "LinearModel",
    "calibrated",
    "decide_funding",
    "decide_offices",
    "decide_subject",
    "load_model",
]

NOT_AN_OFFICE = "none"
_EPSILON = 1e-9  # keeps the log-odds of a probability of 0 or 1 finite
MODEL_FILES = {
    "office": "office_model.json",
    "subject": "subject_model.json",
    "owner": "owner_model.json",
    "funding": "funding_model.json",
}


@attrs.frozen
class LinearModel:
    """Class names, one weight per class for each feature, and one bias per class (the office model's
    classes are ``"none"`` then the statuses; a two-class model's second class is the one looked for)."""

    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]
    bias: tuple[float, ...]
    provenance: Mapping[str, Any] = attrs.field(factory=dict, eq=False)
    # (slope, intercept) on the log-odds of the chosen class: how often such facts were right in
    # cross-validation (Platt scaling, fitted by tools/train.py); (1, 0) keeps the model's own odds
    calibration: tuple[float, float] = (1.0, 0.0)
    # for a two-class decision: the log-odds above which the second class is chosen, learned where
    # the classes are so unbalanced that even odds would miss most of the rarer one
    threshold: float = 0.0

    def __attrs_post_init__(self) -> None:
        n = len(self.classes)
        if len(self.bias) != n or any(len(w) != n for w in self.weights.values()):
            raise ModelError(f"office model: every weight row needs {n} values, one per class")

    def probabilities(self, features: Iterable[str]) -> list[float]:
        """The probability of each class, in the order of ``classes``; unknown features weigh nothing."""
        scores = list(self.bias)
        for name in features:
            row = self.weights.get(name)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def log_odds(self, features: Iterable[str]) -> float:
        """For a model of two classes, the log-odds of the second: the ranking score, cheaper than
        ``probabilities`` (no exponentials, one number per feature)."""
        margins = self._margins
        return sum(margins.get(name, 0.0) for name in features) + self.bias[1] - self.bias[0]

    @functools.cached_property
    def _margins(self) -> dict[str, float]:
        return {name: row[1] - row[0] for name, row in self.weights.items()}

    def confidence(self, probability: float) -> float:
        """The calibrated chance that a fact the model gives with ``probability`` is right."""
        return calibrated(probability, self.calibration)

    def to_dict(self) -> dict[str, Any]:
        return {
            "calibration": list(self.calibration),
            "threshold": self.threshold,
            "classes": list(self.classes),
            "bias": list(self.bias),
            "weights": {k: list(v) for k, v in sorted(self.weights.items())},
            "provenance": dict(self.provenance),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinearModel:
        try:
            return cls(
                tuple(data["classes"]),
                {k: tuple(float(x) for x in v) for k, v in data["weights"].items()},
                tuple(float(x) for x in data["bias"]),
                data.get("provenance", {}),
                _pair(data.get("calibration", (1.0, 0.0))),
                float(data.get("threshold", 0.0)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"not an office model: {type(exc).__name__}: {exc}") from exc


def calibrated(probability: float, calibration: tuple[float, float]) -> float:
    """Platt scaling: a logistic function of the log-odds of ``probability``.

    >>> round(calibrated(0.8, (1.0, 0.0)), 3), round(calibrated(0.8, (0.5, -0.2)), 3)
    (0.8, 0.621)
    """
    p = min(max(probability, _EPSILON), 1 - _EPSILON)
    slope, intercept = calibration
    return 1 / (1 + math.exp(-(slope * math.log(p / (1 - p)) + intercept)))


def _pair(values: Sequence[Any]) -> tuple[float, float]:
    slope, intercept = values
    return float(slope), float(intercept)


@cache
def load_model(name: str) -> LinearModel:
    """A shipped model by name ("office" or "subject"), read once."""
    path = resources.files("expansion_tracker").joinpath("data").joinpath(MODEL_FILES[name])
    return LinearModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def decide_subject(candidates: Sequence[SubjectCandidate], model: LinearModel) -> str | None:
    """The name most probably the article's subject company (the first of equals), or None without names."""
    best: tuple[float, str] | None = None
    for cand in candidates:
        odds = model.log_odds(cand.features)
        if best is None or odds > best[0]:
            best = (odds, cand.full_name or cand.name)
    return best[1] if best else None


def decide_funding(candidates: Sequence[FundingCandidate], model: LinearModel) -> list[MoneyMention]:
    """Every amount, marked as funding when the model's log-odds pass its learned threshold."""
    return [
        attrs.evolve(c.mention, funding=not c.features & NEVER_FUNDING and model.log_odds(c.features) > model.threshold)
        for c in candidates
    ]


def decide_offices(
    candidates: Sequence[OfficeCandidate],
    model: LinearModel,
    company: str | None,
    owner_model: LinearModel | None = None,
) -> list[OfficeFact]:
    """The candidates the model calls offices, each with its most probable status and calibrated
    confidence; a head office is an existing office of kind headquarters. Its owner is the subject
    ``company``, or, with ``owner_model``, the organization that model finds likeliest."""
    facts = []
    for cand in candidates:
        options = owner_options(cand, company)
        if owner_model is not None and options:
            owner = max(options, key=lambda o: owner_model.probabilities(o.features)[1]).name
        elif company is not None:
            owner = company
        else:
            continue  # an office needs an owner
        probs = model.probabilities(cand.features)
        best = max(range(len(probs)), key=probs.__getitem__)
        label = model.classes[best]
        if label == NOT_AN_OFFICE:
            continue
        hq = label == "headquarters"
        facts.append(
            OfficeFact(
                company=owner,
                place=cand.mentions[0].place,
                status=OfficeStatus.EXISTING if hq else OfficeStatus(label),
                kind=OfficeKind.HEADQUARTERS if hq else OfficeKind.OFFICE,
                start=cand.evidence[0],
                end=cand.evidence[1],
                date=cand.date,
                confidence=round(model.confidence(probs[best]), 3),
            )
        )
    return facts
