"""The intent model: its training phrases, the confidence rule, and what it always recognises."""

from __future__ import annotations

from collections import Counter

import pytest

from chatbot.intents import INTENTS, Example, IntentModel, default_model, load_examples
from chatbot.knowledge import topics


def test_every_intent_has_a_training_file_with_many_phrasings() -> None:
    counts = Counter(e.intent for e in load_examples())
    assert set(counts) == set(INTENTS)
    assert min(counts.values()) >= 80


def test_training_phrases_are_not_repeated_within_a_file() -> None:
    seen = Counter((e.intent, e.text) for e in load_examples())
    assert [pair for pair, count in seen.items() if count > 1] == []


def test_training_has_thai_english_and_thai_digits() -> None:
    texts = [e.text for e in load_examples()]
    assert any(any("๐" <= ch <= "๙" for ch in t) for t in texts)
    assert sum(t.isascii() for t in texts) > 400


@pytest.mark.parametrize("lang", ["th", "en"])
def test_each_menu_question_is_recognised_as_its_topic(lang: str) -> None:
    model = default_model()
    wrong = [
        (t.intent, model.classify(t.ask(lang)).intent)
        for t in topics()
        if model.classify(t.ask(lang)).intent != t.intent
    ]
    assert wrong == []


def test_a_message_of_only_particles_asks_back() -> None:
    prediction = default_model().classify("ครับ")
    assert (prediction.intent, prediction.clarify) == ("out_of_scope", True)


def test_emergency_rule_wins_with_full_confidence() -> None:
    prediction = default_model().classify("ไฟไหม้บ้าน ช่วยด้วย")
    assert (prediction.intent, prediction.confidence, prediction.by_rule) == ("emergency", 1.0, True)


def _tiny_model(threshold: float) -> IntentModel:
    examples = [Example(t, "tax_payment") for t in ("จ่ายภาษีที่ดิน", "ภาษีป้าย", "ภาษีบ้าน", "pay land tax")]
    examples += [Example(t, "emergency") for t in ("เบอร์ตำรวจ", "เบอร์ดับเพลิง", "เบอร์รถพยาบาล", "police number")]
    examples += [Example(t, "greeting") for t in ("สวัสดี", "หวัดดี", "hello", "hi there")]
    return IntentModel.train(examples, threshold=threshold)


def test_below_the_threshold_the_model_asks_back_instead_of_guessing() -> None:
    prediction = _tiny_model(threshold=0.99).classify("ภาษีที่ดินจ่ายที่ไหน")
    assert prediction.intent == "out_of_scope"
    assert prediction.clarify
    assert prediction.ranked[0][0] == "tax_payment"  # the best guess is kept for the menu


def test_a_best_guess_of_emergency_is_not_held_back_by_the_threshold() -> None:
    prediction = _tiny_model(threshold=0.99).classify("ขอเบอร์หน่อย")
    assert not prediction.by_rule
    assert prediction.confidence < 0.99
    assert (prediction.intent, prediction.clarify) == ("emergency", False)
