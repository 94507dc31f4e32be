"""Step 6: committee review. The facilitator submits a frozen version of the plan; reviewers read
it with its criteria checks and the changes since the previous version, comment per section, and
approve or return it with a resolution number and date. The audit trail is viewable here."""
import datetime as dt

import pandas as pd
import streamlit as st

from pages import ui
from planning import audit, dates, reading, review, roles, text, workshops
from planning.roles import FACILITATOR, REVIEWER

actor = ui.require_role(FACILITATOR, REVIEWER)
store = ui.store()
lang = ui.lang()
is_facilitator = actor.role == FACILITATOR
esc = text.escape_markdown
st.title(ui.t("review.title"))
if not is_facilitator:
    # A reviewer chooses among the workshops with submitted versions, the latest submission first.
    under_review = [w for w, _ in review.workshops_under_review(store)]
    if under_review:
        if st.session_state.get("workshop_id") not in under_review:
            ui.sign_in(actor, under_review[0])
        names = {w.id: w.name for w in workshops.list_workshops(store)}
        chosen_id = st.selectbox(ui.t("review.workshop"), under_review, key="review_workshop",
                                 index=under_review.index(st.session_state["workshop_id"]),
                                 format_func=lambda i: names.get(i, i))
        if chosen_id != st.session_state["workshop_id"]:
            ui.sign_in(actor, chosen_id)
            st.rerun()
workshop = ui.require_workshop()
ui.show_flash()


def when(stamp: dt.datetime) -> str:
    return reader.local_time(stamp)


reader = reading.Reader(store, workshop.id, lang)


versions = review.versions(store, workshop.id)
if is_facilitator:
    approved, diffs = review.draft_changes(store, workshop.id)
    if approved and diffs:
        st.warning(ui.t("review.draft_changed", number=approved.number), icon="✏️")
    pending = [v for v in versions if v.status == review.SUBMITTED]
    if pending:  # one version at a time: the next can be sent once the committee has decided
        st.info(ui.t("review.pending", number=pending[0].number, when=when(pending[0].submitted_at)), icon="⏳")
    else:
        with st.expander(ui.t("review.submit_title"), expanded=not versions), st.form("submit_version"):
            note = st.text_area(ui.t("field.version_note"), key="version_note", max_chars=review.NOTE_MAX)
            if st.form_submit_button(ui.t("review.submit"), type="primary"):
                ui.act(lambda: review.submit_version(store, actor, workshop.id, note),
                       success=lambda v: st.session_state.update(_version_pick=v.id)
                       or ui.t("review.submitted", number=v.number), rerun=True)
    with st.expander(ui.t("review.reviewer_password")):
        st.caption(ui.t("review.reviewer_password_help"))
        with st.form("reviewer_password"):
            pw = st.text_input(ui.t("field.password"), type="password", key="reviewer_pw")
            if st.form_submit_button(ui.t("review.set_password")):
                ui.act(lambda: roles.set_reviewer_password(store, actor, pw), success=ui.t("review.password_set"))

if not versions:
    st.info(ui.t("review.none"))
    st.stop()

st.dataframe(pd.DataFrame([{
    ui.t("review.version"): v.number, ui.t("col.status"): ui.t(f"review.status.{v.status}"),
    ui.t("review.submitted_at"): when(v.submitted_at), ui.t("field.version_note"): v.note,
    ui.t("field.resolution_no"): v.resolution_no or "",
    ui.t("field.resolution_date"): dates.format_date(v.resolution_date, lang) if v.resolution_date else "",
    ui.t("review.decided_by"): reader.person(v.decided_by) if v.decided_by else ""} for v in versions]), hide_index=True, width="stretch", placeholder="–")

by_id = {v.id: v for v in versions}
ui.keep_choice("version_pick", list(by_id))  # what was just created or submitted, else the current one
version = by_id[st.selectbox(ui.t("review.pick"), list(by_id), key="version_pick",
                             format_func=lambda i: ui.t("review.version_label", number=by_id[i].number,
                                                        status=ui.t(f"review.status.{by_id[i].status}")))]
snap = review.version_snapshot(store, version.id)
older = [v for v in versions if v.number < version.number]
previous = review.version_snapshot(store, older[0].id) if older else None
if version.status == review.APPROVED:
    st.success(ui.t("review.approved_banner", number=version.number, no=esc(version.resolution_no),
                    date=dates.format_date(version.resolution_date, lang)), icon="🔒")

AUDIT_SHOWN = 200  # the newest; the CSV holds them all
views = ["content", "criteria", "compare", "decision", "audit"]
view = ui.view_switch("review_view", views, {v: ui.t(f"review.view.{v}") for v in views})


def render_item(section: str, key: str, item: dict) -> str:
    """One item as the plan reads: its name in bold, then each field under its label. User text
    (titles, goals, objectives) is escaped; labels come from the catalogue."""
    lines = [f"**{esc(reader.title(section, key, item))}**"]
    lines += [f"{x.label}: {esc(x.value)}" for x in reader.lines(section, key, item)]
    return "  \n".join(lines)


def render_content() -> None:
    notes = review.comments(store, version.id)
    for section in review.SECTIONS:
        items = snap.get(section, {})
        mine = [c for c in notes if c.section == section]
        with st.expander(ui.t("review.section_title", section=ui.t(f"section.{section}"), n=len(items),
                              c=len(mine))):
            if not items:
                st.caption(ui.t("review.empty_section"))
            for key, item in items.items():
                st.markdown(render_item(section, key, item))
            for c in mine:
                st.markdown(f"💬 **{esc(reader.person(c.author))}** :gray[{reader.local_time(c.created_at)}]: {esc(c.text)}")
            if version.status != review.APPROVED:
                with st.form(f"comment_{section}", clear_on_submit=True):
                    body = st.text_area(ui.t("field.comment"), key=f"comment_text_{section}", height=70)
                    if st.form_submit_button(ui.t("review.add_comment")):
                        ui.act(lambda s=section, b=body: review.add_comment(store, actor, version.id, s, b),
                               success=ui.t("review.comment_saved"), rerun=True)


def criteria_result() -> None:
    """The checklist as frozen with the version: each item met or not, with what is missing."""
    checks = snap.get("criteria", {})
    done = sum(1 for c in checks.values() if c["complete"])
    st.progress(done / max(1, len(checks)), text=ui.t("review.criteria_done", done=done, total=len(checks)))
    for key, c in checks.items():
        title = esc(reader.title("criteria", key, c))
        if c["complete"]:
            st.markdown(f":green[**{ui.t('read.met')}**] · {title}")
            continue
        why = "; ".join(c.get("why", {}).get(lang, [])) if "why" in c else ""
        st.markdown(f":red[**{ui.t('read.not_met')}**] · {title}" + (f"  \n:gray[{esc(why)}]" if why else ""))


def render_criteria() -> None:
    criteria_result()


def render_compare() -> None:
    if previous is None:
        st.info(ui.t("review.first_version"))
    diffs = [d for d in review.compare(previous, snap) if not d.empty]
    if previous is not None and not diffs:
        st.info(ui.t("review.no_changes"))
    by_label = {section: {item.get("label"): (key, item) for key, item in snap.get(section, {}).items()}
                for section in review.SECTIONS}
    old_by_label = {section: {item.get("label"): (key, item) for key, item in (previous or {}).get(section, {}).items()}
                    for section in review.SECTIONS}
    for d in diffs:
        st.markdown(f"#### {ui.t(f'section.{d.section}')}")
        lines = []
        for label in d.added:
            key, item = by_label[d.section].get(label, (label, {"label": label}))
            lines.append(f":green[**{ui.t('review.added')}**] · {esc(reader.title(d.section, key, item))}")
        for label in d.removed:
            key, item = old_by_label[d.section].get(label, (label, {"label": label}))
            lines.append(f":red[**{ui.t('review.removed')}**] · {esc(reader.title(d.section, key, item))}")
        for ch in d.changed:
            item = snap[d.section].get(ch.key, {"label": ch.label})
            lines.append(f":orange[**{ui.t('review.changed')}**] · **{esc(reader.title(d.section, ch.key, item))}**")
            for f, before, after in ch.fields:
                change = reader.change(d.section, ch.key, f, before, after)
                if change is not None:
                    lines.append(f"{change.label}: {esc(change.before)} → {esc(change.after)}")
        st.markdown("  \n".join(lines))


def render_decision() -> None:
    if version.status != review.SUBMITTED:
        st.info(ui.t("review.decided", status=ui.t(f"review.status.{version.status}"), no=esc(version.resolution_no),
                     date=dates.format_date(version.resolution_date, lang), who=esc(reader.person(version.decided_by))))
        if version.reason:
            st.markdown(f"**{ui.t('field.return_reason')}**: {esc(version.reason)}")
        return
    if actor.role != REVIEWER:
        st.info(ui.t("review.awaiting"))
        return
    # The criteria result comes first: the committee approves knowing what the plan still lacks.
    st.markdown(f"**{ui.t('review.criteria_first')}**")
    criteria_result()
    decision = st.radio(ui.t("field.decision"), review.DECISIONS, horizontal=True, key="decision",
                        format_func=lambda d: ui.t(f"review.decision.{d}"))
    with st.form("decision"):
        number = st.text_input(ui.t("field.resolution_no"), key="resolution_no", max_chars=review.RESOLUTION_MAX)
        day = ui.date_field(ui.t("field.resolution_date"), key="resolution_date")
        if decision == review.RETURNED:
            reason = st.text_area(ui.t("field.return_reason"), key="return_reason", max_chars=review.COMMENT_MAX)
            confirmed = False
        else:
            reason = ""
            confirmed = st.checkbox(ui.t("review.confirm_approval", number=version.number), key="confirm_approval")
        if st.form_submit_button(ui.t("review.decide"), type="primary"):
            ui.act(lambda: review.decide(store, actor, version.id, decision, number, ui.typed_date(day),
                                         reason=reason, confirmed=confirmed),
                   success=lambda v: ui.t("review.decision_saved", status=ui.t(f"review.status.{v.status}")),
                   rerun=True)


def render_audit() -> None:
    entries = audit.entries(store, workshop.id)
    st.download_button(ui.t("review.audit_download"), data=lambda: reader.audit_csv(audit.entries(store, workshop.id)),
                       file_name=f"audit_{workshop.id[:8]}.csv", mime="text/csv", key="audit_csv")
    shown = entries[:AUDIT_SHOWN]
    lines = []
    for e in shown:
        s = reader.sentence(e)
        line = f":gray[{s.when}] · **{esc(s.who)}** {s.what}" + (f" “{esc(s.name)}”" if s.name else "")
        details = [f"{c.label}: {esc(c.before)} → {esc(c.after)}" for c in s.changes]
        if s.more:
            details.append(ui.t("read.more_fields", n=s.more))
        if details:
            line += "  \n:gray[" + " · ".join(details) + "]"
        lines.append(line)
    st.markdown("\n\n".join(lines) if lines else ui.t("review.audit_none"))
    if len(entries) > AUDIT_SHOWN:
        st.caption(ui.t("review.audit_more", shown=AUDIT_SHOWN, total=len(entries)))
    st.caption(ui.t("review.audit_local"))


{"content": render_content, "criteria": render_criteria, "compare": render_compare,
 "decision": render_decision, "audit": render_audit}[view]()
