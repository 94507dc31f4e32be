"""Key figures for every province (the City Positioning profile compares a province with the median
of all), imported by a facilitator from a CSV or Excel template: one figure per row with its
value, year and source. The file is read by planning.importer (the same hardened reader as the
baseline import), validated as a whole and written in one transaction. Imported figures are real
(is_sample false) and sit beside the generated sample figures, which stay labelled as samples.
"""
from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass

from planning import audit, catalogue
from planning.errors import ValidationError
from planning.importer import (Layout, Percent, Table, _blank, _header_key, _problem_params, _Shown, parse_number,
                               parse_text, parse_year, read_table, shown)
from planning.indicators import CellErrors
from planning.roles import Actor, require_facilitator
from planning.store import Store, new_id, now

SOURCE_MAX = 200

# canonical column -> accepted headers (English, Thai); the template has all eight
COLUMNS = {
    "province_code": ("province_code", "รหัสจังหวัด"),
    "province_name": ("province", "province_name", "จังหวัด", "ชื่อจังหวัด"),
    "indicator_code": ("indicator_code", "รหัสตัวชี้วัด"),
    "indicator_name": ("indicator", "indicator_name", "ตัวชี้วัด", "ชื่อตัวชี้วัด"),
    "unit": ("unit", "หน่วย"),
    "value": ("value", "ค่า"),
    "year": ("year", "ปี"),
    "source": ("source", "แหล่งข้อมูล"),
}
LAYOUT = Layout(COLUMNS, ("province_code", "province_name"))
TEMPLATE = ("province_code", "province_name", "indicator_code", "indicator_name", "unit", "value", "year", "source")


def _name_key(text) -> str:
    """A province or indicator name compared without case, spaces or a leading จังหวัด / จ."""
    key = "".join(unicodedata.normalize("NFC", str(text or "")).casefold().split())
    for prefix in ("จังหวัด", "จ."):
        key = key.removeprefix(prefix)
    return key


def _province_lookup() -> dict[str, str]:
    found = {}
    for code, p in catalogue.provinces().items():
        for name in (code, f"th-{code}", p.name_th, p.name_en):
            found[_name_key(name)] = code
    found.update({_name_key("กทม"): "10", _name_key("กทม."): "10", _name_key("กรุงเทพ"): "10"})
    return found


def _indicator_lookup() -> dict[str, str]:
    found = {}
    for code, ind in catalogue.indicators().items():
        for name in (code, ind.name_th, ind.name_en):
            found[_name_key(name)] = code
    return found


@dataclass(frozen=True)
class Figure:
    province_code: str
    indicator_code: str
    year: int            # Gregorian
    value: float
    source: str


@dataclass(frozen=True)
class ImportResult:
    figures: int
    provinces: int
    indicators: int
    ignored_columns: tuple[str, ...]
    sheet: str | None


def parse(table: Table) -> tuple[list[Figure], tuple[str, ...]]:
    """Every figure in the table, or CellErrors naming each bad row and column. A row without a
    value is skipped (a template row left empty); a row with a value needs its year and source."""
    header, first = table.header, table.header_row
    accepted = LAYOUT.header
    columns: dict[int, str] = {}
    problems: list[tuple] = []
    unknown = []
    for i, h in enumerate(header):
        if _blank(h):
            continue
        canon = accepted.get(_header_key(h))
        if canon is None:
            unknown.append(str(h))
        elif canon in columns.values():
            problems.append((first, _Shown(h), "error.duplicate_column", {}))
        else:
            columns[i] = canon
    present = set(columns.values())
    needed = {"province_code": {"province_code", "province_name"}, "indicator_code": {"indicator_code", "indicator_name"},
              "value": {"value"}, "year": {"year"}, "source": {"source"}}
    missing = [c for c, any_of in needed.items() if not present & any_of]
    problems += [(first, c, "error.missing_column", {}) for c in missing]
    if problems:
        raise CellErrors(problems)
    labels = {canon: str(header[i]).strip() for i, canon in columns.items()}
    provinces, indicator_codes = _province_lookup(), _indicator_lookup()
    known = catalogue.indicators()
    figures, seen = [], {}
    for n, row in table.body:
        cell = {canon: (row[i] if i < len(row) else None) for i, canon in columns.items()}
        if all(_blank(cell.get(c)) for c in ("value", "year", "source")):
            continue  # a template row nobody filled in
        row_problems = []

        def problem(column: str, key: str, raw=None, **params):
            row_problems.append((n, labels[column], key, {**_problem_params(key, raw), **params}))

        province = _resolve(cell, "province_code", "province_name", provinces, problem, "error.unknown_province_cell")
        indicator = _resolve(cell, "indicator_code", "indicator_name", indicator_codes, problem,
                             "error.unknown_indicator")
        value = year = source = None
        try:
            value = parse_number(cell.get("value"))
            if value is None:
                problem("value", "error.required_cell")
        except ValueError as exc:
            problem("value", exc.args[0], cell.get("value"))
        try:
            year = parse_year(cell.get("year"))
            if year is None:
                problem("year", "error.required_cell")
        except ValueError as exc:
            problem("year", exc.args[0], cell.get("year"))
        try:
            source = parse_text(cell.get("source"))
            if source is None:
                problem("source", "error.required_cell")
            elif len(source) > SOURCE_MAX:
                problem("source", "error.too_long_cell", max=SOURCE_MAX)
        except ValueError as exc:
            problem("source", exc.args[0], cell.get("source"))
        if indicator and value is not None:
            ind = known[indicator]
            if isinstance(value, Percent) and not ind.is_percent:
                problem("value", "error.percent_not_unit", value, unit=_Shown(ind.unit))
            elif ind.is_percent and not 0 <= value <= 100:
                problem("value", "error.percent_range", value)
        if not row_problems and province and indicator and year is not None:
            key = (province, indicator, year)
            if key in seen:
                row_problems.append((n, labels.get("province_code") or labels["province_name"], "error.duplicate_figure",
                                     {"first": seen[key]}))
            seen.setdefault(key, n)
        if row_problems:
            problems += row_problems
            continue
        figures.append(Figure(province, indicator, year, float(value), source))
    if problems:
        raise CellErrors(problems)
    return figures, tuple(shown(h) for h in unknown)


def _resolve(cell: dict, code_column: str, name_column: str, lookup: dict, problem, unknown_key: str) -> str | None:
    """A province or indicator from its code column, else its name column; both given must agree."""
    found = {}
    for column in (code_column, name_column):
        raw = cell.get(column)
        if column not in cell or _blank(raw):
            continue
        code = lookup.get(_name_key(raw))
        if code is None:
            problem(column, unknown_key, raw, code=_Shown(raw))
            return None
        found[column] = code
    if not found:
        problem(code_column if code_column in cell else name_column, "error.required_cell")
        return None
    if len(set(found.values())) > 1:
        problem(name_column, "error.code_name_mismatch", cell.get(name_column), code=_Shown(cell.get(code_column)))
        return None
    return next(iter(found.values()))


def import_figures(store: Store, actor: Actor, workshop_id: str, filename: str, data: bytes) -> ImportResult:
    """Validate the whole file, then write every figure as real data in one transaction (with one
    audit entry in the workshop it was imported from). Re-importing a figure for the same province,
    indicator and year replaces the earlier one in the profile; earlier rows stay as history."""
    require_facilitator(actor)
    table = read_table(filename, data, LAYOUT)
    figures, ignored = parse(table)
    if not figures:
        raise ValidationError("error.nothing_to_import")
    import_id, stamp = new_id(), now()
    with store.transaction() as cur:
        cur.executemany(
            "INSERT INTO indicator_observation (province_code, indicator_code, year, value, source, is_sample,"
            " created_at, import_id) VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)",
            [[f.province_code, f.indicator_code, f.year, f.value, f.source, stamp, import_id] for f in figures])
        audit.record(cur, workshop_id, actor, "import", "province_figures", import_id, after={
            "file": filename[:200], "figures": len(figures),
            "provinces": sorted({f.province_code for f in figures}),
            "indicators": sorted({f.indicator_code for f in figures})})
    return ImportResult(len(figures), len({f.province_code for f in figures}), len({f.indicator_code for f in figures}),
                        ignored, shown(table.sheet) if table.sheet else None)


# ---- templates -------------------------------------------------------------------------------

def profile_indicators(store: Store) -> list[str]:
    """The indicators the profile shows (those with any province figure), in catalogue order."""
    with store.cursor() as cur:
        have = {r[0] for r in cur.execute("SELECT DISTINCT indicator_code FROM indicator_observation").fetchall()}
    return [c for c in catalogue.indicators() if c in have]


def template_rows(lang: str, indicator_codes: list[str]) -> list[list]:
    """A header and one row per province and indicator, value, year and source left empty."""
    header = [COLUMNS[c][1 if lang == "th" else 0] if c not in ("province_name", "indicator_name")
              else COLUMNS[c][3 if lang == "th" else 1] for c in TEMPLATE]
    inds = catalogue.indicators()
    rows = [header]
    for code, p in sorted(catalogue.provinces().items()):
        for ic in indicator_codes:
            ind = inds[ic]
            rows.append([code, p.name(lang), ic, ind.name(lang), ind.unit_name(lang), None, None, None])
    return rows


def template_csv(lang: str, indicator_codes: list[str]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(template_rows(lang, indicator_codes))
    return buf.getvalue().encode("utf-8-sig")


def template_xlsx(lang: str, indicator_codes: list[str]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "province_figures"
    for row in template_rows(lang, indicator_codes):
        ws.append(row)
    for col, width in zip("ABCDEFGH", (10, 22, 16, 44, 16, 12, 10, 36)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
