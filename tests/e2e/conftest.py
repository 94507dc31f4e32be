"""Browser tests: `streamlit run` on loopback with its own database, Debian's chromium via Playwright.

Wait helpers follow Streamlit's own e2e harness: an app is idle when its root element says
data-test-script-state="notRunning" and the connection is up.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "browser-pass-1"
ARTIFACTS = ROOT / "test-results"  # screenshots for a person to look at; not committed
ARTIFACTS.mkdir(exist_ok=True)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_path: Path | str, port: int, log_path: Path, extra_env: dict | None = None) -> subprocess.Popen:
    """`streamlit run app.py` on 127.0.0.1:port over a DuckDB file or a PostgreSQL URL."""
    env = dict(os.environ, SMARTCITY_DB=str(db_path), SMARTCITY_FACILITATOR_PASSWORD=PASSWORD, **(extra_env or {}))
    log = open(log_path, "ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early, see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not become healthy, see {log_path}")


NGINX = "/usr/sbin/nginx"


def start_proxy(ports: list[int], run_dir: Path) -> tuple[subprocess.Popen, int]:
    """nginx in front of app processes on `ports`, configured from deploy/nginx.conf.template as
    scripts/venue.sh does; returns it and the port it listens on (127.0.0.1)."""
    if not Path(NGINX).exists():
        raise RuntimeError("nginx is missing: scripts/setup.sh test installs it")
    listen = free_port()
    servers = "".join(f"        server 127.0.0.1:{p};\n" for p in ports)
    conf = (ROOT / "deploy" / "nginx.conf.template").read_text()
    conf = conf.replace("@RUN@", str(run_dir)).replace("@LISTEN@", f"127.0.0.1:{listen}").replace("@SERVERS@\n", servers)
    (run_dir / "nginx.conf").write_text(conf)
    proc = subprocess.Popen([NGINX, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{listen}/_stcore/health", timeout=2):
                return proc, listen
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"nginx did not answer, see {run_dir}/nginx-error.log")


@pytest.fixture(scope="module")
def server(request, tmp_path_factory, store_kind):
    """A server with its own fresh database (demo workshop only) for each test module; --store
    chooses the engine."""
    tmp = tmp_path_factory.mktemp("e2e")
    port = free_port()
    db = request.getfixturevalue("pg_cluster").new_database() if store_kind == "postgresql" else tmp / "e2e.duckdb"
    proc = start_server(db, port, tmp / "streamlit.log")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup.sh test installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser):
    contexts = []

    def _new(width=1280, height=900):
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="th-TH")
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        return page

    yield _new
    for ctx in contexts:
        ctx.close()


def open_page(page, name: str, exact: bool = False) -> None:
    """Click a navigation link and wait until its page has been drawn. A click that lands while
    the page is still settling can be lost on a loaded machine: if the address has not changed
    to the link's within 10 s, the link is clicked again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    link = page.get_by_role("link", name=name, exact=exact).first
    href = link.get_attribute("href")
    for attempt in range(3):
        link.click()
        try:
            page.wait_for_url(href, timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    wait_idle(page)


def wait_idle(page, timeout=30_000) -> None:
    """Wait until the script has finished and the app is connected."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_timeout(150)  # let the last deltas paint
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


def goto(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def sign_in_facilitator(page, server: str) -> None:
    """Open the sign-in page by its address, sign in, and land on the workshops page."""
    from playwright.sync_api import expect

    goto(page, f"{server}/sign_in")
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_label("รหัสผ่าน", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ", exact=True).click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="เวิร์กช็อป", exact=True)).to_be_visible()


def choose_sector(phone, sector: str = "ส่วนราชการ") -> None:
    """Pick a sector in the join form's select box (it starts empty)."""
    phone.get_by_label("ภาคส่วน", exact=True).click()
    phone.get_by_role("option", name=sector).click()


def join_workshop(phone, server: str, code: str, name: str, lands_on="ตำแหน่งเมือง",
                  sector: str = "ส่วนราชการ") -> None:
    """Join as a participant through the QR link (code filled in) and land on City Positioning
    (or, while a vote is open, on the live page: lands_on="โหวตและแบบสอบถามสด")."""
    from playwright.sync_api import expect

    goto(phone, f"{server}/?code={code}")
    expect(phone.get_by_label("รหัสเข้าร่วม", exact=True)).to_have_value(code)
    phone.get_by_label("ชื่อที่แสดง", exact=True).fill(name)
    choose_sector(phone, sector)
    phone.get_by_role("button", name="เข้าร่วม", exact=True).click()
    wait_idle(phone)
    expect(phone.get_by_role("heading", name=lands_on)).to_be_visible()
    expect(phone.get_by_text("Page not found")).to_have_count(0)


def type_in_grid(page, grid, row: int, column: int, value: str, tries: int = 3) -> None:
    """Type into a data editor's cell, reached by the keyboard from its first cell (row and column
    count from 1 and 0), and commit it; retried because the grid's overlay editor opens
    asynchronously."""
    canvas = grid.get_by_test_id("data-grid-canvas")
    for _ in range(tries):
        grid.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        page.mouse.click(box["x"] + 30, box["y"] + 35 + 17)   # row 1 (the header row is 35 px high)
        for key, times in (("ArrowLeft", 12), ("ArrowUp", 12), ("ArrowDown", row - 1), ("ArrowRight", column)):
            for _ in range(times):
                page.keyboard.press(key)
        page.keyboard.press("Enter")                            # opens the cell's editor
        editor = page.locator("#portal input, #portal textarea").first
        try:
            editor.wait_for(state="visible", timeout=3000)
        except Exception:
            continue
        editor.fill(value)
        editor.press("Enter")
        page.wait_for_timeout(400)
        wait_idle(page)
        return
    raise AssertionError(f"could not type {value} into the grid")


def open_poll(fac, question: str, options: list[str], named: bool = False) -> str:
    """As the facilitator: create a single-choice poll, open it, go to the projector; returns the
    join code shown there."""
    open_page(fac, "0.2 · กิจกรรมสด (โหวต/โพล)")
    wait_idle(fac)
    single = fac.get_by_text("โพลเลือกข้อเดียว", exact=True)
    if not single.is_visible():   # the form is folded once the workshop has activities
        fac.get_by_text("สร้างกิจกรรมใหม่", exact=True).click()
    single.click()
    wait_idle(fac)
    fac.get_by_label("คำถามหรือหัวข้อ").fill(question)
    fac.get_by_label("ตัวเลือก บรรทัดละหนึ่งข้อ", exact=False).fill("\n".join(options))
    if named:
        fac.get_by_text("ไม่แสดงชื่อ", exact=True).click()   # named: "who chose what" is shown
    return create_open_and_project(fac)


def create_open_and_project(fac) -> str:
    """Create the activity filled in on the form, open it, show the projector; the join code."""
    fac.get_by_role("button", name="สร้างกิจกรรม").click()
    wait_idle(fac)
    fac.get_by_role("button", name="เปิดให้โหวต").click()
    wait_idle(fac)
    open_page(fac, "0.1 · จอโปรเจกเตอร์")
    wait_idle(fac)
    return fac.locator(".sc-join-code").first.inner_text().strip()


def committee_signs_in(new_page, server: str, password: str, width=1400, height=900):
    """The facilitator finds the demo's second version awaiting review and sets the committee's
    password; a committee member signs in on another page, which is returned on the review page."""
    from playwright.sync_api import expect

    fac = new_page(width=1400, height=900)
    sign_in_facilitator(fac, server)
    open_page(fac, "6 · การพิจารณาของคณะกรรมการ")
    wait_idle(fac)
    expect(fac.get_by_text("ฉบับที่ 2 (ส่งเมื่อ")).to_be_visible()
    fac.get_by_text("รหัสผ่านสำหรับคณะกรรมการ").click()
    done = fac.get_by_text("ตั้งรหัสผ่านคณะกรรมการแล้ว")
    for _ in range(3):  # a click that lands while a loaded machine is still starting a rerun is lost
        fac.get_by_label("รหัสผ่าน", exact=True).fill(password)
        fac.get_by_role("button", name="ตั้งรหัสผ่าน").click()
        wait_idle(fac)
        try:
            expect(done).to_be_visible(timeout=10_000)
            break
        except AssertionError:
            continue
    expect(done).to_be_visible()

    rev = new_page(width=width, height=height)
    goto(rev, f"{server}/sign_in")
    rev.get_by_text("คณะกรรมการจังหวัด (ผู้พิจารณา)").click()
    wait_idle(rev)
    rev.get_by_label("ชื่อ-ตำแหน่งของกรรมการ").fill("นายสมศักดิ์ กรรมการ")
    rev.get_by_label("รหัสผ่าน", exact=True).fill(password)
    rev.get_by_role("button", name="เข้าสู่ระบบ", exact=True).click()
    wait_idle(rev)
    return rev


def choose(page, label: str, option: str) -> None:
    """Pick an option of a select box by typing the start of it."""
    import re

    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name=label)
    wanted = page.get_by_role("option", name=re.compile("^" + re.escape(option)))
    for _ in range(3):  # keys typed while the list is still opening can be lost on a loaded machine
        box.click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(option, delay=20)
        try:
            expect(wanted).to_have_count(1, timeout=3_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    expect(wanted).to_have_count(1)
    page.keyboard.press("Enter")
    expect(page.get_by_role("option")).to_have_count(0)     # the list has closed on the choice
