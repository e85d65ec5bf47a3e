"""Normalising Thai and English as citizens type it, and tokenising without any download."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chatbot.text import clean, detect_language, normalise, to_arabic_digits, tokens

REPO = Path(__file__).resolve().parent.parent


def test_thai_digits_read_as_arabic() -> None:
    assert to_arabic_digits("เลขที่ ๐๐๑๒/๒๕๖๘") == "เลขที่ 0012/2568"


@pytest.mark.parametrize("typed", ["สวัสดีครับ", "สวัสดีค่ะ", "สวัสดีคับ", "สวัสดีจ้าาา", "สวัสดีนะคะ", "สวัสดีครัช"])
def test_polite_particles_are_dropped(typed: str) -> None:
    assert tokens(typed) == ["สวัสดี"]


def test_letters_repeated_for_emphasis_collapse() -> None:
    assert clean("ฝุ่นเยอะมากกกกก???") == "ฝุ่นเยอะมาก?"
    assert clean("Helloooo!!!") == "helloo!"  # English keeps a real double letter ("good")


def test_thai_double_letters_that_are_spelling_stay() -> None:
    assert clean("ธรรมดา") == "ธรรมดา"


def test_sara_e_typed_twice_reads_as_sara_ae() -> None:
    assert clean("เเจ้งเรื่อง") == "แจ้งเรื่อง"


def test_nikhahit_and_sara_aa_read_as_sara_am() -> None:
    assert clean("ทํา") == "ทำ"


def test_zero_width_space_is_removed() -> None:
    assert clean("ภาษี\u200bป้าย") == "ภาษีป้าย"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("ภาศีที่ดิน", "ภาษีที่ดิน"), ("เท่าไหร", "เท่าไหร่"), ("โทรศัพ", "โทรศัพท์"), ("ร้องเรียง", "ร้องเรียน")],
)
def test_common_misspelling_is_fixed(typed: str, meant: str) -> None:
    assert clean(typed) == meant


@pytest.mark.parametrize("correct", ["เท่าไหร่", "โทรศัพท์", "ร้องเรียน", "ไร่นา"])
def test_correct_spelling_is_left_alone(correct: str) -> None:
    assert clean(correct) == correct


def test_spaces_between_thai_words_do_not_change_the_normalised_text() -> None:
    assert normalise("ขยะ ไม่ มา เก็บ ครับ") == normalise("ขยะไม่มาเก็บครับ") == "ขยะ ไม่ มา เก็บ"


def test_english_shorthand_is_mapped_to_words() -> None:
    assert tokens("thx") == ["thanks"]


def test_language_is_thai_when_any_thai_letter_appears() -> None:
    assert detect_language("ขอ status ticket ครับ") == "th"
    assert detect_language("where do I pay land tax?") == "en"
    assert detect_language("0001/2568") is None


def test_tokenising_and_training_need_no_network_and_write_no_data(tmp_path: Path) -> None:
    # A fresh interpreter with sockets disabled: PyThaiNLP must use only its bundled word list.
    script = textwrap.dedent(
        """
        import socket
        def refuse(*args, **kwargs):
            raise RuntimeError("network used")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from chatbot.intents import default_model
        print(default_model().classify("ภาษีที่ดินจ่ายที่ไหนคะ").intent)
        """
    )
    env = {"PYTHAINLP_DATA_DIR": str(tmp_path / "pythainlp"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "tax_payment"
    downloaded = [p for p in (tmp_path / "pythainlp").rglob("*") if p.is_file()]
    assert downloaded == []
