from streamlit.testing.v1 import AppTest

from planning import participants, roles, workshops
from tests.app.conftest import PASSWORD, ROOT, button, join, new_app, sign_in, titles


def test_first_run_sets_the_password(app_store, monkeypatch):
    monkeypatch.delenv(roles.ENV_FACILITATOR_PASSWORD)
    at = new_app().switch_page("pages/sign_in.py").run()
    assert at.info[0].value.startswith("ใช้งานครั้งแรก")
    at.text_input(key="password").input("new-password-1")
    at.text_input(key="password_confirm").input("different-one-2")
    button(at, "ตั้งรหัสผ่านและเข้าสู่ระบบ").click().run()
    assert [e.value for e in at.error] == ["รหัสผ่านทั้งสองช่องไม่ตรงกัน"]
    assert not roles.facilitator_password_set(app_store)
    at.text_input(key="password").input("short")
    at.text_input(key="password_confirm").input("short")
    button(at, "ตั้งรหัสผ่านและเข้าสู่ระบบ").click().run()
    assert "8" in at.error[0].value and not roles.facilitator_password_set(app_store)
    at.text_input(key="password").input("new-password-1")
    at.text_input(key="password_confirm").input("new-password-1")
    button(at, "ตั้งรหัสผ่านและเข้าสู่ระบบ").click().run()
    assert at.session_state["actor"].role == "facilitator"
    assert roles.sign_in_facilitator(app_store, "new-password-1")


def test_wrong_password_is_refused(app_store):
    at = sign_in(new_app(), "not-the-password")
    assert [e.value for e in at.error] == ["รหัสผ่านไม่ถูกต้อง"]
    assert "actor" not in at.session_state
    at = sign_in(at, PASSWORD)
    assert titles(at) == ["เวิร์กช็อป"]


def test_join_with_a_wrong_code_or_empty_name(app_store):
    demo = workshops.list_workshops(app_store)[0]
    before = len(participants.list_participants(app_store, demo.id))
    at = join(new_app(), "XXXXXX", "สมหญิง")
    assert [e.value for e in at.error] == ["รหัสเข้าร่วมไม่ถูกต้อง กรุณาตรวจสอบรหัสบนจอ"]
    at = join(new_app(), demo.join_code, "   ")
    assert [e.value for e in at.error] == ["กรุณากรอก “ชื่อที่แสดง”"]
    assert "actor" not in at.session_state
    assert len(participants.list_participants(app_store, demo.id)) == before


def test_join_link_fills_in_the_code(app_store):
    demo = workshops.list_workshops(app_store)[0]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["code"] = demo.join_code
    at.run()
    assert at.text_input(key="join_code").value == demo.join_code


def test_join_then_land_on_positioning(app_store):
    demo = workshops.list_workshops(app_store)[0]
    before = participants.count_by_sector(app_store, demo.id)["civil"]
    at = join(new_app(), demo.join_code.lower(), "มานี", "civil")
    assert titles(at) == ["ตำแหน่งเมือง"]
    assert participants.count_by_sector(app_store, demo.id)["civil"] == before + 1
    assert at.session_state["participant"].display_name == "มานี"
    assert at.session_state["actor"].workshop_id == demo.id


def test_a_reload_brings_back_the_same_participant(app_store):
    demo = workshops.list_workshops(app_store)[0]
    at = join(new_app(), demo.join_code, "กลับมา")
    token = at.query_params["p"]
    first = at.session_state["participant"]
    assert token and token == at.session_state["participant_token"]
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)  # a new session, same address
    again.query_params["p"] = token
    again.run()
    assert again.session_state["participant"].id == first.id
    assert titles(again) == ["ตำแหน่งเมือง"]
    assert len([p for p in participants.list_participants(app_store, demo.id) if p.display_name == "กลับมา"]) == 1


def test_an_unknown_token_is_just_a_visitor(app_store):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["p"] = "forged-token"
    at.run()
    assert "actor" not in at.session_state and titles(at) == ["เข้าร่วมเวิร์กช็อป"]


def test_while_a_vote_is_open_a_phone_lands_on_it_after_joining(app_store):
    from planning import activities
    from planning.roles import FACILITATOR, Actor

    demo = workshops.list_workshops(app_store)[0]
    vote = activities.create_activity(app_store, Actor(FACILITATOR), demo.id, kind="single", title="พร้อมไหม",
                                      options=["พร้อม", "ยัง"])
    activities.open_activity(app_store, Actor(FACILITATOR), demo.id, vote.id)
    at = new_app()
    at.text_input(key="join_code").input(demo.join_code).run()
    at.text_input(key="join_name").input("ตรงไปโหวต")
    at.selectbox(key="join_sector").select("local")
    button(at, "เข้าร่วม").click().run()
    assert not at.exception
    assert titles(at) == ["โหวตและแบบสอบถามสด"]
    assert [s.value for s in at.subheader] == ["พร้อมไหม"]
    assert at.query_params["p"] == at.session_state["participant_token"]
    assert "code" not in at.query_params
