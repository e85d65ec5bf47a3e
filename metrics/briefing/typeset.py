"""The PDF renderer: a document described as plain blocks, laid out by Typst in the bundled Sarabun.

    from metrics.briefing.typeset import Chart, Cover, Document, Heading, Paragraph, Table, render_pdf
    pdf = render_pdf(Document(lang="th", title="สรุปผู้บริหาร", footer="เทศบาลนครยะลา", blocks=(
        Cover(kicker="เทศบาลนครยะลา", title="สรุปสำหรับผู้บริหาร", subtitle="ต.ค. 2569"),
        Heading("คะแนนเมือง"), Paragraph("..."), Table(header=("ตัวชี้วัด", "ค่า"), rows=(("...", "1,234"),)),
    )))

Why Typst (the `typst` wheel bundles the compiler; no system library): it shapes Thai with the
font's own rules (marks stacked, no dotted circles), breaks Thai lines between words by its
dictionary, and draws SVG charts with the same fonts. Every text goes to Typst as a JSON string,
shown as written: text from a spreadsheet can never be read as Typst markup.

One layout (document.typ beside this file) serves every PDF of the app; callers choose blocks.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

import typst

TEMPLATE = Path(__file__).resolve().parent / "document.typ"
FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"

Tone = Literal["none", "red", "amber", "green", "muted"]
Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Cell:
    """A table cell or list item with a colour (a status) or in bold."""

    text: str
    tone: Tone = "none"
    bold: bool = False


@dataclass(frozen=True)
class Cover:
    """A page of its own, without a page number: who, what, when."""

    title: str
    subtitle: str = ""
    kicker: str = ""
    lines: tuple[tuple[str, str], ...] = ()  # (label, value) pairs: period, scope, data as of ...
    note: str = ""
    kind: str = field(default="cover", init=False)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    kind: str = field(default="heading", init=False)


@dataclass(frozen=True)
class Paragraph:
    text: str
    tone: Tone = "none"
    kind: str = field(default="paragraph", init=False)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str | Cell, ...]
    kind: str = field(default="bullets", init=False)


@dataclass(frozen=True)
class Table:
    """Rows of cells under a header; `widths` are relative column widths (None: equal)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str | Cell, ...], ...]
    align: tuple[Align, ...] = ()
    widths: tuple[float, ...] | None = None
    kind: str = field(default="table", init=False)


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    note: str = ""
    tone: Tone = "none"


@dataclass(frozen=True)
class Tiles:
    """Large figures side by side (city score, red KPIs, coverage ...)."""

    items: tuple[Tile, ...]
    kind: str = field(default="tiles", init=False)


@dataclass(frozen=True)
class Chart:
    """An SVG chart (see `metrics.briefing.charts`), `width` a share of the text width."""

    svg: str
    caption: str = ""
    width: float = 1.0
    kind: str = field(default="chart", init=False)


@dataclass(frozen=True)
class PageBreak:
    kind: str = field(default="page_break", init=False)


@dataclass(frozen=True)
class Group:
    """Blocks kept on one page (a heading with its chart), moved whole to the next page if needed."""

    blocks: tuple[Block, ...]
    kind: str = field(default="group", init=False)


Block = Cover | Heading | Paragraph | Bullets | Table | Tiles | Chart | PageBreak | Group


@dataclass(frozen=True)
class Document:
    lang: Literal["th", "en"]
    title: str
    blocks: tuple[Block, ...]
    footer: str = ""  # left of the page number on every page but the cover
    author: str = ""
    landscape: bool = False
    font_size: float = 11.0  # points; a handout read from the back of a room may want more
    created: datetime | None = None  # the PDF's creation time (city time); None: left out


class RenderError(RuntimeError):
    """Typst refused the document (a bug in a layout, never in the data)."""


_LOCK = threading.Lock()  # one compile at a time: Streamlit reruns run on several threads


def document_json(document: Document) -> str:
    """The JSON that document.typ reads: blocks with their `kind`, rows' cells as text or dicts."""
    payload = asdict(document)
    _default_alignment(payload["blocks"])
    payload.pop("created")
    return json.dumps(payload, ensure_ascii=False)


def _default_alignment(blocks: list[dict]) -> None:
    for block in blocks:
        if block["kind"] == "group":
            _default_alignment(block["blocks"])
        elif block["kind"] == "table" and not block["align"]:
            block["align"] = ["left"] * len(block["header"])


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes, every page but the cover numbered "n / total"."""
    timestamp = document.created.astimezone() if document.created else None
    with _LOCK:
        try:
            pdf = typst.compile(
                TEMPLATE,
                root=TEMPLATE.parent,
                font_paths=[str(FONT_DIR)],
                ignore_system_fonts=True,
                sys_inputs={"document": document_json(document)},
                format="pdf",
                timestamp=timestamp,
            )
        except typst.TypstError as error:
            raise RenderError(error.message) from error
    assert isinstance(pdf, bytes)
    return pdf
