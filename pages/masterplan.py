"""Step 3: the master plan: provincial development issues, strategies with their goals and
measures per focus dimension linked to indicators, the plan's own texts, and the criteria checklist."""
import streamlit as st

from pages import ui
from planning import catalogue, criteria, ideas, indicators, masterplan, plan_texts, text
from planning.roles import FACILITATOR

actor = ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
dims = catalogue.dimensions()
st.title(ui.t("masterplan.title"))
ui.show_flash()

focus = ideas.current_focus(store, workshop.id)
focus_dims = list(focus.dimensions) if focus else []
if not focus_dims:
    st.info(ui.t("masterplan.no_focus"))
issue_list = masterplan.issues(store, workshop.id)
issue_title = {i.id: i.title for i in issue_list}
inds = indicators.indicator_map(store, workshop.id)
strategy_list = masterplan.strategies(store, workshop.id)
measure_list = masterplan.measures(store, workshop.id)


# the checklist first: it says what is still missing
st.subheader(ui.t("criteria.title"))
results = criteria.checklist(store, workshop.id)
met = sum(r.met for r in results)
st.progress(criteria.completeness(results), text=ui.t("criteria.met_count", met=met, total=len(results),
                                                        pct=round(criteria.completeness(results) * 100)))
lines = []
for r in results:
    status = ui.t("criteria.met") if r.met else ui.t("criteria.not_met")
    line = f"{'✅' if r.met else '❌'} **{r.item.order}. {r.item.name(lang)}** ({status})"
    why = "; ".join(r.why(lang))
    if r.met:
        line += f" :gray[— {text.escape_markdown(why)}]"
    else:
        line += (f" — {ui.t('criteria.missing')}: {text.escape_markdown(why)}"
                 f" · {ui.t('criteria.fix_on', page=ui.t('nav.' + r.item.fix_page))}")
    lines.append(line)
st.markdown("  \n".join(lines))

st.subheader(ui.t("masterplan.issues"))
for i in issue_list:
    ui.md(f"• {i.title}")
with st.form("add_issue", clear_on_submit=True):
    title = st.text_input(ui.t("field.issue_title"), max_chars=masterplan.TITLE_MAX, key="issue_title")
    if st.form_submit_button(ui.t("masterplan.add_issue")):
        ui.act(lambda: masterplan.add_issue(store, actor, workshop.id, title), ui.t("masterplan.added"), rerun=True)

st.subheader(ui.t("masterplan.strategies"))
for s in strategy_list:
    with st.container(border=True):
        st.markdown(f"**{dims[s.dimension].name(lang)}**" + (" 🎯" if s.dimension in focus_dims else ""))
        ui.md(s.title)
        if s.goal:
            st.caption(f"{ui.t('field.strategy_goal')}: {text.escape_markdown(s.goal)}")
        if s.provincial_issue_id:
            st.caption(f"{ui.t('field.provincial_issue')}: {ui.esc(issue_title.get(s.provincial_issue_id, ''))}")
        st.caption(f"{ui.t('field.indicators')}: "
                   + ui.esc(", ".join(inds[c].name(lang) for c in s.indicator_codes if c in inds)))
        for m in measure_list:
            if m.strategy_id == s.id:
                ui.md(f"– {m.title}")

ordered_dims = focus_dims + [d for d in dims if d not in focus_dims]
with st.form("add_strategy", clear_on_submit=True):
    st.write(ui.t("masterplan.add_strategy"))
    dimension = st.selectbox(ui.t("col.dimension"), ordered_dims, key="strategy_dimension",
                             format_func=lambda d: dims[d].name(lang) + (" 🎯" if d in focus_dims else ""))
    title = st.text_input(ui.t("field.strategy_title"), max_chars=masterplan.TITLE_MAX, key="strategy_title")
    goal = st.text_area(ui.t("field.strategy_goal"), max_chars=masterplan.GOAL_MAX, key="strategy_goal", height=80)
    issue = st.selectbox(ui.t("field.provincial_issue"), [None] + [i.id for i in issue_list], key="strategy_issue",
                         format_func=lambda i: ui.t("masterplan.no_issue") if i is None else issue_title[i])
    codes = st.multiselect(ui.t("field.indicators"), list(inds), key="strategy_indicators",
                           format_func=lambda c: f"{dims[inds[c].dimension].name(lang)} · {inds[c].name(lang)}")
    if st.form_submit_button(ui.t("masterplan.add_strategy_submit")):
        ui.act(lambda: masterplan.add_strategy(store, actor, workshop.id, dimension=dimension, title=title,
                                                provincial_issue_id=issue, indicator_codes=codes, goal=goal),
               ui.t("masterplan.added"), rerun=True)

if strategy_list:
    by_id = {s.id: s for s in strategy_list}
    with st.form("add_measure", clear_on_submit=True):
        st.write(ui.t("masterplan.add_measure"))
        sid = st.selectbox(ui.t("field.strategy_title"), list(by_id), key="measure_strategy",
                           format_func=lambda i: f"{dims[by_id[i].dimension].name(lang)}: {by_id[i].title}")
        title = st.text_input(ui.t("field.measure_title"), max_chars=masterplan.TITLE_MAX, key="measure_title")
        codes = st.multiselect(ui.t("field.indicators"), list(inds), key="measure_indicators",
                               format_func=lambda c: inds[c].name(lang))
        if st.form_submit_button(ui.t("masterplan.add_measure_submit")):
            ui.act(lambda: masterplan.add_measure(store, actor, workshop.id, strategy_id=sid, title=title,
                                                   indicator_codes=codes), ui.t("masterplan.added"), rerun=True)

if strategy_list:
    st.subheader(ui.t("masterplan.goals"))
    st.caption(ui.t("masterplan.goals_help"))
    with st.form("strategy_goals"):
        goals = {s.id: st.text_area(text.escape_markdown(f"{dims[s.dimension].name(lang)}: {s.title}"), value=s.goal, key=f"goal_{s.id}",
                                    max_chars=masterplan.GOAL_MAX, height=80) for s in strategy_list}
        if st.form_submit_button(ui.t("masterplan.save_goals")):
            def save_goals():
                for sid, goal in goals.items():
                    masterplan.set_goal(store, actor, workshop.id, sid, goal)
            ui.act(save_goals, ui.t("masterplan.goals_saved"), rerun=True)

st.subheader(ui.t("plantext.title"))
st.caption(ui.t("plantext.help"))
saved_texts = plan_texts.current(store, workshop.id)
with st.form("plan_texts"):
    new_texts = {}
    for key in plan_texts.KEYS:
        if key == "prepared_by":
            new_texts[key] = st.text_input(ui.t(f"plantext.{key}"), value=saved_texts[key], key=f"plantext_{key}",
                                           max_chars=plan_texts.PREPARED_BY_MAX)
        else:
            new_texts[key] = st.text_area(ui.t(f"plantext.{key}"), value=saved_texts[key], key=f"plantext_{key}",
                                          max_chars=plan_texts.TEXT_MAX, height=100)
    if st.form_submit_button(ui.t("plantext.save"), type="primary"):
        ui.act(lambda: plan_texts.save(store, actor, workshop.id, new_texts), ui.t("plantext.saved"), rerun=True)
