"""Live activities and capacity sessions through the pages: the facilitator creates and opens,
participants vote and assess on the live page, results and candidate projects follow."""
from planning import activities, capacity, projects
from tests.app.conftest import button, demo, facilitator_on, join, new_app, titles




def participant_on_live(store, name, sector="civil"):
    at = join(new_app(), demo(store).join_code, name, sector)
    at.switch_page("pages/live.py").run()
    assert not at.exception
    return at


def test_dot_vote_from_creation_to_candidate_project(app_store):
    fac = facilitator_on("pages/activities.py")
    assert titles(fac) == ["กิจกรรมสด: โหวตจุด โพล และคำตอบสั้น"]
    fac.text_input(key="new_title").input("โครงการไหนควรทำก่อน")
    fac.text_area(key="new_options").input("รถโดยสารอัจฉริยะ\nเซนเซอร์ PM2.5\nศูนย์ข้อมูลเมือง")
    fac.number_input(key="new_allowance").set_value(3)
    button(fac, "สร้างกิจกรรม").click().run()
    (activity,) = activities.list_activities(app_store, demo(app_store).id)
    assert activity.kind == "dots" and activity.allowance == 3 and activity.state == "draft"

    phone = participant_on_live(app_store, "สมหญิง")
    assert [i.value for i in phone.info] == [
        "ยังไม่มีกิจกรรมที่เปิดอยู่ หน้านี้จะแสดงเองเมื่อผู้ดำเนินการเปิดกิจกรรม"]
    button(fac, "เปิดให้โหวต").click().run()
    phone.run()
    opts = activities.options(app_store, activity.id)
    phone.number_input(key=f"dots_{activity.id}_{opts[0].id}").set_value(3)
    phone.number_input(key=f"dots_{activity.id}_{opts[1].id}").set_value(1)
    button(phone, "ส่งคำตอบ").click().run()
    assert [e.value for e in phone.error] == ["ใช้ไป 4 จุด แต่มีได้ 3 จุด"]
    phone.number_input(key=f"dots_{activity.id}_{opts[0].id}").set_value(2)
    button(phone, "ส่งคำตอบ").click().run()
    assert not phone.error
    assert activities.my_ballot(app_store, activity.id, phone.session_state["actor"].participant_id) == {
        opts[0].id: 2, opts[1].id: 1}

    fac.run()
    assert "ตอบแล้ว 1 คน" in [c.value for c in fac.caption]
    assert fac.get("plotly_chart")
    button(fac, "ปิดโหวต").click().run()
    button(fac, "ส่งผลอันดับแรกเป็นโครงการที่เสนอในแผนปฏิบัติการ").click().run()
    assert [c.title for c in activities.candidates(app_store, demo(app_store).id)] == ["รถโดยสารอัจฉริยะ", "เซนเซอร์ PM2.5"]

    fac.switch_page("pages/actionplan.py").run()
    button(fac, "ใช้เป็นโครงการใหม่").click().run()
    assert fac.text_input(key="p_name_new").value == "รถโดยสารอัจฉริยะ"
    assert fac.text_area(key="p_objective_new").value == "รถโดยสารอัจฉริยะ"


def test_hidden_results_and_short_answers(app_store):
    fac = facilitator_on("pages/activities.py")
    fac.radio(key="new_kind").set_value("text").run()
    fac.text_input(key="new_title").input("เมืองในฝันหนึ่งคำ")
    fac.checkbox(key="new_hide").check()
    button(fac, "สร้างกิจกรรม").click().run()
    button(fac, "เปิดให้โหวต").click().run()
    phone = participant_on_live(app_store, "ต้น")
    phone.text_input(key=f"answer_text_{activities.list_activities(app_store, demo(app_store).id)[0].id}").input("เขียว**ปลอดภัย**")
    button(phone, "ส่งคำตอบ").click().run()
    assert "• เขียว\\*\\*ปลอดภัย\\*\\*" in [m.value for m in phone.markdown]  # participant text escaped
    fac.run()
    assert "ผลจะแสดงเมื่อปิดโหวต" in [i.value for i in fac.info]
    button(fac, "ปิดโหวต").click().run()
    assert "ผลจะแสดงเมื่อปิดโหวต" not in [i.value for i in fac.info]
    assert fac.get("plotly_chart")


def test_capacity_session_attendance_and_assessment(app_store):
    fac = facilitator_on("pages/sessions.py")
    fac.text_input(key="session_title").input("ข้อมูลเมืองเพื่อบริการ")
    button(fac, "สร้างรอบอบรม").click().run()
    (session,) = capacity.list_sessions(app_store, demo(app_store).id)
    assert len(capacity.questions(app_store, session.id)) == 3   # the suggested questions
    button(fac, "เปิดลงชื่อและประเมินก่อนอบรม").click().run()
    phone = participant_on_live(app_store, "นภา", "academic")
    button(phone, "ลงชื่อเข้าร่วมการอบรม").click().run()
    for q in capacity.questions(app_store, session.id):
        phone.radio(key=f"rate_{session.id}_pre_{q.id}").set_value(2)
    button(phone, "ส่งแบบประเมิน").click().run()
    assert not phone.error
    fac.run()
    assert "1 / 60" in [m.value for m in fac.metric]
    assert capacity.attendance_by_sector(app_store, session.id)["academic"] == 1
    lists = [d for d in fac.dataframe if "นภา" in d.value.to_string()]
    assert lists, "attendance list shows the participant"


def test_participant_sees_a_link_to_the_open_activity(app_store):
    w = demo(app_store)
    from planning.roles import Actor, FACILITATOR
    a = activities.create_activity(app_store, Actor(FACILITATOR), w.id, kind="single", title="พร้อมไหม",
                                   options=["พร้อม", "ยัง"])
    activities.open_activity(app_store, Actor(FACILITATOR), w.id, a.id)
    at = join(new_app(), w.join_code, "ดาว")
    assert any("พร้อมไหม" in link.proto.label for link in at.get("page_link"))
    assert projects.list_projects(app_store, w.id)  # the demo plan is untouched
