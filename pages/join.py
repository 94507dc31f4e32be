"""Participants join a workshop with its code, a display name and their sector. The page names the
workshop once the code is known (typed, or from the QR link), and a phone that joined it before
continues as the same participant."""
import streamlit as st

from pages import ui
from planning import live, participants
from planning.errors import PlanningError
from planning.text import escape_markdown

JOIN_ERROR = "_join_error"
LOOKED_UP = "_join_looked_up"  # (code as typed, workshop or None, error or None): one look-up per code


def look_up(code: str) -> None:
    """Name the workshop of a code (under the join limits, see participants.workshop_to_join)."""
    code = (code or "").strip()
    if not code:
        st.session_state.pop(LOOKED_UP, None)
        return
    try:
        found = participants.workshop_to_join(ui.store(), code, session_key=ui.session_key(),
                                              address=ui.client_address())
    except PlanningError as exc:
        st.session_state[LOOKED_UP] = (code, None, exc)
    else:
        st.session_state[LOOKED_UP] = (code, found, None)


def join_now() -> None:
    """The join is the button's callback: it runs before app.py builds the navigation, so that
    run already has the participant's pages (one script run less per phone when a room joins at
    once, docs/BENCHMARKS.md). While a vote or session is open, the phone lands on it."""
    state = st.session_state
    try:
        participant, token = participants.join(ui.store(), state.get("join_code", ""), state.get("join_name", ""),
                                               state.get("join_sector"), session_key=ui.session_key(),
                                               address=ui.client_address(), device_tokens=ui.device_tokens())
    except PlanningError as exc:
        state[JOIN_ERROR] = exc
        return
    state["participant"] = participant
    state["participant_token"] = token
    ui.remember_joined(token)
    ui.sign_in(participant.actor(), participant.workshop_id)
    st.query_params.clear()  # the join code leaves the address; keep_participant adds the token
    if live.now_open(ui.store(), participant.workshop_id).anything:  # one reading shared by the room
        ui.land_on("pages/live.py")


ui.leave_entry_page()

st.title(ui.t("join.title"))
st.write(ui.t("join.intro"))

state = st.session_state
code_from_link = st.query_params.get("code", "")
if "join_code" not in state and code_from_link:
    state["join_code"] = code_from_link
# Outside the form: a typed code is looked up at once (Enter or leaving the field) to name the workshop.
st.text_input(ui.t("field.join_code"), max_chars=12, key="join_code",
              on_change=ui.guarded(lambda: look_up(state.get("join_code", ""))))
typed = (state.get("join_code") or "").strip()
looked = state.get(LOOKED_UP)
if typed and (looked is None or looked[0] != typed):
    look_up(typed)  # came from the link (or typed before a reload)
    looked = state.get(LOOKED_UP)
error = state.pop(JOIN_ERROR, None)
workshop = looked[1] if looked and looked[0] == typed else None

if workshop is not None:
    st.success(ui.t("join.joining", name=escape_markdown(workshop.name),
                    province=workshop.province.name(ui.lang())), icon="🏙️")
    again = participants.returning(ui.store(), workshop.id, ui.device_tokens())
    if again is not None:
        me = again[0]
        st.info(ui.t("join.returning", name=escape_markdown(me.display_name), sector=ui.t(f"sector.{me.sector}")),
                icon="📱")
        st.button(ui.t("join.continue", name=escape_markdown(me.display_name)), type="primary",
                  width="stretch", key="join_again", on_click=ui.guarded(join_now))
    else:
        with st.form("join_form"):
            # No max_chars: the browser would silently drop a pasted name that is too long; the
            # join refuses it with the length and the form keeps what was typed.
            st.text_input(ui.t("field.display_name"), key="join_name",
                          help=ui.t("join.name_help", max=participants.DISPLAY_NAME_MAX))
            st.selectbox(ui.t("field.sector"), participants.SECTORS, key="join_sector", index=None,
                         placeholder=ui.t("join.sector_placeholder"), format_func=lambda s: ui.t(f"sector.{s}"))
            st.form_submit_button(ui.t("join.submit"), type="primary", width="stretch", on_click=ui.guarded(join_now))
elif looked and looked[0] == typed and looked[2] is not None and error is None:
    ui.show_error(looked[2])  # a wrong code: said, and nothing about any workshop
elif not typed:
    st.caption(ui.t("join.type_code"))

if error:
    ui.show_error(error)
