"""Step 4: the annual action plan: projects with budget per source and fiscal year, milestones,
KPIs and readiness; budget-source checks; budget, timeline and coverage charts."""
import math

import pandas as pd
import plotly.express as px
import streamlit as st

from pages import charts, ui
from planning import activities, catalogue, criteria, dates, indicators, masterplan, projects, text
from planning import partners as partner_list
from planning.errors import PlanningError
from planning.participants import SECTORS
from planning.projects import Kpi, Milestone, Project
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
c2.metric(ui.t("actionplan.total"), f"{projects.baht(total)} ฿")
covered, targets, uncovered = projects.target_coverage(store, workshop.id)
c3.metric(ui.t("actionplan.coverage"), f"{covered}/{targets}")
checks = {p.id: criteria.budget_checks(p, ctx) for p in plan}
if plan:
    st.dataframe(pd.DataFrame([{
        ui.t("field.project_name"): p.name,
        ui.t("field.fiscal_year"): (str(p.fiscal_year_be) if p.last_year == p.fiscal_year_be
                                    else f"{p.fiscal_year_be}–{p.last_year}") if lang == "th" else
        (str(dates.ce_year(p.fiscal_year_be)) if p.last_year == p.fiscal_year_be
         else f"{dates.ce_year(p.fiscal_year_be)}–{dates.ce_year(p.last_year)}"),
        ui.t("field.strategy_title"): strategy_title.get(p.strategy_id, ""),
        ui.t("col.dimension"): ", ".join(dims[d].name(lang) for d in p.dimensions),
        ui.t("field.lead_agency"): p.lead_agency,
        ui.t("field.budget_source"): ", ".join(ui.t(f"source.{s}") for s in p.sources),
        ui.t("col.amount"): float(p.total),
        ui.t("actionplan.checks"): f"{sum(c.passed for c in checks[p.id])}/{len(checks[p.id])}",
    } for p in plan]), hide_index=True, width="stretch",
        column_config={ui.t("col.amount"): st.column_config.NumberColumn(format="%,.2f")}, placeholder="–")

tab_form, tab_checks, tab_charts = st.tabs([ui.t("actionplan.tab_form"), ui.t("actionplan.tab_checks"),
                                            ui.t("actionplan.tab_charts")])

# ---- project form -----------------------------------------------------------------------------
with tab_form:
    if not strategy_list:
        st.info(ui.t("actionplan.no_strategy"))
    else:
        by_id = {p.id: p for p in plan}
        org_by_id = {o.id: o for o in partner_list.list_partners(store, workshop.id)}

        def org_label(i: str) -> str:
            return f"{org_by_id[i].name(lang)} · {ui.t(f'sector.{org_by_id[i].sector}')}"

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
        # The project's years sit outside the form so the budget grid gains a column per year at once.
        first_year, last_year = st.select_slider(
            ui.t("actionplan.years"), options=fiscal_years, key=k("years"),
            value=(current.fiscal_year_be, current.last_year) if current and current.fiscal_year_be in fiscal_years
            and current.last_year in fiscal_years else (fiscal_years[0], fiscal_years[0]),
            format_func=lambda y: ui.t("doc.col.year", year=y if lang == "th" else dates.ce_year(y)))
        years = list(range(first_year, last_year + 1))
        year_col = {y: ui.t("doc.col.year", year=y if lang == "th" else dates.ce_year(y)) for y in years}
        kind_label = {kind: ui.t(f"actionplan.kpi_kind.{kind}") for kind in projects.KPI_KINDS}
        indicator_label = {c: f"{dims[i.dimension].name(lang)} · {i.name(lang)}" for c, i in inds.items()}
        with st.form(f"project_{chosen or 'new'}"):
            # Four headed groups, as a budget request reads; the widget keys are the same as ever.
            with st.container(border=True):
                st.markdown(f"**{ui.t('actionplan.section.what')}**")
                name = st.text_input(ui.t("field.project_name"), value=current.name if current else "",
                                     max_chars=projects.NAME_MAX, key=k("name"))
                c1, c2 = st.columns(2)
                sid = c1.selectbox(ui.t("field.strategy_title"), sid_options, key=k("strategy"),
                                   index=sid_options.index(current.strategy_id) if current else 0,
                                   format_func=lambda i: strategy_title[i])
                m_options = [None] + [m.id for m in measure_list]
                m_title = {m.id: m.title for m in measure_list}
                mid = c2.selectbox(ui.t("field.measure_title"), m_options, key=k("measure"),
                                   index=m_options.index(current.measure_id) if current and current.measure_id in m_options else 0,
                                   format_func=lambda i: "-" if i is None else m_title[i])
                p_dims = st.multiselect(ui.t("col.dimension"), list(dims), key=k("dims"),
                                        default=list(current.dimensions) if current else None,
                                        format_func=lambda d: dims[d].name(lang), placeholder=ui.t("common.choose"))
                objective = st.text_area(ui.t("field.objective"), value=current.objective if current else "",
                                         key=k("objective"), height=80)
                investment = st.radio(ui.t("field.investment_type"), projects.INVESTMENT_TYPES, horizontal=True,
                                      key=k("investment"), index=projects.INVESTMENT_TYPES.index(current.investment_type) if current else 2,
                                      format_func=lambda v: ui.t(f"investment.{v}"))
                components = st.multiselect(ui.t("field.components"), projects.COMPONENTS, key=k("components"),
                                            default=list(current.components) if current else [],
                                            format_func=lambda c: ui.t(f"projectcomponent.{c}"), placeholder=ui.t("common.choose"))
            with st.container(border=True):
                st.markdown(f"**{ui.t('actionplan.section.who')}**")
                # Lead and partners from the partner list; names typed in stay possible (step 3.1 turns
                # them into organisations in one step).
                lead_options = [None] + list(org_by_id)
                c1, c2 = st.columns(2)
                lead_id = c1.selectbox(ui.t("actionplan.lead_from_list"), lead_options, key=k("lead_org"),
                                       index=lead_options.index(current.lead_partner_id)
                                       if current and current.lead_partner_id in org_by_id else 0,
                                       format_func=lambda i: ui.t("actionplan.typed_below") if i is None else org_label(i))
                lead = c2.text_input(ui.t("field.lead_agency"), key=k("lead"), help=ui.t("actionplan.lead_typed_help"),
                                     value=current.lead_agency if current and not current.lead_partner_id else "")
                partner_ids = st.multiselect(ui.t("actionplan.partners_from_list"), list(org_by_id), key=k("partner_orgs"),
                                             default=[i for i in current.partner_ids if i in org_by_id] if current else [],
                                             format_func=org_label, placeholder=ui.t("common.choose"))
                target_group = st.text_input(ui.t("field.target_group"), value=current.target_group if current else "",
                                             key=k("target_group"))
                st.caption(ui.t("actionplan.partners_help"))
                listed = {partner_list.name_key(org_by_id[i].name_th) for i in (current.partner_ids if current else ())
                          if i in org_by_id}
                partner_cols = st.columns(3)
                partners = {s: partner_cols[n % 3].text_input(
                                ui.t(f"sector.{s}"), key=k(f"partner_{s}"),
                                value=", ".join(name for name in current.partners.get(s, ())
                                                if partner_list.name_key(name) not in listed) if current else "")
                            for n, s in enumerate(SECTORS)}
            with st.container(border=True):
                st.markdown(f"**{ui.t('actionplan.section.when')}**")
                st.caption(ui.t("actionplan.years_above", years=", ".join(year_col[y] for y in years)))
                st.caption(ui.t("actionplan.budget_help"))
                money_sources = [x for x in projects.BUDGET_SOURCES if x not in projects.NON_MONEY_SOURCES]
                existing = current.amount_by_source() if current else {}
                grid = pd.DataFrame([{"source": ui.t(f"source.{x}"),
                                      "item": "; ".join(dict.fromkeys(b.item for b in current.budget if b.source == x
                                                                      and b.item)) if current else "",
                                      **{year_col[y]: float(current.amount(x, y)) if current else 0.0 for y in years}}
                                     for x in money_sources])
                budget_edit = st.data_editor(
                    grid, key=k(f"budget_{first_year}_{last_year}"), hide_index=True, width="stretch", num_rows="fixed",
                    disabled=["source"],
                    column_config={"source": st.column_config.TextColumn(ui.t("field.budget_source"), pinned=True),
                                   "item": st.column_config.TextColumn(ui.t("field.budget_item"), max_chars=projects.ITEM_MAX),
                                   **{year_col[y]: st.column_config.NumberColumn(year_col[y], min_value=0.0,
                                                                                 format="localized")
                                      for y in years}}, placeholder="")
                c1, c2 = st.columns(2)
                boi = c1.checkbox(ui.t("actionplan.boi"), value="boi" in existing, key=k("boi"))
                declared = c2.number_input(ui.t("actionplan.declared_total"), value=None, key=k("declared"), format="%.2f")
                st.caption(ui.t("actionplan.readiness"))
                r1, r2, r3 = st.columns(3)
                ready_land = r1.checkbox(ui.t("readiness.land"), value=current.ready_land if current else False, key=k("land"))
                ready_design = r2.checkbox(ui.t("readiness.design"), value=current.ready_design if current else False, key=k("design"))
                ready_cost = r3.checkbox(ui.t("readiness.cost"), value=current.ready_cost if current else False, key=k("cost"))

            with st.container(border=True):
                st.markdown(f"**{ui.t('actionplan.section.milestones')}**")
                st.caption(ui.t("actionplan.milestones"))
                milestone_table = pd.DataFrame(
                    [{"year": current.year_of(m), "quarter": m.quarter, "description": m.description}
                     for m in (current.milestones if current else ())], columns=["year", "quarter", "description"])
                milestone_edit = st.data_editor(
                    milestone_table, key=k(f"milestones_{first_year}_{last_year}"), hide_index=True, width="stretch",
                    num_rows="dynamic",
                    column_config={"year": st.column_config.SelectboxColumn(ui.t("field.fiscal_year"), options=years,
                                                                            default=first_year, required=True),
                                   "quarter": st.column_config.SelectboxColumn(ui.t("actionplan.quarter_col"),
                                                                               options=[1, 2, 3, 4], required=True),
                                   "description": st.column_config.TextColumn(ui.t("field.milestone"),
                                                                              max_chars=projects.TEXT_MAX)}, placeholder="")

                st.caption(ui.t("actionplan.kpis"))
                kpi_table = pd.DataFrame([{"indicator": k.indicator_code, "kind": k.kind, "baseline": k.baseline,
                                           "target": k.target} for k in (current.kpis if current else ())],
                                         columns=["indicator", "kind", "baseline", "target"])
                # Chosen by indicator name and kind by its label; the cells hold the codes.
                kpi_edit = st.data_editor(kpi_table, num_rows="dynamic", key=k("kpis"), hide_index=True, width="stretch",
                                          column_config={
                                              "indicator": st.column_config.SelectboxColumn(
                                                  ui.t("positioning.col.indicator"), options=list(inds),
                                                  format_func=lambda c: indicator_label.get(c, c), pinned=True,
                                                  width="large"),
                                              "kind": st.column_config.SelectboxColumn(
                                                  ui.t("field.kpi_kind"), options=list(projects.KPI_KINDS),
                                                  format_func=lambda v: kind_label.get(v, v)),
                                              "baseline": st.column_config.NumberColumn(ui.t("col.baseline_value")),
                                              "target": st.column_config.NumberColumn(ui.t("actionplan.kpi_target"))}, placeholder="")
            saved = st.form_submit_button(ui.t("actionplan.save"), type="primary")

        if saved:
            def value(v):
                return None if v is None or (isinstance(v, float) and math.isnan(v)) else v

            def project_from_form() -> Project:
                rows = list(budget_edit.iterrows())
                budget = projects.budget_from_grid(
                    {(src, y): row[year_col[y]] for src, (_, row) in zip(money_sources, rows) for y in years},
                    {src: row["item"] for src, (_, row) in zip(money_sources, rows)},
                    boi_year=first_year if boi else None)
                return Project(
                    id=current.id if current else None, name=name, strategy_id=sid, measure_id=mid,
                    dimensions=tuple(p_dims), objective=objective, lead_agency=lead,
                    lead_partner_id=None if lead.strip() else lead_id, partner_ids=tuple(partner_ids),
                    partners={s: tuple(x.strip() for x in v.split(",") if x.strip()) for s, v in partners.items()},
                    target_group=target_group, fiscal_year_be=first_year, last_fiscal_year_be=last_year,
                    investment_type=investment, components=tuple(components), ready_land=ready_land,
                    ready_design=ready_design, ready_cost=ready_cost, budget=budget,
                    kpis=tuple(Kpi(r["indicator"], r["kind"], value(r["baseline"]), value(r["target"]))
                               for _, r in kpi_edit.iterrows() if value(r["indicator"])),
                    milestones=tuple(Milestone(int(r["quarter"]), str(r["description"]), int(r["year"]))
                                     for _, r in milestone_edit.iterrows()
                                     if value(r["description"]) and str(r["description"]).strip()
                                     and value(r["quarter"]) is not None and value(r["year"]) is not None))
            try:
                saved_project = projects.save_project(store, actor, workshop.id, project_from_form(),
                                                      declared_total=declared)
            except PlanningError as exc:
                ui.show_error(exc)
            else:
                if current is None and "_candidate" in st.session_state:
                    activities.use_candidate(store, actor, workshop.id, st.session_state.pop("_candidate"),
                                             saved_project.id)
                for key in [key for key in st.session_state if str(key).endswith("_new")]:
                    del st.session_state[key]  # an empty form for the next new project
                st.session_state["_open_project"] = saved_project.id
                ui.flash(ui.t("actionplan.saved", name=ui.esc(saved_project.name)))
                st.rerun()
        if current and st.button(ui.t("actionplan.delete"), key="delete_project"):
            projects.delete_project(store, actor, workshop.id, current.id)
            st.session_state["_open_project"] = None
            ui.flash(ui.t("actionplan.deleted", name=ui.esc(current.name)))
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
        def fy_label(fy: int) -> str:
            return str(fy) if lang == "th" else str(dates.ce_year(fy))
        frame = pd.DataFrame([{"dimension": dims[r.dimension].name(lang), "source": ui.t(f"source.{r.source}"),
                               "fy": fy_label(r.fiscal_year_be), "amount": float(r.amount)} for r in rows if r.amount > 0])
        if not frame.empty:
            fig = px.sunburst(frame, path=["dimension", "source"], values="amount")
            st.plotly_chart(charts.layout(fig, ui.t("actionplan.chart_sunburst")), width="stretch", key="sunburst")
            years = [fy_label(y) for y in dates.plan_fiscal_years(workshop.start_date, workshop.horizon_years)]
            years += sorted(set(frame["fy"]) - set(years))
            st.plotly_chart(charts.budget_by_year(frame, years, ui.t("actionplan.chart_years"), {
                "fy": ui.t("field.fiscal_year"), "amount": ui.t("col.amount"), "source": ui.t("field.budget_source")}),
                width="stretch", key="by_year")
        numbered = {p.id: n for n, p in enumerate(plan, start=1)}     # as in the table above
        strategy_no = {s.id: n for n, s in enumerate(strategy_list, start=1)}
        spans = [dict(number=numbered[p.id], name=p.name, start=projects.quarter_span(p)[0],
                      end=projects.quarter_span(p)[1],
                      group=ui.t("doc.strategy_n", n=strategy_no.get(p.strategy_id, "–"),
                                 title=strategy_title.get(p.strategy_id, "")))
                 for p in sorted(plan, key=lambda p: (strategy_no.get(p.strategy_id, 999), numbered[p.id]))]
        st.plotly_chart(charts.project_timeline(spans, ui.t("actionplan.chart_timeline"), lang),
                        width="stretch", key="timeline")
    st.progress(covered / targets if targets else 0.0,
                text=ui.t("actionplan.coverage_text", covered=covered, targets=targets))
    if uncovered:
        st.caption(ui.t("actionplan.uncovered") + ": " + ui.esc(", ".join(inds[c].name(lang) for c in uncovered if c in inds)))
