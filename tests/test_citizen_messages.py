"""Messages and conversations residents sent that the bot got wrong once, through the whole engine on
the evaluation city (tests/helpers/eval_city.py): the number that matters first, the language
answered in, fields of a filing where they belong, and a follow-up that is read in context."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
import sqlalchemy as sa

from chatbot.engine import Chatbot
from data_sources import store
from data_sources.tickets import Similar
from helpers import eval_city
from helpers.chat import MemoryDesk, talk


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    engine = store.connect(f"sqlite:///{tmp_path_factory.mktemp('citizen') / 'city.db'}")
    eval_city.build(engine)
    yield engine
    engine.dispose()


def bot_for(engine: sa.Engine, desk: MemoryDesk | None = None) -> Chatbot:
    return Chatbot(engine, desk=desk or MemoryDesk(), clock=lambda: eval_city.NOW)


@pytest.mark.parametrize(
    ("message", "first", "lang"),
    [
        ("flood in my house help", "1784", "en"),
        ("มีงูในห้องน้ำ ทำไงดี", "199", "th"),
        ("there is a snake in the bathroom", "199", "en"),
        ("เบอร์ปภ", "1784", "th"),
        ("เบอร์ ปภ. ยะลา", "1784", "th"),
        ("anjing gigit anak saya", "1669", "ms"),
        ("anak saya kena gigit anjing", "1669", "ms"),
        ("ada ular masuk rumah", "199", "ms"),
    ],
)
def test_an_emergency_puts_the_number_for_its_kind_first(city: sa.Engine, message: str, first: str, lang: str) -> None:
    reply = bot_for(city).reply(message)
    assert reply.intent == "emergency" and reply.lang == lang
    assert [c.number for c in reply.calls][:1] == [first]


@pytest.mark.parametrize(
    "message", ["ไฟดับ", "ไฟฟ้าดับทั้งชุมชน", "ไฟดับทั้งซอย", "ไฟตกบ่อยมาก", "power outage in my street",
                "โทรแจ้งไฟฟ้าดับเบอร์อะไร"],
)  # fmt: skip
def test_a_power_cut_gives_the_electricity_authority_and_offers_the_street_lights(
    city: sa.Engine, message: str
) -> None:
    reply = bot_for(city).reply(message)
    assert reply.intent != "emergency", "a power cut is not a call-now emergency (nor someone in a well)"
    assert [c.number for c in reply.calls][:1] == ["1129"]
    assert reply.state is not None and "offer" in reply.state, "asked for a number, not to file: only offered"


def test_street_lights_that_are_out_are_a_complaint_without_the_power_cut_number(city: sa.Engine) -> None:
    desk = MemoryDesk()
    replies = talk(bot_for(city, desk), "แจ้งไฟถนนดับ ชุมชนสะพรั่ง", "ไฟดับ 2 ต้น มืดมาก", "ข้าม", "ยืนยัน")
    assert all("1129" not in r.answer for r in replies)
    (filed,) = desk.filed
    assert (filed.category, filed.description) == ("streetlight", "ไฟดับ 2 ต้น มืดมาก")


@pytest.mark.parametrize(("message", "intent"), [("apa khabar", "greeting"),
                                                 ("saya nak tahu pasal elaun warga emas", "out_of_scope")])  # fmt: skip
def test_malay_is_answered_in_malay(city: sa.Engine, message: str, intent: str) -> None:
    reply = bot_for(city).reply(message)
    assert (reply.lang, reply.intent) == ("ms", intent)
    assert "073-000-001" in reply.answer or intent == "greeting"


SIMILAR = Similar("CB70-00007", "road", "สะพรั่ง", datetime(2026, 12, 3, 8, 0), "in_progress", None)


@pytest.mark.parametrize(
    ("correction", "place"),
    [("ไม่ใช่ค่ะ ต้องเป็นชุมชนสามัคคี", "ชุมชนสามัคคี"), ("ไม่ใช่ค่ะ ชุมชนสามัคคีค่ะ", "ชุมชนสามัคคี")],
)
def test_correcting_the_community_when_a_duplicate_is_offered_moves_the_complaint(
    city: sa.Engine, correction: str, place: str
) -> None:
    desk = MemoryDesk(offered=[SIMILAR])
    replies = talk(bot_for(city, desk), "แจ้งถนนพัง", "ชุมชนสะพรั่ง", "หลุมใหญ่", "ข้าม", correction, "ยืนยัน")
    assert desk.joined == [], "joined an open complaint in the community the citizen said was wrong"
    (filed,) = desk.filed
    assert (filed.community, filed.place, filed.description) == ("สามัคคี", place, "หลุมใหญ่")
    assert replies[-1].state is None


def test_correcting_the_community_at_confirm_changes_the_place_not_the_description(city: sa.Engine) -> None:
    desk = MemoryDesk()
    talk(bot_for(city, desk), "report a broken road", "Saphrang community", "big hole in front of the clinic", "skip",
         "sorry, actually it is in Samakkhi community", "yes", lang="en")  # fmt: skip
    (filed,) = desk.filed
    assert (filed.community, filed.description) == ("สามัคคี", "big hole in front of the clinic")


@pytest.mark.parametrize("cancel", ["เปลี่ยนใจแล้ว ไม่แจ้งดีกว่า", "เปลี่ยนใจค่ะ", "I changed my mind"])
def test_changing_ones_mind_cancels_the_filing(city: sa.Engine, cancel: str) -> None:
    desk = MemoryDesk()
    replies = talk(bot_for(city, desk), "ไฟถนนดับ ชุมชนเสรี", cancel)
    assert replies[-1].state is None and desk.filed == []


def test_a_place_keeps_no_polite_particles(city: sa.Engine) -> None:
    desk = MemoryDesk()
    talk(bot_for(city, desk), "แจ้งถนนพัง", "ชุมชนเมืองทองค่ะ", "หลุมบ่อเต็มถนนเลยค่ะ", "ข้าม", "ยืนยันนะคะ")
    (filed,) = desk.filed
    assert (filed.community, filed.place) == ("เมืองทอง", "ชุมชนเมืองทอง")


@pytest.mark.parametrize("first", ["ศูนย์พักพิงอยู่ไหน", "น้ำท่วมบ้านแล้วค่ะ", "where is the shelter"])
def test_a_community_named_after_the_shelters_finds_the_nearest(city: sa.Engine, first: str) -> None:
    shelters, nearest = talk(bot_for(city), first, "ชุมชนสะพรั่งค่ะ")
    assert nearest.intent == "water_level", "the community answers the shelters' question, not a population one"
    assert nearest.places and all(p.distance_km is not None for p in nearest.places)
    assert any(unit in nearest.answer for unit in ("กม.", "km"))
