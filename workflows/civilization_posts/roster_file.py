"""A collective's roster as a spreadsheet (姓名, 性别, 出生日期, 岗位, 职责): read for import (.xlsx
or .csv, through the shared reader), written for download and as the template to fill in."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
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

ROLES = {"号长": "leader", "副号长": "deputy", "成员": "member"}
ROLE_NAMES = {value: key for key, value in ROLES.items()}
# The sheet's header row; the names are the file's format, in Chinese whatever the language.
ROSTER_COLUMNS = (
    TextColumn(name="姓名", max_length=50),
    ChoiceColumn(name="性别", choices=("男", "女")),
    DateColumn(name="出生日期", window=PAST_DATES),
    TextColumn(name="岗位", required=False, max_length=60),
    ChoiceColumn(name="职责", required=False, choices=tuple(ROLES)),
)
HEADERS = tuple(column.name for column in ROSTER_COLUMNS)


@dataclass(frozen=True)
class RosterRow:
    name: str
    gender: str
    birth_date: datetime.date
    post: str
    role: str


def roster_rows(file: IO[bytes]) -> list[SheetRow]:
    """The rows of an uploaded roster (.xlsx or .csv), each cell as it was typed."""
    return spreadsheet_rows(file, columns=ROSTER_COLUMNS)


def roster_parse(rows: Sequence[SheetRow]) -> list[RosterRow]:
    """The people on ``rows``, or SheetInvalid naming every wrong cell by row and column."""
    problems: list[CellProblem] = []
    try:
        values = rows_parse(rows, ROSTER_COLUMNS)
    except SheetInvalid as error:
        problems, values = list(error.problems), []
    problems += _roster_problems(rows)
    if problems:
        raise SheetInvalid(sorted(problems, key=lambda problem: problem.row or 0), list(rows))
    return [
        RosterRow(
            name=value["姓名"],
            gender=value["性别"],
            birth_date=value["出生日期"],
            post=value["岗位"],
            role=ROLES.get(value["职责"], "member"),
        )
        for value in values
    ]


def _roster_problems(rows: Sequence[SheetRow]) -> list[CellProblem]:
    """What no single cell shows: a second 号长, the same person twice."""
    leaders = [row.number for row in rows if cell_text(row.cells.get("职责")) == "号长"]
    problems = []
    if len(leaders) > 1:
        problems += [
            CellProblem(
                number, "职责", _("名册中有 %(count)s 名号长，只能有一名") % {"count": len(leaders)}
            )
            for number in leaders
        ]
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (cell_text(row.cells.get("姓名")), cell_text(row.cells.get("出生日期")))
        if key[0] and key in seen:
            problems.append(
                CellProblem(
                    row.number,
                    "姓名",
                    _("与第 %(other)s 行的姓名和出生日期相同") % {"other": seen[key]},
                )
            )
        seen.setdefault(key, row.number)
    return problems


def roster_workbook(people) -> bytes:
    """The roster (or an empty template) as an .xlsx file."""
    return workbook_bytes(
        title="名册",
        headers=HEADERS,
        rows=(
            [
                person.name,
                person.gender,
                person.birth_date.isoformat(),
                person.post,
                ROLE_NAMES[person.role],
            ]
            for person in people
        ),
    )
