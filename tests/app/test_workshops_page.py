from planning import dates, text, workshops
from tests.app.conftest import button, new_app, sign_in


def fill_create_form(at, name, province="60", area="เทศบาลนครนครสวรรค์"):
    at.text_input(key="new_name").input(name)
    at.selectbox(key="new_province").select(province)
    at.text_input(key="new_area").input(area)
    at.radio(key="new_level").set_value("city")
    at.radio(key="new_city_type").set_value("livable")
    at.number_input(key="new_horizon").set_value(5)
    return button(at, "สร้างเวิร์กช็อป").click().run()


def test_create_a_workshop_for_nakhon_sawan(app_store):
    at = sign_in(new_app())
    at = fill_create_form(at, "นครสวรรค์เมืองอัจฉริยะ")
    assert not at.exception and not at.error
    created = [w for w in workshops.list_workshops(app_store) if not w.is_sample]
    assert len(created) == 1 and created[0].province.name_en == "Nakhon Sawan"
    assert at.session_state["workshop_id"] == created[0].id
    assert [t.value for t in at.toast] == [f"สร้างเวิร์กช็อป “นครสวรรค์เมืองอัจฉริยะ” แล้ว รหัสเข้าร่วม: {created[0].join_code}"]
    assert [m.value for m in at.metric] == [created[0].join_code]
    assert at.get("image"), "the QR code is shown"


def test_bad_input_shows_a_message_and_saves_nothing(app_store):
    at = sign_in(new_app())
    at = fill_create_form(at, "")
    assert [e.value for e in at.error] == ["กรุณากรอก “ชื่อเวิร์กช็อป”"]
    at = fill_create_form(at, "ตัวอย่าง: ขอนแก่นเมืองอัจฉริยะ")  # the demo's name
    assert "มีเวิร์กช็อปชื่อ" in at.error[0].value
    at = fill_create_form(at, "ชื่อใหม่", area="")
    assert [e.value for e in at.error] == ["กรุณากรอก “ชื่อพื้นที่เป้าหมาย”"]
    assert len(workshops.list_workshops(app_store)) == 1


def test_the_start_date_is_typed_in_be_and_a_wrong_one_is_refused_not_replaced_by_today(app_store):
    import datetime as dt

    at = sign_in(new_app())
    assert at.text_input(key="new_start").value == f"{dates.today():%d/%m}/{dates.today().year + 543}"
    at.text_input(key="new_start").input("31/02/2570")
    at = fill_create_form(at, "นครสวรรค์เมืองอัจฉริยะ")
    assert [e.value for e in at.error] == [
        "“31/02/2570” ไม่ใช่วันที่ที่อ่านได้: พิมพ์เป็น วัน/เดือน/ปี พ.ศ. เช่น 25/11/2569"]
    assert len(workshops.list_workshops(app_store)) == 1
    at.text_input(key="new_start").input("1 ต.ค. 2570")
    at = fill_create_form(at, "นครสวรรค์เมืองอัจฉริยะ")
    assert not at.error
    created = [w for w in workshops.list_workshops(app_store) if not w.is_sample]
    assert created[0].start_date == dt.date(2027, 10, 1)


def test_open_another_workshop(app_store):
    at = sign_in(new_app())
    fill_create_form(at, "นครสวรรค์เมืองอัจฉริยะ")
    demo = [w for w in workshops.list_workshops(app_store) if w.is_sample][0]
    at.selectbox(key="open_workshop").select(demo.id)
    button(at, "เปิด").click().run()
    assert at.session_state["workshop_id"] == demo.id
    assert [t.value for t in at.toast] == [f"เปิดเวิร์กช็อป “{text.escape_markdown(demo.name)}” แล้ว"]
    assert any(w.value.startswith("เวิร์กช็อปตัวอย่าง") for w in at.warning)


def test_projector_shows_code_qr_attendance_and_ranking(app_store):
    from planning import participants

    demo = [w for w in workshops.list_workshops(app_store) if w.is_sample][0]
    at = sign_in(new_app())
    at.switch_page("pages/projector.py").run()
    assert not at.exception
    assert any('class="sc-join-code"' in h.proto.body and f">{demo.join_code}</div>" in h.proto.body
               for h in at.get("html"))
    assert at.get("image"), "the QR code is shown"
    assert at.metric[0].value == "6 / 60"
    participants.join(app_store, demo.join_code, "มาใหม่", "academic")
    at.run()
    assert at.metric[0].value == "7 / 60"
    # the demo's last closed activity is the second network health check
    assert any("ตรวจสุขภาพเครือข่าย ครั้งที่ 2" in h.value for h in at.subheader)
    at.radio(key="projector_show").set_value("swot").run()
    assert any(m.value.startswith("**5 โหวต** · 1\\. ศูนย์กลางการแพทย์") for m in at.markdown)
