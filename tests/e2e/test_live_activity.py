"""A live poll in real browsers: the facilitator creates and opens it, three phones join and land
on it, vote, and the projector shows the count and results without a reload."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, join_workshop, sign_in_facilitator, wait_idle

pytestmark = pytest.mark.e2e


def test_phones_vote_while_the_projector_updates(server, new_page):
    fac = new_page(width=1400, height=1000)
    sign_in_facilitator(fac, server)
    fac.get_by_role("link", name="0.2 · กิจกรรมสด (โหวต/โพล)").click()
    wait_idle(fac)
    fac.get_by_text("โพลเลือกข้อเดียว", exact=True).click()
    wait_idle(fac)
    fac.get_by_label("คำถามหรือหัวข้อ").fill("เริ่มด้านไหนก่อน")
    fac.get_by_label("ตัวเลือก บรรทัดละหนึ่งข้อ", exact=False).fill("สิ่งแวดล้อม\nการเดินทาง\nพลังงาน")
    fac.get_by_role("button", name="สร้างกิจกรรม").click()
    wait_idle(fac)
    fac.get_by_role("button", name="เปิดให้โหวต").click()
    wait_idle(fac)
    fac.get_by_role("link", name="0.1 · จอโปรเจกเตอร์").first.click()
    wait_idle(fac)
    expect(fac.get_by_text("เริ่มด้านไหนก่อน · เปิดอยู่")).to_be_visible()
    expect(fac.get_by_text("ตอบแล้ว 0 คน")).to_be_visible()
    code = fac.locator(".sc-join-code").first.inner_text().strip()

    for n, choice in enumerate(("การเดินทาง", "การเดินทาง", "พลังงาน"), start=1):
        phone = new_page(width=390, height=844)
        # Joining while the poll is open lands on it (the link to it on the first page is an AppTest).
        join_workshop(phone, server, code, f"โทรศัพท์ {n}", lands_on="โหวตและแบบสอบถามสด")
        phone.get_by_test_id("stForm").get_by_text(choice, exact=True).click()
        phone.get_by_role("button", name="ส่งคำตอบ").click()
        wait_idle(phone)
        expect(phone.get_by_text(f"คำตอบของคุณ: {choice}")).to_be_visible()
        if n == 1:
            box = phone.get_by_role("button", name="ส่งคำตอบ").bounding_box()
            assert box["width"] > 300 and box["height"] >= 44  # a full-width touch target on a phone
            option = phone.get_by_test_id("stForm").get_by_text(choice, exact=True).locator("xpath=ancestor::label")
            assert option.bounding_box()["height"] >= 44
            phone.screenshot(path=str(ARTIFACTS / "live_phone.png"), full_page=True)

    # The projector's live part reruns every few seconds: no reload.
    expect(fac.get_by_text("ตอบแล้ว 3 คน")).to_be_visible(timeout=15_000)
    chart = fac.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("การเดินทาง")
    expect(chart).to_contain_text("2")
    fac.screenshot(path=str(ARTIFACTS / "projector_poll.png"))
