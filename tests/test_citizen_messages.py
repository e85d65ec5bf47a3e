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
        ("rumah saya banjir", "1784", "ms"),
        ("มีคนติดน้ำ ช่วยด้วย", "1784", "th"),
        ("มีกลิ่นไหม้", "199", "th"),
        ("ไฟฟ้าลัดวงจร", "199", "th"),
        ("a man is lying on the road not moving", "1669", "en"),
        ("my grandmother is not moving", "1669", "en"),
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


@pytest.mark.parametrize(
    ("message", "first_line"),
    [("เทศบาลเปิดกี่โมง", "08.30–16.30"), ("เทศบาลเปิดวันเสาร์ไหม", "ปิดวันเสาร์"), ("opening hours", "08:30–16:30"),
     ("is the city office open on saturday", "closed on Saturdays")],
)  # fmt: skip
def test_the_office_hours_come_first_when_asked(city: sa.Engine, message: str, first_line: str) -> None:
    reply = bot_for(city).reply(message)
    assert reply.intent == "office_contact" and first_line in reply.answer.splitlines()[0]


@pytest.mark.parametrize("message", ["ทะเบียนบ้านย้ายเข้า", "จะย้ายทะเบียนบ้านเข้ายะลาทำยังไง", "แจ้งเกิดลูกที่ไหน"])
def test_civil_registration_gets_the_registration_desk_first(city: sa.Engine, message: str) -> None:
    reply = bot_for(city).reply(message)
    assert reply.intent == "office_contact" and "ผู้สูงอายุ" not in reply.answer
    assert reply.calls[0].label_th == "งานทะเบียนราษฎร"


@pytest.mark.parametrize(
    ("message", "says", "never"),
    [("เบี้ยเด็กแรกเกิด", "600 บาท", "ผู้สูงอายุ"), ("เงินอุดหนุนเด็กเล็ก", "แรกเกิดถึง 6 ปี", "ผู้สูงอายุ"),
     ("เบี้ยยังชีพผู้ป่วยเอดส์", "500 บาท", "ผู้สูงอายุ"), ("child support grant for my baby", "600 baht", "Elderly"),
     ("เบี้ยคนชรา อายุ70 ได้เท่าไร", "700 บาท", "แรกเกิด")],
)  # fmt: skip
def test_each_allowance_is_answered_for_itself(city: sa.Engine, message: str, says: str, never: str) -> None:
    reply = bot_for(city).reply(message)
    assert reply.intent == "welfare_allowance" and says in reply.answer and never not in reply.answer


@pytest.mark.parametrize("message", ["cb70 00003", "สถานะ CB70 - 00003 ค่ะ", "status of CB70 00003"])
def test_a_ticket_number_typed_with_spaces_is_found(city: sa.Engine, message: str) -> None:
    reply = bot_for(city).reply(message)
    assert reply.intent == "complaint_status" and "CB70-00003" in reply.answer


def test_a_ticket_number_with_a_spaced_slash_is_read(city: sa.Engine) -> None:
    from chatbot import slots

    assert slots.ticket("สถานะ 0001 / 2568") == "0001/2568" and slots.ticket("ขยะ 3 / 4 ถุง") is None
    assert slots.ticket("pm25 100 อันตรายไหม") is None


@pytest.mark.parametrize("message", ["ให้คะแนน 5", "อยากให้คะแนนความพึงพอใจค่ะ", "I want to rate my complaint"])
def test_a_rating_without_a_ticket_says_where_and_when_to_rate(city: sa.Engine, message: str) -> None:
    reply = bot_for(city).reply(message)
    assert reply.intent == "complaint_status" and ("1–5" in reply.answer)
    assert reply.state == {"awaiting": "ticket", "lang": reply.lang}


def test_dengue_in_a_named_community_gives_its_own_figure(city: sa.Engine) -> None:
    reply = bot_for(city).reply("ไข้เลือดออกเยอะไหมชุมชนเมืองทอง")
    # eval_city: เมืองทอง had 3 cases in October and 6 in November.
    assert reply.intent == "health_services" and "ชุมชนเมืองทอง: 6 ราย (เดือนก่อน 3 ราย)" in reply.answer


def test_a_power_pole_about_to_fall_gives_the_electricity_authority_and_offers_a_complaint(city: sa.Engine) -> None:
    reply = bot_for(city).reply("เสาไฟฟ้าจะล้มแล้ว")
    assert [c.number for c in reply.calls][:1] == ["1129"] and reply.state is not None and "offer" in reply.state


@pytest.mark.parametrize("message", ["ขอใบอนุญาตขายอาหาร", "ขอใบอนุญาตตั้งแผงลอย", "how do I get a licence to sell food"])
def test_a_food_licence_goes_to_the_health_division_not_the_building_permit(city: sa.Engine, message: str) -> None:
    reply = bot_for(city).reply(message)
    assert reply.intent == "office_contact" and reply.calls[0].label_en.startswith("Public Health")


@pytest.mark.parametrize(
    ("first", "category"), [("แจ้งขยะ", "waste"), ("report garbage", "waste"), ("แจ้งหมาจรจัด", "animals")]
)
def test_report_and_a_kind_of_problem_starts_the_filing(city: sa.Engine, first: str, category: str) -> None:
    desk = MemoryDesk()
    replies = talk(bot_for(city, desk), first, "ชุมชนเสรี", "กองใหญ่ข้างมัสยิด ส่งกลิ่นมาก", "ข้าม", "ยืนยัน")
    assert replies[0].intent == "complaint_new"
    (filed,) = desk.filed
    assert (filed.category, filed.community) == (category, "เสรี")


@pytest.mark.parametrize("message", ["ยืนยัน", "confirm"])
def test_a_confirmation_with_nothing_to_confirm_says_so(city: sa.Engine, message: str) -> None:
    reply = bot_for(city).reply(message)
    assert reply.clarify and reply.intent == "out_of_scope"
    assert "ยืนยัน" in reply.answer or "nothing waiting" in reply.answer


def test_and_what_about_another_community_after_a_garbage_day(city: sa.Engine) -> None:
    first, second = talk(bot_for(city), "ขยะชุมชนเสรีเก็บวันไหน", "แล้วชุมชนเมืองทองล่ะ")
    assert second.intent == "waste_collection" and "ชุมชนเมืองทอง: รถเก็บขยะมา" in second.answer


def test_nearest_shelter_to_a_community_asked_as_a_question_after_the_river(city: sa.Engine) -> None:
    *_, nearest = talk(bot_for(city), "ระดับน้ำตอนนี้", "ใกล้ชุมชนเมืองทองที่สุดที่ไหน")
    assert nearest.intent == "water_level" and nearest.places
    assert all(p.distance_km is not None for p in nearest.places)


def test_not_knowing_the_ticket_number_gives_the_complaints_line(city: sa.Engine) -> None:
    _, reply = talk(bot_for(city), "สถานะเรื่อง", "ไม่รู้เลขที่ค่ะ")
    assert reply.calls and reply.calls[0].label_en == "Complaints service centre"
    assert reply.calls[0].number in reply.answer


def test_not_knowing_the_kind_twice_files_it_as_other(city: sa.Engine) -> None:
    desk = MemoryDesk()
    talk(bot_for(city, desk), "ร้องเรียนค่ะ", "ไม่รู้ว่าประเภทไหน", "ไม่ทราบจริงๆ ค่ะ", "ชุมชนเสรี", "เจ้าหน้าที่พูดจาไม่สุภาพที่จุดบริการ",
         "ข้าม", "ยืนยัน")  # fmt: skip
    (filed,) = desk.filed
    assert (filed.category, filed.community) == ("other", "เสรี")


@pytest.mark.parametrize("word", ["ok", "no"])
def test_ok_and_no_in_a_thai_conversation_are_answered_in_thai(city: sa.Engine, word: str) -> None:
    replies = talk(bot_for(city), "แจ้งถนนพัง", "ชุมชนเสรี", "หลุมใหญ่มากค่ะ", word)
    assert replies[-1].lang == "th" and replies[-1].state is not None and replies[-1].state["lang"] == "th"


def test_a_fire_told_mid_filing_is_answered_and_not_taken_as_the_place(city: sa.Engine) -> None:
    desk = MemoryDesk()
    replies = talk(bot_for(city, desk), "แจ้งไฟถนนดับ", "ไฟไหม้บ้านข้างๆ!!", "ชุมชนเสรี", "ดับ 2 ต้น มืดมาก", "ข้าม",
                   "ยืนยัน")  # fmt: skip
    assert [c.number for c in replies[1].calls][:1] == ["199"] and replies[1].state["step"] == "place"
    (filed,) = desk.filed
    assert (filed.community, filed.place, filed.description) == ("เสรี", "ชุมชนเสรี", "ดับ 2 ต้น มืดมาก")


def test_an_emergency_that_is_the_complaint_is_its_description(city: sa.Engine) -> None:
    desk = MemoryDesk()
    replies = talk(bot_for(city, desk), "แจ้งต้นไม้", "ชุมชนเสรี", "ต้นไม้ล้มทับรถ มีคนติดอยู่", "ข้าม", "ยืนยัน")
    assert replies[2].intent == "emergency" and replies[2].calls[0].number == "199"
    (filed,) = desk.filed
    assert (filed.category, filed.description) == ("trees", "ต้นไม้ล้มทับรถ มีคนติดอยู่")


def test_a_fire_told_while_describing_a_tree_is_not_the_trees_description(city: sa.Engine) -> None:
    desk = MemoryDesk()
    talk(bot_for(city, desk), "report a fallen tree", "Saphrang community",
         "wait, actually a fire started at the house next door!", "the tree blocks the whole road", "skip", "confirm",
         lang="en")  # fmt: skip
    (filed,) = desk.filed
    assert filed.description == "the tree blocks the whole road"


@pytest.mark.parametrize("send", ["ยืนยันค่ะ", "confirm"])
def test_confirm_typed_when_asked_for_a_phone_goes_on_to_the_summary(city: sa.Engine, send: str) -> None:
    desk = MemoryDesk()
    replies = talk(bot_for(city, desk), "แจ้งไฟถนนดับ ชุมชนเสรี", "ดับทั้งซอยเลยค่ะ มืดมาก", send, "ยืนยัน")
    assert replies[2].state is not None and replies[2].state["step"] == "confirm"
    (filed,) = desk.filed
    assert filed.contact_phone is None and filed.category == "streetlight"


@pytest.mark.parametrize("message", ["report a broken light", "the light is out on our soi"])
def test_a_light_that_is_out_is_a_street_light(city: sa.Engine, message: str) -> None:
    from chatbot import slots

    assert slots.category(message) == "streetlight"


def test_a_malay_emergency_on_line_has_its_call_buttons_in_malay(city: sa.Engine) -> None:
    from channels import line_messages

    card, *_ = line_messages.to_messages(bot_for(city).reply("rumah saya banjir"))
    document = card.to_dict()
    assert document["type"] == "flex" and document["altText"].startswith("Tekan untuk telefon: 1784 talian bencana")
    labels = [b["action"]["label"] for b in document["contents"]["footer"]["contents"]]
    assert labels[0].startswith("1784") and not any("ambulance" in label or "rescue" in label for label in labels)


def test_the_office_hours_are_the_city_profiles_in_every_language(city: sa.Engine) -> None:
    from chatbot.knowledge import default_knowledge
    from data_sources.city import profile

    hours = profile()["office_hours"]
    bot = bot_for(city)
    assert hours["th"] in bot.reply("เทศบาลเปิดกี่โมง").answer
    assert hours["en"] in bot.reply("opening hours").answer
    assert hours["ms"] in bot.reply("nombor telefon majlis bandaraya").answer
    for lang in ("th", "en"):
        contact = default_knowledge().answer("office_contact", "", lang)
        assert contact is not None and hours[lang] in contact.text


@pytest.mark.parametrize("message", ["ไม่เข้าใจ", "งงค่ะ", "I dont understand"])
def test_not_understanding_the_bot_gets_the_topics_not_a_goodbye(city: sa.Engine, message: str) -> None:
    reply = bot_for(city).reply(message)
    assert reply.clarify and reply.intent != "thanks_goodbye" and reply.state == {"menu": True, "lang": reply.lang}
