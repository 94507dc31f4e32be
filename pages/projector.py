"""Projector view: the join code and QR code large, who has joined by sector against the cohort
target, and the SWOT ranking, refreshing by itself while the room works."""
import streamlit as st

from pages import partner_views, ui
from planning import activities, participants, positioning, qr
from planning.text import escape_markdown
from planning.roles import FACILITATOR

REFRESH_SECONDS = 3

ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
ui.md(workshop.name)

code_col, live_col = st.columns([1, 2], gap="large")
with code_col:
    link = qr.join_link(st.context.url, workshop.join_code)
    st.markdown(f"## {ui.t('workshops.join_code')}")
    st.markdown(f"# `{workshop.join_code}`")
    st.image(qr.png(link, scale=12), caption=ui.t("workshops.qr_caption"), width="stretch")
    st.caption(link)


@st.fragment(run_every=REFRESH_SECONDS)
def live() -> None:
    """Only this part reruns every few seconds."""
    counts = participants.count_by_sector(store, workshop.id)
    joined = sum(counts.values())
    st.metric(ui.t("projector.joined"), f"{joined} / {participants.COHORT_TARGET}")
    st.progress(min(1.0, joined / participants.COHORT_TARGET))
    st.markdown(" · ".join(f"{ui.t(f'sector.{s}')} **{n}**" for s, n in counts.items()))
    activity = activities.on_screen(store, workshop.id) if show == "activity" else None
    if activity is not None:
        st.markdown(f"### {escape_markdown(activity.title)} · {ui.t(f'activity.state.{activity.state}')}")
        ui.activity_results(activities.results(store, activity.id), key="projector_results")
        return
    board = positioning.swot_board(store, workshop.id)
    cols = st.columns(2)
    for column, q in zip(cols + cols, positioning.QUADRANTS):
        with column:
            st.markdown(f"**{ui.t(f'swot.quadrant.{q}')}**")
            if board[q]:
                ui.swot_ranking(board[q][:5])
            else:
                st.caption(ui.t("swot.empty"))
    st.caption(ui.t("projector.refresh", seconds=REFRESH_SECONDS))


with live_col:
    show = ui.view_switch("projector_show", ["activity", "swot", "network"],
                          {"activity": ui.t("projector.show_activity"), "swot": ui.t("projector.show_swot"),
                           "network": ui.t("projector.show_network")})
    if show == "network":   # changes only when the facilitator edits it: no refreshing
        partner_views.network_map(workshop.id, key="projector_network", height=720)
    else:
        live()
