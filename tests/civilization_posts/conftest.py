import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from workflows.civilization_posts import services
from workflows.civilization_posts.models import ReviewGroup

from .helpers import act, applied, collective_with, cycle_for, filed, timers_fire

# 申报 and 评审认定 happen in a cycle's even year only, and a cycle is driven end to end here:
# the tests live on a June day of an even year whatever the calendar says.
EVEN_YEAR_DAY = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def even_year():
    with time_machine.travel(EVEN_YEAR_DAY, tick=True):
        yield


@pytest.fixture(autouse=True)
def _in_an_even_year(even_year):
    """Every test of this package; other packages ask for ``even_year`` themselves."""


class PostWorld:
    """The factories' world with a review group of five collectives: two in branch A
    (急诊科, 心内科), three in branch B; each 号长 has an account."""

    def __init__(self, world):
        self.base = world
        self.group = ReviewGroup.objects.create(
            committee=world.committee, division="医院大组", name="第一小组"
        )
        self.er = collective_with(world.branch_a, "急诊科", leader="jz_hz", group=self.group)
        self.cardio = collective_with(world.branch_a, "心内科", leader="xn_hz", group=self.group)
        self.others = [
            collective_with(world.branch_b, f"外科{n}病区", leader=f"wk{n}_hz", group=self.group)
            for n in (1, 2, 3)
        ]

    def __getattr__(self, name):
        return getattr(self.base, name)

    def leader_of(self, collective):
        return collective.leader.user


@pytest.fixture
def post_world(world):
    return PostWorld(world)


@pytest.fixture
def reviewing(post_world, django_capture_on_commit_callbacks):
    """A cycle in 互检互查: 急诊科 (sent by its 号长) and 心内科 (sent by branch A) applied and
    each has the four other collectives of the group as reviewers."""
    w = post_world
    with django_capture_on_commit_callbacks(execute=True):
        cycle = cycle_for(w)
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
        filed(w, cycle, w.er, w.leader_of(w.er))
        filed(w, cycle, w.cardio, w.secretary_a)
        timers_fire(cycle, "filing_deadline")
        act(cycle, "open_applications", w.committee_secretary, "open_applications")
        er = applied(w, cycle, w.er, w.leader_of(w.er))
        cardio = applied(w, cycle, w.cardio, w.secretary_a)
        timers_fire(cycle, "application_deadline")
        act(cycle, "start_peer_review", w.committee_secretary, "start_peer_review", "开始")
    er.refresh_from_db()
    cardio.refresh_from_db()
    return cycle, er, cardio
