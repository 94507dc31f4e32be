"""The plan document the provincial committee reads and approves: the master plan and the annual
action plan as a Thai government-style Word file (and the same content as PDF).

Sections follow the order a Thai provincial plan uses: cover, table of contents, introduction and
general conditions of the area, SWOT and positioning, vision - mission - goals, strategies (each
with its goal, indicators and targets, measures and projects), the annual action plan with the
project list (บัญชีโครงการ) in a landscape section, budget summaries, investment plans,
participation and key partners, monitoring and evaluation, and annexes (criteria checklist, every
indicator, the committee's decision). A document is produced for any plan, however incomplete:
what is missing shows as a placeholder and in the checklist.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from planning import (capacity, catalogue, checkpoints, citylab, communities, criteria, dates, ideas, indicators,
                      map_image, masterplan, network, network_image, participants, partners, pdf, plan_texts,
                      positioning, projects, review, rules, summary, text, upkeep)
from planning.projects import baht
from planning.store import Store
from planning.word import CELL_MARGIN_CM, SMALL_TABLE_PT, TABLE_PT, Cell, Column, WordDocument, text_width_cm
from planning.workshops import get_workshop

THAI_TIME = ZoneInfo("Asia/Bangkok")
YEARS_PER_TABLE = 5          # fiscal-year amount columns in one landscape project table
SWOT_SHOWN = 5               # items per quadrant in the document (the board keeps all)
PAD_CM = 2 * CELL_MARGIN_CM + 0.2    # a column's width beyond its longest text: cell margins and a safety
TEXT_COLUMNS_MIN_CM = 7.0             # the project cell (name, KPIs, agencies) is never narrower
LONG_LIST = 30                        # projects from which the project list is set in 12 pt
ONE_TABLE_TEXT_CM = 9.0               # all fiscal years in one table when this much is left for the text


def number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass
class Plan:
    """Everything the document shows, read once."""
    lang: str
    workshop: object
    province: object
    statements: object
    texts: dict
    focus: object
    issues: list
    strategies: list
    measures: list
    projects: list
    inds: dict
    values: dict
    board: dict
    participation: dict
    sessions: list
    checklist: list
    versions: list
    approved: object            # the approved version the current plan equals, or None
    fiscal_years: list
    today: dt.date

    def t(self, key: str, **params) -> str:
        return text.t(key, self.lang, **params)

    def fy(self, fy_be: int) -> str:
        """A fiscal year as the reader counts it: B.E. in Thai, the Gregorian end year in English."""
        return str(fy_be) if self.lang == "th" else str(dates.ce_year(fy_be))

    def years_label(self, years: list[int]) -> str:
        if not years:
            return ""
        span = self.fy(years[0]) if len(years) == 1 else f"{self.fy(years[0])}–{self.fy(years[-1])}"
        return self.t("doc.fiscal_years", years=span)

    def date(self, day: dt.date) -> str:
        return dates.format_date(day, self.lang, long=True)

    def missing(self, what_key: str) -> str:
        return self.t("doc.not_stated", what=self.t(what_key))

    def dim(self, code: str) -> str:
        d = catalogue.dimensions().get(code)
        return d.name(self.lang) if d else code


def load(store: Store, workshop_id: str, lang: str, today: dt.date | None = None) -> Plan:
    w = get_workshop(store, workshop_id)
    approved, diffs = review.draft_changes(store, workshop_id)
    return Plan(
        lang=lang, workshop=w, province=w.province, statements=positioning.current_statements(store, workshop_id),
        texts=plan_texts.current(store, workshop_id), focus=ideas.current_focus(store, workshop_id),
        issues=masterplan.issues(store, workshop_id), strategies=masterplan.strategies(store, workshop_id),
        measures=masterplan.measures(store, workshop_id), projects=projects.list_projects(store, workshop_id),
        inds=indicators.indicator_map(store, workshop_id), values=indicators.current_values(store, workshop_id),
        board=positioning.swot_board(store, workshop_id), participation=participants.participation(store, workshop_id),
        sessions=capacity.list_sessions(store, workshop_id), checklist=criteria.checklist(store, workshop_id),
        versions=review.versions(store, workshop_id), approved=approved if approved and not diffs else None,
        fiscal_years=dates.plan_fiscal_years(w.start_date, w.horizon_years),
        today=today or dt.datetime.now(THAI_TIME).date())


# ---- the document -----------------------------------------------------------------------------

def build(store: Store, workshop_id: str, lang: str = "th", pages: dict[str, int] | None = None,
          today: dt.date | None = None) -> WordDocument:
    p = load(store, workshop_id, lang, today)
    title = p.t("doc.title", area=p.workshop.target_area)
    doc = WordDocument(header_text=title + ("" if p.approved else f" ({p.t('doc.draft')})"))
    doc.core_properties(title, p.texts["prepared_by"] or p.t("app.title"))
    _cover(doc, p, title)
    _contents_page(doc, p)
    _introduction(doc, p, store)
    _analysis(doc, p, store)
    _vision(doc, p)
    _strategies(doc, p)
    _action_plan(doc, p, store)
    _investment(doc, p)
    _participation(doc, p, store)
    _monitoring(doc, p, store)
    _annexes(doc, p)
    doc.write_contents(pages)    # now that every heading is known
    return doc


def word_document(store: Store, workshop_id: str, lang: str = "th", today: dt.date | None = None,
                  layout: bool = True) -> bytes:
    """The .docx, with page numbers in the table of contents when LibreOffice can lay it out
    (layout=False: without them; Word fills them in when the file opens)."""
    if layout:
        return plan_files(store, workshop_id, lang, today, want_pdf=False)[0]
    doc = build(store, workshop_id, lang, today=today)
    doc.update_fields_on_open()
    return doc.to_bytes()


def plan_files(store: Store, workshop_id: str, lang: str = "th", today: dt.date | None = None,
               want_pdf: bool = True) -> tuple[bytes, bytes | None]:
    """(docx, pdf). The document is laid out once by LibreOffice to learn on which page every
    heading falls, then built again with those pages in its table of contents. Without
    LibreOffice the .docx asks Word to fill the table of contents when it opens, and pdf is None."""
    first = build(store, workshop_id, lang, today=today)
    if not pdf.available():
        first.update_fields_on_open()
        return first.to_bytes(), None
    pages = pdf.heading_pages(pdf.to_pdf(first.to_bytes()))
    final = build(store, workshop_id, lang, pages=pages, today=today)
    docx = final.to_bytes()
    return docx, (pdf.to_pdf(docx) if want_pdf else None)


# ---- cover and contents -------------------------------------------------------------------------

def _cover(doc: WordDocument, p: Plan, title: str) -> None:
    """One page: the mark (ร่าง until approved), the plan's name, area, province, level and period,
    who prepared it, the version and date. Spacing is set on the paragraphs, not empty lines, so
    it stays on one page."""
    w = p.workshop
    mark = p.t("doc.draft") if p.approved is None else p.t("doc.approved_mark")
    doc.paragraph(mark, bold=True, size=28 if p.approved is None else 18, align="right", space_after=0)
    doc.paragraph(p.t("doc.cover_kind_1"), bold=True, size=24, align="center", space_before=60, space_after=0)
    doc.paragraph(p.t("doc.cover_kind_2"), bold=True, size=24, align="center", space_after=12)
    doc.paragraph(w.target_area or p.missing("doc.what.target_area"), bold=True, size=26, align="center",
                  space_after=0)
    doc.paragraph(p.t("doc.cover_province", province=w.province.name(p.lang)), bold=True, size=22, align="center",
                  space_after=18)
    doc.paragraph(p.t("doc.cover_level", level=p.t(f"level.{w.level}"), city_type=p.t(f"city_type.{w.city_type}")),
                  size=18, align="center", space_after=0)
    doc.paragraph(p.t("doc.cover_period"), size=18, align="center", space_after=0)
    doc.paragraph(p.t("doc.cover_years", years=p.years_label(p.fiscal_years), n=w.horizon_years),
                  bold=True, size=20, align="center", space_after=0)
    doc.paragraph(p.t("doc.prepared_by"), bold=True, size=18, align="center", space_before=70, space_after=0)
    doc.paragraph(p.texts["prepared_by"] or p.missing("plantext.prepared_by"), size=18, align="center",
                  grey=not p.texts["prepared_by"], italic=not p.texts["prepared_by"], space_after=12)
    if p.approved is not None:
        v = p.approved
        doc.paragraph(p.t("doc.version_approved", number=v.number, resolution=v.resolution_no or "",
                          date=p.date(v.resolution_date) if v.resolution_date else ""), size=16, align="center",
                      space_after=0)
    else:
        doc.paragraph(p.t("doc.version_draft", date=p.date(p.today)), size=16, align="center", space_after=0)
        if p.versions:
            latest = p.versions[0]
            doc.paragraph(p.t("doc.version_latest", number=latest.number,
                              status=p.t(f"review.status.{latest.status}")), size=16, align="center", space_after=0)
    if w.is_sample:
        doc.paragraph(p.t("sample.banner"), size=14, align="center", grey=True, space_after=0)
    doc.page_break()


def _contents_page(doc: WordDocument, p: Plan) -> None:
    doc.paragraph(p.t("doc.contents"), bold=True, size=20, align="center", space_after=8)
    doc.contents_here()
    doc.page_break()


# ---- part 1: introduction and the area ------------------------------------------------------------

def _introduction(doc: WordDocument, p: Plan, store: Store) -> None:
    w = p.workshop
    doc.heading(p.t("doc.part1"), 1)
    doc.heading("1.1 " + p.t("doc.part1.background"), 2)
    joined = sum(x.joined for x in p.participation.values())
    doc.paragraph(p.t("doc.background_text", area=w.target_area, province=w.province.name(p.lang),
                      start=p.date(w.start_date), n=w.horizon_years, people=joined,
                      target=participants.COHORT_TARGET), indent_cm=1.25, align="justify")
    if w.is_sample:
        doc.paragraph(p.t("sample.banner"), grey=True, italic=True)

    doc.heading("1.2 " + p.t("doc.part1.area"), 2)
    prov = w.province
    point = (f"{w.target_lat:.4f}, {w.target_lon:.4f}" if w.target_lat is not None
             else p.missing("doc.what.target_point"))
    doc.table([Column(p.t("doc.col.item"), 5.0), Column(p.t("doc.col.detail"), 11.0)], [
        [p.t("col.province"), f"{prov.name(p.lang)} ({p.t('doc.dopa_code', code=prov.code)})"],
        [p.t("col.region"), prov.region_th if p.lang == "th" else prov.region_en],
        [p.t("col.target_area"), w.target_area],
        [p.t("col.level"), p.t(f"level.{w.level}")],
        [p.t("col.city_type"), p.t(f"city_type.{w.city_type}")],
        [p.t("doc.target_point"), Cell((point,), grey=w.target_lat is None)],
        [p.t("doc.plan_period"), f"{p.years_label(p.fiscal_years)} ({p.t('doc.years_n', n=w.horizon_years)})"],
    ])
    doc.label_value(p.t("plantext.area"), p.texts["area"], p.missing("doc.what.area"))
    png = map_image.province_map(w.province_code, (w.target_lat, w.target_lon) if w.target_lat is not None else None)
    doc.picture(png, 15.5, p.t("doc.map_caption", province=prov.name(p.lang), area=w.target_area))

    doc.heading("1.3 " + p.t("doc.part1.profile"), 2)
    profile = positioning.profile(store, w.province_code)
    if profile:
        doc.table([Column(p.t("positioning.col.indicator"), 6.2), Column(p.t("col.unit"), 2.6),
                   Column(p.t("doc.col.value_year"), 2.9, "right"), Column(p.t("doc.col.median"), 2.3, "right"),
                   Column(p.t("doc.col.compared"), 2.0, "center")],
                  [[r.indicator.name(p.lang), r.indicator.unit_name(p.lang),
                    f"{number(r.value)}\u00a0({dates.be_year(r.year) if p.lang == 'th' else r.year})", number(r.median),
                    p.t(f"comparison.{r.comparison}")] for r in profile])
        doc.paragraph(p.t("doc.profile_note"), grey=True, size=TABLE_PT)
        if any(r.is_sample for r in profile):
            doc.paragraph(p.t("doc.profile_sample"), grey=True, italic=True, size=TABLE_PT)
    else:
        doc.placeholder(p.t("doc.no_profile"))

    doc.heading("1.4 " + p.t("doc.part1.links"), 2)
    for key, what in (("link_national_strategy", "doc.what.link_national_strategy"),
                      ("link_national_plan", "doc.what.link_national_plan"),
                      ("link_provincial_plan", "doc.what.link_provincial_plan")):
        doc.label_value(p.t(f"plantext.{key}"), p.texts[key], p.missing(what))
    doc.paragraph(p.t("masterplan.issues") + ":", bold=True, keep_with_next=True)
    if p.issues:
        doc.bullets([i.title for i in p.issues])
    else:
        doc.placeholder(p.missing("doc.what.issues"))


# ---- part 2: SWOT, positioning, the seven dimensions ----------------------------------------------

def _analysis(doc: WordDocument, p: Plan, store: Store) -> None:
    doc.heading(p.t("doc.part2"), 1)
    doc.heading("2.1 " + p.t("doc.part2.swot"), 2)
    rows, groups = [], {}
    for q in positioning.QUADRANTS:
        items = p.board[q]
        groups[len(rows)] = p.t(f"swot.quadrant.{q}") + (f" ({p.t('doc.items_n', n=len(items))})" if items else "")
        if not items:
            rows.append(["", Cell((p.missing("doc.what.swot"),), grey=True), ""])
        for n, item in enumerate(items[:SWOT_SHOWN], start=1):
            rows.append([str(n), item.text, str(item.votes)])
    doc.table([Column(p.t("doc.col.no"), 1.2, "center"), Column(p.t("field.swot_text"), 12.3),
               Column(p.t("col.votes"), 2.5, "right")], rows, groups=groups)
    if any(len(p.board[q]) > SWOT_SHOWN for q in positioning.QUADRANTS):
        doc.paragraph(p.t("doc.swot_top", n=SWOT_SHOWN), grey=True, size=TABLE_PT)

    doc.heading("2.2 " + p.t("doc.part2.positioning"), 2)
    s = p.statements
    doc.label_value(p.t("field.positioning"), s.positioning if s else "", p.missing("doc.what.positioning"))
    doc.label_value(p.t("vision.lead"), ", ".join(p.dim(d) for d in s.lead_dimensions) if s else "",
                    p.missing("doc.what.lead"))

    doc.heading("2.3 " + p.t("doc.part2.dimensions"), 2)
    rows = []
    for d in summary.dimension_summary(store, p.workshop.id):
        top = d.top_ideas[0].text if d.top_ideas else "–"
        rows.append([d.dimension.name(p.lang), p.t("common.yes") if d.focus else "–",
                     f"{d.maturity:.1f}" if d.maturity is not None else "–",
                     str(sum(1 for r in d.indicators if r.values.has_target)), top])
    doc.table([Column(p.t("col.dimension"), 4.2), Column(p.t("doc.col.focus"), 1.6, "center"),
               Column(p.t("doc.col.maturity"), 2.0, "center"), Column(p.t("doc.col.targets"), 2.0, "center"),
               Column(p.t("doc.col.top_idea"), 6.2)], rows)
    if p.focus:
        doc.label_value(p.t("focus.choose"), ", ".join(p.dim(d) for d in p.focus.dimensions))
        if p.focus.rationale:
            doc.paragraph(p.focus.rationale, indent_cm=1.25, align="justify")
        problem = rules.dimension_rule(p.focus.dimensions)
        doc.paragraph(p.t(problem or "focus.rule.ok", required=p.dim(rules.REQUIRED_DIMENSION)), italic=True)
    else:
        doc.placeholder(p.missing("doc.what.focus"))


# ---- part 3: vision, mission, goals ---------------------------------------------------------------

def _indicator_line(p: Plan, code: str) -> tuple[str, str, str, str]:
    ind = p.inds.get(code)
    v = p.values.get(code)
    name = ind.name(p.lang) if ind else code
    unit = ind.unit_name(p.lang) if ind else ""
    base = "–"
    if v and v.baseline_value is not None:
        year = (dates.be_year(v.baseline_year) if p.lang == "th" else v.baseline_year) if v.baseline_year else ""
        base = f"{number(v.baseline_value)}" + (f"\u00a0({year})" if year else "")   # value and year together
    target = number(v.target_horizon) if v and v.target_horizon is not None else "–"
    return name, unit, base, target


def _vision(doc: WordDocument, p: Plan) -> None:
    doc.heading(p.t("doc.part3"), 1)
    doc.heading("3.1 " + p.t("field.vision"), 2)
    if p.statements and p.statements.vision:
        doc.paragraph(f"“{p.statements.vision}”", bold=True, align="center")
    else:
        doc.placeholder(p.missing("doc.what.vision"))
    doc.heading("3.2 " + p.t("doc.mission"), 2)
    lines = [x.strip() for x in p.texts["mission"].splitlines() if x.strip()]
    if lines:
        for n, line in enumerate(lines, start=1):
            doc.paragraph(f"{n}.\t{line}", left_cm=0.6, hanging_cm=0.7)
    else:
        doc.placeholder(p.missing("doc.what.mission"))
    doc.heading("3.3 " + p.t("doc.goals"), 2)
    if not p.strategies:
        doc.placeholder(p.missing("doc.what.strategies"))
        return
    rows = []
    for n, s in enumerate(p.strategies, start=1):
        goal = s.goal or p.missing("doc.what.goal")
        codes = list(s.indicator_codes) or [None]
        for i, code in enumerate(codes):
            first = [Cell((p.t("doc.goal_n", n=n), goal), bold=True, grey=not s.goal)] if i == 0 else [""]
            if code is None:
                rows.append(first + [Cell((p.missing("doc.what.indicators"),), grey=True), "", ""])
            else:
                name, unit, base, target = _indicator_line(p, code)
                rows.append(first + [f"{name} ({unit})" if unit else name, base, target])
    doc.table([Column(p.t("doc.col.goal"), 5.8), Column(p.t("positioning.col.indicator"), 5.0),
               Column(p.t("col.baseline_value"), 2.9, "right"), Column(p.t("col.target_horizon"), 2.3, "right")], rows)


# ---- part 4: strategies ---------------------------------------------------------------------------

def _strategies(doc: WordDocument, p: Plan) -> None:
    doc.heading(p.t("doc.part4"), 1)
    if not p.strategies:
        doc.placeholder(p.missing("doc.what.strategies"))
        return
    issue_title = {i.id: i.title for i in p.issues}
    for n, s in enumerate(p.strategies, start=1):
        doc.heading(p.t("doc.strategy_n", n=n, title=s.title), 2)
        doc.label_value(p.t("col.dimension"), p.dim(s.dimension))
        doc.label_value(p.t("field.provincial_issue"), issue_title.get(s.provincial_issue_id, ""),
                        p.missing("doc.what.issue_link"))
        doc.label_value(p.t("field.strategy_goal"), s.goal, p.missing("doc.what.goal"))
        doc.paragraph(p.t("doc.indicators_targets"), bold=True, keep_with_next=True)
        if s.indicator_codes:
            rows = []
            for code in s.indicator_codes:
                v = p.values.get(code)
                name, unit, base, horizon = _indicator_line(p, code)
                rows.append([name, unit, base, number(v.target_6m) if v and v.target_6m is not None else "–",
                             number(v.target_12m) if v and v.target_12m is not None else "–", horizon])
            doc.table([Column(p.t("positioning.col.indicator"), 5.2), Column(p.t("col.unit"), 2.4),
                       Column(p.t("col.baseline_value"), 2.8, "right"), Column(p.t("col.target_6m"), 1.9, "right"),
                       Column(p.t("col.target_12m"), 1.9, "right"), Column(p.t("col.target_horizon"), 1.8, "right")],
                      rows)
        else:
            doc.placeholder(p.missing("doc.what.indicators"))
        mine = [m for m in p.measures if m.strategy_id == s.id]
        for k, m in enumerate(mine, start=1):
            doc.heading(p.t("doc.measure_n", n=n, k=k, title=m.title), 3)
            if m.indicator_codes:
                doc.label_value(p.t("field.indicators"),
                                ", ".join(p.inds[c].name(p.lang) for c in m.indicator_codes if c in p.inds))
            _project_bullets(doc, p, [q for q in p.projects if q.measure_id == m.id])
        if not mine:
            doc.placeholder(p.missing("doc.what.measures"))
        loose = [q for q in p.projects if q.strategy_id == s.id and not q.measure_id]
        if loose:
            doc.paragraph(p.t("doc.projects_without_measure"), bold=True, keep_with_next=True)
            _project_bullets(doc, p, loose)


def _project_bullets(doc: WordDocument, p: Plan, plan: list) -> None:
    if not plan:
        doc.placeholder(p.t("doc.no_projects_yet"))
        return
    for q in plan:
        doc.bullets([p.t("doc.project_line", name=q.name, years=p.years_label(q.fiscal_years), amount=baht(q.total))])
        doc.paragraph(p.t("doc.objective", text=q.objective), indent_cm=None, size=TABLE_PT, grey=True,
                      left_cm=0.63)


# ---- part 5: the annual action plan ----------------------------------------------------------------

def _action_plan(doc: WordDocument, p: Plan, store: Store) -> None:
    doc.new_section(landscape=True)   # budget tables have a column per fiscal year
    doc.heading(p.t("doc.part5"), 1)
    total = projects.total_budget(store, p.workshop.id)
    doc.heading("5.1 " + p.t("doc.part5.overview"), 2)
    doc.paragraph(p.t("doc.overview_text", n=len(p.projects), amount=baht(total), years=p.years_label(p.fiscal_years)),
                  indent_cm=1.25, align="justify")
    doc.heading("5.2 " + p.t("doc.part5.by_strategy"), 2)
    by_strategy = projects.budget_by_strategy_year(store, p.workshop.id)
    years = _budget_years(p)
    _year_table(doc, p, [(p.t("doc.strategy_short", n=n, title=s.title), {y: by_strategy.get((s.id, y)) for y in years})
                         for n, s in enumerate(p.strategies, start=1)], years, p.t("field.strategy_title"))
    doc.heading("5.3 " + p.t("doc.part5.by_source"), 2)
    by_source: dict[tuple[str, int], Decimal] = {}
    for r in projects.budget_rows(store, p.workshop.id):
        by_source[(r.source, r.fiscal_year_be)] = by_source.get((r.source, r.fiscal_year_be), Decimal(0)) + r.amount
    used = [s for s in projects.BUDGET_SOURCES if any(k[0] == s for k in by_source)]
    _year_table(doc, p, [(p.t(f"source.{s}"), {y: by_source.get((s, y)) for y in years}) for s in used],
                years, p.t("field.budget_source"))
    if "boi" in used:
        doc.paragraph(p.t("doc.boi_note"), grey=True, size=TABLE_PT)

    doc.heading("5.4 " + p.t("doc.part5.project_list"), 2)
    _project_list(doc, p, years)
    doc.heading("5.5 " + p.t("doc.part5.milestones"), 2)
    _milestones(doc, p)
    doc.heading("5.6 " + p.t("doc.part5.source_checks"), 2)
    _source_checks(doc, p)
    doc.new_section(landscape=False)


def _budget_years(p: Plan) -> list[int]:
    """The plan's fiscal years, plus any year a project has money in (none should lie outside)."""
    extra = {p2.year_of(b) for p2 in p.projects for b in p2.budget}
    return sorted(set(p.fiscal_years) | extra)


def _year_table(doc: WordDocument, p: Plan, rows: list[tuple[str, dict]], years: list[int], first_title: str) -> None:
    """Rows × fiscal years with a total column and a total row. Amounts never wrap: when the years
    do not fit across the page, they continue in a further table."""
    if not rows:
        doc.placeholder(p.t("doc.no_projects_yet"))
        return
    row_totals = [sum((v.get(y) or Decimal(0) for y in years), Decimal(0)) for _, v in rows]
    grand = sum(row_totals, Decimal(0))
    sums = {y: sum((v.get(y) or Decimal(0) for _, v in rows), Decimal(0)) for y in years}

    def fit(texts):   # each column as wide as its longest text: amounts never wrap
        return max(1.4, max(text_width_cm(x, TABLE_PT, bold=True) for x in texts) + PAD_CM)
    widths = {y: fit([p.t("doc.col.year", year=p.fy(y)), baht(sums[y])] + [baht(v[y]) for _, v in rows if v.get(y)])
              for y in years}
    total_w = fit([p.t("col.total"), baht(grand)] + [baht(t) for t in row_totals])
    room = doc.text_width_cm() - 6.0 - total_w       # the first column keeps at least 6 cm
    chunks, current = [], []
    for y in years:
        if current and sum(widths[x] for x in current) + widths[y] > room:
            chunks.append(current)
            current = []
        current.append(y)
    chunks.append(current)
    for chunk in chunks:
        last = chunk is chunks[-1]
        if chunk is not chunks[0]:
            doc.paragraph(p.t("doc.table_continued", years=p.years_label(chunk)), bold=True, size=TABLE_PT,
                          keep_with_next=True)
        columns = [Column(p.t("doc.col.year", year=p.fy(y)), widths[y], "right") for y in chunk]
        if last:
            columns.append(Column(p.t("col.total"), total_w, "right"))
        first_w = doc.text_width_cm() - sum(c.width_cm for c in columns)
        body = []
        for (label, values), row_total in zip(rows, row_totals):
            cells = [baht(values[y]) if values.get(y) else "–" for y in chunk]
            body.append([label] + cells + ([baht(row_total) if row_total else "–"] if last else []))
        total_row = ([p.t("col.total")] + [baht(sums[y]) if sums[y] else "–" for y in chunk]
                     + ([baht(grand)] if last else []))
        doc.table([Column(first_title, first_w)] + columns, body, total_row=total_row)


def _chunks(items: list, n: int) -> list[list]:
    return [items[i:i + n] for i in range(0, len(items), n)] or [[]]


def _numbered(p: Plan) -> tuple[dict, dict, list]:
    """Strategy numbers, measure numbers (strategy, k, title) and the projects in plan order:
    by strategy, then measure, then as entered."""
    strategy_no = {s.id: n for n, s in enumerate(p.strategies, start=1)}
    measure_no = {}
    for s in p.strategies:
        for k, m in enumerate([m for m in p.measures if m.strategy_id == s.id], start=1):
            measure_no[m.id] = (strategy_no[s.id], k, m.title)
    ordered = sorted(p.projects, key=lambda q: (strategy_no.get(q.strategy_id, 999),
                                                measure_no.get(q.measure_id, (0, 999))[1]))
    return strategy_no, measure_no, ordered


def _unit_after_number(unit: str) -> str:
    """How a unit follows a number: "%" right after it, a count unit ("number") not at all since
    the indicator's name says what is counted, anything else after a non-breaking space."""
    if unit in ("number", "จำนวน"):
        return ""
    return unit if unit.startswith("%") else "\u00a0" + unit


def _kpi_lines(p: Plan, q) -> list[str]:
    """Each KPI with its target, the sign saying which way is better (≥ higher, ≤ lower)."""
    lines = []
    for k in q.kpis:
        ind = p.inds.get(k.indicator_code)
        name = ind.name(p.lang) if ind else k.indicator_code
        unit = _unit_after_number(ind.unit_name(p.lang)) if ind else ""
        sign = "≤" if ind and ind.direction == "lower" else "≥"
        lines.append(f"{name} {sign} {number(k.target)}{unit}")
    return lines


def _project_list(doc: WordDocument, p: Plan, years: list[int]) -> None:
    """บัญชีโครงการ: a table per strategy (its title kept with the table), measures as group rows,
    numbered rows, one amount column per fiscal year with one line per budget source, lead agency
    and partners, KPI and target. Totals by strategy and year are in the summary tables before it.
    Amounts never wrap: when the years do not fit across the page beside readable text columns,
    they continue in a further set of tables."""
    if not p.projects:
        doc.placeholder(p.t("doc.no_projects_yet"))
        return
    strategy_no, measure_no, ordered = _numbered(p)
    number_of = {q.id: n for n, q in enumerate(ordered, start=1)}
    width = doc.text_width_cm()

    def fit(texts, size, header=""):
        return max(1.2, text_width_cm(header, size, bold=True) + PAD_CM,
                   max((text_width_cm(x, size) for x in texts), default=0) + PAD_CM)

    def layout(chunk, size):
        mine = [q for q in ordered if any(q.year_of(b) in chunk for b in q.budget) or not q.budget]
        amount_ws = [fit([p.t("doc.col.year", year=p.fy(y))] +
                         [_amount_or_dash(p, q.amount(s, y), s, q, y) for q in mine for s in q.sources], size)
                     for y in chunk]
        amount_ws.append(fit([_amount_or_dash(p, q.amount_by_source().get(s, Decimal(0)), s, q, None)
                              for q in mine for s in q.sources], size, p.t("doc.col.project_total")))
        source_w = fit([p.t(f"source_short.{s}") for q in mine for s in q.sources], size, p.t("doc.col.source"))
        return mine, amount_ws, source_w, width - 0.9 - source_w - sum(amount_ws)

    def lines(chunk, size) -> float:
        """Estimated printed lines of the tables for these years: what the layout is chosen by."""
        mine, _, _, rest = layout(chunk, size)
        total = len({q.strategy_id for q in mine}) + len({q.measure_id for q in mine})   # group rows
        for q in mine:
            name = -(-text_width_cm(q.name, size, bold=True) // max(rest - PAD_CM, 1.0))
            detail = -(-text_width_cm(_project_detail(p, q), size) // (width - 0.9 - PAD_CM))
            total += max(name, len(q.sources) or 1) + detail
        return total * size

    # All years in one table when the amounts leave the text enough width, else the years in parts
    # laid out for the fewest printed lines. Long lists in the smaller type: a 70-project list then
    # takes about 13 landscape pages instead of 16.
    sizes = (13, SMALL_TABLE_PT) if len(ordered) <= LONG_LIST else (SMALL_TABLE_PT,)
    options = [(k, sz) for k in range(min(YEARS_PER_TABLE, len(years)), 0, -1) for sz in sizes
               if all(layout(c, sz)[3] >= TEXT_COLUMNS_MIN_CM for c in _chunks(years, k))]
    together = [sz for sz in sizes if layout(years, sz)[3] >= ONE_TABLE_TEXT_CM]
    if together:      # every year in one table while the text keeps a comfortable width
        per_table, size = len(years), together[0]
    else:
        per_table, size = min(options, key=lambda o: (sum(lines(c, o[1]) for c in _chunks(years, o[0])), -o[0]),
                              default=(1, SMALL_TABLE_PT))
    chunks = _chunks(years, per_table)
    for chunk in chunks:
        mine, amount_ws, source_w, rest = layout(chunk, size)
        if not mine:
            continue
        if len(chunks) > 1:
            doc.paragraph(p.t("doc.project_list_years", years=p.years_label(chunk), part=chunks.index(chunk) + 1,
                              parts=len(chunks)), bold=True, keep_with_next=True)
        columns = [Column(p.t("doc.col.no"), 0.9, "center"), Column(p.t("doc.col.project"), rest),
                   Column(p.t("doc.col.source"), source_w)]
        columns += [Column(p.t("doc.col.year", year=p.fy(y)), w, "right") for y, w in zip(chunk, amount_ws)]
        columns.append(Column(p.t("doc.col.project_total"), amount_ws[-1], "right"))
        rows, groups, details = [], {}, {}
        current_s = current_m = None
        for q in mine:
            if q.strategy_id != current_s:
                current_s, current_m = q.strategy_id, None
                s = next((x for x in p.strategies if x.id == q.strategy_id), None)
                groups[len(rows)] = [p.t("doc.strategy_n", n=strategy_no.get(q.strategy_id, "?"), title=s.title if s else "")]
            if q.measure_id and q.measure_id != current_m:
                current_m = q.measure_id
                sn, k, title = measure_no.get(q.measure_id, ("?", "?", ""))
                groups.setdefault(len(rows), []).append(p.t("doc.measure_n", n=sn, k=k, title=title))
            details[len(rows)] = _project_detail(p, q)
            rows.append(_project_row(p, q, number_of[q.id], chunk))
        doc.table(columns, rows, size=size, groups=groups, details=details)
    doc.paragraph(p.t("doc.project_list_totals"), grey=True, size=TABLE_PT)


def _project_detail(p: Plan, q) -> str:
    """KPIs and targets, lead agency and partners: one paragraph across the table's width, under
    the project's row (packed there it takes two lines where narrow columns would take eight)."""
    agency = [q.lead_agency] + ([p.t("doc.partners", names=", ".join(x for names in q.partners.values()
                                                                      for x in names))] if q.partners else [])
    return (p.t("doc.kpis", text="; ".join(_kpi_lines(p, q)) or "–") + " · "
            + p.t("doc.agencies", text=" · ".join(agency)))


def _project_row(p: Plan, q, n: int, chunk: list[int]) -> list:
    srcs = q.sources or [""]
    row = [str(n), Cell((q.name,), bold=True),
           Cell(tuple(p.t(f"source_short.{s}") if s else "–" for s in srcs))]
    for y in chunk:
        row.append(Cell(tuple(_amount_or_dash(p, q.amount(s, y), s, q, y) for s in srcs)))
    # the whole project's amount per source, whichever years this table shows
    row.append(Cell(tuple(_amount_or_dash(p, q.amount_by_source().get(s, Decimal(0)), s, q, None) for s in srcs)))
    return row


def _amount_or_dash(p: Plan, amount: Decimal, source: str, q, year: int | None) -> str:
    """An amount; "–" where there is none. BOI privileges are not money: a word in their years."""
    if source in projects.NON_MONEY_SOURCES:
        years = {q.year_of(b) for b in q.budget if b.source == source}
        return p.t("doc.not_money") if (year in years if year is not None else years) else "–"
    return baht(amount) if amount else "–"


def _milestones(doc: WordDocument, p: Plan) -> None:
    """One row per project (numbered as in the project list): its period and its milestones by
    fiscal year and quarter."""
    ordered = _numbered(p)[2]
    if not any(q.milestones for q in ordered):
        doc.placeholder(p.t("doc.no_milestones"))
        return
    rows = []
    for n, q in enumerate(ordered, start=1):
        if not q.milestones:
            continue
        start, end = projects.quarter_span(q)
        rows.append([str(n), q.name, f"{dates.format_date(start, p.lang)} – {dates.format_date(end, p.lang)}",
                     Cell(tuple(p.t("doc.milestone_line", q=m.quarter, year=p.fy(q.year_of(m)), text=m.description)
                                for m in q.milestones))])
    width = doc.text_width_cm()
    doc.table([Column(p.t("doc.col.no"), 0.9, "center"), Column(p.t("field.project_name"), width * 0.36),
               Column(p.t("doc.col.period"), 4.4), Column(p.t("doc.col.milestones"), width * 0.64 - 5.3)], rows)


def _source_checks(doc: WordDocument, p: Plan) -> None:
    """Projects that do not yet meet a condition of a budget source they ask money from."""
    ctx = {"strategy_issue": {s.id: s.provincial_issue_id for s in p.strategies}}
    number_of = {q.id: n for n, q in enumerate(_numbered(p)[2], start=1)}
    rows = []
    for q in _numbered(p)[2]:
        failed = [c for c in criteria.budget_checks(q, ctx) if not c.passed]
        if failed:
            rows.append([str(number_of[q.id]), q.name,
                         Cell(tuple(f"{p.t(f'source.{c.source}')}: {p.t(f'rule.{c.rule}')}" for c in failed))])
    if not p.projects:
        doc.placeholder(p.t("doc.no_projects_yet"))
    elif not rows:
        doc.paragraph(p.t("doc.all_checks_pass"))
    else:
        width = doc.text_width_cm()
        doc.table([Column(p.t("doc.col.no"), 1.1, "center"), Column(p.t("field.project_name"), width * 0.38),
                   Column(p.t("doc.col.unmet"), width * 0.62 - 1.1)], rows)


# ---- part 6: investment plans -----------------------------------------------------------------------

def _investment(doc: WordDocument, p: Plan) -> None:
    doc.heading(p.t("doc.part6"), 1)
    doc.paragraph(p.t("doc.investment_intro"), indent_cm=1.25, align="justify")
    doc.heading("6.1 " + p.t("doc.part6.infrastructure"), 2)
    infra = [q for q in p.projects if q.investment_type == "infrastructure"]
    if infra:
        rows = []
        for q in infra:
            public = sum((a for s, a in q.amount_by_source().items() if s not in ("private", "boi")), Decimal(0))
            private = q.amount_by_source().get("private", Decimal(0))
            ready = [p.t(f"readiness.{k}") for k, ok in (("land", q.ready_land), ("design", q.ready_design),
                                                         ("cost", q.ready_cost)) if ok]
            rows.append([Cell((q.name, p.years_label(q.fiscal_years),
                               p.t("doc.readiness", text=", ".join(ready) or "–")), bold=True),
                         baht(public) if public else "–", baht(private) if private else "–", baht(q.total)])
        titles = [p.t("doc.col.public"), p.t("doc.col.private"), p.t("col.total")]
        amount_ws = [max(text_width_cm(titles[i], TABLE_PT, bold=True),
                         max(text_width_cm(r[i + 1], TABLE_PT) for r in rows)) + PAD_CM for i in range(3)]
        sums = [sum((x for x in column), Decimal(0)) for column in zip(*[
            (sum((a for s, a in q.amount_by_source().items() if s not in ("private", "boi")), Decimal(0)),
             q.amount_by_source().get("private", Decimal(0)), q.total) for q in infra])]
        total_row = [p.t("doc.total_projects", n=len(infra))] + [baht(x) if x else "–" for x in sums]
        amount_ws = [max(w, text_width_cm(t, TABLE_PT, bold=True) + PAD_CM) for w, t in zip(amount_ws, total_row[1:])]
        doc.table([Column(p.t("field.project_name"), doc.text_width_cm() - sum(amount_ws))] +
                  [Column(t, w, "right") for t, w in zip(titles, amount_ws)], rows, total_row=total_row)
    else:
        doc.placeholder(p.missing("doc.what.infrastructure"))
    doc.heading("6.2 " + p.t("doc.part6.investors"), 2)
    doc.label_value(p.t("plantext.investor_info"), p.texts["investor_info"], p.missing("doc.what.investor_info"))
    info = [q for q in p.projects if q.investment_type == "information"]
    if info:
        doc.paragraph(p.t("doc.information_projects"), bold=True, keep_with_next=True)
        doc.bullets([f"{q.name} ({q.lead_agency})" for q in info])
    doc.heading("6.3 " + p.t("doc.part6.management"), 2)
    doc.label_value(p.t("plantext.management_model"), p.texts["management_model"], p.missing("doc.what.management"))
    doc.heading("6.4 " + p.t("doc.part6.data_platform"), 2)
    doc.label_value(p.t("plantext.data_security"), p.texts["data_security"], p.missing("doc.what.data_security"))
    platform = [q for q in p.projects if "data_platform" in q.components]
    if platform:
        doc.paragraph(p.t("doc.platform_projects"), bold=True, keep_with_next=True)
        doc.bullets([f"{q.name} ({baht(q.total)} {p.t('doc.baht')})" for q in platform])
    else:
        doc.placeholder(p.missing("doc.what.data_platform"))


# ---- part 7: participation and partners -------------------------------------------------------------

def _participation(doc: WordDocument, p: Plan, store: Store) -> None:
    doc.heading(p.t("doc.part7"), 1)
    doc.heading("7.1 " + p.t("doc.part7.participation"), 2)
    joined = sum(x.joined for x in p.participation.values())
    rows = [[p.t(f"sector.{s}"), str(x.joined), str(x.contributed)] for s, x in p.participation.items()]
    doc.table([Column(p.t("field.sector"), 8.0), Column(p.t("doc.col.joined"), 4.0, "right"),
               Column(p.t("doc.col.contributed"), 4.0, "right")], rows,
              total_row=[p.t("col.total"), str(joined), str(sum(x.contributed for x in p.participation.values()))])
    doc.paragraph(p.t("doc.cohort", n=joined, target=participants.COHORT_TARGET,
                      status=p.t("doc.cohort_met") if joined >= participants.COHORT_TARGET else p.t("doc.cohort_not_met")))
    doc.heading("7.2 " + p.t("doc.part7.capacity"), 2)
    if p.sessions:
        rows = []
        for s in p.sessions:
            change = {c.sector: c for c in capacity.change_by_sector(store, s.id)}["all"]
            rows.append([s.title, p.date(s.held_on), str(change.attended),
                         f"{change.pre_mean:.2f}" if change.pre_mean is not None else "–",
                         f"{change.post_mean:.2f}" if change.post_mean is not None else "–"])
        doc.table([Column(p.t("field.session_title"), 6.4), Column(p.t("doc.col.date"), 3.0),
                   Column(p.t("doc.col.attended"), 2.2, "right"), Column(p.t("doc.col.before"), 2.2, "right"),
                   Column(p.t("doc.col.after"), 2.2, "right")], rows)
    else:
        doc.placeholder(p.t("doc.no_sessions"))
    _key_partners(doc, p, store)
    _network_map(doc, p, store)
    _network_upkeep(doc, p, store)
    _network_health(doc, p, store)


def _key_partners(doc: WordDocument, p: Plan, store: Store) -> None:
    """7.3: the partner list by sector, what each brings and its projects; before a list exists,
    the organisations as the projects name them."""
    doc.heading("7.3 " + p.t("doc.part7.partners"), 2)
    orgs = partners.list_partners(store, p.workshop.id)
    if orgs:
        projects_of: dict[str, list[str]] = {}
        for q in p.projects:
            if q.lead_partner_id:
                projects_of.setdefault(q.lead_partner_id, []).append(f"{q.name} ({p.t('network.lead')})")
            for pid in q.partner_ids:
                projects_of.setdefault(pid, []).append(q.name)
        rows, groups = [], {}
        for sector in participants.SECTORS:
            mine = [o for o in orgs if o.sector == sector]
            if mine:
                groups[len(rows)] = p.t(f"sector.{sector}")
            for o in mine:
                other = o.name_en if p.lang == "th" else o.name_th
                rows.append([Cell((o.name(p.lang),) + ((other,) if other and other != o.name(p.lang) else ())),
                             p.t(f"kind.{o.kind}"), ", ".join(p.t(f"brings.{b}") for b in o.brings) or "–",
                             Cell(tuple(projects_of.get(o.id, ())) or ("–",))])
        doc.table([Column(p.t("doc.col.organisation"), 5.6), Column(p.t("doc.col.kind"), 2.8),
                   Column(p.t("doc.col.brings"), 3.2), Column(p.t("doc.col.partner_projects"), 4.4)], rows,
                  groups=groups)
        return
    lead: dict[str, int] = {}
    partner: dict[tuple[str, str], int] = {}
    for q in p.projects:
        lead[q.lead_agency] = lead.get(q.lead_agency, 0) + 1
        for sector, names in q.partners.items():
            for name in names:
                partner[(sector, name)] = partner.get((sector, name), 0) + 1
    if not lead and not partner:
        doc.placeholder(p.missing("doc.what.partners"))
        return
    doc.paragraph(p.t("doc.partners_from_projects"), grey=True, size=TABLE_PT)
    rows, groups = [], {}
    if lead:
        groups[0] = p.t("doc.lead_agencies")
        rows += [[name, p.t("doc.projects_n", n=n)] for name, n in sorted(lead.items(), key=lambda x: (-x[1], x[0]))]
    for sector in participants.SECTORS:
        mine = sorted(((name, n) for (s, name), n in partner.items() if s == sector), key=lambda x: (-x[1], x[0]))
        if mine:
            groups[len(rows)] = p.t("doc.partners_of", sector=p.t(f"sector.{sector}"))
            rows += [[name, p.t("doc.projects_n", n=n)] for name, n in mine]
    doc.table([Column(p.t("doc.col.organisation"), 12.0), Column(p.t("doc.col.projects"), 4.0, "right")], rows,
              groups=groups)


def _network_map(doc: WordDocument, p: Plan, store: Store) -> None:
    """7.4: the network drawn from the same layout as the screen; marks in the picture, names in
    the table under it."""
    doc.heading("7.4 " + p.t("doc.part7.network"), 2)
    net = network.build(store, p.workshop.id, p.lang)
    if not any(n.kind == "organisation" for n in net.nodes):
        doc.placeholder(p.missing("doc.what.partners"))
        return
    doc.picture(network_image.picture(net), 16.0, p.t("doc.network_caption"))
    rows = [[n.tag, Cell((n.label,) + ((p.t(f"sector.{n.sector}"),) if n.sector else ()))]
            for n in net.nodes if n.kind in ("organisation", "project")]
    doc.table([Column(p.t("doc.col.mark"), 2.8, "center"), Column(p.t("doc.col.name"), 13.2)], rows)
    if net.isolated:
        doc.paragraph(p.t("doc.network_isolated", names=", ".join(o.name(p.lang) for o in net.isolated)))
    if net.lonely_dimensions:
        doc.paragraph(p.t("doc.network_lonely", names=", ".join(p.dim(d) for d in net.lonely_dimensions)))


def _network_upkeep(doc: WordDocument, p: Plan, store: Store) -> None:
    """7.5: LINK activities held, communities of practice and the City Lab."""
    doc.heading("7.5 " + p.t("doc.part7.upkeep"), 2)
    counts = upkeep.counts_by_tag(store, p.workshop.id)
    groups_ = communities.groups(store, p.workshop.id)
    labs = citylab.labs(store, p.workshop.id)
    if not any(counts.values()) and not groups_ and not labs:
        doc.placeholder(p.t("doc.no_upkeep"))
        return
    doc.paragraph(p.t("doc.link_summary", counts=", ".join(f"{p.t(f'link.tag.{k}')} {n}" for k, n in counts.items())))
    lines = [p.t("doc.cop_line", topic=g.topic, members=len(g.member_ids), meetings=len(g.meetings)) for g in groups_]
    events = citylab.events(store, p.workshop.id)
    visitors = citylab.visitors_by_sector(store, p.workshop.id)
    for lab in labs:
        held = [e for e in events if e.lab_id == lab.id and e.held]
        lines.append(p.t("doc.lab_line", name=lab.name, hours=lab.opening_hours or "–", events=len(held),
                         visitors=sum(sum(e.visitors.values()) for e in held),
                         by_sector=", ".join(f"{p.t(f'sector.{s}')} {n}" for s, n in visitors.items() if n) or "–"))
    if lines:
        doc.bullets(lines)


def _network_health(doc: WordDocument, p: Plan, store: Store) -> None:
    """7.6: the latest network health check (seed 001's seven components) against the one before,
    the weakest component and what strengthens it; until one is run the section says so."""
    from planning import health

    doc.heading("7.6 " + p.t("doc.part7.health"), 2)
    history = [h for h in health.history(store, p.workshop.id) if h.people.get(health.ALL)]
    if not history:
        doc.placeholder(p.t("doc.no_health_check"))
        return
    latest, earlier = history[-1], (history[-2] if len(history) > 1 else None)
    doc.paragraph(p.t("doc.health_intro", title=latest.activity.title, n=latest.people[health.ALL],
                      checks=len(history)), indent_cm=1.25, align="justify")
    now, before = latest.means.get(health.ALL, {}), earlier.means.get(health.ALL, {}) if earlier else {}
    rows = [[str(c.order), c.name(p.lang), f"{now[c.id]:.1f}" if c.id in now else "–"]
            + ([f"{before[c.id]:.1f}" if c.id in before else "–",
                f"{now[c.id] - before[c.id]:+.1f}" if c.id in now and c.id in before else "–"] if earlier else [])
            for c in health.components()]
    # header words must fit their columns whole (Thai breaks only between words)
    columns = [Column(p.t("doc.col.no"), 1.2, "center"), Column(p.t("doc.col.component"), 7.2),
               Column(p.t("doc.col.mean_latest"), 2.6, "right")]
    if earlier:
        columns += [Column(p.t("doc.col.mean_earlier"), 2.6, "right"), Column(p.t("doc.col.change"), 2.4, "right")]
    doc.table(columns, rows)
    weakest = latest.weakest()
    if weakest:
        doc.paragraph(p.t("doc.health_weakest", name=weakest.name(p.lang), mean=f"{now[weakest.id]:.1f}"),
                      bold=True, keep_with_next=True)
        doc.paragraph(weakest.advice(p.lang), indent_cm=1.25, align="justify")


# ---- part 8: monitoring and evaluation -----------------------------------------------------------------

def _monitoring(doc: WordDocument, p: Plan, store: Store) -> None:
    doc.heading(p.t("doc.part8"), 1)
    doc.heading("8.1 " + p.t("doc.part8.schedule"), 2)
    schedule = checkpoints.schedule(p.workshop)
    doc.table([Column(p.t("doc.col.no"), 1.2, "center"), Column(p.t("doc.col.checkpoint"), 3.4),
               Column(p.t("doc.col.due"), 3.6), Column(p.t("doc.col.fiscal_year"), 3.0, "center"),
               Column(p.t("doc.col.half"), 4.8, "center")],
              [[str(n), p.t("checkpoints.short", months=c.months), p.date(c.due), p.fy(c.fiscal_year_be),
                p.t(f"doc.half.{c.fiscal_half}")] for n, c in enumerate(schedule, start=1)])
    doc.heading("8.2 " + p.t("doc.part8.rule"), 2)
    doc.paragraph(p.t("doc.status_rule", on=round(rules.ON_TRACK_MIN * 100), behind=round(rules.BEHIND_MIN * 100)),
                  indent_cm=1.25, align="justify")
    doc.heading("8.3 " + p.t("doc.part8.latest"), 2)
    reported = sorted({m for m, _ in checkpoints.actuals(store, p.workshop.id)} |
                      {m for m, _ in checkpoints.project_reports(store, p.workshop.id)})
    if not reported:
        doc.placeholder(p.t("doc.no_checkpoint_yet"))
        return
    months = reported[-1]
    due = next((c.due for c in schedule if c.months == months), None)
    doc.paragraph(p.t("doc.latest_checkpoint", label=p.t("checkpoints.short", months=months),
                      date=p.date(due) if due else ""), bold=True)
    rows = []
    for r in checkpoints.rollups(store, p.workshop.id, months):
        name = p.t("doc.whole_plan") if r.dimension == "plan" else p.dim(r.dimension)
        rows.append([Cell((name,), bold=r.dimension == "plan"), p.t(f"doc.status.{r.status}"),
                     f"{r.score * 100:.0f}%" if r.score is not None else "–"] +
                    [str(r.counts.get(k, 0)) for k in rules.STATUSES])
    doc.table([Column(p.t("col.dimension"), 4.6), Column(p.t("doc.col.status"), 2.6), Column(p.t("doc.col.score"), 1.6, "right")] +
              [Column(p.t(f"doc.status.{k}"), 1.8, "right") for k in rules.STATUSES], rows)
    aar = checkpoints.after_action_review(store, p.workshop.id, months)
    if aar:
        doc.paragraph(p.t("doc.aar"), bold=True, keep_with_next=True)
        for key, value in (("aar.planned", aar.planned), ("aar.happened", aar.happened), ("aar.why", aar.why),
                           ("aar.next_steps", aar.next_steps)):
            doc.label_value(p.t(key), value, "–")


# ---- annexes ------------------------------------------------------------------------------------------

def _annexes(doc: WordDocument, p: Plan) -> None:
    doc.heading(p.t("doc.annex_a"), 1)
    met = sum(r.met for r in p.checklist)
    doc.paragraph(p.t("criteria.met_count", met=met, total=len(p.checklist),
                      pct=round(criteria.completeness(p.checklist) * 100)), bold=True)
    rows = []
    for r in p.checklist:
        rows.append([str(r.item.order), Cell((r.item.name(p.lang), r.item.asks(p.lang))),
                     Cell((p.t("criteria.met") if r.met else p.t("criteria.not_met"),), bold=True),
                     Cell(tuple(r.why(p.lang)))])
    doc.table([Column(p.t("doc.col.no"), 1.1, "center"), Column(p.t("criteria.item"), 7.2),
               Column(p.t("doc.col.result"), 2.0, "center"), Column(p.t("criteria.why"), 5.7)], rows)
    doc.paragraph(p.t("criteria.source") + ":", bold=True, keep_with_next=True)
    doc.bullets(list(dict.fromkeys(x for r in p.checklist for x in r.item.sources(p.lang))))

    doc.new_section(landscape=True)
    doc.heading(p.t("doc.annex_b"), 1)
    if p.workshop.is_sample:
        doc.paragraph(p.t("sample.banner"), grey=True, size=TABLE_PT)
    rows, groups = [], {}
    for code, d in catalogue.dimensions().items():
        mine = [i for i in p.inds.values() if i.dimension == code]
        groups[len(rows)] = d.name(p.lang)
        for ind in mine:
            v = p.values.get(ind.code)
            year = ""
            if v and v.baseline_year:
                year = str(dates.be_year(v.baseline_year) if p.lang == "th" else v.baseline_year)
            rows.append([ind.name(p.lang), ind.unit_name(p.lang), p.t(f"direction.{ind.direction}"),
                         number(v.baseline_value) if v else "–", year or "–",
                         number(v.benchmark_value) if v else "–", number(v.target_6m) if v else "–",
                         number(v.target_12m) if v else "–", number(v.target_horizon) if v else "–"])
    num_w = 2.2
    # the unit column as wide as its longest unit (wrapping at most once); the indicator takes the rest
    unit_w = max(2.4, max((text_width_cm(r[1], TABLE_PT) for r in rows), default=0) / 2 + PAD_CM)
    direction_w = 2.8
    doc.table([Column(p.t("positioning.col.indicator"), doc.text_width_cm() - unit_w - direction_w - 6 * num_w),
               Column(p.t("col.unit"), unit_w), Column(p.t("doc.col.direction"), direction_w)] +
              [Column(p.t(k), num_w, "right" if k != "doc.col.baseline_year" else "center")
               for k in ("col.baseline_value", "doc.col.baseline_year", "col.benchmark_value", "col.target_6m",
                         "col.target_12m", "col.target_horizon")], rows, groups=groups)

    doc.new_section(landscape=False)
    doc.heading(p.t("doc.annex_c"), 1)
    if p.approved is not None:
        v = p.approved
        doc.label_value(p.t("doc.version"), str(v.number))
        doc.label_value(p.t("field.resolution_no"), v.resolution_no or "")
        doc.label_value(p.t("field.resolution_date"), p.date(v.resolution_date) if v.resolution_date else "")
        doc.label_value(p.t("doc.decided_by"), v.decided_by or "")
    else:
        doc.placeholder(p.t("doc.not_approved_yet"))
        if p.versions:
            doc.table([Column(p.t("doc.version"), 2.0, "center"), Column(p.t("doc.col.submitted"), 4.0),
                       Column(p.t("doc.col.status"), 3.0), Column(p.t("field.resolution_no"), 3.5),
                       Column(p.t("field.resolution_date"), 3.5)],
                      [[str(v.number), p.date(dates.local_day(v.submitted_at)), p.t(f"review.status.{v.status}"),
                        v.resolution_no or "–", p.date(v.resolution_date) if v.resolution_date else "–"]
                       for v in p.versions])
