"""Keeping the network alive: a dated log of activities with partners, each tagged with the part of
LINK it serves (seed 001: Learning, Investment, Nurture, Keep/Give), who took part and the outcome;
and the organisations nobody has been in touch with for a chosen number of months."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planning import audit, dates, partners
from planning.errors import ValidationError
from planning.roles import Actor, require_facilitator
from planning.store import Store, new_id, now
from planning.text import Key
from planning.validation import clean_text

TAGS = ("learning", "investment", "nurture", "keep_give")
TITLE_MAX, TEXT_MAX = 200, 1000


@dataclass(frozen=True)
class LinkActivity:
    id: str
    held_on: dt.date
    tag: str
    title: str
    partner_ids: tuple[str, ...]
    people: str
    outcome: str
    held: bool


def refuse_held_in_future(held: bool, day: dt.date, today: dt.date | None) -> None:
    """Something marked as held cannot be dated after today (one rule for activities and events)."""
    if held and day > (today or dates.today()):
        raise ValidationError("error.held_in_future")


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError("error.bad_date", field=Key("field.held_on")) from None


def add_activity(store: Store, actor: Actor, workshop_id: str, *, held_on, tag: str, title: str,
                 partner_ids, people: str = "", outcome: str = "", held: bool = True,
                 today: dt.date | None = None) -> LinkActivity:
    """Refused with nothing written: an unknown tag, no organisation or one not in the list, or an
    activity marked as held on a date after today."""
    require_facilitator(actor)
    held_on = parse_date(held_on)
    if tag not in TAGS:
        raise ValidationError("error.bad_choice", field=Key("field.link_tag"))
    title = clean_text(title, "field.link_title", TITLE_MAX)
    people = clean_text(people, "field.link_people", TEXT_MAX, min_len=0)
    outcome = clean_text(outcome, "field.link_outcome", TEXT_MAX, min_len=0)
    ids = tuple(dict.fromkeys(partner_ids or ()))
    if not ids:
        raise ValidationError("error.required", field=Key("field.link_partners"))
    known = {p.id for p in partners.list_partners(store, workshop_id)}
    if any(pid not in known for pid in ids):
        raise ValidationError("error.unknown_partner")
    refuse_held_in_future(held, held_on, today)
    activity = LinkActivity(new_id(), held_on, tag, title, ids, people, outcome, bool(held))
    with store.transaction() as cur:
        cur.execute("INSERT INTO link_activity VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [activity.id, workshop_id, held_on, tag, title, people, outcome, activity.held, now()])
        cur.executemany("INSERT INTO link_activity_partner VALUES (?, ?)", [[activity.id, pid] for pid in ids])
        audit.record(cur, workshop_id, actor, "create", "link_activity", activity.id, after=activity)
    return activity


def mark_held(store: Store, actor: Actor, workshop_id: str, activity_id: str, outcome: str,
              today: dt.date | None = None) -> None:
    """A planned activity took place: it is held from now on, with its outcome."""
    require_facilitator(actor)
    before = {a.id: a for a in activities(store, workshop_id)}.get(activity_id)
    if before is None:
        raise ValidationError("error.link_not_found")
    outcome = clean_text(outcome, "field.link_outcome", TEXT_MAX, min_len=0)
    refuse_held_in_future(True, before.held_on, today)
    with store.transaction() as cur:
        cur.execute("UPDATE link_activity SET held = TRUE, outcome = ? WHERE id = ?", [outcome, activity_id])
        audit.record(cur, workshop_id, actor, "update", "link_activity", activity_id, before=before,
                     after={"held": True, "outcome": outcome})


def activities(store: Store, workshop_id: str) -> list[LinkActivity]:
    """Newest first."""
    with store.cursor() as cur:
        rows = cur.execute("SELECT a.id, a.held_on, a.tag, a.title, array_agg(l.partner_id ORDER BY l.partner_id),"
                           " a.people,"
                           " a.outcome, a.held FROM link_activity a LEFT JOIN link_activity_partner l"
                           " ON l.activity_id = a.id WHERE a.workshop_id = ?"
                           " GROUP BY a.id, a.held_on, a.tag, a.title, a.people, a.outcome, a.held"
                           " ORDER BY a.held_on DESC, a.title", [workshop_id]).fetchall()
    return [LinkActivity(i, d, t, title, tuple(x for x in ids if x), people, outcome, held)
            for i, d, t, title, ids, people, outcome, held in rows]


def counts_by_tag(store: Store, workshop_id: str) -> dict[str, int]:
    """Held activities per part of LINK (every tag, 0 where none)."""
    with store.cursor() as cur:
        rows = dict(cur.execute("SELECT tag, count(*) FROM link_activity WHERE workshop_id = ? AND held"
                                " GROUP BY tag", [workshop_id]).fetchall())
    return {t: rows.get(t, 0) for t in TAGS}


@dataclass(frozen=True)
class Quiet:
    partner: partners.Partner
    last_contact: dt.date | None     # None: never


def no_contact(store: Store, workshop_id: str, months: int, today: dt.date | None = None) -> list[Quiet]:
    """Organisations with no held activity in the last `months` months (contact on the day that
    many months ago still counts), those never contacted first, then the longest quiet."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 120:
        raise ValidationError("error.months_range")
    since = dates.add_months(today or dates.today(), -months)
    with store.cursor() as cur:
        last = dict(cur.execute("SELECT l.partner_id, max(a.held_on) FROM link_activity a JOIN link_activity_partner l"
                                " ON l.activity_id = a.id WHERE a.workshop_id = ? AND a.held GROUP BY l.partner_id",
                                [workshop_id]).fetchall())
    quiet = [Quiet(p, last.get(p.id)) for p in partners.list_partners(store, workshop_id)
             if last.get(p.id) is None or last[p.id] < since]
    return sorted(quiet, key=lambda q: (q.last_contact is not None, q.last_contact or dt.date.min, q.partner.name_th))
