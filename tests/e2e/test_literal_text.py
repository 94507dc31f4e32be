"""User text is shown literally in a real browser: markdown, colour directives, links (written or
bare), maths and HTML typed by a participant stay characters on the phone's sidebar, the SWOT
board, the ideas list, a poll and "who chose what", the projector and a chart."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, ARTIFACTS, goto, join_workshop, open_poll, sign_in_facilitator, wait_idle

pytestmark = pytest.mark.e2e

FULL = "**x** :red[y] [l](http://e.com) http://e.com $$x$$ <b>b</b> role.facilitator"
NAME = "**n** :blue[z] http://e.com $$m$$ <i>i</i>"  # a display name has at most 60 characters

# What the user's markup would have produced: links, KaTeX maths, HTML, headings, lists, and bold
# or coloured text made of the user's own words (the page's own bold vote counts and grey
# captions around user text are fine).
NEVER = "a, .katex, b, i, h1, h2, h3, li, code, img, del"
USER_WORDS = ["x", "y", "z", "n", "l"]
ANY_LANDING = re.compile("ตำแหน่งเมือง|โหวตและแบบสอบถามสด")   # City Positioning, or the live page while a vote is open


def literal_markdown(page, scope: str = "body") -> list[str]:
    """Every markdown element under `scope` holding user text (they all mention e.com): asserts
    the user's markup took no effect, and returns their texts (invisible word joiners removed)."""
    found = page.evaluate(
        """([scope, never, words]) => [...document.querySelectorAll(
               `${scope} [data-testid=stMarkdownContainer], ${scope} [data-testid=stCaptionContainer]`)]
             .filter(e => e.textContent.includes('e.com'))
             .map(e => ({text: e.textContent.replaceAll('\\u2060', ''),
                         markup: [...e.querySelectorAll(never)].concat(
                                   [...e.querySelectorAll('strong, em, .stMarkdownColoredText')]
                                     .filter(m => words.includes(m.textContent.trim())))
                                 .map(m => m.outerHTML.slice(0, 80))}))""",
        [scope, NEVER, USER_WORDS])
    assert found, f"no user text under {scope}"
    for item in found:
        assert item["markup"] == [], item
    return [item["text"] for item in found]


def test_participant_text_stays_literal_everywhere(server, new_page):
    fac = new_page(width=1500, height=1000)
    sign_in_facilitator(fac, server)
    code = open_poll(fac, "ทดสอบข้อความ", [FULL, "ทางเลือกอื่น"], named=True)

    phone = new_page(width=390, height=844)
    join_workshop(phone, server, code, NAME, lands_on="โหวตและแบบสอบถามสด")   # a poll is open: the phone lands on it
    goto(phone, f"{server}/positioning?{phone.url.split('?')[1]}")

    # SWOT board: the ranked list and the vote pills
    phone.get_by_text("จุดแข็ง (Strengths)", exact=True).first.click()
    phone.get_by_label("ข้อความ", exact=True).fill(FULL)
    phone.get_by_role("button", name="เพิ่ม", exact=True).click()
    wait_idle(phone)
    board = literal_markdown(phone, "[data-testid=stMain]")
    assert any(FULL in s and f"โดย {NAME}" in s for s in board), board

    # an idea, with "by <name>" under it
    goto(phone, f"{server}/dimensions?{phone.url.split('?')[1]}")  # the phone's menu is folded away
    phone.get_by_label("ข้อความ", exact=True).fill(FULL)
    phone.get_by_role("button", name="ส่ง", exact=True).click()
    wait_idle(phone)
    listed = literal_markdown(phone, "[data-testid=stMain]")
    assert any(FULL in s for s in listed) and any(f"โดย {NAME}" in s for s in listed), listed

    # the poll: its option is a radio label on the phone
    goto(phone, f"{server}/live?{phone.url.split('?')[1]}")
    literal_markdown(phone, "[data-testid=stForm]")
    phone.get_by_test_id("stForm").get_by_text("role.facilitator", exact=False).click()
    phone.get_by_role("button", name="ส่งคำตอบ").click()
    wait_idle(phone)
    phone.screenshot(path=str(ARTIFACTS / "literal_phone.png"), full_page=True)
    phone.get_by_test_id("stExpandSidebarButton").click()  # collapsed on a phone
    expect(phone.get_by_test_id("stSidebar")).to_contain_text("ส่วนราชการ")
    sidebar = literal_markdown(phone, "[data-testid=stSidebar]")
    assert any(f"{NAME} · ส่วนราชการ" in s for s in sidebar), sidebar

    # the projector: the results chart and "who chose what"
    chart = fac.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("<b>b</b>", timeout=15_000)
    svg = chart.evaluate("""c => ({anchors: c.querySelectorAll('a').length,
                                   styled: [...c.querySelectorAll('.ytick tspan[style]')].length,
                                   ticks: [...c.querySelectorAll('.ytick text')].map(t => t.textContent)})""")
    assert svg["anchors"] == 0 and svg["styled"] == 0, svg
    assert any(t.startswith("**x** :red[y] [l](http://e.com)") for t in svg["ticks"]), svg
    fac.get_by_text("ใครเลือกอะไร").click()
    wait_idle(fac)
    who = literal_markdown(fac, "[data-testid=stExpander]")
    assert any(FULL in s and NAME in s for s in who), who

    fac.get_by_text("อันดับ SWOT", exact=True).click()
    wait_idle(fac)
    ranking = literal_markdown(fac, "[data-testid=stMain]")
    assert any(FULL in s and f"โดย {NAME}" in s for s in ranking), ranking
    fac.screenshot(path=str(ARTIFACTS / "literal_projector.png"))

    # the facilitator's ideas list
    open_page(fac, "2 · เจ็ดด้าน")
    wait_idle(fac)
    fac.get_by_text("ปัญหาและแนวทาง", exact=True).click()
    wait_idle(fac)
    ideas = literal_markdown(fac, "[data-testid=stMain]")
    assert any(f"โดย {NAME}" in s for s in ideas), ideas


def test_the_participants_own_page_address_opens_without_page_not_found(server, new_page):
    fac = new_page()
    sign_in_facilitator(fac, server)
    code = fac.get_by_test_id("stMetricValue").first.inner_text().strip()
    phone = new_page(width=390, height=844)
    join_workshop(phone, server, code, "สมหญิง", lands_on=ANY_LANDING)   # the poll above may still be open
    token = phone.url.split("p=")[1].split("&")[0]
    again = new_page(width=390, height=844)
    goto(again, f"{server}/positioning?p={token}")
    expect(again.get_by_role("heading", name="ตำแหน่งเมือง")).to_be_visible()
    again.wait_for_timeout(500)
    expect(again.get_by_text("Page not found")).to_have_count(0)


def test_a_pasted_name_that_is_too_long_is_kept_and_explained(server, new_page):
    fac = new_page()
    sign_in_facilitator(fac, server)
    code = fac.get_by_test_id("stMetricValue").first.inner_text().strip()
    phone = new_page(width=390, height=844)
    goto(phone, f"{server}/?code={code}")
    name = "สมหญิง ใจดี ผู้อำนวยการกองยุทธศาสตร์และแผนงาน สำนักงานจังหวัดนครสวรรค์"  # 75 characters
    field = phone.get_by_label("ชื่อที่แสดง", exact=True)
    field.focus()
    phone.keyboard.insert_text(name)  # as a paste does
    phone.get_by_role("button", name="เข้าร่วม", exact=True).click()
    wait_idle(phone)
    expect(phone.get_by_text(f"ยาวเกิน 60 ตัวอักษร (ตอนนี้ {len(name)})")).to_be_visible()
    expect(field).to_have_value(name)
