"""Population by community and year, with age bands, from Civil Registration."""

from __future__ import annotations

from data_sources.adapters.common import community_column
from data_sources.schema import Column, Dataset, Integer, RowCheck, Year

_COUNT = Integer(minimum=0, maximum=1_000_000)

POPULATION = Dataset(
    key="population",
    title_th="ประชากร",
    title_en="Population",
    description_th="จำนวนประชากรตามทะเบียนราษฎร แยกตามชุมชน เพศ ครัวเรือน และช่วงอายุ ณ สิ้นปี",
    description_en="Registered population by community: sex, households and age bands, at year end.",
    owner="registration",
    pillar="living",
    cadence_days=366,
    primary_key=("year", "community"),
    upload_mode="upsert",
    period_column="year",
    columns=(
        Column(
            "year",
            Year(minimum=2500, maximum=2700),
            "ปี พ.ศ.",
            "Year (BE)",
            ("ปี", "พ.ศ.", "year"),
            example=2567,
            description_th="ปีพุทธศักราช",
            description_en="Buddhist-era year",
        ),
        community_column(),
        Column("male", _COUNT, "ชาย", "Male", ("เพศชาย", "ชาย (คน)", "male", "men"), example=1210),
        Column("female", _COUNT, "หญิง", "Female", ("เพศหญิง", "หญิง (คน)", "female", "women"), example=1302),
        Column(
            "households",
            _COUNT,
            "จำนวนครัวเรือน",
            "Households",
            ("ครัวเรือน", "บ้าน", "หลังคาเรือน", "households"),
            example=845,
        ),
        Column("age_0_14", _COUNT, "อายุ 0-14 ปี", "Age 0-14", ("0-14 ปี", "เด็ก (0-14)", "age 0-14", "0-14"), example=540),
        Column(
            "age_15_59", _COUNT, "อายุ 15-59 ปี", "Age 15-59", ("15-59 ปี", "วัยทำงาน", "age 15-59", "15-59"), example=1610
        ),
        Column("age_60_plus", _COUNT, "อายุ 60 ปีขึ้นไป", "Age 60+", ("60 ปีขึ้นไป", "ผู้สูงอายุ", "60+", "age 60+"), example=362),
    ),
    checks=(
        RowCheck(
            "sexes_match_age_bands", ("male", "female", "age_0_14", "age_15_59", "age_60_plus"), severity="warning"
        ),
    ),
)
