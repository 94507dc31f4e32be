"""Hostile and awkward import files, built on demand (nothing here is committed as a binary).

Each builder returns the bytes of one file; `corpus()` names them all. Run as a script to write
them into a folder for trying by hand or measuring:

    .venv/bin/python -m tests.hostile.make_corpus /tmp/corpus            # everything
    .venv/bin/python -m tests.hostile.make_corpus /tmp/corpus rows_bomb  # one file

The .xlsx files are written part by part (not through openpyxl) so that they can hold what
Excel never writes: a number cell holding "NaN", a cut-off sheet, millions of rows, lying sizes.
"""
from __future__ import annotations

import io
import struct
import sys
import zipfile
from pathlib import Path
from typing import Iterable

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER = ["indicator_code", "baseline_value", "baseline_year", "baseline_source"]
HEADER_TH = "รหัสตัวชี้วัด,ค่าฐาน,ปีฐาน,แหล่งข้อมูลค่าฐาน,ค่าเปรียบเทียบ,แหล่งค่าเปรียบเทียบ"


# ---- building blocks -------------------------------------------------------------------------

def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def cell(ref: str, value) -> str:
    """One <c> element: numbers as <v>, text inline; a str starting with '#raw:' goes into <v>
    untouched (how a hostile file says "this number is NaN")."""
    if isinstance(value, str) and value.startswith("#raw:"):
        return f'<c r="{ref}"><v>{_esc(value[5:])}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{_esc(str(value))}</t></is></c>'


def sheet_xml(rows: list[tuple[int, list]], extra: str = "") -> str:
    """rows: (Excel row number, values from column A)."""
    body = []
    for number, values in rows:
        cells = "".join(cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values) if v is not None)
        body.append(f'<row r="{number}">{cells}</row>')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{NS}">{extra}'
            f'<sheetData>{"".join(body)}</sheetData></worksheet>')


def numbered(rows: list[list], first: int = 1) -> list[tuple[int, list]]:
    return list(enumerate(rows, start=first))


def xlsx(sheets: list[tuple[str, str | bytes | Iterable[bytes]]], shared_strings=None,
         sizes: dict[str, int] | None = None) -> bytes:
    """A minimal workbook: sheet XML per sheet (text, bytes, or an iterable of byte chunks for
    parts too big to hold), optional shared strings part. `sizes` rewrites the uncompressed size
    recorded for a part (a zip that lies about what it holds)."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, len(sheets) + 1))
    if shared_strings is not None:
        overrides += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + overrides + "</Types>"),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}"><Relationship '
            f'Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL_NS}"><sheets>'
            + "".join(f'<sheet name="{_esc(name)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, (name, _) in enumerate(sheets, start=1))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(sheets) + 1))
            + (f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL_NS}/sharedStrings" '
               f'Target="sharedStrings.xml"/>' if shared_strings is not None else "")
            + "</Relationships>"),
    }
    for i, (_, xml) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, content in parts.items():
            if isinstance(content, (str, bytes)):
                zf.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
            else:
                with zf.open(name, "w") as fh:
                    for chunk in content:
                        fh.write(chunk)
    data = buf.getvalue()
    for name, size in (sizes or {}).items():
        data = _rewrite_size(data, name, size)
    return data


def _rewrite_size(data: bytes, name: str, size: int) -> bytes:
    """Record `size` as the uncompressed size of `name` in both the local and the central header."""
    out = bytearray(data)
    raw = name.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            length = struct.unpack_from("<H", out, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            if bytes(out[name_at:name_at + length]) == raw:
                struct.pack_into("<I", out, at + offset, size)
            at = out.find(signature, at + 4)
    return bytes(out)


def _repeat(prefix: bytes, unit: bytes, count: int, suffix: bytes, per_chunk: int = 20_000):
    yield prefix
    block = unit * per_chunk
    full, rest = divmod(count, per_chunk)
    for _ in range(full):
        yield block
    yield unit * rest
    yield suffix


# ---- hostile files ---------------------------------------------------------------------------

def number_cell(raw: str) -> bytes:
    """A number cell Excel would never write (NaN, 12abc) in the baseline column of row 3."""
    return xlsx([("Sheet1", sheet_xml(numbered([HEADER, ["ENV-PM25", 30, 2567, "x"],
                                                 ["ENV-GREEN", f"#raw:{raw}", 2567, "y"]])))])


def truncated_sheet() -> bytes:
    whole = sheet_xml(numbered([HEADER, ["ENV-PM25", 30, 2567, "x"], ["ENV-GREEN", 4, 2567, "y"]]),
                      extra='<dimension ref="A1:D3"/>')  # as Excel writes it
    return xlsx([("Sheet1", whole[: whole.index('<row r="3">') + 20])])


def rows_bomb(rows: int = 5_000_000) -> bytes:
    """Millions of identical data rows in a file under the upload limit."""
    head = sheet_xml(numbered([HEADER])).split("</sheetData>")[0].encode()
    row = b'<row><c t="s"><v>0</v></c><c><v>1</v></c></row>'  # shared string 0: ENV-PM25
    strings = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}"><si><t>ENV-PM25</t></si></sst>'
    return xlsx([("Sheet1", _repeat(head, row, rows, b"</sheetData></worksheet>"))], shared_strings=strings)


def empty_rows_bomb(rows: int = 5_000_000) -> bytes:
    """Millions of empty rows: nothing to count as data, only work for the reader."""
    head = sheet_xml(numbered([HEADER])).split("</sheetData>")[0].encode()
    return xlsx([("Sheet1", _repeat(head, b"<row/>", rows, b"</sheetData></worksheet>"))])


def wide_row_bomb(cells: int = 3_000_000) -> bytes:
    """One row with millions of cells."""
    head = sheet_xml(numbered([HEADER])).split("</sheetData>")[0].encode() + b"<row>"
    return xlsx([("Sheet1", _repeat(head, b"<c><v>1</v></c>", cells, b"</row></sheetData></worksheet>"))])


def strings_bomb(megabytes: int = 950) -> bytes:
    """Shared strings that unpack to `megabytes` MB (one long run of the same text)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}"><si><t>'.encode()
    unit = b"A" * 1000
    sheet = sheet_xml([(1, HEADER)]).replace(
        "</sheetData>", '<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData>')
    return xlsx([("Sheet1", sheet)], shared_strings=_repeat(head, unit, megabytes * 1000, b"</t></si></sst>", 1000))


def many_strings_bomb(count: int = 20_000_000) -> bytes:
    """Millions of tiny shared strings (each costs a Python object, not bytes)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">'.encode()
    return xlsx([("Sheet1", sheet_xml(numbered([HEADER])))],
                shared_strings=_repeat(head, b"<si><t/></si>", count, b"</sst>"))


def lying_size() -> bytes:
    """A sheet that unpacks to 60 MB while the zip says 2 KB."""
    head = sheet_xml(numbered([HEADER])).split("</sheetData>")[0].encode()
    return xlsx([("Sheet1", _repeat(head, b"<row/>", 10_000_000, b"</sheetData></worksheet>"))],
                sizes={"xl/worksheets/sheet1.xml": 2048})


def entity_bomb() -> bytes:
    """'Billion laughs' in the sheet XML."""
    lol = ['<!ENTITY a0 "lol">'] + [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)]
    xml = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{"".join(lol)}]><worksheet xmlns="{NS}">'
           f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
           f'</sheetData></worksheet>')
    return xlsx([("Sheet1", xml)])


def dimension_bomb() -> bytes:
    """A sheet claiming to span every cell Excel has (readers that pad rows to it blow up)."""
    return xlsx([("Sheet1", sheet_xml(numbered([HEADER, ["ENV-PM25", 30, 2567, "x"]]),
                                      extra='<dimension ref="A1:XFD1048576"/>'))])


def far_row() -> bytes:
    """One data row at Excel's last row: readers that fill the gap make a million empty rows."""
    return xlsx([("Sheet1", sheet_xml([(1, HEADER), (1_048_576, ["ENV-PM25", 30, 2567, "x"])]))])


def markdown_cells() -> bytes:
    """Cells that would format, link or fetch if a message rendered them."""
    rows = ["ENV-PM25,**bold**,2567,x,,",
            "ENV-GREEN,[click](http://127.0.0.1:9/phish),2567,x,,",
            "ENV-RECYC,![img](http://127.0.0.1:9/beacon.png),2567,x,,",
            "ENV-GHG,<img src=x onerror=alert(1)>,2567,x,,",
            "ECO-UNEMP,www.example.com,2567,x,,",
            "ECO-GPPPC,12\u202eabc\u202c\u200f\u0007,2567,x,,"]
    return (HEADER_TH + "\n" + "\n".join(rows) + "\n").encode("utf-8")


def many_bad_rows(count: int = 2000) -> bytes:
    return (HEADER_TH + "\n" + "".join(f"BAD-{n},1,2567,x,,\n" for n in range(count))).encode()


# ---- awkward but good files ------------------------------------------------------------------

def unicode_text() -> bytes:
    """What Excel's "Unicode Text" saves: UTF-16 LE with a BOM, tabs, CRLF."""
    lines = ["รหัสตัวชี้วัด\tชื่อตัวชี้วัด\tหน่วย\tค่าฐาน\tปีฐาน\tแหล่งข้อมูลค่าฐาน",
             "ENV-PM25\tค่าเฉลี่ยฝุ่น PM2.5 รายปี\tµg/m³\t32.5\t2567\tกรมควบคุมมลพิษ",
             'ECO-GPPPC\tผลิตภัณฑ์จังหวัดต่อหัว\tTHB per person\t"185,000"\t2567\tสศช.']
    return "\r\n".join(lines + [""]).encode("utf-16")  # Python writes the BOM, little-endian here


def semicolon_csv() -> bytes:
    return "indicator_code;baseline_value;baseline_year;baseline_source\nENV-PM25;32.5;2567;PCD\n".encode()


def tab_csv() -> bytes:
    return "indicator_code\tbaseline_value\tbaseline_year\tbaseline_source\nENV-PM25\t32.5\t2567\tPCD\n".encode()


def notes_column() -> bytes:
    return ("indicator_code,baseline_value,baseline_year,หมายเหตุ\nENV-PM25,32.5,2567,ตรวจแล้ว\n").encode()


def title_row_xlsx() -> bytes:
    return xlsx([("ค่าฐาน", sheet_xml([(1, ["ค่าฐานตัวชี้วัด จังหวัดนครสวรรค์ ปี 2567"]),
                                       (3, HEADER), (4, ["ENV-PM25", 32.5, 2567, "PCD"])]))])


def second_sheet_xlsx() -> bytes:
    return xlsx([("คำอธิบาย", sheet_xml([(1, ["กรอกข้อมูลในแผ่นงานถัดไป"])])),
                 ("ข้อมูล", sheet_xml(numbered([HEADER, ["ENV-PM25", 32.5, 2567, "PCD"]])))])


def dash_source() -> bytes:
    return (HEADER_TH + "\nENV-PM25,32.5,2567,-,37.5,–\n").encode()


# The first five unpack to far more than any part may declare; the "small" ones stay under the
# declared-size caps, so only limits applied while reading (rows, elements, strings) stop them.
BOMBS = {"rows_bomb": rows_bomb, "empty_rows_bomb": empty_rows_bomb, "wide_row_bomb": wide_row_bomb,
         "strings_bomb": strings_bomb, "many_strings_bomb": many_strings_bomb,
         "rows_bomb_small": lambda: rows_bomb(400_000),
         "empty_rows_bomb_small": lambda: empty_rows_bomb(3_000_000),
         "wide_row_bomb_small": lambda: wide_row_bomb(1_000_000),
         "many_strings_bomb_small": lambda: many_strings_bomb(1_000_000),
         "long_string_small": lambda: strings_bomb(15),
         "lying_size": lying_size, "entity_bomb": entity_bomb, "dimension_bomb": dimension_bomb,
         "far_row": far_row}


def corpus() -> dict[str, tuple[str, callable]]:
    """file name -> (name as uploaded, builder)."""
    files = {f"{k}.xlsx": v for k, v in BOMBS.items()}
    files.update({
        "nan_cell.xlsx": lambda: number_cell("NaN"), "12abc_cell.xlsx": lambda: number_cell("12abc"),
        "truncated_sheet.xlsx": truncated_sheet, "markdown_cells.csv": markdown_cells,
        "many_bad_rows.csv": many_bad_rows, "unicode_text.txt": unicode_text,
        "semicolon.csv": semicolon_csv, "tab.csv": tab_csv, "notes_column.csv": notes_column,
        "title_row.xlsx": title_row_xlsx, "second_sheet.xlsx": second_sheet_xlsx,
        "dash_source.csv": dash_source,
    })
    return files


def main(argv: list[str]) -> None:
    folder = Path(argv[0] if argv else "hostile-corpus")
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set(argv[1:])
    for name, build in corpus().items():
        if wanted and name.rsplit(".", 1)[0] not in wanted:
            continue
        data = build()
        (folder / name).write_bytes(data)
        print(f"{name}\t{len(data):,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
