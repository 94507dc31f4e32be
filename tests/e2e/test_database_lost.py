"""PostgreSQL restarts in the middle of a workshop: every open page (a phone on the SWOT board,
the facilitator's projector) shows one banner within seconds, no traceback, and both come back by
themselves when the server answers again, the phone still the same participant."""
import pytest
from playwright.sync_api import expect

from planning import demo, workshops
from planning.store import Store

from tests.e2e.conftest import free_port, join_workshop, sign_in_facilitator, start_server, wait_idle

pytestmark = pytest.mark.e2e
LOST = "ขาดการติดต่อกับฐานข้อมูล"


def test_every_page_shows_the_banner_and_recovers(tmp_path, new_page):
    from tests.postgres import Cluster

    cluster = Cluster()  # its own server: stopped and started by this test
    port = free_port()
    server = None
    try:
        db = cluster.new_database()
        store = Store(db)
        demo.ensure_demo(store)
        code = workshops.list_workshops(store)[0].join_code
        store.close()
        server = start_server(db, port, tmp_path / "app.log")
        url = f"http://127.0.0.1:{port}"
        fac = new_page(width=1400, height=1000)
        sign_in_facilitator(fac, url)
        fac.goto(f"{url}/projector")
        wait_idle(fac)
        phone = new_page(width=390, height=844)
        join_workshop(phone, url, code, "สมพร")

        cluster.pause()
        # Nobody touches anything: the phone's and the projector's own polling meet the lost server.
        expect(phone.get_by_text(LOST)).to_be_visible(timeout=20_000)
        expect(fac.get_by_text(LOST)).to_be_visible(timeout=20_000)
        for page in (phone, fac):
            expect(page.get_by_test_id("stException")).to_have_count(0)

        cluster.resume()
        expect(phone.get_by_text(LOST)).to_have_count(0, timeout=20_000)
        expect(fac.get_by_text(LOST)).to_have_count(0, timeout=20_000)
        wait_idle(phone)
        expect(phone.get_by_text("สมพร", exact=False).first).to_be_visible()
        assert "/join" not in phone.url  # still the same participant, not sent back to the join page
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        cluster.stop()
