"""Checkpoints and committee review through the pages: the facilitator records a checkpoint and
an AAR, submits a version; a reviewer signs in, comments, approves; approved content stays put."""
import re

import pytest

from planning import dates, checkpoints, masterplan, review, text
from planning.checkpoints import Actual
from planning.roles import FACILITATOR, Actor
from tests.app.conftest import button, demo, facilitator_on, new_app, titles

REVIEWER_PASSWORD = "committee-pass-1"
INTERNAL_NAMES = ["baseline_year", "target_6m", "target_12m", "target_horizon", "fiscal_year", "kpis:", "budget:",
                  "complete:", "missing", "dimension:", "vision", "focus:", "lead_agency", "ENV-PM25", "outcome",
                  "output", "True", "False", "None", "{", "}"]


def metric(at, label):
    return [m.value for m in at.metric if m.label == label]


def test_facilitator_records_the_six_month_checkpoint(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/checkpoints.py")
    assert titles(at) == ["ติดตามผลทุก 6 เดือน"]
    assert at.selectbox(key="checkpoint_pick").value == 6
    assert "6 เดือน · 1 เม.ย. 2570 · ปีงบประมาณ 2570 ครึ่งปีหลัง (เม.ย.-ก.ย.)" in at.selectbox(key="checkpoint_pick").options
    # the demo carries values measured so far towards this checkpoint
    at_risk = sum(s.status == "at_risk" for s in checkpoints.indicator_status(app_store, w.id, 6))
    assert metric(at, "สถานะทั้งแผน (ถ่วงน้ำหนัก)") != ["⚪ ยังไม่มีข้อมูล"]
    assert any("95%" in c.value and "85" in c.value for c in at.caption)   # thresholds shown

    at.text_area(key="aar_happened_6").input("ติดตั้งเซนเซอร์ได้ 12 จาก 20 จุด")
    button(at, "บันทึก AAR").click().run()
    assert checkpoints.after_action_review(app_store, w.id, 6).happened == "ติดตั้งเซนเซอร์ได้ 12 จาก 20 จุด"

    checkpoints.record_actuals(app_store, Actor(FACILITATOR), w.id, 6, [Actual("ENV-PM25", 30.9, None, "สถานี คพ.")])
    at.run()
    assert metric(at, "🔴 เสี่ยง") == [str(at_risk + 1)]

    at.radio(key="checkpoint_view").set_value("projects").run()
    assert not at.exception
    first = at.selectbox(key="report_project").value
    at.number_input(key=f"percent_6_{first}").set_value(150.0)
    button(at, "บันทึกผลโครงการ").click().run()
    assert [e.value for e in at.error] == [text.t("error.percent_range", value="150")]
    assert checkpoints.project_reports(app_store, w.id, 6) == {}          # nothing written
    at.number_input(key=f"percent_6_{first}").set_value(50.0)
    button(at, "บันทึกผลโครงการ").click().run()
    assert checkpoints.project_reports(app_store, w.id, 6)[(6, first)].percent == 50.0
    assert len(at.get("plotly_chart")) == 2

    at.radio(key="checkpoint_view").set_value("history").run()
    assert not at.exception and at.dataframe


def test_review_cycle_from_submission_to_approval(app_store):
    w = demo(app_store)
    fac = facilitator_on("pages/review.py")
    assert titles(fac) == ["การพิจารณาของคณะกรรมการจังหวัด"]
    fac.text_input(key="reviewer_pw").input(REVIEWER_PASSWORD)
    button(fac, "ตั้งรหัสผ่าน").click().run()
    # the demo's first version came back with a reason; the second awaits review
    returned, v1 = sorted(review.versions(app_store, w.id), key=lambda v: v.number)
    assert (returned.status, v1.number, v1.status) == ("returned", 2, "submitted")
    assert returned.reason
    assert not [b for b in fac.button if b.label.startswith("ส่งฉบับนี้")]   # one pending version at a time
    assert any(i.value.startswith("ฉบับที่ 2 (ส่งเมื่อ ") for i in fac.info)

    rev = new_app()
    rev.switch_page("pages/sign_in.py").run()
    rev.radio(key="sign_in_role_th").set_value(text.t("role.reviewer")).run()
    rev.text_input(key="reviewer_name").input("นายสมศักดิ์ กรรมการ")
    rev.text_input(key="reviewer_password").input(REVIEWER_PASSWORD)
    button(rev, "เข้าสู่ระบบ").click().run()
    assert rev.session_state["actor"].role == "reviewer"
    rev.switch_page("pages/review.py").run()
    assert not rev.exception
    assert not [b for b in rev.button if b.label.startswith("ส่งฉบับนี้")]   # reviewers cannot submit
    rev.text_area(key="comment_text_projects").input("ควรเพิ่มแผนบำรุงรักษาเซนเซอร์")
    [b for b in rev.button if b.label == "เพิ่มความเห็น"][6].click().run()
    assert [(c.section, c.author) for c in review.comments(app_store, v1.id)] == [
        ("projects", "reviewer: นายสมศักดิ์ กรรมการ")]

    # the reviewer reads labels, names and B.E. years, never the store's field names or codes
    shown = " ".join(m.value for m in rev.markdown) + " ".join(e.label for e in rev.expander)
    assert [w for w in INTERNAL_NAMES if w in shown] == []
    assert not re.search(r"(?<![\d,.])20\d\d(?![\d,.])", shown)
    assert "ค่าเฉลี่ยฝุ่น PM2.5 รายปี" in shown and "ปีของค่าฐาน: พ.ศ. 25" in shown and " บาท" in shown

    rev.radio(key="review_view").set_value("criteria").run()
    assert any("ครบ" in m.value for m in rev.markdown)
    rev.radio(key="review_view").set_value("decision").run()
    assert "ครบ" in " ".join(m.value for m in rev.markdown)                    # the criteria result first
    rev.text_input(key="resolution_no").input("มติที่ 2/2569")
    button(rev, "บันทึกมติ").click().run()
    assert [e.value for e in rev.error] == [text.t("error.confirm_approval")]  # not confirmed: nothing saved
    assert review.get_version(app_store, v1.id).status == "submitted"
    rev.radio(key="decision").set_value("returned").run()
    button(rev, "บันทึกมติ").click().run()
    assert "เหตุผลที่ส่งกลับแก้ไข" in rev.error[0].value                      # returning needs a reason
    rev.radio(key="decision").set_value("approved").run()
    rev.checkbox(key="confirm_approval").check()
    button(rev, "บันทึกมติ").click().run()
    v1 = review.get_version(app_store, v1.id)
    assert (v1.status, v1.resolution_no, v1.resolution_date) == ("approved", "มติที่ 2/2569", dates.today())

    frozen = review.version_snapshot(app_store, v1.id)
    masterplan.add_issue(app_store, Actor(FACILITATOR), w.id, "ประเด็นที่เพิ่มหลังอนุมัติ")
    assert review.version_snapshot(app_store, v1.id) == frozen
    fac.run()
    assert any("ร่างปัจจุบันแก้ไขไปจากฉบับที่ 2" in x.value for x in fac.warning)
    rev.radio(key="review_view").set_value("content").run()
    assert not [b for b in rev.button if b.label == "เพิ่มความเห็น"]          # approved: closed
    rev.radio(key="review_view").set_value("audit").run()
    trail = " ".join(m.value for m in rev.markdown)
    assert "นายสมศักดิ์ กรรมการ (คณะกรรมการจังหวัด (ผู้พิจารณา))** อนุมัติฉบับของแผน" in trail and "น." in trail
    assert rev.get("download_button")
    assert not re.search(r"\b(create|update|plan_version|audit_log)\b|[{}]", trail)


def test_reviewer_navigation_has_no_editing_pages(app_store):
    from planning import roles

    roles.set_reviewer_password(app_store, Actor(FACILITATOR), REVIEWER_PASSWORD)
    rev = new_app()
    rev.switch_page("pages/sign_in.py").run()
    rev.radio(key="sign_in_role_th").set_value(text.t("role.reviewer")).run()
    rev.text_input(key="reviewer_name").input("กรรมการ")
    rev.text_input(key="reviewer_password").input("wrong-password")
    button(rev, "เข้าสู่ระบบ").click().run()
    assert "actor" not in rev.session_state and rev.error
    rev.text_input(key="reviewer_password").input(REVIEWER_PASSWORD)
    button(rev, "เข้าสู่ระบบ").click().run()
    rev.switch_page("pages/checkpoints.py").run()
    assert not rev.exception and not rev.get("data_editor") and not [b for b in rev.button if b.label == "บันทึก AAR"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        rev.switch_page("pages/actionplan.py")   # editing pages are not in a reviewer's navigation
