"""Join attempts per minute: per browser session, and wrong codes per network address."""
import pytest

from planning import limits, participants
from planning.errors import ValidationError


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_sliding_window():
    clock = Clock()
    limit = limits.RateLimit(2, 60, clock=clock)
    limit.hit("k")
    limit.hit("k")
    with pytest.raises(ValidationError) as e:
        limit.check("k")
    assert e.value.key == "error.too_many_attempts" and e.value.params["seconds"] == 61
    limit.check("other")
    clock.now = 59.0
    with pytest.raises(ValidationError):
        limit.check("k")
    clock.now = 60.0
    limit.check("k")
    limit.check(None)


@pytest.fixture(autouse=True)
def fresh_limits():
    limits.JOIN_ATTEMPTS.reset()
    limits.WRONG_CODES.reset()
    yield
    limits.JOIN_ATTEMPTS.reset()
    limits.WRONG_CODES.reset()


def test_one_session_may_try_to_join_five_times_a_minute(store, workshop):
    for n in range(4):
        with pytest.raises(ValidationError, match="wrong_join_code"):
            participants.join(store, "WRONG1", f"p{n}", "civil", session_key="s1")
    participants.join(store, workshop.join_code, "p", "civil", session_key="s1")
    with pytest.raises(ValidationError, match="too_many_attempts"):
        participants.join(store, workshop.join_code, "p", "civil", session_key="s1")
    participants.join(store, workshop.join_code, "q", "civil", session_key="s2")  # another phone


def test_a_whole_venue_behind_one_address_can_join(store, workshop):
    for n in range(60):
        participants.join(store, workshop.join_code, f"p{n}", "civil", session_key=f"s{n}", address="10.0.0.1")
    assert len(participants.list_participants(store, workshop.id)) == 60


def test_wrong_codes_from_one_address_are_limited(store, workshop):
    for n in range(limits.WRONG_CODES.limit):
        with pytest.raises(ValidationError, match="wrong_join_code"):
            participants.join(store, "NOPE22", "x", "civil", session_key=f"s{n}", address="10.0.0.9")
    with pytest.raises(ValidationError, match="too_many_attempts"):
        participants.join(store, workshop.join_code, "x", "civil", session_key="fresh", address="10.0.0.9")
