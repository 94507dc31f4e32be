"""Projects of the annual action plan: validated as a whole in planning, saved in one transaction
with their budget lines, quarterly milestones and KPIs.

A project runs from its first to its last fiscal year (B.E.); its budget is amounts per source per
fiscal year, and each milestone names its fiscal year and quarter."""
from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from planning import audit, catalogue, dates, indicators, masterplan
from planning import partners as partner_list
from planning.errors import NotFound, ValidationError
from planning.participants import SECTORS
from planning.roles import Actor, require_facilitator
from planning.store import Store, new_id, now
from planning.validation import clean_text
from planning.workshops import get_workshop, validate_point
from planning.text import Key

# DOMAIN.md section 4. BOI privileges are not money: they are recorded with amount 0.
BUDGET_SOURCES = ("provincial", "cluster", "local", "ministry", "des_fund", "depa", "private", "boi")
NON_MONEY_SOURCES = ("boi",)
INVESTMENT_TYPES = ("infrastructure", "information", "none")
COMPONENTS = ("infrastructure", "data_platform", "services", "management")  # components 2-5
KPI_KINDS = ("output", "outcome")
NAME_MAX, TEXT_MAX, AGENCY_MAX, ITEM_MAX = 200, 1000, 200, 200


@dataclass(frozen=True)
class BudgetLine:
    source: str
    item: str
    amount: Decimal
    fiscal_year_be: int | None = None     # None: the project's first fiscal year


@dataclass(frozen=True)
class Milestone:
    quarter: int
    description: str
    fiscal_year_be: int | None = None     # None: the project's first fiscal year


@dataclass(frozen=True)
class Kpi:
    indicator_code: str
    kind: str
    baseline: float | None
    target: float


@dataclass(frozen=True)
class Project:
    name: str
    strategy_id: str
    objective: str
    lead_agency: str
    target_group: str
    fiscal_year_be: int                    # the first fiscal year
    last_fiscal_year_be: int | None = None  # None: a one-year project
    measure_id: str | None = None
    dimensions: tuple[str, ...] = ()
    partners: dict = field(default_factory=dict)     # sector -> tuple of agency names
    location: tuple[float, float] | None = None
    investment_type: str = "none"
    components: tuple[str, ...] = ()
    ready_land: bool = False
    ready_design: bool = False
    ready_cost: bool = False
    budget: tuple[BudgetLine, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    id: str | None = None
    lead_partner_id: str | None = None      # chosen from the partner list: fills lead_agency
    partner_ids: tuple[str, ...] = ()       # chosen from the partner list: fill partners

    @property
    def total(self) -> Decimal:
        return sum((b.amount for b in self.budget), Decimal("0"))

    @property
    def last_year(self) -> int:
        return self.last_fiscal_year_be or self.fiscal_year_be

    @property
    def fiscal_years(self) -> list[int]:
        return list(range(self.fiscal_year_be, self.last_year + 1))

    def year_of(self, line: BudgetLine | Milestone) -> int:
        return line.fiscal_year_be or self.fiscal_year_be

    def amount_by_source(self, through_year: int | None = None) -> dict[str, Decimal]:
        """Amounts per source, over all years or up to and including `through_year`."""
        out: dict[str, Decimal] = {}
        for b in self.budget:
            if through_year is None or self.year_of(b) <= through_year:
                out[b.source] = out.get(b.source, Decimal("0")) + b.amount
        return out

    def amount_by_year(self) -> dict[int, Decimal]:
        out: dict[int, Decimal] = {}
        for b in self.budget:
            out[self.year_of(b)] = out.get(self.year_of(b), Decimal("0")) + b.amount
        return out

    def amount(self, source: str, year: int) -> Decimal:
        return sum((b.amount for b in self.budget if b.source == source and self.year_of(b) == year), Decimal("0"))

    @property
    def sources(self) -> list[str]:
        return [s for s in BUDGET_SOURCES if s in {b.source for b in self.budget}]


def baht(amount: Decimal | float | int) -> str:
    """Baht with thousands separators; two decimals only where there are satang."""
    amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def to_amount(value) -> Decimal:
    """Money as Decimal with two places; ValidationError when it is not a finite number."""
    if isinstance(value, bool):
        raise ValidationError("error.amount")
    try:
        amount = Decimal(str(value).replace(",", "").strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        raise ValidationError("error.amount") from None
    if not amount.is_finite():
        raise ValidationError("error.amount")
    return amount.quantize(Decimal("0.01"))


def budget_from_grid(amounts: dict[tuple[str, int], object], items: dict[str, str],
                     boi_year: int | None = None) -> tuple[BudgetLine, ...]:
    """Budget lines from a grid of amounts per (source, fiscal year); empty cells and zeros are
    no line. BOI privileges, when sought, are one line with amount 0 in boi_year."""
    lines = []
    for (source, year), value in amounts.items():
        if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == "":
            continue
        amount = to_amount(value)
        if amount:
            item = items.get(source)
            lines.append(BudgetLine(source, "" if item is None or (isinstance(item, float) and math.isnan(item))
                                    else str(item), amount, year))
    if boi_year is not None:
        lines.append(BudgetLine("boi", str(items.get("boi") or ""), Decimal("0.00"), boi_year))
    return tuple(lines)


def validate(store: Store, workshop_id: str, p: Project, declared_total=None) -> Project:
    """The cleaned project, or a ValidationError naming the first problem."""
    name = clean_text(p.name, "field.project_name", NAME_MAX)
    others = [q for q in list_projects(store, workshop_id) if q.id != p.id]
    if any(q.name.casefold() == name.casefold() for q in others):
        raise ValidationError("error.duplicate_title", title=name)
    strategy = {s.id: s for s in masterplan.strategies(store, workshop_id)}.get(p.strategy_id)
    if strategy is None:
        raise NotFound("error.strategy_not_found")
    if p.measure_id and p.measure_id not in {m.id for m in masterplan.measures(store, workshop_id)
                                             if m.strategy_id == p.strategy_id}:
        raise NotFound("error.measure_not_found")
    dims = list(dict.fromkeys(p.dimensions or (strategy.dimension,)))
    unknown = [d for d in dims if d not in catalogue.dimensions()]
    if unknown:
        raise ValidationError("error.unknown_dimension", code=", ".join(unknown))
    objective = clean_text(p.objective, "field.objective", TEXT_MAX)
    lead_text, partners_text = partner_list.resolve(store, workshop_id, p.lead_partner_id, p.partner_ids,
                                                    p.lead_agency, p.partners)
    p = replace(p, partner_ids=tuple(x for x in dict.fromkeys(p.partner_ids) if x != p.lead_partner_id))
    lead = clean_text(lead_text, "field.lead_agency", AGENCY_MAX)
    target_group = clean_text(p.target_group, "field.target_group", TEXT_MAX)
    partners = {}
    for sector, names in (partners_text or {}).items():
        if sector not in SECTORS:
            raise ValidationError("error.bad_choice", field=Key("field.partners"))
        cleaned = tuple(clean_text(n, "field.partners", AGENCY_MAX) for n in names if str(n).strip())
        if cleaned:
            partners[sector] = cleaned
    location = validate_point(*p.location) if p.location is not None else None
    workshop = get_workshop(store, workshop_id)
    allowed = dates.plan_fiscal_years(workshop.start_date, workshop.horizon_years)
    last = p.fiscal_year_be if p.last_fiscal_year_be is None else p.last_fiscal_year_be
    for year in (p.fiscal_year_be, last):
        if isinstance(year, bool) or not isinstance(year, int) or year not in allowed:
            raise ValidationError("error.fiscal_year_outside", first=allowed[0], last=allowed[-1])
    if last < p.fiscal_year_be:
        raise ValidationError("error.fiscal_years_backwards", first=p.fiscal_year_be, last=last)
    years = range(p.fiscal_year_be, last + 1)
    if p.investment_type not in INVESTMENT_TYPES:
        raise ValidationError("error.bad_choice", field=Key("field.investment_type"))
    if any(c not in COMPONENTS for c in p.components):
        raise ValidationError("error.bad_choice", field=Key("field.components"))

    budget = []
    for line in p.budget:
        if line.source not in BUDGET_SOURCES:
            raise ValidationError("error.bad_choice", field=Key("field.budget_source"))
        amount = to_amount(line.amount)
        if amount < 0:
            raise ValidationError("error.negative_budget", source=Key(f"source.{line.source}"))
        if line.source in NON_MONEY_SOURCES and amount != 0:
            raise ValidationError("error.boi_not_money")
        item = clean_text(line.item, "field.budget_item", ITEM_MAX, min_len=0)
        year = p.fiscal_year_be if line.fiscal_year_be is None else line.fiscal_year_be
        if year not in years:
            raise ValidationError("error.budget_year_outside", year=year, first=years[0], last=years[-1])
        budget.append(BudgetLine(line.source, item, amount, year))
    if not budget:
        raise ValidationError("error.no_budget")
    keys = [(b.source, b.fiscal_year_be) for b in budget]
    if len(set(keys)) != len(keys):
        # one amount per source and year: two would be summed where a person expects one figure
        source, year = next(k for k in keys if keys.count(k) > 1)
        raise ValidationError("error.budget_duplicate", source=Key(f"source.{source}"), year=year)
    if declared_total is not None and to_amount(declared_total) != sum((b.amount for b in budget), Decimal(0)):
        raise ValidationError("error.totals_mismatch", declared=f"{to_amount(declared_total):,.2f}",
                              total=f"{sum((b.amount for b in budget), Decimal(0)):,.2f}")
    milestones = []
    for m in p.milestones:
        if m.quarter not in (1, 2, 3, 4):
            raise ValidationError("error.quarter")
        year = p.fiscal_year_be if m.fiscal_year_be is None else m.fiscal_year_be
        if year not in years:
            raise ValidationError("error.milestone_year_outside", year=year, first=years[0], last=years[-1])
        milestones.append(Milestone(m.quarter, clean_text(m.description, "field.milestone", TEXT_MAX), year))
    known = indicators.indicator_map(store, workshop_id)
    kpis = []
    for k in p.kpis:
        if k.indicator_code not in known:
            raise ValidationError("error.unknown_indicator", code=k.indicator_code)
        if k.kind not in KPI_KINDS:
            raise ValidationError("error.bad_choice", field=Key("field.kpi_kind"))
        for v in (k.baseline, k.target):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v)):
                raise ValidationError("error.kpi_value")
        if k.target is None:
            raise ValidationError("error.kpi_value")
        kpis.append(Kpi(k.indicator_code, k.kind, None if k.baseline is None else float(k.baseline), float(k.target)))
    order = {s: n for n, s in enumerate(BUDGET_SOURCES)}
    return replace(p, name=name, dimensions=tuple(dims), objective=objective, lead_agency=lead, last_fiscal_year_be=last,
                   target_group=target_group, partners=partners, location=location,
                   components=tuple(c for c in COMPONENTS if c in p.components),
                   budget=tuple(sorted(budget, key=lambda b: (order[b.source], b.fiscal_year_be))),
                   milestones=tuple(sorted(milestones, key=lambda m: (m.fiscal_year_be, m.quarter))),
                   kpis=tuple(kpis))


def save_project(store: Store, actor: Actor, workshop_id: str, project: Project, declared_total=None) -> Project:
    """Insert or replace a project with all its lines in one transaction; nothing is half-saved."""
    require_facilitator(actor)
    p = validate(store, workshop_id, project, declared_total)
    if p.id and p.id not in {q.id for q in list_projects(store, workshop_id)}:
        raise NotFound("error.project_not_found")
    p = replace(p, id=p.id or new_id())
    stamp = now()
    lat, lon = p.location if p.location else (None, None)
    row = [p.name, p.strategy_id, p.measure_id, list(p.dimensions), p.objective, p.lead_agency,
           json.dumps({k: list(v) for k, v in p.partners.items()}, ensure_ascii=False), p.target_group,
           lat, lon, p.fiscal_year_be, p.last_fiscal_year_be, p.investment_type, list(p.components),
           p.ready_land, p.ready_design, p.ready_cost]
    before = {q.id: q for q in list_projects(store, workshop_id)}.get(p.id)
    with store.transaction() as cur:
        exists = cur.execute("SELECT 1 FROM project WHERE id = ?", [p.id]).fetchone()
        if exists:
            cur.execute("UPDATE project SET name = ?, strategy_id = ?, measure_id = ?, dimensions = ?,"
                        " objective = ?, lead_agency = ?, partners = ?, target_group = ?, location_lat = ?,"
                        " location_lon = ?, fiscal_year_be = ?, last_fiscal_year_be = ?, investment_type = ?,"
                        " components = ?,"
                        " ready_land = ?, ready_design = ?, ready_cost = ?, updated_at = ? WHERE id = ?",
                        row + [stamp, p.id])
            for table in ("project_budget", "project_milestone", "project_kpi"):
                cur.execute("DELETE FROM " + table + " WHERE project_id = ?", [p.id])
        else:
            cur.execute("INSERT INTO project (name, strategy_id, measure_id, dimensions, objective, lead_agency,"
                        " partners, target_group, location_lat, location_lon, fiscal_year_be, last_fiscal_year_be,"
                        " investment_type, components, ready_land, ready_design, ready_cost, id, workshop_id,"
                        " created_at, updated_at) VALUES (" + ", ".join("?" * 21) + ")",
                        row + [p.id, workshop_id, stamp, stamp])
        cur.executemany("INSERT INTO project_budget (project_id, source, fiscal_year_be, item, amount)"
                        " VALUES (?, ?, ?, ?, ?)",
                        [[p.id, b.source, b.fiscal_year_be, b.item, b.amount] for b in p.budget])
        if p.milestones:
            cur.executemany("INSERT INTO project_milestone (project_id, fiscal_year_be, quarter, description)"
                            " VALUES (?, ?, ?, ?)",
                            [[p.id, m.fiscal_year_be, m.quarter, m.description] for m in p.milestones])
        if p.kpis:
            cur.executemany("INSERT INTO project_kpi VALUES (?, ?, ?, ?, ?)",
                            [[p.id, k.indicator_code, k.kind, k.baseline, k.target] for k in p.kpis])
        partner_list.write_links(cur, p.id, p.lead_partner_id, p.partner_ids)
        audit.record(cur, workshop_id, actor, "update" if before else "create", "project", p.id,
                     before=before, after=p)
    return {q.id: q for q in list_projects(store, workshop_id)}[p.id]


def delete_project(store: Store, actor: Actor, workshop_id: str, project_id: str) -> None:
    require_facilitator(actor)
    before = {q.id: q for q in list_projects(store, workshop_id)}.get(project_id)
    if before is None:
        raise NotFound("error.project_not_found")
    with store.transaction() as cur:
        audit.record(cur, workshop_id, actor, "delete", "project", project_id, before=before)
        for table in ("project_budget", "project_milestone", "project_kpi", "project_partner"):
            cur.execute("DELETE FROM " + table + " WHERE project_id = ?", [project_id])
        cur.execute("DELETE FROM project WHERE id = ?", [project_id])


def list_projects(store: Store, workshop_id: str) -> list[Project]:
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT id, name, strategy_id, measure_id, dimensions, objective, lead_agency, partners, target_group,"
            " location_lat, location_lon, fiscal_year_be, coalesce(last_fiscal_year_be, fiscal_year_be),"
            " investment_type, components, ready_land, ready_design, ready_cost FROM project"
            " WHERE workshop_id = ? ORDER BY fiscal_year_be, created_at",
            [workshop_id]).fetchall()
        ids = [r[0] for r in rows]
        budget = cur.execute("SELECT b.project_id, b.source, b.item, b.amount, b.fiscal_year_be FROM project_budget b"
                             " JOIN project p ON p.id = b.project_id WHERE p.workshop_id = ?"
                             " ORDER BY b.fiscal_year_be", [workshop_id]).fetchall()
        miles = cur.execute("SELECT m.project_id, m.quarter, m.description, m.fiscal_year_be FROM project_milestone m"
                            " JOIN project p ON p.id = m.project_id WHERE p.workshop_id = ?"
                            " ORDER BY m.fiscal_year_be, m.quarter", [workshop_id]).fetchall()
        kpis = cur.execute("SELECT k.project_id, k.indicator_code, k.kind, k.baseline, k.target FROM project_kpi k"
                           " JOIN project p ON p.id = k.project_id WHERE p.workshop_id = ?", [workshop_id]).fetchall()
    links = partner_list.project_links(store, workshop_id)
    by = {i: {"budget": [], "milestones": [], "kpis": []} for i in ids}
    order = {s: n for n, s in enumerate(BUDGET_SOURCES)}
    for pid, source, item, amount, year in sorted(budget, key=lambda r: (order[r[1]], r[4])):
        by[pid]["budget"].append(BudgetLine(source, item, Decimal(amount), year))
    for pid, quarter, desc, year in miles:
        by[pid]["milestones"].append(Milestone(quarter, desc, year))
    for pid, code, kind, base, target in kpis:
        by[pid]["kpis"].append(Kpi(code, kind, base, target))
    out = []
    for (pid, name, sid, mid, dims, objective, lead, partners, group, lat, lon, fy, last, inv, comps,
         land, design, cost) in rows:
        out.append(Project(
            id=pid, name=name, strategy_id=sid, measure_id=mid, dimensions=tuple(dims), objective=objective,
            lead_agency=lead, partners={k: tuple(v) for k, v in json.loads(partners).items()},
            target_group=group, location=(lat, lon) if lat is not None else None, fiscal_year_be=fy,
            last_fiscal_year_be=last,
            investment_type=inv, components=tuple(comps), ready_land=land, ready_design=design,
            ready_cost=cost, budget=tuple(by[pid]["budget"]), milestones=tuple(by[pid]["milestones"]),
            kpis=tuple(by[pid]["kpis"]), lead_partner_id=links.get(pid, (None, ()))[0],
            partner_ids=links.get(pid, (None, ()))[1]))
    return out


@dataclass(frozen=True)
class BudgetRow:
    dimension: str    # the project's first dimension
    source: str
    fiscal_year_be: int
    amount: Decimal


def budget_rows(store: Store, workshop_id: str) -> list[BudgetRow]:
    """Budget summed in the store by first dimension, source and fiscal year."""
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT p.dimensions[1], b.source, b.fiscal_year_be, sum(b.amount) FROM project_budget b"
            " JOIN project p ON p.id = b.project_id WHERE p.workshop_id = ?"
            " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", [workshop_id]).fetchall()
    return [BudgetRow(d, s, fy, Decimal(a)) for d, s, fy, a in rows]


def total_budget(store: Store, workshop_id: str) -> Decimal:
    with store.cursor() as cur:
        (amount,) = cur.execute("SELECT coalesce(sum(b.amount), 0) FROM project_budget b JOIN project p"
                                " ON p.id = b.project_id WHERE p.workshop_id = ?", [workshop_id]).fetchone()
    return Decimal(amount)


def target_coverage(store: Store, workshop_id: str) -> tuple[int, int, list[str]]:
    """(targets covered by at least one project KPI, targets set, codes not covered)."""
    targets = [code for code, v in indicators.current_values(store, workshop_id).items() if v.has_target]
    covered = {k.indicator_code for p in list_projects(store, workshop_id) for k in p.kpis}
    missing = [c for c in targets if c not in covered]
    return len(targets) - len(missing), len(targets), missing


def budget_by_strategy_year(store: Store, workshop_id: str) -> dict[tuple[str, int], Decimal]:
    """Budget summed in the store by strategy and fiscal year."""
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT p.strategy_id, b.fiscal_year_be, sum(b.amount) FROM project_budget b"
            " JOIN project p ON p.id = b.project_id WHERE p.workshop_id = ? GROUP BY 1, 2", [workshop_id]).fetchall()
    return {(sid, fy): Decimal(a) for sid, fy, a in rows}


def quarter_span(p: Project) -> tuple[dt.date, dt.date]:
    """Start and end dates of a project for the timeline: from its first to its last milestone
    quarter, else from the start of its first fiscal year to the end of its last."""
    quarters = sorted((p.year_of(m), m.quarter) for m in p.milestones) or [(p.fiscal_year_be, 1), (p.last_year, 4)]
    return (dates.fiscal_quarter_range(*quarters[0])[0], dates.fiscal_quarter_range(*quarters[-1])[1])
