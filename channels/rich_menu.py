"""The LINE rich menu: six tiles for the city's most asked topics, emergency numbers first.

Each tile sends the topic's own question as the citizen's message, so the chatbot answers it
exactly as if typed. `python -m channels line-rich-menu` prints the definition;
`--install FILE` creates it on the channel with the designer's 2500x1686 image
(PNG or JPEG) and makes it every user's default.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chatbot.knowledge import topics

WIDTH, HEIGHT = 2500, 1686
COLUMNS, ROWS = 3, 2
# The order citizens need them: danger first, then filing and following up, then the river.
TILES = ("emergency", "complaint_new", "complaint_status", "water_level", "air_quality", "office_contact")
CHAT_BAR_TEXT = "เมนูเทศบาล"  # LINE allows 14 characters


def definition() -> dict[str, Any]:
    """The rich menu object of the Messaging API (POST /v2/bot/richmenu)."""
    by_intent = {topic.intent: topic for topic in topics()}
    width, height = WIDTH // COLUMNS, HEIGHT // ROWS
    areas = []
    for position, intent in enumerate(TILES):
        topic = by_intent[intent]
        column, row = position % COLUMNS, position // COLUMNS
        areas.append({
            "bounds": {"x": column * width, "y": row * height, "width": width, "height": height},
            "action": {"type": "message", "label": topic.label_th[:20], "text": topic.ask_th},
        })  # fmt: skip
    return {
        "size": {"width": WIDTH, "height": HEIGHT},
        "selected": True,
        "name": "yala-city-topics",
        "chatBarText": CHAT_BAR_TEXT,
        "areas": areas,
    }


def install(image: Path) -> str:
    """Create the menu on the channel, upload its image, make it the default; returns its id."""
    from linebot.v3.messaging import Configuration, MessagingApi, MessagingApiBlob, RichMenuRequest

    from channels import settings
    from channels.line_api import RoutedClient

    line = settings.line()
    client = RoutedClient(Configuration(host=line.api_base, access_token=line.access_token), line.data_api_base)
    created = MessagingApi(client).create_rich_menu(RichMenuRequest.from_dict(definition()))
    content_type = "image/png" if image.suffix.lower() == ".png" else "image/jpeg"
    MessagingApiBlob(client).set_rich_menu_image(
        created.rich_menu_id, image.read_bytes(), _headers={"Content-Type": content_type}
    )
    MessagingApi(client).set_default_rich_menu(created.rich_menu_id)
    return created.rich_menu_id


def main(*, install_image: Path | None = None) -> int:
    if install_image is None:
        print(json.dumps(definition(), ensure_ascii=False, indent=2))
        return 0
    print(f"rich menu {install(install_image)} is the default")
    return 0
