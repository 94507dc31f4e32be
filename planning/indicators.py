"""Indicators of a workshop: the catalogue plus custom ones, their baselines, benchmarks and
targets (6 months, 12 months, plan horizon), and the seven-dimension summary."""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from planning import audit, catalogue, rules
from planning.catalogue import DIRECTIONS, Indicator
from planning.errors import ValidationError
from planning.roles import Actor, require_facilitator
from planning.store import Store, now
from planning.validation import clean_text
from planning.text import Key

NAME_MAX, UNIT_MAX, DEFINITION_MAX, SOURCE_MAX = 120, 30, 500, 200
YEAR_MIN, YEAR_MAX = 1950, 2100  # Gregorian


@dataclass(frozen=True)
class IndicatorValues:
    indicator_code: str
    baseline_value: float | None = None
    baseline_year: int | None = None       # Gregorian
    baseline_source: str | None = None
    benchmark_value: float | None = None
    benchmark_source: str | None = None
    target_6m: float | None = None
    target_12m: float | None = None
    target_horizon: float | None = None

    @property
    def has_target(self) -> bool:
        return any(v is not None for v in (self.target_6m, self.target_12m, self.target_horizon))


VALUE_FIELDS = [f.name for f in dataclasses.fields(IndicatorValues)][1:]
NUMBER_FIELDS = ("baseline_value", "benchmark_value", "target_6m", "target_12m", "target_horizon")


class CellErrors(ValidationError):
    """Several problems at once, each naming a row and a column; nothing was saved."""

    def __init__(self, cells: list[tuple[int, str, str, dict]]):
        super().__init__("error.cells", count=len(cells))
        self.cells = cells  # (row, column key, problem key, problem params)

    def messages(self, lang: str = "th", escape=None) -> list[str]:
        """A column marked Key is a catalogue column name; any other (an imported header) is user text."""
        from planning.text import render, t

        return [render("error.cell", lang, dict(row=row, column=column, problem=t(problem, lang, **params)), escape)
                for row, column, problem, params in self.cells]


# ---- which indicators a workshop has ---------------------------------------------------------

_CUSTOM_SQL = ("SELECT code, dimension, name_th, name_en, unit, direction, definition, source"
               " FROM custom_indicator WHERE workshop_id = ? ORDER BY created_at")


def workshop_indicators(store: Store, workshop_id: str, dimension: str | None = None) -> list[Indicator]:
    """Catalogue indicators, then the workshop's custom ones, in dimension order."""
    with store.cursor() as cur:
        rows = cur.execute(_CUSTOM_SQL, [workshop_id]).fetchall()
    custom = [Indicator(code, dim, th, en, unit, direction, definition, definition, source, "",
                        custom=True) for code, dim, th, en, unit, direction, definition, source in rows]
    order = {d: i for i, d in enumerate(catalogue.dimensions())}
    found = sorted(list(catalogue.indicators().values()) + custom, key=lambda i: order[i.dimension])
    return [i for i in found if dimension is None or i.dimension == dimension]


def indicator_map(store: Store, workshop_id: str) -> dict[str, Indicator]:
    return {i.code: i for i in workshop_indicators(store, workshop_id)}


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def add_custom_indicator(store: Store, actor: Actor, workshop_id: str, *, dimension: str,
                         name_th: str, name_en: str = "", unit: str, direction: str,
                         definition: str, source: str) -> Indicator:
    require_facilitator(actor)
    if dimension not in catalogue.dimensions():
        raise ValidationError("error.unknown_dimension", code=dimension)
    name_th = clean_text(name_th, "field.indicator_name", NAME_MAX)
    name_en = clean_text(name_en, "field.indicator_name_en", NAME_MAX, min_len=0) or name_th
    unit = clean_text(unit, "field.unit", UNIT_MAX)
    if direction not in DIRECTIONS:
        raise ValidationError("error.bad_choice", field=Key("field.direction"))
    definition = clean_text(definition, "field.definition", DEFINITION_MAX)
    source = clean_text(source, "field.source", SOURCE_MAX)
    existing = workshop_indicators(store, workshop_id, dimension)
    taken = {_name_key(i.name_th) for i in existing} | {_name_key(i.name_en) for i in existing}
    if _name_key(name_th) in taken or _name_key(name_en) in taken:
        raise ValidationError("error.duplicate_indicator", name=name_th)
    with store.cursor() as cur:
        n = cur.execute("SELECT count(*) FROM custom_indicator WHERE workshop_id = ?",
                        [workshop_id]).fetchone()[0]
        code = f"C-{n + 1}"
        cur.execute(
            "INSERT INTO custom_indicator (workshop_id, code, dimension, name_th, name_en, name_key,"
            " unit, direction, definition, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, code, dimension, name_th, name_en, _name_key(name_th), unit, direction,
             definition, source, now()])
    return indicator_map(store, workshop_id)[code]


# ---- baselines, benchmarks, targets ----------------------------------------------------------

_CURRENT_SQL = """
SELECT DISTINCT ON (indicator_code) indicator_code, baseline_value, baseline_year, baseline_source,
       benchmark_value, benchmark_source, target_6m, target_12m, target_horizon
FROM indicator_value WHERE workshop_id = ?
ORDER BY indicator_code, created_at DESC
"""


def current_values(store: Store, workshop_id: str) -> dict[str, IndicatorValues]:
    with store.cursor() as cur:
        rows = cur.execute(_CURRENT_SQL, [workshop_id]).fetchall()
    return {r[0]: IndicatorValues(*r) for r in rows}


def check_values(indicator: Indicator, values: IndicatorValues, row: int) -> list[tuple]:
    """Hard errors (row, column, problem, params) that stop a save."""
    problems = []
    for field in NUMBER_FIELDS:
        v = getattr(values, field)
        if v is None:
            continue
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
            problems.append((row, Key(f"col.{field}"), "error.not_a_number", {"value": v}))
        elif indicator.is_percent and not 0 <= v <= 100:
            problems.append((row, Key(f"col.{field}"), "error.percent_range", {"value": v}))
    year = values.baseline_year
    if year is not None and (not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX):
        problems.append((row, Key("col.baseline_year"), "error.year_range",
                         {"min": YEAR_MIN + 543, "max": YEAR_MAX + 543}))
    for field in ("baseline_source", "benchmark_source"):
        text = getattr(values, field)
        if text is not None and len(text) > SOURCE_MAX:
            problems.append((row, Key(f"col.{field}"), "error.too_long_cell", {"max": SOURCE_MAX}))
    return problems


def save_values(store: Store, actor: Actor, workshop_id: str, rows: list[IndicatorValues]) -> int:
    """Validate every row, then write the changed ones in one transaction; returns rows written."""
    require_facilitator(actor)
    known = indicator_map(store, workshop_id)
    problems = []
    for n, values in enumerate(rows, start=1):
        indicator = known.get(values.indicator_code)
        if indicator is None:
            problems.append((n, Key("col.indicator_code"), "error.unknown_indicator",
                             {"code": values.indicator_code}))
            continue
        problems += check_values(indicator, values, n)
    if problems:
        raise CellErrors(problems)
    current = current_values(store, workshop_id)
    changed = [v for v in rows if current.get(v.indicator_code, IndicatorValues(v.indicator_code)) != v]
    if changed:
        stamp = now()
        with store.transaction() as cur:
            cur.executemany(
                "INSERT INTO indicator_value (workshop_id, indicator_code, " + ", ".join(VALUE_FIELDS)
                + ", saved_by, created_at) VALUES (" + ", ".join("?" * (len(VALUE_FIELDS) + 4)) + ")",
                [[workshop_id, v.indicator_code] + [getattr(v, f) for f in VALUE_FIELDS]
                 + [actor.label, stamp] for v in changed])
            for v in changed:
                old = current.get(v.indicator_code)
                audit.record(cur, workshop_id, actor, "update" if old else "create", "indicator_values",
                             v.indicator_code, before=old, after=v)
    return len(changed)


# ---- summary across the seven dimensions -----------------------------------------------------

@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    values: IndicatorValues
    gap: float | None          # to the benchmark, positive = better than it
    gap_status: str | None     # rules.BETTER / WORSE / SAME
    flags: list[str]           # target problems (catalogue keys)


def indicator_rows(store: Store, workshop_id: str, dimension: str | None = None,
                   only_with_data: bool = False) -> list[IndicatorRow]:
    current = current_values(store, workshop_id)
    out = []
    for ind in workshop_indicators(store, workshop_id, dimension):
        v = current.get(ind.code, IndicatorValues(ind.code))
        if only_with_data and v == IndicatorValues(ind.code):
            continue
        gap = status = None
        if v.baseline_value is not None and v.benchmark_value is not None:
            gap = rules.gap(v.baseline_value, v.benchmark_value, ind.direction)
            status = rules.compare(v.baseline_value, v.benchmark_value, ind.direction)
        flags = rules.target_flags(v.baseline_value, v.target_6m, v.target_12m, v.target_horizon,
                                   ind.direction) if v.has_target else []
        out.append(IndicatorRow(ind, v, gap, status, flags))
    return out
