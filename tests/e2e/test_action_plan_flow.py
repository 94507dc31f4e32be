"""A facilitator adds a project through the form and downloads the Word and Excel documents,
which contain it with the same totals as the screen."""
import io
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, sign_in_facilitator, wait_idle

pytestmark = pytest.mark.e2e
PROJECT = "ศูนย์ข้อมูลท่องเที่ยวอัจฉริยะ"


def test_add_project_and_download_documents(server, new_page):
    page = new_page(width=1400, height=1000)
    sign_in_facilitator(page, server)
    page.get_by_role("link", name="4 · แผนปฏิบัติการประจำปี").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="แผนปฏิบัติการประจำปี")).to_be_visible()

    page.get_by_label("ชื่อโครงการ", exact=True).fill(PROJECT)
    page.get_by_label("วัตถุประสงค์", exact=True).fill("ให้ข้อมูลนักท่องเที่ยวและผู้ประกอบการแบบเวลาจริง")
    page.get_by_label("หน่วยงานรับผิดชอบหลัก", exact=True).fill("สำนักงานการท่องเที่ยวและกีฬาจังหวัด")
    page.get_by_label("กลุ่มเป้าหมาย", exact=True).fill("นักท่องเที่ยวและผู้ประกอบการ")
    page.get_by_label("งบพัฒนาจังหวัด", exact=True).fill("2500000")
    page.get_by_label("ไตรมาส 2", exact=True).fill("เปิดใช้ศูนย์ข้อมูล")
    page.get_by_role("button", name="บันทึกโครงการ").click()
    wait_idle(page)
    expect(page.get_by_text(f"บันทึกโครงการ “{PROJECT}” แล้ว")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("5")
    expect(page.get_by_test_id("stMetricValue").nth(1)).to_have_text("79,700,000 ฿")
    page.screenshot(path=str(ARTIFACTS / "action_plan.png"), full_page=True)

    page.get_by_role("link", name="7 · ส่งออกเอกสาร").click()
    wait_idle(page)
    with page.expect_download() as word:
        page.get_by_role("button", name="ดาวน์โหลดแผนแม่บทและแผนปฏิบัติการ (Word)").click()
    assert word.value.suggested_filename.endswith(".docx")
    doc = Document(word.value.path())
    cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert [r for r in cells if r[0] == PROJECT][0][-1] == "2,500,000.00"
    assert ["รวม", "79,700,000.00"] in cells

    with page.expect_download() as excel:
        page.get_by_role("button", name="ดาวน์โหลดแผนปฏิบัติการ (Excel)").click()
    ws = load_workbook(io.BytesIO(open(excel.value.path(), "rb").read())).active
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    row = [r for r in rows if r[0] == PROJECT][0]
    assert (row[1], row[5], row[7]) == (2570, "งบพัฒนาจังหวัด", 2500000)
    assert Decimal(str([r for r in rows if r[0] == "รวม"][0][7])) == Decimal("79700000")
