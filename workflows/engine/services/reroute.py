"""Open tasks follow the office, not the person: when office holders change, tasks that were
waiting for the people who left move to whoever holds the office now."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.audit.services import audit_record
from workflows.wording import person_name

from ..nodes import HumanTask
from ..routing import queue_permission, route_resolve
from .notifications import notification_send


def tasks_reroute(
    *,
    user_ids: Iterable[int],
    on: datetime.date,
    by: AbstractBaseUser | None,
    reason: str,
) -> list[Task]:
    """Re-route the open office tasks held by ``user_ids``; returns the tasks that moved.

    A task addressed to a person rather than an office (an applicant's revision) stays.
    Each move is an audit event on its case, and the new holder is notified.
    """
    moved = []
    candidates = (
        Task.objects.filter(
            owner_id__in=list(user_ids),
            status__in=[STATUS.ASSIGNED, STATUS.STARTED],
            flow_task_type="HUMAN",
        )
        .select_related("process", "owner")
        .order_by("pk")
    )
    for task in candidates:
        node = task.flow_task
        if not isinstance(node, HumanTask):
            continue
        with node.flow_class.lock(task.process_id):
            task.refresh_from_db()
            if task.status not in (STATUS.ASSIGNED, STATUS.STARTED):
                continue
            node.flow_class.case_forget(task.process)
            case = node.flow_class.case_of(task.process)
            route = node.router(case)
            if route.user is not None:
                continue
            assignment = route_resolve(
                route=route,
                recused_user_id=case.subject_user_id if node.recuse else None,
                on=on,
            )
            if assignment.owner is not None and assignment.owner.pk == task.owner_id:
                continue
            before = person_name(task.owner)
            if assignment.owner is not None:
                task.owner = assignment.owner
                task.status = STATUS.ASSIGNED
            else:
                task.owner = None
                task.status = STATUS.NEW
                if assignment.queue is not None:
                    task.owner_permission = queue_permission(assignment.queue.role)
                    task.owner_permission_obj = assignment.queue.org
            task.save()
            audit_record(
                action="task.reroute",
                by=by,
                case=case,
                before=f"{node.step}：{before}",
                after=f"{node.step}：{assignment.describe()}",
                opinion=reason,
                data={"task": task.pk},
            )
            notification_send(
                users=[assignment.owner] if assignment.owner is not None else [],
                text=f"待办移交：{case.reference} {node.step}",
                url=reverse("engine:task", args=[task.pk]),
            )
            moved.append(task)
    return moved
