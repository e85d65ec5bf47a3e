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
from openpyxl.worksheet.worksheet import Worksheet

from data_sources.adapters import dataset
from data_sources.formulas import defuse_workbook
from data_sources.kinds import TemplateCell
from data_sources.schema import Column

DATA_SHEET = "ข้อมูล"
INSTRUCTIONS_SHEET = "คำอธิบาย - Instructions"
_HEADER_FILL = PatternFill("solid", fgColor="0F5C4D")
_REQUIRED_NOTE = ("ต้องกรอก", "required")
_OPTIONAL_NOTE = ("ไม่บังคับ", "optional")


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
        cell.comment = _comment(column)
        _set_up_column(book, sheet, index, column)
    _mark_example_row(sheet)
    sheet.freeze_panes = "A2"
    _write_instructions(book, key)
    defuse_workbook(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _mark_example_row(sheet: Worksheet) -> None:
    """Row 2 looks like an example (grey italics) and says so; uploads recognise it by its values
    (`validation._example_rows`) and never load it, even when it is left above real rows."""
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
    note = "แถวตัวอย่าง: ระบบจะไม่นำเข้าแถวนี้ เขียนทับหรือลบได้\nExample row: never loaded; overwrite or delete it"
    sheet.cell(row=2, column=1).comment = Comment(note, "Yala City", width=320, height=80)


def _comment(column: Column) -> Comment:
    """The header's note, in Thai and English: what the column is and what it accepts."""
    accepts_th, accepts_en = column.kind.describe()
    note_th, note_en = _REQUIRED_NOTE if column.required else _OPTIONAL_NOTE
    text = f"{column.label_th} ({note_th}): {accepts_th}\n{column.label_en} ({note_en}): {accepts_en}"
    comment = Comment(text, "Yala City")
    comment.width, comment.height = 320, 140
    return comment


def _set_up_column(book: Workbook, sheet: Worksheet, index: int, column: Column) -> None:
    """The column's width, number format and drop-down, as its type asks, and the example cell."""
    letter = get_column_letter(index)
    cell_form = column.kind.template_cell()
    sheet.column_dimensions[letter].width = max(14, min(40, len(column.label_th) + 6))
    sheet.column_dimensions[letter].number_format = cell_form.number_format  # cells staff add below
    example = sheet.cell(row=2, column=index, value=column.example)
    example.number_format = cell_form.number_format
    if cell_form.drop_down:
        _add_drop_down(book, sheet, letter, cell_form, required=column.required)


def _add_drop_down(book: Workbook, sheet: Worksheet, target: str, cell_form: TemplateCell, *, required: bool) -> None:
    lists = book["lists"] if "lists" in book.sheetnames else book.create_sheet("lists")
    lists.sheet_state = "hidden"
    list_column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
    for row, label in enumerate(cell_form.drop_down, start=1):
        lists.cell(row=row, column=list_column, value=label)
    letter = get_column_letter(list_column)
    validation = DataValidation(
        type="list",
        formula1=f"=lists!${letter}$1:${letter}${len(cell_form.drop_down)}",
        allow_blank=not required,
        showErrorMessage=cell_form.drop_down_only,  # an open list accepts a new word
        errorTitle="ค่าไม่ถูกต้อง / Invalid value",
        error="กรุณาเลือกจากรายการ / Please pick from the list",
    )
    sheet.add_data_validation(validation)
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
        kind_th, kind_en = column.kind.describe()
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
