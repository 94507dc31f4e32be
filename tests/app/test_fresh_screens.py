"""No stale screens: after every create or change, each list, selector and status on the page shows
the new state in the same run the person sees (the run after the click)."""

from planning import dates, activities, capacity, checkpoints, masterplan, positioning, projects, review, text, workshops
from tests.app.conftest import button, demo, facilitator_on, join, new_app, sign_in
from tests.app.test_plan_pages import fill_project
from tests.app.test_workshops_page import fill_create_form

REVIEWER_PASSWORD = "committee-pass-1"


def test_workshops_picker_and_current_follow_create_and_open(app_store):
    at = sign_in(new_app())
    sample = demo(app_store)
    assert at.selectbox(key="open_workshop").value == sample.id
    fill_create_form(at, "เชียงใหม่เมืองอัจฉริยะ", province="50", area="เทศบาลนครเชียงใหม่")
    created = next(w for w in workshops.list_workshops(app_store) if w.name == "เชียงใหม่เมืองอัจฉริยะ")
    assert at.selectbox(key="open_workshop").value == created.id           # not the sample any more
    assert "เชียงใหม่เมืองอัจฉริยะ" in at.selectbox(key="open_workshop").options
    assert [m.value for m in at.metric] == [created.join_code]
    assert "เชียงใหม่เมืองอัจฉริยะ" in at.dataframe[0].value.iloc[:, 0].tolist()
    at.selectbox(key="open_workshop").select(sample.id)
    button(at, "เปิด").click().run()
    assert [m.value for m in at.metric] == [sample.join_code]
    assert at.selectbox(key="open_workshop").value == sample.id
    fill_create_form(at, "ลำปางเมืองอัจฉริยะ", province="52", area="เทศบาลนครลำปาง")
    second = next(w for w in workshops.list_workshops(app_store) if w.name == "ลำปางเมืองอัจฉริยะ")
    assert at.selectbox(key="open_workshop").value == second.id
    assert [m.value for m in at.metric] == [second.join_code]


def new_poll(at, title, options="ก\nข"):
    at.radio(key="new_kind").set_value("single").run()
    at.text_input(key="new_title").input(title)
    at.text_area(key="new_options").input(options)
    return button(at, "สร้างกิจกรรม").click().run()


def test_a_new_activity_is_the_one_shown_with_its_own_buttons(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/activities.py")
    new_poll(at, "โพลแรก")
    first = next(a for a in activities.list_activities(app_store, w.id) if a.title == "โพลแรก")
    assert at.selectbox(key="activity_pick").value == first.id
    assert [s.value for s in at.subheader] == ["โพลแรก"]
    button(at, "เปิดให้โหวต").click().run()
    assert [b.label for b in at.button if b.key == "activity_close"] == ["ปิดโหวต"]
    assert at.selectbox(key="activity_pick").options[0].startswith(text.t("activity.state.open"))
    button(at, "ปิดโหวต").click().run()
    assert [b.key for b in at.button if b.key in ("activity_open", "activity_close")] == ["activity_open"]

    new_poll(at, "โพลที่สอง")
    second = next(a for a in activities.list_activities(app_store, w.id) if a.title == "โพลที่สอง")
    assert at.selectbox(key="activity_pick").value == second.id          # not the closed poll
    assert [s.value for s in at.subheader] == ["โพลที่สอง"]
    assert text.t("activity.state.draft") in at.caption[0].value
    button(at, "เปิดให้โหวต").click().run()
    assert activities.open_activities(app_store, w.id)[0].id == second.id  # the open button opened the new one
    assert at.selectbox(key="activity_pick").value == second.id


def test_a_new_session_is_shown_and_attendance_counts_equal_the_list(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/sessions.py")
    for title in ("รอบแรก", "รอบที่สอง"):
        at.text_input(key="session_title").input(title)
        button(at, "สร้างรอบอบรม").click().run()
        made = next(s for s in capacity.list_sessions(app_store, w.id) if s.title == title)
        assert at.selectbox(key="session_pick").value == made.id
    button(at, "เปิดลงชื่อและประเมินก่อนอบรม").click().run()
    assert text.t("capacity.phase.pre") in " ".join(c.value for c in at.caption)
    for name, sector in (("นภา", "academic"), ("ชาติ", "local")):
        phone = join(new_app(), w.join_code, name, sector)
        phone.switch_page("pages/live.py").run()
        button(phone, "ลงชื่อเข้าร่วมการอบรม").click().run()
        assert not phone.exception
    at.run()
    listed = next(d.value for d in at.dataframe if "นภา" in d.value.to_string())
    assert len(listed) == 2
    assert "2 / 60" in [m.value for m in at.metric]
    change = next(d.value for d in at.dataframe if text.t("capacity.everyone") in d.value.to_string())
    assert change[text.t("capacity.attended")].tolist()[-1] == 2


def reviewer_app():
    rev = new_app()
    rev.switch_page("pages/sign_in.py").run()
    rev.radio(key="sign_in_role_th").set_value(text.t("role.reviewer")).run()
    rev.text_input(key="reviewer_name").input("นางสาวมาลี กรรมการ")
    rev.text_input(key="reviewer_password").input(REVIEWER_PASSWORD)
    button(rev, "เข้าสู่ระบบ").click().run()
    rev.switch_page("pages/review.py").run()
    return rev


def test_review_shows_the_new_version_and_the_status_after_a_decision(app_store):
    w = demo(app_store)
    fac = facilitator_on("pages/review.py")
    fac.text_input(key="reviewer_pw").input(REVIEWER_PASSWORD)
    button(fac, "ตั้งรหัสผ่าน").click().run()
    first = review.versions(app_store, w.id)[0]                             # the demo's version awaiting review
    assert first.status == review.SUBMITTED and fac.selectbox(key="version_pick").value == first.id
    rev = reviewer_app()
    rev.radio(key="review_view").set_value("decision").run()
    rev.text_input(key="resolution_no").input("มติที่ 5/2569")
    rev.checkbox(key="confirm_approval").check()
    button(rev, "บันทึกมติ").click().run()
    approved = text.t("review.status.approved")
    assert rev.dataframe[0].value[text.t("col.status")].tolist()[0] == approved
    assert rev.selectbox(key="version_pick").options[0].endswith(approved)
    assert rev.success and "5/2569" in rev.success[0].value                 # the approved banner
    fac.run()
    assert fac.dataframe[0].value[text.t("col.status")].tolist()[0] == approved

    masterplan.add_issue(app_store, fac.session_state["actor"], w.id, "ประเด็นหลังอนุมัติ")
    fac.run()
    button(fac, "ส่งฉบับนี้ (แผนทั้งฉบับจะถูกตรึงไว้)").click().run()
    newest = review.versions(app_store, w.id)[0]
    assert newest.number == first.number + 1
    assert fac.selectbox(key="version_pick").value == newest.id            # not the approved one
    assert fac.dataframe[0].value[text.t("col.status")].tolist()[0] == text.t("review.status.submitted")


def test_master_plan_lists_and_selectors_follow_each_change(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/masterplan.py")
    at.text_input(key="issue_title").input("ประเด็นใหม่")
    button(at, "เพิ่มประเด็นการพัฒนา").click().run()
    issue = next(i for i in masterplan.issues(app_store, w.id) if i.title == "ประเด็นใหม่")
    assert any(m.value.endswith("ประเด็นใหม่") for m in at.markdown)
    assert issue.id in at.selectbox(key="strategy_issue").options or "ประเด็นใหม่" in at.selectbox(
        key="strategy_issue").options
    at.selectbox(key="strategy_dimension").select("ECO")
    at.text_input(key="strategy_title").input("ยุทธศาสตร์ใหม่")
    at.selectbox(key="strategy_issue").select(issue.id)
    button(at, "เพิ่มยุทธศาสตร์").click().run()
    strategy = next(s for s in masterplan.strategies(app_store, w.id) if s.title == "ยุทธศาสตร์ใหม่")
    assert any("ยุทธศาสตร์ใหม่" in o for o in at.selectbox(key="measure_strategy").options)
    assert at.text_area(key=f"goal_{strategy.id}").value == ""
    # a goal changed in the edit form shows in the goals form too, not the value it had before
    at.selectbox(key="edit_strategy_pick").select(strategy.id).run()
    at.text_area(key=f"strategy_goal_{strategy.id}").input("รายได้ชุมชนเพิ่มขึ้น")
    button(at, "บันทึกการแก้ไข").click().run()
    assert at.text_area(key=f"goal_{strategy.id}").value == "รายได้ชุมชนเพิ่มขึ้น"
    assert any("รายได้ชุมชนเพิ่มขึ้น" in c.value for c in at.caption)
    at.text_area(key=f"goal_{strategy.id}").input("รายได้ชุมชนเพิ่มขึ้นร้อยละ 10")
    button(at, "บันทึกเป้าประสงค์").click().run()
    at.selectbox(key="edit_strategy_pick").select(strategy.id).run()
    assert at.text_area(key=f"strategy_goal_{strategy.id}").value == "รายได้ชุมชนเพิ่มขึ้นร้อยละ 10"


def test_action_plan_overview_follows_save_and_delete(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/actionplan.py")
    count = len(projects.list_projects(app_store, w.id))
    assert [m.value for m in at.metric][0] == str(count)
    fill_project(at, "โครงการสดใหม่")
    saved = next(p for p in projects.list_projects(app_store, w.id) if p.name == "โครงการสดใหม่")
    assert [m.value for m in at.metric][0] == str(count + 1)
    assert "โครงการสดใหม่" in at.dataframe[0].value.iloc[:, 0].tolist()
    assert at.selectbox(key="edit_project").value == saved.id
    at.button(key="delete_project").click().run()
    assert [m.value for m in at.metric][0] == str(count)
    assert "โครงการสดใหม่" not in at.dataframe[0].value.iloc[:, 0].tolist()
    assert at.selectbox(key="edit_project").value is None


def test_positioning_statements_and_board_show_what_was_saved(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/positioning.py")
    at.radio(key="positioning_view_facilitator").set_value("vision").run()
    at.text_area(key="vision").input("เมืองน่าอยู่ที่ทุกคนมีส่วนร่วม")
    button(at, "บันทึก").click().run()
    assert any(m.value == "เมืองน่าอยู่ที่ทุกคนมีส่วนร่วม" for m in at.markdown)
    assert at.text_area(key="vision").value == "เมืองน่าอยู่ที่ทุกคนมีส่วนร่วม"
    at.radio(key="positioning_view_facilitator").set_value("swot").run()
    at.text_area(key="swot_text").input("มีสนามบินนานาชาติ")
    button(at, "เพิ่ม").click().run()
    assert any("มีสนามบินนานาชาติ" in m.value for m in at.markdown)
    items = {i.id: i for q in positioning.swot_board(app_store, w.id).values() for i in q}
    assert len(at.selectbox(key="swot_edit_pick").options) == len(items)   # the new item can be edited at once


def test_checkpoint_status_follows_saved_actuals(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/checkpoints.py")
    at.radio(key="checkpoint_view").set_value("indicators").run()
    grid = at.data_editor(key="actuals_6")
    row = grid.value.index[grid.value["code"] == "ENV-PM25"][0]
    at.session_state["actuals_6"] = {"edited_rows": {int(row): {"actual": 30.9, "source": "สถานี คพ."}},
                                     "added_rows": [], "deleted_rows": []}
    at.button(key="save_actuals").click().run()
    assert not at.exception
    assert checkpoints.actuals(app_store, w.id, 6)[(6, "ENV-PM25")].value == 30.9
    shown = at.data_editor(key="actuals_6").value
    assert shown.loc[shown["code"] == "ENV-PM25", "status"].tolist() == [text.t("status.at_risk")]
    at.radio(key="checkpoint_view").set_value("overview").run()
    at_risk = sum(s.status == "at_risk" for s in checkpoints.indicator_status(app_store, w.id, 6))
    assert at_risk >= 1   # PM2.5 and whatever the demo's values put at risk
    assert [m.value for m in at.metric if m.label == text.t("status.at_risk")] == [str(at_risk)]


def test_live_page_shows_own_answers_and_check_in_at_once(app_store):
    from planning.roles import FACILITATOR, Actor

    w = demo(app_store)
    fac = Actor(FACILITATOR)
    question = activities.create_activity(app_store, fac, w.id, kind="text", title="เมืองในฝัน", allowance=2)
    activities.open_activity(app_store, fac, w.id, question.id)
    session = capacity.create_session(app_store, fac, w.id, title="อบรมข้อมูลเปิด", held_on=dates.today(),
                                      questions=["เข้าใจข้อมูลเปิด"])
    capacity.set_phase(app_store, fac, w.id, session.id, "pre")
    phone = join(new_app(), w.join_code, "วิไล", "civil")
    phone.switch_page("pages/live.py").run()
    assert text.t("live.answers_left", used=0, n=2) in [c.value for c in phone.caption]
    phone.text_input(key=f"answer_text_{question.id}").input("ทางเท้าร่มรื่น")
    button(phone, text.t("live.send_answer")).click().run()
    assert text.t("live.answers_left", used=1, n=2) in [c.value for c in phone.caption]
    assert any("ทางเท้าร่มรื่น" in m.value for m in phone.markdown)
    button(phone, text.t("live.check_in")).click().run()
    assert not [b for b in phone.button if b.key == f"check_in_{session.id}"]
    assert text.t("live.checked_in") in [s.value for s in phone.success]
