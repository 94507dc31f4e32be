"""Resumable sign-in for the facilitator and committee reviewers.

After a password sign-in the browser keeps a random secret (in a cookie, never in the address: the
facilitator's screen is on a projector). Opening the app again with it brings back the same role
and workshop. Only its hash is stored; signing out revokes it, and it lapses after
SMARTCITY_SIGN_IN_IDLE_HOURS (default 12) without use. Participants come back through their own
join token (planning.participants) and can never hold one of these.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets


from planning.errors import PermissionDenied
from planning.roles import FACILITATOR, REVIEWER, Actor
from planning.store import Store, now

ENV_IDLE_HOURS = "SMARTCITY_SIGN_IN_IDLE_HOURS"
DEFAULT_IDLE_HOURS = 12.0
_TOUCH_EVERY = dt.timedelta(minutes=5)  # last use is written at most this often


def idle_limit() -> dt.timedelta:
    return dt.timedelta(hours=float(os.environ.get(ENV_IDLE_HOURS) or DEFAULT_IDLE_HOURS))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start(store: Store, actor: Actor, workshop_id: str | None) -> str:
    """A new secret for a facilitator or reviewer who has just given the password."""
    if actor is None or actor.role not in (FACILITATOR, REVIEWER):
        raise PermissionDenied("error.sign_in_first")
    token = secrets.token_urlsafe(32)
    stamp = now()
    with store.cursor() as cur:
        cur.execute("INSERT INTO sign_in_session (token_hash, role, name, workshop_id, created_at, last_used_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)", [_hash(token), actor.role, actor.name, workshop_id, stamp, stamp])
    return token


def resume(store: Store, token: str | None) -> tuple[Actor, str | None] | None:
    """The actor and workshop for a secret that is neither revoked nor idle too long, else None."""
    if not token or len(token) > 200:
        return None
    with store.cursor() as cur:
        row = cur.execute("SELECT role, name, workshop_id, last_used_at FROM sign_in_session"
                          " WHERE token_hash = ? AND revoked_at IS NULL", [_hash(token)]).fetchone()
    if row is None:
        return None
    role, name, workshop_id, last_used = row
    stamp = now()
    if stamp - last_used > idle_limit():
        return None
    if stamp - last_used > _TOUCH_EVERY:
        _update(store, "UPDATE sign_in_session SET last_used_at = ? WHERE token_hash = ?", [stamp, _hash(token)])
    return Actor(role, name=name), workshop_id


def _update(store: Store, sql: str, values: list) -> None:
    try:
        with store.cursor() as cur:
            cur.execute(sql, values)
    except store.ConflictError:
        pass  # two tabs wrote the same row at once; the other write has the same effect


def set_workshop(store: Store, token: str | None, workshop_id: str) -> None:
    """Remember which workshop is open, so a reload opens it again."""
    if token:
        _update(store, "UPDATE sign_in_session SET workshop_id = ?, last_used_at = ? WHERE token_hash = ?",
                [workshop_id, now(), _hash(token)])


def end(store: Store, token: str | None) -> None:
    """Sign out: the secret stops working everywhere."""
    if token:
        _update(store, "UPDATE sign_in_session SET revoked_at = ? WHERE token_hash = ?", [now(), _hash(token)])


def end_role(store: Store, role: str) -> None:
    """Every sign-in of a role, e.g. when its password changes."""
    with store.cursor() as cur:
        cur.execute("UPDATE sign_in_session SET revoked_at = ? WHERE role = ? AND revoked_at IS NULL", [now(), role])
