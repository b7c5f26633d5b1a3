"""Exports of audit events (CSV, XLSX) and of the case search (XLSX), row by row: memory
stays flat however many rows there are.

A CSV is streamed as it is written. An .xlsx is a zip that can only be finished at the end, so
openpyxl in write-only mode writes it to a temporary file (its rows as inline strings: no
shared-string table growing in memory), which the response then streams.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .models import AuditEvent
from .search import EXPORT_CHUNK, CaseHit
from .selectors import events_for_reader

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses longer cell text.
XLSX_CELL_MAX = 32_767
CASE_HEADER = [
    _("编号"),
    _("流程"),
    _("当事人或名称"),
    _("组织"),
    _("状态"),
    _("创建时间"),
]

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
    for row in _event_rows(events=events, reader=reader):
        yield writer.writerow(_safe(row))


def events_xlsx(*, events: QuerySet[AuditEvent], reader: AbstractBaseUser) -> IO[bytes]:
    """The events as an .xlsx in a temporary file, rewound; closing it removes it."""
    return _xlsx_file(
        title=gettext("审计事件"), header=HEADER, rows=_event_rows(events=events, reader=reader)
    )


def cases_xlsx(hits: Iterable[CaseHit]) -> IO[bytes]:
    """The cases found, as an .xlsx in a temporary file, rewound."""
    return _xlsx_file(
        title=gettext("案件"),
        header=CASE_HEADER,
        rows=(
            [
                hit.case.reference,
                hit.process.label,
                hit.case.headline,
                hit.case.org.name,
                hit.case.get_status_display(),
                timezone.localtime(hit.case.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            ]
            for hit in hits
        ),
    )


def _event_rows(*, events: QuerySet[AuditEvent], reader: AbstractBaseUser) -> Iterator[list]:
    rows = events.select_related("actor", "org").order_by("id")
    for event in events_for_reader(rows.iterator(chunk_size=EXPORT_CHUNK), user=reader):
        yield _row(event)


def _xlsx_file(*, title: str, header: Sequence, rows: Iterable[Sequence]) -> IO[bytes]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append([str(name) for name in header])
    for row in rows:
        sheet.append([_xlsx_value(sheet, value) for value in row])
    # Left open for the response to stream and close.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        book.save(file)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return file


def _xlsx_value(sheet: WriteOnlyWorksheet, value: object) -> object:
    if not isinstance(value, str | Promise):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:XLSX_CELL_MAX]
    if not text.startswith("="):
        return text
    # openpyxl would store it as a formula; as text it shows exactly as written and never runs.
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    return cell


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
