"""Open the generated documents and check their content against the store."""
import csv
import io
import zipfile
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from planning import demo, exports, masterplan, projects
from planning.projects import BudgetLine, Project


@pytest.fixture
def demo_workshop(store):
    return demo.seed_demo(store)


def test_word_document_is_thai_with_sarabun_and_matching_totals(store, demo_workshop):
    doc = Document(io.BytesIO(exports.word_document(store, demo_workshop.id, "th")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "ร่างแผนแม่บทการพัฒนาเมืองอัจฉริยะ เทศบาลนครขอนแก่น" in text
    assert "ข้อมูลตัวอย่าง" in text  # the demo is labelled as sample data
    for heading in ("1. ตำแหน่งเมือง", "3. ยุทธศาสตร์และมาตรการ", "5. สรุปงบประมาณ", "6. ตรวจสอบตามเกณฑ์"):
        assert heading in text
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:cs")) == "Sarabun" and normal.get(qn("w:ascii")) == "Sarabun"
    heading = doc.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert heading.get(qn("w:cs")) == "Sarabun" and heading.get(qn("w:asciiTheme")) is None

    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    plan = projects.list_projects(store, demo_workshop.id)
    for p in plan:
        assert [p.name, str(p.fiscal_year_be), p.lead_agency] == [r for r in cells if r[0] == p.name][0][:3]
        assert exports.money(p.total) in [r for r in cells if r[0] == p.name][0]
    total = exports.money(projects.total_budget(store, demo_workshop.id))
    assert total == "77,200,000.00"
    assert sum(1 for r in cells if r == ["รวม", total]) == 2  # by source and by fiscal year
    assert any(r[0].startswith("1. พื้นที่เป้าหมายชัดเจน") for r in cells)


def test_word_document_in_english(store, demo_workshop):
    doc = Document(io.BytesIO(exports.word_document(store, demo_workshop.id, "en")))
    assert "Draft smart city master plan" in doc.paragraphs[0].text


def test_excel_has_one_row_per_project_per_source_and_the_stores_totals(store, demo_workshop):
    wb = load_workbook(io.BytesIO(exports.excel_action_plan(store, demo_workshop.id, "th")))
    ws = wb["แผนปฏิบัติการ"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    body = [r for r in rows if r[0] not in ("รวม", None) and r[1] is not None]
    plan = projects.list_projects(store, demo_workshop.id)
    assert len(body) == sum(len(p.amount_by_source()) for p in plan) == 7
    total_row = [r for r in rows if r[0] == "รวม"][0]
    assert Decimal(str(total_row[7])) == projects.total_budget(store, demo_workshop.id)
    assert sum(Decimal(str(r[7])) for r in body) == projects.total_budget(store, demo_workshop.id)
    by_source = wb["สรุปตามแหล่งงบ"]
    assert by_source.max_row == len(projects.budget_rows(store, demo_workshop.id)) + 2


def test_formula_like_text_is_neutralised(store, facilitator, workshop):
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="=cmd|' /C calc'!A0",
                                       provincial_issue_id=None, indicator_codes=[])
    projects.save_project(store, facilitator, workshop.id, Project(
        name="@SUM(1+1)", strategy_id=strategy.id, objective="o", lead_agency="+agency", target_group="g",
        fiscal_year_be=2570, budget=(BudgetLine("provincial", "-item", Decimal("5")),)))
    ws = load_workbook(io.BytesIO(exports.excel_action_plan(store, workshop.id))).active
    row = [c.value for c in ws[2]]
    assert row[0] == "'@SUM(1+1)" and row[2] == "'=cmd|' /C calc'!A0" and row[4] == "'+agency" and row[6] == "'-item"
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    with zipfile.ZipFile(io.BytesIO(exports.csv_zip(store, workshop.id))) as zf:
        project_rows = list(csv.reader(io.StringIO(zf.read("project.csv").decode("utf-8-sig"))))
        strategy_rows = list(csv.reader(io.StringIO(zf.read("strategy.csv").decode("utf-8-sig"))))
    assert "'@SUM(1+1)" in project_rows[1] and "'=cmd|' /C calc'!A0" in strategy_rows[1]


def test_csv_zip_has_every_table_and_no_join_tokens(store, demo_workshop):
    with zipfile.ZipFile(io.BytesIO(exports.csv_zip(store, demo_workshop.id))) as zf:
        names = set(zf.namelist())
        participants = list(csv.DictReader(io.StringIO(zf.read("participant.csv").decode("utf-8-sig"))))
        budget = list(csv.DictReader(io.StringIO(zf.read("project_budget.csv").decode("utf-8-sig"))))
    assert {"workshop.csv", "participant.csv", "swot_item.csv", "swot_vote.csv", "indicator_value.csv",
            "idea_score.csv", "project.csv", "project_budget.csv", "project_kpi.csv"} <= names
    assert len(participants) == 6 and "token_hash" not in participants[0]
    assert sum(Decimal(r["amount"]) for r in budget) == projects.total_budget(store, demo_workshop.id)


def test_csv_zip_covers_every_table_holding_workshop_data(store, demo_workshop):
    """A new table must be added to the export (or named here as not workshop data)."""
    not_workshop_data = {"schema_version", "app_setting", "indicator_observation",  # settings, province figures
                         "sign_in_session"}  # who is signed in where (hashes of secrets)
    with store.cursor() as cur:
        tables = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    with zipfile.ZipFile(io.BytesIO(exports.csv_zip(store, demo_workshop.id))) as zf:
        names = {n.removesuffix(".csv") for n in zf.namelist()}
    assert tables - not_workshop_data == names
