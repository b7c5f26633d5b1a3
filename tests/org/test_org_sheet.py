"""A committee imports its organisation tree: rows in any order, every name resolved in its own
subtree or the sheet, every wrong cell named; all rows or none; the same file again changes
nothing; a unit placed under another parent moves with everything below it."""

import pytest

from tests.factories import MemberFactory, OrganizationFactory
from workflows.audit.models import AuditEvent
from workflows.engine.errors import CaseError, NotAllowed
from workflows.engine.spreadsheets import SheetInvalid
from workflows.org.imports import Outcome
from workflows.org.models import Organization, OrgKind
from workflows.org.org_sheet import org_sheet_rows
from workflows.org.structure_imports import org_move, orgs_import

from .structure_sheets import TREE, org_csv

pytestmark = pytest.mark.django_db


def _import(world, sheet, *, apply, committee=None, by=None):
    return orgs_import(
        committee=committee or world.committee,
        rows=org_sheet_rows(sheet),
        by=by or world.committee_secretary,
        apply=apply,
    )


def test_the_dry_run_says_what_each_row_would_do_and_writes_nothing(world):
    report = _import(world, org_csv(*TREE), apply=False)
    assert [(row.number, row.name, row.outcome) for row in report.rows] == [
        (2, "𠮷祥儿科团支部", Outcome.CREATE),
        (3, "医技团总支", Outcome.CREATE),
        (4, "心内科团支部", Outcome.SAME),
    ]
    assert report.summary() == "新增组织 2 个，更新 0 个，无变化 1 个"
    assert not Organization.objects.filter(name__in=["𠮷祥儿科团支部", "医技团总支"]).exists()


def test_the_import_builds_the_tree_and_the_same_file_again_changes_nothing(world):
    report = _import(world, org_csv(*TREE), apply=True)
    assert report.applied
    general = Organization.objects.get(name="医技团总支")
    child = Organization.objects.get(name="𠮷祥儿科团支部")
    assert (general.parent, general.kind, general.short_name) == (
        world.committee,
        OrgKind.GENERAL_BRANCH,
        "医技",
    )
    assert (general.issuer_mark, general.is_student, general.party_org) == ("卫医团", True, None)
    assert (child.parent, child.kind, child.party_org) == (general, OrgKind.BRANCH, world.party_a)
    assert child.path == f"{world.committee.path}{general.pk}/{child.pk}/"
    event = AuditEvent.objects.get(action="org.import")
    assert (event.org, event.after) == (world.committee, "新增组织 2 个，更新 0 个，无变化 1 个")

    again = _import(world, org_csv(*TREE), apply=True)
    assert again.summary() == "新增组织 0 个，更新 0 个，无变化 3 个"
    assert Organization.objects.filter(name="医技团总支").count() == 1


def test_an_updated_file_moves_a_branch_with_its_members_and_updates_fields(world):
    _import(world, org_csv(*TREE), apply=True)
    moved = "外科团支部,外科,团支部,医技团总支,外科党支部,院团,否"
    report = _import(world, org_csv(*TREE, moved), apply=True)
    assert [(row.name, row.outcome, row.changes) for row in report.rows][-1] == (
        "外科团支部",
        Outcome.UPDATE,
        ("上级组织", "简称"),
    )
    world.branch_b.refresh_from_db()
    general = Organization.objects.get(name="医技团总支")
    assert world.branch_b.parent == general
    assert world.branch_b.path == f"{general.path}{world.branch_b.pk}/"
    assert world.branch_b.short_name == "外科"
    move = AuditEvent.objects.get(action="org.move")
    assert (move.before, move.after) == ("委团委", "医技团总支")


def test_rows_in_any_order_move_a_unit_under_its_former_child(world):
    """委团委 → 甲总支 → 乙总支 becomes 委团委 → 乙总支 → 甲总支 → its branch."""
    first = OrganizationFactory(name="甲总支", kind=OrgKind.GENERAL_BRANCH, parent=world.committee)
    second = OrganizationFactory(name="乙总支", kind=OrgKind.GENERAL_BRANCH, parent=first)
    branch = OrganizationFactory(name="甲支部", parent=first)
    _import(
        world,
        org_csv("甲总支,,团总支,乙总支,,院团,否", "乙总支,,团总支,委团委,,院团,否"),
        apply=True,
    )
    first.refresh_from_db()
    second.refresh_from_db()
    branch.refresh_from_db()
    assert second.path == f"{world.committee.path}{second.pk}/"
    assert first.path == f"{second.path}{first.pk}/"
    assert branch.path == f"{first.path}{branch.pk}/"


def test_every_wrong_cell_is_named_and_nothing_is_applied(world):
    OrganizationFactory(name="重名团支部", parent=world.committee)
    OrganizationFactory(name="重名团支部", parent=world.committee)
    OrganizationFactory(name="同名党支部", kind=OrgKind.PARTY_BRANCH)
    OrganizationFactory(name="同名党支部", kind=OrgKind.PARTY_BRANCH)
    wrong = (
        "新甲支部,,团支部,不存在的总支,,,否",
        "环甲,,团总支,环乙,,,",
        "环乙,,团总支,环甲,,,",
        "新甲支部,,团支部,委团委,,,",
        "重名团支部,,团支部,委团委,,,",
        "新乙支部,,支部,委团委,无此党支部,,也许",
        "新丙支部,,团支部,外科团支部,同名党支部,,",
        "心内科团支部,,团总支,委团委,,,",
        "委团委,,团委,委党委,,,",
    )
    with pytest.raises(SheetInvalid) as refused:
        _import(world, org_csv(*wrong), apply=True)
    assert [str(problem) for problem in refused.value.problems] == [
        "第 2 行「上级组织」：「不存在的总支」不是委团委或其下级组织，表中也没有",
        "第 3 行「上级组织」：上级组织绕成了一圈：环甲 → 环乙 → 环甲",
        "第 4 行「上级组织」：上级组织绕成了一圈：环乙 → 环甲 → 环乙",
        "第 5 行「名称」：与第 2 行的名称相同",
        "第 6 行「名称」：委团委下有 2 个「重名团支部」，请先在组织架构中区分名称",
        "第 7 行「类型」：「支部」应为团委、团总支或团支部",
        "第 7 行「学生团组织」：「也许」应为是或否",
        "第 7 行「对应党组织」：没有名为「无此党支部」的党委或党支部",
        "第 8 行「对应党组织」：有 2 个名为「同名党支部」的党组织，无法确定是哪一个",
        "第 8 行「上级组织」：「外科团支部」是团支部，团支部下不设下级组织",
        "第 9 行「类型」：「心内科团支部」有团员 50 人，团员只能在团支部，不能改为团总支",
        "第 10 行「名称」：「委团委」是导入所在的组织本身，不在表中列出",
        "第 10 行「上级组织」：「委党委」不是委团委或其下级组织，表中也没有",
    ]
    assert not Organization.objects.filter(name__in=["新甲支部", "环甲", "新乙支部"]).exists()


def test_a_unit_with_units_below_cannot_become_a_branch(world):
    general = OrganizationFactory(
        name="丙总支", kind=OrgKind.GENERAL_BRANCH, parent=world.committee
    )
    OrganizationFactory(name="丙支部", parent=general)
    with pytest.raises(SheetInvalid) as refused:
        _import(world, org_csv("丙总支,,团支部,委团委,,,"), apply=False)
    assert [str(p) for p in refused.value.problems] == [
        "第 2 行「类型」：「丙总支」下有「丙支部」，不能改为团支部"
    ]


def test_only_the_committee_leads_may_import(world):
    with pytest.raises(NotAllowed):
        _import(world, org_csv(*TREE), apply=False, by=world.secretary_a)


def test_another_committee_never_reaches_into_this_subtree(world, other_committee):
    """Names resolve only under the importing committee: another one's branch of the same name
    is a new unit of its own, and a parent outside is unknown."""
    report = _import(
        world,
        org_csv("心内科团支部,,团支部,外院团委,,,否"),
        apply=True,
        committee=other_committee,
        by=other_committee.secretary,
    )
    assert [row.outcome for row in report.rows] == [Outcome.CREATE]
    world.branch_a.refresh_from_db()
    assert world.branch_a.parent == world.committee
    assert Organization.objects.filter(name="心内科团支部").count() == 2
    with pytest.raises(SheetInvalid) as refused:
        _import(
            world,
            org_csv("外院新支部,,团支部,委团委,,,否"),
            apply=False,
            committee=other_committee,
            by=other_committee.secretary,
        )
    assert "「委团委」不是外院团委或其下级组织，表中也没有" in refused.value.messages[0]


# org_move: a unit moves with everything below it.
def test_moving_a_unit_rewrites_the_paths_below_it(world):
    first = OrganizationFactory(name="丁总支", kind=OrgKind.GENERAL_BRANCH, parent=world.committee)
    second = OrganizationFactory(name="戊总支", kind=OrgKind.GENERAL_BRANCH, parent=world.committee)
    branch = OrganizationFactory(name="丁支部", parent=first)
    member = MemberFactory(branch=branch, user=None)
    outside = OrganizationFactory(name="丁总支外", parent=world.committee)
    assert org_move(org=first, parent=second, by=world.committee_secretary) == 1
    first.refresh_from_db()
    branch.refresh_from_db()
    outside.refresh_from_db()
    assert first.path == f"{second.path}{first.pk}/"
    assert branch.path == f"{first.path}{branch.pk}/"
    assert outside.path == f"{world.committee.path}{outside.pk}/"
    assert list(second.subtree().order_by("pk")) == [first, second, branch]
    assert member.branch.subtree().get() == branch
    event = AuditEvent.objects.get(action="org.move")
    assert (event.before, event.after, event.data["below"]) == ("委团委", "戊总支", 1)


def test_a_unit_never_moves_under_itself_or_out_of_the_committee(world, other_committee):
    first = OrganizationFactory(name="己总支", kind=OrgKind.GENERAL_BRANCH, parent=world.committee)
    below = OrganizationFactory(name="己支部", parent=first)
    with pytest.raises(CaseError, match="是己总支自身或其下级组织"):
        org_move(org=first, parent=below, by=world.committee_secretary)
    with pytest.raises(NotAllowed):
        org_move(org=first, parent=other_committee, by=world.committee_secretary)
    with pytest.raises(NotAllowed):
        org_move(org=first, parent=other_committee, by=other_committee.secretary)
    with pytest.raises(NotAllowed):
        org_move(org=world.committee, parent=first, by=world.committee_secretary)
    first.refresh_from_db()
    assert first.parent == world.committee
