"""Open311 GeoReport v2 at /open311/v2/ (mounted by app.py's st.App), in JSON and XML.

    GET  discovery.{fmt}                 GET  services.{fmt}      GET services/{code}.{fmt}
    GET  requests.{fmt}?service_request_id=&service_code=&start_date=&end_date=&status=
    GET  requests/{id}.{fmt}             POST requests.{fmt} (api_key)   GET tokens/{token}.{fmt}

Names come in Thai, or in English when the client's Accept-Language starts with "en". Errors
are the spec's list of {code, description}, with the HTTP status as the code.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

import sqlalchemy as sa
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from channels import api_keys
from channels import open311_documents as documents
from channels.open311_xml import to_xml
from chatbot import slots
from chatbot.filing_words import scrub
from chatbot.text import Lang
from data_sources import store, tickets
from data_sources.adapters.complaints import CATEGORIES
from data_sources.city import community_names, nearest_community
from data_sources.city_time import as_city_time
from data_sources.city_time import now as city_now
from data_sources.db import connect, open311_tokens, write_transaction

BASE = "/open311/v2"
CHANNEL = "open311"
_FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
_ROOTS = {"discovery": "discovery", "services": "services", "definition": "service_definition",
          "requests": "service_requests", "errors": "errors"}  # fmt: skip


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _split_format(name: str) -> tuple[str, str]:
    stem, dot, fmt = name.rpartition(".")
    if not dot or fmt not in _FORMATS:
        raise Open311Error(404, "unknown format: use .json or .xml")
    return stem, fmt


def _respond(document: Any, fmt: str, root: str, status: int = 200) -> Response:
    if fmt == "xml":
        return Response(to_xml(document, _ROOTS[root]), status_code=status, media_type=_FORMATS["xml"])
    body = json.dumps(document, ensure_ascii=False)
    return Response(body, status_code=status, media_type=_FORMATS["json"])


def _lang(request: Request) -> Lang:
    return "en" if request.headers.get("accept-language", "").lower().startswith("en") else "th"


def _engine() -> sa.Engine:
    return connect()


async def endpoint(request: Request) -> Response:
    """Every GeoReport call: route by path, answer in the format the path names."""
    path = request.path_params["rest"]
    fmt = path.rpartition(".")[2] if path.rpartition(".")[2] in _FORMATS else "json"
    try:
        document, root, status = await _dispatch(request, path)
    except Open311Error as error:
        return _respond([{"code": error.status, "description": error.description}], fmt, "errors", error.status)
    return _respond(document, fmt, root, status)


async def _dispatch(request: Request, path: str) -> tuple[Any, str, int]:
    head, _, tail = path.partition("/")
    if request.method == "POST":
        if tail or _split_format(head)[0] != "requests":
            raise Open311Error(405, "only requests.{format} takes a POST")
        return _post_request(await request.body(), _lang(request)), "requests", 200
    stem, _ = _split_format(path)
    head, _, tail = stem.partition("/")
    lang = _lang(request)
    if head == "discovery" and not tail:
        return documents.discovery(str(request.base_url).rstrip("/") + BASE + "/"), "discovery", 200
    if head == "services":
        if not tail:
            return documents.services(lang), "services", 200
        definition = documents.service_definition(tail, lang)
        if definition is None:
            raise Open311Error(404, f"no service with service_code {tail}")
        return definition, "definition", 200
    if head == "requests":
        return _requests(request, tail, lang), "requests", 200
    if head == "tokens" and tail:
        return _token(tail), "requests", 200
    raise Open311Error(404, "no such GeoReport resource")


def _city_moment(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise Open311Error(400, f"{name} is not a W3C datetime") from error
    return as_city_time(moment)


def _listed(value: str | None) -> list[str] | None:
    items = [item.strip() for item in (value or "").split(",") if item.strip()]
    return items or None


def _requests(request: Request, ticket: str, lang: Lang) -> list[dict[str, Any]]:
    frame = store.load(_engine(), "complaints", include_personal=False)
    if ticket:
        found = frame[frame["ticket_id"] == ticket]
        if found.empty:
            raise Open311Error(404, f"no service request {ticket}")
        (document,) = documents.service_requests(found, lang)
        return [documents.with_lifecycle(document, tickets.public_view(_engine(), ticket), lang)]
    query = request.query_params
    statuses = _listed(query.get("status"))
    if statuses and not set(statuses) <= {"open", "closed"}:
        raise Open311Error(400, "status is open, closed or both")
    chosen = documents.select_requests(
        frame,
        ids=_listed(query.get("service_request_id")),
        service_codes=_listed(query.get("service_code")),
        start=_city_moment(query.get("start_date"), "start_date"),
        end=_city_moment(query.get("end_date"), "end_date"),
        statuses=statuses,
        now=city_now(),
    )
    return documents.service_requests(chosen, lang)


def _token(token: str) -> list[dict[str, Any]]:
    with _engine().connect() as connection:
        ticket = connection.scalar(sa.select(open311_tokens.c.ticket_id).where(open311_tokens.c.token == token))
    if ticket is None:
        raise Open311Error(404, f"no token {token}")
    return [{"service_request_id": ticket, "token": token}]


def _field(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0].strip()


def _post_request(body: bytes, lang: Lang) -> list[dict[str, Any]]:
    form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    engine = _engine()
    if api_keys.verify(engine, _field(form, "api_key")) is None:
        raise Open311Error(403, "a valid api_key is required to post a service request")
    code = _field(form, "service_code")
    if code not in {o.key for o in CATEGORIES.options}:
        raise Open311Error(400, "service_code is missing or unknown (see services)")
    try:
        ticket = tickets.file_complaint(engine, _new_complaint(form, code)).ticket_id
    except tickets.TicketError as refused:
        raise Open311Error(400, refused.message_en) from refused
    token = secrets.token_hex(16)
    with write_transaction(engine) as connection:
        connection.execute(open311_tokens.insert().values(token=token, ticket_id=ticket, created_at=city_now()))
    notice = "รับเรื่องแล้ว ติดตามได้ด้วยเลขที่เรื่อง" if lang == "th" else "Received; follow it with its request id"
    return [{"service_request_id": ticket, "token": token, "service_notice": notice, "account_id": None}]


def _new_complaint(form: dict[str, list[str]], code: str) -> tickets.NewComplaint:
    latitude, longitude = _field(form, "lat"), _field(form, "long")
    address = _field(form, "address_string") or _field(form, "address_id")
    point = None
    if latitude or longitude:
        try:
            point = (float(latitude), float(longitude))
        except ValueError as error:
            raise Open311Error(400, "lat and long must be decimal degrees") from error
    if point is None and not address:
        raise Open311Error(400, "a location is required: lat and long, address_string or address_id")
    near = nearest_community(*point) if point and -90 <= point[0] <= 90 and -180 <= point[1] <= 180 else None
    if point is not None and near is None:
        raise Open311Error(400, "lat and long are outside Yala City Municipality (or not a place on Earth)")
    community = _field(form, "attribute[community]")
    if community not in community_names():
        community = near or slots.community(address)
    description = scrub(_field(form, "description"))  # phone and ID numbers go in the personal fields only
    address = scrub(address)
    if len(description) < 5:
        raise Open311Error(400, "description is required (at least 5 characters)")
    name = " ".join(p for p in (_field(form, "first_name"), _field(form, "last_name")) if p) or None
    return tickets.NewComplaint(
        category=code, description=description, community=community, place=address or community, channel=CHANNEL,
        contact_name=name, contact_phone=_field(form, "phone") or None,
        latitude=point[0] if point else None, longitude=point[1] if point else None,
    )  # fmt: skip


ROUTES = [Route(BASE + "/{rest:path}", endpoint, methods=["GET", "POST"])]
