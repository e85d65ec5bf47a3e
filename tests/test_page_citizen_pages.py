"""AppTest: the status lookup, the services map, open data and about, on the small city."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from helpers.apptest import open_app
from helpers.citizen_city import NAMES, open_small_city

STATUS = "pages/complaint_status.py"


@pytest.fixture
def small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_small_city(tmp_path, monkeypatch)


def _lookup(lang: str, ticket: str) -> object:
    at = open_app(lang=lang, page=STATUS)
    at.text_input(key="complaint_status_ticket").set_value(ticket)
    at.button[0].click().run()
    assert not at.exception
    return at


def _texts(at: object) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]  # type: ignore[attr-defined]


def test_a_ticket_shows_its_category_stage_and_dates_and_nothing_personal(small_city: sa.Engine) -> None:
    at = _lookup("th", "0003/2569")
    texts = _texts(at)
    assert "**เรื่องเลขที่ 0003/2569**" in texts
    assert any(":green-badge[ดำเนินการเสร็จแล้ว]" in text for text in texts)
    assert "ประเภท: ขยะ/ความสะอาด" in texts
    received = [text for text in texts if text.startswith("วันที่รับเรื่อง: ")]
    resolved = [text for text in texts if text.startswith("วันที่แก้ไขเสร็จ: ")]
    assert len(received) == 1 and len(resolved) == 1
    page = " ".join(texts)
    # Nothing personal and nothing the citizen wrote: no community, description or complainant.
    for other in ("สะพรั่ง", "ขยะล้นถัง", NAMES[2]):
        assert other not in page


def test_a_ticket_typed_with_thai_digits_is_found_and_open_one_has_no_resolved_date(small_city: sa.Engine) -> None:
    texts = _texts(_lookup("th", "๐๐๐๔/๒๕๖๙"))
    assert "**เรื่องเลขที่ 0004/2569**" in texts
    assert any(":orange-badge[กำลังดำเนินการ]" in text for text in texts)
    assert not [text for text in texts if text.startswith("วันที่แก้ไขเสร็จ")]


def test_an_unknown_ticket_says_so_in_english(small_city: sa.Engine) -> None:
    at = _lookup("en", "9999/2569")
    assert at.warning[0].value.startswith("No complaint numbered 9999/2569.")


def test_services_map_lists_public_places_without_cctv(small_city: sa.Engine) -> None:
    at = open_app(page="pages/services_map.py")
    assert not at.exception
    assert at.title[0].value == "แผนที่บริการของเมือง"
    assert at.get("deck_gl_json_chart")
    labels = [e.label for e in at.expander]
    assert labels == ["ศูนย์บริการสาธารณสุข (1)", "ศูนย์พักพิง (1)"]
    page = re.sub(r"\\(.)", r"\1", " ".join(_texts(at)))  # place texts are Markdown-escaped (ui/plain.py)
    assert "[073-000-104](tel:073000104)" in page and "จ.-ศ. 08.30-16.30 น." in page
    assert "CCTV" not in page


def test_services_map_filters_by_type(small_city: sa.Engine) -> None:
    at = open_app(page="pages/services_map.py")
    at.pills(key="services_map_types").set_value(["shelter"]).run()
    assert [e.label for e in at.expander] == ["ศูนย์พักพิง (1)"]


def test_open_data_offers_each_dataset_without_personal_columns(small_city: sa.Engine) -> None:
    at = open_app(page="pages/open_data.py")
    assert not at.exception
    assert len(at.selectbox(key="open_data_dataset").options) == 12
    at.selectbox(key="open_data_dataset").set_value("complaints").run()
    shown = {m.label: m.value for m in at.metric}
    assert shown["จำนวนแถว"] == "5" and shown["รุ่นข้อมูล"] == "1"
    assert at.info[0].value == ("ตัดคอลัมน์ข้อมูลส่วนบุคคลออกแล้ว: รายละเอียด, ชื่อผู้ร้องเรียน, เบอร์โทรผู้ร้องเรียน, เลขประจำตัวประชาชน")
    dictionary = at.dataframe[0].value
    assert "complainant_name" not in dictionary["ชื่อคอลัมน์ในไฟล์"].tolist()
    preview = at.dataframe[1].value
    assert "complainant_phone" not in preview.columns and len(preview) == 5
    assert "description" not in preview.columns  # free text citizens may put names in


def test_about_page_gives_the_emergency_numbers(small_city: sa.Engine) -> None:
    at = open_app(lang="en", page="pages/about.py")
    assert not at.exception
    page = " ".join(m.value for m in at.markdown)
    assert "#### [1669](tel:1669) · Medical emergency, ambulance" in page
    assert "[199](tel:199)" in page and "[191](tel:191)" in page and "[1784](tel:1784)" in page
