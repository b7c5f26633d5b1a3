"""Flow nodes with the engine's rules built in: assignment by office, substitutes, recusal,
due dates, and notification of whoever must act."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from viewflow.workflow import flow

from workflows.org.models import Organization
from workflows.org.selectors import acting_user_ids, holds_role

from .declaration import Step
from .routing import Assignment, Route, queue_permission, queue_role, route_resolve
from .rulings import case_setting

if TYPE_CHECKING:
    from workflows.rules.calendar import Window


class HumanTask(flow.View):
    """A task for a person, routed by ``router(case) -> Route``.

    What the step is (title, actions, deadline, input) comes from the process's declaration,
    bound when the process declares itself. People act on it through the engine's task page
    (``engine:task``); the viewflow URL for the node redirects there, so there is one place
    where decisions are taken.
    """

    def __init__(self, *, router: Callable[[Any], Route]):
        from .views.tasks import TaskRedirectView

        super().__init__(TaskRedirectView.as_view())
        self.router = router
        self.spec: Step | None = None
        self.deadline_key = ""
        self.rulebook = ""

    def bind(self, step: Step, *, deadline_key: str, rulebook: str) -> None:
        self.spec = step
        self.deadline_key = deadline_key
        self.rulebook = rulebook
        self.Annotation(title=step.title)
        # Bound here, on the node the flow class holds (its metaclass copies the declared one).
        self._on_create = self._created

    @property
    def step(self) -> str:
        return self.spec.title

    @property
    def actions(self) -> tuple[str, ...]:
        return self.spec.action_keys

    @property
    def recuse(self) -> bool:
        return self.spec.recuse

    def _assignment(self, activation) -> Assignment:
        cached = getattr(activation, "_engine_assignment", None)
        if cached is None:
            case = self.flow_class.case_of(activation.process)
            cached = route_resolve(
                route=self.router(case),
                recused_user_id=case.subject_user_id if self.recuse else None,
                on=timezone.localdate(),
            )
            activation._engine_assignment = cached
        return cached

    def calc_owner(self, activation):
        return self._assignment(activation).owner

    def calc_owner_permission(self, activation):
        queue = self._assignment(activation).queue
        return queue_permission(queue.role) if queue and not self.calc_owner(activation) else None

    def calc_owner_permission_obj(self, activation):
        return self._assignment(activation).queue.org

    def can_execute(self, user, task) -> bool:
        if not user.is_authenticated or task.owner_id is None:
            return False
        if task.owner_id not in acting_user_ids(user=user, on=timezone.localdate()):
            return False
        return not self.is_recused(user, task)

    def can_assign(self, user, task) -> bool:
        role = queue_role(task.owner_permission)
        if task.owner_id or not user.is_authenticated or role is None:
            return False
        org = Organization.objects.filter(pk=task.owner_permission_obj_pk).first()
        return (
            org is not None
            and holds_role(user=user, role=role, org=org, on=timezone.localdate())
            and not self.is_recused(user, task)
        )

    def is_recused(self, user, task) -> bool:
        """Whether ``user`` is who ``task``'s case is about, at a step they may not decide."""
        if not self.recuse:
            return False
        # Lists attach their cases in bulk (``tasks_with_cases``): no query per task.
        case = getattr(task, "case", None) or self.flow_class.case_of(task.process)
        return case.subject_user_id == user.pk

    def _due(self, activation) -> Window | None:
        """The task's deadline: a calendar date the case gives, else the rulebook's working
        days from today (provisional when they run into a year whose holiday notice is not in
        yet)."""
        from workflows.rules.calendar import Window, working_days_window

        case = activation.flow_class.case_of(activation.process)
        if self.spec.due_on is not None:
            due = self.spec.due_on(case)
            if due is not None:
                return Window(end=due)
        if self.spec.due_working_days:
            days = case_setting(case=case, rulebook=self.rulebook, key=self.deadline_key)
            return working_days_window(start=timezone.localdate(), days=days)
        return None

    def _created(self, activation) -> None:
        from .services.notifications import task_announce

        data = {}
        due = self._due(activation)
        if due is not None:
            data["due_on"] = due.end.isoformat()
            if due.pending_years:
                data["due_pending_years"] = list(due.pending_years)
        if self.recuse:
            # Who may not decide it, so that lists can leave it out without reading cases.
            subject = activation.flow_class.case_of(activation.process).subject_user_id
            if subject is not None:
                data["recused"] = subject
        if data:
            activation.task.data = {**activation.task.data, **data}
            activation.task.save(update_fields=["data"])
        task_announce(task=activation.task, assignment=self._assignment(activation), due=due)
