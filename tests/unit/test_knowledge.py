"""The knowledge base: entries, curation, stories from phones, After Action Reviews, search, booklet."""
import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from planning import checkpoints, knowledge
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.roles import REVIEWER, Actor


def count(store):
    with store.cursor() as cur:
        return [cur.execute("SELECT count(*) FROM " + t).fetchone()[0] for t in ("knowledge_entry", "knowledge_status")]


def test_a_facilitators_lesson_is_published_and_found_by_thai_words(store, facilitator, workshop):
    entry_id = knowledge.add_entry(store, facilitator, workshop.id, kind="lesson", title="ติดเซนเซอร์ฝุ่นต้องมีแผนบำรุงรักษา",
                                   situation="เซนเซอร์หยุดส่งข้อมูล", lesson="ตั้งงบดูแลไว้ตั้งแต่ปีแรก",
                                   dimensions=["ENV"], partners=["เทศบาล", " "], source="field_visit", author="ทีมที่ปรึกษา")
    (entry,) = knowledge.entries(store, workshop.id)
    assert entry.id == entry_id and entry.status == "published" and entry.partners == ("เทศบาล",)
    assert entry.author == "ทีมที่ปรึกษา" and entry.source == "field_visit"
    found = knowledge.entries(store, workshop.id)
    assert knowledge.search(found, "ฝุ่น") == [entry]                # a Thai word inside running text
    assert knowledge.search(found, "งบดูแล ปีแรก") == [entry]         # every word, in any field
    assert knowledge.search(found, "ฝุ่น", dimension="MOB") == []
    assert knowledge.search(found, partner="  เทศบาล ") == [entry]
    assert knowledge.search(found, "รถไฟ") == []


def test_a_participants_story_waits_for_the_facilitator(store, facilitator, workshop, join):
    p = join("มาลี", "civil")
    entry_id = knowledge.add_entry(store, p.actor(), workshop.id, kind="lesson", title="แจ้งจุดเผาในไลน์",
                                   situation="มีการเผาในที่โล่ง", source="field_visit")
    assert knowledge.entries(store, workshop.id) == []                 # not shown to others yet
    (mine,) = knowledge.entries(store, workshop.id, include_unpublished=True)
    assert (mine.kind, mine.source, mine.status, mine.author, mine.participant_id) == (
        "story", "storytelling", "proposed", "มาลี", p.id)           # a participant tells stories
    with pytest.raises(PermissionDenied):
        knowledge.set_status(store, p.actor(), workshop.id, entry_id, "published")
    knowledge.set_status(store, facilitator, workshop.id, entry_id, "published")
    assert [e.status for e in knowledge.entries(store, workshop.id)] == ["published"]
    knowledge.set_status(store, facilitator, workshop.id, entry_id, "hidden")
    assert knowledge.entries(store, workshop.id) == []
    assert count(store) == [1, 3]                                      # append-only curation


def test_the_facilitator_corrects_an_entry_and_the_history_stays(store, facilitator, workshop):
    entry_id = knowledge.add_entry(store, facilitator, workshop.id, kind="best_practice", title="แบบเดิม",
                                   result="ผลเดิม")
    edited = knowledge.edit_entry(store, facilitator, workshop.id, entry_id, title="แบบใหม่", lesson="บทเรียน")
    assert (edited.title, edited.result, edited.lesson, edited.kind) == ("แบบใหม่", "ผลเดิม", "บทเรียน", "best_practice")
    assert count(store) == [2, 1] and len(knowledge.entries(store, workshop.id)) == 1


@pytest.mark.parametrize("fields, key", [
    (dict(kind="rumour"), "error.bad_choice"),
    (dict(source="dream"), "error.bad_choice"),
    (dict(title=""), "error.required"),
    (dict(situation=""), "error.knowledge_empty"),
    (dict(dimensions=["XYZ"]), "error.unknown_dimension"),
    (dict(partners=[f"p{n}" for n in range(11)]), "error.too_many"),
    (dict(title="x\x07"), "error.control_chars"),
])
def test_bad_entries_write_nothing(store, facilitator, workshop, fields, key):
    values = dict(kind="lesson", title="t", situation="s", source="workshop")
    values.update(fields)
    with pytest.raises(ValidationError) as refused:
        knowledge.add_entry(store, facilitator, workshop.id, **values)
    assert refused.value.key == key and refused.value.message("th") and count(store) == [0, 0]
    with pytest.raises(NotFound):
        knowledge.add_entry(store, facilitator, workshop.id, kind="lesson", title="t", situation="s",
                            project_id="no-such-project")
    with pytest.raises(PermissionDenied):
        knowledge.add_entry(store, Actor(REVIEWER, name="ก"), workshop.id, kind="lesson", title="t", situation="s")


def test_stories_per_hour_are_limited(store, workshop, join):
    p = join("ผู้เล่า")
    for n in range(knowledge.STORIES_PER_HOUR):
        knowledge.add_entry(store, p.actor(), workshop.id, kind="story", title=f"เรื่อง {n}", situation="s")
    with pytest.raises(ValidationError, match="stories_per_hour"):
        knowledge.add_entry(store, p.actor(), workshop.id, kind="story", title="อีกเรื่อง", situation="s")


def test_after_action_reviews_appear_by_themselves(store, facilitator, workshop):
    checkpoints.save_review(store, facilitator, workshop.id, 6, planned="ติดตั้ง 120 จุด", happened="ติดตั้ง 80 จุด",
                            why="ฝนตกหนัก", next_steps="ติดตั้งส่วนที่เหลือไตรมาสหน้า")
    (aar,) = knowledge.entries(store, workshop.id)
    assert aar.source == knowledge.AAR and aar.checkpoint_months == 6 and aar.situation == "ติดตั้ง 120 จุด"
    assert knowledge.title(aar, "th") == "ทบทวนหลังปฏิบัติงาน: 6 เดือน"
    assert knowledge.search([aar], "ฝนตก") == [aar]
    with pytest.raises(PermissionDenied):
        knowledge.set_status(store, facilitator, workshop.id, aar.id, "hidden")


def test_booklet_is_a_thai_word_file_with_every_published_entry(store, facilitator, workshop, join):
    knowledge.add_entry(store, facilitator, workshop.id, kind="lesson", title="**บทเรียน** =1+1", situation="s")
    knowledge.add_entry(store, join("ก").actor(), workshop.id, kind="story", title="ยังไม่เผยแพร่", situation="s")
    checkpoints.save_review(store, facilitator, workshop.id, 6, planned="p", happened="h", why="w", next_steps="n")
    doc = Document(io.BytesIO(knowledge.booklet(store, workshop.id, "th")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "**บทเรียน** =1+1" in text and "ยังไม่เผยแพร่" not in text        # literal; proposed left out
    assert "ทบทวนหลังปฏิบัติงาน: 6 เดือน" in text and "สถานการณ์: s" in text
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "TH SarabunPSK"                           # Thai renders in Word
