"""The emergency rules: danger in Thai or English always trips them; everyday city questions do not."""

from __future__ import annotations

import pytest

from chatbot.emergency import is_emergency
from chatbot.intents import load_examples

DANGER = [
    "ไฟไหม้", "ไฟไหม้บ้านค่ะ!!!", "บ้านข้างๆ ไฟ ไหม้", "มีคนจมน้ำ", "น้ำท่วมบ้าน ติดอยู่บนหลังคา",
    "รถชนกัน มีคนเจ็บ", "อุบัติเหตุหน้าโรงเรียน", "พ่อหมดสติ", "แม่หายใจไม่ออก", "ช่วยด้วยยยย", "ลูกตกน้ำ",
    "เบอร์ฉุกเฉิน", "ได้ยินเสียงระเบิด", "โดนงูกัด", "ไฟดูดคนงาน", "ด่วนมาก",
    "fire", "FIRE!!!", "my house is on fire", "someone is drowning", "help", "help me", "Help!!",
    "heart attack", "he is not breathing", "car accident", "call an ambulance", "we are trapped by the flood",
]  # fmt: skip
EVERYDAY = [
    "ไฟถนนดับ", "ไฟทางหน้าบ้านไม่ติด", "แห่พระลุยไฟจัดวันไหน", "ชักพระปีนี้", "ฝนตกน้ำท่วมไหมคืนนี้",
    "น้ำท่วมขังในซอย", "กู้เงินด่วน", "ชุมชนกันตัง", "ภาษีที่ดินจ่ายที่ไหน",
    "can you help me with my land tax", "fire-walking procession date", "is the haze smoke from forest fires",
    "where can I get a flu shot", "fireworks at new year",
]  # fmt: skip


@pytest.mark.parametrize("message", DANGER)
def test_danger_is_an_emergency(message: str) -> None:
    assert is_emergency(message)


@pytest.mark.parametrize("message", EVERYDAY)
def test_everyday_question_is_not_an_emergency(message: str) -> None:
    assert not is_emergency(message)


def test_no_training_phrase_of_another_intent_trips_the_rules() -> None:
    # The rules and the labelled phrases must agree, or the model learns one thing and the rules say another.
    tripped = [e.text for e in load_examples() if e.intent != "emergency" and is_emergency(e.text)]
    assert tripped == []
