"""Statutory holidays computed from the law, checked against the years whose State Council
schedule chinese_calendar records."""

import datetime

import chinese_calendar
import pytest

from workflows.rules.holidays import statutory_holidays

D = datetime.date


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_statutory_holiday_is_off_in_the_published_schedule(year):
    for day, name in statutory_holidays(year).items():
        assert day in chinese_calendar.holidays, (day, name)


def test_2025_has_the_thirteen_days_of_the_amended_law():
    days = statutory_holidays(2025)
    assert len(days) == 13  # 元旦 1, 春节 4, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3
    assert [d for d, name in sorted(days.items()) if name == "春节"] == [
        D(2025, 1, 28),  # 除夕
        D(2025, 1, 29),
        D(2025, 1, 30),
        D(2025, 1, 31),
    ]
    assert days[D(2025, 5, 2)] == "劳动节"
    assert days[D(2025, 4, 4)] == "清明节"


def test_2027_lunar_and_solar_term_days():
    days = statutory_holidays(2027)
    assert days[D(2027, 2, 5)] == "春节"  # 除夕
    assert days[D(2027, 2, 8)] == "春节"  # 正月初三
    assert D(2027, 2, 9) not in days
    assert days[D(2027, 4, 5)] == "清明节"
    assert days[D(2027, 6, 9)] == "端午节"
    assert days[D(2027, 9, 15)] == "中秋节"
    assert [days[D(2027, 10, d)] for d in (1, 2, 3)] == ["国庆节"] * 3


def test_beyond_the_lunar_tables_only_fixed_dates_and_qingming():
    days = statutory_holidays(2100)
    assert set(days.values()) == {"元旦", "劳动节", "国庆节", "清明节"}
    assert set(statutory_holidays(2101).values()) == {"元旦", "劳动节", "国庆节"}
