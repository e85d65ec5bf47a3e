"""`python -m data_sources`: exit codes, output lines and the status document, as DESIGN.md says."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from data_sources import city_time
from data_sources.adapters import DATASETS
from data_sources.headers import HEADER_SCAN_ROWS, find_header
from data_sources.readers import read_sheets
from data_sources.report import ValidationReport
from data_sources.template import build_template
from data_sources.validation import DataRows, build_frame
from helpers.workbooks import make_workbook

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "data_sources", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


def _status(db: str) -> dict:
    result = _cli("status", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_status_on_a_fresh_database_lists_every_dataset_empty(db: str) -> None:
    document = _status(db)
    assert set(document["datasets"]) == set(DATASETS)
    for entry in document["datasets"].values():
        assert set(entry) == {"rows", "version", "last_accepted_upload", "content_hash"}
        assert (entry["rows"], entry["version"], entry["last_accepted_upload"]) == (0, 0, None)


def test_accepted_file_exits_0_with_one_summary_line(db: str, tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "waste.xlsx", [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["1/11/2569", "เสรี", 2.5], ["2/11/2569", "เสรี", 3]]
    )
    result = _cli("ingest", str(path), "--dataset", "waste", "--db", db, "--user", "clerk")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and "2 rows" in lines[0] and "version 1" in lines[0]
    entry = _status(db)["datasets"]["waste"]
    assert (entry["rows"], entry["version"]) == (2, 1) and entry["last_accepted_upload"]


def test_rejected_file_exits_2_lists_problems_and_changes_nothing(db: str, tmp_path: Path) -> None:
    good = make_workbook(tmp_path / "good.xlsx", [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["1/11/2569", "เสรี", 2.5]])
    assert _cli("ingest", str(good), "--dataset", "waste", "--db", db).returncode == 0
    before = _status(db)
    bad = make_workbook(tmp_path / "bad.xlsx", [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["31/02/2569", "เสรี", "สอง"]])
    result = _cli("ingest", str(bad), "--dataset", "waste", "--db", db)
    assert result.returncode == 2
    problems = result.stdout.strip().splitlines()
    assert any(
        "row 2, column A" in line and "วันที่ที่ไม่มีอยู่จริง" in line and "not a real calendar date" in line for line in problems
    )
    assert any("row 2, column C" in line for line in problems)
    assert _status(db) == before


def test_hostile_file_is_a_rejection_not_a_crash(db: str, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    result = _cli("ingest", str(path), "--dataset", "waste", "--db", db)
    assert result.returncode == 2, result.stderr
    assert result.stdout.strip()


def test_unexpected_error_exits_1(db: str, tmp_path: Path) -> None:
    result = _cli("ingest", str(tmp_path / "missing.xlsx"), "--dataset", "waste", "--db", db)
    assert result.returncode == 1
    assert "ERROR" in result.stderr


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_template_as_downloaded_loads_nothing_its_example_row_is_recognised(name: str, tmp_path: Path) -> None:
    template = tmp_path / f"{name}.xlsx"
    assert _cli("template", name, "-o", str(template)).returncode == 0
    db = f"sqlite:///{tmp_path / 'city.db'}"
    result = _cli("ingest", str(template), "--dataset", "auto", "--db", db, "--json")
    report = json.loads(result.stdout)
    assert result.returncode == 2, report["issues"]  # rejected: nothing to load
    assert report["dataset"] == name
    assert [i["code"] for i in report["issues"]] == ["example-row-skipped", "no-rows"]


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_template_example_row_holds_valid_values(name: str) -> None:
    declared = DATASETS[name]
    sheets = read_sheets(build_template(name), f"{name}.xlsx")
    match = find_header(sheets[0].name, sheets[0].head(HEADER_SCAN_ROWS), sheets[0].merged, declared)
    report = ValidationReport(name, f"{name}.xlsx")
    rows = DataRows(sheets[0].grid[1:2], [2])  # the example row itself, as data
    frame = build_frame(rows, match, declared, report, today=city_time.today())
    assert [i.code for i in report.issues] == [], report.lines()
    assert len(frame) == 1
