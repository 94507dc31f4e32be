"""Communities of practice (seed 000's knowledge-management tools; seed 001: a network lives by
its members meeting and doing things together): a group per topic with members from the partner
list, and its meetings with date, notes and follow-ups."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planning import audit, catalogue, partners
from planning.errors import NotFound, ValidationError
from planning.roles import Actor, require_facilitator
from planning.store import Store, new_id, now
from planning.text import Key
from planning.upkeep import parse_date, refuse_held_in_future
from planning.validation import clean_text

TOPIC_MAX, TEXT_MAX = 200, 2000


@dataclass(frozen=True)
class Meeting:
    id: str
    held_on: dt.date
    notes: str
    follow_ups: str


@dataclass(frozen=True)
class Community:
    id: str
    topic: str
    dimension: str | None
    member_ids: tuple[str, ...]
    meetings: tuple[Meeting, ...]     # newest first


def _members(store: Store, workshop_id: str, member_ids) -> tuple[str, ...]:
    ids = tuple(dict.fromkeys(member_ids or ()))
    known = {p.id for p in partners.list_partners(store, workshop_id)}
    if any(pid not in known for pid in ids):
        raise ValidationError("error.unknown_partner")
    return ids


def add_group(store: Store, actor: Actor, workshop_id: str, topic: str, member_ids, dimension: str | None = None) -> str:
    require_facilitator(actor)
    topic = clean_text(topic, "field.cop_topic", TOPIC_MAX)
    if dimension is not None and dimension not in catalogue.dimensions():
        raise ValidationError("error.bad_choice", field=Key("col.dimension"))
    ids = _members(store, workshop_id, member_ids)
    cop_id = new_id()
    with store.transaction() as cur:
        cur.execute("INSERT INTO cop_group VALUES (?, ?, ?, ?, ?)", [cop_id, workshop_id, topic, dimension, now()])
        if ids:
            cur.executemany("INSERT INTO cop_member VALUES (?, ?)", [[cop_id, pid] for pid in ids])
        audit.record(cur, workshop_id, actor, "create", "cop_group", cop_id,
                     after={"topic": topic, "dimension": dimension, "members": list(ids)})
    return cop_id


def _group(store: Store, workshop_id: str, cop_id: str) -> Community:
    found = {c.id: c for c in groups(store, workshop_id)}.get(cop_id)
    if found is None:
        raise NotFound("error.cop_not_found")
    return found


def set_members(store: Store, actor: Actor, workshop_id: str, cop_id: str, member_ids) -> None:
    require_facilitator(actor)
    before = _group(store, workshop_id, cop_id)
    ids = _members(store, workshop_id, member_ids)
    with store.transaction() as cur:
        cur.execute("DELETE FROM cop_member WHERE cop_id = ?", [cop_id])
        if ids:
            cur.executemany("INSERT INTO cop_member VALUES (?, ?)", [[cop_id, pid] for pid in ids])
        audit.record(cur, workshop_id, actor, "update", "cop_group", cop_id,
                     before={"members": list(before.member_ids)}, after={"members": list(ids)})


def add_meeting(store: Store, actor: Actor, workshop_id: str, cop_id: str, held_on, notes: str,
                follow_ups: str = "", today: dt.date | None = None) -> str:
    """A meeting that took place (its notes say what was said): a date after today is refused."""
    require_facilitator(actor)
    _group(store, workshop_id, cop_id)
    held_on = parse_date(held_on)
    notes = clean_text(notes, "field.cop_notes", TEXT_MAX)
    follow_ups = clean_text(follow_ups, "field.cop_follow_ups", TEXT_MAX, min_len=0)
    refuse_held_in_future(True, held_on, today)
    meeting_id = new_id()
    with store.transaction() as cur:
        cur.execute("INSERT INTO cop_meeting VALUES (?, ?, ?, ?, ?, ?)",
                    [meeting_id, cop_id, held_on, notes, follow_ups, now()])
        audit.record(cur, workshop_id, actor, "create", "cop_meeting", meeting_id,
                     after={"cop_id": cop_id, "held_on": held_on, "notes": notes, "follow_ups": follow_ups})
    return meeting_id


def groups(store: Store, workshop_id: str) -> list[Community]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT id, topic, dimension FROM cop_group WHERE workshop_id = ? ORDER BY created_at",
                           [workshop_id]).fetchall()
        members = cur.execute("SELECT m.cop_id, m.partner_id FROM cop_member m JOIN cop_group g ON g.id = m.cop_id"
                              " WHERE g.workshop_id = ?", [workshop_id]).fetchall()
        meetings = cur.execute("SELECT m.cop_id, m.id, m.held_on, m.notes, m.follow_ups FROM cop_meeting m"
                               " JOIN cop_group g ON g.id = m.cop_id WHERE g.workshop_id = ?"
                               " ORDER BY m.held_on DESC, m.created_at DESC", [workshop_id]).fetchall()
    order = {p.id: n for n, p in enumerate(partners.list_partners(store, workshop_id))}
    out = []
    for cop_id, topic, dimension in rows:
        ids = sorted((pid for c, pid in members if c == cop_id), key=lambda pid: order.get(pid, len(order)))
        out.append(Community(cop_id, topic, dimension, tuple(ids),
                             tuple(Meeting(*m[1:]) for m in meetings if m[0] == cop_id)))
    return out
