"""In-app notifications and e-mail for whoever must act, for CC recipients, and for the
applicant at every step of their case."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.org.selectors import role_holders
from workflows.wording import site_language

from ..models import Decision, Notification, Opinion
from ..routing import Assignment

if TYPE_CHECKING:
    from workflows.rules.calendar import Window

logger = logging.getLogger(__name__)

TEXT_MAX = Notification._meta.get_field("text").max_length
SUBJECT_MAX = 120


def _clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notification_send(
    *, users: Iterable[AbstractBaseUser], text: str, url: str = "", detail: str = ""
) -> None:
    """Notify ``users`` in the app and, once the transaction commits, by one e-mail each.
    ``detail`` (an opinion) follows the text: clipped in the app, whole in the e-mail."""
    recipients = list({user.pk: user for user in users}.values())
    shown = f"{text}：{detail}" if detail else text
    Notification.objects.bulk_create(
        [Notification(user=user, text=_clipped(shown, TEXT_MAX), url=url) for user in recipients]
    )
    link = f"{settings.SITE_URL}{url}" if url else settings.SITE_URL
    # A header holds one line: an opinion's line breaks stay in the body.
    subject = _clipped(" ".join(f"【团务审批】{text}".split()), SUBJECT_MAX)
    body = "\n\n".join(part for part in (text, detail, link) if part)
    messages = [
        EmailMessage(
            subject=subject,
            body=body,
            to=[user.email],
            headers={"Auto-Submitted": "auto-generated"},
        )
        for user in recipients
        if user.email
    ]
    if messages:
        # robust: whatever the mail does, the decision that sent it is already committed.
        transaction.on_commit(lambda: _mail_send(messages), robust=True)


def _mail_send(messages: list[EmailMessage]) -> None:
    """One message per recipient over one connection: nobody sees another's address, and an
    address the server refuses costs only its own message."""
    try:
        with get_connection() as connection:
            for message in messages:
                try:
                    connection.send_messages([message])
                except (smtplib.SMTPException, OSError):
                    logger.warning("notification mail to %s not sent", message.to[0], exc_info=True)
    except (smtplib.SMTPException, OSError):
        logger.warning(
            "mail server unreachable: %s notification mails not sent", len(messages), exc_info=True
        )


# The decisions whose opinion the applicant is told with the news: why it came back or ended.
REASONED = (Decision.RETURN, Decision.RETURN_PREVIOUS, Decision.REJECT)


def _reason(*, case: models.Model, by: AbstractBaseUser | None, opinion: str) -> tuple[str, str]:
    """The decision ``by`` recorded on ``case`` for this move, and its opinion when the
    applicant is to read it: only a return's or refusal's opinion, and only as the case's own
    record shows it — never an objection's text, nor a decision made on a parent case."""
    if by is None or not opinion.strip():
        return "", ""
    latest = (
        Opinion.objects.for_case(case)
        .filter(author_id=by.pk)
        .order_by("-pk")
        .values_list("decision", "text")
        .first()
    )
    if latest is None or latest[1] != opinion or latest[0] not in REASONED:
        return "", ""
    return latest


def case_notify_applicant(
    *, case: models.Model, before: str, by: AbstractBaseUser | None, opinion: str = ""
) -> None:
    """Tell whoever submitted ``case`` where it stands after a move from ``before``, unless they
    made it themselves: worded from the new status, with the opinion of a return or refusal."""
    told_id = getattr(case, "told_user_id", None)
    if told_id is None or case.status == before or (by is not None and by.pk == told_id):
        return
    decision, reason = _reason(case=case, by=by, opinion=opinion)
    with site_language():
        names = {
            "kind": case._meta.verbose_name,
            "reference": case.reference,
            "headline": case.headline,
            "status": case.get_status_display(),
        }
        if decision == Decision.RETURN:
            text = _("您的%(kind)s %(reference)s · %(headline)s 已退回修改") % names
        elif decision == Decision.RETURN_PREVIOUS:
            text = _("您的%(kind)s %(reference)s · %(headline)s 已退回，现为「%(status)s」") % names
        else:
            text = _("您的%(kind)s %(reference)s · %(headline)s 现为「%(status)s」") % names
    told = get_user_model().objects.get(pk=told_id)
    notification_send(users=[told], text=text, url=case.get_absolute_url(), detail=reason)


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
