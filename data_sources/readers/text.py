"""CSV files: UTF-8 (with or without BOM) or TIS-620/CP874, comma, semicolon or tab separated.

The encoding is never guessed: text that is not UTF-8 must read as sensible Thai in CP874, else
the file is refused as "encoding-unknown" rather than imported as garbage.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import PurePath

from data_sources.readers.base import Limits, Sheet, damaged, file_error, trim

_DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 50
_SAMPLE_BYTES = 1024 * 1024
_HIGH_BYTES = bytes(range(0x80, 0x100))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# CP874's non-Thai characters: common in mojibake, rare in real Thai text.
_CP874_SYMBOLS = frozenset("€…‘’“”•–—\xa0")
_THAI_CONSONANTS = frozenset(chr(code) for code in range(0x0E01, 0x0E2F))
# Vowels above/below and tone marks (สระบน-ล่าง วรรณยุกต์): they sit on a consonant or another mark.
_THAI_MARKS = frozenset(chr(code) for code in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))
_UTF8_SHARE = 0.8  # of high bytes inside valid UTF-8 sequences: UTF-8 with a few broken bytes
_SYMBOL_SHARE = 0.2  # of non-ASCII characters that are CP874 symbols rather than Thai
_STRAY_MARK_SHARE = 0.05  # of Thai characters that are marks with nothing to sit on


def decode_text(content: bytes) -> str:
    """The file's text: UTF-8 (BOM optional), else TIS-620/CP874 if it reads as real Thai.

    >>> decode_text("ชุมชน,5".encode("cp874")), decode_text("\\ufeffa,b".encode("utf-8"))
    ('ชุมชน,5', 'a,b')
    """
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp874")
    except UnicodeDecodeError:
        raise file_error("encoding-unknown") from None
    if _looks_like_mojibake(content[:_SAMPLE_BYTES], text[:_SAMPLE_BYTES]):
        raise file_error("encoding-unknown")
    return text


def _looks_like_mojibake(sample: bytes, text: str) -> bool:
    if _CONTROL.search(text):
        return True
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    in_utf8 = sum(len(sequence) for sequence in _UTF8_SEQUENCE.findall(sample))
    if high and in_utf8 / high > _UTF8_SHARE:
        return True
    non_ascii = [char for char in text if ord(char) > 0x7F]
    symbols = sum(char in _CP874_SYMBOLS for char in non_ascii)
    if non_ascii and symbols / len(non_ascii) > _SYMBOL_SHARE:
        return True
    thai = len(non_ascii) - symbols
    return bool(thai) and _stray_marks(text) / thai > _STRAY_MARK_SHARE


def _stray_marks(text: str) -> int:
    stray = 0
    previous = " "
    for char in text:
        if char in _THAI_MARKS and previous not in _THAI_CONSONANTS and previous not in _THAI_MARKS:
            stray += 1
        previous = char
    return stray


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most rows of one common width.

    >>> sniff_delimiter("a;b;c\\n1;2,5;3\\n"), sniff_delimiter("a\\tb\\n1\\t2\\n"), sniff_delimiter("title\\n")
    (';', '\\t', ',')
    """
    lines = [line for line in text[: 64 * 1024].splitlines()[:_SNIFF_LINES] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        width, rows = widths.most_common(1)[0] if widths else (1, 0)
        score = (rows, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(content: bytes, file_name: str, limits: Limits) -> list[Sheet]:
    """The CSV as one sheet named after the file; empty fields are None."""
    text = decode_text(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows: list[list[object]] = []
    cells = 0
    try:
        for record in reader:
            rows.append([field if field != "" else None for field in record])
            cells += len(record)
            _check_size(len(rows), cells, limits)
    except csv.Error as error:
        raise damaged("csv-error", line=reader.line_num, detail=str(error)) from None
    return [Sheet(name=PurePath(file_name).stem, rows=trim(rows))]


def _check_size(rows: int, cells: int, limits: Limits) -> None:
    if rows > limits.max_rows:
        raise file_error("too-many-rows", value=f"> {limits.max_rows:,}", limit=f"{limits.max_rows:,}")
    if cells > limits.max_cells:
        raise file_error(
            "sheet-too-large", value=f"{rows:,} rows", sheet="CSV", cells=f"> {cells:,}", limit=f"{limits.max_cells:,}"
        )
