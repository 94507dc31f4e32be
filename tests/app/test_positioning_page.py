from planning import positioning, text, workshops
from tests.app.conftest import button, demo, join, new_app, sign_in, titles



def open_positioning_as_facilitator(store):
    at = sign_in(new_app())
    at.switch_page("pages/positioning.py").run()
    assert titles(at) == ["ตำแหน่งเมือง"]
    return at


def test_facilitator_sees_map_profile_and_sample_labels(app_store):
    at = open_positioning_as_facilitator(app_store)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("เวิร์กช็อปตัวอย่าง") for w in warnings)
    assert any("ข้อมูลตัวอย่าง" in w for w in warnings)
    assert at.get("deck_gl_json_chart"), "the pydeck map is drawn"
    assert not at.get("form") or "swot_text" not in [t.key for t in at.text_area]  # other views do not run
    assert at.get("plotly_chart"), "the profile chart is drawn"
    table = at.dataframe[0].value
    assert len(table) == len(positioning.profile(app_store, "40")) == 10
    assert set(table["เทียบมัธยฐาน"]) <= {"ดีกว่า", "แย่กว่า", "เท่ากัน"}


def test_facilitator_edits_statements_and_target_point(app_store):
    at = open_positioning_as_facilitator(app_store)
    at.radio(key="positioning_view_facilitator").set_value("vision").run()
    at.text_area(key="vision").input("วิสัยทัศน์ใหม่")
    at.text_area(key="positioning_statement").input("ตำแหน่งใหม่")
    at.multiselect(key="lead_dimensions").set_value(["ENV", "GOV"])
    button(at, "บันทึก").click().run()
    assert [t.value for t in at.toast] == ["บันทึกแล้ว (ฉบับที่ 2)"]
    s = positioning.current_statements(app_store, demo(app_store).id)
    assert (s.vision, s.positioning, s.lead_dimensions) == ("วิสัยทัศน์ใหม่", "ตำแหน่งใหม่", ("ENV", "GOV"))

    at.radio(key="positioning_view_facilitator").set_value("map").run()
    at.number_input(key="target_lat").set_value(51.5)
    button(at, "บันทึกตำแหน่ง").click().run()
    assert [e.value for e in at.error] == ["ตำแหน่งนี้อยู่นอกประเทศไทย"]
    at.number_input(key="target_lat").set_value(16.45)
    button(at, "บันทึกตำแหน่ง").click().run()
    assert workshops.get_workshop(app_store, demo(app_store).id).target_lat == 16.45


def test_participant_adds_and_votes_and_text_stays_escaped(app_store):
    w = demo(app_store)
    at = join(new_app(), w.join_code, "ผู้ร่วม")
    raw = "**ตัวหนา** <b>html</b> [ลิงก์](http://example.com)"
    at.radio(key="swot_quadrant").set_value("O")
    at.text_area(key="swot_text").input(raw)
    button(at, "เพิ่ม").click().run()
    assert at.success[0].value == "เพิ่มประเด็นแล้ว"
    item = positioning.swot_board(app_store, w.id)["O"][-1]
    assert item.text == raw
    shown = [m.value for m in at.markdown if "html" in m.value]
    assert shown and all(text.escape_markdown(raw) in v for v in shown)
    assert all("<b>" not in v and "[ลิงก์](" not in v and "**ตัวหนา" not in v for v in shown)

    pills = [b for b in at.get("button_group") if b.key == "votes_O"][0]
    assert pills.options[-1].startswith("3\\. \\*\\*ตัวหนา")  # the label is escaped too
    pills.select(item.id).run()
    voted = {i.id: i for i in positioning.swot_board(app_store, w.id)["O"]}[item.id]
    assert voted.votes == 1 and voted.voted_by_me is False  # the board was read without "me"
    assert item.id in [b for b in at.get("button_group") if b.key == "votes_O"][0].value
    [b for b in at.get("button_group") if b.key == "votes_O"][0].unselect(item.id).run()
    assert {i.id: i for i in positioning.swot_board(app_store, w.id)["O"]}[item.id].votes == 0
    with app_store.cursor() as cur:  # vote and withdrawal: two appended rows
        assert cur.execute("SELECT count(*) FROM swot_vote WHERE item_id = ?", [item.id]).fetchone()[0] == 2


def test_participant_sees_statements_read_only_and_empty_text_is_refused(app_store):
    w = demo(app_store)
    at = join(new_app(), w.join_code, "ผู้ร่วม")
    at.radio(key="positioning_view_participant").set_value("vision").run()
    assert "vision" not in [t.key for t in at.text_area]
    assert any("ขอนแก่น เมืองน่าอยู่" in m.value for m in at.markdown)
    before = sum(len(v) for v in positioning.swot_board(app_store, w.id).values())
    at.radio(key="positioning_view_participant").set_value("swot").run()
    at.text_area(key="swot_text").input("   ")
    button(at, "เพิ่ม").click().run()
    assert [e.value for e in at.error] == ["กรุณากรอก “ข้อความ”"]
    assert sum(len(v) for v in positioning.swot_board(app_store, w.id).values()) == before


def test_facilitator_cannot_vote_but_sees_counts(app_store):
    at = open_positioning_as_facilitator(app_store)
    at.radio(key="positioning_view_facilitator").set_value("swot").run()
    assert not at.get("button_group"), "no voting for the facilitator"
    lists = [m.value for m in at.markdown if ":gray[" in m.value]
    assert any(v.startswith("**5 โหวต** · 1\\. ศูนย์กลางการแพทย์และมหาวิทยาลัยระดับภูมิภาค :gray[· โดย ดร.ปรีชา")
               for v in lists), lists[:1]


def pills_of(at, quadrant):
    return [b for b in at.get("button_group") if b.key == f"votes_{quadrant}"][0]


def test_a_vote_lands_on_the_item_the_phone_showed_while_another_phone_adds(app_store):
    """Phone A draws the board; phone B adds an item in the same quadrant; A, still on the board it
    drew, votes for its last item: the vote is stored on that item, and the numbers A was shown are
    the numbers A sees afterwards (B's item comes after them)."""
    w = demo(app_store)
    phone_a = join(new_app(), w.join_code, "โทรศัพท์ A")
    phone_b = join(new_app(), w.join_code, "โทรศัพท์ B")
    seen = pills_of(phone_a, "O")
    labels_seen, last = list(seen.options), seen.options[-1]
    target = max(positioning.swot_board(app_store, w.id)["O"], key=lambda i: i.number)
    assert last == positioning.choice_label(target)

    phone_b.radio(key="swot_quadrant").set_value("O")
    phone_b.text_area(key="swot_text").input("ข้อใหม่จากโทรศัพท์ B")
    button(phone_b, "เพิ่ม").click().run()
    assert not phone_b.exception

    seen.select(target.id).run()  # A's pills as A drew them, before B's item existed
    assert not phone_a.exception and not phone_a.error
    me = phone_a.session_state["actor"].participant_id
    voted = {i.id for i in positioning.swot_board(app_store, w.id, me)["O"] if i.voted_by_me}
    assert voted == {target.id}
    now = pills_of(phone_a, "O")
    assert list(now.options[:len(labels_seen)]) == labels_seen
    assert now.options[-1].startswith(f"{target.number + 1}\\. ข้อใหม่จากโทรศัพท์ B")
    assert now.value == [target.id]


def test_a_vote_that_cannot_be_stored_says_so_and_is_not_shown_as_chosen(app_store):
    w = demo(app_store)
    phone = join(new_app(), w.join_code, "โทรศัพท์")
    item = positioning.swot_board(app_store, w.id)["T"][0]
    with app_store.cursor() as cur:  # the item is gone by the time the vote arrives
        cur.execute("DELETE FROM swot_item WHERE id = ?", [item.id])
    pills_of(phone, "T").select(item.id).run()
    assert [e.value for e in phone.error] == ["ไม่พบประเด็นนี้"]
    assert item.id not in (pills_of(phone, "T").value or [])
    me = phone.session_state["actor"].participant_id
    with app_store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM swot_vote WHERE item_id = ? AND participant_id = ?",
                           [item.id, me]).fetchone()[0] == 0
