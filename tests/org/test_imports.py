"""A committee imports its members: the dry run names every row's outcome and every wrong cell;
the import applies all rows or none; the same file again changes nothing, an updated one updates
by 身份证号; names outside the BMP survive."""

import io

import pytest

from workflows.audit.models import AuditEvent
from workflows.engine.errors import NotAllowed
from workflows.engine.spreadsheets import SheetInvalid
from workflows.org.identity import id_check_digit
from workflows.org.imports import Outcome, members_import
from workflows.org.member_sheet import HEADERS, member_sheet_rows
from workflows.org.models import Member, PoliticalStatus

pytestmark = pytest.mark.django_db


def _id(birth: str, sequence: str = "002") -> str:
    first17 = f"310101{birth}{sequence}"
    return first17 + id_check_digit(first17)


def _mistyped(number: str) -> str:
    """The number with a wrong check character, as a slip of the finger leaves it."""
    return number[:-1] + ("1" if number[-1] != "1" else "2")


def _sheet(*lines: str) -> io.BytesIO:
    """A CSV as Excel saves it, typed the way people type."""
    text = ",".join(HEADERS) + "\n" + "\n".join(lines) + "\n"
    return io.BytesIO(text.encode("utf-8-sig"))


GOOD = (
    f"吉𠮷婷,女,2000年3月15日,{_id('20000315')},汉族,共青团员,2014/5/4,本科,心内科,,13800000001,"
    "心内科团支部",
    f"王小明,男,1998-7-1,{_id('19980701', '011')},回族,,2012.5.4,硕士研究生,外科,组织委员,,"
    "外科团支部",
)


def _import(world, sheet, *, apply):
    return members_import(
        committee=world.committee,
        rows=member_sheet_rows(sheet),
        by=world.committee_secretary,
        apply=apply,
    )


def test_the_dry_run_says_what_each_row_would_do_and_writes_nothing(world):
    report = _import(world, _sheet(*GOOD), apply=False)
    assert [(row.number, row.name, row.outcome) for row in report.rows] == [
        (2, "吉𠮷婷", Outcome.CREATE),
        (3, "王小明", Outcome.CREATE),
    ]
    assert not report.applied
    assert not Member.objects.filter(name__in=["吉𠮷婷", "王小明"]).exists()


def test_the_import_applies_every_row_and_the_same_file_again_changes_nothing(world):
    report = _import(world, _sheet(*GOOD), apply=True)
    assert report.summary() == "新增 2 人，更新 0 人，无变化 0 人"
    member = Member.objects.get(name="吉𠮷婷")
    assert (member.branch, member.id_number, str(member.league_join_date)) == (
        world.branch_a,
        _id("20000315"),
        "2014-05-04",
    )
    assert Member.objects.get(name="王小明").political_status == PoliticalStatus.LEAGUE_MEMBER
    event = AuditEvent.objects.filter(action="member.import").get()
    assert event.after == "新增 2 人，更新 0 人，无变化 0 人" and event.org == world.committee

    again = _import(world, _sheet(*GOOD), apply=True)
    assert again.summary() == "新增 0 人，更新 0 人，无变化 2 人"
    assert Member.objects.filter(name="吉𠮷婷").count() == 1


def test_an_updated_file_updates_the_member_it_names_by_id_number(world):
    _import(world, _sheet(*GOOD), apply=True)
    moved = GOOD[0].replace("心内科团支部", "外科团支部").replace("13800000001", "13900000002")
    report = _import(world, _sheet(moved, GOOD[1]), apply=True)
    assert [(row.outcome, row.changes) for row in report.rows] == [
        (Outcome.UPDATE, ("手机", "所在团支部")),
        (Outcome.SAME, ()),
    ]
    member = Member.objects.get(name="吉𠮷婷")
    assert (member.branch, member.phone) == (world.branch_b, "13900000002")


def test_every_wrong_cell_is_named_and_nothing_is_applied(world):
    wrong = (
        GOOD[0],
        f"李四,男,1999-1-1,{_mistyped(_id('19990101', '013'))},汉族,,,,,,,心内科团支部",
        f"张三,男,1999-1-2,{_id('19990101', '015')},汉族,,,,,,1380000,儿科团支部",
        f"赵五,女,2000-3-15,{_id('20000315')},汉族,党员,,,,,,心内科团支部",
    )
    with pytest.raises(SheetInvalid) as refused:
        _import(world, _sheet(*wrong), apply=True)
    assert [str(problem) for problem in refused.value.problems] == [
        f"第 3 行「身份证号」：「{_mistyped(_id('19990101', '013'))}」校验位应为 "
        f"{_id('19990101', '013')[-1]}，可能有数字输错",
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
            rows=member_sheet_rows(_sheet(*GOOD)),
            by=world.secretary_a,
            apply=False,
        )
