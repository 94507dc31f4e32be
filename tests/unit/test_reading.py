"""A version as the committee reads it: labels, not field names; names, not codes; B.E. years,
baht with separators; the audit trail as sentences in Thailand's time."""
import datetime as dt
import re

import pytest

from planning import dates, audit, catalogue, demo, masterplan, reading, review
from planning.roles import FACILITATOR, REVIEWER, Actor
from planning.store import Store

INTERNAL = ["baseline_year", "target_6m", "target_12m", "target_horizon", "fiscal_year", "kpis", "budget",
            "complete", "missing", "dimension:", "vision", "focus", "outcome", "output", "lead_agency",
            "ENV-", "MOB-", "ECO-", "GOV-", "PEO-", "LIV-", "NRG-", "True", "False", "None", "{", "}", "[", "]"]
GREGORIAN = re.compile(r"(?<![\d,.])20\d\d(?![\d,.])")


@pytest.fixture(scope="module")
def read(request, tmp_path_factory, store_kind):
    if store_kind == "postgresql":
        store = Store(request.getfixturevalue("pg_cluster").new_database(request.getfixturevalue("pg_migrated")))
    else:
        store = Store(tmp_path_factory.mktemp("reading") / "r.duckdb")
    w = demo.seed_demo(store)
    v = review.versions(store, w.id)[0]  # the demo's version awaiting the committee
    assert v.status == review.SUBMITTED
    yield store, w, review.version_snapshot(store, v.id)
    store.close()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_section_reads_without_field_names_codes_or_gregorian_years(read, lang):
    store, w, snap = read
    reader = reading.Reader(store, w.id, lang)
    shown = []
    for section in review.SECTIONS:
        for key, item in snap[section].items():
            shown.append(reader.title(section, key, item))
            shown += [f"{x.label}: {x.value}" for x in reader.lines(section, key, item)]
    page = "\n".join(shown)
    # English has words like "budget" and "vision" of its own; field names and codes never show
    internal = INTERNAL if lang == "th" else [w for w in INTERNAL if not w.isalpha()]
    assert [word for word in internal if word in page] == []
    if lang == "th":
        assert not GREGORIAN.findall(page)


def test_a_project_reads_with_fiscal_years_baht_and_indicator_names(read):
    store, w, snap = read
    reader = reading.Reader(store, w.id, "th")
    key, item = next((k, p) for k, p in snap["projects"].items() if p["last_fiscal_year"] != p["fiscal_year"])
    lines = {x.label: x.value for x in reader.lines("projects", key, item)}
    assert list(lines)[:3] == ["ปีงบประมาณ", "ถึงปีงบประมาณ", "ยุทธศาสตร์"]
    assert lines["ปีงบประมาณ"] == str(item["fiscal_year"])
    assert lines["งบประมาณรวม"] == f"{item['total']:,.0f} บาท"
    assert "ปี 25" in lines["งบประมาณตามแหล่ง"] and "บาท" in lines["งบประมาณตามแหล่ง"]
    assert "ผลลัพธ์" in lines["ตัวชี้วัดโครงการ"] or "ผลผลิต" in lines["ตัวชี้วัดโครงการ"]
    pm = next(k for k in snap["indicators"] if k == "ENV-PM25")
    ind = {x.label: x.value for x in reader.lines("indicators", pm, snap["indicators"][pm])}
    assert list(ind) == ["ค่าฐาน", "ปีของค่าฐาน", "เป้า 6 เดือน", "เป้า 12 เดือน", "เป้าสิ้นแผน"]
    assert ind["ปีของค่าฐาน"].startswith("พ.ศ. 25")
    assert reader.title("indicators", pm, snap["indicators"][pm]) == "ค่าเฉลี่ยฝุ่น PM2.5 รายปี"


def test_a_change_between_versions_reads_field_by_field(store):
    w = demo.seed_demo(store)
    fac = Actor(FACILITATOR)
    v1 = review.version_snapshot(store, review.versions(store, w.id)[0].id)  # the demo's waiting version
    review.decide(store, Actor(REVIEWER, name="กรรมการ"), review.versions(store, w.id)[0].id, "returned", "1/2569",
                  dates.today(), reason="ปรับเป้าประสงค์")
    s = masterplan.strategies(store, w.id)[0]
    masterplan.update_strategy(store, fac, w.id, s.id, dimension="GOV", title=s.title, goal="เป้าประสงค์ใหม่",
                               provincial_issue_id=s.provincial_issue_id, indicator_codes=list(s.indicator_codes))
    v2 = review.version_snapshot(store, review.submit_version(store, fac, w.id).id)
    reader = reading.Reader(store, w.id, "th")
    (diff,) = [d for d in review.compare(v1, v2) if d.section == "strategies"]
    (changed,) = diff.changed
    changes = [reader.change("strategies", changed.key, f, a, b) for f, a, b in changed.fields]
    labels = {c.label: (c.before, c.after) for c in changes if c}
    assert labels["เป้าประสงค์"][1] == "เป้าประสงค์ใหม่"
    assert labels["ด้าน"][1] == catalogue.dimensions()["GOV"].name("th")


def test_the_audit_trail_reads_as_sentences_in_thailand_time(read):
    store, w, _ = read
    reader = reading.Reader(store, w.id, "th")
    entries = audit.entries(store, w.id)
    submitted = next(e for e in entries if e.action == "submit")
    s = reader.sentence(submitted)
    assert s.what == "ส่งพิจารณาฉบับของแผน"
    local = submitted.at + dt.timedelta(hours=7)
    assert s.when.endswith(f"เวลา {local:%H:%M} น.") and str(local.year + 543) in s.when
    for e in entries:
        sentence = reader.sentence(e)
        text = " ".join([sentence.what] + [f"{c.label} {c.before} {c.after}" for c in sentence.changes])
        assert "audit." not in text and "read." not in text, text
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text  # no field or table names


def test_people_read_as_names_and_roles_never_as_role_codes(read):
    store, w, _ = read
    reader = reading.Reader(store, w.id, "th")
    assert reader.person("facilitator") == "ผู้ดำเนินการ (ที่ปรึกษา)"
    assert reader.person("reviewer: นายสมศักดิ์") == "นายสมศักดิ์ (คณะกรรมการจังหวัด (ผู้พิจารณา))"
    assert reader.person("3f2a9c" * 5 + "ab") == "ผู้เข้าร่วม"
    assert reader.person("คณะทำงานจังหวัด") == "คณะทำงานจังหวัด"   # typed text stays as typed
