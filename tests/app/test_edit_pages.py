"""Edit and delete on the pages: SWOT items (positioning), ideas (dimensions), issues, strategies and
measures (master plan). After each action the page shows the new state in the same run."""
from planning import ideas, masterplan, positioning, projects
from tests.app.conftest import button, demo, facilitator_on, join, new_app


def board_texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_participant_edits_and_deletes_own_swot_item_only(app_store):
    w = demo(app_store)
    someone_elses = positioning.swot_board(app_store, w.id)["S"][0]
    at = join(new_app(), w.join_code, "ผู้ร่วม")
    assert "swot_edit_pick" not in [s.key for s in at.selectbox]  # nothing of mine to change yet
    at.radio(key="swot_quadrant").set_value("W")
    at.text_area(key="swot_text").input("ทางเท้าแคบ")
    button(at, "เพิ่ม").click().run()
    mine = next(i for i in positioning.swot_board(app_store, w.id)["W"] if i.text == "ทางเท้าแคบ")
    pick = at.selectbox(key="swot_edit_pick")
    assert pick.options == [f"จุดอ่อน (Weaknesses) {mine.number}. ทางเท้าแคบ"]  # only my own item
    assert someone_elses.id not in [o for o in pick.options]
    pick.select(mine.id).run()
    at.radio(key=f"swot_edit_q_{mine.id}").set_value("T")
    at.text_area(key=f"swot_edit_text_{mine.id}").input("ทางเท้าแคบ มีหาบเร่")
    button(at, "บันทึกการแก้ไข").click().run()
    assert not at.exception
    assert [t.value for t in at.toast] == ["แก้ไขประเด็นแล้ว (คะแนนโหวตยังอยู่)"]
    assert "ทางเท้าแคบ มีหาบเร่" in board_texts(at)                      # the board in the same run
    assert at.selectbox(key="swot_edit_pick").value is None               # the form is closed again
    assert [i.text for i in positioning.swot_board(app_store, w.id)["T"]][-1] == "ทางเท้าแคบ มีหาบเร่"
    pills = [b for b in at.get("button_group") if b.key == "votes_T"][0]
    assert any("มีหาบเร่" in o for o in pills.options)                     # the vote choices too

    at.selectbox(key="swot_edit_pick").select(mine.id).run()
    button(at, "ลบ").click().run()                                        # not confirmed: nothing happens
    assert at.error and at.error[0].value == "ติ๊ก “ยืนยันการลบ” ก่อนกดลบ"
    assert any(i.id == mine.id for i in positioning.swot_board(app_store, w.id)["T"])
    at.selectbox(key="swot_edit_pick").select(mine.id).run()
    at.checkbox(key=f"swot_delete_ok_{mine.id}").check()
    button(at, "ลบ").click().run()
    assert [t.value for t in at.toast] == ["ลบประเด็นแล้ว (โหวตของประเด็นนี้ไม่นับอีก)"]
    assert "มีหาบเร่" not in board_texts(at)
    assert "swot_edit_pick" not in [s.key for s in at.selectbox]        # nothing of mine left
    assert all(i.id != mine.id for i in positioning.swot_board(app_store, w.id)["T"])


def test_facilitator_edits_any_swot_item(app_store):
    w = demo(app_store)
    item = positioning.swot_board(app_store, w.id)["O"][0]
    at = facilitator_on("pages/positioning.py")
    at.radio(key="positioning_view_facilitator").set_value("swot").run()
    pick = at.selectbox(key="swot_edit_pick")
    assert len(pick.options) == sum(len(v) for v in positioning.swot_board(app_store, w.id).values())
    pick.select(item.id).run()
    at.text_area(key=f"swot_edit_text_{item.id}").input("ข้อความที่ผู้ดำเนินการเรียบเรียง")
    button(at, "บันทึกการแก้ไข").click().run()
    after = {i.id: i for i in positioning.swot_board(app_store, w.id)["O"]}[item.id]
    assert (after.text, after.votes) == ("ข้อความที่ผู้ดำเนินการเรียบเรียง", item.votes)
    assert "ข้อความที่ผู้ดำเนินการเรียบเรียง" in board_texts(at)


def test_participant_edits_own_idea_facilitator_deletes_any(app_store):
    w = demo(app_store)
    at = join(new_app(), w.join_code, "ผู้ร่วม")
    at.switch_page("pages/dimensions.py").run()
    at.text_area(key="idea_text").input("ไฟถนนอัจฉริยะ")
    button(at, "ส่ง").click().run()
    mine = next(r for r in ideas.idea_results(app_store, w.id, "ENV") if r.text == "ไฟถนนอัจฉริยะ")
    pick = at.selectbox(key="idea_edit_pick")
    assert len(pick.options) == 1
    pick.select(mine.id).run()
    at.radio(key=f"idea_edit_kind_{mine.id}").set_value("solution")
    at.text_area(key=f"idea_edit_text_{mine.id}").input("ไฟถนน LED ปรับแสงเอง")
    button(at, "บันทึกการแก้ไข").click().run()
    assert [t.value for t in at.toast] == ["แก้ไขข้อเสนอแล้ว (คะแนนยังอยู่)"]
    assert any("ไฟถนน LED ปรับแสงเอง" in m.value for m in at.markdown)
    changed = {r.id: r for r in ideas.idea_results(app_store, w.id, "ENV")}[mine.id]
    assert (changed.kind, changed.text) == ("solution", "ไฟถนน LED ปรับแสงเอง")

    fac = facilitator_on("pages/dimensions.py")
    fac.radio(key="dimension_view_facilitator").set_value("dimensions.tab_ideas").run()
    fac.selectbox(key="idea_edit_pick").select(mine.id).run()
    fac.checkbox(key=f"idea_delete_ok_{mine.id}").check()
    button(fac, "ลบ").click().run()
    assert [t.value for t in fac.toast] == ["ลบข้อเสนอแล้ว (คะแนนของข้อเสนอนี้ไม่นับอีก)"]
    assert not any("ไฟถนน LED" in m.value for m in fac.markdown)
    assert mine.id not in {r.id for r in ideas.idea_results(app_store, w.id)}


def test_master_plan_edits_and_refuses_to_orphan_projects(app_store):
    w = demo(app_store)
    strategy = next(s for s in masterplan.strategies(app_store, w.id)
                    if masterplan.projects_using(app_store, w.id, strategy_id=s.id))
    used = masterplan.projects_using(app_store, w.id, strategy_id=strategy.id)
    other = next(s for s in masterplan.strategies(app_store, w.id) if s.id != strategy.id)
    issue = masterplan.issues(app_store, w.id)[0]
    at = facilitator_on("pages/masterplan.py")

    at.selectbox(key="edit_issue_pick").select(issue.id).run()
    at.text_input(key=f"issue_title_{issue.id}").input("ประเด็นที่แก้ชื่อแล้ว")
    button(at, "บันทึกการแก้ไข").click().run()
    assert [t.value for t in at.toast] == ["บันทึกการแก้ไขแล้ว"]
    assert any("ประเด็นที่แก้ชื่อแล้ว" in m.value for m in at.markdown)
    assert masterplan.issues(app_store, w.id)[0].title == "ประเด็นที่แก้ชื่อแล้ว"

    at.selectbox(key="edit_strategy_pick").select(strategy.id).run()
    at.text_input(key=f"strategy_title_{strategy.id}").input("ยุทธศาสตร์ชื่อใหม่")
    button(at, "บันทึกการแก้ไข").click().run()
    assert any("ยุทธศาสตร์ชื่อใหม่" in m.value for m in at.markdown)        # the list shows it at once
    assert any("ยุทธศาสตร์ชื่อใหม่" in o for o in at.selectbox(key="measure_strategy").options)

    at.selectbox(key="edit_strategy_pick").select(strategy.id).run()
    at.checkbox(key=f"delete_strategy_{strategy.id}_ok").check().run()
    at.button(key=f"delete_strategy_{strategy.id}").click().run()
    assert [e.value for e in at.error] == [
        f"ลบยุทธศาสตร์ “ยุทธศาสตร์ชื่อใหม่” ไม่ได้: มีโครงการใช้อยู่ {used} โครงการ เลือกยุทธศาสตร์ที่จะย้ายโครงการไปก่อน"]
    assert strategy.id in {s.id for s in masterplan.strategies(app_store, w.id)}
    at.selectbox(key=f"strategy_move_{strategy.id}").select(other.id).run()
    at.checkbox(key=f"delete_strategy_{strategy.id}_ok").check().run()
    at.button(key=f"delete_strategy_{strategy.id}").click().run()
    assert [t.value for t in at.toast] == ["ลบแล้ว"]
    assert strategy.id not in {s.id for s in masterplan.strategies(app_store, w.id)}
    assert not any("ยุทธศาสตร์ชื่อใหม่" in m.value for m in at.markdown)
    assert at.selectbox(key="edit_strategy_pick").value is None
    assert all(p.strategy_id != strategy.id for p in projects.list_projects(app_store, w.id))
    assert masterplan.projects_using(app_store, w.id, strategy_id=other.id) >= used


def test_once_someone_else_voted_the_author_may_delete_but_not_reword(app_store):
    from planning import participants

    w = demo(app_store)
    at = join(new_app(), w.join_code, "ผู้ร่วม")
    at.text_area(key="swot_text").input("ตลาดเช้าคึกคัก")
    button(at, "เพิ่ม").click().run()
    mine = next(i for q in positioning.swot_board(app_store, w.id).values() for i in q if i.text == "ตลาดเช้าคึกคัก")
    me = at.session_state["actor"]
    positioning.set_vote(app_store, me, w.id, mine.id, True)                # her own vote holds nothing
    at.run()
    at.selectbox(key="swot_edit_pick").select(mine.id).run()
    note = text_of(at, "มีผู้โหวตประเด็นนี้แล้ว")
    assert note == []
    other = participants.join(app_store, w.join_code, "อีกคน", "civil")[0]
    positioning.set_vote(app_store, other.actor(), w.id, mine.id, True)
    at.run()
    assert text_of(at, "มีผู้โหวตประเด็นนี้แล้ว")
    at.text_area(key=f"swot_edit_text_{mine.id}").input("ตลาดเช้าเงียบ")
    button(at, "บันทึกการแก้ไข").click().run()
    assert [e.value for e in at.error] == [
        "มีผู้อื่นโหวตประเด็นนี้แล้ว จึงแก้ข้อความไม่ได้ (ลบได้ หรือขอให้ผู้ดำเนินการแก้)"]
    after = {i.id: i for q in positioning.swot_board(app_store, w.id).values() for i in q}[mine.id]
    assert (after.text, after.votes) == ("ตลาดเช้าคึกคัก", 2)


def text_of(at, start: str) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith(start)]
