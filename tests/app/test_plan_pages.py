import re
from decimal import Decimal

from planning import masterplan, projects
from tests.app.conftest import button, demo, facilitator_on, join, new_app, titles




def test_master_plan_shows_components_and_adds_issue_strategy_measure(app_store):
    at = facilitator_on("pages/masterplan.py")
    assert titles(at) == ["แผนแม่บทการพัฒนาเมืองอัจฉริยะ"]
    assert "ผ่าน 8 จาก 8 ข้อ (ความครบถ้วน 100%)" in [p.proto.text for p in at.get("progress")]
    checklist = next(m.value for m in at.markdown if "พื้นที่เป้าหมายชัดเจน" in m.value)
    assert checklist.count("✅") == 8 and "ภาคประชาสังคม 1 คน" in checklist
    at.text_input(key="issue_title").input("ประเด็นที่ 4: เศรษฐกิจสร้างสรรค์")
    button(at, "เพิ่มประเด็นการพัฒนา").click().run()
    w = demo(app_store)
    assert [i.title for i in masterplan.issues(app_store, w.id)][-1] == "ประเด็นที่ 4: เศรษฐกิจสร้างสรรค์"
    at.text_input(key="strategy_title").input("")
    button(at, "เพิ่มยุทธศาสตร์").click().run()
    assert [e.value for e in at.error] == ["กรุณากรอก “ยุทธศาสตร์”"]
    at.selectbox(key="strategy_dimension").select("ECO")
    at.text_input(key="strategy_title").input("ตลาดดิจิทัลของชุมชน")
    at.multiselect(key="strategy_indicators").set_value(["ECO-ECOM"])
    button(at, "เพิ่มยุทธศาสตร์").click().run()
    new = [s for s in masterplan.strategies(app_store, w.id) if s.title == "ตลาดดิจิทัลของชุมชน"][0]
    assert new.dimension == "ECO" and new.indicator_codes == ("ECO-ECOM",)
    at.selectbox(key="measure_strategy").select(new.id)
    at.text_input(key="measure_title").input("อบรมขายออนไลน์")
    button(at, "เพิ่มมาตรการ").click().run()
    assert any(m.title == "อบรมขายออนไลน์" and m.strategy_id == new.id for m in masterplan.measures(app_store, w.id))


def edits(rows: dict) -> dict:
    """A data editor's edit state, as the browser sends it."""
    return {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def fill_project(at, name, lead="สำนักงานพาณิชย์จังหวัด", amount=1500000.0, years=(2570, 2570), budget=None,
                 milestones=None, declared=None):
    """Fill the new-project form; `years` moves the years slider first (the grid follows it)."""
    if years != (2570, 2570):
        at.select_slider(key="p_years_new").set_value(years).run()
    at.number_input(key="p_declared_new").set_value(declared)
    at.text_input(key="p_name_new").input(name)
    at.text_area(key="p_objective_new").input("เพิ่มรายได้ชุมชน")
    at.text_input(key="p_lead_new").input(lead)
    at.text_input(key="p_target_group_new").input("วิสาหกิจชุมชน")
    at.text_input(key="p_partner_private_new").input("สมาคมผู้ค้า, บริษัทขนส่ง")
    grid = f"p_budget_{years[0]}_{years[1]}_new"
    at.session_state[grid] = edits(budget or {0: {f"ปี {years[0]}": amount, "item": "อบรมและแพลตฟอร์ม"}})
    at.session_state[f"p_milestones_{years[0]}_{years[1]}_new"] = {
        "edited_rows": {}, "deleted_rows": [],
        "added_rows": milestones or [{"year": years[0], "quarter": 1, "description": "เปิดรับสมัคร"}]}
    return button(at, "บันทึกโครงการ").click().run()


def test_action_plan_adds_a_project_and_refuses_bad_ones(app_store):
    w = demo(app_store)
    before = projects.total_budget(app_store, w.id)
    at = facilitator_on("pages/actionplan.py")
    assert titles(at) == ["แผนปฏิบัติการประจำปี"]
    assert at.metric[0].value == "4"
    at = fill_project(at, "ตลาดออนไลน์ชุมชน", lead="")
    assert [e.value for e in at.error] == ["กรุณากรอก “หน่วยงานรับผิดชอบหลัก”"]
    at = fill_project(at, "ตลาดออนไลน์ชุมชน", amount=-5.0)
    assert [e.value for e in at.error] == ["งบประมาณของ “งบพัฒนาจังหวัด” ติดลบไม่ได้"]
    at = fill_project(at, "ตลาดออนไลน์ชุมชน", declared=999.0)
    assert at.error[0].value.startswith("ยอดรวมที่ระบุ 999.00 ไม่เท่ากับ")
    assert projects.total_budget(app_store, w.id) == before and len(projects.list_projects(app_store, w.id)) == 4
    at = fill_project(at, "ตลาดออนไลน์ชุมชน", years=(2572, 2573),
                      budget={0: {"ปี 2572": 1000000.0, "ปี 2573": 500000.0, "item": "อบรม"}},
                      milestones=[{"year": 2573, "quarter": 2, "description": "เปิดตลาด"}])
    assert not at.error, [e.value for e in at.error]
    assert [t.value for t in at.toast] == ["บันทึกโครงการ “ตลาดออนไลน์ชุมชน” แล้ว"]
    new = [p for p in projects.list_projects(app_store, w.id) if p.name == "ตลาดออนไลน์ชุมชน"][0]
    assert new.fiscal_years == [2572, 2573] and new.total == Decimal("1500000.00")
    assert new.amount_by_year() == {2572: Decimal("1000000"), 2573: Decimal("500000")}
    assert [(m.fiscal_year_be, m.quarter, m.description) for m in new.milestones] == [(2573, 2, "เปิดตลาด")]
    assert new.partners == {"private": ("สมาคมผู้ค้า", "บริษัทขนส่ง")}
    assert projects.total_budget(app_store, w.id) == before + Decimal("1500000")
    assert at.metric[0].value == "5"


def test_action_plan_charts_and_checks(app_store):
    import json

    at = facilitator_on("pages/actionplan.py")
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # sunburst, by fiscal year, timeline
    by_year = json.loads(charts[1].proto.spec)
    assert by_year["layout"]["xaxis"]["categoryarray"] == ["2570", "2571", "2572", "2573", "2574"]   # in order, B.E.
    timeline = json.loads(charts[2].proto.spec)
    labels = timeline["layout"]["yaxis"]["tickvals"]
    assert len(labels) == len(set(labels)) == 4 and all(re.match(r"\d+\. ", x) for x in labels)  # every project
    ticks = timeline["layout"]["xaxis"]["ticktext"]
    assert ticks[0] == "ต.ค. 69" and all(re.search(r"\b(69|7\d)$", t) for t in ticks)       # B.E., Thai months
    assert any(e.label.startswith("✅") for e in at.expander)


def test_exports_page_prepares_the_plan_document_and_offers_the_data(app_store):
    at = facilitator_on("pages/exports.py")
    assert titles(at) == ["ส่งออกเอกสาร"]
    assert "ผ่าน 8 จาก 8 ข้อ (ความครบถ้วน 100%)" in [p.proto.text for p in at.get("progress")]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["ดาวน์โหลดแผนปฏิบัติการ (Excel)", "ดาวน์โหลดข้อมูลทุกตาราง (CSV, zip)"]
    button(at, "จัดทำเอกสารแผน (Word และ PDF)").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[:2] == ["ดาวน์โหลดเอกสารแผน (Word)", "ดาวน์โหลดเอกสารแผน (PDF)"]
    assert any(c.value.startswith("จัดทำแล้ว ") and c.value.endswith(" หน้า") for c in at.caption)


def test_exports_page_without_libreoffice_says_so_and_still_gives_word(app_store, monkeypatch):
    from planning import pdf

    monkeypatch.setattr(pdf, "soffice", lambda: None)
    at = facilitator_on("pages/exports.py")
    assert any("LibreOffice" in i.value for i in at.info)
    button(at, "จัดทำเอกสารแผน (Word และ PDF)").click().run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "ดาวน์โหลดเอกสารแผน (Word)" in labels and "ดาวน์โหลดเอกสารแผน (PDF)" not in labels


def test_participants_have_no_plan_pages(app_store):
    import pytest

    at = join(new_app(), demo(app_store).join_code, "ผู้ร่วม")
    for page in ("pages/masterplan.py", "pages/actionplan.py", "pages/exports.py"):
        with pytest.raises(ValueError):
            at.switch_page(page)


def test_editing_a_project_shows_its_own_values_and_saves_changes(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/actionplan.py")
    at = fill_project(at, "โครงการใหม่ทดสอบ")
    saved = [p for p in projects.list_projects(app_store, w.id) if p.name == "โครงการใหม่ทดสอบ"][0]
    assert at.selectbox(key="edit_project").value == saved.id  # the saved project is open
    other = [p for p in projects.list_projects(app_store, w.id) if p.name.startswith("ระบบการแพทย์")][0]
    at.selectbox(key="edit_project").select(other.id).run()
    key = lambda name: f"p_{name}_{other.id}"  # noqa: E731
    assert at.text_input(key=key("name")).value == other.name
    grid = at.data_editor(key=key("budget_2571_2571")).value
    assert grid.loc[grid["source"] == "งบกระทรวง/กรม", "ปี 2571"].tolist() == [float(other.total)]
    at.text_input(key=key("lead")).input("สำนักงานสาธารณสุขจังหวัดขอนแก่น")
    button(at, "บันทึกโครงการ").click().run()
    edited = {p.id: p for p in projects.list_projects(app_store, w.id)}[other.id]
    assert edited.lead_agency == "สำนักงานสาธารณสุขจังหวัดขอนแก่น" and edited.total == other.total
    at.selectbox(key="edit_project").select(None).run()
    assert at.text_input(key="p_name_new").value == ""  # the new-project form starts empty
