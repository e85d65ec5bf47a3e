"""The complaint lifecycle (data_sources.tickets) on both engines: filing, staff changes, citizen
actions, the outbox and what each view may show."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from data_sources import store, tickets
from data_sources.tickets import rules

NOW = datetime(2026, 11, 20, 9, 0)
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
POTHOLE = tickets.NewComplaint(
    "road", "หลุมลึกประมาณ 30 ซม. หน้าร้านขายยา", community="เมืองทอง", place="ถนนสิโรรส", channel="line",
    contact_address="U-line-user-1", contact_name="สมหญิง", contact_phone="0891234567",
    latitude=6.553591, longitude=101.297934,
)  # fmt: skip


@pytest.fixture
def engine(db_url: str) -> sa.Engine:
    return store.connect(db_url)


def live(engine: sa.Engine, ticket_id: str) -> pd.Series:
    frame = store.load(engine, "complaints")
    return frame.loc[frame["ticket_id"] == ticket_id].iloc[0]


def test_filing_writes_one_version_with_the_routed_division_and_rounded_public_coordinates(engine: sa.Engine) -> None:
    filed = tickets.file_complaint(engine, POTHOLE, now=NOW)
    assert (filed.ticket_id, filed.created, filed.division) == ("CB70-00001", True, "engineering")
    assert filed.due_at == NOW + timedelta(days=rules.SERVICE_DAYS["road"])
    assert store.versions(engine)["complaints"] == filed.version == 1
    row = live(engine, filed.ticket_id)
    assert (row["status"], row["category"], row["community"], row["channel"]) == ("received", "road", "เมืองทอง", "line")
    assert (row["latitude"], row["longitude"]) == (6.554, 101.298)
    assert (row["complainant_name"], row["complainant_phone"]) == ("สมหญิง", "0891234567")
    assert "ถนนสิโรรส" in row["description"]
    assert row["received_at"] == pd.Timestamp(NOW)


def test_four_filings_at_the_same_moment_are_all_saved_with_their_own_numbers(engine: sa.Engine) -> None:
    barrier = threading.Barrier(4)
    results: list[tickets.Filed] = []
    errors: list[BaseException] = []

    def file(number: int) -> None:
        complaint = tickets.NewComplaint("waste", f"ขยะไม่ได้เก็บ ซอย {number}", community="สะพรั่ง", channel="chatbot")
        barrier.wait()
        try:
            results.append(tickets.file_complaint(engine, complaint, now=NOW))
        except BaseException as error:  # noqa: BLE001 - the test reports every failure
            errors.append(error)

    threads = [threading.Thread(target=file, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r.ticket_id for r in results) == [f"CB70-0000{n}" for n in range(1, 5)]
    assert len(store.load(engine, "complaints")) == 4
    assert store.versions(engine)["complaints"] == 4


def test_the_same_filing_twice_makes_one_ticket(engine: sa.Engine) -> None:
    keyed = tickets.NewComplaint("waste", "ขยะไม่ได้เก็บสามวัน", community="สะพรั่ง", submission_key="session-1:draft-1")
    first = tickets.file_complaint(engine, keyed, now=NOW)
    again = tickets.file_complaint(engine, keyed, now=NOW + timedelta(minutes=1))
    retyped = tickets.file_complaint(
        engine, tickets.NewComplaint("waste", "ขยะไม่ได้เก็บ  สามวัน!", community="สะพรั่ง"), now=NOW + timedelta(hours=2)
    )
    other = tickets.file_complaint(engine, tickets.NewComplaint("waste", "ถังขยะแตก", community="สะพรั่ง"), now=NOW)
    assert (again.ticket_id, again.created) == (first.ticket_id, False)
    assert (retyped.ticket_id, retyped.created) == (first.ticket_id, False)
    assert other.created and other.ticket_id != first.ticket_id
    assert len(store.load(engine, "complaints")) == 2
    assert tickets.may_act(engine, first.ticket_id, tickets.Citizen(key=again.access_key))


def test_staff_changes_are_versions_in_the_timeline_and_refused_moves_write_nothing(engine: sa.Engine) -> None:
    filed = tickets.file_complaint(engine, POTHOLE, now=NOW)
    assigned = tickets.assign(engine, filed.ticket_id, "engineering", actor="somchai", now=NOW + timedelta(hours=1))
    working = tickets.move(engine, filed.ticket_id, "in_progress", actor="somchai", now=NOW + timedelta(hours=2))
    done = tickets.move(engine, filed.ticket_id, "resolved", actor="somchai", note="ถมหลุมแล้ว", public_note="ซ่อมเสร็จแล้วค่ะ",
                        photo=JPEG, now=NOW + timedelta(days=1))  # fmt: skip
    assert [c.version for c in (assigned, working, done)] == [2, 3, 4]
    assert [c.stage for c in (assigned, working, done)] == ["assigned", "in_progress", "resolved"]
    row = live(engine, filed.ticket_id)
    assert (row["status"], row["assigned_division"]) == ("resolved", "engineering")
    assert row["resolved_at"] == pd.Timestamp(NOW + timedelta(days=1))
    tickets.move(engine, filed.ticket_id, "closed", actor="somchai", now=NOW + timedelta(days=2))
    with pytest.raises(tickets.MoveRefused):
        tickets.move(engine, filed.ticket_id, "in_progress", actor="somchai", now=NOW + timedelta(days=3))
    assert store.versions(engine)["complaints"] == 5
    history = store.version_history(engine, "complaints")
    assert set(history.loc[history["version"] > 1, "created_by"]) == {"somchai"}
    staff = tickets.staff_view(engine, filed.ticket_id, now=NOW + timedelta(days=3))
    assert [e.kind for e in staff.timeline] == ["filed", "assigned", "stage", "stage", "note", "stage"]
    assert staff.timeline[3].text == "ถมหลุมแล้ว" and staff.timeline[3].photo_id is not None
    assert tickets.photo(engine, staff.timeline[3].photo_id).content == JPEG


def test_public_view_shows_stage_division_and_due_date_but_nothing_personal(engine: sa.Engine) -> None:
    filed = tickets.file_complaint(engine, POTHOLE, now=NOW)
    tickets.add_note(engine, filed.ticket_id, "โทรหาคุณสมหญิงแล้ว", actor="somchai", now=NOW)
    tickets.move(engine, filed.ticket_id, "in_progress", actor="somchai", note="ภายใน: ส่งทีม 2", public_note="ทีมช่างลงพื้นที่พรุ่งนี้",
                 now=NOW + timedelta(hours=3))  # fmt: skip
    view = tickets.public_view(engine, filed.ticket_id, now=NOW + timedelta(hours=4))
    assert (view.category, view.division, view.stage) == ("road", "engineering", "in_progress")
    assert view.due_at == NOW + timedelta(days=7) and not view.overdue(NOW + timedelta(hours=4))
    assert view.private == {}
    shown = repr(view)
    for secret in ("สมหญิง", "0891234567", "U-line-user-1", "หลุมลึก", "ภายใน", "6.553591"):
        assert secret not in shown
    assert [e.text for e in view.timeline if e.kind == "note"] == ["ทีมช่างลงพื้นที่พรุ่งนี้"]


def test_a_citizen_rates_once_after_resolution_with_their_key_or_channel(engine: sa.Engine) -> None:
    filed = tickets.file_complaint(engine, POTHOLE, now=NOW)
    owner = tickets.Citizen(key=filed.access_key)
    with pytest.raises(tickets.RatingRefused):
        tickets.rate(engine, filed.ticket_id, owner, 5, now=NOW)
    tickets.move(engine, filed.ticket_id, "resolved", actor="somchai", now=NOW + timedelta(days=1))
    with pytest.raises(tickets.NotAllowed):
        tickets.rate(engine, filed.ticket_id, tickets.Citizen(key="guessed-key"), 1)
    with pytest.raises(tickets.RatingRefused):
        tickets.rate(engine, filed.ticket_id, owner, 6)
    tickets.rate(engine, filed.ticket_id, tickets.Citizen(channel="line", address="U-line-user-1"), 4)
    with pytest.raises(tickets.RatingRefused):
        tickets.rate(engine, filed.ticket_id, owner, 5)
    assert live(engine, filed.ticket_id)["satisfaction"] == 4
    assert not tickets.public_view(engine, filed.ticket_id).may_rate


def test_reopening_is_allowed_within_the_window_and_sends_the_ticket_back(engine: sa.Engine) -> None:
    filed = tickets.file_complaint(engine, POTHOLE, now=NOW)
    owner = tickets.Citizen(key=filed.access_key)
    tickets.move(engine, filed.ticket_id, "resolved", actor="somchai", now=NOW + timedelta(days=1))
    tickets.rate(engine, filed.ticket_id, owner, 2, now=NOW + timedelta(days=2))
    late = NOW + timedelta(days=1 + rules.REOPEN_DAYS, minutes=1)
    with pytest.raises(tickets.ReopenRefused):
        tickets.reopen(engine, filed.ticket_id, owner, "ยังเป็นหลุมอยู่", now=late)
    reopened = tickets.reopen(engine, filed.ticket_id, owner, "ยังเป็นหลุมอยู่", now=NOW + timedelta(days=3))
    assert reopened.stage == "assigned"
    row = live(engine, filed.ticket_id)
    assert (row["status"], pd.isna(row["resolved_at"]), pd.isna(row["satisfaction"])) == ("in_progress", True, True)
    assert filed.ticket_id in set(
        tickets.inbox(engine, division="engineering", now=NOW + timedelta(days=3))["ticket_id"]
    )


def test_notices_go_to_channel_contacts_only_and_leave_the_outbox_once_delivered(engine: sa.Engine) -> None:
    by_line = tickets.file_complaint(engine, POTHOLE, now=NOW)
    by_web = tickets.file_complaint(engine, tickets.NewComplaint("waste", "ขยะล้นถัง", community="สะพรั่ง"), now=NOW)
    for ticket in (by_line.ticket_id, by_web.ticket_id):
        tickets.move(engine, ticket, "in_progress", actor="somchai", now=NOW + timedelta(hours=1))
        tickets.move(engine, ticket, "resolved", actor="somchai", now=NOW + timedelta(hours=2))
    waiting = tickets.pending_notices(engine, channel="line")
    assert [(n.ticket_id, n.stage, n.ask_rating, n.recipient) for n in waiting] == [
        (by_line.ticket_id, "in_progress", False, "U-line-user-1"),
        (by_line.ticket_id, "resolved", True, "U-line-user-1"),
    ]
    assert tickets.pending_notices(engine, channel="chatbot") == []
    assert "หลุม" not in waiting[1].message_th and "0891234567" not in waiting[1].message_th
    assert by_line.ticket_id in waiting[1].message_th and "1–5" in waiting[1].message_th
    tickets.notice_failed(engine, waiting[0].id, "HTTP 500")
    tickets.notice_delivered(engine, waiting[1].id)
    assert [(n.id, n.attempts) for n in tickets.pending_notices(engine)] == [(waiting[0].id, 1)]


def test_a_nearby_open_ticket_of_the_same_kind_is_offered_and_can_be_joined(engine: sa.Engine) -> None:
    filed = tickets.file_complaint(engine, POTHOLE, now=NOW)
    tickets.file_complaint(engine, tickets.NewComplaint("waste", "ขยะ", community="เมืองทอง"), now=NOW)
    near = tickets.similar_open(engine, "road", latitude=6.5540, longitude=101.2980, now=NOW + timedelta(days=1))
    assert [(s.ticket_id, round(s.distance_m or 0)) for s in near] == [
        (filed.ticket_id, 46)
    ]  # 45.5 m north, 7.3 m east
    assert tickets.similar_open(engine, "road", latitude=6.5425, longitude=101.2830, now=NOW) == []
    assert [s.ticket_id for s in tickets.similar_open(engine, "road", community="เมืองทอง", now=NOW)] == [
        filed.ticket_id
    ]
    assert tickets.similar_open(engine, "road", community="เมืองทอง", now=NOW + timedelta(days=15)) == []
    joined = tickets.join_complaint(engine, filed.ticket_id, channel="line", contact_address="U-line-user-2",
                                    text="หน้าบ้านผมก็เป็นหลุม", now=NOW + timedelta(hours=5))  # fmt: skip
    assert joined.ticket_id == filed.ticket_id and not joined.created
    tickets.move(engine, filed.ticket_id, "resolved", actor="somchai", now=NOW + timedelta(days=1))
    assert {n.recipient for n in tickets.pending_notices(engine)} == {"U-line-user-1", "U-line-user-2"}
    tickets.move(engine, filed.ticket_id, "closed", actor="somchai", now=NOW + timedelta(days=2))
    assert tickets.similar_open(engine, "road", community="เมืองทอง", now=NOW + timedelta(days=2)) == []


def test_a_division_re_uploading_a_newer_status_wins_over_the_lifecycle(engine: sa.Engine) -> None:
    filed = tickets.file_complaint(engine, POTHOLE, now=NOW)
    tickets.assign(engine, filed.ticket_id, "engineering", actor="somchai", now=NOW)
    row = store.load(engine, "complaints")
    row = row.loc[row["ticket_id"] == filed.ticket_id].assign(
        status="resolved", resolved_at=pd.Timestamp(NOW + timedelta(days=2))
    )
    store.commit(engine, "complaints", row, user="clerk-upload")
    view = tickets.public_view(engine, filed.ticket_id, now=NOW + timedelta(days=2))
    assert (view.stage, view.may_rate) == ("resolved", True)


def test_photos_are_checked_by_their_bytes(engine: sa.Engine) -> None:
    with pytest.raises(tickets.PhotoRefused):
        tickets.file_complaint(engine, tickets.NewComplaint("road", "หลุม", photos=(b"%PDF-1.7 not a photo",)), now=NOW)
    assert store.versions(engine)["complaints"] == 0
    filed = tickets.file_complaint(engine, tickets.NewComplaint("road", "หลุมใหญ่", photos=(JPEG,)), now=NOW)
    staff = tickets.staff_view(engine, filed.ticket_id)
    assert [kind for _, kind, _ in staff.private["photos"]] == ["citizen"]
