import datetime as dt

import pytest

from planning import dates
from planning.errors import ValidationError


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


@pytest.mark.parametrize("typed", ["25/11/2569", "25-11-2569", "25/11/69", "25 พ.ย. 2569", "25 พฤศจิกายน 2569",
                                   "2569-11-25", "25/11/2026", "2026-11-25", " 25 / 11 / 2569 "])
def test_a_date_is_read_as_people_type_it(typed):
    assert dates.parse_date(typed, "th") == dt.date(2026, 11, 25)


def test_english_reads_two_digit_years_as_ce_and_month_names():
    assert dates.parse_date("25/11/26", "en") == dt.date(2026, 11, 25)
    assert dates.parse_date("25 Nov 2026", "en") == dt.date(2026, 11, 25)


@pytest.mark.parametrize("typed", ["", "31/02/2569", "25/13/2569", "tomorrow", "25/11", "25 พฤศจิ 2569"])
def test_an_unreadable_date_is_refused_with_the_words_typed_never_today(typed):
    with pytest.raises(ValidationError) as err:
        dates.parse_date(typed, "th")
    message = err.value.message("th")
    assert "25/11/2569" in message and typed.strip() in message


def test_a_typed_date_round_trips_in_both_languages():
    day = dt.date(2027, 3, 1)
    assert dates.format_date_typed(day, "th") == "01/03/2570"
    assert dates.format_date_typed(day, "en") == "01/03/2027"
    for lang in ("th", "en"):
        assert dates.parse_date(dates.format_date_typed(day, lang), lang) == day


def test_today_and_stored_times_are_thailands_days():
    import datetime as dt

    assert dates.local_day(dt.datetime(2026, 11, 22, 22, 30)) == dt.date(2026, 11, 23)   # 05:30 in Bangkok
    assert dates.local_day(dt.datetime(2026, 11, 22, 16, 59)) == dt.date(2026, 11, 22)
    assert dates.today() == dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
