"""What the bot says while filing a complaint: the questions, the summary to confirm, the outcome."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chatbot.answers import say
from chatbot.text import Lang
from data_sources.adapters.complaints import CATEGORIES
from data_sources.city import community_in
from data_sources.tickets import Similar, rules
from data_sources.tickets.labels import category_label, division_label, stage_label
from metrics.periods import day_label

SUMMARY_DESCRIPTION_CHARS = 300  # a long description is shown cut in the summary (kept whole)


def category_menu(lang: Lang) -> str:
    return "\n".join(f"{i}. {say(lang, o.label_th, o.label_en)}" for i, o in enumerate(CATEGORIES.options, start=1))


QUESTIONS: dict[str, tuple[str, str]] = {
    "place": ("เกิดที่ชุมชนหรือสถานที่ใด? (เช่น ชุมชนเมืองทอง, หน้าตลาดเก่า ถนนสิโรรส) หรือส่งตำแหน่ง/พิกัดมาก็ได้",
              "Where is it: which community or place? (e.g. Mueang Thong community, Sirorot Road by Talat Kao) — or send a location or coordinates."),
    "place_again": ("บอกจุดสังเกตใกล้ ๆ ก็ได้ค่ะ เช่น ชื่อถนน ซอย ร้าน มัสยิด วัด หรือโรงเรียน (พิมพ์ \"ข้าม\" ถ้าไม่ทราบ)",
                    "A nearby landmark is fine: a road, soi, shop, mosque, temple or school (type \"skip\" if you don't know)."),
    "description": ("เล่ารายละเอียดของปัญหาสั้น ๆ (เช่น หลุมลึกประมาณ 30 ซม. หน้าร้านขายยา) แนบรูปได้ด้วย",
                    "Describe the problem briefly (e.g. a hole about 30 cm deep outside the pharmacy). You can attach a photo too."),
    "contact": ("ต้องการให้เจ้าหน้าที่ติดต่อกลับไหม? พิมพ์เบอร์โทร (และชื่อ) เห็นเฉพาะเจ้าหน้าที่ หรือพิมพ์ \"ข้าม\"",
                "Would you like staff to call you back? Type your phone number (and name) — seen by staff only — or \"skip\"."),
}  # fmt: skip


def question(step: str, lang: Lang, *, again: bool = False) -> str:
    retry = say(lang, "ขออภัย ยังไม่เข้าใจคำตอบ ", "Sorry, I didn't catch that. ") if again else ""
    if step == "category":
        return retry + say(
            lang,
            f'แจ้งเรื่องร้องเรียน (พิมพ์ "ยกเลิก" เพื่อหยุดได้ทุกเมื่อ)\nเป็นเรื่องประเภทใด? พิมพ์หมายเลขหรือชื่อประเภท\n{category_menu(lang)}',
            f'Filing a complaint (type "cancel" to stop at any time).\nWhat kind of problem is it? Type a number or the kind.\n{category_menu(lang)}',
        )
    if step == "contact" and again:
        return say(lang, "ขออภัย ไม่พบเบอร์โทรในข้อความ ", "Sorry, I couldn't find a phone number. ") + say(
            lang, *QUESTIONS["contact"]
        )
    return retry + say(lang, *QUESTIONS[step])


def duplicate_offer(similar: list[Similar], lang: Lang) -> str:
    lines = [say(lang, "มีเรื่องคล้ายกันที่กำลังดำเนินการอยู่ใกล้ ๆ:", "A similar complaint nearby is already open:")]
    for number, found in enumerate(similar, start=1):
        where = found.community or "—"
        if found.distance_m is not None:
            where = say(lang, f"ห่างไป {found.distance_m:.0f} ม.", f"{found.distance_m:.0f} m away")
        lines.append(f"{number}. {found.ticket_id} · {category_label(found.category, lang)} · {where} · "
                     f"{say(lang, 'รับเรื่อง', 'received')} {day_label(found.received_at.date(), lang)} · {stage_label(found.stage, lang)}")  # fmt: skip
    lines.append(say(
        lang,
        'ต้องการร่วมติดตามเรื่องนี้ (เจ้าหน้าที่เห็นข้อมูลของคุณเพิ่ม และคุณได้รับแจ้งความคืบหน้า) หรือแจ้งเป็นเรื่องใหม่? พิมพ์ "ร่วม" หรือ "แจ้งใหม่"',
        'Join it (staff see what you add and you hear about its progress) or file a new one? Type "join" or "new".',
    ))  # fmt: skip
    return "\n".join(lines)


def _place_line(draft: dict[str, Any], lang: Lang) -> str:
    place = draft.get("place") or ""
    community = draft.get("community")
    if community and community not in place:
        named = say(lang, f"ชุมชน{community}", f"{community_in(community, 'en')} community")
        place = f"{place} ({named})" if place else named
    if draft.get("latitude") is not None:
        place = (place + " " if place else "") + say(lang, "[ตำแหน่งที่ส่งมา]", "[location sent]")
    return place or say(lang, "ไม่ระบุ", "not given")


def summary(draft: dict[str, Any], photos: int, lang: Lang, *, contact_known: bool) -> str:
    description = draft.get("description", "")
    if len(description) > SUMMARY_DESCRIPTION_CHARS:
        kept = say(
            lang, f"… (รวม {len(description):,} ตัวอักษร บันทึกไว้ครบ)", f"… ({len(description):,} characters, all kept)"
        )
        description = description[:SUMMARY_DESCRIPTION_CHARS] + kept
    given = draft.get("contact_phone") or draft.get("contact_name")
    contact = say(lang, "ให้ไว้แล้ว (เห็นเฉพาะเจ้าหน้าที่)", "given (staff only)") if given else say(lang, "ไม่ระบุ", "none")
    if contact_known:
        contact = say(lang, "แจ้งความคืบหน้าทางช่องทางนี้", "updates through this chat")
    division = division_label(rules.division_for(draft["category"]), lang)
    days = rules.SERVICE_DAYS.get(draft["category"], rules.DEFAULT_SERVICE_DAYS)
    lines = [
        say(lang, "ตรวจสอบก่อนส่งเรื่อง:", "Please check before sending:"),
        say(lang, "1. ประเภท: ", "1. Kind: ") + category_label(draft["category"], lang),
        say(lang, "2. สถานที่: ", "2. Place: ") + _place_line(draft, lang),
        say(lang, "3. รายละเอียด: ", "3. Details: ") + description,
        say(lang, f"4. รูปถ่าย: {photos} รูป", f"4. Photos: {photos}"),
        say(lang, "5. ข้อมูลติดต่อ: ", "5. Contact: ") + contact,
        say(lang, f"หน่วยงานที่รับผิดชอบ: {division} · ระยะเวลาดำเนินการโดยประมาณ {days} วัน",
            f"Responsible: {division} · usually done within {days} days"),
        say(lang, 'ส่งเรื่องเลยไหม? พิมพ์ "ยืนยัน" · แก้ข้อใดพิมพ์ เช่น "แก้ไข 2" หรือ "แก้สถานที่เป็น ..." · หรือ "ยกเลิก"',
            'Send it? Type "confirm" · to change an item type e.g. "edit 2" or "change place to ..." · or "cancel".'),
    ]  # fmt: skip
    return "\n".join(lines)


def filed(ticket_id: str, division: str, due: datetime | None, lang: Lang, *, created: bool, joined: bool) -> str:
    if joined:
        return say(
            lang,
            f'ร่วมติดตามเรื่องเลขที่ {ticket_id} แล้ว ข้อมูลที่คุณให้ถูกส่งถึงเจ้าหน้าที่ (ไม่ได้เปิดเรื่องใหม่)\nติดตามสถานะ: พิมพ์ "สถานะ {ticket_id}"',
            f'You are now following complaint {ticket_id}; what you told us went to staff (no new ticket).\nTo follow it, type "status {ticket_id}".',
        )
    if not created:
        return say(
            lang,
            f'เรื่องนี้แจ้งไว้แล้ว เลขที่ {ticket_id} จึงไม่เปิดเรื่องซ้ำ\nติดตามสถานะ: พิมพ์ "สถานะ {ticket_id}"',
            f'This complaint was already filed as {ticket_id}, so no second ticket was made.\nTo follow it, type "status {ticket_id}".',
        )
    when = say(lang, f" ภายใน {day_label(due.date(), lang)}", f" by {day_label(due.date(), 'en')}") if due else ""
    return say(
        lang,
        f'ส่งเรื่องเรียบร้อยแล้ว เลขที่เรื่อง {ticket_id}\nหน่วยงานที่รับผิดชอบ: {division_label(division, lang)} คาดว่าจะดำเนินการ{when}\nเก็บเลขนี้ไว้ติดตามสถานะ: พิมพ์ "สถานะ {ticket_id}"',
        f'Your complaint was sent. Ticket number {ticket_id}\nResponsible: {division_label(division, lang)}, expected to be handled{when}\nKeep it to follow up: type "status {ticket_id}"',
    )
