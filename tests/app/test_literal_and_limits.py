"""Pages: user text reaches markdown escaped and is never looked up in the text catalogue;
guessing passwords is refused with how long to wait; a too-long display name is kept and
explained; a reviewer chooses among workshops with submitted versions."""
from planning import ideas, review, roles, text, workshops
from planning.roles import FACILITATOR, Actor
from tests.app.conftest import PASSWORD, button, demo, join, new_app, sign_in

HOSTILE = "**x** :red[y] [l](http://e.com) $$x$$ <b>b</b>"  # fits the 60-character name limit
REVIEWER_PASSWORD = "committee-pass-1"


def test_a_display_name_is_shown_literally_in_the_sidebar_and_under_ideas(app_store):
    w = demo(app_store)
    at = join(new_app(), w.join_code, HOSTILE)
    assert [c.value for c in at.sidebar.caption][0] == f"{text.escape_markdown(HOSTILE)} · ส่วนราชการ"
    ideas.add_idea(app_store, at.session_state["actor"], w.id, "ENV", "solution", "แยกขยะ http://e.com")
    at.switch_page("pages/dimensions.py").run()
    captions = [c.value for c in at.caption if "โดย" in c.value]
    assert any(c.endswith(f"โดย {text.escape_markdown(HOSTILE)}") for c in captions), captions
    assert not any(HOSTILE in c for c in captions)


def test_a_display_name_equal_to_a_catalogue_key_is_not_translated(app_store):
    """A participant called `role.facilitator` used to show as "ผู้ดำเนินการ (ที่ปรึกษา)"."""
    w = demo(app_store)
    at = join(new_app(), w.join_code, "role.facilitator")
    assert [c.value for c in at.sidebar.caption][0] == "role.facilitator · ส่วนราชการ"
    ideas.add_idea(app_store, at.session_state["actor"], w.id, "ENV", "pain", "ฝุ่น")
    at.switch_page("pages/dimensions.py").run()
    shown = " ".join(c.value for c in at.caption)
    assert "โดย role.facilitator" in shown and text.t("role.facilitator") not in shown


def test_guessing_the_facilitator_password_is_refused_with_the_wait(app_store):
    at = new_app()
    for _ in range(4):
        at = sign_in(at, "not-the-password")
        assert [e.value for e in at.error] == ["รหัสผ่านไม่ถูกต้อง"]
    at = sign_in(at, PASSWORD)  # even the right one, until the wait is over
    assert [e.value for e in at.error] == ["ลองผิดหลายครั้งเกินไป โปรดรอ 1 วินาทีแล้วลองใหม่"]
    assert "actor" not in at.session_state


def test_a_too_long_display_name_is_kept_and_explained(app_store):
    w = demo(app_store)
    name = "ก" * 75
    at = join(new_app(), w.join_code, name)
    assert [e.value for e in at.error] == ["“ชื่อที่แสดง” ยาวเกิน 60 ตัวอักษร (ตอนนี้ 75)"]
    assert at.text_input(key="join_name").value == name  # what was typed is still there
    assert "actor" not in at.session_state


def reviewer_signs_in(name="นายสมศักดิ์ กรรมการ"):
    rev = new_app()
    rev.switch_page("pages/sign_in.py").run()
    rev.radio(key="sign_in_role_th").set_value(text.t("role.reviewer")).run()
    rev.text_input(key="reviewer_name").input(name)
    rev.text_input(key="reviewer_password").input(REVIEWER_PASSWORD)
    button(rev, "เข้าสู่ระบบ").click().run()
    rev.switch_page("pages/review.py").run()
    assert not rev.exception
    return rev


def test_the_reviewer_chooses_among_workshops_with_submitted_versions(app_store):
    from tests.conftest import make_workshop

    fac = Actor(FACILITATOR)
    roles.set_reviewer_password(app_store, fac, REVIEWER_PASSWORD)
    w = demo(app_store)                                                 # a second version awaits review
    newer = make_workshop(app_store, fac, name="นครสวรรค์เมืองอัจฉริยะ")  # newest, nothing submitted

    rev = reviewer_signs_in()
    assert rev.session_state["workshop_id"] == w.id
    assert not [i for i in rev.info if i.value == text.t("review.none")]
    assert rev.selectbox(key="review_workshop").options == [w.name]

    review.submit_version(app_store, fac, newer.id, "")
    rev = reviewer_signs_in()  # the most recent submission first
    picker = rev.selectbox(key="review_workshop")
    assert rev.session_state["workshop_id"] == newer.id and picker.options == [newer.name, w.name]
    picker.select(w.id).run()
    assert rev.session_state["workshop_id"] == w.id
    notes = rev.dataframe[0].value[text.t("field.version_note")].tolist()
    assert sorted(notes) == sorted(v.note for v in review.versions(app_store, w.id)) and len(notes) == 2
    assert workshops.list_workshops(app_store)[0].id == newer.id  # not simply the newest workshop
