"""Step 6: committee review. The facilitator submits a frozen version of the plan; reviewers read
it with its criteria checks and the changes since the previous version, comment per section, and
approve or return it with a resolution number and date. The audit trail is viewable here."""
import datetime as dt

import pandas as pd
import streamlit as st

from pages import ui
from planning import audit, criteria, dates, review, roles, text, workshops
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
    return dates.format_date(stamp.date(), lang)


def value_text(v) -> str:
    if isinstance(v, bool):
        return "✅" if v else "❌"
    if isinstance(v, float):
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    if isinstance(v, dict):
        return "; ".join(f"{k}: {value_text(x)}" for k, x in v.items())
    if isinstance(v, list):
        return ", ".join(value_text(x) for x in v)
    return "–" if v is None or v == "" else str(v)


def item_label(section: str, label: str) -> str:
    if section != "criteria":
        return label
    # versions frozen before the checklist named the five components by catalogue key
    return ui.t(label) if label.startswith("component.") else criteria.item_name(label, lang)


versions = review.versions(store, workshop.id)
if is_facilitator:
    approved, diffs = review.draft_changes(store, workshop.id)
    if approved and diffs:
        st.warning(ui.t("review.draft_changed", number=approved.number), icon="✏️")
    with st.expander(ui.t("review.submit_title"), expanded=not versions):
        with st.form("submit_version"):
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
    ui.t("review.decided_by"): v.decided_by or ""} for v in versions]), hide_index=True, width="stretch")

by_id = {v.id: v for v in versions}
if st.session_state.get("_version_pick") in by_id:  # just submitted: show it
    st.session_state["version_pick"] = st.session_state.pop("_version_pick")
if st.session_state.get("version_pick") not in by_id:
    st.session_state["version_pick"] = versions[0].id
version = by_id[st.selectbox(ui.t("review.pick"), list(by_id), key="version_pick",
                             format_func=lambda i: ui.t("review.version_label", number=by_id[i].number,
                                                        status=ui.t(f"review.status.{by_id[i].status}")))]
snap = review.version_snapshot(store, version.id)
older = [v for v in versions if v.number < version.number]
previous = review.version_snapshot(store, older[0].id) if older else None
if version.status == review.APPROVED:
    st.success(ui.t("review.approved_banner", number=version.number, no=esc(version.resolution_no),
                    date=dates.format_date(version.resolution_date, lang)), icon="🔒")

views = ["content", "criteria", "compare", "decision", "audit"]
view = ui.view_switch("review_view", views, {v: ui.t(f"review.view.{v}") for v in views})


def render_content() -> None:
    notes = review.comments(store, version.id)
    for section in review.SECTIONS:
        items = snap.get(section, {})
        mine = [c for c in notes if c.section == section]
        with st.expander(ui.t("review.section_title", section=ui.t(f"section.{section}"), n=len(items),
                              c=len(mine))):
            lines = []
            for item in items.values():
                fields = " · ".join(f"{k}: {esc(value_text(v))}" for k, v in item.items() if k != "label")
                lines.append(f"**{esc(item_label(section, item['label']))}** :gray[{fields}]")
            st.markdown("  \n".join(lines) if lines else ui.t("review.empty_section"))
            for c in mine:
                st.markdown(f"💬 **{esc(c.author)}** :gray[{when(c.created_at)}]: {esc(c.text)}")
            if version.status != review.APPROVED:
                with st.form(f"comment_{section}", clear_on_submit=True):
                    body = st.text_area(ui.t("field.comment"), key=f"comment_text_{section}", height=70)
                    if st.form_submit_button(ui.t("review.add_comment")):
                        ui.act(lambda s=section, b=body: review.add_comment(store, actor, version.id, s, b),
                               success=ui.t("review.comment_saved"), rerun=True)


def render_criteria() -> None:
    checks = snap.get("criteria", {})
    done = sum(1 for c in checks.values() if c["complete"])
    st.progress(done / max(1, len(checks)), text=ui.t("review.criteria_done", done=done, total=len(checks)))
    for c in checks.values():
        if "why" in c:  # the checklist, with its reasons frozen in both languages
            why = "; ".join(c["why"].get(lang, []))
            st.markdown(("✅ " if c["complete"] else "❌ ") + esc(item_label("criteria", c["label"]))
                        + (f" :gray[· {esc(why)}]" if why else ""))
            continue
        missing = ", ".join(ui.t(m) if not m.startswith("dimension:") else m.split(":", 1)[1] for m in c["missing"])
        st.markdown(("✅ " if c["complete"] else "❌ ") + ui.t(c["label"])
                    + (f" :gray[· {ui.t('review.missing')}: {esc(missing)}]" if missing else ""))


def render_compare() -> None:
    if previous is None:
        st.info(ui.t("review.first_version"))
    diffs = [d for d in review.compare(previous, snap) if not d.empty]
    if previous is not None and not diffs:
        st.info(ui.t("review.no_changes"))
    for d in diffs:
        st.markdown(f"#### {ui.t(f'section.{d.section}')}")
        lines = [f"➕ {esc(item_label(d.section, x))}" for x in d.added]
        lines += [f"➖ ~~{esc(item_label(d.section, x))}~~" for x in d.removed]
        for ch in d.changed:
            parts = "; ".join(f"{f}: {esc(value_text(a))} → {esc(value_text(b))}" for f, a, b in ch.fields)
            lines.append(f"✏️ **{esc(item_label(d.section, ch.label))}**: {parts}")
        st.markdown("  \n".join(lines))


def render_decision() -> None:
    if version.status != review.SUBMITTED:
        st.info(ui.t("review.decided", status=ui.t(f"review.status.{version.status}"), no=esc(version.resolution_no),
                     date=dates.format_date(version.resolution_date, lang), who=esc(version.decided_by)))
        return
    if actor.role != REVIEWER:
        st.info(ui.t("review.awaiting"))
        return
    with st.form("decision"):
        decision = st.radio(ui.t("field.decision"), review.DECISIONS, horizontal=True, key="decision",
                            format_func=lambda d: ui.t(f"review.decision.{d}"))
        number = st.text_input(ui.t("field.resolution_no"), key="resolution_no", max_chars=review.RESOLUTION_MAX)
        day = ui.date_field(ui.t("field.resolution_date"), key="resolution_date")
        if st.form_submit_button(ui.t("review.decide"), type="primary"):
            ui.act(lambda: review.decide(store, actor, version.id, decision, number, ui.typed_date(day)),
                   success=lambda v: ui.t("review.decision_saved", status=ui.t(f"review.status.{v.status}")),
                   rerun=True)


def render_audit() -> None:
    entries = audit.entries(store, workshop.id)
    st.download_button(ui.t("review.audit_download"), data=lambda: audit.csv_bytes(store, workshop.id),
                       file_name=f"audit_{workshop.id[:8]}.csv", mime="text/csv", key="audit_csv")
    st.dataframe(pd.DataFrame([{
        ui.t("col.when"): e.at.strftime("%Y-%m-%d %H:%M:%S"), ui.t("col.who"): e.who,
        ui.t("col.action"): e.action, ui.t("col.what"): f"{e.entity} {e.entity_id[:12]}",
        ui.t("col.old"): e.before or "", ui.t("col.new"): e.after or ""} for e in entries]),
        hide_index=True, width="stretch")
    st.caption(ui.t("review.audit_utc"))


{"content": render_content, "criteria": render_criteria, "compare": render_compare,
 "decision": render_decision, "audit": render_audit}[view]()
