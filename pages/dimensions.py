"""Step 2: the seven dimensions, one view per dimension: indicators with baselines, benchmarks and
targets; pain points and ideas with impact x feasibility scores; self-assessed maturity."""

import pandas as pd
import streamlit as st

from pages import charts, ui
from planning import catalogue, dates, ideas, importer, indicators
from planning.errors import PlanningError
from planning.indicators import CellErrors, IndicatorValues
from planning.roles import FACILITATOR, PARTICIPANT
from planning.text import escape_markdown

actor = ui.require_role(FACILITATOR, PARTICIPANT)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
is_facilitator = actor.role == FACILITATOR
dims = catalogue.dimensions()

st.title(ui.t("dimensions.title"))
ui.show_flash()
dimension = st.selectbox(ui.t("dimensions.choose"), list(dims), key="dimension",
                         format_func=lambda d: f"{dims[d].order}. {dims[d].name(lang)}")
st.caption(dims[dimension].goal(lang))
focus = ideas.current_focus(store, workshop.id)
if focus and dimension in focus.dimensions:
    st.success(ui.t("dimensions.is_focus"), icon="🎯")


number, text_or_none = ui.number, ui.text_or_none


def year_be(value) -> int | None:
    v = number(value)
    return None if v is None else int(v)


PROBLEMS_SHOWN = 10  # a file with thousands of bad rows must not become a page-long error box


def show_cell_errors(exc: CellErrors, key: str) -> None:
    """The count, the first problems and, when there are more, all of them as a CSV to open
    beside the file. Problems repeat cell text, so they go into a plain-text element: markdown
    would make links of addresses in it even when escaped."""
    messages = exc.messages(lang)
    with st.container(border=True, key=f"problems_{key}"):
        st.error(exc.message(lang), icon="⚠️")
        st.text("\n".join(f"• {m}" for m in messages[:PROBLEMS_SHOWN]))
        if len(messages) > PROBLEMS_SHOWN:
            st.caption(ui.t("dimensions.problems_more", shown=PROBLEMS_SHOWN, count=len(messages)))
            st.download_button(ui.t("dimensions.problems_download"), importer.problems_csv(exc, lang),
                               file_name="import_problems.csv", mime="text/csv", key=f"problems_csv_{key}",
                               on_click="ignore")


VALUE_STEPS = {  # the grid in two steps, so each fits a screen: what is, then what is aimed at
    "baseline": ("baseline_value", "baseline_year", "baseline_source", "benchmark_value", "benchmark_source"),
    "targets": ("target_6m", "target_12m", "target_horizon"),
}
STEP_SHOWN = {  # columns shown in each step besides the editable ones (read-only, for reference)
    "baseline": ("name", "unit", "direction"),
    "targets": ("name", "unit", "direction", "baseline_value"),
}
STEP_AFTER = {"baseline": ("gap", "gap_status"), "targets": ()}
CELL = {"baseline_value": number, "benchmark_value": number, "target_6m": number, "target_12m": number,
        "target_horizon": number, "baseline_source": text_or_none, "benchmark_source": text_or_none,
        "baseline_year": lambda v: None if year_be(v) is None else dates.ce_year(year_be(v))}  # B.E. typed


def forget_grid_edits() -> None:
    """After a save or an import the grids show what is stored, not edits kept from before it."""
    for key in [k for k in st.session_state if str(k).startswith("values_")]:
        del st.session_state[key]


def render_indicators() -> None:
    rows = indicators.indicator_rows(store, workshop.id, dimension)
    codes = [r.indicator.code for r in rows]
    table = pd.DataFrame([{
        "code": r.indicator.code,
        "name": r.indicator.name(lang) + (" ✎" if r.indicator.custom else ""),
        "unit": r.indicator.unit_name(lang),
        "direction": ui.t(f"direction.{r.indicator.direction}"),
        "baseline_value": r.values.baseline_value,
        "baseline_year": dates.be_year(r.values.baseline_year) if r.values.baseline_year else None,
        "baseline_source": r.values.baseline_source,
        "benchmark_value": r.values.benchmark_value,
        "benchmark_source": r.values.benchmark_source,
        "gap": r.gap,
        "gap_status": ui.t(f"comparison.{r.gap_status}") if r.gap_status else "",
        "target_6m": r.values.target_6m,
        "target_12m": r.values.target_12m,
        "target_horizon": r.values.target_horizon,
    } for r in rows])
    numbers = ["baseline_value", "baseline_year", "benchmark_value", "gap", "target_6m", "target_12m", "target_horizon"]
    table[numbers] = table[numbers].astype("float64")  # missing values show blank, not "None"
    table[["baseline_source", "benchmark_source"]] = table[["baseline_source", "benchmark_source"]].fillna("")
    labels = {c: ui.t(f"col.{c}") for c in table.columns}
    config = {c: st.column_config.NumberColumn(labels[c], format="%.2f") for c in
              ("baseline_value", "benchmark_value", "gap", "target_6m", "target_12m", "target_horizon")}
    config.update({c: st.column_config.TextColumn(labels[c]) for c in
                   ("code", "unit", "direction", "baseline_source", "benchmark_source", "gap_status")})
    config["name"] = st.column_config.TextColumn(labels["name"], pinned=True)  # always in view when scrolling
    config["baseline_year"] = st.column_config.NumberColumn(labels["baseline_year"], format="%d", step=1)
    st.caption(ui.t("dimensions.gap_note"))
    if is_facilitator:
        steps = list(VALUE_STEPS)
        step = st.radio(ui.t("dimensions.step"), steps, horizontal=True, key="indicator_step",
                        format_func=lambda x: ui.t(f"dimensions.step.{x}"))
        editable = VALUE_STEPS[step]
        columns = ["code", *STEP_SHOWN[step], *editable, *STEP_AFTER[step]]
        edited = st.data_editor(
            table[columns], key=f"values_{step}_{dimension}", hide_index=True, width="stretch",
            column_config={**{c: config[c] for c in columns}, "code": None}, num_rows="fixed",
            disabled=[c for c in columns if c not in editable], placeholder="")
        if st.button(ui.t(f"dimensions.save_values.{step}"), type="primary", key="save_values"):
            current = indicators.current_values(store, workshop.id)
            new_rows = []
            for i, r in edited.reset_index(drop=True).iterrows():
                kept = current.get(codes[i], IndicatorValues(codes[i])).__dict__  # the other step's values stay
                new_rows.append(IndicatorValues(**{**kept, **{c: CELL[c](r[c]) for c in editable}}))
            try:
                n = indicators.save_values(store, actor, workshop.id, new_rows)
            except CellErrors as exc:
                show_cell_errors(exc, "values")
            else:
                forget_grid_edits()
                ui.flash(ui.t("dimensions.values_saved", n=n))
                st.rerun()
    else:
        st.dataframe(table.drop(columns=["code"]), hide_index=True, width="stretch",
                     column_config={c: v for c, v in config.items() if c != "code"}, placeholder="–")

    flagged = [(r.indicator, f) for r in rows for f in r.flags]
    for ind, flag in flagged:
        st.warning(f"{ui.esc(ind.name(lang))}: {ui.t(flag)}", icon="⚠️")

    with st.expander(ui.t("dimensions.definitions")):
        for r in rows:
            code = f" · {r.indicator.framework_code}" if r.indicator.framework_code else ""
            st.markdown(f"**{ui.esc(r.indicator.name(lang))}** ({ui.esc(r.indicator.unit_name(lang))}, "
                        f"{ui.t(f'direction.{r.indicator.direction}')})")
            ui.md(f"{r.indicator.definition(lang)} — {r.indicator.source}{code}")

    if is_facilitator:
        render_custom_indicator_form()
        render_import()


def render_custom_indicator_form() -> None:
    with st.expander(ui.t("dimensions.add_indicator")):
        with st.form("custom_indicator", clear_on_submit=True):
            name_th = st.text_input(ui.t("field.indicator_name"), max_chars=indicators.NAME_MAX, key="ci_name_th")
            name_en = st.text_input(ui.t("field.indicator_name_en"), max_chars=indicators.NAME_MAX, key="ci_name_en")
            unit = st.text_input(ui.t("field.unit"), max_chars=indicators.UNIT_MAX, key="ci_unit")
            direction = st.radio(ui.t("field.direction"), catalogue.DIRECTIONS, horizontal=True, key="ci_direction",
                                 format_func=lambda d: ui.t(f"direction.{d}"))
            definition = st.text_area(ui.t("field.definition"), max_chars=indicators.DEFINITION_MAX, key="ci_definition")
            source = st.text_input(ui.t("field.source"), max_chars=indicators.SOURCE_MAX, key="ci_source")
            if st.form_submit_button(ui.t("dimensions.add_indicator_submit")):
                ui.act(lambda: indicators.add_custom_indicator(
                    store, actor, workshop.id, dimension=dimension, name_th=name_th, name_en=name_en,
                    unit=unit, direction=direction, definition=definition, source=source),
                    lambda ind: ui.t("dimensions.indicator_added", name=ui.esc(ind.name(lang))), rerun=True)


def render_import() -> None:
    with st.expander(ui.t("dimensions.import")):
        st.write(ui.t("dimensions.import_help", max_kb=importer.MAX_BYTES // 1000))
        all_indicators = indicators.workshop_indicators(store, workshop.id)
        c1, c2 = st.columns(2)
        c1.download_button(ui.t("dimensions.template_xlsx"), importer.template_xlsx(lang, all_indicators),
                           file_name=f"baselines_template_{lang}.xlsx", key="template_xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        c2.download_button(ui.t("dimensions.template_csv"), importer.template_csv(lang, all_indicators),
                           file_name=f"baselines_template_{lang}.csv", mime="text/csv", key="template_csv")
        upload = ui.file_field(ui.t("dimensions.upload"), "baseline_file", importer.UPLOAD_TYPES, importer.MAX_BYTES)
        if upload is not None and st.button(ui.t("dimensions.import_submit"), type="primary", key="import_button"):
            try:
                result = importer.import_baselines(store, actor, workshop.id, upload.name, upload.getvalue())
            except CellErrors as exc:
                show_cell_errors(exc, "import")
            except PlanningError as exc:
                ui.show_error(exc)
            else:
                parts = [ui.t("dimensions.imported", n=result.updated)]
                if result.sheet:
                    parts.append(ui.t("dimensions.imported_from_sheet", sheet=escape_markdown(result.sheet)))
                if result.ignored_columns:
                    parts.append(ui.t("dimensions.ignored_columns",
                                      columns=", ".join(escape_markdown(c) for c in result.ignored_columns)))
                forget_grid_edits()
                ui.flash(" · ".join(parts))
                st.rerun()


def score(idea_id: str) -> None:
    # Read the sliders now: values captured at render time would miss a move made just before the tap.
    impact, feasibility = st.session_state[f"impact_{idea_id}"], st.session_state[f"feasibility_{idea_id}"]
    try:
        ideas.score_idea(store, actor, workshop.id, idea_id, impact, feasibility)
    except PlanningError as exc:
        ui.flash(ui.error_text(exc), "error")


def edit_idea(idea_id: str) -> None:
    kind, new_text = st.session_state[f"idea_edit_kind_{idea_id}"], st.session_state[f"idea_edit_text_{idea_id}"]
    ui.change_from_chooser(lambda: ideas.revise_idea(store, actor, workshop.id, idea_id, kind, new_text),
                           "idea_edit_pick", "ideas.edited")


def delete_idea(idea_id: str) -> None:
    ui.change_from_chooser(lambda: ideas.withdraw_idea(store, actor, workshop.id, idea_id),
                           "idea_edit_pick", "ideas.deleted", confirm_key=f"idea_delete_ok_{idea_id}")


def render_idea_editor(results: list) -> None:
    """One chooser for the ideas this person may change (a participant: their own) and a small form
    for the chosen one, not a form per idea."""
    mine = {r.id: r for r in results if is_facilitator or r.author_id == actor.participant_id}
    if not mine:
        return
    if st.session_state.get("idea_edit_pick") not in mine:
        st.session_state["idea_edit_pick"] = None
    numbers = {r.id: n for n, r in enumerate(results, start=1)}
    pick = st.selectbox(ui.t("ideas.edit_pick" if is_facilitator else "ideas.edit_pick_mine"), list(mine),
                        key="idea_edit_pick", index=None, placeholder=ui.t("swot.edit_placeholder"),
                        format_func=lambda i: f"{numbers[i]}. {mine[i].text[:60]}")  # plain text
    if pick is None:
        return
    idea = mine[pick]
    with st.form(f"idea_edit_{pick}"):
        st.radio(ui.t("field.idea_kind"), ideas.KINDS, horizontal=True, key=f"idea_edit_kind_{pick}",
                 index=ideas.KINDS.index(idea.kind), format_func=lambda k: ui.t(f"ideas.kind.{k}"))
        st.text_area(ui.t("field.idea_text"), value=idea.text, max_chars=ideas.IDEA_MAX, key=f"idea_edit_text_{pick}",
                     height=80)
        if idea.scores - (idea.my_impact is not None) and not is_facilitator:  # someone else's score
            st.caption(ui.t("ideas.edit_scores_note"))
        c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
        c1.form_submit_button(ui.t("common.save_changes"), type="primary", on_click=ui.guarded(edit_idea), args=(pick,),
                              width="stretch")
        c2.checkbox(ui.t("common.confirm_delete"), key=f"idea_delete_ok_{pick}")
        c3.form_submit_button(ui.t("common.delete"), on_click=ui.guarded(delete_idea), args=(pick,), width="stretch")


def render_ideas() -> None:
    with st.form("add_idea", clear_on_submit=True):
        st.write(ui.t("ideas.add"))
        kind = st.radio(ui.t("field.idea_kind"), ideas.KINDS, horizontal=True, key="idea_kind",
                        format_func=lambda k: ui.t(f"ideas.kind.{k}"))
        text = st.text_area(ui.t("field.idea_text"), max_chars=ideas.IDEA_MAX, key="idea_text", height=80)
        if st.form_submit_button(ui.t("ideas.submit"), type="primary", width="stretch"):
            ui.act(lambda: ideas.add_idea(store, actor, workshop.id, dimension, kind, text), ui.t("ideas.added"))

    results = ideas.idea_results(store, workshop.id, dimension, actor.participant_id)
    if not results:
        st.caption(ui.t("ideas.none"))
        return
    scored = [(rank, r) for rank, r in enumerate(results, start=1) if r.scores]
    if scored:  # each point carries the number of the idea in the list under the chart
        st.plotly_chart(charts.impact_feasibility(
            [dict(text=r.text, kind=r.kind, impact=r.impact, feasibility=r.feasibility, scores=r.scores, number=rank)
             for rank, r in scored], ui.t("ideas.chart_title"), ui.t("field.feasibility"), ui.t("field.impact"),
            {k: ui.t(f"ideas.kind.{k}") for k in ideas.KINDS}), width="stretch", key="idea_chart")
    st.caption(ui.t("ideas.ranked"))
    render_idea_editor(results)
    for rank, r in enumerate(results, start=1):
        with st.container(border=True):
            ui.md(f"{rank}. {r.text}")
            summary = ui.t("ideas.summary", impact=f"{r.impact:.1f}", feasibility=f"{r.feasibility:.1f}",
                           n=r.scores) if r.scores else ui.t("ideas.unscored")
            author = ui.t("swot.by", name=ui.esc(r.author)) if r.author else ui.t("swot.by_facilitator")
            st.caption(f"{ui.t(f'ideas.kind.{r.kind}')} · {summary} · {author}")
            if actor.role == PARTICIPANT:
                c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
                c1.select_slider(ui.t("field.impact"), ideas.SCALE, value=r.my_impact or 3, key=f"impact_{r.id}")
                c2.select_slider(ui.t("field.feasibility"), ideas.SCALE, value=r.my_feasibility or 3,
                                 key=f"feasibility_{r.id}")
                c3.button(ui.t("ideas.rescore" if r.my_impact else "ideas.score"), key=f"score_{r.id}",
                          on_click=ui.guarded(score), args=(r.id,), width="stretch")


def render_maturity() -> None:
    if actor.role == PARTICIPANT:
        mine = ideas.my_maturity(store, workshop.id, actor.participant_id)
        with st.form("maturity"):
            level = st.radio(ui.t("maturity.question", dimension=dims[dimension].name(lang)), ideas.SCALE,
                             index=(mine[dimension] - 1) if dimension in mine else None, key="maturity_level",
                             format_func=lambda n: ui.t(f"maturity.level.{n}"))
            if st.form_submit_button(ui.t("maturity.submit"), type="primary", width="stretch"):
                ui.act(lambda: ideas.rate_maturity(store, actor, workshop.id, dimension, level),
                       ui.t("maturity.saved"))
    rows = ideas.maturity_summary(store, workshop.id)
    if not rows:
        st.caption(ui.t("maturity.none"))
        return
    series: dict[str, dict[str, float]] = {}
    for r in rows:
        name = ui.t("maturity.all") if r.sector == "all" else ui.t(f"sector.{r.sector}")
        series.setdefault(name, {})[r.dimension] = r.mean
    st.plotly_chart(charts.maturity_radar(series, {d: dims[d].name(lang) for d in dims}, ui.t("maturity.chart_title")),
                    width="stretch", key="maturity_chart")
    spread = ideas.sector_spread(rows)
    overall = {r.dimension: r for r in rows if r.sector == "all"}
    st.dataframe(pd.DataFrame([{
        ui.t("col.dimension"): dims[d].name(lang),
        ui.t("maturity.mean"): round(overall[d].mean, 2),
        ui.t("maturity.raters"): overall[d].raters,
        ui.t("maturity.spread"): round(spread.get(d, 0.0), 2),
    } for d in dims if d in overall]), hide_index=True, width="stretch", placeholder="–")


views = [("dimensions.tab_indicators", render_indicators), ("dimensions.tab_ideas", render_ideas),
         ("dimensions.tab_maturity", render_maturity)]
if not is_facilitator:  # participants come to give ideas and scores; indicators last
    views = views[1:] + views[:1]
chosen = ui.view_switch(f"dimension_view_{actor.role}", [key for key, _ in views], {key: ui.t(key) for key, _ in views})
dict(views)[chosen]()
