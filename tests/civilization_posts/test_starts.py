"""A 号长 (or the unit's secretary) may send the 创建备案, then the 申报, while the cycle
accepts them; a committee's secretary may start a cycle."""

import pytest
from django.urls import reverse

from workflows.civilization_posts import services
from workflows.civilization_posts.starts import post_starts

from .helpers import act, cycle_for, timers_fire

pytestmark = pytest.mark.django_db


def sends(user) -> list[tuple[str, str]]:
    return [(s.label, s.url) for s in post_starts(user=user) if s.label.startswith("青年文明号")]


def test_the_leader_files_then_applies_while_the_cycle_accepts(
    post_world, django_capture_on_commit_callbacks
):
    w = post_world
    leader = w.leader_of(w.er)
    with django_capture_on_commit_callbacks(execute=True):
        cycle = cycle_for(w)
        assert sends(leader) == []  # a draft
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
    filing = ("青年文明号创建备案", reverse("civilization_posts:file", args=[cycle.pk]))
    assert sends(leader) == [filing]
    assert sends(w.secretary_a) == [filing]  # the unit sends for its collectives
    assert sends(w.applicant_user) == []
    with django_capture_on_commit_callbacks(execute=True):
        timers_fire(cycle, "filing_deadline")
        act(cycle, "open_applications", w.committee_secretary, "open_applications")
    [(label, url)] = sends(leader)
    assert (label, url) == ("青年文明号申报", reverse("civilization_posts:apply", args=[cycle.pk]))


def test_a_committee_secretary_may_start_a_cycle(post_world):
    starts = post_starts(user=post_world.committee_secretary)
    assert [s.url for s in starts] == [reverse("civilization_posts:new")]
    assert post_starts(user=post_world.secretary_a) == []
