"""A facilitator downloads the Excel template, fills it, imports it, then sets targets in the grid
and sees a wrong-way target flagged and cleared."""
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, ARTIFACTS, sign_in_facilitator, wait_idle
from tests.hostile import make_corpus as corpus

pytestmark = pytest.mark.e2e
TARGET_6M_COLUMN = 4  # step 2's columns: name (pinned), unit, direction, baseline, 6m, 12m, horizon


def set_first_row_target(page, value: str, saved) -> None:
    """On step 2 (targets), select row 1 on the grid canvas, walk right to the 6-month column, type
    the value (typing on a selected cell opens Glide's editor with it), commit, save; until
    `saved()` (an expect that waits) sees the saved page show the result. Retried at most three
    times: the editor opens asynchronously."""
    page.get_by_text("ขั้นที่ 2 · ค่าเป้าหมาย").click()
    wait_idle(page)
    canvas = page.get_by_test_id("data-grid-canvas").first
    for attempt in range(3):
        box = canvas.bounding_box()
        page.mouse.click(box["x"] + 30, box["y"] + 35 + 17)  # header row is 35 px high
        # Enter after the last edit moved the selection a row down: back to row 1, first column
        for key, times in (("ArrowUp", 10), ("ArrowLeft", 10), ("ArrowRight", TARGET_6M_COLUMN)):
            for _ in range(times):
                page.keyboard.press(key)
        page.wait_for_timeout(300)
        page.keyboard.type(value)
        editor = page.locator("#portal input, #portal textarea").first  # Glide's overlay editor
        try:
            editor.wait_for(state="visible", timeout=3000)
        except Exception:
            continue
        editor.fill(value)
        editor.press("Enter")
        page.wait_for_timeout(400)
        wait_idle(page)
        try:
            # On a loaded machine the grid's editor can still cover the button: try again
            page.get_by_role("button", name="บันทึกค่าเป้าหมาย").click(timeout=10_000)
            wait_idle(page)
            saved()  # an expect(...) that waits for the saved result
            return
        except (AssertionError, PlaywrightTimeout):
            page.keyboard.press("Escape")
            continue
    raise AssertionError(f"the 6-month target {value} was not saved")


def test_import_template_then_set_targets(server, new_page, tmp_path):
    page = new_page(width=1400, height=1000)
    sign_in_facilitator(page, server)
    open_page(page, "2 · เจ็ดด้าน")
    wait_idle(page)
    expect(page.get_by_role("heading", name="เจ็ดด้านของเมืองอัจฉริยะ")).to_be_visible()

    page.get_by_text("นำเข้าค่าฐานและค่าเปรียบเทียบจากไฟล์ (CSV/Excel)").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="ดาวน์โหลดแม่แบบ Excel").click()
    wb = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    ws = wb.active
    assert ws["A1"].value == "รหัสตัวชี้วัด" and ws["A2"].value == "ENV-PM25"
    ws["D2"], ws["E2"], ws["F2"], ws["G2"], ws["H2"] = "๓๒.๕", "๒๕๖๗", "กรมควบคุมมลพิษ", 37.5, "มาตรฐาน 24 ชม."
    filled = tmp_path / "baselines.xlsx"
    wb.save(filled)

    # Streamlit's uploader speaks English; the page draws the reader's words over it
    zone = page.get_by_test_id("stFileUploaderDropzone")
    shown = zone.evaluate("""z => [z.querySelector('button p'), z.querySelector('[data-testid=stFileUploaderDropzoneInstructions] span')]
        .map(e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content])""")
    assert shown == [["0px", '"เลือกไฟล์"'], ["0px", '"หรือลากไฟล์มาวางที่นี่ · ไม่เกิน 1 MB · CSV, TXT, TSV, XLSX, XLSM, XLS"']]
    page.locator("input[type=file]").set_input_files(str(filled))
    wait_idle(page)
    page.get_by_role("button", name="ตรวจและนำเข้า").click()
    wait_idle(page)
    expect(page.get_by_text("นำเข้าแล้ว 1 ตัวชี้วัด")).to_be_visible()

    # Back to a fresh worksheet (import section closed) to edit targets in the grid.
    open_page(page, "2.1 · ด้านที่มุ่งเน้นและสรุป")
    wait_idle(page)
    open_page(page, "2 · เจ็ดด้าน")
    wait_idle(page)
    flag = page.get_by_text("ค่าเฉลี่ยฝุ่น PM2.5 รายปี: เป้า 6 เดือนเคลื่อนผิดทิศจากค่าฐาน")
    # PM2.5 is lower-is-better: a 6-month target of 35 moves away from the baseline of 32.5.
    set_first_row_target(page, "35", lambda: expect(flag.first).to_be_visible())
    set_first_row_target(page, "31", lambda: expect(flag).to_have_count(0))
    page.screenshot(path=str(ARTIFACTS / "dimensions_facilitator.png"), full_page=True)

    open_page(page, "2.1 · ด้านที่มุ่งเน้นและสรุป")
    wait_idle(page)
    expect(page.get_by_role("heading", name="สรุป 7 ด้าน", exact=True)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "focus_summary.png"), full_page=True)


def test_a_bad_file_is_explained_and_nothing_changes(server, new_page, tmp_path):
    page = new_page(width=1400, height=1000)
    sign_in_facilitator(page, server)
    open_page(page, "2 · เจ็ดด้าน")
    wait_idle(page)
    # expect() rather than click(): if the section is missing, the failure shows what the page holds
    expect(page.get_by_role("heading", name="เจ็ดด้านของเมืองอัจฉริยะ")).to_be_visible()
    expect(page.get_by_text("นำเข้าค่าฐานและค่าเปรียบเทียบจากไฟล์ (CSV/Excel)")).to_be_visible(timeout=60_000)
    page.get_by_text("นำเข้าค่าฐานและค่าเปรียบเทียบจากไฟล์ (CSV/Excel)").click()
    bad = tmp_path / "bad.csv"
    bad.write_text('รหัสตัวชี้วัด,ค่าฐาน,ปีฐาน\nENV-PM25,"1.234,5",2567\nENV-RECYC,50,67\n', encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(bad))
    wait_idle(page)
    page.get_by_role("button", name="ตรวจและนำเข้า").click()
    wait_idle(page)
    problems = page.locator(".st-key-problems_import")
    expect(problems.get_by_test_id("stAlertContentError")).to_contain_text("พบข้อผิดพลาด 2 รายการ ไม่มีการบันทึกข้อมูลใด ๆ")
    expect(problems).to_contain_text("แถว 2, คอลัมน์ “ค่าฐาน”")
    expect(problems).to_contain_text("แถว 3, คอลัมน์ “ปีฐาน”")


def test_hostile_cell_text_stays_text_and_a_long_list_is_cut(server, new_page, tmp_path):
    """Cell text with markdown, HTML, links and direction overrides is shown as typed; an image
    in a cell is never fetched; 2,000 bad rows give ten lines and a download of all."""
    page = new_page(width=1400, height=1000)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in_facilitator(page, server)
    open_page(page, "2 · เจ็ดด้าน")
    wait_idle(page)
    page.get_by_text("นำเข้าค่าฐานและค่าเปรียบเทียบจากไฟล์ (CSV/Excel)").click()

    hostile = tmp_path / "hostile.csv"
    hostile.write_bytes(corpus.markdown_cells())
    page.locator("input[type=file]").set_input_files(str(hostile))
    wait_idle(page)
    page.get_by_role("button", name="ตรวจและนำเข้า").click()
    wait_idle(page)
    problems = page.locator(".st-key-problems_import")
    expect(problems.get_by_test_id("stAlertContentError")).to_contain_text("พบข้อผิดพลาด 6 รายการ")
    for literal in ("“**bold**”", "“[click](http://127.0.0.1:9/phish)”", "“![img](http://127.0.0.1:9/beacon.png)”",
                    "“<img src=x onerror=alert(1)>”", "“www.example.com”"):
        expect(problems).to_contain_text(literal)
    assert problems.locator("a, img, strong, em, code").count() == 0
    assert "\u202e" not in problems.inner_text()
    page.wait_for_timeout(500)
    assert not [url for url in requested if "127.0.0.1:9/" in url or url.startswith("http://x")]
    page.screenshot(path=str(ARTIFACTS / "import_hostile_cells.png"), full_page=True)

    many = tmp_path / "many.csv"
    many.write_bytes(corpus.many_bad_rows(2000))
    page.locator("input[type=file]").set_input_files(str(many))
    wait_idle(page)
    page.get_by_role("button", name="ตรวจและนำเข้า").click()
    wait_idle(page)
    expect(problems.get_by_test_id("stAlertContentError")).to_contain_text("พบข้อผิดพลาด 2000 รายการ")
    expect(problems).to_contain_text("แสดง 10 รายการแรกจากทั้งหมด 2000 รายการ")
    assert len(problems.get_by_test_id("stText").inner_text().strip().splitlines()) == 10
    assert problems.bounding_box()["height"] < 800
    with page.expect_download() as download:
        page.get_by_role("button", name="ดาวน์โหลดรายการข้อผิดพลาดทั้งหมด (CSV)").click()
    lines = open(download.value.path(), encoding="utf-8-sig").read().splitlines()
    assert len(lines) == 2001 and lines[1].startswith("2,รหัสตัวชี้วัด,")
    expect(problems).to_be_visible()  # the download did not rerun the page and lose the list
    page.screenshot(path=str(ARTIFACTS / "import_many_problems.png"), full_page=True)
