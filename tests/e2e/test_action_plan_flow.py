"""A facilitator adds a two-year project through the form (years slider, budget grid) and downloads
the plan document as Word and PDF and the action plan as Excel: each holds the project with the
same amounts per year as the screen."""
import io
import re
import subprocess
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, ARTIFACTS, sign_in_facilitator, type_in_grid, wait_idle

pytestmark = pytest.mark.e2e
PROJECT = "ศูนย์ข้อมูลท่องเที่ยวอัจฉริยะ"


def test_add_a_two_year_project_and_download_word_pdf_excel(server, new_page, tmp_path):
    page = new_page(width=1400, height=1000)
    sign_in_facilitator(page, server)
    open_page(page, "4 · แผนปฏิบัติการประจำปี")
    wait_idle(page)
    expect(page.get_by_role("heading", name="แผนปฏิบัติการประจำปี")).to_be_visible()

    upper = page.get_by_role("slider").nth(1)         # the years slider's second handle: 2570 -> 2571
    upper.focus()
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    expect(page.get_by_test_id("stSlider").first).to_contain_text("ปี 2571")
    page.get_by_label("ชื่อโครงการ", exact=True).fill(PROJECT)
    page.get_by_label("วัตถุประสงค์", exact=True).fill("ให้ข้อมูลนักท่องเที่ยวและผู้ประกอบการแบบเวลาจริง")
    page.get_by_label("หน่วยงานรับผิดชอบหลัก", exact=True).fill("สำนักงานการท่องเที่ยวและกีฬาจังหวัด")
    page.get_by_label("กลุ่มเป้าหมาย", exact=True).fill("นักท่องเที่ยวและผู้ประกอบการ")
    budget = page.get_by_test_id("stDataFrame").nth(1)  # after the project overview table
    expect(budget).to_contain_text("ปี 2571")
    type_in_grid(page, budget, row=1, column=2, value="2500000")        # provincial, FY 2570
    type_in_grid(page, budget, row=1, column=3, value="1250000.50")     # provincial, FY 2571
    page.get_by_role("button", name="บันทึกโครงการ").click()
    wait_idle(page)
    expect(page.get_by_text(f"บันทึกโครงการ “{PROJECT}” แล้ว")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("5")
    expect(page.get_by_test_id("stMetricValue").nth(1)).to_have_text("81,600,000.50 ฿")
    page.screenshot(path=str(ARTIFACTS / "action_plan.png"), full_page=True)

    open_page(page, "7 · ส่งออกเอกสาร")
    wait_idle(page)
    page.get_by_role("button", name="จัดทำเอกสารแผน (Word และ PDF)").click()
    wait_idle(page, timeout=180_000)
    expect(page.get_by_text(re.compile(r"จัดทำแล้ว \d+ หน้า"))).to_be_visible()
    with page.expect_download() as word:
        page.get_by_role("button", name="ดาวน์โหลดเอกสารแผน (Word)").click()
    assert word.value.suggested_filename.endswith(".docx")
    doc = Document(word.value.path())
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    mine = next(r for r in rows if r[0].isdigit() and r[1].startswith(PROJECT))
    assert mine[2] == "จังหวัด" and mine[3:6] == ["2,500,000", "1,250,000.50", "–"]
    assert mine[-1] == "3,750,000.50"

    with page.expect_download() as pdf:
        page.get_by_role("button", name="ดาวน์โหลดเอกสารแผน (PDF)").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    pdf_text = subprocess.run(["pdftotext", "-layout", pdf.value.path(), "-"], capture_output=True,
                              check=True).stdout.decode()
    assert "1,250,000.50" in pdf_text and "3,750,000.50" in pdf_text

    with page.expect_download() as excel:
        page.get_by_role("button", name="ดาวน์โหลดแผนปฏิบัติการ (Excel)").click()
    ws = load_workbook(io.BytesIO(open(excel.value.path(), "rb").read())).active
    row = next([c.value for c in r] for r in ws.iter_rows() if r[2].value == PROJECT)
    header = next([c.value for c in r] for r in ws.iter_rows() if r[0].value == "ที่")
    assert row[header.index("ปี 2570")] == 2500000 and row[header.index("ปี 2571")] == 1250000.5
    assert Decimal(str(row[-1])) == Decimal("3750000.50")
