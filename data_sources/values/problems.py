"""What can be wrong with one cell, as data the validation layer turns into issues."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class CellProblem:
    """One problem with one cell of a column.

    `code` names a template in assets/i18n/issues.json; `slots` fill that template's extra
    placeholders (minimum, maximum, earliest, latest, limit, choices, ...), all as text.
    """

    index: int | None  # position in the input sequence (0-based), None for the whole column
    code: str
    severity: Severity
    value: str  # the raw cell as text
    slots: dict[str, str] = field(default_factory=dict)


class UnreadableCell(ValueError):
    """Raised by the single-cell parsers: the cell holds something, but not a valid value.

    `parse_column` catches it and records a `CellProblem` with the same code and slots. A
    warning (severity "warning") may carry in `kept` the value to keep despite it.
    """

    def __init__(self, code: str, severity: Severity = "error", *, kept: object = None, **slots: str) -> None:
        super().__init__(code)
        self.code = code
        self.severity: Severity = severity
        self.kept = kept
        self.slots = slots
