"""One sweep of the background jobs: viewflow's due timers, reminders for overdue tasks, and the
audit chain's periodic checkpoint."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from workflows.audit.checkpoints import checkpoint_if_due
from workflows.org.models import Role
from workflows.org.selectors import role_holders

from ..selectors import is_overdue
from .notifications import notification_send
from .reroute import tasks_recusal_reroute

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepResult:
    timers_fired: int
    reminders_sent: int
    checkpoint: int | None


def overdue_remind() -> int:
    """催办: remind each overdue task's owner once a day; escalate once to the secretary of the
    unit above when the task is still open ``TASK_ESCALATE_AFTER_DAYS`` days past due."""
    today = timezone.localdate()
    escalate_before = (
        today - datetime.timedelta(days=settings.TASK_ESCALATE_AFTER_DAYS)
    ).isoformat()
    sent = 0
    tasks = Task.objects.filter(
        flow_task_type="HUMAN", status__in=[STATUS.ASSIGNED, STATUS.STARTED], owner__isnull=False
    ).select_related("owner", "process")
    for task in tasks.iterator():
        data = task.data or {}
        if not is_overdue(task) or data.get("reminded_on") == today.isoformat():
            continue
        with transaction.atomic():
            update = {"reminded_on": today.isoformat()}
            url = f"/tasks/{task.pk}/"
            notification_send(
                users=[task.owner],
                text=f"催办：{task.flow_task.step} 已于 {data['due_on']} 到期",
                url=url,
            )
            if data["due_on"] < escalate_before and not data.get("escalated_on"):
                update["escalated_on"] = today.isoformat()
                _escalate(task, data["due_on"])
            # Read again under a row lock: a 加签 may have written the task's data meanwhile.
            current = Task.objects.select_for_update(of=("self",)).get(pk=task.pk).data or {}
            Task.objects.filter(pk=task.pk).update(data={**current, **update})
        sent += 1
    return sent


def _escalate(task: Task, due_on: str) -> None:
    from workflows.audit.services import audit_record

    case = task.flow_task.flow_class.case_of(task.process)
    above = case.org.parent
    holders = role_holders(role=Role.SECRETARY, org=above, on=timezone.localdate()) if above else []
    owner = task.owner.get_full_name() or task.owner.get_username()
    notification_send(
        users=holders,
        text=f"督办：{case.reference} {task.flow_task.step}（{owner}）{due_on} 到期仍未办理",
        url=case.get_absolute_url(),
    )
    audit_record(
        action="task.escalate",
        by=None,
        case=case,
        after=f"{above.name if above else ''}书记",
        data={"task": task.pk, "due_on": due_on},
    )


def process_sweeps() -> int:
    from ..registry import processes

    return sum(entry.sweep() for entry in processes() if entry.sweep is not None)


def timers_sweep() -> SweepResult:
    checkpoint = checkpoint_if_due()
    # A substitution that began after its tasks were assigned: the subject's own case moves on.
    tasks_recusal_reroute(on=timezone.localdate())
    result = SweepResult(
        timers_fired=fire_due_timers(),
        reminders_sent=overdue_remind() + process_sweeps(),
        checkpoint=checkpoint.pk if checkpoint else None,
    )
    if result.timers_fired or result.reminders_sent or result.checkpoint:
        logger.info(
            "timers fired: %s, reminders sent: %s, audit checkpoint: %s", *vars(result).values()
        )
    return result
