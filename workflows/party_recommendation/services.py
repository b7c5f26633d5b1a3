"""Writes for 推优入党. Each task action is one function that makes exactly one FSM transition."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.engine.meeting import Tally
from workflows.engine.models import Publicity
from workflows.engine.services.acting import task_act
from workflows.engine.services.cases import case_register, case_transition
from workflows.engine.services.meetings import meeting_vote_record
from workflows.engine.services.publicity import (
    case_objected,
    objection_file,
    objection_resolve,
    publicity_close,
    publicity_latest,
    publicity_open,
)
from workflows.engine.services.tasks import handle_resume
from workflows.org.models import Member, PartyProgress
from workflows.org.selectors import holds_role, league_committee_of
from workflows.rules.selectors import rules_resolve
from workflows.wording import site_language

from . import conditions
from .models import Application, Round, Status, Track

PROCESS_KEY = "party_recommendation"


def round_create(
    *, branch, track: str, title: str, meeting_date: datetime.date, by: AbstractBaseUser
) -> Round:
    if not by.is_superuser and not holds_role(
        user=by, role="secretary", org=branch, on=timezone.localdate()
    ):
        raise NotAllowed(_("只有团支部书记可以发起推优批次"))
    new_round = Round.objects.create(
        branch=branch, track=track, title=title, meeting_date=meeting_date, created_by=by
    )
    audit_record(
        action="round.create", by=by, org=branch, after=title, data={"round": new_round.pk}
    )
    return new_round


def application_submit(
    *, member: Member, round: Round, statement: str, by: AbstractBaseUser
) -> Application:
    """A member applies in an open round of their own branch; eligibility is checked first."""
    from .flows import PartyRecommendationFlow

    if by.pk != member.user_id:
        raise NotAllowed(_("只能本人提交推优申请"))
    if not round.is_open:
        raise CaseError(_("推优批次「%(title)s」已停止接受申请") % {"title": round.title})
    if round.branch_id != member.branch_id:
        raise NotAllowed(_("只能在本人所在团支部的推优批次中申请"))
    if not statement.strip():
        raise CaseError(_("请填写个人简述"))
    rules = rules_resolve(process=PROCESS_KEY, org=round.branch, on=timezone.localdate())
    application = Application(
        org=round.branch,
        org_path=round.branch.path,
        subject=member,
        applicant=by,
        round=round,
        track=round.track,
        statement=statement,
        rulebook=rules.rulebook,
        rules_snapshot=rules.snapshot(),
    )
    problems = conditions.eligibility_problems_of(application)
    if problems:
        raise RuleViolation(problems)
    with transaction.atomic():
        if Application.objects.filter(round=round, subject=member, status__in=_OPEN).exists():
            raise CaseError(_("%(name)s 在本批次已有进行中的申请") % {"name": member.name})
        with site_language():
            track = application.get_track_display()
        case_register(
            case=application, prefix="TY", by=by, data={"rules": rules.label, "track": track}
        )
        PartyRecommendationFlow.start.run(case=application)
    return application


_OPEN = [s for s in Status.values if s not in (Status.WITHDRAWN, Status.REJECTED)]


# Step handlers (process.py names each step's): each makes the case's one transition.


def statement_revise(application, *, by, opinion, data, **_rest):
    statement = data.get("statement", "").strip()
    if statement:
        application.statement = statement
    case_transition(case=application, transition="resubmit", by=by, opinion=opinion)


def tally_record(application, *, by, opinion, data, files, task):
    tally = Tally(
        should_attend=data["should_attend"],
        present=data["present"],
        ballots=data["ballots"],
        votes_for=data["votes_for"],
        votes_against=data["votes_against"],
        votes_abstain=data["votes_abstain"],
    )
    meeting_date = data["meeting_date"]
    vote = meeting_vote_record(
        case=application,
        by=by,
        tally=tally,
        rules=conditions.meeting_rules_of(application),
        meeting_date=meeting_date,
        date_problems=conditions.meeting_date_problems(application, meeting_date),
        secret_ballot=data["secret_ballot"],
        minutes=files.get("minutes"),
        task=task,
    )
    outcome = "meeting_pass" if vote.passed else "meeting_fail"
    case_transition(case=application, transition=outcome, by=by, opinion=opinion)


def committee_approve(application, *, by, opinion, **_rest):
    case_transition(case=application, transition="committee_approve", by=by, opinion=opinion)
    member = application.subject
    committee = league_committee_of(application.round.branch)
    days = int(conditions.rules_of(application)["publicity_working_days"])
    target = "发展对象" if application.track == Track.CANDIDATE else "入党积极分子"
    birth = member.birth_date
    publicity_open(
        case=application,
        org=committee,
        title=f"关于推荐{member.name}同志为{target}人选的公示",
        content=(
            f"经{application.round.branch.name}团员大会民主推荐、{committee.name}审核，"
            f"拟推荐{member.name}同志（{member.gender}，{birth.year}年{birth.month}月生，"
            f"{member.department}）为{target}人选，现予公示。公示期为 {days} 个工作日。"
            "如有异议，请在公示期内实名反映。"
        ),
        working_days=days,
        by=by,
    )


def application_object(*, publicity: Publicity, by: AbstractBaseUser, text: str) -> None:
    """A 实名 objection during 公示 pauses the case, and the committee's 异议核查 starts at once:
    the flow leaves its wait for the window's end (an objection to a case already paused joins
    the 核查 under way)."""
    application = publicity.case
    flow = application.process.flow_class.instance
    with flow.lock(application.process_id):
        application.refresh_from_db()
        objection_file(publicity=publicity, by=by, text=text)
        if application.status == Status.IN_PUBLICITY:
            case_objected(case=application, by=by, text=text)
    handle_resume(case=application, node=flow.publicity_window)


def application_publicity_close(*, application: Application) -> None:
    """The 公示 window has ended (timer): pass it unless an objection paused the case."""
    publicity = publicity_latest(application)
    publicity_close(publicity=publicity)
    if application.status == Status.IN_PUBLICITY:
        case_transition(case=application, transition="publicity_pass", by=None)


def objections_resolve(upheld: bool, transition: str):
    def handler(application, *, by, opinion, **_rest):
        publicity = publicity_latest(application)
        for objection in publicity.objections.filter(resolved_at__isnull=True):
            objection_resolve(objection=objection, by=by, upheld=upheld, resolution=opinion)
        case_transition(case=application, transition=transition, by=by, opinion=opinion)

    return handler


def recommendation_make(application, *, by, opinion, **_rest):
    from .documents import registration_form_issue

    valid_years = int(conditions.rules_of(application)["validity_years"])
    case_transition(
        case=application,
        transition="recommend",
        by=by,
        opinion=opinion,
        on=timezone.localdate(),
        valid_years=valid_years,
    )
    registration_form_issue(application=application, by=by)


def party_decide(transition: str):
    def handler(application, *, by, opinion, data, **_rest):
        decided_on = data.get("decided_on") or timezone.localdate()
        if decided_on > timezone.localdate():
            raise CaseError(_("决定日期 %(date)s 晚于今天") % {"date": decided_on})
        if application.recommended_on and decided_on < application.recommended_on:
            raise CaseError(
                _("决定日期 %(decided_on)s 早于推荐日期 %(recommended_on)s")
                % {"decided_on": decided_on, "recommended_on": application.recommended_on}
            )
        if transition == "party_accept" and decided_on > application.valid_until:
            raise RuleViolation(
                _("推荐有效期至 %(valid_until)s，已过期，须重新推荐")
                % {"valid_until": application.valid_until}
            )
        case_transition(
            case=application, transition=transition, by=by, opinion=opinion, on=decided_on
        )
        if transition == "party_accept":
            _member_progress(application.subject, application.track, decided_on)

    return handler


def _member_progress(member: Member, track: str, on: datetime.date) -> None:
    if track == Track.ACTIVIST:
        member.party_progress = PartyProgress.ACTIVIST
        member.activist_since = on
    else:
        member.party_progress = PartyProgress.CANDIDATE
    member.save(update_fields=["party_progress", "activist_since"])


# The entry point of every 推优 step; the steps and their handlers are in process.py.
application_act = task_act
