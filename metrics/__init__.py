"""The KPI layer: periods (incl. the Thai fiscal year), the KPI catalogue, scoring, results,
trends, breakdowns, summaries and alerts. Plain Python and pandas; never imports Streamlit.

A page's path through it:
    period = periods.parse_period("2026-10")                      # or "FY2569", "last30", ...
    context = Context.from_upload_history(store.upload_history(engine), hourly=True)
    versions, load = store.versions(engine), lambda key: loading.load_frame(engine, key)
    result = compute.cached_compute_all(versions, load, period, context=context, community=None)
    grid = trends.cached_sparklines(versions, load, period, context=context)      # 12 periods per KPI
    breakdowns.by_community(kpi_id, frames, period) / breakdowns.by_category(kpi_id, frames, period)
    summary.summarise(result, "th")
    where, since = alerts.kpi_context(frames, result, context=context)
    alerts.alerts(frames, period, result, now, freshness=context.last_uploads, where=where, since=since)

For briefings and slides (plain data, `to_json()` on each): `result.to_json(detail=True)` (to-date
figures, red/capped/coverage counts), `Alert.to_json()` (ranked, where, since, owner, link),
`scorecard.scorecards(frames, period, context=context, result=result)` (each division's KPIs,
late data and assigned complaints), `compute.figure(kpi_id, frames, period)` for one KPI, and
`dimensions.by_dimension(kpi_id, frames, period, "community" | "division" | "category" | "channel")`.
"""
