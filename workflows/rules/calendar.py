"""Working days: the State Council holiday schedule (via chinese_calendar, including 调休 weekend
workdays), corrected by CalendarOverride rows.

Every function takes an optional ``overrides`` mapping; without it the overrides are read from the
database, one query per calendar year touched.
"""

from __future__ import annotations

import datetime
import functools
import logging
import threading
import warnings
from collections.abc import Mapping

import chinese_calendar
from django.utils.translation import gettext as _

from .models import CalendarOverride

logger = logging.getLogger(__name__)

FIRST_YEAR = min(chinese_calendar.holidays).year
LAST_YEAR = max(chinese_calendar.holidays).year


class CalendarCoverageWarning(UserWarning):
    """The holiday schedule for a year is unknown; Monday–Friday is assumed."""


_warned_years: set[int] = set()
_warned_lock = threading.Lock()


def calendar_covers(year: int) -> bool:
    """Whether the installed chinese_calendar knows ``year``'s holidays and 调休 workdays."""
    return FIRST_YEAR <= year <= LAST_YEAR


def coverage_message(year: int) -> str:
    return _(
        "chinesecalendar %(version)s 没有 %(year)s 年的法定节假日安排"
        "（仅覆盖 %(first)s–%(last)s 年），%(year)s 年暂按周一至周五为工作日计算。"
        "请升级 chinesecalendar，或在“日历调整”中录入 %(year)s 年的放假和调休日期。"
    ) % {
        "version": chinese_calendar.__version__,
        "year": year,
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def is_working_day(
    day: datetime.date, *, overrides: Mapping[datetime.date, bool] | None = None
) -> bool:
    return _Calendar(overrides).is_working(_as_date(day))


def working_days_add(
    *,
    start: datetime.date,
    days: int,
    overrides: Mapping[datetime.date, bool] | None = None,
) -> datetime.date:
    """The day on which ``days`` full working days have elapsed, counting from the day after
    ``start`` (``days=0`` gives ``start``)."""
    if days < 0:
        raise ValueError(_("days 不能为负数"))
    calendar = _Calendar(overrides)
    day = _as_date(start)
    while days:
        day += datetime.timedelta(days=1)
        if calendar.is_working(day):
            days -= 1
    return day


def working_days_between(
    *,
    start: datetime.date,
    end: datetime.date,
    overrides: Mapping[datetime.date, bool] | None = None,
) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier.

    ``working_days_between(start=s, end=working_days_add(start=s, days=n)) == n``.
    """
    start, end = _as_date(start), _as_date(end)
    if end < start:
        return -working_days_between(start=end, end=start, overrides=overrides)
    calendar = _Calendar(overrides)
    return sum(
        calendar.is_working(start + datetime.timedelta(days=offset))
        for offset in range(1, (end - start).days + 1)
    )


class _Calendar:
    """Overrides for the years one computation touches, loaded once per year."""

    def __init__(self, overrides: Mapping[datetime.date, bool] | None) -> None:
        self._from_db = overrides is None
        self._days: dict[datetime.date, bool] = dict(overrides or {})
        self._years_with_overrides = {day.year for day in self._days}
        self._years_loaded: set[int] = set()

    def is_working(self, day: datetime.date) -> bool:
        self._load(day.year)
        if day in self._days:
            return self._days[day]
        if calendar_covers(day.year):
            return _statutory_workday(day)
        # Overrides entered for an uncovered year mean someone maintains that year by hand.
        if day.year not in self._years_with_overrides:
            _coverage_warn(day.year)
        return day.weekday() < 5

    def _load(self, year: int) -> None:
        if not self._from_db or year in self._years_loaded:
            return
        self._years_loaded.add(year)
        rows = dict(
            CalendarOverride.objects.filter(date__year=year).values_list("date", "is_workday")
        )
        if rows:
            self._days.update(rows)
            self._years_with_overrides.add(year)


@functools.lru_cache(maxsize=4096)
def _statutory_workday(day: datetime.date) -> bool:
    return chinese_calendar.is_workday(day)


def _coverage_warn(year: int) -> None:
    with _warned_lock:
        if year in _warned_years:
            return
        _warned_years.add(year)
    message = coverage_message(year)
    warnings.warn(message, CalendarCoverageWarning, stacklevel=4)
    logger.warning(message)


def _as_date(day: datetime.date) -> datetime.date:
    return day.date() if isinstance(day, datetime.datetime) else day
