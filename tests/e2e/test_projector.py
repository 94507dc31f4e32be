"""The projector view refreshes by itself: phones join and vote, the projector shows it without
a reload."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, ARTIFACTS, join_workshop, sign_in_facilitator, wait_idle

pytestmark = pytest.mark.e2e


def test_projector_updates_while_phones_join_and_vote(server, new_page):
    projector = new_page(width=1600, height=900)
    sign_in_facilitator(projector, server)
    open_page(projector, "0.1 · จอโปรเจกเตอร์")
    wait_idle(projector)
    projector.get_by_text("อันดับ SWOT", exact=True).click()   # the demo's last closed activity shows first
    wait_idle(projector)
    joined = projector.get_by_test_id("stMetricValue").first
    expect(joined).to_have_text("6 / 60")
    code = projector.locator(".sc-join-code").first.inner_text().strip()

    for name in ("โทรศัพท์ 1", "โทรศัพท์ 2"):
        phone = new_page(width=390, height=844)
        join_workshop(phone, server, code, name)
        phone.get_by_role("button", name="2. ข้อมูลของหน่วยงานกระจัดกระจาย ไม่มีแพลตฟอร์มข้อมูลเมือง").click()
        wait_idle(phone)

    # No reload of the projector: its live part reruns every few seconds.
    expect(joined).to_have_text("8 / 60", timeout=15_000)
    expect(projector.get_by_text("4 โหวต · 2. ข้อมูลของหน่วยงานกระจัดกระจาย")).to_be_visible(timeout=15_000)
    projector.screenshot(path=str(ARTIFACTS / "projector.png"))
