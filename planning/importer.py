"""Import baselines and benchmarks from CSV or Excel, validated as a whole.

Nothing is written unless every row is valid; each problem names the row (as numbered in the
spreadsheet, header = row 1), the column and what was expected. Thai digits, thousands separators
and B.E. or Gregorian years are understood; anything ambiguous is rejected rather than guessed.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

from planning import indicators as ind_module
from planning.dates import BE_OFFSET
from planning.errors import ValidationError
from planning.indicators import CellErrors, IndicatorValues
from planning.roles import Actor, require_facilitator
from planning.store import Store

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000
XLSX_MAGIC = b"PK\x03\x04"

# canonical column -> accepted headers (English, Thai)
COLUMNS = {
    "indicator_code": ("indicator_code", "รหัสตัวชี้วัด"),
    "indicator_name": ("indicator_name", "ชื่อตัวชี้วัด"),
    "unit": ("unit", "หน่วย"),
    "baseline_value": ("baseline_value", "ค่าฐาน"),
    "baseline_year": ("baseline_year", "ปีฐาน"),
    "baseline_source": ("baseline_source", "แหล่งข้อมูลค่าฐาน"),
    "benchmark_value": ("benchmark_value", "ค่าเปรียบเทียบ"),
    "benchmark_source": ("benchmark_source", "แหล่งค่าเปรียบเทียบ"),
}
INFORMATIONAL = ("indicator_name", "unit")  # in the template to help people; not imported
IMPORTED = ("baseline_value", "baseline_year", "baseline_source", "benchmark_value", "benchmark_source")
_HEADER = {h.casefold(): canon for canon, names in COLUMNS.items() for h in names}

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def parse_number(raw) -> float | None:
    """A number from a cell: None when empty; ValueError (with a catalogue key) when not clear."""
    if raw is None:
        return None
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.datetime)):
        raise ValueError("error.not_a_number")
    if isinstance(raw, (int, float)):
        return float(raw)
    text = str(raw).translate(THAI_DIGITS).strip().replace("\u00a0", "").replace(" ", "")
    if text == "":
        return None
    if text.endswith("%"):
        text = text[:-1]
    if _PLAIN.match(text):
        return float(text)
    if _GROUPED.match(text):
        return float(text.replace(",", ""))
    if re.match(r"^[+-]?[\d.,]+$", text):
        raise ValueError("error.number_ambiguous")  # e.g. 1.234,5 or 1,23
    raise ValueError("error.not_a_number")


def parse_year(raw) -> int | None:
    """A year as Gregorian: 4-digit B.E. (2400-2700) or Gregorian (1900-2200); else ValueError."""
    if raw is None:
        return None
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.datetime)):
        raise ValueError("error.year_ambiguous")
    if isinstance(raw, float):
        if not raw.is_integer():
            raise ValueError("error.year_ambiguous")
        raw = int(raw)
    text = str(raw).translate(THAI_DIGITS).strip()
    for prefix in ("พ.ศ.", "ค.ศ."):
        text = text.removeprefix(prefix).strip()
    if text == "":
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError("error.year_ambiguous")
    year = int(text)
    if 2400 <= year <= 2700:
        return year - BE_OFFSET
    if 1900 <= year <= 2200:
        return year
    raise ValueError("error.year_ambiguous")


def parse_text(raw) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    if text == "":
        return None
    if str(raw).startswith(FORMULA_START) or text.startswith(FORMULA_START):
        raise ValueError("error.formula_text")
    return text


def read_table(filename: str, data: bytes) -> list[list]:
    """Rows of cells (header first) from a CSV or .xlsx file; ValidationError for anything else."""
    if len(data) > MAX_BYTES:
        raise ValidationError("error.file_too_large", max_kb=MAX_BYTES // 1000)
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        if not data.startswith(XLSX_MAGIC):
            raise ValidationError("error.file_type")
        return _read_xlsx(data)
    if name.endswith(".csv"):
        if data.startswith(XLSX_MAGIC) or b"\x00" in data:
            raise ValidationError("error.file_type")
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as "Unicode text" saves
            raise ValidationError("error.file_encoding")
        for encoding in ("utf-8-sig", "cp874"):  # cp874: Thai Windows, as older Excel saves CSV
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationError("error.file_encoding")
        return [row for row in csv.reader(io.StringIO(text))]
    raise ValidationError("error.file_type")


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ValidationError("error.file_type") from None
    ws = wb.worksheets[0]
    rows = []
    for row in ws.iter_rows():
        cells = []
        for cell in row:
            value = cell.value
            if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")):
                value = "=" + str(value).lstrip("=")  # formulas are rejected like formula text
            cells.append(value)
        rows.append(cells)
    wb.close()
    return rows


def parse_rows(rows: list[list], known_codes: set[str]) -> list[IndicatorValues]:
    """Turn table rows into values for the importer; CellErrors lists every problem found."""
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        raise ValidationError("error.file_empty")
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError("error.too_many_rows", max=MAX_ROWS)
    header, body = rows[0], rows[1:]
    problems: list[tuple] = []
    columns: dict[int, str] = {}
    for i, h in enumerate(header):
        canon = _HEADER.get(str(h or "").strip().casefold())
        if canon is None:
            problems.append((1, str(h), "error.unknown_column",
                             {"expected": ", ".join(n for names in COLUMNS.values() for n in names)}))
        elif canon in columns.values():
            problems.append((1, str(h), "error.duplicate_column", {}))
        else:
            columns[i] = canon
    if "indicator_code" not in columns.values():
        problems.append((1, "indicator_code", "error.missing_column", {}))
    if not set(IMPORTED) & set(columns.values()):
        problems.append((1, "baseline_value", "error.missing_column", {}))
    if problems:
        raise CellErrors(problems)

    parsers = {"baseline_value": parse_number, "benchmark_value": parse_number,
               "baseline_year": parse_year, "baseline_source": parse_text,
               "benchmark_source": parse_text, "indicator_code": parse_text,
               "indicator_name": lambda v: v, "unit": lambda v: v}
    out, seen = [], {}
    for n, row in enumerate(body, start=2):
        record = {}
        for i, canon in columns.items():
            raw = row[i] if i < len(row) else None
            try:
                record[canon] = parsers[canon](raw)
            except ValueError as exc:
                problems.append((n, header[i], exc.args[0], {"value": raw}))
        code = record.get("indicator_code")
        if code is None:
            problems.append((n, "indicator_code", "error.required_cell", {}))
            continue
        code = str(code).strip().upper()
        if code not in known_codes:
            problems.append((n, "indicator_code", "error.unknown_indicator", {"code": code}))
            continue
        if code in seen:
            problems.append((n, "indicator_code", "error.duplicate_row", {"first": seen[code]}))
            continue
        seen[code] = n
        out.append((n, code, {k: record.get(k) for k in IMPORTED if k in columns.values()}))
    if problems:
        raise CellErrors(problems)
    return out


def import_baselines(store: Store, actor: Actor, workshop_id: str, filename: str, data: bytes) -> int:
    """Validate the whole file, then write baselines and benchmarks; returns indicators updated.

    An empty cell leaves the stored value as it is (a filled-in template updates only what was
    typed), and targets are never touched.
    """
    require_facilitator(actor)
    known = ind_module.indicator_map(store, workshop_id)
    parsed = parse_rows(read_table(filename, data), set(known))
    current = ind_module.current_values(store, workshop_id)
    merged, problems = [], []
    for n, code, fields in parsed:
        fields = {k: v for k, v in fields.items() if v is not None}
        if not fields:
            continue
        base = current.get(code, IndicatorValues(code))
        values = IndicatorValues(**{**base.__dict__, **fields})
        problems += ind_module.check_values(known[code], values, n)
        merged.append(values)
    if problems:
        raise CellErrors(problems)
    ind_module.save_values(store, actor, workshop_id, merged)
    return len(merged)


def template_rows(lang: str, indicator_list) -> list[list]:
    header = [COLUMNS[c][1 if lang == "th" else 0] for c in COLUMNS]
    return [header] + [[i.code, i.name(lang), i.unit, None, None, None, None, None] for i in indicator_list]


def template_csv(lang: str, indicator_list) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(template_rows(lang, indicator_list))
    return buf.getvalue().encode("utf-8-sig")  # BOM: Excel opens Thai CSV correctly


def template_xlsx(lang: str, indicator_list) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "baselines"
    for row in template_rows(lang, indicator_list):
        ws.append(row)
    for col, width in zip("ABCDEFGH", (14, 48, 16, 12, 10, 28, 14, 28)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
