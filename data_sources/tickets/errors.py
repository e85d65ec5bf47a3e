"""What the complaint lifecycle refuses, with messages for citizens and staff (Thai and English)."""

from __future__ import annotations

from data_sources.errors import DataSourceError


class TicketError(DataSourceError):
    code = "ticket-error"


class TicketNotFound(TicketError):
    code = "ticket-not-found"


class MoveRefused(TicketError):
    """A stage change the lifecycle does not allow (e.g. a closed ticket back to work)."""

    code = "move-refused"


class NotAllowed(TicketError):
    """A citizen action without the ticket's key or the filer's contact."""

    code = "not-allowed"


class RatingRefused(TicketError):
    code = "rating-refused"


class ReopenRefused(TicketError):
    code = "reopen-refused"


class PhotoRefused(TicketError):
    code = "photo-refused"


class FilingRefused(TicketError):
    """A new complaint missing what a ticket needs (category, description)."""

    code = "filing-refused"
