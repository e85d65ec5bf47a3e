"""The citizen evaluation: messages and multi-turn conversations as residents type them (Thai,
colloquial Thai, typos, English, Malay), written apart from the training phrases, run through the
whole engine on a small city. Run with `-s` for the per-group table and every miss.

Goals: every emergency recognised with the right number first; 95% of everything else right.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from chatbot.engine import Chatbot, Reply
from data_sources import store
from helpers import eval_city
from helpers.chat import MemoryDesk

DATA = Path(__file__).resolve().parent / "data"


def messages() -> list[tuple[str, str]]:
    rows = (
        line.split("\t", 1) for line in (DATA / "citizen_eval_messages.tsv").read_text(encoding="utf-8").splitlines()
    )
    return [(expect, text) for expect, text in (r for r in rows if len(r) == 2) if not expect.startswith("#")]


def conversations() -> list[dict[str, object]]:
    return json.loads((DATA / "citizen_eval_conversations.json").read_text(encoding="utf-8"))["conversations"]


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    engine = store.connect(f"sqlite:///{tmp_path_factory.mktemp('eval') / 'city.db'}")
    eval_city.build(engine)
    yield engine
    engine.dispose()


def bot_for(engine: sa.Engine, desk: MemoryDesk) -> Chatbot:
    return Chatbot(engine, desk=desk, clock=lambda: eval_city.NOW)


def check(expect: str, reply: Reply) -> list[str]:
    """The expectations `reply` fails (empty: it passed)."""
    intent, *rules = expect.split(";")
    failed = [] if reply.intent == intent else [f"intent {reply.intent}"]
    numbers = [c.number for c in reply.calls]
    for rule in rules:
        name, _, value = rule.partition("=")
        ok = {
            "first_call": lambda v: numbers[:1] == [v],
            "calls": lambda v: all(n in numbers for n in v.split("+")),
            "has": lambda v: v in reply.answer,
            "lang": lambda v: reply.lang == v,
            "near": lambda v: "hazard" in reply.slots,
        }[name](value)
        if not ok:
            failed.append(f"{rule} (calls {numbers})")
    return failed


def test_single_messages(city: sa.Engine) -> None:
    bot = bot_for(city, MemoryDesk())
    right, total, misses = defaultdict(int), defaultdict(int), []
    for expect, text in messages():
        group = expect.split(";")[0]
        failed = check(expect, bot.reply(text))
        total[group] += 1
        right[group] += not failed
        if failed:
            misses.append((text, expect, failed))
    print("\ngroup                right/total")
    for group in sorted(total):
        print(f"{group:<20} {right[group]:>4}/{total[group]:<4}")
    overall = sum(right.values()) / sum(total.values())
    print(f"{'overall':<20} {sum(right.values()):>4}/{sum(total.values()):<4} {overall:.1%}")
    for miss in misses:
        print("  missed:", *miss)
    emergencies = [m for m in misses if m[1].startswith("emergency")]
    assert emergencies == [], emergencies
    assert overall >= 0.95, misses


def _filed_matches(expected: dict[str, object] | None, desk: MemoryDesk) -> list[str]:
    if expected is None:
        return [] if not desk.filed else [f"filed {len(desk.filed)}"]
    if len(desk.filed) != 1:
        return [f"filed {len(desk.filed)}"]
    filed = desk.filed[0]
    failed = []
    for name, value in expected.items():
        field = name.rstrip("~")
        got = getattr(filed, field)
        ok = (value in (got or "")) if name.endswith("~") else got == value
        if not ok:
            failed.append(f"{name}={got!r}")
    return failed


def test_conversations(city: sa.Engine) -> None:
    misses = []
    for conversation in conversations():
        desk = MemoryDesk()
        bot = bot_for(city, desk)
        state, replies = None, []
        for text in conversation["turns"]:  # type: ignore[union-attr]
            reply = bot.reply(text, state=state)
            replies.append(reply)
            state = reply.state
        failed = _filed_matches(conversation.get("filed"), desk)  # type: ignore[arg-type]
        for index, words in (conversation.get("answers_contain") or {}).items():  # type: ignore[union-attr]
            failed += [f"turn {index} lacks {w!r}" for w in words if w not in replies[int(index)].answer]
        if conversation.get("last_intent") and replies[-1].intent != conversation["last_intent"]:
            failed.append(f"last intent {replies[-1].intent}")
        if failed:
            misses.append((conversation["turns"], failed))
    total = len(conversations())
    print(f"\nconversations right: {total - len(misses)}/{total}")
    for miss in misses:
        print("  missed:", *miss)
    assert len(misses) <= total * 0.05, misses
