"""What a person may start in 推优入党: an application in their branch's open round, a new
round as the branch secretary."""

import pytest
from django.urls import reverse

from workflows.party_recommendation.starts import recommendation_starts

pytestmark = pytest.mark.django_db


def labels(user) -> list[str]:
    return [start.label for start in recommendation_starts(user=user)]


def test_a_member_may_apply_in_their_branchs_open_round(world, round_a):
    [start] = recommendation_starts(user=world.applicant_user)
    assert (start.label, start.url) == ("申请推优入党", reverse("party_recommendation:apply"))
    assert start.note == round_a.title


def test_nothing_to_apply_for_in_another_branch_or_a_closed_round(world, round_a):
    assert labels(world.outsider_user) == []
    round_a.is_open = False
    round_a.save()
    assert labels(world.applicant_user) == []


def test_the_branch_secretary_may_start_a_round(world):
    assert labels(world.secretary_a) == ["发起推优批次"]
    assert labels(world.deputy_a) == []
