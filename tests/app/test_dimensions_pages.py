from planning import ideas
from tests.hostile import make_corpus as corpus
from tests.app.conftest import button, demo, facilitator_on, join, new_app, titles




def test_facilitator_dimension_worksheet(app_store):
    at = facilitator_on("pages/dimensions.py")
    assert titles(at) == ["เจ็ดด้านของเมืองอัจฉริยะ"]
    assert at.selectbox(key="dimension").value == "ENV"
    assert any(s.value == "ด้านนี้เป็นด้านที่มุ่งเน้น" for s in at.success)
    assert at.get("arrow_data_frame") or at.dataframe, "the indicator table is shown"
    assert [b.label for b in at.button if b.key == "save_values"] == ["บันทึกค่าฐานและค่าเปรียบเทียบ"]
    for view in ("dimensions.tab_ideas", "dimensions.tab_maturity"):
        at.radio(key="dimension_view_facilitator").set_value(view).run()
        assert at.get("plotly_chart"), view
    at.radio(key="dimension_view_facilitator").set_value("dimensions.tab_indicators").run()
    at.selectbox(key="dimension").select("ENE").run()
    assert not at.exception and not any(s.value == "ด้านนี้เป็นด้านที่มุ่งเน้น" for s in at.success)


def test_facilitator_adds_a_custom_indicator_and_sees_errors(app_store):
    at = facilitator_on("pages/dimensions.py")
    at.text_input(key="ci_name_th").input("ความพึงพอใจต่อบริการรถโดยสาร")
    button(at, "เพิ่มตัวชี้วัด").click().run()
    assert [e.value for e in at.error] == ["กรุณากรอก “หน่วย”"]
    at.text_input(key="ci_name_th").input("ความพึงพอใจต่อบริการรถโดยสาร")
    at.text_input(key="ci_unit").input("คะแนน (1-5)")
    at.text_area(key="ci_definition").input("คะแนนเฉลี่ยจากแบบสำรวจผู้โดยสาร")
    at.text_input(key="ci_source").input("เทศบาล")
    button(at, "เพิ่มตัวชี้วัด").click().run()
    assert [t.value for t in at.toast] == ["เพิ่มตัวชี้วัด “ความพึงพอใจต่อบริการรถโดยสาร” แล้ว"]


def test_participant_posts_scores_and_rates(app_store):
    w = demo(app_store)
    at = join(new_app(), w.join_code, "ผู้ร่วม", "academic")
    at.switch_page("pages/dimensions.py").run()
    assert not at.exception
    assert "save_values" not in [b.key for b in at.button], "participants cannot edit values"
    at.radio(key="idea_kind").set_value("solution")
    at.text_area(key="idea_text").input("จุดจอดจักรยานสาธารณะ <i>ใกล้ตลาด</i>")
    button(at, "ส่ง").click().run()
    assert "ส่งแล้ว" in [s.value for s in at.success]
    mine = [r for r in ideas.idea_results(app_store, w.id, "ENV") if r.text.startswith("จุดจอด")][0]
    at.select_slider(key=f"impact_{mine.id}").set_value(5)
    at.select_slider(key=f"feasibility_{mine.id}").set_value(4)
    at.button(key=f"score_{mine.id}").click().run()
    scored = {r.id: r for r in ideas.idea_results(app_store, w.id, "ENV")}[mine.id]
    assert (scored.scores, scored.impact, scored.feasibility) == (1, 5.0, 4.0)
    assert all("<i>" not in m.value for m in at.markdown)

    at.radio(key="dimension_view_participant").set_value("dimensions.tab_maturity").run()
    at.radio(key="maturity_level").set_value(4)
    button(at, "บันทึกระดับ").click().run()
    assert ideas.my_maturity(app_store, w.id, at.session_state["actor"].participant_id) == {"ENV": 4}


def test_focus_page_warns_when_the_rule_is_not_met(app_store):
    at = facilitator_on("pages/focus.py")
    assert titles(at) == ["ด้านที่มุ่งเน้นและสรุป 7 ด้าน"]
    assert at.success[0].value.startswith("เป็นไปตามเกณฑ์")
    table = at.dataframe[0].value
    assert set(table["ด้าน"]) == {"สิ่งแวดล้อมอัจฉริยะ", "เศรษฐกิจอัจฉริยะ", "การเดินทางและขนส่งอัจฉริยะ",
                                   "พลังงานอัจฉริยะ", "พลเมืองอัจฉริยะ", "การดำรงชีวิตอัจฉริยะ", "การบริหารภาครัฐอัจฉริยะ"}
    assert (table["มุ่งเน้น"] == "🎯").sum() >= 3
    at.multiselect(key="focus_dimensions").set_value(["MOB", "LIV"])
    button(at, "บันทึกด้านที่มุ่งเน้น").click().run()
    assert [w.value for w in at.warning if "เกณฑ์" in w.value] == [
        "ยังไม่เป็นไปตามเกณฑ์: ต้องมีด้านสิ่งแวดล้อมอัจฉริยะ"]
    assert ideas.current_focus(app_store, demo(app_store).id).dimensions == ("MOB", "LIV")
    at.multiselect(key="focus_dimensions").set_value([])
    button(at, "บันทึกด้านที่มุ่งเน้น").click().run()
    assert [e.value for e in at.error] == ["เลือกด้านที่มุ่งเน้นอย่างน้อย 1 ด้าน"]


def test_participant_reads_the_summary_but_cannot_change_focus(app_store):
    w = demo(app_store)
    at = join(new_app(), w.join_code, "ผู้ร่วม")
    at.switch_page("pages/focus.py").run()
    assert not at.exception and "focus_dimensions" not in [m.key for m in at.multiselect]
    assert len(at.dataframe[0].value) >= 7


# ---- importing hostile and awkward files -----------------------------------------------------

def upload(at, name: str, data: bytes):
    at.file_uploader(key="baseline_file").set_value((name, data, "application/octet-stream")).run()
    at.button(key="import_button").click().run()
    assert not at.exception
    return at


def problems(at) -> tuple[str, list[str]]:
    """The summary in the error box and the problem lines below it (a plain-text element)."""
    [summary] = [e.value for e in at.error]
    [lines] = [t.value for t in at.text]
    return summary, lines.splitlines()


def test_cell_text_in_import_errors_is_shown_literally(app_store):
    at = upload(facilitator_on("pages/dimensions.py"), "m.csv", corpus.markdown_cells())
    summary, lines = problems(at)
    assert summary == "พบข้อผิดพลาด 6 รายการ ไม่มีการบันทึกข้อมูลใด ๆ"
    assert lines[0] == "• แถว 2, คอลัมน์ “ค่าฐาน”: ต้องเป็นตัวเลข (พบ “**bold**”)"
    assert lines[3] == "• แถว 5, คอลัมน์ “ค่าฐาน”: ต้องเป็นตัวเลข (พบ “<img src=x onerror=alert(1)>”)"
    assert lines[5] == "• แถว 7, คอลัมน์ “ค่าฐาน”: ต้องเป็นตัวเลข (พบ “12\ufffdabc\ufffd\ufffd\ufffd”)"
    assert not [m.value for m in at.markdown if "bold" in m.value or "example" in m.value]


def test_thousands_of_bad_rows_show_the_first_ten_and_offer_all(app_store):
    at = upload(facilitator_on("pages/dimensions.py"), "bad.csv", corpus.many_bad_rows(2000))
    summary, lines = problems(at)
    assert summary == "พบข้อผิดพลาด 2000 รายการ ไม่มีการบันทึกข้อมูลใด ๆ" and len(lines) == 10
    assert "แสดง 10 รายการแรกจากทั้งหมด 2000 รายการ ดาวน์โหลดรายการทั้งหมดได้ด้านล่าง" in [c.value for c in at.caption]
    assert "ดาวน์โหลดรายการข้อผิดพลาดทั้งหมด (CSV)" in [b.proto.label for b in at.get("download_button")]


def test_a_few_errors_need_no_download(app_store):
    at = upload(facilitator_on("pages/dimensions.py"), "bad.csv", corpus.many_bad_rows(3))
    assert len(problems(at)[1]) == 3
    assert "ดาวน์โหลดรายการข้อผิดพลาดทั้งหมด (CSV)" not in [b.proto.label for b in at.get("download_button")]


def test_damaged_and_bomb_workbooks_get_a_message_not_a_traceback(app_store):
    at = facilitator_on("pages/dimensions.py")
    upload(at, "nan.xlsx", corpus.number_cell("NaN"))
    assert problems(at)[1] == ["• แถว 3, คอลัมน์ “baseline_value”: ต้องเป็นตัวเลข (พบ “NaN”)"]
    upload(at, "cut.xlsx", corpus.truncated_sheet())
    assert at.error[0].value.startswith("อ่านไฟล์ Excel ได้ถึงแถว 2 แล้วอ่านต่อไม่ได้")
    upload(at, "bomb.xlsx", corpus.rows_bomb(1_000_000))
    assert at.error[0].value.startswith("ไฟล์ Excel นี้เมื่อแตกไฟล์แล้วมีเนื้อหามากเกินกว่าจะตรวจได้")


def test_awkward_good_files_import_and_say_what_was_left_out(app_store):
    at = upload(facilitator_on("pages/dimensions.py"), "notes.csv", corpus.notes_column())
    assert [t.value for t in at.toast] == ["นำเข้าแล้ว 1 ตัวชี้วัด · ไม่ได้ใช้คอลัมน์: หมายเหตุ"]
    at = upload(at, "book.xlsx", corpus.second_sheet_xlsx())
    assert [t.value for t in at.toast] == ["นำเข้าแล้ว 1 ตัวชี้วัด · จากแผ่นงาน “ข้อมูล”"]
    at = upload(at, "header.csv", corpus.HEADER_TH.encode())
    assert [e.value for e in at.error] == ["ไม่มีค่าให้นำเข้า: ไฟล์มีแต่หัวตาราง หรือช่องค่าว่างทุกช่อง"]
