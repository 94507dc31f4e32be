"""Step 3.1: the partner organisations. The facilitator keeps the list (add, edit, accept what
participants propose, merge duplicates, turn names typed into projects into organisations) and
sees attendance and contributions by organisation; a participant names their own organisation and
proposes ones that are missing."""
import streamlit as st

from pages import partner_views, ui
from planning import partners, projects
from planning.participants import SECTORS
from planning.roles import FACILITATOR, PARTICIPANT

actor = ui.require_role(FACILITATOR, PARTICIPANT)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
is_facilitator = actor.role == FACILITATOR
st.title(ui.t("partners.title"))
ui.show_flash()
st.caption(ui.t("partners.intro"))

orgs = partners.list_partners(store, workshop.id)
by_id = {p.id: p for p in orgs}


def org_label(pid: str) -> str:
    p = by_id[pid]
    return f"{p.name(lang)} · {ui.t(f'sector.{p.sector}')}"


def brings_text(p: partners.Partner) -> str:
    return ", ".join(ui.t(f"brings.{b}") for b in p.brings)


def partner_fields(prefix: str, current: partners.Partner | None = None, contact: bool = True) -> dict:
    """The organisation's fields (inside a form)."""
    c1, c2 = st.columns(2)
    fields = dict(
        name_th=c1.text_input(ui.t("field.partner_name_th"), value=current.name_th if current else "",
                              max_chars=partners.NAME_MAX, key=f"{prefix}_name_th"),
        name_en=c2.text_input(ui.t("field.partner_name_en"), value=current.name_en if current else "",
                              max_chars=partners.NAME_MAX, key=f"{prefix}_name_en"),
        sector=c1.selectbox(ui.t("field.sector"), SECTORS, key=f"{prefix}_sector",
                            index=SECTORS.index(current.sector) if current else 0,
                            format_func=lambda s: ui.t(f"sector.{s}")),
        kind=c2.selectbox(ui.t("field.partner_kind"), partners.KINDS, key=f"{prefix}_kind",
                          index=partners.KINDS.index(current.kind) if current else 0,
                          format_func=lambda k: ui.t(f"kind.{k}")),
        brings=tuple(st.multiselect(ui.t("field.partner_brings"), partners.BRINGS, key=f"{prefix}_brings",
                                    default=list(current.brings) if current else [],
                                    format_func=lambda b: ui.t(f"brings.{b}"), placeholder=ui.t("common.choose"))))
    if contact:   # a participant proposing an organisation does not hand out its contacts here
        fields["contact_person"] = c1.text_input(ui.t("field.contact_person"), max_chars=partners.CONTACT_MAX,
                                                 value=current.contact_person if current else "", key=f"{prefix}_contact")
        fields["contact_channel"] = c2.text_input(ui.t("field.contact_channel"), max_chars=partners.CONTACT_MAX,
                                                  value=current.contact_channel if current else "", key=f"{prefix}_channel")
    st.caption(ui.t("partners.sector_help"))
    return fields


def organisation_table() -> None:
    if not orgs:
        st.info(ui.t("partners.none_yet"))
        return
    links = partners.project_links(store, workshop.id)
    count = {pid: sum(pid == lead or pid in others for lead, others in links.values()) for pid in by_id}
    st.dataframe([{ui.t("field.partner_name_th"): p.name_th, ui.t("field.partner_name_en"): p.name_en,
                   ui.t("field.sector"): ui.t(f"sector.{p.sector}"), ui.t("field.partner_kind"): ui.t(f"kind.{p.kind}"),
                   ui.t("field.partner_brings"): brings_text(p),
                   **({ui.t("field.contact_person"): p.contact_person, ui.t("field.contact_channel"): p.contact_channel}
                      if is_facilitator else {}),
                   ui.t("partners.col.projects"): count[p.id]} for p in orgs], hide_index=True, width="stretch", placeholder="–")


# ---- participants ------------------------------------------------------------------------------------
if not is_facilitator:
    st.subheader(ui.t("partners.my_org"))
    partner_views.my_organisation(workshop.id)
    st.subheader(ui.t("partners.list"))
    organisation_table()
    st.subheader(ui.t("partners.propose"))
    st.caption(ui.t("partners.propose_help"))
    with st.form("propose", clear_on_submit=True):
        fields = partner_fields("propose", contact=False)
        note = st.text_input(ui.t("field.note"), key="propose_note")
        is_own = st.checkbox(ui.t("partners.is_own"), key="propose_own")
        if st.form_submit_button(ui.t("partners.propose_submit"), type="primary"):
            ui.act(lambda: partners.propose(store, actor, workshop.id, note=note, is_own=is_own, **fields),
                   success=ui.t("partners.proposed", name=ui.esc(fields["name_th"])))
    st.stop()

# ---- facilitator -------------------------------------------------------------------------------------
pending = partners.pending_proposals(store, workshop.id)
duplicates = partners.duplicate_groups(store, workshop.id)
unlisted = partners.unlisted_names(store, workshop.id)
c1, c2, c3, c4 = st.columns(4)
c1.metric(ui.t("partners.metric.organisations"), len(orgs))
c2.metric(ui.t("partners.metric.proposals"), len(pending))
c3.metric(ui.t("partners.metric.duplicates"), len(duplicates))
c4.metric(ui.t("partners.metric.unlisted"), len(unlisted))
views = ["list", "add", "proposals", "duplicates", "from_projects", "rollup"]
view = ui.view_switch("partners_view", views, {v: ui.t(f"partners.view.{v}") for v in views})

if view == "list":
    organisation_table()
    if orgs:
        chosen = st.selectbox(ui.t("partners.edit"), list(by_id), key="partner_edit", format_func=org_label)
        with st.form(f"edit_{chosen}"):
            fields = partner_fields(f"edit_{chosen}", by_id[chosen])
            if st.form_submit_button(ui.t("partners.save"), type="primary"):
                ui.act(lambda: partners.update_partner(store, actor, workshop.id, chosen, **fields),
                       success=ui.t("partners.saved", name=ui.esc(fields["name_th"])), rerun=True)

elif view == "add":
    with st.form("add_partner"):
        fields = partner_fields("add")
        if st.form_submit_button(ui.t("partners.add"), type="primary"):
            ui.act(lambda: partners.add_partner(store, actor, workshop.id, **fields),
                   success=ui.t("partners.added", name=ui.esc(fields["name_th"])), rerun=True)

elif view == "proposals":
    if not pending:
        st.caption(ui.t("partners.no_proposals"))
    for x in pending:
        same = partners.find_duplicate(store, workshop.id, x.name_th, x.name_en)
        with st.container(border=True):
            st.markdown(f"**{ui.esc(x.name_th)}**" + (f" ({ui.esc(x.name_en)})" if x.name_en else "")
                        + f" · {ui.t(f'sector.{x.sector}')} · {ui.t(f'kind.{x.kind}')}")
            st.caption(ui.t("partners.proposed_by", name=ui.esc(x.proposer))
                       + (" · " + ui.t("partners.is_own_short") if x.is_own else "")
                       + (" · " + ui.esc(x.note) if x.note else ""))
            if same:
                st.warning(ui.t("partners.proposal_same", existing=ui.esc(same.name_th)), icon="⚠️")
            b1, b2 = st.columns(2)
            if same:
                if b1.button(ui.t("partners.accept_as", existing=ui.esc(same.name_th)), key=f"into_{x.id}"):
                    ui.act(lambda: partners.accept_proposal(store, actor, workshop.id, x.id, into_id=same.id),
                           success=ui.t("partners.accepted", name=ui.esc(same.name_th)), rerun=True)
            elif b1.button(ui.t("partners.accept"), key=f"accept_{x.id}", type="primary"):
                ui.act(lambda: partners.accept_proposal(store, actor, workshop.id, x.id),
                       success=ui.t("partners.accepted", name=ui.esc(x.name_th)), rerun=True)
            if b2.button(ui.t("partners.decline"), key=f"decline_{x.id}"):
                ui.act(lambda: partners.decline_proposal(store, actor, workshop.id, x.id),
                       success=ui.t("partners.declined", name=ui.esc(x.name_th)), rerun=True)

elif view == "duplicates":
    st.caption(ui.t("partners.duplicates_help"))
    if not duplicates:
        st.caption(ui.t("partners.no_duplicates"))
    for n, group in enumerate(duplicates):
        with st.container(border=True):
            ids = [p.id for p in group]
            keep = st.radio(ui.t("partners.keep"), ids, key=f"keep_{n}", format_func=lambda i: ui.esc(org_label(i)))
            others = [pid for pid in ids if pid != keep]
            st.caption(ui.t("partners.merge_into", names=ui.esc(", ".join(by_id[pid].name_th for pid in others)),
                            kept=ui.esc(by_id[keep].name_th)))
            if st.button(ui.t("partners.merge"), key=f"merge_{n}", type="primary"):
                def merge_all():
                    for pid in others:
                        partners.merge(store, actor, workshop.id, keep, pid)
                ui.act(merge_all, success=ui.t("partners.merged", name=ui.esc(by_id[keep].name_th)), rerun=True)

elif view == "from_projects":
    st.caption(ui.t("partners.unlisted_help"))
    if not unlisted:
        st.caption(ui.t("partners.no_unlisted"))
    plan = {p.id: p.name for p in projects.list_projects(store, workshop.id)}
    for n, u in enumerate(unlisted):
        with st.container(border=True):
            st.markdown(f"**{ui.esc(u.name)}**")
            st.caption(ui.t("partners.named_in", projects=ui.esc(", ".join(plan.get(i, "") for i in u.project_ids))))
            if u.match is not None:
                if st.button(ui.t("partners.link_to", existing=ui.esc(u.match.name_th)), key=f"link_{n}"):
                    ui.act(lambda: partners.adopt_name(store, actor, workshop.id, u.name, partner_id=u.match.id),
                           success=ui.t("partners.linked", name=ui.esc(u.match.name_th)), rerun=True)
                continue
            c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
            sector = c1.selectbox(ui.t("field.sector"), SECTORS, key=f"adopt_sector_{n}",
                                  index=SECTORS.index(u.sector) if u.sector else 0,
                                  format_func=lambda s: ui.t(f"sector.{s}"))
            kind = c2.selectbox(ui.t("field.partner_kind"), partners.KINDS, key=f"adopt_kind_{n}",
                                format_func=lambda k: ui.t(f"kind.{k}"))
            if c3.button(ui.t("partners.adopt"), key=f"adopt_{n}"):
                ui.act(lambda: partners.adopt_name(store, actor, workshop.id, u.name, sector=sector, kind=kind),
                       success=ui.t("partners.added", name=ui.esc(u.name)), rerun=True)

else:
    st.caption(ui.t("partners.rollup_help"))
    rollup = partners.rollup_by_organisation(store, workshop.id)
    st.dataframe([{ui.t("partners.col.organisation"): r.partner.name(lang) if r.partner else ui.t("partners.not_named"),
                   ui.t("field.sector"): ui.t(f"sector.{r.partner.sector}") if r.partner else "–",
                   ui.t("partners.col.joined"): r.joined, ui.t("partners.col.contributed"): r.contributed,
                   ui.t("partners.col.contributions"): r.contributions,
                   ui.t("partners.col.sessions"): r.attended_sessions} for r in rollup],
                 hide_index=True, width="stretch", placeholder="–")
