"""Celery tasks for deployments with a broker (in-process otherwise); the embedded worker
calls the same sweep."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .services.reroute import tasks_reroute
from .services.timers import timers_sweep


@shared_task(name="workflows.engine.tasks.timers_fire")
def timers_fire() -> dict:
    return vars(timers_sweep())


@shared_task(name="workflows.engine.tasks.tasks_reroute_run")
def tasks_reroute_run(*, user_ids: list[int], on: str, by_id: int | None, reason: str) -> int:
    """Move the open tasks of ``user_ids`` to whoever holds their offices; how many moved."""
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    moved = tasks_reroute(
        user_ids=user_ids, on=datetime.date.fromisoformat(on), by=by, reason=reason
    )
    return len(moved)


def tasks_reroute_after_commit(
    *, user_ids: Iterable[int], on: datetime.date, by: AbstractBaseUser | None, reason: str
) -> None:
    """Run ``tasks_reroute_run`` once the decision that changed the offices commits: moving a
    thousand open tasks (each locked, audited and notified) never holds that decision, and a
    task that fails to move never undoes it."""
    arguments = {
        "user_ids": sorted(user_ids),
        "on": on.isoformat(),
        "by_id": by.pk if by is not None else None,
        "reason": reason,
    }
    transaction.on_commit(lambda: tasks_reroute_run.delay(**arguments))
