import datetime as dt

from planning import dates


def test_buddhist_era():
    assert dates.be_year(2026) == 2569
    assert dates.ce_year(2569) == 2026


def test_fiscal_year_boundaries():
    assert dates.fiscal_year_be(dt.date(2025, 9, 30)) == 2568
    assert dates.fiscal_year_be(dt.date(2025, 10, 1)) == 2569
    assert dates.fiscal_year_be(dt.date(2026, 9, 30)) == 2569
    assert dates.fiscal_year_be(dt.date(2026, 10, 1)) == 2570
    assert dates.fiscal_year_be(dt.date(2026, 1, 1)) == 2569


def test_format_date_thai_and_english():
    day = dt.date(2026, 10, 1)
    assert dates.format_date(day, "th") == "1 ต.ค. 2569"
    assert dates.format_date(day, "th", long=True) == "1 ตุลาคม 2569"
    assert dates.format_date(day, "en") == "1 Oct 2026"
    assert dates.format_year(2024, "th") == "พ.ศ. 2567"


def test_fiscal_year_and_quarter_ranges():
    assert dates.fiscal_year_range(2569) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert dates.fiscal_quarter_range(2569, 1) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert dates.fiscal_quarter_range(2569, 2) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert dates.fiscal_quarter_range(2569, 4) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert dates.fiscal_quarter_range(2568, 2) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))


def test_plan_fiscal_years_follow_the_30_september_boundary():
    assert dates.plan_fiscal_years(dt.date(2026, 10, 1), 1) == [2570]
    assert dates.plan_fiscal_years(dt.date(2026, 9, 30), 1) == [2569, 2570]
    assert dates.plan_fiscal_years(dt.date(2026, 10, 1), 5) == [2570, 2571, 2572, 2573, 2574]
    assert dates.plan_fiscal_years(dt.date(2028, 2, 29), 1) == [2571, 2572]
