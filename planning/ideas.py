"""Participant input per dimension: pain points and solution ideas, impact x feasibility scores,
maturity ratings; and the facilitator's choice of focus dimensions."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planning import audit, catalogue, rules
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.roles import PARTICIPANT, Actor, require_facilitator, require_member
from planning.store import Store, new_id, now
from planning.validation import clean_text
from planning.text import Key

KINDS = ("pain", "solution")
IDEA_MAX = 300
RATIONALE_MAX = 1000
SCALE = (1, 2, 3, 4, 5)


def _require_participant(actor: Actor, workshop_id: str) -> None:
    require_member(actor, workshop_id)
    if actor.role != PARTICIPANT:
        raise PermissionDenied("error.participants_score")


def _check_dimension(dimension: str) -> None:
    if dimension not in catalogue.dimensions():
        raise ValidationError("error.unknown_dimension", code=dimension)


def _check_scale(value, field: str) -> int:
    if isinstance(value, bool) or value not in SCALE:
        raise ValidationError("error.scale", field=Key(field))
    return int(value)


def add_idea(store: Store, actor: Actor, workshop_id: str, dimension: str, kind: str, text: str) -> str:
    require_member(actor, workshop_id)
    _check_dimension(dimension)
    if kind not in KINDS:
        raise ValidationError("error.bad_choice", field=Key("field.idea_kind"))
    text = clean_text(text, "field.idea_text", IDEA_MAX)
    idea_id = new_id()
    with store.cursor() as cur:
        cur.execute("INSERT INTO dimension_idea (id, workshop_id, dimension, kind, participant_id, text,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [idea_id, workshop_id, dimension, kind, actor.participant_id, text, now()])
    return idea_id


def score_idea(store: Store, actor: Actor, workshop_id: str, idea_id: str, impact: int,
               feasibility: int) -> None:
    """A participant's latest score of an idea replaces their earlier one in every total."""
    _require_participant(actor, workshop_id)
    impact = _check_scale(impact, "field.impact")
    feasibility = _check_scale(feasibility, "field.feasibility")
    with store.cursor() as cur:
        if not cur.execute(_SHOWN_IDEA_SQL, [idea_id, workshop_id]).fetchone():
            raise NotFound("error.item_not_found")  # never added, or withdrawn
        cur.execute("INSERT INTO idea_score (workshop_id, idea_id, participant_id, impact, feasibility,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [workshop_id, idea_id, actor.participant_id, impact, feasibility, now()])


@dataclass(frozen=True)
class IdeaResult:
    id: str
    dimension: str
    kind: str
    text: str
    author: str
    created_at: dt.datetime
    scores: int
    impact: float | None
    feasibility: float | None
    my_impact: int | None
    my_feasibility: int | None
    author_id: str | None = None   # the participant who posted it; None: the facilitator
    edited: bool = False

    @property
    def priority(self) -> float:
        """Mean impact x mean feasibility (1-25); unscored ideas rank last."""
        return (self.impact or 0) * (self.feasibility or 0)


# An idea as it is now: its newest revision (if any) gives kind and text; withdrawn ideas are gone.
_IDEAS_SQL = """
WITH latest AS (
    SELECT DISTINCT ON (idea_id, participant_id) idea_id, participant_id, impact, feasibility
    FROM idea_score WHERE workshop_id = $w ORDER BY idea_id, participant_id, created_at DESC
),
rev AS (
    SELECT DISTINCT ON (idea_id) idea_id, kind, text, withdrawn
    FROM idea_revision WHERE workshop_id = $w ORDER BY idea_id, seq DESC
)
SELECT i.id, i.dimension, coalesce(r.kind, i.kind), coalesce(r.text, i.text), coalesce(p.display_name, ''),
       i.created_at, count(l.idea_id), avg(l.impact::DOUBLE PRECISION), avg(l.feasibility::DOUBLE PRECISION),
       max(l.impact) FILTER (WHERE l.participant_id = $me),
       max(l.feasibility) FILTER (WHERE l.participant_id = $me),
       i.participant_id, r.idea_id IS NOT NULL
FROM dimension_idea i
LEFT JOIN rev r ON r.idea_id = i.id
LEFT JOIN latest l ON l.idea_id = i.id
LEFT JOIN participant p ON p.id = i.participant_id
WHERE i.workshop_id = $w AND (CAST($dim AS VARCHAR) IS NULL OR i.dimension = $dim) AND NOT coalesce(r.withdrawn, FALSE)
GROUP BY i.id, i.dimension, i.kind, i.text, i.created_at, i.participant_id, r.idea_id, r.kind, r.text, p.display_name
"""

_SHOWN_IDEA_SQL = ("SELECT 1 FROM dimension_idea i WHERE i.id = ? AND i.workshop_id = ? AND NOT coalesce("
                   "(SELECT withdrawn FROM idea_revision r WHERE r.idea_id = i.id ORDER BY seq DESC LIMIT 1), FALSE)")


def idea_results(store: Store, workshop_id: str, dimension: str | None = None,
                 participant_id: str | None = None) -> list[IdeaResult]:
    """Ideas ranked by impact x feasibility, then by how many scored them, then oldest first."""
    me = participant_id or ""
    with store.cursor() as cur:
        rows = cur.execute(_IDEAS_SQL, {"w": workshop_id, "me": me, "dim": dimension}).fetchall()
    ideas = [IdeaResult(*r) for r in rows]
    return sorted(ideas, key=lambda i: (-i.priority, -i.scores, i.created_at, i.id))


def _idea_for_change(store: Store, actor: Actor, workshop_id: str, idea_id: str) -> IdeaResult:
    """The idea as it is now, if this actor may change it: the facilitator any, a participant only their own."""
    require_member(actor, workshop_id)
    idea = next((i for i in idea_results(store, workshop_id) if i.id == idea_id), None)
    if idea is None:
        raise NotFound("error.item_not_found")
    if actor.role == PARTICIPANT and idea.author_id != actor.participant_id:
        raise PermissionDenied("error.not_your_item")
    return idea


def _append_revision(store: Store, actor: Actor, workshop_id: str, idea: IdeaResult, kind: str, text: str,
                     withdrawn: bool) -> None:
    with store.transaction() as cur:
        cur.execute("INSERT INTO idea_revision (id, workshop_id, idea_id, kind, text, withdrawn, changed_by, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [new_id(), workshop_id, idea.id, kind, text, withdrawn, actor.who, now()])
        audit.record(cur, workshop_id, actor, "delete" if withdrawn else "update", "idea", idea.id,
                     before={"dimension": idea.dimension, "kind": idea.kind, "text": idea.text},
                     after=None if withdrawn else {"dimension": idea.dimension, "kind": kind, "text": text})


def revise_idea(store: Store, actor: Actor, workshop_id: str, idea_id: str, kind: str, text: str) -> IdeaResult:
    """Change an idea's text or kind. Its scores stay with it; a participant may change their own
    idea only until someone else has scored it (nobody's score then rates words they did not see).
    The facilitator may always."""
    idea = _idea_for_change(store, actor, workshop_id, idea_id)
    if kind not in KINDS:
        raise ValidationError("error.bad_choice", field=Key("field.idea_kind"))
    text = clean_text(text, "field.idea_text", IDEA_MAX)
    if (kind, text) == (idea.kind, idea.text):
        return idea
    if actor.role == PARTICIPANT:
        with store.cursor() as cur:
            others = cur.execute("SELECT count(DISTINCT participant_id) FROM idea_score WHERE workshop_id = ?"
                                 " AND idea_id = ? AND participant_id <> ?",
                                 [workshop_id, idea_id, actor.participant_id]).fetchone()[0]
        if others:
            raise PermissionDenied("error.idea_has_scores")
    _append_revision(store, actor, workshop_id, idea, kind, text, False)
    return next(i for i in idea_results(store, workshop_id, idea.dimension) if i.id == idea_id)


def withdraw_idea(store: Store, actor: Actor, workshop_id: str, idea_id: str) -> None:
    """Delete an idea: it leaves the ranking, the chart, the summary and new activities, and its
    scores no longer count (they stay stored)."""
    idea = _idea_for_change(store, actor, workshop_id, idea_id)
    _append_revision(store, actor, workshop_id, idea, idea.kind, idea.text, True)


def rate_maturity(store: Store, actor: Actor, workshop_id: str, dimension: str, level: int) -> None:
    _require_participant(actor, workshop_id)
    _check_dimension(dimension)
    level = _check_scale(level, "field.maturity")
    with store.cursor() as cur:
        cur.execute("INSERT INTO maturity_rating (workshop_id, dimension, participant_id, level, created_at)"
                    " VALUES (?, ?, ?, ?, ?)", [workshop_id, dimension, actor.participant_id, level, now()])


@dataclass(frozen=True)
class MaturityRow:
    dimension: str
    sector: str        # a sector code, or "all"
    mean: float
    raters: int


_MATURITY_SQL = """
WITH latest AS (
    SELECT DISTINCT ON (m.dimension, m.participant_id) m.dimension, m.participant_id, m.level
    FROM maturity_rating m WHERE m.workshop_id = ? ORDER BY m.dimension, m.participant_id, m.created_at DESC
)
SELECT l.dimension, coalesce(p.sector, 'all') AS sector, avg(l.level::DOUBLE PRECISION), count(*)
FROM latest l JOIN participant p ON p.id = l.participant_id
GROUP BY GROUPING SETS ((l.dimension, p.sector), (l.dimension))
"""


def maturity_summary(store: Store, workshop_id: str) -> list[MaturityRow]:
    """Mean self-assessed maturity per dimension, overall ("all") and per sector."""
    with store.cursor() as cur:
        rows = cur.execute(_MATURITY_SQL, [workshop_id]).fetchall()
    order = {d: i for i, d in enumerate(catalogue.dimensions())}
    return sorted((MaturityRow(*r) for r in rows), key=lambda r: (order[r.dimension], r.sector != "all", r.sector))


def sector_spread(rows: list[MaturityRow]) -> dict[str, float]:
    """Per dimension, the gap between the most and least confident sector (0 with one sector)."""
    by_dim: dict[str, list[float]] = {}
    for r in rows:
        if r.sector != "all":
            by_dim.setdefault(r.dimension, []).append(r.mean)
    return {d: max(v) - min(v) for d, v in by_dim.items()}


def my_maturity(store: Store, workshop_id: str, participant_id: str) -> dict[str, int]:
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT DISTINCT ON (dimension) dimension, level FROM maturity_rating"
            " WHERE workshop_id = ? AND participant_id = ? ORDER BY dimension, created_at DESC",
            [workshop_id, participant_id]).fetchall()
    return dict(rows)


@dataclass(frozen=True)
class Focus:
    dimensions: tuple[str, ...]
    rationale: str
    saved_at: dt.datetime

    @property
    def rule_warning(self) -> str | None:
        return rules.dimension_rule(self.dimensions)


def save_focus(store: Store, actor: Actor, workshop_id: str, dimensions: list[str], rationale: str) -> Focus:
    require_facilitator(actor)
    dims = catalogue.dimensions()
    unknown = set(dimensions or []) - set(dims)
    if unknown:
        raise ValidationError("error.unknown_dimension", code=", ".join(sorted(unknown)))
    chosen = [d for d in dims if d in set(dimensions or [])]
    if not chosen:
        raise ValidationError("error.focus_empty")
    rationale = clean_text(rationale, "field.rationale", RATIONALE_MAX)
    before = current_focus(store, workshop_id)
    with store.transaction() as cur:
        cur.execute("INSERT INTO focus_choice (workshop_id, dimensions, rationale, saved_by, created_at)"
                    " VALUES (?, ?, ?, ?, ?)", [workshop_id, chosen, rationale, actor.label, now()])
        audit.record(cur, workshop_id, actor, "update" if before else "create", "focus", workshop_id,
                     before=before and {"dimensions": before.dimensions, "rationale": before.rationale},
                     after={"dimensions": chosen, "rationale": rationale})
    return current_focus(store, workshop_id)


def current_focus(store: Store, workshop_id: str) -> Focus | None:
    with store.cursor() as cur:
        row = cur.execute("SELECT dimensions, rationale, created_at FROM focus_choice WHERE workshop_id = ?"
                          " ORDER BY created_at DESC LIMIT 1", [workshop_id]).fetchone()
    return Focus(tuple(row[0]), row[1], row[2]) if row else None
