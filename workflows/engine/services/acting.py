"""Acting on a task: check the action and its input against the step's declaration, record the
opinion, run the step's one handler inside ``task_complete``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from ..declaration import Act, Action
from ..errors import CaseError, NotAllowed
from ..inputs import input_problems
from .cases import opinion_record
from .tasks import task_complete


def opinion_check(action: Action, opinion: str) -> None:
    if action.opinion_required and not opinion.strip():
        raise CaseError(_("「%(action)s」须填写意见") % {"action": action.label})


def input_check(act: Act, data: dict[str, Any], *, case, task: Task) -> dict[str, Any]:
    """The action's input as its declared serializer reads it; every problem named with the
    field it is in."""
    if act.input is None:
        return data
    serializer = act.input(data=data, context={"case": case, "task": task})
    if serializer.is_valid():
        return serializer.validated_data
    raise CaseError(input_problems(serializer))


def task_act(
    *,
    task: Task,
    by: AbstractBaseUser,
    action: str,
    opinion: str = "",
    data: dict[str, Any] | None = None,
    files: dict[str, UploadedFile] | None = None,
) -> Any:
    """Finish ``task`` with ``action``: the entry point of every step of every process.

    The step's declaration names the handler; the opinion is recorded first, so documents the
    handler issues already carry it.
    """
    step = task.flow_task.spec
    act = step.act(action)
    if act is None:
        raise NotAllowed(_("此环节不能执行「%(action)s」") % {"action": action})
    opinion_check(act.action, opinion)
    files = files or {}

    def perform(case, *, decides: bool) -> None:
        checked = input_check(act, data or {}, case=case, task=task)
        opinion_record(
            case=case,
            by=by,
            step=step.title,
            decision=act.action.decision,
            text=opinion,
            task=task,
        )
        # A signature that does not yet decide a step several people sign stays an opinion.
        if decides:
            act.handler(case, by=by, opinion=opinion, data=checked, files=files, task=task)

    return task_complete(task=task, by=by, action=action, perform=perform)
