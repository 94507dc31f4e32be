"""Data entry that fits a screen: the indicator grid in two steps with the name pinned, KPIs chosen
by indicator name and kinds by label, the project form in headed groups, and implausible checkpoint
values held for a confirmation."""
import datetime as dt
import json

from planning import dates, checkpoints, importer, indicators, text
from planning.roles import FACILITATOR, Actor
from tests.app.conftest import button, demo, facilitator_on

EDITS = {"added_rows": [], "deleted_rows": []}


def columns(editor) -> dict:
    return json.loads(editor.proto.columns)


def test_indicator_grid_in_two_steps_keeps_the_other_step(app_store):
    w = demo(app_store)
    before = indicators.current_values(app_store, w.id)["ENV-PM25"]
    at = facilitator_on("pages/dimensions.py")
    grid = at.data_editor(key="values_baseline_ENV")
    assert grid.value.columns.tolist() == ["code", "name", "unit", "direction", "baseline_value", "baseline_year",
                                           "baseline_source", "benchmark_value", "benchmark_source", "gap",
                                           "gap_status"]
    config = columns(grid)
    assert config["name"]["pinned"] is True and config["code"]["hidden"] is True
    row = int(grid.value.index[grid.value["code"] == "ENV-PM25"][0])
    at.session_state["values_baseline_ENV"] = {"edited_rows": {row: {"baseline_value": 33.5}}, **EDITS}
    button(at, "บันทึกค่าฐานและค่าเปรียบเทียบ").click().run()
    after = indicators.current_values(app_store, w.id)["ENV-PM25"]
    assert after.baseline_value == 33.5
    assert (after.target_6m, after.target_12m, after.target_horizon) == (
        before.target_6m, before.target_12m, before.target_horizon)          # targets untouched

    at.radio(key="indicator_step").set_value("targets").run()
    grid = at.data_editor(key="values_targets_ENV")
    assert grid.value.columns.tolist() == ["code", "name", "unit", "direction", "baseline_value", "target_6m",
                                           "target_12m", "target_horizon"]
    assert columns(grid)["name"]["pinned"] is True
    assert grid.value.loc[row, "baseline_value"] == 33.5                        # shown, for reference
    at.session_state["values_targets_ENV"] = {"edited_rows": {row: {"target_6m": 31.0}}, **EDITS}
    button(at, "บันทึกค่าเป้าหมาย").click().run()
    assert at.radio(key="indicator_step").value == "targets"                   # still on step 2 after saving
    assert at.data_editor(key="values_targets_ENV").value.loc[row, "target_6m"] == 31.0
    after = indicators.current_values(app_store, w.id)["ENV-PM25"]
    assert (after.baseline_value, after.baseline_source, after.target_6m) == (33.5, before.baseline_source, 31.0)

    # an import after an edit: the grid shows the imported value, not the edit kept from before
    at.radio(key="indicator_step").set_value("baseline").run()
    at.session_state["values_baseline_ENV"] = {"edited_rows": {row: {"baseline_value": 34.0}}, **EDITS}
    button(at, "บันทึกค่าฐานและค่าเปรียบเทียบ").click().run()
    importer.import_baselines(app_store, Actor(FACILITATOR), w.id, "b.csv",
                              "indicator_code,baseline_value\nENV-PM25,29.5\n".encode())
    at.run()
    assert at.data_editor(key="values_baseline_ENV").value.loc[row, "baseline_value"] == 29.5


def test_project_form_in_groups_with_kpis_by_name(app_store):
    at = facilitator_on("pages/actionplan.py")
    headings = [m.value for m in at.markdown if m.value.startswith("**") and " · " in m.value]
    assert headings == ["**1 · โครงการอะไร ทำไม**", "**2 · ใครทำ ใครได้ประโยชน์**", "**3 · เมื่อไรและเท่าไร**",
                        "**4 · ขั้นตอนสำคัญและตัวชี้วัด**"]
    keys = {t.key for t in at.text_input} | {t.key for t in at.text_area}
    assert {"p_name_new", "p_lead_new", "p_target_group_new", "p_objective_new", "p_partner_private_new"} <= keys
    assert at.data_editor(key="p_budget_2570_2570_new") is not None
    assert at.data_editor(key="p_milestones_2570_2570_new") is not None
    kpis = columns(at.data_editor(key="p_kpis_new"))
    options = {o["value"]: o["label"] for o in kpis["indicator"]["type_config"]["options"]}
    assert options["ENV-PM25"] == "สิ่งแวดล้อมอัจฉริยะ · ค่าเฉลี่ยฝุ่น PM2.5 รายปี"
    kinds = {o["value"]: o["label"] for o in kpis["kind"]["type_config"]["options"]}
    assert kinds == {"output": "ผลผลิต", "outcome": "ผลลัพธ์"}


def test_an_implausible_actual_waits_for_a_confirmation(app_store):
    w = demo(app_store)
    baseline = indicators.current_values(app_store, w.id)["ENV-PM25"].baseline_value
    at = facilitator_on("pages/checkpoints.py")
    at.radio(key="checkpoint_view").set_value("indicators").run()
    grid = at.data_editor(key="actuals_6")
    row = int(grid.value.index[grid.value["code"] == "ENV-PM25"][0])
    huge = round(baseline * 276, 1)
    at.session_state["actuals_6"] = {"edited_rows": {row: {"actual": huge}}, **EDITS}
    at.button(key="save_actuals").click().run()
    assert checkpoints.actuals(app_store, w.id, 6).get((6, "ENV-PM25")) is None   # nothing yet
    warning = next(x.value for x in at.warning if "ยืนยันและบันทึก" in x.value)
    assert "ค่าเฉลี่ยฝุ่น PM2.5 รายปี" in warning and "276 เท่าของค่าฐาน" in warning
    at.button(key="confirm_actuals").click().run()
    assert checkpoints.actuals(app_store, w.id, 6)[(6, "ENV-PM25")].value == huge
    assert [t.value for t in at.toast] == [text.t("checkpoints.actuals_saved", n=1)]
    assert not [x for x in at.warning if "ยืนยันและบันทึก" in x.value]


def test_a_measurement_date_is_typed_in_be_and_shown_back_in_be(app_store):
    w = demo(app_store)
    baseline = indicators.current_values(app_store, w.id)["ENV-PM25"].baseline_value
    day = min(dates.today(), w.start_date + dt.timedelta(days=30))
    typed = f"{day.day}/{day.month}/{day.year + 543}"
    at = facilitator_on("pages/checkpoints.py")
    at.radio(key="checkpoint_view").set_value("indicators").run()
    grid = at.data_editor(key="actuals_6")
    row = int(grid.value.index[grid.value["code"] == "ENV-PM25"][0])
    at.session_state["actuals_6"] = {"edited_rows": {row: {"actual": 31.0, "measured_on": "31/02/2569"}}, **EDITS}
    at.button(key="save_actuals").click().run()
    assert "31/02/2569" in " ".join(e.value for e in at.error)
    assert checkpoints.actuals(app_store, w.id, 6).get((6, "ENV-PM25")) is None
    at.session_state["actuals_6"] = {"edited_rows": {row: {"actual": baseline, "measured_on": typed}}, **EDITS}
    at.button(key="save_actuals").click().run()
    assert checkpoints.actuals(app_store, w.id, 6)[(6, "ENV-PM25")].measured_on == day
    shown = at.data_editor(key="actuals_6").value
    assert shown.loc[row, "measured_on"] == f"{day:%d/%m}/{day.year + 543}"
