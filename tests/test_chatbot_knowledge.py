"""The service answers staff edit: complete in both languages, filled from the city profile, sourced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot.knowledge import KNOWLEDGE_FILE, KnowledgeBase, default_knowledge, menu_text, topics

SERVICE_INTENTS = (
    "greeting", "thanks_goodbye", "office_contact", "tax_payment", "building_permit", "welfare_allowance",
    "health_services", "waste_collection", "city_events", "emergency", "out_of_scope",
)  # fmt: skip


@pytest.mark.parametrize("intent", SERVICE_INTENTS)
@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_service_intent_answers_in_both_languages_with_a_source(intent: str, lang: str) -> None:
    answer = default_knowledge().answer(intent, "", lang)
    assert answer is not None
    assert answer.text.splitlines()[-1].startswith("ที่มา:" if lang == "th" else "Source:")
    assert answer.sources[0].startswith("knowledge:")


def test_every_answer_has_text_source_and_checked_date() -> None:
    for item in json.loads(KNOWLEDGE_FILE.read_text(encoding="utf-8"))["answers"]:
        for field in ("th", "en", "source_th", "source_en", "checked"):
            assert item[field].strip(), (item["id"], field)


def test_no_placeholder_is_left_unfilled() -> None:
    kb = default_knowledge()
    for entry in kb.answers:
        for lang in ("th", "en"):
            text = kb.answer(entry.intent, " ".join(entry.keywords), lang).text
            assert "{" not in text and "}" not in text, (entry.id, lang)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_emergency_answer_gives_fire_medical_police_and_disaster_numbers(lang: str) -> None:
    text = default_knowledge().answer("emergency", "", lang).text
    for number in ("199", "1669", "191", "1784"):
        assert number in text


def test_signboard_question_gets_the_signboard_answer() -> None:
    kb = default_knowledge()
    assert kb.entry("tax_payment", "ภาษีป้ายร้านจ่ายเมื่อไหร่").id == "tax_signboard"
    assert kb.entry("tax_payment", "ภาษีที่ดินจ่ายที่ไหน").id == "tax_land_building"


def test_elderly_allowance_answer_gives_the_stepped_rates() -> None:
    text = default_knowledge().answer("welfare_allowance", "เบี้ยผู้สูงอายุ", "th").text
    for rate in ("600 บาท", "700 บาท", "800 บาท", "1,000 บาท"):
        assert rate in text


def test_disability_question_gets_the_disability_answer() -> None:
    assert default_knowledge().entry("welfare_allowance", "เบี้ยคนพิการ").id == "welfare_disability"


def test_unknown_placeholder_stays_visible_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.json"
    entry = {
        "id": "x",
        "intent": "greeting",
        "th": "สวัสดี {nobody}",
        "en": "hi {city_en}",
        "source_th": "s",
        "source_en": "s",
        "checked": "2025-01-01",
    }
    path.write_text(json.dumps({"answers": [entry]}), encoding="utf-8")
    kb = KnowledgeBase.load(path)
    assert kb.answer("greeting", "", "th").text.startswith("สวัสดี {nobody}")
    assert kb.answer("greeting", "", "en").text.startswith("hi Yala City Municipality")


def test_menu_lists_every_topic_numbered() -> None:
    menu = menu_text("en").splitlines()
    assert menu[0] == f"1. {topics()[0].label_en}"
    assert len([line for line in menu if line[0].isdigit()]) == len(topics())
