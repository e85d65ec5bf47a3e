"""A short written summary per pillar, generated from the figures, in Thai or English.

"การบริหารจัดการอัจฉริยะ: คะแนน 0.94 (ใกล้เป้าหมาย) เรื่องร้องเรียนที่รับเดือนนี้ 245 ลดลง 12% จากเดือนก่อน ..."
Each summary names the pillar's score and status, its first KPIs with data and their change
against the previous period, and the KPIs below target.
"""

from __future__ import annotations

from data_sources.schema import PILLARS, Pillar
from metrics.compute import CityResult, KpiResult
from metrics.periods import Period
from metrics.phrases import format_number, format_score, format_value, phrase
from metrics.scoring import status

HEADLINES_PER_PILLAR = 2
SAME_WITHIN = 0.005  # a change under half a per cent reads as "about the same"


def kpi_name(result: KpiResult, lang: str) -> str:
    return result.kpi.name_th if lang == "th" else result.kpi.name_en


def kpi_sentence(result: KpiResult, period: Period, lang: str) -> str:
    """ "เรื่องร้องเรียนที่รับเดือนนี้ 245 ลดลง 12% จากเดือนก่อน" / "Complaints received this month: 245, down 12% ..."."""
    slots = {
        "name": kpi_name(result, lang),
        "when": phrase("this_period", period.kind, lang),
        "value": format_value(result.value, result.kpi.unit, lang),
        "before": phrase("previous_period", period.kind, lang),
    }
    change = result.change()
    if change is None:
        return phrase("summary", "kpi_plain", lang, **slots)
    if abs(change) < SAME_WITHIN:
        return phrase("summary", "kpi_same", lang, **slots)
    key = "kpi_up" if change > 0 else "kpi_down"
    return phrase("summary", key, lang, change=format_number(abs(change) * 100), **slots)


def pillar_summary(result: CityResult, pillar: Pillar, lang: str = "th") -> str:
    name = phrase("pillars", pillar, lang)
    score = result.pillars.get(pillar)
    if score is None:
        return phrase("summary", "pillar_no_data", lang, pillar=name)
    members = [r for r in result.kpis.values() if r.kpi.pillar == pillar]
    status_word = phrase("status", status(score) or "none", lang)
    parts = [phrase("summary", "pillar_score", lang, pillar=name, score=format_score(score), status=status_word)]
    with_data = [r for r in members if r.value is not None]
    parts += [kpi_sentence(r, result.period, lang) for r in with_data[:HEADLINES_PER_PILLAR]]
    below = [kpi_name(r, lang) for r in members if r.status == "red"]
    if below:
        names = phrase("summary", "list_joiner", lang).join(below)
        parts.append(phrase("summary", "below_target", lang, names=names))
    return phrase("summary", "joiner", lang).join(parts) + phrase("summary", "end", lang)


def summarise(result: CityResult, lang: str = "th") -> dict[Pillar, str]:
    """One short paragraph per pillar, from the figures in `result`."""
    return {pillar: pillar_summary(result, pillar, lang) for pillar in PILLARS}
