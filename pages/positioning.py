"""Step 1: City positioning: map and profile, SWOT board with votes, vision and positioning."""
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from pages import ui
from planning import catalogue, dates, positioning, workshops
from planning.errors import PlanningError
from planning.roles import FACILITATOR, PARTICIPANT

actor = ui.require_role(FACILITATOR, PARTICIPANT)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
is_facilitator = actor.role == FACILITATOR
province = workshop.province

st.title(ui.t("positioning.title"))
ui.md(f"{workshop.name} · {province.name(lang)} · {workshop.target_area}")
ui.show_flash()


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
    } for r in rows])
    st.dataframe(table, hide_index=True, width="stretch")

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


@st.fragment
def render_swot() -> None:
    """A fragment: adding an item or voting reruns only the board, not the whole page (the cost
    of a live room's most frequent actions, docs/BENCHMARKS.md)."""
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
                         format_func=label.__getitem__, on_change=sync_votes, args=(q, set(mine)))


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
                                  format_func=lambda d: dims[d].name(lang))
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
            st.caption(ui.t("vision.last_saved", date=dates.format_date(current.saved_at.date(), lang)))


labels = {"map": ui.t("positioning.tab_map"), "swot": ui.t("positioning.tab_swot"),
          "vision": ui.t("positioning.tab_vision")}
order = ["map", "swot", "vision"] if is_facilitator else ["swot", "vision", "map"]
renderers = {"map": lambda: (render_map(), render_profile()), "swot": render_swot,
             "vision": render_statements}
renderers[ui.view_switch(f"positioning_view_{actor.role}", order, labels)]()
