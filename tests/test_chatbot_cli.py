"""`python -m chatbot` and the chatbot on a real store: answers, and complaints written and looked up."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from chatbot.__main__ import main
from chatbot.engine import Chatbot
from data_sources import store

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2024, 11, 21, 10, 30)


def test_cli_json_has_intent_answer_sources_and_slots(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ชุมชนเมืองทองมีประชากรกี่คน", "--db", db_url, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["intent", "answer", "sources", "slots"]
    assert document["intent"] == "city_statistics"
    assert document["sources"] == ["population"]
    assert document["slots"] == {"community": "เมืองทอง"}
    assert "ยังไม่มีข้อมูลประชากร" in document["answer"]  # an empty database: no figure is made up


def test_cli_prints_plain_text_without_json(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emergency number", "--db", db_url]) == 0
    assert "1669" in capsys.readouterr().out


def test_a_complaint_filed_in_chat_is_stored_and_found_by_its_ticket(db_url: str) -> None:
    engine = store.connect(db_url)
    bot = Chatbot(engine, clock=lambda: NOW)
    reply = bot.reply("อยากแจ้งไฟถนนดับค่ะ")
    for text in ("ชุมชนสะพรั่ง", "ดับทั้งซอย มืดมาก", "สมศรี 0812345678", "ยืนยัน"):
        reply = bot.reply(text, state=reply.state)
    assert reply.slots == {"ticket": "CB68-00001"}
    rows = store.load(engine, "complaints")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["ticket_id"], row["channel"], row["status"], row["community"]) == (
        "CB68-00001",
        "chatbot",
        "received",
        "สะพรั่ง",
    )
    assert row["complainant_phone"] == "0812345678"  # kept, in the personal column only

    status = bot.reply("สถานะ CB68-00001")
    assert status.intent == "complaint_status"
    assert "รับเรื่องแล้ว" in status.answer and "0812345678" not in status.answer and "สมศรี" not in status.answer

    again = bot.reply("แจ้งหมาจรจัด ชุมชนบ้านร่ม")
    for text in ("หมาไล่กัดเด็กหน้าโรงเรียน", "ข้าม", "ยืนยัน"):
        again = bot.reply(text, state=again.state)
    assert again.slots == {"ticket": "CB68-00002"}
    assert len(store.load(engine, "complaints")) == 2


def test_python_m_chatbot_runs_as_a_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'city.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "chatbot", "ภาษีป้ายยื่นเมื่อไหร่คะ", "--db", url, "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert (document["intent"], document["sources"]) == ("tax_payment", ["knowledge:tax_signboard"])
