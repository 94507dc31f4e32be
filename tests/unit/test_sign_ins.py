"""Resumable sign-in: the same role and workshop after a reload, revocable, lapsing after idle
hours, stored as a hash, and never reachable from a participant's token."""
import datetime as dt

import pytest

from planning import participants, roles, sign_ins
from planning.errors import PermissionDenied
from planning.roles import REVIEWER, Actor


def test_a_sign_in_resumes_with_its_role_and_workshop(store, facilitator, workshop):
    token = sign_ins.start(store, facilitator, workshop.id)
    assert sign_ins.resume(store, token) == (facilitator, workshop.id)
    sign_ins.set_workshop(store, token, "another")
    assert sign_ins.resume(store, token) == (facilitator, "another")
    reviewer = Actor(REVIEWER, name="นายสมศักดิ์")
    assert sign_ins.resume(store, sign_ins.start(store, reviewer, None)) == (reviewer, None)
    assert sign_ins.resume(store, "made-up") is None and sign_ins.resume(store, None) is None


def test_only_a_hash_is_stored(store, facilitator):
    token = sign_ins.start(store, facilitator, None)
    with store.cursor() as cur:
        stored = cur.execute("SELECT * FROM sign_in_session").fetchall()
    assert token not in repr(stored) and len(token) >= 40


def test_signing_out_ends_it_everywhere(store, facilitator):
    token = sign_ins.start(store, facilitator, None)
    other = sign_ins.start(store, facilitator, None)
    sign_ins.end(store, token)
    assert sign_ins.resume(store, token) is None
    assert sign_ins.resume(store, other) == (facilitator, None)


def test_it_lapses_after_the_idle_hours(store, facilitator, monkeypatch):
    monkeypatch.setenv(sign_ins.ENV_IDLE_HOURS, "2")
    token = sign_ins.start(store, facilitator, None)
    start = sign_ins.now()
    monkeypatch.setattr(sign_ins, "now", lambda: start + dt.timedelta(hours=1, minutes=50))
    assert sign_ins.resume(store, token) is not None  # use moves the idle clock on
    monkeypatch.setattr(sign_ins, "now", lambda: start + dt.timedelta(hours=3, minutes=40))
    assert sign_ins.resume(store, token) is not None
    monkeypatch.setattr(sign_ins, "now", lambda: start + dt.timedelta(hours=5, minutes=41))
    assert sign_ins.resume(store, token) is None


def test_a_participant_can_never_hold_one(store, workshop):
    participant, join_token = participants.join(store, workshop.join_code, "สมหญิง", "civil")
    with pytest.raises(PermissionDenied):
        sign_ins.start(store, participant.actor(), workshop.id)
    assert sign_ins.resume(store, join_token) is None  # a join token is no sign-in secret


def test_a_new_password_ends_the_old_sign_ins(store, facilitator):
    fac = sign_ins.start(store, facilitator, None)
    rev = sign_ins.start(store, Actor(REVIEWER, name="x"), None)
    roles.set_reviewer_password(store, facilitator, "committee-pass")
    assert sign_ins.resume(store, rev) is None and sign_ins.resume(store, fac) is not None
    roles.change_facilitator_password(store, facilitator, "new-password-1")
    assert sign_ins.resume(store, fac) is None
