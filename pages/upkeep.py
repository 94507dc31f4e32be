"""Step 3.3: keeping the network alive (LINK, seed 001): dated activities with partners tagged
Learning / Investment / Nurture / Keep-Give, who took part and the outcome; and the organisations
nobody has been in touch with for a chosen number of months."""

import streamlit as st

from pages import ui
from planning import dates, partners, upkeep
from planning.roles import FACILITATOR

actor = ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
st.title(ui.t("upkeep.title"))
ui.show_flash()
st.caption(ui.t("upkeep.intro"))

orgs = partners.list_partners(store, workshop.id)
by_id = {p.id: p for p in orgs}
counts = upkeep.counts_by_tag(store, workshop.id)
for col, tag in zip(st.columns(len(upkeep.TAGS)), upkeep.TAGS):
    col.metric(ui.t(f"link.tag.{tag}"), counts[tag])
views = ["log", "add", "quiet"]
view = ui.view_switch("upkeep_view", views, {v: ui.t(f"upkeep.view.{v}") for v in views})

if view == "log":
    log = upkeep.activities(store, workshop.id)
    if not log:
        st.caption(ui.t("upkeep.empty"))
    st.dataframe([{ui.t("field.held_on"): dates.format_date(a.held_on, lang),
                   ui.t("field.link_tag"): ui.t(f"link.tag.{a.tag}"), ui.t("field.link_title"): a.title,
                   ui.t("field.link_partners"): ", ".join(by_id[p].name(lang) for p in a.partner_ids if p in by_id),
                   ui.t("field.link_people"): a.people, ui.t("field.link_outcome"): a.outcome,
                   ui.t("upkeep.col.state"): ui.t("upkeep.held") if a.held else ui.t("upkeep.planned")}
                  for a in log], hide_index=True, width="stretch", placeholder="–")
    planned = [a for a in log if not a.held and a.held_on <= dates.today()]
    if planned:
        st.markdown(f"**{ui.t('upkeep.mark_held')}**")
        with st.form("mark_held"):
            chosen = st.selectbox(ui.t("field.link_title"), [a.id for a in planned], key="held_pick",
                                  format_func=lambda i: next(f"{dates.format_date(a.held_on, lang)} · {a.title}"
                                                             for a in planned if a.id == i))
            outcome = st.text_area(ui.t("field.link_outcome"), key="held_outcome")
            if st.form_submit_button(ui.t("upkeep.mark_held_submit")):
                ui.act(lambda: upkeep.mark_held(store, actor, workshop.id, chosen, outcome),
                       success=ui.t("upkeep.saved"), rerun=True)

elif view == "add":
    if not orgs:
        st.info(ui.t("partners.none_yet"))
    with st.form("link_activity"):
        c1, c2 = st.columns(2)
        held_on = ui.date_field(ui.t("field.held_on"), key="link_date", box=c1)
        tag = c2.selectbox(ui.t("field.link_tag"), upkeep.TAGS, key="link_tag",
                           format_func=lambda t: f"{ui.t(f'link.tag.{t}')} · {ui.t(f'link.tag.{t}.help')}")
        title = st.text_input(ui.t("field.link_title"), max_chars=upkeep.TITLE_MAX, key="link_title")
        chosen = st.multiselect(ui.t("field.link_partners"), list(by_id), key="link_partners",
                                format_func=lambda i: by_id[i].name(lang), placeholder=ui.t("common.choose"))
        people = st.text_input(ui.t("field.link_people"), key="link_people")
        outcome = st.text_area(ui.t("field.link_outcome"), key="link_outcome")
        held = st.checkbox(ui.t("upkeep.held_check"), value=True, key="link_held")
        if st.form_submit_button(ui.t("upkeep.add"), type="primary"):
            ui.act(lambda: upkeep.add_activity(store, actor, workshop.id, held_on=ui.typed_date(held_on), tag=tag, title=title,
                                               partner_ids=chosen, people=people, outcome=outcome, held=held),
                   success=ui.t("upkeep.saved"), rerun=True)

else:
    months = st.slider(ui.t("upkeep.months"), 1, 24, 6, key="quiet_months")
    quiet = upkeep.no_contact(store, workshop.id, months)
    since = dates.add_months(dates.today(), -months)
    st.caption(ui.t("upkeep.quiet_help", date=dates.format_date(since, lang, long=True)))
    if not quiet:
        st.success(ui.t("upkeep.all_in_touch"))
    else:
        st.dataframe([{ui.t("partners.col.organisation"): q.partner.name(lang),
                       ui.t("field.sector"): ui.t(f"sector.{q.partner.sector}"),
                       ui.t("field.contact_person"): q.partner.contact_person,
                       ui.t("field.contact_channel"): q.partner.contact_channel,
                       ui.t("upkeep.col.last"): dates.format_date(q.last_contact, lang) if q.last_contact
                       else ui.t("upkeep.never")} for q in quiet], hide_index=True, width="stretch", placeholder="–")
