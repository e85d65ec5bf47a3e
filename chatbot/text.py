"""Thai and English as citizens type it, made comparable: one cleaning pipeline, one tokenizer.

`clean` keeps every word (the emergency rules and slot extraction read it); `tokens` and
`normalise` also drop polite particles and map spelling variants, for the classifier.
Tokenising uses PyThaiNLP's bundled word list with the newmm engine only: nothing is
downloaded at run time.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Literal

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie, dict_trie
from pythainlp.util import normalize as thai_normalize

from data_sources.city import profile

Lang = Literal["th", "en"]

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_THAI_LETTER_RUN = re.compile(r"([\u0e01-\u0e4e])\1{2,}")  # ก–๎ three or more times: typed for emphasis
_LATIN_LETTER_RUN = re.compile(r"([a-z])\1{2,}")  # English keeps real doubles (good, office)
_PUNCTUATION_RUN = re.compile(r"([^\w\s])\1+")
_SPACES = re.compile(r"\s+")
_THAI = re.compile(r"[\u0e01-\u0e5b]")
_LATIN = re.compile(r"[a-zA-Z]")
_PUNCTUATION_ONLY = re.compile(r"^[^\w]+$")
_NOT_COMBINING = r"(?![\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])"

# Polite and sentence-final particles, as typed (after repeated letters are collapsed).
PARTICLES: frozenset[str] = frozenset(
    {
        "ครับ",
        "คับ",
        "ครัช",
        "คัฟ",
        "ค้าบ",
        "คร้าบ",
        "ครับผม",
        "คับผม",
        "งับ",
        "ฮับ",
        "ฮ้าบ",
        "ขรับ",
        "ค่ะ",
        "คะ",
        "ค่า",
        "คร่ะ",
        "ค๊ะ",
        "ค้ะ",
        "คระ",
        "เค้อ",
        "จ้า",
        "จ้ะ",
        "จ๊ะ",
        "จ่ะ",
        "จ๋า",
        "จ้ะจ้า",
        "นะ",
        "น้า",
        "น่ะ",
        "น๊ะ",
        "นะคะ",
        "นะครับ",
        "เนาะ",
        "เด้อ",
        "เด้",
        "ฮะ",
        "ฮ่ะ",
        "อ่ะ",
        "อะ",
        "อ่า",
        "ป่ะ",
        "ล่ะ",
        "หละ",
        "วะ",
        "เนอะ",
    }
)

# Misspellings seen in citizens' messages, fixed before tokenising (each long enough to be unambiguous).
SPELLING_VARIANTS: tuple[tuple[str, str], ...] = (
    ("ภาศี", "ภาษี"),
    ("พาสี", "ภาษี"),
    ("ภาสี", "ภาษี"),
    ("ภาษี่", "ภาษี"),
    ("ร้องเรียง", "ร้องเรียน"),
    ("ล้องเรียน", "ร้องเรียน"),
    ("ร้องเรีน", "ร้องเรียน"),
    ("เทสบาล", "เทศบาล"),
    ("เทศบาน", "เทศบาล"),
    ("เทษบาล", "เทศบาล"),
    ("ขอบคุน", "ขอบคุณ"),
    ("ขอบคูณ", "ขอบคุณ"),
    ("สวัสดิ์ดี", "สวัสดี"),
    ("สวัดดี", "สวัสดี"),
    ("หวัดดี", "สวัสดี"),
    ("ยังงัย", "ยังไง"),
    ("ยังไงอ่ะ", "ยังไง"),
    ("ยังไร", "ยังไง"),
    ("เท่าไร่", "เท่าไหร่"),
    ("เท่าไหร", "เท่าไหร่"),
    ("เท่าไร", "เท่าไหร่"),
    ("เท่าหรั่ย", "เท่าไหร่"),
    ("อะไรอ่ะ", "อะไร"),
    ("อะรัย", "อะไร"),
    ("อาราย", "อะไร"),
    ("ฝุ่ล", "ฝุ่น"),
    ("ฝุ่นละออง", "ฝุ่น"),
    ("พีเอ็ม", "pm"),
    ("ขะยะ", "ขยะ"),
    ("ขยะะ", "ขยะ"),
    ("อนุญาติ", "อนุญาต"),
    ("อนุยาต", "อนุญาต"),
    ("เบี้ยยังชีวิต", "เบี้ยยังชีพ"),
    ("เบียยังชีพ", "เบี้ยยังชีพ"),
    ("เบี้ยยังชีบ", "เบี้ยยังชีพ"),
    ("เบียคนพิการ", "เบี้ยคนพิการ"),
    ("เบียพิการ", "เบี้ยพิการ"),
    ("พิกาน", "พิการ"),
    ("พิกาล", "พิการ"),
    ("พิการณ์", "พิการ"),
    ("ผู้พิกา", "ผู้พิการ"),
    ("ไข้เลือดอก", "ไข้เลือดออก"),
    ("ไข้เลือกออก", "ไข้เลือดออก"),
    ("ไข้เลือดออด", "ไข้เลือดออก"),
    ("ศูนย์พักพิ่ง", "ศูนย์พักพิง"),
    ("ศูนพักพิง", "ศูนย์พักพิง"),
    ("ศูนย์อพพยพ", "ศูนย์อพยพ"),
    ("เบี้ยคนแก่", "เบี้ยผู้สูงอายุ"),
    ("เงินคนแก่", "เบี้ยผู้สูงอายุ"),
    ("โทรศัพ", "โทรศัพท์"),
    ("เบอโทร", "เบอร์โทร"),
    ("เบอร", "เบอร์"),
    ("ฉุกเฉิญ", "ฉุกเฉิน"),
    ("ฉุกเชิน", "ฉุกเฉิน"),
    ("เฟสบุ๊ค", "facebook"),
    ("เฟซบุ๊ก", "facebook"),
    ("โอเค", "ok"),
    ("เช็ค", "เช็ก"),
)

# Short variants only safe as whole tokens ("ไร" alone means "what", inside a word it does not).
TOKEN_VARIANTS: dict[str, str] = {
    "เปน": "เป็น",
    "งัย": "ไง",
    "ไร": "อะไร",
    "มั้ย": "ไหม",
    "มั๊ย": "ไหม",
    "ไม๊": "ไหม",
    "ป่าว": "เปล่า",
    "รึเปล่า": "หรือเปล่า",
    "เบอ": "เบอร์",
    "หรอ": "เหรอ",
    "ปะ": "ไหม",
    "thx": "thanks",
    "thank": "thanks",
    "tks": "thanks",
    "ty": "thanks",
    "pls": "please",
    "plz": "please",
    "u": "you",
    "ur": "your",
    "wat": "what",
    "wht": "what",
    "r": "are",
    "hv": "have",
    "abt": "about",
}

# Words the bundled dictionary lacks, so newmm keeps them whole (particles, city terms).
_DOMAIN_WORDS: frozenset[str] = frozenset(
    {
        "ภาษีป้าย",
        "เบี้ยยังชีพ",
        "เบี้ยผู้สูงอายุ",
        "เบี้ยความพิการ",
        "เบี้ยคนพิการ",
        "ใบอนุญาต",
        "ขออนุญาต",
        "ก่อสร้าง",
        "ต่อเติม",
        "ฝุ่นควัน",
        "ระดับน้ำ",
        "น้ำท่วม",
        "ไฟไหม้",
        "ช่วยด้วย",
        "ร้องเรียน",
        "เรื่องร้องเรียน",
        "เบิกจ่าย",
        "ปีงบประมาณ",
        "ปีงบ",
        "สายด่วน",
        "จมน้ำ",
        "ไฟดูด",
        "ศูนย์บริการสาธารณสุข",
        "ศูนย์พักพิง",
        "ค่าฝุ่น",
        "เก็บขยะ",
        "รถขยะ",
        "หลักเมือง",
        "นกเขาชวา",
    }
)


def to_arabic_digits(text: str) -> str:
    return text.translate(THAI_DIGITS)


def clean(text: str) -> str:
    """Unicode-, digit-, case- and typo-normalised text; every word kept."""
    text = unicodedata.normalize("NFC", _ZERO_WIDTH.sub("", text))
    text = text.replace("\u0e4d\u0e32", "\u0e33")  # nikhahit + sara aa typed for sara am
    text = thai_normalize(text)  # เเ -> แ, duplicated vowels and tone marks
    text = to_arabic_digits(text).lower()
    text = _THAI_LETTER_RUN.sub(r"\1", text)
    text = _LATIN_LETTER_RUN.sub(r"\1\1", text)
    text = _PUNCTUATION_RUN.sub(r"\1", text)
    for pattern, right in _variant_patterns():
        text = pattern.sub(lambda m, right=right: _fix(m, right), text)
    return _SPACES.sub(" ", text).strip()


@cache
def _variant_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    # A variant followed by a vowel or tone mark is part of another word (เท่าไร in เท่าไร่).
    return tuple((re.compile(re.escape(wrong) + _NOT_COMBINING), right) for wrong, right in SPELLING_VARIANTS)


def _fix(match: re.Match[str], right: str) -> str:
    # A variant that starts the correct spelling (โทรศัพ in โทรศัพท์) is left alone where that spelling is already written.
    if match.string.startswith(right, match.start()):
        return match.group(0)
    return right


def compact(text: str) -> str:
    """`clean` text without spaces: Thai is written unspaced, so rules match on this form."""
    return clean(text).replace(" ", "")


@cache
def _dictionary() -> Trie:
    communities = {c["name_th"].replace(" ", "") for c in profile()["communities"]}
    return dict_trie(set(thai_words()) | PARTICLES | _DOMAIN_WORDS | communities)


def split_words(text: str) -> list[str]:
    """newmm words of already-cleaned text, without whitespace or punctuation-only pieces."""
    words = word_tokenize(text, custom_dict=_dictionary(), engine="newmm", keep_whitespace=False)
    return [w for w in words if w.strip() and not _PUNCTUATION_ONLY.match(w)]


def tokens(text: str) -> list[str]:
    """The words that carry meaning: cleaned, tokenised, variants mapped, particles dropped."""
    mapped = (TOKEN_VARIANTS.get(word, word) for word in split_words(clean(text)))
    return [word for word in mapped if word not in PARTICLES]


def normalise(text: str) -> str:
    """The classifier's view of a message: its meaningful tokens joined by single spaces."""
    return " ".join(tokens(text))


def detect_language(text: str) -> Lang | None:
    """Thai if any Thai letter appears, English if only Latin letters, None for digits/symbols."""
    if _THAI.search(text):
        return "th"
    if _LATIN.search(text):
        return "en"
    return None
