"""The complaint lifecycle: one plain-Python API for every channel (web chat, LINE, Open311, staff).

Filing (data_sources/tickets/filing.py)::

    from data_sources import tickets

    filed = tickets.file_complaint(engine, tickets.NewComplaint(
        category="road", description="หลุมลึกหน้าร้านขายยา", community="เมืองทอง",
        place="ถนนสิโรรส", channel="line",            # the dataset's channel: chatbot, line, web, open311...
        contact_address="U4af4980629...",            # where notices go on that channel (internal)
        contact_name=None, contact_phone=None,        # personal columns of the dataset (internal)
        latitude=6.5536, longitude=101.2979,          # exact point kept internal; public columns get ~100 m
        photos=(jpeg_bytes,),                         # checked by signature, 8 MB max, staff-only
        photo_ids=(staged_id,),                       # or photos kept earlier: tickets.stage_photo(engine, bytes)
        submission_key="line:<webhookEventId>",      # the same key twice files once
    ))
    filed.ticket_id, filed.created, filed.access_key, filed.division, filed.due_at, filed.version

Every filing succeeds under concurrency (writers queue on the complaints dataset's lock); the same
submission key, or the same category + community + words while the first is still open (48 h),
returns the first ticket with `created=False`. `access_key` (shown to the citizen once, stored
hashed) lets them act on the ticket from the web; on LINE their user id does.

Likely duplicates before filing, and joining one instead::

    tickets.similar_open(engine, "road", community="เมืองทอง", latitude=..., longitude=...)
    tickets.join_complaint(engine, "CB69-00012", channel="line", contact_address="U...", text="...")

Staff (each call one timeline entry; a change to the ticket's row is one new version of the
complaints dataset, audited under `actor`)::

    tickets.assign(engine, ticket_id, "engineering", actor="somchai", note="internal")
    tickets.move(engine, ticket_id, "in_progress" | "resolved" | "closed" | "cancelled", actor=...,
                 note="internal", public_note="for the citizen", photo=fix_jpeg)
    tickets.add_note(engine, ticket_id, "text", actor=..., public=False)
    tickets.attach_photo(engine, ticket_id, jpeg, actor=...)
    tickets.inbox(engine, division="engineering", stages=("new", "assigned", "in_progress"))
    tickets.staff_view(engine, ticket_id)          # with personal data: staff pages only

Citizens (allowed with the access key, or as a recorded contact of that channel)::

    who = tickets.Citizen(key=filed.access_key)    # or tickets.Citizen(channel="line", address="U...")
    tickets.add_information(engine, ticket_id, who, text="...", photo=jpeg)
    tickets.rate(engine, ticket_id, who, 5)        # 1-5, once resolved, once per resolution
    tickets.reopen(engine, ticket_id, who, "still broken")   # within rules.REOPEN_DAYS of resolution
    tickets.public_view(engine, ticket_id)         # no personal data: the public status page

Outbox (status changes and staff notes for the citizen, per contact with a channel address)::

    for notice in tickets.pending_notices(engine, channel="line"):
        push(notice.recipient, notice.message("th"), ask_rating=notice.ask_rating)
        tickets.notice_delivered(engine, notice.id)      # or tickets.notice_failed(engine, notice.id, "HTTP 500")

Stages: new → assigned → in_progress → resolved → closed, or cancelled (rules.py). Each maps to
one of the dataset's four statuses, so KPIs, uploads and the lifecycle agree; if a division
re-uploads a sheet with a newer status, the dataset wins. Times are city time (Asia/Bangkok).
Errors are `TicketError` subclasses with Thai and English messages (errors.py).
"""

from __future__ import annotations

from data_sources.tickets.duplicates import Similar, similar_open
from data_sources.tickets.errors import (
    FilingRefused,
    MoveRefused,
    NotAllowed,
    PhotoRefused,
    RatingRefused,
    ReopenRefused,
    TicketError,
    TicketNotFound,
)
from data_sources.tickets.filing import Filed, NewComplaint, file_complaint, join_complaint, stage_photo
from data_sources.tickets.handling import (
    Change,
    Citizen,
    add_information,
    add_note,
    assign,
    attach_photo,
    move,
    rate,
    reopen,
)
from data_sources.tickets.notices import Notice
from data_sources.tickets.notices import delivered as notice_delivered
from data_sources.tickets.notices import failed as notice_failed
from data_sources.tickets.notices import pending as pending_notices
from data_sources.tickets.rules import OPEN_STAGES, STAGES, Stage
from data_sources.tickets.views import Entry, TicketView, inbox, may_act, photo, public_view, staff_view

__all__ = [
    "OPEN_STAGES", "STAGES", "Change", "Citizen", "Entry", "Filed", "FilingRefused", "MoveRefused", "NewComplaint",
    "NotAllowed", "Notice", "PhotoRefused", "RatingRefused", "ReopenRefused", "Similar", "Stage", "TicketError",
    "TicketNotFound", "TicketView", "add_information", "add_note", "assign", "attach_photo", "file_complaint", "inbox",
    "join_complaint", "may_act", "move", "notice_delivered", "notice_failed", "pending_notices", "photo",
    "public_view", "rate", "reopen", "similar_open", "staff_view", "stage_photo",
]  # fmt: skip
