"""A reviewer owes each 互检互查 score sheet until it is submitted, while the cycle reviews;
the sheets count in the 待办 badge."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from workflows.civilization_posts.models import CycleStatus
from workflows.civilization_posts.owed import score_sheets_owed
from workflows.civilization_posts.peer_review import review_submit
from workflows.org.models import Substitute

from .helpers import scores_totalling

pytestmark = pytest.mark.django_db


def owed_count(user) -> int:
    [item] = score_sheets_owed(user=user)
    assert item.url == reverse("civilization_posts:reviews")
    return item.count


def test_a_reviewer_owes_each_sheet_until_submitted(post_world, reviewing):
    w = post_world
    er = reviewing[1]
    reviewer = w.leader_of(w.others[0])
    # 外科1病区 scores both applicants.
    assert owed_count(reviewer) == 2
    review_submit(
        application=er,
        by=reviewer,
        scores=scores_totalling(er.rubric.rubric, Decimal(90)),
    )
    assert owed_count(reviewer) == 1
    # 急诊科's 号长 scores 心内科 only, never its own collective.
    assert owed_count(w.leader_of(w.er)) == 1
    assert owed_count(w.committee_secretary) == 0


def test_nothing_is_owed_once_the_cycle_stops_reviewing(post_world, reviewing):
    cycle = reviewing[0]
    type(cycle).objects.filter(pk=cycle.pk).update(status=CycleStatus.IN_PUBLICITY)
    assert owed_count(post_world.leader_of(post_world.others[0])) == 0


def test_a_substitute_owes_the_sheets_of_the_one_they_stand_in_for(post_world, reviewing):
    principal = post_world.leader_of(post_world.others[1])
    substitute = UserFactory(username="daili")
    today = timezone.localdate()
    Substitute.objects.create(
        principal=principal, substitute=substitute, start_date=today, end_date=today
    )
    assert owed_count(substitute) == 2


def test_the_sheets_count_in_the_badge(client, post_world, reviewing):
    client.force_login(post_world.leader_of(post_world.others[2]))
    body = client.get(reverse("civilization_posts:index")).content.decode()
    assert 'data-testid="tab-inbox-count">2<' in body
