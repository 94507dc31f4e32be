"""The programme view: every workshop side by side (province, stage of the walk, criteria,
latest checkpoint status per dimension, budget by source and fiscal year), for whoever follows
several provinces. Everything is read through the domain modules, so both stores answer alike."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planning import (catalogue, checkpoints, criteria, ideas, indicators, masterplan, positioning, projects,
                      review, workshops)
from planning.store import Store

# The walk's steps in order; a workshop's stage is the furthest step with something in it.
STAGES = ("started", "positioning", "dimensions", "focus", "masterplan", "actionplan", "checkpoints",
          "submitted", "approved")


@dataclass(frozen=True)
class WorkshopStatus:
    workshop: workshops.Workshop
    region: str                      # the province's region, Thai and English joined by " / "
    stage: str                       # one of STAGES
    criteria_met: int
    criteria_total: int
    checkpoint_months: int | None    # the latest checkpoint with any actuals
    dimension_status: dict[str, str]  # dimension code (and "plan") -> status at that checkpoint
    budget: dict[tuple[str, int], Decimal]  # (source, fiscal year B.E.) -> amount
    projects: int

    @property
    def total_budget(self) -> Decimal:
        return sum(self.budget.values(), Decimal(0))

    @property
    def stage_number(self) -> int:
        return STAGES.index(self.stage)


def stage_of(store: Store, w: workshops.Workshop, plans: list, actuals: dict, versions: list) -> str:
    if any(v.status == review.APPROVED for v in versions):
        return "approved"
    if versions:
        return "submitted"
    if actuals:
        return "checkpoints"
    if plans:
        return "actionplan"
    if masterplan.strategies(store, w.id):
        return "masterplan"
    if ideas.current_focus(store, w.id):
        return "focus"
    if any(v.baseline_value is not None or v.has_target for v in indicators.current_values(store, w.id).values()):
        return "dimensions"
    if positioning.current_statements(store, w.id):
        return "positioning"
    return "started"


def status_of(store: Store, w: workshops.Workshop) -> WorkshopStatus:
    plans = projects.list_projects(store, w.id)
    actuals = checkpoints.actuals(store, w.id)
    versions = review.versions(store, w.id)
    checks = criteria.checklist(store, w.id)
    months = max((m for m, _ in actuals), default=None)
    by_dimension = {r.dimension: r.status for r in checkpoints.rollups(store, w.id, months)} if months else {}
    budget: dict[tuple[str, int], Decimal] = {}
    for p in plans:
        for line in p.budget:
            key = (line.source, p.year_of(line))
            budget[key] = budget.get(key, Decimal(0)) + Decimal(line.amount)
    province = w.province
    return WorkshopStatus(w, f"{province.region_th} / {province.region_en}", stage_of(store, w, plans, actuals, versions),
                          sum(r.met for r in checks), len(checks), months, by_dimension, budget, len(plans))


def overview(store: Store, regions: list[str] | None = None, levels: list[str] | None = None,
             city_types: list[str] | None = None, include_samples: bool = True) -> list[WorkshopStatus]:
    """Every workshop passing the filters (an empty or missing filter lets everything through),
    by region and province."""
    out = []
    for w in workshops.list_workshops(store):
        province = w.province
        if regions and province.region_en not in regions:
            continue
        if levels and w.level not in levels or city_types and w.city_type not in city_types:
            continue
        if w.is_sample and not include_samples:
            continue
        out.append(status_of(store, w))
    return sorted(out, key=lambda s: (s.workshop.province.region_en, s.workshop.province.name_en, s.workshop.name))


def regions() -> list[tuple[str, str]]:
    """(English, Thai) names of the regions, for the filter."""
    return sorted({(p.region_en, p.region_th) for p in catalogue.provinces().values()})
