"""Writes: opening a round or a survey, 自评, a branch's ratings and their confirmation, the 公示
of 不合格 members, the results on the member records, and anonymous ballots. Each write is
audited in its own transaction; every status change is one FSM transition."""

from __future__ import annotations

import datetime
import hashlib

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.bounds import HEADCOUNT, PROCESS_DATES, YEAR
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.engine.services.cases import case_transition
from workflows.org.models import Member, MemberYear, Organization, OrgKind, ReviewResult, Role
from workflows.org.selectors import role_holder
from workflows.rules.calendar import working_days_window
from workflows.rules.selectors import rules_resolve
from workflows.wording import date_text, list_text, site_language

from . import selectors
from .conditions import branch_rating_problems, roster_of, round_open_problems
from .grading import meeting_problems
from .models import (
    BranchReview,
    MemberReview,
    ReviewPublicity,
    ReviewRound,
    Survey,
    SurveyBallot,
    SurveyBranch,
    SurveyParticipation,
)
from .rulebook import PROCESS_KEY
from .satisfaction import ballot_problems

SELF_ASSESSMENT_MAX = 2000
REASON_MAX = 1000
ITEMS_MAX = 12
ITEM_CHARS_MAX = 30


def _committee_run_by(committee: Organization, by: AbstractBaseUser) -> None:
    if not selectors.committees_run_by(user=by).filter(pk=committee.pk).exists():
        raise NotAllowed(_("您不是%(org)s的书记或副书记") % {"org": committee.name})


def _branches_under(committee: Organization):
    return Organization.objects.filter(path__startswith=committee.path, kind=OrgKind.BRANCH)


def _year_checked(year: int, label: str) -> None:
    problem = YEAR.problem(year, label)
    if problem:
        raise CaseError(problem)
    if year > timezone.localdate().year:
        raise CaseError(_("%(label)s %(year)s 年尚未开始") % {"label": label, "year": year})


def _rules_snapshot(committee: Organization) -> dict:
    return rules_resolve(process=PROCESS_KEY, org=committee, on=timezone.localdate()).snapshot()


# 团员教育评议 ---------------------------------------------------------------------------------


def _branches_free(committee: Organization, *, links, taken) -> list[Organization]:
    """The branches under ``committee``, refused when there are none or when one of them is
    already in ``links`` (another evaluation of the same year); ``taken`` words the refusal."""
    branches = list(_branches_under(committee))
    if not branches:
        raise CaseError(_("%(org)s下没有团支部") % {"org": committee.name})
    link = links.filter(branch__in=branches).select_related("branch").first()
    if link is not None:
        raise CaseError(taken(link))
    return branches


def review_round_open(*, committee: Organization, year: int, by: AbstractBaseUser) -> ReviewRound:
    """A committee's 教育评议 of ``year`` over every branch in its subtree, none of which may
    already be in another committee's round of that year."""
    _committee_run_by(committee, by)
    _year_checked(year, _("评议年度"))
    branches = _branches_free(
        committee,
        links=BranchReview.objects.filter(round__year=year).select_related("round__committee"),
        taken=lambda link: (
            _("%(branch)s已在%(round)s中，同一年度不能重复评议")
            % {"branch": link.branch.name, "round": link.round}
        ),
    )
    snapshot = _rules_snapshot(committee)
    with transaction.atomic():
        review_round = ReviewRound.objects.create(
            committee=committee,
            org_path=committee.path,
            year=year,
            rules_snapshot=snapshot,
            opened_by=by,
        )
        BranchReview.objects.bulk_create(
            BranchReview(round=review_round, branch=branch, org_path=branch.path)
            for branch in branches
        )
        with site_language():
            label = str(review_round)
        audit_record(
            action="evaluation.round_open",
            by=by,
            case=review_round,
            after=label,
            data={"year": year, "branches": len(branches), "rules": snapshot},
        )
    return review_round


def _branch_review_locked(branch_review: BranchReview) -> BranchReview:
    return (
        BranchReview.objects.select_for_update()
        .select_related("round__committee", "branch")
        .get(pk=branch_review.pk)
    )


def _editable_or_refuse(branch_review: BranchReview) -> None:
    problems = round_open_problems(branch_review)
    if problems:
        raise CaseError(problems)
    if not branch_review.editable:
        raise CaseError(
            _("%(branch)s的评议%(status)s，不能再修改")
            % {"branch": branch_review.branch.name, "status": branch_review.get_status_display()}
        )


def self_assessment_save(
    *, branch_review: BranchReview, member: Member, text: str, by: AbstractBaseUser
) -> MemberReview:
    """A member's own 自评, while their branch has not submitted its ratings."""
    if member.user_id != by.pk:
        raise NotAllowed(_("只能填写本人的自评"))
    if not member.is_active or member.branch_id != branch_review.branch_id:
        raise NotAllowed(_("您不在%(branch)s的团员名册中") % {"branch": branch_review.branch})
    text = text.strip()
    if not text:
        raise CaseError(_("请填写自评内容"))
    if len(text) > SELF_ASSESSMENT_MAX:
        raise CaseError(
            _("自评 %(count)s 字，超过 %(max)s 字")
            % {"count": len(text), "max": SELF_ASSESSMENT_MAX}
        )
    with transaction.atomic():
        branch_review = _branch_review_locked(branch_review)
        _editable_or_refuse(branch_review)
        review, _created = MemberReview.objects.update_or_create(
            branch_review=branch_review,
            member=member,
            defaults={"self_assessment": text, "self_assessed_at": timezone.now()},
        )
        with site_language():
            after = _("自评 %(count)s 字") % {"count": len(text)}
        audit_record(action="evaluation.self_assessment", by=by, case=branch_review, after=after)
    return review


def branch_ratings_record(
    *,
    branch_review: BranchReview,
    meeting_date: datetime.date | None,
    should_attend: int | None,
    present: int | None,
    ratings: dict[int, tuple[str, str]],
    by: AbstractBaseUser,
) -> BranchReview:
    """The branch meeting and the ratings it gave (member id → (result, reason)); a partial
    sheet may be saved, but never one beyond the rulebook's proportions."""
    if not selectors.branch_review_rated_by(branch_review=branch_review, user=by):
        raise NotAllowed(_("只有本团支部书记或副书记可以评定等次"))
    with transaction.atomic():
        branch_review = _branch_review_locked(branch_review)
        _editable_or_refuse(branch_review)
        _meeting_checked(branch_review, meeting_date, should_attend, present)
        roster = set(roster_of(branch_review).values_list("pk", flat=True))
        if set(ratings) - roster:
            raise CaseError(_("评定的团员不在%(branch)s名册中") % {"branch": branch_review.branch})
        for member_id, (result, reason) in ratings.items():
            if result not in {"", *ReviewResult.values}:
                raise CaseError(_("评议等次「%(result)s」无效") % {"result": result})
            if len(reason) > REASON_MAX:
                raise CaseError(_("评定理由不能超过 %(max)s 字") % {"max": REASON_MAX})
            MemberReview.objects.update_or_create(
                branch_review=branch_review,
                member_id=member_id,
                defaults={"result": result, "reason": reason.strip()},
            )
        branch_review.meeting_date = meeting_date
        branch_review.should_attend = should_attend
        branch_review.present = present
        branch_review.save(update_fields=["meeting_date", "should_attend", "present"])
        problems = branch_rating_problems(branch_review, complete=False)
        if problems:
            raise RuleViolation(problems)
        counts = dict(
            branch_review.reviews.exclude(result="")
            .values_list("result")
            .order_by()
            .annotate(count=Count("pk"))
        )
        with site_language():
            after = list_text(
                f"{ReviewResult(value).label} {counts[value]} 人"
                for value in ReviewResult.values
                if counts.get(value)
            ) or _("尚未评定")
        audit_record(
            action="evaluation.ratings",
            by=by,
            case=branch_review,
            after=after,
            data={"counts": counts, "rated": sum(counts.values()), "roster": len(roster)},
        )
    return branch_review


def _meeting_checked(
    branch_review: BranchReview,
    meeting_date: datetime.date | None,
    should_attend: int | None,
    present: int | None,
) -> None:
    """Bounds at once; the rest of the meeting rules when all three are given (submitting
    asks for them all)."""
    for value, label in ((should_attend, _("应到人数")), (present, _("实到人数"))):
        problem = value is not None and HEADCOUNT.problem(value, label)
        if problem:
            raise CaseError(problem)
    if meeting_date is not None:
        PROCESS_DATES.check(meeting_date, _("团支部大会日期"))
    if None not in (meeting_date, should_attend, present):
        problems = meeting_problems(
            meeting_date=meeting_date,
            should_attend=should_attend,
            present=present,
            year=branch_review.round.year,
            today=timezone.localdate(),
        )
        if problems:
            raise RuleViolation(problems)


def branch_review_submit(*, branch_review: BranchReview, by: AbstractBaseUser) -> BranchReview:
    if not selectors.branch_review_rated_by(branch_review=branch_review, user=by):
        raise NotAllowed(_("只有本团支部书记或副书记可以提交评议"))
    with transaction.atomic():
        branch_review = _branch_review_locked(branch_review)
        case_transition(case=branch_review, transition="submit", by=by)
    return branch_review


def _committee_decides(branch_review: BranchReview, by: AbstractBaseUser) -> None:
    if not selectors.round_managed_by(review_round=branch_review.round, user=by):
        raise NotAllowed(
            _("只有%(org)s的书记或副书记可以确认或退回") % {"org": branch_review.round.committee}
        )


def branch_review_confirm(
    *, branch_review: BranchReview, by: AbstractBaseUser, opinion: str = ""
) -> BranchReview:
    with transaction.atomic():
        branch_review = _branch_review_locked(branch_review)
        _committee_decides(branch_review, by)
        case_transition(case=branch_review, transition="confirm", by=by, opinion=opinion)
    return branch_review


def branch_review_return(
    *, branch_review: BranchReview, by: AbstractBaseUser, opinion: str
) -> BranchReview:
    """Back to the branch, which may rate again and resubmit; the opinion says what to fix."""
    opinion = opinion.strip()
    if not opinion:
        raise CaseError(_("退回须填写意见"))
    with transaction.atomic():
        branch_review = _branch_review_locked(branch_review)
        _committee_decides(branch_review, by)
        case_transition(
            case=branch_review,
            transition="return_to_branch",
            by=by,
            opinion=opinion,
            text=opinion,
        )
    return branch_review


def _round_locked(review_round: ReviewRound, by: AbstractBaseUser) -> ReviewRound:
    review_round = (
        ReviewRound.objects.select_for_update().select_related("committee").get(pk=review_round.pk)
    )
    _committee_run_by(review_round.committee, by)
    return review_round


def review_rating_close(*, review_round: ReviewRound, by: AbstractBaseUser) -> ReviewRound:
    """Every branch confirmed, the rating ends: the 不合格 members go on 公示 for the rulebook's
    working days; with none, the results are final at once."""
    with transaction.atomic():
        review_round = _round_locked(review_round, by)
        unqualified = list(selectors.unqualified_reviews(review_round=review_round))
        if not unqualified:
            _finalise(review_round, by)
            return review_round
        case_transition(case=review_round, transition="publicity_start", by=by)
        _publicity_open(review_round, unqualified, by)
    return review_round


def _publicity_open(
    review_round: ReviewRound, unqualified: list[MemberReview], by: AbstractBaseUser
) -> ReviewPublicity:
    days = int(review_round.rules_snapshot["values"]["publicity_working_days"])
    today = timezone.localdate()
    window = working_days_window(start=today, days=days)
    # The notice is the record of what was published: worded in the site's language, and
    # naming each member and branch only.
    with site_language():
        title = _("%(round)s「不合格」等次公示") % {"round": review_round}
        names = "\n".join(
            _("%(name)s（%(branch)s）")
            % {"name": r.member.name, "branch": r.branch_review.branch.name}
            for r in unqualified
        )
        content = (
            _(
                "经团支部大会评议、%(org)s确认，以下团员%(year)s年度团员教育评议等次为"
                "「不合格」，现予公示。"
            )
            % {"org": review_round.committee.name, "year": review_round.year}
            + "\n"
            + names
            + "\n"
            + _("公示期：%(starts)s至%(ends)s。如有异议，请向%(org)s实名反映。")
            % {
                "starts": date_text(today),
                "ends": date_text(window.end),
                "org": review_round.committee.name,
            }
            + window.note
        )
    publicity = ReviewPublicity.objects.create(
        round=review_round,
        org=review_round.committee,
        org_path=review_round.org_path,
        title=title,
        content=content,
        content_sha256=hashlib.sha256(content.encode()).hexdigest(),
        starts_on=today,
        ends_on=window.end,
        working_days=days,
        published_by=by,
    )
    audit_record(
        action="publicity.open",
        by=by,
        case=review_round,
        after=f"{title}（{publicity.starts_on} 至 {publicity.ends_on}，{days} 个工作日）"
        + window.note,
        data={
            "publicity": publicity.pk,
            "sha256": publicity.content_sha256,
            "members": len(unqualified),
            "provisional_years": list(window.pending_years),
        },
    )
    return publicity


def review_round_finalise(*, review_round: ReviewRound, by: AbstractBaseUser) -> ReviewRound:
    """After the 公示: the results are final and go on each member's record of the year."""
    with transaction.atomic():
        review_round = _round_locked(review_round, by)
        _finalise(review_round, by)
    return review_round


def _finalise(review_round: ReviewRound, by: AbstractBaseUser) -> None:
    case_transition(case=review_round, transition="finalise", by=by)
    ReviewPublicity.objects.filter(round=review_round, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    results = list(
        selectors.round_results(review_round=review_round).values_list("member_id", "result")
    )
    for member_id, result in results:
        MemberYear.objects.update_or_create(
            member_id=member_id, year=review_round.year, defaults={"review_result": result}
        )
    with site_language():
        after = _("%(count)s 名团员的%(year)s年度教育评议结果已记入团员年度记录") % {
            "count": len(results),
            "year": review_round.year,
        }
    audit_record(
        action="evaluation.results_recorded",
        by=by,
        case=review_round,
        after=after,
        data={"members": len(results), "year": review_round.year},
    )


# 团支部书记满意度测评 ----------------------------------------------------------------------------


def _items_cleaned(items: list[str]) -> list[str]:
    cleaned = [item.strip() for item in items if item.strip()]
    if not cleaned:
        raise CaseError(_("请至少设置一个测评项目"))
    if len(cleaned) > ITEMS_MAX:
        raise CaseError(
            _("测评项目 %(count)s 项，最多 %(max)s 项") % {"count": len(cleaned), "max": ITEMS_MAX}
        )
    long = [item for item in cleaned if len(item) > ITEM_CHARS_MAX]
    if long:
        raise CaseError(
            _("测评项目名称不能超过 %(max)s 字：%(items)s")
            % {"max": ITEM_CHARS_MAX, "items": list_text(long)}
        )
    if len(set(cleaned)) != len(cleaned):
        raise CaseError(_("测评项目不能重复"))
    return cleaned


def survey_open(
    *,
    committee: Organization,
    year: int,
    items: list[str],
    opens_on: datetime.date,
    closes_on: datetime.date,
    by: AbstractBaseUser,
) -> Survey:
    """A 满意度测评 of ``year`` over the committee's branches: each branch's members rate the
    secretary in office on the opening day."""
    _committee_run_by(committee, by)
    _year_checked(year, _("测评年度"))
    items = _items_cleaned(items)
    PROCESS_DATES.check(opens_on, _("开始日期"))
    PROCESS_DATES.check(closes_on, _("截止日期"))
    today = timezone.localdate()
    if closes_on < opens_on:
        raise CaseError(
            _("截止日期 %(closes)s 早于开始日期 %(opens)s")
            % {"closes": date_text(closes_on), "opens": date_text(opens_on)}
        )
    if closes_on < today:
        raise CaseError(_("截止日期 %(closes)s 已过") % {"closes": date_text(closes_on)})
    branches = _branches_free(
        committee,
        links=SurveyBranch.objects.filter(survey__year=year).select_related("survey__committee"),
        taken=lambda link: (
            _("%(branch)s已在%(survey)s中，同一年度不能重复测评")
            % {"branch": link.branch.name, "survey": link.survey}
        ),
    )
    snapshot = _rules_snapshot(committee)
    on = max(opens_on, today)
    with transaction.atomic():
        survey = Survey.objects.create(
            committee=committee,
            org_path=committee.path,
            year=year,
            items=items,
            opens_on=opens_on,
            closes_on=closes_on,
            rules_snapshot=snapshot,
            opened_by=by,
        )
        SurveyBranch.objects.bulk_create(
            SurveyBranch(
                survey=survey,
                branch=branch,
                org_path=branch.path,
                secretary=role_holder(role=Role.SECRETARY, org=branch, on=on),
            )
            for branch in branches
        )
        with site_language():
            label = str(survey)
        audit_record(
            action="survey.open",
            by=by,
            case=survey,
            after=f"{label}（{opens_on} 至 {closes_on}）",
            data={"items": items, "branches": len(branches), "rules": snapshot},
        )
    return survey


def survey_vote(
    *, survey: Survey, member: Member, scores: list[int | None], by: AbstractBaseUser
) -> None:
    """One member's ballot on their own branch's secretary, once. The ballot is stored without
    the member; a separate row, written in the same transaction, records that they voted, and
    the audit event says only that."""
    if member.user_id != by.pk or not member.is_active:
        raise NotAllowed(_("只能以本人身份参加测评"))
    survey.refresh_from_db(fields=["status", "opens_on", "closes_on"])
    if not survey.accepts_ballots:
        raise CaseError(
            _("测评时间为 %(opens)s 至 %(closes)s（%(status)s），现在不能投票")
            % {
                "opens": date_text(survey.opens_on),
                "closes": date_text(survey.closes_on),
                "status": survey.get_status_display(),
            }
        )
    target = selectors.ballot_target(survey=survey, member=member)
    if target is None:
        raise NotAllowed(_("您不在本次测评范围内（本人是被测评的团支部书记的，不参加测评）"))
    problems = ballot_problems(items=survey.items, scores=scores)
    if problems:
        raise CaseError(problems)
    try:
        with transaction.atomic():
            SurveyParticipation.objects.create(survey=survey, member=member)
            SurveyBallot.objects.create(target=target, scores=scores)
            with site_language():
                after = _("已参加测评")
            audit_record(
                action="survey.participate", by=by, org=target.branch, case=survey, after=after
            )
    except IntegrityError as error:
        raise CaseError(_("您已参加本次测评，每人只能评价一次")) from error


def survey_close(*, survey: Survey, by: AbstractBaseUser) -> Survey:
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("committee").get(pk=survey.pk)
        _committee_run_by(survey.committee, by)
        case_transition(case=survey, transition="close", by=by)
    return survey
