import io

import pytest
from openpyxl import Workbook

from planning import importer, indicators
from planning.errors import PermissionDenied, ValidationError
from planning.indicators import CellErrors, IndicatorValues
from planning.roles import PARTICIPANT, Actor

HEADER_TH = "รหัสตัวชี้วัด,ค่าฐาน,ปีฐาน,แหล่งข้อมูลค่าฐาน,ค่าเปรียบเทียบ,แหล่งค่าเปรียบเทียบ\n"


def csv_bytes(body: str, header: str = HEADER_TH) -> bytes:
    return (header + body).encode("utf-8")


def stored(store, workshop):
    return indicators.current_values(store, workshop.id)


@pytest.mark.parametrize("raw, expected", [
    ("12.5", 12.5), ("๑๒.๕", 12.5), ("1,234", 1234.0), ("1,234,567.25", 1234567.25), (" 45% ", 45.0),
    ("-3", -3.0), ("", None), (None, None), (7, 7.0), (2.5, 2.5), ("๔๕", 45.0),
])
def test_parse_number(raw, expected):
    assert importer.parse_number(raw) == expected


@pytest.mark.parametrize("raw, key", [
    ("1.234,5", "error.number_ambiguous"), ("1,23", "error.number_ambiguous"), ("12,3456", "error.number_ambiguous"),
    ("abc", "error.not_a_number"), ("12 kg", "error.not_a_number"), (True, "error.not_a_number"),
])
def test_parse_number_rejects_what_it_cannot_be_sure_of(raw, key):
    with pytest.raises(ValueError) as exc:
        importer.parse_number(raw)
    assert exc.value.args[0] == key


@pytest.mark.parametrize("raw, expected", [
    ("2567", 2024), ("๒๕๖๗", 2024), ("พ.ศ. 2567", 2024), ("2024", 2024), (2567, 2024), (2024.0, 2024), ("", None),
])
def test_parse_year_understands_be_and_gregorian(raw, expected):
    assert importer.parse_year(raw) == expected


@pytest.mark.parametrize("raw", ["67", "24", "20245", "2567.5", 1850, "3000"])
def test_parse_year_rejects_ambiguous_years(raw):
    with pytest.raises(ValueError):
        importer.parse_year(raw)


def test_valid_csv_imports_and_keeps_targets(store, facilitator, workshop):
    indicators.save_values(store, facilitator, workshop.id,
                           [IndicatorValues("ENV-PM25", 40.0, 2023, "old", None, None, 30.0, 28.0, 20.0)])
    data = csv_bytes("ENV-PM25,๓๒.๕,๒๕๖๗,กรมควบคุมมลพิษ,37.5,มาตรฐาน 24 ชม.\n"
                     "eco-gpppc,\"185,000\",2024,สศช.,\"243,000\",มัธยฐานประเทศ\n")
    assert importer.import_baselines(store, facilitator, workshop.id, "baselines.csv", data) == 2
    values = stored(store, workshop)
    assert values["ENV-PM25"] == IndicatorValues("ENV-PM25", 32.5, 2024, "กรมควบคุมมลพิษ", 37.5,
                                                 "มาตรฐาน 24 ชม.", 30.0, 28.0, 20.0)
    assert values["ECO-GPPPC"].baseline_value == 185000 and values["ECO-GPPPC"].benchmark_value == 243000


def test_english_headers_and_the_template_round_trip(store, facilitator, workshop):
    inds = indicators.workshop_indicators(store, workshop.id, "ENV")
    template = importer.template_csv("en", inds).decode("utf-8-sig")
    filled = template.replace("ENV-RECYC,Solid waste recycled,%,,,,,", "ENV-RECYC,Solid waste recycled,%,25,2024,PCD,31,national")
    assert importer.import_baselines(store, facilitator, workshop.id, "t.csv", filled.encode("utf-8")) == 1
    assert stored(store, workshop)["ENV-RECYC"].baseline_value == 25.0
    assert set(stored(store, workshop)) == {"ENV-RECYC"}  # empty template rows write nothing


def test_empty_cells_keep_what_is_stored(store, facilitator, workshop):
    indicators.save_values(store, facilitator, workshop.id,
                           [IndicatorValues("ENV-PM25", 40.0, 2023, "old", 25.0, "WHO", 30.0, None, None)])
    importer.import_baselines(store, facilitator, workshop.id, "b.csv", csv_bytes("ENV-PM25,35,,,,\n"))
    assert stored(store, workshop)["ENV-PM25"] == IndicatorValues("ENV-PM25", 35.0, 2023, "old", 25.0, "WHO",
                                                                  30.0, None, None)


def test_xlsx_template_round_trip(store, facilitator, workshop):
    inds = indicators.workshop_indicators(store, workshop.id, "LIV")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(importer.template_xlsx("th", inds)))
    ws = wb.active
    assert [c.value for c in ws[1]][:4] == ["รหัสตัวชี้วัด", "ชื่อตัวชี้วัด", "หน่วย", "ค่าฐาน"]
    ws["D2"], ws["E2"], ws["F2"] = 58.5, 2567, "กสทช."
    buf = io.BytesIO()
    wb.save(buf)
    assert importer.import_baselines(store, facilitator, workshop.id, "t.xlsx", buf.getvalue()) == 1
    assert stored(store, workshop)[inds[0].code].baseline_value == 58.5
    assert stored(store, workshop)[inds[0].code].baseline_year == 2024


def xlsx(rows) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("body, row, column, key", [
    ("ENV-PM25,abc,2567,x,,\n", 2, "ค่าฐาน", "error.not_a_number"),
    ("ENV-PM25,1.234\\,5,2567,x,,\n".replace("\\,", ","), None, None, None),  # placeholder, replaced below
    ("ENV-RECYC,120,2567,x,,\n", 2, "col.baseline_value", "error.percent_range"),
    ("ENV-RECYC,-5,2567,x,,\n", 2, "col.baseline_value", "error.percent_range"),
    ("ENV-PM25,30,67,x,,\n", 2, "ปีฐาน", "error.year_ambiguous"),
    ("ENV-PM25,30,2567,=HYPERLINK(\"http://x\"),,\n", 2, "แหล่งข้อมูลค่าฐาน", "error.formula_text"),
    ("ENV-PM25,30,2567,@SUM(A1),,\n", 2, "แหล่งข้อมูลค่าฐาน", "error.formula_text"),
    ("NOPE-1,30,2567,x,,\n", 2, "indicator_code", "error.unknown_indicator"),
    ("ENV-PM25,30,2567,x,,\nENV-PM25,31,2567,x,,\n", 3, "indicator_code", "error.duplicate_row"),
    (",30,2567,x,,\n", 2, "indicator_code", "error.required_cell"),
])
def test_each_error_class_names_row_and_column_and_writes_nothing(store, facilitator, workshop, body, row, column, key):
    if key is None:
        body, row, column, key = '"ENV-PM25","1.234,5",2567,x,,\n', 2, "ค่าฐาน", "error.number_ambiguous"
    data = csv_bytes("ENV-GREEN,5,2567,ok,,\n" + body)  # a valid first row must not be written either
    with pytest.raises(CellErrors) as exc:
        importer.import_baselines(store, facilitator, workshop.id, "b.csv", data)
    assert (row + 1, column, key) in [(r, c, k) for r, c, k, _ in exc.value.cells]
    assert exc.value.messages("th") and exc.value.messages("en")
    assert stored(store, workshop) == {}


def test_bad_headers(store, facilitator, workshop):
    with pytest.raises(CellErrors) as exc:
        importer.import_baselines(store, facilitator, workshop.id, "b.csv", csv_bytes("x,1\n", "code,colour\n"))
    keys = {k for _, _, k, _ in exc.value.cells}
    assert {"error.unknown_column", "error.missing_column"} <= keys


@pytest.mark.parametrize("name, data, key", [
    ("b.txt", b"a,b\n", "error.file_type"),
    ("b.pdf", b"%PDF-1.4", "error.file_type"),
    ("b.xlsx", b"not a zip at all", "error.file_type"),
    ("b.xlsx", b"PK\x03\x04garbage", "error.file_type"),
    ("b.csv", b"PK\x03\x04zip-renamed", "error.file_type"),
    ("b.csv", b"x" * (importer.MAX_BYTES + 1), "error.file_too_large"),
    ("b.csv", b"", "error.file_empty"),
    ("b.csv", "รหัส".encode("utf-16"), "error.file_encoding"),
])
def test_files_that_are_not_csv_or_excel(store, facilitator, workshop, name, data, key):
    with pytest.raises(ValidationError) as exc:
        importer.import_baselines(store, facilitator, workshop.id, name, data)
    assert exc.value.key == key
    assert stored(store, workshop) == {}


def test_excel_formula_cells_are_rejected(store, facilitator, workshop):
    data = xlsx([["indicator_code", "baseline_value", "baseline_source"],
                 ["ENV-PM25", "=1+1", "x"], ["ENV-GREEN", 4, "=HYPERLINK(\"http://x\")"]])
    with pytest.raises(CellErrors) as exc:
        importer.import_baselines(store, facilitator, workshop.id, "f.xlsx", data)
    assert [(r, k) for r, _, k, _ in exc.value.cells] == [(2, "error.not_a_number"), (3, "error.formula_text")]
    assert stored(store, workshop) == {}


def test_cp874_csv_from_older_thai_excel(store, facilitator, workshop):
    data = (HEADER_TH + "ENV-PM25,30,2567,กรมควบคุมมลพิษ,,\n").encode("cp874")
    importer.import_baselines(store, facilitator, workshop.id, "old.csv", data)
    assert stored(store, workshop)["ENV-PM25"].baseline_source == "กรมควบคุมมลพิษ"


def test_only_the_facilitator_imports(store, workshop):
    with pytest.raises(PermissionDenied):
        importer.import_baselines(store, Actor(PARTICIPANT, "p", workshop.id), workshop.id, "b.csv",
                                  csv_bytes("ENV-PM25,30,2567,x,,\n"))
