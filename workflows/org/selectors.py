"""Reads over the organisation tree: who holds which office on which day, and who sees what."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from workflows.requests import request_memo

from .models import Appointment, Member, Organization, OrgKind, Role, Substitute

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
    """Ids of the users ``user`` stands in for on ``on`` (代理); asked by every list, menu and
    permission check, so read once per request."""
    return request_memo(
        ("principals_of", user.pk, on),
        lambda: list(
            Substitute.objects.on(on).filter(substitute=user).values_list("principal", flat=True)
        ),
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
    """Path prefixes of the subtrees ``user`` may see: every unit where they hold any office.
    Asked by every list and permission check, so read once per request."""
    if user.is_superuser:
        return ["/"]
    return request_memo(
        ("scope_paths", user.pk, on),
        lambda: list(
            orgs_with_role(user=user, roles=list(Role.values), on=on).values_list("path", flat=True)
        ),
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


# Committee offices that look after their members' logins (unlock, password reset).
ACCOUNT_ROLES = [Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.ORGANIZATION_MEMBER]


def account_scope_paths(*, user: AbstractBaseUser, on: datetime.date) -> list[str]:
    """Subtrees of the 团委 where ``user`` is 书记, 副书记 or 组织委员 (all, for a superuser)."""
    if user.is_superuser:
        return ["/"]
    return request_memo(
        ("account_scope_paths", user.pk, on),
        lambda: list(
            orgs_with_role(user=user, roles=ACCOUNT_ROLES, on=on)
            .filter(kind=OrgKind.LEAGUE_COMMITTEE)
            .values_list("path", flat=True)
        ),
    )


def accounts_managed_by(*, user: AbstractBaseUser, on: datetime.date) -> QuerySet:
    """Accounts whose logins ``user`` may unlock and reset: people of their committees'
    subtrees — members of a unit below, office holders of a unit below.

    Never an account that reaches beyond: an administrator, someone whose member record lies
    elsewhere, who holds an office level with the committee (a peer: the committee above looks
    after them) or outside it, or who stands in for such an office holder. Taking over such an
    account would give its manager powers they do not have.
    """
    paths = account_scope_paths(user=user, on=on)
    below = path_filter(paths, "org__path") & ~Q(org__path__in=paths)
    offices = Appointment.objects.on(on)
    beyond = offices.exclude(below).values("user_id")
    standing_in = Substitute.objects.on(on).filter(principal__in=beyond).values("substitute_id")
    in_scope = path_filter(paths, "member__branch__path") | Q(
        pk__in=offices.filter(below).values("user_id")
    )
    elsewhere = Q(member__isnull=False) & ~path_filter(paths, "member__branch__path")
    return (
        User.objects.filter(in_scope, is_active=True, is_staff=False, is_superuser=False)
        .exclude(elsewhere)
        .exclude(pk=user.pk)
        .exclude(pk__in=beyond)
        .exclude(pk__in=standing_in)
    )


def home_org(user: AbstractBaseUser) -> Organization | None:
    """Where an account belongs in the tree: the member's branch, else their first office."""
    member = getattr(user, "member", None)
    if member is not None:
        return member.branch
    appointment = Appointment.objects.filter(user=user).order_by("-start_date", "pk").first()
    return appointment.org if appointment else None


# Membership in this group makes the account change its password before anything else; the
# committee's password reset puts it there, the change takes it out. Admins may add anyone.
PASSWORD_CHANGE_GROUP = "must_change_password"


def password_change_required(user: AbstractBaseUser) -> bool:
    return user.groups.filter(name=PASSWORD_CHANGE_GROUP).exists()


def committees_led(*, user: AbstractBaseUser, on: datetime.date) -> QuerySet:
    """The 团委 and 团总支 whose secretary or deputy ``user`` is (all of them for a superuser):
    where they may bring in members."""
    kinds = [OrgKind.LEAGUE_COMMITTEE, OrgKind.GENERAL_BRANCH]
    if user.is_superuser:
        return Organization.objects.filter(kind__in=kinds)
    roles = [Role.SECRETARY, Role.DEPUTY_SECRETARY]
    return orgs_with_role(user=user, roles=roles, on=on).filter(kind__in=kinds)


def members_under(*, org: Organization) -> QuerySet:
    """The members on the rolls of the branches under ``org``, by branch and name."""
    return (
        Member.objects.filter(branch__path__startswith=org.path, is_active=True)
        .select_related("branch")
        .order_by("branch__path", "name", "pk")
    )
