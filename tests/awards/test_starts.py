"""Nominations open to a person while their committee's campaign accepts them; a committee's
secretary or deputy may start a campaign."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MemberFactory, OrganizationFactory, UserFactory
from workflows.awards import services
from workflows.awards.models import Campaign
from workflows.awards.starts import award_starts
from workflows.org.models import OrgKind

from .helpers import campaign_for

pytestmark = pytest.mark.django_db


def nominations(user) -> list:
    return [start for start in award_starts(user=user) if start.label == "五四评优推荐"]


def test_members_under_the_committee_may_nominate_while_it_is_open(
    world, django_capture_on_commit_callbacks
):
    campaign = campaign_for(world)
    assert nominations(world.applicant_user) == []  # a draft is not open to anyone yet
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    [start] = nominations(world.applicant_user)
    assert start.url == reverse("awards:campaign", args=[campaign.pk])
    assert campaign.title in start.note and "截止" in start.note
    assert nominations(world.outsider_user) != []
    Campaign.objects.filter(pk=campaign.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert nominations(world.applicant_user) == []


def test_a_member_of_another_committee_is_not_offered_it(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_open(campaign=campaign_for(world), by=world.committee_secretary)
    elsewhere = OrganizationFactory(name="别处团委", kind=OrgKind.LEAGUE_COMMITTEE)
    stranger = MemberFactory(
        branch=OrganizationFactory(name="别处团支部", parent=elsewhere),
        user=UserFactory(username="stranger"),
    )
    assert nominations(stranger.user) == []


def test_a_committee_leader_may_start_a_campaign(world):
    assert [s.url for s in award_starts(user=world.committee_secretary)] == [reverse("awards:new")]
    assert award_starts(user=world.secretary_a) == []
