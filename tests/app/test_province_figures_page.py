"""Real province figures on City Positioning: the facilitator imports them from the template, the
profile marks each figure real or sample with its year and source; a bad file changes nothing."""
from planning import positioning, text
from tests.app.conftest import facilitator_on, join, new_app, demo

HEADER = "รหัสจังหวัด,ชื่อจังหวัด,รหัสตัวชี้วัด,ชื่อตัวชี้วัด,หน่วย,ค่า,ปี,แหล่งข้อมูล\n"


def on_profile():
    at = facilitator_on("pages/positioning.py")
    at.radio(key="positioning_view_facilitator").set_value("map").run()
    return at


def upload(at, name: str, data: bytes):
    at.file_uploader(key="figures_file").set_value((name, data, "text/csv")).run()
    at.button(key="figures_import").click().run()
    assert not at.exception
    return at


def test_imported_figures_show_as_real_on_the_profile(app_store):
    at = on_profile()
    table = at.dataframe[0].value
    assert set(table["ประเภทข้อมูล"]) == {"ข้อมูลตัวอย่าง"}
    assert "ข้อมูลจริง 0 จาก 10 ตัวเลข" in " ".join(c.value for c in at.caption)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("ดาวน์โหลดแม่แบบ Excel") == 1 and labels.count("ดาวน์โหลดแม่แบบ CSV") == 1
    body = "".join(f"{code},,ENV-PM25,,,{v},2566,กรมควบคุมมลพิษ\n" for code, v in (("40", 24.0), ("50", 30.5), ("60", 28)))
    upload(at, "pm.csv", (HEADER + body).encode())
    assert [t.value for t in at.toast] == ["นำเข้าแล้ว 3 ตัวเลข (3 จังหวัด 1 ตัวชี้วัด) เป็นข้อมูลจริง"]
    table = at.dataframe[0].value                                   # the same run shows them
    row = table[table["ตัวชี้วัด"] == "ค่าเฉลี่ยฝุ่น PM2.5 รายปี"].iloc[0]
    assert (row["ประเภทข้อมูล"], row["ค่าของจังหวัด"], row["แหล่งข้อมูล"], row["ปี"]) == (
        "ข้อมูลจริง", 24.0, "กรมควบคุมมลพิษ", "พ.ศ. 2566")
    assert (row["มัธยฐานทุกจังหวัด"], row["จำนวนจังหวัดที่มีข้อมูล"]) == (28.0, 3)
    assert "ข้อมูลจริง 1 จาก 10 ตัวเลข" in " ".join(c.value for c in at.caption)


def test_a_bad_file_lists_its_problems_and_changes_nothing(app_store):
    at = on_profile()
    before = positioning.profile(app_store, "40")
    upload(at, "bad.csv", (HEADER + "40,,ENV-PM25,,,**x**,2566,ก\n99,,ENV-PM25,,,1,2566,ก\n").encode())
    assert at.error[0].value == text.t("error.cells", count=2)
    lines = at.text[0].value.splitlines()
    assert lines[0] == "• แถว 2, คอลัมน์ “ค่า”: ต้องเป็นตัวเลข (พบ “**x**”)"
    assert lines[1].startswith("• แถว 3, คอลัมน์ “รหัสจังหวัด”: ไม่พบจังหวัด “99”")
    assert positioning.profile(app_store, "40") == before


def test_participants_cannot_import(app_store):
    at = join(new_app(), demo(app_store).join_code, "ผู้ร่วม")
    at.radio(key="positioning_view_participant").set_value("map").run()
    assert not at.exception and "figures_file" not in [u.key for u in at.get("file_uploader")]
