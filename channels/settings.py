"""Settings of the channels, declared once: each read from the environment, else secrets.toml.

In `.streamlit/secrets.toml` a setting is written either under its own name at the top
(`LINE_CHANNEL_SECRET = "..."`) or in the `[line]` table by its short name (`channel_secret`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECRETS = ROOT / ".streamlit" / "secrets.toml"
REAL_LINE_API = "https://api.line.me"
REAL_LINE_DATA_API = "https://api-data.line.me"  # LINE serves message content from its own host


@dataclass(frozen=True)
class Setting:
    name: str
    table: str
    key: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("LINE_CHANNEL_SECRET", "line", "channel_secret", None,
            "LINE channel secret: verifies X-Line-Signature; without it the webhook answers 503"),
    Setting("LINE_CHANNEL_ACCESS_TOKEN", "line", "channel_access_token", None,
            "long-lived channel access token for reply, push and message content"),
    Setting("LINE_API_BASE", "line", "api_base", REAL_LINE_API,
            "Messaging API base URL; when set, message content is fetched from it too (tests point it at a fake)"),
    Setting("LINE_NOTIFY_SECONDS", "line", "notify_seconds", "30",
            "how often the server looks for status changes to push to citizens who filed on LINE (0: never)"),
)  # fmt: skip
_BY_NAME = {setting.name: setting for setting in SETTINGS}


def _secrets() -> dict[str, Any]:
    if not SECRETS.exists():
        return {}
    return tomllib.loads(SECRETS.read_text(encoding="utf-8"))


def value(name: str) -> str | None:
    """The setting `name`: environment, then secrets.toml (top level, then its table), then default."""
    setting = _BY_NAME[name]
    if os.environ.get(name):
        return os.environ[name]
    secrets = _secrets()
    found = secrets.get(name) or secrets.get(setting.table, {}).get(setting.key)
    return str(found) if found else setting.default


@dataclass(frozen=True)
class LineSettings:
    channel_secret: str | None
    access_token: str | None
    api_base: str
    data_api_base: str
    notify_seconds: float

    @property
    def configured(self) -> bool:
        return bool(self.channel_secret and self.access_token)


def line() -> LineSettings:
    base = (value("LINE_API_BASE") or REAL_LINE_API).rstrip("/")
    return LineSettings(
        channel_secret=value("LINE_CHANNEL_SECRET"),
        access_token=value("LINE_CHANNEL_ACCESS_TOKEN"),
        api_base=base,
        data_api_base=REAL_LINE_DATA_API if base == REAL_LINE_API else base,
        notify_seconds=float(value("LINE_NOTIFY_SECONDS") or 0),
    )
