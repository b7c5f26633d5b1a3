"""Reads for 青年文明号 pages and the API: which cycles, collectives, cases, scores and
recognitions a user sees."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from workflows.documents.models import IssuedDocument
from workflows.documents.selectors import documents_latest
from workflows.engine.models import Attachment
from workflows.engine.visibility import cases_visible_to, committee_cases_visible_to, visible_paths
from workflows.org.models import LEAGUE_KINDS, Organization, OrgKind, Role
from workflows.org.selectors import acting_user_ids, orgs_with_role, path_filter

from .documents import PLAQUE_KIND
from .models import (
    ApplicationStatus,
    Collective,
    Cycle,
    CycleStatus,
    PeerReview,
    PostApplication,
    Recognition,
    ReviewGroup,
    YearlyReview,
)

LEADING_ROLES = [Role.SECRETARY, Role.DEPUTY_SECRETARY]


def _roster_paths(user: AbstractBaseUser) -> list[str]:
    """Units of the collectives whose roster the user is on."""
    return list(
        Collective.objects.filter(people__user=user, people__is_active=True).values_list(
            "org_path", flat=True
        )
    )


def own_paths(user: AbstractBaseUser) -> list[str]:
    """Where the user sits: their offices, their branch, and their collectives' units."""
    paths = [*visible_paths(user), *_roster_paths(user)]
    member = getattr(user, "member", None)
    if member is not None:
        paths.append(member.branch.path)
    return paths


def cycles_visible_to(*, user: AbstractBaseUser) -> QuerySet[Cycle]:
    return committee_cases_visible_to(
        queryset=Cycle.objects.select_related("org"),
        user=user,
        own_paths=own_paths(user),
        hidden=Q(status=CycleStatus.DRAFT),
    )


def collectives_visible_to(*, user: AbstractBaseUser) -> QuerySet[Collective]:
    """Collectives of the units where the user holds office (and below), and their own."""
    queryset = Collective.objects.select_related("org", "group")
    if user.is_superuser:
        return queryset
    return queryset.filter(
        path_filter(visible_paths(user), "org_path") | Q(pk__in=_roster_collectives(user))
    )


def _roster_collectives(user: AbstractBaseUser):
    return Collective.objects.filter(people__user=user, people__is_active=True).values("pk")


def collectives_with_counts(queryset: QuerySet[Collective]) -> QuerySet[Collective]:
    return queryset.annotate(
        headcount=Count("people", filter=Q(people__is_active=True), distinct=True)
    )


def units_led_by(*, user: AbstractBaseUser) -> QuerySet[Organization]:
    return orgs_with_role(user=user, roles=LEADING_ROLES, on=timezone.localdate())


def registering_units(*, user: AbstractBaseUser) -> QuerySet[Organization]:
    """League units under those ``user`` leads, where a collective may be registered: a party
    secretary leads a unit too, but registers no league collective."""
    led = [org.path for org in units_led_by(user=user)]
    return Organization.objects.filter(
        path_filter(led, "path"), kind__in=[str(kind) for kind in LEAGUE_KINDS]
    )


def committees_led_by(*, user: AbstractBaseUser) -> QuerySet[Organization]:
    return units_led_by(user=user).filter(kind=OrgKind.LEAGUE_COMMITTEE)


def sendable_collectives(*, user: AbstractBaseUser, cycle: Cycle) -> QuerySet[Collective]:
    """Collectives the user may file or apply for in ``cycle``: those they lead as 号长 or
    副号长, and those of the units they lead."""
    led = units_led_by(user=user)
    own = Collective.objects.filter(
        people__user=user, people__is_active=True, people__role__in=["leader", "deputy"]
    ).values("pk")
    return (
        Collective.objects.filter(Q(org__in=led) | Q(pk__in=own), is_active=True)
        .filter(org_path__startswith=cycle.org_path)
        .select_related("org")
        .order_by("org_path", "name")
        .distinct()
    )


def cycle_cases(*, queryset: QuerySet, user: AbstractBaseUser) -> QuerySet:
    """A cycle's filings or applications the user may see, with their collectives."""
    return cases_visible_to(queryset=queryset, user=user).select_related(
        "collective__org", "collective__group"
    )


def groups_of(*, committee: Organization) -> QuerySet[ReviewGroup]:
    return ReviewGroup.objects.filter(committee=committee).annotate(
        size=Count("collectives", filter=Q(collectives__is_active=True))
    )


def reviews_of(*, user: AbstractBaseUser) -> list[PeerReview]:
    """The user's 互检互查 assignments in cycles still reviewing, unscored first."""
    return list(
        PeerReview.objects.filter(
            reviewer_id__in=acting_user_ids(user=user, on=timezone.localdate()),
            application__cycle__status=CycleStatus.PEER_REVIEW,
        )
        .select_related("application__collective", "application__cycle", "reviewer_collective")
        .order_by("submitted_at", "due_on", "pk")
    )


def plaques_of(*, cycle: Cycle) -> list[tuple[Recognition, IssuedDocument]]:
    """Each recognised collective of the cycle with the latest version of its plaque."""
    recognitions = list(
        Recognition.objects.filter(cycle=cycle).select_related("collective", "application")
    )
    latest = documents_latest(
        kind=PLAQUE_KIND, model=PostApplication, ids=[r.application_id for r in recognitions]
    )
    return [(r, latest[r.application_id]) for r in recognitions if r.application_id in latest]


def recognitions_visible_to(*, user: AbstractBaseUser) -> QuerySet[Recognition]:
    queryset = Recognition.objects.select_related("collective__org", "awarded_by")
    if user.is_superuser:
        return queryset
    return queryset.filter(
        path_filter(visible_paths(user), "collective__org_path")
        | Q(collective__in=_roster_collectives(user))
    )


def yearly_reviews_visible_to(*, user: AbstractBaseUser) -> QuerySet[YearlyReview]:
    return cases_visible_to(
        queryset=YearlyReview.objects.select_related("collective", "recognition"), user=user
    )


def evidence_of(*, application: PostApplication) -> QuerySet[Attachment]:
    """The files sent with an application as evidence, and any added to it later."""
    return Attachment.objects.for_case(application).select_related("uploaded_by")


def groups_under_review(*, cycle: Cycle) -> QuerySet[ReviewGroup]:
    """The review groups with applications in 互检互查, each with how many."""
    return (
        ReviewGroup.objects.filter(
            collectives__applications__cycle=cycle,
            collectives__applications__status=ApplicationStatus.IN_PEER_REVIEW,
        )
        .annotate(applications=Count("collectives__applications"))
        .order_by("order", "pk")
    )
