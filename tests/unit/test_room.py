"""The room on the projector and phones: countdowns, counts with percentages, moderated short
answers, what is open (polled by every phone), the projector's settings, rejoining on the same
phone, and the join address phones can reach."""
import datetime as dt

import pytest

from planning import activities, addresses, capacity, live, participants, qr, settings
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.store import now


def make(store, facilitator, workshop, kind="dots", options=("A", "B", "C"), **kw):
    return activities.create_activity(store, facilitator, workshop.id, kind=kind, title="Q",
                                      options=list(options or []), **kw)


# ---- countdown ------------------------------------------------------------------------------------

def test_a_countdown_runs_from_the_opening_and_closes_nothing(store, facilitator, workshop, join):
    a = make(store, facilitator, workshop)
    opened = activities.open_activity(store, facilitator, workshop.id, a.id, timer_seconds=90)
    assert opened.ends_at == opened.state_at + dt.timedelta(seconds=90)
    assert 85 < opened.seconds_left() <= 90
    assert opened.seconds_left(opened.state_at + dt.timedelta(seconds=30)) == 60
    assert opened.seconds_left(opened.state_at + dt.timedelta(minutes=5)) == 0
    # run out: still open, votes still count (closing is the facilitator's act)
    with store.cursor() as cur:
        cur.execute("UPDATE activity_state SET ends_at = ? WHERE activity_id = ? AND state = 'open'",
                    [now() - dt.timedelta(seconds=1), a.id])
    late = activities.get_activity(store, a.id)
    assert late.state == activities.OPEN and late.seconds_left() == 0
    x = activities.options(store, a.id)[0].id
    activities.submit_ballot(store, join("p").actor(), workshop.id, a.id, {x: 1})
    closed = activities.close_activity(store, facilitator, workshop.id, a.id)
    assert closed.seconds_left() is None
    again = activities.open_activity(store, facilitator, workshop.id, a.id)  # reopened without one
    assert again.ends_at is None and again.seconds_left() is None


@pytest.mark.parametrize("seconds", [0, 9, 3601, 1.5, True, "60"])
def test_a_countdown_out_of_range_opens_nothing(store, facilitator, workshop, seconds):
    a = make(store, facilitator, workshop)
    with pytest.raises(ValidationError) as e:
        activities.open_activity(store, facilitator, workshop.id, a.id, timer_seconds=seconds)
    assert e.value.key == "error.timer_range"
    assert activities.get_activity(store, a.id).state == activities.DRAFT


def test_opening_another_activity_ends_the_first_ones_countdown(store, facilitator, workshop):
    a, b = make(store, facilitator, workshop), make(store, facilitator, workshop)
    activities.open_activity(store, facilitator, workshop.id, a.id, timer_seconds=60)
    activities.open_activity(store, facilitator, workshop.id, b.id)
    first = activities.get_activity(store, a.id)
    assert first.state == activities.CLOSED and first.seconds_left() is None


# ---- counts and percentages -----------------------------------------------------------------------

def test_dot_shares_are_of_all_dots_and_poll_shares_of_the_people(store, facilitator, workshop, join):
    dots = make(store, facilitator, workshop, allowance=3)
    activities.open_activity(store, facilitator, workshop.id, dots.id)
    x, y, _ = [o.id for o in activities.options(store, dots.id)]
    activities.submit_ballot(store, join("p").actor(), workshop.id, dots.id, {x: 3})
    activities.submit_ballot(store, join("q").actor(), workshop.id, dots.id, {x: 1})
    shares = {t.label: (t.total, t.share) for t in activities.results(store, dots.id).tallies}
    assert shares == {"A": (4, 1.0), "B": (0, 0.0), "C": (0, 0.0)}

    multi = make(store, facilitator, workshop, kind="multi", allowance=2)
    activities.open_activity(store, facilitator, workshop.id, multi.id)
    a, b, c = [o.id for o in activities.options(store, multi.id)]
    for name, ballot in (("r", {a: 1, b: 1}), ("s", {a: 1}), ("t", {c: 1}), ("u", {a: 1, c: 1})):
        activities.submit_ballot(store, join(name).actor(), workshop.id, multi.id, ballot)
    res = activities.results(store, multi.id)
    assert res.respondents == 4
    assert [(t.label, t.total, t.share) for t in res.tallies] == [("A", 3, 0.75), ("C", 2, 0.5), ("B", 1, 0.25)]


def test_no_votes_means_zero_percent_not_an_error(store, facilitator, workshop):
    a = make(store, facilitator, workshop, kind="single")
    assert all(t.share == 0.0 for t in activities.results(store, a.id).tallies)


# ---- moderated short answers ----------------------------------------------------------------------

def answer(store, workshop, activity, person, text):
    return activities.add_answer(store, person.actor(), workshop.id, activity.id, text)


def test_a_hidden_answer_never_reaches_the_results(store, facilitator, workshop, join):
    a = make(store, facilitator, workshop, kind="text", options=None, allowance=2)
    activities.open_activity(store, facilitator, workshop.id, a.id)
    p, q, r = join("p"), join("q"), join("r")
    answer(store, workshop, a, p, "สวนสาธารณะ")
    answer(store, workshop, a, q, "คำหยาบ")
    answer(store, workshop, a, r, "สวนสาธารณะ")
    activities.set_answer_shown(store, facilitator, workshop.id, a.id, "คำหยาบ", False)
    answer(store, workshop, a, p, "  คำหยาบ ")  # reads the same, given later: hidden too
    res = activities.results(store, a.id)
    assert [(t.label, t.total, t.share) for t in res.tallies] == [("สวนสาธารณะ", 2, 1.0)]
    assert res.respondents == 2  # q gave only the hidden answer
    review = activities.answers_for_review(store, facilitator, workshop.id, a.id)
    assert [(g.label, g.count, g.shown) for g in review] == [("สวนสาธารณะ", 2, True), ("คำหยาบ", 2, False)]
    assert activities.my_answers_shown(store, a, activities.my_answers(store, a.id, p.id)) == [True, False]
    # shown again: back in the results; the decisions are appended, never updated
    activities.set_answer_shown(store, facilitator, workshop.id, a.id, "คำหยาบ", True)
    assert {t.label for t in activities.results(store, a.id).tallies} == {"สวนสาธารณะ", "คำหยาบ"}
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM activity_answer_review").fetchone() == (2,)


def test_a_moderated_activity_shows_answers_only_once_let_through(store, facilitator, workshop, join):
    a = make(store, facilitator, workshop, kind="text", options=None, moderated=True)
    assert a.moderated
    activities.open_activity(store, facilitator, workshop.id, a.id)
    answer(store, workshop, a, join("p"), "ตลาดน้ำ")
    answer(store, workshop, a, join("q"), "รถไฟฟ้า")
    res = activities.results(store, a.id)
    assert res.tallies == () and res.respondents == 0
    activities.set_answer_shown(store, facilitator, workshop.id, a.id, "รถไฟฟ้า", True)
    assert [t.label for t in activities.results(store, a.id).tallies] == ["รถไฟฟ้า"]
    activities.close_activity(store, facilitator, workshop.id, a.id)
    assert activities.promote_winners(store, facilitator, workshop.id, a.id) == 1
    assert [c.title for c in activities.candidates(store, workshop.id)] == ["รถไฟฟ้า"]


def test_only_the_facilitator_moderates_and_only_short_answers(store, facilitator, workshop, join):
    a = make(store, facilitator, workshop, kind="text", options=None)
    p = join("p").actor()
    with pytest.raises(PermissionDenied):
        activities.set_answer_shown(store, p, workshop.id, a.id, "x", False)
    with pytest.raises(PermissionDenied):
        activities.answers_for_review(store, p, workshop.id, a.id)
    poll = make(store, facilitator, workshop, kind="single")
    with pytest.raises(NotFound):
        activities.set_answer_shown(store, facilitator, workshop.id, poll.id, "A", False)
    assert not make(store, facilitator, workshop, moderated=True).moderated  # a vote has nothing to moderate


# ---- what is open: every phone asks ---------------------------------------------------------------

def test_what_is_open_changes_with_every_opening_and_closing(store, facilitator, workshop):
    nothing = live.now_open(store, workshop.id)
    assert not nothing.anything and nothing.titles == ()
    a = make(store, facilitator, workshop)
    activities.open_activity(store, facilitator, workshop.id, a.id)
    opened = live.now_open(store, workshop.id)
    assert opened.titles == ("Q",) and opened.signature != nothing.signature
    s = capacity.create_session(store, facilitator, workshop.id, title="อบรม", held_on=dt.date(2026, 11, 20),
                                questions=["ข้อ 1"])
    capacity.set_phase(store, facilitator, workshop.id, s.id, "pre")
    assert live.now_open(store, workshop.id).titles == ("Q", "อบรม")
    activities.close_activity(store, facilitator, workshop.id, a.id)
    capacity.set_phase(store, facilitator, workshop.id, s.id, "closed")
    closed = live.now_open(store, workshop.id)
    assert not closed.anything and closed.signature not in (nothing.signature, opened.signature)


def test_what_is_open_is_read_once_a_second_and_again_after_a_change(store, facilitator, workshop, monkeypatch):
    t = [100.0]
    monkeypatch.setattr(live, "clock", lambda: t[0])
    queries = []
    real_cursor = store.cursor

    def counting_cursor():
        queries.append(1)
        return real_cursor()
    monkeypatch.setattr(store, "cursor", counting_cursor)
    for _ in range(60):  # sixty phones within the second
        live.now_open(store, workshop.id)
    assert len(queries) == 1
    a = make(store, facilitator, workshop)
    activities.open_activity(store, facilitator, workshop.id, a.id)  # forgets what it kept
    queries.clear()
    assert live.now_open(store, workshop.id).anything and len(queries) == 1
    t[0] += live.KEEP_SECONDS
    live.now_open(store, workshop.id)
    assert len(queries) == 2


def test_what_phones_draw_on_the_live_page_is_read_once_for_the_room(store, facilitator, workshop, monkeypatch):
    """The open activities and sessions are one shared reading; opening, closing or a new phase is
    seen at once. An activity's options never change, so they are read once per activity."""
    t = [100.0]
    monkeypatch.setattr(live, "clock", lambda: t[0])
    a = make(store, facilitator, workshop)
    s = capacity.create_session(store, facilitator, workshop.id, title="อบรม", held_on=dt.date(2026, 11, 20),
                                questions=["ข้อ 1"])
    assert activities.open_now(store, workshop.id) == () and capacity.open_now(store, workshop.id) == ()
    activities.open_activity(store, facilitator, workshop.id, a.id)
    assert [x.id for x in activities.open_now(store, workshop.id)] == [a.id]
    capacity.set_phase(store, facilitator, workshop.id, s.id, "pre")
    assert [x.phase for x in capacity.open_now(store, workshop.id)] == ["pre"]
    assert [x.id for x in activities.open_now(store, workshop.id)] == [a.id]  # read again after the phase
    activities.options(store, a.id)
    queries = []
    real_cursor = store.cursor

    def counting_cursor():
        queries.append(1)
        return real_cursor()
    monkeypatch.setattr(store, "cursor", counting_cursor)
    for _ in range(60):  # sixty phones drawing the live page within the second
        activities.open_now(store, workshop.id), capacity.open_now(store, workshop.id)
        assert [o.label for o in activities.options(store, a.id)] == ["A", "B", "C"]
    assert queries == []
    monkeypatch.setattr(store, "cursor", real_cursor)
    capacity.set_phase(store, facilitator, workshop.id, s.id, "post")
    assert [x.phase for x in capacity.open_now(store, workshop.id)] == ["post"]
    activities.close_activity(store, facilitator, workshop.id, a.id)
    assert activities.open_now(store, workshop.id) == ()
    assert [x.id for x in activities.open_now(store, "another workshop")] == []


# ---- projector settings ---------------------------------------------------------------------------

def test_swot_authors_are_named_on_the_projector_until_the_facilitator_says_not(store, facilitator, workshop, join):
    name = settings.SWOT_AUTHORS_ON_PROJECTOR
    assert settings.get(store, workshop.id, name) is True
    settings.put(store, facilitator, workshop.id, name, False)
    assert settings.get(store, workshop.id, name) is False
    settings.put(store, facilitator, workshop.id, name, True)
    assert settings.get(store, workshop.id, name) is True
    with pytest.raises(PermissionDenied):
        settings.put(store, join("p").actor(), workshop.id, name, False)
    with pytest.raises(ValidationError):
        settings.put(store, facilitator, workshop.id, "no_such_setting", True)


# ---- rejoining on the same phone ------------------------------------------------------------------

def test_a_phone_that_joined_before_is_the_same_participant(store, facilitator, workshop):
    from tests.conftest import make_workshop

    p, token = participants.join(store, workshop.join_code, "สมศรี", "civil")
    other = make_workshop(store, facilitator, name="อีกงาน")
    q, other_token = participants.join(store, other.join_code, "สมศรี", "civil")
    before = participants.count_by_sector(store, workshop.id)
    again, same = participants.join(store, workshop.join_code, "", None, device_tokens=[other_token, "junk", token])
    assert (again, same) == (p, token)
    assert participants.count_by_sector(store, workshop.id) == before
    assert participants.returning(store, workshop.id, ["junk"]) is None
    assert participants.returning(store, other.id, [token, other_token]) == (q, other_token)


def test_a_new_participant_must_choose_a_sector(store, workshop):
    for sector in (None, ""):
        with pytest.raises(ValidationError) as e:
            participants.join(store, workshop.join_code, "สมศรี", sector)
        assert e.value.key == "error.sector_required"
    assert participants.count_by_sector(store, workshop.id) == dict.fromkeys(participants.SECTORS, 0)


# ---- the address phones join at -------------------------------------------------------------------

def test_usable_addresses_drop_loopback_and_put_the_venue_network_first():
    found = ["127.0.0.1", "127.0.1.1", "::1", "169.254.3.4", "203.0.113.9", "192.168.1.20", "10.0.0.5",
             "192.168.1.20", "fe80::1%wlan0", "not an address", "0.0.0.0", "224.0.0.1"]
    assert addresses.usable(found) == ["10.0.0.5", "192.168.1.20", "203.0.113.9"]


def test_machine_addresses_are_gathered_from_every_finder_that_works():
    def broken():
        raise OSError("no network")
    assert addresses.machine_addresses([lambda: ["127.0.0.1", "192.168.1.20"], broken, lambda: ["192.168.1.20"]]) \
        == ["192.168.1.20"]
    assert all(isinstance(a, str) for a in addresses.machine_addresses())  # the real finders do not fail


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("localhost", True), ("LOCALHOST", True), ("app.localhost", True),
    ("::1", True), ("[::1]", True), ("192.168.1.20", False), ("smartcity.example", False), ("", False), (None, False)])
def test_loopback_hosts(host, loopback):
    assert addresses.is_loopback(host) is loopback


def test_public_url_is_checked():
    assert addresses.public_url("") is None
    assert addresses.public_url("https://room.example.go.th/workshop/") == "https://room.example.go.th/workshop"
    for bad in ("room.example", "ftp://x", "https://", "https://x/?a=1"):
        with pytest.raises(ValueError, match="SMARTCITY_PUBLIC_URL"):
            addresses.public_url(bad)


def test_the_join_address_phones_can_reach():
    found = ["127.0.0.1", "192.168.1.20", "10.0.0.5"]
    # a configured public address wins
    assert addresses.join_address("http://127.0.0.1:8501/projector", "https://x.example/ws", "0.0.0.0", found).base \
        == "https://x.example/ws"
    # the facilitator's own network address is used as it is
    lan = addresses.join_address("http://192.168.1.20:8501/projector", None, "0.0.0.0", found)
    assert lan.base == "http://192.168.1.20:8501" and not lan.loopback and not lan.alternatives
    # a loopback address: this machine's network addresses instead, same port, the chosen one if offered
    here = addresses.join_address("http://localhost:8501/projector", None, "0.0.0.0", found)
    assert here.loopback and here.alternatives == ("http://10.0.0.5:8501", "http://192.168.1.20:8501")
    assert here.base == "http://10.0.0.5:8501" and not here.listening_here_only
    assert addresses.join_address("http://localhost:8501/", None, "", found, chosen="http://192.168.1.20:8501").base \
        == "http://192.168.1.20:8501"
    assert addresses.join_address("http://localhost:8501/", None, "", found, chosen="http://evil:1").base \
        == "http://10.0.0.5:8501"
    # nothing to offer: the page's own address, and the page says why
    none = addresses.join_address("http://127.0.0.1:8501/", None, "127.0.0.1", [])
    assert none.base == "http://127.0.0.1:8501" and none.alternatives == () and none.listening_here_only


def test_join_link_keeps_a_public_path():
    assert qr.join_link("https://x.example/ws", "ABC234") == "https://x.example/ws/?code=ABC234"
    assert qr.join_link("http://192.168.1.20:8501", "ABC234") == "http://192.168.1.20:8501/?code=ABC234"


def test_machine_addresses_are_asked_again_only_after_a_minute(monkeypatch):
    asked = []
    monkeypatch.setattr(addresses, "FINDERS", (lambda: asked.append(1) or ["192.168.1.20"],))
    assert addresses.recent_machine_addresses() == ["192.168.1.20"]
    assert addresses.recent_machine_addresses() == ["192.168.1.20"]
    assert len(asked) == 1  # the same options for the facilitator's choice from run to run
    assert addresses.recent_machine_addresses(max_age=0) == ["192.168.1.20"]
    assert len(asked) == 2
