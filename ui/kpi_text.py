"""Words and numbers on the KPI cards, in Thai or English (pure: no Streamlit, tested directly)."""

from __future__ import annotations

from metrics.compute import CityResult, KpiResult
from metrics.dashboard import Change
from metrics.periods import Period
from metrics.phrases import format_score, format_value, phrase
from metrics.scoring import Status
from ui.format import format_number
from ui.strings import Lang, translate

# st.metric reads the arrow from the text's first character, so the minus must be ASCII "-".
_MINUS, _PLUS = "-", "+"
STATUS_COLOURS: dict[str, str] = {"green": "green", "amber": "orange", "red": "red", "none": "gray"}


def _signed(amount: float, text: str) -> str:
    return f"{_MINUS if amount < 0 else _PLUS}{text}"


def change_text(change: Change, lang: Lang) -> str:
    """ "+4.9 จุด" (a rate, in percentage points), "-11.9%" (relative), "+5" (from zero).

    >>> change_text(Change("points", 0.049), "en"), change_text(Change("relative", -0.119), "th")
    ('+4.9 pts', '-11.9%')
    """
    size = abs(change.amount)
    if change.kind == "points":
        return _signed(change.amount, f"{size * 100:,.1f} {translate('dash.unit.points', lang)}")
    if change.kind == "relative":
        return _signed(change.amount, f"{size * 100:,.1f}%")
    return _signed(change.amount, format_number(size, decimals=0 if size == int(size) else 1))


def is_flat(change: Change | None) -> bool:
    """A change that rounds to nothing on the card (shown grey, without an arrow)."""
    if change is None:
        return False
    return round(abs(change.amount) * (100 if change.kind != "absolute" else 1), 1) == 0


def value_text(result: KpiResult, lang: Lang) -> str:
    """The value as the card shows it; a rating reads "4.2 / 5" (the long unit would not fit)."""
    return figure_text(result.value, result.kpi.unit, lang)


def figure_text(value: float | None, unit: str, lang: Lang) -> str:
    """A KPI's figure as the cards write it (`value_text` for a value outside a card's result).

    >>> figure_text(4.21, "rating", "en"), figure_text(0.875, "percent", "th")
    ('4.2 / 5', '87.5%')
    """
    if unit == "rating" and value is not None:
        return f"{value:.1f} / 5"
    return format_value(value, unit, lang)


def target_text(result: KpiResult, lang: Lang) -> str:
    """ "เป้าหมาย 90.0%" / "Target ≤ 450": the sign says which side of the target is good."""
    if result.target is None:
        return translate("dash.card.no_target", lang)
    return translate(
        "dash.card.target", lang, side=_side(result), target=format_value(result.target, result.kpi.unit, lang)
    )


def target_bound(result: KpiResult, lang: Lang) -> str:
    """The target alone, for a column headed "target": "≥ 90.0%", "≤ 450"; "—" without one."""
    if result.target is None:
        return "—"
    return f"{_side(result)} {format_value(result.target, result.kpi.unit, lang)}"


def _side(result: KpiResult) -> str:
    return "≥" if result.kpi.better == "higher" else "≤"


def kpi_name(result: KpiResult, lang: Lang) -> str:
    return result.kpi.name_th if lang == "th" else result.kpi.name_en


def kpi_description(result: KpiResult, lang: Lang) -> str:
    return result.kpi.description_th if lang == "th" else result.kpi.description_en


def pillar_name(pillar: str, lang: Lang) -> str:
    return phrase("pillars", pillar, lang)


def status_text(status: Status | None, lang: Lang) -> str:
    return translate(f"dash.status.{status or 'none'}", lang)


def verdict_text(result: KpiResult, lang: Lang) -> str:
    """The badge: green/amber/red, or why the KPI is not judged (no data, not comparable, too few)."""
    verdict = result.verdict
    if verdict in ("judged", "no_data"):
        return status_text(result.status, lang)
    return translate(f"dash.status.{verdict}", lang)


def span_text(result: KpiResult, lang: Lang) -> str:
    """ "ถึงปัจจุบัน (2 จาก 12 เดือน)" / "to date (23 of 30 days)" for a span shorter than its
    period; "" for a whole period."""
    span = result.span
    if span is None or span.empty or not span.partial:
        return ""
    period = span.period
    by_days = period.kind in ("month", "rolling")
    if not result.to_date:
        if by_days:
            return translate("dash.span.partial_days", lang, elapsed=span.days, days=period.days)
        return translate("dash.span.partial", lang, elapsed=span.months_touched, months=period.months)
    if by_days:
        return translate("dash.span.to_date_days", lang, elapsed=span.days, days=period.days)
    return translate("dash.span.to_date_months", lang, elapsed=span.months_touched, months=period.months)


def score_name(result: CityResult, lang: Lang) -> str:
    """ "City score", or "Community score" / "Division score": a community's is never the city's."""
    return translate(f"dash.score.{result.scope.kind}", lang)  # city, community or division


def honesty_text(result: CityResult, lang: Lang) -> str:
    """What stands beside the score: red and capped counts, and how many KPIs were judged."""
    coverage = result.coverage()
    return translate("dash.score.honesty", lang, red=result.red_count, capped=result.capped_count,
                     judged=coverage.judged, declared=coverage.declared)  # fmt: skip


def status_colour(status: Status | None) -> str:
    return STATUS_COLOURS[status or "none"]


def score_text(score: float | None) -> str:
    """A CityScore-style score: 1.00 is on target; "—" when there is no data (metrics.phrases)."""
    return format_score(score)


def score_change_text(score: float | None, previous: float | None) -> str | None:
    if score is None or previous is None:
        return None
    return _signed(score - previous, f"{abs(score - previous):.2f}")


def versus_previous(period: Period, lang: Lang) -> str:
    """ "จากเดือนก่อน" / "vs last month"."""
    return translate(f"dash.vs_previous.{period.kind}", lang)


def year_ago_text(change: Change | None, lang: Lang) -> str:
    if change is None:
        return translate("dash.card.year_ago_none", lang)
    return translate("dash.card.year_ago", lang, change=change_text(change, lang))
