"""Who may see a case: the people it is about, its task holders, CC recipients, and office
holders of the units above it.

Viewflow does not scope process pages per object, so every page, PDF, API call and audit read
about a case asks this module.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task

from workflows.org.models import PARTY_KINDS, Appointment, Member
from workflows.org.selectors import (
    acting_user_ids,
    league_committee_of,
    party_org_of,
    path_filter,
    scope_paths,
)


def visible_paths(user: AbstractBaseUser) -> list[str]:
    return scope_paths(user=user, on=timezone.localdate())


def case_visible_to(*, case: Model, user: AbstractBaseUser) -> bool:
    from .models import CarbonCopy

    if not user.is_authenticated:
        return False
    if user.is_superuser or user.pk in (case.applicant_id, case.subject_user_id):
        return True
    if any(case.org_path.startswith(prefix) for prefix in visible_paths(user)):
        return True
    if case.process_id and Task.objects.filter(process_id=case.process_id, owner=user).exists():
        return True
    return CarbonCopy.objects.for_case(case).filter(user=user).exists()


def case_acted_on_by(*, case: Model, user: AbstractBaseUser) -> bool:
    """Whether ``user`` decides on ``case``: an office holder over it, or whoever holds or held
    one of its tasks (in person or as 代理人); not its applicant, not a CC recipient."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or any(case.org_path.startswith(p) for p in visible_paths(user)):
        return True
    acting = acting_user_ids(user=user, on=timezone.localdate())
    return bool(case.process_id) and (
        Task.objects.filter(process_id=case.process_id, owner_id__in=acting).exists()
    )


def cc_reachable(*, case: Model, user: AbstractBaseUser) -> bool:
    """Whether ``user`` may be copied on ``case``: a member or office holder inside the league
    committee that runs it, or an office holder of its party organisation or one above."""
    committee = league_committee_of(case.org) or case.org
    if Member.objects.filter(user=user, branch__path__startswith=committee.path).exists():
        return True
    offices = Appointment.objects.on(timezone.localdate()).filter(user=user)
    if offices.filter(org__path__startswith=committee.path).exists():
        return True
    party = party_org_of(case.org)
    party_line = [*party.ancestors(), party] if party is not None else []
    return offices.filter(org__in=[org for org in party_line if org.kind in PARTY_KINDS]).exists()


def cases_visible_to(*, queryset: QuerySet, user: AbstractBaseUser) -> QuerySet:
    from .models import CarbonCopy

    if user.is_superuser:
        return queryset
    # Correlated per case (an index probe on the case's few tasks), not "every task the user
    # ever held", which for a busy approver is hundreds of thousands of rows.
    involved = Exists(Task.objects.filter(process_id=OuterRef("process_id"), owner=user))
    copied = CarbonCopy.objects.filter(
        case_type=ContentType.objects.get_for_model(queryset.model), user=user
    ).values("case_id")
    return queryset.filter(
        path_filter(visible_paths(user), "org_path")
        | Q(applicant=user)
        | Q(subject__user=user)
        | Q(involved)
        | Q(pk__in=copied)
    )


def units_above(paths: list[str], field: str = "org_path") -> Q:
    """Rows whose ``field`` is a unit strictly above any of ``paths``: the committees whose
    notices (a campaign, a cycle) reach people sitting in those units."""
    query = Q(pk__in=[])
    for path in paths:
        prefixes = ["/".join(path.split("/")[:i]) + "/" for i in range(2, path.count("/") + 1)]
        query |= Q(**{f"{field}__in": prefixes})
    return query


def committee_cases_visible_to(
    *, queryset: QuerySet, user: AbstractBaseUser, own_paths: list[str], hidden: Q
) -> QuerySet:
    """Cases a committee runs for the units below it (a campaign, a cycle): seen by its office
    holders and those above, and — unless ``hidden`` (a draft) — by anyone sitting in a unit
    below (``own_paths``)."""
    if user.is_superuser:
        return queryset
    offices = path_filter(visible_paths(user), "org_path")
    return queryset.filter(offices | (units_above(own_paths) & ~hidden))
