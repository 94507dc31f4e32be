"""Exports: every table of a workshop as CSV (in one zip), the attendance list as CSV, and the
rule that keeps spreadsheet cells from running as formulas. The plan document is in
plan_document (Word, PDF) and the workbooks in workbooks (Excel).

Text cells that start with = + - @ (or their full-width forms, or a tab, carriage return or line
feed, also after leading spaces) are neutralised with a leading apostrophe so a spreadsheet never
runs them as formulas (OWASP "CSV injection").
"""
from __future__ import annotations

import csv
import io
import zipfile

from planning import dates, text
from planning.store import Store

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value):
    if isinstance(value, str) and value.lstrip(" \u3000")[:1] in FORMULA_START and value[:1] != "'":
        return "'" + value
    return value


# ---- CSV --------------------------------------------------------------------------------------

# Tables holding a workshop's data; participant join tokens are never exported.
_WORKSHOP_TABLES = ("workshop", "participant", "swot_item", "swot_item_revision", "swot_vote", "positioning_statement",
                    "custom_indicator", "indicator_value", "dimension_idea", "idea_revision", "idea_score", "maturity_rating",
                    "focus_choice", "provincial_issue", "strategy", "measure", "project", "plan_text",
                    "activity", "candidate_project", "capacity_session", "checkpoint_actual",
                    "checkpoint_project", "checkpoint_review", "rollup_weight", "plan_version", "audit_log",
                    "knowledge_entry", "knowledge_status",
                    "partner", "partner_proposal", "participant_organisation", "link_activity", "cop_group",
                    "city_lab", "sustainability_score", "workshop_setting")
# Tables reached through a parent that holds the workshop: table -> (parent, foreign key).
_CHILD_TABLES = {
    "project_budget": ("project", "project_id"), "project_milestone": ("project", "project_id"),
    "project_kpi": ("project", "project_id"),
    "activity_option": ("activity", "activity_id"), "activity_state": ("activity", "activity_id"),
    "activity_ballot": ("activity", "activity_id"), "activity_answer": ("activity", "activity_id"),
    "activity_answer_review": ("activity", "activity_id"),
    "capacity_question": ("capacity_session", "session_id"), "capacity_phase": ("capacity_session", "session_id"),
    "capacity_attendance": ("capacity_session", "session_id"),
    "capacity_answer": ("capacity_session", "session_id"),
    "version_decision": ("plan_version", "version_id"), "version_comment": ("plan_version", "version_id"),
    "project_partner": ("project", "project_id"),
    "partner_proposal_decision": ("partner_proposal", "proposal_id"),
    "link_activity_partner": ("link_activity", "activity_id"),
    "cop_member": ("cop_group", "cop_id"), "cop_meeting": ("cop_group", "cop_id"),
    "city_lab_event": ("city_lab", "lab_id"),
}
# Two steps from the workshop: table -> (parent, foreign key, grandparent, parent's foreign key).
_GRANDCHILD_TABLES = {"city_lab_visitors": ("city_lab_event", "event_id", "city_lab", "lab_id")}
_HIDDEN_COLUMNS = {"token_hash"}


def workshop_tables() -> dict[str, str]:
    """Every table holding a workshop's data -> the condition (one `?`: the workshop id) that picks
    its rows, the workshop's own tables first, then those reached through them."""
    out = {table: ("id" if table == "workshop" else "workshop_id") + " = ?" for table in _WORKSHOP_TABLES}
    for table, (parent, fk) in _CHILD_TABLES.items():
        out[table] = fk + " IN (SELECT id FROM " + parent + " WHERE workshop_id = ?)"
    for table, (parent, fk, grand, parent_fk) in _GRANDCHILD_TABLES.items():
        out[table] = (fk + " IN (SELECT p.id FROM " + parent + " p JOIN " + grand + " g ON g.id = p." + parent_fk
                      + " WHERE g.workshop_id = ?)")
    return out


def all_rows(cur, workshop_id: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """table -> (column names, rows) of one workshop, join tokens included."""
    out = {}
    for table, where in workshop_tables().items():
        cur.execute("SELECT * FROM " + table + " WHERE " + where, [workshop_id])
        out[table] = ([d[0] for d in cur.description], cur.fetchall())
    return out


def table_rows(store: Store, workshop_id: str) -> dict[str, tuple[list[str], list[tuple]]]:
    with store.cursor() as cur:
        out = all_rows(cur, workshop_id)
    for table, (cols, rows) in list(out.items()):
        keep = [i for i, c in enumerate(cols) if c not in _HIDDEN_COLUMNS]
        out[table] = ([cols[i] for i in keep], [tuple(r[i] for i in keep) for r in rows])
    return out


def csv_zip(store: Store, workshop_id: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for table, (cols, rows) in table_rows(store, workshop_id).items():
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(cols)
            for row in rows:
                writer.writerow([neutralise(v) if isinstance(v, str) else
                                 ("|".join(map(str, v)) if isinstance(v, list) else v) for v in row])
            zf.writestr(f"{table}.csv", out.getvalue().encode("utf-8-sig"))
    return buf.getvalue()


# ---- capacity sessions ------------------------------------------------------------------------

def attendance_rows(store: Store, session_id: str, lang: str = "th", roster=None) -> tuple[list[str], list[list]]:
    """The attendance list as shown on screen (names as typed); exports neutralise them. `roster`:
    capacity.attendance_list already read by the caller."""
    from planning import capacity

    t = lambda key, **p: text.t(key, lang, **p)  # noqa: E731
    header = [t("col.number"), t("field.display_name"), t("field.sector"), t("capacity.first_seen"),
              t("capacity.pre_done"), t("capacity.post_done")]
    rows = [[n, r.name, t(f"sector.{r.sector}"), dates.format_date(r.first_seen.date(), lang),
             t("common.yes") if r.pre_done else t("common.no"), t("common.yes") if r.post_done else t("common.no")]
            for n, r in enumerate(capacity.attendance_list(store, session_id) if roster is None else roster, start=1)]
    return header, rows


def attendance_csv(store: Store, session_id: str, lang: str = "th") -> bytes:
    header, rows = attendance_rows(store, session_id, lang)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[neutralise(v) for v in r] for r in rows])
    return out.getvalue().encode("utf-8-sig")
