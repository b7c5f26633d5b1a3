"""Writes of steps several people sign (see ``engine/signers.py``): a seat for each assignee
when such a step activates, whether a signature decides the step, closing the seats no longer
needed, and 加签.

Everything here runs under the flow's lock on the process: the seats are re-read under it, so
two last signers at once cannot both decide the step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.audit.services import audit_record
from workflows.wording import list_text, person_name, site_language

from ..errors import CaseError, NotAllowed, StaleTask
from ..models import Decision
from ..routing import Assignment
from ..signers import (
    OPEN,
    Added,
    Mode,
    Outcome,
    Signers,
    group_seats,
    outcome,
    policy_text,
    seats_of,
    sign_of,
    waiting_on,
)
from ..visibility import case_acted_on_by
from .notifications import notification_send, task_announce

if TYPE_CHECKING:
    from workflows.rules.calendar import Window

# What a new seat keeps of the seat it is opened beside: the deadline and who must recuse.
SEAT_KEYS = ("due_on", "due_pending_years", "recused")
GROUP_KEYS = ("group", "mode", "k", "n")


def _case(task: Task):
    return task.flow_task.flow_class.case_of(task.process)


def _task_url(task: Task) -> str:
    return reverse("engine:task", args=[task.pk])


def _seat_add(*, beside: Task, user: AbstractBaseUser, sign: dict) -> Task:
    """A seat for ``user`` at ``beside``'s step, reached from the same previous task."""
    node = beside.flow_task
    seat = node.flow_class.task_class(
        process=beside.process,
        flow_task=node,
        token=beside.token,
        owner=user,
        status=STATUS.ASSIGNED,
        data={
            **{key: beside.data[key] for key in SEAT_KEYS if key in beside.data},
            "sign": sign,
        },
    )
    seat.save()
    seat.previous.set(beside.previous.all())
    return seat


def seats_open(
    *, task: Task, policy: Signers, people: list[AbstractBaseUser], due: Window | None
) -> list[Task]:
    """The step activated as ``task`` for ``people[0]``: every other assignee gets a seat of
    their own, announced like any task, and the policy is recorded on each."""
    n = len(people)
    sign = {"group": task.pk, "mode": policy.mode.value, "k": min(policy.k, n), "n": n}
    task.data = {**task.data, "sign": sign}
    task.save(update_fields=["data"])
    seats = [task, *(_seat_add(beside=task, user=user, sign=dict(sign)) for user in people[1:])]
    for seat in seats[1:]:
        task_announce(task=seat, assignment=Assignment(owner=seat.owner, queue=None), due=due)
    with site_language():
        after = _("%(step)s：%(policy)s（%(names)s）") % {
            "step": task.flow_task.step,
            "policy": policy_text(sign),
            "names": list_text(person_name(user) for user in people),
        }
    audit_record(
        action="task.signers",
        by=None,
        case=_case(task),
        after=after,
        data={"tasks": [seat.pk for seat in seats], "mode": sign["mode"], "k": sign["k"]},
    )
    return seats


def seat_outcome(*, task: Task, by: AbstractBaseUser, action: str) -> Outcome:
    """Whether ``by`` taking ``action`` on ``task`` decides its step, under the flow lock.

    A task that is no seat decides as always. A seat records its own signature in its data
    (saved when it completes); a seat waiting for someone added before its holder, or a person
    who already signed another seat of the group, is refused.
    """
    sign = sign_of(task)
    if sign is None:
        return Outcome(decides=True)
    waited = waiting_on(task)
    if waited is not None:
        raise NotAllowed(
            _("须等待 %(name)s 先签署（前加签）后才能办理") % {"name": person_name(waited.owner)}
        )
    seats = group_seats(task)
    if any((sign_of(seat) or {}).get("signed_by") == by.pk for seat in seats if seat.pk != task.pk):
        raise NotAllowed(_("您已在本环节签署，每人只签一次"))
    act = task.flow_task.spec.act(action)
    approves = act is not None and act.action.decision == Decision.APPROVE
    result = outcome(
        mode=sign["mode"],
        k=sign["k"],
        seats=seats_of(seats),
        acting=task.pk,
        approves=approves,
        later=len(sign.get("then", [])) if approves else 0,
    )
    sign.update(approved=approves, signed_by=by.pk)
    return result


def _seats_close(*, seats: list[Task], closer: Task, why: str) -> None:
    """Cancel ``seats`` (no longer needed because of ``closer``'s signature), audited, their
    holders told."""
    if not seats:
        return
    for seat in seats:
        seat.data["sign"]["closed_by"] = closer.pk
        seat.flow_task.activation_class(seat).cancel()
    case = _case(closer)
    step = closer.flow_task.step
    with site_language():
        names = list_text(person_name(seat.owner) for seat in seats)
        after = _("%(step)s：%(why)s，无需再签署：%(names)s") % {
            "step": step,
            "why": why,
            "names": names,
        }
        text = _("无需办理：%(reference)s %(step)s（%(why)s）") % {
            "reference": case.reference,
            "step": step,
            "why": why,
        }
    audit_record(
        action="task.signers_close",
        by=None,
        case=case,
        after=after,
        data={"task": closer.pk, "closed": [seat.pk for seat in seats]},
    )
    notification_send(
        users=[seat.owner for seat in seats if seat.owner_id],
        text=text,
        url=case.get_absolute_url(),
    )


def seats_close(*, task: Task, by: AbstractBaseUser) -> None:
    """``task``'s signature decided the step: every other open seat of its group closes."""
    if sign_of(task) is None:
        return
    with site_language():
        why = _("已由 %(name)s 决定") % {"name": person_name(by)}
    _seats_close(
        seats=[seat for seat in group_seats(task) if seat.pk != task.pk and seat.status in OPEN],
        closer=task,
        why=why,
    )


def seats_follow(*, task: Task, result: Outcome, by: AbstractBaseUser) -> None:
    """``task`` signed without deciding the step. Whom its holder added after themself (后加签)
    get their seats once it agreed; the assignees' seats the policy no longer needs close; and
    whoever waited for this signature (前加签) is told it is their turn."""
    sign = sign_of(task)
    case = _case(task)
    step = task.flow_task.step
    if sign.get("approved"):
        users = get_user_model().objects.in_bulk([entry["user"] for entry in sign.get("then", [])])
        for entry in sign.get("then", []):
            seat = _seat_add(
                beside=task,
                user=users[entry["user"]],
                sign={
                    **{key: sign[key] for key in GROUP_KEYS},
                    "added": Added.AFTER.value,
                    "added_by": entry["by"],
                },
            )
            task_announce(task=seat, assignment=Assignment(owner=seat.owner, queue=None))
    seats = group_seats(task)
    if result.drop:
        with site_language():
            why = _("签署人数已满足")
        _seats_close(
            seats=[seat for seat in seats if seat.pk in result.drop and seat.status in OPEN],
            closer=task,
            why=why,
        )
    released = [
        seat for seat in seats if seat.status in OPEN and sign_of(seat).get("waits_for") == task.pk
    ]
    for seat in released:
        with site_language():
            text = _("请您办理：%(reference)s %(step)s（%(name)s 已签署）") % {
                "reference": case.reference,
                "step": step,
                "name": person_name(by),
            }
        notification_send(users=[seat.owner], text=text, url=_task_url(seat))


def _signer_problem(*, case, task: Task, user: AbstractBaseUser, by: AbstractBaseUser) -> str:
    """Why ``user`` cannot be added to sign ``task``'s step, or "" when they can."""
    name = person_name(user)
    if user.pk in (by.pk, task.owner_id):
        return _("不能为自己加签")
    if user.pk == case.subject_user_id:
        return _("不能加签案件当事人本人（回避）")
    if user.pk == case.applicant_id:
        return _("%(name)s 是本案申请人，不能加签") % {"name": name}
    if not user.is_active:
        return _("%(name)s 的账号已停用，不能加签") % {"name": name}
    seated = {seat.owner_id for seat in group_seats(task)}
    seated.update(entry["user"] for entry in (sign_of(task) or {}).get("then", []))
    if user.pk in seated:
        return _("%(name)s 已是本环节的签署人") % {"name": name}
    if not case_acted_on_by(case=case, user=user):
        return _("%(name)s 不在该案件所属组织范围内，不能加签") % {"name": name}
    return ""


def task_signer_add(
    *, task: Task, user: AbstractBaseUser, position: str, reason: str, by: AbstractBaseUser
) -> None:
    """加签: ``by``, who may act on ``task``, asks ``user`` to sign its step too — before them
    (``task`` waits until ``user`` has signed) or after them (once ``by`` agrees, ``user``
    must agree too before the step completes). An added signer's 不同意 or 退回 decides the
    step. Audited; ``user`` is notified when it is their turn."""
    node = task.flow_task
    if not node.spec.signable:
        raise NotAllowed(_("此环节不能加签"))
    if position not in {added.value for added in Added}:
        raise CaseError(_("请选择前加签或后加签"))
    if not reason.strip():
        raise CaseError(_("加签须填写原因"))
    with node.flow_class.lock(task.process_id):
        task.refresh_from_db()
        node.flow_class.case_forget(task.process)
        if task.status not in OPEN:
            raise StaleTask(_("该待办已办结，不能加签"))
        if not node.can_execute(by, task):
            raise NotAllowed(_("只有当前办理人可以加签"))
        case = node.flow_class.case_of(task.process)
        problem = _signer_problem(case=case, task=task, user=user, by=by)
        if problem:
            raise NotAllowed(problem)
        sign = sign_of(task) or {"group": task.pk, "mode": Mode.SINGLE.value, "k": 1, "n": 1}
        seat = None
        if position == Added.BEFORE:
            seat = _seat_add(
                beside=task,
                user=user,
                sign={
                    **{key: sign[key] for key in GROUP_KEYS},
                    "added": Added.BEFORE.value,
                    "added_by": by.pk,
                },
            )
            sign["waits_for"] = seat.pk
        else:
            sign["then"] = [*sign.get("then", []), {"user": user.pk, "by": by.pk}]
        task.data = {**task.data, "sign": sign}
        task.save(update_fields=["data"])
        step = node.step
        with site_language():
            label = _("前加签") if seat is not None else _("后加签")
            after = _("%(step)s：%(label)s %(name)s") % {
                "step": step,
                "label": label,
                "name": person_name(user),
            }
            text = _("加签待办：%(reference)s %(step)s（%(name)s 请您签署）") % {
                "reference": case.reference,
                "step": step,
                "name": person_name(by),
            }
        audit_record(
            action="task.add_signer",
            by=by,
            case=case,
            before=person_name(task.owner),
            after=after,
            opinion=reason,
            data={
                "task": task.pk,
                "signer": user.pk,
                "position": position,
                "seat": seat.pk if seat is not None else None,
            },
        )
        if seat is not None:
            notification_send(users=[user], text=text, url=_task_url(seat))
