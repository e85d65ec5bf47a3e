"""The lifecycle's own tables, beside the versioned complaints dataset (internal: never public).

- complaint_tickets: one row per ticket the lifecycle knows (its stage, exact location, due time);
- complaint_events: the timeline, one row per change (filed, assigned, stage, note, photo, ...);
- complaint_photos: photos from citizens and of the fix, as bytes;
- complaint_contacts: who hears about a ticket (channel + address such as a LINE user id) and the
  hashed keys that let a citizen act on it;
- complaint_notices: the outbox of messages to citizens, delivered by their channel;
- complaint_submissions: one row per filing key, so the same confirmation never makes two tickets;
- complaint_counters: the last ticket number handed out per prefix and fiscal year.
"""

from __future__ import annotations

import sqlalchemy as sa

from data_sources.db import metadata

TICKET_ID = sa.String(40)

complaint_tickets = sa.Table(
    "complaint_tickets",
    metadata,
    sa.Column("ticket_id", TICKET_ID, primary_key=True),
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("channel", sa.String(40), nullable=True),
    sa.Column("latitude", sa.Double, nullable=True),  # exact, as the citizen gave it: internal
    sa.Column("longitude", sa.Double, nullable=True),
    sa.Column("fingerprint", sa.String(64), nullable=True),
    sa.Column("due_at", sa.DateTime, nullable=True),
    sa.Column("resolved_at", sa.DateTime, nullable=True),
    sa.Column("rated", sa.Boolean, nullable=False, default=False),
    sa.Column("reopened", sa.Integer, nullable=False, default=0),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Index("ix_complaint_tickets_fingerprint", "fingerprint", "created_at"),
)

complaint_events = sa.Table(
    "complaint_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", TICKET_ID, nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # filed assigned stage note photo info rating reopened joined
    sa.Column("actor", sa.String(120), nullable=True),  # a staff username, or "citizen:<channel>"
    sa.Column("stage_from", sa.String(20), nullable=True),
    sa.Column("stage_to", sa.String(20), nullable=True),
    sa.Column("division", sa.String(40), nullable=True),
    sa.Column("text", sa.Text, nullable=True),
    sa.Column("public", sa.Boolean, nullable=False, default=False),  # shown on the public status page
    sa.Column("photo_id", sa.Integer, nullable=True),
    sa.Column("version", sa.Integer, nullable=True),  # the complaints dataset version it made, if any
    sa.Index("ix_complaint_events_ticket", "ticket_id", "id"),
)

complaint_photos = sa.Table(
    "complaint_photos",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", TICKET_ID, nullable=True),  # NULL while staged: sent in a chat, not yet filed
    sa.Column("kind", sa.String(20), nullable=False),  # citizen | fix
    sa.Column("mime", sa.String(40), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("added_at", sa.DateTime, nullable=False),
    sa.Column("added_by", sa.String(120), nullable=True),
    sa.Index("ix_complaint_photos_ticket", "ticket_id"),
)

complaint_contacts = sa.Table(
    "complaint_contacts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", TICKET_ID, nullable=False),
    sa.Column("channel", sa.String(40), nullable=False),
    sa.Column("address", sa.String(200), nullable=True),  # e.g. a LINE user id: personal
    sa.Column("key_hash", sa.String(64), nullable=True),  # sha256 of the citizen's access key
    sa.Column("role", sa.String(20), nullable=False),  # filer | joined
    sa.Column("added_at", sa.DateTime, nullable=False),
    sa.Index("ix_complaint_contacts_ticket", "ticket_id"),
    sa.Index("ix_complaint_contacts_address", "channel", "address"),
)

complaint_notices = sa.Table(
    "complaint_notices",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", TICKET_ID, nullable=False),
    sa.Column("event_id", sa.Integer, nullable=True),
    sa.Column("channel", sa.String(40), nullable=False),
    sa.Column("recipient", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # stage | note | reopened
    sa.Column("stage", sa.String(20), nullable=True),
    sa.Column("ask_rating", sa.Boolean, nullable=False, default=False),
    sa.Column("message_th", sa.Text, nullable=False),
    sa.Column("message_en", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("delivered_at", sa.DateTime, nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Index("ix_complaint_notices_pending", "delivered_at", "channel", "id"),
)

complaint_submissions = sa.Table(
    "complaint_submissions",
    metadata,
    sa.Column("submission_key", sa.String(80), primary_key=True),
    sa.Column("ticket_id", TICKET_ID, nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
)

complaint_counters = sa.Table(
    "complaint_counters",
    metadata,
    sa.Column("prefix", sa.String(20), primary_key=True),  # e.g. "CB69-"
    sa.Column("last_number", sa.Integer, nullable=False),
)
