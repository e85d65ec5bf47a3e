"""City figures asked as residents ask them: the answer is the KPI catalogue's figure for the period
and community named (the Mayor Dashboard's), never the population for every question."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from chatbot.engine import Chatbot, FrameData
from data_sources import frames
from data_sources.adapters import dataset
from metrics.citizen import waste_summary
from metrics.compute import figure
from metrics.kpi import Context
from metrics.periods import fiscal, month
from metrics.phrases import format_value

NOW = datetime(2026, 12, 4, 10, 0)  # city time; November is the last full month


def typed(key: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    return frames.coerce(pd.DataFrame(rows), dataset(key))


def _complaints() -> pd.DataFrame:
    rows = []
    for day, community, done in [
        (date(2026, 11, 3), "เสรี", True), (date(2026, 11, 5), "เสรี", False), (date(2026, 11, 9), "เมืองทอง", True),
        (date(2026, 11, 20), "เมืองทอง", True), (date(2026, 12, 1), "เสรี", False), (date(2026, 12, 2), "เมืองทอง", True),
        (date(2026, 12, 3), "เมืองทอง", False),
    ]:  # fmt: skip
        received = datetime.combine(day, datetime.min.time()).replace(hour=9)
        rows.append({"ticket_id": f"{len(rows) + 1:04d}/2570", "received_at": received, "category": "road",
                     "community": community, "status": "resolved" if done else "received",
                     "resolved_at": received.replace(hour=15) if done else None})  # fmt: skip
    return typed("complaints", rows)


def _waste() -> pd.DataFrame:
    days = pd.date_range("2026-11-01", "2026-11-30")
    return typed("waste", [{"date": d, "community": c, "tons_collected": 4.0, "tons_recycled": r}
                           for d in days for c, r in (("เสรี", 0.4), ("เมืองทอง", 1.0))])  # fmt: skip


@pytest.fixture(scope="module")
def city() -> dict[str, pd.DataFrame]:
    return {"complaints": _complaints(), "waste": _waste()}


@pytest.fixture(scope="module")
def bot(city: dict[str, pd.DataFrame]) -> Chatbot:
    return Chatbot(None, data=FrameData(city), clock=lambda: NOW)


def _catalogue(kpi_id: str, city: dict[str, pd.DataFrame], period, community: str | None = None) -> str:  # noqa: ANN001
    result = figure(kpi_id, city, period, context=Context.build(now=NOW), community=community)
    return format_value(result.value, result.kpi.unit, "th")


def test_complaints_this_month_are_the_catalogues_count_to_date(bot: Chatbot, city: dict[str, pd.DataFrame]) -> None:
    reply = bot.reply("เดือนนี้มีเรื่องร้องเรียนกี่เรื่องคะ")
    assert reply.intent == "city_statistics" and reply.sources == ("complaints",)
    assert reply.answer.startswith(
        f"เรื่องร้องเรียนที่รับ ธ.ค. 2569 (ถึง 4 ธ.ค. 2569): {_catalogue('complaints_received', city, month(2026, 12))}"
    )
    assert _catalogue("complaints_received", city, month(2026, 12)) == "3"
    assert "ประชากร" not in reply.answer


def test_a_rate_with_no_period_is_last_full_months_with_its_target(bot: Chatbot, city: dict[str, pd.DataFrame]) -> None:
    reply = bot.reply("อัตรารีไซเคิลขยะเท่าไหร่")
    assert reply.answer.startswith("อัตราการรีไซเคิลขยะ พ.ย. 2569: 17.5%")  # 1.4 of 8 tons a day
    assert _catalogue("recycling_rate", city, month(2026, 11)) == "17.5%"
    assert "เป้าหมาย 15.0% · ตามเป้าหมาย" in reply.answer and "ที่มา: ชุดข้อมูลปริมาณขยะ" in reply.answer


def test_a_community_gets_its_own_figure_without_the_citys_target(bot: Chatbot, city: dict[str, pd.DataFrame]) -> None:
    reply = bot.reply("ชุมชนเสรีมีเรื่องร้องเรียนกี่เรื่องเดือนที่แล้ว")
    assert reply.answer.startswith("เรื่องร้องเรียนที่รับ ชุมชนเสรี พ.ย. 2569: 2")
    assert _catalogue("complaints_received", city, month(2026, 11), "เสรี") == "2"
    assert "เป้าหมาย" not in reply.answer  # a community is not held to the city's count


def test_english_and_a_fiscal_year(bot: Chatbot, city: dict[str, pd.DataFrame]) -> None:
    reply = bot.reply("what is the complaint resolution rate this year")
    value = figure("complaint_resolution_rate", city, fiscal(2570), context=Context.build(now=NOW)).value
    assert reply.lang == "en" and reply.answer.startswith(
        f"Complaint resolution rate FY2570 (to 4 Dec 2026): {value * 100:.1f}%"
    )


@pytest.mark.parametrize(
    "message",
    ["ร้องเรียนได้กี่ช่องทาง", "แจ้งเรื่องร้องเรียนถนนพังหน้าบ้าน", "ฝุ่นวันนี้เท่าไหร่", "เบี้ยผู้สูงอายุได้กี่บาท"],
)
def test_questions_about_a_service_keep_their_own_answers(bot: Chatbot, message: str) -> None:
    assert bot.reply(message).slots.get("kpi") is None


def test_a_question_the_model_takes_for_a_filing_gets_the_figure(bot: Chatbot, city: dict[str, pd.DataFrame]) -> None:
    reply = bot.reply("how long does it take to fix a complaint")
    days = figure("complaint_median_resolution_days", city, month(2026, 11), context=Context.build(now=NOW))
    assert reply.intent == "city_statistics"  # answered, no filing started
    assert reply.answer.startswith(f"Median days to resolve Nov 2026: {format_value(days.value, 'days', 'en')}")


def test_a_problem_with_a_question_word_is_still_filed(bot: Chatbot) -> None:
    reply = bot.reply("ร้องเรียนถนนพังกี่ครั้งแล้วยังไม่ซ่อม")
    assert reply.intent == "complaint_new" and reply.slots.get("kpi") is None


def test_tons_of_waste_are_the_citizen_dashboards_totals(bot: Chatbot, city: dict[str, pd.DataFrame]) -> None:
    november = waste_summary(city, NOW.date(), months=2).monthly.set_index("month").loc[pd.Timestamp("2026-11-01")]
    assert november["tons_collected"] == 240.0  # 8 tons a day for 30 days
    reply = bot.reply("ขยะเดือนที่แล้วกี่ตัน")
    assert reply.answer.startswith("ขยะที่จัดเก็บ พ.ย. 2569: 240 ตัน (รีไซเคิล 42 ตัน)")
    assert reply.sources == ("waste",) and "ประชากร" not in reply.answer


def test_incidents_and_places_of_a_kind_are_counted_from_the_adapters_lists() -> None:
    incidents = typed("incidents", [
        {"occurred_at": "2026-10-20 03:00", "incident_type": "flood", "community": "เสรี", "severity": "high", "households_affected": 12},
        {"occurred_at": "2026-11-02 14:00", "incident_type": "flood", "community": "เสรี", "severity": "low", "households_affected": 3},
        {"occurred_at": "2026-09-30 10:00", "incident_type": "flood", "community": "เสรี", "severity": "low", "households_affected": 1},
        {"occurred_at": "2026-11-05 10:00", "incident_type": "fire", "community": "เมืองทอง", "severity": "low", "households_affected": 1},
    ])  # fmt: skip
    facilities = typed("facilities", [
        {"name": f"โรงเรียนเทศบาล {n}", "facility_type": "school", "community": "เสรี", "lat": 6.54, "lon": 101.28}
        for n in range(1, 4)
    ] + [{"name": "ศูนย์บริการสาธารณสุข 1", "facility_type": "health_centre", "community": "เสรี", "lat": 6.54, "lon": 101.28}])  # fmt: skip
    bot = Chatbot(None, data=FrameData({"incidents": incidents, "facilities": facilities}), clock=lambda: NOW)
    # FY2570 began on 1 October: the September flood is last year's.
    assert bot.reply("ปีนี้น้ำท่วมกี่ครั้ง").answer.startswith(
        "น้ำท่วม ปีงบประมาณ 2570 (ถึง 4 ธ.ค. 2569): 2 ครั้ง · บ้านได้รับผลกระทบ 15 ครัวเรือน"
    )
    assert bot.reply("มีโรงเรียนกี่แห่ง").answer.startswith("โรงเรียน ในเขตเทศบาล (ตามทะเบียนสถานที่): 3")
    assert bot.reply("how many schools are there").answer.startswith(
        "School (the municipality's register of places): 3"
    )
