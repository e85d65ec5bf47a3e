"""The complaint lifecycle's rules: stages, the moves between them, routing and service levels.

A ticket moves new → assigned → in_progress → resolved → closed (or cancelled from any open
stage); a citizen may reopen a resolved ticket within REOPEN_DAYS, which sends it back to its
division. The complaints dataset keeps the four statuses its KPIs and uploads know; each stage
maps onto one of them (`STAGE_STATUS`), so every lifecycle change is also a version of the dataset.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

Stage = Literal["new", "assigned", "in_progress", "resolved", "closed", "cancelled"]
STAGES: tuple[Stage, ...] = ("new", "assigned", "in_progress", "resolved", "closed", "cancelled")
OPEN_STAGES: tuple[Stage, ...] = ("new", "assigned", "in_progress")
DONE_STAGES: tuple[Stage, ...] = ("resolved", "closed")

# The dataset's closed list of statuses (adapters/complaints.py STATUSES); "assigned" is among
# the words that list reads as in_progress, so an upload and the lifecycle agree.
STAGE_STATUS: dict[Stage, str] = {
    "new": "received", "assigned": "in_progress", "in_progress": "in_progress",
    "resolved": "resolved", "closed": "resolved", "cancelled": "cancelled",
}  # fmt: skip

# Which stage staff may move a ticket to from each stage.
MOVES: dict[Stage, tuple[Stage, ...]] = {
    "new": ("assigned", "in_progress", "resolved", "cancelled"),
    "assigned": ("in_progress", "resolved", "cancelled"),
    "in_progress": ("resolved", "cancelled"),
    "resolved": ("closed", "in_progress"),
    "closed": (),
    "cancelled": (),
}

REOPEN_DAYS = 14  # a citizen may reopen a resolved ticket this long after it was resolved
RATING_SCALE = (1, 2, 3, 4, 5)

# Who fixes what: the division a new ticket of each category goes to (adapters/common.py DIVISIONS).
ROUTES: dict[str, str] = {
    "road": "engineering", "drainage": "engineering", "streetlight": "engineering",
    "water_supply": "engineering", "trees": "engineering",
    "waste": "health", "noise": "health", "animals": "health", "public_health": "health", "market": "health",
    "traffic": "clerk", "other": "clerk",
}  # fmt: skip
DEFAULT_DIVISION = "clerk"  # the service centre sorts what no rule routes

# The service level promised to citizens: days from receipt to a fix, by category.
SERVICE_DAYS: dict[str, int] = {
    "road": 7, "drainage": 3, "streetlight": 5, "water_supply": 2, "trees": 5, "waste": 2, "noise": 5,
    "animals": 7, "public_health": 3, "market": 7, "traffic": 3, "other": 7,
}  # fmt: skip
DEFAULT_SERVICE_DAYS = 7


def division_for(category: str) -> str:
    """The division that handles a category.

    >>> division_for("road"), division_for("waste"), division_for("something new")
    ('engineering', 'health', 'clerk')
    """
    return ROUTES.get(category, DEFAULT_DIVISION)


def due_at(category: str, received_at: datetime) -> datetime:
    """When a ticket of `category` received at `received_at` should be fixed."""
    return received_at + timedelta(days=SERVICE_DAYS.get(category, DEFAULT_SERVICE_DAYS))


def may_move(current: Stage, target: Stage) -> bool:
    """True when staff may move a ticket from `current` to `target`.

    >>> may_move("new", "in_progress"), may_move("closed", "in_progress")
    (True, False)
    """
    return target in MOVES.get(current, ())


def stage_of_status(status: str | None, division: str | None) -> Stage:
    """The stage a dataset row stands for when no lifecycle record says more (e.g. an uploaded ticket)."""
    if status == "resolved":
        return "resolved"
    if status == "cancelled":
        return "cancelled"
    if status == "in_progress":
        return "in_progress"
    return "new"


def effective_stage(recorded: Stage | None, status: str | None, division: str | None) -> Stage:
    """The stage to show: the lifecycle's own record while it agrees with the dataset's status,
    else what the status says (a division may re-upload its sheet with a newer status).

    >>> effective_stage("closed", "resolved", None), effective_stage("assigned", "resolved", None)
    ('closed', 'resolved')
    """
    if recorded is not None and STAGE_STATUS.get(recorded) == status:
        return recorded
    return stage_of_status(status, division)


def may_reopen(stage: Stage, resolved_at: datetime | None, now: datetime) -> bool:
    """A citizen may reopen a resolved (or closed) ticket within REOPEN_DAYS of its resolution."""
    if stage not in DONE_STAGES or resolved_at is None:
        return False
    return now - resolved_at <= timedelta(days=REOPEN_DAYS)
