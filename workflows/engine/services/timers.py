"""One sweep of the background jobs: viewflow's due timers, then reminders for overdue tasks."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from ..selectors import is_overdue
from .notifications import notification_send

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepResult:
    timers_fired: int
    reminders_sent: int


def overdue_remind() -> int:
    """催办: remind each overdue task's owner once a day."""
    today = timezone.localdate().isoformat()
    sent = 0
    tasks = Task.objects.filter(
        flow_task_type="HUMAN", status__in=[STATUS.ASSIGNED, STATUS.STARTED], owner__isnull=False
    ).select_related("owner")
    for task in tasks.iterator():
        data = task.data or {}
        if not is_overdue(task) or data.get("reminded_on") == today:
            continue
        with transaction.atomic():
            task.data = {**data, "reminded_on": today}
            task.save(update_fields=["data"])
            notification_send(
                users=[task.owner],
                text=f"催办：{task.flow_task.step} 已于 {data['due_on']} 到期",
                url=f"/tasks/{task.pk}/",
            )
        sent += 1
    return sent


def timers_sweep() -> SweepResult:
    result = SweepResult(timers_fired=fire_due_timers(), reminders_sent=overdue_remind())
    if result.timers_fired or result.reminders_sent:
        logger.info("timers fired: %s, reminders sent: %s", *vars(result).values())
    return result
