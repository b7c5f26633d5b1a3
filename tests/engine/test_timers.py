"""The timer sweep: 公示 windows close on time, overdue tasks are reminded and escalated, and a
case waiting for a holder whose 代理人 is its subject moves on."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.cases import open_task, to_publicity
from workflows.audit.models import AuditCheckpoint, AuditEvent
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


def test_the_sweep_moves_the_subjects_case_away_from_a_holder_they_stand_in_for(world, round_a):
    from tests.factories import MemberFactory
    from workflows.org.models import Substitute
    from workflows.party_recommendation.services import application_submit

    member = MemberFactory(branch=world.branch_a, user=world.deputy_a, name="周副书记")
    application = application_submit(
        member=member, round=round_a, statement="本人申请", by=world.deputy_a
    )
    today = timezone.localdate()
    Substitute.objects.create(
        principal=world.secretary_a, substitute=world.deputy_a, start_date=today, end_date=today
    )
    timers_sweep()
    assert open_task(application, "branch_review").owner == world.committee_secretary


def test_the_sweep_signs_an_audit_checkpoint_once_an_interval(world, submitted, settings):
    settings.AUDIT_CHECKPOINT_MINUTES = 60

    first = timers_sweep().checkpoint
    again = timers_sweep().checkpoint

    assert first is not None and again is None
    assert AuditCheckpoint.objects.get(pk=first).event_count == AuditEvent.objects.count()
