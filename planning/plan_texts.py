"""The plan's own texts: what a Thai provincial plan states in words beyond the workshop's
results (mission, the area, links to national and provincial plans, the data platform's security,
the management and investment model, information for investors, who prepared it).

Rows are append-only: the newest per key counts and earlier wording stays in the history."""
from __future__ import annotations

from planning import audit
from planning.errors import ValidationError
from planning.text import Key
from planning.roles import Actor, require_facilitator
from planning.store import Store, now
from planning.validation import clean_text

KEYS = ("mission", "area", "link_national_strategy", "link_national_plan", "link_provincial_plan",
        "data_security", "management_model", "investor_info", "prepared_by")
TEXT_MAX = 3000
PREPARED_BY_MAX = 300


def current(store: Store, workshop_id: str) -> dict[str, str]:
    """Every key with its newest text ("" where nothing was written yet)."""
    with store.cursor() as cur:
        rows = cur.execute("SELECT DISTINCT ON (key) key, value FROM plan_text WHERE workshop_id = ?"
                           " ORDER BY key, saved_at DESC",
                           [workshop_id]).fetchall()
    found = dict(rows)
    return {k: found.get(k, "") for k in KEYS}


def save(store: Store, actor: Actor, workshop_id: str, texts: dict[str, str]) -> dict[str, str]:
    """Save the texts that changed, all or nothing; unknown keys are refused."""
    require_facilitator(actor)
    unknown = [k for k in texts if k not in KEYS]
    if unknown:
        raise ValidationError("error.bad_choice", field=Key("plantext.title"))
    cleaned = {k: clean_text(v, f"plantext.{k}", PREPARED_BY_MAX if k == "prepared_by" else TEXT_MAX, min_len=0)
               for k, v in texts.items()}
    before = current(store, workshop_id)
    changed = {k: v for k, v in cleaned.items() if v != before[k]}
    if changed:
        stamp = now()
        with store.transaction() as cur:
            cur.executemany("INSERT INTO plan_text VALUES (?, ?, ?, ?, ?)",
                            [[workshop_id, k, v, actor.who, stamp] for k, v in changed.items()])
            for k, v in changed.items():
                audit.record(cur, workshop_id, actor, "update" if before[k] else "create", "plan_text", k,
                             before=before[k] or None, after=v)
    return {**before, **changed}
