"""Reading a PDF as a person and a copy-paste would: its text lines (pdfium) and its pages as PNG.

Typst draws a Thai tone mark that sits on an upper vowel (เพิ่ม, ปั้น) as a glyph of its own,
outside the span that carries the word's text, and maps that glyph to the whole cluster; text
extraction then repeats the cluster once ("เพิ่พิ่ม"), in large type on a line of its own. The
page itself is right (see the PNGs); `lines` folds such repeats back so names can be found. Pages render with pdfium too,
so no system tool is needed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2

THAI_COMBINING = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
_REPEATED_CLUSTER = re.compile(rf"([\u0e01-\u0e2e][{THAI_COMBINING}]{{2,}})\1")
# In large type the separate mark sits far enough up for pdfium to put its copy on a line of its own.
_CLUSTER_ALONE = re.compile(rf"[\u0e01-\u0e2e][{THAI_COMBINING}]+")


def page_texts(pdf: bytes) -> list[str]:
    """The raw text of each page, as pdfium extracts it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()


def lines(pdf: bytes) -> list[str]:
    """Every non-empty text line of the document, repeated tone-mark clusters folded."""
    found: list[str] = []
    for text in page_texts(pdf):
        join_next = False
        for raw in text.replace("\r", "").split("\n"):
            line = _REPEATED_CLUSTER.sub(r"\1", raw.strip())
            if found and _CLUSTER_ALONE.fullmatch(line) and line in found[-1]:
                join_next = found[-1].endswith(line)  # the word goes on after the stray copy
            elif join_next:
                found[-1] += line
                join_next = False
            elif line:
                found.append(line)
    return found


def starts_with_thai_mark(line: str) -> bool:
    return bool(line) and line[0] in THAI_COMBINING


def to_png(pdf: bytes, folder: Path, stem: str, *, dpi: int = 80) -> list[Path]:
    """Each page as `<stem>-<n>.png` in `folder`, for a person to look at (pdfium renders them)."""
    folder.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(pdf)
    written = []
    try:
        for index in range(len(document)):
            path = folder / f"{stem}-{index + 1}.png"
            document[index].render(scale=dpi / 72).to_pil().save(path)
            written.append(path)
    finally:
        document.close()
    return written
