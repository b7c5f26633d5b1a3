"""Who must act on a task: resolved through the dated appointments of the organisation tree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from workflows.org.models import Organization, Role, Substitute
from workflows.org.selectors import role_holders

QUEUE_PREFIX = "role:"


@dataclass(frozen=True)
class Office:
    role: str
    org: Organization

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


@dataclass(frozen=True)
class Route:
    """A named user, or offices in order of preference (the next one serves on recusal)."""

    user: AbstractBaseUser | None = None
    offices: tuple[Office, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Assignment:
    owner: AbstractBaseUser | None
    queue: Office | None

    def describe(self) -> str:
        if self.owner is not None:
            return self.owner.get_full_name() or self.owner.get_username()
        if self.queue is not None:
            # Translators: a shared task queue: the unit, then the office held in it.
            return _("%(org)s%(role)s") % {
                "org": self.queue.org.name,
                "role": self.queue.role_label,
            }
        return _("（无人可办）")


def route_resolve(*, route: Route, recused_user_id: int | None, on: datetime.date) -> Assignment:
    """The first office with someone able to act: one holder gets the task, several share a queue.

    Nobody acts on a case about themselves, so the subject is dropped from every office, and so
    is every holder the subject stands in for (代理人) on ``on``: that holder is away, and the
    task would wait for the one person who may not decide it.
    """
    if route.user is not None and route.user.pk != recused_user_id:
        return Assignment(owner=route.user, queue=None)
    office, holders = _first_staffed(route=route, recused_user_id=recused_user_id, on=on)
    if len(holders) == 1:
        return Assignment(owner=holders[0], queue=None)
    return Assignment(owner=None, queue=office)


def route_people(
    *, route: Route, recused_user_id: int | None, on: datetime.date
) -> list[AbstractBaseUser]:
    """Everyone ``route_resolve`` puts on the task: its one person, or each holder of the
    queue's office — those who each sign at a step several people sign (会签)."""
    if route.user is not None and route.user.pk != recused_user_id:
        return [route.user]
    return _first_staffed(route=route, recused_user_id=recused_user_id, on=on)[1]


def _first_staffed(
    *, route: Route, recused_user_id: int | None, on: datetime.date
) -> tuple[Office | None, list[AbstractBaseUser]]:
    """The first office with someone able to act and those people; else the last office and
    nobody."""
    unavailable = {recused_user_id}
    if recused_user_id is not None:
        unavailable.update(
            Substitute.objects.on(on)
            .filter(substitute_id=recused_user_id)
            .values_list("principal_id", flat=True)
        )
    for office in route.offices:
        holders = [
            user
            for user in role_holders(role=office.role, org=office.org, on=on)
            if user.pk not in unavailable
        ]
        if holders:
            return office, holders
    return (route.offices[-1] if route.offices else None), []


def queue_permission(role: str) -> str:
    return f"{QUEUE_PREFIX}{role}"


def queue_role(permission: str | None) -> str | None:
    if permission and permission.startswith(QUEUE_PREFIX):
        return permission[len(QUEUE_PREFIX) :]
    return None
