"""批量审批: approve several tasks at once, each with its own opinion.

Each item is decided on its own, in its own transaction: one refusal (a rule, a stale task)
does not hold back or undo the others, and every item reports what happened to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from workflows.wording import clauses_text

from ..errors import CaseError
from ..selectors import task_for_user
from .acting import task_act

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
        raise CaseError(_("批量办理只支持「同意」，不支持「%(action)s」") % {"action": action})
    outcomes = []
    for item in items:
        found = task_for_user(user=by, task_pk=item.task_pk)
        if found is None:
            outcomes.append(BulkOutcome(item.task_pk, False, _("待办不存在或无权查看")))
            continue
        task, case = found[1:]
        try:
            task_act(task=task, by=by, action=action, opinion=item.opinion)
        except CaseError as error:
            message = _("%(reference)s：%(error)s") % {
                "reference": case.reference,
                "error": clauses_text(error.messages),
            }
            outcomes.append(BulkOutcome(item.task_pk, False, message))
        else:
            message = _("%(reference)s：已同意") % {"reference": case.reference}
            outcomes.append(BulkOutcome(item.task_pk, True, message))
    return outcomes
