"""Criteria checks, in one place.

Five components: Smart City Steering Committee announcement 1/2562 (criteria and process for
considering a smart city) and the Thailand Smart City Competitiveness Index: (1) a clear target
area with vision and goals, (2) a physical and digital infrastructure investment plan, (3) an open
and secure City Data Platform, (4) smart services in the seven dimensions, (5) a sustainable
management and investment model.

Budget-source checks: what each source asks of a project before it can be funded (DOMAIN.md
section 4: link to a strategy/issue, objective, output and outcome indicators with baseline and
target, target group, budget by item and source, lead and partner agencies, period and quarterly
milestones, readiness). Simple, explicit rules; the exact form may change, so they live here.
"""
from __future__ import annotations

from dataclasses import dataclass

from planning import ideas, masterplan, positioning, projects
from planning.projects import Project
from planning.store import Store
from planning.workshops import get_workshop


@dataclass(frozen=True)
class ComponentCheck:
    number: int
    key: str                   # catalogue key of the component's name
    complete: bool
    missing: tuple[str, ...]   # catalogue keys (or "dimension:CODE") of what is missing
    fix_page: str              # where to fix it


def five_components(store: Store, workshop_id: str) -> list[ComponentCheck]:
    workshop = get_workshop(store, workshop_id)
    statements = positioning.current_statements(store, workshop_id)
    plan = projects.list_projects(store, workshop_id)
    focus = ideas.current_focus(store, workshop_id)

    missing1 = []
    if not workshop.target_area:
        missing1.append("component.missing.target_area")
    if not (statements and statements.vision):
        missing1.append("component.missing.vision")
    if not (statements and statements.positioning):
        missing1.append("component.missing.positioning")
    if not masterplan.strategies(store, workshop_id):
        missing1.append("component.missing.strategies")

    infra = [p for p in plan if p.investment_type == "infrastructure" or "infrastructure" in p.components]
    platform = [p for p in plan if "data_platform" in p.components]
    missing4 = []
    if focus is None:
        missing4.append("component.missing.focus")
    else:
        for d in focus.dimensions:
            if not any("services" in p.components and d in p.dimensions for p in plan):
                missing4.append(f"dimension:{d}")
    model = [p for p in plan if "management" in p.components
             or {"private", "boi"} & set(p.sources)]
    return [
        ComponentCheck(1, "component.1", not missing1, tuple(missing1), "positioning"),
        ComponentCheck(2, "component.2", bool(infra), () if infra else ("component.missing.infrastructure",), "actionplan"),
        ComponentCheck(3, "component.3", bool(platform), () if platform else ("component.missing.data_platform",), "actionplan"),
        ComponentCheck(4, "component.4", not missing4, tuple(missing4), "actionplan"),
        ComponentCheck(5, "component.5", bool(model), () if model else ("component.missing.management",), "actionplan"),
    ]


def completeness(checks: list[ComponentCheck]) -> float:
    """Share of the five components that are complete (0.0-1.0)."""
    return sum(c.complete for c in checks) / len(checks)


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
