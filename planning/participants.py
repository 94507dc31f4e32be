"""Participants join a workshop with its join code, a display name and their sector."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from planning import limits
from planning.errors import ValidationError
from planning.roles import PARTICIPANT, Actor
from planning.store import Store, new_id, now
from planning.validation import clean_text
from planning.workshops import Workshop, recent_by_join_code
from planning.text import Key

# DOMAIN.md section 2; a provincial city development company counts as private.
SECTORS = ("government", "local", "private", "civil", "academic")
DISPLAY_NAME_MAX = 60
COHORT_TARGET = 60  # the programme trains at least 60 people per cohort (seed 002, section 3.3)
DEVICE_TOKENS_MAX = 5  # workshops a phone remembers having joined (newest first)


@dataclass(frozen=True)
class Participant:
    id: str
    workshop_id: str
    display_name: str
    sector: str
    joined_at: dt.datetime

    def actor(self) -> Actor:
        return Actor(PARTICIPANT, participant_id=self.id, workshop_id=self.workshop_id)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _checked_workshop(store: Store, join_code: str, session_key: str | None, address: str | None,
                      counted: bool = True) -> Workshop:
    """The workshop of a join code, under the join limits: a session that keeps guessing is refused
    for a while; past a ceiling of wrong codes each try waits its turn first, and is then checked."""
    wait = limits.join_wait(session_key, address, counted, store)
    if wait:  # no call when there is nothing to wait for: a sleep(0) still gives up the processor
        limits.sleep(wait)
    workshop = recent_by_join_code(store, join_code)  # a room joining at once shares one reading
    if workshop is None:
        limits.wrong_code(session_key, address, counted, store)
        raise ValidationError("error.wrong_join_code")
    return workshop


def workshop_to_join(store: Store, join_code: str, session_key: str | None = None,
                     address: str | None = None) -> Workshop:
    """The workshop a typed (or linked) code is for, so the join page can name it before anyone
    joins. A wrong code costs what a wrong join costs (waits and backoff included): naming
    workshops is no cheaper way to guess codes. A right one uses up no try."""
    return _checked_workshop(store, join_code, session_key, address, counted=False)


def join(store: Store, join_code: str, display_name: str, sector: str | None,
         session_key: str | None = None, address: str | None = None,
         device_tokens: tuple[str, ...] | list[str] = ()) -> tuple[Participant, str]:
    """Returns the participant and a secret token that brings them back after a reload.

    session_key and address (the browser session and its network address, see
    limits.client_address) feed the join limits. device_tokens are the tokens this phone was
    given before (kept in a cookie): if one belongs to this workshop, the phone is that
    participant again, name and sector as they joined, and nobody is counted twice."""
    workshop = _checked_workshop(store, join_code, session_key, address)
    again = returning(store, workshop.id, device_tokens)
    if again is not None:
        return again
    display_name = clean_text(display_name, "field.display_name", DISPLAY_NAME_MAX)
    if sector is None or sector == "":
        raise ValidationError("error.sector_required")
    if sector not in SECTORS:
        raise ValidationError("error.bad_choice", field=Key("field.sector"))
    token = secrets.token_urlsafe(24)
    participant = Participant(new_id(), workshop.id, display_name, sector, now())
    with store.cursor() as cur:
        cur.execute(
            "INSERT INTO participant (id, workshop_id, display_name, sector, token_hash, joined_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [participant.id, participant.workshop_id, display_name, sector, _token_hash(token),
             participant.joined_at],
        )
    return participant, token


def returning(store: Store, workshop_id: str, device_tokens) -> tuple[Participant, str] | None:
    """The participant (and their token) this phone already is in the workshop, if any."""
    for token in list(device_tokens or ())[:DEVICE_TOKENS_MAX]:
        participant = by_token(store, token)
        if participant is not None and participant.workshop_id == workshop_id:
            return participant, token
    return None


def by_token(store: Store, token: str | None) -> Participant | None:
    if not token:
        return None
    with store.cursor() as cur:
        row = cur.execute(
            "SELECT id, workshop_id, display_name, sector, joined_at FROM participant"
            " WHERE token_hash = ?", [_token_hash(token)]).fetchone()
    return Participant(*row) if row else None


def list_participants(store: Store, workshop_id: str) -> list[Participant]:
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT id, workshop_id, display_name, sector, joined_at FROM participant"
            " WHERE workshop_id = ? ORDER BY joined_at", [workshop_id]).fetchall()
    return [Participant(*r) for r in rows]


def count_by_sector(store: Store, workshop_id: str) -> dict[str, int]:
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT sector, count(*) FROM participant WHERE workshop_id = ? GROUP BY sector",
            [workshop_id]).fetchall()
    counts = dict.fromkeys(SECTORS, 0)
    counts.update(dict(rows))
    return counts


@dataclass(frozen=True)
class SectorParticipation:
    sector: str
    joined: int          # people of this sector who joined the workshop
    contributed: int     # of them, people who added, voted, scored, rated or answered anything


# Every kind of participant input; a person counts once however much they contributed.
_CONTRIBUTED_SQL = """
WITH input AS (
    SELECT participant_id FROM swot_item WHERE workshop_id = $w
    UNION SELECT participant_id FROM swot_vote WHERE workshop_id = $w
    UNION SELECT participant_id FROM dimension_idea WHERE workshop_id = $w
    UNION SELECT participant_id FROM idea_score WHERE workshop_id = $w
    UNION SELECT participant_id FROM maturity_rating WHERE workshop_id = $w
    UNION SELECT b.participant_id FROM activity_ballot b JOIN activity a ON a.id = b.activity_id WHERE a.workshop_id = $w
    UNION SELECT x.participant_id FROM activity_answer x JOIN activity a ON a.id = x.activity_id WHERE a.workshop_id = $w
    UNION SELECT c.participant_id FROM capacity_answer c JOIN capacity_session s ON s.id = c.session_id
          WHERE s.workshop_id = $w
)
SELECT p.sector, count(*), count(i.participant_id) FROM participant p
LEFT JOIN (SELECT DISTINCT participant_id FROM input) i ON i.participant_id = p.id
WHERE p.workshop_id = $w GROUP BY p.sector
"""


def participation(store: Store, workshop_id: str) -> dict[str, SectorParticipation]:
    """People who joined and people who contributed, per sector (every sector, 0 where none)."""
    with store.cursor() as cur:
        rows = cur.execute(_CONTRIBUTED_SQL, {"w": workshop_id}).fetchall()
    found = {sector: SectorParticipation(sector, joined, contributed) for sector, joined, contributed in rows}
    return {s: found.get(s, SectorParticipation(s, 0, 0)) for s in SECTORS}
