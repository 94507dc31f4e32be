"""Step 4: the annual action plan: projects with budget per source and fiscal year, milestones,
KPIs and readiness; budget-source checks; budget, timeline and coverage charts."""
import math

import pandas as pd
import plotly.express as px
import streamlit as st

from pages import charts, ui
from planning import activities, catalogue, criteria, dates, indicators, masterplan, projects, text
from planning.errors import PlanningError
from planning.participants import SECTORS
from planning.projects import BudgetLine, Kpi, Milestone, Project
from planning.roles import FACILITATOR

actor = ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
dims = catalogue.dimensions()
st.title(ui.t("actionplan.title"))
ui.show_flash()

strategy_list = masterplan.strategies(store, workshop.id)
measure_list = masterplan.measures(store, workshop.id)
plan = projects.list_projects(store, workshop.id)
inds = indicators.indicator_map(store, workshop.id)
ctx = criteria.context(store, workshop.id)
strategy_title = {s.id: s.title for s in strategy_list}
# ---- overview ---------------------------------------------------------------------------------
total = projects.total_budget(store, workshop.id)
c1, c2, c3 = st.columns(3)
c1.metric(ui.t("actionplan.projects"), len(plan))
c2.metric(ui.t("actionplan.total"), f"{total:,.0f} ฿")
covered, targets, uncovered = projects.target_coverage(store, workshop.id)
c3.metric(ui.t("actionplan.coverage"), f"{covered}/{targets}")
checks = {p.id: criteria.budget_checks(p, ctx) for p in plan}
if plan:
    st.dataframe(pd.DataFrame([{
        ui.t("field.project_name"): p.name,
        ui.t("field.fiscal_year"): p.fiscal_year_be,
        ui.t("field.strategy_title"): strategy_title.get(p.strategy_id, ""),
        ui.t("col.dimension"): ", ".join(dims[d].name(lang) for d in p.dimensions),
        ui.t("field.lead_agency"): p.lead_agency,
        ui.t("field.budget_source"): ", ".join(ui.t(f"source.{s}") for s in p.sources),
        ui.t("col.amount"): float(p.total),
        ui.t("actionplan.checks"): f"{sum(c.passed for c in checks[p.id])}/{len(checks[p.id])}",
    } for p in plan]), hide_index=True, width="stretch",
        column_config={ui.t("col.amount"): st.column_config.NumberColumn(format="%,.2f")})

tab_form, tab_checks, tab_charts = st.tabs([ui.t("actionplan.tab_form"), ui.t("actionplan.tab_checks"),
                                            ui.t("actionplan.tab_charts")])

# ---- project form -----------------------------------------------------------------------------
with tab_form:
    if not strategy_list:
        st.info(ui.t("actionplan.no_strategy"))
    else:
        by_id = {p.id: p for p in plan}
        candidate_list = activities.candidates(store, workshop.id)
        if candidate_list:
            with st.expander(ui.t("actionplan.candidates", n=len(candidate_list)), expanded=True):
                for c in candidate_list:
                    text_col, use_col = st.columns([5, 1], vertical_alignment="center")
                    dim_name = dims[c.dimension].name(lang) if c.dimension in dims else ""
                    text_col.markdown(f"**{text.escape_markdown(c.title)}** · {ui.t('activity.votes_n', n=c.votes)}"
                                      f" · {dim_name} :gray[· {text.escape_markdown(c.activity_title)}]")
                    if use_col.button(ui.t("actionplan.use_candidate"), key=f"candidate_{c.id}"):
                        # Fill the new-project form with the winner's words: no re-typing.
                        st.session_state.update({"edit_project": None, "p_name_new": c.title,
                                                 "p_objective_new": c.title, "_candidate": c.id,
                                                 "p_dims_new": [c.dimension] if c.dimension in dims else []})
                        st.rerun()
        if "_open_project" in st.session_state:  # set by a save: show the saved project
            st.session_state["edit_project"] = st.session_state.pop("_open_project")
        chosen = st.selectbox(ui.t("actionplan.edit"), [None] + list(by_id), key="edit_project",
                              format_func=lambda i: ui.t("actionplan.new") if i is None else by_id[i].name)
        current = by_id.get(chosen)

        def k(name: str) -> str:
            """Widget keys per project, so editing one never shows another's values."""
            return f"p_{name}_{chosen or 'new'}"

        fiscal_years = dates.plan_fiscal_years(workshop.start_date, workshop.horizon_years)
        sid_options = [s.id for s in strategy_list]
        with st.form(f"project_{chosen or 'new'}"):
            name = st.text_input(ui.t("field.project_name"), value=current.name if current else "",
                                 max_chars=projects.NAME_MAX, key=k("name"))
            sid = st.selectbox(ui.t("field.strategy_title"), sid_options, key=k("strategy"),
                               index=sid_options.index(current.strategy_id) if current else 0,
                               format_func=lambda i: strategy_title[i])
            m_options = [None] + [m.id for m in measure_list]
            m_title = {m.id: m.title for m in measure_list}
            mid = st.selectbox(ui.t("field.measure_title"), m_options, key=k("measure"),
                               index=m_options.index(current.measure_id) if current and current.measure_id in m_options else 0,
                               format_func=lambda i: "-" if i is None else m_title[i])
            p_dims = st.multiselect(ui.t("col.dimension"), list(dims), key=k("dims"),
                                    default=list(current.dimensions) if current else None,
                                    format_func=lambda d: dims[d].name(lang))
            objective = st.text_area(ui.t("field.objective"), value=current.objective if current else "", key=k("objective"))
            lead = st.text_input(ui.t("field.lead_agency"), value=current.lead_agency if current else "", key=k("lead"))
            st.caption(ui.t("actionplan.partners_help"))
            partners = {s: st.text_input(ui.t(f"sector.{s}"), key=k(f"partner_{s}"),
                                         value=", ".join(current.partners.get(s, ())) if current else "")
                        for s in SECTORS}
            target_group = st.text_input(ui.t("field.target_group"), value=current.target_group if current else "",
                                         key=k("target_group"))
            fy = st.selectbox(ui.t("field.fiscal_year"), fiscal_years, key=k("fy"),
                              index=fiscal_years.index(current.fiscal_year_be)
                              if current and current.fiscal_year_be in fiscal_years else 0)
            investment = st.radio(ui.t("field.investment_type"), projects.INVESTMENT_TYPES, horizontal=True,
                                  key=k("investment"), index=projects.INVESTMENT_TYPES.index(current.investment_type) if current else 2,
                                  format_func=lambda v: ui.t(f"investment.{v}"))
            components = st.multiselect(ui.t("field.components"), projects.COMPONENTS, key=k("components"),
                                        default=list(current.components) if current else [],
                                        format_func=lambda c: ui.t(f"projectcomponent.{c}"))
            r1, r2, r3 = st.columns(3)
            ready_land = r1.checkbox(ui.t("readiness.land"), value=current.ready_land if current else False, key=k("land"))
            ready_design = r2.checkbox(ui.t("readiness.design"), value=current.ready_design if current else False, key=k("design"))
            ready_cost = r3.checkbox(ui.t("readiness.cost"), value=current.ready_cost if current else False, key=k("cost"))

            st.markdown(f"**{ui.t('actionplan.budget')}**")
            existing = current.amount_by_source() if current else {}
            amounts, items = {}, {}
            for source in projects.BUDGET_SOURCES:
                a, b = st.columns([1, 2])
                amounts[source] = a.number_input(ui.t(f"source.{source}"), min_value=None, step=100000.0,
                                                 value=float(existing.get(source, 0)), key=k(f"amount_{source}"),
                                                 disabled=source in projects.NON_MONEY_SOURCES, format="%.2f")
                items[source] = b.text_input(ui.t("field.budget_item"), key=k(f"item_{source}"),
                                             value="; ".join(x.item for x in current.budget if x.source == source) if current else "")
            boi = st.checkbox(ui.t("actionplan.boi"), value="boi" in existing, key=k("boi"))
            declared = st.number_input(ui.t("actionplan.declared_total"), value=None, key=k("declared"), format="%.2f")

            st.markdown(f"**{ui.t('actionplan.milestones')}**")
            old_m = {m.quarter: m.description for m in current.milestones} if current else {}
            quarter_text = {q: st.text_input(ui.t("actionplan.quarter", q=q), value=old_m.get(q, ""), key=k(f"q{q}"))
                            for q in (1, 2, 3, 4)}

            st.markdown(f"**{ui.t('actionplan.kpis')}**")
            kpi_table = pd.DataFrame([{"indicator": k.indicator_code, "kind": k.kind, "baseline": k.baseline,
                                       "target": k.target} for k in (current.kpis if current else ())],
                                     columns=["indicator", "kind", "baseline", "target"])
            kpi_edit = st.data_editor(kpi_table, num_rows="dynamic", key=k("kpis"), hide_index=True, width="stretch",
                                      column_config={
                                          "indicator": st.column_config.SelectboxColumn(ui.t("positioning.col.indicator"), options=list(inds)),
                                          "kind": st.column_config.SelectboxColumn(ui.t("field.kpi_kind"), options=list(projects.KPI_KINDS)),
                                          "baseline": st.column_config.NumberColumn(ui.t("col.baseline_value")),
                                          "target": st.column_config.NumberColumn(ui.t("actionplan.kpi_target"))})
            saved = st.form_submit_button(ui.t("actionplan.save"), type="primary")

        if saved:
            def value(v):
                return None if v is None or (isinstance(v, float) and math.isnan(v)) else v
            budget = [BudgetLine(s, items[s], projects.to_amount(amounts[s])) for s in projects.BUDGET_SOURCES
                      if s not in projects.NON_MONEY_SOURCES and amounts[s]]
            if boi:
                budget.append(BudgetLine("boi", items["boi"], projects.to_amount(0)))
            kpis = [Kpi(r["indicator"], r["kind"], value(r["baseline"]), value(r["target"]))
                    for _, r in kpi_edit.iterrows() if value(r["indicator"])]
            project = Project(
                id=current.id if current else None, name=name, strategy_id=sid, measure_id=mid,
                dimensions=tuple(p_dims), objective=objective, lead_agency=lead,
                partners={s: tuple(x.strip() for x in v.split(",") if x.strip()) for s, v in partners.items()},
                target_group=target_group, fiscal_year_be=fy, investment_type=investment,
                components=tuple(components), ready_land=ready_land, ready_design=ready_design, ready_cost=ready_cost,
                budget=tuple(budget), kpis=tuple(kpis),
                milestones=tuple(Milestone(q, t) for q, t in quarter_text.items() if t.strip()))
            try:
                saved_project = projects.save_project(store, actor, workshop.id, project, declared_total=declared)
            except PlanningError as exc:
                ui.show_error(exc)
            else:
                if current is None and "_candidate" in st.session_state:
                    activities.use_candidate(store, actor, workshop.id, st.session_state.pop("_candidate"),
                                             saved_project.id)
                for key in [key for key in st.session_state if str(key).endswith("_new")]:
                    del st.session_state[key]  # an empty form for the next new project
                st.session_state["_open_project"] = saved_project.id
                ui.flash(ui.t("actionplan.saved", name=saved_project.name))
                st.rerun()
        if current and st.button(ui.t("actionplan.delete"), key="delete_project"):
            projects.delete_project(store, actor, workshop.id, current.id)
            st.session_state["_open_project"] = None
            ui.flash(ui.t("actionplan.deleted", name=current.name))
            st.rerun()

# ---- budget-source checks ---------------------------------------------------------------------
with tab_checks:
    for p in plan:
        results = checks[p.id]
        failed = [c for c in results if not c.passed]
        with st.expander(f"{'✅' if not failed else '⚠️'} {text.escape_markdown(p.name)} ({len(results) - len(failed)}/{len(results)})"):
            for c in results:
                st.write(f"{'✅' if c.passed else '❌'} {ui.t(f'source.{c.source}')}: {ui.t(f'rule.{c.rule}')}")

# ---- charts -----------------------------------------------------------------------------------
with tab_charts:
    rows = projects.budget_rows(store, workshop.id)
    if not rows:
        st.caption(ui.t("actionplan.no_projects"))
    else:
        frame = pd.DataFrame([{"dimension": dims[r.dimension].name(lang), "source": ui.t(f"source.{r.source}"),
                               "fy": str(r.fiscal_year_be), "amount": float(r.amount)} for r in rows if r.amount > 0])
        fig = px.sunburst(frame, path=["dimension", "source"], values="amount")
        st.plotly_chart(charts.layout(fig, ui.t("actionplan.chart_sunburst")), width="stretch", key="sunburst")
        fig = px.bar(frame, x="fy", y="amount", color="source",
                     labels={"fy": ui.t("field.fiscal_year"), "amount": ui.t("col.amount"), "source": ui.t("field.budget_source")})
        st.plotly_chart(charts.layout(fig, ui.t("actionplan.chart_years")), width="stretch", key="by_year")
        spans = [dict(project=text.escape_plotly(p.name[:40]), start=projects.quarter_span(p)[0], end=projects.quarter_span(p)[1],
                      fy=str(p.fiscal_year_be)) for p in plan]
        fig = px.timeline(pd.DataFrame(spans), x_start="start", x_end="end", y="project", color="fy",
                          labels={"project": ui.t("field.project_name"), "fy": ui.t("field.fiscal_year")})
        fig.update_yaxes(autorange="reversed")
        st.plotly_chart(charts.layout(fig, ui.t("actionplan.chart_timeline")), width="stretch", key="timeline")
    st.progress(covered / targets if targets else 0.0,
                text=ui.t("actionplan.coverage_text", covered=covered, targets=targets))
    if uncovered:
        st.caption(ui.t("actionplan.uncovered") + ": " + ", ".join(inds[c].name(lang) for c in uncovered if c in inds))
