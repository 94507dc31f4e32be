"""Participants join a workshop with its code, a display name and their sector."""
import streamlit as st

from pages import ui
from planning import activities, capacity, participants
from planning.errors import PlanningError

JOIN_ERROR = "_join_error"


def join_now() -> None:
    """The join is the button's callback: it runs before app.py builds the navigation, so that
    run already has the participant's pages (one script run less per phone when a room joins at
    once, docs/BENCHMARKS.md). While a vote or session is open, the phone lands on it."""
    state = st.session_state
    try:
        participant, token = participants.join(ui.store(), state.get("join_code", ""), state.get("join_name", ""),
                                               state.get("join_sector"), session_key=ui.session_key(),
                                               address=ui.client_address())
    except PlanningError as exc:
        state[JOIN_ERROR] = exc
        return
    state["participant"] = participant
    state["participant_token"] = token
    ui.sign_in(participant.actor(), participant.workshop_id)
    st.query_params.clear()  # the join code leaves the address; keep_participant adds the token
    w = participant.workshop_id
    if activities.open_activities(ui.store(), w) or capacity.open_sessions(ui.store(), w):
        ui.land_on("pages/live.py")


ui.leave_entry_page()

st.title(ui.t("join.title"))
st.write(ui.t("join.intro"))

code_from_link = st.query_params.get("code", "")
with st.form("join_form"):
    st.text_input(ui.t("field.join_code"), value=code_from_link, max_chars=12, key="join_code")
    # No max_chars: the browser would silently drop a pasted name that is too long; the join
    # refuses it with the length and the form keeps what was typed.
    st.text_input(ui.t("field.display_name"), key="join_name",
                  help=ui.t("join.name_help", max=participants.DISPLAY_NAME_MAX))
    st.selectbox(ui.t("field.sector"), participants.SECTORS, key="join_sector",
                 format_func=lambda s: ui.t(f"sector.{s}"))
    st.form_submit_button(ui.t("join.submit"), type="primary", width="stretch", on_click=join_now)

error = st.session_state.pop(JOIN_ERROR, None)
if error:
    ui.show_error(error)
