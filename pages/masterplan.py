"""Step 3: the master plan: provincial development issues, strategies and measures per focus
dimension linked to indicators, and the five-component check."""
import streamlit as st

from pages import ui
from planning import catalogue, criteria, exports, ideas, indicators, masterplan
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


# five components first: it says what is still missing
st.subheader(ui.t("criteria.title"))
checks = criteria.five_components(store, workshop.id)
st.progress(criteria.completeness(checks), text=ui.t("criteria.completeness",
                                                       pct=round(criteria.completeness(checks) * 100)))
for c in checks:
    icon = "✅" if c.complete else "❌"
    line = f"{icon} **{c.number}. {ui.t(c.key)}**"
    if not c.complete:
        missing = "; ".join(exports.missing_text(m, lang) for m in c.missing)
        line += f" — {ui.t('criteria.missing')}: {missing} · {ui.t('criteria.fix_on', page=ui.t('nav.' + c.fix_page))}"
    st.markdown(line)

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
    issue = st.selectbox(ui.t("field.provincial_issue"), [None] + [i.id for i in issue_list], key="strategy_issue",
                         format_func=lambda i: ui.t("masterplan.no_issue") if i is None else issue_title[i])
    codes = st.multiselect(ui.t("field.indicators"), list(inds), key="strategy_indicators",
                           format_func=lambda c: f"{dims[inds[c].dimension].name(lang)} · {inds[c].name(lang)}")
    if st.form_submit_button(ui.t("masterplan.add_strategy_submit")):
        ui.act(lambda: masterplan.add_strategy(store, actor, workshop.id, dimension=dimension, title=title,
                                                provincial_issue_id=issue, indicator_codes=codes), ui.t("masterplan.added"), rerun=True)

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
