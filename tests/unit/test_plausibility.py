"""Implausible checkpoint values (far off the baseline, a measurement date before the plan started)
are saved only after the facilitator confirms them; nothing is written before."""
import datetime as dt

import pytest

from planning import checkpoints, indicators, rules, text
from planning.checkpoints import Actual, NeedsConfirmation
from planning.indicators import CellErrors, IndicatorValues


@pytest.mark.parametrize("value,baseline,warning", [
    (32.0, 32.0, None), (319.9, 32.0, None), (320.0, 32.0, "warn.actual_ratio"), (8832.0, 32.0, "warn.actual_ratio"),
    (3.3, 32.0, None), (3.2, 32.0, "warn.actual_fraction"), (0.0, 32.0, None), (-5.0, 32.0, "warn.actual_sign"),
    (500.0, None, None), (500.0, 0.0, None), (-40.0, -5.0, None)])
def test_the_rule(value, baseline, warning):
    found = rules.implausible_actual(value, baseline)
    assert (found[0] if found else None) == warning


def test_the_message_names_the_factor():
    key, params = rules.implausible_actual(8832.0, 32.0)
    assert text.t(key, "th", **params) == "ค่าจริง 8,832 เป็น 276 เท่าของค่าฐาน (32) ตรวจหน่วยหรือจุดทศนิยม"
    assert text.t(key, "en", **params).startswith("the actual 8,832 is 276× the baseline (32)")


@pytest.fixture
def baseline(store, facilitator, workshop):
    indicators.save_values(store, facilitator, workshop.id, [
        IndicatorValues("ENV-PM25", 32.0, 2025, "PCD", target_6m=30, target_12m=28, target_horizon=20)])


def rows_written(store):
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM checkpoint_actual").fetchone()[0]


def test_implausible_values_need_confirmation(store, facilitator, workshop, baseline):
    before_start = workshop.start_date - dt.timedelta(days=30)
    with pytest.raises(NeedsConfirmation) as asked:
        checkpoints.record_actuals(store, facilitator, workshop.id, 6, [
            Actual("ENV-PM25", 8832.0, before_start, "สถานี"), Actual("PEO-INTERNET", 61, None, "NBTC")])
    assert [(row, str(column), key) for row, column, key, _ in asked.value.cells] == [
        (1, "col.actual", "warn.actual_ratio"), (1, "col.measured_on", "warn.measured_before_start")]
    assert asked.value.cells[1][3] == {"start": workshop.start_date}
    assert isinstance(asked.value, CellErrors) and asked.value.key == "error.confirm_values"
    assert rows_written(store) == 0                     # nothing, not even the plausible row
    assert checkpoints.record_actuals(store, facilitator, workshop.id, 6, [
        Actual("ENV-PM25", 8832.0, before_start, "สถานี"), Actual("PEO-INTERNET", 61, None, "NBTC")],
        confirmed=True) == 2
    assert checkpoints.actuals(store, workshop.id, 6)[(6, "ENV-PM25")].value == 8832.0
    # saving the same rows again changes nothing, so nothing needs confirming
    assert checkpoints.record_actuals(store, facilitator, workshop.id, 6, [
        Actual("ENV-PM25", 8832.0, before_start, "สถานี")]) == 0
    # a correction to a plausible value goes straight through
    assert checkpoints.record_actuals(store, facilitator, workshop.id, 6, [Actual("ENV-PM25", 27.6, None, "สถานี")]) == 1


def test_hard_errors_come_before_doubts(store, facilitator, workshop, baseline):
    with pytest.raises(CellErrors) as refused:
        checkpoints.record_actuals(store, facilitator, workshop.id, 6, [
            Actual("ENV-PM25", 8832.0), Actual("PEO-INTERNET", 150)], confirmed=True)
    assert not isinstance(refused.value, NeedsConfirmation)
    assert [key for _, _, key, _ in refused.value.cells] == ["error.percent_range"]
    assert rows_written(store) == 0
