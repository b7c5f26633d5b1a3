"""In-app notifications and e-mail for whoever must act, and for CC recipients."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.org.selectors import role_holders
from workflows.wording import site_language

from ..models import Notification
from ..routing import Assignment

if TYPE_CHECKING:
    from workflows.rules.calendar import Window


def notification_send(*, users: Iterable[AbstractBaseUser], text: str, url: str = "") -> None:
    recipients = {user.pk: user for user in users}.values()
    Notification.objects.bulk_create(
        [Notification(user=user, text=text, url=url) for user in recipients]
    )
    addresses = [user.email for user in recipients if user.email]
    if addresses:
        link = f"{settings.SITE_URL}{url}" if url else settings.SITE_URL
        transaction.on_commit(
            lambda: send_mail(
                subject=f"【团务审批】{text}",
                message=f"{text}\n\n{link}",
                from_email=None,
                recipient_list=addresses,
                fail_silently=True,
            )
        )


def task_announce(*, task, assignment: Assignment, due: Window | None = None) -> None:
    """Tell the owner, or every holder of the queue's office, that a task waits for them; the
    assignment event gives the deadline, marked when it is provisional."""
    from workflows.audit.services import audit_record

    case = task.flow_task.flow_class.case_of(task.process)
    if assignment.owner is not None:
        users = [assignment.owner]
    elif assignment.queue is not None:
        users = role_holders(
            role=assignment.queue.role, org=assignment.queue.org, on=timezone.localdate()
        )
    else:
        users = []
    url = reverse("engine:task", args=[task.pk])
    notification_send(users=users, text=f"待办：{case.reference} {task.flow_task.step}", url=url)
    with site_language():
        after = f"{task.flow_task.step} → {assignment.describe()}"
        if due is not None:
            after += _("，期限 %(due)s%(note)s") % {"due": due.end.isoformat(), "note": due.note}
    audit_record(
        action="task.assign",
        by=None,
        case=case,
        after=after,
        data={"task": task.pk, "due_on": due.end.isoformat() if due else None},
    )


def notifications_mark_read(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
