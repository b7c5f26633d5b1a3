"""Reads for the engine: inbox, queue, archive, case lists, navigation counts.

Query counts stay flat as data grows: tasks and their cases are loaded in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.org.models import Appointment
from workflows.org.selectors import acting_user_ids
from workflows.rules.calendar import provisional_note, years_pending
from workflows.wording import person_name

from .models import Notification, Opinion
from .registry import process_for_flow, processes
from .routing import queue_permission
from .visibility import case_visible_to, cases_visible_to

ACTIVE = [STATUS.ASSIGNED, STATUS.STARTED]


def _human(queryset: QuerySet[Task]) -> QuerySet[Task]:
    return queryset.filter(flow_task_type="HUMAN").select_related("process", "owner")


def recused_tasks(*, user_id: int) -> Q:
    """Tasks at deciding steps of cases about ``user_id`` (each task records it when created):
    never theirs to act on, so never in their inbox or queue."""
    # has_key first: a missing key compares as NULL, which NOT would turn into "hide".
    return Q(data__has_key="recused", data__recused=user_id)


def inbox_tasks(*, user: AbstractBaseUser) -> QuerySet[Task]:
    acting = acting_user_ids(user=user, on=timezone.localdate())
    tasks = Task.objects.filter(owner_id__in=acting, status__in=ACTIVE)
    return _human(tasks.exclude(recused_tasks(user_id=user.pk))).order_by("created")


def queue_tasks(*, user: AbstractBaseUser) -> QuerySet[Task]:
    acting = acting_user_ids(user=user, on=timezone.localdate())
    offices = Appointment.objects.on(timezone.localdate()).filter(user_id__in=acting)
    query = Q(pk__in=[])
    for role, org_id in offices.values_list("role", "org_id"):
        query |= Q(owner_permission=queue_permission(role), owner_permission_obj_pk=str(org_id))
    tasks = Task.objects.filter(query, status=STATUS.NEW)
    return _human(tasks.exclude(recused_tasks(user_id=user.pk))).order_by("created")


def archive_tasks(*, user: AbstractBaseUser) -> QuerySet[Task]:
    return _human(Task.objects.filter(owner=user, status=STATUS.DONE)).order_by("-finished")


def tasks_with_cases(tasks: Iterable[Task]) -> list[Task]:
    """Attach ``task.case`` to each task with one query per process type."""
    tasks = list(tasks)
    by_flow: dict[type, list[Task]] = defaultdict(list)
    for task in tasks:
        by_flow[task.process.flow_class].append(task)
    for flow_class, flow_tasks in by_flow.items():
        model = process_for_flow(flow_class).case_model
        cases = model.objects.select_related("subject", "org").in_bulk(
            [t.process_id for t in flow_tasks], field_name="process_id"
        )
        for task in flow_tasks:
            task.case = cases.get(task.process_id)
    return tasks


def task_due_on(task: Task) -> str | None:
    return (task.data or {}).get("due_on")


def task_due_notes(tasks: Iterable[Task]) -> dict[int, str]:
    """Each task's provisional-deadline note (empty when settled), with at most one query."""
    tasks = list(tasks)
    counted = {year for task in tasks for year in (task.data or {}).get("due_pending_years", ())}
    pending = set(years_pending(counted))
    return {
        task.pk: provisional_note(
            year for year in (task.data or {}).get("due_pending_years", ()) if year in pending
        )
        for task in tasks
    }


def is_overdue(task: Task) -> bool:
    due = task_due_on(task)
    return bool(due) and due < timezone.localdate().isoformat()


def case_queryset(
    *, entry, user: AbstractBaseUser, mine: bool = False, status: str | None = None
) -> QuerySet:
    """One process's cases visible to ``user`` (or only their own), newest first."""
    queryset = entry.case_model.objects.select_related("subject", "org")
    if mine:
        queryset = queryset.filter(Q(applicant=user) | Q(subject__user=user))
    else:
        queryset = cases_visible_to(queryset=queryset, user=user)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")


def my_cases(*, user: AbstractBaseUser) -> list:
    """A person's own cases across every process, newest first (a handful per person)."""
    mine = [
        case for entry in processes() for case in case_queryset(entry=entry, user=user, mine=True)
    ]
    return sorted(mine, key=lambda case: case.created_at, reverse=True)


def active_tasks_of(*, case) -> list[Task]:
    if case.process_id is None:
        return []
    return list(
        Task.objects.filter(process_id=case.process_id, status__in=[STATUS.NEW, *ACTIVE])
        .filter(flow_task_type="HUMAN")
        .select_related("owner")
    )


def navigation_for(*, user: AbstractBaseUser) -> dict:
    from workflows.audit.selectors import workspace_allowed

    return {
        "display_name": user.get_full_name() or user.get_username(),
        "inbox_count": inbox_tasks(user=user).count(),
        "queue_count": queue_tasks(user=user).count(),
        "unread_count": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        "is_auditor": workspace_allowed(user=user),
    }


def task_for_user(*, user: AbstractBaseUser, task_pk: int):
    """``(entry, task, case)`` when ``user`` may see the task, else None (callers answer 404)."""
    task = Task.objects.select_related("process", "owner").filter(pk=task_pk).first()
    if task is None or task.flow_task_type != "HUMAN":
        return None
    entry = process_for_flow(task.process.flow_class)
    case = entry.flow_class.case_of(task.process)
    if not case_visible_to(case=case, user=user) and not task.flow_task.can_assign(user, task):
        return None
    task.case = case
    return entry, task, case


def case_decisions(*, case) -> list[dict]:
    """Every opinion on ``case`` as plain data: what a document's verification page lists."""
    return [
        {
            "step": opinion.step,
            "by": person_name(opinion.author),
            "at": timezone.localtime(opinion.created_at).strftime("%Y-%m-%d %H:%M"),
            "decision": opinion.get_decision_display(),
            "opinion": opinion.text,
        }
        for opinion in Opinion.objects.for_case(case).select_related("author")
    ]
