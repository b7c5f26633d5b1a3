"""Reading the State Council's holiday notices, checked against the schedules chinese_calendar
records for the same years."""

import datetime

import chinese_calendar
import pytest

from tests.rules.notices import NOTICE_2025, NOTICE_2026
from workflows.rules.notice import NoticeError, notice_parse, notice_year

D = datetime.date


def _published(year: int) -> tuple[set, set]:
    return (
        {day for day in chinese_calendar.holidays if day.year == year},
        {day for day in chinese_calendar.workdays if day.year == year},
    )


@pytest.mark.parametrize(("text", "year"), [(NOTICE_2025, 2025), (NOTICE_2026, 2026)])
def test_a_real_notice_reads_as_the_published_schedule(text, year):
    schedule = notice_parse(text=text, year=year)
    holidays, workdays = _published(year)
    assert set(schedule.days_off()) == holidays
    assert set(schedule.workdays()) == workdays
    assert schedule.missing == ()


def test_each_holiday_keeps_its_name_days_and_workdays():
    schedule = notice_parse(text=NOTICE_2026, year=2026)
    spring = next(h for h in schedule.holidays if h.name == "春节")
    assert spring.days[0] == D(2026, 2, 15) and spring.days[-1] == D(2026, 2, 23)
    assert len(spring.days) == 9
    assert spring.workdays == (D(2026, 2, 14), D(2026, 2, 28))
    assert [h.name for h in schedule.holidays][-1] == "国庆节"
    combined = notice_parse(text=NOTICE_2025, year=2025).holidays[-1]
    assert combined.name == "国庆节、中秋节" and len(combined.days) == 8


def test_the_title_gives_the_year():
    assert notice_year(NOTICE_2026) == 2026
    assert notice_year("一、元旦：1月1日放假。") is None


def test_a_break_that_starts_the_year_before():
    text = "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。"
    schedule = notice_parse(text=text, year=2019)
    assert list(schedule.days_off()) == [D(2018, 12, 30), D(2018, 12, 31), D(2019, 1, 1)]
    assert list(schedule.workdays()) == [D(2018, 12, 29)]


def test_a_partial_notice_lists_the_statutory_days_it_leaves_out():
    schedule = notice_parse(
        text="一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。", year=2027
    )
    assert (D(2027, 10, 1), "国庆节") in schedule.missing
    assert (D(2027, 1, 1), "元旦") not in schedule.missing


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("国务院办公厅关于2027年部分节假日安排的通知", "没有找到"),
        ("一、元旦：1月1日至3日调休。", "没有“放假”字样"),
        ("一、元旦：2月30日放假。", "不存在的日期"),
        ("一、元旦：1日至3日放假。", "缺少月份"),
    ],
)
def test_text_it_cannot_read_is_refused_naming_the_line(text, message):
    with pytest.raises(NoticeError, match=message):
        notice_parse(text=text, year=2027)
