"""A large file's columns are read on two cores in the isolated child: same frame, same report."""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import pytest

from data_sources import store
from data_sources.city import community_names
from data_sources.ingest import ingest, prepare, read_and_validate
from data_sources.readers import Limits, run_isolated
from data_sources.readers.isolation import run_beside
from data_sources.validation import SIDE_BY_SIDE_ROWS

TODAY = date(2026, 11, 23)
LIMITS = Limits(timeout_s=120)
HEADERS = "เลขที่เรื่อง,วันที่รับเรื่อง,ประเภทเรื่อง,ชุมชน,ละติจูด,ลองจิจูด,ช่องทาง,สถานะ,ความพึงพอใจ (1-5),รายละเอียด"


def complaints_csv(rows: int) -> bytes:
    """Complaints with a few bad cells in several columns, scattered down the file."""
    communities = community_names()
    lines = [HEADERS]
    for n in range(rows):
        received = f"{1 + n % 28}/{1 + n % 12}/2568 {n % 24:02d}.{n % 60:02d} น."
        satisfaction = str(1 + n % 5)
        category = ("ถนนชำรุด", "ขยะ", "ไฟฟ้าส่องสว่าง")[n % 3]
        if n % 4_999 == 17:
            received = "31/02/2568"  # not a real date
        if n % 7_001 == 5:
            satisfaction = "สิบ"  # not a number
        if n % 6_007 == 3:
            category = "เรื่องใหม่ไม่มีในรายการ"
        lines.append(
            f"{n + 1:06d}/2568,{received},{category},{communities[n % len(communities)]},6.54,101.28,"
            f"LINE OA,เสร็จสิ้น,{satisfaction},แจ้งปัญหาในชุมชน"
        )
    return "\n".join(lines).encode("utf-8")


def issues(prepared) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(i.code, i.severity, i.row, i.column, i.value) for i in prepared.report.issues]


def test_large_file_read_in_the_child_equals_reading_it_in_one_process() -> None:
    content = complaints_csv(SIDE_BY_SIDE_ROWS + 1_000)
    isolated = read_and_validate(content, "complaints.csv", "complaints", today=TODAY, limits=LIMITS)
    here = prepare(content, "complaints.csv", "complaints", today=TODAY)  # not a child: one column after another
    # problems in three columns read by different processes, reported in the same order
    assert {("impossible-date", "B"), ("new-choice", "C"), ("not-a-number", "I")} <= {
        (code, column) for code, _, _, column, _ in issues(here)
    }
    assert issues(isolated) == issues(here)
    assert isolated.report.to_dict() == here.report.to_dict()
    pd.testing.assert_frame_equal(isolated.frame, here.frame)


def double(value: int) -> int:
    return 2 * value


def refuse(value: int) -> int:
    raise ValueError(f"no {value}")


def both(there, here):  # type: ignore[no-untyped-def]
    return run_beside(there, here)


def test_run_beside_gives_both_results() -> None:
    assert run_isolated(both, partial(double, 3), partial(double, 4), limits=LIMITS) == (6, 8)


def test_run_beside_raises_what_the_helper_work_raises() -> None:
    with pytest.raises(ValueError, match="no 3"):
        run_isolated(both, partial(refuse, 3), partial(double, 4), limits=LIMITS)


def test_a_duplicate_key_in_the_last_row_of_a_large_file_changes_nothing(db_url: str) -> None:
    """The whole-file checks gate the commit: a problem found only at the end of a file read on two
    cores still leaves every dataset as it was, and the file is kept as a rejected upload."""
    engine = store.connect(db_url)
    assert ingest(engine, clean_complaints_csv(3), "earlier.csv", "complaints", today=TODAY).accepted
    before = store.status(engine)
    lines = clean_complaints_csv(SIDE_BY_SIDE_ROWS + 1_000).split(b"\n")
    last_row = len(lines)  # the header is Excel row 1
    lines[-1] = lines[1].split(b",", 1)[0] + b"," + lines[-1].split(b",", 1)[1]  # the first row's number again
    result = ingest(engine, b"\n".join(lines), "large.csv", "complaints", today=TODAY, limits=LIMITS)
    assert not result.accepted
    assert [(i.code, i.row) for i in result.prepared.report.errors] == [("duplicate-key", last_row)]
    assert store.status(engine) == before
    history = store.upload_history(engine, "complaints")
    assert history.iloc[0]["status"] == "rejected" and history.iloc[0]["file_name"] == "large.csv"


def clean_complaints_csv(rows: int) -> bytes:
    """`complaints_csv` without its bad cells."""
    text = complaints_csv(rows).decode("utf-8")
    return (
        text.replace("31/02/2568", "1/2/2568").replace("สิบ", "5").replace("เรื่องใหม่ไม่มีในรายการ", "ขยะ").encode("utf-8")
    )
