"""Base class of every process flow: one case model, row locks, and per-case visibility."""

from __future__ import annotations

import datetime

from django.utils import timezone
from viewflow.workflow import flow, lock

from .visibility import case_visible_to


def status_is(*statuses):
    """A Switch condition: the case's status (as the step's service left it) is one of these."""

    def condition(activation) -> bool:
        return activation.flow_class.case_of(activation.process).status in statuses

    # Read by the declaration check: every status a route names must exist.
    condition.statuses = statuses
    return condition


def midnight_after(day: datetime.date) -> datetime.datetime:
    """When a Timer for a window ending on ``day`` (a deadline, a 公示) should fire."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )


class CaseFlow(flow.Flow):
    case_model = None
    # Row lock on the process, waiting rather than failing fast: a second click queues behind
    # the first and then reads "already handled" instead of sleeping through retries.
    lock_impl = lock.SelectForUpdateLock(nowait=False)

    @classmethod
    def case_of(cls, process):
        """The case of ``process``, loaded once per process object (routing asks many times)."""
        case = getattr(process, "_engine_case", None)
        if case is None:
            case = cls.case_model.objects.select_related("subject", "org").get(
                process_id=process.pk
            )
            process._engine_case = case
        return case

    def start_case(self, activation, case):
        """The StartHandle's body: save the new process and link the case to it."""
        activation.process.save()
        case.process = activation.process
        case.save(update_fields=["process"])
        return case

    @staticmethod
    def case_forget(process) -> None:
        """Drop the loaded case, so the next read sees what another transaction committed."""
        process._engine_case = None

    def has_view_permission(self, user, obj=None) -> bool:
        if obj is None:
            return user.is_authenticated and user.is_superuser
        return case_visible_to(case=self.case_of(obj), user=user)

    def has_manage_permission(self, user, obj=None) -> bool:
        return user.is_authenticated and user.is_superuser
