"""A large plan for measuring and testing the plan document: a workshop with six strategies, their
measures and N multi-year projects (72 by default) with Thai names, objectives, KPIs, partners
and budgets from several sources. Deterministic (fixed seed). Sample data, flagged as such.

    .venv/bin/python bench/large_plan.py --projects 72 --out /tmp/plan     # writes .docx and .pdf
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from planning import (ideas, indicators, masterplan, participants, plan_texts, positioning, projects,  # noqa: E402
                      workshops)
from planning.roles import FACILITATOR, Actor  # noqa: E402

STRATEGIES = [
    ("ENV", "เมืองสะอาด อากาศดี ด้วยข้อมูลและการมีส่วนร่วมของประชาชน", ["ENV-PM25", "ENV-PM25D", "ENV-RECYC"],
     ["ลดฝุ่นละอองและมลพิษทางอากาศ", "จัดการขยะและของเสียแบบหมุนเวียน"]),
    ("MOB", "การเดินทางที่เชื่อมต่อ ปลอดภัย และเป็นมิตรต่อสิ่งแวดล้อม", ["MOB-PT05", "MOB-ROADDEATH"],
     ["พัฒนาระบบขนส่งสาธารณะอัจฉริยะ", "ความปลอดภัยทางถนนด้วยข้อมูล"]),
    ("LIV", "บริการสุขภาพและความปลอดภัยอัจฉริยะสำหรับทุกคน", ["LIV-EMS", "LIV-BROADBAND"],
     ["การแพทย์ทางไกลและข้อมูลสุขภาพ", "เฝ้าระวังเหตุฉุกเฉินและภัยพิบัติ", "ผู้สูงอายุและกลุ่มเปราะบาง"]),
    ("ECO", "เศรษฐกิจดิจิทัลและการท่องเที่ยวสร้างสรรค์", ["ECO-UNEMP", "ECO-GPPPC"],
     ["ยกระดับผู้ประกอบการด้วยดิจิทัล", "การท่องเที่ยวอัจฉริยะ"]),
    ("ENE", "พลังงานสะอาดและการใช้พลังงานอย่างมีประสิทธิภาพ", ["ENE-RENEW"],
     ["พลังงานแสงอาทิตย์บนอาคารภาครัฐ", "ไฟฟ้าแสงสว่างอัจฉริยะ"]),
    ("GOV", "ภาครัฐดิจิทัลและแพลตฟอร์มข้อมูลเมืองแบบเปิด", ["GOV-OPENDATA", "GOV-ESERVICE"],
     ["แพลตฟอร์มข้อมูลเมือง", "บริการภาครัฐออนไลน์ครบวงจร"]),
]
SUBJECTS = ["ระบบเซนเซอร์ตรวจวัด", "แพลตฟอร์มแจ้งเตือน", "ศูนย์ควบคุมข้อมูล", "แอปพลิเคชันบริการประชาชน", "สถานีอัจฉริยะ",
            "เครือข่ายกล้องและระบบวิเคราะห์ภาพ", "ระบบบริหารจัดการ", "ห้องปฏิบัติการเมือง (City Lab)",
            "โครงข่ายสื่อสารไร้สาย", "ระบบชำระเงินดิจิทัล", "ศูนย์เรียนรู้ชุมชน", "ระบบติดตามและรายงานผล"]
PLACES = ["ในเขตเทศบาลนคร", "ทุกตำบลในอำเภอเมือง", "ย่านเมืองเก่า", "ย่านสถานีขนส่ง", "ชุมชนริมน้ำ", "ย่านมหาวิทยาลัย",
          "นิคมอุตสาหกรรม", "ตลาดสดเทศบาล"]
LEADS = ["เทศบาลนครตัวอย่าง", "สำนักงานจังหวัดตัวอย่าง", "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด",
         "สำนักงานขนส่งจังหวัด", "สำนักงานสาธารณสุขจังหวัด", "สำนักงานพลังงานจังหวัด",
         "สำนักงานสถิติจังหวัด", "บริษัทพัฒนาเมืองตัวอย่าง จำกัด"]
PARTNERS = {"local": ["องค์การบริหารส่วนจังหวัด", "เทศบาลเมือง"], "private": ["หอการค้าจังหวัด", "สภาอุตสาหกรรมจังหวัด"],
            "academic": ["มหาวิทยาลัยในพื้นที่", "วิทยาลัยเทคนิค"], "civil": ["เครือข่ายภาคประชาสังคม"]}
SOURCES = ["provincial", "cluster", "local", "ministry", "des_fund", "depa", "private"]


def seed_large_plan(store, n_projects: int = 72, horizon_years: int = 5, name: str = "แผนขนาดใหญ่ (ตัวอย่าง)",
                    seed: int = 2569) -> workshops.Workshop:
    rng = random.Random(seed)
    fac = Actor(FACILITATOR)
    w = workshops.create_workshop(store, fac, name=name, province_code="50", target_area="เทศบาลนครตัวอย่าง",
                                  level="city", city_type="livable", horizon_years=horizon_years,
                                  start_date=dt.date(2026, 10, 1), target_lat=18.79, target_lon=98.98, is_sample=True)
    people = [participants.join(store, w.join_code, f"ผู้เข้าร่วม {i} (ตัวอย่าง)", s)[0]
              for i, s in enumerate(participants.SECTORS * 2)]
    positioning.add_swot_item(store, people[0].actor(), w.id, "S", "ที่ตั้งเป็นศูนย์กลางของภูมิภาค (ตัวอย่าง)")
    positioning.save_statements(store, fac, w.id, "เมืองน่าอยู่ ทันสมัย ที่ทุกคนมีส่วนร่วม (ตัวอย่าง)",
                                "ศูนย์กลางการท่องเที่ยวและบริการสุขภาพของภูมิภาค (ตัวอย่าง)", ["ENV", "MOB"])
    codes = [c for s in STRATEGIES for c in s[2]]
    indicators.save_values(store, fac, w.id, [
        indicators.IndicatorValues(c, 50.0 + i, 2024, "ตัวอย่าง", None, None, 52.0 + i, 55.0 + i, 60.0 + i)
        for i, c in enumerate(codes)])
    for p in people[:6]:
        ideas.add_idea(store, p.actor(), w.id, "ENV", "solution", f"แนวคิดจาก {p.display_name}")
    ideas.save_focus(store, fac, w.id, ["ENV", "MOB", "LIV", "GOV"], "ตัวอย่าง")
    issue = masterplan.add_issue(store, fac, w.id, "ประเด็นการพัฒนาที่ 1: เมืองน่าอยู่ (ตัวอย่าง)")
    measure_ids = []
    for dim, title, inds, measures in STRATEGIES:
        s = masterplan.add_strategy(store, fac, w.id, dimension=dim, title=title, provincial_issue_id=issue.id,
                                    indicator_codes=inds, goal=f"ผลลัพธ์ที่ประชาชนได้รับจากยุทธศาสตร์ “{title}” วัดได้ตามตัวชี้วัด (ตัวอย่าง)")
        for m in measures:
            measure_ids.append((s.id, masterplan.add_measure(store, fac, w.id, strategy_id=s.id, title=m,
                                                             indicator_codes=inds[:1]).id, dim, inds))
    plan_texts.save(store, fac, w.id, {
        "mission": "ยกระดับบริการเมืองด้วยข้อมูล\nส่งเสริมเศรษฐกิจดิจิทัลและการท่องเที่ยว\nลดมลพิษและใช้พลังงานสะอาด (ตัวอย่าง)",
        "area": "เขตเทศบาลนครและพื้นที่ต่อเนื่อง (ข้อมูลตัวอย่าง)",
        "link_national_strategy": "ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน (ตัวอย่าง)",
        "link_national_plan": "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13 (ตัวอย่าง)",
        "link_provincial_plan": "แผนพัฒนาจังหวัด ประเด็นการพัฒนาที่ 1 (ตัวอย่าง)",
        "data_security": "ควบคุมสิทธิ์การเข้าถึงและเข้ารหัสข้อมูลตามกฎหมายคุ้มครองข้อมูลส่วนบุคคล (ตัวอย่าง)",
        "management_model": "บริษัทพัฒนาเมืองร่วมลงทุนกับเอกชนแบบ PPP (ตัวอย่าง)",
        "investor_info": "ศูนย์ประสานการลงทุนของจังหวัด (ตัวอย่าง)",
        "prepared_by": "คณะทำงานจัดทำแผนเมืองอัจฉริยะ (ตัวอย่าง)"})
    years = list(range(2570, 2570 + horizon_years))
    for n in range(n_projects):
        sid, mid, dim, inds = measure_ids[n % len(measure_ids)]
        first = rng.choice(years[:-1])
        last = min(years[-1], first + rng.choice([0, 0, 1, 1, 2]))
        lines = []
        for source in rng.sample(SOURCES, rng.choice([1, 1, 2, 2, 3])):
            for year in range(first, last + 1):
                amount = Decimal(rng.choice([350_000, 800_000, 1_200_000, 2_500_000, 4_800_000, 9_600_000, 12_500_000,
                                              36_000_000, 60_000_000]))
                if rng.random() < 0.03:
                    amount += Decimal("0.50")    # satang appear now and then
                lines.append(projects.BudgetLine(source, "ค่าใช้จ่ายตามแผนงาน", amount, year))
        partners = {k: tuple(rng.sample(v, 1)) for k, v in PARTNERS.items() if rng.random() < 0.35}
        projects.save_project(store, fac, w.id, projects.Project(
            name=f"{rng.choice(SUBJECTS)}{rng.choice(PLACES)} ระยะที่ {n // 12 + 1} (โครงการที่ {n + 1})",
            strategy_id=sid, measure_id=mid, objective="เพื่อยกระดับบริการและคุณภาพชีวิตของประชาชนด้วยข้อมูลและเทคโนโลยี",
            lead_agency=rng.choice(LEADS), target_group="ประชาชนและผู้ประกอบการในพื้นที่", fiscal_year_be=first,
            last_fiscal_year_be=last, dimensions=(dim,), partners=partners,
            investment_type=rng.choice(["infrastructure", "information", "none"]),
            components=tuple(rng.sample(list(projects.COMPONENTS), 2)), ready_land=True, ready_design=rng.random() < 0.5,
            ready_cost=True, budget=tuple(lines),
            milestones=(projects.Milestone(1, "จัดซื้อจัดจ้าง", first), projects.Milestone(4, "ส่งมอบและเปิดใช้งาน", last)),
            kpis=(projects.Kpi(inds[0], "outcome", 50.0, 60.0),) + (
                (projects.Kpi(inds[-1], "output", 10.0, 20.0),) if rng.random() < 0.5 else ())))
    return w


def demo_copies(store, copies: int = 18) -> workshops.Workshop:
    """The demo workshop with its four projects copied until there are 4 × copies: a large plan
    whose projects read like ones entered through the form."""
    from dataclasses import replace

    from planning import demo

    w = demo.seed_demo(store)
    fac = Actor(FACILITATOR)
    originals = projects.list_projects(store, w.id)
    for n in range(1, copies):
        for q in originals:
            projects.save_project(store, fac, w.id, replace(q, id=None, name=f"{q.name} ระยะที่ {n + 1}"))
    return w


def main() -> None:
    from planning import pdf, plan_document
    from planning.store import Store

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--projects", type=int, default=72)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--lang", default="th")
    ap.add_argument("--out", default="/tmp/large_plan")
    ap.add_argument("--like-demo", action="store_true",
                    help="copy the demo's four projects instead (projects as entered through the form)")
    args = ap.parse_args()
    store = Store(":memory:")
    w = demo_copies(store, args.projects // 4) if args.like_demo else seed_large_plan(store, args.projects, args.years)
    started = time.perf_counter()
    docx, pdf_bytes = plan_document.plan_files(store, w.id, args.lang)
    took = time.perf_counter() - started
    Path(args.out + ".docx").write_bytes(docx)
    if pdf_bytes:
        Path(args.out + ".pdf").write_bytes(pdf_bytes)
        pages = pdf.page_count(pdf_bytes)
        print(f"{args.projects} projects: {pages} pages, built in {took:.1f} s -> {args.out}.pdf")
    else:
        print(f"LibreOffice not found: wrote {args.out}.docx only ({took:.1f} s)")


if __name__ == "__main__":
    main()
