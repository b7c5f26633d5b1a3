"""Who should attend a branch's 团员大会 with a vote (应到会): its members on the meeting day,
less those under 留团察看 that day, who may attend but do not vote."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from workflows.org.models import Member, Organization, Standing


def voting_members(*, branch: Organization, on: datetime.date) -> QuerySet[Member]:
    on_roll = (Q(league_join_date__isnull=True) | Q(league_join_date__lte=on)) & (
        Q(is_active=True, left_on__isnull=True) | Q(left_on__gt=on)
    )
    # A probation with its dates counts on the days it covers; one recorded without dates
    # (an old record) counts while it stands.
    on_probation = Q(probation_since__lte=on, probation_until__gte=on) | Q(
        standing=Standing.PROBATION, probation_since__isnull=True
    )
    return Member.objects.filter(on_roll, branch=branch).exclude(on_probation)


def voting_member_count(*, branch: Organization, on: datetime.date) -> int:
    return voting_members(branch=branch, on=on).count()
