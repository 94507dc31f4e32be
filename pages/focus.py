"""Step 2 (end): the focus dimensions with their rationale, checked against the dimension rule,
and the seven-dimension summary table."""
import pandas as pd
import streamlit as st

from pages import ui
from planning import catalogue, dates, ideas, rules, summary
from planning.roles import FACILITATOR, PARTICIPANT

actor = ui.require_role(FACILITATOR, PARTICIPANT)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
dims = catalogue.dimensions()

st.title(ui.t("focus.title"))
ui.show_flash()
current = ideas.current_focus(store, workshop.id)

st.subheader(ui.t("focus.choose"))
if actor.role == FACILITATOR:
    with st.form("focus"):
        chosen = st.multiselect(ui.t("focus.dimensions"), list(dims), key="focus_dimensions",
                                default=list(current.dimensions) if current else [],
                                format_func=lambda d: dims[d].name(lang), placeholder=ui.t("common.choose"))
        rationale = st.text_area(ui.t("field.rationale"), value=current.rationale if current else "",
                                 max_chars=ideas.RATIONALE_MAX, key="focus_rationale")
        if st.form_submit_button(ui.t("focus.save"), type="primary"):
            ui.act(lambda: ideas.save_focus(store, actor, workshop.id, chosen, rationale), ui.t("focus.saved"),
                   rerun=True)
if current:
    st.write(", ".join(f"🎯 {dims[d].name(lang)}" for d in current.dimensions))
    ui.md(current.rationale)
    warning = current.rule_warning
    if warning:
        st.warning(ui.t(warning, required=dims[rules.REQUIRED_DIMENSION].name(lang)), icon="⚠️")
    else:
        st.success(ui.t("focus.rule.ok", required=dims[rules.REQUIRED_DIMENSION].name(lang)))
else:
    st.info(ui.t("focus.none"))
st.caption(ui.t("focus.rule.explain", required=dims[rules.REQUIRED_DIMENSION].name(lang)))

st.subheader(ui.t("summary.title"))
sections = summary.dimension_summary(store, workshop.id)
records = []
for s in sections:
    top = " | ".join(i.text for i in s.top_ideas)
    maturity = f"{s.maturity:.1f} ({s.raters})" if s.maturity is not None else ""
    base = {ui.t("col.dimension"): s.dimension.name(lang), ui.t("summary.focus"): "🎯" if s.focus else "",
            ui.t("summary.maturity"): maturity, ui.t("summary.top_ideas"): top}
    if not s.indicators:
        records.append(base)
    for r in s.indicators:
        v = r.values
        records.append({**base,
                        ui.t("positioning.col.indicator"): r.indicator.name(lang),
                        ui.t("col.unit"): r.indicator.unit_name(lang),
                        ui.t("col.direction"): ui.t(f"direction.{r.indicator.direction}"),
                        ui.t("col.baseline_value"): v.baseline_value,
                        ui.t("col.baseline_year"): dates.be_year(v.baseline_year) if v.baseline_year else None,
                        ui.t("col.benchmark_value"): v.benchmark_value,
                        ui.t("col.gap"): r.gap,
                        ui.t("col.target_6m"): v.target_6m,
                        ui.t("col.target_12m"): v.target_12m,
                        ui.t("col.target_horizon"): v.target_horizon,
                        ui.t("summary.flags"): "; ".join(ui.t(f) for f in r.flags)})
table = pd.DataFrame(records)
st.dataframe(table, hide_index=True, width="stretch", height=min(700, 40 + 35 * len(table)), placeholder="–")
if workshop.is_sample:
    st.caption(ui.t("sample.banner"))
