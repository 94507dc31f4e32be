"""The programme view: every workshop's stage, criteria, checkpoint status and budget, filtered."""
from decimal import Decimal

from planning import dates, demo, masterplan, programme, projects, review
from planning.roles import REVIEWER, Actor
from tests.conftest import make_workshop


def test_every_workshop_side_by_side_with_its_stage_criteria_status_and_budget(store, facilitator):
    w = demo.seed_demo(store)
    fresh = make_workshop(store, facilitator)          # นครสวรรค์, nothing in it yet
    rows = {s.workshop.id: s for s in programme.overview(store)}
    assert set(rows) == {w.id, fresh.id}

    shown = rows[w.id]
    assert shown.stage == "submitted"                  # version 1 returned, version 2 awaits review
    assert 0 < shown.criteria_met <= shown.criteria_total == 8
    assert shown.checkpoint_months == 6 and set(shown.dimension_status) >= {"ENV", "plan"}
    plans = projects.list_projects(store, w.id)
    assert shown.projects == len(plans) and shown.total_budget == sum((p.total for p in plans), Decimal(0))
    assert all(source in projects.BUDGET_SOURCES and 2560 < year < 2600 for source, year in shown.budget)

    empty = rows[fresh.id]
    assert (empty.stage, empty.checkpoint_months, empty.dimension_status, empty.budget, empty.projects) == (
        "started", None, {}, {}, 0)
    masterplan.add_issue(store, facilitator, fresh.id, "น้ำท่วมเมือง")
    assert programme.status_of(store, fresh).stage == "started"      # an issue alone is no strategy yet

    approved = review.versions(store, w.id)[0]
    review.decide(store, Actor(REVIEWER, name="กรรมการ"), approved.id, "approved", "1/2569",
                  dates.today(), confirmed=True)
    assert programme.status_of(store, w).stage == "approved"


def test_filters_by_region_level_and_city_type(store, facilitator):
    w = demo.seed_demo(store)                          # ขอนแก่น, north-east
    other = make_workshop(store, facilitator, level="province", city_type="new")   # นครสวรรค์, centre or north
    region = w.province.region_en
    assert [s.workshop.id for s in programme.overview(store, regions=[region])] == [w.id]
    assert [s.workshop.id for s in programme.overview(store, levels=["province"])] == [other.id]
    assert [s.workshop.id for s in programme.overview(store, city_types=["new"])] == [other.id]
    assert [s.workshop.id for s in programme.overview(store, include_samples=False)] == [other.id]
    assert programme.overview(store, regions=["nowhere"]) == []
    assert (region, w.province.region_th) in programme.regions()
