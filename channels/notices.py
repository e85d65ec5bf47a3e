"""Status changes pushed to the citizens who filed on LINE, and the rating asked once resolved.

Works from what the store says, whoever changed it (the staff inbox, an uploaded sheet): each
follower remembers the last status they were told, and a change is claimed by a compare-and-set
on that column before it is pushed, so two server processes never send one change twice.
"""

from __future__ import annotations

import logging
import threading

import sqlalchemy as sa

from channels import filing, line_messages
from channels.line_api import LineApi
from chatbot.answers import say
from chatbot.text import Lang
from data_sources.adapters.complaints import STATUSES
from data_sources.db import line_followers, write_transaction

log = logging.getLogger(__name__)
CHANNEL = "line"


def status_label(status: str, lang: Lang) -> str:
    option = next((o for o in STATUSES.options if o.key == status), None)
    return say(lang, option.label_th, option.label_en) if option else status


def notice_messages(ticket: str, status: str, lang: Lang) -> list:
    """The push for one status change; a resolved ticket also asks for a 1-5 rating."""
    label = status_label(status, lang)
    text = say(lang, f"เรื่อง {ticket} เปลี่ยนสถานะเป็น: {label}", f"Your complaint {ticket} is now: {label}")
    if status not in filing.RATEABLE:
        return [line_messages.text_message(text)]
    ask = say(lang, "พอใจกับการแก้ไขแค่ไหน? แตะให้คะแนน 1-5", "How satisfied are you with the fix? Tap 1-5.")
    return [line_messages.text_message(f"{text}\n{ask}", line_messages.rating_items(ticket, lang))]


def _claim(engine: sa.Engine, ticket: str, old: str, new: str) -> bool:
    with write_transaction(engine) as connection:
        table = line_followers.c
        changed = connection.execute(
            line_followers.update()
            .where(table.ticket_id == ticket, table.channel == CHANNEL, table.notified_status == old)
            .values(notified_status=new)
        )
        return changed.rowcount == 1


def deliver_status_changes(engine: sa.Engine, api: LineApi) -> int:
    """Push every status change LINE filers have not been told yet; returns how many were sent."""
    with engine.connect() as connection:
        followers = connection.execute(
            sa.select(
                line_followers.c.ticket_id, line_followers.c.address,
                line_followers.c.lang, line_followers.c.notified_status,
            ).where(line_followers.c.channel == CHANNEL)
        ).all()  # fmt: skip
    current = filing.statuses(engine, (f.ticket_id for f in followers))
    sent = 0
    for follower in followers:
        status = current.get(follower.ticket_id)
        if status is None or status == follower.notified_status:
            continue
        if not _claim(engine, follower.ticket_id, follower.notified_status, status):
            continue  # another process took this change
        messages = notice_messages(follower.ticket_id, status, follower.lang)
        if api.push(follower.address, messages, retry_key=f"{follower.ticket_id}:{status}"):
            sent += 1
        else:
            _claim(engine, follower.ticket_id, status, follower.notified_status)  # try again next round
    if sent:
        log.info("LINE status notices sent: %d", sent)
    return sent


def run_notifier(engine: sa.Engine, api: LineApi, every_seconds: float, stop: threading.Event) -> None:
    """Deliver status changes every `every_seconds` until `stop` is set."""
    while not stop.wait(every_seconds):
        try:
            deliver_status_changes(engine, api)
        except sa.exc.SQLAlchemyError as error:
            log.warning("LINE status notices skipped this round: %s", type(error).__name__)
