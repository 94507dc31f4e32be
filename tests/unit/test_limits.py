"""Limits on guessing: per session backoff, a ceiling that slows instead of refusing, passwords
limited per session and for everyone, forwarded addresses believed only from a configured proxy.
Every test runs on a fake clock; a join that must wait its turn advances it instead of sleeping."""
import pytest

from planning import limits, participants, roles
from planning.errors import ValidationError
from planning.limits import TooManyAttempts


class Clock:
    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(limits, "clock", c)
    monkeypatch.setattr(limits, "wall", c)  # the limits a PostgreSQL store counts run on it too
    monkeypatch.setattr(limits, "sleep", c.sleep)
    limits.reset_all()
    yield c
    limits.reset_all()


def test_sliding_window(clock):
    limit = limits.RateLimit(2, 60)
    limit.hit("k")
    limit.hit("k")
    with pytest.raises(ValidationError) as e:
        limit.check("k")
    assert e.value.key == "error.too_many_attempts" and e.value.params["seconds"] == 61
    limit.check("other")
    clock.now += 59.0
    with pytest.raises(ValidationError):
        limit.check("k")
    clock.now += 1.0
    limit.check("k")
    limit.check(None)


def test_backoff_doubles_after_the_free_failures_and_a_success_clears_it(clock):
    b = limits.Backoff(free=2, base=1.0, cap=8.0, forget=600.0)
    waits = []
    for _ in range(7):
        b.failed("s")
        waits.append(b.wait("s"))
    assert waits == [0, 0, 1, 2, 4, 8, 8]  # capped
    with pytest.raises(TooManyAttempts) as e:
        b.check("s")
    assert e.value.seconds == 8 and e.value.message("en") == "Too many wrong tries: please wait 8 seconds and try again"
    b.check("another session")
    clock.now += 8
    b.check("s")
    b.succeeded("s")
    b.failed("s")
    assert b.wait("s") == 0
    for _ in range(5):
        b.failed("s")
    clock.now += 600  # quiet for `forget` seconds: a fresh start
    assert b.wait("s") == 0
    b.failed("s")
    assert b.wait("s") == 0


def test_long_waits_are_given_in_minutes():
    assert TooManyAttempts(900).message("en") == "Too many wrong tries: please wait about 15 minutes and try again"


def test_pacer_spaces_attempts_past_the_ceiling_and_refuses_nobody(clock):
    p = limits.Pacer(ceiling=3, interval=2.0)
    for _ in range(3):
        assert p.turn("k") == 0
        p.failed("k")
    assert [p.turn("k") for _ in range(3)] == [0, 2.0, 4.0]  # three callers at once queue up
    assert p.turn("other") == 0
    clock.now += 61  # the failures leave the window
    assert p.turn("k") == 0


def test_a_session_that_keeps_guessing_backs_off_and_others_are_untouched(store, workshop):
    for n in range(4):  # 3 free, the 4th starts the backoff
        with pytest.raises(ValidationError, match="wrong_join_code"):
            participants.join(store, "WRONG1", "p", "civil", session_key="s1", address="10.0.0.5")
    with pytest.raises(TooManyAttempts):  # even the right code waits in that tab
        participants.join(store, workshop.join_code, "p", "civil", session_key="s1", address="10.0.0.5")
    participants.join(store, workshop.join_code, "q", "civil", session_key="s2", address="10.0.0.5")


def test_one_session_may_try_to_join_five_times_a_minute(store, workshop):
    for n in range(5):
        participants.join(store, workshop.join_code, f"p{n}", "civil", session_key="s1")
    with pytest.raises(ValidationError, match="too_many_attempts"):
        participants.join(store, workshop.join_code, "p", "civil", session_key="s1")
    participants.join(store, workshop.join_code, "q", "civil", session_key="s2")  # another phone


def test_wrong_codes_from_one_venue_never_lock_the_room_out(store, workshop, clock):
    """20 wrong codes from one address (the venue's Wi-Fi) used to refuse everyone there."""
    for n in range(40):
        with pytest.raises(ValidationError, match="wrong_join_code"):
            participants.join(store, "NOPE22", "x", "civil", session_key=f"bad{n}", address="10.0.0.9")
    joined = [participants.join(store, workshop.join_code, f"p{n}", "civil", session_key=f"s{n}",
                                address="10.0.0.9")[0] for n in range(60)]
    assert len(joined) == 60  # slowed while the ceiling holds, never refused
    assert clock.slept and max(clock.slept) <= limits.WRONG_CODE_ADDRESS.interval


def test_guessing_is_held_to_the_ceiling_whatever_the_tabs_and_addresses(store, workshop, clock):
    """Every tab a new session, every request its own address (or none known): the global
    ceiling still spaces the checks."""
    start = clock.now
    for n in range(600):
        address = None if n % 2 else f"10.1.{n // 250}.{n % 250}"
        with pytest.raises(ValidationError, match="wrong_join_code"):
            participants.join(store, "NOPE22", "x", "civil", session_key=f"tab{n}", address=address)
    minutes = (clock.now - start) / 60
    per_minute = 600 / minutes
    assert per_minute <= 60 / limits.WRONG_CODE_ALL.interval + limits.WRONG_CODE_ALL.ceiling
    # and a correct code from a fresh phone still gets in
    participants.join(store, workshop.join_code, "late", "civil", session_key="fresh", address="10.0.0.2")


def test_unknown_addresses_are_limited_too(store, workshop, clock):
    for n in range(limits.WRONG_CODE_ADDRESS.ceiling):
        with pytest.raises(ValidationError, match="wrong_join_code"):
            participants.join(store, "NOPE22", "x", "civil", session_key=f"t{n}", address=None)
    turn = ((lambda key: limits.STORED_WRONG_CODE_ADDRESS.turn(store, key)) if store.shared  # PostgreSQL
            else limits.WRONG_CODE_ADDRESS.turn)
    assert turn(limits.UNKNOWN_ADDRESS) == 0
    assert turn(limits.UNKNOWN_ADDRESS) == limits.WRONG_CODE_ADDRESS.interval


def test_forwarded_addresses_are_believed_only_from_a_configured_proxy():
    none = limits.trusted_proxies("")
    proxy = limits.trusted_proxies("10.0.0.1, 192.168.50.0/24")
    assert limits.client_address("203.0.113.7", None, none) == "203.0.113.7"
    assert limits.client_address(None, None, none) == "127.0.0.1"  # Streamlit reports loopback as None
    # a header from anyone but a configured proxy: one shared key, whatever it claims
    assert limits.client_address("203.0.113.7", "1.2.3.4", none) == limits.UNTRUSTED_FORWARD
    assert limits.client_address("1.2.3.4", "1.2.3.4", none) == limits.UNTRUSTED_FORWARD
    assert limits.client_address("203.0.113.7", "1.2.3.4", proxy) == limits.UNTRUSTED_FORWARD
    # from the proxy: the nearest address that is not itself a proxy
    assert limits.client_address("10.0.0.1", "6.6.6.6, 198.51.100.4", proxy) == "198.51.100.4"
    assert limits.client_address("10.0.0.1", "198.51.100.4, 192.168.50.3", proxy) == "198.51.100.4"
    with pytest.raises(ValueError):
        limits.trusted_proxies("not-an-address")


def test_facilitator_password_is_limited_per_session(store, monkeypatch):
    monkeypatch.setenv(roles.ENV_FACILITATOR_PASSWORD, "right-password-1")
    for _ in range(4):
        with pytest.raises(ValidationError, match="wrong_password"):
            roles.sign_in_facilitator(store, "guess-guess", session_key="tab")
    with pytest.raises(TooManyAttempts):
        roles.sign_in_facilitator(store, "right-password-1", session_key="tab")
    assert roles.sign_in_facilitator(store, "right-password-1", session_key="other tab").role == roles.FACILITATOR


def test_password_guessing_from_many_tabs_is_held_back_and_the_right_one_works_after_the_wait(
        store, monkeypatch, clock):
    monkeypatch.setenv(roles.ENV_FACILITATOR_PASSWORD, "right-password-1")
    checked = []
    real = roles.check_password
    monkeypatch.setattr(roles, "check_password", lambda p, s: checked.append(p) or real(p, s))
    refused = 0
    for n in range(200):  # a new tab for every guess
        try:
            roles.sign_in_facilitator(store, f"guess-{n}", session_key=f"tab{n}")
        except TooManyAttempts:
            refused += 1
        except ValidationError:
            pass
    assert len(checked) == 11 and refused == 189  # 10 free, one more, then each waits: not even hashed
    with pytest.raises(TooManyAttempts) as e:
        roles.sign_in_facilitator(store, "right-password-1", session_key="the real facilitator")
    clock.now += e.value.seconds
    assert roles.sign_in_facilitator(store, "right-password-1", session_key="the real facilitator")
    roles.sign_in_facilitator(store, "right-password-1", session_key="again")  # a success cleared it


def test_committee_password_has_its_own_limit(store, facilitator, clock):
    roles.set_reviewer_password(store, facilitator, "committee-pass")
    for n in range(11):
        with pytest.raises(ValidationError, match="wrong_password"):
            roles.sign_in_reviewer(store, "x", f"guess-{n}", session_key=f"tab{n}")
    with pytest.raises(TooManyAttempts):
        roles.sign_in_reviewer(store, "Somsak", "committee-pass", session_key="fresh")
    assert limits.PASSWORD_TARGET.wait(roles.FACILITATOR) == 0  # a count of its own
    clock.now += 2
    assert roles.sign_in_reviewer(store, "Somsak", "committee-pass", session_key="fresh").name == "Somsak"


def test_naming_the_workshop_of_a_code_costs_a_wrong_guess_what_a_wrong_join_costs(store, workshop):
    """The join page names the workshop of a typed code: a right code uses up no try, a wrong
    one counts like a wrong join (backoff after three), so naming is no cheaper way to guess."""
    for _ in range(8):
        assert participants.workshop_to_join(store, workshop.join_code, session_key="s1").id == workshop.id
    participants.join(store, workshop.join_code, "p", "civil", session_key="s1")  # all five tries left
    for n in range(3):
        with pytest.raises(ValidationError, match="wrong_join_code"):
            participants.workshop_to_join(store, f"WRONG{n}", session_key="s2", address="10.0.0.7")
    with pytest.raises(ValidationError, match="wrong_join_code"):
        participants.join(store, "WRONG9", "p", "civil", session_key="s2", address="10.0.0.7")
    with pytest.raises(TooManyAttempts):  # the fourth wrong try started the backoff
        participants.workshop_to_join(store, workshop.join_code, session_key="s2", address="10.0.0.7")


def test_wrong_codes_looked_up_use_up_the_sessions_tries(store, workshop, clock):
    for n in range(5):
        with pytest.raises(ValidationError, match="wrong_join_code"):
            participants.workshop_to_join(store, f"NOPE{n}", session_key="s3")
        clock.now += 5  # each backoff has passed; all five within the minute
    with pytest.raises(ValidationError, match="too_many_attempts"):
        participants.workshop_to_join(store, workshop.join_code, session_key="s3")
    clock.now += 60
    assert participants.workshop_to_join(store, workshop.join_code, session_key="s3").id == workshop.id


# ---- limits several processes share (a PostgreSQL store) ------------------------------------------

@pytest.fixture
def shared(store, monkeypatch):
    """A store several app processes use: its limits are counted in it."""
    monkeypatch.setattr(store, "shared", True, raising=False)
    now = [1_000_000.0]
    monkeypatch.setattr(limits, "wall", lambda: now[0])
    return store, now


def test_a_password_guessed_on_several_processes_is_limited_once(shared):
    store, now = shared
    # Each process has its own memory; the store's count is the same for all of them.
    for n in range(10):
        limits.password_check("facilitator", f"tab-{n}", store)
        limits.password_result("facilitator", f"tab-{n}", False, store)
    limits.password_check("facilitator", "another-tab", store)           # 10 free tries
    limits.password_result("facilitator", "another-tab", False, store)
    with pytest.raises(limits.TooManyAttempts) as refused:
        limits.password_check("facilitator", "yet-another-tab", store)
    assert refused.value.seconds == 1
    assert limits.PASSWORD_TARGET.wait("facilitator") == 0                 # nothing kept in this process
    now[0] += 1.5
    limits.password_check("facilitator", "yet-another-tab", store)
    limits.password_result("facilitator", "yet-another-tab", True, store)  # the right password clears it
    limits.password_check("facilitator", "tab-0", store)


def test_wrong_join_codes_from_one_address_are_paced_across_processes(shared):
    store, now = shared
    for n in range(20):
        assert limits.join_wait(f"s{n}", "10.0.0.9", store=store) == 0
        limits.wrong_code(f"s{n}", "10.0.0.9", store=store)
    turns = [limits.join_wait(f"t{n}", "10.0.0.9", store=store) for n in range(3)]
    assert turns == [0.0, 2.0, 4.0]                                      # one try every 2 s, whoever asks
    assert limits.join_wait("u", "10.0.0.10", store=store) == 0           # another address is not slowed
    now[0] += 61
    assert limits.join_wait("v", "10.0.0.9", store=store) == 0            # a minute later: free again


def test_old_limit_rows_are_dropped(shared):
    store, now = shared
    limits.wrong_code("s", "10.0.0.9", store=store)
    now[0] += 3 * 3600
    limits._trimmed[0] = 0.0
    limits.wrong_code("s", "10.0.0.9", store=store)
    with store.cursor() as cur:
        assert cur.execute("SELECT min(happened_at), count(*) FROM limit_event").fetchone() == (now[0], 2)  # address, all
