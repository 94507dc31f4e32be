"""The knowledge base: lessons, best practices, stories and the After Action Reviews, searchable;
participants tell stories from their phones, the facilitator curates and exports a booklet."""
import streamlit as st

from pages import ui
from planning import catalogue, dates, knowledge, projects, reading
from planning.roles import FACILITATOR, PARTICIPANT

actor = ui.require_role(FACILITATOR, PARTICIPANT)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
dims = catalogue.dimensions()
is_facilitator = actor.role == FACILITATOR
st.title(ui.t("knowledge.title"))
st.caption(ui.t("knowledge.intro"))
ui.show_flash()

everything = knowledge.entries(store, workshop.id, include_unpublished=is_facilitator)
plan = projects.list_projects(store, workshop.id)
project_name = {p.id: p.name for p in plan}


def tell_a_story() -> None:
    with st.form("story", clear_on_submit=True):
        st.markdown(f"**{ui.t('knowledge.tell')}**")
        st.caption(ui.t("knowledge.tell_help"))
        title = st.text_input(ui.t("knowledge.title_field"), max_chars=knowledge.TITLE_MAX, key="story_title")
        values = {f: st.text_area(ui.t(f"knowledge.prompt.{f}"), max_chars=knowledge.TEXT_MAX, key=f"story_{f}",
                                  height=90) for f in ("situation", "action", "result", "lesson")}
        chosen = st.multiselect(ui.t("col.dimension"), list(dims), key="story_dims", format_func=lambda d: dims[d].name(lang),
                                placeholder=ui.t("common.choose"))
        if st.form_submit_button(ui.t("knowledge.send_story"), type="primary", width="stretch"):
            ui.act(lambda: knowledge.add_entry(store, actor, workshop.id, kind="story", title=title, dimensions=chosen,
                                               **values), success=ui.t("knowledge.story_sent"), rerun=True)


def add_entry() -> None:
    with st.expander(ui.t("knowledge.add")):
        with st.form("knowledge_add", clear_on_submit=True):
            kind = st.radio(ui.t("knowledge.kind"), knowledge.KINDS, horizontal=True, key="k_kind",
                            format_func=lambda k: ui.t(f"knowledge.kind.{k}"))
            title = st.text_input(ui.t("knowledge.title_field"), max_chars=knowledge.TITLE_MAX, key="k_title")
            values = {f: st.text_area(ui.t(f"knowledge.{f}"), max_chars=knowledge.TEXT_MAX, key=f"k_{f}", height=90)
                      for f in ("situation", "action", "result", "lesson")}
            c1, c2 = st.columns(2)
            chosen = c1.multiselect(ui.t("col.dimension"), list(dims), key="k_dims",
                                    format_func=lambda d: dims[d].name(lang), placeholder=ui.t("common.choose"))
            project = c2.selectbox(ui.t("knowledge.project"), [None] + list(project_name), key="k_project",
                                   format_func=lambda i: "–" if i is None else project_name[i])
            partners = st.text_input(ui.t("knowledge.partners_help"), key="k_partners")
            c3, c4 = st.columns(2)
            source = c3.selectbox(ui.t("knowledge.source"), knowledge.SOURCES, key="k_source",
                                  format_func=lambda s: ui.t(f"knowledge.source.{s}"))
            author = c4.text_input(ui.t("knowledge.author"), key="k_author")
            if st.form_submit_button(ui.t("knowledge.save"), type="primary"):
                ui.act(lambda: knowledge.add_entry(
                    store, actor, workshop.id, kind=kind, title=title, dimensions=chosen, project_id=project,
                    partners=[x.strip() for x in partners.split(",")], source=source, author=author, **values),
                    success=ui.t("knowledge.saved"), rerun=True)


def show(entry: knowledge.Entry) -> None:
    status = "" if entry.status == "published" else f" · {ui.t(f'knowledge.status.{entry.status}')}"
    label = f"{ui.t(f'knowledge.kind.{entry.kind}') if entry.source != knowledge.AAR else ui.t('knowledge.from_aar')}" \
            f" · {knowledge.title(entry, lang)}{status}"
    with st.expander(ui.esc(label)):
        lines = []
        for field, value in (("situation", entry.situation), ("action", entry.action), ("result", entry.result),
                             ("lesson", entry.lesson)):
            if value:
                name = ui.t(f"knowledge.{field}" if entry.source != knowledge.AAR else f"knowledge.aar.{field}")
                lines.append(f"**{name}:** {ui.esc(value)}")
        tags = [dims[d].name(lang) for d in entry.dimensions if d in dims]
        tags += [project_name[entry.project_id]] if entry.project_id in project_name else []
        tags += list(entry.partners)
        if tags:
            lines.append(f"**{ui.t('knowledge.tags')}:** {ui.esc(', '.join(tags))}")
        st.markdown("  \n".join(lines))
        st.caption(ui.t("knowledge.byline", source=ui.t(f"knowledge.source.{entry.source}"), author=ui.esc(reading.person(entry.author, lang)),
                        date=dates.format_date(dates.local_day(entry.written_at), lang)))
        if is_facilitator and entry.source != knowledge.AAR:
            c1, c2 = st.columns(2)
            if entry.status != "published" and c1.button(ui.t("knowledge.publish"), key=f"publish_{entry.id}"):
                ui.act(lambda: knowledge.set_status(store, actor, workshop.id, entry.id, "published"),
                       success=ui.t("knowledge.published"), rerun=True)
            if entry.status != "hidden" and c2.button(ui.t("knowledge.hide"), key=f"hide_{entry.id}"):
                ui.act(lambda: knowledge.set_status(store, actor, workshop.id, entry.id, "hidden"),
                       success=ui.t("knowledge.hidden"), rerun=True)


if is_facilitator:
    proposed = [e for e in everything if e.status == "proposed"]
    if proposed:
        st.info(ui.t("knowledge.to_curate", n=len(proposed)))
    add_entry()
    st.download_button(ui.t("knowledge.download"), data=lambda: knowledge.booklet(store, workshop.id, lang),
                       file_name=f"knowledge_{workshop.province_code}.docx", key="knowledge_booklet",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
else:
    tell_a_story()
    mine = [e for e in knowledge.entries(store, workshop.id, include_unpublished=True)
            if e.participant_id == actor.participant_id and e.status != "published"]
    for e in mine:
        st.caption(ui.t("knowledge.my_story", title=ui.esc(e.title), status=ui.t(f"knowledge.status.{e.status}")))

st.subheader(ui.t("knowledge.search"), anchor=False)
c1, c2, c3 = st.columns([3, 2, 2])
words = c1.text_input(ui.t("knowledge.words"), key="k_words")
dimension = c2.selectbox(ui.t("col.dimension"), [None] + list(dims), key="k_filter_dim",
                         format_func=lambda d: ui.t("knowledge.any") if d is None else dims[d].name(lang))
kind = c3.selectbox(ui.t("knowledge.kind"), [None] + list(knowledge.KINDS), key="k_filter_kind",
                    format_func=lambda k: ui.t("knowledge.any") if k is None else ui.t(f"knowledge.kind.{k}"))
found = knowledge.search(everything, words, dimension=dimension, kind=kind)
st.caption(ui.t("knowledge.found", n=len(found), total=len(everything)))
for e in found:
    show(e)
