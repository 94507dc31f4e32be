import datetime as dt

import pytest

from planning import workshops
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.roles import PARTICIPANT, Actor
from tests.conftest import make_workshop


def count(store):
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM workshop").fetchone()[0]


def test_create_and_read_back(store, facilitator):
    w = make_workshop(store, facilitator)
    assert w.province.name_en == "Nakhon Sawan"
    assert w.start_date == dt.date(2026, 10, 1) and w.horizon_years == 5
    assert len(w.join_code) == workshops.JOIN_CODE_LEN
    assert set(w.join_code) <= set(workshops.JOIN_ALPHABET)
    assert workshops.get_workshop(store, w.id) == w
    assert workshops.list_workshops(store) == [w]
    assert w.target_point == (w.province.lat, w.province.lon)


@pytest.mark.parametrize("overrides, key", [
    (dict(name="   "), "error.required"),
    (dict(name="ก" * 121), "error.too_long"),
    (dict(target_area=""), "error.required"),
    (dict(province_code="99"), "error.unknown_province"),
    (dict(province_code=""), "error.unknown_province"),
    (dict(level="district"), "error.bad_choice"),
    (dict(city_type="old"), "error.bad_choice"),
    (dict(horizon_years=0), "error.horizon"),
    (dict(horizon_years=21), "error.horizon"),
    (dict(horizon_years="five"), "error.horizon"),
    (dict(start_date="2026-10-01"), "error.start_date"),
    (dict(start_date=dt.date(1990, 1, 1)), "error.start_date"),
    (dict(target_lat=51.5, target_lon=0.1), "error.point_outside_thailand"),
])
def test_bad_input_is_rejected_and_saves_nothing(store, facilitator, overrides, key):
    with pytest.raises(ValidationError) as exc:
        make_workshop(store, facilitator, **overrides)
    assert exc.value.key == key
    assert exc.value.message("th") and exc.value.message("en")
    assert count(store) == 0


def test_duplicate_name_ignores_case_and_spacing(store, facilitator):
    make_workshop(store, facilitator, name="Nakhon Sawan Smart City")
    with pytest.raises(ValidationError) as exc:
        make_workshop(store, facilitator, name="  nakhon   sawan SMART city ")
    assert exc.value.key == "error.duplicate_workshop"
    assert count(store) == 1


def test_only_a_facilitator_creates(store):
    with pytest.raises(PermissionDenied):
        make_workshop(store, Actor(PARTICIPANT, "p", "w"))
    assert count(store) == 0


def test_join_code_lookup_is_forgiving_about_case_and_spaces(store, workshop):
    code = workshop.join_code
    assert workshops.find_by_join_code(store, code).id == workshop.id
    assert workshops.find_by_join_code(store, f" {code[:3].lower()} {code[3:]} ").id == workshop.id
    assert workshops.find_by_join_code(store, "ZZZZZZ") is None
    assert workshops.find_by_join_code(store, "") is None


def test_a_room_joining_at_once_reads_its_workshop_once(store, facilitator, workshop, monkeypatch):
    """Sixty phones naming the workshop and looking its code up share one reading for a few
    seconds; a changed target point is seen at once; a wrong code is looked up every time."""
    t = [100.0]
    monkeypatch.setattr(workshops, "clock", lambda: t[0])
    queries = []
    real_cursor = store.cursor

    def counting_cursor():
        queries.append(1)
        return real_cursor()
    monkeypatch.setattr(store, "cursor", counting_cursor)
    for _ in range(60):
        assert workshops.recent_by_join_code(store, workshop.join_code.lower()).id == workshop.id
        assert workshops.recent_workshop(store, workshop.id).name == workshop.name
    assert len(queries) == 2
    for _ in range(3):
        assert workshops.recent_by_join_code(store, "ZZZZZZ") is None
    assert len(queries) == 5
    with pytest.raises(NotFound):
        workshops.recent_workshop(store, "no such workshop")
    monkeypatch.setattr(store, "cursor", real_cursor)
    workshops.set_target_point(store, facilitator, workshop.id, 15.7, 100.12)
    assert workshops.recent_workshop(store, workshop.id).target_point == (15.7, 100.12)
    assert workshops.recent_by_join_code(store, workshop.join_code).target_point == (15.7, 100.12)
    t[0] += workshops.KEEP_SECONDS
    assert workshops.recent_workshop(store, workshop.id).target_point == (15.7, 100.12)


def test_target_point(store, facilitator, workshop):
    w = workshops.set_target_point(store, facilitator, workshop.id, 15.7, 100.12)
    assert w.target_point == (15.7, 100.12)
    with pytest.raises(ValidationError):
        workshops.set_target_point(store, facilitator, workshop.id, "north", 100)
    with pytest.raises(PermissionDenied):
        workshops.set_target_point(store, Actor(PARTICIPANT, "p", workshop.id), workshop.id, 15, 100)
    assert workshops.get_workshop(store, workshop.id).target_point == (15.7, 100.12)
