"""Acting on a task: claim, complete through one service call, transfer.

Every write happens under the flow's row lock on the process, after re-reading the task, so a
second click or a second approver gets "already handled by X at T" and nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.audit.services import audit_record
from workflows.wording import person_name, site_language

from ..errors import NotAllowed, StaleTask
from ..models import Decision
from ..selectors import task_decisions, task_unclaimable
from ..visibility import case_visible_to
from .cases import opinion_record
from .notifications import notification_send
from .reroute import task_reroute
from .signers import seat_outcome, seats_close, seats_follow


def stale_message(task: Task, *, acted_by: AbstractBaseUser | None = None) -> str:
    """What a second click reads: who handled the task and when. ``acted_by`` is who actually
    decided (a 代理人 acting for the owner); it defaults to the owner."""
    when = timezone.localtime(task.finished).strftime("%Y-%m-%d %H:%M") if task.finished else ""
    if task.status == STATUS.CANCELED:
        # A seat closed because another signer decided the step (会签, 或签).
        closed_by = ((task.data or {}).get("sign") or {}).get("closed_by")
        decider = task_decided_by(Task(pk=closed_by)) if closed_by else None
        if decider is not None:
            return _("该环节已由 %(name)s 于 %(when)s 决定，无需您再签署") % {
                "name": person_name(decider),
                "when": when,
            }
        return _("该待办已于 %(when)s 取消（案件已撤回、退回或转由他人办理）") % {"when": when}
    principal = task.owner
    acted_by = acted_by or principal
    if principal is not None and acted_by.pk != principal.pk:
        return _("该待办已由 %(name)s（代 %(principal)s）于 %(when)s 处理") % {
            "name": person_name(acted_by),
            "principal": person_name(principal),
            "when": when,
        }
    return _("该待办已由 %(name)s 于 %(when)s 处理") % {
        "name": person_name(acted_by),
        "when": when,
    }


def task_decided_by(task: Task) -> AbstractBaseUser | None:
    """Who signed the decision that finished ``task``: its opinion is the one record of it
    (the owner stays the principal when a 代理人 acts)."""
    opinion = task_decisions([task]).get(task.pk)
    return opinion.author if opinion is not None else None


def _refuse_if_recused(task: Task, by: AbstractBaseUser) -> None:
    """Nobody decides a case about themselves. The task moves on to the next office first (so
    the case does not wait for them, e.g. when they stand in for its holder), then the
    refusal says why; the move stands although the request is refused."""
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED):
        return
    if not task.flow_task.is_recused(by, task):
        return
    with site_language():
        reason = _("%(name)s 为案件当事人，须回避") % {"name": person_name(by)}
    task_reroute(task=task, on=timezone.localdate(), by=None, reason=reason)
    raise NotAllowed(_("该案件与您本人有关，您须回避，不能办理"))


@contextmanager
def _locked(task: Task):
    """Hold the process row lock, with the task and its case re-read under it."""
    with task.flow_task.flow_class.lock(task.process_id):
        task.refresh_from_db()
        task.flow_task.flow_class.case_forget(task.process)
        yield


def _claim(task: Task, by: AbstractBaseUser) -> Any:
    activation = task.flow_task.activation_class(task)
    if task.status == STATUS.DONE:
        raise StaleTask(stale_message(task, acted_by=task_decided_by(task)))
    if task.status == STATUS.CANCELED:
        raise StaleTask(stale_message(task))
    if task.status == STATUS.NEW:
        if not task.flow_task.can_assign(by, task):
            raise NotAllowed(_("您不在该待办的办理范围内"))
        activation.assign(by)
        audit_record(
            action="task.claim",
            by=by,
            case=task.flow_task.flow_class.case_of(task.process),
            after=f"{task.flow_task.step} → {person_name(by)}",
            data={"task": task.pk},
        )
    elif task.owner_id != by.pk and not task.flow_task.can_execute(by, task):
        if task.owner_permission:
            raise StaleTask(_("该待办已由 %(name)s 认领") % {"name": person_name(task.owner)})
        raise NotAllowed(_("该待办由 %(name)s 办理") % {"name": person_name(task.owner)})
    return activation


def handle_resume(*, case, node) -> None:
    """Let a case waiting on the ``flow.Handle`` ``node`` go on to its next step (or its end)."""
    task = Task.objects.filter(
        process_id=case.process_id, flow_task=node, status=STATUS.NEW
    ).first()
    if task is not None:
        node.run(task)


def task_claim(*, task: Task, by: AbstractBaseUser) -> Task:
    _refuse_if_recused(task, by)
    with _locked(task):
        _claim(task, by)
    return task


def _unclaimed_message(task: Task) -> str:
    """What a second 退回队列 reads: who gave the task back, and when."""
    unclaimed = (task.data or {}).get("unclaimed")
    if unclaimed is None:
        return _("该待办在团队队列中，尚未认领")
    who = get_user_model().objects.filter(pk=unclaimed["by"]).first()
    when = timezone.localtime(datetime.fromisoformat(unclaimed["at"])).strftime("%Y-%m-%d %H:%M")
    return _("该待办已由 %(name)s 于 %(when)s 退回队列") % {"name": person_name(who), "when": when}


def task_unclaim(*, task: Task, by: AbstractBaseUser) -> Task:
    """退回队列: whoever claimed a shared task gives it back, undecided, for another holder of
    the office to claim."""
    with _locked(task):
        if task.status == STATUS.DONE:
            raise StaleTask(stale_message(task, acted_by=task_decided_by(task)))
        if task.status == STATUS.CANCELED:
            raise StaleTask(stale_message(task))
        if task.status == STATUS.NEW:
            raise StaleTask(_unclaimed_message(task))
        if task.owner_id != by.pk:
            raise StaleTask(_("该待办已由 %(name)s 认领") % {"name": person_name(task.owner)})
        if not task_unclaimable(task=task, user=by):
            if task.status == STATUS.STARTED:
                raise NotAllowed(_("该待办已开始办理，不能退回队列"))
            raise NotAllowed(_("该待办是直接分派给您的，不能退回队列；如需他人办理请转交"))
        case = task.flow_task.flow_class.case_of(task.process)
        task.data = {
            **(task.data or {}),
            "unclaimed": {"by": by.pk, "at": timezone.now().isoformat()},
        }
        task.flow_task.activation_class(task).unassign()
        with site_language():
            after = _("%(step)s → 团队队列") % {"step": task.flow_task.step}
        audit_record(
            action="task.unclaim",
            by=by,
            case=case,
            before=f"{task.flow_task.step} → {person_name(by)}",
            after=after,
            data={"task": task.pk},
        )
    return task


def task_complete(
    *, task: Task, by: AbstractBaseUser, action: str, perform: Callable[..., None]
) -> Any:
    """Finish ``task`` as ``by``: ``perform(case, decides=...)`` records the signature and, when
    it decides the step, makes the one service call. At a step several people sign (会签,
    或签, k of n, 加签) only the signature that meets the policy decides, exactly once: the
    others complete their own task and the process waits."""
    if action not in task.flow_task.actions:
        raise NotAllowed(_("此环节不能执行「%(action)s」") % {"action": action})
    _refuse_if_recused(task, by)
    with _locked(task):
        activation = _claim(task, by)
        result = seat_outcome(task=task, by=by, action=action)
        if not task.flow_task.can_execute(by, task):
            raise NotAllowed(_("您不能办理此待办（非办理人，或案件与您本人有关需回避）"))
        activation.start(None)
        case = task.flow_task.flow_class.case_of(task.process)
        perform(case, decides=result.decides)
        if result.decides:
            seats_close(task=task, by=by)
            activation.execute()
        else:
            activation.complete()
            seats_follow(task=task, result=result, by=by)
    return case


def task_transfer(
    *, task: Task, to_user: AbstractBaseUser, by: AbstractBaseUser, reason: str
) -> Task:
    """转交: hand an open task to someone else who may see the case."""
    _refuse_if_recused(task, by)
    with _locked(task):
        activation = _claim(task, by)
        if not task.flow_task.can_execute(by, task):
            raise NotAllowed(_("只有办理人可以转交此待办"))
        case = task.flow_task.flow_class.case_of(task.process)
        if to_user.pk == case.subject_user_id:
            raise NotAllowed(_("不能转交给案件当事人本人（回避）"))
        if to_user.pk == by.pk:
            raise NotAllowed(_("不能转交给自己"))
        if not case_visible_to(case=case, user=to_user):
            raise NotAllowed(
                _("%(name)s 不在该案件所属组织范围内，不能转交") % {"name": person_name(to_user)}
            )
        if not reason.strip():
            raise NotAllowed(_("转交须填写原因"))
        previous_owner = task.owner
        activation.reassign(user=to_user)
        audit_record(
            action="task.transfer",
            by=by,
            case=case,
            before=person_name(previous_owner),
            after=person_name(to_user),
            opinion=reason,
            data={"task": task.pk},
        )
        opinion_record(
            case=case,
            by=by,
            step=task.flow_task.step,
            decision=Decision.TRANSFER,
            text=f"转交给 {person_name(to_user)}：{reason}",
            task=task,
        )
        notification_send(
            users=[to_user],
            text=f"转交待办：{case.reference} {task.flow_task.step}",
            url=f"/tasks/{task.pk}/",
        )
    return task
