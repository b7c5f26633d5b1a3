"""The timer sweep: 公示 windows close on time, overdue tasks are reminded and escalated."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.cases import open_task, to_publicity
from workflows.audit.models import AuditEvent
from workflows.engine.models import Notification, Publicity
from workflows.engine.services.timers import timers_sweep
from workflows.party_recommendation.models import Status

pytestmark = pytest.mark.django_db


def _due(task, days_ago: int) -> None:
    due = timezone.localdate() - datetime.timedelta(days=days_ago)
    task.data = {**task.data, "due_on": due.isoformat()}
    task.save(update_fields=["data"])


def test_publicity_closes_only_when_its_window_has_passed(world, submitted):
    to_publicity(world, submitted)
    assert timers_sweep().timers_fired == 0
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_PUBLICITY
    from viewflow.workflow.models import Task

    Publicity.objects.for_case(submitted).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    Task.objects.filter(process_id=submitted.process_id, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("timer_worker", "--once")
    submitted.refresh_from_db()
    assert submitted.status == Status.PUBLICITY_PASSED


def test_overdue_task_is_reminded_once_a_day(world, submitted):
    _due(open_task(submitted), days_ago=1)
    assert timers_sweep().reminders_sent == 1
    assert timers_sweep().reminders_sent == 0
    assert Notification.objects.filter(user=world.secretary_a, text__startswith="催办").count() == 1


def test_long_overdue_task_is_escalated_to_the_unit_above(world, submitted, settings):
    settings.TASK_ESCALATE_AFTER_DAYS = 3
    _due(open_task(submitted), days_ago=4)
    timers_sweep()
    notice = Notification.objects.get(user=world.committee_secretary)
    assert notice.text.startswith("督办：") and "陈支书" in notice.text
    assert AuditEvent.objects.filter(action="task.escalate").count() == 1


def test_recently_overdue_task_is_not_escalated(world, submitted, settings):
    settings.TASK_ESCALATE_AFTER_DAYS = 3
    _due(open_task(submitted), days_ago=2)
    timers_sweep()
    assert not Notification.objects.filter(user=world.committee_secretary).exists()
