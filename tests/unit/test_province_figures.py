"""Province figures from a template: validated as a whole, written in one transaction as real data
beside the sample figures, and shown on the profile with their kind, year and source."""
import csv
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from planning import audit, demo, positioning, province_figures
from planning.errors import PermissionDenied, ValidationError
from planning.indicators import CellErrors

HEADER = "รหัสจังหวัด,ชื่อจังหวัด,รหัสตัวชี้วัด,ชื่อตัวชี้วัด,หน่วย,ค่า,ปี,แหล่งข้อมูล\n"


@pytest.fixture
def samples(store):
    demo.ensure_demo(store)
    return store


def observations(store) -> int:
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM indicator_observation").fetchone()[0]


def profile_row(store, province, code):
    return next(r for r in positioning.profile(store, province) if r.indicator.code == code)


def test_template_lists_every_province_and_profile_indicator(samples):
    codes = province_figures.profile_indicators(samples)
    assert len(codes) == 10 and codes[0] == "ENV-PM25"
    rows = list(csv.reader(io.StringIO(province_figures.template_csv("th", codes).decode("utf-8-sig"))))
    assert rows[0] == HEADER.strip().split(",")
    assert len(rows) == 1 + 77 * 10
    assert rows[1][:5] == ["10", "กรุงเทพมหานคร", "ENV-PM25", "ค่าเฉลี่ยฝุ่น PM2.5 รายปี", rows[1][4]] and rows[1][5:] == ["", "", ""]
    wb = load_workbook(io.BytesIO(province_figures.template_xlsx("en", codes)))
    assert [c.value for c in wb.active[1]] == ["province_code", "province_name", "indicator_code", "indicator_name",
                                               "unit", "value", "year", "source"]


def test_the_filled_template_imports_as_real_figures(samples, facilitator, workshop):
    codes = province_figures.profile_indicators(samples)
    rows = list(csv.reader(io.StringIO(province_figures.template_csv("th", codes).decode("utf-8-sig"))))
    filled = {("40", "ENV-PM25"): "24.1", ("50", "ENV-PM25"): "๓๐.๕", ("60", "ENV-PM25"): "28"}
    for row in rows[1:]:
        if (row[0], row[2]) in filled:
            row[5:] = [filled[(row[0], row[2])], "2566", "กรมควบคุมมลพิษ รายงานสถานการณ์มลพิษ 2566"]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    before = observations(samples)
    result = province_figures.import_figures(samples, facilitator, workshop.id, "figures.csv",
                                             out.getvalue().encode("utf-8-sig"))
    assert (result.figures, result.provinces, result.indicators) == (3, 3, 1)
    assert observations(samples) == before + 3
    real = profile_row(samples, "60", "ENV-PM25")
    assert (real.is_sample, real.year, real.value, real.source) == (False, 2023, 28.0, "กรมควบคุมมลพิษ รายงานสถานการณ์มลพิษ 2566")
    assert (real.median, real.provinces_with_data) == (28.0, 3)   # only real figures of that year count
    sample = profile_row(samples, "60", "ENV-RECYC")
    assert sample.is_sample and sample.provinces_with_data == 77      # other figures stay samples
    assert profile_row(samples, "10", "ENV-PM25").is_sample           # a province without a real figure
    entry = audit.entries(samples, workshop.id, "province_figures")[0]
    after = json.loads(entry.after)
    assert entry.action == "import" and after["figures"] == 3 and after["provinces"] == ["40", "50", "60"]
    # a later import of the same figure replaces it in the profile; the earlier row is history
    province_figures.import_figures(samples, facilitator, workshop.id, "fix.csv",
                                    (HEADER + "60,,ENV-PM25,,,27.5,2566,กรมควบคุมมลพิษ (แก้ไข)\n").encode())
    assert profile_row(samples, "60", "ENV-PM25").value == 27.5


def test_names_instead_of_codes_other_delimiters_and_a_workbook(samples, facilitator, workshop):
    text = ("ตารางตัวเลขจังหวัด\n"
            "จังหวัด;ตัวชี้วัด;ค่า;ปี;แหล่งข้อมูล\n"
            "จ.เชียงใหม่;ค่าเฉลี่ยฝุ่น PM2.5 รายปี;31.2;2023;สถานีตรวจวัด\n"
            "Khon Kaen;ENV-PM25;26;พ.ศ. 2566;สถานีตรวจวัด\n")
    result = province_figures.import_figures(samples, facilitator, workshop.id, "names.csv", text.encode())
    assert result.figures == 2 and profile_row(samples, "50", "ENV-PM25").value == 31.2
    wb = Workbook()
    ws = wb.active
    ws.append(["province_code", "indicator_code", "value", "year", "source", "note"])
    ws.append([10, "ECO-UNEMP", 1.2, 2023, "NSO labour force survey", "quarter 4"])
    buf = io.BytesIO()
    wb.save(buf)
    result = province_figures.import_figures(samples, facilitator, workshop.id, "f.xlsx", buf.getvalue())
    assert result.figures == 1 and result.ignored_columns == ("note",)
    assert profile_row(samples, "10", "ECO-UNEMP").source == "NSO labour force survey"


def test_a_bad_file_names_every_problem_and_writes_nothing(samples, facilitator, workshop):
    text = (HEADER
            + "99,,ENV-PM25,,,20,2566,ก\n"               # 2: no such province
            + "40,,ENV-NOPE,,,20,2566,ก\n"               # 3: no such indicator
            + "40,,ENV-PM25,,,abc,2566,ก\n"              # 4: not a number
            + "40,,ENV-RECYC,,,120,2566,ก\n"             # 5: a percentage above 100
            + "40,,ECO-UNEMP,,,2,,ก\n"                   # 6: no year
            + "40,,ECO-GPPPC,,,2,2566,\n"                # 7: no source
            + "50,,ENV-PM25,,,20,2566,=HYPERLINK(1)\n"   # 8: a formula
            + "60,ขอนแก่น,ENV-PM25,,,20,2566,ก\n"        # 9: code and name disagree
            + "60,,ENV-PM25,,,20,2566,ก\n"               # 10
            + "60,,ENV-PM25,,,21,2023,ข\n"               # 11: the same figure again (2566 = 2023)
            + "60,,ENV-PM25,,,,,\n")                     # 12: left empty: skipped
    before = observations(samples), len(audit.entries(samples, workshop.id))
    with pytest.raises(CellErrors) as refused:
        province_figures.import_figures(samples, facilitator, workshop.id, "bad.csv", text.encode())
    assert [(row, str(column), key) for row, column, key, _ in refused.value.cells] == [
        (2, "รหัสจังหวัด", "error.unknown_province_cell"), (3, "รหัสตัวชี้วัด", "error.unknown_indicator"),
        (4, "ค่า", "error.not_a_number"), (5, "ค่า", "error.percent_range"), (6, "ปี", "error.required_cell"),
        (7, "แหล่งข้อมูล", "error.required_cell"), (8, "แหล่งข้อมูล", "error.formula_text"),
        (9, "ชื่อจังหวัด", "error.code_name_mismatch"), (11, "รหัสจังหวัด", "error.duplicate_figure")]
    messages = refused.value.messages("th")
    assert messages[0].startswith("แถว 2") and "99" in messages[0]
    assert (observations(samples), len(audit.entries(samples, workshop.id))) == before


def test_missing_columns_empty_files_and_roles(samples, facilitator, workshop, join):
    with pytest.raises(CellErrors) as refused:
        province_figures.import_figures(samples, facilitator, workshop.id, "x.csv", "จังหวัด,ค่า\n40,1\n".encode())
    assert [(c, key) for _, c, key, _ in refused.value.cells] == [("indicator_code", "error.missing_column"),
                                                                  ("year", "error.missing_column"),
                                                                  ("source", "error.missing_column")]
    with pytest.raises(ValidationError, match="nothing_to_import"):
        province_figures.import_figures(samples, facilitator, workshop.id, "x.csv", HEADER.encode())
    with pytest.raises(ValidationError, match="file_type"):
        province_figures.import_figures(samples, facilitator, workshop.id, "x.pdf", HEADER.encode())
    with pytest.raises(PermissionDenied):
        province_figures.import_figures(samples, join("Ann").actor(), workshop.id, "x.csv",
                                        (HEADER + "40,,ENV-PM25,,,20,2566,ก\n").encode())
