"""The PDF renderer: Thai set by Typst in the bundled Sarabun, text from data shown as text."""

from __future__ import annotations

import doctest
import re

import pypdfium2

from helpers.pdf_pages import lines, page_texts, starts_with_thai_mark
from metrics.briefing import charts
from metrics.briefing.typeset import (
    Bullets,
    Cell,
    Chart,
    Cover,
    Document,
    Group,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Tile,
    Tiles,
    render_pdf,
)

LONG_THAI = (
    "สัดส่วนเรื่องร้องเรียนที่ดำเนินการแล้วเสร็จภายในมาตรฐานเพิ่มขึ้นจากเดือนก่อน ผู้สูงอายุที่ได้รับเบี้ยยังชีพ "
    "ระดับน้ำแม่น้ำปัตตานีที่สถานีสะพานเฉลิมพระเกียรติ ผู้ป่วยไข้เลือดออกต่อประชากรแสนคน ชุมชนตลาดเก่า "
) * 4


def _document(*blocks: object, lang: str = "th") -> Document:
    return Document(lang=lang, title="ทดสอบ", footer="เทศบาลนครยะลา", blocks=tuple(blocks))  # type: ignore[arg-type]


def _page_count(pdf: bytes) -> int:
    return len(pypdfium2.PdfDocument(pdf))


def test_a_cover_and_two_pages_are_numbered_from_the_second_page() -> None:
    pdf = render_pdf(
        _document(
            Cover(title="สรุปสำหรับผู้บริหาร", subtitle="ต.ค. 2569", lines=(("ข้อมูล ณ", "3 ธ.ค. 2569 09:30 น."),)),
            Heading("คะแนนเมือง"),
            Paragraph(LONG_THAI),
            PageBreak(),
            Heading("หน้าที่สาม"),
        )
    )
    assert pdf.startswith(b"%PDF")
    pages = page_texts(pdf)
    assert len(pages) == 3
    assert "/ 3" not in pages[0]  # the cover carries no number
    assert "2 / 3" in pages[1] and "3 / 3" in pages[2]


def test_thai_lines_break_between_words_never_before_a_mark() -> None:
    pdf = render_pdf(_document(Paragraph(LONG_THAI), Bullets((LONG_THAI[:120], Cell("ไม่บรรลุเป้าหมาย", "red")))))
    text_lines = lines(pdf)
    assert len(text_lines) > 8  # the paragraph wrapped
    assert not [line for line in text_lines if starts_with_thai_mark(line)]
    assert any("ผู้ป่วยไข้เลือดออกต่อประชากรแสนคน" in line for line in text_lines)


def test_text_from_data_is_shown_as_written_never_run_as_markup() -> None:
    hostile = '#set page(width: 1cm) *ตัวหนา* $x$ #import "/etc/passwd"'
    pdf = render_pdf(_document(Heading(hostile), Table(header=("ชื่อ", "ค่า"), rows=((hostile, "=1+1"),))))
    text = "".join(page_texts(pdf))
    assert text.count("#set page(width: 1cm) *ตัวหนา* $x$") == 2
    assert "=1+1" in text
    assert _page_count(pdf) == 1


def test_only_the_bundled_sarabun_is_embedded() -> None:
    pdf = render_pdf(_document(Paragraph("ภาษาไทย and English 1,234.5"), Paragraph("ตัวหนา", tone="red")))
    fonts = _font_names(pdf)
    assert fonts and all("Sarabun" in name for name in fonts)


def _font_names(pdf: bytes) -> set[str]:
    # BaseFont names are written in clear in the PDF's font dictionaries.
    return {match.decode() for match in re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", pdf)}


def test_tiles_tables_groups_and_charts_render_in_english_too() -> None:
    svg = charts.svg({"mark": "bar", "data": {"values": [{"a": "น้ำท่วม", "b": 3}]},
                      "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}})  # fmt: skip
    pdf = render_pdf(
        _document(
            Tiles((Tile("City score", "0.94", "near target", "amber"), Tile("Red KPIs", "12 of 33", tone="red"))),
            Group((Heading("Trend", level=2), Chart(svg, caption="solid: value · dashed: target", width=0.8))),
            Table(
                header=("KPI", "Value"), rows=(("Complaints", Cell("245", "red", bold=True)),), align=("left", "right")
            ),
            lang="en",
        )
    )
    text = "".join(page_texts(pdf))
    assert "City score" in text and "12 of 33" in text and "solid: value" in text and "245" in text


def test_chart_text_writes_sara_am_in_two_parts() -> None:
    assert doctest.testmod(charts).failed == 0
    svg = charts.svg({"mark": "text", "data": {"values": [{"t": "ดำเนินการ น้ำ"}]}, "encoding": {"text": {"field": "t"}}})
    assert "\u0e33" not in svg and "ด\u0e4d\u0e32เนินการ" in svg
