"""Partner organisations: names and duplicates, merging, proposals, my organisation, roll-ups by
organisation, and projects choosing their lead agency and partners from the list."""
import json
from dataclasses import replace
from decimal import Decimal

import pytest

from planning import audit, criteria, masterplan, partners, positioning, projects, reading
from planning.errors import PermissionDenied, ValidationError
from planning.projects import BudgetLine, Project


def add(store, facilitator, workshop, name_th, sector="government", kind="agency", **kw):
    return partners.add_partner(store, facilitator, workshop.id, name_th=name_th, sector=sector, kind=kind, **kw)


def count(store, table):
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM " + table).fetchone()[0]


@pytest.mark.parametrize("a, b", [
    ("มหาวิทยาลัยขอนแก่น", " มหาวิทยาลัย ขอนแก่น "),
    ("Khon Kaen University", "khon  kaen-university"),
    ("บริษัท ขอนแก่นพัฒนาเมือง จำกัด", "ขอนแก่นพัฒนาเมือง"),
    ("Khon Kaen City Development Co., Ltd.", "KHON KAEN CITY DEVELOPMENT"),
    ("บริษัท ปตท. จำกัด (มหาชน)", "ปตท"),
])
def test_same_names(a, b):
    assert partners.name_key(a) == partners.name_key(b)


def test_names_differing_in_a_thai_mark_are_different():
    assert partners.name_key("เทศบาลนครขอนแก่น") != partners.name_key("เทศบาลนครขอนแกน")
    assert partners.name_key("บริษัท จำกัด") != ""      # nothing but company words: kept as it is


def test_a_duplicate_is_refused_naming_the_one_in_the_list(store, facilitator, workshop):
    add(store, facilitator, workshop, "มหาวิทยาลัยขอนแก่น", "academic", "university", name_en="Khon Kaen University")
    for name_th, name_en in (("มหาวิทยาลัย ขอนแก่น", ""), ("มข.", "KHON KAEN UNIVERSITY"), ("Khon Kaen University", "")):
        with pytest.raises(ValidationError) as e:
            add(store, facilitator, workshop, name_th, "academic", "university", name_en=name_en)
        assert e.value.key == "error.partner_duplicate" and e.value.params["existing"] == "มหาวิทยาลัยขอนแก่น"
        assert "มหาวิทยาลัยขอนแก่น" in e.value.message("th")
    assert len(partners.list_partners(store, workshop.id)) == 1


def test_bad_input_is_refused_with_nothing_written(store, facilitator, workshop, join):
    for kw, key in ((dict(sector="nobody"), "error.bad_choice"), (dict(kind="alien"), "error.bad_choice"),
                    (dict(brings=("gold",)), "error.bad_choice"), (dict(name_th="  "), "error.required")):
        fields = dict(name_th="ก", sector="civil", kind="community")
        fields.update(kw)
        with pytest.raises(ValidationError) as e:
            partners.add_partner(store, facilitator, workshop.id, **fields)
        assert e.value.key == key
    with pytest.raises(PermissionDenied):
        partners.add_partner(store, join("ป").actor(), workshop.id, name_th="ก", sector="civil", kind="community")
    assert count(store, "partner") == 0 and count(store, "audit_log") == 0


def test_duplicate_groups_and_merge_move_every_reference(store, facilitator, workshop, join):
    from planning import communities, upkeep

    keep = add(store, facilitator, workshop, "มหาวิทยาลัยขอนแก่น", "academic", "university", brings=("skills",))
    other = add(store, facilitator, workshop, "เทศบาลนครขอนแก่น", "local", "local_admin")
    # an English-only copy slipped in before the check (as an old list would hold it)
    with store.cursor() as cur:
        cur.execute("INSERT INTO partner VALUES ('dup', ?, 'Khon Kaen University', 'Khon Kaen University', 'academic',"
                    " 'university', 'คุณเอ', '043-1', ?, NULL, now(), now())", [workshop.id, ["data"]])
        cur.execute("UPDATE partner SET name_en = 'Khon Kaen University' WHERE id = ?", [keep.id])
    groups = partners.duplicate_groups(store, workshop.id)
    assert [{p.id for p in g} for g in groups] == [{keep.id, "dup"}]

    p = join("นักศึกษา", "academic")
    with store.cursor() as cur:
        cur.execute("INSERT INTO participant_organisation VALUES (?, ?, 'dup', now())", [workshop.id, p.id])
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="ส", indicator_codes=[], provincial_issue_id=None)
    project = projects.save_project(store, facilitator, workshop.id, Project(
        name="โครงการ", strategy_id=strategy.id, objective="o", lead_agency="", target_group="g", fiscal_year_be=2570,
        lead_partner_id=other.id, partner_ids=("dup", keep.id), budget=(BudgetLine("provincial", "x", Decimal(1)),)))
    assert project.partners == {"academic": ("Khon Kaen University", "มหาวิทยาลัยขอนแก่น")}
    upkeep.add_activity(store, facilitator, workshop.id, held_on="2026-01-05", tag="learning", title="ดูงาน",
                        partner_ids=["dup"])
    cop = communities.add_group(store, facilitator, workshop.id, "ข้อมูล", ["dup", keep.id])

    merged = partners.merge(store, facilitator, workshop.id, keep.id, "dup")
    assert merged.brings == ("data", "skills") and merged.contact_person == "คุณเอ"
    assert [x.id for x in partners.list_partners(store, workshop.id)] == [other.id, keep.id]
    assert partners.duplicate_groups(store, workshop.id) == []
    after = projects.list_projects(store, workshop.id)[0]
    assert after.partner_ids == (keep.id,) and after.partners == {"academic": ("มหาวิทยาลัยขอนแก่น",)}
    assert partners.my_organisation(store, workshop.id, p.id).id == keep.id
    assert upkeep.activities(store, workshop.id)[0].partner_ids == (keep.id,)
    assert communities.groups(store, workshop.id)[0].member_ids == (keep.id,) and cop
    entry = audit.entries(store, workshop.id, "partner")[0]
    assert entry.action == "merge" and "Khon Kaen University" in entry.before
    with store.cursor() as cur:
        assert cur.execute("SELECT merged_into FROM partner WHERE id = 'dup'").fetchone() == (keep.id,)
    with pytest.raises(ValidationError):
        partners.merge(store, facilitator, workshop.id, keep.id, keep.id)
    with pytest.raises(ValidationError):
        partners.merge(store, facilitator, workshop.id, keep.id, "dup")      # already merged: not in the list


def test_renaming_an_organisation_renames_it_in_its_projects(store, facilitator, workshop):
    lead = add(store, facilitator, workshop, "สำนักงานจังหวัด")
    partner = add(store, facilitator, workshop, "ชมรมจักรยาน", "civil", "community")
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="MOB", title="ส", indicator_codes=[], provincial_issue_id=None)
    projects.save_project(store, facilitator, workshop.id, Project(
        name="ทางจักรยาน", strategy_id=strategy.id, objective="o", lead_agency="ไม่ใช้", target_group="g",
        fiscal_year_be=2570, lead_partner_id=lead.id, partner_ids=(partner.id,),
        partners={"academic": ("มหาวิทยาลัย",)}, budget=(BudgetLine("provincial", "x", Decimal(1)),)))
    q = projects.list_projects(store, workshop.id)[0]
    assert q.lead_agency == "สำนักงานจังหวัด"           # filled from the list, not the text typed
    assert q.partners == {"civil": ("ชมรมจักรยาน",), "academic": ("มหาวิทยาลัย",)}
    partners.update_partner(store, facilitator, workshop.id, lead.id, name_th="สำนักงานจังหวัดขอนแก่น",
                            sector="government", kind="agency")
    partners.update_partner(store, facilitator, workshop.id, partner.id, name_th="สมาคมจักรยาน",
                            sector="private", kind="company")
    q = projects.list_projects(store, workshop.id)[0]
    assert q.lead_agency == "สำนักงานจังหวัดขอนแก่น"
    assert q.partners == {"academic": ("มหาวิทยาลัย",), "private": ("สมาคมจักรยาน",)}
    assert [e.action for e in audit.entries(store, workshop.id, "project")][:2] == ["update", "update"]


def test_a_project_naming_an_unknown_partner_is_refused(store, facilitator, workshop):
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="ส", indicator_codes=[], provincial_issue_id=None)
    p = Project(name="ก", strategy_id=strategy.id, objective="o", lead_agency="ล", target_group="g",
                fiscal_year_be=2570, budget=(BudgetLine("provincial", "x", Decimal(1)),))
    for bad in (replace(p, lead_partner_id="nope"), replace(p, partner_ids=("nope",))):
        with pytest.raises(ValidationError) as e:
            projects.save_project(store, facilitator, workshop.id, bad)
        assert e.value.key == "error.unknown_partner"
    assert projects.list_projects(store, workshop.id) == [] and count(store, "project_partner") == 0


def test_existing_projects_keep_their_text_and_checks(store, facilitator):
    from planning import demo

    w = demo.seed_demo(store)
    before = {q.name: (q.lead_agency, q.partners) for q in projects.list_projects(store, w.id)}
    ctx = criteria.context(store, w.id)
    for q in projects.list_projects(store, w.id):
        assert (q.lead_agency, q.partners) == before[q.name]
        assert q.lead_partner_id is not None                    # the demo links them to its partner list
        assert all(c.passed for c in criteria.budget_checks(q, ctx) if c.rule in ("local_partner", "private_partner"))
    assert projects.total_budget(store, w.id) == Decimal("77850000.00")
    # saving a project again without touching its organisations keeps them
    q = projects.list_projects(store, w.id)[0]
    again = projects.save_project(store, demo.Actor(demo.FACILITATOR), w.id, q)
    assert (again.lead_agency, again.partners, again.partner_ids) == (q.lead_agency, q.partners, q.partner_ids)


def test_typed_names_become_partners_in_one_step(store, facilitator, workshop):
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="ส", indicator_codes=[], provincial_issue_id=None)
    for name, lead in (("ก", "สำนักงานสิ่งแวดล้อม"), ("ข", "เทศบาล")):
        projects.save_project(store, facilitator, workshop.id, Project(
            name=name, strategy_id=strategy.id, objective="o", lead_agency=lead, target_group="g",
            fiscal_year_be=2570, partners={"local": ("เทศบาล",)} if name == "ก" else {},
            budget=(BudgetLine("provincial", "x", Decimal(1)),)))
    names = {u.name: u for u in partners.unlisted_names(store, workshop.id)}
    assert set(names) == {"สำนักงานสิ่งแวดล้อม", "เทศบาล"}
    assert names["เทศบาล"].sector == "local" and len(names["เทศบาล"].project_ids) == 2
    assert names["สำนักงานสิ่งแวดล้อม"].sector is None

    town = partners.adopt_name(store, facilitator, workshop.id, "เทศบาล", kind="local_admin")
    assert town.sector == "local"
    a, b = projects.list_projects(store, workshop.id)
    assert a.partner_ids == (town.id,) and a.lead_partner_id is None
    assert b.lead_partner_id == town.id and b.lead_agency == "เทศบาล"      # the text stays
    assert [u.name for u in partners.unlisted_names(store, workshop.id)] == ["สำนักงานสิ่งแวดล้อม"]
    links = [reading.Reader(store, workshop.id, "th").sentence(e) for e in audit.entries(store, workshop.id)
             if e.action == "link"]
    assert sorted((s.what, s.name, s.changes) for s in links) == [      # nothing reads as removed
        ("เชื่อมโยงโครงการ", "ก · เทศบาล", ()), ("เชื่อมโยงโครงการ", "ข · เทศบาล", ())]
    with pytest.raises(ValidationError) as e:
        partners.adopt_name(store, facilitator, workshop.id, "ไม่มีในโครงการ", sector="civil")
    assert e.value.key == "error.name_not_in_projects"

    # a name typed in the same way as an organisation in the list is linked, not added twice
    env = add(store, facilitator, workshop, "สำนักงาน สิ่งแวดล้อม")
    match = partners.unlisted_names(store, workshop.id)[0]
    assert match.match.id == env.id
    partners.adopt_name(store, facilitator, workshop.id, match.name, partner_id=env.id)
    assert projects.list_projects(store, workshop.id)[0].lead_partner_id == env.id
    assert partners.unlisted_names(store, workshop.id) == []


def test_proposals_accept_decline_and_recognise_an_existing_one(store, facilitator, workshop, join):
    alice, bob = join("อลิซ", "civil"), join("บ๊อบ", "private")
    uni = add(store, facilitator, workshop, "มหาวิทยาลัยขอนแก่น", "academic", "university")
    with pytest.raises(ValidationError) as e:
        partners.propose(store, alice.actor(), workshop.id, name_th="มหาวิทยาลัย ขอนแก่น", sector="academic",
                         kind="university")
    assert e.value.key == "error.partner_exists"
    with pytest.raises(PermissionDenied):
        partners.propose(store, facilitator, workshop.id, name_th="x", sector="civil", kind="community")
    club = partners.propose(store, alice.actor(), workshop.id, name_th="ชมรมจักรยาน", sector="civil",
                            kind="community", brings=("people",), is_own=True)
    other = partners.propose(store, bob.actor(), workshop.id, name_th="ร้านกาแฟ", sector="private", kind="company")
    assert [x.proposer for x in partners.pending_proposals(store, workshop.id)] == ["อลิซ", "บ๊อบ"]
    accepted = partners.accept_proposal(store, facilitator, workshop.id, club)
    assert accepted.brings == ("people",)
    assert partners.my_organisation(store, workshop.id, alice.id).id == accepted.id
    partners.decline_proposal(store, facilitator, workshop.id, other)
    assert partners.pending_proposals(store, workshop.id) == []
    with pytest.raises(Exception):
        partners.accept_proposal(store, facilitator, workshop.id, other)      # decided already

    # a proposal that became a duplicate meanwhile is refused, and accepted as the existing one
    late = partners.propose(store, bob.actor(), workshop.id, name_th="KKU", sector="academic", kind="university",
                            name_en="Khon Kaen University")
    partners.update_partner(store, facilitator, workshop.id, uni.id, name_th=uni.name_th, name_en="Khon Kaen University",
                            sector="academic", kind="university")
    with pytest.raises(ValidationError):
        partners.accept_proposal(store, facilitator, workshop.id, late)
    assert partners.accept_proposal(store, facilitator, workshop.id, late, into_id=uni.id).id == uni.id
    assert len(partners.list_partners(store, workshop.id)) == 2


def test_my_organisation_newest_counts_and_unknown_is_refused(store, facilitator, workshop, join):
    a = add(store, facilitator, workshop, "ก")
    b = add(store, facilitator, workshop, "ข", "local", "local_admin")
    p = join("พี")
    assert partners.my_organisation(store, workshop.id, p.id) is None
    partners.set_my_organisation(store, p.actor(), workshop.id, a.id)
    partners.set_my_organisation(store, p.actor(), workshop.id, b.id)
    assert partners.my_organisation(store, workshop.id, p.id).id == b.id
    with pytest.raises(ValidationError) as e:
        partners.set_my_organisation(store, p.actor(), workshop.id, "nope")
    assert e.value.key == "error.unknown_partner"
    with pytest.raises(PermissionDenied):
        partners.set_my_organisation(store, facilitator, workshop.id, a.id)
    assert count(store, "participant_organisation") == 2


def test_attendance_and_contributions_roll_up_by_organisation(store, facilitator, workshop, join):
    a = add(store, facilitator, workshop, "ก")
    b = add(store, facilitator, workshop, "ข", "local", "local_admin")
    p1, p2, p3, p4 = join("1"), join("2"), join("3", "local"), join("4", "civil")
    for p in (p1, p2):
        partners.set_my_organisation(store, p.actor(), workshop.id, a.id)
    partners.set_my_organisation(store, p3.actor(), workshop.id, a.id)
    partners.set_my_organisation(store, p3.actor(), workshop.id, b.id)     # changed their mind: counts under b
    item = positioning.add_swot_item(store, p1.actor(), workshop.id, "S", "จุดแข็ง")
    positioning.set_vote(store, p1.actor(), workshop.id, item, True)
    positioning.set_vote(store, p3.actor(), workshop.id, item, True)
    positioning.add_swot_item(store, p4.actor(), workshop.id, "W", "จุดอ่อน")
    rows = {(r.partner.name_th if r.partner else None): r for r in partners.rollup_by_organisation(store, workshop.id)}
    assert (rows["ก"].joined, rows["ก"].contributed, rows["ก"].contributions) == (2, 1, 2)
    assert (rows["ข"].joined, rows["ข"].contributed, rows["ข"].contributions) == (1, 1, 1)
    assert (rows[None].joined, rows[None].contributed, rows[None].contributions) == (1, 1, 1)
    assert sum(r.joined for r in rows.values()) == 4


def test_project_partner_rows_go_with_a_deleted_project(store, facilitator, workshop):
    org = add(store, facilitator, workshop, "ก")
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="ส", indicator_codes=[], provincial_issue_id=None)
    q = projects.save_project(store, facilitator, workshop.id, Project(
        name="ก", strategy_id=strategy.id, objective="o", lead_agency="", target_group="g", fiscal_year_be=2570,
        lead_partner_id=org.id, budget=(BudgetLine("provincial", "x", Decimal(1)),)))
    assert json.loads(audit.entries(store, workshop.id, "project")[0].after)["lead_partner_id"] == org.id
    projects.delete_project(store, facilitator, workshop.id, q.id)
    assert count(store, "project_partner") == 0
