"""A judge owes their panel ballot until it is cast, unless every nomination is their own
unit's; the ballot counts in the 待办 badge."""

import pytest
from django.urls import reverse

from workflows.awards import panel, services
from workflows.awards.owed import ballots_owed

from .helpers import approved, campaign_for, category, good_record, timers_fire

pytestmark = pytest.mark.django_db


def in_panel(world, capture, judges):
    """A campaign judging one nomination: 吉𠮷 of branch A."""
    campaign = campaign_for(world, judges=judges, codes=["excellent_member"])
    with capture(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    good_record(world.applicant)
    nomination = services.nomination_submit(
        category=category(campaign, "excellent_member"),
        by=world.applicant_user,
        member=world.applicant,
        deeds="抗疫志愿。",
    )
    approved(nomination, world)
    timers_fire(campaign)
    assert campaign.status == "panel"
    return campaign, nomination


def test_a_judge_owes_the_ballot_until_it_is_cast(world, django_capture_on_commit_callbacks):
    campaign, nomination = in_panel(
        world, django_capture_on_commit_callbacks, [world.committee_secretary, world.reviewer_1]
    )
    [item] = ballots_owed(user=world.reviewer_1)
    assert (item.label, item.count) == ("评审票", 1)
    assert item.url == reverse("awards:ballot", args=[campaign.pk])

    panel.ballot_cast(
        campaign=campaign, by=world.reviewer_1, entries={nomination.pk: {"approve": True}}
    )
    assert ballots_owed(user=world.reviewer_1)[0].count == 0
    # The other judge still owes theirs.
    assert ballots_owed(user=world.committee_secretary)[0].count == 1


def test_a_judge_recused_from_every_nomination_owes_nothing(
    world, django_capture_on_commit_callbacks
):
    in_panel(
        world, django_capture_on_commit_callbacks, [world.committee_secretary, world.secretary_a]
    )
    assert ballots_owed(user=world.secretary_a)[0].count == 0


def test_nobody_else_owes_a_ballot(world, django_capture_on_commit_callbacks):
    in_panel(world, django_capture_on_commit_callbacks, [world.committee_secretary])
    assert ballots_owed(user=world.reviewer_1)[0].count == 0
    assert ballots_owed(user=world.applicant_user)[0].count == 0


def test_the_ballot_counts_in_the_badge(client, world, django_capture_on_commit_callbacks):
    in_panel(world, django_capture_on_commit_callbacks, [world.reviewer_2])
    client.force_login(world.reviewer_2)
    body = client.get(reverse("engine:inbox")).content.decode()
    assert 'data-testid="tab-inbox-count">1<' in body
    assert "评审票" in body[body.index('data-testid="owed"') :]
