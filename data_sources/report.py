"""The validation report: every problem found in one upload, as data.

The CLI prints it, the upload page renders it as a table, the tests read it. Messages come from
the templates in assets/i18n/issues.json, in Thai and English, looked up by the issue's code.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

from data_sources.city import ASSETS
from data_sources.thai_calendar import date_label

Severity = Literal["error", "warning"]


@cache
def _templates() -> dict[str, dict[str, str]]:
    return json.loads((ASSETS / "i18n" / "issues.json").read_text(encoding="utf-8"))


def column_letter(index: int) -> str:
    """Excel's letter for a zero-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class Issue:
    code: str  # stable kebab-case reason, e.g. "not-a-date"
    severity: Severity
    row: int | None  # the spreadsheet row number as staff see it in Excel
    column: str | None  # the column letter, e.g. "C"
    header: str | None  # the header as written in the file
    field: str | None  # the dataset column key it maps to
    value: str | None  # the offending cell, as text
    message_th: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_th if lang == "th" else self.message_en

    def where(self, lang: str = "en") -> str:
        """ "row 7, column C (วันที่)" style location; empty for file-level issues."""
        parts = []
        if self.row is not None:
            parts.append(f"แถว {self.row}" if lang == "th" else f"row {self.row}")
        if self.column is not None:
            label = f" ({self.header})" if self.header else ""
            parts.append(f"คอลัมน์ {self.column}{label}" if lang == "th" else f"column {self.column}{label}")
        return ", ".join(parts)


def make_issue(
    code: str,
    severity: Severity = "error",
    *,
    row: int | None = None,
    column: str | None = None,
    header: str | None = None,
    field: str | None = None,
    value: object = None,
    **slots: object,
) -> Issue:
    """An `Issue` whose messages are filled in from the code's templates.

    Templates may use {value}, {header}, {field} and any extra `slots`.
    """
    template = _templates()[code]
    text = None if value is None else _as_text(value)
    names = {
        "value": value if value is not None else "",
        "header": header or field or "",
        "field": field or "",
        **slots,
    }
    return Issue(
        code=code,
        severity=severity,
        row=row,
        column=column,
        header=header,
        field=field,
        value=text,
        message_th=template["th"].format(**{k: _in(v, "th") for k, v in names.items()}),
        message_en=template["en"].format(**{k: _in(v, "en") for k, v in names.items()}),
    )


def _as_text(value: object) -> str:
    """A value as the report keeps it: a date as 2026-11-01, never 2026-11-01 00:00:00."""
    if isinstance(value, datetime) and not (value.hour or value.minute or value.second):
        return value.date().isoformat()
    return str(value)


def _in(value: object, lang: str) -> object:
    """A slot as a message shows it: dates as people read them (1 พ.ย. 2569 / 1 Nov 2026).

    >>> _in(date(2026, 11, 1), "th"), _in(datetime(2026, 11, 1, 9, 30), "en"), _in(3, "th")
    ('1 พ.ย. 2569', '1 Nov 2026 09:30', 3)
    """
    if isinstance(value, datetime):
        return date_label(value, lang, with_time=bool(value.hour or value.minute))
    if isinstance(value, date):
        return date_label(value, lang)
    return value


@dataclass
class ValidationReport:
    dataset: str
    file_name: str
    sheet: str | None = None
    header_row: int | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # dataset column key -> header in file
    issues: list[Issue] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "file_name": self.file_name,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "mapping": self.mapping,
            "valid": self.valid,
            "stats": self.stats,
            "issues": [asdict(i) for i in self.issues],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ValidationReport:
        return cls(
            dataset=data["dataset"],
            file_name=data["file_name"],
            sheet=data.get("sheet"),
            header_row=data.get("header_row"),
            mapping=dict(data.get("mapping") or {}),
            issues=[Issue(**i) for i in data.get("issues", [])],
            stats=dict(data.get("stats") or {}),
        )

    @staticmethod
    def codes_in(stored: str | None) -> set[str]:
        """The issue codes of a report as the upload history stores it (JSON text; "" or None: none).

        >>> sorted(ValidationReport.codes_in('{"issues": [{"code": "upload-held"}, {"code": "no-rows"}]}'))
        ['no-rows', 'upload-held']
        """
        if not stored:
            return set()
        return {str(issue.get("code")) for issue in json.loads(stored).get("issues", [])}

    def lines(self) -> list[str]:
        """One line per issue, Thai then English, for the CLI and logs."""
        out = []
        for issue in self.issues:
            label = "ERROR" if issue.severity == "error" else "WARNING"
            where = issue.where("en")
            prefix = f"{label} [{issue.code}] {where}: " if where else f"{label} [{issue.code}] "
            out.append(f"{prefix}{issue.message_th} | {issue.message_en}")
        return out
