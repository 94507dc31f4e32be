"""The sustainability plan (seed 000: what keeps the work going after the programme): for each
project, or for the programme as a whole, people, money, knowledge and management are each scored
1-5 with a note and the next step. Saved scores are append-only: the newest per aspect counts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planning import audit, projects
from planning.errors import NotFound, ValidationError
from planning.roles import Actor, require_facilitator
from planning.store import Store, now
from planning.text import Key
from planning.validation import clean_text

ASPECTS = ("people", "money", "knowledge", "management")
SCORES = (1, 2, 3, 4, 5)
TEXT_MAX = 1000
WEAK = 2      # a score at or below this is named as weak


@dataclass(frozen=True)
class Score:
    aspect: str
    score: int
    note: str
    next_step: str
    recorded_by: str
    at: dt.datetime


def save(store: Store, actor: Actor, workshop_id: str, project_id: str | None,
         scores: dict[str, tuple]) -> None:
    """scores: aspect -> (score, note, next step). All are checked before any is written: a score
    outside 1-5, an unknown aspect or project refuses the whole save."""
    require_facilitator(actor)
    if project_id is not None and project_id not in {p.id for p in projects.list_projects(store, workshop_id)}:
        raise NotFound("error.project_not_found")
    rows = []
    for aspect, (score, note, next_step) in scores.items():
        if aspect not in ASPECTS:
            raise ValidationError("error.bad_choice", field=Key("field.aspect"))
        if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
            raise ValidationError("error.score_range", aspect=Key(f"aspect.{aspect}"))
        rows.append([workshop_id, project_id, aspect, score, clean_text(note, "field.note", TEXT_MAX, min_len=0),
                     clean_text(next_step, "field.next_step", TEXT_MAX, min_len=0), actor.who, now()])
    if not rows:
        raise ValidationError("error.required", field=Key("field.aspect"))
    before = current(store, workshop_id).get(project_id, {})
    with store.transaction() as cur:
        cur.executemany("INSERT INTO sustainability_score VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        audit.record(cur, workshop_id, actor, "update", "sustainability", project_id or "programme",
                     before={r[2]: before[r[2]].score for r in rows if r[2] in before},
                     after={r[2]: r[3] for r in rows})  # only the aspects scored now: the others stand


def current(store: Store, workshop_id: str) -> dict[str | None, dict[str, Score]]:
    """project id (None: the programme) -> aspect -> its newest score."""
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT DISTINCT ON (project_id, aspect) project_id, aspect, score, note, next_step, recorded_by,"
            " created_at FROM sustainability_score WHERE workshop_id = ?"
            " ORDER BY project_id, aspect, created_at DESC", [workshop_id]).fetchall()
    out: dict[str | None, dict[str, Score]] = {}
    for project_id, aspect, *rest in rows:
        out.setdefault(project_id, {})[aspect] = Score(aspect, *rest)
    return out


@dataclass(frozen=True)
class Summary:
    mean: float | None                # over the aspects scored
    weakest: tuple[str, ...]          # aspects with the lowest score
    weak: tuple[str, ...]             # aspects at or below WEAK
    missing: tuple[str, ...]          # aspects not scored yet


def summarise(scores: dict[str, Score]) -> Summary:
    scored = {a: s.score for a, s in scores.items()}
    if not scored:
        return Summary(None, (), (), ASPECTS)
    low = min(scored.values())
    return Summary(sum(scored.values()) / len(scored), tuple(a for a in ASPECTS if scored.get(a) == low),
                   tuple(a for a in ASPECTS if a in scored and scored[a] <= WEAK),
                   tuple(a for a in ASPECTS if a not in scored))


def history(store: Store, workshop_id: str, project_id: str | None) -> list[Score]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT aspect, score, note, next_step, recorded_by, created_at FROM sustainability_score"
                           " WHERE workshop_id = ? AND project_id IS NOT DISTINCT FROM ? ORDER BY created_at DESC",
                           [workshop_id, project_id]).fetchall()
    return [Score(*r) for r in rows]
