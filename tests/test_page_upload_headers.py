"""AppTest: the upload page asks which column a header is, offers only columns that fit, and
remembers the answer: the division's next file with the same headers asks nothing. The catalogue
shows the remembered mapping; an admin changes and removes it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_sources import audit_trail, header_memory, store
from data_sources.column_choices import ignore_key
from helpers.signed_in import open_city, sign_in, workbook

HEADERS = ["วันที่", "ชุมชน", "น้ำหนักรวม"]


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_city(tmp_path, monkeypatch)


def _drop(at: AppTest, name: str, content: bytes, dataset: str) -> AppTest:
    picker = next(box for box in at.selectbox if box.key and box.key.rsplit("_", 1)[0] == "upload_dataset")
    picker.select_index(["auto", "waste", "air_quality", "health", "facilities"].index(dataset))
    at.file_uploader(key="upload_files").upload(name, content).run()
    assert not at.exception
    return at


def _page(username: str = "nok") -> AppTest:
    at = sign_in(username)
    at.switch_page("pages/upload.py").run()
    return at


def _questions(at: AppTest) -> list:  # type: ignore[type-arg]
    return [box for box in at.selectbox if box.key and box.key.startswith("upload_answer_")]


def _confirm(at: AppTest) -> None:
    next(b for b in at.button if b.key and b.key.startswith("upload_confirm_")).click().run()
    assert not at.exception


def test_an_answered_question_is_remembered_and_not_asked_again(city: sa.Engine) -> None:
    first = workbook([HEADERS, ["01/10/2569", "เมืองทอง", 3], ["02/10/2569", "เมืองทอง", 2.5]])
    at = _drop(_page(), "waste-1.xlsx", first, "waste")
    [question] = _questions(at)
    assert question.label == 'ไม่พบคอลัมน์ "ขยะที่จัดเก็บ (ตัน)" ข้อมูลนี้อยู่ในคอลัมน์ใดของไฟล์'
    question.set_value(2)
    at.button[-1].click().run()  # "use this mapping"
    assert "เจ้าหน้าที่เลือกเอง" in at.dataframe[0].value.iloc[:, -1].tolist()
    _confirm(at)
    assert store.versions(city)["waste"] == 2
    [kept] = header_memory.every(city, "waste")
    assert (kept.division, kept.mapping) == ("health", {"tons_collected": "น้ำหนักรวม"})

    second = workbook([HEADERS, ["01/10/2569", "เมืองทอง", 3.5], ["02/10/2569", "เมืองทอง", 2.5]])
    at = _drop(_page(), "waste-2.xlsx", second, "waste")
    assert _questions(at) == []  # nothing asked: the division's choice is remembered
    assert "จำจากไฟล์ครั้งก่อนของกอง" in at.dataframe[0].value.iloc[:, -1].tolist()
    _confirm(at)
    assert store.versions(city)["waste"] == 3
    assert sorted(store.load(city, "waste")["tons_collected"]) == [2.5, 3.5]

    history = sign_in("nok")
    history.switch_page("pages/upload_history.py").run()
    assert not history.exception
    shown = [frame.value for frame in history.dataframe]
    assert any("จำจากไฟล์ครั้งก่อนของกอง" in frame.iloc[:, -1].tolist() for frame in shown if len(frame.columns) == 3)


def test_which_column_never_offers_the_running_number_as_cases(city: sa.Engine) -> None:
    rows = [
        ["ลำดับ", "วันที่", "ชุมชน", "ไม่ระบุ", "ผู้รับบริการ"],
        [1, "01/10/2569", "เมืองทอง", 4, 120],
        [2, "01/10/2569", "สะพรั่ง", 0, 98],
        [3, "01/10/2569", "เสรี", 7, 143],
    ]
    at = _drop(_page(), "health.xlsx", workbook(rows), "health")
    [question] = _questions(at)
    assert question.options == ["D · ไม่ระบุ"]


def test_the_catalogue_shows_remembered_headers_and_an_admin_removes_them(city: sa.Engine) -> None:
    header_memory.remember(city, "waste", "health", HEADERS, {"tons_collected": "น้ำหนักรวม"}, user="nok")
    at = sign_in("root")
    at.switch_page("pages/catalogue.py").run()
    next(b for b in at.selectbox if b.key and b.key.startswith("catalogue_dataset")).set_value("waste").run()
    assert not at.exception
    shown = at.dataframe[-1].value
    assert shown.iloc[0].tolist()[:3] == ["กองสาธารณสุขและสิ่งแวดล้อม", "น้ำหนักรวม", "ขยะที่จัดเก็บ (ตัน)"]
    next(b for b in at.button if b.label == "ลบการจับคู่นี้").click().run()
    assert not at.exception and header_memory.every(city) == []
    log = audit_trail.recent(city)
    assert log[log["action"].str.startswith("header_mapping")]["actor"].tolist() == ["root", "nok"]


def test_staff_see_remembered_headers_but_cannot_change_them(city: sa.Engine) -> None:
    header_memory.remember(city, "waste", "health", HEADERS, {"tons_collected": "น้ำหนักรวม"}, user="nok")
    at = sign_in("nok")
    at.switch_page("pages/catalogue.py").run()
    next(b for b in at.selectbox if b.key and b.key.startswith("catalogue_dataset")).set_value("waste").run()
    assert not at.exception
    assert "น้ำหนักรวม" in at.dataframe[-1].value.iloc[:, 1].tolist()
    assert not [b for b in at.button if b.label == "ลบการจับคู่นี้"]


def test_a_column_that_is_not_part_of_the_dataset_is_left_out_and_that_is_remembered(city: sa.Engine) -> None:
    headers = ["วันที่", "ชุมชน", "ผู้ป่วยไข้เลือดออก (ราย)", "ผู้รับบริการ", "ประเภท"]
    first = workbook([headers, ["01/10/2569", "เมืองทอง", 2, 120, "ผู้ใหญ่"]])
    at = _drop(_page(), "health-1.xlsx", first, "health")
    [question] = _questions(at)
    # "ประเภท" might be the period type, but "ผู้ใหญ่" is no period: only leaving it out is offered.
    assert question.options == ["ไม่นำเข้าคอลัมน์นี้"]
    question.set_value(ignore_key(4))
    at.button[-1].click().run()
    assert not at.error
    _confirm(at)
    assert store.versions(city)["health"] == 1
    second = workbook([headers, ["01/10/2569", "เมืองทอง", 3, 125, "เด็ก"]])
    at = _drop(_page(), "health-2.xlsx", second, "health")
    assert _questions(at) == [] and not at.error
    _confirm(at)
    assert store.load(city, "health")["dengue_cases"].tolist() == [3]


def test_a_header_matched_by_meaning_shows_its_confidence_and_asks_nothing(city: sa.Engine) -> None:
    rows = [["วันที่", "ชุมชน", "ปริมาณขยะที่จัดเก็บ (ตัน)"], ["01/10/2569", "เมืองทอง", 3], ["02/10/2569", "เมืองทอง", 2]]
    at = _drop(_page(), "waste-reworded.xlsx", workbook(rows), "waste")
    assert _questions(at) == [] and not at.error
    how = at.dataframe[0].value.iloc[:, -1].tolist()
    assert how[:2] == ["ระบบ (ชื่อหัวคอลัมน์)"] * 2
    assert how[2].startswith("ระบบ (ความหมายใกล้เคียง ") and how[2].endswith("%)")
