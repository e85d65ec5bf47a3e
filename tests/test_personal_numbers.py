"""Phone and national ID numbers in free text: every form Thai people type is masked, and nothing
else (addresses, dates, amounts, hotlines, ticket numbers) is."""

from __future__ import annotations

import pytest

from data_sources.personal_numbers import MASK, first_phone, mask_personal_numbers


def test_mobile_numbers_and_national_ids_in_free_text_are_masked() -> None:
    masked = mask_personal_numbers("โทร 0810001234 หรือ 09 2000 5678 บัตร 1-1017-00230-70-5 บ้านเลขที่ 84")
    assert "0810001234" not in masked and "09 2000 5678" not in masked and "1-1017-00230-70-5" not in masked
    assert masked.count(MASK) == 3
    assert masked.endswith("บ้านเลขที่ 84")


@pytest.mark.parametrize(
    "typed",
    ["+66 81 234 5678", "0066812345678", "+66 (0) 81-234-5678", "๐๘๑-๒๓๔-๕๖๗๘", "073-212-345", "(073) 212 345",
     "02 123 4567", "+66 73 212 345", "๑-๑๐๑๗-๐๐๒๓๐-๗๐-๕", "08\u200b1234\u200b5678"],
)  # fmt: skip
def test_every_thai_phone_and_id_form_in_free_text_is_masked(typed: str) -> None:
    assert mask_personal_numbers(f"ติดต่อ {typed} ครับ") == f"ติดต่อ {MASK} ครับ"


@pytest.mark.parametrize(
    "typed", ["บ้านเลขที่ 84/12", "01/10/2569 09:00", "1,234,567 บาท", "95000", "สายด่วน 1555", "0001/2569"]
)
def test_addresses_dates_amounts_and_hotlines_are_not_masked(typed: str) -> None:
    assert mask_personal_numbers(typed) == typed


def test_the_chatbot_keeps_a_contact_phone_as_digits() -> None:
    assert first_phone("สมชาย โทร ๐๘๑-๒๓๔-๕๖๗๘") == "0812345678"
