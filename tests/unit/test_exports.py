"""Open the generated documents and check their content against the store."""
import csv
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from planning import demo, exports, masterplan, projects, workbooks
from planning.projects import BudgetLine, Project


@pytest.fixture
def demo_workshop(store):
    return demo.seed_demo(store)


def test_excel_action_plan_prints_and_matches_the_store(store, demo_workshop):
    wb = load_workbook(io.BytesIO(workbooks.action_plan(store, demo_workshop.id, "th")))
    ws = wb["แผนปฏิบัติการ"]
    assert ws["A1"].value == "แผนแม่บทการพัฒนาเมืองอัจฉริยะ เทศบาลนครขอนแก่น (ร่าง)"
    assert ws["A2"].value == "จังหวัดขอนแก่น · ปีงบประมาณ พ.ศ. 2570–2574"
    top = next(r for r in range(1, 10) if ws.cell(r, 1).value == "ที่")
    header = [c.value for c in ws[top]]
    years = ["ปี 2570", "ปี 2571", "ปี 2572", "ปี 2573", "ปี 2574"]
    assert header[-6:] == years + ["รวม"]
    first_amount = header.index("ปี 2570")
    plan = projects.list_projects(store, demo_workshop.id)
    body = [[c.value for c in r] for r in ws.iter_rows(min_row=top + 1) if isinstance(r[0].value, int)]
    assert len(body) == sum(len(p.sources) for p in plan) == 7          # one row per project per source
    for p in plan:
        mine = [r for r in body if r[2] == p.name]
        for s, r in zip(p.sources, mine):
            for k, year in enumerate(range(2570, 2575)):
                assert Decimal(str(r[first_amount + k])) == p.amount(s, year)       # 0 prints as "–"
    total_row = next([c.value for c in r] for r in ws.iter_rows(min_row=top + 1) if r[1].value == "รวม")
    assert Decimal(str(total_row[-1])) == projects.total_budget(store, demo_workshop.id) == Decimal("77850000")
    assert sum(Decimal(str(r[-1])) for r in body if not isinstance(r[-1], str)) == Decimal("77850000")
    # every cell in the Thai font, amounts with separators, header frozen and filtered, printable
    assert {c.font.name for r in ws.iter_rows() for c in r if c.value is not None} == {"TH SarabunPSK"}
    formats = {c.number_format for r in ws.iter_rows(min_row=top + 1) for c in r[first_amount:] if
               isinstance(c.value, (int, float))}
    assert formats == {'#,##0;-#,##0;"–"'}
    assert ws.freeze_panes == f"D{top + 1}" and ws.auto_filter.ref.startswith(f"A{top}:")
    assert ws.print_title_rows == f"${top}:${top}" and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["C"].width <= 32 and all(c.alignment.wrap_text for c in ws["C"][top:top + 3])
    assert sum(ws.column_dimensions[get_column_letter(c)].width for c in range(1, len(header) + 1)) < 200
    details = wb["รายละเอียดโครงการ"]
    names = [r[3].value for r in details.iter_rows() if isinstance(r[0].value, int)]
    assert names == [p.name for p in sorted(plan, key=lambda p: names.index(p.name))] and len(names) == len(plan)
    assert wb.sheetnames == ["แผนปฏิบัติการ", "สรุปตามแหล่งงบ", "รายละเอียดโครงการ"]
    summary = wb["สรุปตามแหล่งงบ"]
    top2 = next(r for r in range(1, 10) if summary.cell(r, 1).value == "แหล่งงบประมาณ")
    pairs = [(r[0].value, r[1].value) for r in summary.iter_rows(min_row=top2 + 1) if isinstance(r[1].value, int)]
    assert len(pairs) == len(set(pairs)) == len({(r.source, r.fiscal_year_be) for r in
                                                 projects.budget_rows(store, demo_workshop.id)})
    assert summary.cell(top2 + len(pairs) + 1, 1).value == "รวม"
    assert Decimal(str(summary.cell(top2 + len(pairs) + 1, 3).value)) == Decimal("77850000")


def test_excel_shows_satang_only_where_there_are_some(store, facilitator, workshop):
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="ลดฝุ่น",
                                       provincial_issue_id=None, indicator_codes=[])
    projects.save_project(store, facilitator, workshop.id, Project(
        name="โครงการ", strategy_id=strategy.id, objective="o", lead_agency="a", target_group="g",
        fiscal_year_be=2570, last_fiscal_year_be=2571,
        budget=(BudgetLine("provincial", "x", Decimal("1000.50"), 2570), BudgetLine("provincial", "y", Decimal("7"), 2571))))
    ws = load_workbook(io.BytesIO(workbooks.action_plan(store, workshop.id))).active
    cells = {c.value: c.number_format for r in ws.iter_rows() for c in r[6:] if isinstance(c.value, (int, float))}
    assert cells[1000.5] == '#,##0.00;-#,##0.00;"–"' and cells[7.0] == '#,##0;-#,##0;"–"'


def test_formula_like_text_is_neutralised(store, facilitator, workshop):
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="=cmd|' /C calc'!A0",
                                       provincial_issue_id=None, indicator_codes=[])
    projects.save_project(store, facilitator, workshop.id, Project(
        name="@SUM(1+1)", strategy_id=strategy.id, objective="o", lead_agency="+agency", target_group="g",
        fiscal_year_be=2570, budget=(BudgetLine("provincial", "-item", Decimal("5")),)))
    ws = load_workbook(io.BytesIO(workbooks.action_plan(store, workshop.id))).active
    row = next([c.value for c in r] for r in ws.iter_rows() if r[0].value == 1)
    assert row[2] == "'@SUM(1+1)" and row[1] == "1. =cmd|' /C calc'!A0" and row[3] == "'+agency" and row[5] == "'-item"
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    with zipfile.ZipFile(io.BytesIO(exports.csv_zip(store, workshop.id))) as zf:
        project_rows = list(csv.reader(io.StringIO(zf.read("project.csv").decode("utf-8-sig"))))
        strategy_rows = list(csv.reader(io.StringIO(zf.read("strategy.csv").decode("utf-8-sig"))))
    assert "'@SUM(1+1)" in project_rows[1] and "'=cmd|' /C calc'!A0" in strategy_rows[1]


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("\nx", "'\nx"), ("＝HYPERLINK(1)", "'＝HYPERLINK(1)"), ("＋1", "'＋1"), ("－1", "'－1"), ("＠x", "'＠x"),
    ("  =1", "'  =1"), ("\u3000=1", "'\u3000=1"), ("ok", "ok"), ("a=b", "a=b"), ("'=x", "'=x"), (5, 5), (None, None)])
def test_neutralise(value, expected):
    assert exports.neutralise(value) == expected


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
                         "sign_in_session",  # who is signed in where (hashes of secrets)
                         "limit_event", "limit_turn"}  # join and password limits shared by processes
    with store.cursor() as cur:
        tables = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables"
                                             " WHERE table_schema = current_schema()").fetchall()}
    with zipfile.ZipFile(io.BytesIO(exports.csv_zip(store, demo_workshop.id))) as zf:
        names = {n.removesuffix(".csv") for n in zf.namelist()}
    assert tables - not_workshop_data == names


def test_csv_zip_carries_the_partner_network(store, demo_workshop):
    with zipfile.ZipFile(io.BytesIO(exports.csv_zip(store, demo_workshop.id))) as zf:
        read = lambda name: list(csv.DictReader(io.StringIO(zf.read(f"{name}.csv").decode("utf-8-sig"))))  # noqa: E731
        counts = {name: len(read(name)) for name in (
            "partner", "partner_proposal", "participant_organisation", "project_partner", "link_activity",
            "link_activity_partner", "cop_group", "cop_member", "cop_meeting", "city_lab", "city_lab_event",
            "city_lab_visitors", "sustainability_score")}
        visitors = read("city_lab_visitors")
    assert counts == {"partner": 11, "partner_proposal": 1, "participant_organisation": 4, "project_partner": 11,
                      "link_activity": 5, "link_activity_partner": 13, "cop_group": 1, "cop_member": 4,
                      "cop_meeting": 2, "city_lab": 1, "city_lab_event": 3, "city_lab_visitors": 8,
                      "sustainability_score": 8}
    assert sum(int(r["visitors"]) for r in visitors) == 72
