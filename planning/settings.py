"""A workshop's room settings, chosen by the facilitator. Appended rows, the newest counts."""
from __future__ import annotations

from planning.errors import ValidationError
from planning.roles import Actor, require_facilitator
from planning.store import Store, now
from planning.text import Key

# Whether the projector names who added each SWOT item (phones always show it to the room's
# members as before). Named unless the facilitator chooses otherwise.
SWOT_AUTHORS_ON_PROJECTOR = "swot_authors_on_projector"
_DEFAULTS = {SWOT_AUTHORS_ON_PROJECTOR: True}


def get(store: Store, workshop_id: str, name: str) -> bool:
    default = _DEFAULTS[name]
    with store.cursor() as cur:
        row = cur.execute("SELECT value FROM workshop_setting WHERE workshop_id = ? AND name = ?"
                          " ORDER BY created_at DESC LIMIT 1", [workshop_id, name]).fetchone()
    return default if not row or row[0] is None else row[0] == "1"


def put(store: Store, actor: Actor, workshop_id: str, name: str, value: bool) -> bool:
    require_facilitator(actor)
    if name not in _DEFAULTS:
        raise ValidationError("error.bad_choice", field=Key("field.setting"))
    with store.cursor() as cur:
        cur.execute("INSERT INTO workshop_setting VALUES (?, ?, ?, ?)", [workshop_id, name, "1" if value else "0", now()])
    return bool(value)
