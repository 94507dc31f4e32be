"""Live activities: the facilitator creates dot votes, polls and short-text questions, opens them
(with a countdown if wanted) and closes them, watches results, moderates short answers before the
room sees them, and sends the winners to the action plan as candidate projects."""
import streamlit as st

from pages import charts, ui
from planning import activities, dates, health, text
from planning.roles import FACILITATOR

actor = ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
st.title(ui.t("activity.title"))
ui.show_flash()

items = activities.list_activities(store, workshop.id)


def created(activity_id: str, message: str) -> str:
    st.session_state["_activity_pick"] = activity_id  # the next run shows the new activity, not the last one
    return message


with st.expander(ui.t("activity.new"), expanded=not items):
    kind = st.radio(ui.t("field.activity_kind"), activities.KINDS, horizontal=True, key="new_kind",
                    format_func=lambda k: ui.t(f"activity.kind.{k}"))
    with st.form("new_activity", clear_on_submit=True):
        title = st.text_input(ui.t("field.activity_title"), max_chars=activities.TITLE_MAX, key="new_title")
        if kind == "text":
            source, lines = "options", []
            allowance = st.number_input(ui.t("activity.answers_each"), 1, activities.ANSWERS_MAX, 1, key="new_answers")
            display = st.radio(ui.t("field.activity_display"), activities.DISPLAYS, horizontal=True,
                               key="new_display", format_func=lambda d: ui.t(f"activity.display.{d}"))
        else:
            display = "ranked"
            # the network health check is a rating of seed 001's seven components
            choices = [x for x in activities.SOURCES if kind == "rating" or x != "health"]
            if kind == "rating":
                choices = ["health"] + [x for x in choices if x != "health"]
            source = st.radio(ui.t("field.activity_source"), choices, horizontal=True, key=f"new_source_{kind}",
                              format_func=lambda s: ui.t(f"activity.source.{s}"))
            lines = st.text_area(ui.t("activity.options_help"), key="new_options").splitlines()
            allowance = 1 if kind in ("single", "rating") else st.number_input(
                ui.t("activity.dots_each" if kind == "dots" else "activity.choices_each"),
                1, activities.DOTS_MAX, 3 if kind == "dots" else 2, key="new_allowance")
        c1, c2 = st.columns(2)
        anonymous = c1.checkbox(ui.t("activity.anonymous"), value=True, key="new_anonymous")
        hide = c2.checkbox(ui.t("activity.hide_results"), value=False, key="new_hide")
        moderated = kind == "text" and st.checkbox(ui.t("activity.moderated"), value=False, key="new_moderated",
                                                   help=ui.t("activity.moderated_help"))
        if st.form_submit_button(ui.t("activity.create"), type="primary"):
            ui.act(lambda: activities.create_activity(
                store, actor, workshop.id, kind=kind, title=title, source=source, options=lines,
                allowance=int(allowance), anonymous=anonymous, hide_results=hide, display=display,
                moderated=moderated),
                success=lambda a: created(a.id, ui.t("activity.created", title=ui.esc(a.title))), rerun=True)

if not items:
    st.info(ui.t("activity.none"))
    st.stop()

by_id = {a.id: a for a in items}
ui.keep_choice("activity_pick", list(by_id))  # what was just created or submitted, else the current one
chosen = by_id[st.selectbox(
    ui.t("activity.pick"), list(by_id), key="activity_pick",
    format_func=lambda i: f"{ui.t(f'activity.state.{by_id[i].state}')} · {by_id[i].title}")]  # plain text

st.subheader(text.escape_markdown(chosen.title), anchor=False)
facts = [ui.t(f"activity.kind.{chosen.kind}"), ui.t(f"activity.state.{chosen.state}"),
         ui.t("activity.anonymous") if chosen.anonymous else ui.t("activity.named")]
if chosen.kind == "dots":
    facts.append(ui.t("activity.dots_n", n=chosen.allowance))
if chosen.hide_results:
    facts.append(ui.t("activity.hide_results"))
if chosen.moderated:
    facts.append(ui.t("activity.moderated"))
if chosen.state_at:
    facts.append(dates.format_date(dates.local_day(chosen.state_at), ui.lang()))
st.caption(" · ".join(facts))

b1, b2 = st.columns(2)
if chosen.state != activities.OPEN:
    # The countdown is shown on the projector and phones; closing stays the facilitator's act.
    minutes = b1.number_input(ui.t("activity.timer_minutes"), min_value=0.0, max_value=activities.TIMER_MAX / 60,
                              value=0.0, step=0.5, format="%.1f", key="timer_minutes", help=ui.t("activity.timer_help"))
    if b1.button(ui.t("activity.open"), type="primary", key="activity_open", width="stretch"):
        ui.act(lambda: activities.open_activity(store, actor, workshop.id, chosen.id,
                                                timer_seconds=round(minutes * 60) or None),
               success=ui.t("activity.opened"), rerun=True)
else:
    ui.countdown(chosen, key=f"facilitator_countdown_{chosen.state_at}")
    if b1.button(ui.t("activity.close"), type="primary", key="activity_close", width="stretch"):
        ui.act(lambda: activities.close_activity(store, actor, workshop.id, chosen.id),
               success=ui.t("activity.closed"), rerun=True)
b2.page_link("pages/projector.py", label=ui.t("nav.projector"), icon="📽️")


@ui.fragment(run_every=3)
def live_results() -> None:
    ui.activity_results(activities.results(store, chosen.id), key=f"results_{chosen.id}")


live_results()

if chosen.source == "health":
    history = health.history(store, workshop.id)
    if len(history) > 1:
        st.divider()
        st.markdown(f"**{ui.t('health.over_time')}**")
        axis = {c.id: c.name(ui.lang()) for c in health.components()}
        series = {f"{n}. {h.activity.title}": h.means.get(health.ALL, {}) for n, h in enumerate(history, start=1)}
        st.plotly_chart(charts.maturity_radar(series, axis, ui.t("health.over_time")), width="stretch",
                        key="health_over_time")
        moved = health.change(history[-2], history[-1])
        st.caption(" · ".join(ui.t("health.moved", name=axis[c], delta=f"{d:+.1f}") for c, d in moved.items()))

def moderate(answer_keys: list[str], shown_before: set[str], key: str) -> None:
    """The pills hold the answers on screen: show what was added, hide what was taken away,
    relative to what the facilitator was shown."""
    now_shown = set(st.session_state.get(key) or [])
    try:
        for answer_key in answer_keys:
            if (answer_key in now_shown) != (answer_key in shown_before):
                activities.set_answer_shown(store, actor, workshop.id, chosen.id, answer_key, answer_key in now_shown)
    finally:  # new pills, drawn from what is stored (also when the database was lost meanwhile)
        st.session_state["_moderation_round"] = st.session_state.get("_moderation_round", 0) + 1


@ui.fragment(run_every=4)
def moderation() -> None:
    """Short answers as they arrive; selected ones reach the projector and phones."""
    groups = activities.answers_for_review(store, actor, workshop.id, chosen.id)
    st.markdown(f"**{ui.t('activity.moderation')}**")
    st.caption(ui.t("activity.moderation_help_waiting" if chosen.moderated else "activity.moderation_help"))
    if not groups:
        st.caption(ui.t("activity.no_results"))
        return
    keys = [g.key for g in groups]
    shown = {g.key for g in groups if g.shown}
    label = {g.key: f"{g.label} ({g.count})" for g in groups}
    # A new widget whenever answers arrive or a decision was saved: it starts from what is stored.
    key = f"moderate_{chosen.id}_{len(groups)}_{st.session_state.get('_moderation_round', 0)}"
    st.pills(ui.t("activity.on_screen"), keys, selection_mode="multi", default=sorted(shown, key=keys.index),
             key=key, format_func=lambda k: ui.esc(label[k]), on_change=ui.guarded(moderate), args=(keys, shown, key))
    hidden = len(groups) - len(shown)
    if hidden:
        st.caption(ui.t("activity.hidden_n", n=hidden))


if chosen.kind == "text":
    moderation()

if chosen.source in ("options", "ideas"):  # winners of a vote on SWOT items or projects are not new projects
    st.divider()
    st.markdown(f"**{ui.t('activity.promote_title')}**")
    top = st.number_input(ui.t("activity.promote_top"), 1, 10, 3, key="promote_top")
    if st.button(ui.t("activity.promote"), key="promote", disabled=chosen.state != activities.CLOSED):
        ui.act(lambda: activities.promote_winners(store, actor, workshop.id, chosen.id, int(top)),
               success=lambda n: ui.t("activity.promoted", n=n), rerun=True)
    if chosen.state != activities.CLOSED:
        st.caption(ui.t("error.activity_close_first"))
