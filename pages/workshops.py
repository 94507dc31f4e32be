"""Step 0: choose, open or create a workshop; show its join code and QR."""

import pandas as pd
import streamlit as st

from pages import ui
from planning import catalogue, dates, participants, qr, workshops
from planning.errors import PlanningError
from planning.roles import FACILITATOR

actor = ui.require_role(FACILITATOR)
store = ui.store()
lang = ui.lang()
st.title(ui.t("workshops.title"))
ui.show_flash()

current = ui.current_workshop()
if current:
    st.subheader(ui.t("workshops.current"))
    if current.is_sample:
        st.warning(ui.t("sample.banner"), icon="🧪")
    info, code_col = st.columns([3, 1])
    with info:
        ui.md(current.name)
        province = current.province
        st.write(f"{province.name(lang)} · {province.region_th if lang == 'th' else province.region_en}")
        ui.md(f"{ui.t('col.target_area')}: {current.target_area}")
        st.write(" · ".join([
            ui.t(f"level.{current.level}"), ui.t(f"city_type.{current.city_type}"),
            f"{ui.t('col.horizon')}: {current.horizon_years}",
            ui.t("workshops.start_be", date=dates.format_date(current.start_date, lang)),
        ]))
        counts = participants.count_by_sector(store, current.id)
        st.write(ui.t("workshops.participants", n=sum(counts.values())))
        link = qr.join_link(ui.join_address().base, current.join_code)  # warns on a loopback address
        st.caption(f"{ui.t('workshops.join_link')}: {link}")
    with code_col:
        st.metric(ui.t("workshops.join_code"), current.join_code)
        st.image(qr.png(link), caption=ui.t("workshops.qr_caption"), width=180)

all_workshops = workshops.list_workshops(store)
st.subheader(ui.t("workshops.list"))
if all_workshops:
    table = pd.DataFrame([{
        ui.t("col.name"): w.name,
        ui.t("col.province"): w.province.name(lang),
        ui.t("col.target_area"): w.target_area,
        ui.t("col.level"): ui.t(f"level.{w.level}"),
        ui.t("col.city_type"): ui.t(f"city_type.{w.city_type}"),
        ui.t("col.horizon"): w.horizon_years,
        ui.t("col.start_date"): dates.format_date(w.start_date, lang),
        ui.t("col.join_code"): w.join_code,
        ui.t("col.sample"): ui.t("common.yes") if w.is_sample else "",
    } for w in all_workshops])
    st.dataframe(table, hide_index=True, width="stretch", placeholder="–")
    by_id = {w.id: w for w in all_workshops}
    if current and st.session_state.get("_picker_shows") != current.id:
        # the open workshop changed (created, opened, resumed): the picker follows it
        st.session_state["open_workshop"] = st.session_state["_picker_shows"] = current.id
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    chosen = pick_col.selectbox(ui.t("workshops.open"), list(by_id), key="open_workshop",
                                format_func=lambda i: by_id[i].name)
    if button_col.button(ui.t("workshops.open_button"), key="open_button", width="stretch"):
        ui.sign_in(actor, chosen)
        ui.flash(ui.t("workshops.opened", name=ui.esc(by_id[chosen].name)))
        st.rerun()

st.subheader(ui.t("workshops.create"))
provinces = catalogue.provinces()
with st.form("create_workshop", clear_on_submit=False):
    name = st.text_input(ui.t("field.workshop_name"), max_chars=workshops.NAME_MAX, key="new_name")
    province_code = st.selectbox(
        ui.t("field.province"), sorted(provinces, key=lambda c: provinces[c].name(lang)),
        key="new_province", format_func=lambda c: f"{provinces[c].name(lang)} ({c})")
    target_area = st.text_input(ui.t("field.target_area"), max_chars=workshops.AREA_MAX, key="new_area")
    level = st.radio(ui.t("field.level"), workshops.LEVELS, key="new_level", horizontal=True,
                     format_func=lambda v: ui.t(f"level.{v}"))
    city_type = st.radio(ui.t("field.city_type"), workshops.CITY_TYPES, key="new_city_type",
                         horizontal=True, format_func=lambda v: ui.t(f"city_type.{v}"))
    horizon = st.number_input(ui.t("field.horizon"), min_value=workshops.HORIZON_MIN,
                              max_value=workshops.HORIZON_MAX, value=5, step=1, key="new_horizon")
    start = ui.date_field(ui.t("field.start_date"), key="new_start")
    created = st.form_submit_button(ui.t("workshops.create_submit"), type="primary")

if created:
    try:
        w = workshops.create_workshop(store, actor, name=name, province_code=province_code,
                                      target_area=target_area, level=level, city_type=city_type,
                                      horizon_years=horizon, start_date=ui.typed_date(start))
    except PlanningError as exc:
        ui.show_error(exc)
    else:
        ui.sign_in(actor, w.id)
        ui.flash(ui.t("workshops.created", name=ui.esc(w.name), code=w.join_code))
        st.rerun()
