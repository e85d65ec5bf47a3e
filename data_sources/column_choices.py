"""Columns chosen by people rather than by the matcher: by hand (the upload page's answers, the
CLI's `--map "HEADER=column"`) or from memory (what the division chose before, `header_memory`).

Applied to a `HeaderMatch` in that order, memory first and hand last; each chosen column is noted
in the report (`stats["mapped_by"]`: "memory" or "hand"), so the upload history shows it. A file
column staff say is not part of the dataset is chosen as `ignore_key(index)`: it is left out, and
that too is remembered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from data_sources.headers import HeaderMatch, normalise_header
from data_sources.report import ValidationReport, make_issue
from data_sources.schema import Dataset

IGNORE = "_ignore:"  # the prefix of a choice that leaves a file column out


def ignore_key(index: int) -> str:
    """The choice "file column `index` is not part of this dataset", as a mapping key.

    >>> ignore_key(3), ignored_index("_ignore:3"), ignored_index("tons_collected")
    ('_ignore:3', 3, None)
    """
    return f"{IGNORE}{index}"


def ignored_index(key: str) -> int | None:
    return int(key.removeprefix(IGNORE)) if key.startswith(IGNORE) else None


@dataclass(frozen=True)
class Remembered:
    """A mapping a division confirmed once, for files with exactly these headers."""

    id: int
    dataset: str
    division: str
    signature: str
    headers: tuple[str, ...]  # the file's headers as written, in file order
    mapping: dict[str, str]  # dataset column key -> header as written
    confirmed_by: str | None
    confirmed_at: datetime

    def indexes(self, headers: list[str]) -> dict[str, int] | None:
        """The mapping as file column indexes for a file with `headers`, or None if they differ."""
        if signature(headers) != self.signature:
            return None
        return {key: headers.index(header) for key, header in self.mapping.items() if header in headers}


def signature(headers: list[str] | tuple[str, ...]) -> str:
    """The same headers, however spaced or cased, give the same signature.

    >>> signature(["วันที่", "ขยะ (ตัน)"]) == signature([" วันที่ ", "ขยะ(ตัน)"])
    True
    """
    text = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def apply_mapping(match: HeaderMatch, choices: dict[str, int]) -> None:
    """Set dataset columns to chosen file columns (what else claimed them lets go); leave out the ignored."""
    mapping = {k: v for k, v in choices.items() if ignored_index(k) is None}
    left_out = {v for k, v in choices.items() if ignored_index(k) is not None} - set(mapping.values())
    match.ambiguous = [(j, keys) for j, keys in match.ambiguous if j not in left_out]
    match.mapping = {k: v for k, v in match.mapping.items() if v not in left_out}
    match.unknown = sorted(set(match.unknown) | left_out)
    chosen = set(mapping.values())
    match.mapping = {k: v for k, v in match.mapping.items() if v not in chosen and k not in mapping}
    match.mapping.update(mapping)
    match.ambiguous = [(j, keys) for j, keys in match.ambiguous if j not in chosen]
    match.duplicates = {k: v for k, v in match.duplicates.items() if k not in mapping}
    match.unknown = [j for j in match.unknown if j not in chosen]
    for key in mapping:
        match.confidence[key] = 1.0


def column_key(name: str, declared: Dataset) -> str | None:
    """A dataset column named by its key, Thai or English label (any spacing or case)."""
    wanted = normalise_header(name)
    for column in declared.columns:
        if wanted in {normalise_header(n) for n in (column.key, column.label_th, column.label_en)}:
            return column.key
    return None


def resolve_named(
    named: dict[str, str], match: HeaderMatch, declared: Dataset, report: ValidationReport
) -> dict[str, int]:
    """`--map` pairs (header as written -> column name) as column key -> file column index.

    A header not in the file or a column not in the dataset is an error naming both.
    """
    positions = {normalise_header(h): j for j, h in enumerate(match.headers) if h}
    resolved: dict[str, int] = {}
    for header, name in named.items():
        key, index = column_key(name, declared), positions.get(normalise_header(header))
        if key is None or index is None:
            report.add(make_issue("map-not-found", value=f"{header}={name}", header=header, field=name))
        else:
            resolved[key] = index
    return resolved


def choose(
    match: HeaderMatch,
    declared: Dataset,
    report: ValidationReport,
    *,
    mapping: dict[str, int] | None = None,
    named: dict[str, str] | None = None,
    remembered: tuple[Remembered, ...] = (),
) -> None:
    """Apply what the division remembered for these headers, then the hand choices; note each."""
    mapped_by: dict[str, str] = {}
    for entry in remembered:
        found = entry.indexes(match.headers) if entry.dataset == declared.key else None
        if found:
            apply_mapping(match, found)
            mapped_by.update(dict.fromkeys(found, "memory"))
            break
    hand = {**(mapping or {}), **(resolve_named(named, match, declared, report) if named else {})}
    if hand:
        apply_mapping(match, hand)
        mapped_by.update(dict.fromkeys(hand, "hand"))
    if mapped_by:
        report.stats["mapped_by"] = mapped_by
