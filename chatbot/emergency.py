"""Rules for the one intent that must never be missed: an emergency wins over everything else.

The classifier also learns emergencies from phrases; these rules catch what a model might score
low, so they lean towards answering: a false alarm costs one extra message, a miss costs more.
"""

from __future__ import annotations

import re

from chatbot.text import clean

# Thai is matched on text with spaces removed; each term says "danger now" on its own.
THAI_TERMS: tuple[str, ...] = (
    # fire, gas, electricity
    "ไฟไหม้",
    "เพลิงไหม้",
    "ไฟลุก",
    "ไฟลาม",
    "บ้านไหม้",
    "ไหม้บ้าน",
    "ควันเต็มบ้าน",
    "ควันเต็มห้อง",
    "แก๊สรั่ว",
    "ก๊าซรั่ว",
    "ถังแก๊สระเบิด",
    "ไฟดูด",
    "ไฟช็อต",
    "ไฟฟ้าช็อต",
    "ไฟฟ้าดูด",
    "โดนไฟ",
    # water
    "จมน้ำ",
    "เด็กตกน้ำ",
    "คนตกน้ำ",
    "ลูกตกน้ำ",
    "ตกลงไปในน้ำ",
    "ตกลงไปในแม่น้ำ",
    "ตกแม่น้ำ",
    "ตกคลอง",
    "ตกบ่อ",
    "น้ำพัด",
    "ถูกน้ำพัด",
    "โดนน้ำพัด",
    "ติดอยู่ในบ้าน",
    "ติดอยู่บนหลังคา",
    "ติดอยู่ในน้ำ",
    "ติดน้ำออกไม่ได้",
    "ติดอยู่",
    "ออกจากบ้านไม่ได้",
    "น้ำท่วมมิดหลังคา",
    "น้ำท่วมถึงหน้าอก",
    "น้ำท่วมถึงคอ",
    # medical
    "มีคนเจ็บ",
    "คนเจ็บหนัก",
    "บาดเจ็บ",
    "เลือดออกมาก",
    "เลือดไหลไม่หยุด",
    "เลือดออกไม่หยุด",
    "หมดสติ",
    "ไม่รู้สึกตัว",
    "ไม่หายใจ",
    "หยุดหายใจ",
    "หายใจไม่ออก",
    "หัวใจวาย",
    "หัวใจหยุดเต้น",
    "เจ็บหน้าอก",
    "ชักเกร็ง",
    "กำลังชัก",
    "งูกัด",
    "งูเห่า",
    "งูเข้าบ้าน",
    "เส้นเลือดในสมอง",
    "ล้มหัวฟาด",
    "กินยาเกินขนาด",
    "ฆ่าตัวตาย",
    "อยากตาย",
    "รถพยาบาล",
    "ดับเพลิง",
    "กู้ภัย",
    "กู้ชีพ",
    "ตำรวจ",
    "สายด่วนสาธารณภัย",
    # accidents and violence
    "อุบัติเหตุ",
    "รถชน",
    "รถคว่ำ",
    "รถล้ม",
    "ระเบิด",
    "ยิงกัน",
    "ถูกยิง",
    "โดนยิง",
    "เสียงปืน",
    "ถูกแทง",
    "โดนแทง",
    "ปล้น",
    "ทำร้ายร่างกาย",
    "โจรขึ้นบ้าน",
    "ตึกถล่ม",
    "บ้านถล่ม",
    "ดินสไลด์",
    "ทับคน",
    "อาวุธ",
    "วัตถุต้องสงสัย",
    "งัดบ้าน",
    "ทะเลาะวิวาท",
    "ลูกชัก",
    "เด็กชัก",
    "จะคลอด",
    # calls for help
    "ช่วยด้วย",
    "ช่วยที",
    "ใครก็ได้ช่วย",
    "ฉุกเฉิน",
    "เหตุด่วน",
    "เหตุร้าย",
)

# Whole words or phrases in English, after `clean` (lowercase, repeated letters collapsed).
_ENGLISH = re.compile(
    r"""\b(?:
        (?<!forest\s)fire(?!\s*-?\s*(?:walk\w*|works?|crackers?)\b)s?|on\s+fire|(?:house|building|car|shop)\s+(?:is\s+)?burning
      | smoke\s+everywhere|gas\s+leak|electrocut\w*
      | drown\w*|trapped|stuck\s+in\s+(?:the\s+)?(?:flood|water|house)|swept\s+away
      | heart\s+attack|not\s+breathing|can'?t\s+breathe|cannot\s+breathe|unconscious|passed\s+out|fainted
      | bleeding|seizure|stroke|overdose|snake\s*bite|bitten\s+by\s+a\s+snake|suicid\w*|kill\s+myself
      | accident|crash|car\s+crashed|injured|ambulance|emergency|explosion|bomb|shooting|(?:got|been|was|were|is|getting)\s+shot
      | stabbed|robbery|robbed|gun|gunshots?|police|collapsed|chest\s+pain|hit\s+by\s+a\s+(?:car|truck|bus|motorbike)
      | suspicious\s+(?:object|package|bag)|breaking\s+into|urgent\s+help|tree\s+fell\s+on|fell\s+into\s+(?:the\s+|a\s+)?(?:river|water|canal|well|pond)
      | (?:being|been)\s+attacked|sos|911
    )\b""",
    re.VERBOSE,
)
# "help" is an emergency when it stands (almost) alone, not in "can you help me with tax".
_BARE_HELP = re.compile(
    r"^(?:please\s+|pls\s+)?(?:he+l+p+|helps|help\s+me|help\s+us|someone\s+help(?:\s+me|\s+us)?|need\s+help\s+(?:now|urgently))"
    r"(?:\s+please|\s+pls|\s+help|\s+now)*[\s!.]*$"
)


# "ด่วน" (urgent) alone is a cry for help; inside a longer message it is not ("กู้เงินด่วน").
_BARE_URGENT = re.compile(r"^(?:ด่วน(?:มาก|ที่สุด)?ๆ*)+[!.]*$")


def is_emergency(text: str) -> bool:
    """True when the message reports or asks about an emergency, in Thai or English."""
    cleaned = clean(text)
    unspaced = cleaned.replace(" ", "")
    if any(term in unspaced for term in THAI_TERMS) or _BARE_URGENT.match(unspaced):
        return True
    return bool(_ENGLISH.search(cleaned) or _BARE_HELP.match(cleaned))
