"""Excel workbooks ready to print: the annual action plan (one row per project per budget source,
an amount column per fiscal year) with its summary by source and fiscal year, and the attendance
list certificates are printed from.

Every cell in the Thai font, number formats with separators (two decimals only where there are
satang), widths and wrapping that fit, a frozen header with a filter, landscape fit-to-width on A4
with the header row printed on every page, and a title block. Every text cell is neutralised
against formula injection (exports.neutralise).
"""
from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from planning import catalogue, dates, masterplan, plan_document, projects, text
from planning.exports import neutralise
from planning.store import Store

FONT = "TH SarabunPSK"
SIZE = 14
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
WHOLE, SATANG = '#,##0;-#,##0;"–"', '#,##0.00;-#,##0.00;"–"'   # zero shows as a dash
LINE_PT = 21          # one line of 14 pt TH SarabunPSK, with its room for stacked marks


def _money_format(value: Decimal) -> str:
    return WHOLE if value == value.to_integral_value() else SATANG


def _width(value) -> float:
    """Excel column width (characters of the default font) a value needs on one line; Thai
    above/below marks take no width."""
    s = "" if value is None else (f"{value:,.2f}" if isinstance(value, (Decimal, float)) else str(value))
    longest = max((line for line in s.split("\n")), key=len, default="")
    marks = sum(1 for ch in longest if ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e")
    return (len(longest) - marks) * 1.45 + 2   # a 14 pt TH SarabunPSK character in Excel width units


class _Sheet:
    """Writes cells in the Thai font and remembers what each column needs."""

    def __init__(self, ws):
        self.ws = ws
        self.needs: dict[int, float] = {}

    def cell(self, row: int, col: int, value, *, bold=False, size=SIZE, money=False, wrap=False, fill=None,
             border=True, align=None, measure=True):
        if isinstance(value, str):
            value = neutralise(value)
        c = self.ws.cell(row=row, column=col, value=float(value) if isinstance(value, Decimal) else value)
        c.font = Font(name=FONT, size=size, bold=bold)
        if money and isinstance(value, Decimal):
            c.number_format = _money_format(value)
        c.alignment = Alignment(wrap_text=wrap, vertical="top",
                                horizontal=align or ("right" if money else "left"))
        if border:
            c.border = BORDER
        if fill:
            c.fill = fill
        if measure:
            self.needs[col] = max(self.needs.get(col, 0), _width(value))
        return c

    def fit_columns(self, caps: dict[int, float] | None = None, minimum: float = 6, first_row: int = 1) -> None:
        """Each column as wide as its longest line up to its cap; then every row from first_row
        tall enough for its wrapped text (stored, so every spreadsheet shows the whole text)."""
        widths = {}
        for col, need in self.needs.items():
            widths[col] = max(minimum, min(need, (caps or {}).get(col, 60)))
            self.ws.column_dimensions[get_column_letter(col)].width = widths[col]
        for row in self.ws.iter_rows(min_row=first_row):
            lines = 1
            for c in row:
                if c.value is None or c.column not in widths or not (c.alignment and c.alignment.wrap_text):
                    continue
                room = max(1.0, widths[c.column] - 1)
                lines = max(lines, sum(max(1, -(-(_width(part) - 2) // room)) for part in str(c.value).split("\n")))
            self.ws.row_dimensions[row[0].row].height = max(self.ws.row_dimensions[row[0].row].height or 0,
                                                             LINE_PT * int(lines) + 8)


def _print_setup(ws, title_rows: str, landscape: bool = True, header_text: str = "") -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0          # as many pages down as it takes
    ws.print_title_rows = title_rows
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.7, 0.6
    ws.oddHeader.right.text = header_text.replace("&", "&&")
    ws.oddHeader.right.size = 10
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.center.size = 10


def _title_block(sheet: _Sheet, lines: list[str], width_cols: int) -> int:
    """Title lines merged across the table's width; returns the next free row."""
    for n, line in enumerate(lines, start=1):
        sheet.cell(n, 1, line, bold=n == 1, size=18 if n == 1 else SIZE, border=False, measure=False)
        sheet.ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=max(1, width_cols))
        sheet.ws.row_dimensions[n].height = 30 if n == 1 else LINE_PT + 2
    return len(lines) + 2


def action_plan(store: Store, workshop_id: str, lang: str = "th") -> bytes:
    """The action plan workbook: the project sheet and the summary by source and fiscal year."""
    p = plan_document.load(store, workshop_id, lang)
    t = p.t
    dims = catalogue.dimensions()
    strategy_no, measure_no, ordered = plan_document._numbered(p)
    strategy = {s.id: s for s in masterplan.strategies(store, workshop_id)}
    years = plan_document._budget_years(p)
    status = (t("doc.version_approved", number=p.approved.number, resolution=p.approved.resolution_no or "",
                date=p.date(p.approved.resolution_date) if p.approved.resolution_date else "")
              if p.approved else t("doc.version_draft", date=p.date(p.today)))
    title = [t("doc.title", area=p.workshop.target_area) + ("" if p.approved else f" ({t('doc.draft')})"),
             f"{t('doc.cover_province', province=p.province.name(lang))} · {p.years_label(p.fiscal_years)}",
             status] + ([t("sample.banner")] if p.workshop.is_sample else [])

    wb = Workbook()
    ws = wb.active
    ws.title = t("export.sheet.plan")[:31]
    sheet = _Sheet(ws)
    # the printed sheet: what the committee reads across one landscape page
    header = [t("doc.col.no"), t("field.strategy_title"), t("field.project_name"), t("field.lead_agency"),
              t("field.budget_source"), t("field.budget_item")] + \
             [t("doc.col.year", year=p.fy(y)) for y in years] + [t("col.total")]
    first_amount = len(header) - len(years)
    top = _title_block(sheet, title, len(header))
    for col, value in enumerate(header, start=1):
        sheet.cell(top, col, value, bold=True, fill=HEADER_FILL, wrap=True, align="center")
    row = top + 1
    for n, q in enumerate(ordered, start=1):
        s = strategy.get(q.strategy_id)
        for source in q.sources:
            items = "; ".join(dict.fromkeys(b.item for b in q.budget if b.source == source and b.item))
            values = [n, f"{strategy_no.get(q.strategy_id, '')}. {s.title}" if s else "", q.name, q.lead_agency,
                      t(f"source.{source}"), items]
            for col, value in enumerate(values, start=1):
                sheet.cell(row, col, value, wrap=col > 1, align="center" if col == 1 else None)
            for k, y in enumerate(years):   # 0 where there is none: it prints as a dash and still adds up
                sheet.cell(row, first_amount + k, q.amount(source, y), money=True)
            if source in projects.NON_MONEY_SOURCES:
                sheet.cell(row, first_amount + len(years), t("doc.not_money"), align="right")
            else:
                sheet.cell(row, first_amount + len(years), q.amount_by_source()[source], money=True)
            row += 1
    data_last = row - 1
    sheet.cell(row, 1, "", fill=TOTAL_FILL)
    sheet.cell(row, 2, t("col.total"), bold=True, fill=TOTAL_FILL)
    for col in range(3, first_amount):
        sheet.cell(row, col, "", fill=TOTAL_FILL)
    by_year = {y: Decimal(0) for y in years}
    for r in projects.budget_rows(store, workshop_id):
        by_year[r.fiscal_year_be] = by_year.get(r.fiscal_year_be, Decimal(0)) + r.amount
    for k, y in enumerate(years):
        sheet.cell(row, first_amount + k, by_year[y], money=True, bold=True, fill=TOTAL_FILL)
    sheet.cell(row, first_amount + len(years), projects.total_budget(store, workshop_id), money=True, bold=True,
               fill=TOTAL_FILL)
    # text columns wrap at a readable width; amounts take what their longest figure needs
    sheet.fit_columns(caps={1: 5, 2: 16, 3: 28, 4: 18, 5: 14, 6: 14}, first_row=top)
    ws.freeze_panes = ws.cell(row=top + 1, column=4)          # header and the project's name stay in view
    ws.auto_filter.ref = f"A{top}:{get_column_letter(len(header))}{max(top, data_last)}"
    _print_setup(ws, f"{top}:{top}", header_text=title[0])

    # every project's details, one row each, for reading and filtering
    details = wb.create_sheet(t("export.sheet.details")[:31])
    sheet3 = _Sheet(details)
    head3 = [t("doc.col.no"), t("field.strategy_title"), t("field.measure_title"), t("field.project_name"),
             t("field.objective"), t("col.dimension"), t("field.target_group"), t("field.lead_agency"),
             t("field.partners"), t("doc.col.kpi"), t("doc.col.fiscal_year"), t("col.total")]
    top3 = _title_block(sheet3, title[:2] + [t("export.sheet.details")], len(head3))
    for col, value in enumerate(head3, start=1):
        sheet3.cell(top3, col, value, bold=True, fill=HEADER_FILL, wrap=True, align="center")
    for n, q in enumerate(ordered, start=1):
        s = strategy.get(q.strategy_id)
        measure = measure_no.get(q.measure_id)
        values = [n, f"{strategy_no.get(q.strategy_id, '')}. {s.title}" if s else "",
                  f"{measure[0]}.{measure[1]} {measure[2]}" if measure else "", q.name, q.objective,
                  ", ".join(dims[d].name(lang) for d in q.dimensions), q.target_group, q.lead_agency,
                  ", ".join(x for names in q.partners.values() for x in names),
                  "\n".join(plan_document._kpi_lines(p, q)),
                  p.fy(q.fiscal_year_be) if q.last_year == q.fiscal_year_be else f"{p.fy(q.fiscal_year_be)}–{p.fy(q.last_year)}"]
        for col, value in enumerate(values, start=1):
            sheet3.cell(top3 + n, col, value, wrap=col > 1, align="center" if col in (1, 11) else None)
        sheet3.cell(top3 + n, len(head3), q.total, money=True)
    sheet3.fit_columns(caps={1: 5, 2: 22, 3: 20, 4: 30, 5: 30, 6: 16, 7: 20, 8: 22, 9: 22, 10: 30, 11: 12},
                       first_row=top3)
    details.freeze_panes = details.cell(row=top3 + 1, column=5)
    details.auto_filter.ref = f"A{top3}:{get_column_letter(len(head3))}{top3 + max(1, len(ordered))}"
    _print_setup(details, f"{top3}:{top3}", header_text=title[0])

    summary = wb.create_sheet(t("export.sheet.sources")[:31], 1)
    sheet2 = _Sheet(summary)
    top2 = _title_block(sheet2, title[:2] + [t("doc.part5.by_source")], 3)
    for col, value in enumerate([t("field.budget_source"), t("field.fiscal_year"), t("col.amount")], start=1):
        sheet2.cell(top2, col, value, bold=True, fill=HEADER_FILL, align="center")
    totals: dict[tuple[str, int], Decimal] = {}
    for r in projects.budget_rows(store, workshop_id):   # summed across dimensions: one row per pair
        totals[(r.source, r.fiscal_year_be)] = totals.get((r.source, r.fiscal_year_be), Decimal(0)) + r.amount
    order = {s: n for n, s in enumerate(projects.BUDGET_SOURCES)}
    row = top2 + 1
    for (source, year), amount in sorted(totals.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        sheet2.cell(row, 1, t(f"source.{source}"))
        sheet2.cell(row, 2, int(p.fy(year)), align="center")
        sheet2.cell(row, 3, amount, money=True)
        row += 1
    sheet2.cell(row, 1, t("col.total"), bold=True, fill=TOTAL_FILL)
    sheet2.cell(row, 2, "", fill=TOTAL_FILL)
    sheet2.cell(row, 3, projects.total_budget(store, workshop_id), money=True, bold=True, fill=TOTAL_FILL)
    sheet2.fit_columns(minimum=12, first_row=top2)
    summary.freeze_panes = summary.cell(row=top2 + 1, column=1)
    summary.auto_filter.ref = f"A{top2}:C{max(top2, row - 1)}"
    _print_setup(summary, f"{top2}:{top2}", landscape=False, header_text=title[0])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def attendance(store: Store, session_id: str, lang: str = "th") -> bytes:
    """The attendance list for certificates: who attended, with empty position, agency and
    signature columns to complete on paper."""
    from planning import capacity, exports

    session = capacity.get_session(store, session_id)
    header, rows = exports.attendance_rows(store, session_id, lang)
    header = header + [text.t("attendance.position", lang), text.t("attendance.agency", lang),
                       text.t("attendance.signature", lang)]
    wb = Workbook()
    ws = wb.active
    ws.title = text.t("capacity.sheet", lang)[:31]
    sheet = _Sheet(ws)
    top = _title_block(sheet, [session.title, text.t("attendance.held_on", lang,
                                                      date=dates.format_date(session.held_on, lang, long=True))],
                       len(header))
    for col, value in enumerate(header, start=1):
        sheet.cell(top, col, value, bold=True, fill=HEADER_FILL, wrap=True, align="center")
    for n, r in enumerate(rows, start=1):
        for col, value in enumerate(list(r) + ["", "", ""], start=1):
            sheet.cell(top + n, col, value, align="center" if col == 1 else None)
        ws.row_dimensions[top + n].height = 30     # room to sign
    sheet.fit_columns(caps={2: 34}, first_row=top)
    for col, width in zip(range(len(header) - 2, len(header) + 1), (20, 26, 24)):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    _print_setup(ws, f"{top}:{top}", landscape=True, header_text=session.title)
    ws.auto_filter.ref = f"A{top}:{get_column_letter(len(header))}{top + max(1, len(rows))}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
