"""Warn ahead of time when the installed holiday data will run out."""

from __future__ import annotations

from django.core.checks import CheckMessage
from django.core.checks import Warning as CheckWarning
from django.utils import timezone

from .calendar import calendar_covers, coverage_message

HINT = (
    "国务院办公厅通常在每年年底公布次年放假安排；发布后升级 chinesecalendar "
    "（pip install -U chinesecalendar），或在后台“日历调整”中粘贴导入该通知。"
)


def calendar_coverage_check(app_configs=None, **kwargs) -> list[CheckMessage]:
    this_year = timezone.localdate().year
    messages: list[CheckMessage] = []
    for year, check_id in ((this_year, "rules.W001"), (this_year + 1, "rules.W002")):
        if not calendar_covers(year):
            messages.append(
                CheckWarning(coverage_message(year), hint=HINT, obj="chinesecalendar", id=check_id)
            )
    return messages
