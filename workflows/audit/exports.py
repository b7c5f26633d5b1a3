"""CSV export of audit events, streamed so a large export does not sit in memory."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .selectors import events_for_reader

HEADER = [
    _("编号"),
    _("时间"),
    _("操作人"),
    _("用户名"),
    _("组织"),
    _("案件"),
    _("动作"),
    _("动作代码"),
    _("变更前"),
    _("变更后"),
    _("意见"),
    _("附加数据"),
    _("来源IP"),
    _("客户端"),
    _("前一事件哈希"),
    _("哈希"),
]
# Spreadsheet programs run cells starting with these as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def events_csv_rows(*, events: QuerySet[AuditEvent], reader: AbstractBaseUser) -> Iterator[str]:
    """Lines of a UTF-8 CSV with a byte order mark, which Excel needs to read Chinese."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([str(title) for title in HEADER])
    rows = events.select_related("actor", "org").order_by("id").iterator(chunk_size=2000)
    for event in events_for_reader(rows, user=reader):
        yield writer.writerow(_safe(_row(event)))


def _row(event: AuditEvent) -> list[object]:
    return [
        event.pk,
        timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        event.actor_name,
        event.actor.get_username() if event.actor else "",
        event.org.name if event.org else "",
        event.case_label,
        event.action_label,
        event.action,
        event.before,
        event.after,
        event.opinion,
        json.dumps(event.data, ensure_ascii=False, sort_keys=True) if event.data else "",
        event.origin_ip or "",
        event.user_agent,
        event.prev_hash,
        event.hash,
    ]


def _safe(values: Iterable[object]) -> list[object]:
    return [
        f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value
        for value in values
    ]
