"""Open311 GeoReport v2 documents built from the complaints dataset (plain dicts, either format).

Our statuses map onto the spec's two: received and in progress are "open"; resolved and
cancelled are "closed", with `status_notes` saying which in words. Public documents come from
the dataset's public columns only: no description (citizens write names into it), no name,
phone or photo.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

import pandas as pd

from chatbot.answers import say
from chatbot.text import Lang
from data_sources.adapters.common import DIVISIONS
from data_sources.adapters.complaints import CATEGORIES, STATUSES
from data_sources.city import profile
from data_sources.tickets import TicketView
from data_sources.tickets.labels import stage_label

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-03T00:00:00+07:00"  # when this endpoint's behaviour last changed
CITY_OFFSET = "+07:00"  # stored times are city time, Asia/Bangkok
CLOSED_STATUSES = frozenset({"resolved", "cancelled", "closed"})
DEFAULT_DAYS = 90  # the spec's default window when no dates are given
MAX_REQUESTS = 1000
OpenStatus = Literal["open", "closed"]


def w3c(moment: Any) -> str | None:
    """A stored city-time moment as the spec's W3C datetime: 2026-11-21T09:30:00+07:00."""
    if moment is None or pd.isna(moment):
        return None
    return moment.replace(microsecond=0).isoformat() + CITY_OFFSET


def open_or_closed(status: str) -> OpenStatus:
    return "closed" if status in CLOSED_STATUSES else "open"


def discovery(base_url: str) -> dict[str, Any]:
    city = profile()
    endpoint = {"specification": SPECIFICATION, "url": base_url, "changeset": CHANGESET, "type": "production",
                "formats": ["application/json", "text/xml"]}  # fmt: skip
    return {
        "changeset": CHANGESET,
        "contact": f"{city['name_th']} / {city['name_en']}, {city['address_en']}",
        "key_service": "API keys are issued by the municipality's administrators on request.",
        "endpoints": [endpoint],
    }


def services(lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "service_code": option.key,
            "service_name": say(lang, option.label_th, option.label_en),
            "description": say(lang, option.label_en, option.label_th),
            "metadata": True,
            "type": "realtime",
            "keywords": ", ".join(option.synonyms),
            "group": say(lang, "เรื่องร้องเรียน", "Complaints"),
        }
        for option in CATEGORIES.options
    ]


def service_definition(service_code: str, lang: Lang) -> dict[str, Any] | None:
    if service_code not in {o.key for o in CATEGORIES.options}:
        return None
    communities = [
        {"key": c["name_th"], "name": say(lang, c["name_th"], c["name_en"])} for c in profile()["communities"]
    ]
    attribute = {
        "variable": True,
        "code": "community",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": say(lang, "ชุมชนที่เกิดเรื่อง", "The community where it is"),
        "order": 1,
        "description": say(lang, "ชุมชน", "Community"),
        "values": communities,
    }
    return {"service_code": service_code, "attributes": [attribute]}


def _labels(options: Any, lang: Lang) -> dict[str, str]:
    return {o.key: say(lang, o.label_th, o.label_en) for o in options}


def _present(value: Any) -> bool:
    return value is not None and not pd.isna(value)


def service_requests(frame: pd.DataFrame, lang: Lang) -> list[dict[str, Any]]:
    """Complaints as GeoReport service requests, public columns only, in the frame's order."""
    statuses, categories = _labels(STATUSES.options, lang), _labels(CATEGORIES.options, lang)
    divisions = _labels(DIVISIONS.options, lang)
    documents = []
    for row in frame.to_dict("records"):
        status, category, division = str(row["status"]), str(row["category"]), row.get("assigned_division")
        latitude, longitude = row.get("latitude"), row.get("longitude")
        updated = row["resolved_at"] if _present(row["resolved_at"]) else row["received_at"]
        documents.append({
            "service_request_id": str(row["ticket_id"]),
            "status": open_or_closed(status),
            "status_notes": statuses.get(status, status),
            "service_name": categories.get(category, category),
            "service_code": category,
            "description": "",
            "agency_responsible": divisions.get(division, str(division)) if _present(division) else "",
            "service_notice": "",
            "requested_datetime": w3c(row["received_at"]),
            "updated_datetime": w3c(updated),
            "expected_datetime": None,
            "address": str(row["community"]) if _present(row["community"]) else "",
            "address_id": None,
            "zipcode": None,
            "lat": float(latitude) if _present(latitude) else None,
            "long": float(longitude) if _present(longitude) else None,
            "media_url": None,
        })  # fmt: skip
    return documents


def with_lifecycle(document: dict[str, Any], view: TicketView | None, lang: Lang) -> dict[str, Any]:
    """One request with what the lifecycle adds: its stage and latest note for the citizen in
    `status_notes`, and the date it is due while open (`expected_datetime`)."""
    if view is None:
        return document
    notes = [stage_label(view.stage, lang)]
    public = [entry.text for entry in view.timeline if entry.text]
    if public:
        notes.append(public[-1])
    due = view.due_at if document["status"] == "open" else None
    return {**document, "status_notes": " — ".join(notes), "expected_datetime": w3c(due)}


def select_requests(
    frame: pd.DataFrame,
    *,
    ids: list[str] | None,
    service_codes: list[str] | None,
    start: datetime | None,
    end: datetime | None,
    statuses: list[str] | None,
    now: datetime,
) -> pd.DataFrame:
    """The rows GET requests returns: by id alone when ids are given, else by the filters within
    the date window (the last 90 days by default), newest first, at most 1,000."""
    if ids:
        return frame[frame["ticket_id"].isin(ids)]
    if start is None and end is None:
        start = now - timedelta(days=DEFAULT_DAYS)
    chosen = frame
    if service_codes:
        chosen = chosen[chosen["category"].isin(service_codes)]
    if start is not None:
        chosen = chosen[chosen["received_at"] >= pd.Timestamp(start)]
    if end is not None:
        chosen = chosen[chosen["received_at"] <= pd.Timestamp(end)]
    if statuses:
        chosen = chosen[chosen["status"].map(lambda s: open_or_closed(str(s))).isin(statuses)]
    return chosen.sort_values("received_at", ascending=False).head(MAX_REQUESTS)
