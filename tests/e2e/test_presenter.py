"""The room in real browsers: presenter mode on a 1920×1080 projector, a phone on the SWOT board
taken to a newly opened poll and back, a phone that leaves and joins again counted once on the
projector, and an answer the facilitator hides never reaching the projector."""
import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, ROOT, goto, join_workshop, sign_in_facilitator, wait_idle

pytestmark = pytest.mark.e2e
LIVE = "โหวตและแบบสอบถามสด"
SCREENSHOT = ROOT / "docs" / "presenter-mode.png"


def to_page(fac, link: str) -> None:
    open_page(fac, link)
    wait_idle(fac)


def create_and_open(fac, kind: str, title: str, options: str = "", cloud: bool = False, minutes: str = "") -> None:
    """On the live activities page: create an activity and open it (with a countdown if given)."""
    to_page(fac, "0.2 · กิจกรรมสด (โหวต/โพล)")
    if not fac.get_by_label("คำถามหรือหัวข้อ").is_visible():
        fac.get_by_text("สร้างกิจกรรมใหม่").click()
    fac.get_by_text(kind, exact=True).click()
    wait_idle(fac)
    fac.get_by_label("คำถามหรือหัวข้อ").fill(title)
    if options:
        fac.get_by_label("ตัวเลือก บรรทัดละหนึ่งข้อ", exact=False).fill(options)
    if cloud:
        fac.get_by_text("เมฆคำ", exact=True).click()
    fac.get_by_role("button", name="สร้างกิจกรรม").click()
    wait_idle(fac)
    fac.get_by_label("กิจกรรม", exact=True).click()  # pick it (the list may still show the last one)
    fac.get_by_role("option", name=f"ร่าง · {title}").click()
    wait_idle(fac)
    expect(fac.get_by_role("heading", name=title)).to_be_visible()
    if minutes:
        field = fac.get_by_role("spinbutton", name="นับถอยหลัง (นาที, 0 = ไม่นับ)")
        field.fill(minutes)
        field.press("Enter")
        wait_idle(fac)
    fac.get_by_role("button", name="เปิดให้โหวต").click()
    wait_idle(fac)


def joined_count(projector) -> int:
    return int(projector.get_by_test_id("stMetricValue").first.inner_text().split("/")[0])


def test_presenter_mode_fills_a_1920_projector_with_a_code_readable_from_the_back(server, new_page):
    fac = new_page(width=1920, height=1080)
    sign_in_facilitator(fac, server)
    create_and_open(fac, "โพลเลือกข้อเดียว", "เริ่มพัฒนาด้านไหนก่อน", "สิ่งแวดล้อม\nการเดินทาง\nพลังงาน", minutes="2")
    to_page(fac, "0.1 · จอโปรเจกเตอร์")
    fac.get_by_role("button", name="โหมดนำเสนอ", exact=True).click()
    wait_idle(fac)
    assert fac.url.endswith("?present=1")
    expect(fac.get_by_test_id("stSidebar")).to_be_hidden()
    expect(fac.get_by_test_id("stHeader")).to_be_hidden()
    expect(fac.get_by_role("button", name="โหมดนำเสนอ", exact=True)).to_have_count(0)
    code = fac.locator(".sc-join-code")
    before = code.bounding_box()
    assert before["height"] >= 96, before
    qr_before = fac.get_by_test_id("stImage").locator("img").bounding_box()
    expect(fac.get_by_text(re.compile(r"เหลือเวลา [12]:\d\d"))).to_be_visible()  # ticking in the browser

    phone = new_page(width=390, height=844)
    join_workshop(phone, server, code.inner_text().strip(), "ห้องหลัง", lands_on=LIVE)
    phone.get_by_test_id("stForm").get_by_text("การเดินทาง", exact=True).click()
    phone.get_by_role("button", name="ส่งคำตอบ").click()
    wait_idle(phone)

    # Results on screen: counts with percentages; the QR code gives them room, the code stays large.
    chart = fac.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("1 (100%)", timeout=15_000)
    wait_idle(fac)
    assert code.bounding_box()["height"] >= 96
    qr_after = fac.get_by_test_id("stImage").locator("img").bounding_box()
    assert qr_after["width"] < qr_before["width"] * 0.75, (qr_before, qr_after)
    size = code.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 96, size
    fac.wait_for_timeout(500)
    fac.screenshot(path=str(SCREENSHOT))

    fac.keyboard.press("Escape")  # Esc leaves presenter mode
    wait_idle(fac)
    expect(fac.get_by_role("button", name="โหมดนำเสนอ", exact=True)).to_be_visible()
    assert "present" not in fac.url
    expect(fac.get_by_test_id("stSidebar")).to_be_visible()


def test_a_phone_on_the_swot_board_is_taken_to_a_new_poll_within_5_seconds_and_back(server, new_page):
    fac = new_page(width=1400, height=1000)
    sign_in_facilitator(fac, server)
    code = fac.get_by_test_id("stMetricValue").first.inner_text().strip()
    create_and_open(fac, "โพลเลือกข้อเดียว", "อุ่นเครื่อง", "ก\nข")  # something to close first
    fac.get_by_role("button", name="ปิดโหวต").click()
    wait_idle(fac)
    phone = new_page(width=390, height=844)
    join_workshop(phone, server, code, "บนกระดาน SWOT")
    expect(phone.get_by_text("จุดแข็ง (Strengths)").first).to_be_visible()  # the SWOT board

    create_and_open(fac, "โพลเลือกข้อเดียว", "โหวตด่วน", "ใช่\nไม่ใช่")
    opened = time.monotonic()
    expect(phone.get_by_role("heading", name=LIVE)).to_be_visible(timeout=5_000)
    expect(phone.get_by_role("heading", name="โหวตด่วน")).to_be_visible(timeout=5_000)
    assert time.monotonic() - opened < 5
    assert "/live" in phone.url and "p=" in phone.url  # still the same participant

    fac.get_by_role("button", name="ปิดโหวต").click()
    wait_idle(fac)
    expect(phone.get_by_role("heading", name="ตำแหน่งเมือง")).to_be_visible(timeout=8_000)
    expect(phone.get_by_text("จุดแข็ง (Strengths)").first).to_be_visible()


def test_leaving_and_joining_again_is_not_counted_twice_on_the_projector(server, new_page):
    projector = new_page(width=1600, height=900)
    sign_in_facilitator(projector, server)
    to_page(projector, "0.1 · จอโปรเจกเตอร์")
    code = projector.locator(".sc-join-code").first.inner_text().strip()
    phone = new_page(width=390, height=844)
    before = joined_count(projector)
    join_workshop(phone, server, code, "คนเดิม", sector="ภาควิชาการ")
    expect(projector.get_by_test_id("stMetricValue").first).to_have_text(f"{before + 1} / 60", timeout=15_000)

    # Leave: sign out in the sidebar, then close the tab.
    phone.get_by_test_id("stExpandSidebarButton").click()
    phone.get_by_role("button", name="ออกจากระบบ").click()
    wait_idle(phone)
    expect(phone.get_by_role("heading", name="เข้าร่วมเวิร์กช็อป")).to_be_visible()
    again = phone.context.new_page()  # a new tab on the same phone: only the cookie remembers
    phone.close()
    again.set_default_timeout(30_000)
    goto(again, f"{server}/?code={code}")
    if again.get_by_test_id("stSidebar").is_visible():  # the browser remembers the open sidebar
        again.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    expect(again.get_by_text("มือถือนี้เคยเข้าร่วมเวิร์กช็อปนี้แล้วในชื่อ คนเดิม (ภาควิชาการ)")).to_be_visible()
    expect(again.get_by_label("ชื่อที่แสดง", exact=True)).to_have_count(0)
    again.get_by_role("button", name="เข้าร่วมต่อในชื่อ คนเดิม").click()
    wait_idle(again)
    expect(again.get_by_role("heading", name="ตำแหน่งเมือง")).to_be_visible()
    projector.wait_for_timeout(4_000)  # a refresh or more of the projector
    wait_idle(projector)
    assert joined_count(projector) == before + 1


def test_an_answer_the_facilitator_hides_never_reaches_the_projector(server, new_page):
    fac = new_page(width=1400, height=1000)
    sign_in_facilitator(fac, server)
    code = fac.get_by_test_id("stMetricValue").first.inner_text().strip()
    create_and_open(fac, "คำตอบสั้น", "เมืองในฝันหนึ่งคำ", cloud=True)
    projector = new_page(width=1600, height=900)
    sign_in_facilitator(projector, server)
    to_page(projector, "0.1 · จอโปรเจกเตอร์")
    for name, answer in (("ผู้ตอบหนึ่ง", "ต้นไม้ร่มรื่น"), ("ผู้ตอบสอง", "คำที่ไม่ควรขึ้นจอ")):
        phone = new_page(width=390, height=844)
        join_workshop(phone, server, code, name, lands_on=LIVE)
        phone.get_by_label("คำตอบของคุณ").fill(answer)
        phone.get_by_role("button", name="ส่งคำตอบ").click()
        wait_idle(phone)
    expect(projector.get_by_text("คำที่ไม่ควรขึ้นจอ")).to_be_visible(timeout=15_000)

    fac.reload()  # the moderation list has both answers
    wait_idle(fac)
    fac.get_by_role("button", name="คำที่ไม่ควรขึ้นจอ (1)").click()
    wait_idle(fac)
    expect(fac.get_by_text("ไม่แสดงบนจอ 1 คำตอบ")).to_be_visible()
    expect(projector.get_by_text("คำที่ไม่ควรขึ้นจอ")).to_have_count(0, timeout=15_000)
    expect(projector.get_by_text("ต้นไม้ร่มรื่น")).to_be_visible()
    expect(projector.get_by_text("ตอบแล้ว 1 คน")).to_be_visible()
