"""Filing a complaint in conversation (chatbot.complaint_flow) against a desk kept in memory: the
fields land where they belong, polite and colloquial yes/no work, any field can be changed before
confirming, a likely duplicate is offered, and nothing personal is repeated back."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from chatbot import complaint_flow
from chatbot.complaint_flow import FlowReply, advance, start
from data_sources.tickets import Similar
from helpers.chat import MemoryDesk


def talk(desk: MemoryDesk, first: str, *answers: str, lang: str = "th", **options: object) -> list[FlowReply]:
    replies = [start(first, lang, desk=desk, **options)]  # type: ignore[arg-type]
    for text in answers:
        state = replies[-1].state
        assert state is not None, f"the conversation ended before {text!r}"
        replies.append(advance(state, text, lang, desk=desk))  # type: ignore[arg-type]
    return replies


def steps(replies: list[FlowReply]) -> list[object]:
    return [r.state["step"] if r.state else None for r in replies]


def test_a_complete_conversation_files_one_complaint_with_every_field_in_place() -> None:
    desk = MemoryDesk()
    replies = talk(
        desk, "อยากร้องเรียนค่ะ", "1", "ชุมชนเมืองทอง ซอย 3", "ถนนเป็นหลุมลึกหน้าร้านขายยา", "สมหญิง 089-123-4567", "ยืนยัน"
    )
    assert steps(replies) == ["category", "place", "description", "contact", "confirm", None]
    (filed,) = desk.filed
    assert (filed.category, filed.community, filed.place) == ("road", "เมืองทอง", "ชุมชนเมืองทอง ซอย 3")
    assert filed.description == "ถนนเป็นหลุมลึกหน้าร้านขายยา"
    assert (filed.contact_name, filed.contact_phone) == ("สมหญิง", "0891234567")
    assert replies[-1].filed is not None and replies[-1].filed.ticket_id == "CB70-00001"
    assert "CB70-00001" in replies[-1].answer and "กองช่าง" in replies[-1].answer


@pytest.mark.parametrize("yes", ["ยืนยัน", "ยืนยันค่ะ", "ใช่ค่ะ", "ใช่", "ได้เลย", "ได้เลยครับ", "ส่งเลยครับ", "ส่งเลย", "ตกลงค่ะ",
                                 "โอเค", "ok", "เอาเลย", "ถูกต้องค่ะ", "ค่ะ", "ครับ", "yes", "Yes please", "yes, send it",
                                 "sure", "confirm", "go ahead", "that's correct", "ya", "betul"])  # fmt: skip
def test_polite_and_colloquial_confirmations_file_the_complaint(yes: str) -> None:
    desk = MemoryDesk()
    replies = talk(desk, "ไฟถนนดับที่ชุมชนธนวิถีค่ะ", "ดับทั้งซอย 3 ต้น มืดมาก", "ข้าม", yes)
    assert replies[-1].state is None and len(desk.filed) == 1


@pytest.mark.parametrize("no", ["ไม่ค่ะ", "ไม่", "ไม่ครับ", "ไม่ใช่", "no", "nope", "ยังไม่ส่ง"])
def test_a_no_at_confirm_keeps_the_draft_and_offers_to_change_it(no: str) -> None:
    desk = MemoryDesk()
    replies = talk(desk, "ไฟถนนดับที่ชุมชนธนวิถีค่ะ", "ดับทั้งซอย 3 ต้น มืดมาก", "ข้าม", no)
    assert steps(replies)[-1] == "confirm" and desk.filed == []
    assert "แก้ไข" in replies[-1].answer


@pytest.mark.parametrize("cancel", ["ยกเลิก", "ยกเลิกค่ะ", "ไม่เอาแล้ว", "ไม่แจ้งแล้วค่ะ", "cancel", "never mind", "forget it"])
@pytest.mark.parametrize("before", [(), ("1",), ("1", "เมืองทอง"), ("1", "เมืองทอง", "หลุมลึกมาก", "ข้าม")])
def test_cancel_ends_the_conversation_at_any_step_without_filing(cancel: str, before: tuple[str, ...]) -> None:
    desk = MemoryDesk()
    replies = talk(desk, "อยากร้องเรียน", *before, cancel)
    assert replies[-1].state is None and desk.filed == []
    assert "ยกเลิก" in replies[-1].answer or "cancelled" in replies[-1].answer


def test_an_english_filing_puts_each_answer_in_its_field() -> None:
    desk = MemoryDesk()
    replies = talk(
        desk, "I want to report a broken street light", "near the mosque on Sirorot road, Saphrang community",
        "The lamp has been off for a week and the lane is completely dark at night", "no thanks", "yes please",
        lang="en",
    )  # fmt: skip
    (filed,) = desk.filed
    assert filed.category == "streetlight" and filed.community == "สะพรั่ง"
    assert filed.description.startswith("The lamp has been off")
    assert filed.contact_name is None and filed.contact_phone is None
    assert steps(replies) == ["place", "description", "contact", "confirm", None]


def test_a_contact_answer_without_a_phone_number_is_asked_again_not_taken_as_a_name() -> None:
    desk = MemoryDesk()
    replies = talk(desk, "report a pothole in Saphrang community", "a deep hole outside the pharmacy, bikes swerve around it",
                   "it is really dangerous at night please hurry", lang="en")  # fmt: skip
    assert steps(replies)[-1] == "contact"
    assert "phone" in replies[-1].answer


def test_a_detailed_first_message_is_the_description_and_is_not_asked_again() -> None:
    desk = MemoryDesk()
    first = "ถนนหน้าร้านขายยาเป็นหลุมลึกเกือบครึ่งเมตร ชุมชนคูหามุข"
    replies = talk(desk, first, "ข้าม", "ยืนยัน")
    assert steps(replies) == ["contact", "confirm", None]
    assert desk.filed[0].description == first


@pytest.mark.parametrize(("edit", "field", "value"), [
    ("แก้สถานที่เป็น หน้าตลาดเก่า ถนนสิโรรส", "place", "หน้าตลาดเก่า ถนนสิโรรส"),
    ("แก้รายละเอียดเป็น หลุมลึก 50 ซม. กว้าง 1 เมตร", "description", "หลุมลึก 50 ซม. กว้าง 1 เมตร"),
    ("change the place to Sirorot road by the old market", "place", "Sirorot road by the old market"),
    ("เปลี่ยนประเภทเป็นท่อระบายน้ำ", "category", "drainage"),
])  # fmt: skip
def test_any_field_can_be_changed_at_confirm_in_one_message(edit: str, field: str, value: str) -> None:
    desk = MemoryDesk()
    replies = talk(desk, "แจ้งถนนพัง ชุมชนสะพรั่ง", "หลุมใหญ่มากหน้าบ้าน", "ข้าม", edit, "ยืนยัน")
    assert steps(replies) == ["description", "contact", "confirm", "confirm", None]
    assert getattr(desk.filed[0], field) == value


def test_an_edit_by_number_asks_for_that_field_then_returns_to_confirm() -> None:
    desk = MemoryDesk()
    replies = talk(desk, "แจ้งถนนพัง ชุมชนสะพรั่ง", "หลุมใหญ่มากหน้าบ้าน", "ข้าม", "แก้ไข 3", "หลุมใหญ่สองหลุม น้ำขังด้วย", "ได้เลย")
    assert steps(replies) == ["description", "contact", "confirm", "description", "confirm", None]
    assert desk.filed[0].description == "หลุมใหญ่สองหลุม น้ำขังด้วย"


def test_a_likely_duplicate_is_offered_and_joining_files_nothing_new() -> None:
    open_one = Similar("CB70-00007", "road", "สะพรั่ง", datetime(2026, 11, 18, 8, 0), "in_progress", None)
    desk = MemoryDesk(offered=[open_one])
    replies = talk(desk, "แจ้งถนนพัง ชุมชนสะพรั่ง", "หลุมใหญ่มากหน้าบ้าน", "ร่วม")
    assert steps(replies) == ["description", "duplicate", None]
    assert "CB70-00007" in replies[1].answer
    assert desk.filed == [] and desk.joined == [("CB70-00007", "หลุมใหญ่มากหน้าบ้าน", ())]
    new = talk(MemoryDesk(offered=[open_one]), "แจ้งถนนพัง ชุมชนสะพรั่ง", "หลุมใหญ่มากหน้าบ้าน", "แจ้งใหม่", "ข้าม", "ยืนยัน")
    assert steps(new) == ["description", "duplicate", "contact", "confirm", None]


def test_a_channel_that_reaches_the_citizen_skips_the_contact_question() -> None:
    desk = MemoryDesk()
    replies = talk(desk, "ขยะไม่มีคนเก็บที่ชุมชนสามัคคี", "กองขยะส่งกลิ่นเหม็นมาสามวันแล้ว", "ยืนยัน", contact_known=True)
    assert steps(replies) == ["description", "confirm", None]


def test_no_reply_repeats_the_contact_details_and_typed_numbers_leave_the_description() -> None:
    desk = MemoryDesk()
    replies = talk(desk, "แจ้งไฟถนนดับ ชุมชนสะพรั่ง", "ไฟดับสามวัน โทรหาผมที่ 081-234-5678 เลขบัตร 1-1017-00203-45-1",
                   "สมศรี 0812345678", "ยืนยัน")  # fmt: skip
    for reply in replies:
        assert "สมศรี" not in reply.answer and "081" not in reply.answer
    assert "081" not in desk.filed[0].description and "00203" not in desk.filed[0].description


def test_a_long_description_is_kept_whole() -> None:
    desk = MemoryDesk()
    long_text = "น้ำท่วมขังหน้าบ้านทุกครั้งที่ฝนตก " * 60  # about 2,000 characters
    replies = talk(desk, "แจ้งท่อระบายน้ำตัน ชุมชนธนวิถี", long_text, "ข้าม", "ยืนยัน")
    assert desk.filed[0].description == long_text.strip()
    assert "ตัวอักษร" in replies[2].answer  # the summary says it was cut for display, kept in full


def test_a_failed_save_keeps_the_conversation_at_confirm() -> None:
    replies = talk(MemoryDesk(fail=True), "แจ้งไฟถนนดับ ชุมชนสะพรั่ง", "มืดทั้งซอย", "ข้าม", "ยืนยัน")
    assert steps(replies)[-1] == "confirm" and replies[-1].filed is None
    assert "ไม่สำเร็จ" in replies[-1].answer


def test_an_unclear_category_and_a_too_short_description_are_asked_again() -> None:
    assert steps(talk(MemoryDesk(), "อยากร้องเรียน", "ไม่รู้สิ")) == ["category", "category"]
    assert steps(talk(MemoryDesk(), "แจ้งหมาจรจัด ชุมชนบ้านร่ม", "ก")) == ["description", "description"]


def test_an_unknown_place_is_asked_once_more_then_accepted() -> None:
    desk = MemoryDesk()
    replies = talk(desk, "อยากแจ้งขยะ", "ไม่ทราบค่ะ", "ไม่รู้จริงๆ", "ขยะกองใหญ่ส่งกลิ่น", "ข้าม", "ยืนยัน")
    assert steps(replies) == ["place", "place", "description", "contact", "confirm", None]
    assert desk.filed[0].community is None


def test_state_is_plain_json_and_the_same_confirmation_twice_files_once() -> None:
    desk = MemoryDesk()
    replies = talk(desk, "อยากร้องเรียน", "2", "เวฬุวัน", "ท่อตันน้ำขัง", "ข้าม")
    state = replies[-1].state
    assert json.loads(json.dumps(state, ensure_ascii=False)) == state
    first = advance(state, "ยืนยัน", "th", desk=desk)  # type: ignore[arg-type]
    again = advance(state, "ยืนยัน", "th", desk=desk)  # type: ignore[arg-type]  # a double tap, or a redelivered event
    assert first.filed.ticket_id == again.filed.ticket_id and len(desk.filed) == 1  # type: ignore[union-attr]
    assert "ไม่เปิดเรื่องซ้ำ" in again.answer


def test_coordinates_typed_as_the_place_are_kept_internal_with_the_filing() -> None:
    desk = MemoryDesk()
    talk(
        desk, "แจ้งต้นไม้ล้มขวางทาง", "https://maps.google.com/?q=6.55361,101.29791", "ต้นไม้ใหญ่ล้มขวางถนนทั้งเลน", "ข้าม", "ยืนยัน"
    )
    assert (desk.filed[0].latitude, desk.filed[0].longitude) == (6.55361, 101.29791)


def test_the_flow_constant_names_the_state() -> None:
    assert complaint_flow.is_active({"flow": complaint_flow.FLOW}) and not complaint_flow.is_active(None)
