"""The evaluation set: real-looking questions written apart from the training phrases.

Run with `-s` to see the per-intent accuracy table. The goal from issue #6: at least 90% of
intents right overall, and every emergency recognised.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from chatbot.intents import INTENTS, default_model, load_examples
from chatbot.text import normalise

EVAL_FILE = Path(__file__).resolve().parent / "data" / "chatbot_eval.tsv"


def _questions() -> list[tuple[str, str]]:
    lines = EVAL_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "intent\ttext"
    return [tuple(line.split("\t", 1)) for line in lines[1:] if line.strip()]  # type: ignore[misc]


def _trigrams(text: str) -> set[str]:
    joined = normalise(text).replace(" ", "")
    return {joined[i : i + 3] for i in range(len(joined) - 2)}


def test_eval_set_has_300_questions_covering_every_intent_in_both_languages() -> None:
    questions = _questions()
    per_intent = defaultdict(list)
    for intent, text in questions:
        per_intent[intent].append(text)
    assert len(questions) >= 300
    assert set(per_intent) == set(INTENTS)
    for intent, texts in per_intent.items():
        assert len(texts) >= 15, intent
        assert any(t.isascii() for t in texts) and not all(t.isascii() for t in texts), intent


def test_no_eval_question_appears_in_training_after_normalisation() -> None:
    training = {normalise(e.text) for e in load_examples()}
    assert [text for _, text in _questions() if normalise(text) in training] == []


def test_no_eval_question_is_a_near_copy_of_a_training_phrase() -> None:
    # Character-trigram overlap (Jaccard) of 0.7 or more would be a rewording, not a new question.
    training = [(_trigrams(e.text), e.text) for e in load_examples()]
    near = []
    for _, text in _questions():
        grams = _trigrams(text)
        for other, phrase in training:
            if grams and other and len(grams & other) / len(grams | other) >= 0.7:
                near.append((text, phrase))
    assert near == []


@pytest.fixture(scope="module")
def results() -> list[tuple[str, str, str]]:
    model = default_model()
    return [(intent, model.classify(text).intent, text) for intent, text in _questions()]


def test_intent_accuracy_is_at_least_90_percent(results: list[tuple[str, str, str]]) -> None:
    right, total = defaultdict(int), defaultdict(int)
    for expected, got, _ in results:
        total[expected] += 1
        right[expected] += expected == got
    print("\nintent               right/total  accuracy")
    for intent in INTENTS:
        print(f"{intent:<20} {right[intent]:>5}/{total[intent]:<5}  {right[intent] / total[intent]:.0%}")
    overall = sum(right.values()) / len(results)
    print(f"{'overall':<20} {sum(right.values()):>5}/{len(results):<5}  {overall:.1%}")
    misses = [(expected, got, text) for expected, got, text in results if expected != got]
    for miss in misses:
        print("  missed:", *miss)
    assert overall >= 0.90, misses


def test_every_emergency_is_recognised(results: list[tuple[str, str, str]]) -> None:
    missed = [text for expected, got, text in results if expected == "emergency" and got != "emergency"]
    assert missed == []
