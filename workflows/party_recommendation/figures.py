"""推优 quota use per round for the committee's analytics (``engine.figures``)."""

from __future__ import annotations

import datetime

from django.db.models import Count, JSONField, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from workflows.engine.figures import QuotaUse
from workflows.org.models import Member, PoliticalStatus
from workflows.org.selectors import path_filter

from .eligibility import round_quota
from .models import QUOTA_HOLDING, Application, Round

LABEL = _("推优入党")


def quota_use(*, paths: list[str], start: datetime.date, end: datetime.date) -> list[QuotaUse]:
    """Each round met in the period: recommendations holding its quota, and the quota, under
    the rules its latest case was decided by (a round nobody applied to holds no quota). Two
    queries, whatever the number of rounds."""
    latest = Application.objects.filter(round=OuterRef("pk")).order_by("-pk")
    rounds = list(
        Round.objects.filter(path_filter(paths, "branch__path"), meeting_date__range=(start, end))
        .select_related("branch")
        .annotate(
            used=Count("applications", filter=Q(applications__status__in=QUOTA_HOLDING)),
            rules=Subquery(latest.values("rules_snapshot")[:1], output_field=JSONField()),
        )
        .order_by("branch__path", "meeting_date", "pk")
    )
    members = dict(
        Member.objects.filter(
            branch_id__in={r.branch_id for r in rounds},
            is_active=True,
            political_status=PoliticalStatus.LEAGUE_MEMBER,
        )
        .values("branch_id")
        .annotate(n=Count("pk"))
        .values_list("branch_id", "n")
    )
    rows = []
    for item in rounds:
        # A round nobody applied to, or whose cases were written without their rules (rows
        # copied in bulk), has no quota to read.
        values = (item.rules or {}).get("values")
        if values is None:
            continue
        quota = round_quota(
            members=members.get(item.branch_id, 0),
            percent=int(values["quota_percent"]),
            minimum=int(values.get("quota_minimum", 0)),
        )
        rows.append(
            QuotaUse(
                process=LABEL,
                kind=item.title,
                unit=item.branch.name,
                used=item.used,
                quota=quota.limit,
            )
        )
    return rows
