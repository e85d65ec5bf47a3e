"""Filing a complaint in conversation, with a fake writer (the real store write is in test_chatbot_cli)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
import pytest

from chatbot import complaint_flow
from chatbot.complaint_flow import FlowReply, advance, start
from data_sources.adapters import dataset
from data_sources.errors import DataSourceError
from data_sources.frames import dtype_of

NOW = datetime(2024, 11, 21, 10, 30)


class FakeStore:
    def __init__(self, fail: bool = False) -> None:
        self.written: list[pd.DataFrame] = []
        self.fail = fail

    def write(self, frame: pd.DataFrame) -> None:
        if self.fail:
            raise DataSourceError("บันทึกไม่ได้", "cannot save")
        self.written.append(frame)


def talk(store: FakeStore, first: str, *answers: str, lang: str = "th") -> list[FlowReply]:
    replies = [start(first, lang)]
    for text in answers:
        state = replies[-1].state
        assert state is not None, "the conversation ended early"
        replies.append(advance(state, text, lang, write=store.write, new_ticket=lambda now: "CB68-00001", now=NOW))
    return replies


def steps(replies: list[FlowReply]) -> list[Any]:
    return [r.state["step"] if r.state else None for r in replies]


def test_a_complete_conversation_writes_one_typed_complaints_row() -> None:
    store = FakeStore()
    replies = talk(
        store, "อยากร้องเรียนค่ะ", "1", "ชุมชนเมืองทอง ซอย 3", "ถนนเป็นหลุมลึกหน้าร้านขายยา", "สมหญิง 089-123-4567", "ยืนยัน"
    )
    assert steps(replies) == ["category", "place", "description", "contact", "confirm", None]
    assert len(store.written) == 1
    row = store.written[0]
    declared = dataset("complaints")
    assert list(row.columns) == [c.key for c in declared.columns]
    assert {c.key: str(row[c.key].dtype) for c in declared.columns} == {c.key: dtype_of(c) for c in declared.columns}
    written = row.iloc[0]
    assert (written["ticket_id"], written["category"], written["community"]) == ("CB68-00001", "road", "เมืองทอง")
    assert (written["channel"], written["status"]) == ("chatbot", "received")
    assert written["received_at"] == pd.Timestamp(NOW)
    assert (written["complainant_name"], written["complainant_phone"]) == ("สมหญิง", "0891234567")
    assert "CB68-00001" in replies[-1].answer and replies[-1].ticket == "CB68-00001"


def test_no_reply_repeats_the_contact_details() -> None:
    replies = talk(FakeStore(), "อยากร้องเรียน", "ขยะ", "สามัคคี", "ขยะไม่มีคนเก็บสามวัน", "สมหญิง 089-123-4567", "ยืนยัน")
    for reply in replies:
        assert "สมหญิง" not in reply.answer and "089" not in reply.answer


def test_what_the_first_message_said_is_not_asked_again() -> None:
    store = FakeStore()
    replies = talk(store, "ไฟถนนดับที่ชุมชนธนวิถีค่ะ", "ดับทั้งซอย 3 ต้น มืดมาก", "ข้าม", "ใช่")
    assert steps(replies) == ["description", "contact", "confirm", None]
    written = store.written[0].iloc[0]
    assert (written["category"], written["community"]) == ("streetlight", "ธนวิถี")
    assert written["description"] == "ดับทั้งซอย 3 ต้น มืดมาก"
    assert pd.isna(written["complainant_phone"])


def test_a_detailed_first_message_is_taken_as_the_description() -> None:
    store = FakeStore()
    first = "ถนนหน้าร้านขายยาเป็นหลุมลึกเกือบครึ่งเมตร ชุมชนคูหามุข"
    replies = talk(store, first, "ข้าม", "ยืนยัน")
    assert steps(replies) == ["contact", "confirm", None]
    assert store.written[0].iloc[0]["description"] == first


def test_a_place_outside_the_known_communities_is_kept_in_the_description() -> None:
    store = FakeStore()
    talk(store, "แจ้งถนนพัง", "หน้าปั๊มน้ำมันถนนสิโรรส", "หลุมใหญ่มาก", "skip", "confirm", lang="en")
    written = store.written[0].iloc[0]
    assert written["community"] == complaint_flow.UNKNOWN_COMMUNITY
    assert written["description"] == "หลุมใหญ่มาก (สถานที่: หน้าปั๊มน้ำมันถนนสิโรรส)"


def test_phone_and_id_numbers_typed_in_the_description_are_removed() -> None:
    store = FakeStore()
    talk(store, "แจ้งไฟถนนดับ ชุมชนสะพรั่ง", "ไฟดับสามวัน โทรหาผมที่ 081-234-5678 เลขบัตร 1-1017-00203-45-1", "ข้าม", "ยืนยัน")
    description = store.written[0].iloc[0]["description"]
    assert "081" not in description and "00203" not in description
    assert "ไฟดับสามวัน" in description


@pytest.mark.parametrize("step_answers", [(), ("1",), ("1", "เมืองทอง"), ("1", "เมืองทอง", "หลุมลึก", "ข้าม")])
def test_cancel_ends_the_conversation_at_any_step_without_writing(step_answers: tuple[str, ...]) -> None:
    store = FakeStore()
    replies = talk(store, "อยากร้องเรียน", *step_answers, "ยกเลิก")
    assert replies[-1].state is None
    assert "ยกเลิก" in replies[-1].answer
    assert store.written == []


def test_an_unclear_category_is_asked_again() -> None:
    replies = talk(FakeStore(), "อยากร้องเรียน", "ไม่รู้สิ")
    assert steps(replies) == ["category", "category"]
    assert replies[-1].answer.startswith("ขออภัย")


def test_a_too_short_description_is_asked_again() -> None:
    replies = talk(FakeStore(), "แจ้งหมาจรจัด ชุมชนบ้านร่ม", "ก")
    assert steps(replies) == ["description", "description"]


def test_a_failed_write_keeps_the_conversation_at_confirm() -> None:
    store = FakeStore(fail=True)
    replies = talk(store, "แจ้งไฟถนนดับ ชุมชนสะพรั่ง", "มืดทั้งซอย", "ข้าม", "ยืนยัน")
    assert steps(replies)[-1] == "confirm"
    assert replies[-1].ticket is None
    assert "ไม่สำเร็จ" in replies[-1].answer


def test_anything_but_yes_or_no_at_confirm_shows_the_summary_again() -> None:
    store = FakeStore()
    replies = talk(store, "แจ้งไฟถนนดับ ชุมชนสะพรั่ง", "มืดทั้งซอย", "ข้าม", "อืม")
    assert steps(replies)[-1] == "confirm"
    assert replies[-1].answer.startswith("ตรวจสอบก่อนส่งเรื่อง")
    assert store.written == []


def test_state_is_plain_json() -> None:
    import json

    replies = talk(FakeStore(), "อยากร้องเรียน", "2", "เวฬุวัน", "ท่อตันน้ำขัง", "ข้าม")
    assert json.loads(json.dumps(replies[-1].state, ensure_ascii=False)) == replies[-1].state
