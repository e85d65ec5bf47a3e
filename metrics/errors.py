"""Exceptions the metrics layer raises on purpose; the CLI and the pages catch them."""

from __future__ import annotations

from data_sources.city import communities_like, community_in


class MetricsError(Exception):
    """Base of every error this package raises on purpose; both messages are shown as they are."""

    code = "metrics-error"

    def __init__(self, message_th: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_th = message_th
        self.message_en = message_en


class UnknownPeriod(MetricsError):
    code = "unknown-period"

    def __init__(self, text: str) -> None:
        accepted = "YYYY-MM, YYYY-Qn, FY2568, FY2568-Q1, last7, last30"
        super().__init__(
            f"ไม่เข้าใจช่วงเวลา '{text}' (รูปแบบที่ใช้ได้: {accepted})",
            f"Cannot read the period '{text}' (accepted forms: {accepted})",
        )
        self.text = text


class UnknownKPI(MetricsError):
    code = "unknown-kpi"

    def __init__(self, kpi_id: str) -> None:
        super().__init__(f"ไม่รู้จักตัวชี้วัด '{kpi_id}'", f"Unknown KPI '{kpi_id}'")
        self.kpi_id = kpi_id


class UnknownDivision(MetricsError):
    code = "unknown-division"

    def __init__(self, division: str) -> None:
        super().__init__(f"ไม่รู้จักหน่วยงาน '{division}'", f"Unknown division '{division}'")
        self.division = division


class UnknownCommunity(MetricsError):
    code = "unknown-community"

    def __init__(self, community: str) -> None:
        like = communities_like(community)
        hint_th = f" หมายถึง {' หรือ '.join(like)} ใช่ไหม" if like else ""
        hint_en = f"; did you mean {' or '.join(community_in(name, 'en') for name in like)}?" if like else ""
        super().__init__(f"ไม่รู้จักชุมชน '{community}'{hint_th}", f"Unknown community '{community}'{hint_en}")
        self.community = community
