"""A branch's secretary or deputy may report its 换届请示; nobody else."""

import pytest
from django.urls import reverse

from workflows.elections.starts import election_starts

pytestmark = pytest.mark.django_db


def test_the_branch_leaders_may_report_the_request(world):
    for user in (world.secretary_a, world.deputy_a):
        [start] = election_starts(user=user)
        assert (start.label, start.url, start.note) == (
            "报送换届请示",
            reverse("elections:new"),
            "心内科团支部",
        )


def test_members_and_the_committee_report_no_request(world):
    for user in (world.applicant_user, world.committee_secretary, world.reviewer_1):
        assert election_starts(user=user) == []
