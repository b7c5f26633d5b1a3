"""Steps several people sign: 会签 (all must agree), 或签 (the first decides), k of n, and the
approvers a holder adds before or after themself (加签).

Each signer holds a task of their own at the step (a *seat*); the seats of one activation of
the step form a group, recorded in each task's ``data["sign"]``:

``group``      the first seat's id, shared by every seat of the group
``mode``, ``k``, ``n``  the policy the step activated under (``k`` capped at ``n``)
``added``      ``"before"`` or ``"after"`` for a seat a holder added (加签), absent otherwise
``added_by``   who added it
``waits_for``  a seat that must be closed before this one may act (前加签 holds the adder)
``then``       users to seat after this seat agrees (后加签, not yet seated)
``approved``   the seat's own decision, once it signed
``closed_by``  the seat whose decision closed this one, when it was no longer needed

The rule that decides the step is the pure function ``outcome``; the writes are in
``services/signers.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .rulings import case_rule

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


class Mode(StrEnum):
    SINGLE = "single"
    ALL = "all"
    ANY = "any"
    K_OF_N = "k_of_n"


class Added(StrEnum):
    BEFORE = "before"
    AFTER = "after"


# Rulebook choices: stored wording, like every setting label.
MODE_CHOICES = (
    (Mode.SINGLE.value, "一人办理（多人时共享队列，认领后办理）"),
    (Mode.ALL.value, "会签：全部同意才通过，任一人不同意或退回即决定"),
    (Mode.ANY.value, "或签：任一人办理即决定"),
    (Mode.K_OF_N.value, "k 人同意即通过（k 为下一设置项）"),
)


@dataclass(frozen=True)
class Signers:
    """What a step declares: how its assignees sign by default; a committee's rulebook may
    choose another ``mode`` and ``k``."""

    mode: Mode = Mode.SINGLE
    k: int = 2


@dataclass(frozen=True)
class SignKeys:
    """The rulebook keys of one step's signing policy."""

    mode: str
    k: str


class State(StrEnum):
    OPEN = "open"
    APPROVED = "approved"
    DECLINED = "declined"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Seat:
    pk: int
    added: bool
    state: State
    # The seat this one waits for (someone its holder added before themself).
    waits_for: int | None = None


@dataclass(frozen=True)
class Outcome:
    # The acting seat's decision is the step's: its handler runs and the other seats close.
    decides: bool
    # Open seats no longer needed: the assignees' policy is met, so the other assignees, and
    # whomever they had added before themselves, need not sign.
    drop: frozenset[int] = frozenset()


def outcome(
    *, mode: str, k: int, seats: list[Seat], acting: int, approves: bool, later: int = 0
) -> Outcome:
    """What the acting seat's decision does to the step.

    A refusal (不同意, 退回) decides at once, except in k of n while ``k`` approvals are still
    reachable; an added signer's refusal always decides. Approval decides once the policy is
    met among the assignees and every added signer has agreed — ``later`` counts the signers
    the acting seat adds after itself (后加签), who are still to agree.
    """
    decided = State.APPROVED if approves else State.DECLINED
    seats = [replace(seat, state=decided) if seat.pk == acting else seat for seat in seats]
    current = next(seat for seat in seats if seat.pk == acting)
    base = [seat for seat in seats if not seat.added and seat.state != State.DROPPED]
    approvals = sum(seat.state == State.APPROVED for seat in base)
    if not approves:
        if current.added or mode != Mode.K_OF_N:
            return Outcome(decides=True)
        reachable = approvals + sum(seat.state == State.OPEN for seat in base)
        return Outcome(decides=reachable < min(k, len(base)))
    if approvals < needed(mode=mode, k=k, n=len(base)):
        return Outcome(decides=False)
    drop = {seat.pk for seat in base if seat.state == State.OPEN}
    waiter = {seat.waits_for: seat.pk for seat in seats if seat.waits_for is not None}
    added_open = [seat for seat in seats if seat.added and seat.state == State.OPEN]
    # Someone added before a holder who need not sign any more need not sign either.
    while moot := {s.pk for s in added_open if waiter.get(s.pk) in drop and s.pk not in drop}:
        drop |= moot
    pending = later > 0 or any(seat.pk not in drop for seat in added_open)
    return Outcome(decides=not pending, drop=frozenset(drop) if pending else frozenset())


def needed(*, mode: str, k: int, n: int) -> int:
    """Approvals among ``n`` assignees that meet the policy."""
    if mode == Mode.ALL:
        return n
    if mode == Mode.K_OF_N:
        return min(k, n)
    return 1


def sign_of(task: Task) -> dict | None:
    return (task.data or {}).get("sign")


def seat_state(task: Task) -> State:
    if task.status in OPEN:
        return State.OPEN
    if task.status == STATUS.DONE:
        return State.APPROVED if sign_of(task).get("approved") else State.DECLINED
    return State.DROPPED


def group_seats(task: Task) -> list[Task]:
    """Every seat of ``task``'s group, in the order they were opened (a step's tasks in one
    process are few, so they are read together and sorted out here)."""
    sign = sign_of(task)
    if sign is None:
        return [task]
    candidates = Task.objects.filter(process_id=task.process_id, flow_task=task.flow_task)
    return [
        seat
        for seat in candidates.select_related("owner").order_by("pk")
        if (sign_of(seat) or {}).get("group") == sign["group"]
    ]


def seats_of(tasks: list[Task]) -> list[Seat]:
    return [
        Seat(
            pk=seat.pk,
            added=bool(sign_of(seat).get("added")),
            state=seat_state(seat),
            waits_for=sign_of(seat).get("waits_for"),
        )
        for seat in tasks
    ]


def waiting_on(task: Task) -> Task | None:
    """The open seat ``task`` must wait for (its holder added someone before themself)."""
    waits_for = (sign_of(task) or {}).get("waits_for")
    if waits_for is None:
        return None
    return Task.objects.select_related("owner").filter(pk=waits_for, status__in=OPEN).first()


def policy_of(*, case, rulebook: str, keys: SignKeys) -> Signers:
    """The policy as the case recorded its rules, or as in force today for a case recorded
    before the step declared one."""
    mode = case_rule(case=case, rulebook=rulebook, key=keys.mode)
    return Signers(mode=Mode(mode), k=int(case_rule(case=case, rulebook=rulebook, key=keys.k)))


def policy_text(sign: dict) -> str:
    """The policy a group signs under, as the task page and the audit state it."""
    n, k = sign["n"], sign["k"]
    if sign["mode"] == Mode.ALL:
        return _("会签：%(n)s 人须全部同意，任一人不同意或退回即决定") % {"n": n}
    if sign["mode"] == Mode.ANY:
        return _("或签：%(n)s 人中任一人办理即决定") % {"n": n}
    if sign["mode"] == Mode.K_OF_N:
        return _(
            "%(n)s 人中 %(k)s 人同意即通过；不同意或退回使同意已不可能达到 %(k)s 人时即决定"
        ) % {"n": n, "k": k}
    return _("一人办理")


@dataclass(frozen=True)
class SeatRow:
    name: str
    # 前加签 / 后加签 and who added them; empty for an assignee.
    kind: str
    state: State | str
    label: str
    when: str = ""
    opinion: str = ""


@dataclass(frozen=True)
class SigningPanel:
    policy: str
    rows: list[SeatRow]
    # Whom the viewer's task waits for (前加签), by name.
    waiting_for: str
    can_add: bool
    # (username, label) of office holders over the case who may be added.
    candidates: list[tuple[str, str]]


def signing_panel(*, task: Task, user) -> SigningPanel | None:
    """What the task page shows of a step several people sign: the policy, each signer's
    decision and time, and whether ``user`` may add a signer (加签); None when there is
    nothing to show."""
    from django.contrib.auth import get_user_model

    from workflows.wording import person_name

    from .selectors import task_decisions

    sign = sign_of(task)
    can_add = (
        task.status in OPEN
        and task.flow_task.spec.signable
        and task.flow_task.can_execute(user, task)
    )
    if sign is None and not can_add:
        return None
    seats = group_seats(task)
    decisions = task_decisions(seats)
    # Signers added after a holder who has not agreed yet (后加签): no seat of their own so far.
    queued = [
        entry
        for seat in seats
        if seat.status in OPEN
        for entry in (sign_of(seat) or {}).get("then", [])
    ]
    people = get_user_model().objects.in_bulk(
        {(sign_of(seat) or {}).get("added_by") for seat in seats} - {None}
        | {entry["user"] for entry in queued}
        | {entry["by"] for entry in queued}
    )
    rows = []
    for seat in seats:
        seat_sign = sign_of(seat) or {}
        kind = ""
        if seat_sign.get("added"):
            kind = _added_text(seat_sign["added"], person_name(people.get(seat_sign["added_by"])))
        rows.append(_seat_row(seat, kind=kind, decision=decisions.get(seat.pk)))
    rows += [
        SeatRow(
            name=person_name(people.get(entry["user"])),
            kind=_added_text(Added.AFTER, person_name(people.get(entry["by"]))),
            state="queued",
            label=_("待 %(name)s 同意后签署") % {"name": person_name(people.get(entry["by"]))},
        )
        for entry in queued
    ]
    waited = waiting_on(task)
    return SigningPanel(
        policy=policy_text(sign) if sign else policy_text({"mode": Mode.SINGLE, "n": 1, "k": 1}),
        rows=rows,
        waiting_for=person_name(waited.owner) if waited is not None else "",
        can_add=can_add,
        candidates=signer_candidates(task=task, seats=seats, queued=queued, user=user)
        if can_add
        else [],
    )


def _added_text(position: str, adder: str) -> str:
    if position == Added.BEFORE:
        return _("前加签，由 %(name)s 添加") % {"name": adder}
    return _("后加签，由 %(name)s 添加") % {"name": adder}


def _seat_row(seat: Task, *, kind: str, decision) -> SeatRow:
    from workflows.wording import person_name

    state = seat_state(seat)
    name = person_name(seat.owner) if seat.owner_id else _("待认领")
    if decision is not None:
        if seat.owner_id and decision.author_id != seat.owner_id:
            name = _("%(name)s（代 %(principal)s）") % {
                "name": person_name(decision.author),
                "principal": person_name(seat.owner),
            }
        return SeatRow(
            name=name,
            kind=kind,
            state=state,
            label=decision.get_decision_display(),
            when=timezone.localtime(decision.created_at).strftime("%Y-%m-%d %H:%M"),
            opinion=decision.text,
        )
    if state == State.DROPPED:
        return SeatRow(name=name, kind=kind, state=state, label=_("无需签署"))
    waited = waiting_on(seat)
    if waited is not None:
        label = _("待 %(name)s 先签署") % {"name": person_name(waited.owner)}
    else:
        label = _("待签署")
    return SeatRow(name=name, kind=kind, state=state, label=label)


def signer_candidates(
    *, task: Task, seats: list[Task], queued: list[dict], user
) -> list[tuple[str, str]]:
    """Office holders of the case's unit and the units above it whom ``user`` may add to sign;
    anyone else in the case's scope may be named by user name."""
    from workflows.org.models import Appointment
    from workflows.wording import person_name

    case = task.flow_task.flow_class.case_of(task.process)
    excluded = {seat.owner_id for seat in seats} | {entry["user"] for entry in queued}
    excluded |= {case.subject_user_id, case.applicant_id, user.pk}
    appointments = (
        Appointment.objects.on(timezone.localdate())
        .filter(org__in=[*case.org.ancestors(), case.org], user__is_active=True)
        .exclude(user_id__in=[pk for pk in excluded if pk is not None])
        .select_related("user", "org")
        .order_by("-org__path", "role", "pk")
    )
    candidates: dict[str, str] = {}
    for appointment in appointments[:50]:
        label = _("%(name)s（%(org)s%(role)s）") % {
            "name": person_name(appointment.user),
            "org": appointment.org.name,
            "role": appointment.get_role_display(),
        }
        candidates.setdefault(appointment.user.get_username(), label)
    return list(candidates.items())
