"""Chatbot speed: cold start and reply latency, answered against the demo city.

Cold start = a fresh Python process importing the chatbot, training the intent model, building
the engine and answering one data question (what the first visitor after a restart waits for).
Reply latency = `Chatbot.reply` on each evaluation question (tests/data/chatbot_eval.tsv), warm,
one question at a time as a visitor asks them; p50 and p95 in milliseconds. Goal (issue #6): p95
under 50 ms. Intent accuracy on the same questions is reported beside it, as a sanity check
that the replies timed are the real ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from data_sources import seed, store

REPO = Path(__file__).resolve().parents[1]
EVAL_FILE = REPO / "tests" / "data" / "chatbot_eval.tsv"
P95_GOAL_MS = 50.0
QUICK_EVERY = 3  # --quick asks every third question: all intents, a third of the time
WARM_UP = ("ค่าฝุ่นวันนี้เท่าไหร่", "ระดับน้ำตอนนี้", "สถานะเรื่อง 0001/2568", "ประชากรมีกี่คน", "งบประมาณเบิกจ่ายเท่าไหร่")

_COLD_START = """
import json, sys, time
started = time.perf_counter()
from data_sources import store
from chatbot.engine import Chatbot
imported = time.perf_counter()
bot = Chatbot(store.connect(sys.argv[1]))
built = time.perf_counter()
bot.reply("ค่าฝุ่นวันนี้เท่าไหร่")
answered = time.perf_counter()
print(json.dumps({"import": imported - started, "engine": built - imported, "first_reply": answered - built}))
"""


def questions() -> list[tuple[str, str]]:
    """(intent, text) of every evaluation question, in file order."""
    lines = EVAL_FILE.read_text(encoding="utf-8").splitlines()[1:]
    return [(intent, text) for intent, text in (line.split("\t", 1) for line in lines if line.strip())]


def _demo_city() -> str:
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='chatbot-bench-')) / 'city.db'}"
    seed.load_demo(store.connect(url))
    return url


def _cold_start(url: str) -> dict[str, Any]:
    started = time.perf_counter()
    finished = subprocess.run([sys.executable, "-c", _COLD_START, url], cwd=REPO, capture_output=True, text=True,
                              check=True, timeout=600)  # fmt: skip
    wall = time.perf_counter() - started
    parts = json.loads(finished.stdout.strip().splitlines()[-1])
    return {"name": "chatbot.cold_start", "seconds": round(wall, 2),
            **{f"{k}_s": round(v, 2) for k, v in parts.items()}}  # fmt: skip


def _timed_replies(url: str, asked: list[tuple[str, str]], repeats: int) -> tuple[list[float], float, float]:
    from chatbot.engine import Chatbot

    bot = Chatbot(store.connect(url))
    for text in WARM_UP:  # the first data answer of each dataset reads it from the store
        bot.reply(text)
    latencies, right, emergencies_seen = [], 0, []
    for _ in range(repeats):
        for intent, text in asked:
            started = time.perf_counter()
            reply = bot.reply(text)
            latencies.append((time.perf_counter() - started) * 1000)
            right += reply.intent == intent
            if intent == "emergency":
                emergencies_seen.append(reply.intent == "emergency")
    accuracy = right / (len(asked) * repeats)
    recall = sum(emergencies_seen) / len(emergencies_seen) if emergencies_seen else float("nan")
    return latencies, accuracy, recall


def run(*, quick: bool) -> list[dict[str, Any]]:
    """Cold start (seconds), reply latency p50/p95 (ms), and the intent accuracy of those replies."""
    url = _demo_city()
    asked = questions()[::QUICK_EVERY] if quick else questions()
    repeats = 1 if quick else 3
    figures = [_cold_start(url)]
    latencies, accuracy, recall = _timed_replies(url, asked, repeats)
    p50, p95 = (float(np.percentile(latencies, q)) for q in (50, 95))
    common = {"questions": len(asked), "repeats": repeats}
    figures += [
        {"name": "chatbot.reply_p50_ms", "value": round(p50, 2), **common},
        {"name": "chatbot.reply_p95_ms", "value": round(p95, 2), "goal_ms": P95_GOAL_MS,
         "meets_goal": p95 < P95_GOAL_MS, **common},
        {"name": "chatbot.reply_max_ms", "value": round(max(latencies), 2), **common},
        {"name": "chatbot.eval_intent_accuracy", "value": round(accuracy, 3), "emergency_recall": round(recall, 3),
         **common},
    ]  # fmt: skip
    return figures
