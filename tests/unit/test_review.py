"""Committee review: frozen snapshots, one decision per version, approved versions closed,
reviewers cannot edit content, comparison between versions, and the audit trail."""
import csv
import datetime as dt
import io
import re

import pytest

from planning import dates, audit, masterplan, reading, review, roles
from planning.errors import PermissionDenied, ValidationError
from planning.roles import REVIEWER, Actor

TODAY = dates.today()


@pytest.fixture
def reviewer():
    return Actor(REVIEWER, name="Khun Somsak")


def test_snapshot_is_frozen_and_later_edits_are_a_new_draft(store, facilitator, workshop, reviewer):
    issue = masterplan.add_issue(store, facilitator, workshop.id, "Clean air")
    v1 = review.submit_version(store, facilitator, workshop.id, "first draft")
    frozen = review.version_snapshot(store, v1.id)
    assert frozen["issues"] == {issue.id: {"label": "Clean air"}}
    approved = review.decide(store, reviewer, v1.id, "approved", "มติที่ 3/2569", TODAY, confirmed=True)
    assert (approved.status, approved.resolution_no, approved.decided_by) == ("approved", "มติที่ 3/2569",
                                                                               "reviewer: Khun Somsak")
    masterplan.add_issue(store, facilitator, workshop.id, "Flood warning")
    assert review.version_snapshot(store, v1.id) == frozen        # approved content never changes
    base, diffs = review.draft_changes(store, workshop.id)
    assert base.id == v1.id and [(d.section, d.added) for d in diffs] == [("issues", ("Flood warning",))]
    with pytest.raises(PermissionDenied, match="version_approved"):
        review.decide(store, reviewer, v1.id, "returned", "4/2569", TODAY, reason="ตัวชี้วัดยังไม่ครบ")
    with pytest.raises(PermissionDenied, match="version_approved"):
        review.add_comment(store, reviewer, v1.id, "issues", "late remark")
    v2 = review.submit_version(store, facilitator, workshop.id)
    assert v2.number == 2 and v2.status == "submitted"


def test_one_pending_version_and_no_empty_resubmission(store, facilitator, workshop, reviewer):
    v1 = review.submit_version(store, facilitator, workshop.id)
    with pytest.raises(ValidationError, match="version_pending"):
        review.submit_version(store, facilitator, workshop.id)
    review.decide(store, reviewer, v1.id, "returned", "2/2569", TODAY, reason="ตัวชี้วัดยังไม่ครบ")
    with pytest.raises(ValidationError, match="version_unchanged"):
        review.submit_version(store, facilitator, workshop.id)
    with pytest.raises(ValidationError, match="version_decided"):
        review.decide(store, reviewer, v1.id, "approved", "2/2569", TODAY, confirmed=True)


def test_decision_needs_a_resolution_number_and_a_sensible_date(store, facilitator, workshop, reviewer):
    v = review.submit_version(store, facilitator, workshop.id)
    with pytest.raises(ValidationError, match="required"):
        review.decide(store, reviewer, v.id, "approved", "  ", TODAY, confirmed=True)
    with pytest.raises(ValidationError, match="resolution_date_range"):
        review.decide(store, reviewer, v.id, "approved", "1/2569", TODAY + dt.timedelta(days=1), confirmed=True)
    with pytest.raises(ValidationError, match="resolution_date_range"):
        review.decide(store, reviewer, v.id, "approved", "1/2569", TODAY - dt.timedelta(days=400), confirmed=True)
    with pytest.raises(ValidationError, match="bad_choice"):
        review.decide(store, reviewer, v.id, "maybe", "1/2569", TODAY)
    with pytest.raises(PermissionDenied):
        review.decide(store, facilitator, v.id, "approved", "1/2569", TODAY, confirmed=True)
    assert review.get_version(store, v.id).status == "submitted"


def test_reviewer_cannot_edit_content(store, workshop, reviewer):
    with pytest.raises(PermissionDenied):
        masterplan.add_issue(store, reviewer, workshop.id, "x")
    with pytest.raises(PermissionDenied):
        review.submit_version(store, reviewer, workshop.id)
    assert masterplan.issues(store, workshop.id) == []


def test_comments_per_section(store, facilitator, workshop, reviewer, join):
    v = review.submit_version(store, facilitator, workshop.id)
    review.add_comment(store, reviewer, v.id, "projects", "Add a data platform project")
    review.add_comment(store, facilitator, v.id, "projects", "Added in the next version")
    with pytest.raises(PermissionDenied):
        review.add_comment(store, join("p").actor(), v.id, "projects", "me too")
    with pytest.raises(ValidationError):
        review.add_comment(store, reviewer, v.id, "nowhere", "x")
    assert [(c.section, c.author) for c in review.comments(store, v.id)] == [
        ("projects", "reviewer: Khun Somsak"), ("projects", "facilitator")]


def test_compare_added_removed_changed():
    old = {"issues": {"a": {"label": "A"}, "b": {"label": "B"}},
           "projects": {"p": {"label": "Bus", "total": 1.0, "fiscal_year": 2570}}}
    new = {"issues": {"a": {"label": "A"}, "c": {"label": "C"}},
           "projects": {"p": {"label": "Bus", "total": 2.0, "fiscal_year": 2570}}}
    diffs = {d.section: d for d in review.compare(old, new)}
    assert diffs["issues"].added == ("C",) and diffs["issues"].removed == ("B",)
    (change,) = diffs["projects"].changed
    assert change.label == "Bus" and change.fields == (("total", 1.0, 2.0),)
    assert diffs["measures"].empty
    assert review.compare(None, new)[3].added == ("A", "C")


def test_audit_trail_records_content_changes(store, facilitator, workshop, reviewer):
    issue = masterplan.add_issue(store, facilitator, workshop.id, "=HYPERLINK(\"x\")")
    v = review.submit_version(store, facilitator, workshop.id)
    review.decide(store, reviewer, v.id, "returned", "5/2569", TODAY, reason="ตัวชี้วัดยังไม่ครบ")
    got = [(e.who, e.action, e.entity) for e in audit.entries(store, workshop.id)]
    assert ("facilitator", "create", "provincial_issue") in got
    assert ("facilitator", "submit", "plan_version") in got
    assert ("reviewer: Khun Somsak", "returned", "plan_version") in got
    created = [e for e in audit.entries(store, workshop.id) if e.entity_id == issue.id][0]
    assert created.before is None and "HYPERLINK" in created.after
    rows = list(csv.reader(io.StringIO(
        reading.Reader(store, workshop.id, "th").audit_csv(audit.entries(store, workshop.id)).decode("utf-8-sig"))))
    assert rows[0] == ["วันและเวลา (เวลาประเทศไทย)", "ผู้ดำเนินการ", "การดำเนินการ", "รายการ",
                       "การเปลี่ยนแปลง (เดิม → ใหม่)"]
    assert len(rows) == 4
    returned = next(r for r in rows if r[1] == "Khun Somsak (คณะกรรมการจังหวัด (ผู้พิจารณา))")
    assert re.fullmatch(r"\d{1,2} \S+ 25\d\d เวลา \d\d:\d\d น\.", returned[0])     # B.E., Thailand's time
    assert "ตัวชี้วัดยังไม่ครบ" in returned[4]
    issue_row = next(r for r in rows if "HYPERLINK" in r[3])
    assert issue_row[3].startswith("'=")                                              # formula neutralised
    assert not any(w in " ".join(r) for r in rows[1:] for w in ("create", "provincial_issue", "plan_version", "{"))


def test_reviewer_sign_in(store, facilitator, monkeypatch):
    monkeypatch.delenv(roles.ENV_REVIEWER_PASSWORD, raising=False)
    with pytest.raises(ValidationError, match="reviewer_password_not_set"):
        roles.sign_in_reviewer(store, "Somsak", "committee-pass")
    roles.set_reviewer_password(store, facilitator, "committee-pass")
    with pytest.raises(ValidationError, match="wrong_password"):
        roles.sign_in_reviewer(store, "Somsak", "nope-nope-nope")
    with pytest.raises(ValidationError, match="required"):
        roles.sign_in_reviewer(store, " ", "committee-pass")
    assert roles.sign_in_reviewer(store, "Somsak", "committee-pass") == Actor(REVIEWER, name="Somsak")
    with pytest.raises(PermissionDenied):
        roles.set_reviewer_password(store, Actor(REVIEWER, name="x"), "another-pass")


def test_approving_needs_the_confirmation_and_returning_needs_a_reason(store, facilitator, workshop, reviewer):
    v = review.submit_version(store, facilitator, workshop.id)
    with pytest.raises(ValidationError, match="confirm_approval"):
        review.decide(store, reviewer, v.id, "approved", "1/2569", TODAY)
    with pytest.raises(ValidationError, match="required"):
        review.decide(store, reviewer, v.id, "returned", "1/2569", TODAY, reason="  ")
    assert review.get_version(store, v.id).status == "submitted"
    returned = review.decide(store, reviewer, v.id, "returned", "1/2569", TODAY, reason="ขาดแผนความปลอดภัยข้อมูล")
    assert (returned.status, returned.reason) == ("returned", "ขาดแผนความปลอดภัยข้อมูล")


def test_the_plans_texts_are_frozen_with_a_version_and_read_in_words(store, facilitator, workshop, reviewer):
    from planning import plan_texts

    plan_texts.save(store, facilitator, workshop.id, {"mission": "ลดฝุ่น\n**เพิ่ม**พื้นที่สีเขียว", "area": ""})
    v = review.submit_version(store, facilitator, workshop.id)
    frozen = review.version_snapshot(store, v.id)["texts"]
    assert frozen == {"mission": {"label": "mission", "text": "ลดฝุ่น\n**เพิ่ม**พื้นที่สีเขียว"}}  # empty texts left out
    read = reading.Reader(store, workshop.id, "th")
    assert read.title("texts", "mission", frozen["mission"]) == "พันธกิจ"
    assert [(x.label, x.value) for x in read.lines("texts", "mission", frozen["mission"])] == [
        ("ข้อความ", "ลดฝุ่น\n**เพิ่ม**พื้นที่สีเขียว")]
    review.decide(store, reviewer, v.id, "approved", "1/2569", TODAY, confirmed=True)
    assert review.draft_changes(store, workshop.id)[1] == []
    plan_texts.save(store, facilitator, workshop.id, {"area": "อำเภอเมือง"})   # a changed text is a changed plan
    diffs = {d.section: d for d in review.draft_changes(store, workshop.id)[1]}
    assert diffs["texts"].added == ("area",) and set(diffs) <= {"texts", "criteria"}  # the area counts for a criterion
    assert review.version_snapshot(store, v.id)["texts"] == frozen                 # the approved version is not
