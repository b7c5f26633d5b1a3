"""Whose records an office holder looks after, the list's filters (who is about to age out),
and the transfers both sides see."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import MemberFactory
from workflows.org.membership import member_transfer_request
from workflows.org.models import Standing
from workflows.org.roster import (
    MemberFilter,
    age_limit_reached_on,
    member_scope_paths,
    members_filtered,
    members_managed,
    transfers_pending_for,
    transfers_seen_by,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _born(years: int, days: int = 0) -> datetime.date:
    return TODAY().replace(year=TODAY().year - years) + datetime.timedelta(days=days)


def test_a_branch_secretary_sees_their_branch_and_the_committee_sees_all(world, other_committee):
    assert set(members_managed(user=world.secretary_a, on=TODAY())) == set(world.members_a)
    committee_sees = members_managed(user=world.reviewer_1, on=TODAY())
    assert world.outsider in committee_sees and world.applicant in committee_sees
    assert not members_managed(user=other_committee.secretary, on=TODAY()).filter(
        branch__in=[world.branch_a, world.branch_b]
    )
    assert member_scope_paths(user=world.applicant_user, on=TODAY()) == []


def _filtered(world, **kwargs):
    members = members_managed(user=world.committee_secretary, on=TODAY())
    return set(members_filtered(members, rules_org=world.committee, on=TODAY(), **kwargs))


def test_the_list_flags_who_ages_out_soon_and_who_has(world):
    soon = MemberFactory(branch=world.branch_a, name="将满", birth_date=_born(28, days=30))
    later = MemberFactory(branch=world.branch_a, name="未满", birth_date=_born(28, days=120))
    over = MemberFactory(branch=world.branch_b, name="已满", birth_date=_born(28))
    assert _filtered(world, status=MemberFilter.OVER_AGE_SOON) == {soon}
    assert over in _filtered(world, status=MemberFilter.OVER_AGE)
    assert later not in _filtered(world, status=MemberFilter.OVER_AGE)
    assert age_limit_reached_on(member=soon, age=28) == soon.birth_date.replace(
        year=soon.birth_date.year + 28
    )


def test_a_leap_day_birthday_ages_out_on_the_first_of_march():
    from workflows.org.models import Member

    member = Member(birth_date=datetime.date(2000, 2, 29))
    assert age_limit_reached_on(member=member, age=28) == datetime.date(2028, 2, 29)
    assert age_limit_reached_on(member=member, age=27) == datetime.date(2027, 3, 1)


def test_search_by_name_phone_or_whole_id_number_and_filter_by_branch_and_standing(world):
    jixi = MemberFactory(
        branch=world.branch_b, name="吉𠮷查", phone="13712345678", id_number="110101199003070016"
    )
    assert _filtered(world, query="𠮷查") == {jixi}
    assert _filtered(world, query="1234567") == {jixi}
    assert _filtered(world, query="110101199003070016") == {jixi}
    assert jixi not in _filtered(world, branch=world.branch_a)
    jixi.standing = Standing.PROBATION
    jixi.save()
    assert _filtered(world, status=MemberFilter.PROBATION) == {jixi}
    jixi.is_active = False
    jixi.save()
    assert jixi in _filtered(world, status=MemberFilter.LEFT)
    assert jixi not in _filtered(world)


def test_both_sides_see_a_transfer_and_only_the_receiving_side_is_asked(world):
    transfer = member_transfer_request(
        member=world.applicant, to_branch=world.branch_b, reason="调动", by=world.secretary_a
    )
    assert transfer in transfers_seen_by(user=world.secretary_a, on=TODAY())
    assert transfer in transfers_seen_by(user=world.secretary_b, on=TODAY())
    assert not transfers_pending_for(user=world.secretary_a, on=TODAY())
    assert list(transfers_pending_for(user=world.secretary_b, on=TODAY())) == [transfer]
