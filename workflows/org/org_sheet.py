"""A committee's organisation tree as a spreadsheet: one row per 团委, 团总支 or 团支部 under it,
each naming its parent, read for import and written for export.

Organisations are named, not numbered, so a sheet names each one once and every name it uses
must say which organisation it means: a name given twice in the sheet, a name two organisations
in the subtree share, a parent found nowhere, parents that go round in a circle, a party
organisation that does not exist — each is a wrong cell, named by its row and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext as _

from workflows.engine.spreadsheets import (
    CellProblem,
    ChoiceColumn,
    SheetInvalid,
    SheetRow,
    TextColumn,
    cell_text,
    rows_parse,
    spreadsheet_rows,
    workbook_bytes,
)

from .models import PARTY_KIND_VALUES, Member, Organization, OrgKind

# The file's format is Chinese whatever the site's language: the labels' msgids.
with translation.override(None):
    KINDS = {
        str(OrgKind(kind).label): kind
        for kind in (OrgKind.LEAGUE_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH)
    }
YES, NO = "是", "否"

ORG_COLUMNS = (
    TextColumn(name="名称", max_length=120),
    TextColumn(name="简称", required=False, max_length=40),
    ChoiceColumn(name="类型", choices=tuple(KINDS)),
    TextColumn(name="上级组织", max_length=120),
    TextColumn(name="对应党组织", required=False, max_length=120),
    TextColumn(name="发文机关代字", required=False, max_length=20),
    ChoiceColumn(name="学生团组织", required=False, choices=(YES, NO)),
)
ORG_HEADERS = tuple(column.name for column in ORG_COLUMNS)
# The fields of ``Organization`` a row states, beside its name and parent.
ORG_FIELDS = ("short_name", "kind", "party_org", "issuer_mark", "is_student")


@dataclass(frozen=True)
class OrgRow:
    """One organisation as the sheet states it. ``org`` is the organisation of that name in
    the subtree (None: a new one); ``parent`` names its parent, which is ``parent_org`` unless
    that is a new organisation of the same sheet."""

    number: int
    name: str
    short_name: str
    kind: str
    parent: str
    parent_org: Organization | None
    party_org: Organization | None
    issuer_mark: str
    is_student: bool
    org: Organization | None

    def fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ORG_FIELDS}


def org_sheet_rows(file: IO[bytes]) -> list[SheetRow]:
    """The rows of an uploaded organisation sheet (.xlsx or .csv), each cell as typed."""
    return spreadsheet_rows(file, columns=ORG_COLUMNS)


def org_rows_parse(rows: Sequence[SheetRow], *, committee: Organization) -> list[OrgRow]:
    """The organisations on ``rows``, each placed under ``committee`` or under another of them;
    or SheetInvalid naming every wrong cell."""
    problems: list[CellProblem] = []
    try:
        values = rows_parse(rows, ORG_COLUMNS)
    except SheetInvalid as error:
        problems, values = list(error.problems), []
    tree = _Tree(committee, rows)
    problems += tree.problems()
    if problems:
        raise SheetInvalid(sorted(problems, key=lambda problem: problem.row), list(rows))
    return [
        OrgRow(
            number=row.number,
            name=value["名称"],
            short_name=value["简称"],
            kind=KINDS[value["类型"]],
            parent=value["上级组织"],
            parent_org=tree.existing_one(value["上级组织"]),
            party_org=tree.party_one(value["对应党组织"]),
            issuer_mark=value["发文机关代字"],
            is_student=value["学生团组织"] == YES,
            org=tree.existing_one(value["名称"]),
        )
        for row, value in zip(rows, values, strict=True)
    ]


def orgs_by_name(committee: Organization) -> dict[str, list[Organization]]:
    """The organisations of ``committee``'s subtree (itself included) by name."""
    found: dict[str, list[Organization]] = {}
    for org in committee.subtree().select_related("party_org"):
        found.setdefault(org.name, []).append(org)
    return found


def org_name_problem(
    name: str, found: dict[str, list[Organization]], committee: Organization
) -> str | None:
    """Why ``name`` does not say which organisation of the subtree it means, or None."""
    same = found.get(name, [])
    if len(same) == 1:
        return None
    if same:
        return _("%(committee)s下有 %(count)s 个「%(name)s」，请先在组织架构中区分名称") % {
            "committee": committee.name,
            "count": len(same),
            "name": name,
        }
    return _("「%(name)s」不是%(committee)s或其下级组织") % {
        "name": name,
        "committee": committee.name,
    }


class _Tree:
    """The subtree as the sheet would leave it, to check what each row names."""

    def __init__(self, committee: Organization, rows: Sequence[SheetRow]):
        self.committee = committee
        self.rows = rows
        self.existing = orgs_by_name(committee)
        self.by_pk = {org.pk: org for same in self.existing.values() for org in same}
        self.sheet: dict[str, SheetRow] = {}
        for row in rows:
            self.sheet.setdefault(cell_text(row.cells.get("名称")), row)
        party_names = {cell_text(row.cells.get("对应党组织")) for row in rows} - {""}
        self.party: dict[str, list[Organization]] = {}
        for org in Organization.objects.filter(kind__in=PARTY_KIND_VALUES, name__in=party_names):
            self.party.setdefault(org.name, []).append(org)

    def existing_one(self, name: str) -> Organization | None:
        same = self.existing.get(name, [])
        return same[0] if len(same) == 1 else None

    def party_one(self, name: str) -> Organization | None:
        return self.party[name][0] if name else None

    def problems(self) -> list[CellProblem]:
        problems = []
        for row in self.rows:
            problems += self._name_problems(row)
            problems += self._parent_problems(row)
            problems += self._party_problems(row)
        problems += self._circles()
        problems += self._branch_problems()
        return problems

    def _name_problems(self, row: SheetRow) -> list[CellProblem]:
        name = cell_text(row.cells.get("名称"))
        if not name:
            return []
        first = self.sheet[name]
        if first is not row:
            message = _("与第 %(other)s 行的名称相同") % {"other": first.number}
        elif name == self.committee.name:
            message = _("「%(name)s」是导入所在的组织本身，不在表中列出") % {"name": name}
        elif len(self.existing.get(name, [])) > 1:
            message = org_name_problem(name, self.existing, self.committee)
        else:
            return []
        return [CellProblem(row.number, "名称", message)]

    def _parent_problems(self, row: SheetRow) -> list[CellProblem]:
        parent = cell_text(row.cells.get("上级组织"))
        if not parent or parent in self.sheet:
            return []
        if parent in self.existing:
            message = org_name_problem(parent, self.existing, self.committee)
            if message is None:
                return []
        else:
            message = _("「%(name)s」不是%(committee)s或其下级组织，表中也没有") % {
                "name": parent,
                "committee": self.committee.name,
            }
        return [CellProblem(row.number, "上级组织", message)]

    def _party_problems(self, row: SheetRow) -> list[CellProblem]:
        name = cell_text(row.cells.get("对应党组织"))
        if not name or len(self.party.get(name, [])) == 1:
            return []
        if name in self.party:
            message = _("有 %(count)s 个名为「%(name)s」的党组织，无法确定是哪一个") % {
                "count": len(self.party[name]),
                "name": name,
            }
        else:
            message = _("没有名为「%(name)s」的党委或党支部") % {"name": name}
        return [CellProblem(row.number, "对应党组织", message)]

    # The tree after the import: a node is a sheet row (by name) or an organisation the sheet
    # leaves as it is (by pk); the committee is the root.
    def _node(self, org: Organization) -> tuple[str, Any]:
        return ("row", org.name) if org.name in self.sheet else ("org", org.pk)

    def _parent_node(self, node: tuple[str, Any]) -> tuple[str, Any] | None:
        kind, key = node
        if kind == "org":
            org = self.by_pk[key]
            if org.pk == self.committee.pk or org.parent_id not in self.by_pk:
                return None
            return self._node(self.by_pk[org.parent_id])
        parent = cell_text(self.sheet[key].cells.get("上级组织"))
        if parent in self.sheet:
            return ("row", parent)
        org = self.existing_one(parent)
        return self._node(org) if org is not None else None

    def _kind(self, node: tuple[str, Any]) -> str | None:
        kind, key = node
        if kind == "org":
            return self.by_pk[key].kind
        return KINDS.get(cell_text(self.sheet[key].cells.get("类型")))

    def _circles(self) -> list[CellProblem]:
        problems = []
        for name, row in self.sheet.items():
            start = ("row", name)
            path, node = [start], self._parent_node(start)
            while node is not None and node not in path:
                path.append(node)
                node = self._parent_node(node)
            if node == start:
                circle = " → ".join(self._name(step) for step in [*path, start])
                problems.append(
                    CellProblem(
                        row.number,
                        "上级组织",
                        _("上级组织绕成了一圈：%(circle)s") % {"circle": circle},
                    )
                )
        return problems

    def _branch_problems(self) -> list[CellProblem]:
        """A 团支部 has no units below it, and its members stay in a 团支部."""
        problems = []
        nodes = [("row", name) for name in self.sheet] + [
            ("org", pk) for pk, org in self.by_pk.items() if org.name not in self.sheet
        ]
        for node in nodes:
            parent = self._parent_node(node)
            if parent is None or self._kind(parent) != OrgKind.BRANCH:
                continue
            if node[0] == "row":
                problems.append(
                    CellProblem(
                        self.sheet[node[1]].number,
                        "上级组织",
                        _("「%(name)s」是团支部，团支部下不设下级组织")
                        % {"name": self._name(parent)},
                    )
                )
            elif parent[0] == "row":
                problems.append(
                    CellProblem(
                        self.sheet[parent[1]].number,
                        "类型",
                        _("「%(name)s」下有「%(child)s」，不能改为团支部")
                        % {"name": parent[1], "child": self.by_pk[node[1]].name},
                    )
                )
        problems += self._members_kept_in_branches()
        return problems

    def _name(self, node: tuple[str, Any]) -> str:
        return node[1] if node[0] == "row" else self.by_pk[node[1]].name

    def _members_kept_in_branches(self) -> list[CellProblem]:
        branches = {
            org.pk: row
            for name, row in self.sheet.items()
            if (org := self.existing_one(name)) is not None
            and org.kind == OrgKind.BRANCH
            and self._kind(("row", name)) not in (None, OrgKind.BRANCH)
        }
        counts = (
            Member.objects.filter(branch__in=list(branches), is_active=True)
            .values_list("branch_id")
            .annotate(count=Count("pk"))
            .order_by("branch_id")
        )
        return [
            CellProblem(
                branches[branch_id].number,
                "类型",
                _("「%(name)s」有团员 %(count)s 人，团员只能在团支部，不能改为%(kind)s")
                % {
                    "name": self.by_pk[branch_id].name,
                    "count": count,
                    "kind": cell_text(branches[branch_id].cells.get("类型")),
                },
            )
            for branch_id, count in counts
        ]


def org_workbook(orgs: Sequence[Organization]) -> bytes:
    """The organisations (or an empty template) as an .xlsx in the import's columns."""
    labels = {kind: label for label, kind in KINDS.items()}
    return workbook_bytes(
        title="组织架构",
        headers=ORG_HEADERS,
        rows=(
            [
                org.name,
                org.short_name,
                labels[org.kind],
                org.parent.name,
                org.party_org.name if org.party_org else "",
                org.issuer_mark,
                YES if org.is_student else NO,
            ]
            for org in orgs
        ),
    )


def orgs_below(*, committee: Organization) -> list[Organization]:
    """The units under ``committee`` (not itself), parents first: its tree as a sheet lists it."""
    return list(committee.subtree().exclude(pk=committee.pk).select_related("parent", "party_org"))
