"""Open tasks follow the office, not the person: when office holders change, tasks that were
waiting for the people who left move to whoever holds the office now; and a task that would wait
for the person its case is about (a 代理人 standing in for the holder) moves to the next office."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.audit.services import audit_record
from workflows.org.models import Substitute
from workflows.wording import person_name, site_language

from ..nodes import HumanTask
from ..routing import Assignment, queue_permission, route_people, route_resolve
from ..selectors import recused_tasks
from ..signers import group_seats, sign_of
from .notifications import notification_send

OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


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
    candidates = (
        Task.objects.filter(
            owner_id__in=list(user_ids),
            status__in=[STATUS.ASSIGNED, STATUS.STARTED],
            flow_task_type="HUMAN",
        )
        .select_related("process", "owner")
        .order_by("pk")
    )
    return [task for task in candidates if task_reroute(task=task, on=on, by=by, reason=reason)]


def task_reroute(
    *, task: Task, on: datetime.date, by: AbstractBaseUser | None, reason: str
) -> bool:
    """Route one open office task again, under its process lock; whether it moved."""
    node = task.flow_task
    if not isinstance(node, HumanTask):
        return False
    with node.flow_class.lock(task.process_id):
        task.refresh_from_db()
        if task.status not in OPEN:
            return False
        node.flow_class.case_forget(task.process)
        case = node.flow_class.case_of(task.process)
        route = node.router(case)
        if route.user is not None:
            return False
        recused = case.subject_user_id if node.recuse else None
        if sign_of(task) is None:
            assignment = route_resolve(route=route, recused_user_id=recused, on=on)
        else:
            # A signer's seat goes to a holder who signs nowhere else in the step: a shared queue
            # or a second seat for one person would leave the step waiting for ever.
            seated = {seat.owner_id for seat in group_seats(task) if seat.pk != task.pk}
            people = [
                person
                for person in route_people(route=route, recused_user_id=recused, on=on)
                if person.pk not in seated
            ]
            if not people:
                return False
            assignment = Assignment(owner=people[0], queue=None)
        if assignment.owner is not None and assignment.owner.pk == task.owner_id:
            return False
        queue = assignment.queue
        if assignment.owner is None and task.owner_id is None and _waits_in(task, queue):
            return False
        with site_language():
            before = person_name(task.owner) if task.owner_id else _("待认领")
        if assignment.owner is not None:
            task.owner = assignment.owner
            task.status = STATUS.ASSIGNED
        else:
            task.owner = None
            task.status = STATUS.NEW
            if queue is not None:
                task.owner_permission = queue_permission(queue.role)
                task.owner_permission_obj = queue.org
        task.save()
        with site_language():
            after = assignment.describe()
        audit_record(
            action="task.reroute",
            by=by,
            case=case,
            before=f"{node.step}：{before}",
            after=f"{node.step}：{after}",
            opinion=reason,
            data={"task": task.pk},
        )
        notification_send(
            users=[assignment.owner] if assignment.owner is not None else [],
            text=f"待办移交：{case.reference} {node.step}",
            url=reverse("engine:task", args=[task.pk]),
        )
    return True


def tasks_recusal_reroute(*, on: datetime.date) -> list[Task]:
    """Tasks waiting for a holder whose 代理人 on ``on`` is the person the case is about (the
    substitution began after the task was assigned) move on to the next office, so the case
    does not wait for the one person who may not decide it."""
    standing_in: dict[int, set[int]] = defaultdict(set)
    for principal_id, substitute_id in Substitute.objects.on(on).values_list(
        "principal_id", "substitute_id"
    ):
        standing_in[principal_id].add(substitute_id)
    query = Q(pk__in=[])
    for principal_id, substitute_ids in standing_in.items():
        for substitute_id in substitute_ids:
            query |= Q(owner_id=principal_id) & recused_tasks(user_id=substitute_id)
    stuck = (
        Task.objects.filter(query, status__in=[STATUS.ASSIGNED, STATUS.STARTED])
        .select_related("process", "owner")
        .order_by("pk")
    )
    with site_language():
        reason = _("代理人为案件当事人，须回避：移交下一办理岗位")
    return [task for task in stuck if task_reroute(task=task, on=on, by=None, reason=reason)]


def _waits_in(task: Task, queue) -> bool:
    """Whether ``task`` already waits in ``queue``'s shared list."""
    return queue is not None and (task.owner_permission, task.owner_permission_obj_pk) == (
        queue_permission(queue.role),
        str(queue.org.pk),
    )
