"""Conversation state and webhook deliveries, kept in the database rather than in one process.

A LINE user's conversation (a complaint half filed, the menu just shown) must survive a restart
and reach whichever process receives the next message, so it lives in `chat_conversations`.
A webhook event LINE sends again (`deliveryContext.isRedelivery`, same `webhookEventId`) is
claimed once: the primary key decides, so two processes cannot both answer it. A conversation left for a day starts afresh, and what
it held is cleared: a half-filed complaint keeps the citizen's name and phone no longer than that.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from data_sources.city_time import now as city_now
from data_sources.db import chat_conversations, line_deliveries, write_transaction

STATE_KEPT = timedelta(days=1)  # a conversation idle longer starts afresh


def conversation_key(channel: str, user_id: str) -> str:
    return f"{channel}:{user_id}"


def load_state(engine: sa.Engine, conversation: str, *, now: datetime | None = None) -> dict[str, Any]:
    """The stored state of `conversation`; {} when it has none or it was left for over a day."""
    with engine.connect() as connection:
        stored = connection.execute(
            sa.select(chat_conversations.c.state, chat_conversations.c.updated_at).where(
                chat_conversations.c.conversation == conversation
            )
        ).first()
    if stored is None or not stored.state or stored.updated_at < (now or city_now()) - STATE_KEPT:
        return {}
    return json.loads(stored.state)


def conversation_lang(engine: sa.Engine, conversation: str) -> str:
    """The language the citizen last wrote in ("th" when unknown), however long ago: a notice
    about their complaint may come weeks after the conversation."""
    with engine.connect() as connection:
        stored = connection.scalar(
            sa.select(chat_conversations.c.lang).where(chat_conversations.c.conversation == conversation)
        )
    return stored or "th"


def save_state(engine: sa.Engine, conversation: str, state: dict[str, Any]) -> None:
    """Replace the stored state of `conversation` (an empty state is kept as NULL)."""
    document = json.dumps(state, ensure_ascii=False) if state else None
    lang = str(state.get("lang") or "th")[:2]
    now = city_now()
    with write_transaction(engine) as connection:
        # A filing left half-way holds what the citizen typed (a name, a phone): forget it after a day.
        connection.execute(
            chat_conversations.update()
            .where(chat_conversations.c.updated_at < now - STATE_KEPT, chat_conversations.c.state.is_not(None))
            .values(state=None)
        )
        updated = connection.execute(
            chat_conversations.update()
            .where(chat_conversations.c.conversation == conversation)
            .values(state=document, lang=lang, updated_at=now)
        )
        if updated.rowcount == 0:
            connection.execute(
                chat_conversations.insert().values(conversation=conversation, state=document, lang=lang, updated_at=now)
            )


def claim_delivery(engine: sa.Engine, webhook_event_id: str) -> bool:
    """True the first time `webhook_event_id` is seen; False for a redelivery already handled."""
    try:
        with write_transaction(engine) as connection:
            connection.execute(
                line_deliveries.insert().values(webhook_event_id=webhook_event_id, received_at=city_now())
            )
    except IntegrityError:
        return False
    return True
