"""Step 5: six-month checkpoints: actual values, project status and spending, status colours
from one rule, charts across checkpoints, and the After Action Review beside the figures.
Committee reviewers see the same page without the forms."""
import datetime as dt

import pandas as pd
import streamlit as st

from pages import charts, partner_views, ui
from planning import catalogue, checkpoints, dates, indicators, projects, reading, rules
from planning.checkpoints import Actual, ProjectReport
from planning.errors import PlanningError
from planning.indicators import CellErrors
from planning.roles import FACILITATOR, REVIEWER

actor = ui.require_role(FACILITATOR, REVIEWER)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
is_facilitator = actor.role == FACILITATOR
dims = catalogue.dimensions()
st.title(ui.t("checkpoints.title"))
ui.show_flash()

schedule = checkpoints.schedule(workshop)
by_months = {c.months: c for c in schedule}


def cp_label(c: dates.Checkpoint) -> str:
    return ui.t("checkpoints.label", months=c.months, date=dates.format_date(c.due, lang),
                fy=c.fiscal_year_be if lang == "th" else dates.ce_year(c.fiscal_year_be),
                half=ui.t(f"checkpoints.half.{c.fiscal_half}"))


def status_name(s: str) -> str:
    return ui.t(f"status.{s}")


months = st.selectbox(ui.t("checkpoints.pick"), list(by_months), key="checkpoint_pick",
                      format_func=lambda m: cp_label(by_months[m]))
checkpoint = by_months[months]
st.caption(ui.t("checkpoints.thresholds", on=round(rules.ON_TRACK_MIN * 100), behind=round(rules.BEHIND_MIN * 100)))
views = ["overview", "indicators", "projects", "history", "sustainability"]
view = ui.view_switch("checkpoint_view", views, {v: ui.t(f"checkpoints.view.{v}") for v in views})

statuses = checkpoints.indicator_status(store, workshop.id, months)


def render_overview() -> None:
    roll = checkpoints.rollups(store, workshop.id, months, statuses)
    plan = roll[-1]
    # The whole plan's status on its own line: in a column beside the counts a phone or a
    # narrow window cut it short ("⚪ ยังไม่มีข้อ…").
    st.metric(ui.t("checkpoints.plan_status"), status_name(plan.status))
    if plan.score is not None:
        st.caption(ui.t("checkpoints.plan_score", score=f"{plan.score:.0%}"))
    cols = st.columns(len(rules.STATUSES))
    for col, s in zip(cols, rules.STATUSES):
        col.metric(status_name(s), plan.counts[s])
    figures, aar_col = st.columns([3, 2], gap="large")
    with figures:
        recorded = sorted({m for (m, _) in checkpoints.actuals(store, workshop.id)} | {months})
        grid = {m: {r.dimension: r.status for r in checkpoints.rollups(store, workshop.id, m)} for m in recorded}
        st.plotly_chart(charts.status_grid(
            [dims[d].name(lang) for d in dims] + [ui.t("checkpoints.plan")],
            [ui.t("checkpoints.short", months=m) for m in recorded],
            [[grid[m][d] for m in recorded] for d in list(dims) + ["plan"]],
            rules.STATUS_COLOURS, {s: status_name(s) for s in rules.STATUSES},
            ui.t("checkpoints.grid_title")), width="stretch", key="status_grid", config={"displayModeBar": False})
        ps = checkpoints.project_status(store, workshop.id, months)
        if ps:
            st.plotly_chart(charts.project_progress(
                [p.project.name for p in ps], [p.report.percent if p.report else 0 for p in ps],
                [p.expected_percent for p in ps], [rules.STATUS_COLOURS[p.status] for p in ps],
                ui.t("checkpoints.projects_chart"), ui.t("checkpoints.percent_done"), ui.t("checkpoints.percent_expected")),
                width="stretch", key="overview_projects", config={"displayModeBar": False})
    with aar_col:
        render_aar()
    if is_facilitator:
        with st.expander(ui.t("checkpoints.weights")):
            weights = checkpoints.weights_of(store, workshop.id)
            with st.form("weights"):
                new = {d: st.number_input(dims[d].name(lang), 0.0, 10.0, float(weights[d]), 0.5, key=f"weight_{d}")
                       for d in dims}
                if st.form_submit_button(ui.t("checkpoints.save_weights")):
                    ui.act(lambda: checkpoints.set_weights(store, actor, workshop.id, new),
                           success=ui.t("checkpoints.weights_saved"), rerun=True)


def render_aar() -> None:
    st.subheader(ui.t("aar.title"), anchor=False)
    aar = checkpoints.after_action_review(store, workshop.id, months)
    parts = ("planned", "happened", "why", "next_steps")
    if aar:
        for k in parts:
            st.markdown(f"**{ui.t(f'aar.{k}')}**")
            ui.md(getattr(aar, k) or "–")
        st.caption(ui.t("aar.saved_at", who=ui.esc(reading.person(aar.recorded_by, lang)),
                        date=dates.format_date(dates.local_day(aar.recorded_at), lang)))
    elif not is_facilitator:
        st.caption(ui.t("aar.none"))
    if is_facilitator:
        with st.expander(ui.t("aar.edit"), expanded=aar is None):
            with st.form(f"aar_{months}"):
                values = {k: st.text_area(ui.t(f"aar.{k}"), value=getattr(aar, k) if aar else "",
                                          key=f"aar_{k}_{months}", height=80) for k in parts}
                if st.form_submit_button(ui.t("aar.save"), type="primary"):
                    ui.act(lambda: checkpoints.save_review(store, actor, workshop.id, months, **values),
                           success=ui.t("aar.saved"), rerun=True)


def render_indicators() -> None:
    recorded = checkpoints.actuals(store, workshop.id, months)
    if not statuses:
        st.info(ui.t("checkpoints.no_targets"))
        return
    table = pd.DataFrame([{
        "code": s.indicator.code, "name": s.indicator.name(lang), "unit": s.indicator.unit_name(lang),
        "direction": ui.t(f"direction.{s.indicator.direction}"), "baseline": s.baseline, "expected": s.expected,
        "actual": s.actual,
        # Typed and shown as people write dates (25/11/2569); planning reads the text when saving.
        "measured_on": dates.format_date_typed(recorded[(months, s.indicator.code)].measured_on, lang)
        if (months, s.indicator.code) in recorded and recorded[(months, s.indicator.code)].measured_on else "",
        "source": recorded[(months, s.indicator.code)].source if (months, s.indicator.code) in recorded else "",
        "note": recorded[(months, s.indicator.code)].note if (months, s.indicator.code) in recorded else "",
        "status": status_name(s.status)} for s in statuses])
    col = st.column_config
    config = {"code": None, "name": col.TextColumn(ui.t("col.indicator")), "unit": col.TextColumn(ui.t("col.unit")),
              "direction": col.TextColumn(ui.t("col.direction")), "baseline": col.NumberColumn(ui.t("col.baseline")),
              "expected": col.NumberColumn(ui.t("col.expected"), format="%.2f"),
              "actual": col.NumberColumn(ui.t("col.actual")),
              "measured_on": col.TextColumn(ui.t("col.measured_on"), max_chars=40,
                                            help=ui.t("common.date_hint", example=dates.format_date_typed(
                                                dt.date(2026, 11, 25), lang))),
              "source": col.TextColumn(ui.t("col.source")), "note": col.TextColumn(ui.t("field.note")),
              "status": col.TextColumn(ui.t("col.status"))}
    if is_facilitator:
        st.caption(ui.t("checkpoints.actuals_help"))
        edited = st.data_editor(table, key=f"actuals_{months}", hide_index=True, width="stretch", column_config=config,
                                disabled=["name", "unit", "direction", "baseline", "expected", "status"], num_rows="fixed", placeholder="")
        rows = [Actual(r["code"], ui.number(r["actual"]),
                       ui.text_or_none(r["measured_on"]),
                       ui.text_or_none(r["source"]) or "", ui.text_or_none(r["note"]) or "")
                for _, r in edited.iterrows() if ui.number(r["actual"]) is not None]
        # Implausible values wait for a confirmation of exactly these rows (planning decides which).
        doubted = (months, repr(rows))
        confirming = bool(st.session_state.get("confirm_actuals")) and st.session_state.get("_doubted") == doubted
        if st.button(ui.t("checkpoints.save_actuals"), type="primary", key="save_actuals") or confirming:
            try:
                n = checkpoints.record_actuals(store, actor, workshop.id, months, rows, confirmed=confirming, lang=lang)
            except checkpoints.NeedsConfirmation as exc:
                st.session_state["_doubted"] = doubted
                st.session_state["_doubts"] = exc.cells
            except CellErrors as exc:
                ui.show_cell_errors(exc)
            except PlanningError as exc:
                ui.show_error(exc)
            else:
                st.session_state.pop("_doubted", None)
                ui.flash(ui.t("checkpoints.actuals_saved", n=n))
                st.rerun()
        if st.session_state.get("_doubted") == doubted:
            show_doubts(st.session_state["_doubts"], rows)
            st.button(ui.t("checkpoints.confirm_save"), key="confirm_actuals")
    else:
        st.dataframe(table, hide_index=True, width="stretch", column_config=config, placeholder="–")

    codes = [s.indicator.code for s in statuses]
    names = {s.indicator.code: s.indicator.name(lang) for s in statuses}
    code = st.selectbox(ui.t("checkpoints.chart_indicator"), codes, format_func=names.get, key="chart_indicator")
    render_indicator_chart(code)


def show_doubts(cells: list[tuple], rows: list[Actual]) -> None:
    """The warnings of planning's plausibility rule, each with its indicator's name."""
    names = {s.indicator.code: s.indicator.name(lang) for s in statuses}
    lines = []
    for n, _column, key, params in cells:
        if "start" in params:
            params = {**params, "start": dates.format_date(params["start"], lang)}
        lines.append(f"- **{ui.esc(names.get(rows[n - 1].indicator_code, rows[n - 1].indicator_code))}**: "
                     + ui.t(key, **params))
    st.warning(ui.t("error.confirm_values", count=len(cells)) + "\n\n" + "\n".join(lines), icon="⚠️")


def render_indicator_chart(code: str) -> None:
    v = indicators.current_values(store, workshop.id)[code]
    ind = indicators.indicator_map(store, workshop.id)[code]
    horizon = workshop.horizon_years * 12
    start = workshop.start_date
    targets = [(dates.add_months(start, m), t) for m, t in ((6, v.target_6m), (12, v.target_12m),
                                                             (horizon, v.target_horizon)) if t is not None]
    actual_points = []
    recorded = checkpoints.actuals(store, workshop.id)
    for c in schedule:
        a = recorded.get((c.months, code))
        if a is None:
            continue
        expected = rules.expected_value(v.baseline_value, v.target_6m, v.target_12m, v.target_horizon, horizon, c.months)
        status = rules.status_of(rules.indicator_progress(v.baseline_value, expected, a.value, ind.direction))
        actual_points.append((c.due, a.value, rules.STATUS_COLOURS[status]))
    marks = [(ui.t("checkpoints.short", months=c.months), c.due) for c in schedule if c.months <= max(12, months)]
    fig = charts.indicator_over_time(
        {"baseline": [(start, v.baseline_value)], "target": [(start, v.baseline_value)] + targets, "actual": actual_points},
        marks, ind.name(lang), {"baseline": ui.t("col.baseline"), "target": ui.t("checkpoints.target_path"),
                                "actual": ui.t("col.actual")}, ind.unit_name(lang))
    days = [start] + [d for d, _ in targets] + [d for d, *_ in actual_points] + [d for _, d in marks]
    charts.be_date_axis(fig, min(days), max(days), lang)
    st.plotly_chart(fig, width="stretch", key=f"indicator_chart_{code}")


def render_projects() -> None:
    ps = checkpoints.project_status(store, workshop.id, months)
    if not ps:
        st.info(ui.t("checkpoints.no_projects"))
        return
    st.dataframe(pd.DataFrame([{
        ui.t("field.project_name"): p.project.name,
        ui.t("field.project_state"): ui.t(f"state.{p.report.state}") if p.report else "–",
        ui.t("checkpoints.percent_done"): p.report.percent if p.report else None,
        ui.t("checkpoints.percent_expected"): round(p.expected_percent, 1),
        ui.t("checkpoints.planned"): float(p.planned), ui.t("checkpoints.spent"): float(p.spent),
        ui.t("col.status"): status_name(p.status),
        ui.t("field.note"): p.report.note if p.report else ""} for p in ps]), hide_index=True, width="stretch", placeholder="–")
    left, right = st.columns(2)
    left.plotly_chart(charts.project_progress(
        [p.project.name for p in ps], [p.report.percent if p.report else 0 for p in ps],
        [p.expected_percent for p in ps], [rules.STATUS_COLOURS[p.status] for p in ps],
        ui.t("checkpoints.projects_chart"), ui.t("checkpoints.percent_done"), ui.t("checkpoints.percent_expected")),
        width="stretch", key="projects_progress")
    right.plotly_chart(charts.budget_spent(
        [p.project.name for p in ps], [float(p.planned) for p in ps], [float(p.spent) for p in ps],
        ui.t("checkpoints.budget_chart"), ui.t("checkpoints.planned"), ui.t("checkpoints.spent")),
        width="stretch", key="projects_budget")
    if not is_facilitator:
        return
    by_id = {p.project.id: p for p in ps}
    pid = st.selectbox(ui.t("checkpoints.report_project"), list(by_id), key="report_project",
                       format_func=lambda i: by_id[i].project.name)
    current = by_id[pid]
    report = current.report
    key = f"{months}_{pid}"
    with st.form(f"report_{key}"):
        state = st.selectbox(ui.t("field.project_state"), checkpoints.STATES, key=f"state_{key}",
                             index=checkpoints.STATES.index(report.state) if report else 1,
                             format_func=lambda s: ui.t(f"state.{s}"))
        percent = st.number_input(ui.t("checkpoints.percent_done"), value=float(report.percent) if report else 0.0,
                                  step=5.0, key=f"percent_{key}")
        planned = checkpoints.planned_through(current.project, checkpoint)
        spent = {}
        for source, amount in planned.items():
            if source in projects.NON_MONEY_SOURCES:
                continue
            spent[source] = st.number_input(
                ui.t("checkpoints.spent_from", source=ui.t(f"source.{source}"), planned=f"{amount:,.0f}"),
                min_value=0.0, value=float(report.spent.get(source, 0)) if report else 0.0, step=10000.0,
                key=f"spent_{source}_{key}")
        note = st.text_input(ui.t("field.note"), value=report.note if report else "", key=f"note_{key}",
                             max_chars=checkpoints.NOTE_MAX)
        if st.form_submit_button(ui.t("checkpoints.save_report"), type="primary"):
            ui.act(lambda: checkpoints.record_project(store, actor, workshop.id, months,
                                                      ProjectReport(pid, state, percent, spent, note)),
                   success=ui.t("checkpoints.report_saved", name=ui.esc(current.project.name)), rerun=True)


def render_history() -> None:
    changes = checkpoints.history(store, workshop.id)
    if not changes:
        st.caption(ui.t("checkpoints.no_history"))
        return
    names = {p.id: p.name for p in projects.list_projects(store, workshop.id)}

    def what(w: str) -> str:
        kind, ref = w.split(":", 1)
        return names.get(ref, ref) if kind == "project" else ref

    st.dataframe(pd.DataFrame([{
        ui.t("col.when"): reading.local_time(c.at, lang),
        ui.t("col.who"): reading.person(c.who, lang), ui.t("col.what"): what(c.what),
        ui.t("checkpoints.short_col"): ui.t("checkpoints.short", months=c.months),
        ui.t("col.old"): c.old or "–", ui.t("col.new"): c.new} for c in changes]), hide_index=True, width="stretch", placeholder="–")


{"overview": render_overview, "indicators": render_indicators, "projects": render_projects,
 "history": render_history,
 "sustainability": lambda: partner_views.sustainability_section(workshop.id, is_facilitator)}[view]()
