"""The shape of a process declaration: each process app states in its ``process.py`` what its
steps are, what may be done at each, with what input, by when, and under which rules.

The engine builds the task pages, the API's step payloads, the deadlines and the handler table
from it, and a system check holds the flow's nodes, the case model's transitions and statuses
against it (``engine.checks``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from workflows.rules.defaults import SRC_SYSTEM, Kind, Setting, working_days_setting

from .models import Decision
from .signers import MODE_CHOICES, Signers, SignKeys

# handler(case, *, by, opinion, data, files, task): the step's one service call.
Handler = Callable[..., None]


@dataclass(frozen=True, eq=False)
class Action:
    """Something a person may do at a step: its label, the decision it records, and whether it
    must give reasons."""

    key: str
    label: str | Promise
    decision: str
    opinion_required: bool = False

    def does(self, handler: Handler, *, input: type | None = None) -> Act:
        return Act(action=self, handler=handler, input=input)

    def transition(self, name: str) -> Act:
        """The action's whole effect is one FSM transition of the case, with the opinion."""
        from .services.cases import case_transition

        def handler(case, *, by, opinion, **_rest) -> None:
            case_transition(case=case, transition=name, by=by, opinion=opinion)

        return Act(action=self, handler=handler, transition=name)


@dataclass(frozen=True)
class Act:
    action: Action
    handler: Handler
    # The FSM transition when the handler makes only that one (the system check verifies it).
    transition: str = ""
    # The serializer of what the handler reads from ``data``, checked before it runs (page and
    # API alike) and shown as the action's payload in the OpenAPI schema.
    input: type | None = None


# The verbs every process shares; a process declares its own beside them.
APPROVE = Action("approve", _("同意"), Decision.APPROVE)
RETURN = Action("return", _("退回申请人修改"), Decision.RETURN, opinion_required=True)
RETURN_PREVIOUS = Action(
    "return_previous", _("退回上一步"), Decision.RETURN_PREVIOUS, opinion_required=True
)
REJECT = Action("reject", _("不同意（终止）"), Decision.REJECT, opinion_required=True)
RESUBMIT = Action("resubmit", _("修改后重新提交"), Decision.RESUBMIT)
WITHDRAW = Action("withdraw", _("撤回申请"), Decision.WITHDRAW)
DISMISS = Action("dismiss", _("异议不属实，继续推荐"), Decision.APPROVE)
UPHOLD = Action("uphold", _("异议属实，终止"), Decision.REJECT, opinion_required=True)
# A party organisation's refusal, as distinct from a league office's 不同意（终止）.
DECLINE = Action("decline", _("不同意"), Decision.REJECT, opinion_required=True)


@dataclass(frozen=True)
class StepForm:
    """The page fields of a step beyond the opinion: a form taking ``case`` and ``task``
    keywords whose ``service_data()`` is the step's input, and the fragment that shows it."""

    form_class: type
    template: str


@dataclass(frozen=True)
class Step:
    node: str
    title: str
    actions: tuple[Act, ...]
    # Working days to act, a rulebook setting the process declares from this default.
    due_working_days: int | None = None
    # A calendar deadline the case gives (a report due a week after the meeting), used instead.
    due_on: Callable[[Any], datetime.date | None] | None = None
    form: StepForm | None = None
    # The applicant's own steps (revise, resubmit) are the one place the subject acts.
    recuse: bool = True
    # How several assignees sign (会签, 或签, k of n): a rulebook setting with this default.
    signers: Signers | None = None

    def __post_init__(self) -> None:
        if self.signers is not None and not self.signable:
            raise ValueError(f"环节 {self.node} 声明了多人签署，但它不是可多人签署的审核环节")

    @property
    def signable(self) -> bool:
        """Whether several people may each sign it (会签, 加签): a review by an office whose one
        approving action needs no input beyond the opinion."""
        approving = [act for act in self.actions if act.action.decision == Decision.APPROVE]
        return (
            self.recuse and self.form is None and len(approving) == 1 and approving[0].input is None
        )

    @property
    def action_keys(self) -> tuple[str, ...]:
        return tuple(act.action.key for act in self.actions)

    def act(self, key: str) -> Act | None:
        return next((act for act in self.actions if act.action.key == key), None)


def review_step(
    node: str,
    title: str,
    *,
    approve: Act | str,
    returns: str = "return_to_applicant",
    rejects: str = "reject",
    due_working_days: int,
    signers: Signers | None = None,
) -> Step:
    """The usual office review: approve (a transition or a handler), return to the applicant,
    or end the case."""
    return Step(
        node=node,
        title=title,
        actions=(
            approve if isinstance(approve, Act) else APPROVE.transition(approve),
            RETURN.transition(returns),
            REJECT.transition(rejects),
        ),
        due_working_days=due_working_days,
        signers=signers,
    )


def revise_step(title: str, *, resubmit: Act, form: StepForm, due_working_days: int) -> Step:
    """The applicant's own step after a return: resubmit with changes, or withdraw."""
    return Step(
        node="revise",
        title=title,
        actions=(resubmit, WITHDRAW.transition("withdraw")),
        form=form,
        due_working_days=due_working_days,
        recuse=False,
    )


def objection_review_step(*, dismiss: Handler, uphold: Handler) -> Step:
    """The committee's 异议核查 after an objection paused the case's 公示."""
    return Step(
        node="objection_review",
        title="公示异议核查",
        actions=(DISMISS.does(dismiss), UPHOLD.does(uphold)),
        due_working_days=10,
    )


@dataclass(frozen=True)
class Milestone:
    label: str
    statuses: tuple[str, ...]


@dataclass(frozen=True)
class FlowSpec:
    """One kind of case and its flow, with everything the engine's pages ask about it."""

    key: str
    label: str
    flow_class: type
    steps: tuple[Step, ...]
    milestones: tuple[Milestone, ...] = ()
    summary_template: str = ""
    icon: str = "assignment"
    # The step name recorded when the submitter withdraws (撤回); empty: no withdrawing.
    withdraw_step: str = ""
    objection: Callable[..., Any] | None = None
    # For a notice listing several cases: (id, name) of each one an objection may concern.
    objection_targets: Callable[[Any], list[tuple[int, str]]] | None = None
    # Periodic job of the process (reminders the engine's task timers do not cover).
    sweep: Callable[[], int] | None = None

    @property
    def case_model(self):
        return self.flow_class.case_model

    def step(self, node: str) -> Step | None:
        return next((step for step in self.steps if step.node == node), None)

    def deadline_key(self, step: Step) -> str:
        return f"due_{self.key}_{step.node}"

    def signers_keys(self, step: Step) -> SignKeys:
        return SignKeys(
            mode=f"signers_{self.key}_{step.node}", k=f"signers_k_{self.key}_{step.node}"
        )


@dataclass(frozen=True)
class Process:
    """A process app: the rulebook it is decided under and the flows it runs."""

    key: str
    label: str
    settings: dict[str, Setting]
    flows: tuple[FlowSpec, ...]
    # Pairs (lower, upper) that must stay ordered once a level's overrides are merged in.
    ordered_pairs: tuple[tuple[str, str], ...] = ()
    # Kinds of its documents that go to every unit (通知, 表彰决定), not only to the case.
    circulated_kinds: tuple[str, ...] = ()
    # What each kind of document it issues is called on pages.
    document_kinds: dict[str, Any] = field(default_factory=dict)
    # Builders of its batches of documents (certificates) by the name a background job gives.
    document_batches: dict[str, Callable[..., list[dict]]] = field(default_factory=dict)

    def deadline_settings(self) -> dict[str, Setting]:
        """One rulebook setting per step with working days, its default the declared number."""
        return {
            flow.deadline_key(step): working_days_setting(
                f"{flow.label}·{step.title}办理期限（工作日）", step.due_working_days
            )
            for flow in self.flows
            for step in flow.steps
            if step.due_working_days
        }

    def signers_settings(self) -> dict[str, Setting]:
        """Two rulebook settings per step that declares signers: how its assignees sign, and
        the approvals that carry it in k of n."""
        settings = {}
        for flow in self.flows:
            for step in flow.steps:
                if step.signers is None:
                    continue
                keys = flow.signers_keys(step)
                name = f"{flow.label}·{step.title}"
                settings[keys.mode] = Setting(
                    f"{name}签署方式",
                    step.signers.mode.value,
                    Kind.CHOICE,
                    SRC_SYSTEM,
                    choices=MODE_CHOICES,
                )
                settings[keys.k] = Setting(
                    f"{name}同意人数 k（k 人同意即通过时；多于办理人数时须全部同意）",
                    step.signers.k,
                    Kind.INT,
                    SRC_SYSTEM,
                    minimum=1,
                )
        return settings
