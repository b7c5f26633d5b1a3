"""批量审批: approve several tasks at once, each with its own opinion.

Each item is decided on its own, in its own transaction: one refusal (a rule, a stale task)
does not hold back or undo the others, and every item reports what happened to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from ..errors import CaseError
from ..registry import process_for_flow
from ..selectors import task_for_user

BULK_ACTIONS = ("approve",)


@dataclass(frozen=True)
class BulkItem:
    task_pk: int
    opinion: str


@dataclass(frozen=True)
class BulkOutcome:
    task_pk: int
    ok: bool
    message: str


def tasks_bulk_act(
    *, items: list[BulkItem], by: AbstractBaseUser, action: str = "approve"
) -> list[BulkOutcome]:
    if action not in BULK_ACTIONS:
        raise CaseError(f"批量办理只支持「同意」，不支持「{action}」")
    outcomes = []
    for item in items:
        found = task_for_user(user=by, task_pk=item.task_pk)
        if found is None:
            outcomes.append(BulkOutcome(item.task_pk, False, "待办不存在或无权查看"))
            continue
        _, task, case = found
        try:
            process_for_flow(task.process.flow_class).act(
                task=task, by=by, action=action, opinion=item.opinion
            )
        except CaseError as error:
            outcomes.append(BulkOutcome(item.task_pk, False, f"{case.reference}：{error}"))
        else:
            outcomes.append(BulkOutcome(item.task_pk, True, f"{case.reference}：已同意"))
    return outcomes
