"""Plain-text formatting shared by context builders and PDF templates."""

from __future__ import annotations

import datetime


def date_cn(day: datetime.date | str | None) -> str:
    """``2026年11月5日``: Arabic numerals, no zero padding (GB/T 9704-2012 7.3.5.3)."""
    if not day:
        return ""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day[:10])
    return f"{day.year}年{day.month}月{day.day}日"


def month_cn(day: datetime.date | None) -> str:
    """``2000年3月``, as forms print a birth or joining month."""
    return f"{day.year}年{day.month}月" if day else ""
