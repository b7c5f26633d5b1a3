"""Whom a person may pick for 抄送 and 转交, and the search behind the people picker.

Each set holds only people the service would accept for that case or task (a subset where the
rule reaches further, e.g. superusers), so the picker never offers someone from another tree.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task

from workflows.org.models import PARTY_KINDS, Appointment
from workflows.org.selectors import league_committee_of, party_org_of

from .models import CarbonCopy

PICKER_LIMIT = 20


def _active_users() -> QuerySet:
    return get_user_model().objects.filter(is_active=True)


def cc_candidates(*, case: Model) -> QuerySet:
    """Everyone ``visibility.cc_reachable`` lets ``case`` be copied to: members and office holders
    inside its league committee, office holders of its party organisation and those above."""
    committee = league_committee_of(case.org) or case.org
    party = party_org_of(case.org)
    party_line = [*party.ancestors(), party] if party is not None else []
    offices = Appointment.objects.on(timezone.localdate())
    return _active_users().filter(
        Q(member__branch__path__startswith=committee.path)
        | Q(pk__in=offices.filter(org__path__startswith=committee.path).values("user_id"))
        | Q(
            pk__in=offices.filter(
                org__in=[org for org in party_line if org.kind in PARTY_KINDS]
            ).values("user_id")
        )
    )


def transfer_candidates(*, case: Model, by: AbstractBaseUser) -> QuerySet:
    """Whom ``by`` may hand a task of ``case`` to (``services.tasks.task_transfer``): people who
    may see the case — office holders of its unit and those above, its task holders, those
    copied on it, its applicant — but never its subject nor ``by``."""
    units_above = [int(part) for part in case.org_path.strip("/").split("/") if part]
    offices = Appointment.objects.on(timezone.localdate()).filter(org_id__in=units_above)
    seen = (
        Q(pk__in=offices.values("user_id"))
        | Q(pk=case.applicant_id)
        | Q(pk__in=CarbonCopy.objects.for_case(case).values("user_id"))
    )
    if case.process_id:
        seen |= Q(pk__in=Task.objects.filter(process_id=case.process_id).values("owner_id"))
    return _active_users().filter(seen).exclude(pk__in=[by.pk, case.subject_user_id or 0])


def people_search(*, people: QuerySet, text: str) -> list[AbstractBaseUser]:
    """The first of ``people`` whose name, username, branch or office unit contains ``text``,
    each with ``unit``: their branch, else the unit of an office they hold."""
    today = timezone.localdate()
    if text:
        offices = Appointment.objects.on(today).filter(org__name__icontains=text)
        people = people.filter(
            Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
            | Q(username__icontains=text)
            | Q(member__name__icontains=text)
            | Q(member__branch__name__icontains=text)
            | Q(pk__in=offices.values("user_id"))
        )
    found = list(
        people.select_related("member__branch")
        .prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.on(today).select_related("org"),
                to_attr="offices_held",
            )
        )
        .order_by("first_name", "username")[:PICKER_LIMIT]
    )
    for user in found:
        member = getattr(user, "member", None)
        if member is not None:
            user.unit = member.branch.name
        else:
            user.unit = user.offices_held[0].org.name if user.offices_held else ""
    return found
