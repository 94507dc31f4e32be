"""The audit trail: every change to plan content and checkpoint data, with who, when, what,
and the values before and after (as JSON). Written in the same transaction as the change."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from planning.roles import Actor
from planning.store import new_id, now


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def to_json(value) -> str | None:
    return None if value is None else json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)


def record(cur, workshop_id: str, actor: Actor, action: str, entity: str, entity_id: str,
           before=None, after=None) -> None:
    """Append one entry using the caller's cursor, so it commits or rolls back with the change."""
    cur.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [new_id(), workshop_id, now(), actor.who, action, entity, str(entity_id),
                 to_json(before), to_json(after)])


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    who: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None


def entries(store, workshop_id: str, entity: str | None = None) -> list[Entry]:
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT changed_at, who, action, entity, entity_id, before_json, after_json FROM audit_log"
            " WHERE workshop_id = ? AND (CAST(? AS VARCHAR) IS NULL OR entity = ?) ORDER BY changed_at DESC, id",
            [workshop_id, entity, entity]).fetchall()
    return [Entry(*r) for r in rows]
