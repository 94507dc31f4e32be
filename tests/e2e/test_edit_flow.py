"""A participant on a phone changes and then deletes their own SWOT item through the one small
chooser under the board; the board shows each change at once and the votes stay with the item."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, join_workshop, sign_in_facilitator, wait_idle

pytestmark = pytest.mark.e2e


def test_a_phone_edits_and_deletes_its_own_item(server, new_page):
    facilitator = new_page()
    sign_in_facilitator(facilitator, server)
    code = re.search(r"[A-Z0-9]{6}", facilitator.get_by_test_id("stMetricValue").first.inner_text()).group(0)

    phone = new_page(width=390, height=844)
    join_workshop(phone, server, code, "มานี")
    expect(phone.get_by_text("แก้ไขหรือลบประเด็นของฉัน")).to_have_count(0)   # nothing of mine yet
    phone.get_by_text("จุดอ่อน (Weaknesses)", exact=True).first.click()
    phone.get_by_label("ข้อความ", exact=True).fill("ทางเท้าแคบ")
    phone.get_by_role("button", name="เพิ่ม", exact=True).click()
    wait_idle(phone)
    pill = phone.get_by_role("button", name=re.compile(r"^\d+\. ทางเท้าแคบ$"))
    pill.click()                                                              # her own vote
    wait_idle(phone)

    chooser = phone.get_by_role("combobox", name="แก้ไขหรือลบประเด็นของฉัน")
    expect(chooser).to_be_visible()
    chooser.click()
    phone.keyboard.type("ทางเท้า")
    phone.keyboard.press("Enter")
    wait_idle(phone)
    form = phone.locator("[data-testid='stForm']").last
    form.get_by_label("ข้อความ", exact=True).fill("ทางเท้าแคบ มีหาบเร่แผงลอย")
    form.get_by_role("button", name="บันทึกการแก้ไข").click()
    wait_idle(phone)
    expect(phone.get_by_text("แก้ไขประเด็นแล้ว (คะแนนโหวตยังอยู่)")).to_be_visible()
    expect(phone.get_by_text(re.compile(r"1 โหวต · \d+\. ทางเท้าแคบ มีหาบเร่แผงลอย"))).to_be_visible()
    expect(phone.get_by_role("button", name="บันทึกการแก้ไข")).to_have_count(0)  # the form closed
    phone.screenshot(path=str(ARTIFACTS / "swot_edit_phone.png"), full_page=True)

    chooser.click()
    phone.keyboard.type("หาบเร่")
    phone.keyboard.press("Enter")
    wait_idle(phone)
    form = phone.locator("[data-testid='stForm']").last
    form.get_by_text("ยืนยันการลบ").click()
    form.get_by_role("button", name="ลบ", exact=True).click()
    wait_idle(phone)
    expect(phone.get_by_text("ลบประเด็นแล้ว (โหวตของประเด็นนี้ไม่นับอีก)")).to_be_visible()
    expect(phone.get_by_text("ทางเท้าแคบ มีหาบเร่แผงลอย")).to_have_count(0)
    expect(phone.get_by_text("แก้ไขหรือลบประเด็นของฉัน")).to_have_count(0)
