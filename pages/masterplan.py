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


def chooser(label: str, key: str, options: dict) -> str | None:
    """Which item to change: nothing chosen until the facilitator picks one; a deleted one is let go."""
    if st.session_state.pop(f"_close_{key}", False) or st.session_state.get(key) not in options:
        st.session_state[key] = None
    return st.selectbox(label, list(options), key=key, index=None, placeholder=ui.t("masterplan.edit_placeholder"),
                        format_func=options.get)  # plain text


def done(key: str, message: str):
    """A success for ui.act that also closes the chooser `key`, so the page shows the result."""
    def success(_result) -> str:
        st.session_state[f"_close_{key}"] = True
        return message
    return success


def delete_button(key: str) -> bool:
    """A delete that needs a tick first: nothing is deleted by one stray click."""
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    confirmed = c1.checkbox(ui.t("common.confirm_delete"), key=f"{key}_ok")
    return c2.button(ui.t("common.delete"), key=key, disabled=not confirmed, width="stretch")


if issue_list:
    with st.expander(ui.t("masterplan.edit_issues")):
        pick = chooser(ui.t("masterplan.edit_issue_pick"), "edit_issue_pick", issue_title)
        if pick:
            with st.form(f"edit_issue_{pick}"):
                new_title = st.text_input(ui.t("field.issue_title"), value=issue_title[pick],
                                          max_chars=masterplan.TITLE_MAX, key=f"issue_title_{pick}")
                if st.form_submit_button(ui.t("common.save_changes"), type="primary"):
                    ui.act(lambda: masterplan.update_issue(store, actor, workshop.id, pick, new_title),
                           done("edit_issue_pick", ui.t("masterplan.changed")), rerun=True)
            used = masterplan.strategies_using_issue(store, workshop.id, pick)
            if used:
                st.caption(ui.t("masterplan.issue_used", n=used))
            if delete_button(f"delete_issue_{pick}"):
                ui.act(lambda: masterplan.delete_issue(store, actor, workshop.id, pick),
                       ui.t("masterplan.deleted"), rerun=True)

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
                           format_func=lambda c: f"{dims[inds[c].dimension].name(lang)} · {inds[c].name(lang)}", placeholder=ui.t("common.choose"))
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
                               format_func=lambda c: inds[c].name(lang), placeholder=ui.t("common.choose"))
        if st.form_submit_button(ui.t("masterplan.add_measure_submit")):
            ui.act(lambda: masterplan.add_measure(store, actor, workshop.id, strategy_id=sid, title=title,
                                                   indicator_codes=codes), ui.t("masterplan.added"), rerun=True)

if strategy_list:
    by_id = {s.id: s for s in strategy_list}
    strategy_label = {i: f"{dims[s.dimension].name(lang)}: {s.title}" for i, s in by_id.items()}
    with st.expander(ui.t("masterplan.edit_strategies")):
        pick = chooser(ui.t("masterplan.edit_strategy_pick"), "edit_strategy_pick", strategy_label)
        if pick:
            s = by_id[pick]
            with st.form(f"edit_strategy_{pick}"):
                dimension = st.selectbox(ui.t("col.dimension"), ordered_dims, key=f"strategy_dimension_{pick}",
                                         index=ordered_dims.index(s.dimension),
                                         format_func=lambda d: dims[d].name(lang) + (" 🎯" if d in focus_dims else ""))
                title = st.text_input(ui.t("field.strategy_title"), value=s.title, max_chars=masterplan.TITLE_MAX,
                                      key=f"strategy_title_{pick}")
                goal = st.text_area(ui.t("field.strategy_goal"), value=s.goal, max_chars=masterplan.GOAL_MAX,
                                    key=f"strategy_goal_{pick}", height=80)
                issue_options = [None] + [i.id for i in issue_list]
                issue = st.selectbox(ui.t("field.provincial_issue"), issue_options, key=f"strategy_issue_{pick}",
                                     index=issue_options.index(s.provincial_issue_id)
                                     if s.provincial_issue_id in issue_options else 0,
                                     format_func=lambda i: ui.t("masterplan.no_issue") if i is None else issue_title[i])
                codes = st.multiselect(ui.t("field.indicators"), list(inds), key=f"strategy_indicators_{pick}",
                                       default=[c for c in s.indicator_codes if c in inds],
                                       format_func=lambda c: f"{dims[inds[c].dimension].name(lang)} · {inds[c].name(lang)}", placeholder=ui.t("common.choose"))
                if st.form_submit_button(ui.t("common.save_changes"), type="primary"):
                    ui.act(lambda: masterplan.update_strategy(
                        store, actor, workshop.id, pick, dimension=dimension, title=title, provincial_issue_id=issue,
                        indicator_codes=codes, goal=goal), done("edit_strategy_pick", ui.t("masterplan.changed")),
                        rerun=True)
            used = masterplan.projects_using(store, workshop.id, strategy_id=pick)
            n_measures = sum(1 for m in measure_list if m.strategy_id == pick)
            st.caption(ui.t("masterplan.strategy_delete_note", measures=n_measures, n=used))
            move_to = None
            if used:
                others = {i: label for i, label in strategy_label.items() if i != pick}
                move_to = st.selectbox(ui.t("masterplan.move_projects_to", n=used), list(others), index=None,
                                       key=f"strategy_move_{pick}", format_func=others.get,
                                       placeholder=ui.t("masterplan.move_placeholder"))
            if delete_button(f"delete_strategy_{pick}"):
                ui.act(lambda: masterplan.delete_strategy(store, actor, workshop.id, pick, move_projects_to=move_to),
                       ui.t("masterplan.deleted"), rerun=True)
    if measure_list:
        measure_by_id = {m.id: m for m in measure_list}
        measure_label = {m.id: f"{by_id[m.strategy_id].title} › {m.title}" if m.strategy_id in by_id else m.title
                         for m in measure_list}
        with st.expander(ui.t("masterplan.edit_measures")):
            pick = chooser(ui.t("masterplan.edit_measure_pick"), "edit_measure_pick", measure_label)
            if pick:
                m = measure_by_id[pick]
                with st.form(f"edit_measure_{pick}"):
                    strategy_ids = list(by_id)
                    sid = st.selectbox(ui.t("field.strategy_title"), strategy_ids, key=f"measure_strategy_{pick}",
                                       index=strategy_ids.index(m.strategy_id) if m.strategy_id in by_id else 0,
                                       format_func=strategy_label.get)
                    title = st.text_input(ui.t("field.measure_title"), value=m.title, max_chars=masterplan.TITLE_MAX,
                                          key=f"measure_title_{pick}")
                    codes = st.multiselect(ui.t("field.indicators"), list(inds), key=f"measure_indicators_{pick}",
                                           default=[c for c in m.indicator_codes if c in inds],
                                           format_func=lambda c: inds[c].name(lang), placeholder=ui.t("common.choose"))
                    if st.form_submit_button(ui.t("common.save_changes"), type="primary"):
                        ui.act(lambda: masterplan.update_measure(store, actor, workshop.id, pick, strategy_id=sid,
                                                                 title=title, indicator_codes=codes),
                               done("edit_measure_pick", ui.t("masterplan.changed")), rerun=True)
                used = masterplan.projects_using(store, workshop.id, measure_id=pick)
                move_to = None
                if used:
                    targets = {masterplan.NO_MEASURE: ui.t("masterplan.no_measure")}
                    targets.update({x.id: x.title for x in measure_list if x.strategy_id == m.strategy_id and x.id != pick})
                    move_to = st.selectbox(ui.t("masterplan.move_projects_to", n=used), list(targets), index=None,
                                           key=f"measure_move_{pick}", format_func=targets.get,
                                           placeholder=ui.t("masterplan.move_placeholder"))
                if delete_button(f"delete_measure_{pick}"):
                    ui.act(lambda: masterplan.delete_measure(store, actor, workshop.id, pick, move_projects_to=move_to),
                           ui.t("masterplan.deleted"), rerun=True)

if strategy_list:
    st.subheader(ui.t("masterplan.goals"))
    st.caption(ui.t("masterplan.goals_help"))
    with st.form("strategy_goals"):
        for s in strategy_list:
            ui.follow(f"goal_{s.id}", s.goal)  # a goal changed in the edit form above shows here too
        goals = {s.id: st.text_area(text.escape_markdown(f"{dims[s.dimension].name(lang)}: {s.title}"), key=f"goal_{s.id}",
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
