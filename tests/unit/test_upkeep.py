"""LINK upkeep, communities of practice, the City Lab and the sustainability plan: what is
refused with nothing written, the no-contact view, visitor counts and scores."""
import datetime as dt
from decimal import Decimal

import pytest

from planning import audit, citylab, communities, masterplan, partners, projects, reading, sustainability, upkeep
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.projects import BudgetLine, Project

TODAY = dt.date(2026, 11, 22)


def count(store, table):
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM " + table).fetchone()[0]


@pytest.fixture
def orgs(store, facilitator, workshop):
    return [partners.add_partner(store, facilitator, workshop.id, name_th=n, sector=s, kind=k)
            for n, s, k in (("ก", "government", "agency"), ("ข", "private", "company"), ("ค", "civil", "community"))]


def log(store, facilitator, workshop, day, ids, held=True, tag="learning"):
    return upkeep.add_activity(store, facilitator, workshop.id, held_on=day, tag=tag, title="กิจกรรม",
                               partner_ids=[o.id for o in ids], held=held, today=TODAY)


def test_link_activity_refusals_write_nothing(store, facilitator, workshop, orgs, join):
    audits = count(store, "audit_log")
    bad = [dict(held_on=TODAY + dt.timedelta(days=1)),                       # held in the future
           dict(partner_ids=["nope"]), dict(partner_ids=[]), dict(tag="party"), dict(title=""),
           dict(held_on="31/02/2569")]
    for kw in bad:
        fields = dict(held_on=TODAY, tag="learning", title="t", partner_ids=[orgs[0].id], held=True, today=TODAY)
        fields.update(kw)
        with pytest.raises(ValidationError):
            upkeep.add_activity(store, facilitator, workshop.id, **fields)
    with pytest.raises(PermissionDenied):
        upkeep.add_activity(store, join("พี").actor(), workshop.id, held_on=TODAY, tag="learning", title="t",
                            partner_ids=[orgs[0].id])
    assert count(store, "link_activity") == count(store, "link_activity_partner") == 0
    assert count(store, "audit_log") == audits
    # planned in the future is fine, held today is fine
    log(store, facilitator, workshop, TODAY + dt.timedelta(days=30), orgs[:1], held=False)
    log(store, facilitator, workshop, TODAY, orgs[:1])
    assert count(store, "link_activity") == 2
    assert audit.entries(store, workshop.id, "link_activity")[0].action == "create"


def test_no_contact_view(store, facilitator, workshop, orgs):
    a, b, c = orgs
    log(store, facilitator, workshop, dt.date(2026, 5, 22), [a, b])     # exactly six months ago
    log(store, facilitator, workshop, dt.date(2026, 5, 21), [c])        # a day before that
    log(store, facilitator, workshop, dt.date(2026, 11, 1), [b], tag="keep_give")
    log(store, facilitator, workshop, TODAY + dt.timedelta(days=10), [c], held=False)   # planned: not contact
    quiet = upkeep.no_contact(store, workshop.id, 6, today=TODAY)
    assert [(q.partner.name_th, q.last_contact) for q in quiet] == [("ค", dt.date(2026, 5, 21))]
    quiet = upkeep.no_contact(store, workshop.id, 1, today=TODAY)
    assert [q.partner.name_th for q in quiet] == ["ค", "ก"]             # the longest quiet first
    d = partners.add_partner(store, facilitator, workshop.id, name_th="ง", sector="academic", kind="university")
    assert upkeep.no_contact(store, workshop.id, 6, today=TODAY)[0].partner.id == d.id       # never: first
    assert upkeep.no_contact(store, workshop.id, 6, today=TODAY)[0].last_contact is None
    assert upkeep.counts_by_tag(store, workshop.id) == {"learning": 2, "investment": 0, "nurture": 0, "keep_give": 1}
    for months in (0, 121, True, 2.5):
        with pytest.raises(ValidationError):
            upkeep.no_contact(store, workshop.id, months, today=TODAY)


def test_marking_a_planned_activity_held(store, facilitator, workshop, orgs):
    soon = log(store, facilitator, workshop, TODAY + dt.timedelta(days=5), orgs[:1], held=False)
    with pytest.raises(ValidationError) as e:
        upkeep.mark_held(store, facilitator, workshop.id, soon.id, "ok", today=TODAY)
    assert e.value.key == "error.held_in_future"
    assert not upkeep.activities(store, workshop.id)[0].held
    upkeep.mark_held(store, facilitator, workshop.id, soon.id, "ได้ข้อตกลง", today=TODAY + dt.timedelta(days=5))
    got = upkeep.activities(store, workshop.id)[0]
    assert got.held and got.outcome == "ได้ข้อตกลง"


def test_communities_of_practice(store, facilitator, workshop, orgs):
    with pytest.raises(ValidationError):
        communities.add_group(store, facilitator, workshop.id, "ข้อมูล", ["nope"])
    with pytest.raises(ValidationError):
        communities.add_group(store, facilitator, workshop.id, "ข้อมูล", [], dimension="XXX")
    assert count(store, "cop_group") == 0
    cop = communities.add_group(store, facilitator, workshop.id, "ข้อมูล", [orgs[1].id, orgs[0].id], "GOV")
    communities.add_meeting(store, facilitator, workshop.id, cop, dt.date(2026, 10, 1), "เริ่ม", "ส่งรายการ", today=TODAY)
    communities.add_meeting(store, facilitator, workshop.id, cop, TODAY, "ทบทวน", today=TODAY)
    with pytest.raises(ValidationError):
        communities.add_meeting(store, facilitator, workshop.id, cop, TODAY + dt.timedelta(days=1), "อนาคต", today=TODAY)
    with pytest.raises(NotFound):
        communities.add_meeting(store, facilitator, workshop.id, "nope", TODAY, "x", today=TODAY)
    communities.set_members(store, facilitator, workshop.id, cop, [orgs[2].id, orgs[0].id])
    g = communities.groups(store, workshop.id)[0]
    assert g.topic == "ข้อมูล" and g.dimension == "GOV"
    assert g.member_ids == (orgs[0].id, orgs[2].id)                      # in the partner list's order
    assert [m.notes for m in g.meetings] == ["ทบทวน", "เริ่ม"] and g.meetings[1].follow_ups == "ส่งรายการ"


def test_city_lab_events_and_visitors(store, facilitator, workshop):
    with pytest.raises(ValidationError):
        citylab.save_lab(store, facilitator, workshop.id, name="แล็บ", location=(40.0, 2.0))   # outside Thailand
    lab = citylab.save_lab(store, facilitator, workshop.id, name="แล็บ", opening_hours="9-17", location=(16.44, 102.83))
    assert citylab.labs(store, workshop.id) == [lab]
    citylab.save_lab(store, facilitator, workshop.id, name="ซิตี้แล็บ", opening_hours="8-16", lab_id=lab.id)
    assert [(x.name, x.location) for x in citylab.labs(store, workshop.id)] == [("ซิตี้แล็บ", None)]
    add = lambda **kw: citylab.add_event(store, facilitator, workshop.id, lab.id, **{  # noqa: E731
        "kind": "showcase", "title": "งาน", "held_on": TODAY, "held": True, "today": TODAY, **kw})
    for kw, key in ((dict(held_on=TODAY + dt.timedelta(days=1)), "error.held_in_future"),
                    (dict(visitors={"civil": -1}), "error.visitors"), (dict(visitors={"civil": 1.5}), "error.visitors"),
                    (dict(visitors={"aliens": 3}), "error.bad_choice"), (dict(kind="party"), "error.bad_choice"),
                    (dict(held=False, held_on=TODAY + dt.timedelta(days=9), visitors={"civil": 3}),
                     "error.visitors_not_held")):
        with pytest.raises(ValidationError) as e:
            add(**kw)
        assert e.value.key == key
    assert count(store, "city_lab_event") == count(store, "city_lab_visitors") == 0
    add(visitors={"civil": 10, "private": 4, "academic": 0})
    add(kind="study_visit", visitors={"civil": 5})
    add(kind="exchange", held=False, held_on=TODAY + dt.timedelta(days=9))
    assert citylab.visitors_by_sector(store, workshop.id) == {"government": 0, "local": 0, "private": 4,
                                                              "civil": 15, "academic": 0}
    events = citylab.events(store, workshop.id)
    assert [e.kind for e in events] == ["exchange", "study_visit", "showcase"]
    assert events[2].visitors == {"civil": 10, "private": 4}
    with pytest.raises(NotFound):
        citylab.add_event(store, facilitator, workshop.id, "nope", kind="showcase", title="x", held_on=TODAY)


def test_sustainability_scores(store, facilitator, workshop, join):
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="ส",
                                       indicator_codes=[], provincial_issue_id=None)
    q = projects.save_project(store, facilitator, workshop.id, Project(
        name="ก", strategy_id=strategy.id, objective="o", lead_agency="ล", target_group="g", fiscal_year_be=2570,
        budget=(BudgetLine("provincial", "x", Decimal(1)),)))
    for bad in ({"people": (0, "", "")}, {"people": (6, "", "")}, {"people": (3, "", ""), "money": ("5", "", "")},
                {"people": (True, "", "")}, {"joy": (3, "", "")}, {}):
        with pytest.raises(ValidationError):
            sustainability.save(store, facilitator, workshop.id, None, bad)
    with pytest.raises(NotFound):
        sustainability.save(store, facilitator, workshop.id, "nope", {"people": (3, "", "")})
    with pytest.raises(PermissionDenied):
        sustainability.save(store, join("พี").actor(), workshop.id, None, {"people": (3, "", "")})
    assert count(store, "sustainability_score") == 0
    with pytest.raises(ValidationError) as e:
        sustainability.save(store, facilitator, workshop.id, None, {"money": (9, "", "")})
    assert "เงิน" in e.value.message("th")

    sustainability.save(store, facilitator, workshop.id, None, {"people": (3, "ทีม", "อบรม"), "money": (2, "", "ของบ")})
    sustainability.save(store, facilitator, workshop.id, None, {"money": (4, "ได้งบ", "")})       # newer counts
    sustainability.save(store, facilitator, workshop.id, q.id, {a: (5, "", "") for a in sustainability.ASPECTS})
    now = sustainability.current(store, workshop.id)
    assert {a: s.score for a, s in now[None].items()} == {"people": 3, "money": 4}
    summary = sustainability.summarise(now[None])
    assert summary.mean == 3.5 and summary.weakest == ("people",) and summary.weak == ()
    assert summary.missing == ("knowledge", "management")
    assert sustainability.summarise(now[q.id]).mean == 5
    assert sustainability.summarise({}).mean is None
    assert [s.score for s in sustainability.history(store, workshop.id, None) if s.aspect == "money"] == [4, 2]
    assert audit.entries(store, workshop.id, "sustainability")[0].entity_id == q.id
    second = audit.entries(store, workshop.id, "sustainability")[1]  # money 2 -> 4, the programme's
    read = reading.Reader(store, workshop.id, "th").sentence(second)
    assert [(c.label, c.before, c.after) for c in read.changes] == [("เงิน", "2", "4")] and not read.more
