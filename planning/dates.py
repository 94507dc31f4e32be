"""Buddhist-era dates and the Thai fiscal year.

Data is stored as ISO dates; screens and documents show B.E. years and Thai month names.
Thai fiscal year (ปีงบประมาณ): 1 October to 30 September, named by the B.E. year in which it
ends (Budget Procedure Act B.E. 2561, section 4): 1 Oct 2025 - 30 Sep 2026 is FY 2569.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

BE_OFFSET = 543

MONTHS_TH = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
             "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_TH_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                   "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
MONTHS_EN_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def be_year(year: int) -> int:
    return year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def fiscal_year_be(day: dt.date) -> int:
    """B.E. fiscal year containing `day` (October starts the next fiscal year)."""
    return be_year(day.year + 1 if day.month >= 10 else day.year)


def format_date(day: dt.date, lang: str = "th", long: bool = False) -> str:
    """'1 ต.ค. 2569' in Thai (B.E.), '1 Oct 2026' in English."""
    if lang == "th":
        months = MONTHS_TH if long else MONTHS_TH_SHORT
        return f"{day.day} {months[day.month - 1]} {be_year(day.year)}"
    return f"{day.day} {MONTHS_EN_SHORT[day.month - 1]} {day.year}"


def format_date_typed(day: dt.date, lang: str = "th") -> str:
    """A date as it is typed in a form: '25/11/2569' in Thai (B.E.), '25/11/2026' in English."""
    year = be_year(day.year) if lang == "th" else day.year
    return f"{day.day:02d}/{day.month:02d}/{year}"


_MONTH_WORDS = {name.replace(".", ""): n for names in (MONTHS_TH, MONTHS_TH_SHORT, MONTHS_EN_SHORT)
                for n, name in enumerate(names, start=1)}
# A year from 2400 on is B.E.: no plan is dated after C.E. 2400, and B.E. 2400 was C.E. 1857.
_BE_FROM = 2400


def parse_date(typed: str, lang: str = "th") -> dt.date:
    """A date as people type it: '25/11/2569', '25-11-2569', '25 พ.ย. 2569', '25 พฤศจิกายน 2569',
    '2569-11-25', or the same with a C.E. year ('25/11/2026'). A two-digit year is B.E. in Thai
    ('25/11/69') and C.E. in English. Anything else is refused, never replaced by today."""
    from planning.errors import ValidationError

    raw = (typed or "").strip()
    parts = [x for x in raw.replace("/", " ").replace("-", " ").replace(",", " ").split() if x]
    try:
        if len(parts) != 3:
            raise ValueError(raw)
        if len(parts[0]) == 4 and parts[0].isdigit():  # year first, as ISO writes it
            parts = [parts[2], parts[1], parts[0]]
        day = int(parts[0])
        month = int(parts[1]) if parts[1].isdigit() else _MONTH_WORDS[parts[1].replace(".", "").strip()]
        year = int(parts[2])
        if year < 100:
            year += 2500 if lang == "th" else 2000
        if year >= _BE_FROM:
            year = ce_year(year)
        return dt.date(year, month, day)
    except (ValueError, KeyError):
        raise ValidationError("error.date_unreadable", typed=raw,
                              example=format_date_typed(dt.date(2026, 11, 25), lang)) from None


def format_month(day: dt.date, lang: str = "th") -> str:
    """'ต.ค. 69' in Thai (two-digit B.E. year, as Thai documents abbreviate), 'Oct 2026' in English."""
    if lang == "th":
        return f"{MONTHS_TH_SHORT[day.month - 1]} {be_year(day.year) % 100:02d}"
    return f"{MONTHS_EN_SHORT[day.month - 1]} {day.year}"


def format_year(year: int, lang: str = "th") -> str:
    """A Gregorian year as shown to users: B.E. in Thai."""
    return f"พ.ศ. {be_year(year)}" if lang == "th" else str(year)


def fiscal_year_range(fy_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of a B.E. fiscal year (1 October to 30 September)."""
    year = ce_year(fy_be)
    return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)


def fiscal_quarter_range(fy_be: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Quarter 1 is October-December of the calendar year before the fiscal year ends."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter!r}")
    start, _ = fiscal_year_range(fy_be)
    first_month = start.month + 3 * (quarter - 1)
    year = start.year + (first_month - 1) // 12
    month = (first_month - 1) % 12 + 1
    begin = dt.date(year, month, 1)
    end_month = month + 2
    next_first = dt.date(year + (end_month // 12), end_month % 12 + 1, 1)
    return begin, next_first - dt.timedelta(days=1)


def plan_fiscal_years(start: dt.date, horizon_years: int) -> list[int]:
    """The B.E. fiscal years a plan starting on `start` for `horizon_years` touches."""
    try:
        end = start.replace(year=start.year + horizon_years) - dt.timedelta(days=1)
    except ValueError:  # 29 February start
        end = dt.date(start.year + horizon_years, 2, 28)
    return list(range(fiscal_year_be(start), fiscal_year_be(end) + 1))


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month `months` later, or the month's last day when it is shorter
    (31 August + 6 months = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def fiscal_half(day: dt.date) -> int:
    """1 for October-March, 2 for April-September (the halves of a Thai fiscal year)."""
    return 1 if day.month >= 10 or day.month <= 3 else 2


@dataclass(frozen=True)
class Checkpoint:
    months: int          # months after the workshop's start: 6, 12, 18, ...
    due: dt.date
    fiscal_year_be: int
    fiscal_half: int


CHECKPOINT_EVERY = 6


def checkpoint_schedule(start: dt.date, horizon_years: int) -> list[Checkpoint]:
    """6 and 12 months after the start, then every six months up to the plan horizon."""
    out = []
    for months in range(CHECKPOINT_EVERY, horizon_years * 12 + 1, CHECKPOINT_EVERY):
        due = add_months(start, months)
        out.append(Checkpoint(months, due, fiscal_year_be(due), fiscal_half(due)))
    return out


THAILAND = ZoneInfo("Asia/Bangkok")


def today() -> dt.date:
    """Today in Thailand, whatever the server's clock zone (a workshop at 06:00 is still on its own day)."""
    return dt.datetime.now(THAILAND).date()


def local_day(utc: dt.datetime) -> dt.date:
    """The Thai calendar day of a stored UTC time."""
    return utc.replace(tzinfo=dt.timezone.utc).astimezone(THAILAND).date()
