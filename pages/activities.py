"""Live activities: the facilitator creates dot votes, polls and short-text questions, opens and
closes them, watches results, and sends the winners to the action plan as candidate projects."""
import streamlit as st

from pages import ui
from planning import activities, dates, text
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
            source = st.radio(ui.t("field.activity_source"), activities.SOURCES, horizontal=True, key="new_source",
                              format_func=lambda s: ui.t(f"activity.source.{s}"))
            lines = st.text_area(ui.t("activity.options_help"), key="new_options").splitlines()
            allowance = 1 if kind == "single" else st.number_input(
                ui.t("activity.dots_each" if kind == "dots" else "activity.choices_each"),
                1, activities.DOTS_MAX, 3 if kind == "dots" else 2, key="new_allowance")
        c1, c2 = st.columns(2)
        anonymous = c1.checkbox(ui.t("activity.anonymous"), value=True, key="new_anonymous")
        hide = c2.checkbox(ui.t("activity.hide_results"), value=False, key="new_hide")
        if st.form_submit_button(ui.t("activity.create"), type="primary"):
            ui.act(lambda: activities.create_activity(
                store, actor, workshop.id, kind=kind, title=title, source=source, options=lines,
                allowance=int(allowance), anonymous=anonymous, hide_results=hide, display=display),
                success=lambda a: created(a.id, ui.t("activity.created", title=ui.esc(a.title))), rerun=True)

if not items:
    st.info(ui.t("activity.none"))
    st.stop()

by_id = {a.id: a for a in items}
if st.session_state.get("_activity_pick") in by_id:
    st.session_state["activity_pick"] = st.session_state.pop("_activity_pick")
if st.session_state.get("activity_pick") not in by_id:
    st.session_state["activity_pick"] = items[0].id
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
if chosen.state_at:
    facts.append(dates.format_date(chosen.state_at.date(), ui.lang()))
st.caption(" · ".join(facts))

b1, b2 = st.columns(2)
if chosen.state != activities.OPEN:
    if b1.button(ui.t("activity.open"), type="primary", key="activity_open", width="stretch"):
        ui.act(lambda: activities.open_activity(store, actor, workshop.id, chosen.id),
               success=ui.t("activity.opened"), rerun=True)
else:
    if b1.button(ui.t("activity.close"), type="primary", key="activity_close", width="stretch"):
        ui.act(lambda: activities.close_activity(store, actor, workshop.id, chosen.id),
               success=ui.t("activity.closed"), rerun=True)
b2.page_link("pages/projector.py", label=ui.t("nav.projector"), icon="📽️")


@st.fragment(run_every=3)
def live_results() -> None:
    ui.activity_results(activities.results(store, chosen.id), key=f"results_{chosen.id}")


live_results()

if chosen.source in ("options", "ideas"):  # winners of a vote on SWOT items or projects are not new projects
    st.divider()
    st.markdown(f"**{ui.t('activity.promote_title')}**")
    top = st.number_input(ui.t("activity.promote_top"), 1, 10, 3, key="promote_top")
    if st.button(ui.t("activity.promote"), key="promote", disabled=chosen.state != activities.CLOSED):
        ui.act(lambda: activities.promote_winners(store, actor, workshop.id, chosen.id, int(top)),
               success=lambda n: ui.t("activity.promoted", n=n), rerun=True)
    if chosen.state != activities.CLOSED:
        st.caption(ui.t("error.activity_close_first"))
