"""`python -m metrics briefing`: PDF and Excel, Thai and English, the follow-up page, bad input.

One demo city (a quarter of the usual volume) serves the whole module: the briefing only reads.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from data_sources import city_time, store
from data_sources.city import profile
from data_sources.schema import PILLARS
from data_sources.seed import load_demo
from helpers.browser import SCREENSHOT_DIR
from helpers.pdf_pages import lines, page_texts, starts_with_thai_mark, to_png
from helpers.small_city import complaints, month_m, upload
from metrics.__main__ import main
from metrics.briefing import content
from metrics.catalogue import catalogue
from metrics.compute import CityResult, compute_all
from metrics.period_menu import default_choice
from metrics.periods import parse_period
from metrics.phrases import format_score, phrase

THAI = re.compile(r"[\u0e00-\u0e7f]")


@pytest.fixture(scope="module")
def city_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('briefing') / 'city.db'}"
    load_demo(store.connect(url), seed=2568, scale=0.25)
    yield url


@pytest.fixture(scope="module")
def month_code() -> str:
    return default_choice("month", city_time.today()).code


@pytest.fixture(scope="module")
def city_result(city_url: str, month_code: str) -> CityResult:
    """The month's figures computed the way the Mayor Dashboard does (same frames, same context)."""
    frames, history = content.city_frames(store.connect(city_url))
    now = city_time.now()
    return compute_all(frames, parse_period(month_code), context=content.dashboard_context(history, now))


def _run(*args: str) -> int:
    return main(["briefing", *args])


def _briefing(tmp_path: Path, city_url: str, period: str, suffix: str, *extra: str, lang: str = "th") -> bytes:
    output = tmp_path / f"briefing-{lang}{suffix}"
    assert _run("--db", city_url, "--period", period, "--lang", lang, "-o", str(output), *extra) == 0
    return output.read_bytes()


def test_the_thai_pdf_names_the_city_score_and_every_red_kpi(
    tmp_path: Path, city_url: str, month_code: str, city_result: CityResult
) -> None:
    pdf = _briefing(tmp_path, city_url, month_code, ".pdf")
    text_lines = lines(pdf)
    assert not [line for line in text_lines if starts_with_thai_mark(line)]
    text = "\n".join(text_lines)
    for pillar, score in city_result.pillars.items():  # its page's heading and its summary agree
        assert f"{phrase('pillars', pillar, 'th')} · คะแนน {format_score(score)}" in text
        assert f"{phrase('pillars', pillar, 'th')}: คะแนน {format_score(score)} (" in text
    assert format_score(city_result.city_score) in text_lines[text_lines.index("คะแนนเมือง") + 1 :][:6]
    red = [r.kpi.name_th for r in city_result.kpis.values() if r.status == "red"]
    assert red, "the demo city has KPIs off target"
    assert all(name in text for name in red)
    pages = page_texts(pdf)
    assert "เทศบาลนครยะลา" in pages[0] and "/ " not in pages[0]  # the cover: the city, no page number
    assert f"2 / {len(pages)}" in pages[1]
    to_png(pdf, SCREENSHOT_DIR, "briefing-th", dpi=60)


def test_the_english_pdf_has_no_thai_and_the_same_figures(
    tmp_path: Path, city_url: str, month_code: str, city_result: CityResult
) -> None:
    pdf = _briefing(tmp_path, city_url, month_code, ".pdf", lang="en")
    text = "\n".join(lines(pdf))
    assert not THAI.search(text)
    assert all(r.kpi.name_en in text for r in city_result.kpis.values() if r.status == "red")
    assert "Executive briefing" in text and "Division scorecard" in text
    to_png(pdf, SCREENSHOT_DIR, "briefing-en", dpi=60)


def test_the_workbook_holds_numbers_with_formats_and_no_formula(
    tmp_path: Path, city_url: str, month_code: str, city_result: CityResult
) -> None:
    book = load_workbook(io.BytesIO(_briefing(tmp_path, city_url, month_code, ".xlsx")))
    pillar_sheets = [phrase("pillars", pillar, "th") for pillar in PILLARS]
    assert book.sheetnames[:7] == ["สรุป", "ตัวชี้วัดทั้งหมด", *pillar_sheets]
    assert book["briefing_data"].sheet_state == "hidden"
    sheet = book["ตัวชี้วัดทั้งหมด"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["ด้าน", "ตัวชี้วัด", "ค่า", "เป้าหมาย", "หน่วย", "สถานะ", "ช่วงก่อน", "ปีก่อน", "หน่วยงาน", "รหัสตัวชี้วัด"]
    rows = {row[9].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(rows) == set(city_result.kpis)
    for kpi_id, result in city_result.kpis.items():
        value_cell = rows[kpi_id][2]
        assert value_cell.value == (None if result.value is None else pytest.approx(result.value)), kpi_id
        if result.kpi.unit == "percent":
            assert value_cell.number_format == "0.0%"
    counts = [r for r in city_result.kpis.values() if r.kpi.unit == "count" and r.value is not None]
    assert counts and all(rows[r.id][2].number_format == "#,##0" for r in counts)
    for pillar, name in zip(PILLARS, pillar_sheets, strict=True):
        ids = [row[9].value for row in book[name].iter_rows(min_row=2)]
        assert ids == [k for k, r in city_result.kpis.items() if r.kpi.pillar == pillar]
    assert all(cell.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for cell in row)


def test_a_follow_up_lists_what_turned_red_and_the_alerts_closed(
    tmp_path: Path, city_url: str, month_code: str, city_result: CityResult
) -> None:
    previous = tmp_path / "previous.xlsx"
    previous.write_bytes(_briefing(tmp_path, city_url, month_code, ".xlsx"))
    # The last meeting saw every KPI green and one river alert that has since cleared.
    book = load_workbook(previous)
    data = book["briefing_data"]
    for row in data.iter_rows(min_row=2):
        if row[0].value == "kpi":
            row[2].value = "green"
    data.append(["alert", "river:X.999", "critical", "แม่น้ำที่สถานีทดสอบวิกฤต", "Test station critical"])
    book.save(previous)
    pdf = _briefing(tmp_path, city_url, month_code, ".pdf", "--follow-up", str(previous))
    text = "\n".join(lines(pdf))
    assert "สิ่งที่เปลี่ยนไปตั้งแต่การประชุม" in text  # the heading (it wraps before "ครั้งก่อน")
    red = [r.kpi.name_th for r in city_result.kpis.values() if r.status == "red"]
    assert all(f"{name}: เดิม ตามเป้าหมาย → ตอนนี้ ไม่บรรลุเป้าหมาย" in text for name in red)
    assert "แม่น้ำที่สถานีทดสอบวิกฤต" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--period", "2026-13"), "2026-13"),
        (("--period", "FY2570", "--community", "Atlantis"), "Atlantis"),
        (("--period", "FY2570", "-o", "briefing.docx"), ".pdf"),
    ],
)
def test_bad_input_exits_2_and_says_why(
    tmp_path: Path, city_url: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    output = ("-o", str(tmp_path / "b.pdf")) if "-o" not in args else ()
    fixed = tuple(str(tmp_path / a) if a.endswith(".docx") else a for a in args)
    assert _run("--db", city_url, *fixed, *output) == 2
    assert message in capsys.readouterr().err


def test_a_follow_up_that_is_not_a_briefing_exits_2(
    tmp_path: Path, city_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    garbage = tmp_path / "old.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a workbook")
    assert _run("--db", city_url, "--period", "FY2570", "-o", str(tmp_path / "b.pdf"), "--follow-up", str(garbage)) == 2
    assert "previous briefing" in capsys.readouterr().err


def test_the_command_runs_as_documented(tmp_path: Path, city_url: str) -> None:
    output = tmp_path / "briefing.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "metrics", "briefing", "--db", city_url, "--period", "last30", "--community",
         "Mueang Thong", "--lang", "en", "-o", str(output)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"OK {output}")
    summary = load_workbook(output)["Summary"]
    assert [summary["A3"].value, summary["B3"].value] == ["Place", "Mueang Thong"]


def test_the_briefing_reads_either_engine(db_url: str, tmp_path: Path) -> None:
    engine = store.connect(db_url)
    upload(engine, "complaints", complaints())
    output = tmp_path / "small.xlsx"
    assert main(["briefing", "--db", db_url, "--period", month_m().code, "-o", str(output)]) == 0
    values = {row[9].value: row[2].value for row in load_workbook(output)["ตัวชี้วัดทั้งหมด"].iter_rows(min_row=2)}
    # Month M: T1-T4 received, T1 and T2 resolved (helpers/small_city.py): 4 and 50 %.
    assert values["complaints_received"] == 4
    assert values["complaint_resolution_rate"] == pytest.approx(0.5)
    assert values["visitors"] is None  # no economy data: an empty cell, never 0


def test_the_alerts_say_where_since_when_and_who(tmp_path: Path, city_url: str, month_code: str) -> None:
    book = load_workbook(io.BytesIO(_briefing(tmp_path, city_url, month_code, ".xlsx", lang="en")))
    rows = [[cell.value for cell in row] for row in book["Alerts"].iter_rows(min_row=2)]
    assert rows and [row[0] for row in rows] == list(range(1, len(rows) + 1))  # ranked, most urgent first
    red = [row for row in rows if row[6].startswith("kpi_red:")]
    assert red and all(row[3] and row[5] and row[5] != "—" for row in rows)  # where and who, every alert
    assert all(row[4] for row in red)  # since when each KPI has been off target
    names = {c["name_en"] for c in profile()["communities"]} | {"Whole city"}
    assert all(set(row[3].split(", ")) <= names for row in red)


def test_a_division_s_briefing_holds_only_its_kpis(tmp_path: Path, city_url: str, month_code: str) -> None:
    book = load_workbook(io.BytesIO(_briefing(tmp_path, city_url, month_code, ".xlsx", "--division", "finance")))
    ids = {row[9].value for row in book["ตัวชี้วัดทั้งหมด"].iter_rows(min_row=2)}
    assert ids == {item.id for item in catalogue().values() if item.division == "finance"}
    summary = {row[0].value: row[1].value for row in book["สรุป"].iter_rows() if row[0].value}
    assert summary["กอง/สำนัก"] == "กองคลัง" and "คะแนนของกอง" in summary
    assert _run("--db", city_url, "--period", month_code, "--division", "treasury", "-o", str(tmp_path / "x.pdf")) == 2
