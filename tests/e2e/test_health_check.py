"""A network health check in real browsers: three phones join and name their organisation; the
facilitator opens a check and the phones are taken to it; they rate the seven components, and the
projector's radar and weakest component follow without a reload."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (open_page, ARTIFACTS, choose, create_open_and_project, join_workshop, sign_in_facilitator,
                                wait_idle)

pytestmark = pytest.mark.e2e
ORGANISATIONS = ("สำนักงานจังหวัดขอนแก่น", "เทศบาลนครขอนแก่น", "มหาวิทยาลัยขอนแก่น")


def test_phones_name_their_organisation_rate_the_network_and_the_projector_shows_the_weakest(server, new_page):
    fac = new_page(width=1920, height=1080)
    sign_in_facilitator(fac, server)
    open_page(fac, "0.1 · จอโปรเจกเตอร์")
    wait_idle(fac)
    code = fac.locator(".sc-join-code").first.inner_text().strip()

    phones = []
    for n, organisation in enumerate(ORGANISATIONS, start=1):
        phone = new_page(width=390, height=844)
        join_workshop(phone, server, code, f"โทรศัพท์ {n}")
        phone.get_by_text("ท่านมาจากหน่วยงานใด", exact=True).click()
        choose(phone, "หน่วยงานของฉัน", organisation)
        phone.get_by_role("button", name="บันทึกหน่วยงานของฉัน").click()
        wait_idle(phone)
        expect(phone.get_by_text("ท่านมาจากหน่วยงานใด", exact=True)).to_have_count(0, timeout=15_000)
        phones.append(phone)

    open_page(fac, "0.2 · กิจกรรมสด (โหวต/โพล)")
    wait_idle(fac)
    fac.get_by_text("สร้างกิจกรรมใหม่", exact=True).click()   # the demo has activities: the form is folded
    wait_idle(fac)
    fac.get_by_text("ให้คะแนน 1–5 ทุกข้อ", exact=True).click()
    wait_idle(fac)
    fac.get_by_label("คำถามหรือหัวข้อ").fill("ตรวจสุขภาพเครือข่าย วันนี้")
    create_open_and_project(fac)
    expect(fac.get_by_text("ตรวจสุขภาพเครือข่าย วันนี้ · เปิดอยู่")).to_be_visible()

    # benefits (the third component) rated lowest by everyone
    for n, (phone, ratings) in enumerate(zip(phones, ((4, 4, 2, 3, 3, 4, 5), (3, 5, 1, 4, 3, 3, 4),
                                                        (5, 4, 2, 2, 4, 3, 3))), start=1):
        # taken to the check by itself, from the page it was on
        expect(phone.get_by_role("heading", name="โหวตและแบบสอบถามสด")).to_be_visible(timeout=15_000)
        wait_idle(phone)
        expect(phone.get_by_role("strong").filter(has_text="การมีวิสัยทัศน์ร่วมกัน")).to_be_visible()
        groups = phone.get_by_test_id("stForm").get_by_test_id("stRadio")
        expect(groups).to_have_count(7)
        for i, value in enumerate(ratings):
            groups.nth(i).get_by_text(str(value), exact=True).click()
        phone.get_by_role("button", name="ส่งคำตอบ").click()
        wait_idle(phone)
        expect(phone.get_by_test_id("stAlertContentError")).to_have_count(0)
        if n == 1:
            option = groups.nth(0).get_by_text("1", exact=True).locator("xpath=ancestor::label")
            assert option.bounding_box()["height"] >= 24 and option.bounding_box()["width"] >= 24
            phone.screenshot(path=str(ARTIFACTS / "health_phone.png"), full_page=True)

    expect(fac.get_by_text("ตอบแล้ว 3 คน")).to_be_visible(timeout=15_000)
    expect(fac.get_by_text("องค์ประกอบที่อ่อนที่สุด: ความสนใจหรือผลประโยชน์ร่วมกัน (เฉลี่ย 1.7)")).to_be_visible(
        timeout=15_000)
    radar = fac.locator(".js-plotly-plot").first
    expect(radar).to_contain_text("ทุกคน (3 คน)")
    expect(radar).to_contain_text("การเกื้อหนุนพึ่งพากัน")
    fac.screenshot(path=str(ARTIFACTS / "health_projector.png"))
