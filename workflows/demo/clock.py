"""The one place the demo moves time on: a deadline, a 公示 window or a rectification month that
would end days from now is moved into the past, and the case's due timer fires now, as the timer
worker would fire it once that day has come.

These are the demo's only direct writes to case records. No service can do them, by design: every
service refuses a deadline in the past.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from workflows.engine.models import Publicity


def timers_due(case) -> None:
    """Let the case's scheduled timer fire now."""
    Task.objects.filter(
        process_id=case.process_id, flow_task_type="TIMER", status=STATUS.SCHEDULED
    ).update(scheduled=timezone.now() - datetime.timedelta(minutes=1))
    fire_due_timers()
    case.refresh_from_db()


def deadline_passes(case, field: str) -> None:
    """The case's date ``field`` (a deadline) was yesterday."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    type(case).objects.filter(pk=case.pk).update(**{field: yesterday})
    timers_due(case)


def publicity_elapses(case) -> None:
    """The case's 公示 ran the week before yesterday and is over."""
    today = timezone.localdate()
    Publicity.objects.for_case(case).update(
        starts_on=today - datetime.timedelta(days=8), ends_on=today - datetime.timedelta(days=1)
    )
    timers_due(case)
