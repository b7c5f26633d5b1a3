"""Reads: who sees and runs which round or survey, the branch tables, the results, and the two
facts other processes judge by (a member's 教育评议 result, a secretary's 满意度)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from workflows.org.models import Member, MemberYear, Organization, OrgKind, ReviewResult, Role
from workflows.org.selectors import (
    committees_led,
    leads,
    orgs_with_role,
    path_filter,
    scope_paths,
)
from workflows.rules.defaults import fraction_parse

from .models import (
    BRANCH_EDITABLE,
    BranchReview,
    MemberReview,
    ReviewRound,
    RoundStatus,
    Survey,
    SurveyBallot,
    SurveyBranch,
    SurveyParticipation,
    SurveyStatus,
)
from .satisfaction import BranchResult, SecretarySatisfaction, branch_result

BRANCH_LEADERS = [Role.SECRETARY, Role.DEPUTY_SECRETARY]


def _today() -> datetime.date:
    return timezone.localdate()


def active_member(user: AbstractBaseUser) -> Member | None:
    member = Member.objects.filter(user_id=user.pk, is_active=True).select_related("branch")
    return member.first()


def committees_run_by(*, user: AbstractBaseUser) -> QuerySet[Organization]:
    """The 团委 and 团总支 ``user`` leads: where they open rounds and surveys."""
    return committees_led(user=user, on=_today())


def _in_scope(user: AbstractBaseUser, field: str = "org_path") -> Q:
    return path_filter(scope_paths(user=user, on=_today()), field)


# 教育评议 ---------------------------------------------------------------------------------


def rounds_visible_to(*, user: AbstractBaseUser) -> QuerySet[ReviewRound]:
    """Rounds of the committees where ``user`` holds an office, or above them."""
    return ReviewRound.objects.filter(_in_scope(user)).select_related("committee")


def round_managed_by(*, review_round: ReviewRound, user: AbstractBaseUser) -> bool:
    return committees_run_by(user=user).filter(pk=review_round.committee_id).exists()


def branch_reviews_led_by(*, user: AbstractBaseUser) -> QuerySet[BranchReview]:
    """The branch reviews ``user`` rates: of the branches whose secretary or deputy they are."""
    branches = orgs_with_role(user=user, roles=BRANCH_LEADERS, on=_today()).filter(
        kind=OrgKind.BRANCH
    )
    return BranchReview.objects.filter(branch__in=branches).select_related(
        "round__committee", "branch"
    )


def branch_review_visible_to(*, branch_review: BranchReview, user: AbstractBaseUser) -> bool:
    """Office holders of the branch and of the units above it."""
    return BranchReview.objects.filter(_in_scope(user), pk=branch_review.pk).exists()


def branch_review_rated_by(*, branch_review: BranchReview, user: AbstractBaseUser) -> bool:
    return leads(user=user, org=branch_review.branch, on=_today())


@dataclass(frozen=True)
class BranchRow:
    review: BranchReview
    members: int
    counts: dict[str, int]

    @property
    def rated(self) -> int:
        return sum(self.counts.values())


def round_branch_table(*, review_round: ReviewRound) -> list[BranchRow]:
    """Each branch of the round with its members on the rolls and its ratings so far."""
    reviews = list(review_round.branches.select_related("branch"))
    members = dict(
        Member.objects.filter(branch_id__in=[r.branch_id for r in reviews], is_active=True)
        .values_list("branch_id")
        .annotate(count=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for review_id, result, count in (
        MemberReview.objects.filter(branch_review__round=review_round)
        .exclude(result="")
        .values_list("branch_review_id", "result")
        .annotate(count=Count("pk"))
    ):
        counts[review_id][result] = count
    return [
        BranchRow(review=r, members=members.get(r.branch_id, 0), counts=counts[r.pk])
        for r in reviews
    ]


@dataclass(frozen=True)
class RosterRow:
    member: Member
    review: MemberReview | None


def branch_roster(*, branch_review: BranchReview) -> list[RosterRow]:
    """Every member the branch rates, with their 自评 and rating so far."""
    from .conditions import roster_of

    reviews = {r.member_id: r for r in branch_review.reviews.all()}
    return [RosterRow(member, reviews.get(member.pk)) for member in roster_of(branch_review)]


def round_results(*, review_round: ReviewRound) -> QuerySet[MemberReview]:
    return (
        MemberReview.objects.filter(branch_review__round=review_round)
        .exclude(result="")
        .select_related("member", "branch_review__branch")
        .order_by("branch_review__org_path", "member__name", "member_id")
    )


def unqualified_reviews(*, review_round: ReviewRound) -> QuerySet[MemberReview]:
    return round_results(review_round=review_round).filter(result=ReviewResult.UNQUALIFIED)


@dataclass(frozen=True)
class MyReview:
    branch_review: BranchReview
    review: MemberReview | None

    @property
    def result_shown(self) -> bool:
        """A member reads their result once the round's results are final."""
        return self.branch_review.round.status == RoundStatus.FINALISED


def my_reviews(*, member: Member) -> list[MyReview]:
    """The rounds that cover ``member``'s branch, with their own 自评 and result."""
    branch_reviews = BranchReview.objects.filter(branch_id=member.branch_id).select_related(
        "round__committee", "branch"
    )
    reviews = {
        r.branch_review_id: r
        for r in MemberReview.objects.filter(member=member, branch_review__in=branch_reviews)
    }
    return [MyReview(b, reviews.get(b.pk)) for b in branch_reviews.order_by("-round__year")]


def review_result_of(*, member: Member, year: int) -> str:
    """``member``'s 教育评议 result of ``year`` on the record (a finalised round writes it), or
    an empty string when none is recorded."""
    record = MemberYear.objects.filter(member=member, year=year).only("review_result").first()
    return record.review_result if record else ""


# 满意度测评 ----------------------------------------------------------------------------------


def surveys_visible_to(*, user: AbstractBaseUser) -> QuerySet[Survey]:
    return Survey.objects.filter(_in_scope(user)).select_related("committee")


def survey_managed_by(*, survey: Survey, user: AbstractBaseUser) -> bool:
    return committees_run_by(user=user).filter(pk=survey.committee_id).exists()


def survey_branches_rated(*, user: AbstractBaseUser) -> QuerySet[SurveyBranch]:
    """The survey branches where ``user`` is the secretary being rated."""
    return SurveyBranch.objects.filter(secretary=user).select_related("survey", "branch")


def ballot_target(*, survey: Survey, member: Member) -> SurveyBranch | None:
    """The branch secretary ``member`` rates in ``survey``; None when they rate nobody (no
    secretary, another committee, or they are the secretary)."""
    target = (
        SurveyBranch.objects.filter(survey=survey, branch_id=member.branch_id)
        .exclude(secretary__isnull=True)
        .select_related("secretary", "branch")
        .first()
    )
    if target is None or target.secretary_id == member.user_id:
        return None
    return target


def has_voted(*, survey: Survey, member: Member) -> bool:
    return SurveyParticipation.objects.filter(survey=survey, member=member).exists()


def surveys_for_member(*, member: Member) -> QuerySet[Survey]:
    return Survey.objects.filter(branches__branch_id=member.branch_id).order_by("-year")


def _eligible_counts(targets: list[SurveyBranch]) -> dict[int, int]:
    """Members who rate each target: the branch's members on the rolls, the secretary not."""
    branch_ids = [t.branch_id for t in targets]
    members = dict(
        Member.objects.filter(branch_id__in=branch_ids, is_active=True)
        .values_list("branch_id")
        .annotate(count=Count("pk"))
    )
    secretaries = set(
        Member.objects.filter(
            branch_id__in=branch_ids,
            is_active=True,
            user_id__in=[t.secretary_id for t in targets if t.secretary_id],
        ).values_list("branch_id", "user_id")
    )
    return {
        t.pk: members.get(t.branch_id, 0) - ((t.branch_id, t.secretary_id) in secretaries)
        for t in targets
    }


@dataclass(frozen=True)
class SurveyRow:
    target: SurveyBranch
    result: BranchResult
    items: tuple[str, ...]

    @property
    def item_averages(self) -> list[tuple[str, object]]:
        return list(zip(self.items, self.result.item_averages, strict=True))


def survey_results(*, survey: Survey, targets: QuerySet[SurveyBranch]) -> list[SurveyRow]:
    """Per branch: turnout, average per item, overall and validity (aggregates only)."""
    targets = list(
        targets.filter(survey=survey, secretary__isnull=False).select_related("branch", "secretary")
    )
    scores: dict[int, list[list[int]]] = defaultdict(list)
    for target_id, ballot in SurveyBallot.objects.filter(target__in=targets).values_list(
        "target_id", "scores"
    ):
        scores[target_id].append(ballot)
    eligible = _eligible_counts(targets)
    minimum = fraction_parse(survey.rules_snapshot["values"]["survey_participation_min"])
    return [
        SurveyRow(
            target=t,
            result=branch_result(
                items=len(survey.items),
                ballots=scores[t.pk],
                eligible=eligible[t.pk],
                minimum=minimum,
            ),
            items=tuple(survey.items),
        )
        for t in targets
    ]


def secretary_satisfaction(
    *, user: AbstractBaseUser, year: int, on: datetime.date
) -> SecretarySatisfaction | None:
    """For someone who is a branch secretary on ``on``: how that year's survey rated them.
    None when they are no branch's secretary that day."""
    branch = (
        orgs_with_role(user=user, roles=[Role.SECRETARY], on=on)
        .filter(kind=OrgKind.BRANCH)
        .order_by("path")
        .first()
    )
    if branch is None:
        return None
    target = (
        SurveyBranch.objects.filter(survey__year=year, secretary=user)
        .select_related("survey")
        .order_by("-survey__opened_at")
        .first()
    )
    if target is None or not target.survey.is_over:
        return SecretarySatisfaction(branch_name=branch.name, year=year, result=None)
    rows = survey_results(survey=target.survey, targets=SurveyBranch.objects.filter(pk=target.pk))
    return SecretarySatisfaction(branch_name=target.branch.name, year=year, result=rows[0].result)


# 待办 ------------------------------------------------------------------------------------------


def evaluations_owed(*, user: AbstractBaseUser) -> int:
    """自评 and ballots ``user`` still owes as a member, and branch ratings they owe as its
    secretary or deputy: what a 待办 count adds up."""
    owed = (
        branch_reviews_led_by(user=user)
        .filter(round__status=RoundStatus.OPEN, status__in=BRANCH_EDITABLE)
        .count()
    )
    member = active_member(user)
    if member is None:
        return owed
    assessed = MemberReview.objects.filter(branch_review=OuterRef("pk"), member=member).exclude(
        self_assessment=""
    )
    owed += (
        BranchReview.objects.filter(
            branch_id=member.branch_id,
            round__status=RoundStatus.OPEN,
            status__in=BRANCH_EDITABLE,
        )
        .exclude(Exists(assessed))
        .count()
    )
    today = _today()
    voted = SurveyParticipation.objects.filter(survey=OuterRef("survey"), member=member)
    owed += (
        SurveyBranch.objects.filter(
            branch_id=member.branch_id,
            survey__status=SurveyStatus.OPEN,
            survey__opens_on__lte=today,
            survey__closes_on__gte=today,
            secretary__isnull=False,
        )
        .exclude(secretary_id=user.pk)
        .exclude(Exists(voted))
        .count()
    )
    return owed
