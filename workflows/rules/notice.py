"""Reading the State Council's yearly notice (国务院办公厅关于X年部分节假日安排的通知) into days off
and 调休 workdays. Pure functions, no database.

Each holiday is one numbered line of the notice, e.g.
``二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
2月14日（周六）、2月28日（周六）上班。``
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .holidays import statutory_holidays

_YEAR_IN_TITLE = re.compile(r"关于\s*(\d{4})\s*年")
_ITEM = re.compile(r"^\s*[一二三四五六七八九十]+、\s*(?P<name>[^：:]+)[：:](?P<body>.+)$")
_ASIDE = re.compile(r"（[^）]*）|\([^)]*\)")
_DATE = re.compile(r"(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日")
_SENTENCE_END = re.compile(r"[。；;]")


class NoticeError(ValueError):
    """The pasted text is not a notice this reader understands; the message says where."""


@dataclass(frozen=True)
class NoticeHoliday:
    name: str
    days: tuple[datetime.date, ...]
    workdays: tuple[datetime.date, ...]


@dataclass(frozen=True)
class HolidaySchedule:
    year: int
    holidays: tuple[NoticeHoliday, ...]
    # Statutory holidays of the year the notice does not give as days off: a misreading, or a
    # notice that is not the whole year's.
    missing: tuple[tuple[datetime.date, str], ...] = field(default=())

    def days_off(self) -> dict[datetime.date, str]:
        return {day: h.name for h in self.holidays for day in h.days}

    def workdays(self) -> dict[datetime.date, str]:
        return {day: h.name for h in self.holidays for day in h.workdays}


def notice_year(text: str) -> int | None:
    """The year the notice's title names, if the title was pasted with it."""
    match = _YEAR_IN_TITLE.search(text)
    return int(match[1]) if match else None


def notice_parse(*, text: str, year: int) -> HolidaySchedule:
    """The holidays and 调休 workdays of the numbered lines of ``text``, dated in ``year``
    unless a date names its own year (a 元旦 break that starts on 12-30 of the year before)."""
    holidays = [_holiday(match, year) for match in _items(text)]
    if not holidays:
        raise NoticeError(_("没有找到“一、元旦：……”这样的放假安排条目，请粘贴通知正文"))
    off = {day for holiday in holidays for day in holiday.days}
    missing = tuple(
        (day, name) for day, name in sorted(statutory_holidays(year).items()) if day not in off
    )
    return HolidaySchedule(year=year, holidays=tuple(holidays), missing=missing)


def _items(text: str) -> list[re.Match]:
    return [m for m in (_ITEM.match(line) for line in text.splitlines()) if m is not None]


def _holiday(match: re.Match, year: int) -> NoticeHoliday:
    name = match["name"].strip()
    body = _ASIDE.sub("", match["body"])
    off_part, _sep, rest = body.partition("放假")
    if not _sep:
        raise NoticeError(_("“%(name)s”一条没有“放假”字样：%(line)s") % _where(match, name))
    days = _days_off(off_part, year, match, name)
    workdays = [
        day
        for sentence in _SENTENCE_END.split(rest)
        if "上班" in sentence
        for day in _dates(sentence, year, match, name)
    ]
    return NoticeHoliday(name=name, days=tuple(days), workdays=tuple(workdays))


def _days_off(text: str, year: int, match: re.Match, name: str) -> list[datetime.date]:
    first, _sep, last = text.partition("至")
    start = _dates(first, year, match, name)
    if len(start) != 1 and _sep:
        raise NoticeError(_("“%(name)s”一条的起始日期无法识别：%(line)s") % _where(match, name))
    if not _sep:
        if not start:
            raise NoticeError(_("“%(name)s”一条没有放假日期：%(line)s") % _where(match, name))
        return start
    end = _dates(last, start[0].year, match, name, month=start[0].month)
    if len(end) != 1 or end[0] < start[0]:
        raise NoticeError(_("“%(name)s”一条的截止日期无法识别：%(line)s") % _where(match, name))
    return [
        start[0] + datetime.timedelta(days=offset) for offset in range((end[0] - start[0]).days + 1)
    ]


def _dates(
    text: str, year: int, match: re.Match, name: str, *, month: int | None = None
) -> list[datetime.date]:
    """Dates in ``text``; a date without its month takes ``month`` (``至3日`` after ``1月1日``)."""
    found = []
    for part in _DATE.finditer(text):
        part_month = int(part["month"]) if part["month"] else month
        if part_month is None:
            raise NoticeError(_("“%(name)s”一条的日期缺少月份：%(line)s") % _where(match, name))
        try:
            found.append(datetime.date(int(part["year"] or year), part_month, int(part["day"])))
        except ValueError as error:
            raise NoticeError(
                _("“%(name)s”一条有不存在的日期：%(line)s") % _where(match, name)
            ) from error
    return found


def _where(match: re.Match, name: str) -> dict[str, str]:
    return {"name": name, "line": match[0].strip()}
