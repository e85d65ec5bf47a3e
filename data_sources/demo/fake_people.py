"""Obviously fake personal data for demo complaints: names, phone numbers, national ID numbers.

Every surname says the person is made up (ทดสอบ = test, ตัวอย่าง = example, สมมุติ = supposed,
ข้อมูลจำลอง = simulated data), every phone number has the block 000, and every national ID number
fails the Thai check digit on purpose, so none of it can be mistaken for, or match, a real person.
"""

from __future__ import annotations

import numpy as np

# Thai, Malay-Muslim and Thai-Chinese first names, as Yala's mix of people.
_MALE_NAMES = ("สมชาย", "สมศักดิ์", "อับดุลเลาะ", "มูฮัมหมัด", "อิบรอเฮง", "ประเสริฐ", "วีระ", "ซูไฮมี", "ชัยวัฒน์", "อาแว")
_FEMALE_NAMES = ("สมหญิง", "ฟาตีมะห์", "ซีตีนอร์", "รอกีเยาะ", "วิไลวรรณ", "มาลี", "นูรีซัน", "สุนิสา", "ฮาลีมะ", "กัลยา")
FAKE_SURNAMES = ("ทดสอบ", "ตัวอย่าง", "สมมุติ", "ข้อมูลจำลอง")
_ANONYMOUS_SHARE = 0.2
_PHONE_SHARE = 0.85
_ID_CHANNELS = ("walk_in", "letter")  # a form on paper asks for the ID card number
_ID_WEIGHTS = np.arange(13, 1, -1)  # 13, 12, ..., 2 for digits 1–12


def thai_id_check_digit(first_twelve: np.ndarray) -> np.ndarray:
    """The check digit of Thai national ID numbers, one row of 12 digits each.

    Sum each digit times (13 − position), take it modulo 11, subtract from 11, keep the last digit.

    >>> int(thai_id_check_digit(np.array([[1, 1, 0, 1, 7, 0, 0, 2, 3, 0, 7, 0]]))[0])
    8
    """
    return (11 - (first_twelve @ _ID_WEIGHTS) % 11) % 10


def invalid_national_ids(rng: np.random.Generator, count: int) -> np.ndarray:
    """13-digit strings shaped like Thai national IDs whose check digit is wrong."""
    first_twelve = np.column_stack([rng.integers(1, 9, count), rng.integers(0, 10, (count, 11))])
    wrong = (thai_id_check_digit(first_twelve) + rng.integers(1, 10, count)) % 10
    digits = np.column_stack([first_twelve, wrong]).astype(str)
    return np.array(["".join(row) for row in digits], dtype=object)


def fake_names(rng: np.random.Generator, count: int) -> np.ndarray:
    """'นายสมชาย ทดสอบ'-style names, half men, half women."""
    male = rng.random(count) < 0.5
    first = np.where(
        male,
        np.array(_MALE_NAMES, dtype=object)[rng.integers(0, len(_MALE_NAMES), count)],
        np.array(_FEMALE_NAMES, dtype=object)[rng.integers(0, len(_FEMALE_NAMES), count)],
    )
    title = np.where(male, "นาย", np.where(rng.random(count) < 0.6, "นาง", "นางสาว")).astype(object)
    surname = np.array(FAKE_SURNAMES, dtype=object)[rng.integers(0, len(FAKE_SURNAMES), count)]
    return title + first + " " + surname


def fake_mobile_numbers(rng: np.random.Generator, count: int) -> np.ndarray:
    """'08x-000-xxxx': a mobile shape with an unused middle block."""
    prefix = rng.choice(np.array(["06", "08", "09"]), count)
    return np.array(
        [
            f"{p}{a}-000-{b:04d}"
            for p, a, b in zip(prefix, rng.integers(0, 10, count), rng.integers(0, 10_000, count), strict=True)
        ],
        dtype=object,
    )


def complainants(rng: np.random.Generator, channel: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Names, phones and ID numbers for tickets; anonymous tickets have none (None)."""
    count = len(channel)
    named = rng.random(count) >= _ANONYMOUS_SHARE
    names = np.where(named, fake_names(rng, count), None)
    phones = np.where(named & (rng.random(count) < _PHONE_SHARE), fake_mobile_numbers(rng, count), None)
    wants_id = np.isin(channel, _ID_CHANNELS) | (rng.random(count) < 0.08)
    ids = np.where(named & wants_id, invalid_national_ids(rng, count), None)
    return names, phones, ids
