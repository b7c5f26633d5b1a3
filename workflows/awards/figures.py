"""评优 quota use per category and nominating unit for the committee's analytics
(``engine.figures``)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from workflows.engine.figures import QuotaUse
from workflows.org.models import Appointment, Member, Organization, OrgKind
from workflows.org.selectors import path_filter

from .conditions import rules_of
from .models import QUOTA_HOLDING, Basis, Category, Nomination
from .records import COMMITTEE_KINDS, LEAGUE_KIND_VALUES, quota_for

LABEL = _("五四评优")


class _Bases:
    """The records ``records.basis_count`` counts for a unit's own quota (not the campaign's
    whole), read once per basis kind for every unit under ``paths`` and counted here, so the
    number of queries does not grow with the units."""

    def __init__(self, *, paths: list[str], categories: list[Category]) -> None:
        bases = {category.basis for category in categories}
        days = [category.campaign.cutoff_date for category in categories]
        self.members: list[tuple[str, int]] = []
        self.cadres: list[tuple[str, int, datetime.date, datetime.date | None]] = []
        self.orgs: list[tuple[int, str, str, int | None]] = []
        if Basis.MEMBERS in bases:
            self.members = list(
                Member.objects.filter(path_filter(paths, "branch__path"), is_active=True)
                .values("branch__path")
                .annotate(n=Count("pk"))
                .order_by()
                .values_list("branch__path", "n")
            )
        if Basis.CADRES in bases:
            self.cadres = list(
                Appointment.objects.filter(
                    path_filter(paths, "org__path"),
                    Q(end_date__isnull=True) | Q(end_date__gte=min(days)),
                    org__kind__in=LEAGUE_KIND_VALUES,
                    start_date__lte=max(days),
                ).values_list("org__path", "user_id", "start_date", "end_date")
            )
        if bases & {Basis.BRANCHES, Basis.COMMITTEES}:
            self.orgs = list(
                Organization.objects.filter(
                    path_filter(paths, "path"), kind__in=[OrgKind.BRANCH, *COMMITTEE_KINDS]
                ).values_list("pk", "path", "kind", "parent_id")
            )

    def count(self, *, basis: str, unit: Organization, on: datetime.date) -> int:
        if basis == Basis.MEMBERS:
            return sum(n for path, n in self.members if path.startswith(unit.path))
        if basis == Basis.CADRES:
            return len(
                {
                    user_id
                    for path, user_id, start, end in self.cadres
                    if path.startswith(unit.path) and start <= on and (end is None or end >= on)
                }
            )
        if basis == Basis.BRANCHES:
            # Branches under a nested 团总支 count against that 团总支, not the committee.
            if unit.kind == OrgKind.BRANCH:
                return 0
            return sum(
                1
                for _pk, _path, kind, parent in self.orgs
                if kind == OrgKind.BRANCH and parent == unit.pk
            )
        return sum(
            1
            for pk, path, kind, _parent in self.orgs
            if kind in COMMITTEE_KINDS and path.startswith(unit.path) and pk != unit.pk
        )


def quota_use(*, paths: list[str], start: datetime.date, end: datetime.date) -> list[QuotaUse]:
    """Each category of the campaigns counted in the period (their 条件计算截止日 in it), for
    each unit under ``paths`` that nominated for it: nominations holding its quota, and the
    quota. At most six queries, whatever the number of units and nominations."""
    groups = list(
        Nomination.objects.filter(
            path_filter(paths, "quota_unit__path"), campaign__cutoff_date__range=(start, end)
        )
        .values("category_id", "quota_unit_id")
        .annotate(used=Count("pk", filter=Q(status__in=QUOTA_HOLDING)))
        .order_by()
    )
    categories = Category.objects.select_related("campaign").in_bulk(
        {row["category_id"] for row in groups}
    )
    units = Organization.objects.in_bulk({row["quota_unit_id"] for row in groups})
    bases = _Bases(paths=paths, categories=list(categories.values()))
    rows = []
    for row in groups:
        category, unit = categories[row["category_id"]], units[row["quota_unit_id"]]
        campaign = category.campaign
        count = None
        if category.basis != Basis.FIXED:
            count = bases.count(basis=category.basis, unit=unit, on=campaign.cutoff_date)
        quota = quota_for(category=category, unit=unit, rules=rules_of(campaign), count=count)
        rows.append(
            (
                (campaign.cutoff_date, campaign.pk, category.order, category.pk, unit.path),
                QuotaUse(
                    process=LABEL,
                    kind=f"{campaign.title}·{category}",
                    unit=unit.name,
                    used=row["used"],
                    quota=quota.limit,
                ),
            )
        )
    return [use for _key, use in sorted(rows, key=lambda pair: pair[0])]
