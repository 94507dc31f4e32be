"""Participants' live page: the activity the facilitator has opened (dot vote, poll or short
answers, with its countdown) and any open capacity session (check-in and self-assessment). Built
for phones. Phones come here by themselves when something opens and leave when everything has
closed (ui.follow_facilitator, which also reloads this page when the question changes)."""
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


# Every send on this page is a button callback bound to what the phone was shown (the activity,
# its options, the session phase). Callbacks run before the page is drawn again, so a send is
# applied to what the phone saw, or refused with a message, even if the facilitator has moved on.
OUTCOME = ui.LIVE_OUTCOME


def _outcome(action, success: str, title: str) -> None:
    try:
        action()
    except PlanningError as exc:
        st.session_state[OUTCOME] = ("error", ui.t("live.not_saved", title=escape_markdown(title),
                                                   reason=exc.message(ui.lang())))
    else:
        st.session_state[OUTCOME] = ("saved", success)


def send_ballot(activity_id: str, title: str, kind: str, option_ids: list[str]) -> None:
    state = st.session_state
    if kind == "dots":
        allocation = {o: int(state.get(f"dots_{activity_id}_{o}") or 0) for o in option_ids}
    elif kind == "rating":
        allocation = {o: int(state.get(f"rate_{activity_id}_{o}") or 0) for o in option_ids}
    elif kind == "single":
        pick = state.get(f"single_{activity_id}")
        allocation = {pick: 1} if pick else {}
    else:
        allocation = {o: int(bool(state.get(f"multi_{activity_id}_{o}"))) for o in option_ids}
    _outcome(lambda: activities.submit_ballot(store, actor, workshop.id, activity_id, allocation),
             ui.t("live.vote_saved"), title)


def send_answer(activity_id: str, title: str) -> None:
    answer = st.session_state.get(f"answer_text_{activity_id}") or ""
    _outcome(lambda: activities.add_answer(store, actor, workshop.id, activity_id, answer),
             ui.t("live.answer_saved"), title)


def check_in(session_id: str, title: str) -> None:
    _outcome(lambda: capacity.check_in(store, actor, workshop.id, session_id), ui.t("live.checked_in"), title)


def send_assessment(session_id: str, title: str, phase: str, question_ids: list[str]) -> None:
    ratings = {q: st.session_state.get(f"rate_{session_id}_{phase}_{q}") for q in question_ids}
    _outcome(lambda: capacity.submit_assessment(store, actor, workshop.id, session_id, ratings, phase=phase),
             ui.t("live.assessment_saved"), title)


def ballot_form(activity: activities.Activity) -> None:
    opts = activities.options(store, activity.id)
    label = {o.id: escape_markdown(ui.option_label(activity, o.label, o.ref_id)) for o in opts}  # labels render markdown
    mine = activities.my_ballot(store, activity.id, me)
    with st.form(f"ballot_{activity.id}"):
        if activity.kind == "dots":
            st.caption(ui.t("live.dots_help", n=activity.allowance))
            for o in opts:
                st.number_input(label[o.id], 0, activity.allowance, mine.get(o.id, 0), key=f"dots_{activity.id}_{o.id}")
        elif activity.kind == "rating":
            st.caption(ui.t("live.rate_help", n=activity.allowance))
            scale = list(range(1, activity.allowance + 1))
            for o in opts:
                statement = ui.option_statement(activity, o.ref_id)
                if statement:   # a health check says what each component means in a sentence
                    st.markdown(f"**{label[o.id]}**")
                    st.caption(statement)
                st.radio(label[o.id], scale, index=scale.index(mine[o.id]) if o.id in mine else None,
                         horizontal=True, key=f"rate_{activity.id}_{o.id}",
                         label_visibility="collapsed" if statement else "visible")
        elif activity.kind == "single":
            ids = [o.id for o in opts]
            current = next(iter(mine), None)
            st.radio(ui.t("live.pick_one"), ids, index=ids.index(current) if current in ids else None,
                     format_func=label.get, key=f"single_{activity.id}")
        else:
            st.caption(ui.t("live.pick_up_to", n=activity.allowance))
            for o in opts:
                st.checkbox(label[o.id], value=o.id in mine, key=f"multi_{activity.id}_{o.id}")
        st.form_submit_button(ui.t("live.send_vote"), type="primary", width="stretch", on_click=ui.guarded(send_ballot),
                              args=(activity.id, activity.title, activity.kind, [o.id for o in opts]))
    if mine:
        st.caption(ui.t("live.your_vote", choices=", ".join(
            f"{label[o]} ({n})" if activity.kind == "dots" else label[o] for o, n in mine.items() if o in label)))
    if activity.results_visible:
        with st.expander(ui.t("live.results")):
            ui.activity_results(ui.results_so_far(activity.id), key=f"live_results_{activity.id}", chart=False)


def answer_form(activity: activities.Activity) -> None:
    mine = activities.my_answers(store, activity.id, me)
    if len(mine) < activity.allowance:
        with st.form(f"answer_{activity.id}", clear_on_submit=True):
            st.text_input(ui.t("field.answer"), max_chars=activities.ANSWER_MAX, key=f"answer_text_{activity.id}")
            st.form_submit_button(ui.t("live.send_answer"), type="primary", width="stretch", on_click=ui.guarded(send_answer),
                                  args=(activity.id, activity.title))
    st.caption(ui.t("live.answers_left", used=len(mine), n=activity.allowance))
    shown = activities.my_answers_shown(store, activity, mine)
    if mine:  # one element: the phone's own answers, marked where they do not reach the screen
        note = {True: "", False: f" :gray[({ui.t('live.answer_waiting' if activity.moderated else 'live.answer_hidden')})]"}
        st.markdown("  \n".join(f"• {escape_markdown(text)}{note[ok]}" for text, ok in zip(mine, shown)))
    if activity.results_visible:
        with st.expander(ui.t("live.results")):
            ui.activity_results(ui.results_so_far(activity.id), key=f"live_results_{activity.id}", chart=False)


def session_form(session: capacity.Session) -> None:
    title = ui.t("live.session", title=escape_markdown(session.title))
    st.subheader(title, anchor=False)
    status = capacity.my_status(store, session.id, me)
    if not status["attended"]:
        st.button(ui.t("live.check_in"), key=f"check_in_{session.id}", type="primary", width="stretch",
                  on_click=ui.guarded(check_in), args=(session.id, session.title))
    else:
        st.success(ui.t("live.checked_in"), icon="✅")
    phase = session.phase
    if status[phase]:
        st.caption(ui.t(f"live.assessment_done_{phase}"))
    qs = capacity.questions(store, session.id)
    with st.form(f"assess_{session.id}_{phase}"):
        st.markdown(f"**{ui.t(f'live.assessment_{phase}')}**")
        st.caption(ui.t("live.scale"))
        for q in qs:
            st.radio(f"{q.position}. {escape_markdown(q.text)}", capacity.RATINGS, index=None, horizontal=True,
                     key=f"rate_{session.id}_{phase}_{q.id}")
        st.form_submit_button(ui.t("live.send_assessment"), type="primary", width="stretch", on_click=ui.guarded(send_assessment),
                              args=(session.id, session.title, phase, [q.id for q in qs]))


@ui.fragment
def live_input(open_now: tuple[activities.Activity, ...], sessions: tuple[capacity.Session, ...]) -> None:
    """Everything a phone sends here, as one fragment drawn on every run (so a send always finds
    it): a send reruns only this part, not the page, which keeps a room of 60 fast
    (docs/BENCHMARKS.md). What is open comes from the page run; `watch` reloads the page when it changes."""
    kind, message = st.session_state.pop(OUTCOME, (None, None))
    if kind == "saved":
        st.toast(message, icon="✅")
    elif kind == "error":
        st.error(message, icon="⚠️")
    elif ui.fragment_rerun() and not ui.unsaved_pending():  # a lost database is said in the banner
        # Only a send reruns this fragment. With no callback run, the send was for a form this
        # session no longer draws (the page changed under the phone's finger): say so, never drop it silently.
        st.warning(ui.t("live.input_changed"), icon="🔄")
    for activity in open_now:
        st.subheader(escape_markdown(activity.title), anchor=False)
        ui.countdown(activity, key=f"countdown_{activity.id}_{activity.state_at}")
        if not activity.anonymous:
            st.caption(ui.t("live.named_note"))
        if activity.kind == "text":
            answer_form(activity)
        else:
            ballot_form(activity)
    for session in sessions:
        session_form(session)
    if not open_now and not sessions:
        st.info(ui.t("live.nothing_open"), icon="⏳")


live_input(activities.open_now(store, workshop.id), capacity.open_now(store, workshop.id))
