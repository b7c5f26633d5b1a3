"""Reads for the engine: inbox, queue, archive, case lists, navigation counts.

Query counts stay flat as data grows: tasks and their cases are loaded in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import CharField, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.org.models import Appointment, Role
from workflows.org.selectors import acting_user_ids
from workflows.rules.calendar import provisional_note, years_pending
from workflows.wording import person_name

from .declaration import FlowSpec
from .models import Decision, Notification, Opinion
from .owed import owed_for
from .registry import process_for_flow, processes
from .routing import queue_permission, queue_role
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


def tasks_filtered(
    tasks: QuerySet[Task], *, text: str = "", entry: FlowSpec | None = None, overdue: bool = False
) -> QuerySet[Task]:
    """``tasks`` of one process, of cases whose reference or headline contains ``text``, past
    their due date. The lists mix processes: one subquery per kind of case, in the same query."""
    if entry is not None:
        tasks = tasks.filter(process__flow_class=entry.flow_class)
    if text:
        models = dict.fromkeys(spec.case_model for spec in ([entry] if entry else processes()))
        matching = Q(pk__in=[])
        for model in models:
            cases = model.objects.filter(model.search_filter(text)).values("process_id")
            matching |= Q(process_id__in=cases)
        tasks = tasks.filter(matching)
    if overdue:
        today = timezone.localdate().isoformat()
        # As text: ISO dates order as strings, and the JSON lookups would compare numbers.
        tasks = tasks.alias(due=Cast(KT("data__due_on"), CharField())).filter(due__lt=today)
    return tasks


def task_decisions(tasks: Iterable[Task]) -> dict[int, Opinion]:
    """The decision that finished each task — its latest opinion besides comments and 转交 —
    in one query (the owner stays the principal when a 代理人 signs it)."""
    opinions = (
        Opinion.objects.filter(task_id__in=[task.pk for task in tasks])
        .exclude(decision__in=[Decision.COMMENT, Decision.TRANSFER])
        .select_related("author")
        .order_by("created_at", "pk")
    )
    return {opinion.task_id: opinion for opinion in opinions}


def task_unclaimable(*, task: Task, user: AbstractBaseUser) -> bool:
    """Whether ``user`` may give ``task`` back to its queue: they claimed it from a shared queue
    and have not started deciding."""
    return (
        task.owner_id == user.pk
        and task.status == STATUS.ASSIGNED
        and queue_role(task.owner_permission) is not None
    )


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
    *,
    entry,
    user: AbstractBaseUser,
    mine: bool = False,
    status: str | None = None,
    text: str = "",
) -> QuerySet:
    """One process's cases visible to ``user`` (or only their own), newest first; ``text``
    keeps those whose reference or headline contains it."""
    queryset = entry.case_model.objects.select_related("subject", "org")
    if mine:
        queryset = queryset.filter(Q(applicant=user) | Q(subject__user=user))
    else:
        queryset = cases_visible_to(queryset=queryset, user=user)
    if status:
        queryset = queryset.filter(status=status)
    if text:
        queryset = queryset.filter(entry.case_model.search_filter(text))
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

    tasks = inbox_tasks(user=user).count()
    owed = owed_for(user=user)
    return {
        "display_name": user.get_full_name() or user.get_username(),
        "task_count": tasks,
        # 待办 counts score sheets, ballots and reports owed as well as tasks.
        "inbox_count": tasks + sum(item.count for item in owed),
        "owed": owed,
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


def case_timeline(*, case, active_tasks: Iterable[Task]) -> list[dict]:
    """The case's record, oldest first, as its page lists it: the submission, every opinion
    (step, decision, who signed, when, what they wrote), then each open step with who holds it
    — or the office whose queue it waits in — and its deadline. Two queries however long."""
    entries = [{"kind": "submit", "by": person_name(case.applicant), "at": case.created_at}]
    entries += [
        {
            "kind": opinion.decision,
            "step": opinion.step,
            "decision": opinion.get_decision_display(),
            "by": person_name(opinion.author),
            "at": opinion.created_at,
            "text": opinion.text,
        }
        for opinion in Opinion.objects.for_case(case).select_related("author")
    ]
    for task in active_tasks:
        role = queue_role(task.owner_permission)
        entries.append(
            {
                "kind": "pending",
                "step": task.flow_task.step,
                "by": person_name(task.owner) if task.owner_id else "",
                "queue": Role(role).label if role in Role.values else "",
                "due_on": task_due_on(task),
                "overdue": is_overdue(task),
            }
        )
    return entries
