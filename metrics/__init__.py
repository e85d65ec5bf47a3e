"""The KPI layer: periods (incl. the Thai fiscal year), the KPI catalogue, scoring, results,
trends, breakdowns, summaries and alerts. Plain Python and pandas; never imports Streamlit.

A page's path through it:
    period = periods.parse_period("2026-10")                      # or "FY2569", "last30", ...
    context = Context.from_upload_history(store.upload_history(engine), hourly=True)
    versions, load = store.versions(engine), lambda key: loading.load_frame(engine, key)
    result = compute.cached_compute_all(versions, load, period, context=context, community=None)
    grid = trends.cached_sparklines(versions, load, period, context=context)      # 12 periods per KPI
    breakdowns.by_community(kpi_id, frames, period) / breakdowns.by_category(kpi_id, frames, period)
    summary.summarise(result, "th") ; alerts.alerts(frames, period, result, now, freshness=context.last_uploads)
"""
