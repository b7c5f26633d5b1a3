"""A committee's office holders (任职) as a spreadsheet: who holds which office in which unit
under it, from when (and until when), read for import and written for export.

A holder is a member under the committee, named by 身份证号 and by name: both must agree with
the member on record, so a slip in either is caught, not given an office.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from django.utils import translation
from django.utils.translation import gettext as _

from workflows.engine.bounds import PROCESS_DATES
from workflows.engine.spreadsheets import (
    CellProblem,
    ChoiceColumn,
    DateColumn,
    SheetInvalid,
    SheetRow,
    TextColumn,
    cell_text,
    date_of,
    rows_parse,
    spreadsheet_rows,
    workbook_bytes,
)

from .identity import id_digest, id_number_clean, id_number_problem
from .models import Appointment, Member, Organization, Role
from .org_sheet import org_name_problem, orgs_by_name
from .selectors import members_under

# The file's format is Chinese whatever the site's language: the labels' msgids.
with translation.override(None):
    ROLES = {str(label): role for role, label in Role.choices}

START_COLUMN = DateColumn(name="任职日期", window=PROCESS_DATES)
END_COLUMN = DateColumn(name="离任日期", required=False, window=PROCESS_DATES)
OFFICE_COLUMNS = (
    TextColumn(name="组织", max_length=120),
    ChoiceColumn(name="职务", choices=tuple(ROLES)),
    TextColumn(name="姓名", max_length=50),
    TextColumn(name="身份证号", max_length=30),
    START_COLUMN,
    END_COLUMN,
)
OFFICE_HEADERS = tuple(column.name for column in OFFICE_COLUMNS)


@dataclass(frozen=True)
class OfficeRow:
    """One office as the sheet states it: found again by holder, unit, office and start."""

    number: int
    org: Organization
    role: str
    member: Member
    start_date: datetime.date
    end_date: datetime.date | None

    @property
    def label(self) -> str:
        return f"{self.member.name}（{self.org.name} {Role(self.role).label}）"


def office_sheet_rows(file: IO[bytes]) -> list[SheetRow]:
    """The rows of an uploaded office holders sheet (.xlsx or .csv), each cell as typed."""
    return spreadsheet_rows(file, columns=OFFICE_COLUMNS)


def office_rows_parse(rows: Sequence[SheetRow], *, committee: Organization) -> list[OfficeRow]:
    """The offices on ``rows``, each in ``committee`` or a unit under it and held by a member
    under it; or SheetInvalid naming every wrong cell."""
    problems: list[CellProblem] = []
    try:
        values = rows_parse(rows, OFFICE_COLUMNS)
    except SheetInvalid as error:
        problems, values = list(error.problems), []
    orgs = orgs_by_name(committee)
    members = _members_by_number(rows, committee)
    problems += _row_problems(rows, orgs=orgs, members=members, committee=committee)
    if problems:
        raise SheetInvalid(sorted(problems, key=lambda problem: problem.row), list(rows))
    return [
        OfficeRow(
            number=row.number,
            org=orgs[value["组织"]][0],
            role=ROLES[value["职务"]],
            member=members[id_number_clean(value["身份证号"])][0],
            start_date=value["任职日期"],
            end_date=value["离任日期"],
        )
        for row, value in zip(rows, values, strict=True)
    ]


def _members_by_number(
    rows: Sequence[SheetRow], committee: Organization
) -> dict[str, list[Member]]:
    numbers = {id_number_clean(cell_text(row.cells.get("身份证号"))) for row in rows} - {""}
    digests = {id_digest(number): number for number in numbers}
    found: dict[str, list[Member]] = {}
    for member in members_under(org=committee).filter(id_digest__in=list(digests)):
        found.setdefault(digests[member.id_digest], []).append(member)
    return found


def _row_problems(
    rows: Sequence[SheetRow],
    *,
    orgs: dict[str, list[Organization]],
    members: dict[str, list[Member]],
    committee: Organization,
) -> list[CellProblem]:
    """What the columns alone do not show: the unit, the holder, the dates' order, the same
    office twice."""
    problems = []
    seen: dict[tuple, int] = {}
    for row in rows:
        texts = dict(zip(OFFICE_HEADERS, row.texts(OFFICE_COLUMNS), strict=True))
        org = texts["组织"]
        problem = org_name_problem(org, orgs, committee) if org else None
        if problem:
            problems.append(CellProblem(row.number, "组织", problem))
        problems += _holder_problems(row, texts, members, committee)
        problems += _date_problems(row)
        start = date_of(row.cells.get("任职日期"))
        key = (texts["组织"], texts["职务"], id_number_clean(texts["身份证号"]), start)
        if key in seen:
            problems.append(
                CellProblem(
                    row.number,
                    None,
                    _("与第 %(other)s 行是同一任职") % {"other": seen[key]},
                )
            )
        seen.setdefault(key, row.number)
    return problems


def _holder_problems(
    row: SheetRow, texts: dict[str, str], members: dict[str, list[Member]], committee: Organization
) -> list[CellProblem]:
    number = id_number_clean(texts["身份证号"])
    if not number:
        return []
    problem = id_number_problem(number)
    if problem:
        return [CellProblem(row.number, "身份证号", problem)]
    same = members.get(number, [])
    if not same:
        problem = _("身份证号为「%(number)s」的人不是%(committee)s下在册的团员") % {
            "number": number,
            "committee": committee.name,
        }
        return [CellProblem(row.number, "身份证号", problem)]
    if len(same) > 1:
        problem = _("%(committee)s下有 %(count)s 名团员的身份证号都是「%(number)s」") % {
            "committee": committee.name,
            "count": len(same),
            "number": number,
        }
        return [CellProblem(row.number, "身份证号", problem)]
    name = texts["姓名"]
    if name and name != same[0].name:
        problem = _("「%(name)s」与该身份证号的团员「%(member)s」姓名不一致") % {
            "name": name,
            "member": same[0].name,
        }
        return [CellProblem(row.number, "姓名", problem)]
    return []


def _date_problems(row: SheetRow) -> list[CellProblem]:
    try:
        start = START_COLUMN.parse(row.cells.get("任职日期"))
        end = END_COLUMN.parse(row.cells.get("离任日期"))
    except ValueError:
        return []
    if end is None or end >= start:
        return []
    problem = _("离任日期 %(end)s 早于任职日期 %(start)s") % {"end": end, "start": start}
    return [CellProblem(row.number, "离任日期", problem)]


def office_workbook(appointments: Sequence[Appointment]) -> bytes:
    """The offices (or an empty template) as an .xlsx in the import's columns; each holder is
    a member (``appointment.user.member``)."""
    labels = {role: label for label, role in ROLES.items()}
    return workbook_bytes(
        title="任职",
        headers=OFFICE_HEADERS,
        rows=(
            [
                appointment.org.name,
                labels[appointment.role],
                appointment.user.member.name,
                appointment.user.member.id_number or "",
                appointment.start_date.isoformat(),
                appointment.end_date.isoformat() if appointment.end_date else "",
            ]
            for appointment in appointments
        ),
    )


def offices_held(*, committee: Organization, on: datetime.date) -> list[Appointment]:
    """The offices held on ``on`` in ``committee`` and the units under it by members under it:
    those a sheet can name."""
    return list(
        Appointment.objects.on(on)
        .filter(
            org__path__startswith=committee.path,
            user__member__branch__path__startswith=committee.path,
            user__member__is_active=True,
        )
        .select_related("org", "user__member")
        .order_by("org__path", "role", "start_date", "pk")
    )
