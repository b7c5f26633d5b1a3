"""A committee imports its members: the dry run names every row's outcome and every wrong cell;
the import applies all rows or none; the same file again changes nothing, an updated one updates
by 身份证号; names outside the BMP survive."""

import pytest

from workflows.audit.models import AuditEvent
from workflows.engine.errors import NotAllowed
from workflows.engine.spreadsheets import SheetInvalid
from workflows.org.imports import Outcome, members_import
from workflows.org.member_sheet import member_sheet_rows
from workflows.org.models import Member, PoliticalStatus

from .member_sheets import GOOD, csv_sheet, mistyped, person_id

pytestmark = pytest.mark.django_db


def _import(world, sheet, *, apply):
    return members_import(
        committee=world.committee,
        rows=member_sheet_rows(sheet),
        by=world.committee_secretary,
        apply=apply,
    )


def test_the_dry_run_says_what_each_row_would_do_and_writes_nothing(world):
    report = _import(world, csv_sheet(*GOOD), apply=False)
    assert [(row.number, row.name, row.outcome) for row in report.rows] == [
        (2, "吉𠮷婷", Outcome.CREATE),
        (3, "王小明", Outcome.CREATE),
    ]
    assert not report.applied
    assert not Member.objects.filter(name__in=["吉𠮷婷", "王小明"]).exists()


def test_the_import_applies_every_row_and_the_same_file_again_changes_nothing(world):
    report = _import(world, csv_sheet(*GOOD), apply=True)
    assert report.summary() == "新增 2 人，更新 0 人，无变化 0 人"
    member = Member.objects.get(name="吉𠮷婷")
    assert (member.branch, member.id_number, str(member.league_join_date)) == (
        world.branch_a,
        person_id("20000315"),
        "2014-05-04",
    )
    assert Member.objects.get(name="王小明").political_status == PoliticalStatus.LEAGUE_MEMBER
    event = AuditEvent.objects.filter(action="member.import").get()
    assert event.after == "新增 2 人，更新 0 人，无变化 0 人" and event.org == world.committee

    again = _import(world, csv_sheet(*GOOD), apply=True)
    assert again.summary() == "新增 0 人，更新 0 人，无变化 2 人"
    assert Member.objects.filter(name="吉𠮷婷").count() == 1


def test_an_updated_file_updates_the_member_it_names_by_id_number(world):
    _import(world, csv_sheet(*GOOD), apply=True)
    moved = GOOD[0].replace("心内科团支部", "外科团支部").replace("13800000001", "13900000002")
    report = _import(world, csv_sheet(moved, GOOD[1]), apply=True)
    assert [(row.outcome, row.changes) for row in report.rows] == [
        (Outcome.UPDATE, ("手机", "所在团支部")),
        (Outcome.SAME, ()),
    ]
    member = Member.objects.get(name="吉𠮷婷")
    assert (member.branch, member.phone) == (world.branch_b, "13900000002")


def test_every_wrong_cell_is_named_and_nothing_is_applied(world):
    wrong = (
        GOOD[0],
        f"李四,男,1999-1-1,{mistyped(person_id('19990101', '013'))},汉族,,,,,,,心内科团支部",
        f"张三,男,1999-1-2,{person_id('19990101', '015')},汉族,,,,,,1380000,儿科团支部",
        f"赵五,女,2000-3-15,{person_id('20000315')},汉族,党员,,,,,,心内科团支部",
    )
    with pytest.raises(SheetInvalid) as refused:
        _import(world, csv_sheet(*wrong), apply=True)
    assert [str(problem) for problem in refused.value.problems] == [
        f"第 3 行「身份证号」：「{mistyped(person_id('19990101', '013'))}」校验位应为 "
        f"{person_id('19990101', '013')[-1]}，可能有数字输错",
        "第 4 行「出生日期」：1999-01-02 与身份证号中的出生日期 1999-01-01 不一致",
        "第 4 行「所在团支部」：「儿科团支部」不是委团委下的团支部",
        "第 4 行「手机」：「1380000」应为 11 位手机号",
        "第 5 行「政治面貌」：「党员」应为共青团员、中共预备党员、中共党员或群众",
        "第 5 行「身份证号」：与第 2 行的身份证号相同",
    ]
    assert not Member.objects.filter(name__in=["吉𠮷婷", "李四", "张三", "赵五"]).exists()


def test_only_the_committee_leads_may_import(world):
    with pytest.raises(NotAllowed):
        members_import(
            committee=world.committee,
            rows=member_sheet_rows(csv_sheet(*GOOD)),
            by=world.secretary_a,
            apply=False,
        )
