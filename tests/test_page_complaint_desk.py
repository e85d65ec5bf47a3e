"""The complaint lifecycle's pages: the staff inbox (scope by division, assign, move, notes) and
the public status page (category, division, timeline; with the filing link's key: rate, reopen,
add information). Everything through the real forms, in AppTest."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_sources import city_time, store, tickets
from helpers.apptest import open_app
from helpers.signed_in import open_city, sign_in

INBOX, STATUS = "pages/complaint_inbox.py", "pages/complaint_status.py"


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    engine = open_city(tmp_path, monkeypatch)
    now = city_time.now()
    tickets.file_complaint(
        engine, tickets.NewComplaint("road", "หลุมลึกหน้าร้านยา", community="เมืองทอง"), now=now - timedelta(days=1)
    )
    tickets.file_complaint(engine, tickets.NewComplaint("waste", "ขยะล้นถัง", community="สะพรั่ง", contact_phone="0812345678"),
                           now=now - timedelta(hours=3))  # fmt: skip
    return engine


def _inbox(username: str) -> object:
    at = sign_in(username)
    at.switch_page(INBOX).run()
    assert not at.exception
    return at


def _submit(at: object) -> None:
    at.form_submit_button[0].click().run()  # type: ignore[attr-defined]


def test_staff_see_their_divisions_tickets_only(city: sa.Engine) -> None:
    health = _inbox("nok")
    assert health.selectbox(key="inbox_ticket").options == ["CB70-00002 · ขยะ/ความสะอาด · สะพรั่ง"]  # type: ignore[attr-defined]
    admin = _inbox("root")
    assert len(admin.selectbox(key="inbox_ticket").options) == 2  # type: ignore[attr-defined]


def test_staff_move_a_ticket_with_a_note_for_the_citizen_and_it_becomes_a_version(city: sa.Engine) -> None:
    at = _inbox("nok")  # the health division: the waste ticket
    assert any("0812345678" in c.value for c in at.caption)  # type: ignore[attr-defined]  # staff see the contact
    version = store.versions(city)["complaints"]
    at.selectbox(key="inbox_move").set_value("in_progress")  # type: ignore[attr-defined]
    at.text_area(key="inbox_public_note").set_value("ทีมช่างจะเข้าซ่อมพรุ่งนี้เช้า")  # type: ignore[attr-defined]
    _submit(at)
    assert not at.exception  # type: ignore[attr-defined]
    assert any("บันทึกเรื่อง CB70-00002 แล้ว" in s.value for s in at.success)  # type: ignore[attr-defined]
    row = store.load(city, "complaints").set_index("ticket_id").loc["CB70-00002"]
    assert row["status"] == "in_progress"
    assert store.versions(city)["complaints"] > version
    history = store.version_history(city, "complaints")
    assert "nok" in set(history["created_by"])
    view = tickets.public_view(city, "CB70-00002")
    assert [e.text for e in view.timeline if e.kind == "note"] == ["ทีมช่างจะเข้าซ่อมพรุ่งนี้เช้า"]  # type: ignore[union-attr]


def test_an_executive_reads_the_inbox_but_cannot_act(city: sa.Engine) -> None:
    at = _inbox("mayor")
    assert not at.form  # type: ignore[attr-defined]
    assert any("ดูได้อย่างเดียว" in c.value for c in at.caption)  # type: ignore[attr-defined]


def test_a_visitor_cannot_open_the_inbox(city: sa.Engine) -> None:
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_app(page=INBOX)


def test_the_status_page_shows_category_division_and_progress_but_no_actions_without_the_key(city: sa.Engine) -> None:
    tickets.assign(city, "CB70-00001", "engineering", actor="clerk")
    at = open_app(page=STATUS)
    at.query_params["ticket"] = "CB70-00001"
    at.run()
    texts = [m.value for m in at.markdown]
    assert "ประเภท: ถนน/ทางเท้าชำรุด" in texts and "หน่วยงานที่รับผิดชอบ: กองช่าง" in texts
    assert any("ส่งต่อหน่วยงาน" in t for t in texts)  # the timeline
    assert not at.feedback and not at.text_area  # no actions without the key from the filing link
    assert "หลุมลึก" not in " ".join(texts)


def test_the_citizen_with_the_key_rates_once_resolved_and_can_reopen(city: sa.Engine) -> None:
    filed = tickets.file_complaint(city, tickets.NewComplaint("trees", "กิ่งไม้พาดสายไฟ", community="เสรี"))
    tickets.move(city, filed.ticket_id, "resolved", actor="somchai")
    at = open_app(page=STATUS)
    at.query_params["ticket"] = filed.ticket_id
    at.query_params["key"] = filed.access_key
    at.run()
    assert len(at.feedback) == 1 and [a.key for a in at.text_area] == [
        "status_desk_reopen_reason",
        "status_desk_info_text",
    ]
    at.feedback(key="status_desk_score").set_value(3)  # the fourth star
    at.form_submit_button[1].click().run()  # [0] is the lookup form's
    assert not at.exception
    assert store.load(city, "complaints").set_index("ticket_id").loc[filed.ticket_id, "satisfaction"] == 4
    assert not at.feedback  # rated: once
    at.text_area(key="status_desk_reopen_reason").set_value("กิ่งยังพาดอยู่")
    at.form_submit_button[1].click().run()
    assert tickets.public_view(city, filed.ticket_id).stage == "assigned"  # type: ignore[union-attr]


@pytest.mark.parametrize(("role", "division", "acts"), [
    ("staff", "engineering", True), ("staff", "clerk", True), ("staff", "health", False), ("admin", None, True),
    ("executive", None, False),
])  # fmt: skip
def test_who_may_act_on_an_engineering_ticket(role: str, division: str | None, acts: bool) -> None:
    from types import SimpleNamespace

    from data_sources.accounts import Account
    from ui.complaint_inbox import may_act

    account = Account("someone", "someone", role, division, None, True, "stamp")  # type: ignore[arg-type]
    assert may_act(account, SimpleNamespace(division="engineering")) is acts  # type: ignore[arg-type]
