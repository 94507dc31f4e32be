"""Step 1: City positioning: map and profile, SWOT board with votes, vision and positioning."""
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from pages import partner_views, ui
from planning import catalogue, dates, importer, positioning, province_figures, workshops
from planning.errors import PlanningError
from planning.indicators import CellErrors
from planning.roles import FACILITATOR, PARTICIPANT
from planning.store import StoreLost

actor = ui.require_role(FACILITATOR, PARTICIPANT)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
is_facilitator = actor.role == FACILITATOR
province = workshop.province

st.title(ui.t("positioning.title"))
ui.md(f"{workshop.name} · {province.name(lang)} · {workshop.target_area}")
ui.show_flash()
if not is_facilitator:
    partner_views.my_organisation(workshop.id, prompt_only=True)


def render_map() -> None:
    lat, lon = workshop.target_point
    shapes = catalogue.province_shapes()
    own = {"type": "FeatureCollection",
           "features": [f for f in shapes["features"] if f["properties"]["code"] == province.code]}
    layers = [
        pdk.Layer("GeoJsonLayer", shapes, stroked=True, filled=True, get_fill_color=[226, 232, 240],
                  get_line_color=[148, 163, 184], line_width_min_pixels=1),
        pdk.Layer("GeoJsonLayer", own, stroked=True, filled=True, get_fill_color=[59, 130, 246, 120],
                  get_line_color=[29, 78, 216], line_width_min_pixels=2),
        pdk.Layer("ScatterplotLayer", [{"lat": lat, "lon": lon}], get_position=["lon", "lat"],
                  get_radius=3000, radius_min_pixels=7, get_fill_color=[220, 38, 38]),
        pdk.Layer("TextLayer", [{"lat": lat, "lon": lon, "label": workshop.target_area}],
                  get_position=["lon", "lat"], get_text="label", get_size=15,
                  get_color=[15, 23, 42], get_pixel_offset=[0, -18], character_set="auto"),
    ]
    view = pdk.ViewState(latitude=province.lat, longitude=province.lon, zoom=7)
    st.pydeck_chart(pdk.Deck(layers=layers, initial_view_state=view, map_style=None,
                             tooltip={"text": "{name_th} / {name_en}"}), height=420)
    st.caption(ui.t("positioning.map_caption", province=province.name(lang), area=ui.esc(workshop.target_area)))

    if is_facilitator:
        with st.form("target_point"):
            st.write(ui.t("positioning.target_point"))
            c1, c2 = st.columns(2)
            new_lat = c1.number_input(ui.t("field.lat"), value=float(lat), format="%.4f", key="target_lat")
            new_lon = c2.number_input(ui.t("field.lon"), value=float(lon), format="%.4f", key="target_lon")
            if st.form_submit_button(ui.t("positioning.save_point")):
                ui.act(lambda: workshops.set_target_point(store, actor, workshop.id, new_lat, new_lon),
                       ui.t("positioning.point_saved"), rerun=True)


def render_profile() -> None:
    st.subheader(ui.t("positioning.profile"))
    rows = positioning.profile(store, province.code)
    if not rows:
        st.info(ui.t("positioning.profile_none"))
        return
    if any(r.is_sample for r in rows):
        st.warning(ui.t("positioning.profile_sample"), icon="🧪")
    dims = catalogue.dimensions()
    sample_tag = f" ({ui.t('sample.tag')})"
    table = pd.DataFrame([{
        ui.t("positioning.col.dimension"): dims[r.indicator.dimension].name(lang),
        ui.t("positioning.col.indicator"): r.indicator.name(lang),
        ui.t("positioning.col.value"): r.value,
        ui.t("positioning.col.median"): r.median,
        ui.t("positioning.col.unit"): r.indicator.unit_name(lang),
        ui.t("positioning.col.direction"): ui.t(f"direction.{r.indicator.direction}"),
        ui.t("positioning.col.comparison"): ui.t(f"comparison.{r.comparison}"),
        ui.t("positioning.col.year"): dates.format_year(r.year, lang),
        ui.t("positioning.col.n"): r.provinces_with_data,
        ui.t("positioning.col.source"): r.source + (sample_tag if r.is_sample and ui.t("sample.tag") not in r.source else ""),
        ui.t("positioning.col.kind"): ui.t("positioning.kind.sample" if r.is_sample else "positioning.kind.real"),
    } for r in rows])
    numbers = {ui.t(c): st.column_config.NumberColumn(ui.t(c), format="localized")   # 188,000 not 188000
               for c in ("positioning.col.value", "positioning.col.median")}
    st.dataframe(table, hide_index=True, width="stretch", placeholder="–", column_config=numbers)
    st.caption(ui.t("positioning.profile_kinds", real=sum(not r.is_sample for r in rows), total=len(rows)))

    # Positive means better than the median whatever the indicator's direction.
    gaps = [((r.value - r.median) / abs(r.median) * 100 if r.median else 0.0)
            * (1 if r.indicator.direction == "higher" else -1) for r in rows]
    colours = {"better": "#16a34a", "worse": "#dc2626", "same": "#64748b"}
    fig = go.Figure(go.Bar(
        x=gaps, y=[r.indicator.name(lang) for r in rows], orientation="h",
        marker_color=[colours[r.comparison] for r in rows],
        text=[f"{g:+.0f}%" for g in gaps], textposition="auto",
        hovertemplate="%{y}: %{x:+.1f}%<extra></extra>"))
    fig.update_layout(title=ui.t("positioning.chart_title") + (sample_tag if any(r.is_sample for r in rows) else ""),
                      height=80 + 32 * len(rows), margin=dict(l=10, r=10, t=50, b=10),
                      font=dict(family="Sarabun, Loma, Garuda, sans-serif"),
                      yaxis=dict(autorange="reversed"))
    st.plotly_chart(fig, width="stretch")


PROBLEMS_SHOWN = 10


def render_figures_import() -> None:
    """The facilitator brings in real figures for all provinces; the profile marks each figure."""
    with st.expander(ui.t("figures.import")):
        st.write(ui.t("figures.import_help", max_kb=importer.MAX_BYTES // 1000))
        codes = province_figures.profile_indicators(store)
        c1, c2 = st.columns(2)
        c1.download_button(ui.t("dimensions.template_xlsx"), lambda: province_figures.template_xlsx(lang, codes),
                           file_name=f"province_figures_{lang}.xlsx", key="figures_template_xlsx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        c2.download_button(ui.t("dimensions.template_csv"), lambda: province_figures.template_csv(lang, codes),
                           file_name=f"province_figures_{lang}.csv", mime="text/csv", key="figures_template_csv",
                           on_click="ignore")
        upload = ui.file_field(ui.t("dimensions.upload"), "figures_file", importer.UPLOAD_TYPES, importer.MAX_BYTES)
        if upload is not None and st.button(ui.t("dimensions.import_submit"), type="primary", key="figures_import"):
            try:
                result = province_figures.import_figures(store, actor, workshop.id, upload.name, upload.getvalue())
            except CellErrors as exc:
                messages = exc.messages(lang)
                with st.container(border=True, key="problems_figures"):
                    st.error(exc.message(lang), icon="⚠️")
                    st.text("\n".join(f"• {m}" for m in messages[:PROBLEMS_SHOWN]))  # plain text: cells as typed
                    if len(messages) > PROBLEMS_SHOWN:
                        st.caption(ui.t("dimensions.problems_more", shown=PROBLEMS_SHOWN, count=len(messages)))
                        st.download_button(ui.t("dimensions.problems_download"), importer.problems_csv(exc, lang),
                                           file_name="import_problems.csv", mime="text/csv",
                                           key="figures_problems_csv", on_click="ignore")
            except PlanningError as exc:
                ui.show_error(exc)
            else:
                parts = [ui.t("figures.imported", n=result.figures, provinces=result.provinces,
                              indicators=result.indicators)]
                if result.ignored_columns:
                    parts.append(ui.t("dimensions.ignored_columns",
                                      columns=", ".join(ui.esc(c) for c in result.ignored_columns)))
                ui.flash(" · ".join(parts))
                st.rerun()


def sync_votes(quadrant: str, mine: set[str]) -> None:
    """The pills hold a participant's whole selection: vote for what was added, withdraw the rest.
    `mine` is the selection the phone was shown, so a change is applied to the items it saw."""
    key = f"votes_{quadrant}"
    chosen = set(st.session_state.get(key) or [])
    try:
        for item_id in chosen - mine:
            positioning.set_vote(store, actor, workshop.id, item_id, True)
        for item_id in mine - chosen:
            positioning.set_vote(store, actor, workshop.id, item_id, False)
    except PlanningError as exc:
        # Said inside the board (this run reruns only the board), and the pills go back to what
        # is stored: a choice that was not saved must not look saved.
        st.session_state["_swot_vote_error"] = exc.message(lang)
        stored = positioning.swot_board(store, workshop.id, actor.participant_id)[quadrant]
        st.session_state[key] = [i.id for i in stored if i.voted_by_me]
    except StoreLost:  # nothing to read back from: the pills show what the phone was shown
        st.session_state[key] = sorted(mine)
        raise


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def edit_swot(item_id: str) -> None:
    quadrant, new_text = st.session_state[f"swot_edit_q_{item_id}"], st.session_state[f"swot_edit_text_{item_id}"]
    ui.change_from_chooser(
        lambda: positioning.revise_swot_item(store, actor, workshop.id, item_id, quadrant, new_text),
        "swot_edit_pick", "swot.edited")


def delete_swot(item_id: str) -> None:
    ui.change_from_chooser(lambda: positioning.withdraw_swot_item(store, actor, workshop.id, item_id),
                           "swot_edit_pick", "swot.deleted", confirm_key=f"swot_delete_ok_{item_id}")


def render_swot_editor(board: dict) -> None:
    """One chooser for the items this person may change (a participant: their own), and a small
    form only for the chosen one: the board's element count does not grow with the items."""
    mine = {i.id: i for q in positioning.QUADRANTS for i in sorted(board[q], key=lambda i: i.number)
            if is_facilitator or i.author_id == actor.participant_id}
    if not mine:
        return
    if st.session_state.get("swot_edit_pick") not in mine:
        st.session_state["swot_edit_pick"] = None
    pick = st.selectbox(ui.t("swot.edit_pick" if is_facilitator else "swot.edit_pick_mine"), list(mine),
                        key="swot_edit_pick", index=None, placeholder=ui.t("swot.edit_placeholder"),
                        format_func=lambda i: f"{ui.t(f'swot.quadrant.{mine[i].quadrant}')} {mine[i].number}. "
                                              f"{short(mine[i].text)}")  # plain text
    if pick is None:
        return
    item = mine[pick]
    with st.form(f"swot_edit_{pick}", border=True):
        st.radio(ui.t("field.quadrant"), positioning.QUADRANTS, horizontal=True, key=f"swot_edit_q_{pick}",
                 index=positioning.QUADRANTS.index(item.quadrant), format_func=lambda q: ui.t(f"swot.quadrant.{q}"))
        st.text_area(ui.t("field.swot_text"), value=item.text, max_chars=positioning.SWOT_TEXT_MAX,
                     key=f"swot_edit_text_{pick}", height=80)
        if item.votes - item.voted_by_me and not is_facilitator:  # someone else's vote holds the words
            st.caption(ui.t("swot.edit_votes_note"))
        c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
        c1.form_submit_button(ui.t("common.save_changes"), type="primary", on_click=ui.guarded(edit_swot), args=(pick,),
                              width="stretch")
        c2.checkbox(ui.t("common.confirm_delete"), key=f"swot_delete_ok_{pick}")
        c3.form_submit_button(ui.t("common.delete"), on_click=ui.guarded(delete_swot), args=(pick,), width="stretch")


@ui.fragment
def render_swot() -> None:
    """A fragment: adding an item or voting reruns only the board, not the whole page (the cost
    of a live room's most frequent actions, docs/BENCHMARKS.md)."""
    ui.show_flash()  # an edit's confirmation, which would otherwise wait for a whole-page rerun
    with st.form("add_swot", clear_on_submit=True):
        st.write(ui.t("swot.add"))
        quadrant = st.radio(ui.t("field.quadrant"), positioning.QUADRANTS, horizontal=True,
                            key="swot_quadrant", format_func=lambda q: ui.t(f"swot.quadrant.{q}"))
        item_text = st.text_area(ui.t("field.swot_text"), max_chars=positioning.SWOT_TEXT_MAX,
                                 key="swot_text", height=80)
        if st.form_submit_button(ui.t("swot.submit"), type="primary", width="stretch"):
            ui.act(lambda: positioning.add_swot_item(store, actor, workshop.id, quadrant, item_text),
                   ui.t("swot.added"))

    vote_error = st.session_state.pop("_swot_vote_error", None)
    if vote_error:
        st.error(vote_error, icon="⚠️")
    board = positioning.swot_board(store, workshop.id, actor.participant_id)
    st.caption(ui.t("swot.ranked"))
    top, bottom = st.columns(2), st.columns(2)
    for column, q in zip([*top, *bottom], positioning.QUADRANTS):
        with column.container(border=True):
            st.subheader(ui.t(f"swot.quadrant.{q}"))
            if not board[q]:
                st.caption(ui.t("swot.empty"))
            # A fixed number of elements per quadrant, however many items: element count is what
            # a rerun costs with hundreds of items (docs/BENCHMARKS.md). The list is ranked by
            # votes; the vote choices keep the items' stable numbers and order.
            if board[q]:
                ui.swot_ranking(board[q])
            if actor.role == PARTICIPANT and board[q]:
                in_order = sorted(board[q], key=lambda i: i.number)
                mine = [i.id for i in in_order if i.voted_by_me]
                label = {i.id: positioning.choice_label(i) for i in in_order}
                st.pills(ui.t("swot.my_votes"), [i.id for i in in_order], selection_mode="multi",
                         default=mine, key=f"votes_{q}",
                         format_func=label.__getitem__, on_change=ui.guarded(sync_votes), args=(q, set(mine)))
    render_swot_editor(board)


def render_statements() -> None:
    dims = catalogue.dimensions()
    current = positioning.current_statements(store, workshop.id)
    if is_facilitator:
        with st.form("statements"):
            vision = st.text_area(ui.t("field.vision"), value=current.vision if current else "",
                                  max_chars=positioning.STATEMENT_MAX, key="vision")
            statement = st.text_area(ui.t("field.positioning"), value=current.positioning if current else "",
                                     max_chars=positioning.STATEMENT_MAX, key="positioning_statement")
            lead = st.multiselect(ui.t("field.lead_dimensions", max=positioning.LEAD_DIMENSIONS_MAX),
                                  list(dims), default=list(current.lead_dimensions) if current else [],
                                  max_selections=positioning.LEAD_DIMENSIONS_MAX, key="lead_dimensions",
                                  format_func=lambda d: dims[d].name(lang), placeholder=ui.t("common.choose"))
            if st.form_submit_button(ui.t("vision.save"), type="primary"):
                ui.act(lambda: positioning.save_statements(store, actor, workshop.id, vision, statement, lead),
                       lambda _: ui.t("vision.saved", n=positioning.statement_versions(store, workshop.id)),
                       rerun=True)
    elif current is None:
        st.info(ui.t("vision.none"))
    if current:
        with st.container(border=True):
            st.markdown(f"**{ui.t('field.vision')}**")
            ui.md(current.vision)
            st.markdown(f"**{ui.t('field.positioning')}**")
            ui.md(current.positioning)
            st.markdown(f"**{ui.t('vision.lead')}**")
            st.write(", ".join(dims[d].name(lang) for d in current.lead_dimensions) or "-")
            st.caption(ui.t("vision.last_saved", date=dates.format_date(dates.local_day(current.saved_at), lang)))


labels = {"map": ui.t("positioning.tab_map"), "swot": ui.t("positioning.tab_swot"),
          "vision": ui.t("positioning.tab_vision")}
order = ["map", "swot", "vision"] if is_facilitator else ["swot", "vision", "map"]
renderers = {"map": lambda: (render_map(), render_profile(), is_facilitator and render_figures_import()),
             "swot": render_swot,
             "vision": render_statements}
renderers[ui.view_switch(f"positioning_view_{actor.role}", order, labels)]()
