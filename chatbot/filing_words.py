"""How citizens answer while filing: yes and no (polite, colloquial, Thai, English, Malay), cancel,
skip, "edit the place", a question instead of an answer, phone numbers and coordinates."""

from __future__ import annotations

import re
from typing import Literal

from chatbot.text import PARTICLES, clean, split_words
from data_sources.personal_numbers import first_phone, mask_personal_numbers

Said = Literal["yes", "no", "cancel"]
Field = Literal["category", "place", "description", "contact", "photo"]

_CANCEL_PHRASES = ("ยกเลิก", "ไม่แจ้งแล้ว", "ไม่เอาแล้ว", "ไม่ต้องแจ้งแล้ว", "เลิกแจ้ง", "ไม่ส่งแล้ว", "พอแล้ว", "หยุดก่อน",
                   "ไม่แจ้งดีกว่า", "ไม่แจ้งละ", "ไม่ร้องเรียนแล้ว", "ไม่ร้องเรียนดีกว่า", "ไม่ส่งดีกว่า", "เปลี่ยนใจ")  # fmt: skip
_CANCEL_ENGLISH = re.compile(
    r"\b(?:cancel\w*|stop|quit|abort|never\s*mind|forget\s+(?:it|about\s+it)|batal|changed\s+my\s+mind"
    r"|(?:don'?t|do\s+not)\s+want\s+to\s+(?:report|file|complain|send))\b"
)
_YES_WORDS = frozenset(
    {"ยืนยัน", "ใช่", "ตกลง", "ได้", "ส่ง", "ถูกต้อง", "ถูก", "โอเค", "ok", "okay", "เอา", "จัด", "ไป", "แจ้ง",
     "ครับ", "ค่ะ", "คับ", "ค่า", "จ้า", "เอาเลย", "เรียบร้อย", "ชัวร์", "เยส", "that", "'s", "s", "เลย", "เลยค่ะ", "เลยครับ", "ไม่มีปัญหา", "ยืนยันส่ง", "บันทึก",
     "yes", "y", "yep", "yeah", "yup", "ya", "sure", "confirm", "confirmed", "submit", "send", "go", "ahead",
     "correct", "right", "please", "do", "it", "that's", "thats", "fine", "good", "file", "now", "ok.", "betul",
     "boleh", "hantar", "ja", "ye", "baik", "lah", "ครับผม", "นะ", "เลยจ้า", "ได้เลย", "ส่งเลย", "all", "is",
     "looks", "great", "perfect", "alright", "k", "kk"}
)  # fmt: skip
_NO_WORDS = frozenset(
    {"ไม่", "ไม่ใช่", "ไม่ส่ง", "ไม่เอา", "ยังไม่", "ไม่ต้อง", "no", "nope", "nah", "not", "don't", "dont", "tak", "tidak"}
)
_SKIP_WORDS = frozenset(
    {"ข้าม", "ไม่", "ไม่ต้อง", "ไม่ระบุ", "ไม่ให้", "ไม่สะดวก", "ไม่มี", "ไม่ขอ", "ไม่ประสงค์", "ไม่ต้องติดต่อ",
     "ไม่ต้องติดต่อกลับ", "ไม่ต้องโทร", "-", "skip", "no", "none", "n/a", "na", "nope", "nothing", "pass", "tak", "tidak"}
)  # fmt: skip
_FILLER = frozenset(
    {"ครับ", "ค่ะ", "คะ", "นะ", "จ้า", "please", "thanks", "thank", "you", "ขอบคุณ", "ละ", "แล้ว", "กัน", "ก็", "ค่า", "ๆ"}
)

EDIT_WORDS = ("แก้ไข", "แก้", "เปลี่ยน", "edit", "change", "correct", "fix", "update", "ubah", "tukar")
FIELD_WORDS: dict[Field, tuple[str, ...]] = {
    "category": ("ประเภท", "หมวด", "เรื่อง", "category", "kind", "type"),
    "place": ("สถานที่", "ที่อยู่", "ชุมชน", "ตำแหน่ง", "ที่เกิดเหตุ", "place", "location", "address", "where", "community"),
    "description": ("รายละเอียด", "ข้อความ", "คำอธิบาย", "description", "details", "detail", "text"),
    "contact": ("ติดต่อ", "เบอร์", "ชื่อ", "โทร", "contact", "phone", "name", "number"),
    "photo": ("รูป", "ภาพ", "photo", "picture", "image"),
}
_POLITE_START = re.compile(
    r"^(?:ขอ|อยาก|ต้องการ|ช่วย|i\s+want\s+to\s+|i'?d\s+like\s+to\s+|can\s+i\s+|please\s+|let\s+me\s+)\s*"
)
_EDIT_VALUE = re.compile(r"(?:เป็น|ว่า|to|:)\s*(.+)$")

_QUESTION_THAI = ("ไหม", "มั้ย", "หรือเปล่า", "รึเปล่า", "อะไร", "ที่ไหน", "เมื่อไหร่", "เมื่อไร", "กี่", "ยังไง", "อย่างไร",
                  "ทำไม", "เท่าไหร่", "หรือยัง", "ได้ป่าว", "ป่าว", "ไหน", "ใคร")  # fmt: skip
_QUESTION_ENGLISH = re.compile(r"^(?:what|where|when|how|why|which|who|is|are|can|could|do|does|will|should)\b|\?\s*$")

_COORDINATES = re.compile(r"(-?\d{1,2}\.\d{3,})\s*[,/ ]\s*(-?\d{2,3}\.\d{3,})")


def _words(text: str) -> list[str]:
    return [w for w in split_words(clean(text)) if w.strip()]


def said(text: str) -> Said | None:
    """Whether a short reply says yes, no or cancel (None: it says something else).

    >>> [said(t) for t in ("ยืนยันค่ะ", "ใช่ค่ะ", "ได้เลย", "ส่งเลยครับ", "ไม่ค่ะ", "ยกเลิก", "yes please send it", "ถนนพัง")]
    ['yes', 'yes', 'yes', 'yes', 'no', 'cancel', 'yes', None]
    """
    cleaned = clean(text).strip(" .!?~")
    unspaced = cleaned.replace(" ", "")
    if any(phrase in unspaced for phrase in _CANCEL_PHRASES) or _CANCEL_ENGLISH.search(cleaned):
        return "cancel"
    if len(cleaned) > 60:
        return None
    words = [w.strip(".!,") for w in _words(cleaned)]
    words = [w for w in words if w]
    if not words:
        return None
    if "ไม่มีปัญหา" in unspaced or "ไม่ต้องแก้" in unspaced:
        return "yes"
    meaning = [w for w in words if w not in _FILLER and w not in PARTICLES]
    if unspaced in {"ม่าย", "ไม่", "บ่"} or (len(meaning) <= 3 and any(w in _NO_WORDS for w in meaning)):
        return "no"
    if all(w in _YES_WORDS or w in _FILLER or w in PARTICLES for w in words):
        return "yes"
    return None


_SEND_WORDS = ("ยืนยัน", "ส่งเลย", "ส่งได้", "confirm", "submit", "send it")


def says_send(text: str) -> bool:
    """ "ยืนยันค่ะ", "ส่งเลย", "confirm": a yes that means "send it", not "yes, call me"."""
    unspaced = clean(text).replace(" ", "")
    return said(text) == "yes" and any(word.replace(" ", "") in unspaced for word in _SEND_WORDS)


def skipped(text: str) -> bool:
    """True when the answer declines to give something ("ข้าม", "ไม่ต้องค่ะ", "no thanks")."""
    words = [w for w in _words(text) if w not in _FILLER and w not in PARTICLES]
    compact = clean(text).replace(" ", "").strip(".!")
    return compact in _SKIP_WORDS or (
        bool(words) and len(words) <= 4 and words[0] in _SKIP_WORDS and first_phone(clean(text)) is None
    )


def edit_request(text: str) -> tuple[Field | None, str | None] | None:
    """("place", "หน้าตลาดเก่า") for "แก้สถานที่เป็น หน้าตลาดเก่า"; (field, None) without a new value;
    (None, None) for "แก้ไข" alone; None when the message is not asking to edit.

    >>> edit_request("แก้สถานที่เป็น หน้าตลาดเก่า"), edit_request("change the description"), edit_request("หลุมลึก")
    (('place', 'หน้าตลาดเก่า'), ('description', None), None)
    """
    cleaned = _POLITE_START.sub("", clean(text))
    unspaced = cleaned.replace(" ", "")
    if not any(unspaced.startswith(word) or cleaned.startswith(word) for word in EDIT_WORDS):
        return None
    number = re.search(r"(?:ข้อ|no\.?|item|#)?\s*([1-5])\b", cleaned)
    field: Field | None = None
    for name, words in FIELD_WORDS.items():
        if any(word in unspaced for word in words):
            field = name
            break
    if field is None and number is not None:
        field = ("category", "place", "description", "photo", "contact")[int(number.group(1)) - 1]  # type: ignore[assignment]
    value = _EDIT_VALUE.search(text.strip())
    new_value = value.group(1).strip() if value and field else None
    return field, new_value or None


_CORRECTION = ("ไม่ใช่", "ผิด", "ต้องเป็น", "จริงๆเป็น", "จริงๆคือ", "ขอโทษ", "not", "wrong", "actually", "should be",
               "sorry", "bukan")  # fmt: skip


def place_correction(text: str, community_now: str | None, *, any_mention: bool) -> str | None:
    """The new place when a message corrects the community ("ไม่ใช่ค่ะ ต้องเป็นชุมชนสามัคคี"): a community other
    than `community_now`, said with a correction word (or at all, when `any_mention`); else None.

    >>> place_correction("ไม่ใช่ค่ะ ต้องเป็นชุมชนสามัคคี", "สะพรั่ง", any_mention=False)
    'ชุมชนสามัคคี'
    """
    from chatbot import slots

    community = slots.community(text)
    if community is None or community == community_now:
        return None
    unspaced = clean(text).replace(" ", "")
    if not any_mention and not any(word.replace(" ", "") in unspaced for word in _CORRECTION):
        return None
    value = _EDIT_VALUE.search(text.strip())
    if value and slots.community(value.group(1)) == community:
        return value.group(1).strip()
    start = text.find("ชุมชน")
    return text[start:].strip() if start >= 0 else community


_TRAILING_PARTICLES = re.compile(r"(?:\s*(?:นะ|น่ะ|จ้ะ|จ้า|จ้ะ|ค่ะ|คะ|ค่า|ครับ|คับ|ขอรับ|เลย|ฮะ|ค่ะๆ))+\s*$")


def without_particles(text: str) -> str:
    """A short answer without the polite particles at its end ("ชุมชนเมืองทองค่ะ" -> "ชุมชนเมืองทอง")."""
    return _TRAILING_PARTICLES.sub("", text).strip() or text.strip()


def looks_like_question(text: str) -> bool:
    """True for a message shaped as a question (Thai question words, English question form, "?")."""
    cleaned = clean(text)
    unspaced = cleaned.replace(" ", "")
    return "?" in text or any(word in unspaced for word in _QUESTION_THAI) or bool(_QUESTION_ENGLISH.search(cleaned))


def phone(text: str) -> str | None:
    """The first phone number in `text`, digits only ("089-123-4567" -> "0891234567")."""
    return first_phone(clean(text))


def coordinates(text: str) -> tuple[float, float] | None:
    """Latitude and longitude typed or pasted (a map link's "@6.55,101.29" or "6.55, 101.29"), if in Thailand.

    >>> coordinates("https://maps.google.com/?q=6.5536,101.2979"), coordinates("อยู่ซอย 3")
    ((6.5536, 101.2979), None)
    """
    found = _COORDINATES.search(text)
    if not found:
        return None
    latitude, longitude = float(found.group(1)), float(found.group(2))
    if 5.5 <= latitude <= 20.5 and 97.3 <= longitude <= 105.7:
        return latitude, longitude
    return None


def scrub(text: str) -> str:
    """`text` without phone or national ID numbers (they belong in the personal columns only)."""
    return mask_personal_numbers(text, mask="[…]").strip()


def without_numbers(text: str) -> str:
    """`text` with phone and ID numbers taken out (what is left of a contact answer is the name)."""
    return mask_personal_numbers(text, mask="").strip(" ,:-")
