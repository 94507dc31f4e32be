"""Render the plan document as a person sees it: build the demo plan and the 72-project samples,
count their pages and the pages of the project list, and save one page of each kind as a picture
under docs/plan-document/ (the pictures docs/PLAN_DOCUMENT.md shows).

    .venv/bin/python scripts/plan_document_pages.py            # needs LibreOffice and poppler
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.large_plan import demo_copies, seed_large_plan  # noqa: E402
from planning import demo, pdf, plan_document  # noqa: E402
from planning.store import Store  # noqa: E402

OUT = ROOT / "docs" / "plan-document"


def build(kind: str):
    store = Store(":memory:")
    if kind == "demo":
        w = demo.seed_demo(store)
    elif kind == "72-like-demo":
        w = demo_copies(store, 18)
    else:
        w = seed_large_plan(store, 72)
    started = time.perf_counter()
    doc = plan_document.build(store, w.id, "th")
    docx, pdf_bytes = plan_document.plan_files(store, w.id, "th")
    took = time.perf_counter() - started
    pages = pdf.heading_pages(pdf_bytes)
    headings = [(text, pages.get(name)) for _, text, name in doc.headings]
    return pdf_bytes, headings, took


def page_of(headings, prefix: str) -> int:
    return next(p for text, p in headings if text.startswith(prefix))


def render(pdf_bytes: bytes, page: int, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.pdf"
        path.write_bytes(pdf_bytes)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(path),
                        str(OUT / name)], check=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in ("demo", "72-like-demo", "72-sample"):
        pdf_bytes, headings, took = build(kind)
        total = pdf.page_count(pdf_bytes)
        start, end = page_of(headings, "5.4 "), page_of(headings, "5.5 ")
        print(f"{kind}: {total} pages, built in {took:.1f} s; project list (5.4) pages {start}-{end} "
              f"({end - start + 1} pages)")
        if kind == "demo":
            for name, page in (("1-cover", 1), ("2-contents", 2), ("3-part1-area", page_of(headings, "1.2 ")),
                               ("4-strategy", page_of(headings, "ยุทธศาสตร์ที่ 1")),
                               ("5-budget-summary", page_of(headings, "5.2 ")),
                               ("6-project-list", start), ("7-monitoring", page_of(headings, "8.1 ")),
                               ("8-annex-checklist", page_of(headings, "ภาคผนวก ก")),
                               ("9-annex-indicators", page_of(headings, "ภาคผนวก ข"))):
                render(pdf_bytes, page, name)
        if kind == "72-like-demo":
            render(pdf_bytes, start + 2, "10-project-list-72")


if __name__ == "__main__":
    main()
