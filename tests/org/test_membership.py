"""A committee keeps its members' records: 入团, edits, transfers both sides see, 超龄离团 by the
rulebook age, 留团察看 and its end; each checked against the writer's subtree and audited."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import AppointmentFactory, MemberFactory, RulebookFactory
from workflows.audit.models import AuditEvent
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation, StaleTask
from workflows.org.membership import (
    member_join,
    member_leave,
    member_probation_end,
    member_probation_start,
    member_transfer_cancel,
    member_transfer_decide,
    member_transfer_request,
    member_update,
    months_after,
)
from workflows.org.models import LeaveReason, Member, Role, Standing, TransferStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _years_ago(years: int, days: int = 0) -> datetime.date:
    return TODAY().replace(year=TODAY().year - years) - datetime.timedelta(days=days)


def test_a_branch_secretary_records_a_new_member_who_joined_at_an_allowed_age(world):
    member = Member(
        name="吉𠮷新",
        gender="女",
        birth_date=_years_ago(17),
        league_join_date=TODAY(),
        branch=world.branch_a,
        id_number="",
    )
    member_join(member=member, by=world.secretary_a)
    assert Member.objects.get(pk=member.pk).name == "吉𠮷新"
    event = AuditEvent.objects.get(action="member.join")
    assert event.org == world.branch_a and "吉𠮷新" in event.after


def test_joining_outside_the_age_range_names_the_ages(world):
    member = Member(
        name="年长",
        gender="男",
        birth_date=_years_ago(30),
        league_join_date=TODAY(),
        branch=world.branch_a,
    )
    with pytest.raises(RuleViolation, match="入团时 30 周岁：入团年龄须满 14 周岁、未满 28 周岁"):
        member_join(member=member, by=world.secretary_a)


def test_another_branchs_secretary_cannot_record_or_edit(world):
    member = Member(
        name="甲",
        gender="男",
        birth_date=_years_ago(20),
        league_join_date=TODAY(),
        branch=world.branch_a,
    )
    with pytest.raises(NotAllowed):
        member_join(member=member, by=world.secretary_b)
    applicant = world.applicant
    applicant.phone = "13900000000"
    with pytest.raises(NotAllowed):
        member_update(member=applicant, changed=["phone"], by=world.secretary_b)


def test_an_edit_is_saved_and_its_fields_named_without_their_values(world):
    applicant = world.applicant
    applicant.id_number = "11010120000315002X"
    applicant.phone = "13911112222"
    with pytest.raises(CaseError, match="校验"):
        member_update(member=applicant, changed=["id_number", "phone"], by=world.reviewer_1)
    applicant.id_number = "110101200003150041"
    member_update(member=applicant, changed=["id_number", "phone"], by=world.reviewer_1)
    applicant.refresh_from_db()
    assert applicant.phone == "13911112222"
    event = AuditEvent.objects.get(action="member.update")
    assert event.after == "身份证号、手机" and "110101200003150041" not in str(event.data)


def test_a_transfer_moves_the_member_only_when_the_other_side_accepts(world):
    member = world.members_a[0]
    transfer = member_transfer_request(
        member=member, to_branch=world.branch_b, reason="调至外科工作", by=world.secretary_a
    )
    member.refresh_from_db()
    assert member.branch == world.branch_a and transfer.status == TransferStatus.PENDING
    with pytest.raises(CaseError, match="已有待接收的转接（转入外科团支部）"):
        member_transfer_request(
            member=member, to_branch=world.branch_b, reason="重复", by=world.secretary_a
        )
    with pytest.raises(NotAllowed):
        member_transfer_decide(transfer=transfer, accept=True, note="", by=world.secretary_a)
    member_transfer_decide(transfer=transfer, accept=True, note="欢迎", by=world.secretary_b)
    member.refresh_from_db()
    assert member.branch == world.branch_b
    with pytest.raises(StaleTask, match=r"该转接已由 孙支书 于 .* 办理（已接收）"):
        member_transfer_decide(transfer=transfer, accept=False, note="晚了", by=world.secretary_b)
    actions = list(
        AuditEvent.objects.filter(action__startswith="member.transfer")
        .order_by("pk")
        .values_list("action", "org__name")
    )
    assert actions == [
        ("member.transfer_request", "心内科团支部"),
        ("member.transfer_accept", "外科团支部"),
    ]


def test_a_refused_transfer_needs_a_reason_and_a_cancelled_one_stays_put(world):
    member = world.members_a[1]
    transfer = member_transfer_request(
        member=member, to_branch=world.branch_b, reason="调动", by=world.secretary_a
    )
    with pytest.raises(CaseError, match="不接收时请填写原因"):
        member_transfer_decide(transfer=transfer, accept=False, note=" ", by=world.secretary_b)
    member_transfer_cancel(transfer=transfer, by=world.secretary_a)
    transfer.refresh_from_db()
    member.refresh_from_db()
    assert transfer.status == TransferStatus.CANCELLED and member.branch == world.branch_a


def test_over_age_leaving_waits_for_the_rulebook_age_and_spares_office_holders(world):
    member = MemberFactory(branch=world.branch_a, birth_date=_years_ago(28, days=-10))
    with pytest.raises(RuleViolation, match=r"超龄离团须年满 28 周岁：.*为 27 周岁"):
        member_leave(member=member, reason=LeaveReason.OVER_AGE, on=TODAY(), by=world.secretary_a)
    older = MemberFactory(branch=world.branch_a, birth_date=_years_ago(29))
    AppointmentFactory(user=older.user, org=world.branch_a, role=Role.COMMITTEE_MEMBER)
    with pytest.raises(RuleViolation, match="现任心内科团支部委员，在团内担任职务期间保留团籍"):
        member_leave(member=older, reason=LeaveReason.OVER_AGE, on=TODAY(), by=world.secretary_a)
    plain = MemberFactory(branch=world.branch_a, birth_date=_years_ago(28))
    member_leave(member=plain, reason=LeaveReason.OVER_AGE, on=TODAY(), by=world.secretary_a)
    plain.refresh_from_db()
    assert not plain.is_active and plain.left_on == TODAY()
    assert AuditEvent.objects.get(action="member.leave").after == f"超龄离团（{TODAY()}）"


def test_a_committee_rulebook_moves_the_age_limit(world):
    RulebookFactory(
        process="membership",
        committee=world.committee,
        settings={"league_age_limit": 30},
        effective_from=datetime.date(2020, 1, 1),
    )
    member = MemberFactory(branch=world.branch_a, birth_date=_years_ago(29))
    with pytest.raises(RuleViolation, match="超龄离团须年满 30 周岁"):
        member_leave(member=member, reason=LeaveReason.OVER_AGE, on=TODAY(), by=world.secretary_a)


def test_probation_is_bounded_by_the_rulebook_and_ends_in_good_standing(world):
    member = world.members_a[2]
    with pytest.raises(RuleViolation, match="留团察看期限 13 个月：最长不超过 12 个月"):
        member_probation_start(
            member=member, since=TODAY(), months=13, reason="违纪", by=world.secretary_a
        )
    member_probation_start(
        member=member,
        since=datetime.date(2026, 8, 31),
        months=6,
        reason="违纪",
        by=world.secretary_a,
    )
    member.refresh_from_db()
    assert member.standing == Standing.PROBATION
    assert member.probation_until == datetime.date(2027, 2, 28)
    with pytest.raises(CaseError, match="正在留团察看"):
        member_probation_start(
            member=member, since=TODAY(), months=3, reason="again", by=world.secretary_a
        )
    member_probation_end(member=member, on=TODAY(), note="表现良好", by=world.secretary_a)
    member.refresh_from_db()
    assert member.standing == Standing.GOOD and member.probation_until is None
    assert AuditEvent.objects.get(action="member.probation_end").before.startswith("留团察看")


def test_months_after_keeps_the_day_or_takes_the_months_last():
    assert months_after(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert months_after(datetime.date(2026, 11, 15), 14) == datetime.date(2028, 1, 15)
