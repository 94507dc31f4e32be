"""Six-month checkpoints: actual indicator values, project status and spending, the After Action
Review, and the status colours and roll-ups derived from them by `planning.rules`.

Records are append-only; the newest per checkpoint and indicator (or project) counts, and every
record also goes to the audit trail with the value it replaced.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from decimal import Decimal

from planning import audit, catalogue, dates, indicators, projects, rules
from planning.errors import NotFound, ValidationError
from planning.roles import Actor, require_facilitator
from planning.store import Store, now
from planning.validation import clean_text
from planning.workshops import Workshop, get_workshop
from planning.text import Key

STATES = ("not_started", "in_progress", "delayed", "done", "cancelled")
NOTE_MAX = 500
SOURCE_MAX = 200
AAR_MAX = 2000


def schedule(workshop: Workshop) -> list[dates.Checkpoint]:
    return dates.checkpoint_schedule(workshop.start_date, workshop.horizon_years)


def _checkpoint(workshop: Workshop, months: int) -> dates.Checkpoint:
    for c in schedule(workshop):
        if c.months == months:
            return c
    raise NotFound("error.checkpoint_not_found", months=months)


# ---- recording --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Actual:
    indicator_code: str
    value: float
    measured_on: dt.date | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class ProjectReport:
    project_id: str
    state: str
    percent: float
    spent: dict = field(default_factory=dict)   # budget source -> Decimal
    note: str = ""


def actuals(store: Store, workshop_id: str, months: int | None = None) -> dict[tuple[int, str], Actual]:
    """Latest actual per (checkpoint, indicator)."""
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT DISTINCT ON (months, indicator_code) months, indicator_code, value, measured_on, source, note"
            " FROM checkpoint_actual WHERE workshop_id = ? AND (CAST(? AS INTEGER) IS NULL OR months = ?)"
            " ORDER BY months, indicator_code, created_at DESC",
            [workshop_id, months, months]).fetchall()
    return {(r[0], r[1]): Actual(*r[1:]) for r in rows}


class NeedsConfirmation(indicators.CellErrors):
    """Values that are allowed but implausible (rules.implausible_actual, a measurement before the
    plan started): nothing was saved; saving again with confirmed=True writes them."""

    def __init__(self, cells: list[tuple[int, str, str, dict]]):
        super().__init__(cells)
        self.key = "error.confirm_values"


def doubts(workshop: Workshop, values: dict, rows: list[Actual], only: set[str] | None = None) -> list[tuple]:
    """(row, column, warning, params) for each implausible value or date among `rows` (row numbers
    count from 1 in `rows`; `only`: the indicator codes to look at)."""
    found = []
    for n, a in enumerate(rows, start=1):
        if only is not None and a.indicator_code not in only:
            continue
        v = values.get(a.indicator_code)
        warning = rules.implausible_actual(a.value, v.baseline_value if v else None)
        if warning:
            found.append((n, Key("col.actual"), warning[0], warning[1]))
        if a.measured_on is not None and a.measured_on < workshop.start_date:
            found.append((n, Key("col.measured_on"), "warn.measured_before_start",
                          {"start": workshop.start_date}))
    return found


def record_actuals(store: Store, actor: Actor, workshop_id: str, months: int, rows: list[Actual],
                   confirmed: bool = False, lang: str = "th") -> int:
    """Validate every row, then write the changed ones (and their audit entries) in one transaction.
    Implausible values among the changed rows are written only when `confirmed` (NeedsConfirmation
    otherwise, with nothing written)."""
    require_facilitator(actor)
    workshop = get_workshop(store, workshop_id)
    _checkpoint(workshop, months)
    known = indicators.indicator_map(store, workshop_id)
    problems = []
    cleaned = []
    for n, a in enumerate(rows, start=1):
        if a.indicator_code not in known:
            problems.append((n, Key("col.indicator_code"), "error.unknown_indicator", {"code": a.indicator_code}))
            continue
        if a.value is None or not isinstance(a.value, (int, float)) or isinstance(a.value, bool) \
                or not math.isfinite(a.value):
            problems.append((n, Key("col.actual"), "error.not_a_number", {}))
            continue
        if known[a.indicator_code].is_percent and not 0 <= a.value <= 100:
            problems.append((n, Key("col.actual"), "error.percent_range", {"value": a.value}))
            continue
        if isinstance(a.measured_on, str):  # typed in the grid as people write dates (25/11/2569)
            try:
                a = replace(a, measured_on=dates.parse_date(a.measured_on, lang) if a.measured_on.strip() else None)
            except ValidationError as exc:
                problems.append((n, Key("col.measured_on"), exc.key, exc.params))
                continue
        if a.measured_on is not None and a.measured_on > dates.today():
            problems.append((n, Key("col.measured_on"), "error.future_date", {}))
            continue
        try:
            cleaned.append(Actual(a.indicator_code, float(a.value), a.measured_on,
                                  clean_text(a.source, "col.source", SOURCE_MAX, min_len=0),
                                  clean_text(a.note, "field.note", NOTE_MAX, min_len=0)))
        except ValidationError as exc:
            problems.append((n, Key("col.source"), exc.key, exc.params))
    if problems:
        raise indicators.CellErrors(problems)
    current = actuals(store, workshop_id, months)
    changed = [a for a in cleaned if current.get((months, a.indicator_code)) != a]
    if not confirmed:
        found = doubts(workshop, indicators.current_values(store, workshop_id), cleaned,
                       {a.indicator_code for a in changed})
        if found:
            raise NeedsConfirmation(found)
    if changed:
        stamp = now()
        with store.transaction() as cur:
            for a in changed:
                cur.execute("INSERT INTO checkpoint_actual VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [workshop_id, months, a.indicator_code, a.value, a.measured_on, a.source, a.note,
                             actor.who, stamp])
                old = current.get((months, a.indicator_code))
                audit.record(cur, workshop_id, actor, "update" if old else "create", "checkpoint_actual",
                             f"{months}:{a.indicator_code}", before=old, after=a)
    return len(changed)


def project_reports(store: Store, workshop_id: str, months: int | None = None) -> dict[tuple[int, str], ProjectReport]:
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT DISTINCT ON (months, project_id) months, project_id, state, percent, spent_sources, spent_amounts,"
            " note FROM checkpoint_project WHERE workshop_id = ? AND (CAST(? AS INTEGER) IS NULL OR months = ?)"
            " ORDER BY months, project_id, created_at DESC",
            [workshop_id, months, months]).fetchall()
    return {(r[0], r[1]): ProjectReport(r[1], r[2], r[3], dict(zip(r[4], r[5])), r[6]) for r in rows}


def record_project(store: Store, actor: Actor, workshop_id: str, months: int, report: ProjectReport) -> ProjectReport:
    require_facilitator(actor)
    workshop = get_workshop(store, workshop_id)
    checkpoint = _checkpoint(workshop, months)
    plan = {p.id: p for p in projects.list_projects(store, workshop_id)}
    project = plan.get(report.project_id)
    if project is None:
        raise NotFound("error.project_not_found")
    if report.state not in STATES:
        raise ValidationError("error.bad_choice", field=Key("field.project_state"))
    try:
        percent = float(report.percent)
    except (TypeError, ValueError):
        raise ValidationError("error.percent_range", value=report.percent) from None
    if not math.isfinite(percent) or not 0 <= percent <= 100:
        raise ValidationError("error.percent_range", value=f"{percent:g}")
    note = clean_text(report.note, "field.note", NOTE_MAX, min_len=0)
    # Spending to date is compared with the budget planned up to the checkpoint's fiscal year.
    planned = planned_through(project, checkpoint)
    spent: dict[str, Decimal] = {}
    for source, amount in (report.spent or {}).items():
        if source not in project.amount_by_source() or source in projects.NON_MONEY_SOURCES:
            raise ValidationError("error.spent_unknown_source", source=Key(f"source.{source}"))
        value = projects.to_amount(amount)
        if value:
            spent[source] = value
    over = [s for s, v in spent.items() if v > planned.get(s, Decimal(0))]
    if over and not note:
        raise ValidationError("error.overspent_needs_note", source=Key(f"source.{over[0]}"))
    clean = ProjectReport(project.id, report.state, percent, spent, note)
    old = project_reports(store, workshop_id, months).get((months, project.id))
    if old == clean:
        return clean
    with store.transaction() as cur:
        cur.execute("INSERT INTO checkpoint_project VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [workshop_id, months, project.id, clean.state, percent, list(spent), list(spent.values()),
                     note, actor.who, now()])
        audit.record(cur, workshop_id, actor, "update" if old else "create", "checkpoint_project",
                     f"{months}:{project.id}", before=old, after=clean)
    return clean


@dataclass(frozen=True)
class AfterActionReview:
    planned: str
    happened: str
    why: str
    next_steps: str
    recorded_by: str
    recorded_at: dt.datetime


def save_review(store: Store, actor: Actor, workshop_id: str, months: int, *, planned: str, happened: str,
                why: str, next_steps: str) -> AfterActionReview:
    require_facilitator(actor)
    _checkpoint(get_workshop(store, workshop_id), months)
    fields = {k: clean_text(v, f"aar.{k}", AAR_MAX, min_len=0)
              for k, v in (("planned", planned), ("happened", happened), ("why", why), ("next_steps", next_steps))}
    if not any(fields.values()):
        raise ValidationError("error.aar_empty")
    old = after_action_review(store, workshop_id, months)
    with store.transaction() as cur:
        cur.execute("INSERT INTO checkpoint_review VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [workshop_id, months, *fields.values(), actor.who, now()])
        audit.record(cur, workshop_id, actor, "update" if old else "create", "after_action_review",
                     str(months), before=old and {k: getattr(old, k) for k in fields}, after=fields)
    return after_action_review(store, workshop_id, months)


def after_action_review(store: Store, workshop_id: str, months: int) -> AfterActionReview | None:
    with store.cursor() as cur:
        row = cur.execute("SELECT planned, happened, why, next_steps, recorded_by, created_at FROM checkpoint_review"
                          " WHERE workshop_id = ? AND months = ? ORDER BY created_at DESC LIMIT 1",
                          [workshop_id, months]).fetchone()
    return AfterActionReview(*row) if row else None


def set_weights(store: Store, actor: Actor, workshop_id: str, weights: dict[str, float]) -> dict[str, float]:
    require_facilitator(actor)
    dims = catalogue.dimensions()
    if set(weights) - set(dims):
        raise ValidationError("error.unknown_dimension", code=", ".join(sorted(set(weights) - set(dims))))
    clean = {}
    for d, w in weights.items():
        try:
            w = float(w)
        except (TypeError, ValueError):
            raise ValidationError("error.weight_range") from None
        if not math.isfinite(w) or w < 0:
            raise ValidationError("error.weight_range")
        clean[d] = w
    merged = {**weights_of(store, workshop_id), **clean}
    if sum(merged.values()) <= 0:
        raise ValidationError("error.weight_range")
    old = weights_of(store, workshop_id)
    with store.transaction() as cur:
        stamp = now()
        for d, w in clean.items():
            cur.execute("INSERT INTO rollup_weight VALUES (?, ?, ?, ?, ?)", [workshop_id, d, w, actor.who, stamp])
        audit.record(cur, workshop_id, actor, "update", "rollup_weights", workshop_id, before=old, after=merged)
    return weights_of(store, workshop_id)


def weights_of(store: Store, workshop_id: str) -> dict[str, float]:
    """The facilitator's weight per dimension; equal (1) unless set."""
    with store.cursor() as cur:
        rows = cur.execute("SELECT DISTINCT ON (dimension) dimension, weight FROM rollup_weight WHERE workshop_id = ?"
                           " ORDER BY dimension, created_at DESC", [workshop_id]).fetchall()
    out = dict.fromkeys(catalogue.dimensions(), 1.0)
    out.update(dict(rows))
    return out


@dataclass(frozen=True)
class Change:
    at: dt.datetime
    who: str
    what: str          # "indicator:CODE" or "project:ID"
    months: int
    old: str | None
    new: str


def history(store: Store, workshop_id: str) -> list[Change]:
    """Every record with the value it replaced (late entries and corrections), newest first."""
    with store.cursor() as cur:
        # numbers are written out here, not in SQL: the engines write a float differently (39.0, 39)
        rows = cur.execute("""
            SELECT created_at, recorded_by, 'indicator:' || indicator_code, months,
                   NULL, lag(value) OVER w, NULL, value
            FROM checkpoint_actual WHERE workshop_id = ?
            WINDOW w AS (PARTITION BY months, indicator_code ORDER BY created_at)
            UNION ALL
            SELECT created_at, recorded_by, 'project:' || project_id, months,
                   lag(state) OVER w, lag(percent) OVER w, state, percent
            FROM checkpoint_project WHERE workshop_id = ?
            WINDOW w AS (PARTITION BY months, project_id ORDER BY created_at)
            ORDER BY 1 DESC""", [workshop_id, workshop_id]).fetchall()
    return [Change(at, who, what, months, _written(old_state, old), _written(state, new))
            for at, who, what, months, old_state, old, state, new in rows]


def _written(state: str | None, number: float | None) -> str | None:
    """A value as the history shows it: the indicator's number, or a project's state and percent."""
    if number is None:
        return None
    return f"{state} {float(number)}%" if state is not None else str(float(number))


# ---- status -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class IndicatorStatus:
    indicator: catalogue.Indicator
    baseline: float | None
    expected: float | None
    actual: float | None
    ratio: float | None
    status: str


@dataclass(frozen=True)
class ProjectStatus:
    project: projects.Project
    report: ProjectReport | None
    expected_percent: float
    ratio: float | None
    status: str
    planned: Decimal
    spent: Decimal


def indicator_status(store: Store, workshop_id: str, months: int) -> list[IndicatorStatus]:
    """Indicators that have a baseline and at least one target (those the plan promises to move)."""
    workshop = get_workshop(store, workshop_id)
    values = indicators.current_values(store, workshop_id)
    recorded = actuals(store, workshop_id, months)
    out = []
    for code, ind in indicators.indicator_map(store, workshop_id).items():
        v = values.get(code)
        if v is None or v.baseline_value is None or not v.has_target:
            continue
        expected = rules.expected_value(v.baseline_value, v.target_6m, v.target_12m, v.target_horizon,
                                        workshop.horizon_years * 12, months)
        actual = recorded.get((months, code))
        ratio = rules.indicator_progress(v.baseline_value, expected, actual.value if actual else None, ind.direction)
        out.append(IndicatorStatus(ind, v.baseline_value, expected, actual.value if actual else None,
                                   ratio, rules.status_of(ratio)))
    return out


def planned_through(project: projects.Project, checkpoint: dates.Checkpoint) -> dict[str, Decimal]:
    """A project's budget per source planned up to and including the checkpoint's fiscal year
    (every source the project draws on, 0 where nothing is planned yet)."""
    planned = project.amount_by_source(through_year=checkpoint.fiscal_year_be)
    return {s: planned.get(s, Decimal(0)) for s in project.amount_by_source()}


def project_status(store: Store, workshop_id: str, months: int) -> list[ProjectStatus]:
    workshop = get_workshop(store, workshop_id)
    checkpoint = _checkpoint(workshop, months)
    due = checkpoint.due
    reports = project_reports(store, workshop_id, months)
    out = []
    for p in projects.list_projects(store, workshop_id):
        start, end = projects.quarter_span(p)
        expected = rules.expected_percent(start, end, due)
        report = reports.get((months, p.id))
        ratio = rules.project_progress(report.percent if report else None, expected, report.state if report else None)
        spent = sum((Decimal(str(v)) for v in (report.spent.values() if report else ())), Decimal("0"))
        planned = sum(planned_through(p, checkpoint).values(), Decimal("0"))
        out.append(ProjectStatus(p, report, expected, ratio, rules.status_of(ratio), planned, spent))
    return out


@dataclass(frozen=True)
class Rollup:
    dimension: str            # a dimension code, or "plan"
    score: float | None       # 0..1
    status: str
    counts: dict              # status -> number of indicators


def rollups(store: Store, workshop_id: str, months: int,
            statuses: list[IndicatorStatus] | None = None) -> list[Rollup]:
    """Per dimension (its indicators, equal weight) and the plan (dimensions, the facilitator's
    weights), each with the status rule applied to the weighted score."""
    statuses = statuses if statuses is not None else indicator_status(store, workshop_id, months)
    weights = weights_of(store, workshop_id)
    out = []
    for d in catalogue.dimensions():
        mine = [s for s in statuses if s.indicator.dimension == d]
        score = rules.rollup([(s.ratio, 1.0) for s in mine])
        counts = {k: sum(s.status == k for s in mine) for k in rules.STATUSES}
        out.append(Rollup(d, score, rules.status_of(score), counts))
    plan_score = rules.rollup([(r.score, weights[r.dimension]) for r in out])
    plan_counts = {k: sum(s.status == k for s in statuses) for k in rules.STATUSES}
    out.append(Rollup("plan", plan_score, rules.status_of(plan_score), plan_counts))
    return out
