"""A branch secretary owes the 换届请示 once the term is within the rulebook's notice period
(or past its end) and no election is under way; it counts in the 待办 badge."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from tests.elections.helpers import submit
from tests.factories import RulebookFactory
from workflows.elections import terms
from workflows.elections.owed import requests_owed

pytestmark = pytest.mark.django_db


def term_due_in(branch, days: int):
    due = timezone.localdate() + datetime.timedelta(days=days)
    return terms.term_start(
        branch=branch, starts_on=due - relativedelta(years=3), election=None, by=None
    )


def owed_count(user) -> int:
    [item] = requests_owed(user=user)
    assert (item.label, item.url) == ("换届请示", reverse("elections:new"))
    return item.count


@pytest.mark.parametrize(("days", "count"), [(-3, 1), (0, 1), (60, 1), (200, 0)])
def test_the_request_is_owed_from_three_months_before_the_end(world, days, count):
    term_due_in(world.branch_a, days)
    assert owed_count(world.secretary_a) == count
    # The deputy may report it too, so owes it as well; another branch's secretary does not.
    assert owed_count(world.deputy_a) == count
    assert owed_count(world.secretary_b) == 0


def test_a_committee_sets_a_longer_notice_period(world):
    term_due_in(world.branch_a, 200)
    RulebookFactory(committee=world.committee, process="election", settings={"remind_months": 9})
    assert owed_count(world.secretary_a) == 1


def test_nothing_is_owed_while_an_election_is_under_way(world, people):
    term_due_in(world.branch_a, 10)
    submit(world, people)
    assert owed_count(world.secretary_a) == 0


def test_the_request_counts_in_the_badge(client, world):
    term_due_in(world.branch_b, 30)
    client.force_login(world.secretary_b)
    body = client.get(reverse("engine:inbox")).content.decode()
    assert 'data-testid="tab-inbox-count">1<' in body
    assert "换届请示" in body[body.index('data-testid="owed"') :]
