"""A committee imports its office holders: each a member under it, named by 身份证号 and name;
every wrong cell named; all rows or none, each office started or ended audited; a holder
without a login gets one; the same file again changes nothing, an end date updates."""

import datetime

import pytest
from django.contrib.auth import authenticate

from tests.factories import MemberFactory, OrganizationFactory, UserFactory
from workflows.audit.models import AuditEvent
from workflows.engine.errors import NotAllowed
from workflows.engine.spreadsheets import SheetInvalid
from workflows.org.imports import Outcome
from workflows.org.models import Appointment, Role
from workflows.org.office_sheet import office_sheet_rows
from workflows.org.selectors import password_change_required
from workflows.org.structure_imports import offices_import

from .member_sheets import mistyped, person_id
from .structure_sheets import office_csv

pytestmark = pytest.mark.django_db

JI = person_id("20000315")
WANG = person_id("19980701", "011")
TWICE = person_id("19950101", "021")
ROWS = (
    f"心内科团支部,书记,吉𠮷婷,{JI},2026年1月5日,",
    f"委团委,委员,王小明,{WANG[:6]} {WANG[6:]},2025-1-1,",
)


@pytest.fixture
def holders(world):
    ji = MemberFactory(
        branch=world.branch_a, user=None, name="吉𠮷婷", id_number=JI, phone="13800000001"
    )
    user = UserFactory(username="wxm", first_name="王小明")
    wang = MemberFactory(branch=world.branch_b, user=user, name="王小明", id_number=WANG)
    return ji, wang


def _import(world, sheet, *, apply, by=None):
    return offices_import(
        committee=world.committee,
        rows=office_sheet_rows(sheet),
        by=by or world.committee_secretary,
        apply=apply,
    )


def test_the_dry_run_says_what_each_row_would_do_and_writes_nothing(world, holders):
    ji, _wang = holders
    report = _import(world, office_csv(*ROWS), apply=False)
    assert [(row.number, row.name, row.outcome) for row in report.rows] == [
        (2, "吉𠮷婷（心内科团支部 书记）", Outcome.CREATE),
        (3, "王小明（委团委 委员）", Outcome.CREATE),
    ]
    assert report.summary() == "新增任职 2 项，更新 0 项，无变化 0 项；为 1 名任职人开通账号"
    ji.refresh_from_db()
    assert ji.user is None and not Appointment.objects.filter(user__username="wxm").exists()


def test_the_import_appoints_opens_logins_and_the_same_file_again_changes_nothing(world, holders):
    report = _import(world, office_csv(*ROWS), apply=True)
    ji, wang = holders
    ji.refresh_from_db()
    (account,) = report.opened
    assert (account.member, account.username) == (ji, "13800000001")
    user = authenticate(username="13800000001", password=account.password)
    assert user == ji.user and password_change_required(user)
    appointment = Appointment.objects.get(user=ji.user)
    assert (appointment.org, appointment.role, appointment.start_date) == (
        world.branch_a,
        Role.SECRETARY,
        datetime.date(2026, 1, 5),
    )
    assert Appointment.objects.get(user=wang.user).org == world.committee
    starts = AuditEvent.objects.filter(action="appointment.start").order_by("pk")
    assert [(event.org, event.after) for event in starts] == [
        (world.branch_a, "吉𠮷婷 书记（2026-01-05 起）"),
        (world.committee, "王小明 委员（2025-01-01 起）"),
    ]
    assert AuditEvent.objects.filter(action="account.open", org=world.committee).exists()
    assert AuditEvent.objects.get(action="appointment.import").data["logins"] == 1

    again = _import(world, office_csv(*ROWS), apply=True)
    assert again.summary() == "新增任职 0 项，更新 0 项，无变化 2 项"
    assert again.opened == [] and Appointment.objects.filter(user=ji.user).count() == 1


def test_an_end_date_updates_the_office_and_is_audited(world, holders):
    _import(world, office_csv(*ROWS), apply=True)
    ended = ROWS[0].rstrip(",") + ",2026-06-30"
    report = _import(world, office_csv(ended, ROWS[1]), apply=True)
    assert [(row.outcome, row.changes) for row in report.rows] == [
        (Outcome.UPDATE, ("离任日期",)),
        (Outcome.SAME, ()),
    ]
    ji, _wang = holders
    ji.refresh_from_db()
    assert Appointment.objects.get(user=ji.user).end_date == datetime.date(2026, 6, 30)
    event = AuditEvent.objects.get(action="appointment.end")
    assert (event.org, event.before, event.after) == (
        world.branch_a,
        "吉𠮷婷 书记",
        "2026-06-30",
    )


def test_every_wrong_cell_is_named_and_nothing_is_applied(world, holders, other_committee):
    MemberFactory(
        branch=other_committee.children.get(), name="外院团员", id_number=person_id("19990101")
    )
    wrong = (
        ROWS[0],
        f"儿科团支部,书记,王小明,{WANG},2026-1-1,",
        f"外科团支部,宣传委员,王小明,{WANG},2026-1-1,",
        f"外科团支部,书记,王晓明,{WANG},2026-1-1,",
        f"外科团支部,副书记,王小明,{WANG},2026-1-1,2025-12-31",
        f"外科团支部,书记,王小明,{mistyped(WANG)},2026-1-1,",
        f"外科团支部,委员,外院团员,{person_id('19990101')},2026-1-1,",
        f"外科团支部,委员,吉𠮷,{TWICE},2026-1-1,",
        f"心内科团支部,书记,吉𠮷婷,{JI},2026/01/05,",
    )
    for branch in (world.branch_a, world.branch_b):
        MemberFactory(branch=branch, name="吉𠮷", id_number=TWICE)
    with pytest.raises(SheetInvalid) as refused:
        _import(world, office_csv(*wrong), apply=True)
    assert [str(problem) for problem in refused.value.problems] == [
        "第 3 行「组织」：「儿科团支部」不是委团委或其下级组织",
        "第 4 行「职务」：「宣传委员」应为书记、副书记、组织委员、委员或纪检/审计",
        "第 5 行「姓名」：「王晓明」与该身份证号的团员「王小明」姓名不一致",
        "第 6 行「离任日期」：离任日期 2025-12-31 早于任职日期 2026-01-01",
        f"第 7 行「身份证号」：「{mistyped(WANG)}」校验位应为 {WANG[-1]}，可能有数字输错",
        f"第 8 行「身份证号」：身份证号为「{person_id('19990101')}」的人不是委团委下在册的团员",
        f"第 9 行「身份证号」：委团委下有 2 名团员的身份证号都是「{TWICE}」",
        "第 10 行：与第 2 行是同一任职",
    ]
    assert not Appointment.objects.filter(start_date=datetime.date(2026, 1, 1)).exists()
    ji, _wang = holders
    ji.refresh_from_db()
    assert ji.user is None


def test_only_the_committee_leads_may_import(world, holders, other_committee):
    with pytest.raises(NotAllowed):
        _import(world, office_csv(*ROWS), apply=False, by=world.secretary_a)
    with pytest.raises(NotAllowed):
        _import(world, office_csv(*ROWS), apply=True, by=other_committee.secretary)
    assert not Appointment.objects.filter(user__username="wxm").exists()


def test_a_general_branch_imports_only_within_its_own_subtree(world, holders):
    general = OrganizationFactory(name="庚总支", kind="general_branch", parent=world.committee)
    OrganizationFactory(name="庚支部", parent=general)
    leader = UserFactory(username="geng")
    Appointment.objects.create(
        user=leader, org=general, role=Role.SECRETARY, start_date=datetime.date(2020, 1, 1)
    )
    with pytest.raises(SheetInvalid) as refused:
        offices_import(
            committee=general, rows=office_sheet_rows(office_csv(ROWS[0])), by=leader, apply=False
        )
    assert [str(problem) for problem in refused.value.problems] == [
        "第 2 行「组织」：「心内科团支部」不是庚总支或其下级组织",
        f"第 2 行「身份证号」：身份证号为「{JI}」的人不是庚总支下在册的团员",
    ]
