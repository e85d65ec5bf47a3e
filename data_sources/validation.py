"""Turning a sheet's rows into a typed dataset frame, collecting every problem on the way.

Validation never stops at the first bad cell: the report lists each problem with the row number
staff see in Excel, the column letter and header, the value and a Thai and English message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_sources import checks, frames
from data_sources.headers import HeaderMatch, normalise_header
from data_sources.report import ValidationReport, column_letter, make_issue
from data_sources.schema import Column, Dataset
from data_sources.thai_calendar import fiscal_month_date
from data_sources.values import parse_column, parse_month_without_year

MAX_ISSUES_PER_KIND = 50  # per (code, column); the rest are counted, not listed
_TOTAL_WORDS = re.compile(r"^(ยอด)?รวม(ทั้งสิ้น|ทั้งหมด|ยอด)?$|^(grand)?total$|^sum$")
_NOTE_WORDS = re.compile(r"^(หมายเหตุ|ที่มา|แหล่งที่มา|ผู้จัดทำ|ผู้รายงาน|note|source)")
# Every word above, cut so that spelling variants (ทำ typed as ท + ํ + า) still contain it.
_FOOTER_HINT = "รวม|total|sum|หมายเหตุ|ที่มา|ผู้จัดท|ผู้รายงาน|note|source"


@dataclass
class DataRows:
    grid: np.ndarray  # the kept rows x every file column, cells as read
    excel_rows: list[int]  # the Excel row number of each kept row


def _is_blank(row: list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def _footer_word(row: list[object]) -> str | None:
    first = next((c for c in row if c is not None and c != ""), None)
    if not isinstance(first, str):
        return None
    word = normalise_header(first)
    if _TOTAL_WORDS.match(word):
        return first.strip()
    if _NOTE_WORDS.match(word) and sum(1 for c in row if c is not None and c != "") <= 2:
        return first.strip()
    return None


def _suspects(first_cells: np.ndarray) -> np.ndarray:
    """Rows whose first filled cell might make them blank or a total/note row.

    A cheap superset, in bulk: text with no letter, mark or digit, or whose letters contain a
    footer word. Only these rows get the exact (slow) checks above.
    """
    is_text = np.equal(np.fromiter(map(type, first_cells), dtype=object, count=len(first_cells)), str)
    texts = pa.array(np.where(is_text, first_cells, ""), type=pa.large_string())
    letters = pc.replace_substring_regex(texts, r"[^\pL\pM\pN]+", "")
    hint = pc.match_substring_regex(letters, _FOOTER_HINT, ignore_case=True).to_numpy(zero_copy_only=False)
    no_letters = pc.equal(letters, "").to_numpy(zero_copy_only=False)
    return is_text & (hint | no_letters)


def data_rows(grid: np.ndarray, match: HeaderMatch, report: ValidationReport) -> DataRows:
    """The rows under the header, without blank rows and total or note rows (each noted)."""
    start = match.header_row + 1
    body = grid[start:]
    first_cells, keep = _first_cells(body)
    for index in np.flatnonzero(keep & _suspects(first_cells)):
        row = body[index].tolist()
        footer = None if _is_blank(row) else _footer_word(row)
        if footer is not None:
            report.add(make_issue("total-row-skipped", "warning", row=start + index + 1, value=footer))
        keep[index] = footer is None and not _is_blank(row)
    kept = np.flatnonzero(keep)
    return DataRows(body if len(kept) == len(body) else body[kept], (kept + start + 1).tolist())


def _first_cells(body: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's first cell that is not None, and which rows have one at all.

    Column by column over the rows still without one: data rows usually stop at column A.
    """
    first = np.full(len(body), None, dtype=object)
    found = np.zeros(len(body), dtype=bool)
    pending = np.arange(len(body))
    for index in range(body.shape[1]):
        if not len(pending):
            break
        cells = body[pending, index]
        filled = np.not_equal(cells, None)
        first[pending[filled]] = cells[filled]
        found[pending[filled]] = True
        pending = pending[~filled]
    return first, found


class _Collector:
    """Adds issues to the report, listing at most MAX_ISSUES_PER_KIND of each kind."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        self.counts: dict[tuple[str, str | None], int] = {}

    def add(self, code: str, severity: str, **fields: object) -> None:
        kind = (code, fields.get("field"))  # type: ignore[arg-type]
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= MAX_ISSUES_PER_KIND:
            self.report.add(make_issue(code, severity, **fields))  # type: ignore[arg-type]

    def close(self) -> None:
        for (code, field), count in self.counts.items():
            if count > MAX_ISSUES_PER_KIND:
                severity = (
                    "error" if any(i.severity == "error" for i in self.report.issues if i.code == code) else "warning"
                )
                self.report.add(
                    make_issue("more-issues", severity, field=field, value=code, count=count - MAX_ISSUES_PER_KIND)
                )
        self.report.stats["issue_counts"] = {f"{c}:{f}": n for (c, f), n in self.counts.items()}


def check_columns(match: HeaderMatch, dataset: Dataset, report: ValidationReport) -> None:
    """Missing, ambiguous, duplicated and unknown columns."""
    for index, candidates in match.ambiguous:
        names = ", ".join(dataset.column(k).label_th for k in candidates)
        report.add(
            make_issue(
                "ambiguous-column",
                row=match.header_row + 1,
                column=column_letter(index),
                header=match.headers[index],
                value=match.headers[index],
                candidates=names,
            )
        )
    for key, indexes in match.duplicates.items():
        column = dataset.column(key)
        letters = ", ".join(column_letter(i) for i in indexes)
        report.add(
            make_issue(
                "duplicate-column",
                field=key,
                header=column.label_th,
                label_th=column.label_th,
                label_en=column.label_en,
                candidates=letters,
            )
        )
    for column in dataset.columns:
        if (
            column.required
            and column.key not in match.mapping
            and column.key not in match.duplicates
            and column.default is None
        ):
            expected = ", ".join(f"'{h}'" for h in column.headers[:3])
            report.add(
                make_issue(
                    "missing-column",
                    field=column.key,
                    header=column.label_th,
                    label_th=column.label_th,
                    label_en=column.label_en,
                    expected=expected,
                )
            )
    for index in match.unknown:
        report.add(
            make_issue(
                "unknown-column",
                "warning",
                column=column_letter(index),
                header=match.headers[index],
                value=match.headers[index],
            )
        )


def build_frame(
    rows: DataRows, match: HeaderMatch, dataset: Dataset, report: ValidationReport, *, today: date
) -> pd.DataFrame:
    """Parse every mapped column, fill defaults, then check keys and cross-column rules."""
    collector = _Collector(report)
    cells_by_index = {index: np.ascontiguousarray(rows.grid[:, index]) for index in set(match.mapping.values())}
    parsed: dict[str, pd.Series] = {}
    for column in dataset.columns:
        index = match.mapping.get(column.key)
        cells = cells_by_index.get(index) if index is not None else None
        parsed[column.key] = _parse(column, cells, index, rows, match, collector, today=today)
    frame = frames.coerce(pd.DataFrame(parsed), dataset)
    _resolve_months_from_fiscal_year(frame, rows, match, dataset, collector)
    _check_keys(frame, rows, dataset, collector)
    _check_rules(frame, rows, match, dataset, collector)
    collector.close()
    return frame


def _parse(
    column: Column,
    cells: np.ndarray | None,
    index: int | None,
    rows: DataRows,
    match: HeaderMatch,
    collector: _Collector,
    *,
    today: date,
) -> pd.Series:
    size = len(rows.excel_rows)
    if cells is None or index is None:
        return pd.Series([column.default] * size, dtype=frames.dtype_of(column))
    result = parse_column(cells, column.kind, today=today)
    where = {"column": column_letter(index), "header": match.headers[index], "field": column.key}
    for problem in result.problems:
        if problem.code == "ambiguous-year" and column.key == "month":
            continue  # settled from the fiscal-year column, or reported there
        if problem.index is None:  # about the whole column
            collector.add(problem.code, problem.severity, **where, **problem.slots)
            continue
        collector.add(
            problem.code,
            problem.severity,
            row=rows.excel_rows[problem.index],
            value=problem.value,
            **where,
            **problem.slots,
        )
    values = result.values
    blanks = np.flatnonzero(result.empty)
    if len(blanks) and column.default is not None:
        values = values.copy()
        values.iloc[blanks] = column.default
        for position in blanks:
            collector.add("default-filled", "warning", row=rows.excel_rows[position], default=column.default, **where)
    elif column.required:
        for position in blanks:
            collector.add("required-missing", "error", row=rows.excel_rows[position], **where)
    return values


def _resolve_months_from_fiscal_year(
    frame: pd.DataFrame, rows: DataRows, match: HeaderMatch, dataset: Dataset, collector: _Collector
) -> None:
    """A month written without its year ("ต.ค.") takes the year from the row's fiscal year."""
    month_index = match.mapping.get("month")
    if month_index is None or dataset.column("month").kind.moment_level != "month":
        return
    has_fiscal_year = "fiscal_year" in frame
    for position in np.flatnonzero(frame["month"].isna().to_numpy()):
        cell = rows.grid[position, month_index]
        number = parse_month_without_year(cell)
        if number is None:
            continue
        fiscal_year = frame.at[position, "fiscal_year"] if has_fiscal_year else pd.NA
        where = {"column": column_letter(month_index), "header": match.headers[month_index], "field": "month"}
        if pd.isna(fiscal_year):
            collector.add("ambiguous-year", "error", row=rows.excel_rows[position], value=cell, **where)
            continue
        frame.at[position, "month"] = pd.Timestamp(fiscal_month_date(int(fiscal_year), number))


def _check_keys(frame: pd.DataFrame, rows: DataRows, dataset: Dataset, collector: _Collector) -> None:
    groups = [list(dataset.primary_key)] + [
        [c.key] for c in dataset.columns if c.unique and [c.key] != list(dataset.primary_key)
    ]
    for keys in groups:
        key_frame = frame[keys]
        complete = key_frame.notna().all(axis=1).to_numpy()
        duplicated = key_frame.duplicated(keep="first").to_numpy() & complete
        if not duplicated.any():
            continue
        first_of = key_frame[complete].reset_index().groupby(keys, sort=False, dropna=True)["index"].first()
        for position in np.flatnonzero(duplicated):
            values = tuple(key_frame.iloc[position])
            other = int(first_of.loc[values if len(values) > 1 else values[0]])
            label = ", ".join(f"{k}={v}" for k, v in zip(keys, values, strict=True))
            collector.add(
                "duplicate-key",
                "error",
                row=rows.excel_rows[position],
                field=keys[0],
                other_row=rows.excel_rows[other],
                key=label,
            )


def _check_rules(
    frame: pd.DataFrame, rows: DataRows, match: HeaderMatch, dataset: Dataset, collector: _Collector
) -> None:
    for check in dataset.checks:
        if not all(c in frame for c in check.columns):
            continue
        rule, code = checks.RULES[check.rule]
        failing = rule(frame, check.columns)
        first, *rest = check.columns
        index = match.mapping.get(first)
        other = dataset.column(rest[0]) if rest else None
        for position in np.flatnonzero(failing):
            slots = _rule_slots(frame, position, check.columns, dataset)
            collector.add(
                code,
                check.severity,
                row=rows.excel_rows[position],
                column=column_letter(index) if index is not None else None,
                header=match.headers[index] if index is not None else dataset.column(first).label_th,
                field=first,
                value=_display(frame.at[position, first]),
                other_header=other.label_th if other else "",
                **slots,
            )


def _rule_slots(frame: pd.DataFrame, position: int, columns: tuple[str, ...], dataset: Dataset) -> dict[str, str]:
    slots = {"other_value": _display(frame.at[position, columns[1]]) if len(columns) > 1 else ""}
    if "fiscal_year" in columns:
        slots["fiscal_year"] = _display(frame.at[position, "fiscal_year"])
    if len(columns) == 5:
        slots["sexes"] = _display(frame.at[position, columns[0]] + frame.at[position, columns[1]])
        slots["bands"] = _display(sum(frame.at[position, c] for c in columns[2:]))
    return slots


def _display(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime("%Y-%m-%d")
    return str(value)


def choice_label(column: Column, key: object) -> str:
    """The Thai label of a choice key, for messages and previews."""
    for option in column.kind.options:
        if option.key == key:
            return option.label_th
    return "" if key is None else str(key)


__all__ = ["DataRows", "build_frame", "check_columns", "choice_label", "data_rows"]
