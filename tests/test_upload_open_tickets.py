"""The upload page on a complaints file whose first rows are open tickets (no resolved date).

Every real complaints file has open tickets; the preview once crashed formatting their empty
"resolved" cell (NaT is a datetime to isinstance), so the confirm button never appeared.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data_sources import store
from helpers.signed_in import open_city, sign_in, workbook
from ui.format import format_date, format_month

HEADER = ["เลขที่เรื่อง", "วันที่รับเรื่อง", "วันที่แล้วเสร็จ", "ประเภทเรื่อง", "ชุมชน", "สถานะ"]
OPEN_FIRST = [
    HEADER,
    ["0001/2569", "01/10/2569 09:00", None, "ถนน", "เมืองทอง", "รับเรื่อง"],
    ["0002/2569", "02/10/2569 10:30", "", "ขยะ", "เมืองทอง", "กำลังดำเนินการ"],
    ["0003/2569", "03/10/2569 11:00", "04/10/2569 15:00", "ขยะ", "เมืองทอง", "เสร็จสิ้น"],
]


@pytest.mark.parametrize("empty", [pd.NaT, None, float("nan"), pd.Timestamp("NaT")])
def test_an_empty_moment_reads_as_a_dash(empty: object) -> None:
    assert format_date(empty, "th") == "—"
    assert format_date(empty, "en", with_time=True) == "—"
    assert format_month(empty, "th") == "—"


def test_open_tickets_preview_and_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine: sa.Engine = open_city(tmp_path, monkeypatch)
    at = sign_in("root")
    at.switch_page("pages/upload.py").run()
    picker = next(box for box in at.selectbox if box.key and box.key.startswith("upload_dataset"))
    picker.set_value("complaints").run()
    at.file_uploader(key="upload_files").upload("complaints-oct.xlsx", workbook(OPEN_FIRST, sheet="เรื่อง")).run()
    assert not at.exception, at.exception
    confirm = next(b for b in at.button if b.key and b.key.startswith("upload_confirm"))
    confirm.click().run()
    assert not at.exception
    saved = store.load(engine, "complaints").sort_values("ticket_id")
    assert saved["ticket_id"].tolist() == ["0001/2569", "0002/2569", "0003/2569"]
    assert saved["resolved_at"].isna().tolist() == [True, True, False]
