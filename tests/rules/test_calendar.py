"""Working days against the 2025/2026 State Council schedules as chinese_calendar 1.11.0 records
them, and in years it does not know yet (2027 on) with the statutory holidays alone,
provisionally. 2026: 中秋 9/25–27 and 国庆 10/1–7 off, Sunday 9/20 and Saturday 10/10 worked;
春节 2/15–23 off, Saturdays 2/14 and 2/28 worked."""

import datetime
import logging
import warnings

import pytest
from django.core.checks.registry import registry

from tests.factories import CalendarOverrideFactory, UserFactory
from workflows.rules import checks
from workflows.rules.calendar import (
    CalendarCoverageWarning,
    calendar_covers,
    is_working_day,
    provisional_note,
    schedule_pending,
    working_days_add,
    working_days_between,
    working_days_window,
    years_pending,
)
from workflows.rules.models import HolidayNotice

D = datetime.date
NONE: dict = {}  # no overrides: pure calendar, no database


@pytest.fixture
def superuser(db):
    return UserFactory(username="sysadmin", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("day", [D(2026, 10, d) for d in range(1, 8)])
def test_national_day_2026_is_off(day):
    assert not is_working_day(day, overrides=NONE)


def test_days_around_national_day_2026():
    assert not is_working_day(D(2026, 9, 25), overrides=NONE)  # 中秋, a Friday
    assert is_working_day(D(2026, 9, 30), overrides=NONE)
    assert is_working_day(D(2026, 10, 8), overrides=NONE)  # Thursday after the 7-day break
    assert is_working_day(D(2026, 10, 9), overrides=NONE)


def test_weekend_make_up_workdays_count():
    assert is_working_day(D(2026, 9, 20), overrides=NONE)  # Sunday
    assert is_working_day(D(2026, 10, 10), overrides=NONE)  # Saturday
    assert not is_working_day(D(2026, 10, 11), overrides=NONE)
    assert working_days_add(start=D(2026, 9, 18), days=1, overrides=NONE) == D(2026, 9, 20)
    assert working_days_add(start=D(2026, 10, 9), days=1, overrides=NONE) == D(2026, 10, 10)


def test_publicity_from_friday_before_national_day_2026():
    # Counted from the day after: 9/28, 9/29, 9/30, then 10/8, 10/9.
    assert working_days_add(start=D(2026, 9, 25), days=5, overrides=NONE) == D(2026, 10, 9)
    # A plain Monday-Friday count would have ended on 10/2, in the middle of the holiday.
    assert working_days_add(start=D(2026, 9, 25), days=3, overrides=NONE) == D(2026, 9, 30)
    assert working_days_add(start=D(2026, 9, 25), days=4, overrides=NONE) == D(2026, 10, 8)


def test_spring_festival_2026():
    assert all(not is_working_day(D(2026, 2, d), overrides=NONE) for d in range(15, 24))
    assert is_working_day(D(2026, 2, 14), overrides=NONE)  # Saturday worked
    assert working_days_add(start=D(2026, 2, 13), days=2, overrides=NONE) == D(2026, 2, 24)
    # 2/14, then 2/24–2/27, then Saturday 2/28.
    assert working_days_between(start=D(2026, 2, 13), end=D(2026, 2, 28), overrides=NONE) == 6


def test_spring_festival_2025():
    # 1/28–2/4 off; Sunday 1/26 and Saturday 2/8 worked.
    assert is_working_day(D(2025, 1, 26), overrides=NONE)
    assert not is_working_day(D(2025, 2, 3), overrides=NONE)
    assert working_days_add(start=D(2025, 1, 24), days=1, overrides=NONE) == D(2025, 1, 26)
    assert working_days_add(start=D(2025, 1, 27), days=1, overrides=NONE) == D(2025, 2, 5)


def test_zero_days_is_the_start_and_negative_is_refused():
    assert working_days_add(start=D(2026, 10, 3), days=0, overrides=NONE) == D(2026, 10, 3)
    with pytest.raises(ValueError):
        working_days_add(start=D(2026, 10, 3), days=-1, overrides=NONE)


def test_between_is_the_inverse_of_add():
    start = D(2026, 9, 17)
    for n in range(0, 30):
        end = working_days_add(start=start, days=n, overrides=NONE)
        assert working_days_between(start=start, end=end, overrides=NONE) == n
    assert working_days_between(start=D(2026, 10, 9), end=D(2026, 9, 25), overrides=NONE) == -5
    assert working_days_between(start=D(2026, 10, 1), end=D(2026, 10, 7), overrides=NONE) == 0


def test_datetimes_are_taken_as_their_date():
    moment = datetime.datetime(2026, 9, 25, 17, 30)
    assert working_days_add(start=moment, days=5, overrides=NONE) == D(2026, 10, 9)
    assert not is_working_day(datetime.datetime(2026, 10, 1, 9), overrides=NONE)


def test_coverage():
    assert calendar_covers(2026)
    assert calendar_covers(2004)
    assert not calendar_covers(2003)
    assert not calendar_covers(2100)


def test_uncovered_year_falls_back_to_weekdays_and_warns_once(fresh_coverage_warnings, caplog):
    with pytest.warns(CalendarCoverageWarning, match="2100") as record:
        assert is_working_day(D(2100, 1, 4), overrides=NONE)  # a Monday
    assert len(record) == 1
    assert "2100 年" in str(record[0].message)
    assert any("2100" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)

    with warnings.catch_warnings(record=True) as again:
        warnings.simplefilter("always")
        assert not is_working_day(D(2100, 1, 2), overrides=NONE)  # Saturday
        assert working_days_add(start=D(2100, 1, 4), days=1, overrides=NONE) == D(2100, 1, 5)
    assert again == []

    with pytest.warns(CalendarCoverageWarning, match="2101"):
        is_working_day(D(2101, 1, 3), overrides=NONE)


def test_uncovered_year_still_keeps_the_statutory_holidays(fresh_coverage_warnings):
    with pytest.warns(CalendarCoverageWarning):
        assert not is_working_day(D(2100, 1, 1), overrides=NONE)  # 元旦, a Friday
    assert not is_working_day(D(2100, 10, 1), overrides=NONE)  # 国庆, a Friday
    # Without the year's notice nobody knows the 调休: the Monday after is a working day.
    assert is_working_day(D(2100, 10, 4), overrides=NONE)
    assert working_days_add(start=D(2100, 9, 30), days=1, overrides=NONE) == D(2100, 10, 4)


def test_2027_counts_new_year_labour_day_and_the_lunar_holidays(fresh_coverage_warnings):
    with pytest.warns(CalendarCoverageWarning, match="2027"):
        assert not is_working_day(D(2027, 1, 1), overrides=NONE)  # 元旦, a Friday
    assert not is_working_day(D(2027, 2, 5), overrides=NONE)  # 除夕, a Friday
    assert not is_working_day(D(2027, 2, 8), overrides=NONE)  # 正月初三, a Monday
    assert is_working_day(D(2027, 2, 9), overrides=NONE)  # 初四: the notice may add it, not the law
    assert not is_working_day(D(2027, 4, 5), overrides=NONE)  # 清明, a Monday
    assert not is_working_day(D(2027, 6, 9), overrides=NONE)  # 端午, a Wednesday
    assert not is_working_day(D(2027, 9, 15), overrides=NONE)  # 中秋, a Wednesday
    # The 公示 from Thursday 2026-12-31: 1/1 off, then Monday 1/4 to Friday 1/8.
    assert working_days_add(start=D(2026, 12, 31), days=5, overrides=NONE) == D(2027, 1, 8)


def test_a_window_into_an_uncovered_year_is_provisional(fresh_coverage_warnings):
    with pytest.warns(CalendarCoverageWarning):
        window = working_days_window(start=D(2026, 12, 28), days=5, overrides=NONE)
    assert window.end == D(2027, 1, 5)  # 12/29, 12/30, 12/31, (1/1 off) 1/4, 1/5
    assert window.pending_years == (2027,) and window.provisional
    assert window.note == "（暂定：2027年放假安排尚未发布）"
    settled = working_days_window(start=D(2026, 12, 1), days=5, overrides=NONE)
    assert (settled.end, settled.provisional, settled.note) == (D(2026, 12, 8), False, "")


def test_provisional_note_names_every_pending_year():
    assert provisional_note([2028, 2027, 2028]) == "（暂定：2027、2028年放假安排尚未发布）"
    assert provisional_note([]) == ""


def test_uncovered_year_with_overrides_is_maintained_by_hand(fresh_coverage_warnings):
    overrides = {D(2100, 1, 1): False}
    with warnings.catch_warnings():
        warnings.simplefilter("error", CalendarCoverageWarning)
        assert not is_working_day(D(2100, 1, 1), overrides=overrides)
        assert is_working_day(D(2100, 1, 4), overrides=overrides)


@pytest.mark.django_db
def test_an_override_turns_a_workday_off():
    CalendarOverrideFactory(date=D(2026, 10, 8), is_workday=False)
    assert not is_working_day(D(2026, 10, 8))
    # 9/28, 9/29, 9/30, 10/9, then the make-up Saturday 10/10.
    assert working_days_add(start=D(2026, 9, 25), days=5) == D(2026, 10, 10)


@pytest.mark.django_db
def test_an_override_turns_a_holiday_on():
    CalendarOverrideFactory(date=D(2026, 10, 2), is_workday=True, note="值班")
    assert is_working_day(D(2026, 10, 2))
    assert working_days_add(start=D(2026, 9, 25), days=5) == D(2026, 10, 8)
    assert working_days_between(start=D(2026, 9, 30), end=D(2026, 10, 8)) == 2


@pytest.mark.django_db
def test_overrides_are_read_once_per_year(django_assert_num_queries, fresh_coverage_warnings):
    CalendarOverrideFactory(date=D(2026, 12, 31), is_workday=False)
    # 2026-12-30 + 3 working days runs into 2027 (not covered yet): one query per year.
    with django_assert_num_queries(2), pytest.warns(CalendarCoverageWarning, match="2027"):
        assert working_days_add(start=D(2026, 12, 30), days=3) == D(2027, 1, 6)


@pytest.mark.django_db
def test_a_local_override_does_not_settle_an_uncovered_year(fresh_coverage_warnings):
    CalendarOverrideFactory(date=D(2100, 1, 4), is_workday=False, note="本单位调整")
    with pytest.warns(CalendarCoverageWarning, match="2100"):
        window = working_days_window(start=D(2099, 12, 31), days=1)
    assert window.end == D(2100, 1, 5) and window.pending_years == (2100,)
    assert schedule_pending(start=D(2099, 12, 31), end=D(2100, 1, 5)) == (2100,)


@pytest.mark.django_db
def test_an_imported_notice_settles_its_year(fresh_coverage_warnings, superuser):
    notice = HolidayNotice.objects.create(
        year=2100, text="一、元旦：1月1日放假1天。", text_sha256="0" * 64, imported_by=superuser
    )
    CalendarOverrideFactory(date=D(2100, 1, 1), is_workday=False, note="元旦", notice=notice)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CalendarCoverageWarning)
        window = working_days_window(start=D(2099, 12, 31), days=1)
    assert window.end == D(2100, 1, 4) and not window.provisional
    assert schedule_pending(start=D(2099, 12, 31), end=D(2100, 1, 4)) == ()
    assert years_pending([2026, 2100, 2101]) == (2101,)


def test_system_check_warns_when_next_year_is_not_covered(monkeypatch):
    monkeypatch.setattr(checks.timezone, "localdate", lambda: D(2026, 11, 25))
    messages = checks.calendar_coverage_check()
    assert [m.id for m in messages] == ["rules.W002"]
    assert "2027" in messages[0].msg

    monkeypatch.setattr(checks.timezone, "localdate", lambda: D(2025, 11, 25))
    assert checks.calendar_coverage_check() == []

    monkeypatch.setattr(checks.timezone, "localdate", lambda: D(2100, 1, 1))
    assert [m.id for m in checks.calendar_coverage_check()] == ["rules.W001", "rules.W002"]


def test_system_check_is_registered():
    assert checks.calendar_coverage_check in registry.get_checks()
