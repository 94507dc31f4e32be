"""Exports: the master plan and action plan as a Thai Word document, the action plan as Excel,
and every table of a workshop as CSV (in one zip).

Text cells that start with = + - @ (or a tab or carriage return) are neutralised with a leading
apostrophe so a spreadsheet never runs them as formulas (OWASP "CSV injection").
"""
from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

from planning import (catalogue, criteria, dates, ideas, indicators, masterplan, positioning,
                      projects, rules, text)
from planning.store import Store
from planning.workshops import get_workshop

THAI_FONT = "Sarabun"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


# ---- Word -------------------------------------------------------------------------------------

def _set_font(style_or_run, size: float | None = None) -> None:
    """Sarabun for Latin and complex script (w:cs): without w:cs Word renders Thai in a fallback."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]  # theme fonts would override the explicit ones
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), THAI_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")
    if size:
        style_or_run.font.size = Pt(size)
        szcs = rpr.find(qn("w:szCs"))
        if szcs is None:
            szcs = rpr.makeelement(qn("w:szCs"), {})
            rpr.append(szcs)
        szcs.set(qn("w:val"), str(int(size * 2)))


def _table(doc, header: list[str], rows: list[list]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(str(title)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = "" if value is None else str(value)


def _num(v) -> str:
    return "" if v is None else f"{v:,.2f}".rstrip("0").rstrip(".")


def word_document(store: Store, workshop_id: str, lang: str = "th") -> bytes:
    from docx import Document

    t = lambda key, **p: text.t(key, lang, **p)  # noqa: E731
    w = get_workshop(store, workshop_id)
    dims = catalogue.dimensions()
    doc = Document()
    for name, size in (("Normal", 14), ("Title", 26), ("Heading 1", 20), ("Heading 2", 16), ("Table Grid", 12)):
        _set_font(doc.styles[name], size)

    doc.add_heading(t("export.doc_title", area=w.target_area), level=0)
    doc.add_paragraph(t("export.doc_subtitle", province=w.province.name(lang),
                        date=dates.format_date(w.start_date, lang, long=True), years=w.horizon_years))
    if w.is_sample:
        doc.add_paragraph(t("sample.banner"))

    doc.add_heading(t("export.section.positioning"), level=1)
    s = positioning.current_statements(store, workshop_id)
    if s:
        doc.add_paragraph(f"{t('field.vision')}: {s.vision}")
        doc.add_paragraph(f"{t('field.positioning')}: {s.positioning}")
        doc.add_paragraph(f"{t('vision.lead')}: " + ", ".join(dims[d].name(lang) for d in s.lead_dimensions))
    board = positioning.swot_board(store, workshop_id)
    _table(doc, [t("field.quadrant"), t("field.swot_text"), t("col.votes")],
           [[t(f"swot.quadrant.{q}"), i.text, i.votes] for q in positioning.QUADRANTS for i in board[q][:3]])

    doc.add_heading(t("export.section.dimensions"), level=1)
    focus = ideas.current_focus(store, workshop_id)
    if focus:
        doc.add_paragraph(f"{t('focus.choose')}: " + ", ".join(dims[d].name(lang) for d in focus.dimensions))
        doc.add_paragraph(focus.rationale)
        warning = rules.dimension_rule(focus.dimensions)
        doc.add_paragraph(t(warning or "focus.rule.ok", required=dims[rules.REQUIRED_DIMENSION].name(lang)))
    rows = indicators.indicator_rows(store, workshop_id, only_with_data=True)
    _table(doc, [t("col.dimension"), t("positioning.col.indicator"), t("col.unit"), t("col.baseline_value"),
                 t("col.baseline_year"), t("col.benchmark_value"), t("col.target_6m"), t("col.target_12m"),
                 t("col.target_horizon")],
           [[dims[r.indicator.dimension].name(lang), r.indicator.name(lang), r.indicator.unit,
             _num(r.values.baseline_value),
             dates.be_year(r.values.baseline_year) if r.values.baseline_year else "",
             _num(r.values.benchmark_value), _num(r.values.target_6m), _num(r.values.target_12m),
             _num(r.values.target_horizon)] for r in rows])

    doc.add_heading(t("export.section.strategies"), level=1)
    issue_title = {i.id: i.title for i in masterplan.issues(store, workshop_id)}
    all_measures = masterplan.measures(store, workshop_id)
    for st in masterplan.strategies(store, workshop_id):
        doc.add_heading(f"{dims[st.dimension].name(lang)}: {st.title}", level=2)
        if st.provincial_issue_id:
            doc.add_paragraph(f"{t('field.provincial_issue')}: {issue_title[st.provincial_issue_id]}")
        for m in all_measures:
            if m.strategy_id == st.id:
                doc.add_paragraph(m.title, style="List Bullet")

    doc.add_heading(t("export.section.projects"), level=1)
    plan = projects.list_projects(store, workshop_id)
    _table(doc, [t("field.project_name"), t("field.fiscal_year"), t("field.lead_agency"),
                 t("field.budget_source"), t("col.amount")],
           [[p.name, p.fiscal_year_be, p.lead_agency, ", ".join(t(f"source.{s}") for s in p.sources),
             money(p.total)] for p in plan])

    doc.add_heading(t("export.section.budget"), level=1)
    by_source: dict[str, Decimal] = {}
    by_year: dict[int, Decimal] = {}
    for r in projects.budget_rows(store, workshop_id):
        by_source[r.source] = by_source.get(r.source, Decimal(0)) + r.amount
        by_year[r.fiscal_year_be] = by_year.get(r.fiscal_year_be, Decimal(0)) + r.amount
    total = projects.total_budget(store, workshop_id)
    _table(doc, [t("field.budget_source"), t("col.amount")],
           [[t(f"source.{s}"), money(a)] for s, a in by_source.items()] + [[t("col.total"), money(total)]])
    _table(doc, [t("field.fiscal_year"), t("col.amount")],
           [[fy, money(a)] for fy, a in sorted(by_year.items())] + [[t("col.total"), money(total)]])

    doc.add_heading(t("export.section.criteria"), level=1)
    checks = criteria.five_components(store, workshop_id)
    doc.add_paragraph(t("criteria.completeness", pct=round(criteria.completeness(checks) * 100)))
    _table(doc, [t("criteria.component"), t("criteria.status"), t("criteria.missing")],
           [[f"{c.number}. {t(c.key)}", t("criteria.complete" if c.complete else "criteria.incomplete"),
             "; ".join(_missing(m, lang) for m in c.missing)] for c in checks])
    ctx = criteria.context(store, workshop_id)
    failed = [[p.name, t(f"source.{c.source}"), t(f"rule.{c.rule}")]
              for p in plan for c in criteria.budget_checks(p, ctx) if not c.passed]
    if failed:
        doc.add_paragraph(t("criteria.failed_checks"))
        _table(doc, [t("field.project_name"), t("field.budget_source"), t("criteria.rule")], failed)

    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            _set_font(run)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        _set_font(run)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _missing(item: str, lang: str) -> str:
    if item.startswith("dimension:"):
        code = item.split(":", 1)[1]
        return text.t("component.missing.services_in", lang, dimension=catalogue.dimensions()[code].name(lang))
    return text.t(item, lang)


def missing_text(item: str, lang: str) -> str:
    return _missing(item, lang)


# ---- Excel ------------------------------------------------------------------------------------

def action_plan_rows(store: Store, workshop_id: str, lang: str = "th") -> list[list]:
    """One row per project per budget source: the rows of the Excel action plan."""
    t = lambda key, **p: text.t(key, lang, **p)  # noqa: E731
    dims = catalogue.dimensions()
    strategy_title = {s.id: s.title for s in masterplan.strategies(store, workshop_id)}
    rows = []
    for p in projects.list_projects(store, workshop_id):
        for source, amount in p.amount_by_source().items():
            items = "; ".join(b.item for b in p.budget if b.source == source)
            rows.append([p.name, p.fiscal_year_be, strategy_title.get(p.strategy_id, ""),
                         ", ".join(dims[d].name(lang) for d in p.dimensions), p.lead_agency,
                         t(f"source.{source}"), items, amount])
    return rows


def excel_action_plan(store: Store, workshop_id: str, lang: str = "th") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    t = lambda key, **p: text.t(key, lang, **p)  # noqa: E731
    wb = Workbook()
    ws = wb.active
    ws.title = t("export.sheet.plan")[:31]
    header = [t("field.project_name"), t("field.fiscal_year"), t("field.strategy_title"), t("col.dimension"),
              t("field.lead_agency"), t("field.budget_source"), t("field.budget_item"), t("col.amount")]
    ws.append(header)
    rows = action_plan_rows(store, workshop_id, lang)
    for r in rows:
        ws.append([neutralise(v) if isinstance(v, str) else (float(v) if isinstance(v, Decimal) else v) for v in r])
    total = projects.total_budget(store, workshop_id)
    ws.append([t("col.total")] + [None] * 6 + [float(total)])
    for cell in ws[1] + ws[ws.max_row]:
        cell.font = Font(bold=True, name=THAI_FONT)
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row - 1, min_col=8, max_col=8):
        for cell in row:
            cell.number_format = "#,##0.00"
    for col, width in zip("ABCDEFGH", (40, 10, 36, 28, 30, 28, 36, 16)):
        ws.column_dimensions[col].width = width

    by_source = wb.create_sheet(t("export.sheet.sources")[:31])
    by_source.append([t("field.budget_source"), t("field.fiscal_year"), t("col.amount")])
    for r in projects.budget_rows(store, workshop_id):
        by_source.append([t(f"source.{r.source}"), r.fiscal_year_be, float(r.amount)])
    by_source.append([t("col.total"), None, float(total)])
    if get_workshop(store, workshop_id).is_sample:
        ws.append([])
        ws.append([t("sample.banner")])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---- CSV --------------------------------------------------------------------------------------

# Tables holding a workshop's data; participant join tokens are never exported.
_WORKSHOP_TABLES = ("workshop", "participant", "swot_item", "swot_vote", "positioning_statement",
                    "custom_indicator", "indicator_value", "dimension_idea", "idea_score", "maturity_rating",
                    "focus_choice", "provincial_issue", "strategy", "measure", "project",
                    "activity", "candidate_project", "capacity_session", "checkpoint_actual",
                    "checkpoint_project", "checkpoint_review", "rollup_weight", "plan_version", "audit_log")
# Tables reached through a parent that holds the workshop: table -> (parent, foreign key).
_CHILD_TABLES = {
    "project_budget": ("project", "project_id"), "project_milestone": ("project", "project_id"),
    "project_kpi": ("project", "project_id"),
    "activity_option": ("activity", "activity_id"), "activity_state": ("activity", "activity_id"),
    "activity_ballot": ("activity", "activity_id"), "activity_answer": ("activity", "activity_id"),
    "capacity_question": ("capacity_session", "session_id"), "capacity_phase": ("capacity_session", "session_id"),
    "capacity_attendance": ("capacity_session", "session_id"),
    "capacity_answer": ("capacity_session", "session_id"),
    "version_decision": ("plan_version", "version_id"), "version_comment": ("plan_version", "version_id"),
}
_HIDDEN_COLUMNS = {"token_hash"}


def table_rows(store: Store, workshop_id: str) -> dict[str, tuple[list[str], list[tuple]]]:
    out = {}
    with store.cursor() as cur:
        for table in _WORKSHOP_TABLES:
            key = "id" if table == "workshop" else "workshop_id"
            cur.execute("SELECT * FROM " + table + " WHERE " + key + " = ?", [workshop_id])
            out[table] = ([d[0] for d in cur.description], cur.fetchall())
        for table, (parent, fk) in _CHILD_TABLES.items():
            cur.execute("SELECT t.* FROM " + table + " t JOIN " + parent + " p ON p.id = t." + fk
                        + " WHERE p.workshop_id = ?", [workshop_id])
            out[table] = ([d[0] for d in cur.description], cur.fetchall())
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

def attendance_rows(store: Store, session_id: str, lang: str = "th") -> tuple[list[str], list[list]]:
    from planning import capacity

    t = lambda key, **p: text.t(key, lang, **p)  # noqa: E731
    header = [t("col.number"), t("field.display_name"), t("field.sector"), t("capacity.first_seen"),
              t("capacity.pre_done"), t("capacity.post_done")]
    rows = [[n, neutralise(r.name), t(f"sector.{r.sector}"), dates.format_date(r.first_seen.date(), lang),
             t("common.yes") if r.pre_done else t("common.no"), t("common.yes") if r.post_done else t("common.no")]
            for n, r in enumerate(capacity.attendance_list(store, session_id), start=1)]
    return header, rows


def attendance_excel(store: Store, session_id: str, lang: str = "th") -> bytes:
    """The attendance list a certificate is printed from."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from planning import capacity

    session = capacity.get_session(store, session_id)
    header, rows = attendance_rows(store, session_id, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = text.t("capacity.sheet", lang)[:31]
    ws.append([session.title, dates.format_date(session.held_on, lang)])
    ws.append(header)
    for r in rows:
        ws.append(r)
    for cell in ws[1] + ws[2]:
        cell.font = Font(bold=True, name=THAI_FONT)
    for col, width in zip("ABCDEF", (6, 32, 24, 20, 14, 14)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def attendance_csv(store: Store, session_id: str, lang: str = "th") -> bytes:
    header, rows = attendance_rows(store, session_id, lang)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")
