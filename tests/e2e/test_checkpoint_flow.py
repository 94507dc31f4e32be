"""A facilitator records the 6-month checkpoint in the browser: an actual value in the grid and a
project report; the status colours and the charts change."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, ARTIFACTS, sign_in_facilitator, type_in_grid, wait_idle

pytestmark = pytest.mark.e2e
ACTUAL_COLUMN = 5  # visible columns: indicator, unit, direction, baseline, expected, actual, ...


def enter_first_actual(page, value: str) -> None:
    """Type the value into row 1's actual column and save; retried until the page confirms."""
    for _ in range(3):
        type_in_grid(page, page.get_by_test_id("stDataFrame").first, row=1, column=ACTUAL_COLUMN, value=value)
        page.get_by_role("button", name="บันทึกค่าจริง").click()
        wait_idle(page)
        try:
            expect(page.get_by_text("บันทึกค่าจริง 1 รายการ")).to_be_visible(timeout=5000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"the actual value {value} was not saved")


def test_record_checkpoint_and_see_status_change(server, new_page):
    page = new_page(width=1500, height=1000)
    sign_in_facilitator(page, server)
    open_page(page, "5 · ติดตามผลทุก 6 เดือน")
    wait_idle(page)
    plan_metric = page.get_by_test_id("stMetric").first
    expect(plan_metric).to_contain_text("เสี่ยง")   # the demo's values so far
    at_risk = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text("🔴 เสี่ยง", exact=True))
    before = int(at_risk.get_by_test_id("stMetricValue").inner_text())

    page.get_by_text("ตัวชี้วัด", exact=True).click()
    wait_idle(page)
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("เส้นทางเป้าหมาย")
    expect(chart).not_to_contain_text("ค่าจริง")
    enter_first_actual(page, "30.9")          # PM2.5: baseline 31.2, expected 30.0 -> at risk
    expect(page.locator(".js-plotly-plot").first).to_contain_text("ค่าจริง", timeout=10_000)

    page.get_by_text("โครงการ", exact=True).first.click()
    wait_idle(page)
    page.get_by_label("ความก้าวหน้า (%)").fill("50")
    page.get_by_role("button", name="บันทึกผลโครงการ").click()
    wait_idle(page)
    expect(page.get_by_text("บันทึกผลของ", exact=False)).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_contain_text("50%")

    page.get_by_text("ภาพรวม", exact=True).click()
    wait_idle(page)
    expect(page.get_by_test_id("stMetric").first).to_contain_text("เสี่ยง")
    expect(at_risk.get_by_test_id("stMetricValue")).to_have_text(str(before + 1))   # PM2.5 joined them
    expect(page.locator(".js-plotly-plot").first).to_contain_text("6 เดือน")
    page.screenshot(path=str(ARTIFACTS / "checkpoint_overview.png"), full_page=True)
