"""Reads for a committee's member management: whose records an office holder looks after, the
member list with its filters, who is about to age out, and the transfers each side sees."""

from __future__ import annotations

import datetime
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from workflows.requests import request_memo

from .identity import id_digest, id_number_clean
from .membership_rules import membership_rules
from .models import (
    LEAGUE_KINDS,
    Member,
    MemberTransfer,
    Organization,
    OrgKind,
    Standing,
    TransferStatus,
)
from .selectors import ACCOUNT_ROLES, orgs_with_role, path_filter


def member_scope_paths(*, user: AbstractBaseUser, on: datetime.date) -> list[str]:
    """Subtrees of the league units where ``user`` is 书记, 副书记 or 组织委员: whose members
    they look after (a branch secretary their branch, a committee its whole tree)."""
    if user.is_superuser:
        return ["/"]
    return request_memo(
        ("member_scope_paths", user.pk, on),
        lambda: list(
            orgs_with_role(user=user, roles=ACCOUNT_ROLES, on=on)
            .filter(kind__in=LEAGUE_KINDS)
            .values_list("path", flat=True)
        ),
    )


def members_managed(*, user: AbstractBaseUser, on: datetime.date) -> QuerySet:
    """Every member record (on the rolls or not) in the subtrees ``user`` looks after."""
    paths = member_scope_paths(user=user, on=on)
    return Member.objects.filter(path_filter(paths, "branch__path")).select_related("branch")


def branches_managed(*, user: AbstractBaseUser, on: datetime.date) -> QuerySet:
    paths = member_scope_paths(user=user, on=on)
    return Organization.objects.filter(path_filter(paths, "path"), kind=OrgKind.BRANCH)


def manages_branch(*, user: AbstractBaseUser, branch: Organization, on: datetime.date) -> bool:
    return any(branch.path.startswith(path) for path in member_scope_paths(user=user, on=on))


def age_limit_reached_on(*, member: Member, age: int) -> datetime.date:
    """The day ``member`` turns ``age`` (29 February birthdays turn on 1 March)."""
    born = member.birth_date
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return datetime.date(born.year + age, 3, 1)


class MemberFilter(StrEnum):
    ACTIVE = "active"
    PROBATION = "probation"
    OVER_AGE_SOON = "over_age_soon"
    OVER_AGE = "over_age"
    LEFT = "left"


def _born_on_or_before(day: datetime.date, years: int) -> datetime.date:
    """Members born on or before this date are at least ``years`` old on ``day``."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return datetime.date(day.year - years, 2, 28)


def members_filtered(
    members: QuerySet,
    *,
    rules_org: Organization,
    on: datetime.date,
    query: str = "",
    branch: Organization | None = None,
    status: str = "",
) -> QuerySet:
    """``members`` narrowed by a search (name or mobile contains; a whole 身份证号 matches
    exactly), a branch and a status; the age limit is ``rules_org``'s rulebook's."""
    if branch is not None:
        members = members.filter(branch__path__startswith=branch.path)
    number = id_number_clean(query)
    if len(number) == 18:
        members = members.filter(id_digest=id_digest(number))
    elif query:
        members = members.filter(Q(name__icontains=query) | Q(phone__icontains=query))
    rules = membership_rules(org=rules_org, on=on)
    limit = rules.int("league_age_limit")
    aged_out = _born_on_or_before(on, limit)
    soon = _born_on_or_before(
        on + datetime.timedelta(days=rules.int("over_age_notice_days")), limit
    )
    match status:
        case MemberFilter.LEFT:
            return members.filter(is_active=False)
        case MemberFilter.PROBATION:
            return members.filter(is_active=True, standing=Standing.PROBATION)
        case MemberFilter.OVER_AGE:
            return members.filter(is_active=True, birth_date__lte=aged_out)
        case MemberFilter.OVER_AGE_SOON:
            return members.filter(is_active=True, birth_date__gt=aged_out, birth_date__lte=soon)
        case _:
            return members.filter(is_active=True)


def transfers_seen_by(*, user: AbstractBaseUser, on: datetime.date) -> QuerySet:
    """Transfers out of or into the branches ``user`` looks after: both sides see each one."""
    paths = member_scope_paths(user=user, on=on)
    return (
        MemberTransfer.objects.filter(
            path_filter(paths, "from_branch__path") | path_filter(paths, "to_branch__path")
        )
        .select_related("member", "from_branch", "to_branch", "requested_by", "decided_by")
        .order_by("-requested_at", "-pk")
    )


def transfers_pending_for(*, user: AbstractBaseUser, on: datetime.date) -> QuerySet:
    """Transfers waiting for ``user``'s side to take the member in."""
    paths = member_scope_paths(user=user, on=on)
    return transfers_seen_by(user=user, on=on).filter(
        path_filter(paths, "to_branch__path"), status=TransferStatus.PENDING
    )
