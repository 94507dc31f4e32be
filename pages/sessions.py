"""Capacity sessions: attendance by sector against the cohort target, the pre- and post-session
self-assessment with its change per sector, and the attendance list for certificates."""

import pandas as pd
import streamlit as st

from pages import charts, ui
from planning import capacity, dates, exports, participants, text, workbooks
from planning.roles import FACILITATOR

actor = ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
st.title(ui.t("capacity.title"))
ui.show_flash()

sessions = capacity.list_sessions(store, workshop.id)


def created(session_id: str, message: str) -> str:
    st.session_state["_session_pick"] = session_id  # the next run shows the new session
    return message


with st.expander(ui.t("capacity.new"), expanded=not sessions):
    with st.form("new_session", clear_on_submit=True):
        title = st.text_input(ui.t("field.session_title"), max_chars=capacity.TITLE_MAX, key="session_title")
        held_on = ui.date_field(ui.t("field.session_date"), key="session_date")
        lines = st.text_area(ui.t("capacity.questions_help", max=capacity.QUESTIONS_MAX),
                             value=ui.t("capacity.default_questions"), key="session_questions")
        if st.form_submit_button(ui.t("capacity.create"), type="primary"):
            ui.act(lambda: capacity.create_session(store, actor, workshop.id, title=title, held_on=ui.typed_date(held_on),
                                                   questions=lines.splitlines()),
                   success=lambda s: created(s.id, ui.t("capacity.created", title=ui.esc(s.title))), rerun=True)

if not sessions:
    st.info(ui.t("capacity.none"))
    st.stop()

by_id = {s.id: s for s in sessions}
ui.keep_choice("session_pick", list(by_id))  # what was just created or submitted, else the current one
session = by_id[st.selectbox(ui.t("capacity.pick"), list(by_id), key="session_pick",
                             format_func=lambda i: f"{dates.format_date(by_id[i].held_on, lang)} · {by_id[i].title}")]
st.caption(ui.t("capacity.phase_now", phase=ui.t(f"capacity.phase.{session.phase}")))

cols = st.columns(3)
for col, phase in zip(cols, capacity.PHASES):
    if col.button(ui.t(f"capacity.set.{phase}"), key=f"phase_{phase}", width="stretch",
                  type="primary" if session.phase != phase else "secondary", disabled=session.phase == phase):
        ui.act(lambda p=phase: capacity.set_phase(store, actor, workshop.id, session.id, p),
               success=ui.t("capacity.phase_set", phase=ui.t(f"capacity.phase.{phase}")), rerun=True)


@ui.fragment(run_every=5)
def live_figures() -> None:
    roster = capacity.attendance_list(store, session.id)  # one read for the counts, the table and the list
    counts = capacity.sector_counts(roster)
    attended = sum(counts.values())
    c1, c2 = st.columns(2)
    c1.metric(ui.t("capacity.attended"), f"{attended} / {participants.COHORT_TARGET}")
    met = capacity.target_met(counts)
    c2.metric(ui.t("capacity.target"), ui.t("capacity.met") if met else ui.t("capacity.not_met"))
    labels = {s: ui.t(f"sector.{s}") for s in counts}
    st.plotly_chart(charts.sector_attendance(counts, labels, participants.COHORT_TARGET,
                                             ui.t("capacity.attendance_chart"), ui.t("capacity.target_line",
                                                                                    n=participants.COHORT_TARGET)),
                    width="stretch", key="attendance_chart", config={"displayModeBar": False})
    missing = [labels[s] for s, n in counts.items() if n == 0]
    if missing:
        st.warning(ui.t("capacity.missing_sectors", sectors=", ".join(missing)))
    change = capacity.change_by_sector(store, session.id, counts)
    name = lambda s: ui.t("capacity.everyone") if s == "all" else ui.t(f"sector.{s}")  # noqa: E731
    fmt = lambda v, sign=False: "–" if v is None else (f"{v:+.2f}" if sign else f"{v:.2f}")  # noqa: E731
    st.dataframe(pd.DataFrame([{
        ui.t("field.sector"): name(r.sector), ui.t("capacity.attended"): r.attended,
        ui.t("capacity.pre_n"): r.pre_people, ui.t("capacity.pre_mean"): fmt(r.pre_mean),
        ui.t("capacity.post_n"): r.post_people, ui.t("capacity.post_mean"): fmt(r.post_mean),
        ui.t("capacity.change"): fmt(r.change, sign=True)} for r in change]), hide_index=True, width="stretch", placeholder="–")
    rows = [r for r in change if r.sector != "all"]
    st.plotly_chart(charts.pre_post([name(r.sector) for r in rows], [r.pre_mean for r in rows],
                                    [r.post_mean for r in rows], ui.t("capacity.change_chart"),
                                    ui.t("capacity.phase.pre"), ui.t("capacity.phase.post")),
                    width="stretch", key="pre_post_chart", config={"displayModeBar": False})
    # The list refreshes with the counts (same run, same data): they always agree.
    st.subheader(ui.t("capacity.list"), anchor=False)
    header, rows = exports.attendance_rows(store, session.id, lang, roster)
    if rows:
        st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch", placeholder="–")
    else:
        st.caption(ui.t("capacity.nobody"))


live_figures()

st.subheader(ui.t("capacity.questions"), anchor=False)
st.markdown("  \n".join(f"{q.position}\\. {text.escape_markdown(q.text)}"
                        for q in capacity.questions(store, session.id)))

d1, d2 = st.columns(2)
stem = f"attendance_{session.held_on.isoformat()}"
d1.download_button(ui.t("capacity.download_excel"), key="attendance_xlsx", file_name=f"{stem}.xlsx",
                   data=lambda: workbooks.attendance(store, session.id, lang), width="stretch",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
d2.download_button(ui.t("capacity.download_csv"), key="attendance_csv", file_name=f"{stem}.csv",
                   data=lambda: exports.attendance_csv(store, session.id, lang), mime="text/csv", width="stretch")
