"""The KPI layer: periods (incl. the Thai fiscal year), the KPI catalogue, scoring, results,
trends, breakdowns, summaries and alerts. Plain Python and pandas; never imports Streamlit.

Pages call `compute.cached_compute_all` (or `compute.compute_all`), `trends.series`,
`breakdowns.by_community` / `by_category`, `summary.summarise` and `alerts.alerts`.
"""
