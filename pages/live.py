"""Participants' live page: the activity the facilitator has opened (dot vote, poll or short
answers) and any open capacity session (check-in and self-assessment). Built for phones."""
import streamlit as st

from pages import ui
from planning import activities, capacity
from planning.errors import PlanningError
from planning.roles import PARTICIPANT
from planning.text import escape_markdown

actor = ui.require_role(PARTICIPANT)
workshop = ui.require_workshop()
store = ui.store()
me = actor.participant_id
st.title(ui.t("live.title"))
ui.show_flash()
signature = activities.live_signature(store, workshop.id)


@st.fragment(run_every=4)
def watch() -> None:
    """One small query every few seconds; the page reloads only when the facilitator opens or
    closes something."""
    if activities.live_signature(store, workshop.id) != signature:
        st.rerun(scope="app")


watch()


@st.fragment
def ballot_form(activity: activities.Activity) -> None:
    """A fragment, and no full rerun after a vote: with 60 phones voting in the same minute the
    cost of each vote is what keeps the room responsive (see docs/BENCHMARKS.md)."""
    opts = activities.options(store, activity.id)
    label = {o.id: escape_markdown(o.label) for o in opts}  # widget labels render markdown
    mine = activities.my_ballot(store, activity.id, me)
    with st.form(f"ballot_{activity.id}"):
        if activity.kind == "dots":
            st.caption(ui.t("live.dots_help", n=activity.allowance))
            allocation = {o.id: st.number_input(label[o.id], 0, activity.allowance, mine.get(o.id, 0),
                                                key=f"dots_{activity.id}_{o.id}") for o in opts}
        elif activity.kind == "single":
            ids = [o.id for o in opts]
            current = next(iter(mine), None)
            pick = st.radio(ui.t("live.pick_one"), ids, index=ids.index(current) if current in ids else None,
                            format_func=label.get, key=f"single_{activity.id}")
            allocation = {pick: 1} if pick else {}
        else:
            st.caption(ui.t("live.pick_up_to", n=activity.allowance))
            allocation = {o.id: int(st.checkbox(label[o.id], value=o.id in mine, key=f"multi_{activity.id}_{o.id}"))
                          for o in opts}
        sent = st.form_submit_button(ui.t("live.send_vote"), type="primary", width="stretch")
    if sent:
        try:
            mine = activities.submit_ballot(store, actor, workshop.id, activity.id, allocation)
        except PlanningError as exc:
            ui.show_error(exc)
        else:
            st.toast(ui.t("live.vote_saved"), icon="✅")
    if mine:
        st.caption(ui.t("live.your_vote", choices=", ".join(
            f"{label[o]} ({n})" if activity.kind == "dots" else label[o] for o, n in mine.items() if o in label)))
    if activity.results_visible:
        with st.expander(ui.t("live.results")):
            ui.activity_results(activities.results(store, activity.id), key=f"live_results_{activity.id}", chart=False)


def answer_form(activity: activities.Activity) -> None:
    mine = activities.my_answers(store, activity.id, me)
    if len(mine) < activity.allowance:
        with st.form(f"answer_{activity.id}", clear_on_submit=True):
            answer = st.text_input(ui.t("field.answer"), max_chars=activities.ANSWER_MAX, key=f"answer_text_{activity.id}")
            if st.form_submit_button(ui.t("live.send_answer"), type="primary", width="stretch"):
                ui.act(lambda: activities.add_answer(store, actor, workshop.id, activity.id, answer),
                       success=ui.t("live.answer_saved"), rerun=True)
    st.caption(ui.t("live.answers_left", used=len(mine), n=activity.allowance))
    for text in mine:
        ui.md(f"• {text}")


open_now = activities.open_activities(store, workshop.id)
for activity in open_now:
    st.subheader(escape_markdown(activity.title), anchor=False)
    if not activity.anonymous:
        st.caption(ui.t("live.named_note"))
    if activity.kind == "text":
        answer_form(activity)
        if activity.results_visible:
            with st.expander(ui.t("live.results")):
                ui.activity_results(activities.results(store, activity.id), key=f"live_results_{activity.id}",
                                    chart=False)
    else:
        ballot_form(activity)

sessions = capacity.open_sessions(store, workshop.id)
for session in sessions:
    st.subheader(ui.t("live.session", title=escape_markdown(session.title)), anchor=False)
    status = capacity.my_status(store, session.id, me)
    if not status["attended"]:
        if st.button(ui.t("live.check_in"), key=f"check_in_{session.id}", type="primary", width="stretch"):
            ui.act(lambda: capacity.check_in(store, actor, workshop.id, session.id),
                   success=ui.t("live.checked_in"), rerun=True)
    else:
        st.success(ui.t("live.checked_in"), icon="✅")
    phase = session.phase
    if status[phase]:
        st.caption(ui.t(f"live.assessment_done_{phase}"))
    with st.form(f"assess_{session.id}_{phase}"):
        st.markdown(f"**{ui.t(f'live.assessment_{phase}')}**")
        st.caption(ui.t("live.scale"))
        ratings = {q.id: st.radio(f"{q.position}. {escape_markdown(q.text)}", capacity.RATINGS, index=None, horizontal=True,
                                  key=f"rate_{session.id}_{phase}_{q.id}")
                   for q in capacity.questions(store, session.id)}
        if st.form_submit_button(ui.t("live.send_assessment"), type="primary", width="stretch"):
            ui.act(lambda: capacity.submit_assessment(store, actor, workshop.id, session.id, ratings),
                   success=ui.t("live.assessment_saved"), rerun=True)

if not open_now and not sessions:
    st.info(ui.t("live.nothing_open"), icon="⏳")
