"""Master plan: provincial development issues (per workshop), strategies per focus dimension, and
measures, each linked to the indicators it moves."""
from __future__ import annotations

from dataclasses import dataclass

from planning import audit, catalogue, indicators
from planning.errors import NotFound, ValidationError
from planning.roles import Actor, require_facilitator
from planning.store import Store, new_id, now
from planning.validation import clean_text

TITLE_MAX = 300
GOAL_MAX = 1000


@dataclass(frozen=True)
class ProvincialIssue:
    id: str
    title: str


@dataclass(frozen=True)
class Strategy:
    id: str
    dimension: str
    title: str
    provincial_issue_id: str | None
    indicator_codes: tuple[str, ...]
    goal: str = ""          # เป้าประสงค์: what the strategy achieves, measured by its indicators


@dataclass(frozen=True)
class Measure:
    id: str
    strategy_id: str
    title: str
    indicator_codes: tuple[str, ...]


def add_issue(store: Store, actor: Actor, workshop_id: str, title: str) -> ProvincialIssue:
    require_facilitator(actor)
    title = clean_text(title, "field.issue_title", TITLE_MAX)
    if any(i.title.casefold() == title.casefold() for i in issues(store, workshop_id)):
        raise ValidationError("error.duplicate_title", title=title)
    issue = ProvincialIssue(new_id(), title)
    with store.transaction() as cur:
        cur.execute("INSERT INTO provincial_issue VALUES (?, ?, ?, ?)", [issue.id, workshop_id, title, now()])
        audit.record(cur, workshop_id, actor, "create", "provincial_issue", issue.id, after=issue)
    return issue


def issues(store: Store, workshop_id: str) -> list[ProvincialIssue]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT id, title FROM provincial_issue WHERE workshop_id = ? ORDER BY created_at",
                           [workshop_id]).fetchall()
    return [ProvincialIssue(*r) for r in rows]


def _check_indicators(store: Store, workshop_id: str, codes: list[str]) -> list[str]:
    known = indicators.indicator_map(store, workshop_id)
    unknown = [c for c in codes or [] if c not in known]
    if unknown:
        raise ValidationError("error.unknown_indicator", code=", ".join(unknown))
    return list(dict.fromkeys(codes or []))


def add_strategy(store: Store, actor: Actor, workshop_id: str, *, dimension: str, title: str,
                 provincial_issue_id: str | None, indicator_codes: list[str], goal: str = "") -> Strategy:
    require_facilitator(actor)
    if dimension not in catalogue.dimensions():
        raise ValidationError("error.unknown_dimension", code=dimension)
    title = clean_text(title, "field.strategy_title", TITLE_MAX)
    if provincial_issue_id and provincial_issue_id not in {i.id for i in issues(store, workshop_id)}:
        raise NotFound("error.issue_not_found")
    codes = _check_indicators(store, workshop_id, indicator_codes)
    goal = clean_text(goal, "field.strategy_goal", GOAL_MAX, min_len=0)
    s = Strategy(new_id(), dimension, title, provincial_issue_id or None, tuple(codes), goal)
    with store.transaction() as cur:
        cur.execute("INSERT INTO strategy (id, workshop_id, dimension, title, provincial_issue_id, indicator_codes,"
                    " created_at, goal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [s.id, workshop_id, dimension, title, s.provincial_issue_id, codes, now(), goal])
        audit.record(cur, workshop_id, actor, "create", "strategy", s.id, after=s)
    return s


def strategies(store: Store, workshop_id: str) -> list[Strategy]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT id, dimension, title, provincial_issue_id, indicator_codes, coalesce(goal, '')"
                           " FROM strategy WHERE workshop_id = ? ORDER BY created_at", [workshop_id]).fetchall()
    order = {d: i for i, d in enumerate(catalogue.dimensions())}
    found = [Strategy(r[0], r[1], r[2], r[3], tuple(r[4]), r[5]) for r in rows]
    return sorted(found, key=lambda s: order[s.dimension])


def set_goal(store: Store, actor: Actor, workshop_id: str, strategy_id: str, goal: str) -> Strategy:
    """The strategy's goal (เป้าประสงค์); an empty goal clears it."""
    require_facilitator(actor)
    before = {s.id: s for s in strategies(store, workshop_id)}.get(strategy_id)
    if before is None:
        raise NotFound("error.strategy_not_found")
    goal = clean_text(goal, "field.strategy_goal", GOAL_MAX, min_len=0)
    if goal == before.goal:
        return before
    after = Strategy(before.id, before.dimension, before.title, before.provincial_issue_id,
                     before.indicator_codes, goal)
    with store.transaction() as cur:
        cur.execute("UPDATE strategy SET goal = ? WHERE id = ? AND workshop_id = ?", [goal, strategy_id, workshop_id])
        audit.record(cur, workshop_id, actor, "update", "strategy", strategy_id, before=before, after=after)
    return after


def add_measure(store: Store, actor: Actor, workshop_id: str, *, strategy_id: str, title: str,
                indicator_codes: list[str]) -> Measure:
    require_facilitator(actor)
    if strategy_id not in {s.id for s in strategies(store, workshop_id)}:
        raise NotFound("error.strategy_not_found")
    title = clean_text(title, "field.measure_title", TITLE_MAX)
    codes = _check_indicators(store, workshop_id, indicator_codes)
    m = Measure(new_id(), strategy_id, title, tuple(codes))
    with store.transaction() as cur:
        cur.execute("INSERT INTO measure VALUES (?, ?, ?, ?, ?, ?)",
                    [m.id, workshop_id, strategy_id, title, codes, now()])
        audit.record(cur, workshop_id, actor, "create", "measure", m.id, after=m)
    return m


def measures(store: Store, workshop_id: str) -> list[Measure]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT id, strategy_id, title, indicator_codes FROM measure WHERE workshop_id = ?"
                           " ORDER BY created_at", [workshop_id]).fetchall()
    return [Measure(r[0], r[1], r[2], tuple(r[3])) for r in rows]
