"""Every page a facilitator opens in Thai shows B.E. years, Thai words and no empty-cell markers:
no Gregorian year (20xx), no "None"/"nan", no English widget placeholders, no internal codes."""
from __future__ import annotations

import re

from tests.e2e.conftest import sign_in_facilitator, wait_idle

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
        page.get_by_role("link", name=name, exact=True).click()
        wait_idle(page)
        page.wait_for_timeout(500)  # charts draw after the script has finished
        wait_idle(page)
        found = problems(page.evaluate(PAGE_TEXT))
        if found:
            seen[name] = found[:3]
    assert seen == {}
