"""Reads for 换届: the terms dashboard, the branches a user may run elections for."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet

from workflows.engine.visibility import visible_paths
from workflows.org.models import Member, Organization, OrgKind, Role
from workflows.org.selectors import orgs_with_role, path_filter

from .models import OPEN, Election, Term


@dataclass(frozen=True)
class TermRow:
    branch: Organization
    term: Term | None
    election: Election | None
    members: int
    today: datetime.date
    notice_months: int

    @property
    def days_left(self) -> int | None:
        return (self.term.due_on - self.today).days if self.term else None

    @property
    def days_overdue(self) -> int:
        return max(0, -(self.days_left or 0))

    @property
    def state(self) -> str:
        """overdue / due_soon / ok / no_term; an election under way is shown beside it."""
        if self.term is None:
            return "no_term"
        if self.term.due_on < self.today:
            return "overdue"
        if self.term.due_on <= self.today + relativedelta(months=self.notice_months):
            return "due_soon"
        return "ok"


def branches_visible_to(*, user: AbstractBaseUser) -> QuerySet[Organization]:
    return Organization.objects.filter(
        path_filter(visible_paths(user), "path"), kind=OrgKind.BRANCH
    ).order_by("path")


def terms_dashboard(
    *, user: AbstractBaseUser, on: datetime.date, notice_months: int, state: str | None = None
) -> list[TermRow]:
    """Every branch in the user's scope with its current term, most urgent first."""
    branches = list(branches_visible_to(user=user))
    ids = [b.pk for b in branches]
    terms = {t.branch_id: t for t in Term.objects.filter(branch_id__in=ids, ended_on__isnull=True)}
    running = {e.org_id: e for e in Election.objects.filter(org_id__in=ids, status__in=OPEN)}
    sizes = _member_counts(ids)
    rows = [
        TermRow(
            branch=b,
            term=terms.get(b.pk),
            election=running.get(b.pk),
            members=sizes.get(b.pk, 0),
            today=on,
            notice_months=notice_months,
        )
        for b in branches
    ]
    if state:
        rows = [row for row in rows if row.state == state]
    return sorted(rows, key=lambda r: (r.term is not None, r.term.due_on if r.term else on))


def _member_counts(ids: list[int]) -> dict[int, int]:
    return dict(
        Member.objects.filter(branch_id__in=ids, is_active=True)
        .values("branch_id")
        .annotate(n=Count("pk"))
        .values_list("branch_id", "n")
    )


def branches_led_by(*, user: AbstractBaseUser, on: datetime.date) -> QuerySet[Organization]:
    """Branches where ``user`` is secretary or deputy: where they may report a 请示."""
    return orgs_with_role(user=user, roles=[Role.SECRETARY, Role.DEPUTY_SECRETARY], on=on).filter(
        kind=OrgKind.BRANCH
    )


def leads_branch(*, user: AbstractBaseUser, branch: Organization, on: datetime.date) -> bool:
    """Whether ``user`` may act for ``branch``: report its 请示, ask to move its election."""
    return user.is_superuser or branches_led_by(user=user, on=on).filter(pk=branch.pk).exists()
