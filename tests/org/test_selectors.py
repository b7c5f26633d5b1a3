"""Whose logins a committee office holder looks after."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import AppointmentFactory, MemberFactory, UserFactory
from workflows.org.models import Role, Substitute
from workflows.org.selectors import account_scope_paths, accounts_managed_by

pytestmark = pytest.mark.django_db


def managed(user):
    return set(
        accounts_managed_by(user=user, on=timezone.localdate()).values_list("username", flat=True)
    )


def test_a_committee_looks_after_the_members_and_cadres_of_its_branches(world):
    for officer in (world.committee_secretary, world.reviewer_1):
        accounts = managed(officer)
        assert {"applicant", "b_member", "a_shuji", "a_fushuji", "b_shuji"} <= accounts


def test_never_itself_its_peers_administrators_or_people_elsewhere(world, other_committee):
    UserFactory(username="root", is_superuser=True, is_staff=True)
    MemberFactory(branch=other_committee.children.get(), user=UserFactory(username="wy_member"))
    accounts = managed(world.committee_secretary)

    assert "tw_shuji" not in accounts
    assert {"tw_zuzhi1", "tw_zuzhi2"}.isdisjoint(accounts)  # level with the committee
    assert "root" not in accounts
    assert {"wy_shuji", "wy_member"}.isdisjoint(accounts)
    assert {"dz_a", "dz_b"}.isdisjoint(accounts)  # party offices are outside the 团委


def test_not_someone_whose_office_reaches_beyond_the_subtree(world, other_committee):
    # A branch secretary below who also sits on another committee.
    AppointmentFactory(user=world.secretary_a, org=other_committee, role=Role.COMMITTEE_MEMBER)
    # A branch deputy standing in for the committee's own secretary.
    Substitute.objects.create(
        principal=world.committee_secretary,
        substitute=world.deputy_a,
        start_date=timezone.localdate() - datetime.timedelta(days=1),
        end_date=timezone.localdate() + datetime.timedelta(days=30),
    )

    assert {"a_shuji", "a_fushuji"}.isdisjoint(managed(world.reviewer_1))


def test_branch_offices_and_party_offices_look_after_nobody(world):
    for user in (world.secretary_a, world.party_secretary_a, world.applicant_user):
        assert account_scope_paths(user=user, on=timezone.localdate()) == []
        assert managed(user) == set()
