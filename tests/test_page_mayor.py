"""AppTest: the Mayor Dashboard shows the small city's figures, worked out by hand (see
helpers/small_city.py for the six tickets), and only executives can open it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from data_sources import city_time
from helpers.apptest import open_app
from helpers.small_city import _ticket, month_m, open_small_city, upload
from metrics.catalogue import catalogue

PAGE = "pages/mayor_dashboard.py"
EXECUTIVE = {"role": "executive"}


@pytest.fixture
def small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_small_city(tmp_path, monkeypatch)


def metrics_of(at: AppTest) -> dict[str, tuple[str, str]]:
    """Label → (value, delta); a metric without a delta has "" (AppTest reads the empty field)."""
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_complaint_kpis_match_the_hand_count(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    assert not at.exception
    shown = metrics_of(at)
    # Received in M: T1-T4 = 4; in P: T5, T6 = 2, so +100%.
    assert shown["เรื่องร้องเรียนที่รับ"] == ("4", "+100.0%")
    # Resolved by the end of M: T1, T2 of 4 = 50%; P resolved 2 of 2 = 100%: -50 points.
    assert shown["อัตราการแก้ไขเรื่องร้องเรียน"] == ("50.0%", "-50.0 จุด")
    # Resolved within M: T1 after 1 day, T2 after 3: median 2; P: 2 and 1 days, median 1.5: +33.3%.
    assert shown["ระยะเวลาแก้ไขเรื่อง (มัธยฐาน)"] == ("2 วัน", "+33.3%")
    # Ratings of tickets resolved in M: (5 + 3) / 2 = 4.0; P's tickets have none, so no change.
    assert shown["ความพึงพอใจของประชาชน"] == ("4.0 / 5", "")


def test_scores_follow_the_kpis_that_have_data(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    shown = metrics_of(at)
    # Governance scores (capped at 1.2): received 450/4 → 1.2; resolution 0.5/0.9 = 0.556;
    # median 3/2 → 1.2; satisfaction 4.0/4.2 = 0.952; within 3 days 2/2 = 1.0/0.8 → 1.2;
    # backlog (T3 open > 15 days) 20/1 → 1.2; digital (line 2 of 4) 0.5/0.7 = 0.714;
    # freshness 1 of 12 datasets = 0.083/0.9 = 0.093. Mean = 7.115 / 8 = 0.889 → "0.88".
    assert shown["การบริหารจัดการอัจฉริยะ"][0] == "0.88"
    # Environment: only waste complaints (T3) has data: 60/1 → 1.2. City: (0.889 + 1.2) / 2 = 1.04.
    assert shown["สิ่งแวดล้อมอัจฉริยะ"][0] == "1.20"
    assert shown["คะแนนเมือง"][0] == "1.04"


def test_missing_data_reads_no_data_never_zero(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    shown = metrics_of(at)
    assert shown["นักท่องเที่ยวและผู้มาเยือน"] == ("ไม่มีข้อมูล", "")
    assert shown["คุณภาพชีวิตอัจฉริยะ"] == ("—", "")
    assert ":gray-badge[ไม่มีข้อมูล]" in [m.value for m in at.markdown]


def test_alerts_list_red_kpis_and_datasets_never_uploaded(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    texts = [m.value for m in at.markdown]
    # Eleven of the twelve datasets were never uploaded; complaints was, just now.
    assert "ข้อมูลที่ค้างส่ง (11)" in [e.label for e in at.expander]
    red = next(t for t in texts if "อัตราการแก้ไขเรื่องร้องเรียน 50.0%" in t)
    assert "90.0%" in red  # the target it misses
    # Each red KPI names its owner and links to its detail page.
    assert any("สำนักปลัดเทศบาล" in c.value for c in at.caption)


def test_the_score_stands_beside_its_red_capped_and_coverage_counts(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    honesty = next(c.value for c in at.caption if "ประเมินได้" in c.value)
    # Judged: the complaint KPIs with data in M and waste complaints (see the scores test).
    assert f"จาก {len(catalogue())} ตัวชี้วัด" in honesty


def test_a_river_rising_past_warning_shows_its_hours_to_critical(small_city: sa.Engine) -> None:
    now = city_time.now().replace(second=0) - timedelta(minutes=5)
    # Six hourly readings rising 0.1 m/h from 7.5 to 8.0; critical 8.5 is 0.5 m away: 5.0 hours.
    readings = pd.DataFrame({
        "station": "X.40A", "measured_at": [now - timedelta(hours=5 - h) for h in range(6)],
        "level_m": [7.5 + 0.1 * h for h in range(6)], "warning_level_m": 7.5, "critical_level_m": 8.5,
    })  # fmt: skip
    upload(small_city, "water_level", readings)
    at = open_app(page=PAGE, session=EXECUTIVE)
    assert not at.exception
    (warning,) = [w.value for w in at.warning]
    assert "บ้านท่าสาบ" in warning and "8.00" in warning and "0.10" in warning and "5.0" in warning


def test_english_mode_names_everything_in_english(small_city: sa.Engine) -> None:
    at = open_app(lang="en", page=PAGE, session=EXECUTIVE)
    assert not at.exception
    assert at.title[0].value == "Mayor Dashboard"
    shown = metrics_of(at)
    assert shown["Complaint resolution rate"] == ("50.0%", "-50.0 pts")
    assert shown["Citizen satisfaction"] == ("4.0 / 5", "")


def test_the_community_filter_keeps_that_community_s_tickets(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    at.selectbox(key="exec_community_th").set_value("เสรี").run()
    assert not at.exception
    shown = metrics_of(at)
    # เสรี in M: T2 (resolved) and T4 (open): 2 received, 1 resolved = 50%; in P: T5, T6.
    assert shown["เรื่องร้องเรียนที่รับ"] == ("2", "0")
    assert shown["อัตราการแก้ไขเรื่องร้องเรียน"][0] == "50.0%"
    assert shown["อัตราการจัดเก็บรายได้"][0] == "ไม่มีข้อมูล"  # revenue is not kept by community
    # One community's score is never called the city's.
    assert "คะแนนชุมชน" in shown and "คะแนนเมือง" not in shown
    assert ":gray-badge[เทียบไม่ได้ในระดับนี้]" in [m.value for m in at.markdown]


def test_picking_the_month_before_shows_its_figures(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    at.selectbox(key="exec_period_month_th").set_value(month_m().previous().code).run()
    assert metrics_of(at)["เรื่องร้องเรียนที่รับ"][0] == "2"


def test_a_new_upload_shows_on_the_next_rerun(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    assert metrics_of(at)["เรื่องร้องเรียนที่รับ"][0] == "4"
    late = pd.Timestamp(month_m().start) + pd.Timedelta(days=25, hours=9)
    upload(small_city, "complaints", pd.DataFrame([_ticket(7, late, None, "received", "line", "เสรี", "road", None)]))
    at.run()
    assert metrics_of(at)["เรื่องร้องเรียนที่รับ"][0] == "5"


def test_each_card_links_to_its_kpi_detail(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    links = [link.proto.query_string for link in at.get("page_link") if link.proto.page == "kpi"]
    assert any(link.endswith("detail_kpi=complaint_resolution_rate") for link in links)  # after the view
    # One card per KPI, and one link from each red KPI's alert (3 red: see the alerts test).
    assert len(set(links)) == len(catalogue()) and len(links) == len(catalogue()) + 3


def test_the_public_cannot_open_the_dashboard(small_city: sa.Engine) -> None:
    at = open_app()
    with pytest.raises(ValueError):
        at.switch_page(PAGE)


def test_fewer_complaints_read_green_because_lower_is_better(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    this_month = month_m().start.replace(day=28) + timedelta(days=5)  # a day of the month after M
    at.selectbox(key="exec_period_month_th").set_value(f"{this_month:%Y-%m}").run()
    (card,) = [m for m in at.metric if m.label == "เรื่องร้องเรียนที่รับ"]
    # No ticket yet in the month after M, against 4 in M: -100%, shown green (delta_color="inverse").
    assert (card.value, card.delta) == ("0", "-100.0%")
    assert card.proto.color == MetricProto.MetricColor.GREEN
    (rate,) = [m for m in at.metric if m.label == "อัตราการแก้ไขเรื่องร้องเรียน"]
    assert rate.value == "ไม่มีข้อมูล"  # no ticket received: no rate, never 0%
