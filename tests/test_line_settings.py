"""LINE settings come from the environment, else secrets.toml; the rich menu is one LINE accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from linebot.v3.messaging import RichMenuRequest

from channels import rich_menu, settings


@pytest.fixture
def secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secrets.toml"
    monkeypatch.setattr(settings, "SECRETS", path)
    for setting in settings.SETTINGS:
        monkeypatch.delenv(setting.name, raising=False)
    return path


def test_settings_default_to_the_real_api_and_are_unconfigured(secrets_file: Path) -> None:
    line = settings.line()
    assert (line.api_base, line.data_api_base) == ("https://api.line.me", "https://api-data.line.me")
    assert not line.configured


def test_secrets_toml_by_name_or_in_its_line_table(secrets_file: Path) -> None:
    secrets_file.write_text(
        'LINE_CHANNEL_SECRET = "top"\n[line]\nchannel_access_token = "tok"\napi_base = "http://127.0.0.1:9/"\n'
    )
    line = settings.line()
    assert (line.channel_secret, line.access_token, line.configured) == ("top", "tok", True)
    assert line.api_base == line.data_api_base == "http://127.0.0.1:9"  # a changed base serves content too


def test_the_environment_wins_over_secrets(secrets_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets_file.write_text('[line]\nchannel_secret = "from-file"\n')
    monkeypatch.setenv("LINE_CHANNEL_SECRET", "from-env")
    assert settings.line().channel_secret == "from-env"


def test_rich_menu_fits_lines_limits_and_puts_emergencies_first() -> None:
    menu = rich_menu.definition()
    RichMenuRequest.from_dict(menu)  # the SDK's own model accepts it
    assert len(menu["chatBarText"]) <= 14 and len(menu["areas"]) <= 20
    for area in menu["areas"]:
        bounds = area["bounds"]
        assert bounds["x"] + bounds["width"] <= menu["size"]["width"]
        assert bounds["y"] + bounds["height"] <= menu["size"]["height"]
        assert len(area["action"]["label"]) <= 20
    first = menu["areas"][0]
    assert (first["bounds"]["x"], first["bounds"]["y"], first["action"]["text"]) == (0, 0, "เบอร์โทรฉุกเฉิน")
