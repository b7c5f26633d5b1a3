"""Driving a demo case through its real flow: the step it waits at, who may act on it, acting as
one of them through the process's own act service, and who is left to act when seeding ends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.engine.routing import queue_role
from workflows.org.models import Organization
from workflows.org.selectors import role_holders

OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


class SeedError(RuntimeError):
    """A demo case did not reach the status it was meant to reach."""


def open_tasks(process_ids) -> QuerySet[Task]:
    """The human tasks of these processes still waiting for someone."""
    return Task.objects.filter(process_id__in=process_ids, flow_task_type="HUMAN", status__in=OPEN)


def task_waiting(case, step: str) -> Task:
    """The case's one open task, which must be at ``step``."""
    task = open_tasks([case.process_id]).get()
    if task.flow_task.name != step:
        raise SeedError(f"{case}：待办为 {task.flow_task.name}，不是 {step}")
    return task


def task_assignees(task: Task) -> list[AbstractBaseUser]:
    """Whoever may act: the task's owner, or every holder of the queue's office."""
    if task.owner_id:
        return [task.owner]
    org = Organization.objects.get(pk=task.owner_permission_obj_pk)
    return role_holders(role=queue_role(task.owner_permission), org=org, on=timezone.localdate())


def step_take(
    case,
    step: str,
    act: Callable[..., Any],
    action: str,
    opinion: str = "",
    data: dict | None = None,
    pick: int = 0,
) -> None:
    """Finish the case's ``step`` with ``action`` through ``act`` (the process's act service), as
    the ``pick``-th of those who may."""
    task = task_waiting(case, step)
    assignees = task_assignees(task)
    act(
        task=task,
        by=assignees[pick % len(assignees)],
        action=action,
        opinion=opinion,
        data=data or {},
    )
    case.refresh_from_db()


def who_acts(process_ids) -> list[str]:
    """One line per open step of these processes, with the usernames that may act on it."""
    steps: dict[str, set[str]] = {}
    for task in open_tasks(process_ids).select_related("owner"):
        steps.setdefault(str(task.flow_task.step), set()).update(
            user.username for user in task_assignees(task)
        )
    return [f"      {step}：{' / '.join(sorted(users))}" for step, users in sorted(steps.items())]
