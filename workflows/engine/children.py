"""Child cases that wait on a parent case.

Some processes decide for many cases at once: a 评优 campaign for its nominations, a 青年文明号
cycle for its applications. Each child's flow waits on a ``flow.Handle`` node while the parent's
steps (a panel, a 公示, a decision) move the children through one transition; the parent's
services then resume the children they moved, and the child flow's switch sends each one on to
a step of its own (an objection to check) or to its end.

Generic: each process names its own statuses, nodes and parent; nothing here knows a process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from viewflow.workflow import flow

from .flow import status_is
from .models import Publicity
from .services.cases import case_transition
from .services.publicity import (
    LISTED_STATUSES,
    listed_objection_file,
    publicity_close,
    publicity_latest,
)
from .services.tasks import handle_resume

IN_PUBLICITY = LISTED_STATUSES[0]

# --- the child's flow ------------------------------------------------------------


@dataclass(frozen=True)
class ParentWait:
    """How a child flow waits on its parent: the statuses in which it keeps waiting, and the
    one in which it needs a review of its own (an objection to it on the parent's 公示)."""

    waiting: tuple[str, ...]
    objection: str

    def after_parent_step(self, *, wait: Any, objection_review: Any, end: Any) -> flow.Switch:
        """The switch after ``wait``: the objection review, back to waiting, or the end."""
        return (
            flow.Switch()
            .Case(objection_review, status_is(self.objection))
            .Case(wait, status_is(*self.waiting))
            .Default(end)
        )

    def after_objection_review(
        self, *, wait: Any, end: Any, before: Iterable[tuple[Any, Any]] = ()
    ) -> flow.Switch:
        """The switch after the objection review: the process's own ``before`` cases (node,
        condition) first, then back to waiting while the parent decides on, or the end."""
        switch = flow.Switch()
        for node, condition in before:
            switch.Case(node, condition)
        return switch.Case(wait, status_is(*self.waiting)).Default(end)


# --- the parent's services ------------------------------------------------------------


def children_move(
    *,
    children: Iterable[models.Model],
    transition: str,
    by: AbstractBaseUser | None,
    opinion: str = "",
    **kwargs: Any,
) -> None:
    """One parent step's ``transition`` for each child (``kwargs`` go to the transition)."""
    for child in children:
        case_transition(case=child, transition=transition, by=by, opinion=opinion, **kwargs)


def children_resume(*, children: Iterable[models.Model], node: Any) -> None:
    """Let each child waiting on the ``flow.Handle`` ``node`` go on to its next step."""
    for child in children:
        handle_resume(case=child, node=node)


def children_resume_after_commit(*, children: Iterable[models.Model], node: Any) -> None:
    """``children_resume`` once the parent's step has committed, so the children's flows see
    the transitions it made."""
    children = list(children)
    transaction.on_commit(lambda: children_resume(children=children, node=node))


def children_listed(*, children: models.QuerySet) -> list[tuple[int, str]]:
    """(id, name) of each child on the parent's 公示 list, for an objection to name."""
    return [(child.pk, child.headline) for child in children.filter(status__in=LISTED_STATUSES)]


def child_objection_filer(
    *, children: Callable[[Any], models.QuerySet], node: Callable[[], Any]
) -> Callable[..., None]:
    """The process's ``objection`` service for its parent's 公示 list: a 实名 objection to the
    child ``about`` (one of ``children(parent)``) pauses that child only, its flow leaving the
    wait ``node()`` for its objection review."""

    def child_object(
        *, publicity: Publicity, by: AbstractBaseUser, text: str, about: int | None = None
    ) -> None:
        child = children(publicity.case).filter(pk=about).first() if about else None
        listed_objection_file(publicity=publicity, case=child, by=by, text=text)
        handle_resume(case=child, node=node())

    return child_object


def parent_publicity_close(*, parent: models.Model, children: models.QuerySet) -> None:
    """The parent's 公示 window has ended (timer): every child still listed without an
    objection passes it, and the parent moves on."""
    publicity_close(publicity=publicity_latest(parent))
    children_move(
        children=children.filter(status=IN_PUBLICITY), transition="publicity_pass", by=None
    )
    case_transition(case=parent, transition="publicity_end", by=None)
