"""Writes on a case: one FSM transition with its audit event, opinions, comments, CC."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, can_proceed
from viewflow.workflow.models import Task

from workflows.audit.services import audit_record
from workflows.wording import person_name, site_language

from ..errors import CaseError, NotAllowed, RuleViolation
from ..models import CarbonCopy, Decision, Opinion
from ..visibility import case_acted_on_by, case_visible_to, cc_reachable
from .notifications import case_notify_applicant, notification_send


def status_label(case: models.Model, value: str | None = None) -> str:
    choices = dict(case._meta.get_field("status").choices)
    key = case.status if value is None else value
    return str(choices.get(key, key))


def case_transition(
    *,
    case: models.Model,
    transition: str,
    by: AbstractBaseUser | None,
    opinion: str = "",
    request: HttpRequest | None = None,
    audit_data: dict | None = None,
    **kwargs,
) -> None:
    """Run exactly one FSM transition, save, write its audit event and tell the applicant
    (``case_notify_applicant``), all in the same transaction.

    ``kwargs`` go to the transition; ``audit_data`` joins the event's data."""
    before = case.status
    method = getattr(case, transition)
    with transaction.atomic():
        try:
            method(**kwargs)
        except TransitionNotAllowed as error:
            if can_proceed(method, check_conditions=False):
                raise RuleViolation(case.transition_problems(transition)) from error
            raise CaseError(
                _("案件当前为「%(status)s」，不能%(action)s")
                % {
                    "status": status_label(case, before),
                    "action": case.transition_label(transition),
                }
            ) from error
        case.save()
        with site_language():
            status_before, status_after = status_label(case, before), status_label(case)
        audit_record(
            action="case.transition",
            by=by,
            case=case,
            before=status_before,
            after=status_after,
            opinion=opinion,
            data={"transition": transition, **(audit_data or {})},
            request=request,
        )
        case_notify_applicant(case=case, before=before, by=by, opinion=opinion)


def case_withdraw(*, case: models.Model, by: AbstractBaseUser, reason: str, step: str) -> None:
    """撤回 by whoever submitted the case, while no approver has acted since: its process ends."""
    if by.pk != case.applicant_id:
        raise NotAllowed(_("只有提交人本人可以撤回"))
    flow = case.process.flow_class.instance
    with flow.lock(case.process_id):
        case.refresh_from_db()
        case_transition(case=case, transition="withdraw", by=by, opinion=reason)
        opinion_record(case=case, by=by, step=step, decision=Decision.WITHDRAW, text=reason)
        flow.cancel(case.process)


def case_register(
    *,
    case: models.Model,
    prefix: str,
    by: AbstractBaseUser,
    after: str | None = None,
    opinion: str = "",
    data: dict | None = None,
) -> None:
    """Save a new case, number it ``<prefix><year>-<00042>`` and record its creation.

    ``after`` defaults to the case's status, worded in the site language."""
    case.reference = uuid.uuid4().hex[:12]  # unique until the primary key is known
    case.save()
    case.reference = f"{prefix}{timezone.localdate().year}-{case.pk:05d}"
    type(case).objects.filter(pk=case.pk).update(reference=case.reference)
    if after is None:
        with site_language():
            after = status_label(case)
    audit_record(
        action="case.create", by=by, case=case, after=after, opinion=opinion, data=data or {}
    )


def opinion_record(
    *,
    case: models.Model,
    by: AbstractBaseUser,
    step: str,
    decision: str,
    text: str,
    task: Task | None = None,
) -> Opinion:
    opinion = Opinion.objects.create(
        case=case, task=task, step=step, decision=decision, text=text, author=by
    )
    with site_language():
        after = f"{step}：{Decision(decision).label}"
    audit_record(
        action="comment.add" if decision == Decision.COMMENT else "opinion.add",
        by=by,
        case=case,
        after=after,
        opinion=text,
        data={"task": task.pk if task else None},
    )
    return opinion


def case_comment(*, case: models.Model, by: AbstractBaseUser, text: str) -> Opinion:
    if not case_visible_to(case=case, user=by):
        raise NotAllowed(_("无权查看该案件"))
    if not text.strip():
        raise CaseError(_("评论内容不能为空"))
    return opinion_record(case=case, by=by, step="评论", decision=Decision.COMMENT, text=text)


def case_cc(
    *, case: models.Model, users: Iterable[AbstractBaseUser], by: AbstractBaseUser
) -> list[CarbonCopy]:
    """抄送 by someone who acts on the case, to people of the case's committee subtree or its
    party organisation: they may read the case from now on and are notified. A copy gives
    reading, not a say, so its recipients cannot copy it on."""
    if not case_acted_on_by(case=case, user=by):
        raise NotAllowed(_("只有办理本案的人员可以抄送（抄送对象不能再转抄送）"))
    users = list(users)
    outside = [user for user in users if not cc_reachable(case=case, user=user)]
    if outside:
        raise NotAllowed(
            _("%(names)s 不在本案所属团委及关联党组织范围内，不能抄送")
            % {"names": "、".join(person_name(user) for user in outside)}
        )
    return copies_grant(case=case, users=users, by=by)


def copies_grant(
    *, case: models.Model, users: Iterable[AbstractBaseUser], by: AbstractBaseUser
) -> list[CarbonCopy]:
    """Let ``users`` read ``case`` (audited, notified): the step of a process that shows a case
    to the people its rules chose (互检互查 reviewers), and of a person's checked 抄送."""
    created = []
    for user in users:
        copy, is_new = CarbonCopy.objects.get_or_create(
            case_type=ContentType.objects.get_for_model(case),
            case_id=case.pk,
            user=user,
            defaults={"sent_by": by},
        )
        if is_new:
            created.append(copy)
    if created:
        names = "、".join(person_name(c.user) for c in created)
        audit_record(action="case.cc", by=by, case=case, after=names)
        notification_send(
            users=[c.user for c in created],
            text=f"抄送：{case.reference} {case.headline}",
            url=reverse("engine:case_detail", args=[case._meta.label_lower, case.pk]),
        )
    return created
