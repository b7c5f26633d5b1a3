"""The demo 推优 rounds and cases, and how each case is driven to its status.

Only the real services move a case: ``round_create``, ``application_submit``, ``application_act``,
``case_withdraw``, ``application_object``; a 公示 window ends the way the timer worker
ends it, after the window has been moved into the past (``clock``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from workflows.engine.models import Publicity
from workflows.engine.services.cases import case_withdraw
from workflows.org.models import Member, Organization, PoliticalStatus, Role, Standing
from workflows.org.selectors import role_holder
from workflows.party_recommendation.models import Application, Round, Status, Track
from workflows.party_recommendation.services import (
    application_act,
    application_object,
    application_submit,
    round_create,
)

from .clock import publicity_elapses
from .steps import SeedError, step_take
from .structure import BRANCH_BY_CODE


@dataclass(frozen=True)
class RoundSpec:
    branch: str  # branch code
    title: str  # "{year}" is the meeting date's year
    track: str
    days_before_today: int  # the meeting (推荐日) is this many days before the seeding day


@dataclass(frozen=True)
class CaseSpec:
    branch: str  # branch code; the case belongs to that branch's round
    path: str  # a key of PATHS
    username: str | None = None  # a demo login's username; generated when None
    name: str | None = None  # a fixed name; drawn when None


ROUNDS: tuple[RoundSpec, ...] = (
    # 心内科团支部 → 委团委 → 心内科党支部: the demo logins' inboxes. Open, 推荐日 today.
    RoundSpec("xnk", "{year}年第二批推优入党（入党积极分子人选）", Track.ACTIVIST, 0),
    # 急诊科团支部 → 市第一人民医院团委 → 急诊科党支部.
    RoundSpec("jzk", "{year}年第二批推优入党（入党积极分子人选）", Track.ACTIVIST, 14),
    # 市疾病预防控制中心团支部 (directly led) → 委团委: the second track.
    RoundSpec("jikong", "{year}年推优入党（发展对象人选）", Track.CANDIDATE, 7),
)

CASES: tuple[CaseSpec, ...] = (
    CaseSpec("xnk", "accepted"),
    CaseSpec("xnk", "recommended", name="吉𠮷"),
    CaseSpec("xnk", "publicity_passed"),
    CaseSpec("xnk", "objection"),
    CaseSpec("xnk", "in_publicity"),
    CaseSpec("xnk", "meeting_passed"),
    CaseSpec("xnk", "meeting_passed"),
    CaseSpec("xnk", "branch_approved"),
    CaseSpec("xnk", "submitted"),
    CaseSpec("xnk", "submitted"),
    CaseSpec("xnk", "returned", username="shenqingren"),
    CaseSpec("xnk", "withdrawn"),
    CaseSpec("xnk", "rejected_at_branch"),
    CaseSpec("jzk", "declined"),
    CaseSpec("jzk", "recommended"),
    CaseSpec("jzk", "publicity_passed"),
    CaseSpec("jzk", "in_publicity"),
    CaseSpec("jzk", "meeting_passed"),
    CaseSpec("jzk", "rejected_on_objection"),
    CaseSpec("jzk", "submitted"),
    CaseSpec("jikong", "accepted"),
    CaseSpec("jikong", "meeting_passed"),
    CaseSpec("jikong", "rejected_at_meeting"),
    CaseSpec("jikong", "submitted"),
)

ROUND_BY_BRANCH: dict[str, RoundSpec] = {spec.branch: spec for spec in ROUNDS}


@dataclass(frozen=True)
class CasePlan:
    spec: CaseSpec
    name: str
    username: str
    statement: str


# Opinions written at each step.
BRANCH_APPROVE = "经团支部委员会审核，该同志符合推优条件，同意提交团员大会表决。"
BRANCH_RETURN = "请补充近一年参加志愿服务和科室业务学习的具体情况后重新提交。"
BRANCH_REJECT = "经团支部核实，该同志本年度团员教育评议结果为基本合格，本批次不予推荐。"
VOTE_PASS = "经团员大会无记名投票表决，同意推荐。"
VOTE_FAIL = "团员大会无记名投票表决，赞成票未超过应到会团员人数的一半，未通过。"
COMMITTEE_APPROVE = "经团委审核，推荐程序规范、材料齐全，同意推荐，予以公示。"
OBJECTION_TEXT = "反映该同志在科室轮转期间两次无故缺席团组织生活，请核实。"
OBJECTION_UPHELD = "经核查，反映情况属实，本批次不予推荐。"
PARTY_ACCEPT = {
    Track.ACTIVIST: "经党支部委员会研究，确定该同志为入党积极分子。",
    Track.CANDIDATE: "经党支部委员会研究，列为发展对象。",
}
PARTY_DECLINE = "经党支部委员会研究，该同志对党的基本知识了解尚不深入，暂不采纳，请团支部继续培养。"
WITHDRAW_REASON = "近期外出进修，申请下一批次再参加推荐。"


def recommend_opinion(track: str) -> str:
    target = "入党积极分子" if track == Track.ACTIVIST else "发展对象"
    return f"公示期满无异议，同意推荐为{target}人选。"


@dataclass
class _Context:
    application: Application
    round: Round
    objectors: list  # users who may file an objection (other applicants in the branch)


def _act(ctx: _Context, step: str, action: str, opinion: str = "", data=None, pick: int = 0):
    step_take(ctx.application, step, application_act, action, opinion, data, pick)


def _vote(ctx: _Context, passed: bool) -> dict:
    branch = ctx.round.branch
    should = Member.objects.filter(
        branch=branch,
        is_active=True,
        political_status=PoliticalStatus.LEAGUE_MEMBER,
        standing=Standing.GOOD,
    ).count()
    present = should - should // 8
    votes_for = present - 3 if passed else should // 2
    votes_abstain = 1
    return {
        # Cases are submitted on the day of seeding, and a 团员大会 cannot meet before them.
        "meeting_date": timezone.localdate(),
        "should_attend": should,
        "present": present,
        "ballots": present,
        "votes_for": votes_for,
        "votes_against": present - votes_for - votes_abstain,
        "votes_abstain": votes_abstain,
        "secret_ballot": True,
    }


def _object(ctx: _Context) -> None:
    publicity = Publicity.objects.for_case(ctx.application).get()
    application_object(publicity=publicity, by=ctx.objectors[0], text=OBJECTION_TEXT)
    ctx.application.refresh_from_db()


def _to_branch_approved(ctx):
    _act(ctx, "branch_review", "approve", BRANCH_APPROVE)


def _to_meeting_passed(ctx):
    _to_branch_approved(ctx)
    _act(ctx, "branch_meeting", "record_vote", VOTE_PASS, _vote(ctx, passed=True))


def _to_in_publicity(ctx, pick: int = 0):
    _to_meeting_passed(ctx)
    _act(ctx, "committee_review", "approve", COMMITTEE_APPROVE, pick=pick)


def _to_publicity_passed(ctx):
    _to_in_publicity(ctx, pick=1)
    publicity_elapses(ctx.application)


def _to_objection(ctx):
    _to_in_publicity(ctx)
    _object(ctx)
    publicity_elapses(ctx.application)  # the case stays paused: the objection goes to the committee


def _to_recommended(ctx):
    _to_publicity_passed(ctx)
    _act(ctx, "recommend", "approve", recommend_opinion(ctx.round.track))


def _to_accepted(ctx):
    _to_recommended(ctx)
    _act(ctx, "party_decision", "accept", PARTY_ACCEPT[ctx.round.track])


def _to_declined(ctx):
    _to_recommended(ctx)
    _act(ctx, "party_decision", "decline", PARTY_DECLINE)


def _to_returned(ctx):
    _act(ctx, "branch_review", "return", BRANCH_RETURN)


def _to_withdrawn(ctx):
    case_withdraw(
        case=ctx.application,
        by=ctx.application.applicant,
        reason=WITHDRAW_REASON,
        step="申请人撤回",
    )
    ctx.application.refresh_from_db()


def _rejected_at_branch(ctx):
    _act(ctx, "branch_review", "reject", BRANCH_REJECT)


def _rejected_at_meeting(ctx):
    _to_branch_approved(ctx)
    _act(ctx, "branch_meeting", "record_vote", VOTE_FAIL, _vote(ctx, passed=False))


def _rejected_on_objection(ctx):
    _to_objection(ctx)
    _act(ctx, "objection_review", "uphold", OBJECTION_UPHELD)


PATHS: dict[str, tuple[Status, Callable[[_Context], None]]] = {
    "submitted": (Status.SUBMITTED, lambda ctx: None),
    "returned": (Status.RETURNED, _to_returned),
    "withdrawn": (Status.WITHDRAWN, _to_withdrawn),
    "branch_approved": (Status.BRANCH_APPROVED, _to_branch_approved),
    "meeting_passed": (Status.MEETING_PASSED, _to_meeting_passed),
    "in_publicity": (Status.IN_PUBLICITY, _to_in_publicity),
    "objection": (Status.OBJECTION, _to_objection),
    "publicity_passed": (Status.PUBLICITY_PASSED, _to_publicity_passed),
    "recommended": (Status.RECOMMENDED, _to_recommended),
    "accepted": (Status.ACCEPTED, _to_accepted),
    "declined": (Status.DECLINED, _to_declined),
    "rejected_at_branch": (Status.REJECTED, _rejected_at_branch),
    "rejected_at_meeting": (Status.REJECTED, _rejected_at_meeting),
    "rejected_on_objection": (Status.REJECTED, _rejected_on_objection),
}


def demo_rounds_exist() -> bool:
    return Round.objects.filter(
        branch__name__in=[BRANCH_BY_CODE[spec.branch].name for spec in ROUNDS]
    ).exists()


def rounds_create() -> dict[str, Round]:
    today = timezone.localdate()
    rounds = {}
    for spec in ROUNDS:
        branch = Organization.objects.get(name=BRANCH_BY_CODE[spec.branch].name)
        meeting_date = today - datetime.timedelta(days=spec.days_before_today)
        rounds[spec.branch] = round_create(
            branch=branch,
            track=spec.track,
            title=spec.title.format(year=meeting_date.year),
            meeting_date=meeting_date,
            by=role_holder(role=Role.SECRETARY, org=branch, on=today),
        )
    return rounds


def case_run(plan: CasePlan, round: Round, objectors: list) -> Application:
    """Submit one case as its applicant and drive it to its planned status, in one transaction
    (so its PDF is rendered when that transaction commits)."""
    status, drive = PATHS[plan.spec.path]
    with transaction.atomic():
        member = Member.objects.select_related("user").get(branch=round.branch, name=plan.name)
        application = application_submit(
            member=member, round=round, statement=plan.statement, by=member.user
        )
        ctx = _Context(
            application=application,
            round=round,
            objectors=[user for user in objectors if user.pk != member.user_id],
        )
        drive(ctx)
        if ctx.application.status != status:
            raise SeedError(
                f"{plan.name}的申请停在「{ctx.application.get_status_display()}」，"
                f"预期「{status.label}」"
            )
    return ctx.application


def cases_seed(plans: list[CasePlan]) -> list[Application]:
    """Create the demo rounds and cases, unless a previous run already did."""
    if demo_rounds_exist():
        return []
    rounds = rounds_create()
    objectors: dict[str, list] = {}
    for plan in plans:
        objectors.setdefault(plan.spec.branch, []).append(
            Member.objects.get(branch=rounds[plan.spec.branch].branch, name=plan.name).user
        )
    return [case_run(plan, rounds[plan.spec.branch], objectors[plan.spec.branch]) for plan in plans]
