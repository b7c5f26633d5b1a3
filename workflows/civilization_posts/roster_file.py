"""A collective's roster as an Excel sheet (姓名, 性别, 出生日期, 岗位, 职责): read for import,
written for download and as the template to fill in."""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from workflows.engine.errors import CaseError

HEADERS = ("姓名", "性别", "出生日期", "岗位", "职责")
ROLES = {"号长": "leader", "副号长": "deputy", "成员": "member", "": "member"}
ROLE_NAMES = {value: key for key, value in ROLES.items() if key}
MAX_ROWS = 500
# 1990-05-04, 1990/5/4, 1990.5.4 or 1990年5月4日, as people type them.
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass(frozen=True)
class RosterRow:
    name: str
    gender: str
    birth_date: datetime.date
    post: str
    role: str


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.match(str(value or "").strip())
    if match is None:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def roster_read(content: bytes) -> list[RosterRow]:
    """Rows of the first sheet under the header row; every wrong cell is named by row."""
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises several kinds for a file that is not xlsx
        raise CaseError(_("无法读取名册：请上传 .xlsx 格式的 Excel 文件")) from error
    rows = list(sheet.iter_rows(values_only=True))
    if not rows or tuple(str(c or "").strip() for c in rows[0][: len(HEADERS)]) != HEADERS:
        raise CaseError(_("名册第一行应为：%(headers)s") % {"headers": "、".join(HEADERS)})
    body = [row for row in rows[1:] if any(cell not in (None, "") for cell in row)]
    if len(body) > MAX_ROWS:
        raise CaseError(_("名册超过 %(max)s 行") % {"max": MAX_ROWS})
    problems, result = [], []
    for number, row in enumerate(body, 2):
        cells = [*row, *[None] * len(HEADERS)][: len(HEADERS)]
        name, gender, born, post, role = cells
        name = str(name or "").strip()
        gender = str(gender or "").strip()
        role_name = str(role or "").strip()
        birth_date = _date(born)
        if not name:
            problems.append(_("第 %(row)s 行：缺少姓名") % {"row": number})
        if gender not in ("男", "女"):
            problems.append(
                _("第 %(row)s 行：性别「%(value)s」应为男或女") % {"row": number, "value": gender}
            )
        if birth_date is None:
            problems.append(
                _("第 %(row)s 行：出生日期「%(value)s」无法识别（应为 1990-05-04）")
                % {"row": number, "value": born or ""}
            )
        if role_name not in ROLES:
            problems.append(
                _("第 %(row)s 行：职责「%(value)s」应为号长、副号长或成员")
                % {"row": number, "value": role_name}
            )
        if not problems:
            result.append(
                RosterRow(name, gender, birth_date, str(post or "").strip(), ROLES[role_name])
            )
    leaders = sum(1 for row in result if row.role == "leader")
    if not problems and leaders > 1:
        problems.append(_("名册中有 %(count)s 名号长，只能有一名") % {"count": leaders})
    if problems:
        raise CaseError(problems)
    return result


def roster_workbook(people) -> bytes:
    """The roster (or an empty template) as an .xlsx file."""
    book = Workbook()
    sheet = book.active
    sheet.title = "名册"
    sheet.append(HEADERS)
    for person in people:
        sheet.append(
            [
                person.name,
                person.gender,
                person.birth_date.isoformat(),
                person.post,
                ROLE_NAMES[person.role],
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
