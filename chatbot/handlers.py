"""Answers by intent, once the engine knows what was asked: data answers from the store (through
metrics where a figure is a KPI), service answers from the knowledge base, and the rules that
catch what a model might confuse (shelters, dengue, garbage days, phone numbers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chatbot import (
    answers,
    civic_answers,
    event_answers,
    figure_answers,
    flood_answers,
    service_answers,
    slots,
    status_answers,
)
from chatbot.actions import emergency_call
from chatbot.answers import Answer, say
from chatbot.intents import Prediction
from chatbot.knowledge import suggestions_for
from chatbot.text import Lang, clean
from data_sources.city import profile

if TYPE_CHECKING:
    from chatbot.engine import Reply
    from chatbot.turns import Turn

_REVENUE_WORDS = ("รายได้", "รายรับ", "เก็บภาษีได้", "จัดเก็บ", "revenue", "income", "collected", "taxcollect")
SHELTER_WORDS = ("ศูนย์พักพิง", "ศูนย์อพยพ", "อพยพ", "หนีน้ำ", "ที่หลบภัย", "พักพิง", "ที่พักชั่วคราว", "ไปพักที่ไหน",
                 "shelter", "evacuat", "where to go", "safe place", "pusat pemindahan")  # fmt: skip
SANDBAG_WORDS = ("กระสอบทราย", "ถุงทราย", "sandbag", "sand bag", "กั้นน้ำ")
DENGUE_WORDS = ("ไข้เลือดออก", "เดงกี", "dengue", "ยุงลาย")
SCHEDULE_WORDS = ("วันไหน", "กี่โมง", "เมื่อไหร่", "เมื่อไร", "วันอะไร", "มาเก็บ", "ตาราง", "รอบ", "when", "what day",
                  "what time", "schedule", "which day", "pick up", "pickup", "collection day", "garbage day", "rubbish day")  # fmt: skip
PHONE_WORDS = ("เบอร์", "โทร", "phone", "number", "call", "ติดต่อ", "contact", "hotline")


def has_any(text: str, words: tuple[str, ...]) -> bool:
    cleaned = clean(text)
    unspaced = cleaned.replace(" ", "")
    return any(clean(w).replace(" ", "") in unspaced or w in cleaned for w in words)


# Civil registration (the municipality is a registration office) and the office's hours: answered
# with the office lines, the registration desk or the hours first.
REGISTRATION_WORDS = ("ย้ายเข้า", "ย้ายออก", "ย้ายทะเบียน", "ย้ายชื่อ", "แจ้งเกิด", "แจ้งตาย", "ทำบัตรประชาชน",
                      "บัตรประชาชนหาย", "คัดทะเบียนบ้าน", "ทะเบียนบ้านหาย", "เล่มทะเบียนบ้าน", "ทะเบียนราษฎร",
                      "house registration", "register a birth", "register a death", "id card")  # fmt: skip
HOURS_WORDS = ("เปิดกี่โมง", "ปิดกี่โมง", "เวลาทำการ", "เวลาเปิด", "เปิดวันเสาร์", "เปิดวันอาทิตย์", "เปิดเสาร์",
               "เปิดอาทิตย์", "เปิดวันหยุด", "เปิดทำการ", "opening hours", "office hours", "open on saturday",
               "open on sunday", "open on weekends", "open today", "what time does", "when does the office")  # fmt: skip
_OTHER_PLACES = ("สาธารณสุข", "อนามัย", "คลินิก", "โรงพยาบาล", "ตลาด", "ห้องสมุด", "สวน", "สระว่ายน้ำ", "ศูนย์พักพิง",
                 "health", "clinic", "hospital", "market", "library", "park", "pool", "shelter")  # fmt: skip
FOOD_TRADE_WORDS = ("ขายอาหาร", "จำหน่ายอาหาร", "แผงลอย", "หาบเร่", "ร้านอาหาร", "สะสมอาหาร", "food stall", "food shop",
                    "sell food", "selling food", "street vendor", "restaurant")  # fmt: skip
_LICENCE_WORDS = ("ใบอนุญาต", "ขออนุญาต", "licen", "permit")
_ALLOWANCE_WORDS = ("เบี้ย", "เงินอุดหนุน", "allowance", "grant")


def rule_intent(text: str) -> str | None:
    """Questions the rules answer before the model: shelters and sandbags are flood help; civil
    registration and the office's hours are the office's lines."""
    if has_any(text, SHELTER_WORDS) or has_any(text, SANDBAG_WORDS):
        return "water_level"
    if has_any(text, REGISTRATION_WORDS) and not has_any(text, _ALLOWANCE_WORDS):
        return "office_contact"
    if has_any(text, HOURS_WORDS) and not has_any(text, _OTHER_PLACES):
        return "office_contact"
    if has_any(text, FOOD_TRADE_WORDS) and has_any(text, _LICENCE_WORDS):  # a health licence, not a building permit
        return "office_contact"
    if status_answers.asks_to_rate(text):
        return "complaint_status"
    return None


def handle(turn: Turn, text: str, lang: Lang, prediction: Prediction) -> Reply:
    """The reply for a recognised intent (not an emergency, not a new complaint)."""
    from chatbot.engine import finish

    intent = prediction.intent
    if intent in ("health_services", "city_statistics", "out_of_scope") and has_any(text, DENGUE_WORDS):
        intent = "health_services"
        frames = {k: turn.bot.frame(k) for k in ("health", "population")}
        answer = service_answers.dengue(frames, lang, turn.now.date(), community=slots.community(text))
        return finish(answer, intent, lang, confidence=prediction.confidence, suggestions=suggestions_for(intent, lang))
    if intent in FIGURE_INTENTS and slots.ticket(text) is None and (kpi_id := figure_answers.figure_asked(text)):
        return figure_reply(turn, text, lang, prediction, kpi_id)
    special = _SPECIAL.get(intent)
    if special is not None:
        return special(turn, text, lang, prediction)
    handler = _DATA.get(intent)
    found = slots.extract(text, intent)
    if handler is None:
        answer = turn.bot.knowledge.answer(intent, text, lang) or turn.bot.knowledge.answer("out_of_scope", text, lang)
        assert answer is not None, "knowledge.json must keep an out_of_scope answer"
        from chatbot.engine import Reply

        return Reply(intent, answer.text, answer.sources, found, prediction.confidence, suggestions_for(intent, lang), None,
                     lang, answer.as_of)  # fmt: skip
    answer = handler(turn, found, text, lang)
    return finish(answer, intent, lang, confidence=prediction.confidence, suggestions=suggestions_for(intent, lang),
                  extra_slots=found)  # fmt: skip


# Intents a question about a city figure is often taken for (PM2.5, the river, the budget and
# dengue keep their own answers).
FIGURE_INTENTS = ("city_statistics", "out_of_scope", "complaint_status", "waste_collection", "welfare_allowance",
                  "health_services", "city_events", "office_contact")  # fmt: skip


def figure_reply(turn: Turn, text: str, lang: Lang, prediction: Prediction, kpi_id: str) -> Reply:
    """The catalogue's figure a resident asked for, for the period and community named."""
    from chatbot.engine import finish

    found = slots.extract(text, "city_statistics")
    frames = {key: turn.bot.frame(key) for key in figure_answers.datasets_of(kpi_id)}
    answer = figure_answers.figure_answer(kpi_id, frames, lang, turn.now, period=found.get("period"),
                                          community=found.get("community"), text=text)  # fmt: skip
    return finish(answer, "city_statistics", lang, confidence=prediction.confidence,
                  suggestions=suggestions_for("city_statistics", lang), extra_slots=found)  # fmt: skip


def _air(turn: Turn, found: dict[str, Any], text: str, lang: Lang) -> Answer:
    return answers.air_quality(turn.bot.frame("air_quality"), lang, turn.now, station=found.get("station"),
                               period=found.get("period"))  # fmt: skip


def _statistics(turn: Turn, found: dict[str, Any], text: str, lang: Lang) -> Answer:
    period = found.get("period") or {}
    year = period.get("year") if period.get("kind") == "year" else None
    return civic_answers.city_statistics(
        turn.bot.frame("population"), lang, community=found.get("community"), year=year
    )


def _budget(turn: Turn, found: dict[str, Any], text: str, lang: Lang) -> Answer:
    asked = civic_answers.fiscal_year_asked(found.get("period"))
    if has_any(text, _REVENUE_WORDS):
        return civic_answers.revenue(turn.bot.frame("revenue"), lang, turn.now, fiscal_year_be=asked)
    return civic_answers.budget(turn.bot.frame("budget"), lang, turn.now, fiscal_year_be=asked)


def _events(turn: Turn, found: dict[str, Any], text: str, lang: Lang) -> Answer:
    return event_answers.events_answer(text, lang, turn.now.date())


_DATA = {"air_quality": _air, "city_statistics": _statistics, "budget_transparency": _budget, "city_events": _events}


def _water(turn: Turn, text: str, lang: Lang, prediction: Prediction) -> Reply:
    """The river now (rate, time to warning and critical, the reading's age), with shelters when
    asked or when the river is at watch or worse, and sandbags when asked."""
    from dataclasses import replace

    from chatbot.engine import finish

    river = flood_answers.river_text(turn.bot.frame("water_level"), lang, turn.now)
    parts = [river.text]
    worst = river.worst.status if river.worst else "no_data"
    origin = _origin(turn, text)
    wants_shelter = has_any(text, SHELTER_WORDS)
    places: list = []
    if wants_shelter or worst in ("warning", "critical") or origin is not None:
        places = flood_answers.nearest_shelters(turn.bot.frame("facilities"), latitude=origin[0] if origin else None,
                                                longitude=origin[1] if origin else None)  # fmt: skip
        parts.append("\n".join(flood_answers.shelter_lines(places, lang, located=origin is not None)))
    if has_any(text, SANDBAG_WORDS):
        parts.append(_sandbags(lang))
    parts.append(flood_answers.advice(worst, lang))
    sources = ("water_level", "facilities") if places else ("water_level",)
    answer = Answer("\n\n".join(parts), sources, river.as_of)
    reply = finish(answer, "water_level", lang, confidence=prediction.confidence, suggestions=suggestions_for("water_level", lang),
                   extra_slots=slots.extract(text, "water_level"))  # fmt: skip
    calls = tuple(c for c in (emergency_call("disaster", "สายด่วนสาธารณภัย", "disaster hotline"),) if c)
    return replace(reply, calls=calls, places=tuple(places))


def _sandbags(lang: Lang) -> str:
    phones = {p["key"]: p for p in profile().get("office_phones", [])}
    disaster = phones.get("disaster", {}).get("number", "")
    return say(lang, f"กระสอบทราย: ขอรับได้ที่งานป้องกันและบรรเทาสาธารณภัยของเทศบาล โทร {disaster} (ช่วงน้ำท่วมเทศบาลตั้งจุดแจกตามประกาศ) หรือแจ้งผ่านแชตนี้: พิมพ์ \"แจ้งเรื่อง ขอกระสอบทราย\"",
               f"Sandbags: ask the municipality's Disaster Prevention office, {disaster} (in floods it sets up hand-out points as announced), or request them here: type \"report: need sandbags\".")  # fmt: skip


def community_point(text: str) -> tuple[float, float] | None:
    """The coordinates of the community a message names (city profile), if any."""
    community = slots.community(text)
    found = next((c for c in profile()["communities"] if c["name_th"] == community), None) if community else None
    return (float(found["lat"]), float(found["lon"])) if found else None


def _origin(turn: Turn, text: str) -> tuple[float, float] | None:
    return turn.location or community_point(text)


def _waste(turn: Turn, text: str, lang: Lang, prediction: Prediction) -> Reply:
    from chatbot.engine import Reply, finish

    community = slots.community(text)
    if community is not None or has_any(text, SCHEDULE_WORDS):
        answer = service_answers.garbage_days(community, lang, turn.now)
        awaiting = (answer.slots or {}).get("awaiting")
        state = {"awaiting": "community", "lang": lang} if awaiting else None
        reply = finish(answer, "waste_collection", lang, confidence=prediction.confidence, state=state,
                       suggestions=suggestions_for("waste_collection", lang))  # fmt: skip
        return reply if not awaiting else Reply(**{**reply.__dict__, "slots": {}})
    answer = turn.bot.knowledge.answer("waste_collection", text, lang)
    assert answer is not None
    return Reply("waste_collection", answer.text, answer.sources, {}, prediction.confidence,
                 suggestions_for("waste_collection", lang), None, lang, answer.as_of)  # fmt: skip


def _contact(turn: Turn, text: str, lang: Lang, prediction: Prediction) -> Reply:
    from chatbot.engine import Reply

    answer, calls = service_answers.office_phones(lang, text)
    return Reply("office_contact", answer.text, answer.sources, {}, prediction.confidence,
                 suggestions_for("office_contact", lang), None, lang, None, calls=calls)  # fmt: skip


def _status(turn: Turn, text: str, lang: Lang, prediction: Prediction) -> Reply:
    return status_answers.status_reply(turn, text, lang, prediction)


_SPECIAL = {"water_level": _water, "waste_collection": _waste, "office_contact": _contact, "complaint_status": _status}
