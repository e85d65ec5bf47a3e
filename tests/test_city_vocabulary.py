"""The city's vocabulary lives once, at the bottom (data_sources/), and every layer uses it.

City time, the Buddhist-era calendar and fiscal year, divisions, river and air bands and the
freshness rule each have one module; these tests hold their rules and check no other module
writes them again.
"""

from __future__ import annotations

import doctest
import importlib
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from data_sources import city_time, thai_calendar
from data_sources.adapters import DATASETS
from data_sources.bands import river_status
from data_sources.divisions import DIVISIONS, EVERY_DIVISION, division
from data_sources.freshness import is_fresh
from data_sources.thai_calendar import BE_OFFSET
from metrics.periods import parse_period

FLOOR = ("city_time", "thai_calendar", "divisions", "bands", "freshness")
ROOT = Path(__file__).resolve().parent.parent
# Every place code lives besides tests/: the top-level script and packages.
CODE_DIRS = ("app.py", *sorted(p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file() and p.name != "tests"))


def _code_files() -> list[Path]:
    found: list[Path] = []
    for name in CODE_DIRS:
        path = ROOT / name
        found.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return found


def _code_lines(path: Path) -> list[str]:
    # Comments and docstrings may explain a rule; only code restates it.
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        code = line.split("#", 1)[0]
        if code.strip().startswith(('"""', ">>>", "'''")):
            continue
        lines.append(code)
    return lines


@pytest.mark.parametrize("name", FLOOR)
def test_floor_module_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(f"data_sources.{name}"))
    assert result.failed == 0 and result.attempted > 0


def test_the_buddhist_era_offset_is_written_in_one_module() -> None:
    writers = {
        p.relative_to(ROOT).as_posix()
        for p in _code_files()
        if any(re.search(rf"\b{BE_OFFSET}\b", c) for c in _code_lines(p))
    }
    assert writers == {"data_sources/thai_calendar.py"}


def test_the_fiscal_year_rule_is_written_in_one_module() -> None:
    rule = re.compile(r"month\s*>=\s*(10|FISCAL_START_MONTH)\b|FISCAL_START_MONTH\s*=")
    writers = {p.relative_to(ROOT).as_posix() for p in _code_files() if any(rule.search(c) for c in _code_lines(p))}
    assert writers == {"data_sources/thai_calendar.py"}


def test_nothing_reads_the_server_clock_but_city_time() -> None:
    clock = re.compile(r"datetime\.now\(|date\.today\(|ZoneInfo\(|\"Asia/Bangkok\"")
    readers = {p.relative_to(ROOT).as_posix() for p in _code_files() if any(clock.search(c) for c in _code_lines(p))}
    assert readers == {"data_sources/city_time.py"}


def test_one_river_classifier() -> None:
    definers = {
        p.relative_to(ROOT).as_posix() for p in _code_files() if any("def river_status(" in c for c in _code_lines(p))
    }
    assert definers == {"data_sources/bands.py"}


def test_city_time_is_bangkok_whatever_the_server_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    # 17:30 UTC on 3 Dec is already 00:30 on 4 Dec in Yala.
    late_utc = datetime(2026, 12, 3, 17, 30, tzinfo=UTC)

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206
            return late_utc.astimezone(tz) if tz else late_utc.replace(tzinfo=None)

    monkeypatch.setattr(city_time, "datetime", FrozenClock)
    assert city_time.now() == datetime(2026, 12, 4, 0, 30)
    assert city_time.today() == date(2026, 12, 4)


def test_city_time_is_seven_hours_ahead_of_utc() -> None:
    offset = city_time.now() - datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    assert abs(offset - timedelta(hours=7)) < timedelta(seconds=5)


@pytest.mark.parametrize(
    ("day", "fiscal_year", "month_of_year"),
    [
        (date(2024, 10, 1), 2568, 1),
        (date(2025, 9, 30), 2568, 12),
        (date(2026, 11, 23), 2570, 2),
        (date(2026, 1, 1), 2569, 4),
    ],
)
def test_fiscal_year_runs_october_to_september_named_by_its_end(
    day: date, fiscal_year: int, month_of_year: int
) -> None:
    assert thai_calendar.fiscal_year(day) == fiscal_year
    assert thai_calendar.months_into_fiscal_year(day) == month_of_year
    assert thai_calendar.fiscal_year_start(fiscal_year) <= day


def test_the_fiscal_period_and_the_calendar_agree() -> None:
    period = parse_period("FY2570")
    assert period.start == thai_calendar.fiscal_year_start(2570) == date(2026, 10, 1)
    assert period.end == date(2027, 9, 30)


def test_every_dataset_owner_and_kpi_owner_is_a_declared_division() -> None:
    from metrics.catalogue import catalogue

    titles = {d.title_th for d in DIVISIONS.values()} | {division(EVERY_DIVISION).title_th}
    for declared in DATASETS.values():
        assert declared.owner in DIVISIONS or declared.owner == EVERY_DIVISION
        assert declared.division_th.endswith(division(declared.owner).title_th)
    for item in catalogue().values():
        assert item.division_th in titles, item.id


@pytest.mark.parametrize(
    ("level", "status"), [(6.9, "normal"), (7.0, "watch"), (7.5, "warning"), (8.49, "warning"), (8.5, "critical")]
)
def test_river_bands(level: float, status: str) -> None:
    assert river_status(level, 7.5, 8.5) == status


def test_a_dataset_is_fresh_within_its_cadence_only() -> None:
    now = datetime(2026, 11, 23, 12, 0)
    assert is_fresh(now - timedelta(days=7), 7, now)
    assert not is_fresh(now - timedelta(days=7, seconds=1), 7, now)
    assert not is_fresh(None, 7, now)
