"""Facilitator sign-in; on first run, choosing the facilitator password."""
import streamlit as st

from pages import ui
from planning import review, roles, workshops
from planning.errors import PlanningError

ui.leave_entry_page()

st.title(ui.t("signin.title"))
store = ui.store()
# Options are the translated labels themselves, under a key per language: the labels change
# with the language switch, and a kept choice must never point at the other language's label.
role_by_label = {ui.t(f"role.{r}"): r for r in (roles.FACILITATOR, roles.REVIEWER)}
who = role_by_label[st.radio(ui.t("signin.as"), list(role_by_label), horizontal=True,
                             key=f"sign_in_role_{ui.lang()}")]
if who == roles.REVIEWER:
    with st.form("reviewer_sign_in"):
        name = st.text_input(ui.t("field.reviewer_name"), max_chars=roles.REVIEWER_NAME_MAX, key="reviewer_name")
        password = st.text_input(ui.t("field.password"), type="password", key="reviewer_password")
        submitted = st.form_submit_button(ui.t("signin.submit"), type="primary")
    if submitted:
        try:
            actor = roles.sign_in_reviewer(store, name, password, session_key=ui.session_key())
        except PlanningError as exc:
            ui.show_error(exc)
        else:
            # The workshop with the most recent submission; the review page lets them choose another.
            under_review = review.workshops_under_review(store)
            newest = workshops.list_workshops(store)
            ui.sign_in(actor, under_review[0][0] if under_review else newest[0].id if newest else None)
            st.rerun()
    st.stop()

first_run = not roles.facilitator_password_set(store)

with st.form("sign_in_form"):
    if first_run:
        st.info(ui.t("signin.first_run", min=roles.PASSWORD_MIN))
    password = st.text_input(ui.t("field.password"), type="password", key="password")
    confirm = st.text_input(ui.t("signin.confirm"), type="password", key="password_confirm") if first_run else None
    submitted = st.form_submit_button(ui.t("signin.set_submit" if first_run else "signin.submit"),
                                      type="primary")

if submitted:
    try:
        if first_run:
            if password != confirm:
                st.error(ui.t("signin.mismatch"))
                st.stop()
            roles.set_facilitator_password(store, password)
        actor = roles.sign_in_facilitator(store, password, session_key=ui.session_key())
    except PlanningError as exc:
        ui.show_error(exc)
    else:
        # Open the newest workshop (the demo on a fresh install) so the walk can start at once.
        newest = workshops.list_workshops(store)
        ui.sign_in(actor, newest[0].id if newest else None)
        st.rerun()  # the next run has this role's navigation; this page then sends them home
