"""Criteria checks, in one place.

The national criteria checklist: the items are data (`data/criteria.csv`, each with its source;
DOMAIN.md section 4: public sources list them differently, so the product checks the union); the
check of each item is a function here, keyed by the item's id. Every item says met or not met,
why, and on which page to fix it; completeness counts every item.

Budget-source checks: what each source asks of a project before it can be funded (DOMAIN.md
section 4: link to a strategy/issue, objective, output and outcome indicators with baseline and
target, target group, budget by item and source, lead and partner agencies, period and quarterly
milestones, readiness). Simple, explicit rules; the exact form may change, so they live here.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from planning import catalogue, ideas, masterplan, participants, plan_texts, positioning, projects, rules, text
from planning.projects import Project
from planning.store import Store
from planning.workshops import get_workshop


@dataclass(frozen=True)
class Criterion:
    id: str
    order: int
    name_th: str
    name_en: str
    asks_th: str
    asks_en: str
    fix_page: str
    source_th: str          # the public sources the item comes from, "; " between them
    source_en: str

    def sources(self, lang: str) -> list[str]:
        return [x.strip() for x in (self.source_th if lang == "th" else self.source_en).split(";") if x.strip()]

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en

    def asks(self, lang: str) -> str:
        return self.asks_th if lang == "th" else self.asks_en


@lru_cache(maxsize=1)
def checklist_items() -> tuple[Criterion, ...]:
    with (catalogue.DATA_DIR / "criteria.csv").open(encoding="utf-8", newline="") as fh:
        rows = [Criterion(**{**r, "order": int(r["order"])}) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda c: c.order))


# A reason is a catalogue key with plain parameters; "dimensions" holds dimension codes and
# "amount" a Decimal, both written out in the reader's language.
Reason = tuple[str, dict]


@dataclass(frozen=True)
class CriterionResult:
    item: Criterion
    met: bool
    reasons: tuple[Reason, ...]    # why it is met, or everything still missing

    def why(self, lang: str) -> list[str]:
        return [reason_text(r, lang) for r in self.reasons]


def reason_text(reason: Reason, lang: str) -> str:
    key, params = reason
    dims = catalogue.dimensions()
    shown = {}
    for name, value in params.items():
        if name == "dimensions":
            value = ", ".join(dims[d].name(lang) for d in value if d in dims)
        elif isinstance(value, Decimal):
            value = f"{value:,.0f}"
        shown[name] = value
    return text.t(key, lang, **shown)


@dataclass
class _Plan:
    """What the checks read, read once."""
    workshop: object
    statements: object
    texts: dict
    strategies: list
    focus: object
    projects: list
    participation: dict


def _plan(store: Store, workshop_id: str) -> _Plan:
    return _Plan(get_workshop(store, workshop_id), positioning.current_statements(store, workshop_id),
                 plan_texts.current(store, workshop_id), masterplan.strategies(store, workshop_id),
                 ideas.current_focus(store, workshop_id), projects.list_projects(store, workshop_id),
                 participants.participation(store, workshop_id))


def _target_area(p: _Plan) -> tuple[bool, list[Reason]]:
    missing = []
    if not p.workshop.target_area:
        missing.append(("component.missing.target_area", {}))
    if p.workshop.target_lat is None:
        missing.append(("component.missing.target_point", {}))
    if not p.texts["area"]:
        missing.append(("component.missing.area_text", {}))
    return not missing, missing or [("criteria.why.target_area", {"area": p.workshop.target_area})]


def _vision_goals(p: _Plan) -> tuple[bool, list[Reason]]:
    missing = []
    if not (p.statements and p.statements.vision):
        missing.append(("component.missing.vision", {}))
    if not p.texts["mission"]:
        missing.append(("component.missing.mission", {}))
    if not p.strategies:
        missing.append(("component.missing.strategies", {}))
    without_goal = [s for s in p.strategies if not s.goal]
    if without_goal:
        missing.append(("component.missing.goals", {"n": len(without_goal)}))
    return not missing, missing or [("criteria.why.vision_goals", {"n": len(p.strategies)})]


def _dimensions(p: _Plan) -> tuple[bool, list[Reason]]:
    if p.focus is None:
        return False, [("component.missing.focus", {})]
    problem = rules.dimension_rule(p.focus.dimensions)
    if problem:
        return False, [("component.missing.dimension_rule", {"dimensions": p.focus.dimensions})]
    return True, [("criteria.why.dimensions", {"dimensions": p.focus.dimensions})]


def _infrastructure_projects(plan: list[Project]) -> list[Project]:
    return [q for q in plan if q.investment_type == "infrastructure" or "infrastructure" in q.components]


def _infrastructure(p: _Plan) -> tuple[bool, list[Reason]]:
    found = [q for q in _infrastructure_projects(p.projects) if q.budget]
    if not found:
        return False, [("component.missing.infrastructure", {})]
    return True, [("criteria.why.projects", {"n": len(found), "amount": sum((q.total for q in found), Decimal(0))})]


def _data_platform(p: _Plan) -> tuple[bool, list[Reason]]:
    found = [q for q in p.projects if "data_platform" in q.components]
    missing = []
    if not found:
        missing.append(("component.missing.data_platform", {}))
    if not p.texts["data_security"]:
        missing.append(("component.missing.data_security", {}))
    return not missing, missing or [("criteria.why.data_platform", {"n": len(found)})]


def _smart_services(p: _Plan) -> tuple[bool, list[Reason]]:
    if p.focus is None:
        return False, [("component.missing.focus", {})]
    missing = [d for d in p.focus.dimensions
               if not any("services" in q.components and d in q.dimensions for q in p.projects)]
    if missing:
        return False, [("component.missing.services_in", {"dimensions": tuple(missing)})]
    return True, [("criteria.why.smart_services", {"dimensions": p.focus.dimensions})]


# Who counts as citizens, government and private sector (DOMAIN.md section 2).
PARTICIPATION_GROUPS = {"civil": ("civil",), "government": ("government", "local"), "private": ("private",)}


def _participation(p: _Plan) -> tuple[bool, list[Reason]]:
    missing, counts = [], {}
    for group, sectors in PARTICIPATION_GROUPS.items():
        joined = sum(p.participation[s].joined for s in sectors)
        contributed = sum(p.participation[s].contributed for s in sectors)
        counts[group] = contributed
        if not contributed:
            missing.append((f"component.missing.participation.{group}", {"joined": joined}))
    if missing:
        return False, missing
    return True, [("criteria.why.participation", counts)]


def _management_model(p: _Plan) -> tuple[bool, list[Reason]]:
    found = [q for q in p.projects if "management" in q.components or {"private", "boi"} & set(q.sources)]
    missing = []
    if not p.texts["management_model"]:
        missing.append(("component.missing.management_text", {}))
    if not found:
        missing.append(("component.missing.management", {}))
    return not missing, missing or [("criteria.why.management_model", {"n": len(found)})]


CHECKS = {
    "target_area": _target_area,
    "vision_goals": _vision_goals,
    "dimensions": _dimensions,
    "infrastructure": _infrastructure,
    "data_platform": _data_platform,
    "smart_services": _smart_services,
    "participation": _participation,
    "management_model": _management_model,
}


def checklist(store: Store, workshop_id: str) -> list[CriterionResult]:
    """Every item of the national criteria checklist, met or not, with why."""
    plan = _plan(store, workshop_id)
    out = []
    for item in checklist_items():
        met, reasons = CHECKS[item.id](plan)
        out.append(CriterionResult(item, met, tuple(reasons)))
    return out


def item_name(item_id: str, lang: str) -> str:
    found = {c.id: c for c in checklist_items()}.get(item_id)
    return found.name(lang) if found else item_id


def completeness(results: list[CriterionResult]) -> float:
    """Share of the checklist's items that are met (0.0-1.0)."""
    return sum(r.met for r in results) / len(results) if results else 0.0


# ---- budget sources --------------------------------------------------------------------------

def _linked_issue(p: Project, ctx: dict) -> bool:
    return ctx["strategy_issue"].get(p.strategy_id) is not None


def _kpis_with_baselines(p: Project, ctx: dict) -> bool:
    kinds = {k.kind for k in p.kpis if k.baseline is not None}
    return {"output", "outcome"} <= kinds


def _outcome_with_baseline(p: Project, ctx: dict) -> bool:
    return any(k.kind == "outcome" and k.baseline is not None for k in p.kpis)


def _milestones(p: Project, ctx: dict) -> bool:
    return bool(p.milestones)


def _readiness(p: Project, ctx: dict) -> bool:
    return p.ready_land and p.ready_design and p.ready_cost


def _cost_estimate(p: Project, ctx: dict) -> bool:
    return p.ready_cost


def _local_partner(p: Project, ctx: dict) -> bool:
    return bool(p.partners.get("local"))


def _private_partner(p: Project, ctx: dict) -> bool:
    return bool(p.partners.get("private"))


def _digital(p: Project, ctx: dict) -> bool:
    return bool({"data_platform", "services"} & set(p.components))


def _private_or_academic(p: Project, ctx: dict) -> bool:
    return bool(p.partners.get("private") or p.partners.get("academic"))


def _investment_type(p: Project, ctx: dict) -> bool:
    return p.investment_type != "none"


RULES = {
    "linked_issue": _linked_issue,
    "kpis_with_baselines": _kpis_with_baselines,
    "outcome_with_baseline": _outcome_with_baseline,
    "milestones": _milestones,
    "readiness": _readiness,
    "cost_estimate": _cost_estimate,
    "local_partner": _local_partner,
    "private_partner": _private_partner,
    "digital": _digital,
    "private_or_academic": _private_or_academic,
    "investment_type": _investment_type,
}

SOURCE_RULES = {
    "provincial": ("linked_issue", "kpis_with_baselines", "milestones", "readiness"),
    "cluster": ("linked_issue", "outcome_with_baseline", "milestones"),
    "local": ("local_partner", "outcome_with_baseline", "milestones"),
    "ministry": ("outcome_with_baseline", "milestones", "cost_estimate"),
    "des_fund": ("digital", "kpis_with_baselines", "milestones"),
    "depa": ("digital", "private_or_academic", "outcome_with_baseline"),
    "private": ("private_partner", "investment_type"),
    "boi": ("private_partner", "investment_type"),
}


@dataclass(frozen=True)
class SourceCheck:
    source: str
    rule: str
    passed: bool


def context(store: Store, workshop_id: str) -> dict:
    return {"strategy_issue": {s.id: s.provincial_issue_id for s in masterplan.strategies(store, workshop_id)}}


def budget_checks(p: Project, ctx: dict) -> list[SourceCheck]:
    """Every rule of every source the project draws on, passed or not."""
    return [SourceCheck(source, rule, RULES[rule](p, ctx))
            for source in p.sources for rule in SOURCE_RULES[source]]
