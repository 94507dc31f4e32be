"""The room through the pages: presenter mode, the join address, countdowns, phones following the
facilitator, the join page naming the workshop and refusing a join without a sector, rejoining
as the same participant, moderated answers and anonymous SWOT authors on the projector."""
import json

import streamlit as st

from planning import activities, addresses, capacity, participants, settings
from planning.roles import FACILITATOR, Actor
from tests.app.conftest import button, demo, facilitator_on, join, new_app, titles

FAC = Actor(FACILITATOR)


def poll(store, title="พร้อมไหม", **kw):
    w = demo(store)
    return activities.create_activity(store, FAC, w.id, kind="single", title=title, options=["พร้อม", "ยัง"], **kw)


def html(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def components(at, name) -> list[dict]:
    return [json.loads(c.proto.json or "{}") for c in at.get("bidi_component") if c.proto.component_name == name]


def column_weights(at) -> list[float]:
    return [round(c.weight, 3) for c in at.columns]


# ---- presenter mode -------------------------------------------------------------------------------

def test_presenter_mode_hides_the_controls_and_is_left_by_esc_or_the_small_link(app_store):
    at = facilitator_on("pages/projector.py")
    assert titles(at) == ["จอโปรเจกเตอร์"] and "stSidebar" not in html(at)
    button(at, "โหมดนำเสนอ").click().run()
    assert at.query_params["present"] == "1"
    assert titles(at) == []
    page = html(at)
    assert '[data-testid="stSidebar"]' in page and '[data-testid="stHeader"]' in page and "display: none" in page
    assert 'class="sc-join-code"' in page and "min(7rem, 26cqw)" in page  # 154 px on a 22 px rem
    assert not [t for t in at.toggle]  # no controls on the projector
    assert [c.proto.component_name for c in at.get("bidi_component")].count("smartcity_presenter_keys") == 1
    button(at, "ออกจากโหมดนำเสนอ (Esc)").click().run()
    assert "present" not in at.query_params and titles(at) == ["จอโปรเจกเตอร์"]


def test_a_reload_stays_in_presenter_mode(app_store):
    at = facilitator_on("pages/projector.py")
    at.query_params["present"] = "1"
    at.query_params["show"] = "swot"
    at.run()
    assert titles(at) == [] and any(m.value.startswith("**5 โหวต** · 1\\. ศูนย์กลางการแพทย์") for m in at.markdown)


def test_the_qr_panel_shrinks_once_results_show(app_store):
    w = demo(app_store)
    a = poll(app_store)
    activities.open_activity(app_store, FAC, w.id, a.id)
    at = facilitator_on("pages/projector.py")
    at.query_params["present"] = "1"
    at.run()
    assert column_weights(at)[:2] == [0.4, 0.6]          # 2 : 3 while nobody has answered
    phone = join(new_app(), w.join_code, "ดาว")
    option = activities.options(app_store, a.id)[0].id
    activities.submit_ballot(app_store, phone.session_state["actor"], w.id, a.id, {option: 1})
    at.run()
    assert column_weights(at)[:2] == [0.286, 0.714]      # 1.2 : 3 once results show
    assert "1 (100%)" in str(at.get("plotly_chart")[0].proto.spec)  # count and percentage on the bar


def test_results_on_the_projector_carry_counts_and_percentages(app_store):
    w = demo(app_store)
    a = activities.create_activity(app_store, FAC, w.id, kind="dots", title="เลือก", options=["ก", "ข", "ค"],
                                   allowance=3)
    activities.open_activity(app_store, FAC, w.id, a.id)
    ids = [o.id for o in activities.options(app_store, a.id)]
    for name, ballot in (("หนึ่ง", {ids[0]: 3}), ("สอง", {ids[0]: 1, ids[1]: 2})):
        phone = join(new_app(), w.join_code, name)
        activities.submit_ballot(app_store, phone.session_state["actor"], w.id, a.id, ballot)
    at = facilitator_on("pages/projector.py")
    spec = str(at.get("plotly_chart")[0].proto.spec)
    assert "4 (67%)" in spec and "2 (33%)" in spec and "0 (0%)" in spec
    assert "ร้อยละของจุดทั้งหมด" in [c.value for c in at.caption]
    st.cache_data.clear()  # phones share a reading of the results for two seconds; this one joined before the votes
    phone.switch_page("pages/live.py").run()
    with_results = [m.value for m in phone.markdown if m.value.startswith("**4**")]
    assert with_results == ["**4** (67%) · ก  \n**2** (33%) · ข  \n**0** (0%) · ค"]


def test_swot_authors_can_be_left_off_the_projector(app_store):
    at = facilitator_on("pages/projector.py")
    at.radio(key="projector_show").set_value("swot").run()   # the demo's last activity shows first
    ranking = [m.value for m in at.markdown if m.value.startswith("**5 โหวต**")]
    assert ranking and "โดย" in ranking[0]
    at.toggle(key="swot_authors").set_value(False).run()
    assert settings.get(app_store, demo(app_store).id, settings.SWOT_AUTHORS_ON_PROJECTOR) is False
    ranking = [m.value for m in at.markdown if m.value.startswith("**5 โหวต**")]
    assert ranking and "โดย" not in ranking[0]
    phone = join(new_app(), demo(app_store).join_code, "ดาว")  # phones still see who added what
    phone.switch_page("pages/positioning.py").run()
    phone.radio(key="positioning_view_participant").set_value("swot").run()
    assert any("โดย" in m.value for m in phone.markdown if m.value.startswith("**5 โหวต**"))


# ---- the join address ----------------------------------------------------------------------------

def test_a_loopback_address_is_warned_and_the_qr_uses_a_network_address(app_store, monkeypatch):
    monkeypatch.setattr(addresses, "FINDERS", (lambda: ["127.0.0.1", "192.168.1.20", "10.0.0.5"],))
    at = facilitator_on("pages/projector.py")
    at.context["url"] = "http://127.0.0.1:8501/projector"
    at.run()
    assert any(w.value.startswith("ท่านเปิดหน้านี้ด้วยที่อยู่ของเครื่องนี้เอง") for w in at.warning)
    assert len(at.radio(key="join_base_pick").options) == 2
    assert at.radio(key="join_base_pick").value == "http://10.0.0.5:8501"  # the venue's network first
    code = demo(app_store).join_code
    assert f"http://10.0.0.5:8501/?code={code}" in html(at)
    at.radio(key="join_base_pick").set_value("http://192.168.1.20:8501").run()
    assert f"http://192.168.1.20:8501/?code={code}" in html(at)
    at.switch_page("pages/workshops.py").run()  # the choice holds on the workshops page too
    assert any(f"http://192.168.1.20:8501/?code={code}" in c.value for c in at.caption)


def test_the_facilitators_network_address_is_used_as_it_is(app_store, monkeypatch):
    monkeypatch.setattr(addresses, "FINDERS", (lambda: ["192.168.1.20"],))
    at = facilitator_on("pages/projector.py")
    at.context["url"] = "http://192.168.1.20:8501/projector"
    at.run()
    assert not any("127.0.0.1" in w.value for w in at.warning)
    assert f"http://192.168.1.20:8501/?code={demo(app_store).join_code}" in html(at)


# ---- countdown ------------------------------------------------------------------------------------

def test_a_countdown_set_when_opening_shows_on_projector_and_phones(app_store):
    poll(app_store)
    fac = facilitator_on("pages/activities.py")
    fac.number_input(key="timer_minutes").set_value(1.5)
    button(fac, "เปิดให้โหวต").click().run()
    (a,) = activities.open_activities(app_store, demo(app_store).id)
    assert 85 < a.seconds_left() <= 90
    (on_fac,) = components(fac, "smartcity_countdown")
    assert 85_000 < on_fac["remainingMs"] <= 90_000 and on_fac["done"] == "หมดเวลา"
    phone = join(new_app(), demo(app_store).join_code, "ดาว").switch_page("pages/live.py").run()
    (on_phone,) = components(phone, "smartcity_countdown")
    assert on_phone["label"] == "เหลือเวลา" and not on_phone["large"]
    fac.switch_page("pages/projector.py").run()
    assert len(components(fac, "smartcity_countdown")) == 1


def test_no_countdown_without_a_timer(app_store):
    w = demo(app_store)
    activities.open_activity(app_store, FAC, w.id, poll(app_store).id)
    phone = join(new_app(), w.join_code, "ดาว").switch_page("pages/live.py").run()
    assert [s.value for s in phone.subheader] == ["พร้อมไหม"] and components(phone, "smartcity_countdown") == []


# ---- phones follow the facilitator ---------------------------------------------------------------

def test_a_phone_goes_to_an_opened_vote_and_back_where_it_was(app_store):
    w = demo(app_store)
    a = poll(app_store)
    phone = join(new_app(), w.join_code, "ดาว")
    phone.switch_page("pages/dimensions.py").run()
    where = titles(phone)
    activities.open_activity(app_store, FAC, w.id, a.id)
    phone.run()
    assert titles(phone) == ["โหวตและแบบสอบถามสด"] and [s.value for s in phone.subheader] == ["พร้อมไหม"]
    activities.close_activity(app_store, FAC, w.id, a.id)
    phone.run()
    assert phone.session_state["_live_on_page"] == "dimensions" and titles(phone) == where


def test_a_phone_that_leaves_an_open_vote_keeps_a_banner_back_on_every_page(app_store):
    w = demo(app_store)
    a = poll(app_store)
    activities.open_activity(app_store, FAC, w.id, a.id)
    phone = join(new_app(), w.join_code, "ดาว")
    for page in ("pages/positioning.py", "pages/dimensions.py", "pages/focus.py"):
        phone.switch_page(page).run()
        assert phone.session_state["_live_on_page"] != "live"
        assert any("พร้อมไหม" in link.proto.label for link in phone.get("page_link")), page
    activities.close_activity(app_store, FAC, w.id, a.id)
    phone.run()  # not on the live page: stays where it is, the banner goes
    assert phone.session_state["_live_on_page"] == "focus"
    assert not any("พร้อมไหม" in link.proto.label for link in phone.get("page_link"))


def test_a_capacity_session_phase_brings_phones_too(app_store):
    import datetime as dt
    w = demo(app_store)
    s = capacity.create_session(app_store, FAC, w.id, title="อบรมข้อมูลเมือง", held_on=dt.date(2026, 11, 20),
                                questions=["เข้าใจข้อมูลเมือง"])
    phone = join(new_app(), w.join_code, "ดาว")
    capacity.set_phase(app_store, FAC, w.id, s.id, "pre")
    phone.run()
    assert titles(phone) == ["โหวตและแบบสอบถามสด"]
    assert "การอบรม: อบรมข้อมูลเมือง" in [s.value for s in phone.subheader]
    capacity.set_phase(app_store, FAC, w.id, s.id, "closed")
    phone.run()
    assert titles(phone) == ["ตำแหน่งเมือง"]


# ---- joining -------------------------------------------------------------------------------------

def test_the_join_page_names_the_workshop_of_a_right_code_only(app_store):
    w = demo(app_store)
    at = new_app()
    assert not at.text_input(key="join_code").value and not at.success
    assert not any(t.key == "join_name" for t in at.text_input)
    at.text_input(key="join_code").input("WRONG1").run()
    assert [e.value for e in at.error] == ["รหัสเข้าร่วมไม่ถูกต้อง กรุณาตรวจสอบรหัสบนจอ"]
    assert not at.success and w.name not in " ".join(m.value for m in at.markdown)
    assert not any(t.key == "join_name" for t in at.text_input)
    at.text_input(key="join_code").input(w.join_code.lower()).run()
    assert [s.value for s in at.success] == ["ท่านกำลังเข้าร่วม: ตัวอย่าง\\: ขอนแก่นเมืองอัจฉริยะ (ขอนแก่น)"]
    assert not at.error
    assert at.selectbox(key="join_sector").value is None


def test_joining_without_a_sector_is_refused_with_a_message(app_store):
    w = demo(app_store)
    before = participants.count_by_sector(app_store, w.id)
    at = join(new_app(), w.join_code, "ไร้ภาค", sector=None)
    assert [e.value for e in at.error] == ["กรุณาเลือกภาคส่วนของท่าน"]
    assert "actor" not in at.session_state and participants.count_by_sector(app_store, w.id) == before
    at.selectbox(key="join_sector").select("academic")
    button(at, "เข้าร่วม").click().run()
    assert at.session_state["participant"].sector == "academic"


def test_leaving_and_joining_again_on_the_same_phone_is_the_same_participant(app_store):
    w = demo(app_store)
    at = join(new_app(), w.join_code, "กลับมาอีก", "local")
    first = at.session_state["participant"]
    joined = sum(participants.count_by_sector(app_store, w.id).values())
    button(at, "ออกจากระบบ").click().run()
    assert "actor" not in at.session_state and titles(at) == ["เข้าร่วมเวิร์กช็อป"]
    at.text_input(key="join_code").input(w.join_code).run()
    assert [i.value for i in at.info] == ["มือถือนี้เคยเข้าร่วมเวิร์กช็อปนี้แล้วในชื่อ กลับมาอีก (องค์กรปกครองส่วนท้องถิ่น (อปท.))"]
    button(at, "เข้าร่วมต่อในชื่อ กลับมาอีก").click().run()
    assert at.session_state["participant"] == first
    assert sum(participants.count_by_sector(app_store, w.id).values()) == joined


# ---- moderated answers ---------------------------------------------------------------------------

def test_the_facilitator_hides_an_answer_from_projector_and_phones(app_store):
    w = demo(app_store)
    a = activities.create_activity(app_store, FAC, w.id, kind="text", title="เมืองในฝัน", allowance=2)
    activities.open_activity(app_store, FAC, w.id, a.id)
    p = join(new_app(), w.join_code, "ต้น")
    q = join(new_app(), w.join_code, "ฝน")
    activities.add_answer(app_store, p.session_state["actor"], w.id, a.id, "สวนเขียว")
    activities.add_answer(app_store, q.session_state["actor"], w.id, a.id, "คำไม่สุภาพ")
    fac = facilitator_on("pages/activities.py")
    (moderation,) = [x for x in fac.button_group if x.key == f"moderate_{a.id}_2_0"]
    assert set(moderation.value) == {"สวนเขียว", "คำไม่สุภาพ"}
    moderation.set_value(["สวนเขียว"]).run()
    assert [t.label for t in activities.results(app_store, a.id).tallies] == ["สวนเขียว"]
    assert "ไม่แสดงบนจอ 1 คำตอบ" in [c.value for c in fac.caption]
    fac.switch_page("pages/projector.py").run()
    assert "คำไม่สุภาพ" not in str(fac.get("plotly_chart")[0].proto.spec)
    q.switch_page("pages/live.py").run()  # the author sees it marked; nobody else sees it
    assert any(m.value == "• คำไม่สุภาพ :gray[(ผู้ดำเนินการไม่แสดงคำตอบนี้บนจอ)]" for m in q.markdown)
    p.switch_page("pages/live.py").run()
    assert not any("คำไม่สุภาพ" in m.value for m in p.markdown)


def test_a_moderated_question_waits_for_the_facilitator(app_store):
    w = demo(app_store)
    fac = facilitator_on("pages/activities.py")
    fac.radio(key="new_kind").set_value("text").run()
    fac.text_input(key="new_title").input("อยากเห็นอะไรในเมือง")
    fac.checkbox(key="new_moderated").check()
    button(fac, "สร้างกิจกรรม").click().run()
    a = activities.list_activities(app_store, w.id)[0]   # the newest; the demo has two closed ones
    assert a.moderated
    button(fac, "เปิดให้โหวต").click().run()
    p = join(new_app(), w.join_code, "ต้น")
    activities.add_answer(app_store, p.session_state["actor"], w.id, a.id, "ทางจักรยาน")
    fac.run()
    (moderation,) = [x for x in fac.button_group if x.key and x.key.startswith(f"moderate_{a.id}_1_")]
    assert moderation.value == [] and activities.results(app_store, a.id).tallies == ()
    moderation.set_value(["ทางจักรยาน"]).run()
    assert [t.label for t in activities.results(app_store, a.id).tallies] == ["ทางจักรยาน"]
