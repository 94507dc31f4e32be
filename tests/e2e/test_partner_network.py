"""The partner network in a real browser: the facilitator adds an organisation (a duplicate is
refused with its name), sees it on the network map as a partner with no project, shows the map on
the projector; a phone names its organisation on its first page and the roll-up counts it."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, ARTIFACTS, choose, join_workshop, sign_in_facilitator, wait_idle

pytestmark = pytest.mark.e2e
NEW_ORG = "สภาอุตสาหกรรม <b>ขอนแก่น</b>"


def test_partners_page_network_map_projector_and_a_phone(server, new_page):
    fac = new_page(width=1400, height=1000)
    sign_in_facilitator(fac, server)
    open_page(fac, "3.1 · ภาคีเครือข่าย")
    wait_idle(fac)
    expect(fac.get_by_role("heading", name="ภาคีเครือข่าย")).to_be_visible()
    expect(fac.get_by_test_id("stMetricValue").first).to_have_text("11")

    fac.get_by_text("เพิ่มหน่วยงานใหม่", exact=True).click()
    wait_idle(fac)
    fac.get_by_label("ชื่อหน่วยงาน (ไทย)", exact=True).fill("khon kaen  UNIVERSITY")
    fac.get_by_role("button", name="เพิ่มหน่วยงาน", exact=True).click()
    wait_idle(fac)
    expect(fac.get_by_text(re.compile("ซ้ำกับ “มหาวิทยาลัยขอนแก่น”"))).to_be_visible()
    expect(fac.get_by_test_id("stMetricValue").first).to_have_text("11")

    fac.get_by_label("ชื่อหน่วยงาน (ไทย)", exact=True).fill(NEW_ORG)
    choose(fac, "ภาคส่วน", "เอกชน")
    fac.get_by_role("button", name="เพิ่มหน่วยงาน", exact=True).click()
    wait_idle(fac)
    expect(fac.get_by_test_id("stMetricValue").first).to_have_text("12")
    expect(fac.get_by_text(f"เพิ่ม “{NEW_ORG}” ในรายชื่อแล้ว")).to_be_visible()     # shown as typed

    open_page(fac, "3.2 · แผนที่เครือข่าย")
    wait_idle(fac)
    chart = fac.get_by_test_id("stPlotlyChart").first
    expect(chart).to_be_visible()
    # the name is drawn as text on the map, tags and all, never as bold markup
    expect(chart.locator("text", has_text=NEW_ORG)).to_have_count(1)
    expect(chart.locator("text", has_text="มหาวิทยาลัยขอนแก่น").first).to_be_visible()
    expect(fac.get_by_text(re.compile(r"หน่วยงานที่ยังไม่มีโครงการ: .*สภาอุตสาหกรรม <b>ขอนแก่น</b>"))).to_be_visible()
    expect(fac.get_by_text(re.compile("ด้านที่ยังไม่มีหน่วยงานร่วม: เศรษฐกิจอัจฉริยะ"))).to_be_visible()
    fac.screenshot(path=str(ARTIFACTS / "network_map.png"), full_page=True)

    open_page(fac, "0.1 · จอโปรเจกเตอร์")
    wait_idle(fac)
    code = fac.locator(".sc-join-code").first.inner_text().strip()
    fac.get_by_text("แผนที่เครือข่าย", exact=True).click()
    wait_idle(fac)
    projector_chart = fac.get_by_test_id("stPlotlyChart").first
    expect(projector_chart.locator("text", has_text=NEW_ORG)).to_have_count(1)
    fac.screenshot(path=str(ARTIFACTS / "projector_network.png"))

    phone = new_page(width=390, height=844)
    join_workshop(phone, server, code, "โทรศัพท์ภาคี")
    phone.get_by_text("ท่านมาจากหน่วยงานใด", exact=True).click()
    choose(phone, "หน่วยงานของฉัน", "สภาอุตสาหกรรม")
    phone.get_by_role("button", name="บันทึกหน่วยงานของฉัน").click()
    wait_idle(phone)
    expect(phone.get_by_text("ท่านมาจากหน่วยงานใด", exact=True)).to_have_count(0, timeout=15_000)
    phone.get_by_role("button", name="Expand sidebar").click()          # a phone's sidebar starts closed
    expect(phone.get_by_text(f"หน่วยงาน: {NEW_ORG}")).to_be_visible()

    open_page(fac, "3.1 · ภาคีเครือข่าย")
    wait_idle(fac)
    fac.get_by_text("การเข้าร่วมตามหน่วยงาน", exact=True).click()
    wait_idle(fac)
    grid = fac.get_by_test_id("stDataFrame").first
    row = grid.locator("tr").filter(has_text=NEW_ORG)      # the grid's own table for screen readers
    expect(row).to_have_count(1)
    cells = row.locator("td")
    # organisation, sector, joined: the phone; contributed: nothing yet
    for n, value in enumerate([NEW_ORG, "เอกชน (รวมบริษัทพัฒนาเมือง)", "1", "0"]):
        expect(cells.nth(n)).to_have_text(value)
    fac.screenshot(path=str(ARTIFACTS / "partners_rollup.png"), full_page=True)
