"""Capacity sessions: attendance per sector (distinct people), the cohort target, pre/post
self-assessment means and their change, the attendance list and its exports."""
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from planning import capacity, exports, workbooks, text
from planning.errors import PermissionDenied, ValidationError


LOCAL_EN = text.t("sector.local", "en")


@pytest.fixture
def session(store, facilitator, workshop):
    return capacity.create_session(store, facilitator, workshop.id, title="Data for city services",
                                   held_on=dt.date(2026, 11, 20), questions=["Q one", "", "Q two"])


def rate(store, actor, workshop, session, *values):
    qs = capacity.questions(store, session.id)
    capacity.submit_assessment(store, actor, workshop.id, session.id, dict(zip([q.id for q in qs], values)))


def test_attendance_counts_people_once_per_sector(store, facilitator, workshop, session, join):
    capacity.set_phase(store, facilitator, workshop.id, session.id, "pre")
    a, b, c = join("a", "government").actor(), join("b", "government").actor(), join("c", "private").actor()
    capacity.check_in(store, a, workshop.id, session.id)
    capacity.check_in(store, a, workshop.id, session.id)  # twice: still one person
    rate(store, b, workshop, session, 2, 3)                 # assessing checks in too
    capacity.check_in(store, c, workshop.id, session.id)
    counts = capacity.attendance_by_sector(store, session.id)
    assert counts == {"government": 2, "local": 0, "private": 1, "civil": 0, "academic": 0}
    assert sum(counts.values()) == 3
    assert not capacity.target_met(counts)
    assert capacity.target_met({"government": 56, "local": 1, "private": 1, "civil": 1, "academic": 1})
    assert not capacity.target_met({"government": 60, "local": 0, "private": 1, "civil": 1, "academic": 1})


def test_pre_post_change_per_sector(store, facilitator, workshop, session, join):
    a, b, c = join("a", "government").actor(), join("b", "government").actor(), join("c", "civil").actor()
    capacity.set_phase(store, facilitator, workshop.id, session.id, "pre")
    rate(store, a, workshop, session, 1, 2)
    rate(store, b, workshop, session, 2, 3)
    rate(store, c, workshop, session, 3, 3)
    rate(store, c, workshop, session, 2, 2)   # a correction replaces the earlier answers
    capacity.set_phase(store, facilitator, workshop.id, session.id, "post")
    rate(store, a, workshop, session, 4, 4)
    rate(store, b, workshop, session, 4, 5)
    change = {r.sector: r for r in capacity.change_by_sector(store, session.id)}
    gov = change["government"]
    assert (gov.pre_people, gov.post_people, gov.pre_mean, gov.post_mean) == (2, 2, 2.0, 4.25)
    assert gov.change == pytest.approx(2.25)
    assert (change["civil"].pre_mean, change["civil"].post_mean, change["civil"].change) == (2.0, None, None)
    assert change["academic"].pre_people == 0 and change["academic"].change is None
    everyone = change["all"]
    assert everyone.attended == 3 and everyone.pre_mean == pytest.approx(2.0)
    assert everyone.post_mean == pytest.approx(4.25)
    assert capacity.my_status(store, session.id, a.participant_id) == {"attended": True, "pre": True, "post": True}


def test_assessment_rules(store, facilitator, workshop, session, join):
    a = join("a").actor()
    with pytest.raises(ValidationError, match="session_not_open"):
        capacity.check_in(store, a, workshop.id, session.id)
    capacity.set_phase(store, facilitator, workshop.id, session.id, "pre")
    with pytest.raises(ValidationError) as e:
        rate(store, a, workshop, session, 3)   # second question unanswered
    assert e.value.params == {"question": 2}
    with pytest.raises(ValidationError):
        rate(store, a, workshop, session, 3, 6)
    with pytest.raises(PermissionDenied):
        capacity.set_phase(store, a, workshop.id, session.id, "post")
    with pytest.raises(PermissionDenied):
        capacity.check_in(store, facilitator, workshop.id, session.id)
    assert sum(capacity.attendance_by_sector(store, session.id).values()) == 0  # nothing half-written
    capacity.set_phase(store, facilitator, workshop.id, session.id, "closed")
    with pytest.raises(ValidationError, match="session_not_open"):
        rate(store, a, workshop, session, 3, 3)


def test_session_creation_is_validated(store, facilitator, workshop):
    with pytest.raises(ValidationError, match="question_count"):
        capacity.create_session(store, facilitator, workshop.id, title="x", held_on=dt.date(2026, 1, 1),
                                questions=[" "])
    with pytest.raises(ValidationError, match="question_count"):
        capacity.create_session(store, facilitator, workshop.id, title="x", held_on=dt.date(2026, 1, 1),
                                questions=[f"q{n}" for n in range(11)])
    assert capacity.list_sessions(store, workshop.id) == []


def test_attendance_list_exports(store, facilitator, workshop, session, join):
    capacity.set_phase(store, facilitator, workshop.id, session.id, "pre")
    capacity.check_in(store, join("=cmd|' /C calc'!A0", "academic").actor(), workshop.id, session.id)
    rate(store, join("สมชาย", "local").actor(), workshop, session, 3, 4)
    header, rows = exports.attendance_rows(store, session.id, "th")
    assert [r[1] for r in rows] == ["=cmd|' /C calc'!A0", "สมชาย"]   # on screen as typed
    assert rows[1][4] == "ใช่" and rows[0][4] == "ไม่ใช่"
    ws = load_workbook(io.BytesIO(workbooks.attendance(store, session.id, "en"))).active
    # a visible title (merged across the table), the date, then the header row with columns to sign
    assert ws["A1"].value == "Data for city services" and "A1:I1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "Held on 20 Nov 2026"
    header_row = [c.value for c in ws[4]]
    assert header_row[-3:] == ["Position", "Agency", "Signature"]
    assert [c.value for c in ws[5]][1] == "'=cmd|' /C calc'!A0"          # neutralised in the file
    assert ws.max_row == 6 and [c.value for c in ws[6]][1:3] == ["สมชาย", LOCAL_EN]
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    assert ws.print_title_rows == "$4:$4" and ws.page_setup.orientation == "landscape"
    assert {c.font.name for r in ws.iter_rows() for c in r if c.value is not None} == {"TH SarabunPSK"}
    text = exports.attendance_csv(store, session.id).decode("utf-8-sig")
    assert text.count("\n") == 3 and "สมชาย" in text and "'=cmd" in text


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x","session")', "＝HYPERLINK(1)", "  +1", "@SUM(1)"])
def test_attendance_title_is_never_a_formula(store, facilitator, workshop, title):
    s = capacity.create_session(store, facilitator, workshop.id, title=title, held_on=dt.date(2026, 11, 20),
                                questions=["q"])
    ws = load_workbook(io.BytesIO(workbooks.attendance(store, s.id, "th"))).active
    assert ws["A1"].value == "'" + title.strip() and ws["A1"].data_type == "s"   # names are trimmed
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


def test_answers_for_the_phase_the_form_showed_are_refused_once_the_phase_moved_on(store, facilitator, workshop,
                                                                                     session, join):
    capacity.set_phase(store, facilitator, workshop.id, session.id, "pre")
    a = join("a").actor()
    ratings = {q.id: 4 for q in capacity.questions(store, session.id)}
    capacity.set_phase(store, facilitator, workshop.id, session.id, "post")
    with pytest.raises(ValidationError) as refused:
        capacity.submit_assessment(store, a, workshop.id, session.id, ratings, phase="pre")
    assert refused.value.key == "error.session_phase_changed"
    assert capacity.my_status(store, session.id, a.participant_id) == {"attended": False, "pre": False, "post": False}
    capacity.submit_assessment(store, a, workshop.id, session.id, ratings, phase="post")
    assert capacity.my_status(store, session.id, a.participant_id)["post"]
