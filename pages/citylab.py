"""Step 3.4: communities of practice (a group per topic with members from the partner list, and
its meetings with notes and follow-ups) and the City Lab (seed 004: a place on the map with its
opening hours, and its events with visitors by sector)."""

import pydeck as pdk
import streamlit as st

from pages import ui
from planning import catalogue, citylab, communities, dates, partners
from planning.participants import SECTORS
from planning.roles import FACILITATOR

actor = ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
dims = catalogue.dimensions()
st.title(ui.t("citylab.title"))
ui.show_flash()
orgs = partners.list_partners(store, workshop.id)
by_id = {p.id: p for p in orgs}
views = ["cop", "lab"]
view = ui.view_switch("citylab_view", views, {v: ui.t(f"citylab.view.{v}") for v in views})


def render_cop() -> None:
    st.caption(ui.t("cop.intro"))
    groups = communities.groups(store, workshop.id)
    if not groups:
        st.caption(ui.t("cop.empty"))
    for g in groups:
        title = ui.esc(g.topic) + (f" · {dims[g.dimension].name(lang)}" if g.dimension in dims else "")
        with st.expander(f"{title} ({ui.t('cop.members_n', n=len(g.member_ids))}, "
                         f"{ui.t('cop.meetings_n', n=len(g.meetings))})", expanded=len(groups) == 1):
            st.markdown(f"**{ui.t('cop.members')}**: " + (ui.esc(", ".join(by_id[p].name(lang) for p in g.member_ids
                                                                           if p in by_id)) or "–"))
            with st.form(f"members_{g.id}"):
                chosen = st.multiselect(ui.t("cop.members"), list(by_id), default=[p for p in g.member_ids if p in by_id],
                                        key=f"members_pick_{g.id}", format_func=lambda i: by_id[i].name(lang), placeholder=ui.t("common.choose"))
                if st.form_submit_button(ui.t("cop.save_members")):
                    ui.act(lambda: communities.set_members(store, actor, workshop.id, g.id, chosen),
                           success=ui.t("cop.saved"), rerun=True)
            for m in g.meetings:
                st.markdown(f"**{dates.format_date(m.held_on, lang, long=True)}** · {ui.esc(m.notes)}"
                            + (f"  \n{ui.t('field.cop_follow_ups')}: {ui.esc(m.follow_ups)}" if m.follow_ups else ""))
            with st.form(f"meeting_{g.id}", clear_on_submit=True):
                day = ui.date_field(ui.t("field.held_on"), key=f"meeting_date_{g.id}")
                notes = st.text_area(ui.t("field.cop_notes"), key=f"meeting_notes_{g.id}")
                follow = st.text_area(ui.t("field.cop_follow_ups"), key=f"meeting_follow_{g.id}")
                if st.form_submit_button(ui.t("cop.add_meeting")):
                    ui.act(lambda: communities.add_meeting(store, actor, workshop.id, g.id, ui.typed_date(day), notes, follow),
                           success=ui.t("cop.saved"), rerun=True)
    st.markdown(f"**{ui.t('cop.new')}**")
    with st.form("new_cop", clear_on_submit=True):
        topic = st.text_input(ui.t("field.cop_topic"), max_chars=communities.TOPIC_MAX, key="cop_topic")
        dimension = st.selectbox(ui.t("col.dimension"), [None] + list(dims), key="cop_dimension",
                                 format_func=lambda d: "–" if d is None else dims[d].name(lang))
        members = st.multiselect(ui.t("cop.members"), list(by_id), key="cop_members",
                                 format_func=lambda i: by_id[i].name(lang), placeholder=ui.t("common.choose"))
        if st.form_submit_button(ui.t("cop.create"), type="primary"):
            ui.act(lambda: communities.add_group(store, actor, workshop.id, topic, members, dimension),
                   success=ui.t("cop.saved"), rerun=True)


def render_lab() -> None:
    st.caption(ui.t("lab.intro"))
    lab_list = citylab.labs(store, workshop.id)
    lab = lab_list[0] if lab_list else None
    if lab is not None:
        st.markdown(f"### {ui.esc(lab.name)}")
        st.caption(ui.t("field.opening_hours") + ": " + (ui.esc(lab.opening_hours) or "–"))
        lat, lon = lab.location or workshop.target_point
        layers = [pdk.Layer("GeoJsonLayer", catalogue.province_shapes(), stroked=True, filled=True,
                            get_fill_color=[226, 232, 240], get_line_color=[148, 163, 184], line_width_min_pixels=1)]
        if lab.location:
            layers += [pdk.Layer("ScatterplotLayer", [{"lat": lat, "lon": lon}], get_position=["lon", "lat"],
                                 get_radius=300, radius_min_pixels=8, get_fill_color=[147, 51, 234]),
                       pdk.Layer("TextLayer", [{"lat": lat, "lon": lon, "label": lab.name}], get_position=["lon", "lat"],
                                 get_text="label", get_size=15, get_color=[15, 23, 42], get_pixel_offset=[0, -18],
                                 character_set="auto")]
        st.pydeck_chart(pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(latitude=lat, longitude=lon, zoom=11),
                                 map_style=None), height=320)
        if not lab.location:
            st.caption(ui.t("lab.no_location"))
    with st.expander(ui.t("lab.edit") if lab else ui.t("lab.new"), expanded=lab is None):
        with st.form("lab"):
            name = st.text_input(ui.t("field.lab_name"), value=lab.name if lab else "", key="lab_name")
            hours = st.text_input(ui.t("field.opening_hours"), value=lab.opening_hours if lab else "", key="lab_hours")
            c1, c2 = st.columns(2)
            point = lab.location if lab and lab.location else workshop.target_point
            lat_in = c1.number_input(ui.t("field.lat"), value=float(point[0]), format="%.5f", key="lab_lat")
            lon_in = c2.number_input(ui.t("field.lon"), value=float(point[1]), format="%.5f", key="lab_lon")
            if st.form_submit_button(ui.t("lab.save"), type="primary"):
                ui.act(lambda: citylab.save_lab(store, actor, workshop.id, name=name, opening_hours=hours,
                                                location=(lat_in, lon_in), lab_id=lab.id if lab else None),
                       success=ui.t("lab.saved"), rerun=True)
    if lab is None:
        return
    visitors = citylab.visitors_by_sector(store, workshop.id)
    st.markdown(f"**{ui.t('lab.visitors')}**")
    for col, s in zip(st.columns(len(SECTORS)), SECTORS):
        col.metric(ui.t(f"sector.{s}"), visitors[s])
    event_list = citylab.events(store, workshop.id)
    if event_list:
        st.dataframe([{ui.t("field.held_on"): dates.format_date(e.held_on, lang),
                       ui.t("field.event_kind"): ui.t(f"event.kind.{e.kind}"), ui.t("field.event_title"): e.title,
                       ui.t("upkeep.col.state"): ui.t("upkeep.held") if e.held else ui.t("upkeep.planned"),
                       ui.t("lab.col.visitors"): sum(e.visitors.values())} for e in event_list],
                     hide_index=True, width="stretch", placeholder="–")
    else:
        st.caption(ui.t("lab.no_events"))
    st.markdown(f"**{ui.t('lab.add_event')}**")
    with st.form("lab_event", clear_on_submit=True):
        c1, c2 = st.columns(2)
        kind = c1.selectbox(ui.t("field.event_kind"), citylab.EVENT_KINDS, key="event_kind",
                            format_func=lambda k: ui.t(f"event.kind.{k}"))
        day = ui.date_field(ui.t("field.held_on"), key="event_date", box=c2)
        title = st.text_input(ui.t("field.event_title"), max_chars=citylab.NAME_MAX, key="event_title")
        held = st.checkbox(ui.t("upkeep.held_check"), value=True, key="event_held")
        st.caption(ui.t("lab.visitors_help"))
        counts = {s: col.number_input(ui.t(f"sector.{s}"), min_value=0, step=1, value=0, key=f"event_visitors_{s}")
                  for col, s in zip(st.columns(len(SECTORS)), SECTORS)}
        if st.form_submit_button(ui.t("lab.add_event_submit"), type="primary"):
            ui.act(lambda: citylab.add_event(store, actor, workshop.id, lab.id, kind=kind, title=title, held_on=ui.typed_date(day),
                                             held=held, visitors={s: int(n) for s, n in counts.items()}),
                   success=ui.t("lab.event_saved"), rerun=True)


{"cop": render_cop, "lab": render_lab}[view]()
