"""Import baselines and benchmarks from CSV or Excel, validated as a whole.

Nothing is written unless every row is valid; each problem names the row as the user sees it (the
spreadsheet's row number, blank rows counted), the column and what was expected. Thai digits,
thousands separators and B.E. or Gregorian years are understood; anything ambiguous is rejected
rather than guessed. What Thai office Excel saves is read as it comes: CSV in UTF-8 or Thai
Windows encoding, "Unicode Text" (UTF-16, tabs), semicolon or tab separators, a title above the
header, extra columns, the table on another sheet.

Files are hostile until read: an .xlsx is a zip that may unpack to gigabytes, so every part is
capped (declared and actual size), the sheet is streamed and reading stops at the limits.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from planning import indicators as ind_module
from planning.dates import BE_OFFSET
from planning.errors import PlanningError, ValidationError
from planning.indicators import YEAR_MAX, YEAR_MIN, CellErrors, IndicatorValues
from planning.roles import Actor, require_facilitator
from planning.store import Store

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000
MAX_COLUMNS = 64           # columns A..BL; the template has 8
HEADER_SEARCH = 10         # filled rows looked at for the header (a title may sit above it)
MAX_SHEETS = 20
# What an .xlsx may unpack to. A full 2,000-row template is well under 2 MB of XML.
UNPACKED_MAX = 40_000_000  # all parts read, together
SHEET_MAX = 24_000_000     # one worksheet
STRINGS_MAX = 16_000_000   # the shared strings
PART_MAX = 4_000_000       # any other part (workbook, styles, relationships)
MAX_ELEMENTS = 200_000     # XML elements parsed in strings and sheets, together (a full
                           # template has about 50,000); also what bounds memory
MAX_STRINGS = 200_000
EXCEL_ROWS = 1_048_576
ROW_CELLS_MAX = 1_024      # cells in one row, formatted empty ones included
SHOWN_MAX = 40             # characters of a cell repeated in a message

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsx with a password
TEXT_TYPES = (".csv", ".txt", ".tsv")
XLSX_TYPES = (".xlsx", ".xlsm")
UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls"]  # .xls only to explain how to save it
DELIMITERS = (",", ";", "\t")

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

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NO_VALUE = {"-", "–", "—", "−"}  # a dash in an official table means "no data"


def _header_key(text) -> str:
    """Header text compared without case, invisible characters (BOM, zero-width) or extra spaces."""
    text = str(text or "")
    if len(text) > 100:  # no header is this long; spare the work on a huge cell
        return ""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split()).casefold()


@dataclass(frozen=True)
class Layout:
    """What a file's table looks like: canonical column -> accepted headers, and the columns any of
    whose headers marks the header row. The reading (encodings, delimiters, titles above the header,
    other sheets, every limit) is the same for every layout."""
    columns: dict
    keys: tuple[str, ...]

    @property
    def header(self) -> dict[str, str]:
        return {_header_key(h): canon for canon, names in self.columns.items() for h in names}


BASELINES = Layout(COLUMNS, ("indicator_code",))
_HEADER = BASELINES.header


# ---- cells -----------------------------------------------------------------------------------

class Percent(float):
    """A number written with % (or an Excel cell formatted as a percentage): allowed only where
    the indicator's unit is a percentage."""


class Unreadable(str):
    """The raw text of an Excel cell that its own type does not allow (a number cell holding
    "NaN" or "12abc", a string index that does not exist)."""


class _Shown:
    """A cell's text for a message: shortened, with control and direction-changing characters
    replaced, and never taken for a catalogue key."""

    def __init__(self, raw):
        self.text = shown(raw)

    def __str__(self) -> str:
        return self.text


def shown(raw) -> str:
    if isinstance(raw, float):
        text = f"{float(raw):.15g}" + ("%" if isinstance(raw, Percent) else "")
    else:
        text = str(raw)[:SHOWN_MAX + 1]
    # Cc: control characters (C0, C1, tabs, line breaks); Cf: format characters, which include
    # the bidi overrides and isolates (U+202A-E, U+2066-9) and zero-width characters.
    clean = "".join("\ufffd" if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp") else ch
                    for ch in text)
    return clean if len(clean) <= SHOWN_MAX else clean[:SHOWN_MAX] + "…"


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def parse_number(raw) -> float | None:
    """A number from a cell: None when empty; ValueError (with a catalogue key) when not clear.
    A value written with % comes back as a Percent."""
    if raw is None:
        return None
    if isinstance(raw, (bool, dt.date, dt.datetime, dt.time, dt.timedelta, Unreadable)):
        raise ValueError("error.not_a_number")
    if isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:  # an integer too large for any indicator
            raise ValueError("error.not_a_number") from None
        if not math.isfinite(value):
            raise ValueError("error.not_a_number")
        return raw if isinstance(raw, Percent) else value
    text = str(raw).translate(THAI_DIGITS).strip().replace("\u00a0", "").replace(" ", "")
    if text == "":
        return None
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    if _PLAIN.match(text):
        value = float(text)
    elif _GROUPED.match(text):
        value = float(text.replace(",", ""))
    elif re.match(r"^[+-]?[\d.,]+$", text):
        raise ValueError("error.number_ambiguous")  # e.g. 1.234,5 or 1,23
    else:
        raise ValueError("error.not_a_number")
    return Percent(value) if percent else value


def parse_year(raw) -> int | None:
    """A year as Gregorian from 4 digits, B.E. (2400 and up) or Gregorian; ValueError (a catalogue
    key) when not 4 digits ("error.year_ambiguous") or outside the plan's years ("error.year_out_of_range")."""
    if raw is None:
        return None
    if isinstance(raw, (bool, dt.date, dt.datetime, dt.time, dt.timedelta, Unreadable, Percent)):
        raise ValueError("error.year_ambiguous")
    if isinstance(raw, float):
        if not math.isfinite(raw) or not raw.is_integer():
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
    if year >= 2400:  # B.E. years of this era; Gregorian years this high are not plan years
        year -= BE_OFFSET
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError("error.year_out_of_range")
    return year


def parse_text(raw) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, Unreadable):
        raise ValueError("error.cell_unreadable")
    text = str(raw).strip()
    if text == "" or text in NO_VALUE:
        return None
    if str(raw).startswith(FORMULA_START) or text.startswith(FORMULA_START):
        raise ValueError("error.formula_text")
    return text


def _problem_params(key: str, raw) -> dict:
    params = {"value": _Shown(raw)}
    if key == "error.year_out_of_range":
        params.update(min=YEAR_MIN + BE_OFFSET, max=YEAR_MAX + BE_OFFSET, min_ce=YEAR_MIN, max_ce=YEAR_MAX)
    return params


# ---- the table in a file ---------------------------------------------------------------------

@dataclass
class Table:
    """The rows of a file from its header on; row numbers are the spreadsheet's (1 = first row)."""
    header_row: int
    header: list
    body: list[tuple[int, list]] = field(default_factory=list)
    sheet: str | None = None  # for a workbook: the sheet the table was found on, unless the first
    recognised: bool = True   # False: no header row was found; the first filled row stands in


def _recognised(cells: list, layout: Layout = BASELINES) -> set[str]:
    header = layout.header
    return {header[k] for k in map(_header_key, cells) if k in header}


def _is_header(cells: list, layout: Layout = BASELINES) -> bool:
    return bool(set(layout.keys) & _recognised(cells, layout))


def _width(cells: list) -> int:
    return max((i + 1 for i, c in enumerate(cells) if not _blank(c)), default=0)


def _filled(rows: Iterable[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    """Rows with something in them, trimmed after their last filled cell."""
    for number, cells in rows:
        width = _width(cells)
        if width > MAX_COLUMNS:
            raise ValidationError("error.too_many_columns", row=number, max=MAX_COLUMNS)
        if width:
            yield number, list(cells[:width])


def _take_table(rows: Iterable[tuple[int, list]], sheet: str | None = None,
                need_header: bool = True, layout: Layout = BASELINES) -> Table | None:
    """The header (the best header-like row among the first HEADER_SEARCH filled rows; rows above
    it are titles) and the filled rows below it. None when there is no header and one is needed.
    Reading stops as soon as a limit is passed."""
    filled = _filled(rows)
    first = []
    for row in filled:
        first.append(row)
        if len(first) >= HEADER_SEARCH:
            break
    headers = [(len(_recognised(cells, layout)), -i) for i, (_, cells) in enumerate(first)
               if _is_header(cells, layout)]
    if not headers and (need_header or not first):
        return None
    at = -max(headers)[1] if headers else 0
    table = Table(first[at][0], first[at][1], sheet=sheet, recognised=bool(headers))
    for row in itertools.chain(first[at + 1:], filled):
        table.body.append(row)
        if len(table.body) > MAX_ROWS:
            raise ValidationError("error.too_many_rows", max=MAX_ROWS)
    return table


def read_table(filename: str, data: bytes, layout: Layout = BASELINES) -> Table:
    """The table in a CSV/text or .xlsx file; a ValidationError with a catalogue key for anything
    that cannot be read, whatever went wrong inside."""
    if len(data) > MAX_BYTES:
        raise ValidationError("error.file_too_large", max_kb=MAX_BYTES // 1000)
    name = (filename or "").lower()
    if data.startswith(OLE_MAGIC):
        raise ValidationError("error.file_old_excel")
    try:
        if name.endswith(XLSX_TYPES):
            if not data.startswith(XLSX_MAGIC):
                raise ValidationError("error.file_type")
            return _read_xlsx(data, layout)
        if name.endswith(TEXT_TYPES):
            if data.startswith(XLSX_MAGIC):
                raise ValidationError("error.file_type")
            return _read_text(data, layout)
    except PlanningError:
        raise
    except Exception:  # noqa: BLE001 - no file, however made, may end in a traceback
        raise ValidationError("error.file_unreadable") from None
    raise ValidationError("error.file_type")


# ---- CSV and text ----------------------------------------------------------------------------

def _decode(data: bytes) -> str:
    """Text by byte-order mark first (Excel's "Unicode Text" is UTF-16 with one), then UTF-8,
    then Thai Windows (cp874, as older Excel saves CSV)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ValidationError("error.file_encoding")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ValidationError("error.file_encoding") from None
    if b"\x00" in data:  # UTF-16 without a mark, or not text at all
        raise ValidationError("error.file_encoding")
    for encoding in ("utf-8", "cp874"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("error.file_encoding")


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list]]:
    """Records numbered as a spreadsheet shows them: a blank line is a row too."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise ValidationError("error.csv_unreadable", row=number + 1) from None
        number += 1
        yield number, cells


def _read_text(data: bytes, layout: Layout = BASELINES) -> Table:
    text = _decode(data)
    best, best_score = ",", (False, 0)
    for delimiter in DELIMITERS:  # the one that splits a header row into the most known columns
        try:
            rows = list(itertools.islice(_filled(_csv_rows(text, delimiter)), HEADER_SEARCH))
        except ValidationError:  # a line too wide or unreadable when split this way
            continue
        for _, cells in rows:
            score = (_is_header(cells, layout), len(_recognised(cells, layout)))
            if score > best_score:
                best, best_score = delimiter, score
    table = _take_table(_csv_rows(text, best), need_header=best_score[0], layout=layout)
    if table is None:
        raise ValidationError("error.file_empty")
    return table


# ---- Excel -----------------------------------------------------------------------------------

class _TooBig(Exception):
    """The workbook unpacks to more than the importer reads."""


class _Damaged(Exception):
    """Something no spreadsheet program writes."""


class _Budget:
    def __init__(self):
        self.bytes = 0
        self.elements = 0


class _CappedPart:
    """A zip member read through a counter: stops past the part's cap or the workbook's."""

    def __init__(self, raw, limit: int, budget: _Budget):
        self._raw, self._limit, self._budget, self._count = raw, limit, budget, 0
        self._tail = b""

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            chunks = []
            while chunk := self.read(1 << 16):
                chunks.append(chunk)
            return b"".join(chunks)
        data = self._raw.read(min(n, 1 << 16))
        self._count += len(data)
        self._budget.bytes += len(data)
        if self._count > self._limit or self._budget.bytes > UNPACKED_MAX:
            raise _TooBig
        if b"<!ENTITY" in self._tail + data:  # Excel never declares entities; expanding them is a bomb
            raise _Damaged
        self._tail = data[-8:]
        return data

    def close(self) -> None:
        self._raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _part_limit(name: str) -> int:
    if name.startswith("xl/worksheets/"):
        return SHEET_MAX
    if name.endswith("sharedStrings.xml"):
        return STRINGS_MAX
    return PART_MAX


class _CappedZip(zipfile.ZipFile):
    """Every member is opened through _CappedPart, after its declared size is checked."""

    def __init__(self, data: bytes, budget: _Budget):
        super().__init__(io.BytesIO(data))
        self.budget = budget

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        if mode != "r":
            raise ValueError("read only")
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        limit = _part_limit(info.filename)
        if info.file_size > limit or info.file_size + self.budget.bytes > UNPACKED_MAX:
            raise _TooBig
        return _CappedPart(super().open(info, "r", pwd), limit, self.budget)


def _read_xlsx(data: bytes, layout: Layout = BASELINES) -> Table:
    try:
        return _xlsx_table(data, layout)
    except _TooBig:
        raise ValidationError("error.workbook_too_big", max_rows=MAX_ROWS,
                              max_mb=UNPACKED_MAX // 1_000_000) from None


def _xlsx_table(data: bytes, layout: Layout = BASELINES) -> Table:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHARED_STRINGS

    budget = _Budget()
    try:
        archive = _CappedZip(data, budget)
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
        reader.archive.close()
        reader.archive, reader.valid_files = archive, archive.namelist()
        reader.read_manifest()
        strings = reader.package.find(SHARED_STRINGS)
        shared = _shared_strings(archive, strings.PartName[1:], budget) if strings is not None else []
        reader.read_workbook()
        wb = reader.wb
        apply_stylesheet(archive, wb)
        percent = _percent_styles(wb)
        sheets = [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
                  if rel.target in reader.valid_files and "chartsheet" not in rel.Type
                  and sheet.state not in ("hidden", "veryHidden")][:MAX_SHEETS]
    except (_TooBig, PlanningError):
        raise
    except Exception:  # noqa: BLE001 - a damaged package raises anything
        raise ValidationError("error.file_damaged") from None

    def rows(path: str) -> _SheetRows:
        parser = WorkSheetParser(None, shared, data_only=False, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        return _SheetRows(archive, path, parser, percent, budget)

    for index, (name, path) in enumerate(sheets):
        found = _sheet_table(rows(path), name if index else None, layout=layout)  # named when not the first
        if found is not None:
            return found
    if sheets:  # no header anywhere: the first sheet's first row, to say what is missing
        table = _sheet_table(rows(sheets[0][1]), None, need_header=False, layout=layout)
        if table is not None:
            return table
    raise ValidationError("error.file_empty")


def _sheet_table(rows: "_SheetRows", name: str | None, need_header: bool = True,
                 layout: Layout = BASELINES) -> Table | None:
    try:
        return _take_table(rows, name, need_header, layout)
    except (_TooBig, PlanningError):
        raise
    except Exception:  # noqa: BLE001 - cut-off or malformed sheet XML, a bad row number
        if rows.last_row:
            raise ValidationError("error.file_damaged_after", row=rows.last_row) from None
        raise ValidationError("error.file_damaged") from None
    finally:
        rows.close()


def _shared_strings(archive: _CappedZip, path: str, budget: _Budget) -> list[str]:
    import xml.etree.ElementTree as ET

    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS

    si, t = "{%s}si" % SHEET_MAIN_NS, "{%s}t" % SHEET_MAIN_NS
    strings = []
    with archive.open(path) as src:
        for _, element in ET.iterparse(src):  # end events: a string is complete when seen
            budget.elements += 1
            if budget.elements > MAX_ELEMENTS:
                raise _TooBig
            if element.tag == si:
                if len(element) == 1 and element[0].tag == t and not len(element[0]):
                    content = element[0].text or ""  # plain text, by far the most common
                else:
                    content = Text.from_tree(element).content  # rich text runs, phonetic hints
                strings.append(content.replace("x005F_", ""))
                element.clear()  # what is read leaves memory (an empty element stays behind)
                if len(strings) > MAX_STRINGS:
                    raise _TooBig
    return strings


def _percent_styles(wb) -> set[int]:
    """Cell styles whose number format shows a percentage (the cell holds 0.25 for 25%)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    found = set()
    for index, style in enumerate(wb._cell_styles):
        fid = style.numFmtId
        fmt = BUILTIN_FORMATS.get(fid, "") if fid < BUILTIN_FORMATS_MAX_SIZE else \
            wb._number_formats[fid - BUILTIN_FORMATS_MAX_SIZE]
        if "%" in re.sub(r'"[^"]*"|\\.', "", fmt or ""):
            found.add(index)
    return found


class _SheetRows:
    """(row number, cell values from column A) of one worksheet, streamed: rows leave memory once
    read, and parsing stops past the element budget. Cells are read by openpyxl's own cell
    parser; a cell it refuses becomes Unreadable instead of an exception."""

    def __init__(self, archive, path, parser, percent, budget):
        self._archive, self._path, self._parser = archive, path, parser
        self._percent, self._budget = percent, budget
        self._src = None
        self.last_row = 0

    def __iter__(self) -> Iterator[tuple[int, list]]:
        import xml.etree.ElementTree as ET

        from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG

        self._src = self._archive.open(self._path)
        budget = self._budget
        # End events only: a row is complete when seen. Cleared rows leave an empty element behind,
        # so memory stays within the element budget.
        cells = 0
        for _, element in ET.iterparse(self._src):
            budget.elements += 1
            if budget.elements > MAX_ELEMENTS:
                raise _TooBig
            if element.tag == CELL_TAG:
                cells += 1
                if cells > ROW_CELLS_MAX:
                    raise _TooBig
            elif element.tag == ROW_TAG:
                cells = 0
                number = self._row_number(element)
                values = self._values(element, number) if len(element) else None
                self.last_row = number
                if values is not None:  # a row without cells is blank: nothing to hand on
                    element.clear()
                    yield number, values

    def _row_number(self, row) -> int:
        r = row.get("r")
        number = self.last_row + 1 if r is None else int(r)
        if not 1 <= number <= EXCEL_ROWS:
            raise ValueError("row number out of range")
        return number

    def _values(self, row, number: int) -> list:
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.worksheet._reader import CELL_TAG, VALUE_TAG

        parser = self._parser
        parser.row_counter, parser.col_counter = number, 0
        values: list = []
        for c in row:
            if c.tag != CELL_TAG:
                continue
            try:
                cell = parser.parse_cell(c)
                column, value = cell["column"], self._value(cell)
            except Exception:  # noqa: BLE001 - a cell Excel would not write
                ref = c.get("r")
                column = coordinate_to_tuple(ref)[1] if ref else parser.col_counter + 1
                parser.col_counter = column
                value = Unreadable(c.findtext(VALUE_TAG) or "")
            if _blank(value):
                continue
            if column > MAX_COLUMNS:
                raise ValidationError("error.too_many_columns", row=number, max=MAX_COLUMNS)
            values.extend([None] * (column - len(values)))
            values[column - 1] = value
        return values

    def _value(self, cell: dict):
        value, kind = cell["value"], cell["data_type"]
        if kind == "f":  # a formula: rejected as formula text, never evaluated
            text = value if isinstance(value, str) else getattr(value, "text", None) or ""
            return "=" + str(text).lstrip("=")
        if kind == "n" and isinstance(value, (int, float)) and cell["style_id"] in self._percent:
            return Percent(float(f"{value * 100:.12g}"))
        return value

    def close(self) -> None:
        if self._src is not None:
            self._src.close()


# ---- from table to values --------------------------------------------------------------------

@dataclass(frozen=True)
class Parsed:
    rows: list[tuple[int, str, dict]]  # (row number, indicator code, imported fields)
    labels: dict[str, str]             # canonical column -> header as written in the file
    ignored: tuple[str, ...]           # headers of columns that are not imported
    sheet: str | None


def parse_rows(table: Table, known_codes: set[str]) -> Parsed:
    """Turn a table into values for the importer; CellErrors lists every problem found."""
    header, first = table.header, table.header_row
    problems: list[tuple] = []
    columns: dict[int, str] = {}
    unknown: list[tuple[int, str]] = []
    for i, h in enumerate(header):
        if _blank(h):
            continue
        canon = _HEADER.get(_header_key(h))
        if canon is None:
            unknown.append((i, str(h)))
        elif canon in columns.values():
            problems.append((first, _Shown(h), "error.duplicate_column", {}))
        else:
            columns[i] = canon
    missing = []
    if "indicator_code" not in columns.values():
        missing.append((first, "indicator_code", "error.missing_column", {}))
    if not set(IMPORTED) & set(columns.values()):
        missing.append((first, "baseline_value", "error.missing_column", {}))
    if missing:  # the file is not the template: say which headers were not understood
        expected = ", ".join(n for names in COLUMNS.values() for n in names)
        problems += [(first, _Shown(h), "error.unknown_column", {"expected": expected}) for _, h in unknown]
        problems += missing
    if problems:
        raise CellErrors(problems)
    labels = {canon: str(header[i]).strip() for i, canon in columns.items()}

    parsers = {"baseline_value": parse_number, "benchmark_value": parse_number,
               "baseline_year": parse_year, "baseline_source": parse_text,
               "benchmark_source": parse_text, "indicator_code": parse_text,
               "indicator_name": lambda v: v, "unit": lambda v: v}
    out, seen = [], {}
    for n, row in table.body:
        if all(_blank(row[i]) for i in columns if i < len(row)):
            continue  # only notes in columns that are not imported
        record, failed = {}, set()
        for i, canon in columns.items():
            raw = row[i] if i < len(row) else None
            try:
                record[canon] = parsers[canon](raw)
            except ValueError as exc:
                failed.add(canon)
                problems.append((n, labels[canon], exc.args[0], _problem_params(exc.args[0], raw)))
        code = record.get("indicator_code")
        if code is None:
            if "indicator_code" not in failed:
                problems.append((n, labels["indicator_code"], "error.required_cell", {}))
            continue
        code = str(code).strip().upper()
        if code not in known_codes:
            problems.append((n, labels["indicator_code"], "error.unknown_indicator", {"code": _Shown(code)}))
            continue
        if code in seen:
            problems.append((n, labels["indicator_code"], "error.duplicate_row", {"first": seen[code]}))
            continue
        seen[code] = n
        out.append((n, code, {k: record.get(k) for k in IMPORTED if k in columns.values()}))
    if problems:
        raise CellErrors(problems)
    ignored = tuple(shown(h) for _, h in unknown)
    return Parsed(out, labels, ignored, shown(table.sheet) if table.sheet else None)


@dataclass(frozen=True)
class ImportResult:
    updated: int                       # indicators whose values the file set
    ignored_columns: tuple[str, ...]   # headers of columns not imported (shortened, safe to show)
    sheet: str | None                  # the worksheet read when not the first (safe to show)


def import_baselines(store: Store, actor: Actor, workshop_id: str, filename: str, data: bytes) -> ImportResult:
    """Validate the whole file, then write baselines and benchmarks in one transaction.

    An empty cell leaves the stored value as it is (a filled-in template updates only what was
    typed), and targets are never touched. A file with nothing to import is refused.
    """
    require_facilitator(actor)
    known = ind_module.indicator_map(store, workshop_id)
    parsed = parse_rows(read_table(filename, data), set(known))
    current = ind_module.current_values(store, workshop_id)
    merged, problems = [], []
    for n, code, fields in parsed.rows:
        fields = {k: v for k, v in fields.items() if v is not None}
        if not fields:
            continue
        indicator = known[code]
        for name, value in fields.items():
            if isinstance(value, Percent) and not indicator.is_percent:
                problems.append((n, parsed.labels[name], "error.percent_not_unit",
                                 {"value": _Shown(value), "unit": _Shown(indicator.unit)}))
            if isinstance(value, float):
                fields[name] = float(value)
        base = current.get(code, IndicatorValues(code))
        values = IndicatorValues(**{**base.__dict__, **fields})
        problems += ind_module.check_values(indicator, values, n)
        merged.append(values)
    if problems:
        raise CellErrors(problems)
    if not merged:
        raise ValidationError("error.nothing_to_import")
    ind_module.save_values(store, actor, workshop_id, merged)
    return ImportResult(len(merged), parsed.ignored, parsed.sheet)


def problems_csv(exc: CellErrors, lang: str) -> bytes:
    """Every problem of a refused import as CSV (row, column, problem) for a spreadsheet;
    nothing in it can run as a formula."""
    from planning.exports import neutralise
    from planning.text import t

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([t("import.problem_row", lang), t("import.problem_column", lang), t("import.problem", lang)])
    for (row, column, problem, params), message in zip(exc.cells, exc.messages(lang)):
        column_text = t(column, lang) if isinstance(column, str) else str(column)
        writer.writerow([row, _neutral(neutralise(column_text)), _neutral(neutralise(message))])
    return buf.getvalue().encode("utf-8-sig")


_FULL_WIDTH_START = ("\uff1d", "\uff0b", "\uff0d", "\uff20")  # ＝＋－＠, which spreadsheets also read


def _neutral(text: str) -> str:
    return "'" + text if text.startswith(_FULL_WIDTH_START) else text


# ---- templates -------------------------------------------------------------------------------

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
