"""Conversation state and webhook deliveries, kept in the database rather than in one process.

A LINE user's conversation (a complaint half filed, the menu just shown) must survive a restart
and reach whichever process receives the next message, so it lives in `chat_conversations`.
A webhook event LINE sends again (`deliveryContext.isRedelivery`, same `webhookEventId`) is
claimed once: the primary key decides, so two processes cannot both answer it.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from chatbot.engine import city_now
from data_sources.db import chat_conversations, line_deliveries, write_transaction


def conversation_key(channel: str, user_id: str) -> str:
    return f"{channel}:{user_id}"


def load_state(engine: sa.Engine, conversation: str) -> dict[str, Any]:
    """The stored state of `conversation` ({} when it has none)."""
    with engine.connect() as connection:
        stored = connection.scalar(
            sa.select(chat_conversations.c.state).where(chat_conversations.c.conversation == conversation)
        )
    return json.loads(stored) if stored else {}


def save_state(engine: sa.Engine, conversation: str, state: dict[str, Any]) -> None:
    """Replace the stored state of `conversation` (an empty state is kept as NULL)."""
    document = json.dumps(state, ensure_ascii=False) if state else None
    with write_transaction(engine) as connection:
        updated = connection.execute(
            chat_conversations.update()
            .where(chat_conversations.c.conversation == conversation)
            .values(state=document, updated_at=city_now())
        )
        if updated.rowcount == 0:
            connection.execute(
                chat_conversations.insert().values(conversation=conversation, state=document, updated_at=city_now())
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
