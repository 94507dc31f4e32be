"""Participants join a workshop with its code, a display name and their sector."""
import streamlit as st

from pages import ui
from planning import participants
from planning.errors import PlanningError

ui.leave_entry_page()

st.title(ui.t("join.title"))
st.write(ui.t("join.intro"))

code_from_link = st.query_params.get("code", "")
with st.form("join_form"):
    code = st.text_input(ui.t("field.join_code"), value=code_from_link, max_chars=12, key="join_code")
    # No max_chars: the browser would silently drop a pasted name that is too long; the join
    # refuses it with the length and the form keeps what was typed.
    name = st.text_input(ui.t("field.display_name"), key="join_name",
                         help=ui.t("join.name_help", max=participants.DISPLAY_NAME_MAX))
    sector = st.selectbox(ui.t("field.sector"), participants.SECTORS, key="join_sector",
                          format_func=lambda s: ui.t(f"sector.{s}"))
    submitted = st.form_submit_button(ui.t("join.submit"), type="primary", width="stretch")

if submitted:
    try:
        with st.spinner(ui.t("join.checking")):  # past the wrong-code ceiling a join waits its turn
            participant, token = participants.join(ui.store(), code, name, sector, session_key=ui.session_key(),
                                                   address=ui.client_address())
    except PlanningError as exc:
        ui.show_error(exc)
    else:
        st.session_state["participant"] = participant
        st.session_state["participant_token"] = token
        ui.sign_in(participant.actor(), participant.workshop_id)
        st.query_params.clear()  # the join code leaves the address; keep_participant adds the token
        st.rerun()  # the next run has this role's navigation; this page then sends them home
