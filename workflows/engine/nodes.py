"""Flow nodes with the engine's rules built in: assignment by office, substitutes, recusal,
due dates, steps several people sign, and notification of whoever must act."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from viewflow.workflow import flow

from workflows.org.models import Organization
from workflows.org.selectors import acting_user_ids, holds_role

from .declaration import Step
from .routing import (
    Assignment,
    Route,
    queue_permission,
    queue_role,
    route_people,
    route_resolve,
)
from .rulings import case_setting
from .signers import Mode, Signers, SignKeys, group_seats, policy_of, sign_of, waiting_on

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
        self.signers_keys: SignKeys | None = None
        self.rulebook = ""

    def bind(self, step: Step, *, deadline_key: str, signers_keys: SignKeys, rulebook: str) -> None:
        self.spec = step
        self.deadline_key = deadline_key
        self.signers_keys = signers_keys
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

    def _recused_id(self, case) -> int | None:
        return case.subject_user_id if self.recuse else None

    def _assignment(self, activation) -> Assignment:
        cached = getattr(activation, "_engine_assignment", None)
        if cached is None:
            signers = self._signing(activation)[1]
            if signers:
                cached = Assignment(owner=signers[0], queue=None)
            else:
                case = self.flow_class.case_of(activation.process)
                cached = route_resolve(
                    route=self.router(case),
                    recused_user_id=self._recused_id(case),
                    on=timezone.localdate(),
                )
            activation._engine_assignment = cached
        return cached

    def _signing(self, activation) -> tuple[Signers, list]:
        """The policy and the people who each get a seat, when the step's policy (as the case's
        rulebook sets it) asks several office holders to sign; no people: one task as usual."""
        cached = getattr(activation, "_engine_signing", None)
        if cached is None:
            cached = (Signers(), [])
            if self.spec.signers is not None:
                case = self.flow_class.case_of(activation.process)
                policy = policy_of(case=case, rulebook=self.rulebook, keys=self.signers_keys)
                if policy.mode != Mode.SINGLE:
                    people = route_people(
                        route=self.router(case),
                        recused_user_id=self._recused_id(case),
                        on=timezone.localdate(),
                    )
                    if len(people) > 1:
                        cached = (policy, people)
            activation._engine_signing = cached
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
        # A holder who added someone before themself (前加签) waits for them.
        return not self.is_recused(user, task) and waiting_on(task) is None

    def can_assign(self, user, task) -> bool:
        role = queue_role(task.owner_permission)
        if task.owner_id or not user.is_authenticated or role is None:
            return False
        org = Organization.objects.filter(pk=task.owner_permission_obj_pk).first()
        return (
            org is not None
            and holds_role(user=user, role=role, org=org, on=timezone.localdate())
            and not self.is_recused(user, task)
            and not self.signs_elsewhere(user, task)
        )

    def signs_elsewhere(self, user, task) -> bool:
        """Whether ``user`` holds another seat of ``task``'s signing group: one person, one
        signature at a step (a seat moved to a shared queue must not go to a co-signer)."""
        if sign_of(task) is None:
            return False
        return any(seat.owner_id == user.pk for seat in group_seats(task) if seat.pk != task.pk)

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
        policy, signers = self._signing(activation)
        if signers:
            from .services.signers import seats_open

            seats_open(task=activation.task, policy=policy, people=signers, due=due)
