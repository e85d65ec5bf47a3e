"""The words that say "danger now", by kind of emergency, and the words of a hazard to fix.

Thai terms are matched on `clean` text with spaces removed; English patterns on `clean` text at
word boundaries. Kinds are checked in `KIND_ORDER`: the first that matches names the emergency, so
"ไฟดูดตอนน้ำท่วม" is an electric shock (call 1669 first), not a flood.
"""

from __future__ import annotations

import re

KIND_ORDER: tuple[str, ...] = (
    "suicide", "electric_shock", "drowning", "flood", "fire", "gas", "power_line", "collapse", "violence",
    "animal_bite", "snake_bite", "snake", "accident", "medical", "disaster_line", "general",
)  # fmt: skip

THAI: dict[str, tuple[str, ...]] = {
    "suicide": ("ฆ่าตัวตาย", "อยากตาย", "คิดสั้น", "ไม่อยากมีชีวิต", "จะกระโดดตึก", "จะกระโดดสะพาน"),
    "electric_shock": ("ไฟดูด", "ไฟช็อต", "ไฟฟ้าช็อต", "ไฟฟ้าดูด", "โดนไฟฟ้า", "ไฟฟ้ารั่วโดนคน"),
    "drowning": ("จมน้ำ", "เด็กตกน้ำ", "คนตกน้ำ", "ลูกตกน้ำ", "พลัดตกน้ำ", "หลานตกน้ำ", "ตกน้ำตาย", "ตกลงน้ำ", "ตกลงไปในน้ำ", "ตกลงไปในแม่น้ำ", "ตกแม่น้ำ",
                 "ตกคลอง", "น้ำพัด", "ถูกน้ำพัด", "โดนน้ำพัด", "กระแสน้ำพัด"),
    "flood": ("น้ำท่วมบ้าน", "น้ำเข้าบ้าน", "น้ำท่วมเข้าบ้าน", "น้ำไหลเข้าบ้าน", "น้ำทะลักเข้าบ้าน", "น้ำเข้ามาในบ้าน",
              "น้ำท่วมถึงเข่า", "น้ำท่วมถึงเอว", "น้ำท่วมถึงหน้าอก", "น้ำท่วมถึงคอ", "น้ำท่วมมิด", "น้ำท่วมสูง",
              "น้ำป่า", "น้ำหลาก", "น้ำท่วมฉับพลัน", "น้ำขึ้นเร็วมาก", "น้ำขึ้นเร็ว", "บ้านจมน้ำ", "น้ำท่วมหนัก",
              "ติดอยู่ในบ้าน", "ติดอยู่บนหลังคา", "ติดอยู่ในน้ำ", "ติดน้ำออกไม่ได้", "ออกจากบ้านไม่ได้", "อพยพด่วน",
              "น้ำท่วมชั้นล่าง", "น้ำเข้าห้อง", "น้ำท่วมห้อง", "คนติดน้ำ", "ติดน้ำอยู่", "ติดน้ำท่วม"),
    "fire": ("ไฟไหม้", "เพลิงไหม้", "ไฟลุก", "ไฟลาม", "บ้านไหม้", "ไหม้บ้าน", "ควันเต็มบ้าน", "ควันเต็มห้อง",
             "ถังแก๊สระเบิด", "รถไหม้", "ร้านไหม้", "ดับเพลิง", "กลิ่นไหม้", "กลิ่นควันไฟ", "ไฟฟ้าลัดวงจร",
             "ลัดวงจร"),
    "gas": ("แก๊สรั่ว", "ก๊าซรั่ว", "กลิ่นแก๊ส", "แก๊สระเบิด"),
    "power_line": ("สายไฟขาด", "สายไฟฟ้าขาด", "สายไฟตก", "สายไฟหล่น", "สายไฟพาดถนน", "สายไฟหล่นถนน", "เสาไฟล้ม",
                   "เสาไฟฟ้าล้ม", "เสาไฟหัก", "เสาไฟฟ้าหัก", "หม้อแปลงระเบิด", "หม้อแปลงไฟระเบิด", "สายไฟช็อต",
                   "สายไฟไหม้", "สายไฟมีประกายไฟ", "เสาไฟฟ้าจะล้มทับ"),
    "collapse": ("ตึกถล่ม", "บ้านถล่ม", "ดินสไลด์", "ดินถล่ม", "ทับคน", "ล้มทับ", "กำแพงถล่ม", "หลังคาถล่ม",
                 "สะพานขาด", "ตลิ่งพัง"),
    "violence": ("ระเบิด", "ยิงกัน", "ถูกยิง", "โดนยิง", "เสียงปืน", "ถูกแทง", "โดนแทง", "ปล้น", "ทำร้ายร่างกาย",
                 "โจรขึ้นบ้าน", "อาวุธ", "วัตถุต้องสงสัย", "งัดบ้าน", "ทะเลาะวิวาท", "ตำรวจ", "ขโมยขึ้นบ้าน",
                 "ถูกทำร้าย", "โดนทำร้าย", "ลักพาตัว"),
    "animal_bite": ("บ้ากัด", "โดนหมา", "ถูกหมา", "ถูกสุนัข", "โดนสุนัข"),
    "snake_bite": ("งูกัด", "โดนงู", "ถูกงู"),
    "snake": ("งูเห่า", "งูเข้าบ้าน", "งูจงอาง", "งูเหลือม", "งูอยู่ในบ้าน", "งูในบ้าน", "มีงู", "งูเลื้อย", "งูเข้าห้อง",
              "งูในห้อง", "งูเข้ามา"),
    "accident": ("อุบัติเหตุ", "รถชน", "รถคว่ำ", "รถล้ม", "รถชนกัน", "มอไซค์ชน", "ถูกรถชน", "โดนรถชน", "รถเฉี่ยว", "มอไซค์ล้ม",
                 "จักรยานยนต์ล้ม", "รถตกข้างทาง"),
    "medical": ("มีคนเจ็บ", "คนเจ็บหนัก", "บาดเจ็บ", "เลือดออกมาก", "เลือดไหลไม่หยุด", "เลือดออกไม่หยุด", "หมดสติ",
                "ไม่รู้สึกตัว", "ไม่หายใจ", "หยุดหายใจ", "หายใจไม่ออก", "หัวใจวาย", "หัวใจหยุดเต้น", "เจ็บหน้าอก",
                "ชักเกร็ง", "กำลังชัก", "ลูกชัก", "เด็กชัก", "เส้นเลือดในสมอง", "ล้มหัวฟาด", "กินยาเกินขนาด",
                "จะคลอด", "รถพยาบาล", "กู้ชีพ", "อาการหนัก", "ปากเบี้ยว", "แพ้ยารุนแรง", "ช็อกหมดสติ"),
    "disaster_line": ("เบอร์ปภ", "สายด่วนปภ", "โทรปภ", "ติดต่อปภ", "เบอร์ป้องกันภัย", "เบอร์บรรเทาสาธารณภัย",
                      "เบอร์สาธารณภัย"),
    "general": ("ช่วยด้วย", "ช่วยที", "ใครก็ได้ช่วย", "ฉุกเฉิน", "เหตุด่วน", "เหตุร้าย", "กู้ภัย", "สายด่วนสาธารณภัย"),
}  # fmt: skip

ENGLISH: dict[str, str] = {
    "suicide": r"suicid\w*|kill\s+myself|end\s+my\s+life|want\s+to\s+die",
    "electric_shock": r"electrocut\w*|electric\s+shock|got\s+shocked",
    "drowning": r"drown\w*|lemas|swept\s+away|fell\s+in(?:to)?\s+(?:the\s+|a\s+)?(?:river|water|canal|well|pond|drain)",
    "flood": r"water\s+(?:is\s+)?(?:coming|getting|pouring|flowing)\s+(?:in|into)|water\s+in\s+(?:my|our|the)\s+(?:house|home)"
    r"|(?:house|home)\s+is\s+flooding|flooded\s+(?:house|home)|(?:house|home)\s+(?:is\s+)?(?:flooded|under\s+water)"
    r"|flood(?:ing|ed)?\s+in\s+(?:my|our|the)\s+(?:house|home)|flash\s+flood\w*|water\s+(?:is\s+)?rising\s+(?:fast|quickly)|trapped\s+(?:by|in|on)\s+(?:the\s+)?(?:flood|water|roof)\w*"
    r"|stuck\s+in\s+(?:the\s+)?(?:flood|water|house)|banjir\s+masuk|(?:air|ayik|aye)\s+masuk\s+(?:dalam\s+)?(?:rumah|rumoh)"
    r"|rumah\s+(?:(?:saya|kami|kita|aku|ambo|kawe)\s+)?(?:kena\s+|sudah\s+|dah\s+)?banjir"
    r"|rumoh\s+(?:(?:ambo|kawe|kito)\s+)?(?:keno\s+|doh\s+)?banjir"
    r"|knee[-\s]deep|waist[-\s]deep",
    "fire": r"kebakaran|terbakar|(?<!forest\s)fire(?!\s*-?\s*(?:walk\w*|works?|crackers?)\b)s?|on\s+fire|(?:house|building|car|shop)\s+(?:is\s+)?burning"
    r"|smoke\s+everywhere",
    "gas": r"gas\s+leak\w*|smell\s+(?:of\s+)?gas",
    "power_line": r"power\s+lines?\s+(?:is\s+|are\s+)?(?:down|fell|fallen|broken)|(?:downed|fallen|broken)\s+power\s+lines?"
    r"|live\s+wires?|transformer\s+(?:exploded|blew|on\s+fire)|electric(?:ity)?\s+pole\s+(?:fell|down)",
    "collapse": r"collapsed\s+(?:building|house|wall)|(?:building|house|wall|roof)\s+collapsed|landslide|tree\s+fell\s+on",
    "violence": r"explosion|bomb|shooting|(?:got|been|was|were|is|getting)\s+shot|stabbed|robbery|robbed|gun|gunshots?"
    r"|police|suspicious\s+(?:object|package|bag)|breaking\s+into|(?:being|been)\s+attacked|assault\w*",
    "animal_bite": r"(?:dog|cat|monkey)\s+bit\w*|bitten\s+by\s+a\s+(?:dog|cat|monkey|stray|rabid)\w*"
    r"|dog\s+attack\w*|anjing\s+(?:gigit|gigik|kejar\s+gigit)|(?:digigit|kena\s+gigit)\s+(?:anjing|kucing|monyet)",
    "snake_bite": r"snake\s*bite|bitten\s+by\s+a\s+snake|snake\s+bit\w*|(?:dipatuk|kena\s+patuk|digigit)\s+ular"
    r"|ular\s+(?:patuk|gigit)",
    "snake": r"cobra|snake\s+in\s+(?:my|the|our)\s+(?:house|home|room|kitchen|bathroom|toilet|bedroom|garden|yard)"
    r"|ular\s+(?:masuk|dalam)|ada\s+ular",
    "accident": r"kemalangan|accident|crash|car\s+crashed|hit\s+by\s+a\s+(?:car|truck|bus|motorbike)",
    "medical": r"heart\s+attack|not\s+breathing|can'?t\s+breathe|cannot\s+breathe|unconscious|passed\s+out|fainted"
    r"|bleeding|seizure|stroke|overdose|injured|ambulance|collapsed|chest\s+pain|hurt\s+badly|unresponsive"
    r"|(?:he|she|someone|somebody|man|woman|person|child|kid|baby|boy|girl|father|mother|dad|mum|mom|grand\w+|son|daughter"
    r"|husband|wife|neighbou?r)\s+(?:is\s+not|isn'?t|was\s+not|wasn'?t|not)\s+moving"
    r"|won'?t\s+wake\s+up|lying\s+(?:on|in)\s+the\s+(?:road|street|ground|floor)",
    "disaster_line": r"disaster\s+(?:hotline|line|office)|(?:number|phone)\s+(?:for|of)\s+(?:the\s+)?(?:disaster|flood)\s+\w+",
    "general": r"emergency|urgent\s+help|sos|911|trapped|kecemasan|bantuan\s+segera",
}

# Rewrites before matching, so one kind's words are not read inside another's: rain falling is
# not someone falling in (ฝนตกน้ำท่วม), a house under water is a flood, not a drowning.
REWRITES: tuple[tuple[str, str], ...] = (
    ("ฝนตก", "ฝน"),
    ("บ้านจมน้ำ", "น้ำท่วมมิดบ้าน"),
    ("รถจมน้ำ", "น้ำท่วมมิดรถ"),
    ("ถนนจมน้ำ", "น้ำท่วมถนน"),
    ("ชุมชนจมน้ำ", "น้ำท่วมหนัก"),
)
# Thai patterns beyond fixed words: an animal that bit a person (not another animal), a fall into a well.
THAI_PATTERNS: dict[str, str] = {
    "drowning": r"ตกบ่อ(?!ย)",  # fell into a well, not "ตกบ่อย" (falls often: ไฟตกบ่อย)
    "animal_bite": r"(?:หมา|สุนัข|แมว|ลิง)\S{0,10}(?<!ไล่)กัด(?!แมว|ไก่|สัตว์|หมา|เป็ด|กัน)|(?:โดน|ถูก)\S{0,6}(?:หมา|สุนัข|แมว|ลิง)\S{0,4}กัด",
}
# A flood phrase stays a question ("will my house flood?") unless something says it is happening.
FLOOD_NOW_THAI: tuple[str, ...] = ("แล้ว", "ตอนนี้", "ช่วย", "ทำไงดี", "ทำยังไง", "ทำอย่างไร", "ด่วน", "ติดอยู่", "ออกไม่ได้")
FLOOD_MAYBE_THAI: tuple[str, ...] = ("จะ", "ไหม", "มั้ย", "หรือเปล่า", "รึเปล่า", "กลัว", "เสี่ยง", "หรือไม่", "ป่าว")
FLOOD_MAYBE_ENGLISH = re.compile(r"\b(?:will|would|could|might|going\s+to|afraid|worried|if)\b|\?")

# A hazard to fix: the complaint is offered beside the number. (category, words) per hazard kind.
HAZARDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "road_hazard": ("road", ("รถล้มบ่อย", "ล้มบ่อย", "รถชนบ่อย", "ชนบ่อย", "อุบัติเหตุบ่อย", "จุดเสี่ยง", "ฝาท่อหาย",
                             "ฝาท่อเปิด", "ท่อไม่มีฝา", "หลุมอันตราย", "หลุมใหญ่อันตราย", "เกือบล้ม", "เกือบชน",
                             "ตกหลุมบ่อย", "ล้มประจำ", "รถล้มประจำ", "ล้มหลายคัน", "ล้มหลายครั้ง"),
                    r"keeps?\s+(?:falling|crashing)|(?:bikes?|motorbikes?|cars?|people)\s+(?:keep\s+)?(?:fall|falling|crash)\w*\s+(?:there\s+)?(?:often|all\s+the\s+time|every\s+day)"
                    r"|dangerous\s+(?:pothole|hole|road|bend|crossing|junction)|missing\s+(?:drain|manhole)\s+cover|open\s+manhole"
                    r"|accidents?\s+(?:happen\s+)?(?:often|all\s+the\s+time|every\s+week)"),
    "power_hazard": ("streetlight", ("สายไฟห้อย", "สายไฟหย่อน", "สายไฟต่ำ", "เสาไฟเอียง", "เสาไฟฟ้าเอียง", "เสาไฟจะล้ม", "เสาไฟฟ้าจะล้ม",
                                     "สายไฟพันต้นไม้", "สายไฟพาดกิ่งไม้", "สายไฟระโยงระยาง"),
                     r"(?:sagging|hanging|low)\s+(?:power\s+)?(?:lines?|wires?|cables?)|(?:electric|power)\s+pole\s+(?:is\s+)?leaning"),
    "dog_hazard": ("animals", ("หมาไล่กัด", "สุนัขไล่กัด", "ไล่กัด", "หมาดุ", "สุนัขดุ", "กลัวหมากัด", "กลัวกัด",
                               "หมาไล่", "ฝูงหมา", "หมาบ้า", "สุนัขบ้า", "กัดแมว", "กัดไก่", "กัดสัตว์"),
                   r"(?:aggressive|vicious|rabid|mad)\s+dogs?|dogs?\s+(?:chase|chasing|chased)|pack\s+of\s+dogs"),
    "power_cut": ("streetlight", ("ไฟฟ้าดับ", "ไฟดับ", "ไฟตก", "ไฟฟ้าตก", "ไฟฟ้าไม่มา", "ไฟฟ้าไม่มี", "ไฟฟ้ากระพริบ"),
                  r"power\s+(?:cut|outage|failure|is\s+out|went\s+out|is\s+off)|blackout|no\s+(?:power|electricity)"),
    "tree_hazard": ("trees", ("ต้นไม้จะล้ม", "กิ่งไม้จะหัก", "กิ่งจะหัก", "ต้นไม้เอียง", "ต้นไม้ล้มขวาง", "กิ่งไม้หักขวาง",
                              "ต้นไม้ใหญ่เอียง", "กิ่งไม้จะตก"),
                    r"tree\s+(?:is\s+)?(?:about\s+to\s+fall|leaning|blocking)|branch\s+(?:about\s+to\s+fall|hanging)|fallen\s+tree"),
    "wasp_nest": ("other", ("รังต่อ", "รังแตน", "รังผึ้ง", "ต่อหัวเสือ"), r"wasps?'?\s*nest|hornets?|bees?'?\s*nest|beehive"),
}  # fmt: skip
# A power cut is the electricity authority's; street lights that are out are the municipality's
# own complaint (ไฟถนนดับ), not a power cut.
STREET_LIGHT_WORDS = ("ไฟถนน", "ไฟทาง", "ไฟส่องสว่าง", "ไฟกิ่ง", "โคมไฟ", "หลอดไฟ", "เสาไฟ", "ต้น", "ไฟสาธารณะ",
                      "street light", "streetlight", "lamp")  # fmt: skip
# The complaint categories an emergency can be the description of ("ต้นไม้ล้มทับรถ" while filing a tree);
# told while filing anything else, it is another matter: the numbers, then the filing's question again.
DESCRIBES: dict[str, tuple[str, ...]] = {
    "collapse": ("trees", "road", "drainage", "other"), "animal_bite": ("animals",), "snake": ("animals", "other"),
    "snake_bite": ("animals", "other"), "accident": ("road", "traffic", "streetlight"),
    "power_line": ("streetlight",), "electric_shock": ("streetlight",), "flood": ("drainage", "water"),
    "drowning": ("drainage", "water"), "fire": ("waste", "other"), "gas": ("other",),
}  # fmt: skip
# Hazards that add nothing while a complaint of their own category is being filed ("ไฟดับ 2 ต้น").
QUIET_WHILE_FILING: dict[str, str] = {"power_cut": "streetlight"}
# Emergencies a hazard's own words may contain ("รถล้มบ่อย" holds "รถล้ม"): a hazard outranks these.
HAZARD_OUTRANKS: tuple[str, ...] = ("accident", "collapse", "general")
# A bite of another animal is a stray-dog complaint, not a person bitten.
ANIMAL_VICTIMS = ("กัดแมว", "กัดไก่", "กัดสัตว์", "กัดหมา", "กัดเป็ด", "bit a cat", "bit my cat", "bit our cat", "killed")
# Questions about animal vaccines are not bites.
NOT_ANIMAL_DANGER = ("วัคซีน", "vaccin", "ฉีดยาหมา", "ทำหมัน")
# Words that make a hazard "danger now": then it is an emergency, not a complaint.
NOW_THAI: tuple[str, ...] = (
    "มีคนเจ็บ",
    "บาดเจ็บ",
    "เลือด",
    "หมดสติ",
    "เพิ่งล้ม",
    "เพิ่งชน",
    "ตอนนี้มีคน",
    "ช่วยด้วย",
    "โดนกัด",
    "ถูกกัด",
)
NOW_ENGLISH = re.compile(
    r"\b(?:injured|bleeding|hurt|unconscious|just\s+(?:fell|crashed)|right\s+now|help\s+me|bitten)\b"
)
