"""Who is acting, what each role may do, and the facilitator password (salted scrypt hash).

Pages decide what to show; these checks decide what may be written, so a participant cannot
reach facilitator actions even by URL or session tricks.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from planning import limits
from planning.errors import PermissionDenied, ValidationError
from planning.store import Store, now

FACILITATOR = "facilitator"
PARTICIPANT = "participant"
REVIEWER = "reviewer"          # provincial committee: reads, comments, approves or returns
ROLES = (FACILITATOR, PARTICIPANT, REVIEWER)

ENV_FACILITATOR_PASSWORD = "SMARTCITY_FACILITATOR_PASSWORD"
ENV_REVIEWER_PASSWORD = "SMARTCITY_REVIEWER_PASSWORD"
_REVIEWER_KEY = "reviewer_password"
REVIEWER_NAME_MAX = 80
PASSWORD_MIN, PASSWORD_MAX = 8, 128
_SETTING_KEY = "facilitator_password"
_SCRYPT = dict(n=2**14, r=8, p=1)


@dataclass(frozen=True)
class Actor:
    role: str
    participant_id: str | None = None
    workshop_id: str | None = None  # a participant acts only inside the workshop they joined
    name: str | None = None         # a reviewer signs in with their name

    @property
    def label(self) -> str:
        return self.participant_id if self.role == PARTICIPANT else self.role

    @property
    def who(self) -> str:
        """As the audit trail records it."""
        return f"{self.role}: {self.name}" if self.name else self.label


def require_facilitator(actor: Actor | None) -> None:
    if actor is None or actor.role != FACILITATOR:
        raise PermissionDenied("error.facilitator_only")


def require_reviewer(actor: Actor | None) -> None:
    if actor is None or actor.role != REVIEWER:
        raise PermissionDenied("error.reviewer_only")


def require_member(actor: Actor | None, workshop_id: str) -> None:
    """Facilitators act in any workshop; participants only in their own."""
    if actor is None:
        raise PermissionDenied("error.sign_in_first")
    if actor.role == FACILITATOR:
        return
    if actor.role != PARTICIPANT or actor.workshop_id != workshop_id or not actor.participant_id:
        raise PermissionDenied("error.not_your_workshop")


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hash_password(password, bytes.fromhex(salt_hex)).split("$")[2]
    return hmac.compare_digest(candidate, digest_hex)


def _stored_hash(store: Store) -> str | None:
    with store.cursor() as cur:
        row = cur.execute("SELECT value FROM app_setting WHERE key = ?", [_SETTING_KEY]).fetchone()
    return row[0] if row else None


def facilitator_password_set(store: Store) -> bool:
    return _stored_hash(store) is not None or bool(os.environ.get(ENV_FACILITATOR_PASSWORD))


def _validate_password(password: str) -> None:
    if not (PASSWORD_MIN <= len(password or "") <= PASSWORD_MAX):
        raise ValidationError("error.password_length", min=PASSWORD_MIN, max=PASSWORD_MAX)


def set_facilitator_password(store: Store, password: str) -> None:
    """First-run set-up only: once a password exists it is changed by a signed-in facilitator."""
    _validate_password(password)
    if facilitator_password_set(store):
        raise PermissionDenied("error.password_already_set")
    _write_hash(store, password)


def change_facilitator_password(store: Store, actor: Actor, password: str) -> None:
    """Ends every resumable facilitator sign-in: whoever had the old password is out."""
    from planning import sign_ins

    require_facilitator(actor)
    _validate_password(password)
    _write_hash(store, password)
    sign_ins.end_role(store, FACILITATOR)


def _write_hash(store: Store, password: str) -> None:
    with store.cursor() as cur:
        cur.execute(
            "INSERT INTO app_setting (key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [_SETTING_KEY, hash_password(password), now()],
        )


def sign_in_facilitator(store: Store, password: str, session_key: str | None = None) -> Actor:
    """A password given in configuration is hashed into the store on first use. Attempts are
    limited per browser session and for everyone together (planning.limits): a refused attempt
    is not even checked."""
    stored = _stored_hash(store)
    if stored is None:
        configured = os.environ.get(ENV_FACILITATOR_PASSWORD)
        if not configured:
            raise ValidationError("error.password_not_set")
        _write_hash(store, configured)
        stored = _stored_hash(store)
    limits.password_check(FACILITATOR, session_key, store)
    ok = check_password(password or "", stored)
    limits.password_result(FACILITATOR, session_key, ok, store)
    if not ok:
        raise ValidationError("error.wrong_password")
    return Actor(FACILITATOR)


# ---- committee reviewers ---------------------------------------------------------------------

def reviewer_password_set(store: Store) -> bool:
    with store.cursor() as cur:
        row = cur.execute("SELECT 1 FROM app_setting WHERE key = ?", [_REVIEWER_KEY]).fetchone()
    return row is not None or bool(os.environ.get(ENV_REVIEWER_PASSWORD))


def set_reviewer_password(store: Store, actor: Actor, password: str) -> None:
    """The facilitator gives the committee its password; reviewers signed in with the old one are out."""
    from planning import sign_ins

    require_facilitator(actor)
    _validate_password(password)
    with store.cursor() as cur:
        cur.execute("INSERT INTO app_setting (key, value, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    [_REVIEWER_KEY, hash_password(password), now()])
    sign_ins.end_role(store, REVIEWER)


def sign_in_reviewer(store: Store, name: str, password: str, session_key: str | None = None) -> Actor:
    """Limited like the facilitator's sign-in, under its own count."""
    from planning.validation import clean_text

    name = clean_text(name, "field.reviewer_name", REVIEWER_NAME_MAX)
    with store.cursor() as cur:
        row = cur.execute("SELECT value FROM app_setting WHERE key = ?", [_REVIEWER_KEY]).fetchone()
    configured = os.environ.get(ENV_REVIEWER_PASSWORD)
    if row is None and not configured:
        raise ValidationError("error.reviewer_password_not_set")
    limits.password_check(REVIEWER, session_key, store)
    if row is None:
        ok = hmac.compare_digest(configured.encode("utf-8"), (password or "").encode("utf-8"))
    else:
        ok = check_password(password or "", row[0])
    limits.password_result(REVIEWER, session_key, ok, store)
    if not ok:
        raise ValidationError("error.wrong_password")
    return Actor(REVIEWER, name=name)
