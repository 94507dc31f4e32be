import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from planning import criteria, indicators, masterplan, projects
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.indicators import IndicatorValues
from planning.projects import BudgetLine, Kpi, Milestone, Project
from planning.roles import PARTICIPANT, Actor


@pytest.fixture
def plan(store, facilitator, workshop):
    issue = masterplan.add_issue(store, facilitator, workshop.id, "ประเด็นที่ 1")
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="ลดฝุ่น",
                                       provincial_issue_id=issue.id, indicator_codes=["ENV-PM25"])
    measure = masterplan.add_measure(store, facilitator, workshop.id, strategy_id=strategy.id,
                                     title="เซนเซอร์", indicator_codes=["ENV-PM25D"])
    return strategy, measure


def project(strategy, **overrides) -> Project:
    fields = dict(name="เซนเซอร์ฝุ่น", strategy_id=strategy.id, objective="วัดฝุ่น", lead_agency="สนง. ทสจ.",
                  target_group="ประชาชน", fiscal_year_be=2570, dimensions=("ENV",),
                  partners={"local": ("เทศบาล",)}, investment_type="infrastructure",
                  components=("infrastructure", "services"), ready_land=True, ready_design=True, ready_cost=True,
                  budget=(BudgetLine("provincial", "อุปกรณ์", Decimal("1000000.50")),
                          BudgetLine("local", "บำรุงรักษา", Decimal("250000"))),
                  milestones=(Milestone(3, "ติดตั้ง"), Milestone(1, "สำรวจ")),
                  kpis=(Kpi("ENV-PM25D", "output", 48, 40), Kpi("ENV-PM25", "outcome", 31, 29)))
    fields.update(overrides)
    return Project(**fields)


def counts(store):
    with store.cursor() as cur:
        return [cur.execute("SELECT count(*) FROM " + t).fetchone()[0]
                for t in ("project", "project_budget", "project_milestone", "project_kpi")]


def test_save_and_read_back(store, facilitator, workshop, plan):
    strategy, measure = plan
    saved = projects.save_project(store, facilitator, workshop.id, project(strategy, measure_id=measure.id))
    assert saved.id and saved.total == Decimal("1250000.50")
    assert [m.quarter for m in saved.milestones] == [1, 3]
    assert saved.partners == {"local": ("เทศบาล",)} and saved.sources == ["provincial", "local"]
    assert projects.list_projects(store, workshop.id) == [saved]
    assert counts(store) == [1, 2, 2, 2]


def test_update_replaces_all_lines_in_one_go(store, facilitator, workshop, plan):
    strategy, _ = plan
    saved = projects.save_project(store, facilitator, workshop.id, project(strategy))
    updated = projects.save_project(store, facilitator, workshop.id, replace(
        saved, budget=(BudgetLine("ministry", "ระบบ", Decimal("10")),), milestones=(), kpis=()))
    assert updated.total == Decimal("10.00") and counts(store) == [1, 1, 0, 0]


@pytest.mark.parametrize("overrides, key", [
    (dict(budget=(BudgetLine("provincial", "x", Decimal("-1")),)), "error.negative_budget"),
    (dict(budget=(BudgetLine("boi", "สิทธิ", Decimal("5")),)), "error.boi_not_money"),
    (dict(budget=()), "error.no_budget"),
    (dict(budget=(BudgetLine("lottery", "x", Decimal("1")),)), "error.bad_choice"),
    (dict(fiscal_year_be=2569), "error.fiscal_year_outside"),   # the plan starts 1 Oct 2026 = FY 2570
    (dict(fiscal_year_be=2575), "error.fiscal_year_outside"),   # 5 years: FY 2570-2574
    (dict(lead_agency="  "), "error.required"),
    (dict(name=""), "error.required"),
    (dict(kpis=(Kpi("DELETED-1", "output", 1, 2),)), "error.unknown_indicator"),
    (dict(kpis=(Kpi("ENV-PM25", "impact", 1, 2),)), "error.bad_choice"),
    (dict(kpis=(Kpi("ENV-PM25", "output", 1, float("nan")),)), "error.kpi_value"),
    (dict(milestones=(Milestone(5, "x"),)), "error.quarter"),
    (dict(location=(48.8, 2.3)), "error.point_outside_thailand"),
    (dict(partners={"mafia": ("x",)}), "error.bad_choice"),
])
def test_bad_projects_save_nothing(store, facilitator, workshop, plan, overrides, key):
    strategy, _ = plan
    with pytest.raises(ValidationError) as exc:
        projects.save_project(store, facilitator, workshop.id, project(strategy, **overrides))
    assert exc.value.key == key and exc.value.message("th") and exc.value.message("en")
    assert counts(store) == [0, 0, 0, 0]


def test_a_failed_update_leaves_the_old_version_whole(store, facilitator, workshop, plan):
    strategy, _ = plan
    saved = projects.save_project(store, facilitator, workshop.id, project(strategy))
    with pytest.raises(ValidationError):
        projects.save_project(store, facilitator, workshop.id,
                              replace(saved, budget=(BudgetLine("provincial", "x", Decimal("-5")),)))
    assert projects.list_projects(store, workshop.id) == [saved] and counts(store) == [1, 2, 2, 2]


def test_declared_total_must_add_up(store, facilitator, workshop, plan):
    strategy, _ = plan
    with pytest.raises(ValidationError) as exc:
        projects.save_project(store, facilitator, workshop.id, project(strategy), declared_total="1,250,000")
    assert exc.value.key == "error.totals_mismatch"
    assert projects.save_project(store, facilitator, workshop.id, project(strategy), declared_total="1,250,000.50")


def test_links_must_exist_and_only_the_facilitator_saves(store, facilitator, workshop, plan):
    strategy, measure = plan
    other = masterplan.add_strategy(store, facilitator, workshop.id, dimension="MOB", title="ขนส่ง",
                                    provincial_issue_id=None, indicator_codes=[])
    with pytest.raises(NotFound):
        projects.save_project(store, facilitator, workshop.id, project(strategy, strategy_id="nope"))
    with pytest.raises(NotFound):  # a measure of another strategy
        projects.save_project(store, facilitator, workshop.id, project(other, measure_id=measure.id))
    with pytest.raises(PermissionDenied):
        projects.save_project(store, Actor(PARTICIPANT, "p", workshop.id), workshop.id, project(strategy))
    with pytest.raises(ValidationError):
        projects.save_project(store, facilitator, workshop.id, project(strategy))  # fine
        projects.save_project(store, facilitator, workshop.id, project(strategy))  # same name again


def test_budget_sums_in_the_store_match_the_projects(store, facilitator, workshop, plan):
    strategy, _ = plan
    a = projects.save_project(store, facilitator, workshop.id, project(strategy))
    b = projects.save_project(store, facilitator, workshop.id, project(
        strategy, name="แพลตฟอร์ม", fiscal_year_be=2571, dimensions=("GOV", "ENV"),
        budget=(BudgetLine("des_fund", "ระบบ", Decimal("3500000")), BudgetLine("boi", "BOI", Decimal("0")))))
    rows = projects.budget_rows(store, workshop.id)
    assert sum(r.amount for r in rows) == a.total + b.total == projects.total_budget(store, workshop.id)
    assert {(r.dimension, r.source, r.fiscal_year_be): r.amount for r in rows} == {
        ("ENV", "provincial", 2570): Decimal("1000000.50"), ("ENV", "local", 2570): Decimal("250000.00"),
        ("GOV", "des_fund", 2571): Decimal("3500000.00"), ("GOV", "boi", 2571): Decimal("0.00")}
    projects.delete_project(store, facilitator, workshop.id, a.id)
    assert projects.total_budget(store, workshop.id) == Decimal("3500000.00")


def test_target_coverage_and_timeline(store, facilitator, workshop, plan):
    strategy, _ = plan
    indicators.save_values(store, facilitator, workshop.id, [
        IndicatorValues("ENV-PM25", 31.0, target_6m=30.0), IndicatorValues("ENV-RECYC", 20.0, target_12m=25.0)])
    assert projects.target_coverage(store, workshop.id) == (0, 2, ["ENV-PM25", "ENV-RECYC"])
    p = projects.save_project(store, facilitator, workshop.id, project(strategy))
    assert projects.target_coverage(store, workshop.id) == (1, 2, ["ENV-RECYC"])
    import datetime as dt
    assert projects.quarter_span(p) == (dt.date(2026, 10, 1), dt.date(2027, 6, 30))


def test_multi_year_project_keeps_amounts_per_source_and_year(store, facilitator, workshop, plan):
    strategy, _ = plan
    saved = projects.save_project(store, facilitator, workshop.id, project(
        strategy, fiscal_year_be=2570, last_fiscal_year_be=2572,
        budget=(BudgetLine("provincial", "อุปกรณ์", Decimal("1000000"), 2570),
                BudgetLine("provincial", "ขยาย", Decimal("500000"), 2572),
                BudgetLine("local", "บำรุงรักษา", Decimal("250000.25"), 2571)),
        milestones=(Milestone(4, "ขยายจุด", 2572), Milestone(1, "สำรวจ", 2570))))
    assert saved.fiscal_years == [2570, 2571, 2572] and saved.total == Decimal("1750000.25")
    assert saved.amount_by_year() == {2570: Decimal("1000000"), 2571: Decimal("250000.25"), 2572: Decimal("500000")}
    assert saved.amount_by_source(through_year=2571) == {"provincial": Decimal("1000000"),
                                                          "local": Decimal("250000.25")}
    assert saved.amount("provincial", 2572) == Decimal("500000")
    assert [(m.fiscal_year_be, m.quarter) for m in saved.milestones] == [(2570, 1), (2572, 4)]
    assert projects.quarter_span(saved) == (dt.date(2026, 10, 1), dt.date(2029, 9, 30))
    rows = {(r.source, r.fiscal_year_be): r.amount for r in projects.budget_rows(store, workshop.id)}
    assert rows == {("provincial", 2570): Decimal("1000000"), ("provincial", 2572): Decimal("500000"),
                    ("local", 2571): Decimal("250000.25")}
    assert projects.budget_by_strategy_year(store, workshop.id) == {
        (strategy.id, 2570): Decimal("1000000"), (strategy.id, 2571): Decimal("250000.25"),
        (strategy.id, 2572): Decimal("500000")}


@pytest.mark.parametrize("overrides, key", [
    (dict(last_fiscal_year_be=2569), "error.fiscal_year_outside"),
    (dict(fiscal_year_be=2571, last_fiscal_year_be=2570), "error.fiscal_years_backwards"),
    (dict(last_fiscal_year_be=2571, budget=(BudgetLine("provincial", "x", Decimal("1"), 2572),)),
     "error.budget_year_outside"),
    (dict(budget=(BudgetLine("provincial", "x", Decimal("1"), 2570), BudgetLine("provincial", "y", Decimal("2"), 2570))),
     "error.budget_duplicate"),
    (dict(milestones=(Milestone(1, "x", 2573),)), "error.milestone_year_outside"),
])
def test_bad_years_save_nothing(store, facilitator, workshop, plan, overrides, key):
    strategy, _ = plan
    with pytest.raises(ValidationError) as exc:
        projects.save_project(store, facilitator, workshop.id, project(strategy, **overrides))
    assert exc.value.key == key and counts(store) == [0, 0, 0, 0]


def test_budget_from_grid_skips_empty_cells_and_adds_boi():
    lines = projects.budget_from_grid({("provincial", 2570): 1200.5, ("provincial", 2571): float("nan"),
                                       ("local", 2570): None, ("local", 2571): 0, ("depa", 2571): "3,000"},
                                      {"provincial": "ระบบ", "local": float("nan"), "depa": None}, boi_year=2570)
    assert lines == (BudgetLine("provincial", "ระบบ", Decimal("1200.50"), 2570),
                     BudgetLine("depa", "", Decimal("3000.00"), 2571),
                     BudgetLine("boi", "", Decimal("0.00"), 2570))
    with pytest.raises(ValidationError):
        projects.budget_from_grid({("provincial", 2570): "many"}, {})


def test_budget_source_checks(store, facilitator, workshop, plan):
    strategy, _ = plan
    ctx = criteria.context(store, workshop.id)
    good = projects.save_project(store, facilitator, workshop.id, project(strategy))
    assert all(c.passed for c in criteria.budget_checks(good, ctx))
    weak = replace(good, kpis=(Kpi("ENV-PM25", "outcome", None, 29),), milestones=(), ready_design=False,
                   partners={})
    failed = {(c.source, c.rule) for c in criteria.budget_checks(weak, ctx) if not c.passed}
    assert failed == {("provincial", "kpis_with_baselines"), ("provincial", "milestones"),
                      ("provincial", "readiness"), ("local", "local_partner"),
                      ("local", "outcome_with_baseline"), ("local", "milestones")}
    no_issue = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="อื่น",
                                       provincial_issue_id=None, indicator_codes=[])
    ctx = criteria.context(store, workshop.id)
    loose = replace(good, strategy_id=no_issue.id)
    assert ("provincial", "linked_issue") in {(c.source, c.rule) for c in criteria.budget_checks(loose, ctx)
                                              if not c.passed}
    boi = replace(good, budget=(BudgetLine("boi", "BOI", Decimal(0)),), partners={"private": ("บริษัท",)})
    assert all(c.passed for c in criteria.budget_checks(boi, ctx))
