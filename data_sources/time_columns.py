"""A date and its time of day in two columns, as registers and station logs keep them.

An incident register has `ว/ด/ป ที่เกิดเหตุ` then `เวลา`; an air station's export has `Date` then
`Time`. A dataset column that holds a moment (`DateTime`) takes both: the time column right after
the date column is joined into it, cell by cell, and said in the report. Without this the time
was dropped as an unknown column (every incident at midnight) or the two headers were refused as
the same column twice.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

import numpy as np

from data_sources.headers import HeaderMatch, normalise_header
from data_sources.report import ValidationReport, column_letter, make_issue
from data_sources.schema import Dataset
from data_sources.values.digits import clean_digits

# A header naming a time of day alone: เวลา, เวลาที่เกิดเหตุ, เวลา (น.), Time; not วันเวลา or date/time.
_TIME_HEADER = re.compile(r"^(?:เวลา|time|hour)(?!.*(?:วัน|date))")
_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})(?:\s*[:.]\s*(\d{2}))?\s*(?:น\.?|นาฬิกา|hrs?\.?|h)?\s*$", re.I)


def _is_time_header(text: str) -> bool:
    return bool(_TIME_HEADER.match(normalise_header(text)))


def pair_time_columns(match: HeaderMatch, dataset: Dataset) -> dict[str, int]:
    """Dataset moment column -> the file column holding its time of day, taken out of the match's
    unknown and duplicate columns (the date column stays the column's own)."""
    pairs: dict[str, int] = {}
    for column in dataset.columns:
        if getattr(column.kind, "moment_level", None) != "datetime":
            continue
        twice = match.duplicates.get(column.key, [])
        if len(twice) == 2 and twice[1] == twice[0] + 1 and _is_time_header(match.headers[twice[1]]):
            del match.duplicates[column.key]
            match.mapping[column.key], pairs[column.key] = twice
            match.confidence[column.key] = 1.0
            continue
        at = match.mapping.get(column.key)
        if at is not None and at + 1 in match.unknown and _is_time_header(match.headers[at + 1]):
            match.unknown.remove(at + 1)
            pairs[column.key] = at + 1
    return pairs


def _clock(cell: object) -> time | None | str:
    """The time of day a cell holds; None when blank; the cell itself when it is no time."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime):
        return cell.time()
    if isinstance(cell, time):
        return cell
    if isinstance(cell, float | int) and not isinstance(cell, bool) and 0 <= cell < 1:
        seconds = round(float(cell) * 86400)
        return time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    found = _CLOCK.match(clean_digits(str(cell)))
    if found and int(found.group(1)) < 24 and int(found.group(2)) < 60:
        return time(int(found.group(1)), int(found.group(2)), int(found.group(3) or 0))
    return str(cell)


def _joined(day: object, clock: time) -> object:
    if isinstance(day, datetime):
        return datetime.combine(day.date(), clock) if day.time() == time() else day
    if isinstance(day, date):
        return datetime.combine(day, clock)
    if isinstance(day, str) and day.strip():
        return f"{day.strip()} {clock:%H:%M:%S}"
    if isinstance(day, float | int) and not isinstance(day, bool) and day >= 1:
        return float(int(day)) + (clock.hour * 3600 + clock.minute * 60 + clock.second) / 86400
    return day


def join_time_columns(
    pairs: dict[str, int], match: HeaderMatch, grid: np.ndarray, excel_rows: list[int], report: ValidationReport
) -> None:
    """Write each row's time into its date cell (in `grid`); name a time that cannot be read."""
    for key, time_at in pairs.items():
        day_at = match.mapping[key]
        for position, (day, cell) in enumerate(zip(grid[:, day_at].tolist(), grid[:, time_at].tolist(), strict=True)):
            clock = _clock(cell)
            if isinstance(clock, time):
                grid[position, day_at] = _joined(day, clock)
            elif clock is not None:
                header = match.headers[time_at]
                report.add(
                    make_issue(
                        "not-a-time", row=excel_rows[position], column=column_letter(time_at), header=header, value=cell
                    )
                )
        report.add(
            make_issue(
                "time-joined",
                "warning",
                column=column_letter(day_at),
                header=match.headers[day_at],
                time_header=match.headers[time_at],
                time_column=column_letter(time_at),
            )
        )
