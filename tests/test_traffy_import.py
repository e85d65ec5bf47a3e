"""A Traffy Fondue CSV export (made here in its published column layout) imports into complaints,
keeps its ticket ids, and importing it again adds nothing."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from channels import api_keys, traffy
from data_sources import store
from data_sources.db import connect

HEADER = ["ticket_id", "type", "organization", "comment", "photo", "photo_after", "coords", "address",
          "subdistrict", "district", "province", "timestamp", "state", "star", "count_reopen", "last_activity"]  # fmt: skip
ROWS = [
    ["2025-9XKQ2M", "{ถนน,ทางเท้า}", "เทศบาลนครยะลา,กองช่าง", "ถนนเป็นหลุมลึกหน้าตลาดเก่า",
     "https://storage.traffy.in.th/a.jpg", "https://storage.traffy.in.th/b.jpg", "101.2979,6.5536",
     "ถนนสิโรรส ตำบลสะเตง", "สะเตง", "เมืองยะลา", "ยะลา", "2025-11-20 03:12:44.123456+00", "เสร็จสิ้น", "4", "0",
     "2025-11-22 08:00:00.5+00"],
    ["2025-9XKQ2N", "{ความสะอาด}", "เทศบาลนครยะลา", "ขยะไม่ได้เก็บมาสามวัน", "", "", "101.2900,6.5500", "",
     "สะเตง", "เมืองยะลา", "ยะลา", "2025-11-21 10:00:00+00", "กำลังดำเนินการ", "", "0", "2025-11-21 11:00:00+00"],
    ["2025-9XKQ2P", "{}", "เทศบาลนครยะลา", "ไม่ทราบประเภท", "", "", "101.2800,6.5400", "", "", "", "ยะลา",
     "2025-11-23 17:30:00+00", "รอรับเรื่อง", "", "0", "2025-11-23 17:30:00+00"],
]  # fmt: skip


def export_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return buffer.getvalue().encode("utf-8")


def test_traffy_export_imports_once_keeping_its_ticket_ids(db_url: str) -> None:
    engine = connect(db_url)
    first = traffy.import_export(engine, export_csv(ROWS), "bangkok_traffy.csv", user="clerk")
    assert first.accepted and first.changes["added"] == 3
    again = traffy.import_export(engine, export_csv(ROWS), "bangkok_traffy.csv", user="clerk")
    # The same export again is recognised by its bytes and changes nothing.
    assert not again.accepted and again.earlier is not None and again.earlier.version == first.version
    assert store.versions(engine)["complaints"] == first.version
    complaints = store.load(engine, "complaints").set_index("ticket_id")
    assert sorted(complaints.index) == ["2025-9XKQ2M", "2025-9XKQ2N", "2025-9XKQ2P"]
    road = complaints.loc["2025-9XKQ2M"]
    assert (road["category"], road["status"], road["channel"], road["community"]) == (
        "road",
        "resolved",
        "traffy",
        "เมืองทอง",
    )
    assert (road["assigned_division"], int(road["satisfaction"])) == ("engineering", 4)
    assert str(road["received_at"]) == "2025-11-20 10:12:44"  # 03:12 UTC is 10:12 in Yala
    assert str(road["resolved_at"]) == "2025-11-22 15:00:00"
    assert (round(road["latitude"], 4), round(road["longitude"], 4)) == (6.5536, 101.2979)
    assert complaints.loc["2025-9XKQ2N", "status"] == "in_progress"
    assert complaints.loc["2025-9XKQ2P", "category"] == "other"
    assert complaints.loc["2025-9XKQ2P", "received_at"].day == 24  # 17:30 UTC is past midnight in Yala


def test_a_newer_export_updates_the_tickets_it_already_has(db_url: str) -> None:
    engine = connect(db_url)
    traffy.import_export(engine, export_csv(ROWS), "week1.csv", user="clerk")
    newer = [row[:] for row in ROWS]
    newer[1][12], newer[1][15] = "เสร็จสิ้น", "2025-11-25 02:00:00+00"
    result = traffy.import_export(engine, export_csv(newer), "week2.csv", user="clerk")
    assert (result.changes["added"], result.changes["updated"]) == (0, 1)
    complaints = store.load(engine, "complaints").set_index("ticket_id")
    assert len(complaints) == 3 and complaints.loc["2025-9XKQ2N", "status"] == "resolved"


def test_a_file_that_is_not_a_traffy_export_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("id,name\n1,x\n", encoding="utf-8")
    database = f"sqlite:///{tmp_path / 'city.db'}"
    done = subprocess.run([sys.executable, "-m", "channels", "traffy-import", str(other), "--db", database],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 2 and "ticket_id" in done.stderr
    assert store.load(connect(database), "complaints").empty


def test_api_keys_cli_shows_a_key_once_and_lists_it_without_the_secret(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'city.db'}"
    run = [sys.executable, "-m", "channels", "api-keys"]
    made = subprocess.run([*run, "add", "Fix-it app", "--db", database], capture_output=True, text=True, check=True)
    key = made.stdout.strip().rsplit(" ", 1)[-1]
    assert key.startswith("yk_") and len(key) > 40
    assert api_keys.verify(connect(database), key) == "Fix-it app"
    listed = subprocess.run([*run, "list", "--json", "--db", database], capture_output=True, text=True, check=True)
    assert "Fix-it app" in listed.stdout and key not in listed.stdout and key[:10] in listed.stdout
