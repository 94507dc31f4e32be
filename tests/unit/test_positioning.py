import contextlib
import statistics
import threading

import pytest

from planning import positioning, rules
from planning.errors import NotFound, PermissionDenied, ValidationError
from tests.conftest import make_workshop


def votes(store, workshop_id):
    return {i.text: i.votes for items in positioning.swot_board(store, workshop_id).values() for i in items}


def test_items_and_votes_rank_the_board(store, workshop, join):
    a, b, c = join("a").actor(), join("b").actor(), join("c").actor()
    s1 = positioning.add_swot_item(store, a, workshop.id, "S", "มหาวิทยาลัย")
    s2 = positioning.add_swot_item(store, b, workshop.id, "S", "โรงพยาบาล")
    positioning.add_swot_item(store, c, workshop.id, "T", "น้ำท่วม")
    for who in (a, b, c):
        positioning.set_vote(store, who, workshop.id, s2, True)
    positioning.set_vote(store, a, workshop.id, s1, True)
    board = positioning.swot_board(store, workshop.id, a.participant_id)
    assert [(i.text, i.votes) for i in board["S"]] == [("โรงพยาบาล", 3), ("มหาวิทยาลัย", 1)]
    assert [i.voted_by_me for i in board["S"]] == [True, True]
    assert board["W"] == [] and board["O"] == []
    assert board["T"][0].author == "c"


def test_voting_twice_counts_once_and_withdrawal_is_appended(store, workshop, join):
    a = join("a").actor()
    item = positioning.add_swot_item(store, a, workshop.id, "O", "รถไฟทางคู่")
    positioning.set_vote(store, a, workshop.id, item, True)
    positioning.set_vote(store, a, workshop.id, item, True)
    assert votes(store, workshop.id)["รถไฟทางคู่"] == 1
    positioning.set_vote(store, a, workshop.id, item, False)
    assert votes(store, workshop.id)["รถไฟทางคู่"] == 0
    positioning.set_vote(store, a, workshop.id, item, True)
    assert votes(store, workshop.id)["รถไฟทางคู่"] == 1
    with store.cursor() as cur:  # append-only: three state changes, three rows
        assert cur.execute("SELECT count(*) FROM swot_vote").fetchone()[0] == 3


def test_concurrent_votes_from_many_participants_are_all_counted(store, workshop, join):
    people = [join(f"p{i}").actor() for i in range(30)]
    item = positioning.add_swot_item(store, people[0], workshop.id, "S", "ทุกคนโหวต")
    barrier = threading.Barrier(len(people))

    def vote(actor):
        barrier.wait()
        positioning.set_vote(store, actor, workshop.id, item, True)

    threads = [threading.Thread(target=vote, args=(p,)) for p in people]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert votes(store, workshop.id)["ทุกคนโหวต"] == 30


def test_who_may_do_what(store, facilitator, workshop, join):
    a = join("a").actor()
    other = make_workshop(store, facilitator, name="อีกเวิร์กช็อป")
    item = positioning.add_swot_item(store, facilitator, workshop.id, "W", "by facilitator")
    with pytest.raises(PermissionDenied):
        positioning.set_vote(store, facilitator, workshop.id, item, True)
    with pytest.raises(PermissionDenied):  # a participant acts only in their own workshop
        positioning.add_swot_item(store, a, other.id, "S", "x")
    with pytest.raises(PermissionDenied):
        positioning.save_statements(store, a, workshop.id, "v", "p", [])
    with pytest.raises(NotFound):
        positioning.set_vote(store, a, workshop.id, "no-such-item", True)
    other_item = positioning.add_swot_item(store, facilitator, other.id, "S", "elsewhere")
    with pytest.raises(NotFound):  # an item of another workshop cannot be voted through this one
        positioning.set_vote(store, a, workshop.id, other_item, True)


@pytest.mark.parametrize("quadrant, text, key", [
    ("X", "ok", "error.bad_choice"),
    ("S", "   ", "error.required"),
    ("S", "ก" * 201, "error.too_long"),
])
def test_bad_swot_items_save_nothing(store, workshop, join, quadrant, text, key):
    a = join("a").actor()
    with pytest.raises(ValidationError) as exc:
        positioning.add_swot_item(store, a, workshop.id, quadrant, text)
    assert exc.value.key == key
    assert sum(len(v) for v in positioning.swot_board(store, workshop.id).values()) == 0


def test_statements_keep_history_and_check_lead_dimensions(store, facilitator, workshop):
    assert positioning.current_statements(store, workshop.id) is None
    positioning.save_statements(store, facilitator, workshop.id, "v1", "p1", ["LIV", "ENV"])
    s = positioning.save_statements(store, facilitator, workshop.id, "v2", "p2", ["MOB"])
    assert (s.vision, s.positioning, s.lead_dimensions) == ("v2", "p2", ("MOB",))
    assert positioning.statement_versions(store, workshop.id) == 2
    with pytest.raises(ValidationError) as exc:
        positioning.save_statements(store, facilitator, workshop.id, "v", "p", ["ENV", "ECO", "MOB", "LIV"])
    assert exc.value.key == "error.too_many_lead_dimensions"
    with pytest.raises(ValidationError):
        positioning.save_statements(store, facilitator, workshop.id, "v", "p", ["XXX"])
    with pytest.raises(ValidationError):
        positioning.save_statements(store, facilitator, workshop.id, "ก" * 1001, "p", [])
    assert positioning.statement_versions(store, workshop.id) == 2
    first = positioning.save_statements(store, facilitator, workshop.id, "v", "p", ["LIV", "ENV"])
    assert first.lead_dimensions == ("ENV", "LIV")  # catalogue order


def test_profile_compares_with_the_median_of_all_provinces(store):
    values = {"10": 20.0, "40": 30.0, "50": 35.0, "60": 25.0}
    positioning.add_observations(store, [(p, "ENV-PM25", 2024, v, "test", False) for p, v in values.items()]
                                 + [("60", "ENV-RECYC", 2023, 12.0, "test", False),
                                    ("10", "ENV-RECYC", 2023, 30.0, "test", False),
                                    ("60", "ENV-PM25", 2022, 99.0, "old", False)])
    rows = {r.indicator.code: r for r in positioning.profile(store, "60")}
    pm = rows["ENV-PM25"]
    assert (pm.year, pm.value, pm.provinces_with_data) == (2024, 25.0, 4)
    assert pm.median == statistics.median(values.values())
    assert pm.comparison == rules.BETTER  # 25 < 27.5 and lower is better
    rec = rows["ENV-RECYC"]
    assert (rec.median, rec.comparison) == (21.0, rules.WORSE)
    assert positioning.profile(store, "96") == []


def test_a_corrected_observation_replaces_the_earlier_one(store):
    positioning.add_observations(store, [("60", "ECO-UNEMP", 2024, 2.0, "first", False)])
    positioning.add_observations(store, [("60", "ECO-UNEMP", 2024, 1.5, "corrected", False)])
    (row,) = positioning.profile(store, "60")
    assert (row.value, row.source, row.provinces_with_data) == (1.5, "corrected", 1)


def test_observations_are_validated_as_a_whole(store):
    with pytest.raises(ValidationError):
        positioning.add_observations(store, [("60", "ENV-PM25", 2024, 1.0, "s", False),
                                             ("60", "NOPE", 2024, 1.0, "s", False)])
    with pytest.raises(ValidationError):
        positioning.add_observations(store, [("00", "ENV-PM25", 2024, 1.0, "s", False)])
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM indicator_observation").fetchone()[0] == 0


@pytest.mark.parametrize("value, reference, direction, expected", [
    (10, 5, "higher", rules.BETTER), (10, 5, "lower", rules.WORSE),
    (3, 5, "higher", rules.WORSE), (3, 5, "lower", rules.BETTER),
    (5, 5, "higher", rules.SAME), (5, 5, "lower", rules.SAME),
])
def test_compare_respects_direction(value, reference, direction, expected):
    assert rules.compare(value, reference, direction) == expected


def test_compare_rejects_unknown_direction():
    with pytest.raises(ValueError):
        rules.compare(1, 2, "sideways")


def test_numbers_a_phone_has_shown_never_shift(store, workshop, join, monkeypatch):
    """Phone A's item is stamped, then A's server thread stalls (a loaded machine) while phone B
    adds to the same quadrant and phone C draws the board. When A's item lands, the numbers C
    showed, and voted by, must be the numbers the board still gives."""
    a, b = join("a").actor(), join("b").actor()
    stamped, go = threading.Event(), threading.Event()
    real_now = positioning.now

    def stalling_now():
        value = real_now()
        if threading.current_thread().name == "phone-a":
            stamped.set()
            go.wait(10)
        return value

    monkeypatch.setattr(positioning, "now", stalling_now)
    phone_a = threading.Thread(target=positioning.add_swot_item, name="phone-a",
                               args=(store, a, workshop.id, "S", "ของ A"))
    phone_a.start()
    assert stamped.wait(10)
    phone_b = threading.Thread(target=positioning.add_swot_item, name="phone-b",
                               args=(store, b, workshop.id, "S", "ของ B"))
    phone_b.start()
    phone_b.join(0.5)  # time for B to land ahead of A's earlier stamp, if it can
    shown = {i.text: i.number for i in positioning.swot_board(store, workshop.id)["S"]}
    go.set()
    phone_a.join(10)
    phone_b.join(10)
    after = {i.text: i.number for i in positioning.swot_board(store, workshop.id)["S"]}
    assert {text: after[text] for text in shown} == shown
    assert sorted(after.values()) == [1, 2]


def test_choice_label_is_the_stable_number_and_the_escaped_shortened_text(store, workshop, join):
    a = join("a").actor()
    positioning.add_swot_item(store, a, workshop.id, "W", "**ตัวหนา** " + "ก" * 80)
    item = positioning.swot_board(store, workshop.id)["W"][0]
    label = positioning.choice_label(item)
    assert label.startswith("1\\. \\*\\*ตัวหนา\\*\\* ก") and label.endswith("ก…")
    assert len(label.replace("\\", "")) == len("1. ") + positioning.CHOICE_TEXT_MAX


def test_numbers_never_shift_when_two_processes_share_postgresql(new_location, monkeypatch):
    """As above, with phone A and phone B on two app processes (two stores on one PostgreSQL):
    no lock in either process's memory can order them, the database's turn does."""
    import datetime as dt

    from planning import participants as people, workshops
    from planning.roles import FACILITATOR, Actor
    from planning.store import Store

    url = new_location("postgresql")
    first, second = Store(url), Store(url)
    w = workshops.create_workshop(first, Actor(FACILITATOR), name="ร่วมกันสองเครื่อง", province_code="60",
                                  target_area="เมือง", level="city", city_type="livable", horizon_years=5,
                                  start_date=dt.date(2026, 10, 1))
    a = people.join(first, w.join_code, "a", "government")[0].actor()
    b = people.join(second, w.join_code, "b", "government")[0].actor()
    stamped, go = threading.Event(), threading.Event()
    real_now = positioning.now

    def stalling_now():
        value = real_now()
        if threading.current_thread().name == "phone-a":
            stamped.set()
            go.wait(10)
        return value

    class OwnMemory(dict):
        """What each process keeps for itself: here each phone's thread stands for its process."""
        def _mine(self):
            return kept.setdefault(threading.current_thread().name, {})

        def __contains__(self, key):
            return key in self._mine()

        def __getitem__(self, key):
            return self._mine()[key]

        def __setitem__(self, key, value):
            self._mine()[key] = value

    kept = {}
    monkeypatch.setattr(positioning, "_last_stamp", OwnMemory())
    monkeypatch.setattr(positioning, "_ADD_IN_ORDER", contextlib.nullcontext())  # a lock orders one process only
    monkeypatch.setattr(positioning, "now", stalling_now)
    phone_a = threading.Thread(target=positioning.add_swot_item, name="phone-a", args=(first, a, w.id, "S", "ของ A"))
    phone_a.start()
    assert stamped.wait(10)
    phone_b = threading.Thread(target=positioning.add_swot_item, name="phone-b", args=(second, b, w.id, "S", "ของ B"))
    phone_b.start()
    phone_b.join(0.5)
    shown = {i.text: i.number for i in positioning.swot_board(second, w.id)["S"]}
    go.set()
    phone_a.join(10)
    phone_b.join(10)
    after = {i.text: i.number for i in positioning.swot_board(first, w.id)["S"]}
    assert {text: after[text] for text in shown} == shown and sorted(after.values()) == [1, 2]
    first.close()
    second.close()
