"""FSM conditions of rounds and branch reviews, each paired with the words that explain it.

The transitions refuse when a condition is false (admin, shell and pages alike); the services
ask ``problems`` first so people read which rule failed and the numbers behind it.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.org.models import Member
from workflows.wording import date_text, list_text

from .grading import GradingRules, Rating, meeting_problems, rating_problems, unrated_problem


def grading_rules_of(review_round) -> GradingRules:
    return GradingRules.from_values(review_round.rules_snapshot["values"])


def roster_of(branch_review):
    """The members a branch rates: those on its rolls now."""
    return Member.objects.filter(branch_id=branch_review.branch_id, is_active=True).order_by(
        "name", "pk"
    )


def ratings_of(branch_review) -> list[Rating]:
    roster = list(roster_of(branch_review).values_list("pk", "name"))
    rows = {
        row.member_id: row
        for row in branch_review.reviews.filter(member_id__in=[pk for pk, _n in roster])
    }
    return [
        Rating(name, rows[pk].result, rows[pk].reason) if pk in rows else Rating(name, "")
        for pk, name in roster
    ]


def branch_rating_problems(branch_review, *, complete: bool) -> list[str]:
    """Why the branch's ratings break the rules; with ``complete``, also the meeting and every
    member rated (what submitting asks)."""
    ratings = ratings_of(branch_review)
    rated = [r for r in ratings if r.result]
    problems = []
    if complete:
        problems += meeting_problems(
            meeting_date=branch_review.meeting_date,
            should_attend=branch_review.should_attend,
            present=branch_review.present,
            year=branch_review.round.year,
            today=timezone.localdate(),
        )
        unrated = unrated_problem([r.name for r in ratings if not r.result])
        if unrated:
            problems.append(unrated)
    problems += rating_problems(
        ratings=rated, rated=len(ratings), rules=grading_rules_of(branch_review.round)
    )
    return problems


def round_open_problems(branch_review) -> list[str]:
    review_round = branch_review.round
    if review_round.status == "open":
        return []
    return [
        _("%(round)s已结束评议（%(status)s）")
        % {"round": review_round, "status": review_round.get_status_display()}
    ]


def round_open(branch_review) -> bool:
    return not round_open_problems(branch_review)


def branch_ratings_complete(branch_review) -> bool:
    return not branch_rating_problems(branch_review, complete=True)


def unconfirmed_problems(review_round) -> list[str]:
    pending = list(
        review_round.branches.exclude(status="confirmed").values_list("branch__name", flat=True)
    )
    if not pending:
        return []
    return [
        _("尚有 %(count)s 个团支部的评议未经团委确认：%(names)s")
        % {"count": len(pending), "names": list_text(pending)}
    ]


def branches_confirmed(review_round) -> bool:
    return not unconfirmed_problems(review_round)


def unqualified_count(review_round) -> int:
    from .models import MemberReview

    return MemberReview.objects.filter(
        branch_review__round=review_round, result="unqualified"
    ).count()


def publicity_problems(review_round) -> list[str]:
    """A round with 不合格 members is finalised only after their 公示 has run its course."""
    from .models import ReviewPublicity

    publicity = ReviewPublicity.objects.filter(round=review_round).first()
    if publicity is None:
        count = unqualified_count(review_round)
        if count:
            return [_("有 %(count)s 名团员评为「不合格」，须先公示") % {"count": count}]
        return []
    if timezone.localdate() <= publicity.ends_on:
        return [
            _("公示至 %(ends_on)s 截止，期满后才能确定评议结果")
            % {"ends_on": date_text(publicity.ends_on)}
        ]
    return []


def publicity_done(review_round) -> bool:
    return not publicity_problems(review_round)


_PROBLEMS = {
    "submit": lambda r: round_open_problems(r) + branch_rating_problems(r, complete=True),
    "confirm": round_open_problems,
    "return_to_branch": round_open_problems,
    "publicity_start": unconfirmed_problems,
    "finalise": lambda r: unconfirmed_problems(r) + publicity_problems(r),
}


def problems(record, transition: str) -> list[str]:
    check = _PROBLEMS.get(transition)
    return check(record) if check else []
