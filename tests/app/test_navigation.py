"""Each role sees only its pages, and cannot reach the others by switching pages."""
import pytest
from streamlit.testing.v1 import AppTest

from planning import workshops
from planning.roles import PARTICIPANT, Actor
from tests.app.conftest import ROOT, button, demo, join, new_app, sign_in, titles


def test_anonymous_visitor_lands_on_join(app_store):
    at = new_app()
    assert not at.exception
    assert titles(at) == ["เข้าร่วมเวิร์กช็อป"]
    at.switch_page("pages/sign_in.py").run()
    assert titles(at) == ["ผู้ดำเนินการเข้าสู่ระบบ"]


def test_anonymous_visitor_has_no_workshop_pages(app_store):
    at = new_app()
    for path in ("pages/workshops.py", "pages/positioning.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(path)


def test_facilitator_page_refuses_a_participant_session_run_directly(app_store):
    """Even if the page script is reached without the navigation, its own guard stops it."""
    demo = workshops.list_workshops(app_store)[0]
    at = AppTest.from_file(str(ROOT / "pages" / "workshops.py"), default_timeout=60)
    at.session_state["actor"] = Actor(PARTICIPANT, participant_id="p", workshop_id=demo.id)
    at.session_state["workshop_id"] = demo.id
    at.run()
    assert [e.value for e in at.error] == ["เฉพาะผู้ดำเนินการเท่านั้นที่ทำรายการนี้ได้"]
    assert not at.text_input and not at.metric


def test_participant_cannot_reach_the_workshops_page(app_store):
    demo = workshops.list_workshops(app_store)[0]
    at = join(new_app(), demo.join_code, "ผู้เข้าร่วม")
    assert titles(at) == ["ตำแหน่งเมือง"]
    assert "vision" not in [w.key for w in at.text_area]  # the vision is read-only for them
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/workshops.py")


def test_facilitator_lands_on_workshops_with_the_demo_open(app_store):
    at = sign_in(new_app())
    assert not at.exception
    assert titles(at) == ["เวิร์กช็อป"]
    assert any(m.value == workshops.list_workshops(app_store)[0].join_code for m in at.metric)


def test_english_switch(app_store):
    at = new_app()
    at.switch_page("pages/sign_in.py").run()
    at.radio(key="lang_choice").set_value("en").run()
    assert titles(at) == ["Facilitator sign-in"]
    assert button(at, "Sign in")
    at.switch_page("pages/join.py").run()
    assert titles(at) == ["Join a workshop"]
    at.text_input(key="join_code").input(demo(app_store).join_code).run()
    assert at.selectbox(key="join_sector").options[0] == "Government agency"
    assert at.selectbox(key="join_sector").value is None
