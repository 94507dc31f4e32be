"""The plan document: open the generated .docx and check its structure; turn it into PDF with
LibreOffice and check the PDF with poppler's tools; every figure against the store."""
import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn

from bench.large_plan import seed_large_plan
from planning import dates, demo, masterplan, pdf, plan_document, projects, text, workshops
from planning.plan_document import baht
from planning.projects import BudgetLine, Project

TODAY = dt.date(2026, 11, 22)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_libreoffice = pytest.mark.skipif(not (pdf.available() and shutil.which("pdftotext")),
                                       reason="LibreOffice and poppler are installed by scripts/setup.sh test")


@pytest.fixture
def demo_workshop(store):
    return demo.seed_demo(store)


def docx_of(store, workshop_id, lang="th"):
    return Document(io.BytesIO(plan_document.build(store, workshop_id, lang, today=TODAY).to_bytes()))


def body_text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def cell_texts(doc) -> list[list[str]]:
    return [[c.text for c in row.cells] for table in doc.tables for row in table.rows]


def test_a4_thai_fonts_black_numbered_headings(store, demo_workshop):
    doc = docx_of(store, demo_workshop.id)
    for section in doc.sections:
        assert {round(section.page_width.mm), round(section.page_height.mm)} == {210, 297}
    portrait = doc.sections[0]
    assert (round(portrait.left_margin.mm), round(portrait.right_margin.mm)) == (30, 20)
    assert any(s.page_width > s.page_height for s in doc.sections)          # a landscape section
    for style in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        fonts = doc.styles[style].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == fonts.get(qn("w:ascii")) == "TH SarabunPSK", style
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:cstheme")) is None
    assert doc.styles["Normal"].element.rPr.find(qn("w:szCs")).get(qn("w:val")) == "32"   # 16 pt for Thai
    for level in (1, 2, 3):
        color = doc.styles[f"Heading {level}"].element.rPr.find(qn("w:color"))
        assert color.get(qn("w:val")) == "000000" and color.get(qn("w:themeColor")) is None
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h.startswith("ส่วนที่")] == [
        "ส่วนที่ 1 บทนำและสภาพทั่วไปของพื้นที่", "ส่วนที่ 2 การวิเคราะห์ศักยภาพและตำแหน่งการพัฒนาเมือง",
        "ส่วนที่ 3 วิสัยทัศน์ พันธกิจ และเป้าประสงค์", "ส่วนที่ 4 ยุทธศาสตร์และมาตรการ", "ส่วนที่ 5 แผนปฏิบัติการประจำปี",
        "ส่วนที่ 6 แผนการลงทุน", "ส่วนที่ 7 การมีส่วนร่วมและภาคีเครือข่าย", "ส่วนที่ 8 การติดตามและประเมินผล"]
    assert "ยุทธศาสตร์ที่ 1 ลดฝุ่น PM2.5 ด้วยข้อมูลและการมีส่วนร่วม" in headings
    assert any(re.match(r"มาตรการที่ 1\.1 ", h) for h in headings)
    assert [h for h in headings if h.startswith("ภาคผนวก")] == [
        "ภาคผนวก ก รายการตรวจสอบตามเกณฑ์เมืองอัจฉริยะ", "ภาคผนวก ข ตัวชี้วัดและค่าเป้าหมายเมืองอัจฉริยะ 7 ด้าน",
        "ภาคผนวก ค การพิจารณาของคณะกรรมการจังหวัด"]


def test_cover_header_page_numbers_and_contents(store, demo_workshop):
    doc = docx_of(store, demo_workshop.id)
    cover = body_text(doc).split("สารบัญ")[0]
    for part in ("ร่าง", "เทศบาลนครขอนแก่น", "จังหวัดขอนแก่น", "ปีงบประมาณ พ.ศ. 2570–2574 (5\u00a0ปี)",
                 "ระดับพื้นที่: เมือง", "จัดทำโดย", "คณะทำงานจัดทำแผนเมืองอัจฉริยะจังหวัดขอนแก่น",
                 "ฉบับร่าง ณ วันที่ 22 พฤศจิกายน 2569", "ข้อมูลตัวอย่าง"):
        assert part in cover, part
    assert doc.sections[0].different_first_page_header_footer            # nothing printed on the cover
    header = doc.sections[1].header.paragraphs[0].text
    assert header == "แผนแม่บทการพัฒนาเมืองอัจฉริยะ เทศบาลนครขอนแก่น (ร่าง)"
    footer = doc.sections[1].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "fldChar" in footer
    xml = doc.element.body.xml
    assert 'TOC \\o "1-3"' in xml
    toc = [p.text for p in doc.paragraphs if p.style.name.startswith("toc")]
    assert toc[0].startswith("ส่วนที่ 1 บทนำ") and any(t.startswith("ภาคผนวก ค") for t in toc)


def test_tables_repeat_their_header_and_never_split_a_row(store, demo_workshop):
    doc = docx_of(store, demo_workshop.id)
    assert len(doc.tables) > 15
    for table in doc.tables:
        rows = table._tbl.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        if table.rows[0].cells[0].text:          # every table but the plan's closing total row has a header
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert table._tbl.tblPr.find(f"{W}tblLayout").get(qn("w:type")) == "fixed"


def test_project_list_is_landscape_grouped_numbered_with_an_amount_column_per_year(store, demo_workshop):
    doc = docx_of(store, demo_workshop.id)
    plan = projects.list_projects(store, demo_workshop.id)
    lists = [t for t in doc.tables if t.rows[0].cells[0].text == "ที่" and "แหล่งงบ" in [c.text for c in t.rows[0].cells]]
    assert lists, "no project list"
    header = [c.text for c in lists[0].rows[0].cells]
    assert header[-6:] == ["ปี 2570", "ปี 2571", "ปี 2572", "ปี 2573", "ปี 2574", "รวมทั้งโครงการ"]
    section = next(s for s in doc.sections if s.page_width > s.page_height)
    assert round(section.page_width.mm) == 297
    rows = [[c.text for c in r.cells] for t in lists for r in t.rows[1:]]
    groups = [r[0] for r in rows if len(set(r)) == 1]
    assert groups[0].startswith("ยุทธศาสตร์ที่ 1") and groups[1].startswith("มาตรการที่ 1.1")
    numbered = [r for r in rows if r[0].isdigit() and r[1] != r[2]]     # a project's own row
    details = [r for r in rows if r[0].isdigit() and r[1] == r[2]]      # the row under it, merged across
    assert [r[0] for r in numbered] == [r[0] for r in details] == [str(n) for n in range(1, len(plan) + 1)]
    # every amount on the line of its source, in the column of its year, as the store has it
    for p in plan:
        row = next(r for r in numbered if r[1].startswith(p.name))
        sources = row[2].split("\n")
        assert sources == [text.t(f"source_short.{s}") for s in p.sources]
        for k, year in enumerate(range(2570, 2575)):
            cells = row[3 + k].split("\n")
            for s, shown in zip(p.sources, cells):
                amount = p.amount(s, year)
                if s == "boi":
                    assert shown in ("ไม่ใช่เงิน", "–")
                else:
                    assert shown == (baht(amount) if amount else "–")
        assert [x for x in row[-1].split("\n") if x != "ไม่ใช่เงิน"] == [
            baht(p.amount_by_source()[s]) for s in p.sources if s != "boi"]
        detail = next(r for r in details if r[0] == row[0])[1]
        assert detail.startswith("ตัวชี้วัด:") and p.lead_agency in detail


def test_budget_summaries_recompute_from_the_store(store, demo_workshop):
    cells = cell_texts(docx_of(store, demo_workshop.id))
    total = projects.total_budget(store, demo_workshop.id)
    assert total == Decimal("77850000.00")
    totals = [r for r in cells if r[0] == "รวม"]
    assert sum(1 for r in totals if r[-1] == baht(total)) >= 2            # by strategy and by source
    by_year = {}
    for r in projects.budget_rows(store, demo_workshop.id):
        by_year[r.fiscal_year_be] = by_year.get(r.fiscal_year_be, Decimal(0)) + r.amount
    strategy_total = next(r for r in totals if r[-1] == baht(total))
    assert strategy_total[1:6] == [baht(by_year[y]) if by_year.get(y) else "–" for y in range(2570, 2575)]
    by_strategy = projects.budget_by_strategy_year(store, demo_workshop.id)
    first = masterplan.strategies(store, demo_workshop.id)[0]
    row = next(r for r in cells if r[0].startswith("ยุทธศาสตร์ที่ 1 ") and len(r) == 7)
    assert row[1] == baht(by_strategy[(first.id, 2570)]) and row[2] == baht(by_strategy[(first.id, 2571)])


def test_english_document(store, demo_workshop):
    doc = docx_of(store, demo_workshop.id, "en")
    text_ = body_text(doc)
    assert "Smart city master plan\nand annual action plan" in text_ and "fiscal years 2027–2031" in text_
    assert "Part 5 Annual action plan" in text_


def test_an_empty_plan_gives_a_readable_document_with_placeholders(store, workshop):
    doc = docx_of(store, workshop.id)
    t = body_text(doc)
    for part in ("ยังไม่ได้ระบุวิสัยทัศน์", "ยังไม่ได้ระบุพันธกิจ", "ยังไม่ได้ระบุยุทธศาสตร์", "ยังไม่มีโครงการ",
                 "ยังไม่ได้ระบุตำแหน่งพื้นที่เป้าหมายบนแผนที่", "ยังไม่มีการรายงานผล ณ จุดติดตาม",
                 "แผนฉบับนี้ยังไม่ได้รับความเห็นชอบจากคณะกรรมการ", "ผ่าน 0 จาก 8 ข้อ"):
        assert part in t or any(part in c for r in cell_texts(doc) for c in r), part


def test_long_names_and_many_projects(store, facilitator):
    long_name = "โครงการพัฒนาระบบบริหารจัดการข้อมูลเมืองอัจฉริยะเพื่อการพัฒนาที่ยั่งยืน" * 3   # 200 characters
    w = seed_large_plan(store, n_projects=104, name="ใหญ่")
    strategy = masterplan.strategies(store, w.id)[0]
    projects.save_project(store, facilitator, w.id, Project(
        name=long_name[:200], strategy_id=strategy.id, objective="o" * 900, lead_agency="ก" * 200,
        target_group="g", fiscal_year_be=2570, budget=(BudgetLine("provincial", "x", Decimal("123456789012.34")),)))
    doc = docx_of(store, w.id)
    rows = [r for r in cell_texts(doc) if r[0].isdigit() and len(r) > 5]
    assert len({r[0] for r in rows}) == 105 and len(rows) >= 210     # each project's row and its detail
    assert any(r[1] == long_name[:200] for r in rows)
    assert any("123,456,789,012.34" in c for r in rows for c in r)


def test_approval_shows_on_the_cover_and_in_the_annex(store, facilitator, demo_workshop):
    from planning import review, roles

    version = review.versions(store, demo_workshop.id)[0]  # the demo's second version awaits the committee
    assert (version.number, version.status) == (2, review.SUBMITTED)
    reviewer = roles.Actor(roles.REVIEWER, name="ประธานคณะกรรมการ")
    review.decide(store, reviewer, version.id, review.APPROVED, "3/2569", dates.today(), confirmed=True)
    doc = docx_of(store, demo_workshop.id)
    t = body_text(doc)
    assert f"ฉบับที่ 2 ให้ความเห็นชอบตามมติที่ 3/2569 ลงวันที่ {dates.format_date(dates.today(), 'th', long=True)}" in t
    assert t.splitlines()[0] == "ฉบับที่คณะกรรมการให้ความเห็นชอบแล้ว"
    assert "ร่าง" not in doc.sections[1].header.paragraphs[0].text


# ---- PDF made by LibreOffice ----------------------------------------------------------------------

def pdftotext(pdf_bytes: bytes, tmp_path, layout=True) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes)
    args = ["pdftotext"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def squeeze(s: str) -> str:
    """Text as poppler gives Thai back: spacing and the order of stacked marks may differ, so
    compare the letters and digits only."""
    return re.sub(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", "", s)


@needs_libreoffice
def test_pdf_is_a4_with_embedded_fonts_and_every_figure_unbroken(store, demo_workshop, tmp_path):
    docx, pdf_bytes = plan_document.plan_files(store, demo_workshop.id, "th", today=TODAY)
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode().splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts      # emb column
    assert any("Laksaman" in line for line in fonts)                                # TH SarabunPSK's metrics
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "40", str(path)], capture_output=True,
                          check=True).stdout.decode()
    sizes = set(re.findall(r"size:\s+([\d.]+ x [\d.]+) pts \(A4\)", info))
    assert sizes and sizes <= {"595.304 x 841.89", "841.89 x 595.304"}
    lines = pdftotext(pdf_bytes, tmp_path).splitlines()
    plan = projects.list_projects(store, demo_workshop.id)
    amounts = {baht(b.amount) for p in plan for b in p.budget if b.amount} | {baht(p.total) for p in plan}
    amounts.add(baht(projects.total_budget(store, demo_workshop.id)))
    for amount in amounts:                                    # on one line, never broken
        assert any(re.search(rf"(?<![\d,]){re.escape(amount)}(?![\d,])", line) for line in lines), amount
    flat = squeeze(pdftotext(pdf_bytes, tmp_path, layout=False))
    for p in plan:
        assert squeeze(p.name) in flat, p.name
    # the table of contents has the page each part starts on
    contents = "\n".join(lines[:150])
    assert re.search(r"ส่วนที่ 5 แผนปฏิบัติการประจำปี\s*\.+\s*\d+", contents.replace("ปี ", "ปี")), contents[:2000]
    assert Document(io.BytesIO(docx))                          # and the Word file opens


@needs_libreoffice
def test_pdf_of_a_plan_with_no_projects(store, workshop, tmp_path):
    _, pdf_bytes = plan_document.plan_files(store, workshop.id, "th", today=TODAY)
    assert pdf.page_count(pdf_bytes) >= 10
    assert "ยังไม่มีโครงการ" in pdftotext(pdf_bytes, tmp_path, layout=False).replace(" ", "")


def test_without_libreoffice_the_word_file_still_comes(store, demo_workshop, monkeypatch):
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    docx, pdf_bytes = plan_document.plan_files(store, demo_workshop.id, "th", today=TODAY)
    assert pdf_bytes is None
    doc = Document(io.BytesIO(docx))
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"   # Word fills the TOC
    with pytest.raises(pdf.PdfUnavailable):
        pdf.to_pdf(docx)


def test_workshop_name_with_formatting_is_written_literally(store, facilitator):
    w = workshops.create_workshop(store, facilitator, name="x", province_code="10", target_area="**ตัวหนา** <b>x</b> =1+1",
                                  level="block", city_type="new", horizon_years=1, start_date=dt.date(2027, 1, 1))
    assert "**ตัวหนา** <b>x</b> =1+1" in body_text(docx_of(store, w.id))


# ---- part 7: the partner list, the network map, upkeep and the health check's place -------------------

def test_part7_key_partners_from_the_partner_list(store, demo_workshop):
    doc = docx_of(store, demo_workshop.id)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h.startswith("7.")] == [
        "7.1 การมีส่วนร่วมของภาคส่วนต่าง ๆ", "7.2 การอบรมเสริมศักยภาพ", "7.3 ภาคีเครือข่ายสำคัญ", "7.4 แผนที่เครือข่าย",
        "7.5 การดูแลเครือข่าย ชุมชนนักปฏิบัติ และ City Lab", "7.6 ผลการตรวจสุขภาพเครือข่าย"]
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] ==
                 ["หน่วยงาน / องค์กร", "ประเภท", "สิ่งที่นำมาร่วม", "โครงการ"])
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    groups = [r[0] for r in rows if len(set(r)) == 1]
    assert groups == ["ส่วนราชการ", "องค์กรปกครองส่วนท้องถิ่น (อปท.)", "เอกชน (รวมบริษัทพัฒนาเมือง)",
                      "ภาคประชาสังคม", "ภาควิชาการ"]
    uni = next(r for r in rows if r[0].startswith("มหาวิทยาลัยขอนแก่น"))
    assert uni[0] == "มหาวิทยาลัยขอนแก่น\nKhon Kaen University" and uni[1] == "มหาวิทยาลัย/สถาบันการศึกษา"
    assert uni[2] == "ข้อมูล, ความเชี่ยวชาญ, เทคโนโลยี"
    assert uni[3] == "เครือข่ายเซนเซอร์ฝุ่น PM2.5 ทุกตำบลพร้อมระบบแจ้งเตือน"
    company = next(r for r in rows if r[0].startswith("บริษัท ขอนแก่นพัฒนาเมือง"))
    assert company[3].split("\n") == ["แพลตฟอร์มข้อมูลเมืองขอนแก่น (City Data Platform)",
                                      "รถโดยสารไฟฟ้าวงกลมรอบเมือง (PPP) (หลัก)"]
    fund = next(r for r in rows if r[0].startswith("กองทุนร่วมลงทุนอีสาน"))
    assert fund[3] == "–"


def test_part7_network_map_picture_legend_upkeep_and_health_check(store, demo_workshop):
    doc = docx_of(store, demo_workshop.id)
    assert len(doc.inline_shapes) == 2                      # the province map and the network map
    text_ = body_text(doc)
    assert "ภาพที่ 2 แผนที่เครือข่าย" in text_
    legend = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["สัญลักษณ์", "ชื่อ"])
    marks = {r.cells[0].text: r.cells[1].text for r in legend.rows[1:]}
    assert [k for k in marks if k.startswith("P")] == ["P1", "P2", "P3", "P4"] and len(marks) == 15
    assert marks["P4"] == "รถโดยสารไฟฟ้าวงกลมรอบเมือง (PPP)"
    assert any(v == "มหาวิทยาลัยขอนแก่น\nภาควิชาการ" for v in marks.values())
    assert "หน่วยงานที่ยังไม่มีโครงการ: กองทุนร่วมลงทุนอีสาน (ตัวอย่าง)" in text_
    assert "ด้านที่ยังไม่มีภาคีร่วม: เศรษฐกิจอัจฉริยะ, พลเมืองอัจฉริยะ" in text_
    assert "กิจกรรม LINK ที่จัดแล้ว: L · การเรียนรู้ 1, I · การลงทุน 1, N · การฟูมฟักบำรุง 1, K · การรักษาสัมพันธภาพ 1" in text_
    assert "ชุมชนนักปฏิบัติ “ชุมชนนักปฏิบัติข้อมูลเมือง (ตัวอย่าง)”: สมาชิก 4 หน่วยงาน ประชุม 2 ครั้ง" in text_
    assert ("City Lab “ขอนแก่นซิตี้แล็บ (ตัวอย่าง)” เวลาเปิดทำการ จันทร์–ศุกร์ 09:00–17:00: กิจกรรมที่จัดแล้ว 2 ครั้ง"
            " ผู้เยี่ยมชม 72 คน") in text_
    assert "ยังไม่ได้ตรวจสุขภาพเครือข่าย" not in text_    # the demo has two checks: 7.6 shows them
    english = body_text(docx_of(store, demo_workshop.id, "en"))
    assert "7.4 Network map" in english and "Figure 2 Network map" in english


def test_part7_without_a_partner_list_names_the_organisations_of_the_projects(store, facilitator):
    w = demo.seed_demo(store)
    with store.cursor() as cur:
        cur.execute("UPDATE partner SET merged_into = 'gone'")       # no list: as before the list existed
    doc = docx_of(store, w.id)
    text_ = body_text(doc)
    assert "ยังไม่มีรายชื่อภาคีเครือข่าย: หน่วยงานตามที่ระบุในโครงการ" in text_
    rows = cell_texts(doc)
    assert ["สำนักงานสาธารณสุขจังหวัด", "1 โครงการ"] in rows and ["เทศบาลนครขอนแก่น", "2 โครงการ"] in rows
    assert len(doc.inline_shapes) == 1


def test_partner_names_are_written_literally_in_word(store, facilitator, demo_workshop):
    from planning import partners

    odd = "**ตัวหนา** <b>x</b> =1+1 %s"
    partners.add_partner(store, facilitator, demo_workshop.id, name_th=odd, sector="civil", kind="community")
    rows = cell_texts(docx_of(store, demo_workshop.id))
    assert any(r[0] == odd for r in rows)                   # the key-partner table
    assert any(r[1] == odd + "\nภาคประชาสังคม" for r in rows if len(r) == 2)      # the map's legend


def test_an_empty_plan_has_a_place_for_the_network(store, workshop):
    text_ = body_text(docx_of(store, workshop.id))
    assert "ยังไม่ได้ระบุภาคีเครือข่าย" in text_ and "ยังไม่มีกิจกรรมดูแลเครือข่าย" in text_
    assert "ยังไม่ได้ตรวจสุขภาพเครือข่าย" in text_


def test_part7_health_check_compares_the_latest_check_with_the_one_before(store, demo_workshop):
    from planning import health

    doc = docx_of(store, demo_workshop.id)
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] ==
                 ["ที่", "องค์ประกอบของเครือข่าย", "ล่าสุด", "ครั้งก่อน", "ผลต่าง"])
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[1] for r in rows] == [c.name("th") for c in health.components()]
    earlier, latest = health.history(store, demo_workshop.id)
    first = health.components()[0].id
    assert rows[0][2:] == [f"{latest.means['all'][first]:.1f}", f"{earlier.means['all'][first]:.1f}",
                           f"{latest.means['all'][first] - earlier.means['all'][first]:+.1f}"]
    weakest = latest.weakest()
    assert f"องค์ประกอบที่อ่อนที่สุด: {weakest.name('th')}" in body_text(doc)
    assert weakest.advice("th") in body_text(doc)
