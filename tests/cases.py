"""Driving 推优 cases through their steps in tests, with the services the pages use."""

import datetime

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.engine.models import Publicity
from workflows.party_recommendation.services import application_act


def passing_vote() -> dict:
    """A tally that passes, met today: not before the application, not in the future."""
    return {
        "meeting_date": timezone.localdate(),
        "should_attend": 50,
        "present": 40,
        "ballots": 40,
        "votes_for": 30,
        "votes_against": 5,
        "votes_abstain": 5,
    }


def open_task(case, name: str | None = None) -> Task:
    """The case's one open human task (named ``name`` when given)."""
    task = Task.objects.filter(
        process_id=case.process_id,
        flow_task_type="HUMAN",
        status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED],
    ).get()
    if name is not None:
        assert task.flow_task.name == name, task.flow_task.name
    return task


def act(application, name, user, action, opinion="", data=None):
    task = open_task(application, name)
    result = application_act(task=task, by=user, action=action, opinion=opinion, data=data)
    application.refresh_from_db()
    return result


def publicity_window_elapses(application) -> None:
    """Move the 公示 into the past and fire the due timers, as the timer worker would."""
    from viewflow.workflow.timers import fire_due_timers

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Publicity.objects.for_case(application).update(ends_on=yesterday)
    Task.objects.filter(process_id=application.process_id, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert fire_due_timers() == 1
    application.refresh_from_db()


def to_committee_review(world, application):
    act(application, "branch_review", world.secretary_a, "approve", "符合条件")
    act(application, "branch_meeting", world.secretary_a, "record_vote", "表决通过", passing_vote())


def to_publicity(world, application):
    to_committee_review(world, application)
    act(application, "committee_review", world.reviewer_1, "approve", "同意推荐")
