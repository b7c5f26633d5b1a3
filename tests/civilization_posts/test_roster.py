"""Collectives and their rosters: registering, one person at a time, an Excel sheet in and
out, review groups — and who may change them."""

import datetime
import io

import pytest
from openpyxl import Workbook

from tests.factories import OrganizationFactory
from workflows.audit.models import AuditEvent
from workflows.civilization_posts import roster
from workflows.civilization_posts.models import Collective, CollectiveMember
from workflows.civilization_posts.roster_file import roster_read, roster_workbook
from workflows.engine.errors import CaseError, NotAllowed
from workflows.org.models import OrgKind


def _sheet(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "出生日期", "岗位", "职责"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_register_a_collective_in_ones_own_unit(post_world):
    w = post_world
    collective = roster.collective_register(
        org=w.branch_a, name="门诊导医班组", kind="team", by=w.secretary_a
    )
    assert collective.org_path == w.branch_a.path
    assert AuditEvent.objects.filter(action="collective.register", after="门诊导医班组").exists()
    with pytest.raises(NotAllowed):
        roster.collective_register(org=w.branch_a, name="外来班组", kind="team", by=w.secretary_b)
    with pytest.raises(CaseError, match="已有名为「门诊导医班组」的集体"):
        roster.collective_register(
            org=w.branch_a, name="门诊导医班组", kind="team", by=w.committee_secretary
        )


def test_one_leader_at_a_time(post_world):
    w = post_world
    with pytest.raises(CaseError, match="急诊科已有号长"):
        roster.person_add(
            collective=w.er,
            name="吉𠮷",
            gender="女",
            birth_date=datetime.date(1990, 1, 1),
            post="护士长",
            role="leader",
            by=w.secretary_a,
        )
    person = roster.person_add(
        collective=w.er,
        name="吉𠮷",
        gender="女",
        birth_date=datetime.date(1990, 1, 1),
        post="护士",
        role="member",
        by=w.secretary_a,
    )
    assert person in w.er.roster()
    roster.person_remove(person=person, by=w.secretary_a)
    assert person not in w.er.roster()
    assert CollectiveMember.objects.filter(pk=person.pk, is_active=False).exists()


def test_an_excel_roster_replaces_the_old_one_and_keeps_accounts(post_world):
    w = post_world
    leader = w.er.leader
    content = _sheet(
        (leader.name, "女", leader.birth_date, "护士长", "号长"),
        ("吉𠮷", "女", "1996-05-04", "护士", "成员"),
        *[(f"新成员{n}", "男", f"199{n}-01-02", "医师", "") for n in range(5)],
    )
    rows = roster_read(content)
    assert len(rows) == 7 and rows[1].name == "吉𠮷" and rows[2].role == "member"
    assert roster.roster_replace(collective=w.er, rows=rows, by=w.secretary_a) == 7
    people = w.er.roster()
    assert len(people) == 7
    assert w.er.leader.user == leader.user  # the 号长 keeps her account
    back = roster_read(roster_workbook(people))
    assert [r.name for r in back] == [p.name for p in people]


def test_every_wrong_cell_is_named_by_row():
    content = _sheet(
        ("", "女", "1990-01-01", "", ""),
        ("张三", "男的", "1990/13/01", "", "队长"),
        ("李四", "女", "1991.2.3", "", "号长"),
        ("王五", "女", "1992-02-03", "", "号长"),
    )
    with pytest.raises(CaseError) as refused:
        roster_read(content)
    assert refused.value.messages == [
        "第 2 行：缺少姓名",
        "第 3 行：性别「男的」应为男或女",
        "第 3 行：出生日期「1990/13/01」无法识别（应为 1990-05-04）",
        "第 3 行：职责「队长」应为号长、副号长或成员",
    ]


def test_two_leaders_and_a_wrong_header_are_refused():
    with pytest.raises(CaseError, match="名册中有 2 名号长"):
        roster_read(
            _sheet(("甲", "女", "1990-01-01", "", "号长"), ("乙", "男", "1990-01-01", "", "号长"))
        )
    with pytest.raises(CaseError, match="名册第一行应为"):
        book = Workbook()
        book.active.append(["name"])
        buffer = io.BytesIO()
        book.save(buffer)
        roster_read(buffer.getvalue())
    with pytest.raises(CaseError, match=r"请上传 \.xlsx 格式"):
        roster_read(b"not a workbook")


def test_groups_belong_to_the_committee(post_world):
    w = post_world
    group = roster.group_create(
        committee=w.committee, name="第二小组", division="医院大组", by=w.committee_secretary
    )
    with pytest.raises(NotAllowed):
        roster.group_create(committee=w.committee, name="第三小组", division="", by=w.secretary_a)
    roster.collective_group_set(collective=w.er, group=group, by=w.committee_secretary)
    w.er.refresh_from_db()
    assert w.er.group == group
    elsewhere = OrganizationFactory(name="外单位团委", kind=OrgKind.LEAGUE_COMMITTEE)
    stranger = Collective.objects.create(name="外单位科室", kind="department", org=elsewhere)
    with pytest.raises(CaseError, match="外单位科室不在委团委范围内"):
        roster.collective_group_set(collective=stranger, group=group, by=w.committee_secretary)
