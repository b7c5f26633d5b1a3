"""Reads for 推优入党."""

from __future__ import annotations

from django.db.models import QuerySet

from workflows.engine.visibility import visible_paths
from workflows.org.models import Member, Organization, PoliticalStatus
from workflows.org.selectors import path_filter

from .models import Application, Round


def branch_member_count(*, branch: Organization) -> int:
    return Member.objects.filter(
        branch=branch, is_active=True, political_status=PoliticalStatus.LEAGUE_MEMBER
    ).count()


def rounds_visible_to(*, user) -> QuerySet[Round]:
    """Rounds of the branches in ``user``'s subtrees."""
    if user.is_superuser:
        return Round.objects.all()
    return Round.objects.filter(path_filter(visible_paths(user), "branch__path"))


def open_rounds_for(*, member: Member) -> QuerySet[Round]:
    return Round.objects.filter(branch=member.branch, is_open=True)


def applications_with_related() -> QuerySet[Application]:
    return Application.objects.select_related("subject", "org", "round", "applicant")


def round_applications(*, round: Round) -> QuerySet[Application]:
    return applications_with_related().filter(round=round).order_by("subject__name")
