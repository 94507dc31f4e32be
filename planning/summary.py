"""The seven-dimension summary a committee reads: indicators with baseline, benchmark, gap and
targets, the top ideas, the group's maturity view and the focus flag, per dimension."""
from __future__ import annotations

from dataclasses import dataclass

from planning import catalogue, ideas, indicators
from planning.indicators import IndicatorRow
from planning.store import Store

TOP_IDEAS = 3


@dataclass(frozen=True)
class DimensionSummary:
    dimension: catalogue.Dimension
    focus: bool
    maturity: float | None
    raters: int
    top_ideas: list[ideas.IdeaResult]
    indicators: list[IndicatorRow]


def dimension_summary(store: Store, workshop_id: str) -> list[DimensionSummary]:
    """Only indicators that have a baseline, benchmark or target are listed."""
    focus = ideas.current_focus(store, workshop_id)
    chosen = set(focus.dimensions) if focus else set()
    maturity = {r.dimension: r for r in ideas.maturity_summary(store, workshop_id) if r.sector == "all"}
    all_ideas = ideas.idea_results(store, workshop_id)
    rows = indicators.indicator_rows(store, workshop_id, only_with_data=True)
    out = []
    for code, dim in catalogue.dimensions().items():
        m = maturity.get(code)
        out.append(DimensionSummary(
            dimension=dim, focus=code in chosen, maturity=m.mean if m else None, raters=m.raters if m else 0,
            top_ideas=[i for i in all_ideas if i.dimension == code and i.scores][:TOP_IDEAS],
            indicators=[r for r in rows if r.indicator.dimension == code]))
    return out
