"""动态管理: the yearly review of recognised collectives — pass, warning, downgrade, or a
revocation that takes effect unless the collective rectifies within the rulebook's period."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError, NotAllowed
from workflows.engine.services.acting import task_act
from workflows.engine.services.cases import case_register, case_transition
from workflows.engine.services.notifications import notification_send
from workflows.org.models import Organization
from workflows.org.selectors import leads
from workflows.rules.selectors import rules_resolve
from workflows.wording import date_text

from .conditions import rules_of
from .models import (
    EventKind,
    Recognition,
    RecognitionEvent,
    RecognitionStatus,
    Stars,
    YearlyReview,
)
from .records import collective_facts, collective_problems
from .scoring import star_level

PROCESS_KEY = "civilization_post"


def yearly_reviews_start(
    *, committee: Organization, year: int, by: AbstractBaseUser
) -> list[YearlyReview]:
    """Open the year's review for every 青年文明号 the committee recognised before that year
    and still in force; a collective already under review for the year is left alone."""
    today = timezone.localdate()
    if not leads(user=by, org=committee, on=today):
        raise NotAllowed(_("只有%(org)s书记、副书记可以启动年度复核") % {"org": committee.name})
    if year > today.year:
        raise CaseError(_("复核年度 %(year)s 尚未到来") % {"year": year})
    from .flows import YearlyReviewFlow

    recognitions = (
        Recognition.objects.filter(
            awarded_by=committee,
            status=RecognitionStatus.ACTIVE,
            recognised_on__year__lt=year,
        )
        .exclude(reviews__year=year)
        .select_related("collective__org")
    )
    rules = rules_resolve(process=PROCESS_KEY, org=committee, on=today)
    started = []
    for recognition in recognitions:
        collective = recognition.collective
        review = YearlyReview(
            org=collective.org,
            org_path=collective.org_path,
            applicant=by,
            recognition=recognition,
            collective=collective,
            year=year,
            stars_before=recognition.stars,
            rulebook=rules.rulebook,
            rules_snapshot=rules.snapshot(),
        )
        with transaction.atomic():
            case_register(case=review, prefix="WF", by=by, data={"year": year})
            YearlyReviewFlow.start.run(case=review)
        started.append(review)
    if not started:
        raise CaseError(_("没有需要进行 %(year)s 年度复核的青年文明号") % {"year": year})
    return started


def _event(review: YearlyReview, kind: str, *, by, note: str, stars_after) -> None:
    RecognitionEvent.objects.create(
        recognition=review.recognition,
        kind=kind,
        on=timezone.localdate(),
        stars_before=review.stars_before,
        stars_after=stars_after,
        note=note,
        review=review,
        by=by,
    )


def _recognition_set(review: YearlyReview, **fields) -> None:
    Recognition.objects.filter(pk=review.recognition_id).update(**fields)
    for name, value in fields.items():
        setattr(review.recognition, name, value)


def yearly_report_submit(review: YearlyReview, *, by, opinion, data, **_rest) -> None:
    report = data.get("report")
    if not isinstance(report, str) or not report.strip():
        raise CaseError(_("请填写年度创建工作报告"))
    review.report = report.strip()
    review.basic_facts = collective_facts(
        collective=review.collective, on=timezone.localdate(), rules=rules_of(review)
    ).as_data()
    case_transition(case=review, transition="report_submit", by=by, opinion=opinion)


def review_pass(review: YearlyReview, *, by, opinion, **_rest) -> None:
    case_transition(case=review, transition="pass_review", by=by, opinion=opinion)
    _event(review, EventKind.PASSED, by=by, note=opinion, stars_after=review.stars_before)


def review_warn(review: YearlyReview, *, by, opinion, **_rest) -> None:
    case_transition(case=review, transition="warn", by=by, opinion=opinion)
    _event(review, EventKind.WARNED, by=by, note=opinion, stars_after=review.stars_before)


def review_downgrade(review: YearlyReview, *, by, opinion, data, **_rest) -> None:
    review.stars_after = star_level(data.get("stars"), allow_zero=False)
    if review.stars_after is None:
        raise CaseError(_("请选择降星后的星级（1–3）"))
    case_transition(case=review, transition="downgrade", by=by, opinion=opinion)
    _recognition_set(review, stars=review.stars_after)
    _event(review, EventKind.DOWNGRADED, by=by, note=opinion, stars_after=review.stars_after)


def rectification_order(review: YearlyReview, *, by, opinion, **_rest) -> None:
    days = rules_of(review).int("rectify_days")
    by_date = timezone.localdate() + datetime.timedelta(days=days)
    case_transition(
        case=review, transition="rectification_order", by=by, opinion=opinion, by_date=by_date
    )
    _recognition_set(review, status=RecognitionStatus.RECTIFYING)
    note = _("%(opinion)s（须于 %(date)s 前整改，逾期撤销称号）") % {
        "opinion": opinion,
        "date": date_text(by_date),
    }
    _event(review, EventKind.RECTIFICATION, by=by, note=note, stars_after=review.stars_before)


def rectification_submit(review: YearlyReview, *, by, opinion, data, **_rest) -> None:
    text = data.get("rectification")
    if not isinstance(text, str) or not text.strip():
        raise CaseError(_("请填写整改报告"))
    review.rectification = text.strip()
    case_transition(case=review, transition="rectification_submit", by=by, opinion=opinion)


def rectification_accept(review: YearlyReview, *, by, opinion, **_rest) -> None:
    problems = collective_problems(
        collective=review.collective, on=timezone.localdate(), rules=rules_of(review)
    )
    if problems:
        raise CaseError(
            [_("整改后仍不符合基本条件：%(problem)s") % {"problem": p} for p in problems]
        )
    case_transition(case=review, transition="rectification_accept", by=by, opinion=opinion)
    _recognition_set(review, status=RecognitionStatus.ACTIVE)
    _event(review, EventKind.RECTIFIED, by=by, note=opinion, stars_after=review.stars_before)


def _revoke(review: YearlyReview, *, by, note: str, opinion: str = "") -> None:
    case_transition(case=review, transition="revoke", by=by, opinion=opinion or note)
    _recognition_set(review, status=RecognitionStatus.REVOKED, revoked_on=timezone.localdate())
    _event(review, EventKind.REVOKED, by=by, note=note, stars_after=None)


def rectification_refuse(review: YearlyReview, *, by, opinion, **_rest) -> None:
    _revoke(review, by=by, note=opinion, opinion=opinion)


def yearly_review_lapse(*, review: YearlyReview) -> None:
    """The rectification period ended without a report (timer): the revocation takes effect."""
    note = _("整改期限 %(date)s 届满，未报送整改报告，撤销称号决定生效") % {
        "date": date_text(review.rectify_by)
    }
    _revoke(review, by=None, note=note)
    audit_record(
        action="post.revoke",
        by=None,
        case=review,
        before=Stars(review.stars_before).label,
        after=_("撤销"),
        opinion=note,
    )
    notification_send(
        users=[review.applicant],
        text=f"青年文明号称号已撤销：{review.collective.name}",
        url=review.get_absolute_url(),
    )


# The entry point of every yearly-review step; the steps and their handlers are in process.py.
yearly_review_act = task_act
