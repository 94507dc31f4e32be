"""The City Lab (seed 004): a place where the city shows its smart-city work and partners meet,
with a location on the map and opening hours, and its events (showcases, study visits, exchange
sessions) with visitors counted by sector."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planning import audit
from planning.errors import NotFound, ValidationError
from planning.participants import SECTORS
from planning.roles import Actor, require_facilitator
from planning.store import Store, new_id, now
from planning.text import Key
from planning.upkeep import parse_date, refuse_held_in_future
from planning.validation import clean_text
from planning.workshops import validate_point

EVENT_KINDS = ("showcase", "study_visit", "exchange")
NAME_MAX, HOURS_MAX, VISITORS_MAX = 200, 200, 100_000


@dataclass(frozen=True)
class Lab:
    id: str
    name: str
    location: tuple[float, float] | None
    opening_hours: str


@dataclass(frozen=True)
class Event:
    id: str
    lab_id: str
    kind: str
    title: str
    held_on: dt.date
    held: bool
    visitors: dict            # sector -> count


def save_lab(store: Store, actor: Actor, workshop_id: str, *, name: str, opening_hours: str = "",
             location: tuple[float, float] | None = None, lab_id: str | None = None) -> Lab:
    require_facilitator(actor)
    name = clean_text(name, "field.lab_name", NAME_MAX)
    opening_hours = clean_text(opening_hours, "field.opening_hours", HOURS_MAX, min_len=0)
    point = validate_point(*location) if location is not None else None
    before = {x.id: x for x in labs(store, workshop_id)}.get(lab_id) if lab_id else None
    if lab_id and before is None:
        raise NotFound("error.lab_not_found")
    lab = Lab(lab_id or new_id(), name, point, opening_hours)
    lat, lon = point if point else (None, None)
    with store.transaction() as cur:
        if before:
            cur.execute("UPDATE city_lab SET name = ?, lat = ?, lon = ?, opening_hours = ?, updated_at = ? WHERE id = ?",
                        [name, lat, lon, opening_hours, now(), lab.id])
        else:
            cur.execute("INSERT INTO city_lab VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [lab.id, workshop_id, name, lat, lon, opening_hours, now(), now()])
        audit.record(cur, workshop_id, actor, "update" if before else "create", "city_lab", lab.id,
                     before=before, after=lab)
    return lab


def labs(store: Store, workshop_id: str) -> list[Lab]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT id, name, lat, lon, opening_hours FROM city_lab WHERE workshop_id = ?"
                           " ORDER BY created_at", [workshop_id]).fetchall()
    return [Lab(i, n, (lat, lon) if lat is not None else None, h) for i, n, lat, lon, h in rows]


def add_event(store: Store, actor: Actor, workshop_id: str, lab_id: str, *, kind: str, title: str, held_on,
              held: bool = True, visitors: dict | None = None, today: dt.date | None = None) -> Event:
    """Refused with nothing written: an unknown kind or sector, a negative or non-whole count,
    visitors counted at an event that has not been held, or an event marked held after today."""
    require_facilitator(actor)
    if lab_id not in {x.id for x in labs(store, workshop_id)}:
        raise NotFound("error.lab_not_found")
    if kind not in EVENT_KINDS:
        raise ValidationError("error.bad_choice", field=Key("field.event_kind"))
    title = clean_text(title, "field.event_title", NAME_MAX)
    held_on = parse_date(held_on)
    counts = {}
    for sector, n in (visitors or {}).items():
        if sector not in SECTORS:
            raise ValidationError("error.bad_choice", field=Key("field.sector"))
        if isinstance(n, bool) or not isinstance(n, int) and not (isinstance(n, float) and n.is_integer()):
            raise ValidationError("error.visitors", sector=Key(f"sector.{sector}"))
        if not 0 <= n <= VISITORS_MAX:
            raise ValidationError("error.visitors", sector=Key(f"sector.{sector}"))
        if n:
            counts[sector] = int(n)
    refuse_held_in_future(held, held_on, today)
    if counts and not held:
        raise ValidationError("error.visitors_not_held")
    event = Event(new_id(), lab_id, kind, title, held_on, bool(held), counts)
    with store.transaction() as cur:
        cur.execute("INSERT INTO city_lab_event VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [event.id, lab_id, kind, title, held_on, event.held, now()])
        if counts:
            cur.executemany("INSERT INTO city_lab_visitors VALUES (?, ?, ?)",
                            [[event.id, s, n] for s, n in counts.items()])
        audit.record(cur, workshop_id, actor, "create", "city_lab_event", event.id, after=event)
    return event


def events(store: Store, workshop_id: str) -> list[Event]:
    """Every lab's events, newest first."""
    with store.cursor() as cur:
        rows = cur.execute("SELECT e.id, e.lab_id, e.kind, e.title, e.held_on, e.held FROM city_lab_event e"
                           " JOIN city_lab l ON l.id = e.lab_id WHERE l.workshop_id = ?"
                           " ORDER BY e.held_on DESC, e.created_at DESC", [workshop_id]).fetchall()
        counts = cur.execute("SELECT v.event_id, v.sector, v.visitors FROM city_lab_visitors v"
                             " JOIN city_lab_event e ON e.id = v.event_id JOIN city_lab l ON l.id = e.lab_id"
                             " WHERE l.workshop_id = ?", [workshop_id]).fetchall()
    by_event: dict[str, dict] = {}
    for event_id, sector, n in counts:
        by_event.setdefault(event_id, {})[sector] = n
    return [Event(*r, by_event.get(r[0], {})) for r in rows]


def visitors_by_sector(store: Store, workshop_id: str) -> dict[str, int]:
    """Visitors of held events, summed in the store per sector (every sector, 0 where none)."""
    with store.cursor() as cur:
        rows = dict(cur.execute("SELECT v.sector, sum(v.visitors) FROM city_lab_visitors v"
                                " JOIN city_lab_event e ON e.id = v.event_id JOIN city_lab l ON l.id = e.lab_id"
                                " WHERE l.workshop_id = ? AND e.held GROUP BY v.sector", [workshop_id]).fetchall())
    return {s: int(rows.get(s, 0)) for s in SECTORS}
