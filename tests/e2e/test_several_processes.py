"""Two app processes share one PostgreSQL behind nginx (deploy/nginx.conf.template, as
scripts/venue.sh runs them): the projector on one process counts a vote cast on the other, a
phone whose connection moves to the other process is the same participant, and a phone joins
through the proxy (websocket included) with a route cookie that keeps it on one process."""
import os
import re
import subprocess
import sys
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (PASSWORD, ROOT, free_port, join_workshop, open_poll, sign_in_facilitator,
                                start_proxy, start_server, wait_idle)

pytestmark = pytest.mark.e2e
@pytest.fixture(scope="module")
def venue(tmp_path_factory, pg_cluster):
    tmp = tmp_path_factory.mktemp("venue")
    url = pg_cluster.new_database()
    env = dict(os.environ, SMARTCITY_DB=url, SMARTCITY_FACILITATOR_PASSWORD=PASSWORD)
    # migrated and seeded once, before any process serves a browser (as scripts/venue.sh does)
    subprocess.run([sys.executable, "-c", "from planning.store import get_store; get_store()"],
                   cwd=ROOT, env=env, check=True)
    ports = [free_port(), free_port()]
    procs = [start_server(url, p, tmp / f"app-{p}.log",
                          extra_env={"SMARTCITY_TRUSTED_PROXIES": "127.0.0.1"}) for p in ports]
    nginx, listen = start_proxy(ports, tmp)
    yield {"a": f"http://127.0.0.1:{ports[0]}", "b": f"http://127.0.0.1:{ports[1]}",
           "proxy": f"http://127.0.0.1:{listen}", "db": url}
    nginx.terminate()
    for p in procs:
        p.terminate()
    for p in procs + [nginx]:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()


def participants(url: str) -> list[str]:
    """Who joined, in order (the demo's own sample participants left out)."""
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT display_name FROM participant ORDER BY joined_at").fetchall()
    return [name for (name,) in rows if not name.endswith("(ตัวอย่าง)")]


def test_two_processes_behind_the_proxy_share_the_room(venue, new_page):
    fac = new_page(width=1400, height=1000)
    sign_in_facilitator(fac, venue["b"])                              # the projector on process B
    code = open_poll(fac, "เริ่มด้านไหนก่อน", ["สิ่งแวดล้อม", "การเดินทาง"])

    phone = new_page(width=390, height=844)                           # the phone on process A
    join_workshop(phone, venue["a"], code, "สมหญิง", lands_on="โหวตและแบบสอบถามสด")
    phone.get_by_test_id("stForm").get_by_text("การเดินทาง", exact=True).click()
    phone.get_by_role("button", name="ส่งคำตอบ").click()
    wait_idle(phone)
    expect(phone.get_by_text("คำตอบของคุณ: การเดินทาง")).to_be_visible()
    expect(fac.get_by_text("ตอบแล้ว 1 คน")).to_be_visible(timeout=15_000)   # counted on process B

    # The phone's connection moves to process B (a restart, the proxy's choice): the join token in
    # its address brings back the same participant, with the answer it gave.
    token = re.search(r"[?&]p=([^&]+)", phone.url).group(1)
    phone.goto(f"{venue['b']}/live?p={token}")
    wait_idle(phone)
    expect(phone.get_by_text("คำตอบของคุณ: การเดินทาง")).to_be_visible()
    expect(phone.get_by_text("สมหญิง", exact=False).first).to_be_visible()
    assert participants(venue["db"]) == ["สมหญิง"]

    # Through the proxy: the page, its websocket and the join; a route cookie keeps the browser on one process.
    with urllib.request.urlopen(venue["proxy"] + "/") as r:
        assert "smartcity_route=" in r.headers.get("Set-Cookie", "")
    second = new_page(width=390, height=844)
    join_workshop(second, venue["proxy"], code, "สมชาย", lands_on="โหวตและแบบสอบถามสด")
    assert [c["name"] for c in second.context.cookies() if c["name"] == "smartcity_route"] == ["smartcity_route"]
    second.get_by_test_id("stForm").get_by_text("สิ่งแวดล้อม", exact=True).click()
    second.get_by_role("button", name="ส่งคำตอบ").click()
    wait_idle(second)
    expect(fac.get_by_text("ตอบแล้ว 2 คน")).to_be_visible(timeout=15_000)
    assert participants(venue["db"]) == ["สมหญิง", "สมชาย"]
