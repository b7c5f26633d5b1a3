"""Writes for 换届选举. Each task action is one handler that makes exactly one FSM transition."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.documents.services import document_number_next
from workflows.engine.bounds import HEADCOUNT, ID, SEATS
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.engine.inputs import date_parse
from workflows.engine.services.acting import task_act
from workflows.engine.services.attachments import attachment_add
from workflows.engine.services.cases import case_register, case_transition
from workflows.engine.tasks import tasks_reroute_after_commit
from workflows.org.models import Member, Organization, OrgKind, Role, Standing
from workflows.org.services import committee_replace
from workflows.rules.selectors import rules_resolve
from workflows.wording import site_language

from . import conditions, documents, terms
from .ballot import BallotCount, ballots_tally, count_outcome, outcome_reason
from .models import (
    OPEN,
    BallotRound,
    Candidate,
    Election,
    Method,
    Officer,
    RoundVote,
    Term,
)
from .selectors import leads_branch
from .terms import PROCESS_KEY

OFFICER_ROLES = (
    Role.SECRETARY,
    Role.DEPUTY_SECRETARY,
    Role.ORGANIZATION_MEMBER,
    Role.COMMITTEE_MEMBER,
)


@dataclass(frozen=True)
class CandidateEntry:
    member: Member
    resume: str


@dataclass(frozen=True)
class Plan:
    """What a 请示 proposes: the meeting, the seats, the candidates and the vote counters."""

    meeting_date: datetime.date
    place: str
    agenda: str
    seats: int
    method: str
    candidates: list[CandidateEntry]
    scrutineers: list[Member]
    tellers: list[Member]


def _plan_check(plan: Plan) -> None:
    problems = []
    if plan.meeting_date < timezone.localdate():
        problems.append(
            _("团员大会日期 %(date)s 早于今天，请示应在会前报送") % {"date": plan.meeting_date}
        )
    if not plan.place.strip():
        problems.append(_("请填写会议地点"))
    if not plan.agenda.strip():
        problems.append(_("请填写会议议程"))
    if plan.method not in Method.values:
        problems.append(_("请选择选举办法"))
    missing = [entry.member.name for entry in plan.candidates if not entry.resume.strip()]
    if missing:
        problems.append(_("请填写候选人 %(names)s 的简历") % {"names": "、".join(missing)})
    if problems:
        raise RuleViolation(problems)


def _plan_apply(election: Election, plan: Plan) -> None:
    """Write ``plan`` onto a saved election, replacing its candidates and vote counters."""
    election.meeting_date = plan.meeting_date
    election.place = plan.place.strip()
    election.agenda = plan.agenda.strip()
    election.seats = plan.seats
    election.method = plan.method
    election.save()
    election.candidates.all().delete()
    Candidate.objects.bulk_create(
        [
            Candidate(election=election, member=entry.member, resume=entry.resume.strip(), order=i)
            for i, entry in enumerate(plan.candidates)
        ]
    )
    election.scrutineers.set(plan.scrutineers)
    election.tellers.set(plan.tellers)


def election_submit(*, branch: Organization, plan: Plan, by: AbstractBaseUser) -> Election:
    """The branch reports its 请示; the rules are checked before anyone is asked to approve."""
    from .flows import ElectionFlow

    if branch.kind != OrgKind.BRANCH:
        raise CaseError(_("只有团支部通过本流程换届"))
    if not leads_branch(user=by, branch=branch, on=timezone.localdate()):
        raise NotAllowed(_("只有团支部书记或副书记可以报送换届请示"))
    _plan_check(plan)
    rules = rules_resolve(process=PROCESS_KEY, org=branch, on=timezone.localdate())
    election = Election(
        org=branch,
        org_path=branch.path,
        applicant=by,
        term=Term.objects.filter(branch=branch, ended_on__isnull=True).first(),
        meeting_date=plan.meeting_date,
        place=plan.place,
        agenda=plan.agenda,
        seats=plan.seats,
        method=plan.method,
        branch_size=branch.members.filter(is_active=True).count(),
        rulebook=rules.rulebook,
        rules_snapshot=rules.snapshot(),
        status=conditions.first_review_status(rules),
    )
    with transaction.atomic():
        running = Election.objects.filter(org=branch, status__in=OPEN).first()
        if running is not None:
            raise CaseError(
                _("%(branch)s已有进行中的换届选举 %(reference)s")
                % {"branch": branch.name, "reference": running.reference}
            )
        election.request_number = document_number_next(
            issuer=branch, year=timezone.localdate().year
        )
        case_register(
            case=election,
            prefix="HJ",
            by=by,
            data={"rules": rules.label, "number": election.request_number},
        )
        _plan_apply(election, plan)
        problems = conditions.plan_problems(election)
        if problems:
            raise RuleViolation(problems)
        ElectionFlow.start.run(case=election)
        documents.election_document_issue(kind="election_request", election=election, by=by)
    return election


def plan_approve_step(election, *, by, opinion, **_rest):
    case_transition(case=election, transition="plan_approve", by=by, opinion=opinion)
    committee = documents.reply_issuer(election)
    election.plan_reply_number = document_number_next(
        issuer=committee, year=timezone.localdate().year
    )
    election.save(update_fields=["plan_reply_number"])
    documents.election_document_issue(
        kind="election_plan_reply", election=election, by=by, opinion=opinion
    )


def plan_resubmit(election, *, by, opinion, data, **_rest):
    if data.get("plan"):
        plan = plan_from_data(data["plan"], branch=election.org)
        _plan_check(plan)
        _plan_apply(election, plan)
    case_transition(case=election, transition="resubmit", by=by, opinion=opinion)
    documents.election_document_issue(kind="election_request", election=election, by=by)


# The meeting.
def _int(data: dict, key: str, label: str) -> int:
    if data.get(key) in (None, ""):
        raise CaseError(_("请填写%(label)s（整数）") % {"label": label})
    return HEADCOUNT.parse(data[key], label)


def _ids(values, label: str) -> list[int]:
    if isinstance(values, str):
        values = [v for v in values.replace("，", ",").split(",") if v.strip()]
    try:
        return [int(v) for v in values or []]
    except (TypeError, ValueError) as error:
        raise CaseError(_("%(label)s应为团员编号列表") % {"label": label}) from error


def _roll(election: Election, data: dict) -> tuple[list[int], list[int], list[int]]:
    """(voters who should attend, excluded on 留团察看, voters present) from the roll call."""
    members = {
        m.pk: m for m in election.org.members.filter(is_active=True).only("pk", "standing", "name")
    }
    expected = _ids(data["expected"], _("应到会团员")) if data.get("expected") else list(members)
    attended = _ids(data.get("attended"), _("实到会团员"))
    strangers = sorted(set(expected + attended) - set(members))
    if strangers:
        raise CaseError(
            _("编号 %(ids)s 不是本团支部在册团员") % {"ids": "、".join(map(str, strangers))}
        )
    excluded = [pk for pk in expected if members[pk].standing != Standing.GOOD]
    voters = [pk for pk in expected if pk not in excluded]
    # 留团察看 members may attend but do not vote; anyone else must be on the roll.
    off_roll = [
        members[pk].name
        for pk in attended
        if pk not in voters and members[pk].standing == Standing.GOOD
    ]
    if off_roll:
        raise CaseError(_("%(names)s 不在应到会名单中") % {"names": "、".join(off_roll)})
    return voters, excluded, [pk for pk in attended if pk in voters]


def round_record(election, *, by, opinion, data, files, task):
    kind, eligible, places, majority = conditions.round_setup(election)
    meeting_date = date_parse(data.get("meeting_date") or timezone.localdate(), _("会议日期"))
    if meeting_date > timezone.localdate():
        raise CaseError(_("会议日期 %(date)s 晚于今天") % {"date": meeting_date})
    reported_on = timezone.localdate(election.submitted_at)
    if meeting_date < reported_on:
        raise CaseError(
            _("会议日期 %(date)s 早于请示报送日期 %(reported)s")
            % {"date": meeting_date, "reported": reported_on}
        )
    voters, excluded, attended = _roll(election, data)
    by_id = {c.pk: c for c in eligible}
    if data.get("ballots") is not None:
        returned, void, votes = ballots_tally(_ballots(data["ballots"]), places)
    else:
        returned = _int(data, "returned", _("收回选票"))
        void = _int(data, "void", _("废票"))
        votes = _votes(data.get("votes") or {})
    unknown = sorted(set(votes) - set(by_id))
    if unknown:
        raise CaseError(
            _("本轮只能投票给：%(names)s；编号 %(ids)s 不在其中")
            % {
                "names": "、".join(c.member.name for c in eligible),
                "ids": "、".join(map(str, unknown)),
            }
        )
    count = BallotCount(
        should_attend=len(voters),
        present=len(attended),
        issued=_int(data, "issued", _("发出选票")),
        returned=returned,
        void=void,
        seats=places,
        votes={pk: votes.get(pk, 0) for pk in by_id},
        names={pk: c.member.name for pk, c in by_id.items()},
    )
    rules = conditions.count_rules_of(election, majority=majority)
    outcome = count_outcome(count, rules)
    lines = [outcome_reason(count, rules, pk, c.member.name) for pk, c in by_id.items()]
    summary = _round_summary(count, outcome, by_id)
    minutes = files.get("minutes")
    round_ = BallotRound.objects.create(
        election=election,
        kind=kind,
        meeting_date=meeting_date,
        seats=places,
        expected=voters,
        excluded=excluded,
        attended=attended,
        should_attend=count.should_attend,
        present=count.present,
        issued=count.issued,
        returned=count.returned,
        void=count.void,
        outcome=outcome.kind,
        problems=outcome.problems,
        summary="\n".join([summary, *lines]),
        minutes=attachment_add(case=election, by=by, upload=minutes, task=task, purpose="计票记录")
        if minutes
        else None,
        recorded_by=by,
    )
    RoundVote.objects.bulk_create(
        [
            RoundVote(
                round=round_,
                candidate=candidate,
                votes=count.votes[pk],
                elected=pk in outcome.elected,
                tied=pk in outcome.tied,
            )
            for pk, candidate in by_id.items()
        ]
    )
    for pk in outcome.elected:
        Candidate.objects.filter(pk=pk).update(elected=True, votes=count.votes[pk])
    audit_record(
        action="election.round",
        by=by,
        case=election,
        after=summary,
        opinion="；".join(outcome.problems),
        data={"round": round_.pk, "outcome": outcome.kind, "votes": count.votes},
    )
    transition = {
        "invalid": "round_invalid",
        "elected": "round_elected",
        "tie": "round_tie",
        "shortfall": "round_shortfall",
    }[outcome.kind]
    extra = {"held_on": meeting_date} if outcome.kind == "elected" else {}
    case_transition(case=election, transition=transition, by=by, opinion=summary, **extra)


def _ballots(value) -> list[list[int]]:
    if not isinstance(value, list) or not all(isinstance(b, list) for b in value):
        raise CaseError(_("选票应为列表，每张选票列出所选候选人编号"))
    return [_ids(ballot, _("选票")) for ballot in value]


def _votes(value) -> dict[int, int]:
    try:
        votes = dict(value).items()
    except (TypeError, ValueError) as error:
        raise CaseError(_("得票应为“候选人编号: 票数”")) from error
    label = _("赞成票")
    return {ID.parse(key, label): HEADCOUNT.parse(count or 0, label) for key, count in votes}


def _round_summary(count: BallotCount, outcome, by_id: dict[int, Candidate]) -> str:
    head = _(
        "应到会 %(should_attend)s 人，实到会 %(present)s 人，发出选票 %(issued)s 张，"
        "收回 %(returned)s 张，废票 %(void)s 张"
    ) % vars(count)
    names = "、".join(by_id[pk].member.name for pk in outcome.elected)
    if outcome.kind == "invalid":
        return f"{head}。" + _("选举无效：%(why)s") % {"why": "；".join(outcome.problems)}
    if outcome.kind == "tie":
        return f"{head}。" + _("%(names)s 票数相等，须就 %(places)s 个名额重新投票") % {
            "names": "、".join(by_id[pk].member.name for pk in outcome.tied),
            "places": outcome.tie_places,
        }
    if outcome.kind == "shortfall":
        return f"{head}。" + _("当选 %(names)s，尚缺 %(shortfall)s 名") % {
            "names": names or _("无"),
            "shortfall": outcome.shortfall,
        }
    return f"{head}。" + _("当选：%(names)s") % {"names": names}


def seats_reduce(election, *, by, opinion, data, **_rest):
    held_on = date_parse(data.get("meeting_date") or timezone.localdate(), _("会议日期"))
    case_transition(
        case=election, transition="seats_reduce", by=by, opinion=opinion, held_on=held_on
    )


# First committee meeting, report and reply.
def officers_assign(election, *, by, opinion, data, **_rest):
    entries = data.get("officers") or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise CaseError(_("委员分工应写明团员编号与职务"))
    elected = {c.member_id: c for c in election.candidates.filter(elected=True)}
    election.officers.all().delete()
    rows = []
    for entry in entries:
        try:
            member_id, role = int(entry["member"]), entry["role"]
        except (KeyError, TypeError, ValueError) as error:
            raise CaseError(_("委员分工应写明团员编号与职务")) from error
        if role not in OFFICER_ROLES:
            raise CaseError(_("职务“%(role)s”不是支部委员会职务") % {"role": role})
        if member_id not in elected:
            name = Member.objects.filter(pk=member_id).values_list("name", flat=True).first()
            raise RuleViolation(_("%(name)s 未当选委员，不能任职") % {"name": name or member_id})
        rows.append(
            Officer(
                election=election,
                candidate=elected[member_id],
                role=role,
                duty=str(entry.get("duty", "")).strip()[:60],
            )
        )
    Officer.objects.bulk_create(rows)
    without_account = [o.candidate.member.name for o in rows if not o.candidate.member.user_id]
    if without_account:
        raise RuleViolation(
            _("%(names)s 尚未开通系统账号，开通后才能任职") % {"names": "、".join(without_account)}
        )
    with site_language():
        after = "；".join(f"{o.candidate.member.name} {o.get_role_display()}" for o in rows)
    audit_record(action="election.officers", by=by, case=election, after=after)
    case_transition(case=election, transition="officers_assign", by=by, opinion=opinion)


def report_submit(election, *, by, opinion, **_rest):
    case_transition(
        case=election, transition="report_submit", by=by, opinion=opinion, on=timezone.localdate()
    )
    election.report_number = document_number_next(
        issuer=election.org, year=timezone.localdate().year
    )
    election.save(update_fields=["report_number"])
    documents.election_document_issue(kind="election_report", election=election, by=by)


def result_approve(election, *, by, opinion, **_rest):
    """The new committee takes office today; the old one leaves and its open tasks follow, in
    a job of their own once this approval commits."""
    today = timezone.localdate()
    case_transition(case=election, transition="result_approve", by=by, opinion=opinion, on=today)
    reason = _("%(reference)s 换届选举结果批复") % {"reference": election.reference}
    officers = election.officers.all()
    change = committee_replace(
        org=election.org,
        holders=[(o.candidate.member.user, o.role) for o in officers],
        on=today,
        by=by,
        reason=reason,
    )
    tasks_reroute_after_commit(user_ids=change.leaving_user_ids, on=today, by=by, reason=reason)
    _league_posts_update(officers, leaving_user_ids=change.leaving_user_ids)
    terms.term_start(branch=election.org, starts_on=today, election=election, by=by)
    election.result_reply_number = document_number_next(
        issuer=documents.reply_issuer(election), year=today.year
    )
    election.save(update_fields=["result_reply_number"])
    documents.election_document_issue(
        kind="election_result_reply", election=election, by=by, opinion=opinion
    )


def _league_posts_update(officers, *, leaving_user_ids: set[int]) -> None:
    """The member records say who holds which branch office now (the 团内职务 on forms)."""
    Member.objects.filter(user_id__in=leaving_user_ids).update(league_post="")
    for officer in officers:
        member = officer.candidate.member
        with site_language():
            post = officer.duty or officer.get_role_display()
        member.league_post = f"团支部{post}"
        member.save(update_fields=["league_post"])


def plan_from_data(data: dict, *, branch: Organization) -> Plan:
    """A Plan from request data (form or API): member ids resolved within ``branch``."""
    members = {m.pk: m for m in Member.objects.filter(branch=branch)}

    def member(pk) -> Member:
        found = members.get(int(pk)) if str(pk).isdigit() else None
        if found is None:
            raise CaseError(_("编号 %(id)s 不是本团支部团员") % {"id": pk})
        return found

    try:
        return Plan(
            meeting_date=date_parse(data["meeting_date"], _("团员大会日期")),
            place=str(data.get("place", "")),
            agenda=str(data.get("agenda", "")),
            seats=SEATS.parse(data["seats"], _("应选名额")),
            method=str(data.get("method", Method.DIRECT)),
            candidates=[
                CandidateEntry(member=member(c["member"]), resume=str(c.get("resume", "")))
                for c in data.get("candidates", [])
            ],
            scrutineers=[member(pk) for pk in _ids(data.get("scrutineers"), _("监票人"))],
            tellers=[member(pk) for pk in _ids(data.get("tellers"), _("计票人"))],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CaseError(_("请完整填写团员大会日期、应选名额和候选人")) from error


# The entry point of every 换届 step; the steps and their handlers are in process.py.
election_act = task_act
