"""Committee review: the facilitator submits a version (a frozen snapshot of the whole plan);
reviewers read it with its criteria checks and what changed since the previous version, comment
per section, and approve or return it with a resolution number and date.

Versions are never updated: a decision is a separate row and a version gets one. Approved
content cannot change; edits to the plan after approval are a new draft.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from planning import audit, criteria, dates, ideas, indicators, masterplan, plan_texts, positioning, projects
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.roles import FACILITATOR, REVIEWER, Actor, require_facilitator, require_reviewer
from planning.store import Store, new_id, now
from planning.text import LANGS
from planning.validation import clean_text
from planning.text import Key

SECTIONS = ("statements", "focus", "indicators", "issues", "strategies", "measures", "projects", "texts",
            "criteria")
SUBMITTED, APPROVED, RETURNED = "submitted", "approved", "returned"
DECISIONS = (APPROVED, RETURNED)
NOTE_MAX = 1000
COMMENT_MAX = 2000
RESOLUTION_MAX = 60


def snapshot(store: Store, workshop_id: str) -> dict[str, dict[str, dict]]:
    """The whole plan as plain data: section -> item key -> fields (each with a 'label')."""
    st = positioning.current_statements(store, workshop_id)
    focus = ideas.current_focus(store, workshop_id)
    inds = indicators.indicator_map(store, workshop_id)
    issue_title = {i.id: i.title for i in masterplan.issues(store, workshop_id)}
    strategy_title = {s.id: s.title for s in masterplan.strategies(store, workshop_id)}
    snap = {
        "statements": {"statements": {"label": "vision", "vision": st.vision, "positioning": st.positioning,
                                      "lead_dimensions": list(st.lead_dimensions)}} if st else {},
        "focus": {"focus": {"label": "focus", "dimensions": list(focus.dimensions),
                            "rationale": focus.rationale}} if focus else {},
        "indicators": {
            code: {"label": f"{code} {inds[code].name_th}", "baseline": v.baseline_value, "baseline_year": v.baseline_year,
                   "target_6m": v.target_6m, "target_12m": v.target_12m, "target_horizon": v.target_horizon}
            for code, v in sorted(indicators.current_values(store, workshop_id).items())
            if code in inds and (v.baseline_value is not None or v.has_target)},
        "issues": {i: {"label": t} for i, t in issue_title.items()},
        "strategies": {s.id: {"label": s.title, "dimension": s.dimension, "goal": s.goal,
                              "issue": issue_title.get(s.provincial_issue_id, ""),
                              "indicators": list(s.indicator_codes)} for s in masterplan.strategies(store, workshop_id)},
        "measures": {m.id: {"label": m.title, "strategy": strategy_title.get(m.strategy_id, ""),
                            "indicators": list(m.indicator_codes)} for m in masterplan.measures(store, workshop_id)},
        "projects": {p.id: {"label": p.name, "fiscal_year": p.fiscal_year_be, "last_fiscal_year": p.last_year,
                            "strategy": strategy_title.get(p.strategy_id, ""),
                            "objective": p.objective, "lead_agency": p.lead_agency, "dimensions": list(p.dimensions),
                            "budget": {s: {str(p.year_of(b)): float(b.amount) for b in p.budget if b.source == s}
                                       for s in p.sources},
                            "total": float(p.total),
                            "milestones": {f"{p.year_of(m)}/{m.quarter}": m.description for m in p.milestones},
                            "kpis": [[k.indicator_code, k.kind, k.baseline, k.target] for k in p.kpis]}
                     for p in projects.list_projects(store, workshop_id)},
        # The plan document's own texts (mission, area, links to national plans...): part of what is approved.
        "texts": {k: {"label": k, "text": v} for k, v in plan_texts.current(store, workshop_id).items() if v.strip()},
        "criteria": {r.item.id: {"label": r.item.id, "complete": r.met, "why": {lang: [] if r.met else r.why(lang) for lang in LANGS}}
                     for r in criteria.checklist(store, workshop_id)},
    }
    return json.loads(json.dumps(snap, ensure_ascii=False, sort_keys=True))  # plain and canonical


@dataclass(frozen=True)
class Version:
    id: str
    workshop_id: str
    number: int
    note: str
    submitted_by: str
    submitted_at: dt.datetime
    status: str
    resolution_no: str | None
    resolution_date: dt.date | None
    decided_by: str | None
    decided_at: dt.datetime | None
    reason: str | None = None    # why a version was returned


_VERSION_SQL = """
SELECT v.id, v.workshop_id, v.number, v.note, v.submitted_by, v.submitted_at,
       coalesce(d.decision, 'submitted'), d.resolution_no, d.resolution_date, d.decided_by, d.created_at, d.reason
FROM plan_version v LEFT JOIN version_decision d ON d.version_id = v.id
"""


def versions(store: Store, workshop_id: str) -> list[Version]:
    """Newest first."""
    with store.cursor() as cur:
        rows = cur.execute(_VERSION_SQL + " WHERE v.workshop_id = ? ORDER BY v.number DESC", [workshop_id]).fetchall()
    return [Version(*r) for r in rows]


def workshops_under_review(store: Store) -> list[tuple[str, dt.datetime]]:
    """Workshops with at least one submitted version and their latest submission, newest first:
    what a committee reviewer may choose from."""
    with store.cursor() as cur:
        return cur.execute("SELECT workshop_id, max(submitted_at) AS latest FROM plan_version"
                           " GROUP BY workshop_id ORDER BY latest DESC, workshop_id").fetchall()


def get_version(store: Store, version_id: str) -> Version:
    with store.cursor() as cur:
        row = cur.execute(_VERSION_SQL + " WHERE v.id = ?", [version_id]).fetchone()
    if row is None:
        raise NotFound("error.version_not_found")
    return Version(*row)


def version_snapshot(store: Store, version_id: str) -> dict:
    with store.cursor() as cur:
        row = cur.execute("SELECT snapshot FROM plan_version WHERE id = ?", [version_id]).fetchone()
    if row is None:
        raise NotFound("error.version_not_found")
    return json.loads(row[0])


def submit_version(store: Store, actor: Actor, workshop_id: str, note: str = "") -> Version:
    """Freeze the plan as it is now. One version awaits review at a time."""
    require_facilitator(actor)
    note = clean_text(note, "field.version_note", NOTE_MAX, min_len=0)
    existing = versions(store, workshop_id)
    if any(v.status == SUBMITTED for v in existing):
        raise ValidationError("error.version_pending")
    snap = snapshot(store, workshop_id)
    if existing and version_snapshot(store, existing[0].id) == snap:
        raise ValidationError("error.version_unchanged", number=existing[0].number)
    version_id = new_id()
    number = (existing[0].number if existing else 0) + 1
    with store.transaction() as cur:
        cur.execute("INSERT INTO plan_version VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [version_id, workshop_id, number, json.dumps(snap, ensure_ascii=False, sort_keys=True),
                     note, actor.who, now()])
        audit.record(cur, workshop_id, actor, "submit", "plan_version", version_id, after={"number": number, "note": note})
    return get_version(store, version_id)


def decide(store: Store, actor: Actor, version_id: str, decision: str, resolution_no: str,
           resolution_date: dt.date, reason: str = "", confirmed: bool = False) -> Version:
    """Approve or return a submitted version. Approving needs `confirmed` (the reviewer has seen
    the criteria result and ticked the confirmation); returning needs a reason."""
    require_reviewer(actor)
    version = get_version(store, version_id)
    if version.status == APPROVED:
        raise PermissionDenied("error.version_approved", number=version.number)
    if version.status != SUBMITTED:
        raise ValidationError("error.version_decided", number=version.number)
    if decision not in DECISIONS:
        raise ValidationError("error.bad_choice", field=Key("field.decision"))
    resolution_no = clean_text(resolution_no, "field.resolution_no", RESOLUTION_MAX)
    reason = clean_text(reason, "field.return_reason", COMMENT_MAX, min_len=1 if decision == RETURNED else 0)
    if decision == APPROVED and not confirmed:
        raise ValidationError("error.confirm_approval")
    if not isinstance(resolution_date, dt.date):
        raise ValidationError("error.required", field=Key("field.resolution_date"))
    if resolution_date < dates.local_day(version.submitted_at) or resolution_date > dates.today():
        raise ValidationError("error.resolution_date_range")
    with store.transaction() as cur:
        cur.execute("INSERT INTO version_decision (version_id, decision, resolution_no, resolution_date,"
                    " decided_by, created_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [version_id, decision, resolution_no, resolution_date, actor.who, now(), reason or None])
        audit.record(cur, version.workshop_id, actor, decision, "plan_version", version_id,
                     before={"status": SUBMITTED},
                     after={"status": decision, "number": version.number, "resolution_no": resolution_no,
                            "resolution_date": resolution_date, "note": reason or None})
    return get_version(store, version_id)


@dataclass(frozen=True)
class Comment:
    id: str
    section: str
    text: str
    author: str
    created_at: dt.datetime


def add_comment(store: Store, actor: Actor, version_id: str, section: str, text: str) -> Comment:
    """Reviewers comment per section; the facilitator may answer. An approved version is closed."""
    if actor is None or actor.role not in (REVIEWER, FACILITATOR):
        raise PermissionDenied("error.reviewer_only")
    version = get_version(store, version_id)
    if version.status == APPROVED:
        raise PermissionDenied("error.version_approved", number=version.number)
    if section not in SECTIONS:
        raise ValidationError("error.bad_choice", field=Key("field.section"))
    text = clean_text(text, "field.comment", COMMENT_MAX)
    c = Comment(new_id(), section, text, actor.who, now())
    with store.transaction() as cur:
        cur.execute("INSERT INTO version_comment VALUES (?, ?, ?, ?, ?, ?)",
                    [c.id, version_id, section, text, c.author, c.created_at])
        audit.record(cur, version.workshop_id, actor, "comment", "plan_version", version_id,
                     after={"section": section, "text": text})
    return c


def comments(store: Store, version_id: str) -> list[Comment]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT id, section, text, author, created_at FROM version_comment WHERE version_id = ?"
                           " ORDER BY created_at", [version_id]).fetchall()
    return [Comment(*r) for r in rows]


# ---- comparison -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemChange:
    key: str
    label: str
    fields: tuple[tuple[str, object, object], ...]   # (field, before, after)


@dataclass(frozen=True)
class SectionDiff:
    section: str
    added: tuple[str, ...]        # labels
    removed: tuple[str, ...]
    changed: tuple[ItemChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare(old: dict | None, new: dict) -> list[SectionDiff]:
    """What was added, removed and changed in each section (old None: everything is added)."""
    old = old or {}
    out = []
    for section in SECTIONS:
        a, b = old.get(section, {}), new.get(section, {})
        added = tuple(b[k]["label"] for k in b if k not in a)
        removed = tuple(a[k]["label"] for k in a if k not in b)
        changed = []
        for k in b:
            if k in a and a[k] != b[k]:
                fields = tuple((f, a[k].get(f), b[k].get(f)) for f in sorted(set(a[k]) | set(b[k]))
                               if a[k].get(f) != b[k].get(f))
                changed.append(ItemChange(k, b[k]["label"], fields))
        out.append(SectionDiff(section, added, removed, tuple(changed)))
    return out


def draft_changes(store: Store, workshop_id: str) -> tuple[Version | None, list[SectionDiff]]:
    """The newest approved version and how the current draft differs from it."""
    approved = next((v for v in versions(store, workshop_id) if v.status == APPROVED), None)
    if approved is None:
        return None, []
    return approved, [d for d in compare(version_snapshot(store, approved.id), snapshot(store, workshop_id))
                      if not d.empty]
