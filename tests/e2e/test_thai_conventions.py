"""Every page a facilitator opens in Thai shows B.E. years, Thai words and no empty-cell markers:
no Gregorian year (20xx), no "None"/"nan", no English widget placeholders, no internal codes."""
from __future__ import annotations

import re

from tests.e2e.conftest import open_page, sign_in_facilitator, wait_idle

GREGORIAN_YEAR = re.compile(r"(?<![\d,.\-/])20[0-9]{2}(?![\d,.])")
NOT_THAI = ["None", "nan", "NaT", "Choose options", "Choose an option", "not_started", "on_track", "no_data",
            "facilitator", "reviewer"]
PAGE_TEXT = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  let text = main.innerText;
  main.querySelectorAll('svg text').forEach(e => text += '\\n' + e.textContent);
  main.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(e => { if (!e.value) text += '\\n' + e.placeholder; });
  main.querySelectorAll('input[type=text]').forEach(e => text += '\\n' + e.value);
  return text;
}"""


def problems(text: str) -> list[str]:
    found = [f"year {m.group(0)}: …{text[max(0, m.start() - 60):m.end() + 20]}…".replace("\n", " | ")
             for m in GREGORIAN_YEAR.finditer(text)]
    found += [f"word {w!r}" for w in NOT_THAI if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    return found


def test_every_facilitator_page_in_thai_has_be_years_and_no_english_markers(server, new_page):
    page = new_page(width=1400, height=1000)
    sign_in_facilitator(page, server)
    names = [link.inner_text() for link in page.locator("[data-testid=stSidebarNav] a").all()]
    assert len(names) >= 15
    seen = {}
    for name in names:
        open_page(page, name, exact=True)
        wait_idle(page)
        page.wait_for_timeout(500)  # charts draw after the script has finished
        wait_idle(page)
        found = problems(page.evaluate(PAGE_TEXT))
        if found:
            seen[name] = found[:3]
    assert seen == {}


INTERNAL_NAMES = ["baseline_year", "target_6m", "target_12m", "target_horizon", "fiscal_year", "kpis:", "budget:",
                  "complete:", "dimension:", "lead_agency", "ENV-PM25", "outcome", "output", "True", "False",
                  "{", "}", "create", "update", "plan_version"]


def internal_names(text: str) -> list[str]:
    return [f"{w!r}: …{text[max(0, text.find(w) - 60):text.find(w) + 30]}…".replace("\n", " | ")
            for w in INTERNAL_NAMES if w in text]


def test_the_committee_reads_the_plan_in_plain_thai(server, new_page):
    from playwright.sync_api import expect

    from tests.e2e.conftest import ARTIFACTS, ROOT, committee_signs_in

    rev = committee_signs_in(new_page, server, "committee-pass-7", width=1920, height=1080)
    expect(rev.get_by_role("heading", name="การพิจารณาของคณะกรรมการจังหวัด")).to_be_visible()
    for section in ("ตัวชี้วัดและเป้าหมาย", "โครงการ"):
        rev.locator("[data-testid=stExpander] summary", has_text=section).first.click()
        wait_idle(rev)
    expect(rev.get_by_text("ค่าเฉลี่ยฝุ่น PM2.5 รายปี").first).to_be_visible()
    text = rev.evaluate(PAGE_TEXT)
    assert internal_names(text) == []
    assert problems(text) == []
    rev.screenshot(path=str(ROOT / "docs" / "review-screen.png"))
    rev.get_by_text("บันทึกการเปลี่ยนแปลง", exact=True).first.click()
    wait_idle(rev)
    text = rev.evaluate(PAGE_TEXT)
    assert "ส่งพิจารณาฉบับของแผน" in text and "น." in text
    assert internal_names(text) == [] and problems(text) == []
    rev.screenshot(path=str(ARTIFACTS / "review-audit.png"))

    # Approving changes the version's status everywhere on the screen, the picker's label included
    # (the browser keeps a select box's drawn label until the page sends the choice again).
    rev.get_by_text("มติ", exact=True).first.click()
    wait_idle(rev)
    rev.get_by_label("เลขที่มติ").fill("มติที่ 9/2569")
    rev.get_by_text("ข้าพเจ้าได้อ่านผลการตรวจตามเกณฑ์แล้ว", exact=False).click()
    rev.get_by_role("button", name="บันทึกมติ").click()
    wait_idle(rev)
    expect(rev.get_by_role("combobox", name="ฉบับที่จะดู")).to_have_value("ฉบับที่ 2 · อนุมัติแล้ว")
