"""Every UI string exists in Thai and in English, and every key used in code is defined."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ui.strings import strings, translate

ROOT = Path(__file__).resolve().parent.parent
_KEY_USE = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")


def test_thai_and_english_have_the_same_keys() -> None:
    assert set(strings("th")) - set(strings("en")) == set()
    assert set(strings("en")) - set(strings("th")) == set()


def test_no_string_is_empty() -> None:
    for lang in ("th", "en"):
        assert [k for k, v in strings(lang).items() if not v.strip()] == []


@pytest.mark.parametrize("folder", ["app.py", "pages", "ui"])
def test_every_key_used_in_code_is_defined(folder: str) -> None:
    paths = [ROOT / folder] if folder.endswith(".py") else sorted((ROOT / folder).rglob("*.py"))
    used = {key for path in paths for key in _KEY_USE.findall(path.read_text(encoding="utf-8"))}
    assert used - set(strings("th")) == set()


def test_unknown_key_is_visible_not_silent() -> None:
    assert translate("no.such.key", "th") == "⟦no.such.key⟧"
