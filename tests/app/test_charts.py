"""Charts readable on a phone (360 px wide) and on a projector: nothing cut, no tick under a
legend, every point and every project named."""
import datetime as dt
import re

from pages import charts

DIMS = {"ENV": "สิ่งแวดล้อมอัจฉริยะ", "ECO": "เศรษฐกิจอัจฉริยะ", "MOB": "การเดินทางและขนส่งอัจฉริยะ",
        "ENE": "พลังงานอัจฉริยะ", "PEO": "พลเมืองอัจฉริยะ", "LIV": "การดำรงชีวิตอัจฉริยะ", "GOV": "การบริหารภาครัฐอัจฉริยะ"}
LONG = "ไฟถนนอัจฉริยะพลังงานแสงอาทิตย์ในเขตเทศบาลนครขอนแก่นทั้งหมดและพื้นที่ต่อเนื่อง"


def test_radar_labels_are_short_lines_and_the_legend_is_under_the_chart():
    fig = charts.maturity_radar({"ทุกภาคส่วน": {d: 3 for d in DIMS}, "ส่วนราชการ": {d: 2 for d in DIMS}},
                                DIMS, "ระดับความพร้อม")
    theta = fig.data[0].theta
    assert len(theta) == 8 and theta[0] == theta[-1]
    for label in theta:
        assert all(len(line) <= 16 for line in label.split("<br>")), label
    assert "การเดินทาง<br>และขนส่ง<br>อัจฉริยะ" in theta
    assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0   # below, not over the top label
    assert fig.layout.margin.l >= 60 and fig.layout.margin.r >= 60


def test_english_labels_break_at_a_space():
    assert charts.wrap_label("Smart Environment") == "Smart<br>Environment"
    assert charts.wrap_label("Smart Mobility") == "Smart Mobility"


def test_every_point_on_impact_by_feasibility_carries_its_number():
    points = [dict(text="ฝุ่น PM2.5 <b>สูง</b>", kind="pain", impact=4.5, feasibility=2, scores=3, number=1),
              dict(text="รถเมล์ไฟฟ้า", kind="solution", impact=4, feasibility=4, scores=2, number=2),
              dict(text="เซ็นเซอร์", kind="solution", impact=3, feasibility=5, scores=1, number=4)]
    fig = charts.impact_feasibility(points, "t", "x", "y", {"pain": "ปัญหา", "solution": "แนวทาง"})
    assert [list(t.text) for t in fig.data] == [["1"], ["2", "4"]]
    assert all("text" in t.mode for t in fig.data)
    assert "<b>" not in fig.data[0].customdata[0]   # the idea's text stays literal in the hover


def test_every_project_is_named_above_its_bar_in_full_width():
    rows = [dict(number=n, name=name, start=dt.date(2025, 10, 1), end=dt.date(2026, 9, 30), group="ยุทธศาสตร์ที่ 1")
            for n, name in enumerate([LONG, "ระบบร้องเรียนออนไลน์", "ระบบร้องเรียนออนไลน์ ระยะที่ 2"], start=1)]
    fig = charts.project_timeline(rows, "ระยะเวลาโครงการ", "th")
    names = [a.text for a in fig.layout.annotations]
    assert names == list(fig.layout.yaxis.tickvals) and len(set(names)) == 3
    assert all(re.match(r"\d+\. ", n) for n in names)
    assert names[0].endswith("…") and len(names[0]) < len(LONG)
    assert fig.layout.yaxis.showticklabels is False          # names above the bars, not beside them
    assert fig.layout.legend.yref == "container"            # strategies under the date axis


def test_project_progress_and_spending_name_every_project():
    names = [LONG, "สมาร์ทฟาร์ม"]
    progress = charts.project_progress(names, [30, 80], [50, 50], ["#16a34a"] * 2, "t", "ทำแล้ว", "ควรถึง")
    assert [a.text for a in progress.layout.annotations] == [charts.escape_plotly("1. " + charts.cut(LONG)),
                                                              "2. สมาร์ทฟาร์ม"]
    spent = charts.budget_spent(names, [100.0, 50.0], [20.0, 60.0], "t", "แผน", "ใช้จริง")
    assert len(spent.layout.annotations) == 2


def test_a_cut_counts_letters_as_they_take_room():
    assert charts.cut("ก" * 10, 10) == "ก" * 10
    assert charts.cut("ที่" * 20, 10) == "ที่" * 10 + "…"       # marks above a letter take no room
    assert charts.cut("abc def", 4) == "abc…"


def test_attendance_legend_sits_under_the_bar_and_the_target_is_labelled_inside():
    fig = charts.sector_attendance({"government": 3, "local": 2, "private": 1, "civil": 1, "academic": 1},
                                   {s: s for s in ("government", "local", "private", "civil", "academic")},
                                   60, "ผู้เข้าร่วม", "เป้าหมาย 60 คน")
    assert fig.layout.legend.yref == "container"
    assert fig.layout.annotations[0].xanchor == "right"     # left of the line: never cut at the edge


def test_vote_bars_carry_count_and_percentage():
    fig = charts.activity_bars(["ก", "ข"], [3, 1], "โพล", "คะแนนเสียง", [0.75, 0.25], large=True)
    assert list(fig.data[0].text) == ["1 (25%)", "3 (75%)"]
    assert fig.layout.xaxis.range[1] > 3
