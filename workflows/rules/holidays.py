"""The public holidays 《全国年节及纪念日放假办法》 fixes (as amended in 2024, in force from 2025),
for a year whose State Council schedule is not known yet.

Only the days the law itself names: 元旦 1 day, 春节 4 (除夕 and 正月初一 to 初三), 清明 1, 劳动节 2
(5-1, 5-2), 端午 1, 中秋 1, 国庆 3 (10-1 to 10-3). The weekends moved to make longer breaks (调休)
come with each year's notice, which the admin imports. Pure functions, no database.
"""

from __future__ import annotations

import datetime
import functools

import chinese_calendar
from lunardate import LunarDate

NEW_YEAR = "元旦"
SPRING_FESTIVAL = "春节"
TOMB_SWEEPING = "清明节"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL_DAY = "国庆节"

_FIXED = (
    (1, 1, NEW_YEAR),
    (5, 1, LABOUR_DAY),
    (5, 2, LABOUR_DAY),
    (10, 1, NATIONAL_DAY),
    (10, 2, NATIONAL_DAY),
    (10, 3, NATIONAL_DAY),
)
# lunardate knows lunar years 1900–2099; 除夕 needs the year before.
_LUNAR_YEARS = range(1901, 2100)
# chinese_calendar's solar terms (清明 is one) cover 1900–2100.
_SOLAR_TERM_YEARS = range(1900, 2101)


@functools.lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[datetime.date, str]:
    """Every statutory holiday of ``year`` with its name, lunar and solar-term ones included
    where the calendars reach that year."""
    days = {datetime.date(year, month, day): name for month, day, name in _FIXED}
    if year in _LUNAR_YEARS:
        new_year = LunarDate(year, 1, 1).to_solar_date()
        for offset in range(-1, 3):
            days[new_year + datetime.timedelta(days=offset)] = SPRING_FESTIVAL
        days[LunarDate(year, 5, 5).to_solar_date()] = DRAGON_BOAT
        days[LunarDate(year, 8, 15).to_solar_date()] = MID_AUTUMN
    if year in _SOLAR_TERM_YEARS:
        april = chinese_calendar.get_solar_terms(
            datetime.date(year, 4, 1), datetime.date(year, 4, 10)
        )
        days.update({day: TOMB_SWEEPING for day, term in april if term == "清明"})
    return days
