"""Two approvers act on one task at the same moment: exactly one wins (PostgreSQL row locks)."""

import pytest

from tests.cases import open_task
from tests.races import race
from workflows.audit.models import AuditEvent
from workflows.engine.models import Opinion
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_act

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_reviewers_one_queue_task(world, submitted):
    from tests.cases import act, passing_vote

    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    act(submitted, "branch_meeting", world.secretary_a, "record_vote", "通过", passing_vote())
    task = open_task(submitted, "committee_review")

    outcomes = race(
        [
            lambda user=user: application_act(task=task, by=user, action="approve", opinion="同意")
            for user in (world.reviewer_1, world.reviewer_2)
        ]
    )

    assert outcomes.count("ok") == 1
    loser = next(o for o in outcomes if o != "ok")
    assert "已由" in loser
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_PUBLICITY
    assert Opinion.objects.for_case(submitted).filter(step="团委审核").count() == 1
    transitions = AuditEvent.objects.filter(
        case_id=submitted.pk, action="case.transition", after="公示中"
    )
    assert transitions.count() == 1


def test_double_click_by_the_same_approver(world, submitted):
    task = open_task(submitted, "branch_review")
    outcomes = race(
        [lambda: application_act(task=task, by=world.secretary_a, action="approve", opinion="同意")]
        * 2
    )
    assert outcomes.count("ok") == 1
    assert any("该待办已由 陈支书 于" in o for o in outcomes)
    submitted.refresh_from_db()
    assert submitted.status == Status.BRANCH_APPROVED
    assert open_task(submitted, "branch_meeting")
