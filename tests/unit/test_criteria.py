"""The national criteria checklist: items from the data file, each met or not with why."""
import csv
import datetime as dt
from decimal import Decimal

import pytest

from planning import (catalogue, criteria, ideas, masterplan, participants, plan_texts, positioning, projects,
                      text, workshops)
from planning.projects import BudgetLine, Project

ITEMS = ["target_area", "vision_goals", "dimensions", "infrastructure", "data_platform", "smart_services",
         "participation", "management_model"]


def by_id(store, workshop_id):
    return {r.item.id: r for r in criteria.checklist(store, workshop_id)}


def test_the_checklist_is_data_with_a_check_and_a_source_for_every_item():
    with (catalogue.DATA_DIR / "criteria.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == ITEMS == [c.id for c in criteria.checklist_items()]
    assert set(criteria.CHECKS) == set(ITEMS)
    for r in rows:
        assert r["name_th"] and r["name_en"] and r["asks_th"] and r["asks_en"]
        assert "1/2562" in r["source_th"] and "1/2562" in r["source_en"], r["id"]
        assert r["source_th"].count(";") == r["source_en"].count(";")
        assert f"nav.{r['fix_page']}" in text.CATALOGUE


def test_an_empty_plan_meets_nothing_and_says_why(store, workshop):
    results = criteria.checklist(store, workshop.id)
    assert len(results) == 8 and criteria.completeness(results) == 0.0
    for r in results:
        assert not r.met and r.why("th") and r.why("en")
        assert all("{" not in line and not line.startswith(("component.", "criteria.")) for line in
                   r.why("th") + r.why("en"))       # every reason is in the catalogue, filled in
    assert "ตำแหน่งพื้นที่เป้าหมายบนแผนที่" in by_id(store, workshop.id)["target_area"].why("th")


def test_security_and_participation_are_checked_not_assumed(store, facilitator, workshop, join):
    """A plan with a data-platform project but no word on its security, and nobody from civil
    society contributing, does not pass those two items (it used to report 100 %)."""
    s = masterplan.add_strategy(store, facilitator, workshop.id, dimension="GOV", title="ข้อมูลเมือง",
                                provincial_issue_id=None, indicator_codes=[])
    projects.save_project(store, facilitator, workshop.id, Project(
        name="แพลตฟอร์ม", strategy_id=s.id, objective="o", lead_agency="a", target_group="g", fiscal_year_be=2570,
        components=("data_platform",), budget=(BudgetLine("des_fund", "x", Decimal("1")),)))
    r = by_id(store, workshop.id)
    assert not r["data_platform"].met
    assert r["data_platform"].why("en") == ["how the platform's cyber-security and data protection are handled"]
    plan_texts.save(store, facilitator, workshop.id, {"data_security": "เข้ารหัสและควบคุมสิทธิ์"})
    assert by_id(store, workshop.id)["data_platform"].met

    for name, sector in (("ก", "government"), ("ข", "private"), ("ค", "civil")):
        join(name, sector)
    r = by_id(store, workshop.id)["participation"]
    assert not r.met and len(r.reasons) == 3        # joined, but nobody contributed yet
    gov = join("ง", "local")                          # a local administration counts as government
    positioning.add_swot_item(store, gov.actor(), workshop.id, "S", "จุดแข็ง")
    for p in participants.list_participants(store, workshop.id):
        if p.sector in ("private", "civil"):
            ideas.add_idea(store, p.actor(), workshop.id, "ENV", "pain", f"ปัญหาของ {p.display_name}")
    r = by_id(store, workshop.id)["participation"]
    assert r.met and r.why("en") == ["Contributed: civil society 1, government 1, private sector 1"]


def test_a_complete_plan_meets_every_item(store, facilitator, join):
    w = workshops.create_workshop(store, facilitator, name="ครบ", province_code="60", target_area="เทศบาล",
                                  level="city", city_type="livable", horizon_years=5,
                                  start_date=dt.date(2026, 10, 1), target_lat=15.7, target_lon=100.1)
    positioning.save_statements(store, facilitator, w.id, "วิสัยทัศน์", "ตำแหน่ง", ["ENV"])
    ideas.save_focus(store, facilitator, w.id, ["ENV", "MOB"], "เหตุผล")
    plan_texts.save(store, facilitator, w.id, {"mission": "พันธกิจ", "area": "ขอบเขต", "data_security": "มี",
                                                "management_model": "บริษัทพัฒนาเมือง"})
    s = masterplan.add_strategy(store, facilitator, w.id, dimension="ENV", title="ลดฝุ่น", provincial_issue_id=None,
                                indicator_codes=["ENV-PM25"], goal="ฝุ่นลดลง")
    for n, (dims, comps, source) in enumerate([(("ENV",), ("infrastructure", "services"), "provincial"),
                                               (("MOB",), ("services", "data_platform", "management"), "private")]):
        projects.save_project(store, facilitator, w.id, Project(
            name=f"โครงการ {n}", strategy_id=s.id, objective="o", lead_agency="a", target_group="g",
            fiscal_year_be=2570, dimensions=dims, components=comps,
            budget=(BudgetLine(source, "x", Decimal("100")),)))
    for name, sector in (("ก", "government"), ("ข", "private"), ("ค", "civil")):
        positioning.add_swot_item(store, participants.join(store, w.join_code, name, sector)[0].actor(), w.id, "S", name)
    results = criteria.checklist(store, w.id)
    assert [r.item.id for r in results if not r.met] == [] and criteria.completeness(results) == 1.0
    assert all(not line.startswith(("component.", "criteria.")) for r in results for line in r.why("en"))
    assert by_id(store, w.id)["infrastructure"].why("th") == ["1 โครงการ งบประมาณ 100 บาท"]
    masterplan.set_goal(store, facilitator, w.id, s.id, "")
    assert by_id(store, w.id)["vision_goals"].why("en") == ["the goals of 1 strategies"]


@pytest.mark.parametrize("focus, met", [(["MOB", "LIV"], False), (["ENV"], False), (["ENV", "GOV"], True)])
def test_smart_environment_plus_one(store, facilitator, workshop, focus, met):
    ideas.save_focus(store, facilitator, workshop.id, focus, "เหตุผล")
    assert by_id(store, workshop.id)["dimensions"].met is met
