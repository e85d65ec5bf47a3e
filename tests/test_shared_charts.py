"""A shared chart reaches the browser exactly as st.altair_chart sends it, and new figures give a new one."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page() -> None:
    import pandas as pd
    import streamlit as st

    from ui import citizen_charts, shared_charts

    frame = pd.DataFrame({"label": ["น้ำท่วม", "ไฟไหม้"], "incidents": [3, 5]})
    st.altair_chart(citizen_charts.ranked_bars(frame, "label", "incidents", "ครั้ง"), alt="drawn here")
    for _ in range(2):  # the second visitor's chart comes from the cache
        shared_charts.show(citizen_charts.ranked_bars, frame, "label", "incidents", "ครั้ง", alt_text="shared")
    changed = frame.assign(incidents=[4, 5])  # a new upload: new figures
    shared_charts.show(citizen_charts.ranked_bars, changed, "label", "incidents", "ครั้ง", alt_text="changed")


def _sent(chart: object) -> tuple[str, list[tuple[str, bytes]]]:
    proto = chart.proto  # type: ignore[attr-defined]
    return proto.spec, [(named.name, named.data.data) for named in proto.datasets]


def test_a_shared_chart_is_the_altair_chart_and_follows_its_figures() -> None:
    at = AppTest.from_function(_page).run()

    assert not at.exception
    drawn, first, cached, changed = (_sent(chart) for chart in at.get("vega_lite_chart"))
    assert first == drawn and cached == drawn
    assert changed[0] == drawn[0].replace(drawn[1][0][0], changed[1][0][0])  # same chart, its data renamed
    assert changed[1] != drawn[1]
