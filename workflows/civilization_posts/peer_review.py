"""互检互查: who scores whom inside each review group, each reviewer's score sheet, reminders
for what is missing, and each applicant's result as the committee reads it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.engine.services.cases import case_transition, copies_grant
from workflows.engine.services.notifications import notification_send
from workflows.org.models import Role
from workflows.org.selectors import acting_user_ids, role_holders
from workflows.wording import date_text, person_name

from .assignment import reviewers_assign
from .conditions import rules_of
from .models import (
    ApplicationStatus,
    Collective,
    Cycle,
    CycleStatus,
    PeerReview,
    PostApplication,
    roster_prefetch,
)
from .records import is_on_roster, reviewer_of, star_rules
from .rubric import score_sheet
from .scoring import Mean, outlier_flags, stars_for, trimmed_mean

REMIND_DAYS_BEFORE = 3


def reviews_assign(*, cycle: Cycle, due_on: datetime.date, by: AbstractBaseUser) -> int:
    """Give every qualified applicant its reviewers from its own group and start its review.

    Each reviewing collective scores through its 号长 (else a 副号长) with an account; the
    applicant's case is copied (抄送) to them, so they can read it and its evidence."""
    rules = rules_of(cycle)
    per_applicant = rules.int("peer_reviewers_max")
    applications = list(
        cycle.applications.filter(status=ApplicationStatus.QUALIFIED)
        .select_related("collective__group")
        .prefetch_related(roster_prefetch("collective__people"))
    )
    by_group: dict[int, list[PostApplication]] = defaultdict(list)
    for application in applications:
        by_group[application.collective.group_id].append(application)
    collectives = Collective.objects.filter(
        group_id__in=list(by_group), is_active=True
    ).prefetch_related(roster_prefetch())
    members = defaultdict(list)
    for collective in collectives:
        members[collective.group_id].append(collective)
    reviews = []
    for group_id, group_applications in by_group.items():
        reviewers = {c.pk: reviewer_of(c) for c in members[group_id]}
        reviewers = {pk: user for pk, user in reviewers.items() if user is not None}
        applicants = {a.collective_id: a for a in group_applications}
        plan = reviewers_assign(
            applicants=list(applicants),
            reviewers=list(reviewers),
            per_applicant=per_applicant,
            barred={
                pk: {
                    r
                    for r, user in reviewers.items()
                    if is_on_roster(user_id=user.pk, collective=a.collective)
                }
                for pk, a in applicants.items()
            },
        )
        by_pk = {c.pk: c for c in members[group_id]}
        for applicant_pk, reviewer_pks in plan.items():
            application = applicants[applicant_pk]
            reviews.extend(
                PeerReview(
                    application=application,
                    reviewer_collective=by_pk[pk],
                    reviewer=reviewers[pk],
                    due_on=due_on,
                )
                for pk in reviewer_pks
            )
            case_transition(case=application, transition="peer_review_start", by=by)
            copies_grant(case=application, users=[reviewers[pk] for pk in reviewer_pks], by=by)
    PeerReview.objects.bulk_create(reviews)
    notification_send(
        users={review.reviewer.pk: review.reviewer for review in reviews}.values(),
        text=_("互检互查：请于 %(date)s 前完成评分") % {"date": date_text(due_on)},
        url=reverse("civilization_posts:reviews"),
    )
    audit_record(
        action="peer_review.assign",
        by=by,
        case=cycle,
        after=_("%(applications)s 个申报，%(reviews)s 份评分任务，截止 %(date)s")
        % {"applications": len(applications), "reviews": len(reviews), "date": due_on},
    )
    return len(reviews)


def review_submit(
    *, application: PostApplication, by: AbstractBaseUser, scores: dict, comment: str = ""
) -> PeerReview:
    """One reviewer's score sheet for one applicant, once; nobody scores their own collective."""
    if is_on_roster(user_id=by.pk, collective=application.collective):
        raise RuleViolation(
            [
                _("不能为本集体评分：%(name)s 是%(collective)s的成员")
                % {"name": person_name(by), "collective": application.collective.name}
            ]
        )
    acting = acting_user_ids(user=by, on=timezone.localdate())
    with transaction.atomic():
        review = (
            PeerReview.objects.select_for_update()
            .filter(application=application, reviewer_id__in=acting)
            .select_related("reviewer_collective")
            .first()
        )
        if review is None:
            raise NotAllowed(_("您不是该申报的互检互查评审人"))
        cycle = Cycle.objects.get(pk=application.cycle_id)
        if cycle.status != CycleStatus.PEER_REVIEW:
            raise CaseError(
                _("评审当前为「%(status)s」，不在互检互查阶段")
                % {"status": cycle.get_status_display()}
            )
        if review.submitted_at is not None:
            when = timezone.localtime(review.submitted_at).strftime("%Y-%m-%d %H:%M")
            raise CaseError(
                _("该评分已由 %(name)s 于 %(when)s 提交，不能重复提交")
                % {"name": person_name(review.reviewer), "when": when}
            )
        sheet, total = score_sheet(application.rubric.rubric, scores)
        review.scores, review.total = sheet, total
        review.comment = (comment or "").strip()
        review.submitted_at = timezone.now()
        review.save(update_fields=["scores", "total", "comment", "submitted_at"])
        audit_record(
            action="peer_review.submit",
            by=by,
            case=application,
            after=_("%(collective)s评分 %(total)s 分")
            % {"collective": review.reviewer_collective.name, "total": total},
            opinion=review.comment,
            data={"review": review.pk, "scores": sheet},
        )
    return review


def reviews_missing(*, cycle: Cycle) -> list[PeerReview]:
    return list(
        PeerReview.objects.filter(
            application__cycle=cycle,
            application__status=ApplicationStatus.IN_PEER_REVIEW,
            submitted_at__isnull=True,
        ).select_related("reviewer", "reviewer_collective__org", "application__collective")
    )


def reviews_remind(*, cycle: Cycle, by: AbstractBaseUser | None) -> int:
    """催办 every reviewer whose scores are missing (once a day); past the deadline the
    reviewing collective's league secretary is told as well."""
    today = timezone.localdate()
    missing = [r for r in reviews_missing(cycle=cycle) if r.reminded_on != today]
    by_reviewer: dict[int, list[PeerReview]] = defaultdict(list)
    for review in missing:
        by_reviewer[review.reviewer_id].append(review)
    url = reverse("civilization_posts:reviews")
    for reviews in by_reviewer.values():
        first = reviews[0]
        names = "、".join(r.application.collective.name for r in reviews)
        notification_send(
            users=[first.reviewer],
            text=f"催办：互检互查 {names}，{first.due_on} 到期",
            url=url,
        )
        if first.due_on < today:
            notification_send(
                users=role_holders(
                    role=Role.SECRETARY, org=first.reviewer_collective.org, on=today
                ),
                text=f"督办：{first.reviewer_collective.name}互检互查评分 {first.due_on} 到期未交",
                url=url,
            )
    PeerReview.objects.filter(pk__in=[r.pk for r in missing]).update(reminded_on=today)
    if missing:
        audit_record(
            action="peer_review.remind",
            by=by,
            case=cycle,
            after=_("催办 %(reviewers)s 人，%(reviews)s 份评分")
            % {"reviewers": len(by_reviewer), "reviews": len(missing)},
        )
    return len(by_reviewer)


def peer_reviews_sweep() -> int:
    """Daily: remind reviewers from a few days before the deadline until they have scored."""
    soon = timezone.localdate() + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    cycles = Cycle.objects.filter(status=CycleStatus.PEER_REVIEW, review_due_on__lte=soon)
    return sum(reviews_remind(cycle=cycle, by=None) for cycle in cycles)


@dataclass(frozen=True)
class ReviewLine:
    review: PeerReview
    outlier: bool


@dataclass(frozen=True)
class ApplicationResult:
    application: PostApplication
    lines: list[ReviewLine]
    mean: Mean
    missing: int
    suggested: int

    @property
    def count(self) -> int:
        return sum(1 for line in self.lines if line.review.submitted_at is not None)

    @property
    def summary(self) -> str:
        """``互检互查 5 份，去掉最高分 96.0、最低分 78.0 后平均 88.33 分`` and the like."""
        if self.mean.value is None:
            return _("尚无互检互查评分")
        if self.mean.trimmed:
            high, low = self.mean.dropped
            return _(
                "互检互查 %(count)s 份，去掉最高分 %(high)s、最低分 %(low)s 后平均 %(mean)s 分"
            ) % {"count": self.count, "high": high, "low": low, "mean": self.mean.value}
        return _("互检互查 %(count)s 份，平均 %(mean)s 分") % {
            "count": self.count,
            "mean": self.mean.value,
        }


def cycle_results(*, cycle: Cycle, group_id: int | None = None) -> list[ApplicationResult]:
    """Every application under review (of one review group, when given) with its scores,
    trimmed mean, flags and suggestion."""
    rules = rules_of(cycle)
    trim = rules.flag("trim_extremes")
    points = rules.int("outlier_points")
    stars = star_rules(rules)
    under_review = cycle.applications.filter(status=ApplicationStatus.IN_PEER_REVIEW)
    if group_id is not None:
        under_review = under_review.filter(collective__group_id=group_id)
    applications = list(
        under_review.select_related("collective__group").order_by(
            "collective__group__order", "collective__name"
        )
    )
    reviews = defaultdict(list)
    for review in PeerReview.objects.filter(application__in=applications).select_related(
        "reviewer_collective", "reviewer"
    ):
        reviews[review.application_id].append(review)
    results = []
    for application in applications:
        mine = reviews[application.pk]
        submitted = [r for r in mine if r.submitted_at is not None]
        totals: list[Decimal] = [r.total for r in submitted]
        flags = dict(
            zip([r.pk for r in submitted], outlier_flags(totals, points=points), strict=True)
        )
        mean = trimmed_mean(totals, trim=trim)
        results.append(
            ApplicationResult(
                application=application,
                lines=[ReviewLine(r, flags.get(r.pk, False)) for r in mine],
                mean=mean,
                missing=len(mine) - len(submitted),
                suggested=stars_for(mean.value, stars),
            )
        )
    return results
