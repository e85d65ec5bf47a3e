"""AppTest: the upload page end to end — good file, bad file, unclear headers, another division's
file, and the same report as the CLI. The city is tests/helpers/signed_in.py's: waste holds two
October 2026 rows (3.0 and 2.0 tons at เมืองทอง) as version 1; nok is health-division staff."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_sources import accounts, store
from data_sources.__main__ import main
from helpers.signed_in import open_city, sign_in, workbook

HEADER = ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)", "ขยะรีไซเคิล (ตัน)"]
# A real-looking October report: a title row, Buddhist-era dates, Thai digits, a total row.
GOOD = [
    ["รายงานปริมาณขยะ เดือนตุลาคม ๒๕๖๙"],
    [],
    HEADER,
    ["01/10/2569", "เมืองทอง", "3", "0.5"],  # the same as version 1: unchanged
    ["02/10/2569", "เมืองทอง", "๒.๕", None],  # 2.0 → 2.5: updated
    ["03/10/2569", "เมืองทอง", 4, 1],  # new: added
    ["รวม", None, 9.5, 1.5],  # skipped with a warning
]
BAD = [
    HEADER[:3],
    ["01/10/2569", "เมืองทอง", "abc"],  # row 2, column C: not a number
    ["31/02/2569", "เมืองทอง", "2"],  # row 3, column A: no 31 February
]


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_city(tmp_path, monkeypatch)


def upload_page(username: str = "nok", *, lang: str = "th") -> AppTest:
    at = sign_in(username, lang=lang)
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    return at


def drop(at: AppTest, name: str, content: bytes, *, dataset: str = "waste") -> AppTest:
    picker = chooser(at, "upload_dataset")
    # By position: the options are labels in the page's language, the values dataset keys.
    picker.select_index(["auto", "waste", "air_quality", "health", "facilities"].index(dataset))
    at.file_uploader(key="upload_files").upload(name, content).run()
    assert not at.exception
    return at


def chooser(at: AppTest, base: str):  # type: ignore[no-untyped-def]
    """The selectbox drawn for the page's language (its key ends in _th or _en)."""
    return next(box for box in at.selectbox if box.key and box.key.rsplit("_", 1)[0] == base)


def button_starting(at: AppTest, prefix: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.key and b.key.startswith(prefix))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def waste_tons(engine: sa.Engine) -> list[tuple[str, float]]:
    frame = store.load(engine, "waste")
    return [(d.strftime("%Y-%m-%d"), t) for d, t in zip(frame["date"], frame["tons_collected"], strict=True)]


def test_good_file_previews_what_changes_then_confirm_writes_one_version(city: sa.Engine) -> None:
    at = drop(upload_page(), "waste-oct.xlsx", workbook(GOOD))
    assert metrics(at) == {"เพิ่มใหม่": "1", "ปรับปรุง": "1", "ลบออก": "0", "ไม่เปลี่ยน": "1"}
    facts = [m.value for m in at.markdown]
    assert "**3**" in facts and "**ขยะ · แถว 3**" in facts and "**1 ต.ค. 2569 – 3 ต.ค. 2569**" in facts
    preview = at.dataframe[2].value  # [0] the header mapping, [1] the note about the total row
    assert preview.fillna(-1).values.tolist() == [
        ["1 ต.ค. 2569", "เมืองทอง", 3.0, 0.5],
        ["2 ต.ค. 2569", "เมืองทอง", 2.5, -1],
        ["3 ต.ค. 2569", "เมืองทอง", 4.0, 1.0],
    ]
    assert list(preview.columns) == ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)", "ขยะรีไซเคิล (ตัน)"]
    assert at.info[0].value.startswith("มีข้อสังเกต 1 รายการ")
    assert store.versions(city)["waste"] == 1  # the preview wrote nothing

    button_starting(at, "upload_confirm_").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("บันทึกแล้วเป็นรุ่นที่ 2: เพิ่ม 1 ปรับปรุง 1 ลบ 0 แถว")
    assert store.versions(city)["waste"] == 2
    assert waste_tons(city) == [("2026-10-01", 3.0), ("2026-10-02", 2.5), ("2026-10-03", 4.0)]
    latest = store.upload_history(city, "waste").iloc[0]
    assert (latest["uploaded_by"], latest["file_name"], latest["status"], latest["version"]) == (
        "nok",
        "waste-oct.xlsx",
        "accepted",
        2,
    )
    assert not [b for b in at.button if b.key and b.key.startswith("upload_confirm_")]  # no second write


def test_bad_file_shows_each_problem_by_row_and_column_and_writes_nothing(city: sa.Engine) -> None:
    before = store.status(city)
    at = drop(upload_page(), "waste-bad.xlsx", workbook(BAD))
    assert at.error[0].value.startswith("พบข้อผิดพลาด 2 รายการ จึงยังไม่บันทึกไฟล์นี้")
    problems = at.dataframe[1].value  # [0] is the header mapping
    assert problems[["แถว", "คอลัมน์", "ค่าในไฟล์", "ปัญหา"]].values.tolist() == [
        [2, "C", "abc", "'abc' ไม่ใช่ตัวเลข"],
        [3, "A", "31/02/2569", "'31/02/2569' เป็นวันที่ที่ไม่มีอยู่จริง"],
    ]
    rows = at.dataframe[2].value  # the file's rows as written, bad cells coloured
    assert list(rows.index) == ["แถว 2", "แถว 3"] and rows.loc["แถว 2", "C · ขยะที่จัดเก็บ (ตัน)"] == "abc"
    assert at.get("download_button")[-1].label == "ดาวน์โหลดไฟล์ของคุณพร้อมเครื่องหมายจุดที่ต้องแก้"
    assert not [b for b in at.button if b.key and b.key.startswith("upload_confirm_")]
    assert store.status(city) == before
    assert len(store.upload_history(city, "waste")) == 1


def test_bad_file_message_in_english(city: sa.Engine) -> None:
    at = drop(upload_page(lang="en"), "waste-bad.xlsx", workbook(BAD))
    assert at.error[0].value.startswith("2 problem(s) found, so this file was not saved.")
    assert at.dataframe[1].value["Problem"].tolist() == [
        "'abc' is not a number",
        "'31/02/2569' is not a real calendar date",
    ]


def test_page_and_cli_give_the_same_report_for_the_same_file(
    city: sa.Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = workbook(BAD)
    at = drop(upload_page(), "waste-bad.xlsx", content)
    page_report = next(v for k, v in at.session_state.items() if str(k).startswith("upload_prepared_"))[1].report
    path = tmp_path / "waste-bad.xlsx"
    path.write_bytes(content)
    assert main(["ingest", str(path), "--dataset", "waste", "--json", "--db", str(city.url)]) == 2
    cli_report = json.loads(capsys.readouterr().out)
    assert cli_report["issues"] == page_report.to_dict()["issues"]
    assert store.versions(city)["waste"] == 1


def test_duplicate_header_is_settled_by_choosing_the_column_then_accepted(city: sa.Engine) -> None:
    others = ["เสรี", "สามัคคี", "เวฬุวัน"]
    day = pd.DataFrame({"date": pd.to_datetime(["2026-10-03"] * 3), "community": others, "tons_collected": [1.0] * 3})
    store.commit(city, "waste", day, user="nok")  # version 2: 3 October from three other communities
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)", "ขยะที่จัดเก็บ (กก.)"], ["03/10/2569", "เมืองทอง", 4, 4000]]
    at = drop(upload_page(), "waste-two-columns.xlsx", workbook(rows))
    question = at.selectbox[-1]
    assert question.label == 'มีหลายคอลัมน์ที่เป็น "ขยะที่จัดเก็บ (ตัน)" จะใช้คอลัมน์ใด'
    question.set_value(2)  # column C, the tons
    at.button[-1].click().run()  # "use this mapping"
    assert not at.exception and [e.icon for e in at.error] == [":material/front_hand:"]  # only the hold
    # The file replaces 3 October with one community's row: three rows would go for the one it
    # puts back, so the page holds it and asks for a second, explicit tick.
    assert metrics(at)["เพิ่มใหม่"] == "1" and metrics(at)["ลบออก"] == "3"
    assert at.error[-1].value.startswith("ยังไม่บันทึก: ไฟล์นี้จะลบหรือซ้อนข้อมูลเดิม")
    assert at.error[-1].value.endswith("\n- ต.ค. 2569: ลบ 3 แถว (3 ต.ค. 2569) ใส่กลับ 1 แถว")
    assert button_starting(at, "upload_confirm_").disabled  # until the clerk ticks the second confirmation
    sure = next(c for c in at.checkbox if c.key.startswith("upload_held_sure_"))
    assert sure.label == "ฉันตั้งใจให้ลบข้อมูลเดิม 3 แถวตามรายการข้างบน"
    sure.check().run()
    button_starting(at, "upload_confirm_").click().run()
    assert at.success[0].value.startswith("บันทึกแล้วเป็นรุ่นที่ 3: เพิ่ม 1 ปรับปรุง 0 ลบ 3 แถว")
    assert waste_tons(city) == [("2026-10-01", 3.0), ("2026-10-02", 2.0), ("2026-10-03", 4.0)]


def test_unknown_header_is_mapped_to_the_missing_column_then_accepted(city: sa.Engine) -> None:
    rows = [["วันที่", "ชุมชน", "น้ำหนัก"], ["01/10/2569", "เมืองทอง", 3], ["02/10/2569", "เมืองทอง", 2]]
    at = drop(upload_page(), "waste-weight.xlsx", workbook(rows))
    question = at.selectbox[-1]
    assert question.label == 'ไม่พบคอลัมน์ "ขยะที่จัดเก็บ (ตัน)" ข้อมูลนี้อยู่ในคอลัมน์ใดของไฟล์'
    assert question.options == ["C · น้ำหนัก"]
    question.set_value(2)
    at.button[-1].click().run()
    assert not at.error
    assert metrics(at)["ไม่เปลี่ยน"] == "1" and metrics(at)["ปรับปรุง"] == "1"  # 0.5 recycled on the 1st is gone
    button_starting(at, "upload_confirm_").click().run()
    assert store.versions(city)["waste"] == 2


def test_staff_see_only_their_division_datasets(city: sa.Engine) -> None:
    assert chooser(upload_page("nok"), "upload_dataset").options == [
        "ให้ระบบตรวจจากหัวคอลัมน์",
        "ปริมาณขยะ",
        "คุณภาพอากาศ",
        "สุขภาพชุมชน",
        "สถานที่และบริการสาธารณะ",
    ]
    assert chooser(upload_page("dao"), "upload_dataset").options == [
        "ให้ระบบตรวจจากหัวคอลัมน์",
        "รายได้เทศบาล",
        "สถานที่และบริการสาธารณะ",
    ]


def test_the_dataset_box_starts_on_automatic_detection(city: sa.Engine) -> None:
    at = upload_page()
    assert chooser(at, "upload_dataset").value == "auto"
    templates = [button.proto.label for button in at.get("download_button")]
    assert templates == [
        f"แบบฟอร์ม Excel: {name}" for name in ("ปริมาณขยะ", "คุณภาพอากาศ", "สุขภาพชุมชน", "สถานที่และบริการสาธารณะ")
    ]
    at.file_uploader(key="upload_files").upload("waste-oct.xlsx", workbook(GOOD)).run()
    assert not at.exception and any(m.value.endswith("→ ปริมาณขยะ") for m in at.markdown)
    assert metrics(at)["ปรับปรุง"] == "1"  # detected as waste and previewed against it


def test_staff_cannot_upload_another_division_file_through_detection(city: sa.Engine) -> None:
    at = upload_page("dao")  # finance: revenue and facilities only
    chooser(at, "upload_dataset").select_index(0)  # finance's list: auto, revenue, facilities
    at.file_uploader(key="upload_files").upload("waste-oct.xlsx", workbook(GOOD)).run()
    assert at.error[0].value.startswith('ไฟล์นี้เป็นข้อมูล "ปริมาณขยะ" ซึ่งไม่ใช่ชุดข้อมูลของกองคุณ')
    assert not [b for b in at.button if b.key and b.key.startswith("upload_confirm_")]
    assert store.versions(city)["waste"] == 1


def test_an_account_disabled_after_the_preview_cannot_confirm(city: sa.Engine) -> None:
    at = drop(upload_page(), "waste-oct.xlsx", workbook(GOOD))
    accounts.set_active(city, "nok", False, actor="root")
    button_starting(at, "upload_confirm_").click().run()
    assert store.versions(city)["waste"] == 1
    assert not at.success


def test_the_chosen_dataset_survives_a_switch_to_english(city: sa.Engine) -> None:
    at = upload_page()
    chooser(at, "upload_dataset").select_index(2).run()  # คุณภาพอากาศ
    at.session_state["lang"] = "en"  # what the sidebar toggle sets
    at.run()
    english = chooser(at, "upload_dataset")
    assert english.key == "upload_dataset_en" and english.value == "air_quality"
    assert english.options[2] == "Air quality"


def test_several_files_are_reviewed_one_by_one(city: sa.Engine) -> None:
    at = upload_page()
    chooser(at, "upload_dataset").select_index(1)  # waste
    at.file_uploader(key="upload_files").upload("waste-oct.xlsx", workbook(GOOD))
    at.file_uploader(key="upload_files").upload("waste-bad.xlsx", workbook(BAD)).run()
    assert not at.exception
    assert at.progress[0].text == "ตรวจแล้ว 2 จาก 2 ไฟล์"
    assert len([b for b in at.button if b.key and b.key.startswith("upload_confirm_")]) == 1  # only the good one
    assert at.error[0].value.startswith("พบข้อผิดพลาด 2 รายการ")


def test_the_same_file_again_is_recognised_and_offers_no_confirm(city: sa.Engine) -> None:
    content = workbook(GOOD)
    at = drop(upload_page(), "waste-oct.xlsx", content)
    button_starting(at, "upload_confirm_").click().run()
    assert store.versions(city)["waste"] == 2
    again = drop(upload_page(), "waste-oct-again.xlsx", content)
    assert again.info[-1].value.startswith("ไฟล์นี้บันทึกไปแล้วเมื่อ ")
    assert "เป็นรุ่นที่ 2 (waste-oct.xlsx) การส่งซ้ำจึงไม่เปลี่ยนข้อมูลใด" in again.info[-1].value
    assert not [b for b in again.button if b.key and b.key.startswith("upload_confirm_")]
    assert store.versions(city)["waste"] == 2


def test_a_value_far_from_its_history_is_a_warning_with_the_previous_values(city: sa.Engine) -> None:
    september = pd.DataFrame(
        {
            "date": pd.date_range("2026-09-01", "2026-09-10"),
            "community": ["เมืองทอง"] * 10,
            "tons_collected": [3.0] * 9 + [3.3],
            "tons_recycled": [None] * 10,
        }
    )
    store.commit(city, "waste", september)
    rows = [HEADER, ["01/11/2569", "เมืองทอง", 310, None]]  # kilograms typed into the tons column
    at = drop(upload_page(), "waste-nov.xlsx", workbook(rows))
    table = next(d for d in at.dataframe if "ปัญหา" in d.value.columns)
    issues = table.value
    [warning] = [m for m in issues["ปัญหา"] if "ต่างจากค่าที่ผ่านมามาก" in m]
    assert issues["แถว"].tolist() == [2] and table.proto.placeholder == "—"  # the row of the first odd value
    assert warning.startswith("'ขยะที่จัดเก็บ (ตัน)' ของชุมชน เมืองทอง (1 พ.ย. 2569) เป็น 310 ")
    assert "(ค่าก่อนหน้า 2 ต.ค. 2569: 2, 1 ต.ค. 2569: 3, 10 ก.ย. 2569: 3.3)" in warning
    assert not button_starting(at, "upload_confirm_").disabled  # a warning, not a block
    button_starting(at, "upload_confirm_").click().run()
    stored = json.loads(store.upload_history(city, "waste").iloc[0]["report"])
    assert [i["code"] for i in stored["issues"]] == ["implausible-value"]  # kept with the upload


def test_a_monthly_report_over_weekly_ones_of_the_same_month_is_held(city: sa.Engine) -> None:
    header = ["วันเริ่มต้นช่วง", "ช่วงเวลา", "ชุมชน", "ผู้ป่วยไข้เลือดออก (ราย)", "ผู้รับบริการศูนย์สาธารณสุข (ครั้ง)"]
    weeks = [header, ["02/11/2569", "สัปดาห์", "เมืองทอง", 1, 70], ["09/11/2569", "สัปดาห์", "เมืองทอง", 0, 80]]
    button_starting(
        drop(upload_page(), "weeks.xlsx", workbook(weeks), dataset="health"), "upload_confirm_"
    ).click().run()
    month = [header, ["01/11/2569", "เดือน", "เมืองทอง", 1, 300]]
    at = drop(upload_page(), "month.xlsx", workbook(month), dataset="health")
    assert at.error[-1].value.endswith("- พ.ย. 2569: มีรายงาน เดือน + สัปดาห์ ของช่วงเดียวกัน 1 แห่ง (เช่น เมืองทอง) ซึ่งจะถูกนับซ้ำ")
    assert button_starting(at, "upload_confirm_").disabled
    sure = next(c for c in at.checkbox if c.key.startswith("upload_held_sure_"))
    assert sure.label == "ฉันตั้งใจเก็บรายงานทั้งสองแบบของช่วงเดียวกันไว้ด้วยกัน"
    assert len(store.load(city, "health")) == 2
