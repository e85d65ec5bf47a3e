"""The production Streamlit settings and the bundled Thai font they point at."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from streamlit import config as streamlit_config

REPO_ROOT = Path(__file__).resolve().parents[1]
STATIC_URL_PREFIX = "app/static/"


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    with (REPO_ROOT / ".streamlit" / "config.toml").open("rb") as config_file:
        return tomllib.load(config_file)


def option_keys(table: dict[str, Any], section: str = "") -> set[str]:
    """Dotted option names in a parsed config.toml; nested tables are sections (theme.sidebar)."""
    keys: set[str] = set()
    for name, value in table.items():
        dotted = f"{section}.{name}" if section else name
        keys |= option_keys(value, dotted) if isinstance(value, dict) else {dotted}
    return keys


def test_every_setting_is_a_streamlit_option(settings: dict[str, Any]) -> None:
    # A misspelt key is ignored by Streamlit without a word, so the default would quietly apply.
    known_options = set(streamlit_config.get_config_options())

    assert option_keys(settings) - known_options == set()


def test_production_defaults_hide_internals_and_limit_uploads(settings: dict[str, Any]) -> None:
    assert settings["browser"]["gatherUsageStats"] is False
    assert settings["client"]["showErrorDetails"] == streamlit_config.ShowErrorDetailsConfigOptions.NONE
    assert settings["client"]["toolbarMode"] == "viewer"
    assert settings["server"]["maxUploadSize"] == 50
    assert settings["server"]["enableXsrfProtection"] is True
    assert settings["server"]["enableStaticServing"] is True


def test_production_defaults_do_no_per_visitor_housekeeping(settings: dict[str, Any]) -> None:
    # Watching the source and a full garbage collection after every run cost more CPU than the page.
    assert settings["server"]["fileWatcherType"] == "none"
    assert settings["runner"]["postScriptGC"] is False


def test_theme_is_light_and_uses_the_bundled_font_family(settings: dict[str, Any]) -> None:
    theme = settings["theme"]
    families = {face["family"] for face in theme["fontFaces"]}

    assert theme["base"] == "light"
    assert families == {"Sarabun"}
    assert theme["font"].split(",")[0].strip() == "Sarabun"
    assert theme["headingFont"].split(",")[0].strip() == "Sarabun"


def test_font_faces_cover_thai_and_latin_in_three_weights(settings: dict[str, Any]) -> None:
    faces = settings["theme"]["fontFaces"]
    subset_weights = {(Path(face["url"]).name.split("-")[1], face["weight"]) for face in faces}

    assert subset_weights == {(subset, weight) for subset in ("thai", "latin") for weight in (400, 600, 700)}
    thai_face = next(face for face in faces if "-thai-" in face["url"])
    assert "U+0E01-0E5B" in thai_face["unicodeRange"]


def test_every_font_face_points_at_a_woff2_file_in_static(settings: dict[str, Any]) -> None:
    for face in settings["theme"]["fontFaces"]:
        assert face["url"].startswith(STATIC_URL_PREFIX)
        font_path = REPO_ROOT / "static" / face["url"].removeprefix(STATIC_URL_PREFIX)
        assert font_path.read_bytes()[:4] == b"wOF2", font_path


def test_bundled_font_ships_with_its_open_font_licence() -> None:
    licence = (REPO_ROOT / "static" / "fonts" / "OFL.txt").read_text(encoding="utf-8")

    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Sarabun" in licence
