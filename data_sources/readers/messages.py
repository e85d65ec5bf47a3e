"""Why a file was refused, in Thai and English: the {reason_th}/{reason_en} slots of the
"hostile-file" and "unreadable-file" templates in assets/i18n/issues.json."""

from __future__ import annotations

REASONS: dict[str, tuple[str, str]] = {
    "doctype": (
        "ส่วน {part} มีการประกาศ DOCTYPE/ENTITY ซึ่งไฟล์ Excel ปกติไม่มี",
        "part {part} declares a DOCTYPE/ENTITY, which real Excel files never do",
    ),
    "zip-bomb": (
        "ส่วน {part} ขยายจาก {packed} เป็น {unpacked} (อัตราส่วน {ratio}:1 เกิน {limit}:1)",
        "part {part} expands from {packed} to {unpacked} (ratio {ratio}:1, above {limit}:1)",
    ),
    "understated-size": (
        "ส่วน {part} มีข้อมูลมากกว่าขนาดที่ระบุไว้ ({declared})",
        "part {part} holds more data than the {declared} its header declares",
    ),
    "too-many-parts": (
        "ไฟล์มีส่วนประกอบ {count} ส่วน เกินกว่า {limit} ส่วน",
        "the file has {count} parts, more than {limit}",
    ),
    "duplicate-part": ("ชื่อส่วน {part} ซ้ำกันในไฟล์", "part {part} appears twice in the file"),
    "compression": (
        "ส่วน {part} ใช้วิธีบีบอัดที่ Excel ไม่ใช้ (หมายเลข {method})",
        "part {part} uses a compression method Excel never uses ({method})",
    ),
    "beyond-grid": (
        "ชีต {sheet} อ้างถึงเซลล์ {cell} ซึ่งอยู่นอกตาราง Excel (เซลล์สุดท้ายคือ XFD1048576)",
        "sheet {sheet} refers to cell {cell}, outside Excel's grid (the last cell is XFD1048576)",
    ),
    "bad-reference": (
        "ชีต {sheet} มีการอ้างอิงเซลล์ที่ไม่ถูกต้อง ({cell})",
        "sheet {sheet} has a malformed cell reference ({cell})",
    ),
    "xml-encoding": (
        "ส่วน {part} ไม่ได้เข้ารหัสเป็น UTF-8 ตามที่ไฟล์ Excel ใช้",
        "part {part} is not encoded in UTF-8 as Excel files are",
    ),
    "long-tag": (
        "ส่วน {part} มีแท็ก XML ยาวผิดปกติ",
        "part {part} has an abnormally long XML tag",
    ),
    "damaged-zip": (
        "ไฟล์ .xlsx เสียหายหรือถูกตัดทอน ({detail})",
        "the .xlsx container is damaged or truncated ({detail})",
    ),
    "damaged-xml": (
        "ส่วน {part} ของไฟล์เสียหาย ({detail})",
        "part {part} of the file is damaged ({detail})",
    ),
    "encrypted-part": (
        "ส่วน {part} ถูกเข้ารหัสไว้",
        "part {part} is encrypted",
    ),
    "no-workbook": (
        "ไม่พบสมุดงาน (workbook) ในไฟล์ .xlsx",
        "the .xlsx file holds no workbook part",
    ),
    "not-a-workbook": (
        "ไฟล์ .xls นี้ไม่มีข้อมูลสมุดงาน Excel",
        "this .xls file holds no Excel workbook stream",
    ),
    "parser-error": (
        "โปรแกรมอ่านไฟล์แจ้งว่า: {detail}",
        "the spreadsheet reader reported: {detail}",
    ),
    "csv-error": (
        "อ่านไฟล์ CSV ไม่ได้ที่บรรทัด {line} ({detail})",
        "the CSV file cannot be parsed at line {line} ({detail})",
    ),
}


def reason_slots(reason: str, **slots: object) -> dict[str, str]:
    """The reason_th/reason_en slots for a named reason, with its own slots filled in."""
    thai, english = REASONS[reason]
    return {"reason_th": thai.format(**slots), "reason_en": english.format(**slots)}
