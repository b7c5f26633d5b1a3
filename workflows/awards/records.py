"""Reads behind eligibility and quotas: a nominee's facts on the cut-off date, the unit a
nomination counts against, and how many records a quota is a percentage of."""

from __future__ import annotations

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.engine.facts import BRANCH_TERM_DUE_ON, fact_of
from workflows.evaluations.satisfaction import SecretarySatisfaction
from workflows.evaluations.selectors import secretary_satisfaction
from workflows.org.models import (
    LEAGUE_KINDS,
    Appointment,
    Member,
    MemberYear,
    Organization,
    OrgKind,
)
from workflows.rules.quota import Quota, quota_compute, quota_fixed
from workflows.rules.selectors import ResolvedRules

from .eligibility import (
    PersonFacts,
    Requirements,
    UnitFacts,
    person_problems,
    satisfaction_threshold,
    unit_problems,
)
from .models import QUOTA_HOLDING, Basis, Campaign, Category, CategoryKind, Honour, Nomination

COMMITTEE_KINDS = [OrgKind.LEAGUE_COMMITTEE, OrgKind.GENERAL_BRANCH]
LEAGUE_KIND_VALUES = [str(kind) for kind in LEAGUE_KINDS]


def requirements_of(category: Category) -> Requirements:
    return Requirements(
        name=category.name,
        age_min=category.age_min,
        age_max=category.age_max,
        league_years_min=category.league_years_min,
        league_member_required=category.league_member_required,
        review_required=category.review_required,
        volunteer_hours_min=category.volunteer_hours_min,
        dues_arrears_max=category.dues_arrears_max,
        cadre_years_min=category.cadre_years_min,
        exclude_full_time_cadre=category.exclude_full_time_cadre,
        repeat_gap_years=category.repeat_gap_years,
        unit_members_min=category.unit_members_min,
        term_current_required=category.term_current_required,
        satisfaction_min_percent=satisfaction_threshold(
            code=category.code, rules=category.campaign.rules_snapshot.get("values", {})
        ),
    )


def cadre_years(*, member: Member, on: datetime.date) -> float | None:
    """Years in league office up to ``on`` (overlaps counted once); None unless holding one."""
    if member.user_id is None:
        return None
    spans = list(
        Appointment.objects.filter(
            user_id=member.user_id, org__kind__in=LEAGUE_KIND_VALUES, start_date__lte=on
        )
        .order_by("start_date")
        .values_list("start_date", "end_date")
    )
    if not any(end is None or end >= on for _start, end in spans):
        return None
    # Calendar months per span (as 团龄 is counted), so a year in office is a calendar year.
    months, days, reach = 0, 0, None
    for start, end in spans:
        end = min(end or on, on)
        if reach is not None and start <= reach:
            start = reach + datetime.timedelta(days=1)
        if end >= start:
            span = relativedelta(end, start)
            months += span.years * 12 + span.months
            days += span.days
            reach = end if reach is None else max(reach, end)
    return months / 12 + days / 365.25


def _last_honour_year(*, code: str, member: Member | None = None, org=None) -> int | None:
    holder = Q(member=member) if member is not None else Q(org=org)
    return Honour.objects.filter(holder, category_code=code).aggregate(last=Max("year"))["last"]


def person_facts(*, member: Member, campaign: Campaign, category: Category) -> PersonFacts:
    record = MemberYear.objects.filter(member=member, year=campaign.review_year).first()
    return PersonFacts(
        birth_date=member.birth_date,
        league_join_date=member.league_join_date,
        political_status=member.political_status,
        standing=member.standing,
        is_active=member.is_active,
        review_result=record.review_result if record else "",
        volunteer_hours=record.volunteer_hours if record else Decimal(0),
        dues_paid_until=member.dues_paid_until,
        cadre_years=cadre_years(member=member, on=campaign.cutoff_date),
        full_time_cadre=member.is_full_time_cadre,
        last_same_honour_year=_last_honour_year(code=category.code, member=member),
        secretary_satisfaction=_secretary_satisfaction(member=member, campaign=campaign)
        if requirements_of(category).satisfaction_min_percent
        else None,
    )


def _secretary_satisfaction(*, member: Member, campaign: Campaign) -> SecretarySatisfaction | None:
    if member.user_id is None:
        return None
    return secretary_satisfaction(
        user=member.user, year=campaign.review_year, on=campaign.cutoff_date
    )


def unit_facts(*, org: Organization, campaign: Campaign, category: Category) -> UnitFacts:
    return UnitFacts(
        members=Member.objects.filter(branch__path__startswith=org.path, is_active=True).count(),
        # Terms are kept by 换届选举; without it no term is on record (``unit_problems`` says so).
        term_due_on=fact_of(BRANCH_TERM_DUE_ON, org=org),
        last_same_honour_year=_last_honour_year(code=category.code, org=org),
    )


def eligibility_check(
    *, category: Category, member: Member | None = None, org: Organization | None = None
) -> list[str]:
    """Every reason the nominee may not stand for ``category`` in its campaign."""
    campaign = category.campaign
    req = requirements_of(category)
    if category.is_collective:
        if org is None:
            return [_("请选择推荐的集体")]
        wanted = [OrgKind.BRANCH] if category.kind == CategoryKind.BRANCH else COMMITTEE_KINDS
        if org.kind not in wanted:
            return [
                _("%(org)s不是%(kind)s") % {"org": org.name, "kind": category.get_kind_display()}
            ]
        facts = unit_facts(org=org, campaign=campaign, category=category)
        return unit_problems(
            req=req, facts=facts, cutoff=campaign.cutoff_date, campaign_year=campaign.year
        )
    if member is None:
        return [_("请选择被推荐的团员")]
    facts = person_facts(member=member, campaign=campaign, category=category)
    return person_problems(
        req=req,
        facts=facts,
        cutoff=campaign.cutoff_date,
        campaign_year=campaign.year,
        today=timezone.localdate(),
    )


def quota_unit_of(
    *, category: Category, member: Member | None = None, org: Organization | None = None
) -> Organization:
    """The unit whose quota a nomination uses: a member's branch; for a branch, the league unit
    directly above it; for a committee, the campaign's own committee."""
    if not category.is_collective:
        return member.branch
    parent = org.parent if category.kind == CategoryKind.BRANCH else None
    if (
        parent
        and parent.kind in LEAGUE_KINDS
        and parent.path.startswith(category.campaign.org.path)
    ):
        return parent
    return category.campaign.org


def basis_count(*, basis: str, unit: Organization, on: datetime.date, whole: bool) -> int:
    """How many records of ``basis`` the unit has on ``on``. ``whole`` counts the unit's entire
    subtree (the campaign total); otherwise collectives count only those directly nominated by
    the unit, consistent with ``quota_unit_of``."""
    subtree = Q(path__startswith=unit.path) & ~Q(pk=unit.pk)
    if basis == Basis.MEMBERS:
        return Member.objects.filter(branch__path__startswith=unit.path, is_active=True).count()
    if basis == Basis.CADRES:
        return (
            Appointment.objects.on(on)
            .filter(org__path__startswith=unit.path, org__kind__in=LEAGUE_KIND_VALUES)
            .values("user_id")
            .distinct()
            .count()
        )
    kinds = [OrgKind.BRANCH] if basis == Basis.BRANCHES else COMMITTEE_KINDS
    orgs = Organization.objects.filter(subtree, kind__in=kinds)
    if not whole and basis == Basis.BRANCHES:
        # Branches under a nested 团总支 count against that 团总支, not the committee.
        orgs = orgs.filter(parent=unit) if unit.kind != OrgKind.BRANCH else orgs.none()
    return orgs.count()


BASIS_MEASURES = {
    Basis.MEMBERS: gettext_lazy("团员 %(count)s 人"),
    Basis.CADRES: gettext_lazy("团干部 %(count)s 人"),
    Basis.BRANCHES: gettext_lazy("团支部 %(count)s 个"),
    Basis.COMMITTEES: gettext_lazy("基层团委、团总支 %(count)s 个"),
}


def quota_for(
    *,
    category: Category,
    unit: Organization,
    rules: ResolvedRules,
    whole: bool = False,
    count: int | None = None,
) -> Quota:
    """The quota of ``unit`` for ``category``: nominations it may make, or with ``whole`` the
    awards the campaign's committee may give. ``count`` is the unit's basis when the caller
    counted it already (many units at once)."""
    if category.basis == Basis.FIXED:
        if whole:
            return quota_fixed(category.quota_value)
        return quota_fixed(category.unit_quota_value or category.quota_value)
    if count is None:
        count = basis_count(
            basis=category.basis, unit=unit, on=category.campaign.cutoff_date, whole=whole
        )
    return quota_compute(
        percent=category.quota_value,
        basis_text=str(BASIS_MEASURES[category.basis]) % {"count": count},
        basis_count=count,
        rounding=rules.text("quota_rounding"),
        minimum=rules.int("quota_minimum"),
    )


def quota_used(*, category: Category, unit: Organization, exclude_pk: int | None = None) -> int:
    return (
        Nomination.objects.filter(category=category, quota_unit=unit, status__in=QUOTA_HOLDING)
        .exclude(pk=exclude_pk)
        .count()
    )
