"""Driving a 教育评议 round and a 满意度测评 through their services in tests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from workflows.evaluations import services
from workflows.evaluations.models import BranchReview, ReviewPublicity, ReviewRound
from workflows.org.models import ReviewResult

YEAR = 2025


def round_open(world, year: int = YEAR) -> ReviewRound:
    return services.review_round_open(
        committee=world.committee, year=year, by=world.committee_secretary
    )


def branch_of(review_round: ReviewRound, branch) -> BranchReview:
    return review_round.branches.get(branch=branch)


def rate(
    branch_review: BranchReview,
    by,
    results: dict | None = None,
    default: str = ReviewResult.QUALIFIED,
    meeting: bool = True,
) -> BranchReview:
    """Rate every member of the branch (``default`` unless ``results`` names them by member)."""
    from workflows.evaluations.conditions import roster_of

    results = results or {}
    ratings = {}
    for member in roster_of(branch_review):
        value = results.get(member, default)
        result, reason = value if isinstance(value, tuple) else (value, "")
        ratings[member.pk] = (result, reason)
    today = timezone.localdate()
    return services.branch_ratings_record(
        branch_review=branch_review,
        meeting_date=today if meeting else None,
        should_attend=len(ratings) if meeting else None,
        present=len(ratings) if meeting else None,
        ratings=ratings,
        by=by,
    )


def confirmed(review_round: ReviewRound, world, results_a: dict | None = None) -> None:
    """Both branches rated, submitted and confirmed."""
    for branch, secretary, results in (
        (world.branch_a, world.secretary_a, results_a),
        (world.branch_b, world.secretary_b, None),
    ):
        review = branch_of(review_round, branch)
        rate(review, secretary, results)
        services.branch_review_submit(branch_review=review, by=secretary)
        services.branch_review_confirm(branch_review=review, by=world.committee_secretary)


def publicity_ended(review_round: ReviewRound) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ReviewPublicity.objects.filter(round=review_round).update(ends_on=yesterday)


def unqualified(reason: str = "全年未参加组织生活，经教育仍不改正") -> tuple[str, str]:
    return (ReviewResult.UNQUALIFIED, reason)


def finalised(world, year: int = YEAR, results_a: dict | None = None) -> ReviewRound:
    """A round carried to its results: rated, confirmed, closed, through its 公示 if any."""
    review_round = round_open(world, year=year)
    confirmed(review_round, world, results_a)
    review_round = services.review_rating_close(
        review_round=review_round, by=world.committee_secretary
    )
    if review_round.status != "finalised":
        publicity_ended(review_round)
        review_round = services.review_round_finalise(
            review_round=review_round, by=world.committee_secretary
        )
    return review_round
