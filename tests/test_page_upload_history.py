"""AppTest: upload history and rollback, the data catalogue, the accounts and audit log pages.

The city is tests/helpers/signed_in.py's; each test adds what it needs by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_sources import accounts, store
from helpers.signed_in import open_city, sign_in


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    engine = open_city(tmp_path, monkeypatch)
    # Version 2: 3 October, sent as the whole dataset (replace mode), so October's two earlier
    # days give way: 1 row added, 2 removed, 1 live row left.
    october_3 = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-03"]),
            "community": ["เมืองทอง"],
            "tons_collected": [4.0],
            "tons_recycled": [None],
        }
    )
    store.commit(
        engine,
        "waste",
        october_3,
        mode="replace",
        upload=store.UploadedFile("waste-3oct.xlsx", b"PK-bytes"),
        user="nok",
        report={"dataset": "waste", "file_name": "waste-3oct.xlsx", "issues": []},
    )
    return engine


def open_page(username: str, page: str, *, lang: str = "th") -> AppTest:
    at = sign_in(username, lang=lang)
    at.switch_page(page).run()
    assert not at.exception
    return at


def test_history_lists_who_sent_what_with_its_result(city: sa.Engine) -> None:
    at = open_page("nok", "pages/upload_history.py")
    uploads = at.dataframe[0].value
    assert uploads[["โดย", "ไฟล์", "จำนวนแถว", "ผล", "รุ่น"]].values.tolist() == [
        ["nok", "waste-3oct.xlsx", 1, "บันทึกแล้ว", 2],
        ["nok", "waste-sep.xlsx", 2, "บันทึกแล้ว", 1],
    ]
    versions = at.dataframe[1].value
    assert versions[["รุ่น", "เพิ่มใหม่", "ลบออก", "จำนวนแถว"]].values.tolist() == [[2, 1, 2, 1], [1, 2, 0, 2]]
    link = at.get("link_button")[0].proto  # served by app.py's route, to a session allowed to have it
    assert link.label == "ดาวน์โหลดไฟล์ต้นฉบับ" and link.url.startswith("/api/original/")


def test_staff_history_offers_only_their_division_datasets(city: sa.Engine) -> None:
    at = open_page("dao", "pages/upload_history.py")
    assert at.selectbox(key="history_dataset_th").options == ["รายได้เทศบาล", "สถานที่และบริการสาธารณะ"]


def test_executive_sees_history_but_cannot_roll_back(city: sa.Engine) -> None:
    at = open_page("mayor", "pages/upload_history.py")
    assert len(at.selectbox(key="history_dataset_th").options) == 12
    assert not [b for b in at.button if b.key and b.key.startswith("history_rollback_go_")]


def test_admin_rolls_back_a_version_after_reading_what_it_undoes(city: sa.Engine) -> None:
    at = open_page("root", "pages/upload_history.py")
    at.selectbox(key="history_dataset_th").select_index(3)  # waste: the fourth dataset
    at.run()
    at.selectbox(key="history_rollback_waste").set_value(2).run()
    assert at.warning[0].value == ("การยกเลิกรุ่นที่ 2 จะลบ 1 แถว และคืน 2 แถว หลังย้อนแล้วชุดข้อมูลจะมี 2 แถว ประวัติทั้งหมดยังเก็บไว้")
    assert at.button(key="history_rollback_go_waste").disabled  # until the admin ticks "I understand"
    at.checkbox(key="history_rollback_sure_waste").check().run()
    at.button(key="history_rollback_go_waste").click().run()
    assert not at.exception
    assert at.success[0].value == 'ย้อน "ปริมาณขยะ" แล้ว: ยกเลิกรุ่นที่ 2 บันทึกเป็นรุ่นที่ 3'
    assert store.versions(city)["waste"] == 3
    assert store.load(city, "waste")["tons_collected"].tolist() == [3.0, 2.0]


def test_catalogue_explains_each_dataset_and_its_columns(city: sa.Engine) -> None:
    at = open_page("nok", "pages/catalogue.py", lang="en")
    overview = at.dataframe[0].value.set_index("Dataset")
    assert (
        overview.loc["Waste collection", "Rows"] == 1 and overview.loc["Waste collection", "Freshness"] == "Up to date"
    )
    assert overview.loc["Municipal revenue", "Freshness"] == "Overdue"
    at.selectbox(key="catalogue_dataset_en").select_index(3).run()  # waste
    columns = at.dataframe[1].value
    assert columns["Column"].tolist() == ["Date", "Community", "Collected (tons)", "Recycled (tons)"]
    assert columns["Required"].tolist() == ["✓", "✓", "✓", ""]


def test_admin_adds_an_account_that_can_then_sign_in(city: sa.Engine) -> None:
    at = open_page("root", "pages/accounts.py")
    assert at.dataframe[0].value["ชื่อผู้ใช้"].tolist() == ["root", "mayor", "dao", "nok"]
    at.text_input(key="accounts_new_username").set_value("fah")
    at.text_input(key="accounts_new_name").set_value("ฟ้า")
    at.selectbox(key="accounts_new_role_th").set_value("staff")
    at.selectbox(key="accounts_new_division_th").set_value("welfare")
    at.text_input(key="accounts_new_password").set_value("fah-password")
    at.button(key="FormSubmitter:accounts_add-เพิ่มบัญชี").click().run()
    assert at.success[0].value == "เพิ่มบัญชี fah แล้ว"
    assert accounts.verify(city, "fah", "fah-password").account.datasets == ("welfare", "facilities")  # type: ignore[union-attr]


def test_admin_disables_an_account_and_the_audit_log_shows_it(city: sa.Engine) -> None:
    at = open_page("root", "pages/accounts.py")
    at.selectbox(key="accounts_chosen").set_value("nok").run()
    at.button(key="accounts_disable").click().run()
    assert at.success[0].value == "ระงับบัญชี nok แล้ว"
    assert not accounts.get_account(city, "nok").active  # type: ignore[union-attr]
    at.switch_page("pages/audit_log.py").run()
    log = at.dataframe[0].value
    assert log.iloc[0][["ผู้ใช้", "การกระทำ", "รายละเอียด"]].tolist() == ["root", "account_disabled", "username: nok"]
    assert "sign_in" in log["การกระทำ"].tolist()


def _waste_with_note_and_total(tmp_path: Path) -> bytes:
    """nok's usual sheet: a notes column the dataset does not have, and a total row under the table."""
    from helpers.workbooks import make_workbook

    rows = [
        ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)", "หมายเหตุ"],
        ["03/10/2569", "เมืองทอง", 5.0, "ฝนตก"],
        ["04/10/2569", "เมืองทอง", 2.5, None],
        ["รวม", None, 7.5, None],
    ]
    return make_workbook(tmp_path / "waste-oct.xlsx", rows).read_bytes()


def test_history_shows_an_upload_with_an_ignored_column_and_a_skipped_total_row(
    city: sa.Engine, tmp_path: Path
) -> None:
    from data_sources import ingest

    result = ingest.ingest(city, _waste_with_note_and_total(tmp_path), "waste-oct.xlsx", "waste", user="nok")
    assert result.accepted
    # A report kept by an older version: numpy row numbers were written as text ("4").
    legacy = result.prepared.report.to_dict()
    legacy["issues"] = [{**i, "row": None if i["row"] is None else str(i["row"])} for i in legacy["issues"]]
    store.record_rejected(city, "waste", store.UploadedFile("legacy.xlsx", b"x"), legacy, user="nok", mode="append")
    at = open_page("nok", "pages/upload_history.py")
    for name in ("legacy.xlsx", "waste-oct.xlsx"):
        upload = at.selectbox(key="history_upload_th")
        upload.set_value(next(o for o in upload.options if o.startswith(name))).run()
        assert not at.exception
        issues = at.dataframe[1].value
        assert issues["ปัญหา"].tolist() == ["ไม่รู้จักคอลัมน์ 'หมายเหตุ' จึงไม่นำเข้าคอลัมน์นี้", "ข้ามแถวผลรวม 'รวม'"]
        assert issues["แถว"].tolist()[1] == 4


def test_history_counts_match_what_the_clerk_was_told(city: sa.Engine, tmp_path: Path) -> None:
    from data_sources import ingest

    result = ingest.ingest(city, _waste_with_note_and_total(tmp_path), "waste-oct.xlsx", "waste", user="nok")
    told = result.changes or {}
    at = open_page("nok", "pages/upload_history.py")
    assert at.dataframe[0].value[["ไฟล์", "จำนวนแถว"]].values.tolist()[0] == ["waste-oct.xlsx", 2]
    newest = at.dataframe[-1].value.iloc[0]
    assert newest[["เพิ่มใหม่", "ปรับปรุง", "ลบออก"]].tolist() == [told["added"], told["updated"], told["removed"]]
    assert [told["added"], told["updated"], told["removed"]] == [1, 1, 0]  # 4 Oct new, 3 Oct 4.0 → 5.0


def test_a_held_upload_reads_held_not_rejected(city: sa.Engine, tmp_path: Path) -> None:
    from data_sources import ingest
    from helpers.workbooks import make_workbook

    # 3 October from two communities; a file with one row of that day would empty the day but one row.
    day = pd.DataFrame(
        {"date": pd.to_datetime(["2026-10-03"] * 2), "community": ["เมืองทอง", "เสรี"], "tons_collected": [4.0, 1.0]}
    )
    store.commit(city, "waste", day, user="nok")
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["03/10/2569", "สามัคคี", 2.0]]
    content = make_workbook(tmp_path / "one-row.xlsx", rows).read_bytes()
    result = ingest.ingest(city, content, "one-row.xlsx", "waste", user="nok")
    assert result.held is not None and not result.accepted
    at = open_page("nok", "pages/upload_history.py")
    outcomes = dict(zip(at.dataframe[0].value["ไฟล์"], at.dataframe[0].value["ผล"], strict=True))
    assert outcomes["one-row.xlsx"] == "ระงับไว้ ยังไม่บันทึก (รอยืนยันการลบ)"
    assert outcomes["waste-3oct.xlsx"] == "บันทึกแล้ว"
