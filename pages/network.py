"""Step 3.2: the network map: organisations, projects and dimensions as a graph coloured by
sector; who works with whom through which project; organisations with no project and dimensions
no organisation works on; the balance of sectors against what the projects need."""
import streamlit as st

from pages import partner_views, ui
from planning import catalogue
from planning.roles import FACILITATOR

ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
lang = ui.lang()
dims = catalogue.dimensions()
st.title(ui.t("network.title"))
ui.show_flash()
st.caption(ui.t("network.intro"))

net = partner_views.network_map(workshop.id, key="network_map")
c1, c2, c3, c4 = st.columns(4)
c1.metric(ui.t("network.metric.organisations"), sum(n.kind == "organisation" for n in net.nodes))
c2.metric(ui.t("network.metric.collaborations"), len(net.collaborations))
c3.metric(ui.t("network.metric.isolated"), len(net.isolated))
c4.metric(ui.t("network.metric.lonely"), len(net.lonely_dimensions))

if net.isolated:
    st.warning(ui.t("network.isolated", names=ui.esc(", ".join(p.name(lang) for p in net.isolated))), icon="⚠️")
if net.lonely_dimensions:
    st.warning(ui.t("network.lonely", names=", ".join(dims[d].name(lang) for d in net.lonely_dimensions)), icon="⚠️")

st.subheader(ui.t("network.who_with_whom"))
if net.collaborations:
    st.dataframe([{ui.t("network.col.a"): c.a.name(lang), ui.t("network.col.b"): c.b.name(lang),
                   ui.t("network.col.through"): ", ".join(c.projects)} for c in net.collaborations],
                 hide_index=True, width="stretch", placeholder="–")
else:
    st.caption(ui.t("network.no_collaborations"))

st.subheader(ui.t("network.balance"))
st.caption(ui.t("network.balance_help"))
st.dataframe([{ui.t("field.sector"): ui.t(f"sector.{b.sector}"), ui.t("network.col.organisations"): b.organisations,
               ui.t("network.col.projects_with"): b.projects_with, ui.t("network.col.projects_needing"): b.projects_needing,
               ui.t("network.col.missing"): b.missing,
               ui.t("network.col.status"): ui.t("network.status.gap") if b.missing or (b.required and not b.organisations)
               else ui.t("network.status.ok")} for b in net.balance], hide_index=True, width="stretch", placeholder="–")
