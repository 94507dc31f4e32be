"""Projector view: the join code and QR code large, who has joined by sector against the cohort
target, and the live activity's results (counts and percentages, its countdown) or the SWOT
ranking, refreshing by itself while the room works. Presenter mode (?present=1) is the same
screen full width without sidebar, header or controls, for the projector; Esc leaves it."""
import streamlit as st

from pages import partner_views, ui
from planning import activities, participants, positioning, qr, settings
from planning.roles import FACILITATOR
from planning.text import escape_markdown

REFRESH_SECONDS = 3
VIEWS = ("activity", "swot", "network")
SHOW_PARAM = "show"

actor = ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
present = ui.presenting()
show = st.query_params.get(SHOW_PARAM)
show = show if show in VIEWS else VIEWS[0]

if present:
    ui.presenter_chrome()
    address = ui.join_address(advise=False)
else:
    st.title(ui.t("projector.title"), anchor=False)
    ui.md(workshop.name)
    c1, c2, c3 = st.columns([2, 2, 1.4], vertical_alignment="center")
    with c1:
        st.radio(" ", VIEWS, index=VIEWS.index(show), key="projector_show", horizontal=True,
                 label_visibility="collapsed", format_func=lambda v: ui.t(f"projector.show_{v}"),
                 on_change=lambda: st.query_params.update({SHOW_PARAM: st.session_state["projector_show"]}))
    with c2:
        named = settings.get(store, workshop.id, settings.SWOT_AUTHORS_ON_PROJECTOR)
        st.toggle(ui.t("projector.swot_authors"), value=named, key="swot_authors",
                  on_change=ui.guarded(lambda: settings.put(store, actor, workshop.id, settings.SWOT_AUTHORS_ON_PROJECTOR,
                                                 bool(st.session_state["swot_authors"])),
                                       restore={"swot_authors": named}))
    c3.button(ui.t("projector.present"), icon="📽️", type="primary", width="stretch", key="present",
              on_click=ui.enter_presenter)
    st.caption(ui.t("projector.present_help"))
    address = ui.join_address()
link = qr.join_link(address.base, workshop.join_code)


def joined_panel(stacked: bool = False) -> None:
    """Who has joined, by sector, against the cohort target (stacked: a sector a line, for the
    narrow column under the QR code)."""
    counts = participants.count_by_sector(store, workshop.id)
    joined = sum(counts.values())
    st.metric(ui.t("projector.joined"), f"{joined} / {participants.COHORT_TARGET}")
    st.progress(min(1.0, joined / participants.COHORT_TARGET))
    st.markdown(("  \n" if stacked else " · ").join(f"{ui.t(f'sector.{s}')} **{n}**" for s, n in counts.items()))


@ui.fragment(run_every=REFRESH_SECONDS)
def live() -> None:
    """Only this part reruns every few seconds."""
    activity = activities.on_screen(store, workshop.id) if show == "activity" else None
    res = activities.results(store, activity.id) if activity else None
    board = positioning.swot_board(store, workshop.id) if activity is None else None
    results_showing = (res is not None and res.activity.results_visible and res.respondents > 0) \
        or (board is not None and any(board.values()))
    # Before results, the join code and QR code take the room's eye; after, the results do, and
    # who has joined moves under the QR code so the results fit one screen.
    left, right = st.columns([1.2, 3] if results_showing else [2, 3], gap="large")
    with left:
        ui.join_panel(workshop.join_code, link, large=present, shrink=results_showing)
        if results_showing:
            joined_panel(stacked=True)
    with right:
        if not results_showing:
            joined_panel()
        if res is not None:
            head, clock = st.columns([2.2, 1.5], vertical_alignment="center")
            head.subheader(f"{escape_markdown(res.activity.title)} · {ui.t(f'activity.state.{res.activity.state}')}",
                           anchor=False)
            with clock:
                ui.countdown(res.activity, key="projector_countdown", large=present)
            ui.activity_results(res, key="projector_results", large=present)
            return
        named = settings.get(store, workshop.id, settings.SWOT_AUTHORS_ON_PROJECTOR)
        cols = st.columns(2)
        for column, q in zip(cols + cols, positioning.QUADRANTS):
            with column:
                st.markdown(f"**{ui.t(f'swot.quadrant.{q}')}**")
                if board[q]:
                    ui.swot_ranking(board[q][:5], authors=named)
                else:
                    st.caption(ui.t("swot.empty"))
    if not present:
        st.caption(ui.t("projector.refresh", seconds=REFRESH_SECONDS))


if show == "network":   # changes only when the facilitator edits it: no refreshing
    partner_views.network_map(workshop.id, key="projector_network", height=720)
else:
    live()
if present:
    st.button(ui.t("projector.leave"), key="leave_presenter", type="tertiary", on_click=ui.leave_presenter)
