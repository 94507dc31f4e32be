"""The one catalogue of user-visible text: Thai first, English second.

`t(key, lang, **params)` formats an entry; a parameter whose value is itself a catalogue key
(such as a field name inside an error) is translated too.
"""
from __future__ import annotations

import re

LANGS = ("th", "en")
DEFAULT_LANG = "th"

CATALOGUE: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": ("เวิร์กช็อปแผนแม่บทเมืองอัจฉริยะ", "Smart City Masterplan Workshop"),
    "nav.section.start": ("เริ่มต้น", "Start"),
    "nav.section.walk": ("ขั้นตอนเวิร์กช็อป", "Workshop steps"),
    "nav.join": ("เข้าร่วมเวิร์กช็อป", "Join a workshop"),
    "nav.sign_in": ("ผู้ดำเนินการเข้าสู่ระบบ", "Facilitator sign-in"),
    "nav.workshops": ("0 · เวิร์กช็อป", "0 · Workshops"),
    "nav.positioning": ("1 · ตำแหน่งเมือง", "1 · City positioning"),
    "lang.label": ("ภาษา", "Language"),
    "role.facilitator": ("ผู้ดำเนินการ (ที่ปรึกษา)", "Facilitator (consultant)"),
    "role.participant": ("ผู้เข้าร่วม", "Participant"),
    "sidebar.signed_in_as": ("ใช้งานในฐานะ: {role}", "Signed in as: {role}"),
    "sidebar.participant_as": ("{name} · {sector}", "{name} · {sector}"),
    "sidebar.workshop": ("เวิร์กช็อป: {name}", "Workshop: {name}"),
    "sidebar.sign_out": ("ออกจากระบบ", "Sign out"),
    "sample.banner": ("เวิร์กช็อปตัวอย่าง: ชื่อ รายการ และตัวเลขทั้งหมดเป็นข้อมูลตัวอย่าง ไม่ใช่ข้อมูลจริง",
                      "Sample workshop: all names, items and figures are sample data, not real data"),
    "sample.tag": ("ข้อมูลตัวอย่าง", "sample data"),
    "common.yes": ("ใช่", "yes"),
    "common.no": ("ไม่ใช่", "no"),
    "common.no_workshop": ("ยังไม่ได้เลือกเวิร์กช็อป: เลือกหรือสร้างที่หน้า “เวิร์กช็อป”",
                           "No workshop open yet: choose or create one on the Workshops page"),
    # join
    "join.title": ("เข้าร่วมเวิร์กช็อป", "Join a workshop"),
    "join.intro": ("กรอกรหัสเข้าร่วมที่แสดงบนจอ ชื่อที่ต้องการให้แสดง และภาคส่วนของท่าน",
                   "Enter the join code shown on the screen, the name to show, and your sector"),
    "join.submit": ("เข้าร่วม", "Join"),
    "join.welcome": ("ยินดีต้อนรับ {name} สู่ {workshop}", "Welcome {name} to {workshop}"),
    "sector.government": ("ส่วนราชการ", "Government agency"),
    "sector.local": ("องค์กรปกครองส่วนท้องถิ่น (อปท.)", "Local administration"),
    "sector.private": ("เอกชน (รวมบริษัทพัฒนาเมือง)", "Private sector (incl. city development company)"),
    "sector.civil": ("ภาคประชาสังคม", "Civil society"),
    "sector.academic": ("ภาควิชาการ", "Academia"),
    # sign-in
    "signin.title": ("ผู้ดำเนินการเข้าสู่ระบบ", "Facilitator sign-in"),
    "signin.first_run": ("ใช้งานครั้งแรก: ตั้งรหัสผ่านของผู้ดำเนินการ (อย่างน้อย {min} ตัวอักษร)",
                         "First run: choose the facilitator password (at least {min} characters)"),
    "signin.confirm": ("ยืนยันรหัสผ่าน", "Confirm password"),
    "signin.submit": ("เข้าสู่ระบบ", "Sign in"),
    "signin.set_submit": ("ตั้งรหัสผ่านและเข้าสู่ระบบ", "Set password and sign in"),
    "signin.mismatch": ("รหัสผ่านทั้งสองช่องไม่ตรงกัน", "The two passwords do not match"),
    # workshops
    "workshops.title": ("เวิร์กช็อป", "Workshops"),
    "workshops.list": ("เวิร์กช็อปทั้งหมด", "All workshops"),
    "workshops.open": ("เปิดเวิร์กช็อป", "Open workshop"),
    "workshops.open_button": ("เปิด", "Open"),
    "workshops.opened": ("เปิดเวิร์กช็อป “{name}” แล้ว", "Opened workshop “{name}”"),
    "workshops.create": ("สร้างเวิร์กช็อปใหม่", "Create a workshop"),
    "workshops.create_submit": ("สร้างเวิร์กช็อป", "Create workshop"),
    "workshops.created": ("สร้างเวิร์กช็อป “{name}” แล้ว รหัสเข้าร่วม: {code}",
                          "Created workshop “{name}”. Join code: {code}"),
    "workshops.current": ("เวิร์กช็อปที่เปิดอยู่", "Open workshop"),
    "workshops.join_code": ("รหัสเข้าร่วม", "Join code"),
    "workshops.join_link": ("ลิงก์เข้าร่วม", "Join link"),
    "workshops.qr_caption": ("สแกนเพื่อเข้าร่วม", "Scan to join"),
    "workshops.participants": ("ผู้เข้าร่วมแล้ว {n} คน", "{n} participants joined"),
    "workshops.start_be": ("วันเริ่ม: {date}", "Start date: {date}"),
    "col.name": ("ชื่อ", "Name"),
    "col.province": ("จังหวัด", "Province"),
    "col.region": ("ภาค", "Region"),
    "col.target_area": ("พื้นที่เป้าหมาย", "Target area"),
    "col.level": ("ระดับ", "Level"),
    "col.city_type": ("ประเภทเมือง", "City type"),
    "col.horizon": ("ระยะแผน (ปี)", "Horizon (years)"),
    "col.start_date": ("วันเริ่ม", "Start date"),
    "col.join_code": ("รหัสเข้าร่วม", "Join code"),
    "col.sample": ("ตัวอย่าง", "Sample"),
    "field.workshop_name": ("ชื่อเวิร์กช็อป", "Workshop name"),
    "field.target_area": ("ชื่อพื้นที่เป้าหมาย", "Target area name"),
    "field.province": ("จังหวัด", "Province"),
    "field.level": ("ระดับการวางแผน", "Planning level"),
    "field.city_type": ("ประเภทเมือง", "City type"),
    "field.horizon": ("ระยะเวลาของแผน (ปี)", "Plan horizon (years)"),
    "field.start_date": ("วันเริ่มต้น", "Start date"),
    "field.display_name": ("ชื่อที่แสดง", "Display name"),
    "field.sector": ("ภาคส่วน", "Sector"),
    "field.join_code": ("รหัสเข้าร่วม", "Join code"),
    "field.password": ("รหัสผ่าน", "Password"),
    "field.quadrant": ("หมวด SWOT", "SWOT quadrant"),
    "field.swot_text": ("ข้อความ", "Text"),
    "field.vision": ("วิสัยทัศน์", "Vision"),
    "field.positioning": ("ตำแหน่งเมือง (Positioning)", "Positioning statement"),
    "field.lead_dimensions": ("ด้านที่เมืองจะแข่งขัน (ไม่เกิน {max} ด้าน)",
                              "Lead dimensions the city competes on (at most {max})"),
    "field.lat": ("ละติจูด", "Latitude"),
    "field.lon": ("ลองจิจูด", "Longitude"),
    "level.province": ("จังหวัด", "Province"),
    "level.city": ("เมือง", "City"),
    "level.block": ("ย่าน (Smart Block)", "Smart block"),
    "city_type.livable": ("เมืองเดิมน่าอยู่ (Livable City)", "Livable City (existing)"),
    "city_type.new": ("เมืองใหม่ทันสมัย (New City)", "New City"),
    # positioning
    "positioning.title": ("ตำแหน่งเมือง", "City positioning"),
    "positioning.tab_map": ("แผนที่และข้อมูลเมือง", "Map and profile"),
    "positioning.tab_swot": ("SWOT", "SWOT"),
    "positioning.tab_vision": ("วิสัยทัศน์และตำแหน่งเมือง", "Vision and positioning"),
    "positioning.map_caption": ("{province} · พื้นที่เป้าหมาย: {area} (จุดสีแดง)",
                                "{province} · target area: {area} (red dot)"),
    "positioning.target_point": ("ตำแหน่งพื้นที่เป้าหมายบนแผนที่", "Target area on the map"),
    "positioning.save_point": ("บันทึกตำแหน่ง", "Save location"),
    "positioning.point_saved": ("บันทึกตำแหน่งพื้นที่เป้าหมายแล้ว", "Target area location saved"),
    "positioning.profile": ("ข้อมูลสำคัญของจังหวัดเทียบค่ามัธยฐานของทุกจังหวัด",
                            "Key figures against the median of all provinces"),
    "positioning.profile_none": ("ยังไม่มีข้อมูลตัวชี้วัดของจังหวัดนี้ในฐานข้อมูล",
                                 "No indicator data for this province in the store yet"),
    "positioning.profile_sample": ("ตัวเลขในตารางนี้มีข้อมูลตัวอย่าง (ไม่ใช่ข้อมูลจริง) ดูคอลัมน์ “แหล่งข้อมูล”",
                                   "This table contains sample data (not real figures): see the Source column"),
    "positioning.col.indicator": ("ตัวชี้วัด", "Indicator"),
    "positioning.col.dimension": ("ด้าน", "Dimension"),
    "positioning.col.value": ("ค่าของจังหวัด", "Province value"),
    "positioning.col.unit": ("หน่วย", "Unit"),
    "positioning.col.year": ("ปี", "Year"),
    "positioning.col.median": ("มัธยฐานทุกจังหวัด", "Median of provinces"),
    "positioning.col.n": ("จำนวนจังหวัดที่มีข้อมูล", "Provinces with data"),
    "positioning.col.comparison": ("เทียบมัธยฐาน", "Against median"),
    "positioning.col.source": ("แหล่งข้อมูล", "Source"),
    "positioning.col.direction": ("ทิศทางที่ดี", "Better when"),
    "direction.higher": ("สูงดี", "higher"),
    "direction.lower": ("ต่ำดี", "lower"),
    "comparison.better": ("ดีกว่า", "better"),
    "comparison.worse": ("แย่กว่า", "worse"),
    "comparison.same": ("เท่ากัน", "same"),
    "positioning.chart_title": ("ห่างจากค่ามัธยฐาน (%) ค่าบวก = ดีกว่า",
                                "Distance from the median (%), positive = better"),
    # SWOT
    "swot.add": ("เพิ่มประเด็น SWOT", "Add a SWOT item"),
    "swot.submit": ("เพิ่ม", "Add"),
    "swot.added": ("เพิ่มประเด็นแล้ว", "Item added"),
    "swot.quadrant.S": ("จุดแข็ง (Strengths)", "Strengths"),
    "swot.quadrant.W": ("จุดอ่อน (Weaknesses)", "Weaknesses"),
    "swot.quadrant.O": ("โอกาส (Opportunities)", "Opportunities"),
    "swot.quadrant.T": ("อุปสรรค (Threats)", "Threats"),
    "swot.vote": ("โหวต", "Vote"),
    "swot.unvote": ("ถอนโหวต", "Withdraw vote"),
    "swot.votes": ("{n} โหวต", "{n} votes"),
    "swot.empty": ("ยังไม่มีประเด็น", "No items yet"),
    "swot.by": ("โดย {name}", "by {name}"),
    "swot.by_facilitator": ("โดยผู้ดำเนินการ", "by the facilitator"),
    "swot.ranked": ("เรียงตามจำนวนโหวต มากไปน้อย", "Ranked by votes, most first"),
    # vision and positioning statements
    "vision.save": ("บันทึก", "Save"),
    "vision.saved": ("บันทึกแล้ว (ฉบับที่ {n})", "Saved (version {n})"),
    "vision.none": ("ผู้ดำเนินการยังไม่ได้กำหนดวิสัยทัศน์และตำแหน่งเมือง",
                    "The facilitator has not set the vision and positioning yet"),
    "vision.lead": ("ด้านที่เมืองจะแข่งขัน", "Lead dimensions"),
    "vision.last_saved": ("บันทึกล่าสุด {date}", "Last saved {date}"),
    # errors
    "error.required": ("กรุณากรอก “{field}”", "“{field}” is required"),
    "error.too_long": ("“{field}” ยาวเกิน {max} ตัวอักษร (ตอนนี้ {length})",
                       "“{field}” is longer than {max} characters (now {length})"),
    "error.control_chars": ("“{field}” มีอักขระควบคุมที่ไม่อนุญาต", "“{field}” contains control characters"),
    "error.unknown_province": ("ไม่พบรหัสจังหวัด “{code}” ในทะเบียน 77 จังหวัด",
                               "Province code “{code}” is not one of the 77 provinces"),
    "error.unknown_indicator": ("ไม่พบตัวชี้วัด “{code}” ในแคตตาล็อก", "Indicator “{code}” is not in the catalogue"),
    "error.unknown_dimension": ("ไม่พบด้าน “{code}”", "Unknown dimension “{code}”"),
    "error.bad_choice": ("ค่าของ “{field}” ไม่อยู่ในตัวเลือก", "“{field}” is not one of the choices"),
    "error.horizon": ("ระยะเวลาของแผนต้องอยู่ระหว่าง {min} ถึง {max} ปี",
                      "The plan horizon must be between {min} and {max} years"),
    "error.start_date": ("วันเริ่มต้นไม่ถูกต้อง", "The start date is not valid"),
    "error.duplicate_workshop": ("มีเวิร์กช็อปชื่อ “{name}” อยู่แล้ว กรุณาใช้ชื่ออื่น",
                                 "A workshop named “{name}” already exists: choose another name"),
    "error.workshop_not_found": ("ไม่พบเวิร์กช็อปนี้", "Workshop not found"),
    "error.wrong_join_code": ("รหัสเข้าร่วมไม่ถูกต้อง กรุณาตรวจสอบรหัสบนจอ",
                              "Wrong join code: check the code on the screen"),
    "error.facilitator_only": ("เฉพาะผู้ดำเนินการเท่านั้นที่ทำรายการนี้ได้",
                               "Only the facilitator can do this"),
    "error.sign_in_first": ("กรุณาเข้าร่วมเวิร์กช็อปหรือเข้าสู่ระบบก่อน", "Join a workshop or sign in first"),
    "error.not_your_workshop": ("ท่านไม่ได้เป็นผู้เข้าร่วมของเวิร์กช็อปนี้",
                                "You are not a participant of this workshop"),
    "error.password_length": ("รหัสผ่านต้องยาว {min} ถึง {max} ตัวอักษร",
                              "The password must be {min} to {max} characters long"),
    "error.password_already_set": ("ตั้งรหัสผ่านไว้แล้ว", "The password is already set"),
    "error.password_not_set": ("ยังไม่ได้ตั้งรหัสผ่านของผู้ดำเนินการ", "No facilitator password has been set"),
    "error.wrong_password": ("รหัสผ่านไม่ถูกต้อง", "Wrong password"),
    "error.bad_point": ("ละติจูดและลองจิจูดต้องเป็นตัวเลข", "Latitude and longitude must be numbers"),
    "error.point_outside_thailand": ("ตำแหน่งนี้อยู่นอกประเทศไทย", "This location is outside Thailand"),
    "error.participants_vote": ("การโหวตเป็นของผู้เข้าร่วม ผู้ดำเนินการโหวตไม่ได้",
                                "Voting is for participants; the facilitator cannot vote"),
    "error.item_not_found": ("ไม่พบประเด็นนี้", "Item not found"),
    "error.too_many_lead_dimensions": ("เลือกด้านที่จะแข่งขันได้ไม่เกิน {max} ด้าน",
                                       "Choose at most {max} lead dimensions"),
}

_PLACEHOLDER = re.compile(r"{(\w+)}")


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    text = entry[0] if lang != "en" else entry[1]
    if not params:
        return text
    plain = {k: v for k, v in params.items() if not (isinstance(v, str) and v in CATALOGUE)}
    values = {k: _fill(t(v, lang), plain) if k not in plain else v for k, v in params.items()}
    return _fill(text, values)


def _fill(text: str, values: dict) -> str:
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&])")


def escape_markdown(text: str) -> str:
    """Participant text shown through st.markdown: every markdown, HTML and Streamlit directive
    character is backslash-escaped, line breaks are kept."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text or "")
    return escaped.replace("\n", "  \n")
