"""Checkpoint schedule, the status rule (both directions, on the thresholds), roll-ups, recording
with history and audit, and bad input refused with nothing changed."""
import datetime as dt
from decimal import Decimal

import pytest

from planning import audit, checkpoints, dates, indicators, masterplan, projects, rules
from planning.checkpoints import Actual, ProjectReport
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.indicators import CellErrors, IndicatorValues


# ---- schedule ---------------------------------------------------------------------------------

def test_schedule_every_six_months_to_the_horizon_with_fiscal_year_and_half():
    s = dates.checkpoint_schedule(dt.date(2026, 10, 1), 2)
    assert [(c.months, c.due) for c in s] == [(6, dt.date(2027, 4, 1)), (12, dt.date(2027, 10, 1)),
                                              (18, dt.date(2028, 4, 1)), (24, dt.date(2028, 10, 1))]
    assert [(c.fiscal_year_be, c.fiscal_half) for c in s] == [(2570, 2), (2571, 1), (2571, 2), (2572, 1)]
    assert len(dates.checkpoint_schedule(dt.date(2026, 10, 1), 5)) == 10


def test_month_end_and_leap_years():
    assert dates.add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)     # leap year
    assert dates.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert dates.add_months(dt.date(2028, 2, 29), 12) == dt.date(2029, 2, 28)
    assert dates.add_months(dt.date(2026, 3, 31), 6) == dt.date(2026, 9, 30)
    assert dates.add_months(dt.date(2026, 12, 15), 6) == dt.date(2027, 6, 15)
    s = dates.checkpoint_schedule(dt.date(2027, 8, 31), 1)
    assert [c.due for c in s] == [dt.date(2028, 2, 29), dt.date(2028, 8, 31)]
    assert dates.fiscal_half(dt.date(2027, 3, 31)) == 1 and dates.fiscal_half(dt.date(2027, 4, 1)) == 2
    assert dates.fiscal_half(dt.date(2026, 10, 1)) == 1 and dates.fiscal_half(dt.date(2027, 9, 30)) == 2


# ---- the status rule --------------------------------------------------------------------------

@pytest.mark.parametrize("ratio,status", [(1.2, "on_track"), (0.95, "on_track"), (0.9499, "behind"),
                                          (0.85, "behind"), (0.8499, "at_risk"), (-0.5, "at_risk"),
                                          (None, "no_data")])
def test_status_thresholds(ratio, status):
    assert rules.status_of(ratio) == status


def test_progress_respects_direction():
    # higher is better: baseline 40 %, expected 50 % -> 49 % is 90 % of the way
    assert rules.indicator_progress(40, 50, 49, "higher") == pytest.approx(0.9)
    assert rules.status_of(rules.indicator_progress(40, 50, 49.5, "higher")) == "on_track"
    # lower is better: PM2.5 baseline 40, expected 30; 31.5 is 85 % of the way, 41 went the wrong way
    assert rules.indicator_progress(40, 30, 31.5, "lower") == pytest.approx(0.85)
    assert rules.status_of(rules.indicator_progress(40, 30, 31.5, "lower")) == "behind"
    assert rules.indicator_progress(40, 30, 41, "lower") < 0
    assert rules.status_of(rules.indicator_progress(40, 30, 29, "lower")) == "on_track"
    # hold the line: no change expected
    assert rules.indicator_progress(10, 10, 10, "lower") == 1.0
    assert rules.indicator_progress(10, 10, 12.5, "lower") == pytest.approx(0.8)
    assert rules.indicator_progress(10, 10, 9, "higher") == pytest.approx(0.9)
    assert rules.indicator_progress(None, 10, 9, "higher") is None
    assert rules.indicator_progress(10, 12, None, "higher") is None


def test_expected_value_follows_targets():
    e = lambda m: rules.expected_value(40, 38, 35, 25, 60, m)  # noqa: E731
    assert (e(0), e(6), e(12), e(36), e(60), e(66)) == (40, 38, 35, 30, 25, 25)
    assert rules.expected_value(40, None, None, 20, 60, 30) == 30
    assert rules.expected_value(None, 1, 2, 3, 60, 6) is None


def test_project_progress_against_time_elapsed():
    start, end = dt.date(2026, 10, 1), dt.date(2027, 9, 30)
    assert rules.expected_percent(start, end, dt.date(2026, 9, 1)) == 0
    assert rules.expected_percent(start, end, dt.date(2027, 10, 1)) == 100
    half = rules.expected_percent(start, end, dt.date(2027, 4, 1))
    assert 49 < half <= 50
    assert rules.project_progress(0, 0) == 1.0                   # not due yet
    assert rules.project_progress(45, 50) == pytest.approx(0.9)
    assert rules.project_progress(10, 50, "done") == 1.0
    assert rules.project_progress(10, 50, "cancelled") is None


def test_rollup_weights_and_caps():
    assert rules.rollup([(1.0, 1), (0.5, 1)]) == pytest.approx(0.75)
    assert rules.rollup([(1.0, 3), (0.5, 1)]) == pytest.approx(0.875)
    assert rules.rollup([(2.0, 1), (0.0, 1)]) == pytest.approx(0.5)   # far ahead cannot hide far behind
    assert rules.rollup([(-1.0, 1), (1.0, 1)]) == pytest.approx(0.5)
    assert rules.rollup([(None, 1), (0.9, 1)]) == pytest.approx(0.9)
    assert rules.rollup([(None, 1)]) is None and rules.rollup([(1.0, 0)]) is None


# ---- recording --------------------------------------------------------------------------------

@pytest.fixture
def planned(store, facilitator, workshop):
    """PM2.5 (lower) 40 -> 38 at 6 months; broadband (higher) 50 -> 60 at 6 months; one project."""
    indicators.save_values(store, facilitator, workshop.id, [
        IndicatorValues("ENV-PM25", 40, 2025, "PCD", target_6m=38, target_12m=35, target_horizon=25),
        IndicatorValues("PEO-INTERNET", 50, 2025, "NBTC", target_6m=60, target_12m=70, target_horizon=90)])
    s = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="Clean air",
                                provincial_issue_id=None, indicator_codes=["ENV-PM25"])
    p = projects.save_project(store, facilitator, workshop.id, projects.Project(
        name="Sensors", strategy_id=s.id, objective="Measure PM2.5", lead_agency="PCD office", target_group="All",
        fiscal_year_be=2570, dimensions=("ENV",),
        budget=(projects.BudgetLine("provincial", "sensors", Decimal("1000000")),)))
    return p


def test_record_actuals_statuses_and_rollups(store, facilitator, workshop, planned):
    assert checkpoints.record_actuals(store, facilitator, workshop.id, 6, [
        Actual("ENV-PM25", 38.2, dt.date(2026, 11, 1), "PCD station"),   # 90 % of the way: behind
        Actual("PEO-INTERNET", 61, None, "NBTC")]) == 2                  # ahead: on track
    by_code = {s.indicator.code: s for s in checkpoints.indicator_status(store, workshop.id, 6)}
    assert by_code["ENV-PM25"].status == "behind" and by_code["ENV-PM25"].expected == 38
    assert by_code["PEO-INTERNET"].status == "on_track"
    roll = {r.dimension: r for r in checkpoints.rollups(store, workshop.id, 6)}
    assert roll["ENV"].status == "behind" and roll["PEO"].status == "on_track"
    assert roll["MOB"].status == "no_data"
    assert roll["plan"].score == pytest.approx((0.9 + 1.0) / 2)
    checkpoints.set_weights(store, facilitator, workshop.id, {"ENV": 3})
    roll = {r.dimension: r for r in checkpoints.rollups(store, workshop.id, 6)}
    assert roll["plan"].score == pytest.approx((0.9 * 3 + 1.0) / 4)
    assert {s.indicator.code: s.status for s in checkpoints.indicator_status(store, workshop.id, 12)} == {
        "ENV-PM25": "no_data", "PEO-INTERNET": "no_data"}


def test_corrections_keep_history_and_audit(store, facilitator, workshop, planned):
    checkpoints.record_actuals(store, facilitator, workshop.id, 6, [Actual("ENV-PM25", 39.0, None, "first")])
    checkpoints.record_actuals(store, facilitator, workshop.id, 6, [Actual("ENV-PM25", 37.5, None, "corrected")])
    assert checkpoints.record_actuals(store, facilitator, workshop.id, 6, [Actual("ENV-PM25", 37.5, None, "corrected")]) == 0
    changes = [c for c in checkpoints.history(store, workshop.id) if c.what == "indicator:ENV-PM25"]
    assert [(c.old, c.new) for c in changes] == [("39.0", "37.5"), (None, "39.0")]
    entry = audit.entries(store, workshop.id, "checkpoint_actual")[0]
    assert entry.who == "facilitator" and '"value": 39.0' in entry.before and '"value": 37.5' in entry.after
    assert checkpoints.actuals(store, workshop.id, 6)[(6, "ENV-PM25")].value == 37.5


def test_bad_actuals_change_nothing(store, facilitator, workshop, planned, join):
    with pytest.raises(CellErrors) as e:
        checkpoints.record_actuals(store, facilitator, workshop.id, 6, [
            Actual("ENV-PM25", 30), Actual("NOPE", 1), Actual("PEO-INTERNET", 140),
            Actual("ENV-PM25", 1, dates.today() + dt.timedelta(days=3))])
    assert [(r, p) for r, _, p, _ in e.value.cells] == [(2, "error.unknown_indicator"), (3, "error.percent_range"),
                                                        (4, "error.future_date")]
    with pytest.raises(NotFound, match="checkpoint_not_found"):
        checkpoints.record_actuals(store, facilitator, workshop.id, 7, [Actual("ENV-PM25", 30)])
    with pytest.raises(PermissionDenied):
        checkpoints.record_actuals(store, join("p").actor(), workshop.id, 6, [Actual("ENV-PM25", 30)])
    assert checkpoints.actuals(store, workshop.id) == {}


def test_project_reports(store, facilitator, workshop, planned):
    report = ProjectReport(planned.id, "in_progress", 40, {"provincial": Decimal("300000")})
    checkpoints.record_project(store, facilitator, workshop.id, 6, report)
    (ps,) = checkpoints.project_status(store, workshop.id, 6)
    assert 49 < ps.expected_percent <= 50 and ps.status == "at_risk"   # 40 % done, ~49.5 % expected
    assert ps.spent == Decimal("300000") and ps.planned == Decimal("1000000")
    for bad, key in ((ProjectReport(planned.id, "in_progress", 101), "percent_range"),
                     (ProjectReport(planned.id, "in_progress", -1), "percent_range"),
                     (ProjectReport(planned.id, "paused", 10), "bad_choice"),
                     (ProjectReport(planned.id, "in_progress", 10, {"private": 5}), "spent_unknown_source"),
                     (ProjectReport(planned.id, "in_progress", 10, {"provincial": 1_200_000}), "overspent_needs_note")):
        with pytest.raises(ValidationError, match=key):
            checkpoints.record_project(store, facilitator, workshop.id, 6, bad)
    with pytest.raises(NotFound):
        checkpoints.record_project(store, facilitator, workshop.id, 6, ProjectReport("nope", "done", 100))
    assert checkpoints.project_reports(store, workshop.id, 6)[(6, planned.id)].percent == 40
    over = ProjectReport(planned.id, "delayed", 60, {"provincial": 1_200_000}, "Extra sensors from the reserve")
    checkpoints.record_project(store, facilitator, workshop.id, 6, over)
    assert checkpoints.project_status(store, workshop.id, 6)[0].spent == Decimal("1200000")
    done = ProjectReport(planned.id, "done", 100, {"provincial": 900_000})
    checkpoints.record_project(store, facilitator, workshop.id, 12, done)
    assert checkpoints.project_status(store, workshop.id, 12)[0].status == "on_track"


def test_after_action_review(store, facilitator, workshop):
    with pytest.raises(ValidationError, match="aar_empty"):
        checkpoints.save_review(store, facilitator, workshop.id, 6, planned="", happened="", why="", next_steps="")
    checkpoints.save_review(store, facilitator, workshop.id, 6, planned="20 sensors", happened="12 installed",
                            why="Procurement late", next_steps="Install 8 in Q3")
    aar = checkpoints.after_action_review(store, workshop.id, 6)
    assert (aar.happened, aar.next_steps) == ("12 installed", "Install 8 in Q3")
    assert checkpoints.after_action_review(store, workshop.id, 12) is None


def test_weights_validated(store, facilitator, workshop):
    for bad in ({"ENV": -1}, {"XYZ": 1}, {"ENV": "x"}, {d: 0 for d in checkpoints.catalogue.dimensions()}):
        with pytest.raises(ValidationError):
            checkpoints.set_weights(store, facilitator, workshop.id, bad)
    assert set(checkpoints.weights_of(store, workshop.id).values()) == {1.0}


def test_spending_compares_with_the_budget_planned_up_to_the_checkpoints_fiscal_year(store, facilitator, workshop):
    """A two-year project: at 6 months (FY 2570) only the first year's money is planned, so spending
    more than that needs a note; at 12 months (FY 2571) both years count."""
    s = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="Clean air",
                                provincial_issue_id=None, indicator_codes=[])
    p = projects.save_project(store, facilitator, workshop.id, projects.Project(
        name="Sensors", strategy_id=s.id, objective="o", lead_agency="a", target_group="g", fiscal_year_be=2570,
        last_fiscal_year_be=2571, budget=(projects.BudgetLine("provincial", "y1", Decimal("1000"), 2570),
                                          projects.BudgetLine("provincial", "y2", Decimal("500"), 2571),
                                          projects.BudgetLine("local", "y2", Decimal("200"), 2571))))
    cp6, cp12 = checkpoints.schedule(workshop)[:2]
    assert (cp6.fiscal_year_be, cp12.fiscal_year_be) == (2570, 2571)
    assert checkpoints.planned_through(p, cp6) == {"provincial": Decimal("1000"), "local": Decimal("0")}
    assert checkpoints.planned_through(p, cp12) == {"provincial": Decimal("1500"), "local": Decimal("200")}
    with pytest.raises(ValidationError, match="overspent_needs_note"):
        checkpoints.record_project(store, facilitator, workshop.id, 6,
                                   ProjectReport(p.id, "in_progress", 50, {"provincial": 1200}))
    checkpoints.record_project(store, facilitator, workshop.id, 12,
                               ProjectReport(p.id, "in_progress", 80, {"provincial": 1200, "local": 100}))
    status = {x.project.id: x for x in checkpoints.project_status(store, workshop.id, 6)}[p.id]
    assert status.planned == Decimal("1000")
    status = {x.project.id: x for x in checkpoints.project_status(store, workshop.id, 12)}[p.id]
    assert status.planned == Decimal("1700") and status.spent == Decimal("1300")


def test_a_measurement_date_typed_in_be_is_read_and_an_unreadable_one_refused_by_row(store, facilitator, workshop,
                                                                                     planned):
    day = min(dates.today(), workshop.start_date + dt.timedelta(days=10))
    typed = dates.format_date_typed(day, "th")
    assert checkpoints.record_actuals(store, facilitator, workshop.id, 6, [Actual("ENV-PM25", 38.5, typed)]) == 1
    assert checkpoints.actuals(store, workshop.id, 6)[(6, "ENV-PM25")].measured_on == day
    with pytest.raises(CellErrors) as err:
        checkpoints.record_actuals(store, facilitator, workshop.id, 6, [Actual("ENV-PM25", 38.0, "31/02/2569")])
    (message,) = err.value.messages("th")
    assert "31/02/2569" in message
    assert checkpoints.actuals(store, workshop.id, 6)[(6, "ENV-PM25")].value == 38.5
