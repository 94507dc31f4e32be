"""A reload (F5) keeps the facilitator and the committee reviewer signed in, with no secret in the
address bar (the facilitator's screen is on a projector); signing out ends it for good, and a
participant cannot turn a cookie into a facilitator sign-in."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, goto, join_workshop, sign_in_facilitator, committee_signs_in, wait_idle

pytestmark = pytest.mark.e2e

COOKIE = "smartcity_sign_in"
COMMITTEE_PASSWORD = "committee-pass-9"


def sign_in_cookie(page):
    found = [c for c in page.context.cookies() if c["name"] == COOKIE]
    return found[0] if found else None


def reload(page):
    page.reload()
    wait_idle(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_f5_keeps_the_facilitator_and_sign_out_ends_it(server, new_page):
    fac = new_page(width=1400, height=900)
    sign_in_facilitator(fac, server)
    fac.wait_for_function(f"document.cookie.includes('{COOKIE}=')")
    cookie = sign_in_cookie(fac)
    assert cookie["sameSite"] == "Strict" and cookie["value"] not in fac.url

    reload(fac)
    expect(fac.get_by_role("heading", name="เวิร์กช็อป", exact=True)).to_be_visible()
    open_page(fac, "0.1 · จอโปรเจกเตอร์")
    wait_idle(fac)
    reload(fac)  # on the projector, in front of the room
    expect(fac.get_by_text("ผู้เข้าร่วมแล้ว (เป้าหมายต่อรุ่น)")).to_be_visible()
    assert fac.url.endswith("/projector") and cookie["value"] not in fac.url

    fac.get_by_role("button", name="ออกจากระบบ").click()
    wait_idle(fac)
    fac.wait_for_function(f"!document.cookie.includes('{COOKIE}=')")
    reload(fac)
    expect(fac.get_by_role("heading", name="เข้าร่วมเวิร์กช็อป")).to_be_visible()

    # the old secret is worthless even where a copy of it survived
    stolen = new_page()
    stolen.context.add_cookies([{"name": COOKIE, "value": cookie["value"], "url": server}])
    goto(stolen, f"{server}/workshops")
    expect(stolen.get_by_role("heading", name="เข้าร่วมเวิร์กช็อป")).to_be_visible()


def test_f5_keeps_the_committee_reviewer(server, new_page):
    rev = committee_signs_in(new_page, server, COMMITTEE_PASSWORD)
    heading = rev.get_by_role("heading", name="การพิจารณาของคณะกรรมการจังหวัด")
    expect(heading).to_be_visible()
    rev.wait_for_function(f"document.cookie.includes('{COOKIE}=')")
    reload(rev)
    expect(heading).to_be_visible()
    expect(rev.get_by_text("เวิร์กช็อปที่ส่งแผนให้พิจารณา")).to_be_visible()  # the reviewer's own picker
    expect(rev.get_by_text("เนื้อหาและความเห็น")).to_be_visible()  # the submitted version is there
    assert sign_in_cookie(rev)["value"] not in rev.url


def test_a_participant_cannot_become_the_facilitator(server, new_page):
    fac = new_page()
    sign_in_facilitator(fac, server)
    code = fac.get_by_test_id("stMetricValue").first.inner_text().strip()
    phone = new_page(width=390, height=844)
    join_workshop(phone, server, code, "สมหญิง")
    token = phone.url.split("p=")[1].split("&")[0]
    # the participant's own secret, planted as a sign-in cookie, is nobody's sign-in
    phone.context.add_cookies([{"name": COOKIE, "value": token, "url": server}])
    goto(phone, f"{server}/workshops")
    expect(phone.get_by_role("heading", name="เข้าร่วมเวิร์กช็อป")).to_be_visible()
    goto(phone, f"{server}/?p={token}")
    expect(phone.get_by_role("heading", name="ตำแหน่งเมือง")).to_be_visible()
    expect(phone.get_by_role("link", name="0 · เวิร์กช็อป")).to_have_count(0)
