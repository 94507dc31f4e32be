"""Live activities and capacity sessions through the pages: the facilitator creates and opens,
participants vote and assess on the live page, results and candidate projects follow."""
import json

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
    activity = activities.list_activities(app_store, demo(app_store).id)[0]
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
    assert [e.value for e in phone.error] == [
        "ไม่ได้บันทึกสิ่งที่คุณส่งสำหรับ “โครงการไหนควรทำก่อน”: ใช้ไป 4 จุด แต่มีได้ 3 จุด"]
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
    (session,) = [s for s in capacity.list_sessions(app_store, demo(app_store).id)
                  if s.title == "ข้อมูลเมืองเพื่อบริการ"]   # the demo has a closed session too
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


def fac_actor():
    from planning.roles import FACILITATOR, Actor
    return Actor(FACILITATOR)


def two_dot_votes(store):
    w = demo(store)
    x = activities.create_activity(store, fac_actor(), w.id, kind="dots", title="ข้อ X", options=["x1", "x2", "x3"],
                                   allowance=3)
    y = activities.create_activity(store, fac_actor(), w.id, kind="dots", title="ข้อ Y", options=["y1", "y2"],
                                   allowance=2)
    activities.open_activity(store, fac_actor(), w.id, x.id)
    return w, x, y


def test_a_ballot_sent_after_the_facilitator_moved_on_is_refused_with_a_message(app_store):
    """The phone has X's ballot open; the facilitator opens Y (X closes). The phone's ballot for X
    arrives after: it is refused, the phone is told which question it was for, and nothing is stored."""
    w, x, y = two_dot_votes(app_store)
    phone = participant_on_live(app_store, "ภู")
    xo = activities.options(app_store, x.id)
    phone.number_input(key=f"dots_{x.id}_{xo[0].id}").set_value(2)
    activities.open_activity(app_store, fac_actor(), w.id, y.id)
    button(phone, "ส่งคำตอบ").click().run()
    assert [e.value for e in phone.error] == [
        "ไม่ได้บันทึกสิ่งที่คุณส่งสำหรับ “ข้อ X”: กิจกรรมนี้ไม่ได้เปิดรับคำตอบ"]
    me = phone.session_state["actor"].participant_id
    assert activities.my_ballot(app_store, x.id, me) == {} and activities.my_ballot(app_store, y.id, me) == {}
    assert [s.value for s in phone.subheader] == ["ข้อ Y"]  # and the phone now shows Y
    yo = activities.options(app_store, y.id)
    phone.number_input(key=f"dots_{y.id}_{yo[1].id}").set_value(2)
    button(phone, "ส่งคำตอบ").click().run()
    assert not phone.error and activities.my_ballot(app_store, y.id, me) == {yo[1].id: 2}


def test_a_ballot_sent_after_the_activity_was_reopened_is_applied_to_what_the_phone_saw(app_store):
    w, x, _ = two_dot_votes(app_store)
    phone = participant_on_live(app_store, "ฟ้า")
    xo = activities.options(app_store, x.id)
    phone.number_input(key=f"dots_{x.id}_{xo[2].id}").set_value(3)
    activities.close_activity(app_store, fac_actor(), w.id, x.id)
    activities.open_activity(app_store, fac_actor(), w.id, x.id)
    button(phone, "ส่งคำตอบ").click().run()
    assert not phone.error
    assert [t.value for t in phone.toast] == ["บันทึกคำตอบแล้ว ส่งใหม่ได้จนกว่าจะปิดโหวต"]
    me = phone.session_state["actor"].participant_id
    assert activities.my_ballot(app_store, x.id, me) == {xo[2].id: 3}


def test_a_ballot_sent_while_the_activity_is_closed_is_refused(app_store):
    w, x, _ = two_dot_votes(app_store)
    phone = participant_on_live(app_store, "ดิน")
    xo = activities.options(app_store, x.id)
    phone.number_input(key=f"dots_{x.id}_{xo[0].id}").set_value(1)
    activities.close_activity(app_store, fac_actor(), w.id, x.id)
    button(phone, "ส่งคำตอบ").click().run()
    # Nothing is open any more: the phone goes back to its first page and says what was not saved.
    assert titles(phone) == ["ตำแหน่งเมือง"]
    assert [e.value for e in phone.error] == [
        "ไม่ได้บันทึกสิ่งที่คุณส่งสำหรับ “ข้อ X”: กิจกรรมนี้ไม่ได้เปิดรับคำตอบ"]
    assert activities.my_ballot(app_store, x.id, phone.session_state["actor"].participant_id) == {}
    phone.run()
    assert not phone.error  # said once


def test_before_session_answers_sent_after_the_switch_to_after_are_refused(app_store):
    import datetime as dt
    w = demo(app_store)
    s = capacity.create_session(app_store, fac_actor(), w.id, title="อบรมข้อมูลเมือง", held_on=dt.date(2026, 11, 20),
                               questions=["เข้าใจข้อมูลเมือง", "ใช้ข้อมูลเป็น"])
    capacity.set_phase(app_store, fac_actor(), w.id, s.id, "pre")
    phone = participant_on_live(app_store, "น้ำ")
    for q in capacity.questions(app_store, s.id):
        phone.radio(key=f"rate_{s.id}_pre_{q.id}").set_value(2)
    capacity.set_phase(app_store, fac_actor(), w.id, s.id, "post")
    button(phone, "ส่งแบบประเมิน").click().run()
    assert [e.value for e in phone.error] == [
        "ไม่ได้บันทึกสิ่งที่คุณส่งสำหรับ “อบรมข้อมูลเมือง”: ผู้ดำเนินการเปลี่ยนช่วงการประเมินแล้ว ดูแบบประเมินที่เปิดอยู่แล้วตอบใหม่"]
    status = capacity.my_status(app_store, s.id, phone.session_state["actor"].participant_id)
    assert not status["pre"] and not status["post"]
    assert "ประเมินตนเองหลังการอบรม" in "".join(m.value for m in phone.markdown)


def test_network_health_check_from_phones_to_radar_and_advice(app_store):
    from planning import health

    fac = facilitator_on("pages/activities.py")
    fac.radio(key="new_kind").set_value("rating").run()
    assert fac.radio(key="new_source_rating").value == "health"     # the health check comes first
    fac.text_input(key="new_title").input("ตรวจสุขภาพเครือข่าย วันนี้")
    button(fac, "สร้างกิจกรรม").click().run()
    check = activities.list_activities(app_store, demo(app_store).id)[0]
    assert (check.title, check.kind, check.source) == ("ตรวจสุขภาพเครือข่าย วันนี้", "rating", "health")
    assert fac.selectbox(key="activity_pick").value == check.id      # the new check is the one shown
    button(fac, "เปิดให้โหวต").click().run()

    opts = {o.ref_id: o.id for o in activities.options(app_store, check.id)}
    for name, sector, vision, benefits in (("ภาครัฐ", "government", 4, 2), ("ประชา", "civil", 2, 1)):
        phone = participant_on_live(app_store, name, sector)
        captions = [c.value for c in phone.caption]
        assert health.component("vision").statement("th") in captions   # each component explained
        for ref, value in zip(opts, (3, vision, benefits, 3, 3, 3, 3)):
            phone.radio(key=f"rate_{check.id}_{opts[ref]}").set_value(value)
        button(phone, "ส่งคำตอบ").click().run()
        assert not phone.error

    fac.run()
    assert "ตอบแล้ว 2 คน" in [c.value for c in fac.caption]
    radar = json.loads(fac.get("plotly_chart")[0].proto.spec)
    assert [t["name"] for t in radar["data"]] == ["ทุกคน (2 คน)", "ส่วนราชการ (1 คน)", "ภาคประชาสังคม (1 คน)"]
    assert radar["data"][0]["r"][:3] == [3.0, 3.0, 1.5]
    assert "องค์ประกอบที่อ่อนที่สุด: ความสนใจหรือผลประโยชน์ร่วมกัน (เฉลี่ย 1.5)" in [w.value for w in fac.warning]
    assert any(c.value.startswith("สิ่งที่ช่วยเสริม: ถามแต่ละภาคีว่าต้องการอะไร") for c in fac.caption)
    # the demo's two earlier checks and this one, compared over time
    assert len(fac.get("plotly_chart")) == 2
    assert any("ความสนใจหรือผลประโยชน์ร่วมกัน" in c.value for c in fac.caption if c.value.count("·") >= 3)
