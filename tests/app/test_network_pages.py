"""The partner-network pages: partners (facilitator and participant), the network map (also on the
projector), LINK upkeep, communities of practice and the City Lab, and the sustainability plan on
the checkpoints page. Each starts from app.py and the demo workshop."""
import datetime as dt

from planning import citylab, communities, dates, partners, projects, sustainability, upkeep
from tests.app.conftest import button, demo, facilitator_on, join, new_app, titles


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def test_partners_page_lists_the_demo_network_and_adds_an_organisation(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/partners.py")
    assert titles(at) == ["ภาคีเครือข่าย"]
    assert [m.value for m in at.metric][:2] == ["11", "1"]           # organisations, a proposal waiting
    table = at.dataframe[0].value
    assert "มหาวิทยาลัยขอนแก่น" in list(table["ชื่อหน่วยงาน (ไทย)"])
    at.radio(key="partners_view").set_value("add").run()
    at.text_input(key="add_name_th").input("สภาอุตสาหกรรมจังหวัดขอนแก่น")
    at.selectbox(key="add_sector").select("private")
    at.selectbox(key="add_kind").select("company")
    at.multiselect(key="add_brings").select("money").select("skills")
    button(at, "เพิ่มหน่วยงาน").click().run()
    assert not at.exception
    added = partners.find_duplicate(app_store, w.id, "สภาอุตสาหกรรมจังหวัดขอนแก่น")
    assert added is not None and added.sector == "private" and added.brings == ("money", "skills")


def test_a_duplicate_is_refused_with_its_name_and_nothing_is_written(app_store):
    w = demo(app_store)
    before = len(partners.list_partners(app_store, w.id))
    at = facilitator_on("pages/partners.py")
    at.radio(key="partners_view").set_value("add").run()
    at.text_input(key="add_name_th").input("KHON KAEN  university")
    button(at, "เพิ่มหน่วยงาน").click().run()
    assert [e.value for e in at.error] and "มหาวิทยาลัยขอนแก่น" in at.error[0].value
    assert len(partners.list_partners(app_store, w.id)) == before


def test_accepting_a_proposal_counts_the_proposer_under_it(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/partners.py")
    at.radio(key="partners_view").set_value("proposals").run()
    assert "ชมรมจักรยานเมืองขอนแก่น (ตัวอย่าง)" in markdown_text(at)
    button(at, "รับเข้ารายชื่อ").click().run()
    assert not partners.pending_proposals(app_store, w.id)
    club = partners.find_duplicate(app_store, w.id, "ชมรมจักรยานเมืองขอนแก่น (ตัวอย่าง)")
    rollup = {r.partner.id: r for r in partners.rollup_by_organisation(app_store, w.id) if r.partner}
    assert rollup[club.id].joined == 1


def test_merge_two_duplicates_from_the_page(app_store):
    w = demo(app_store)
    original = partners.find_duplicate(app_store, w.id, "มหาวิทยาลัยขอนแก่น")
    # a duplicate under its English name, as an older copy of the list might hold it
    with app_store.cursor() as cur:
        cur.execute("INSERT INTO partner SELECT 'dup', workshop_id, 'Khon Kaen University', '', sector, kind, '', '',"
                    " ?, NULL, now(), now() FROM partner WHERE id = ?", [["people"], original.id])
    at = facilitator_on("pages/partners.py")
    assert [m.value for m in at.metric][2] == "1"
    at.radio(key="partners_view").set_value("duplicates").run()
    at.radio(key="keep_0").set_value(original.id).run()
    button(at, "รวมรายการ").click().run()
    assert not at.exception
    assert partners.duplicate_groups(app_store, w.id) == []
    kept = partners.get_partner(app_store, w.id, original.id)
    assert "people" in kept.brings


def test_a_typed_name_becomes_a_partner_in_one_step(app_store):
    w = demo(app_store)
    plan = projects.list_projects(app_store, w.id)
    from dataclasses import replace
    from planning.roles import FACILITATOR, Actor

    projects.save_project(app_store, Actor(FACILITATOR), w.id,
                          replace(plan[2], partners={**plan[2].partners, "civil": ("มูลนิธิเพื่อผู้สูงอายุขอนแก่น",)}))
    at = facilitator_on("pages/partners.py")
    at.radio(key="partners_view").set_value("from_projects").run()
    assert "มูลนิธิเพื่อผู้สูงอายุขอนแก่น" in markdown_text(at)
    assert at.selectbox(key="adopt_sector_0").value == "civil"
    button(at, "เพิ่มเป็นภาคี").click().run()
    new = partners.find_duplicate(app_store, w.id, "มูลนิธิเพื่อผู้สูงอายุขอนแก่น")
    assert new is not None and new.sector == "civil"
    assert new.id in projects.list_projects(app_store, w.id)[2].partner_ids


def test_rollup_view_shows_people_by_organisation(app_store):
    at = facilitator_on("pages/partners.py")
    at.radio(key="partners_view").set_value("rollup").run()
    table = at.dataframe[0].value
    row = table[table["หน่วยงาน"] == "สำนักงานจังหวัดขอนแก่น"].iloc[0]
    assert row["ผู้เข้าร่วม (คน)"] == 1 and row["ร่วมแสดงความเห็น (คน)"] == 1
    assert "ยังไม่ระบุหน่วยงาน" in list(table["หน่วยงาน"])


def test_participant_names_their_organisation_and_proposes_one(app_store):
    w = demo(app_store)
    at = join(new_app(), w.join_code, "ผู้เข้าร่วมใหม่", "civil")
    # asked on their first page
    assert titles(at) == ["ตำแหน่งเมือง"]
    assert any(e.label == "ท่านมาจากหน่วยงานใด" for e in at.expander)
    org = partners.find_duplicate(app_store, w.id, "เครือข่ายอาสาสมัครชุมชนเมืองขอนแก่น (ตัวอย่าง)")
    at.selectbox(key="my_org_pick_1").select(org.id)
    button(at, "บันทึกหน่วยงานของฉัน").click().run()
    assert not at.exception
    assert "หน่วยงาน: เครือข่ายอาสาสมัครชุมชนเมืองขอนแก่น (ตัวอย่าง)" in [c.value for c in at.sidebar.caption]
    assert not any(e.label == "ท่านมาจากหน่วยงานใด" for e in at.expander)
    participant = at.session_state["participant"]
    assert partners.my_organisation(app_store, w.id, participant.id).id == org.id

    at.switch_page("pages/partners.py").run()
    assert titles(at) == ["ภาคีเครือข่าย"]
    assert "ผู้ประสานงาน" not in at.dataframe[0].value.columns      # contacts stay with the facilitator
    at.text_input(key="propose_name_th").input("**กลุ่ม** <b>ตัวหนา</b>")
    at.selectbox(key="propose_sector").select("civil")
    at.selectbox(key="propose_kind").select("community")
    button(at, "ส่งข้อเสนอ").click().run()
    assert not at.exception
    assert [x.name_th for x in partners.pending_proposals(app_store, w.id)][-1] == "**กลุ่ม** <b>ตัวหนา</b>"
    assert any("\\*\\*กลุ่ม\\*\\*" in s.value for s in at.success)


def test_network_page_shows_the_map_isolated_partners_and_balance(app_store):
    at = facilitator_on("pages/network.py")
    assert titles(at) == ["แผนที่เครือข่าย"]
    chart = at.get("plotly_chart")[0]
    import json

    spec = json.loads(chart.proto.spec)
    names = [t.get("name") for t in spec["data"]]
    assert "ส่วนราชการ" in names and "โครงการ" in names and "7 ด้าน" in names
    warnings = [w.value for w in at.warning]
    assert any("กองทุนร่วมลงทุนอีสาน" in w for w in warnings)
    assert any("เศรษฐกิจอัจฉริยะ" in w and "พลเมืองอัจฉริยะ" in w for w in warnings)
    who = at.dataframe[0].value
    assert len(who) == 10 and "ผ่านโครงการ" in who.columns
    balance = at.dataframe[1].value
    assert list(balance["ภาคส่วน"])[0] == "ส่วนราชการ"


def test_network_labels_are_escaped_for_plotly(app_store):
    from planning.roles import FACILITATOR, Actor
    w = demo(app_store)
    partners.add_partner(app_store, Actor(FACILITATOR), w.id, name_th="<b>ตัวหนา</b> 100%", sector="civil",
                         kind="community")
    at = facilitator_on("pages/network.py")
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    texts = [x for trace in spec["data"] for x in trace.get("text", []) + trace.get("hovertext", [])]
    assert "&lt;b&gt;ตัวหนา&lt;/b&gt; 100&#37;" in texts
    assert any(h.startswith("<b>&lt;b&gt;ตัวหนา&lt;/b&gt; 100&#37;</b>") for h in texts)
    assert not any("<b>ตัวหนา</b>" in x for x in texts)


def test_projector_shows_the_network_map(app_store):
    at = facilitator_on("pages/projector.py")
    at.radio(key="projector_show").set_value("network").run()
    assert not at.exception
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "แผนที่เครือข่าย"


def test_upkeep_page_logs_an_activity_and_refuses_a_held_one_in_the_future(app_store):
    w = demo(app_store)
    before = len(upkeep.activities(app_store, w.id))
    at = facilitator_on("pages/upkeep.py")
    assert titles(at) == ["ดูแลเครือข่าย (LINK)"]
    assert [m.value for m in at.metric] == ["1", "1", "1", "1"]
    assert len(at.dataframe[0].value) == before
    at.radio(key="upkeep_view").set_value("add").run()
    org = partners.find_duplicate(app_store, w.id, "กองทุนร่วมลงทุนอีสาน (ตัวอย่าง)")
    at.text_input(key="link_date").input(dates.format_date_typed(dates.today() + dt.timedelta(days=3), "th"))
    at.text_input(key="link_title").input("ประชุมผู้ลงทุน")
    at.multiselect(key="link_partners").select(org.id)
    at.selectbox(key="link_tag").select("investment")
    button(at, "บันทึกกิจกรรม").click().run()
    assert any("ต้องไม่ลงวันที่หลังวันนี้" in e.value for e in at.error)
    assert len(upkeep.activities(app_store, w.id)) == before
    at.text_input(key="link_date").input(dates.format_date_typed(dates.today(), "th"))
    button(at, "บันทึกกิจกรรม").click().run()
    assert len(upkeep.activities(app_store, w.id)) == before + 1

    at.radio(key="upkeep_view").set_value("quiet").run()
    at.slider(key="quiet_months").set_value(3).run()
    names = list(at.dataframe[0].value["หน่วยงาน"])
    assert "กองทุนร่วมลงทุนอีสาน (ตัวอย่าง)" not in names and "สำนักงานสาธารณสุขจังหวัด" in names


def test_citylab_page_shows_the_community_and_the_lab(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/citylab.py")
    assert titles(at) == ["ชุมชนนักปฏิบัติและ City Lab"]
    assert any("ชุมชนนักปฏิบัติข้อมูลเมือง" in e.label for e in at.expander)
    cop = communities.groups(app_store, w.id)[0]
    at.text_area(key=f"meeting_notes_{cop.id}").input("สรุปชุดข้อมูลใหม่")
    at.button(key=f"FormSubmitter:meeting_{cop.id}-บันทึกการประชุม").click().run()
    assert len(communities.groups(app_store, w.id)[0].meetings) == 3

    at.radio(key="citylab_view").set_value("lab").run()
    assert "ขอนแก่นซิตี้แล็บ (ตัวอย่าง)" in markdown_text(at)
    assert len(at.get("deck_gl_json_chart")) == 1
    visitors = {m.label: m.value for m in at.metric}
    assert visitors["ภาคประชาสังคม"] == "15" and visitors["เอกชน (รวมบริษัทพัฒนาเมือง)"] == "20"
    at.text_input(key="event_title").input("วันเปิดบ้าน")
    at.number_input(key="event_visitors_civil").set_value(40)
    at.text_input(key="event_date").input(dates.format_date_typed(dates.today() + dt.timedelta(days=1), "th"))
    button(at, "บันทึกกิจกรรม").click().run()
    assert any("ต้องไม่ลงวันที่หลังวันนี้" in e.value for e in at.error)
    assert citylab.visitors_by_sector(app_store, w.id)["civil"] == 15


def test_sustainability_beside_the_checkpoints(app_store):
    w = demo(app_store)
    at = facilitator_on("pages/checkpoints.py")
    at.radio(key="checkpoint_view").set_value("sustainability").run()
    table = at.dataframe[0].value
    assert list(table["สำหรับ"])[0] == "ทั้งแผนงาน" and table.iloc[0]["เงิน"] == 2
    assert table.iloc[0]["ด้านที่อ่อนที่สุด"] == "เงิน"
    plan = projects.list_projects(app_store, w.id)
    at.selectbox(key="sustain_pick").select(plan[0].id).run()
    for aspect, score in (("people", 4), ("money", 3), ("knowledge", 5), ("management", 2)):
        at.selectbox(key=f"sus_{plan[0].id}_{aspect}_score").select(score)
    at.text_input(key=f"sus_{plan[0].id}_money_step").input("ของบ อปท. ปีที่สอง")
    button(at, "บันทึกแผนความยั่งยืน").click().run()
    assert not at.exception
    saved = sustainability.current(app_store, w.id)[plan[0].id]
    assert {a: s.score for a, s in saved.items()} == {"people": 4, "money": 3, "knowledge": 5, "management": 2}
    assert saved["money"].next_step == "ของบ อปท. ปีที่สอง"


def test_action_plan_picks_lead_and_partners_from_the_list(app_store):
    from tests.app.test_plan_pages import fill_project

    w = demo(app_store)
    city = partners.find_duplicate(app_store, w.id, "เทศบาลนครขอนแก่น")
    uni = partners.find_duplicate(app_store, w.id, "มหาวิทยาลัยขอนแก่น")
    at = facilitator_on("pages/actionplan.py")
    at.selectbox(key="p_lead_org_new").select(city.id)
    at.multiselect(key="p_partner_orgs_new").select(uni.id)
    at = fill_project(at, "ห้องเรียนดิจิทัลชุมชน", lead="")      # the lead comes from the list, none typed
    assert not at.error, [e.value for e in at.error]
    new = next(p for p in projects.list_projects(app_store, w.id) if p.name == "ห้องเรียนดิจิทัลชุมชน")
    assert new.lead_partner_id == city.id and new.lead_agency == "เทศบาลนครขอนแก่น"
    assert new.partner_ids == (uni.id,)
    assert new.partners == {"academic": ("มหาวิทยาลัยขอนแก่น",), "private": ("สมาคมผู้ค้า", "บริษัทขนส่ง")}
    # opened again, the form shows the chosen organisations and only the typed names as text
    at.selectbox(key="edit_project").select(new.id).run()
    assert at.selectbox(key=f"p_lead_org_{new.id}").value == city.id
    assert at.multiselect(key=f"p_partner_orgs_{new.id}").value == [uni.id]
    assert at.text_input(key=f"p_partner_academic_{new.id}").value == ""
    assert at.text_input(key=f"p_partner_private_{new.id}").value == "สมาคมผู้ค้า, บริษัทขนส่ง"


def test_reviewer_reads_the_sustainability_plan_without_a_form(app_store):
    from planning import roles, text
    from planning.roles import FACILITATOR, Actor

    roles.set_reviewer_password(app_store, Actor(FACILITATOR), "committee-pass-1")
    rev = new_app()
    rev.switch_page("pages/sign_in.py").run()
    rev.radio(key="sign_in_role_th").set_value(text.t("role.reviewer")).run()
    rev.text_input(key="reviewer_name").input("กรรมการ")
    rev.text_input(key="reviewer_password").input("committee-pass-1")
    button(rev, "เข้าสู่ระบบ").click().run()
    rev.switch_page("pages/checkpoints.py").run()
    rev.radio(key="checkpoint_view").set_value("sustainability").run()
    assert not rev.exception
    assert rev.dataframe[0].value.iloc[0]["เงิน"] == 2
    assert not [b for b in rev.button if b.label == "บันทึกแผนความยั่งยืน"]
    assert "**เงิน**: 2 จาก 5 · งบต่อเนื่องหลังปีแรกยังไม่ชัด  \nขั้นต่อไป: เสนองบจังหวัดปี 2571" in [m.value for m in rev.markdown]


def test_network_pages_are_for_the_facilitator_only(app_store):
    import pytest

    at = join(new_app(), demo(app_store).join_code, "ผู้ร่วม")
    for page in ("pages/network.py", "pages/upkeep.py", "pages/citylab.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


def test_names_in_the_merge_choice_are_shown_literally(app_store):
    w = demo(app_store)
    with app_store.cursor() as cur:
        for pid, name in (("a", "**กลุ่ม** :red[x]"), ("b", "กลุ่ม red x")):
            cur.execute("INSERT INTO partner VALUES (?, ?, ?, '', 'civil', 'community', '', '', ?, NULL, now(), now())",
                        [pid, w.id, name, []])
    at = facilitator_on("pages/partners.py")
    at.radio(key="partners_view").set_value("duplicates").run()
    options = at.radio(key="keep_0").options
    assert "\\*\\*กลุ่ม\\*\\* \\:\u2060red\\[x\\] · ภาคประชาสังคม" in options


def test_first_page_reads_the_partner_list_at_most_every_half_minute(app_store, monkeypatch):
    from pages import partner_views

    w = demo(app_store)
    at = join(new_app(), w.join_code, "ผู้เข้าร่วม", "civil")
    calls = []
    real = partners.list_partners
    monkeypatch.setattr(partners, "list_partners", lambda *a, **k: calls.append(1) or real(*a, **k))
    for _ in range(3):
        at.run()
    assert calls == [] and len(at.selectbox(key="my_org_pick_1").options) == 11
    clock = [partner_views.time.monotonic() + partner_views.LIST_SECONDS + 1]
    monkeypatch.setattr(partner_views.time, "monotonic", lambda: clock[0])
    at.run()
    assert len(calls) == 1
