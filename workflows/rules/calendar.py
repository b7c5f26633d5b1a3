"""Working days: the State Council holiday schedule (via chinese_calendar, including 调休 weekend
workdays), corrected by CalendarOverride rows.

A year chinese_calendar does not know yet is counted Monday to Friday less the statutory holidays
(``holidays.statutory_holidays``) until its notice is imported; a window that counts such a year
is provisional, and says so.

Every function takes an optional ``overrides`` mapping (the whole known schedule of the years it
touches); without it the overrides are read from the database, one query per calendar year.
"""

from __future__ import annotations

import datetime
import functools
import logging
import threading
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import chinese_calendar
from django.utils.translation import gettext as _

from workflows.wording import list_text

from .holidays import statutory_holidays
from .models import CalendarOverride

logger = logging.getLogger(__name__)

FIRST_YEAR = min(chinese_calendar.holidays).year
LAST_YEAR = max(chinese_calendar.holidays).year


class CalendarCoverageWarning(UserWarning):
    """The holiday schedule for a year is unknown; Monday–Friday less statutory holidays is
    assumed."""


_warned_years: set[int] = set()
_warned_lock = threading.Lock()


@dataclass(frozen=True)
class Window:
    """The last day of a span of working days, and the years it counted without their notice."""

    end: datetime.date
    pending_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.pending_years)

    @property
    def note(self) -> str:
        return provisional_note(self.pending_years)


def calendar_covers(year: int) -> bool:
    """Whether the installed chinese_calendar knows ``year``'s holidays and 调休 workdays."""
    return FIRST_YEAR <= year <= LAST_YEAR


def coverage_message(year: int) -> str:
    return _(
        "chinesecalendar %(version)s 没有 %(year)s 年的法定节假日安排"
        "（仅覆盖 %(first)s–%(last)s 年），%(year)s 年暂按周一至周五、扣除法定节日计算，"
        "调休未计入。请升级 chinesecalendar，或在“日历调整”中导入 %(year)s 年的国务院放假通知。"
    ) % {
        "version": chinese_calendar.__version__,
        "year": year,
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def provisional_note(years: Iterable[int]) -> str:
    """``（暂定：2028年放假安排尚未发布）`` for a date counted through those years; else empty."""
    years = sorted(set(years))
    if not years:
        return ""
    return _("（暂定：%(years)s年放假安排尚未发布）") % {"years": list_text(years)}


def schedule_pending(*, start: datetime.date, end: datetime.date) -> tuple[int, ...]:
    """Years of the days after ``start`` up to ``end`` whose schedule is not known yet."""
    first = (_as_date(start) + datetime.timedelta(days=1)).year
    return years_pending(range(first, _as_date(end).year + 1))


def years_pending(years: Iterable[int]) -> tuple[int, ...]:
    """Those of ``years`` known neither to chinese_calendar nor from an imported notice (now):
    at most one query."""
    uncovered = sorted({year for year in years if not calendar_covers(year)})
    if not uncovered:
        return ()
    known = set(
        CalendarOverride.objects.filter(date__year__in=uncovered, notice__isnull=False)
        .values_list("date__year", flat=True)
        .distinct()
    )
    return tuple(year for year in uncovered if year not in known)


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
    return working_days_window(start=start, days=days, overrides=overrides).end


def working_days_window(
    *,
    start: datetime.date,
    days: int,
    overrides: Mapping[datetime.date, bool] | None = None,
) -> Window:
    """``working_days_add`` with the years it had to count without their holiday notice."""
    if days < 0:
        raise ValueError(_("days 不能为负数"))
    calendar = _Calendar(overrides)
    day = _as_date(start)
    while days:
        day += datetime.timedelta(days=1)
        if calendar.is_working(day):
            days -= 1
    return Window(end=day, pending_years=tuple(sorted(calendar.pending_years)))


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
        # Years whose schedule is known beyond chinese_calendar: those a caller's mapping
        # gives, or those with an imported notice.
        self._known_years = {day.year for day in self._days}
        self._years_loaded: set[int] = set()
        self.pending_years: set[int] = set()

    def is_working(self, day: datetime.date) -> bool:
        self._load(day.year)
        if day in self._days:
            return self._days[day]
        if calendar_covers(day.year):
            return _statutory_workday(day)
        if day.year not in self._known_years:
            self.pending_years.add(day.year)
            _coverage_warn(day.year)
        return day.weekday() < 5 and day not in statutory_holidays(day.year)

    def _load(self, year: int) -> None:
        if not self._from_db or year in self._years_loaded:
            return
        self._years_loaded.add(year)
        rows = CalendarOverride.objects.filter(date__year=year).values_list(
            "date", "is_workday", "notice_id"
        )
        for day, is_workday, notice_id in rows:
            self._days[day] = is_workday
            if notice_id is not None:
                self._known_years.add(year)


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
