"""Every channel setting and command is documented in the README (datasette's rule)."""

from __future__ import annotations

from pathlib import Path

from channels.__main__ import _parser
from channels.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme() -> None:
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in README or f"`{s.key}`" not in README]
    assert missing == []


def test_every_channels_command_is_in_the_readme() -> None:
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [name for name in commands if f"python -m channels {name}" not in README]
    assert missing == []
