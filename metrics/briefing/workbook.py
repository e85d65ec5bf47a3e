"""The executive briefing as an Excel workbook: a summary sheet, every KPI (value, target, status,
previous, year ago, owner), one sheet per pillar, the ranked alerts and the division scorecard.

Figures are numbers with number formats (a rate is 0.849 shown "84.9%"), a missing figure is an
empty cell (never 0), and no cell holds a formula: text from data is neutralised as every export
is (data_sources.exports) and stored as text. A hidden sheet keeps what `--follow-up` reads back:
each KPI's status and each alert's key, whatever the language of the visible sheets.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from data_sources.formulas import defuse_workbook, neutralise
from data_sources.schema import PILLARS
from metrics.briefing.content import Briefing, alert_lines, division_rows
from metrics.briefing.words import (
    city_name,
    division_name,
    moment,
    period_text,
    pillar_name,
    place,
    score_label,
    since,
    status_word,
    word,
)
from metrics.compute import KpiResult
from metrics.phrases import phrase
from metrics.scoring import status

DATA_SHEET = "briefing_data"  # hidden; read by follow_up.py
NUMBER_FORMATS = {
    "percent": "0.0%",
    "count": "#,##0",
    "people": "#,##0",
    "baht": "#,##0",
    "tons": "#,##0.0",
    "kg": "#,##0.00",
    "ratio": "0.00",
    "days": "0.0",
    "rating": "0.0",
    "ugm3": "0.0",
}
SCORE_FORMAT = "0.00"
_FILLS = {"green": "ECFDF3", "amber": "FFFAEB", "red": "FEF3F2"}
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="EAECF0")

Value = str | float | int | None


def briefing_xlsx(briefing: Briefing) -> bytes:
    """The workbook as .xlsx bytes."""
    book = Workbook()
    _summary(book.active, briefing)
    _kpi_sheet(book.create_sheet(), word("sheet_kpis", briefing.lang), list(briefing.result.kpis.values()), briefing)
    for pillar in PILLARS:
        _kpi_sheet(book.create_sheet(), pillar_name(pillar, briefing.lang), briefing.pillar_kpis(pillar), briefing)
    _alerts(book.create_sheet(), briefing)
    _divisions(book.create_sheet(), briefing)
    _data(book.create_sheet(DATA_SHEET), briefing)
    defuse_workbook(book)  # no file we write holds a live formula (issue #16)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell_value(value: Value) -> Value:
    return neutralise(value) if isinstance(value, str) else value


def _append(sheet: Worksheet, values: Sequence[Value], formats: Sequence[str | None] = ()) -> None:
    sheet.append([_cell_value(v) for v in values])
    for index, cell in enumerate(sheet[sheet.max_row]):
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text stays text, even "=..." (never a formula)
        if index < len(formats) and formats[index]:
            cell.number_format = formats[index]


def _header(sheet: Worksheet, names: Sequence[str], widths: Sequence[int]) -> None:
    _append(sheet, names)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{sheet.max_row + 1}"  # a string: asking for the cell would create a row


def _summary(sheet: Worksheet, briefing: Briefing) -> None:
    lang, result = briefing.lang, briefing.result
    sheet.title = word("sheet_summary", lang)
    _append(sheet, [f"{city_name(lang)} · {word('workbook_title', lang)}"])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in (
        (word("period", lang), period_text(briefing.result, lang)),
        (word("scope", lang), place(briefing.community, lang)),
        (word("division_scope", lang), division_name(briefing.division, lang) or word("every_division", lang)),
        (word("data_as_of", lang), moment(briefing.data_as_of, lang)),
        (word("generated", lang), moment(briefing.generated_at, lang)),
    ):
        _append(sheet, [label, value])
    _append(sheet, [])
    _append(
        sheet,
        [score_label(result.scope.kind, lang), result.city_score, status_word(result.city_status, lang)],
        [None, SCORE_FORMAT],
    )
    _append(
        sheet,
        [word("red_kpis", lang), len(briefing.red), word("of", lang, count=len(briefing.red), total=len(result.kpis))],
    )
    _append(
        sheet,
        [
            word("coverage", lang),
            len(briefing.with_data),
            word("of", lang, count=len(briefing.with_data), total=len(result.kpis)),
        ],
    )
    _append(sheet, [])
    _header(sheet, [word("pillar", lang), word("score", lang), word("status", lang), word("red_count", lang), word("kpis", lang)],
            [34, 12, 18, 14, 12])  # fmt: skip
    for pillar in PILLARS:
        members = briefing.pillar_kpis(pillar)
        score = result.pillars.get(pillar)
        _append(sheet, [pillar_name(pillar, lang), score, status_word(status(score), lang), sum(r.status == "red" for r in members),
                        len(members)], [None, SCORE_FORMAT])  # fmt: skip
    sheet.freeze_panes = None


def _kpi_sheet(sheet: Worksheet, title: str, results: Sequence[KpiResult], briefing: Briefing) -> None:
    lang = briefing.lang
    sheet.title = title[:31]
    names = ["pillar", "kpi", "value", "target", "unit", "status", "previous", "year_ago", "owner", "kpi_id"]
    _header(sheet, [word(name, lang) for name in names], [26, 44, 14, 14, 12, 18, 14, 14, 34, 30])
    for r in results:
        number = NUMBER_FORMATS.get(r.kpi.unit, "#,##0.0")
        unit = "%" if r.kpi.unit == "percent" else phrase("units", r.kpi.unit, lang)
        _append(
            sheet,
            [pillar_name(r.kpi.pillar, lang), r.kpi.name_th if lang == "th" else r.kpi.name_en, r.value, r.target, unit,
             status_word(r.status, lang), r.previous, r.year_ago, r.kpi.division_th if lang == "th" else r.kpi.division_en, r.id],
            [None, None, number, number, None, None, number, number],
        )  # fmt: skip
        if r.status in _FILLS:
            sheet.cell(row=sheet.max_row, column=6).fill = PatternFill("solid", fgColor=_FILLS[r.status])


def _alerts(sheet: Worksheet, briefing: Briefing) -> None:
    lang = briefing.lang
    sheet.title = word("sheet_alerts", lang)
    names = ["rank", "severity", "what", "where", "since", "who", "alert_key"]
    _header(sheet, [word(name, lang) for name in names], [8, 12, 70, 24, 22, 34, 30])
    for line in alert_lines(briefing):
        began = since(line.since, lang) if line.since else ""
        _append(
            sheet,
            [line.rank, word(f"severity_{line.severity}", lang), line.what, line.where, began, line.who, line.key],
        )


def _divisions(sheet: Worksheet, briefing: Briefing) -> None:
    lang = briefing.lang
    sheet.title = word("sheet_divisions", lang)
    names = ["division", "kpis", "green", "amber", "red", "no_data", "assigned", "resolved_share", "late", "red_names"]
    _header(sheet, [word(name, lang) for name in names], [34, 10, 10, 10, 10, 12, 16, 12, 40, 70])
    for line in division_rows(briefing):
        _append(sheet, [line.name, line.kpis, line.green, line.amber, line.red, line.no_data, line.received,
                        line.resolution_rate, ", ".join(line.late), ", ".join(line.red_names)],
                [None, None, None, None, None, None, "#,##0", "0.0%"])  # fmt: skip


def _data(sheet: Worksheet, briefing: Briefing) -> None:
    """Machine-readable facts for the next meeting's follow-up; hidden from people."""
    sheet.sheet_state = "hidden"
    _append(sheet, ["record", "key", "state", "text_th", "text_en"])
    _append(sheet, ["meta", "period", briefing.period.code, "", ""])
    _append(sheet, ["meta", "community", briefing.community or "", "", ""])
    _append(sheet, ["meta", "division", briefing.division or "", "", ""])
    _append(sheet, ["meta", "generated_at", briefing.generated_at.isoformat(timespec="minutes"), "", ""])
    for r in briefing.result.kpis.values():
        _append(sheet, ["kpi", r.id, r.status or "", r.kpi.name_th, r.kpi.name_en])
    for alert in briefing.alerts:
        _append(sheet, ["alert", f"{alert.kind}:{alert.subject}", alert.severity, alert.message_th, alert.message_en])
