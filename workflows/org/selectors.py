"""Reads over the organisation tree: who holds which office on which day, and who sees what."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from .models import Appointment, Organization, OrgKind, Role, Substitute

User = get_user_model()


def role_holders(*, role: str, org: Organization, on: datetime.date) -> list[AbstractBaseUser]:
    """Users appointed to ``role`` in ``org`` on ``on``, in appointment order."""
    return [
        appointment.user
        for appointment in Appointment.objects.on(on)
        .filter(org=org, role=role)
        .select_related("user")
        .order_by("start_date", "pk")
    ]


def role_holder(*, role: str, org: Organization, on: datetime.date) -> AbstractBaseUser | None:
    holders = role_holders(role=role, org=org, on=on)
    return holders[0] if holders else None


def principals_of(*, user: AbstractBaseUser, on: datetime.date) -> list[int]:
    """Ids of the users ``user`` stands in for on ``on`` (代理)."""
    return list(
        Substitute.objects.on(on).filter(substitute=user).values_list("principal", flat=True)
    )


def acting_user_ids(*, user: AbstractBaseUser, on: datetime.date) -> list[int]:
    """``user`` and everyone ``user`` substitutes for on ``on``."""
    return [user.pk, *principals_of(user=user, on=on)]


def holds_role(*, user: AbstractBaseUser, role: str, org: Organization, on: datetime.date) -> bool:
    return (
        Appointment.objects.on(on)
        .filter(org=org, role=role, user_id__in=acting_user_ids(user=user, on=on))
        .exists()
    )


def leads(*, user: AbstractBaseUser, org: Organization, on: datetime.date) -> bool:
    """Whether ``user`` (or someone they stand in for) is secretary or deputy of ``org``;
    a superuser leads everywhere."""
    return user.is_superuser or any(
        holds_role(user=user, role=role, org=org, on=on)
        for role in (Role.SECRETARY, Role.DEPUTY_SECRETARY)
    )


def orgs_with_role(*, user: AbstractBaseUser, roles: list[str], on: datetime.date) -> QuerySet:
    return Organization.objects.filter(
        pk__in=Appointment.objects.on(on)
        .filter(role__in=roles, user_id__in=acting_user_ids(user=user, on=on))
        .values("org_id")
    )


def scope_paths(*, user: AbstractBaseUser, on: datetime.date) -> list[str]:
    """Path prefixes of the subtrees ``user`` may see: every unit where they hold any office."""
    if user.is_superuser:
        return ["/"]
    return list(
        orgs_with_role(user=user, roles=list(Role.values), on=on).values_list("path", flat=True)
    )


def path_filter(paths: list[str], field: str) -> Q:
    """A Q matching rows whose ``field`` (an org path) lies in any of ``paths``; none if empty."""
    query = Q(pk__in=[])
    for prefix in paths:
        query |= Q(**{f"{field}__startswith": prefix})
    return query


def league_committee_of(org: Organization) -> Organization | None:
    """The 团委 that reviews cases of ``org``: the nearest committee strictly above a branch."""
    start = org.parent if org.kind != OrgKind.LEAGUE_COMMITTEE else org
    return start.nearest({OrgKind.LEAGUE_COMMITTEE}) if start else None


def party_org_of(org: Organization) -> Organization | None:
    """The party organisation linked to ``org`` or, failing that, to its nearest ancestor."""
    for candidate in [org, *reversed(org.ancestors())]:
        if candidate.party_org_id:
            return candidate.party_org
    return None
