"""Finding the header row in a sheet and matching its headers to a dataset's columns.

Staff put a title block above the table, split headers over two rows with merged cells, write
units in brackets and say the same thing in other words. Each header scores each dataset column:
1.0 where it is one of the column's names (labels, synonyms, key) after normalisation, otherwise
by meaning (`header_words`: Thai word segmentation and shared synonyms) or by spelling (difflib).
All headers are then assigned at once (`assignment`); a header not clearly one column is asked.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache

from data_sources.assignment import best_assignment
from data_sources.header_words import closeness, meaning_words
from data_sources.schema import Dataset

HEADER_SCAN_ROWS = 30
_per_thread = threading.local()
FUZZY_THRESHOLD = 0.86
SURE = 0.8  # a header scoring this much (and clearly more than for any other free column) is mapped
CANDIDATE = 0.45  # below this a header is not worth asking about
NEAR = 0.3  # a header this close to a missing column is named in the rejection
MARGIN = 0.03  # scores closer than this to the chosen one make a header ambiguous
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


@cache
def _column_words(dataset: Dataset) -> dict[str, tuple[tuple[str, ...], ...]]:
    return {c.key: tuple(dict.fromkeys(w for h in c.headers if (w := meaning_words(h)))) for c in dataset.columns}


def match_header(text: object, dataset: Dataset, *, fuzzy: bool = True) -> tuple[float, tuple[str, ...]]:
    """The best score for `text` and the dataset columns that reach it (several = ambiguous)."""
    scores = column_scores(text, dataset, fuzzy=fuzzy)
    best = max(scores.values(), default=0.0)
    return (best, tuple(k for k, s in scores.items() if s >= best - 1e-9)) if best else (0.0, ())


def column_scores(text: object, dataset: Dataset, *, fuzzy: bool = True, meaning: bool = True) -> dict[str, float]:
    """Each dataset column `text` may name, with how surely: 1.0 is one of its names as written.

    Without `fuzzy` only those exact names count; otherwise also near spellings (difflib) and,
    with `meaning`, the same meaning in other words (`header_words.closeness`), from `CANDIDATE` up.
    """
    if not isinstance(text, str) or not text.strip():
        return {}
    fuzzy = fuzzy and len(text) <= 80
    return _match_text(text, dataset, fuzzy, meaning and fuzzy)


@lru_cache(maxsize=20_000)
def _match_text(text: str, dataset: Dataset, fuzzy: bool, meaning: bool) -> dict[str, float]:
    forms = header_forms(text)
    if not forms:
        return {}
    exact = {key: 1.0 for key, known in _column_forms(dataset).items() if known.intersection(forms)}
    if exact or not fuzzy:
        return exact
    words = meaning_words(text) if meaning else ()
    scores: dict[str, float] = {}
    for key, known in _column_forms(dataset).items():
        spelled = max((_similarity(f, k) for f in forms for k in known if _similar_lengths(f, k)), default=0.0)
        meant = max((closeness(words, w) for w in _column_words(dataset)[key]), default=0.0) if words else 0.0
        score = max(spelled if spelled >= FUZZY_THRESHOLD else 0.0, meant)
        if score >= CANDIDATE:
            scores[key] = round(score, 4)
    return scores


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
    confidence: dict[str, float] = field(default_factory=dict)  # dataset column key -> score of its header
    scores: dict[int, dict[str, float]] = field(default_factory=dict)  # file column -> columns it may name

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
    texts: list[list[str]], dataset: Dataset, *, fuzzy: bool = True, meaning: bool = True
) -> tuple[dict[int, dict[str, float]], list[str]]:
    """Each file column's scores per dataset column, the best over the ways the header rows combine."""
    width = len(texts[-1])
    results: dict[int, dict[str, float]] = {}
    written: list[str] = []
    for j in range(width):
        parent = texts[0][j] if len(texts) == 2 else ""
        child = texts[-1][j]
        written.append(" / ".join(t for t in (parent, child) if t) if parent != child else child)
        best: dict[str, float] = {}
        for candidate in _candidates(parent, child):
            # By meaning only a cell as written: a known parent word before any child text (a data
            # row read as a second header row: "ชุมชน เมืองทอง") would otherwise name the parent's column.
            alone = meaning and candidate in (parent, child)
            for key, score in column_scores(candidate, dataset, fuzzy=fuzzy, meaning=alone).items():
                best[key] = max(score, best.get(key, 0.0))
        results[j] = best
    return results, written


def _assemble(
    sheet: str, index: int, rows: int, written: list[str], scores: dict[int, dict[str, float]]
) -> HeaderMatch:
    """The mapping of one header row: all columns assigned at once (`assignment.best_assignment`).

    Two headers that are both exactly a column's name are duplicates (staff choose). A header is
    mapped when its score reaches `SURE` and no free column scores about as well for it; a lower
    score, or a close free rival, makes it a question (`ambiguous`).
    """
    match = HeaderMatch(sheet=sheet, header_row=index, header_rows=rows, headers=written)
    present = {j: s for j, s in scores.items() if written[j]}
    match.scores = {j: s for j, s in present.items() if s}
    exact: dict[str, list[int]] = {}
    for j, found in present.items():
        for key, score in found.items():
            if score >= 1.0:
                exact.setdefault(key, []).append(j)
    match.duplicates = {key: js for key, js in exact.items() if len(js) > 1}
    taken = {j for js in match.duplicates.values() for j in js}
    open_scores = {
        j: {k: s for k, s in found.items() if k not in match.duplicates}
        for j, found in present.items()
        if j not in taken
    }
    chosen = best_assignment(open_scores)
    assigned = set(chosen.values())
    for j in present:
        if j in taken:
            continue
        key = chosen.get(j)
        if key is None:
            match.unknown.append(j)
            continue
        score = open_scores[j][key]
        rivals = sorted(
            (k for k, s in open_scores[j].items() if k != key and k not in assigned and s > score - MARGIN),
            key=lambda k: -open_scores[j][k],
        )
        if score >= SURE and not rivals:
            match.mapping[key] = j
            match.confidence[key] = score
        else:
            match.ambiguous.append((j, (key, *rivals)))
    return match


def closest_headers(key: str, match: HeaderMatch, dataset: Dataset, *, most: int = 2) -> list[int]:
    """The file columns whose headers come nearest to naming `key`, not mapped elsewhere, best first."""
    mapped = set(match.mapping.values())
    known_forms, known_words = _column_forms(dataset)[key], _column_words(dataset)[key]
    near: list[tuple[float, int]] = []
    for j, header in enumerate(match.headers):
        if j in mapped or not header.strip():
            continue
        forms, words = header_forms(header), meaning_words(header)
        spelled = max((SequenceMatcher(None, f, k).ratio() for f in forms for k in known_forms), default=0.0)
        meant = max((closeness(words, w) for w in known_words), default=0.0)
        score = max(spelled, meant, match.scores.get(j, {}).get(key, 0.0))
        if score >= NEAR:
            near.append((score, j))
    return [j for _, j in sorted(near, key=lambda n: (-n[0], n[1]))[:most]]


def _rank_ceiling(texts: list[list[str]], index: int, dataset: Dataset) -> tuple[int, int, int, int]:
    """The highest `HeaderMatch.rank` a header read from `texts` (ending at row `index`) could reach:
    one dataset column per filled file column at most, every required one among them.

    A data row under a clean header (one cell that happens to be a column's name, e.g. the
    channel โทรศัพท์) cannot beat that header, so its costly fuzzy matching is skipped.
    """
    filled = sum(1 for cells in zip(*texts, strict=True) if any(cells))
    required = sum(1 for column in dataset.columns if column.required)
    mapped = min(filled, len(dataset.columns))
    return (min(required, mapped), mapped, -len(texts), -index)


def find_header(
    sheet_name: str, rows: list[list[object]], merged: tuple[tuple[int, int, int, int], ...], dataset: Dataset
) -> HeaderMatch | None:
    """The most convincing header row (one or two rows) in the first rows of a sheet."""
    width = max((len(r) for r in rows[:HEADER_SCAN_ROWS]), default=0)
    filled = [_filled(row, merged, i, width) for i, row in enumerate(rows[:HEADER_SCAN_ROWS])]
    # Fuzzy matching is costly: try it only on rows next to one with an exact header match.
    exact_rows = {i for i, texts in enumerate(filled) if any(_match_row([texts], dataset, fuzzy=False)[0].values())}
    near = {j for i in exact_rows for j in (i - 1, i, i + 1)} or set(range(min(len(filled), 10)))
    # By meaning only rows with an exact header (or, with none, the first rows): segmenting the
    # data row under a clean header would cost a one-row file its whole Thai dictionary set-up.
    meant = exact_rows or near
    best: HeaderMatch | None = None
    for index, current in enumerate(filled):
        if index not in near:
            continue
        previous = filled[index - 1] if index else None
        layouts = [[current]] + ([[previous, current]] if previous is not None and any(previous) else [])
        for texts in layouts:
            if best is not None and _rank_ceiling(texts, index, dataset) <= best.rank(dataset):
                continue  # no reading of these rows could rank above the header already found
            scores, written = _match_row(texts, dataset, meaning=index in meant)
            candidate = _assemble(sheet_name, index, len(texts), written, scores)
            if candidate.mapping and (best is None or candidate.rank(dataset) > best.rank(dataset)):
                best = candidate
    return best
