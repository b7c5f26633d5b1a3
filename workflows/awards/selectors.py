"""Reads for 五四评优 pages and the API: which campaigns a user sees, what they may nominate,
the quotas of their units, and honours on the records."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from workflows.documents.models import IssuedDocument
from workflows.documents.selectors import documents_latest
from workflows.engine.visibility import (
    cases_visible_to,
    committee_cases_visible_to,
    visible_paths,
)
from workflows.org.models import Member, Organization, OrgKind, Role
from workflows.org.selectors import orgs_with_role, path_filter
from workflows.rules.quota import Quota

from .conditions import rules_of
from .models import Campaign, CampaignStatus, Category, CategoryKind, Honour, Nomination
from .records import COMMITTEE_KINDS, quota_for, quota_used

LEADING_ROLES = [Role.SECRETARY, Role.DEPUTY_SECRETARY]


def _own_paths(user: AbstractBaseUser) -> list[str]:
    """Where the user sits: the units of their offices and their own branch."""
    paths = list(visible_paths(user))
    member = getattr(user, "member", None)
    if member is not None:
        paths.append(member.branch.path)
    return paths


def campaigns_visible_to(*, user: AbstractBaseUser) -> QuerySet[Campaign]:
    """Campaigns of the committees above (or at) the user's units; drafts only to the office
    holders of the organising committee and above."""
    return committee_cases_visible_to(
        queryset=Campaign.objects.select_related("org"),
        user=user,
        own_paths=_own_paths(user),
        hidden=Q(status=CampaignStatus.DRAFT),
    )


def campaign_managed_by(*, campaign: Campaign, user: AbstractBaseUser) -> bool:
    """Office holders of the organising committee (and above) run the campaign."""
    return user.is_superuser or any(
        campaign.org_path.startswith(prefix) for prefix in visible_paths(user)
    )


def units_led_by(*, user: AbstractBaseUser) -> QuerySet[Organization]:
    return orgs_with_role(user=user, roles=LEADING_ROLES, on=timezone.localdate())


def nominee_members(*, user: AbstractBaseUser, campaign: Campaign) -> QuerySet[Member]:
    """The user themself, and the members of branches they lead, inside the campaign."""
    led = units_led_by(user=user).filter(path__startswith=campaign.org.path)
    query = Q(user=user) | Q(branch__in=led.filter(kind=OrgKind.BRANCH))
    return (
        Member.objects.filter(query, is_active=True, branch__path__startswith=campaign.org.path)
        .select_related("branch")
        .order_by("branch__path", "name")
    )


def nominee_units(*, user: AbstractBaseUser, category: Category) -> QuerySet[Organization]:
    """Units the user may put forward for a collective category: those they lead, and those
    directly under the units they lead."""
    campaign = category.campaign
    kinds = [OrgKind.BRANCH] if category.kind == CategoryKind.BRANCH else COMMITTEE_KINDS
    led = units_led_by(user=user)
    return Organization.objects.filter(
        Q(pk__in=led) | Q(parent__in=led),
        kind__in=kinds,
        path__startswith=campaign.org.path,
    ).exclude(pk=campaign.org_id)


@dataclass(frozen=True)
class UnitQuota:
    category: Category
    unit: Organization
    quota: Quota
    used: int

    @property
    def left(self) -> int:
        return max(self.quota.limit - self.used, 0)


def unit_quotas(*, user: AbstractBaseUser, campaign: Campaign) -> list[UnitQuota]:
    """Each category's quota for each unit the user nominates from."""
    rules = rules_of(campaign)
    led = list(units_led_by(user=user).filter(path__startswith=campaign.org.path))
    rows = []
    for category in campaign.categories.all():
        if category.is_collective:
            units = [u for u in led if u.kind != OrgKind.BRANCH]
        else:
            units = [u for u in led if u.kind == OrgKind.BRANCH]
        for unit in units:
            quota = quota_for(category=category, unit=unit, rules=rules)
            rows.append(UnitQuota(category, unit, quota, quota_used(category=category, unit=unit)))
    return rows


def campaign_nominations(*, campaign: Campaign, user: AbstractBaseUser) -> QuerySet[Nomination]:
    return cases_visible_to(queryset=campaign.nominations.all(), user=user).select_related(
        "quota_unit", "subject__branch"
    )


def certificates_of(*, campaign: Campaign) -> list[tuple[Nomination, IssuedDocument]]:
    """Each awardee with the latest version of their certificate, in category order."""
    from .documents import CERTIFICATE_KIND

    awarded = list(campaign.nominations.filter(honour__isnull=False))
    latest = documents_latest(kind=CERTIFICATE_KIND, model=Nomination, ids=[n.pk for n in awarded])
    return [(n, latest[n.pk]) for n in awarded if n.pk in latest]


def honours_visible_to(*, user: AbstractBaseUser) -> QuerySet[Honour]:
    queryset = Honour.objects.select_related("member__branch", "org", "awarded_by")
    if user.is_superuser:
        return queryset
    paths = _own_paths(user)
    return queryset.filter(
        path_filter(paths, "member__branch__path") | path_filter(paths, "org__path")
    )
