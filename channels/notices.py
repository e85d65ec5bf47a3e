"""The lifecycle's notices pushed to citizens who filed on LINE, with the rating asked once resolved.

The complaint lifecycle (data_sources.tickets) queues a notice per contact for each stage change
or note meant for the citizen; this worker pushes the LINE ones in the citizen's language and
marks each delivered (or failed, to try again). The push carries X-Line-Retry-Key named after the
notice, so when two server processes take the same notice LINE delivers it once and answers the
second with 409, which counts as delivered.
"""

from __future__ import annotations

import logging
import threading

import sqlalchemy as sa

from channels import line_messages
from channels.conversations import conversation_key, conversation_lang
from channels.line_api import LineApi
from data_sources import tickets

log = logging.getLogger(__name__)
CHANNEL = "line"


def notice_messages(notice: tickets.Notice, lang: str) -> list:
    """The push for one notice; a resolved ticket's asks for a 1-5 rating with quick replies."""
    items = line_messages.rating_items(notice.ticket_id, lang) if notice.ask_rating else ()
    return [line_messages.text_message(notice.message(lang), items)]


def retry_key(notice: tickets.Notice) -> str:
    """What names one notice to LINE: the same for every process that sends it, different for
    every other notice (ids restart in another database, so the recipient is part of it)."""
    return f"notice:{notice.recipient}:{notice.ticket_id}:{notice.id}"


def deliver_status_changes(engine: sa.Engine, api: LineApi) -> int:
    """Push every pending LINE notice; returns how many were delivered."""
    sent = 0
    for notice in tickets.pending_notices(engine, channel=CHANNEL):
        lang = conversation_lang(engine, conversation_key(CHANNEL, notice.recipient))
        if api.push(notice.recipient, notice_messages(notice, lang), retry_key=retry_key(notice)):
            tickets.notice_delivered(engine, notice.id)
            sent += 1
        else:
            tickets.notice_failed(engine, notice.id, "LINE push failed")
    if sent:
        log.info("LINE notices sent: %d", sent)
    return sent


def run_notifier(engine: sa.Engine, api: LineApi, every_seconds: float, stop: threading.Event) -> None:
    """Deliver notices every `every_seconds` until `stop` is set."""
    while not stop.wait(every_seconds):
        try:
            deliver_status_changes(engine, api)
        except sa.exc.SQLAlchemyError as error:
            log.warning("LINE notices skipped this round: %s", type(error).__name__)
