"""The member list as a spreadsheet: the columns a committee fills in (its own sheet, or the
national system's export copied into them), read for import and written for export.

Every wrong cell is named by its row and column, all at once: a 身份证号 that fails its checksum,
a birth date that is not the one inside it, a branch that is not under the committee, the same
person twice.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import IO

from django.utils.translation import gettext as _

from workflows.engine.bounds import PAST_DATES
from workflows.engine.spreadsheets import (
    CellProblem,
    ChoiceColumn,
    DateColumn,
    SheetInvalid,
    SheetRow,
    TextColumn,
    cell_text,
    rows_parse,
    spreadsheet_rows,
    workbook_bytes,
)

from .identity import id_birth_date, id_number_clean, id_number_problem
from .models import Organization, OrgKind, PoliticalStatus

POLITICAL = {str(label): value for value, label in PoliticalStatus.choices}
_PHONE = re.compile(r"^1\d{10}$")

BIRTH_COLUMN = DateColumn(name="出生日期", window=PAST_DATES)
# The header row; the names are the file's format, in Chinese whatever the site's language.
MEMBER_COLUMNS = (
    TextColumn(name="姓名", max_length=50),
    ChoiceColumn(name="性别", choices=("男", "女")),
    BIRTH_COLUMN,
    TextColumn(name="身份证号", max_length=30),
    TextColumn(name="民族", required=False, max_length=20),
    ChoiceColumn(name="政治面貌", required=False, choices=tuple(POLITICAL)),
    DateColumn(name="入团时间", required=False, window=PAST_DATES),
    TextColumn(name="文化程度", required=False, max_length=20),
    TextColumn(name="单位/科室", required=False, max_length=120),
    TextColumn(name="团内职务", required=False, max_length=60),
    TextColumn(name="手机", required=False, max_length=20),
    TextColumn(name="所在团支部", max_length=120),
    DateColumn(name="入党申请书递交日期", required=False, window=PAST_DATES),
)
HEADERS = tuple(column.name for column in MEMBER_COLUMNS)


@dataclass(frozen=True)
class MemberRow:
    """One member as the sheet states them, in the fields of ``Member``."""

    number: int
    id_number: str
    name: str
    gender: str
    birth_date: datetime.date
    ethnicity: str
    political_status: str
    league_join_date: datetime.date | None
    education: str
    department: str
    league_post: str
    phone: str
    branch: Organization
    party_application_date: datetime.date | None

    def fields(self) -> dict:
        """The values of ``Member``'s fields the row states (all but its number and 身份证号)."""
        return {name: getattr(self, name) for name in MEMBER_FIELDS}


MEMBER_FIELDS = tuple(
    field.name for field in dataclass_fields(MemberRow) if field.name not in ("number", "id_number")
)


def member_sheet_rows(file: IO[bytes]) -> list[SheetRow]:
    """The rows of an uploaded member list (.xlsx or .csv), each cell as it was typed."""
    return spreadsheet_rows(file, columns=MEMBER_COLUMNS)


def member_rows_parse(rows: Sequence[SheetRow], *, committee: Organization) -> list[MemberRow]:
    """The members on ``rows``, each in a branch under ``committee``; or SheetInvalid naming
    every wrong cell."""
    problems: list[CellProblem] = []
    try:
        values = rows_parse(rows, MEMBER_COLUMNS)
    except SheetInvalid as error:
        problems, values = list(error.problems), []
    branches = _branches_by_name(committee)
    problems += _row_problems(rows, branches=branches, committee=committee)
    if problems:
        raise SheetInvalid(sorted(problems, key=lambda problem: problem.row or 0), list(rows))
    return [
        MemberRow(
            number=row.number,
            id_number=id_number_clean(value["身份证号"]),
            branch=branches[value["所在团支部"]][0],
            name=value["姓名"],
            gender=value["性别"],
            birth_date=value["出生日期"],
            ethnicity=value["民族"] or "汉族",
            political_status=POLITICAL.get(value["政治面貌"], PoliticalStatus.LEAGUE_MEMBER),
            league_join_date=value["入团时间"],
            education=value["文化程度"],
            department=value["单位/科室"],
            league_post=value["团内职务"],
            phone=value["手机"],
            party_application_date=value["入党申请书递交日期"],
        )
        for row, value in zip(rows, values, strict=True)
    ]


def _branches_by_name(committee: Organization) -> dict[str, list[Organization]]:
    found: dict[str, list[Organization]] = {}
    for branch in committee.subtree().filter(kind=OrgKind.BRANCH):
        found.setdefault(branch.name, []).append(branch)
    return found


def _row_problems(
    rows: Sequence[SheetRow], *, branches: dict[str, list[Organization]], committee: Organization
) -> list[CellProblem]:
    """What the columns alone do not show: the number's checksum and the birth date inside it,
    the branch, the phone, the same number twice."""
    problems = []
    seen: dict[str, int] = {}
    for row in rows:
        typed = cell_text(row.cells.get("身份证号"))
        number = id_number_clean(typed)
        if number:
            problem = id_number_problem(number)
            if problem:
                problems.append(CellProblem(row.number, "身份证号", problem))
            elif number in seen:
                problems.append(
                    CellProblem(
                        row.number,
                        "身份证号",
                        _("与第 %(other)s 行的身份证号相同") % {"other": seen[number]},
                    )
                )
            else:
                problems += _birth_problems(row, number)
            seen.setdefault(number, row.number)
        branch = cell_text(row.cells.get("所在团支部"))
        if branch and len(branches.get(branch, [])) != 1:
            problems.append(
                CellProblem(row.number, "所在团支部", _branch_problem(branch, branches, committee))
            )
        phone = cell_text(row.cells.get("手机"))
        if phone and not _PHONE.match(phone):
            problems.append(
                CellProblem(
                    row.number, "手机", _("「%(value)s」应为 11 位手机号") % {"value": phone}
                )
            )
    return problems


def _birth_problems(row: SheetRow, number: str) -> list[CellProblem]:
    typed = row.cells.get("出生日期")
    stated = id_birth_date(number)
    try:
        birth = BIRTH_COLUMN.parse(typed)
    except ValueError:
        return []
    if birth == stated:
        return []
    return [
        CellProblem(
            row.number,
            "出生日期",
            _("%(birth)s 与身份证号中的出生日期 %(stated)s 不一致")
            % {"birth": birth, "stated": stated},
        )
    ]


def _branch_problem(
    name: str, branches: dict[str, list[Organization]], committee: Organization
) -> str:
    same = branches.get(name, [])
    if not same:
        return _("「%(name)s」不是%(committee)s下的团支部") % {
            "name": name,
            "committee": committee.name,
        }
    return _("%(committee)s下有 %(count)s 个「%(name)s」，请先在组织架构中区分名称") % {
        "committee": committee.name,
        "count": len(same),
        "name": name,
    }


def member_workbook(members) -> bytes:
    """The members (or an empty template) as an .xlsx in the import's columns."""
    political = {value: label for label, value in POLITICAL.items()}
    return workbook_bytes(
        title="团员",
        headers=HEADERS,
        rows=(
            [
                member.name,
                member.gender,
                member.birth_date.isoformat(),
                member.id_number or "",
                member.ethnicity,
                political.get(member.political_status, ""),
                member.league_join_date.isoformat() if member.league_join_date else "",
                member.education,
                member.department,
                member.league_post,
                member.phone,
                member.branch.name,
                member.party_application_date.isoformat() if member.party_application_date else "",
            ]
            for member in members
        ),
    )
