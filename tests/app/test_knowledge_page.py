"""The knowledge base through the page: a participant tells a story from the phone, the facilitator
publishes it, searches, adds a lesson and downloads the booklet."""
from planning import knowledge
from tests.app.conftest import button, demo, facilitator_on, join, new_app, titles


def test_a_story_from_a_phone_is_published_by_the_facilitator(app_store):
    w = demo(app_store)
    phone = join(new_app(), w.join_code, "**ผู้เล่า** :red[x]", "civil")
    phone.switch_page("pages/knowledge.py").run()
    assert titles(phone) == ["คลังความรู้และเรื่องเล่า"]
    shown = [e.label for e in phone.expander]
    assert any("ชุมชนช่วยกันแจ้งจุดเผา" in label for label in shown)          # published demo story
    assert not any("ร้านค้าอยากรับชำระเงิน" in label for label in shown)         # the demo's proposed one
    phone.text_input(key="story_title").input("ตลาดนัดใช้ถุงผ้า")
    phone.text_area(key="story_situation").input("ขยะพลาสติกในตลาดเยอะ")
    button(phone, "ส่งเรื่องเล่า").click().run()
    assert [t.value for t in phone.toast] == ["ส่งเรื่องเล่าแล้ว รอผู้ดำเนินการเผยแพร่"]
    assert any("ตลาดนัดใช้ถุงผ้า" in c.value and "รอเผยแพร่" in c.value for c in phone.caption)
    mine = next(e for e in knowledge.entries(app_store, w.id, include_unpublished=True) if e.title == "ตลาดนัดใช้ถุงผ้า")
    assert (mine.status, mine.author) == ("proposed", "**ผู้เล่า** :red[x]")

    fac = facilitator_on("pages/knowledge.py")
    assert [i.value for i in fac.info] == ["มีเรื่องเล่ารอเผยแพร่ 2 เรื่อง"]
    button(fac, "เผยแพร่").click().run()        # the newest first: the phone's story
    assert knowledge.entries(app_store, w.id)[0].title == "ตลาดนัดใช้ถุงผ้า"
    fac.text_input(key="k_words").input("ถุงผ้า").run()
    assert [e.label for e in fac.expander if "ถุงผ้า" in e.label] == ["เรื่องเล่า · ตลาดนัดใช้ถุงผ้า"]
    total = len(knowledge.entries(app_store, w.id, include_unpublished=True))
    assert any(c.value == f"พบ 1 จาก {total} รายการ" for c in fac.caption)
    byline = next(c.value for c in fac.caption if c.value.startswith("ที่มา:"))
    assert "\\*\\*ผู้เล่า\\*\\*" in byline                                   # the name shows as typed


def test_the_facilitator_adds_a_lesson_and_a_wrong_one_changes_nothing(app_store):
    w = demo(app_store)
    before = len(knowledge.entries(app_store, w.id, include_unpublished=True))
    fac = facilitator_on("pages/knowledge.py")
    fac.text_input(key="k_title").input("ประชุมกับชุมชนก่อนออกแบบ")
    button(fac, "บันทึก").click().run()
    assert [e.value for e in fac.error] == [
        "กรุณาเล่าอย่างน้อยหนึ่งส่วน: สถานการณ์ สิ่งที่ทำ ผลที่เกิด หรือบทเรียน"]
    assert len(knowledge.entries(app_store, w.id, include_unpublished=True)) == before
    fac.text_input(key="k_title").input("ประชุมกับชุมชนก่อนออกแบบ")
    fac.text_area(key="k_lesson").input("ชุมชนช่วยเลือกจุดติดตั้งได้ดีกว่า")
    fac.multiselect(key="k_dims").set_value(["ENV"])
    button(fac, "บันทึก").click().run()
    assert not fac.error and len(knowledge.entries(app_store, w.id, include_unpublished=True)) == before + 1
    labels = [b.proto.label for b in fac.get("download_button")]
    assert labels == ["ดาวน์โหลดเล่มคลังความรู้ (Word)"]
