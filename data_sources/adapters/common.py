"""Columns and value lists that several division datasets share."""

from __future__ import annotations

from data_sources.city import profile
from data_sources.divisions import DIVISIONS as ALL_DIVISIONS
from data_sources.schema import Choice, Column, Decimal, Option


def _community_options() -> tuple[Option, ...]:
    return tuple(
        Option(c["name_th"], c["name_th"], c["name_en"], (f"ชุมชน{c['name_th']}", c["name_en"]))
        for c in profile()["communities"]
    )


COMMUNITY = Choice(_community_options(), closed=False)

DIVISIONS = Choice(
    tuple(Option(d.key, d.title_th, d.title_en, d.synonyms) for d in ALL_DIVISIONS.values()),
    closed=False,
)


def community_column(*, required: bool = True) -> Column:
    return Column(
        "community",
        COMMUNITY,
        "ชุมชน",
        "Community",
        ("ชื่อชุมชน", "community name", "เขต/ชุมชน", "โซน/ชุมชน", "zone"),
        required=required,
        example="เมืองทอง",
    )


def latitude_column(*, required: bool = False) -> Column:
    # Thailand's extent: a value outside it is a swapped or mistyped coordinate.
    return Column(
        "latitude",
        Decimal(minimum=5.5, maximum=20.5, dash_is_zero=False),
        "ละติจูด",
        "Latitude",
        ("lat", "พิกัด lat", "พิกัดละติจูด", "y"),
        required=required,
        example=6.5536,
    )


def longitude_column(*, required: bool = False) -> Column:
    return Column(
        "longitude",
        Decimal(minimum=97.3, maximum=105.7, dash_is_zero=False),
        "ลองจิจูด",
        "Longitude",
        ("lon", "lng", "long", "พิกัด lon", "พิกัดลองจิจูด", "x"),
        required=required,
        example=101.2979,
    )
