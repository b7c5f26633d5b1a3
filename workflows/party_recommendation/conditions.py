"""FSM conditions of an Application, each paired with the messages that explain a failure.

The transition refuses when a condition is false (in the admin, the API and the shell alike);
services call the ``*_problems`` functions first so people read which rule failed, and why.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workflows.engine.meeting import MeetingRules
from workflows.engine.models import Decision, MeetingVote, Opinion
from workflows.engine.services.publicity import publicity_latest
from workflows.evaluations.selectors import review_result_of
from workflows.wording import date_text

from .eligibility import MEETING_DAY, EligibilityRules, eligibility_problems, quota_problem


def rules_of(application) -> dict:
    return application.rules_snapshot["values"]


def eligibility_rules_of(application) -> EligibilityRules:
    values = rules_of(application)
    return EligibilityRules(
        age_min=int(values["age_min"]),
        age_max=int(values["age_max"]),
        league_years_min=int(values["league_years_min"]),
        application_months_min=int(values["application_months_min"]),
        activist_years_min=int(values["activist_years_min"]),
        review_unqualified_bars=bool(values.get("review_unqualified_bars", False)),
    )


def previous_review_of(application, on: datetime.date) -> str:
    """The applicant's 教育评议 result of the year before ``on`` (empty when none)."""
    return review_result_of(member=application.subject, year=on.year - 1)


def meeting_rules_of(application) -> MeetingRules:
    values = rules_of(application)
    return MeetingRules(
        quorum=Fraction(values["quorum_fraction"]), pass_line=Fraction(values["pass_fraction"])
    )


def eligibility_problems_of(application) -> list[str]:
    return eligibility_problems(
        member=application.subject,
        track=application.track,
        on=application.round.meeting_date,
        rules=eligibility_rules_of(application),
        previous_review=previous_review_of(application, application.round.meeting_date),
    )


def quota_problems_of(application) -> list[str]:
    from .models import QUOTA_HOLDING
    from .selectors import branch_member_count

    taken = (
        type(application)
        .objects.filter(round_id=application.round_id, status__in=QUOTA_HOLDING)
        .exclude(pk=application.pk)
        .count()
    )
    rules = rules_of(application)
    problem = quota_problem(
        members=branch_member_count(branch=application.round.branch),
        percent=int(rules["quota_percent"]),
        # Cases recorded before the setting existed were decided with no minimum.
        minimum=int(rules.get("quota_minimum", 0)),
        taken=taken,
    )
    return [problem] if problem else []


def is_eligible(application) -> bool:
    return not eligibility_problems_of(application)


def fits_quota(application) -> bool:
    return not quota_problems_of(application)


def nobody_acted(application) -> bool:
    """The applicant holds the case (returned to them), or no approver has decided anything
    since they last submitted it."""
    if application.status == "returned":
        return True
    return (
        not Opinion.objects.for_case(application)
        .filter(created_at__gte=application.submitted_at)
        .exclude(author_id=application.applicant_id)
        .exclude(decision=Decision.COMMENT)
        .exists()
    )


def latest_vote(application) -> MeetingVote | None:
    return MeetingVote.objects.for_case(application).order_by("-recorded_at", "-pk").first()


def meeting_date_problems(application, meeting_date: datetime.date) -> list[str]:
    """The 团员大会 votes on the application as (last) submitted, at a meeting that has met."""
    submitted = timezone.localtime(application.submitted_at).date()
    today = timezone.localdate()
    problems = []
    if meeting_date < submitted:
        problems.append(
            _("团员大会日期（%(meeting)s）早于申请提交日期（%(submitted)s），须在申请之后召开")
            % {"meeting": date_text(meeting_date), "submitted": date_text(submitted)}
        )
    if meeting_date > today:
        problems.append(
            _("团员大会日期（%(meeting)s）晚于今天（%(today)s），只能录入已召开的会议")
            % {"meeting": date_text(meeting_date), "today": date_text(today)}
        )
    return problems


def meeting_date_valid(application) -> bool:
    vote = latest_vote(application)
    return vote is not None and not meeting_date_problems(application, vote.meeting_date)


def meeting_eligibility_problems_of(application) -> list[str]:
    """Eligibility again on the day the 团员大会 actually met, which may differ from the round's
    planned 推荐日."""
    vote = latest_vote(application)
    if vote is None:
        return []
    return eligibility_problems(
        member=application.subject,
        track=application.track,
        on=vote.meeting_date,
        rules=eligibility_rules_of(application),
        day=MEETING_DAY,
        previous_review=previous_review_of(application, vote.meeting_date),
    )


def is_eligible_on_meeting_day(application) -> bool:
    return not meeting_eligibility_problems_of(application)


def meeting_passed(application) -> bool:
    vote = latest_vote(application)
    return vote is not None and vote.passed


def meeting_failed(application) -> bool:
    vote = latest_vote(application)
    return vote is not None and not vote.passed


def publicity_running(application) -> bool:
    publicity = publicity_latest(application)
    return publicity is not None and timezone.localdate() <= publicity.ends_on


def publicity_problems_of(application) -> list[str]:
    publicity = publicity_latest(application)
    if publicity is None:
        return [_("尚未公示")]
    problems = []
    if timezone.localdate() <= publicity.ends_on:
        problems.append(_("公示期至 %(ends_on)s 尚未届满") % {"ends_on": publicity.ends_on})
    return problems + objections_problems_of(application)


def objections_problems_of(application) -> list[str]:
    """Objections to the latest 公示 still open, or found true."""
    publicity = publicity_latest(application)
    if publicity is None:
        return [_("尚未公示")]
    problems = []
    objections = list(publicity.objections.all())
    open_count = sum(1 for o in objections if o.resolved_at is None)
    if open_count:
        problems.append(
            ngettext(
                "尚有 %(count)s 件公示异议未处理", "尚有 %(count)s 件公示异议未处理", open_count
            )
            % {"count": open_count}
        )
    if any(o.upheld for o in objections):
        problems.append(_("公示异议经核查属实"))
    return problems


def publicity_clear(application) -> bool:
    return not publicity_problems_of(application)


def objections_cleared(application) -> bool:
    return not objections_problems_of(application)


def withdraw_problems_of(application) -> list[str]:
    if nobody_acted(application):
        return []
    return [_("审批人已办理，不能撤回；如需修改请联系团支部书记退回")]


def meeting_problems_of(application) -> list[str]:
    vote = latest_vote(application)
    if vote is None:
        return [_("尚未录入团员大会表决结果")]
    return meeting_date_problems(application, vote.meeting_date)


# The words behind each transition's conditions, for the message when one refuses.
EXPLANATIONS = {
    "branch_approve": (eligibility_problems_of, quota_problems_of),
    "meeting_pass": (meeting_problems_of, quota_problems_of, meeting_eligibility_problems_of),
    "meeting_fail": (meeting_problems_of,),
    "withdraw": (withdraw_problems_of,),
    "publicity_pass": (publicity_problems_of,),
    "objections_dismiss": (objections_problems_of,),
}


def transition_problems_of(application, transition: str) -> list[str]:
    return [
        problem for explain in EXPLANATIONS.get(transition, ()) for problem in explain(application)
    ]
