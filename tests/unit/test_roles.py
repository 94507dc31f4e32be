import pytest

from planning import roles
from planning.errors import PermissionDenied, ValidationError
from planning.roles import FACILITATOR, PARTICIPANT, Actor


def test_password_hash_is_salted_and_checks():
    a, b = roles.hash_password("correct horse"), roles.hash_password("correct horse")
    assert a != b and "correct horse" not in a
    assert roles.check_password("correct horse", a)
    assert not roles.check_password("wrong horse", a)
    assert not roles.check_password("x", "garbage")


def test_first_run_password_then_sign_in(store, monkeypatch):
    monkeypatch.delenv(roles.ENV_FACILITATOR_PASSWORD, raising=False)
    assert not roles.facilitator_password_set(store)
    with pytest.raises(ValidationError):
        roles.sign_in_facilitator(store, "anything")
    with pytest.raises(ValidationError) as exc:
        roles.set_facilitator_password(store, "short")
    assert exc.value.key == "error.password_length"
    roles.set_facilitator_password(store, "long-enough-1")
    with store.cursor() as cur:
        stored = cur.execute("SELECT value FROM app_setting WHERE key = 'facilitator_password'").fetchone()[0]
    assert stored.startswith("scrypt$") and "long-enough-1" not in stored
    with pytest.raises(PermissionDenied):  # nobody can take over the password later
        roles.set_facilitator_password(store, "another-pass-2")
    with pytest.raises(ValidationError) as exc:
        roles.sign_in_facilitator(store, "wrong-password")
    assert exc.value.key == "error.wrong_password"
    assert roles.sign_in_facilitator(store, "long-enough-1").role == FACILITATOR


def test_password_from_configuration_is_stored_hashed(store, monkeypatch):
    monkeypatch.setenv(roles.ENV_FACILITATOR_PASSWORD, "from-config-9")
    assert roles.facilitator_password_set(store)
    assert roles.sign_in_facilitator(store, "from-config-9").role == FACILITATOR
    with store.cursor() as cur:
        stored = cur.execute("SELECT value FROM app_setting WHERE key = 'facilitator_password'").fetchone()[0]
    assert roles.check_password("from-config-9", stored)


def test_change_password_needs_a_facilitator(store):
    participant = Actor(PARTICIPANT, participant_id="p", workshop_id="w")
    with pytest.raises(PermissionDenied):
        roles.change_facilitator_password(store, participant, "new-password-1")
    roles.change_facilitator_password(store, Actor(FACILITATOR), "new-password-1")
    assert roles.sign_in_facilitator(store, "new-password-1")


def test_role_checks():
    roles.require_facilitator(Actor(FACILITATOR))
    for who in (None, Actor(PARTICIPANT, "p", "w")):
        with pytest.raises(PermissionDenied):
            roles.require_facilitator(who)
    roles.require_member(Actor(FACILITATOR), "any")
    roles.require_member(Actor(PARTICIPANT, "p", "w"), "w")
    for who in (None, Actor(PARTICIPANT, "p", "other"), Actor(PARTICIPANT, None, "w"), Actor("stranger")):
        with pytest.raises(PermissionDenied):
            roles.require_member(who, "w")
