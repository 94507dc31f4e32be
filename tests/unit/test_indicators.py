import pytest

from planning import indicators
from planning.errors import PermissionDenied, ValidationError
from planning.indicators import CellErrors, IndicatorValues
from planning.roles import PARTICIPANT, Actor


def add(store, facilitator, workshop, **overrides):
    fields = dict(dimension="MOB", name_th="จำนวนผู้ใช้จักรยานสาธารณะ", name_en="Bike-share trips",
                  unit="trips/day", direction="higher", definition="เที่ยวต่อวัน", source="เทศบาล")
    fields.update(overrides)
    return indicators.add_custom_indicator(store, facilitator, workshop.id, **fields)


def test_catalogue_plus_custom_indicators(store, facilitator, workshop):
    assert len(indicators.workshop_indicators(store, workshop.id)) == 44
    ind = add(store, facilitator, workshop)
    assert ind.code == "C-1" and ind.custom and ind.dimension == "MOB"
    mob = indicators.workshop_indicators(store, workshop.id, "MOB")
    assert mob[-1] == ind and len(mob) == 7
    assert add(store, facilitator, workshop, name_th="อีกตัว", name_en="").name_en == "อีกตัว"


@pytest.mark.parametrize("overrides, key", [
    (dict(unit=" "), "error.required"),
    (dict(name_th=""), "error.required"),
    (dict(direction="up"), "error.bad_choice"),
    (dict(definition=""), "error.required"),
    (dict(dimension="XYZ"), "error.unknown_dimension"),
    (dict(name_th="สัดส่วนการเดินทางด้วยขนส่งสาธารณะ"), "error.duplicate_indicator"),  # a catalogue name
    (dict(name_th="x", name_en="Public transport modal share"), "error.duplicate_indicator"),
])
def test_bad_custom_indicator_saves_nothing(store, facilitator, workshop, overrides, key):
    with pytest.raises(ValidationError) as exc:
        add(store, facilitator, workshop, **overrides)
    assert exc.value.key == key
    assert len(indicators.workshop_indicators(store, workshop.id)) == 44


def test_duplicate_custom_indicator_in_the_same_dimension(store, facilitator, workshop):
    add(store, facilitator, workshop)
    with pytest.raises(ValidationError):
        add(store, facilitator, workshop, name_th="  จำนวนผู้ใช้จักรยานสาธารณะ ", name_en="")
    add(store, facilitator, workshop, dimension="ENV")  # same name, other dimension: allowed


def test_save_values_keeps_history_and_only_writes_changes(store, facilitator, workshop):
    v = IndicatorValues("ENV-PM25", 31.0, 2024, "PCD", 25.0, "WHO", 30.0, 28.0, 20.0)
    assert indicators.save_values(store, facilitator, workshop.id, [v]) == 1
    assert indicators.save_values(store, facilitator, workshop.id, [v]) == 0
    v2 = IndicatorValues(**{**v.__dict__, "target_6m": 29.5})
    assert indicators.save_values(store, facilitator, workshop.id, [v2]) == 1
    assert indicators.current_values(store, workshop.id)["ENV-PM25"] == v2
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM indicator_value").fetchone()[0] == 2


def test_bad_values_name_row_and_column_and_save_nothing(store, facilitator, workshop):
    rows = [IndicatorValues("ENV-PM25", 31.0, 2024),
            IndicatorValues("ENV-RECYC", 120.0, 2024),            # percent > 100
            IndicatorValues("ENV-GREEN", 5.0, 1500),              # year out of range
            IndicatorValues("NOPE", 1.0),
            IndicatorValues("ECO-UNEMP", float("nan"))]
    with pytest.raises(CellErrors) as exc:
        indicators.save_values(store, facilitator, workshop.id, rows)
    cells = [(row, col, key) for row, col, key, _ in exc.value.cells]
    assert cells == [(2, "col.baseline_value", "error.percent_range"),
                     (3, "col.baseline_year", "error.year_range"),
                     (4, "col.indicator_code", "error.unknown_indicator"),
                     (5, "col.baseline_value", "error.not_a_number")]
    assert exc.value.messages("en")[0] == ("Row 2, column “Baseline”: a percentage must be between 0 and 100"
                                           " (found 120.0)")
    assert indicators.current_values(store, workshop.id) == {}


def test_participants_cannot_set_values(store, workshop):
    with pytest.raises(PermissionDenied):
        indicators.save_values(store, Actor(PARTICIPANT, "p", workshop.id), workshop.id,
                               [IndicatorValues("ENV-PM25", 1.0)])


def test_indicator_rows_compute_gap_and_flags(store, facilitator, workshop):
    indicators.save_values(store, facilitator, workshop.id, [
        IndicatorValues("ENV-PM25", 31.0, 2024, None, 25.0, None, 32.0, 28.0, 20.0),
        IndicatorValues("ENV-RECYC", 20.0, 2024, None, 30.0, None, 22.0, 21.0, 35.0)])
    rows = {r.indicator.code: r for r in indicators.indicator_rows(store, workshop.id, "ENV", only_with_data=True)}
    assert set(rows) == {"ENV-PM25", "ENV-RECYC"}
    assert rows["ENV-PM25"].gap == -6.0 and rows["ENV-PM25"].gap_status == "worse"
    assert rows["ENV-PM25"].flags == ["target.flag.wrong_way_6m"]
    assert rows["ENV-RECYC"].gap == -10.0 and rows["ENV-RECYC"].flags == ["target.flag.12m_behind_6m"]
