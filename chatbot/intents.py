"""Intent recognition: a linear model over character n-grams and newmm words, trained at start-up.

The labelled phrases live in assets/chatbot/training/<intent>.txt (one phrase a line, `#` for
comments) so staff can add the ways people really ask without touching code.

Decision (documented for the page and the CLI): the model's best guess is returned only when its
probability reaches `CONFIDENCE_THRESHOLD`. Below it, `classify` returns intent "out_of_scope"
with `clarify=True` and the best guesses in `ranked`, and the engine answers with the topic menu
instead of guessing. An emergency is never held back: the rules in `chatbot.emergency` win first,
and a best guess of "emergency" is accepted from the lower `EMERGENCY_FLOOR`, since a false alarm
only costs one message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from chatbot.emergency import is_emergency
from chatbot.text import normalise
from data_sources.city import ASSETS

INTENTS: tuple[str, ...] = (
    "greeting", "office_contact", "tax_payment", "complaint_status", "complaint_new", "air_quality",
    "water_level", "welfare_allowance", "building_permit", "health_services", "city_events",
    "waste_collection", "city_statistics", "budget_transparency", "emergency", "thanks_goodbye",
    "out_of_scope",
)  # fmt: skip
TRAINING_DIR = ASSETS / "chatbot" / "training"
# Chosen by 5-fold cross-validation on the training phrases only (see chatbot/README.md).
CONFIDENCE_THRESHOLD = 0.30
EMERGENCY_FLOOR = 0.20  # a best guess of "emergency" is accepted from this probability up


@dataclass(frozen=True)
class Example:
    text: str
    intent: str


@dataclass(frozen=True)
class Prediction:
    intent: str
    confidence: float  # the model's probability for `intent` (1.0 when a rule decided)
    ranked: tuple[tuple[str, float], ...]  # the model's three best guesses, best first
    clarify: bool = False  # True when no guess was confident enough: ask back, offer the menu
    by_rule: bool = False


def read_phrases(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def load_examples(directory: Path = TRAINING_DIR) -> list[Example]:
    """Every labelled phrase; a file must be named after an intent and every intent needs one."""
    files = {path.stem: path for path in sorted(directory.glob("*.txt"))}
    unknown = sorted(set(files) - set(INTENTS))
    missing = sorted(set(INTENTS) - set(files))
    if unknown or missing:
        raise ValueError(f"training files do not match the intents: unknown {unknown}, missing {missing}")
    return [Example(text, intent) for intent, path in files.items() for text in read_phrases(path)]


def build_pipeline() -> Pipeline:
    """Character n-grams catch typos and unspaced Thai; word uni/bigrams catch phrasing."""
    features = FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True)),
            (
                "words",
                TfidfVectorizer(
                    analyzer="word", tokenizer=str.split, token_pattern=None, lowercase=False,
                    ngram_range=(1, 2), sublinear_tf=True,
                ),
            ),
        ]
    )  # fmt: skip
    # One-vs-rest liblinear, as accurate as multinomial lbfgs in cross-validation. The dual
    # problem, since there are ten times more features than phrases: same optimum, ~20x less CPU.
    classifier = OneVsRestClassifier(LogisticRegression(C=50.0, solver="liblinear", dual=True, max_iter=1000))
    return Pipeline([("features", features), ("classifier", classifier)])


class IntentModel:
    """A trained pipeline plus the decision rule above."""

    def __init__(self, pipeline: Pipeline, threshold: float = CONFIDENCE_THRESHOLD) -> None:
        self._pipeline = pipeline
        self._labels: tuple[str, ...] = tuple(str(label) for label in pipeline.classes_)
        self.threshold = threshold

    @classmethod
    def train(cls, examples: Iterable[Example], threshold: float = CONFIDENCE_THRESHOLD) -> IntentModel:
        examples = list(examples)
        pipeline = build_pipeline()
        pipeline.fit([normalise(e.text) for e in examples], [e.intent for e in examples])
        return cls(pipeline, threshold)

    def probabilities(self, text: str) -> dict[str, float]:
        row = self._pipeline.predict_proba([normalise(text)])[0]
        return dict(zip(self._labels, (float(p) for p in row), strict=True))

    def classify(self, text: str) -> Prediction:
        if is_emergency(text):
            return Prediction("emergency", 1.0, (("emergency", 1.0),), by_rule=True)
        if not normalise(text):  # nothing but particles, emoji or punctuation
            return Prediction("out_of_scope", 0.0, (), clarify=True)
        probabilities = self.probabilities(text)
        order = np.argsort([-probabilities[label] for label in self._labels])[:3]
        ranked = tuple((self._labels[i], probabilities[self._labels[i]]) for i in order)
        best, confidence = ranked[0]
        if confidence >= self.threshold or (best == "emergency" and confidence >= EMERGENCY_FLOOR):
            return Prediction(best, confidence, ranked)
        return Prediction("out_of_scope", confidence, ranked, clarify=True)


@cache
def default_model() -> IntentModel:
    """The model trained on the phrases in assets, once per process."""
    return IntentModel.train(load_examples())
