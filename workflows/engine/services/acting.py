"""The shape every process's task service shares: check the action, record the opinion, run the
step's one handler inside ``task_complete``."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from ..actions import ACTION_LABELS
from ..bounds import PROCESS_DATES
from ..errors import CaseError, NotAllowed
from ..models import Decision
from .cases import case_transition, opinion_record
from .tasks import task_complete

# Actions that end, return or refuse something must say why.
OPINION_REQUIRED = {
    "return",
    "return_previous",
    "reject",
    "uphold",
    "decline",
    "warn",
    "downgrade",
    "revoke",
    "not_rectified",
}

ACTION_DECISIONS = {
    "approve": Decision.APPROVE,
    "return": Decision.RETURN,
    "return_previous": Decision.RETURN_PREVIOUS,
    "reject": Decision.REJECT,
    "resubmit": Decision.RESUBMIT,
    "withdraw": Decision.WITHDRAW,
    "record_vote": Decision.RECORD,
    "dismiss": Decision.APPROVE,
    "uphold": Decision.REJECT,
    "accept": Decision.APPROVE,
    "decline": Decision.REJECT,
    "record_round": Decision.RECORD,
    "reduce_seats": Decision.RECORD,
    "assign_officers": Decision.RECORD,
    "submit_report": Decision.APPROVE,
    "publish_shortlist": Decision.RECORD,
    "confirm": Decision.APPROVE,
    "issue_decision": Decision.APPROVE,
    "open_applications": Decision.APPROVE,
    "start_peer_review": Decision.RECORD,
    "publish_assessment": Decision.RECORD,
    "issue_recognition": Decision.APPROVE,
    "submit_yearly_report": Decision.APPROVE,
    "pass_review": Decision.APPROVE,
    "warn": Decision.RECORD,
    "downgrade": Decision.RECORD,
    "revoke": Decision.REJECT,
    "submit_rectification": Decision.APPROVE,
    "rectified": Decision.APPROVE,
    "not_rectified": Decision.REJECT,
}

Handler = Callable[..., None]


def opinion_check(action: str, opinion: str) -> None:
    if action in OPINION_REQUIRED and not opinion.strip():
        raise CaseError(_("「%(action)s」须填写意见") % {"action": ACTION_LABELS[action]})


def date_parse(value: Any, label: str) -> datetime.date:
    """A meeting, decision or deadline date from task data, within the plausible years."""
    if isinstance(value, datetime.date):
        return PROCESS_DATES.check(value, label)
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise CaseError(
            _("%(label)s「%(value)s」不是有效日期（应为 2026-11-25 格式）")
            % {"label": label, "value": value}
        ) from error
    return PROCESS_DATES.check(day, label)


def transition_handler(transition: str) -> Handler:
    """The handler of a step that makes one transition, with the step's opinion."""

    def handler(case, *, by, opinion, **_rest) -> None:
        case_transition(case=case, transition=transition, by=by, opinion=opinion)

    return handler


def task_act(
    *,
    task: Task,
    by: AbstractBaseUser,
    action: str,
    opinion: str,
    data: dict[str, Any] | None,
    files: dict[str, UploadedFile] | None,
    handlers: Mapping[tuple[str, str], Handler],
) -> Any:
    """Finish ``task`` with ``action`` through ``handlers[(step, action)](case=..., ...)``.

    The opinion is recorded first, so documents the handler issues already carry it.
    """
    opinion_check(action, opinion)
    handler = handlers.get((task.flow_task.name, action))
    if handler is None:
        raise NotAllowed(_("此环节不能执行「%(action)s」") % {"action": action})
    data = data or {}
    files = files or {}

    def perform(case) -> None:
        opinion_record(
            case=case,
            by=by,
            step=task.flow_task.step,
            decision=ACTION_DECISIONS[action],
            text=opinion,
            task=task,
        )
        handler(case, by=by, opinion=opinion, data=data, files=files, task=task)

    return task_complete(task=task, by=by, action=action, perform=perform)


def task_actor(handlers: Mapping[tuple[str, str], Handler], *, process: str) -> Callable[..., Any]:
    """A process's ``<noun>_act`` service: ``task_act`` bound to its handler table."""

    def act(
        *,
        task: Task,
        by: AbstractBaseUser,
        action: str,
        opinion: str = "",
        data: dict[str, Any] | None = None,
        files: dict[str, UploadedFile] | None = None,
    ) -> Any:
        return task_act(
            task=task,
            by=by,
            action=action,
            opinion=opinion,
            data=data,
            files=files,
            handlers=handlers,
        )

    act.__doc__ = f"Finish ``task`` with ``action``: the entry point of every {process} step."
    return act
