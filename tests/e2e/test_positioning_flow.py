"""A facilitator creates a workshop; a participant on a phone joins it and adds a SWOT item;
the facilitator sees the item."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, ARTIFACTS, PASSWORD, goto, join_workshop, sign_in_facilitator, wait_idle

pytestmark = pytest.mark.e2e


def fill(page, label: str, value: str) -> None:
    page.get_by_label(label, exact=True).fill(value)


def click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_idle(page)


def test_create_join_and_share_a_swot_item(server, new_page):
    facilitator = new_page()
    goto(facilitator, server)
    expect(facilitator.get_by_role("heading", name="เข้าร่วมเวิร์กช็อป")).to_be_visible()
    open_page(facilitator, "ผู้ดำเนินการเข้าสู่ระบบ")
    wait_idle(facilitator)
    fill(facilitator, "รหัสผ่าน", PASSWORD)
    click(facilitator, "เข้าสู่ระบบ")
    expect(facilitator.get_by_role("heading", name="เวิร์กช็อป", exact=True)).to_be_visible()
    expect(facilitator.get_by_text("Page not found")).to_have_count(0)

    fill(facilitator, "ชื่อเวิร์กช็อป", "นครสวรรค์เมืองอัจฉริยะ")
    facilitator.get_by_role("combobox", name="จังหวัด").click()
    facilitator.keyboard.type("นครสวรรค์")
    facilitator.keyboard.press("Enter")
    fill(facilitator, "ชื่อพื้นที่เป้าหมาย", "เทศบาลนครนครสวรรค์")
    click(facilitator, "สร้างเวิร์กช็อป")
    created = facilitator.get_by_text(re.compile(r"รหัสเข้าร่วม: [A-Z0-9]{6}"))
    expect(created).to_be_visible()
    code = re.search(r"รหัสเข้าร่วม: ([A-Z0-9]{6})", created.inner_text()).group(1)
    expect(facilitator.get_by_text("นครสวรรค์ · ภาคกลาง")).to_be_visible()

    # A participant on a phone opens the join link from the QR code.
    phone = new_page(width=390, height=844)
    join_workshop(phone, server, code, "สมศรี")
    phone.get_by_text("จุดแข็ง (Strengths)", exact=True).first.click()
    fill(phone, "ข้อความ", "ท่าเรือและชุมทางรถไฟ <b>ปากน้ำโพ</b>")
    phone.get_by_role("button", name="เพิ่ม", exact=True).click()
    wait_idle(phone)
    expect(phone.get_by_text("เพิ่มประเด็นแล้ว")).to_be_visible()
    pill = phone.get_by_role("button", name="1. ท่าเรือและชุมทางรถไฟ <b>ปากน้ำโพ</b>")
    pill.click()
    wait_idle(phone)
    expect(phone.get_by_text("1 โหวต · 1. ท่าเรือ")).to_be_visible()

    # The facilitator opens City positioning and sees the item, escaped, with its vote.
    open_page(facilitator, "1 · ตำแหน่งเมือง")
    wait_idle(facilitator)
    facilitator.get_by_role("main").get_by_text("SWOT", exact=True).click()
    wait_idle(facilitator)
    item = facilitator.get_by_text("ท่าเรือและชุมทางรถไฟ <b>ปากน้ำโพ</b>")
    expect(item).to_be_visible()
    expect(facilitator.get_by_text("1 โหวต · 1. ท่าเรือและชุมทางรถไฟ")).to_be_visible()
    expect(facilitator.get_by_text("โดย สมศรี")).to_be_visible()
    assert facilitator.locator("b", has_text="ปากน้ำโพ").count() == 0
    facilitator.get_by_role("main").get_by_text("แผนที่และข้อมูลเมือง", exact=True).click()
    wait_idle(facilitator)
    expect(facilitator.locator("canvas").first).to_be_visible()
    facilitator.screenshot(path=str(ARTIFACTS / "positioning_facilitator.png"), full_page=True)
    phone.screenshot(path=str(ARTIFACTS / "positioning_phone.png"), full_page=True)

    # Signing out lands on the join page, not on a "page not found" notice.
    facilitator.get_by_role("button", name="ออกจากระบบ").click()
    wait_idle(facilitator)
    expect(facilitator.get_by_role("heading", name="เข้าร่วมเวิร์กช็อป")).to_be_visible()
    expect(facilitator.get_by_text("Page not found")).to_have_count(0)


def test_a_phone_that_reloads_is_the_same_participant(server, new_page):
    phone = new_page(width=390, height=844)
    join_workshop(phone, server, _open_workshop_code(server, phone), "โหลดใหม่")
    phone.reload()
    wait_idle(phone)
    expect(phone.get_by_role("heading", name="ตำแหน่งเมือง")).to_be_visible()
    expect(phone.get_by_label("ชื่อที่แสดง", exact=True)).to_have_count(0)


def _open_workshop_code(server, page) -> str:
    """The join code of the workshop a facilitator has open, read off the workshops page."""
    facilitator = page.context.browser.new_context().new_page()
    sign_in_facilitator(facilitator, server)
    code = facilitator.get_by_test_id("stMetricValue").first.inner_text().strip()
    facilitator.context.close()
    return code
