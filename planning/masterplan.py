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


# ---- changing and deleting -------------------------------------------------------------------
# Plan content is the facilitator's: rows are updated in place, each change with its before and
# after in the audit trail in the same transaction. A submitted version keeps its own frozen copy
# (planning.review), so nothing here can change what a committee approved.

NO_MEASURE = "-"  # move a deleted measure's projects to no measure (they stay under their strategy)


def _issue(store: Store, workshop_id: str, issue_id: str) -> ProvincialIssue:
    found = {i.id: i for i in issues(store, workshop_id)}.get(issue_id)
    if found is None:
        raise NotFound("error.issue_not_found")
    return found


def _strategy(store: Store, workshop_id: str, strategy_id: str) -> Strategy:
    found = {s.id: s for s in strategies(store, workshop_id)}.get(strategy_id)
    if found is None:
        raise NotFound("error.strategy_not_found")
    return found


def _measure(store: Store, workshop_id: str, measure_id: str) -> Measure:
    found = {m.id: m for m in measures(store, workshop_id)}.get(measure_id)
    if found is None:
        raise NotFound("error.measure_missing")
    return found


def update_issue(store: Store, actor: Actor, workshop_id: str, issue_id: str, title: str) -> ProvincialIssue:
    require_facilitator(actor)
    before = _issue(store, workshop_id, issue_id)
    title = clean_text(title, "field.issue_title", TITLE_MAX)
    if any(i.title.casefold() == title.casefold() for i in issues(store, workshop_id) if i.id != issue_id):
        raise ValidationError("error.duplicate_title", title=title)
    after = ProvincialIssue(issue_id, title)
    if after == before:
        return before
    with store.transaction() as cur:
        cur.execute("UPDATE provincial_issue SET title = ? WHERE id = ? AND workshop_id = ?",
                    [title, issue_id, workshop_id])
        audit.record(cur, workshop_id, actor, "update", "provincial_issue", issue_id, before=before, after=after)
    return after


def strategies_using_issue(store: Store, workshop_id: str, issue_id: str) -> int:
    return sum(1 for s in strategies(store, workshop_id) if s.provincial_issue_id == issue_id)


def delete_issue(store: Store, actor: Actor, workshop_id: str, issue_id: str) -> None:
    """Refused while a strategy is linked to the issue: link those strategies elsewhere first."""
    require_facilitator(actor)
    before = _issue(store, workshop_id, issue_id)
    used = strategies_using_issue(store, workshop_id, issue_id)
    if used:
        raise ValidationError("error.issue_in_use", title=before.title, n=used)
    with store.transaction() as cur:
        cur.execute("DELETE FROM provincial_issue WHERE id = ? AND workshop_id = ?", [issue_id, workshop_id])
        audit.record(cur, workshop_id, actor, "delete", "provincial_issue", issue_id, before=before)


def update_strategy(store: Store, actor: Actor, workshop_id: str, strategy_id: str, *, dimension: str, title: str,
                    provincial_issue_id: str | None, indicator_codes: list[str], goal: str = "") -> Strategy:
    require_facilitator(actor)
    before = _strategy(store, workshop_id, strategy_id)
    if dimension not in catalogue.dimensions():
        raise ValidationError("error.unknown_dimension", code=dimension)
    title = clean_text(title, "field.strategy_title", TITLE_MAX)
    if provincial_issue_id:
        _issue(store, workshop_id, provincial_issue_id)
    codes = _check_indicators(store, workshop_id, indicator_codes)
    goal = clean_text(goal, "field.strategy_goal", GOAL_MAX, min_len=0)
    after = Strategy(strategy_id, dimension, title, provincial_issue_id or None, tuple(codes), goal)
    if after == before:
        return before
    with store.transaction() as cur:
        cur.execute("UPDATE strategy SET dimension = ?, title = ?, provincial_issue_id = ?, indicator_codes = ?,"
                    " goal = ? WHERE id = ? AND workshop_id = ?",
                    [dimension, title, after.provincial_issue_id, codes, goal, strategy_id, workshop_id])
        audit.record(cur, workshop_id, actor, "update", "strategy", strategy_id, before=before, after=after)
    return after


def projects_using(store: Store, workshop_id: str, *, strategy_id: str | None = None,
                   measure_id: str | None = None) -> int:
    """How many projects of the action plan sit under a strategy or a measure."""
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM project WHERE workshop_id = ?"
                           " AND (CAST(? AS VARCHAR) IS NULL OR strategy_id = ?)"
                           " AND (CAST(? AS VARCHAR) IS NULL OR measure_id = ?)",
                           [workshop_id, strategy_id, strategy_id, measure_id, measure_id]).fetchone()[0]


def _projects_where(store: Store, workshop_id: str, field: str, value: str) -> list:
    from planning import projects

    return [p for p in projects.list_projects(store, workshop_id) if getattr(p, field) == value]


def _move_projects(cur, actor: Actor, workshop_id: str, moving: list, strategy_id: str, measure_id: str | None) -> None:
    """Move projects to a strategy and measure, each move in the audit trail."""
    from dataclasses import replace

    for p in moving:
        cur.execute("UPDATE project SET strategy_id = ?, measure_id = ?, updated_at = ? WHERE id = ?",
                    [strategy_id, measure_id, now(), p.id])
        audit.record(cur, workshop_id, actor, "update", "project", p.id, before=p,
                     after=replace(p, strategy_id=strategy_id, measure_id=measure_id))


def delete_strategy(store: Store, actor: Actor, workshop_id: str, strategy_id: str,
                    move_projects_to: str | None = None) -> None:
    """Delete a strategy with its measures. Projects under it are never left without a strategy:
    the deletion is refused (naming how many) unless they are moved to another strategy, where
    they have no measure until one is chosen."""
    require_facilitator(actor)
    before = _strategy(store, workshop_id, strategy_id)
    used = projects_using(store, workshop_id, strategy_id=strategy_id)
    if used and not move_projects_to:
        raise ValidationError("error.strategy_in_use", title=before.title, n=used)
    if used:
        if move_projects_to == strategy_id:
            raise ValidationError("error.move_to_itself")
        _strategy(store, workshop_id, move_projects_to)
    own_measures = [m for m in measures(store, workshop_id) if m.strategy_id == strategy_id]
    moving = _projects_where(store, workshop_id, "strategy_id", strategy_id)
    with store.transaction() as cur:
        _move_projects(cur, actor, workshop_id, moving, move_projects_to, None)
        for m in own_measures:
            cur.execute("DELETE FROM measure WHERE id = ?", [m.id])
            audit.record(cur, workshop_id, actor, "delete", "measure", m.id, before=m)
        cur.execute("DELETE FROM strategy WHERE id = ? AND workshop_id = ?", [strategy_id, workshop_id])
        audit.record(cur, workshop_id, actor, "delete", "strategy", strategy_id, before=before)


def update_measure(store: Store, actor: Actor, workshop_id: str, measure_id: str, *, strategy_id: str, title: str,
                   indicator_codes: list[str]) -> Measure:
    """A measure may move to another strategy only while no project uses it (a project's measure
    belongs to the project's strategy)."""
    require_facilitator(actor)
    before = _measure(store, workshop_id, measure_id)
    _strategy(store, workshop_id, strategy_id)
    title = clean_text(title, "field.measure_title", TITLE_MAX)
    codes = _check_indicators(store, workshop_id, indicator_codes)
    if strategy_id != before.strategy_id:
        used = projects_using(store, workshop_id, measure_id=measure_id)
        if used:
            raise ValidationError("error.measure_moves_projects", title=before.title, n=used)
    after = Measure(measure_id, strategy_id, title, tuple(codes))
    if after == before:
        return before
    with store.transaction() as cur:
        cur.execute("UPDATE measure SET strategy_id = ?, title = ?, indicator_codes = ? WHERE id = ? AND workshop_id = ?",
                    [strategy_id, title, codes, measure_id, workshop_id])
        audit.record(cur, workshop_id, actor, "update", "measure", measure_id, before=before, after=after)
    return after


def delete_measure(store: Store, actor: Actor, workshop_id: str, measure_id: str,
                   move_projects_to: str | None = None) -> None:
    """Refused (naming how many) while projects use the measure, unless they move to another
    measure of the same strategy or to none (NO_MEASURE): they stay under their strategy."""
    require_facilitator(actor)
    before = _measure(store, workshop_id, measure_id)
    used = projects_using(store, workshop_id, measure_id=measure_id)
    if used and not move_projects_to:
        raise ValidationError("error.measure_in_use", title=before.title, n=used)
    target = None
    if used and move_projects_to != NO_MEASURE:
        if move_projects_to == measure_id:
            raise ValidationError("error.move_to_itself")
        target = _measure(store, workshop_id, move_projects_to)
        if target.strategy_id != before.strategy_id:
            raise ValidationError("error.move_other_strategy")
    moving = _projects_where(store, workshop_id, "measure_id", measure_id)
    with store.transaction() as cur:
        _move_projects(cur, actor, workshop_id, moving, before.strategy_id, target.id if target else None)
        cur.execute("DELETE FROM measure WHERE id = ? AND workshop_id = ?", [measure_id, workshop_id])
        audit.record(cur, workshop_id, actor, "delete", "measure", measure_id, before=before)
