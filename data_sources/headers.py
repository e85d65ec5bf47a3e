"""Finding the header row in a sheet and matching its headers to a dataset's columns.

Staff put a title block above the table, split headers over two rows with merged cells, write
units in brackets and spell Thai headers in several ways. Each file column is matched to the
dataset column whose header forms (labels, synonyms, key) it equals after normalisation, or
failing that resembles closely (difflib ratio), as long as one column clearly wins.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache

from data_sources.schema import Dataset

HEADER_SCAN_ROWS = 30
_per_thread = threading.local()
FUZZY_THRESHOLD = 0.86
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_BRACKETS = re.compile(r"[\(\[\{（].*?[\)\]\}）]")
_NOISE = re.compile(r"[\s\u200b\u00a0.,:;/\\\-_*#'\"`’‘“”()\[\]{}（）]+")


def normalise_header(text: object) -> str:
    """A header reduced to what identifies it: no case, spaces, punctuation or Thai digits.

    >>> normalise_header(" ขยะที่จัดเก็บ (ตัน) ")
    'ขยะที่จัดเก็บตัน'
    """
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text)).translate(_THAI_DIGITS).lower()
    value = value.replace("ํา", "ำ").replace("เเ", "แ")  # sara am and double sara e typed as two marks
    return _NOISE.sub("", value)


def header_forms(text: object) -> tuple[str, ...]:
    """The normalised header, and the same without its bracketed unit, e.g. "(ตัน)"."""
    full = normalise_header(text)
    bare = normalise_header(_BRACKETS.sub(" ", str(text or "")))
    return tuple(dict.fromkeys(f for f in (full, bare) if f))


@cache
def _column_forms(dataset: Dataset) -> dict[str, frozenset[str]]:
    return {c.key: frozenset(f for h in c.headers for f in header_forms(h)) for c in dataset.columns}


def match_header(text: object, dataset: Dataset, *, fuzzy: bool = True) -> tuple[float, tuple[str, ...]]:
    """The best score for `text` and the dataset columns that reach it (several = ambiguous)."""
    if not isinstance(text, str) or not text.strip():
        return 0.0, ()
    return _match_text(text, dataset, fuzzy and len(text) <= 80)


@lru_cache(maxsize=20_000)
def _match_text(text: str, dataset: Dataset, fuzzy: bool) -> tuple[float, tuple[str, ...]]:
    forms = header_forms(text)
    if not forms:
        return 0.0, ()
    exact = tuple(key for key, known in _column_forms(dataset).items() if known.intersection(forms))
    if exact or not fuzzy:
        return (1.0, exact) if exact else (0.0, ())
    best, winners = 0.0, []
    for key, known in _column_forms(dataset).items():
        score = max((_similarity(f, k) for f in forms for k in known if _similar_lengths(f, k)), default=0.0)
        if score > best + 1e-9:
            best, winners = score, [key]
        elif abs(score - best) <= 1e-9:
            winners.append(key)
    return (best, tuple(winners)) if best >= FUZZY_THRESHOLD else (0.0, ())


def _similar_lengths(left: str, right: str) -> bool:
    # difflib's real_quick_ratio, without building a matcher: lengths alone rule most pairs out.
    return 2 * min(len(left), len(right)) >= FUZZY_THRESHOLD * (len(left) + len(right))


def _similarity(left: str, right: str) -> float:
    matcher = _matcher_for(right)
    matcher.set_seq1(left)
    # The cheap upper bounds rule out almost every pair before the quadratic ratio runs.
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _matcher_for(known: str) -> SequenceMatcher:
    # SequenceMatcher indexes its second sequence; the known header forms repeat for every cell
    # tried, so each is indexed once (per thread: a matcher holds the sequence it last compared).
    matchers = _per_thread.__dict__.setdefault("matchers", {})
    matcher = matchers.get(known)
    if matcher is None:
        matcher = matchers[known] = SequenceMatcher(None, "", known)
    return matcher


@dataclass
class HeaderMatch:
    sheet: str
    header_row: int  # 0-based index of the last header row in the sheet
    header_rows: int  # 1, or 2 for a header split over two rows
    headers: list[str]  # the header of each file column as written (two rows joined by " / ")
    mapping: dict[str, int] = field(default_factory=dict)  # dataset column key -> file column index
    unknown: list[int] = field(default_factory=list)  # file columns with a header that matched nothing
    ambiguous: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    duplicates: dict[str, list[int]] = field(default_factory=dict)

    def required_found(self, dataset: Dataset) -> int:
        return sum(1 for c in dataset.columns if c.required and c.key in self.mapping)

    def rank(self, dataset: Dataset) -> tuple[int, int, int, int]:
        return (self.required_found(dataset), len(self.mapping), -self.header_rows, -self.header_row)


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _filled(row: list[object], merged: tuple[tuple[int, int, int, int], ...], index: int, width: int) -> list[str]:
    cells = [_cell_text(row[j]) if j < len(row) else "" for j in range(width)]
    for first_row, first_col, last_row, last_col in merged:
        if first_row <= index <= last_row and first_col < width:
            value = cells[first_col]
            for j in range(first_col, min(last_col, width - 1) + 1):
                cells[j] = cells[j] or value
    return cells


def _candidates(parent: str, child: str) -> list[str]:
    # A group header over several columns ("ระดับน้ำ (ม.)" over level, warning, critical) names
    # none of them alone, so the parent by itself only counts where the child cell is empty.
    if parent and child and parent != child:
        return [child, f"{parent} {child}", f"{child} {parent}"]
    return [child or parent] if child or parent else []


def _match_row(
    texts: list[list[str]], dataset: Dataset, *, fuzzy: bool = True
) -> tuple[dict[int, tuple[float, tuple[str, ...]]], list[str]]:
    """Best (score, columns) for each file column, trying each way the header rows combine."""
    width = len(texts[-1])
    results: dict[int, tuple[float, tuple[str, ...]]] = {}
    written: list[str] = []
    for j in range(width):
        parent = texts[0][j] if len(texts) == 2 else ""
        child = texts[-1][j]
        written.append(" / ".join(t for t in (parent, child) if t) if parent != child else child)
        best: tuple[float, tuple[str, ...]] = (0.0, ())
        for candidate in _candidates(parent, child):
            score = match_header(candidate, dataset, fuzzy=fuzzy)
            if score[0] > best[0]:
                best = score
        results[j] = best
    return results, written


def _assemble(
    sheet: str, index: int, rows: int, written: list[str], scores: dict[int, tuple[float, tuple[str, ...]]]
) -> HeaderMatch:
    match = HeaderMatch(sheet=sheet, header_row=index, header_rows=rows, headers=written)
    claims: dict[str, list[tuple[float, int]]] = {}
    for j, (score, keys) in scores.items():
        if not written[j]:
            continue
        if not keys:
            match.unknown.append(j)
        elif len(keys) > 1:
            match.ambiguous.append((j, keys))
        else:
            claims.setdefault(keys[0], []).append((score, j))
    for key, claimants in claims.items():
        claimants.sort(key=lambda c: -c[0])
        exact = [j for s, j in claimants if s >= 1.0]
        if len(exact) > 1:
            match.duplicates[key] = exact
        else:
            match.mapping[key] = claimants[0][1]
            match.unknown.extend(j for _, j in claimants[1:])
    return match


def find_header(
    sheet_name: str, rows: list[list[object]], merged: tuple[tuple[int, int, int, int], ...], dataset: Dataset
) -> HeaderMatch | None:
    """The most convincing header row (one or two rows) in the first rows of a sheet."""
    width = max((len(r) for r in rows[:HEADER_SCAN_ROWS]), default=0)
    filled = [_filled(row, merged, i, width) for i, row in enumerate(rows[:HEADER_SCAN_ROWS])]
    # Fuzzy matching is costly: try it only on rows next to one with an exact header match.
    exact_rows = {
        i
        for i, texts in enumerate(filled)
        if any(_match_row([texts], dataset, fuzzy=False)[0][j][1] for j in range(width))
    }
    near = {j for i in exact_rows for j in (i - 1, i, i + 1)} or set(range(min(len(filled), 10)))
    best: HeaderMatch | None = None
    for index, current in enumerate(filled):
        if index not in near:
            continue
        previous = filled[index - 1] if index else None
        layouts = [[current]] + ([[previous, current]] if previous is not None and any(previous) else [])
        for texts in layouts:
            scores, written = _match_row(texts, dataset)
            candidate = _assemble(sheet_name, index, len(texts), written, scores)
            if candidate.mapping and (best is None or candidate.rank(dataset) > best.rank(dataset)):
                best = candidate
    return best
