"""The Excel template staff fill in, derived from a dataset's declaration.

Sheet 1 ("ข้อมูล") has the Thai headers, one example row and drop-down lists for list columns;
sheet 2 ("คำอธิบาย / Instructions") explains every column in Thai and English.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from data_sources.adapters import dataset
from data_sources.formulas import defuse_workbook
from data_sources.schema import Choice, Column, Date, DateTime, Decimal, Integer, Month, Text

DATA_SHEET = "ข้อมูล"
INSTRUCTIONS_SHEET = "คำอธิบาย - Instructions"
_HEADER_FILL = PatternFill("solid", fgColor="0F5C4D")
_REQUIRED_NOTE = ("ต้องกรอก", "required")
_OPTIONAL_NOTE = ("ไม่บังคับ", "optional")


def describe_kind(column: Column) -> tuple[str, str]:
    """What a column accepts, in Thai and English, for the instructions and the catalogue."""
    kind = column.kind
    if isinstance(kind, Integer):
        text = ("จำนวนเต็ม", "whole number")
    elif isinstance(kind, Decimal):
        text = ("ตัวเลข (ทศนิยมได้)", "number (decimals allowed)")
    elif isinstance(kind, DateTime):
        text = ("วันที่และเวลา เช่น 21/11/2567 09.30 น.", "date and time, e.g. 21/11/2567 09.30 น.")
    elif isinstance(kind, Date):
        text = ("วันที่ เช่น 21/11/2567 หรือ 21 พ.ย. 67", "date, e.g. 21/11/2567 or 21 พ.ย. 67")
    elif isinstance(kind, Month):
        text = ("เดือน เช่น ต.ค. 2567", "month, e.g. ต.ค. 2567")
    elif isinstance(kind, Choice):
        values = ", ".join(o.label_th for o in kind.options)
        rule = (
            ("เลือกจากรายการ", "one of")
            if kind.closed
            else ("เลือกจากรายการหรือพิมพ์ค่าใหม่", "from the list, or a new value")
        )
        text = (f"{rule[0]}: {values}", f"{rule[1]}: {', '.join(o.label_en for o in kind.options)}")
    else:
        text = ("ข้อความ", "text")
    return _with_range(column, text)


def _with_range(column: Column, text: tuple[str, str]) -> tuple[str, str]:
    kind = column.kind
    low, high = getattr(kind, "minimum", None), getattr(kind, "maximum", None)
    if low is None and high is None or isinstance(kind, Text):
        return text
    bounds = f"{'' if low is None else format(low, ',')} – {'' if high is None else format(high, ',')}"
    return f"{text[0]} ({bounds})", f"{text[1]} ({bounds})"


def build_template(key: str) -> bytes:
    """The template workbook for dataset `key`, as .xlsx bytes."""
    declared = dataset(key)
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    for index, column in enumerate(declared.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.label_th)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.comment = Comment(f"{column.label_en} — {describe_kind(column)[1]}", "Yala City")
        sheet.cell(row=2, column=index, value=column.example)
        sheet.column_dimensions[get_column_letter(index)].width = max(14, min(40, len(column.label_th) + 6))
        if isinstance(column.kind, Choice):
            _add_dropdown(book, sheet, index, column)
    sheet.freeze_panes = "A2"
    _write_instructions(book, key)
    defuse_workbook(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _add_dropdown(book: Workbook, sheet, index: int, column: Column) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(column.kind, Choice)
    lists = book["lists"] if "lists" in book.sheetnames else book.create_sheet("lists")
    lists.sheet_state = "hidden"
    list_column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
    for row, option in enumerate(column.kind.options, start=1):
        lists.cell(row=row, column=list_column, value=option.label_th)
    letter = get_column_letter(list_column)
    validation = DataValidation(
        type="list",
        formula1=f"=lists!${letter}$1:${letter}${len(column.kind.options)}",
        allow_blank=not column.required,
        showErrorMessage=column.kind.closed,  # an open list accepts a new word
        errorTitle="ค่าไม่ถูกต้อง / Invalid value",
        error="กรุณาเลือกจากรายการ / Please pick from the list",
    )
    sheet.add_data_validation(validation)
    target = get_column_letter(index)
    validation.add(f"{target}2:{target}5000")


def _write_instructions(book: Workbook, key: str) -> None:
    declared = dataset(key)
    sheet = book.create_sheet(INSTRUCTIONS_SHEET, 1)
    sheet.append([f"{declared.title_th} / {declared.title_en}"])
    sheet.append([declared.description_th])
    sheet.append([declared.description_en])
    sheet.append([f"หน่วยงานเจ้าของข้อมูล / Owner: {declared.division_th} / {declared.division_en}"])
    sheet.append(["กรอกข้อมูลในชีต 'ข้อมูล' ตั้งแต่แถวที่ 2 (ลบแถวตัวอย่างก่อนส่ง) ใช้ปี พ.ศ. หรือ ค.ศ. ได้"])
    sheet.append(
        [
            "Fill in the 'ข้อมูล' sheet from row 2 (replace the example row). Buddhist-era or Christian-era years both work."
        ]
    )
    sheet.append([])
    sheet.append(["หัวคอลัมน์", "Column", "ต้องกรอก / Required", "ชนิดข้อมูล", "Type", "คำอธิบาย", "Description"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in declared.columns:
        kind_th, kind_en = describe_kind(column)
        note = _REQUIRED_NOTE if column.required else _OPTIONAL_NOTE
        sheet.append(
            [
                column.label_th,
                column.label_en,
                f"{note[0]} / {note[1]}",
                kind_th,
                kind_en,
                column.description_th,
                column.description_en,
            ]
        )
    for letter, width in zip("ABCDEFG", (28, 24, 18, 50, 50, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
