"""Open311 GeoReport v2 through a real HTTP client against `streamlit run app.py` (one server for
the module), each response checked against the fields the specification lists."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd
import pytest
import sqlalchemy as sa

from channels import api_keys
from data_sources import city_time, frames, store, tickets
from data_sources.adapters.complaints import COMPLAINTS
from data_sources.db import api_keys as api_keys_table
from data_sources.db import connect
from helpers.browser import serve_app
from helpers.db import sqlite_url

REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
}  # fmt: skip
SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
PERSONAL = ("สมศรี ใจดี", "0812345678", "หลุมลึกหน้าบ้านเลขที่ 12")
NOW = city_time.now()


def complaint(ticket: str, category: str, status: str, days_ago: int, **extra: object) -> dict[str, object]:
    received = pd.Timestamp(NOW).floor("s") - pd.Timedelta(days=days_ago)
    return {
        "ticket_id": ticket, "received_at": received, "category": category, "community": "เมืองทอง",
        "latitude": 6.5536, "longitude": 101.2979, "channel": "line", "status": status,
        "resolved_at": received + pd.Timedelta(days=1) if status == "resolved" else pd.NaT, **extra,
    }  # fmt: skip


ROWS = [
    complaint("0001/2569", "road", "received", 2, complainant_name=PERSONAL[0], complainant_phone=PERSONAL[1],
              description=PERSONAL[2]),
    complaint("0002/2569", "waste", "in_progress", 10, assigned_division="health"),
    complaint("0003/2569", "road", "resolved", 20, assigned_division="engineering", satisfaction=4),
    complaint("0004/2569", "noise", "cancelled", 30),
    complaint("0005/2568", "road", "resolved", 200),  # outside the default 90 days
]  # fmt: skip


@pytest.fixture(scope="module")
def open311(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """(base URL of /open311/v2, an active API key, database URL)."""
    work: Path = tmp_path_factory.mktemp("open311")
    database_url = sqlite_url(work)
    engine = connect(database_url)
    store.commit(engine, "complaints", frames.coerce(pd.DataFrame(ROWS), COMPLAINTS), user="test")
    key = api_keys.create(engine, "Fix-it app", created_by="admin").key
    with serve_app(work, database_url) as app_url:
        yield f"{app_url}/open311/v2", key, database_url


def call(url: str, *, data: dict[str, str] | None = None, lang: str = "th") -> tuple[int, str, bytes]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept-Language": lang})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def get_json(url: str, **options: object) -> object:
    status, content_type, body = call(url, **options)  # type: ignore[arg-type]
    assert status == 200 and content_type.startswith("application/json"), (status, body[:300])
    return json.loads(body)


def test_discovery_names_the_endpoint_and_formats(open311) -> None:
    base, _, _ = open311
    document = get_json(f"{base}/discovery.json")
    assert {"changeset", "contact", "key_service", "endpoints"} <= set(document)
    (endpoint,) = document["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/") and endpoint["type"] == "production"
    assert set(endpoint["formats"]) == {"application/json", "text/xml"}
    root = ET.fromstring(call(f"{base}/discovery.xml")[2])
    assert root.tag == "discovery" and root.find("endpoints/endpoint/specification") is not None


def test_services_list_every_category_in_both_formats(open311) -> None:
    base, _, _ = open311
    services = get_json(f"{base}/services.json")
    assert all(set(s) == SERVICE_FIELDS for s in services)
    codes = [s["service_code"] for s in services]
    assert "road" in codes and "waste" in codes and len(codes) == len(set(codes))
    assert next(s for s in services if s["service_code"] == "road")["service_name"] == "ถนน/ทางเท้าชำรุด"
    english = get_json(f"{base}/services.json", lang="en")
    assert next(s for s in english if s["service_code"] == "road")["service_name"] == "Damaged road or footpath"
    status, content_type, body = call(f"{base}/services.xml")
    root = ET.fromstring(body)
    assert content_type.startswith("text/xml") and root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == codes
    assert root.find("service/metadata").text == "true"


def test_service_definition_lists_its_attributes(open311) -> None:
    base, _, _ = open311
    definition = get_json(f"{base}/services/road.json")
    assert definition["service_code"] == "road"
    (attribute,) = definition["attributes"]
    assert {"variable", "code", "datatype", "required", "datatype_description", "order", "description"} <= set(
        attribute
    )
    assert attribute["datatype"] == "singlevaluelist" and {"key": "เมืองทอง", "name": "เมืองทอง"} in attribute["values"]
    status, _, body = call(f"{base}/services/no_such_service.json")
    assert status == 404 and json.loads(body)[0]["code"] == 404 and json.loads(body)[0]["description"]


def test_requests_filter_by_status_service_and_dates(open311) -> None:
    base, _, _ = open311
    every = get_json(f"{base}/requests.json")
    assert [r["service_request_id"] for r in every] == ["0001/2569", "0002/2569", "0003/2569", "0004/2569"]
    assert all(set(r) == REQUEST_FIELDS for r in every)
    by_id = {r["service_request_id"]: r for r in every}
    assert (by_id["0001/2569"]["status"], by_id["0002/2569"]["status"]) == ("open", "open")
    assert (by_id["0003/2569"]["status"], by_id["0004/2569"]["status"]) == ("closed", "closed")
    assert (by_id["0003/2569"]["status_notes"], by_id["0004/2569"]["status_notes"]) == ("เสร็จสิ้น", "ยกเลิก")
    assert by_id["0003/2569"]["agency_responsible"] == "กองช่าง"
    assert by_id["0001/2569"]["requested_datetime"].endswith("+07:00")
    opened = get_json(f"{base}/requests.json?status=open")
    assert [r["service_request_id"] for r in opened] == ["0001/2569", "0002/2569"]
    roads = get_json(f"{base}/requests.json?service_code=road&status=closed")
    assert [r["service_request_id"] for r in roads] == ["0003/2569"]
    start = (pd.Timestamp(NOW) - pd.Timedelta(days=15)).strftime("%Y-%m-%dT%H:%M:%S+07:00")
    recent = get_json(f"{base}/requests.json?start_date={urllib.parse.quote(start)}")
    assert [r["service_request_id"] for r in recent] == ["0001/2569", "0002/2569"]
    listed = get_json(f"{base}/requests.json?service_request_id=0005/2568,0004/2569")
    assert sorted(r["service_request_id"] for r in listed) == ["0004/2569", "0005/2568"]
    assert call(f"{base}/requests.json?status=pending")[0] == 400


def test_a_request_by_id_and_no_personal_data_anywhere(open311) -> None:
    base, _, _ = open311
    (one,) = get_json(f"{base}/requests/0001/2569.json")
    assert one["service_request_id"] == "0001/2569" and one["address"] == "เมืองทอง"
    status, _, body = call(f"{base}/requests/0001/2569.xml")
    root = ET.fromstring(body)
    assert status == 200 and root.tag == "service_requests" and root.findtext("request/status") == "open"
    for url in (f"{base}/requests.json", f"{base}/requests.xml", f"{base}/requests/0001/2569.json"):
        text = call(url)[2].decode()
        assert not any(secret in text for secret in PERSONAL), url
    status, _, body = call(f"{base}/requests/9999/2569.json")
    assert status == 404 and json.loads(body)[0]["code"] == 404


def test_post_needs_a_key_and_files_a_complaint_with_a_token(open311) -> None:
    base, key, database_url = open311
    form = {"service_code": "road", "lat": "6.5536", "long": "101.2979", "description": "ไฟถนนดับทั้งซอยสามคืนแล้ว",
            "first_name": "สมชาย", "last_name": "ทดสอบ", "phone": "0899999999"}  # fmt: skip
    assert call(f"{base}/requests.json", data=form)[0] == 403
    assert call(f"{base}/requests.json", data={**form, "api_key": "yk_wrong"})[0] == 403
    assert call(f"{base}/requests.json", data={**form, "api_key": key, "service_code": "nope"})[0] == 400
    assert call(f"{base}/requests.json", data={**form, "api_key": key, "lat": "", "long": ""})[0] == 400
    (posted,) = get_json(f"{base}/requests.json", data={**form, "api_key": key})
    ticket, token = posted["service_request_id"], posted["token"]
    assert ticket and {"service_notice", "account_id"} <= set(posted)
    assert get_json(f"{base}/tokens/{token}.json") == [{"service_request_id": ticket, "token": token}]
    (shown,) = get_json(f"{base}/requests/{ticket}.json")
    assert (shown["status"], shown["service_code"], shown["address"]) == ("open", "road", "เมืองทอง")
    assert "0899999999" not in json.dumps(shown, ensure_ascii=False)
    assert shown["expected_datetime"].endswith("+07:00")  # the lifecycle's due date while open
    tickets.move(connect(database_url), ticket, "resolved", actor="somchai", public_note="เปลี่ยนหลอดไฟแล้ว")
    (closed,) = get_json(f"{base}/requests/{ticket}.json")
    assert closed["status"] == "closed" and closed["expected_datetime"] is None
    assert "เปลี่ยนหลอดไฟแล้ว" in closed["status_notes"]
    stored = store.load(connect(database_url), "complaints").set_index("ticket_id").loc[ticket]
    assert (stored["channel"], stored["complainant_phone"]) == ("open311", "0899999999")
    root = ET.fromstring(call(f"{base}/requests.xml", data={**form, "api_key": key})[2])
    assert root.tag == "service_requests" and root.findtext("request/service_request_id")


def test_a_revoked_key_is_refused_and_keys_are_stored_hashed(open311) -> None:
    base, _, database_url = open311
    engine = connect(database_url)
    made = api_keys.create(engine, "Old client", created_by="admin")
    form = {"api_key": made.key, "service_code": "waste", "address_string": "ตลาดเก่า", "description": "ขยะล้นถังหน้าตลาด"}
    assert call(f"{base}/requests.json", data=form)[0] == 200
    assert api_keys.revoke(engine, made.id, revoked_by="admin")
    assert call(f"{base}/requests.json", data=form)[0] == 403
    with engine.connect() as connection:
        stored = [tuple(row) for row in connection.execute(sa.select(api_keys_table))]
    assert not any(made.key in str(row) for row in stored)


@pytest.mark.parametrize(("lat", "long"), [("999", "101.28"), ("13.75", "100.50"), ("6.54", "500")])
def test_a_point_outside_the_city_or_the_earth_is_refused_not_stored(open311, lat: str, long: str) -> None:
    base, key, database_url = open311
    before = len(store.load(connect(database_url), "complaints"))
    form = {"api_key": key, "service_code": "road", "lat": lat, "long": long, "description": "หลุมใหญ่กลางถนน"}
    status, _, body = call(f"{base}/requests.json", data=form)
    assert status == 400 and json.loads(body)[0]["code"] == 400
    assert len(store.load(connect(database_url), "complaints")) == before


def test_a_posted_address_names_its_community_and_numbers_stay_out_of_the_text(open311) -> None:
    base, key, database_url = open311
    form = {"api_key": key, "service_code": "waste", "address_string": "ชุมชนเสรี ซอย 2 โทร 0812223333",
            "description": "ขยะไม่มีคนเก็บ 5 วัน โทรหาผม 081-222-3333 บัตร 1101700230700"}  # fmt: skip
    (posted,) = get_json(f"{base}/requests.json", data=form)
    stored = store.load(connect(database_url), "complaints").set_index("ticket_id").loc[posted["service_request_id"]]
    assert stored["community"] == "เสรี"
    assert "0812223333" not in stored["description"] and "081-222-3333" not in stored["description"]
    assert "1101700230700" not in stored["description"] and "ขยะไม่มีคนเก็บ 5 วัน" in stored["description"]
